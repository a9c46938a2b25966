"""Formula-safe CSV cells: any text comes back exactly, no text cell starts like a formula."""

from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cfpm_coach.domain.csv_cells import FORMULA_STARTS, safe_cell, safe_text
from tests.fuzzing import examples

pytestmark = pytest.mark.fuzz

# Text that starts like a formula more often than text() alone would.
hostile = st.builds(lambda quotes, start, rest: "'" * quotes + start + rest,
                    st.integers(0, 2), st.sampled_from([*FORMULA_STARTS, "", "'", " "]), st.text())


def read_back(cell: str) -> str:
    """What an analyst's script does: one leading quote before a formula character is ours."""
    if cell.startswith("'") and cell.lstrip("'").startswith(FORMULA_STARTS):
        return cell[1:]
    return cell


@settings(max_examples=examples(200))
@given(text=st.text() | hostile)
def test_any_text_is_neutralized_and_reads_back_exactly(text: str) -> None:
    cell = safe_text(text)
    assert not cell.startswith(FORMULA_STARTS)
    assert read_back(cell) == text
    assert cell == text or cell == "'" + text  # at most one quote, never anything else changed


@pytest.mark.parametrize(("value", "cell"), [
    ("=HYPERLINK(\"http://x\",\"y\")", "'=HYPERLINK(\"http://x\",\"y\")"),
    ("+1 555 0100", "'+1 555 0100"), ("-0.5", "'-0.5"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\tx", "'\tx"), ("\r=1", "'\r=1"), ("'=1", "''=1"), ("'Ohana", "'Ohana"), ("Ana", "Ana"),
    (-0.5, "-0.5"), (-3, "-3"), (2, "2"), (None, ""), (True, "True"),
    (datetime(2026, 3, 4, 5, 6, tzinfo=UTC), "2026-03-04T05:06:00+00:00"),
])
def test_numbers_the_app_writes_stay_numbers_and_text_is_text(value: object, cell: str) -> None:
    assert safe_cell(value) == cell
