"""Keeping a long campaign's memory flat: caches in Textual that outlive the widgets they serve."""

from __future__ import annotations

from contextlib import suppress


def release_retained_caches() -> None:
    """Let go of the drawings of widgets that are gone.

    Textual's `StylesCache.get_inner_outer` is an `lru_cache` on an *instance* method: it keeps
    the style caches of up to 1024 widgets alive after those widgets are removed, and each
    holds every line it last drew. The footer rebuilds its keys as the bindings change, so over
    a campaign that is ten megabytes of dead lines. Clearing the cache (a pair of colours per
    entry, recomputed on the next paint) frees them.
    """
    with suppress(ImportError, AttributeError):  # a Textual without that cache: nothing to do
        from textual._styles_cache import StylesCache

        StylesCache.get_inner_outer.cache_clear()
