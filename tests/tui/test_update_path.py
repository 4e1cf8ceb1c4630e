"""The dashboard's fast path from card to card: widgets updated in place, drawn as Textual would."""

from __future__ import annotations

from typing import cast

from textual._styles_cache import StylesCache
from textual.css.styles import RulesMap
from textual.geometry import Region
from textual.visual import RenderOptions, RichVisual
from textual.widget import Widget
from textual.widgets import Static

from game.tui.app import HonorableExit
from game.tui.memory import release_retained_caches
from game.tui.screens.dashboard import Desk
from game.tui.widgets.card import CardView, OrdersView
from game.tui.widgets.choice import ChoiceRow
from game.tui.widgets.parts import Group, RenderOnce
from game.tui.widgets.policy_summary import PolicySummary

from .conftest import LARGE, SMALL, plain_text, play_month, run, start


def test_cards_and_orders_reuse_their_widgets(app: HonorableExit) -> None:
    """Answering cards and ending months changes text, never the widgets that show it."""
    async def go() -> None:
        async with app.run_test(size=LARGE) as pilot:
            await start(pilot)
            dash = app.dashboard()
            assert dash is not None
            before = {id(w) for w in dash.query("#card *, #policy-summary *")}
            await pilot.press("1", "enter")
            await pilot.pause()
            await play_month(pilot, "1")
            after = {id(w) for w in dash.query("#card *, #policy-summary *")}
            assert after == before
            title = dash.query_one("#card-body > .card-title", Static).content
            assert f"Card 1 of {len(dash.orders.cards)}" in str(title)

    run(go())


def test_the_orders_show_the_answers_and_the_policies(app: HonorableExit) -> None:
    async def go() -> None:
        async with app.run_test(size=SMALL) as pilot:
            await start(pilot)
            dash = app.dashboard()
            assert dash is not None and app.session is not None
            cards = list(dash.orders.cards)
            while not dash.orders.at_orders:
                await pilot.press("1", "enter")
            await pilot.pause()
            orders = dash.query_one(OrdersView)
            assert orders.display and not dash.query_one("#card-body").display
            text = plain_text(orders.query_one(".card-text", Static).content)
            assert all(card.title in text for card in cards)
            names = [str(s.content) for s in orders.query(".p-name").results(Static)]
            assert names == [p.name for p in app.session.rt.pack.policies]

    run(go())


def test_grids_draw_exactly_as_textual_draws_them(app: HonorableExit) -> None:
    """`RenderOnce` gives the same height and the same segments as Textual's own Rich visual."""
    async def go() -> None:
        async with app.run_test(size=LARGE) as pilot:
            await start(pilot)
            dash = app.dashboard()
            assert dash is not None
            for row in dash.query(ChoiceRow):
                if not row.display:
                    continue
                once = row.render()
                assert isinstance(once, RenderOnce)
                plain = RichVisual(row, once.renderable)
                style = row.visual_style
                rules = cast("RulesMap", row.styles)
                options = RenderOptions(row._get_style, rules)
                for width in (20, 47, row.size.width):
                    assert once.get_height(rules, width) == plain.get_height(rules, width)
                    ours = once.render_strips(width, None, style, options)
                    theirs = plain.render_strips(width, None, style, options)
                    assert [list(s) for s in ours] == [list(s) for s in theirs]

    run(go())


def test_plain_containers_draw_the_same_lines(app: HonorableExit) -> None:
    """Drawing one line of a plain container and repeating it is what Textual would draw."""
    async def go() -> None:
        async with app.run_test(size=LARGE) as pilot:
            await start(pilot)
            dash = app.dashboard()
            assert dash is not None
            for widget in [dash.query_one(Desk), dash.query_one(CardView), *dash.query(Group)]:
                if not widget.display or not widget.size:
                    continue
                crop = Region(0, 0, widget.outer_size.width, widget.outer_size.height)
                ours = widget.render_lines(crop)
                widget._styles_cache.clear()
                theirs = Widget.render_lines(widget, crop)
                assert [list(s) for s in ours] == [list(s) for s in theirs]

    run(go())


def test_policies_are_updated_in_place(app: HonorableExit) -> None:
    async def go() -> None:
        async with app.run_test(size=LARGE) as pilot:
            await start(pilot)
            dash = app.dashboard()
            assert dash is not None
            summary = dash.query_one(PolicySummary)
            statics = list(summary.query(Static))
            summary.refresh_text()
            await pilot.pause()
            assert list(summary.query(Static)) == statics

    run(go())


def test_removed_widgets_do_not_keep_their_drawings() -> None:
    """Textual's per-instance colour cache holds style caches of dead widgets until released."""
    release_retained_caches()
    assert StylesCache.get_inner_outer.cache_info().currsize == 0
