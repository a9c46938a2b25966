"""A county's 4-level instrument imported from a spreadsheet on two laptops and at the hub:
agreement between the two coaches, the agreement PDF, and the hub's figures over real HTTP."""

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from cfpm_coach.domain.agreement import pair_agreement
from cfpm_coach.hub.service import Hub
from cfpm_coach.services.workspace import Workspace
from cfpm_coach.sync import keys
from tests.four_level import FOUR_LEVEL_ID, install_four_level
from tests.hub.conftest import HubSetup, ServedHub, enroll, free_port

CODE = "K7QM-3XPA"
FOUR = [1, 2, 3, 4]


@pytest.fixture
def database_url() -> None:
    """SQLite only: the 4-level path does not depend on the database."""
    return None


def _open(folder: Path, name: str) -> Workspace:
    install_four_level(folder, folder.parent)
    ws = Workspace.open(folder)
    ws.profile.update_coach(name=name)
    return ws


@pytest.fixture
def coaches(tmp_path: Path) -> Iterator[tuple[Workspace, Workspace]]:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    a, b = _open(tmp_path / "a" / "data", "Coach A"), _open(tmp_path / "b" / "data", "Coach B")
    yield a, b
    a.close()
    b.close()


def rate_visit(ws: Workspace, shift: int) -> dict[str, int]:
    """A finished 4-level observation of the paired visit: 1,2,3,4,... shifted by `shift`."""
    instrument = ws.catalog.get(FOUR_LEVEL_ID)
    worker = next((w for w in ws.workers.find() if w.name == "Ana Reyes"), None) or \
        ws.workers.add("Ana Reyes", office="Harbor")
    obs = ws.observations.start(worker.id, FOUR_LEVEL_ID, "cft_meeting", pair_code=CODE)
    given = {item.id: 1 + (index + shift) % 4 for index, item in enumerate(instrument.items)}
    for behavior_id, value in given.items():
        ws.observations.rate(obs.id, behavior_id, value)
    ws.observations.finalize(obs.id)
    return given


def test_four_level_agreement_and_the_hubs_figures(coaches: tuple[Workspace, Workspace],
                                                   hub_setup: HubSetup, tmp_path: Path) -> None:
    a, b = coaches
    mine, theirs = rate_visit(a, 0), rate_visit(b, 1)
    # The hub: the same workbook imported into its folder, then Coach B syncs over HTTP.
    install_four_level(hub_setup.folder, tmp_path / "b")
    hub = Hub.open(hub_setup.folder)
    served = ServedHub(hub_setup.folder, free_port()).start()
    try:
        enroll(hub, b, hub_setup, served.url)
        result = b.sync.sync_now()
        assert result.ok and len(result.sent) == 1
        team = {"Authorization": f"Bearer {hub_setup.team_token}"}
        body = httpx.get(f"{served.url}/api/v1/fidelity", headers=team,
                         params={"by": "element", "instrument": FOUR_LEVEL_ID}).json()
    finally:
        served.stop()
        hub.close()
    instrument = b.catalog.get(FOUR_LEVEL_ID)
    rows = {row["element"]: row for row in body["rows"]}
    assert set(rows) == {g.id for g in instrument.groups}
    for group in instrument.groups:
        values = [theirs[item.id] for item in group.items]
        row = rows[group.id]
        assert row["ratings"] == len(values)
        assert row["proficient"] == sum(1 for v in values if v >= 3)  # Proficient and Exemplary
        assert row["mean"] == pytest.approx(sum(values) / len(values))
    assert max(theirs.values()) == 4

    # Coach B's bundle, brought to Coach A: the two ratings of the visit compared.
    identity = tmp_path / "team.key"
    recipient = keys.new_team_identity(identity)
    bundle = b.exchange.export(tmp_path / "out", recipient, full=True).path
    a.exchange.import_bundle(bundle, identity, [b.exchange.device_public_key()])

    report = a.reports.agreement(FOUR_LEVEL_ID)
    [visit] = report.visits
    order = [item.id for item in report.instrument.items]
    expected = pair_agreement([mine[i] for i in order], [theirs[i] for i in order], FOUR)
    assert visit.agreement == expected
    # Shifted by one level: 4 against 1 is the only disagreement of more than one level.
    assert expected.exact == 0 and expected.within_one == pytest.approx(
        sum(1 for i in order if abs(mine[i] - theirs[i]) <= 1) / len(order))
    assert expected.within_one is not None and 0.5 < expected.within_one < 1
    pdf = a.reports.agreement_pdf(tmp_path / "agreement.pdf")
    pdftotext = shutil.which("pdftotext")
    assert pdftotext
    text = " ".join(subprocess.run([pdftotext, str(pdf), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    assert "Coach A" in text and "Coach B" in text and "Four-level" in text
