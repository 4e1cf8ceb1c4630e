"""The bounds a content pack must keep: file and text sizes, number magnitudes, expression sizes.

No real pack comes near them; they exist so that a broken or hostile pack is refused with a
positioned error instead of exhausting memory, time or Python's recursion limit.
"""

MAX_FILE_BYTES = 4 * 1024 * 1024
"""A content file's size (the base pack's largest file is about 50 kB)."""

MAX_TEXT_CHARS = 20_000
"""One text value (the base pack's longest is about 1,200 characters)."""

MAX_NUMBER = 1_000_000
"""The magnitude of any number in a pack (meters run from -100 to 100)."""

MAX_NUMBER_CHARS = 12
"""Digits (and sign, point) of a number literal: longer ones are refused before conversion."""

MAX_YAML_DEPTH = 50
"""Nesting of mappings and lists in a content file."""

MAX_EXPR_TOKENS = 1_000
"""Tokens in one expression (the base pack's longest has about 40)."""

MAX_EXPR_NESTING = 32
"""Parentheses, `not` and unary minus nested in one expression."""

MAX_EXPR_DEPTH = 64
"""Depth of a parsed expression's tree (a chain of `+` is as deep as it is long)."""
