"""The practice instrument the figures follow is the coach's choice, kept with the settings; an
instrument that is not installed, or not a practice one, is refused and changes nothing."""

from pathlib import Path

import pytest

from cfpm_coach.errors import InstrumentError
from cfpm_coach.services.instrument_choice import PRACTICE_KEY
from cfpm_coach.services.workspace import Workspace
from tests.four_level import install_four_level

COUNTY_ID = "sample-county-practice"


def test_a_county_instrument_sorting_after_the_shipped_one_can_be_chosen_and_is_kept(
        data_dir: Path, tmp_path: Path) -> None:
    install_four_level(data_dir, tmp_path, COUNTY_ID, "Sample County practice profile")
    with Workspace.open(data_dir) as ws:
        first = ws.practice_instrument()
        assert first is not None and first.key == ("cpm-practice", 2)  # nothing chosen yet
        assert [i.key for i in ws.practice_instruments()] == [
            ("cpm-practice", 1), ("cpm-practice", 2), (COUNTY_ID, 1)]
        assert ws.choose_practice_instrument(COUNTY_ID, 1).key == (COUNTY_ID, 1)
        # Its newest version is kept as "the newest": a county's v2, once installed, follows.
        assert ws.profile.setting(PRACTICE_KEY) == {"id": COUNTY_ID, "version": None}
        assert ws.start_instrument() == (COUNTY_ID, 1)
    with Workspace.open(data_dir) as ws:
        chosen = ws.practice_instrument()
        assert chosen is not None and chosen.key == (COUNTY_ID, 1)
        # An earlier version chosen on purpose stays that version.
        ws.choose_practice_instrument("cpm-practice", 1)
        assert ws.profile.setting(PRACTICE_KEY) == {"id": "cpm-practice", "version": 1}
        assert ws.start_instrument() == ("cpm-practice", 1)
        # A leadership default for New observation wins over the practice instrument; an old
        # stored practice id ("cpm-practice", the former default) means the chosen one.
        ws.profile.set_setting("default_instrument", "cpm-leadership")
        assert ws.start_instrument() == ("cpm-leadership", 1)
        ws.profile.set_setting("default_instrument", "cpm-practice")
        assert ws.start_instrument() == ("cpm-practice", 1)


@pytest.mark.parametrize(("instrument_id", "version"), [
    ("cpm-leadership", None), ("no-such-instrument", None), ("cpm-practice", 9)])
def test_what_is_not_an_installed_practice_instrument_is_refused(
        workspace: Workspace, instrument_id: str, version: int | None) -> None:
    workspace.choose_practice_instrument("cpm-practice", 1)
    with pytest.raises(InstrumentError, match=instrument_id):
        workspace.choose_practice_instrument(instrument_id, version)
    assert workspace.profile.setting(PRACTICE_KEY) == {"id": "cpm-practice", "version": 1}
    chosen = workspace.practice_instrument()
    assert chosen is not None and chosen.key == ("cpm-practice", 1)


@pytest.mark.parametrize("stored", [
    {"id": "sample-county-practice", "version": None},  # the county's file was removed
    {"id": "cpm-leadership", "version": None},  # not a practice instrument
    {"id": "cpm-practice", "version": 7},  # a version not installed
    {"id": 5}, ["cpm-practice"], "cpm-practice", {"id": "cpm-practice", "version": True}])
def test_a_stored_choice_that_no_longer_fits_falls_back_to_the_first_practice_instrument(
        data_dir: Path, stored: object) -> None:
    with Workspace.open(data_dir) as ws:
        ws.profile.set_setting(PRACTICE_KEY, stored)
    with Workspace.open(data_dir) as ws:
        practice = ws.practice_instrument()
        assert practice is not None and practice.key == ("cpm-practice", 2)
        assert ws.start_instrument() == ("cpm-practice", 2)
