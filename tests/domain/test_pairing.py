"""Pair codes: readable, typed loosely, refused clearly when wrong."""

import pytest

from cfpm_coach.domain import pairing
from cfpm_coach.errors import InvalidInputError


def test_new_codes_are_readable_and_normalize_to_themselves() -> None:
    codes = {pairing.new_code() for _ in range(200)}
    assert len(codes) == 200
    for code in codes:
        assert len(code) == 9 and code[4] == "-"
        assert pairing.display(pairing.normalize(code)) == code


def test_typing_is_forgiving_but_wrong_codes_are_refused() -> None:
    assert pairing.normalize(" k7qm 3xpa ") == "K7QM3XPA"
    assert pairing.normalize("ol1i-0000") == "01110000"  # O and I/L read as 0 and 1
    for bad in ("", "K7QM-3XP", "K7QM-3XPAA", "K7QM-3XPU", "K7QM_3XPA"):
        with pytest.raises(InvalidInputError, match="Pair code"):
            pairing.normalize(bad)
