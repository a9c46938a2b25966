"""The hub's fidelity CSV (CLI --csv and the API's format=csv) is formula-safe."""

import csv
import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cfpm_coach.cli import main
from cfpm_coach.domain.catalog import InstrumentCatalog
from cfpm_coach.domain.csv_cells import FORMULA_STARTS
from cfpm_coach.hub.fidelity import aggregate
from cfpm_coach.hub.service import Hub
from cfpm_coach.services.workspace import Workspace
from cfpm_coach.storage.hub_repo import TallyRow
from tests.conftest import INSTRUMENTS_DIR
from tests.domain.test_csv_cells import read_back
from tests.fuzzing import examples
from tests.hub.conftest import HubSetup

PRACTICE = InstrumentCatalog.from_folders(INSTRUMENTS_DIR).get("cpm-practice")
text_cell = st.text(max_size=20) | st.builds(lambda s, r: s + r, st.sampled_from(FORMULA_STARTS),
                                             st.text(max_size=20))


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


@pytest.mark.fuzz
@settings(max_examples=examples(60))
@given(places=st.lists(st.tuples(text_cell, text_cell, st.sampled_from([1, 2, 3, 0])),
                       min_size=1, max_size=5))
def test_fidelity_csv_neutralizes_any_office_and_county(places: list[tuple[str, str, int]]
                                                        ) -> None:
    tallies = [TallyRow(office, county, "2026-03", "cpm-practice", "engagement.1", value, 2)
               for office, county, value in places]
    seen = {(office, county, "2026-03"): 1 for office, county, _value in places}
    table = aggregate(PRACTICE, tallies, seen, ["office", "county", "month"])
    rows = _rows(table.as_csv())
    assert len(rows) == len(table.rows)
    for row, source in zip(rows, table.rows, strict=True):
        for cell in row.values():
            if cell.startswith(FORMULA_STARTS):
                float(cell)  # only numbers the hub computed may start like that
        assert (read_back(row["office"]), read_back(row["county"])) == source.key[:2]


def test_hub_fidelity_csv_from_a_hostile_bundle(hub: Hub, hub_setup: HubSetup, laptop: Workspace,
                                                tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    worker = laptop.workers.find()[0]
    laptop.workers.edit(worker.id, office="=cmd|' /C calc'!A0", county="@SUM(1,2)")
    token = hub.enroll(laptop.exchange.device_public_key(), "Coach A").token
    sealed = laptop.exchange.export(tmp_path / "out", hub_setup.recipient, full=True).path
    assert hub.receive(token, sealed.read_bytes()).created
    assert main(["hub", "fidelity", "--data-dir", str(hub_setup.folder), "--by", "office,county",
                 "--csv"]) == 0
    rows = _rows(capsys.readouterr().out)
    assert {"office": "'=cmd|' /C calc'!A0", "county": "'@SUM(1,2)"}.items() <= \
        next(r for r in rows if r["county"] == "'@SUM(1,2)").items()
    assert not [cell for row in rows for cell in row.values() if cell.startswith(FORMULA_STARTS)]
