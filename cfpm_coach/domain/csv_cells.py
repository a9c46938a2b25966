"""CSV cells a spreadsheet will not run as formulas (OWASP's advice on CSV injection)."""

from datetime import date, datetime
from typing import Any

# A spreadsheet evaluates a text cell starting with one of these; tab and CR start DDE payloads.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_text(text: str) -> str:
    """Text as a cell: a leading quote when it starts like a formula.

    Text that already starts with quotes before such a character gets one more quote, so that
    removing one leading quote always gives back exactly what was written.
    """
    if text.lstrip("'").startswith(FORMULA_STARTS):
        return "'" + text
    return text


def safe_cell(value: Any) -> str:
    """A value as a CSV cell: numbers and times as written, any text neutralized."""
    if value is None:
        return ""
    if isinstance(value, bool | int | float):
        return str(value)  # numbers the app writes, like -0.5, stay numbers
    if isinstance(value, datetime | date):
        return value.isoformat()
    return safe_text(str(value))
