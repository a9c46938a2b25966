"""A county's 4-level practice instrument, authored as a spreadsheet the way a county would.

Beginning, Developing, Proficient, Exemplary (proficient from 3) and No opportunity (0): the
behaviors are the shipped practice ones, each with four anchors, written to an .xlsx workbook and
installed with the real `cfpm-coach instruments import` command.
"""

from pathlib import Path

from cfpm_coach.cli import main
from cfpm_coach.domain.catalog import load_instrument
from cfpm_coach.domain.instrument_sheet import instrument_tables
from cfpm_coach.domain.instruments import Instrument
from cfpm_coach.domain.sheet_tables import write_tables
from tests.conftest import INSTRUMENTS_DIR

FOUR_LEVEL_ID = "county-four"
FOUR_LEVEL_TITLE = "Four-level county practice profile"
LEVELS = [(1, "beginning", "Beginning"), (2, "developing", "Developing"),
          (3, "proficient", "Proficient"), (4, "exemplary", "Exemplary")]


def four_level_instrument(instrument_id: str = FOUR_LEVEL_ID,
                          title: str = FOUR_LEVEL_TITLE) -> Instrument:
    """The instrument the workbook holds (built in memory, for comparison)."""
    data = load_instrument(INSTRUMENTS_DIR / "cpm-practice.v1.yaml").model_dump()
    data.update(id=instrument_id, title=title,
                source_note="Sample County's own four-level practice profile (a test fixture).")
    data["scale"] = {"proficient_threshold": 3, "levels": [
        *({"value": v, "code": code, "label": label,
           "description": f"The worker is {label.lower()} in this behavior."}
          for v, code, label in LEVELS),
        {"value": 0, "code": "no_opportunity", "label": "No opportunity to observe",
         "scored": False, "description": "Left out of every score."}]}
    for group in data["groups"]:
        for item in group["items"]:
            item["anchors"] = {v: f"{label}: {item['label'].lower()}." for v, _, label in LEVELS}
    return Instrument.model_validate(data)


def four_level_workbook(folder: Path, instrument_id: str = FOUR_LEVEL_ID,
                        title: str = FOUR_LEVEL_TITLE) -> Path:
    """The instrument as the .xlsx workbook a county fills in."""
    path = folder / f"{instrument_id}.xlsx"
    write_tables(path, instrument_tables(four_level_instrument(instrument_id, title)))
    return path


def install_four_level(data_dir: Path, folder: Path, instrument_id: str = FOUR_LEVEL_ID,
                       title: str = FOUR_LEVEL_TITLE) -> Instrument:
    """`cfpm-coach instruments import` of the workbook into a data folder (or a hub's folder);
    another id and title give a second county's instrument (one sorting after the shipped)."""
    assert main(["instruments", "import", "--data-dir", str(data_dir),
                 str(four_level_workbook(folder, instrument_id, title))]) == 0
    installed = load_instrument(data_dir / "instruments" / f"{instrument_id}.v1.yaml")
    assert installed.content_hash == four_level_instrument(instrument_id, title).content_hash
    return installed
