"""Two coaches rate the same visit on their own laptops; one imports the other's bundle."""

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from cfpm_coach.domain.agreement import pair_agreement
from cfpm_coach.services.workspace import Workspace
from cfpm_coach.sync import keys

CODE = "K7QM-3XPA"


def rate_visit(ws: Workspace, worker_name: str, special: dict[str, int]) -> dict[str, int]:
    """A finished observation of the visit with the pair code; returns the values given."""
    practice = ws.catalog.get("cpm-practice", 1)
    worker = next((w for w in ws.workers.find() if w.name == worker_name), None) or \
        ws.workers.add(worker_name, office="Harbor")
    obs = ws.observations.start(worker.id, "cpm-practice", "cft_meeting", pair_code=CODE,
                                instrument_version=1)
    given = {item.id: special.get(item.id, 3) for item in practice.items}
    for behavior_id, value in given.items():
        ws.observations.rate(obs.id, behavior_id, value)
    ws.observations.finalize(obs.id)
    return given


def bring_over(source: Workspace, target: Workspace, tmp_path: Path) -> None:
    """source's bundle, imported into target (the pair meets by exchanging bundles)."""
    identity = tmp_path / "team.key"
    recipient = keys.new_team_identity(identity) if not identity.exists() else \
        str(keys.load_identity(identity).to_public())
    bundle = source.exchange.export(tmp_path / "out", recipient, full=True).path
    target.exchange.import_bundle(bundle, identity, [source.exchange.device_public_key()])


@pytest.fixture
def other_laptop(tmp_path: Path) -> Iterator[Workspace]:
    ws = Workspace.open(tmp_path / "coach-b")
    ws.profile.update_coach(name="Coach B")
    yield ws
    ws.close()


def test_agreement_between_two_imported_co_observations(
        workspace: Workspace, other_laptop: Workspace, tmp_path: Path) -> None:
    workspace.profile.update_coach(name="Coach A")
    mine = rate_visit(workspace, "Ana Reyes", {"engagement.1": 1, "engagement.2": 2})
    theirs = rate_visit(other_laptop, "Ana Reyes", {"engagement.1": 3, "engagement.2": 2,
                                                    "assessment.1": 0})
    assert workspace.reports.agreement().visits == []  # alone, a visit has nothing to compare
    bring_over(other_laptop, workspace, tmp_path)

    report = workspace.reports.agreement()
    [visit] = report.visits
    assert visit.coaches == ["Coach A", "Coach B"] and visit.pair_code == "K7QM3XPA"
    # Rated on v1, compared in the newest version's behaviors through the crosswalk: 21 of
    # v2's 26 continue a v1 behavior, the other 5 are not comparable (left out).
    order = [item.id for item in report.instrument.items]
    carry = workspace.catalog.carried
    mine_now = carry("cpm-practice", 1, mine, report.instrument) or {}
    theirs_now = carry("cpm-practice", 1, theirs, report.instrument) or {}
    expected = pair_agreement([mine_now.get(b) for b in order],
                              [theirs_now.get(b) for b in order], [1, 2, 3])
    assert visit.agreement == expected
    assert expected.items == 20  # "no opportunity" on one side leaves the behavior out
    assert expected.exact == pytest.approx(19 / 20)
    assert visit.alpha is not None and visit.alpha < 1
    [pair] = report.coach_pairs
    assert pair.coaches == ("Coach A", "Coach B") and pair.visits == 1
    assert pair.agreement == expected and len(pair.by_month) == 1
    first = report.behaviors[0]
    assert first.behavior_id == "engage.1" and first.exact == 0 and first.items == 1
    assert first.mean_difference == 2
    # Nothing to compare: "no opportunity" on one side, or a behavior new in v2.
    assert {"inquiry.1", "engage.4", "foundation.1"} <= {
        b.behavior_id for b in report.behaviors if b.items == 0}


def test_agreement_pdf_reads_back(workspace: Workspace, other_laptop: Workspace,
                                  tmp_path: Path) -> None:
    from pypdf import PdfReader

    workspace.profile.update_coach(name="Coach A")
    rate_visit(workspace, "Ana Reyes", {"engagement.1": 1})
    rate_visit(other_laptop, "Ana Reyes", {"engagement.1": 3})
    bring_over(other_laptop, workspace, tmp_path)
    pdf = workspace.reports.agreement_pdf(tmp_path / "agreement.pdf", deterministic=True)
    text = "\n".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Inter-rater agreement" in text and "Coach A &" in text and "Coach B" in text
    # engagement.1 (v1) carries into engage.1 (v2), which the report names.
    label = workspace.catalog.get("cpm-practice").item("engage.1").label
    assert text.index("Calibrate first") < text.index(label) < text.index("Pairs of coaches over")
    assert "95%" in text  # 20 of the 21 comparable behaviors rated alike
    if os.environ.get("CFPM_SCREENSHOTS"):
        subprocess.run(["pdftoppm", "-r", "60", "-png", str(pdf),
                        os.environ["CFPM_SCREENSHOTS"] + "/report-agreement"], check=True)
