"""The short crash campaign (the long one is `make reliability`), and proof its checks can fail."""

import shutil
from pathlib import Path

import pytest

from cfpm_coach.services.workspace import Workspace
from cfpm_coach.sync import keys
from cfpm_coach.views.observations import ObservationDetail
from tests.reliability import campaign_checks as checks
from tests.reliability.campaign import Campaign


@pytest.mark.slow
def test_short_campaign_loses_nothing(tmp_path: Path) -> None:
    figures = Campaign(tmp_path, seed=20240607).run(20)
    print(figures.report())
    assert figures.kills == 20
    assert figures.lost_ratings == 0, figures.losses
    assert figures.integrity_failures == 0, figures.problems
    assert figures.problems == []
    # Every kind of child and every kind of moment was hit at least once.
    assert set(figures.modes) == {"rate", "export", "backup"}
    assert set(figures.phases) == {"startup", "short", "medium", "long"}
    assert figures.acknowledged_ratings > 20
    assert figures.bundles_verified > 0 and figures.backups_verified > 0


def test_reconcile_counts_an_acknowledged_rating_that_is_missing() -> None:
    model = {("s", "o1"): "draft", ("v", "o1", "b1"): 2, ("v", "o1", "b2"): 3}
    db = {("s", "o1"): "draft", ("v", "o1", "b1"): 2}
    verdict = checks.reconcile(model, db, None, {})
    assert verdict.lost_ratings == 1 and "b2" in verdict.losses[0]


def test_reconcile_accepts_the_write_in_flight_whole_or_not_at_all() -> None:
    model = {("s", "o1"): "draft", ("v", "o1", "b1"): 2}
    many = {"k": "many", "obs": "o1", "items": {"b1": [3, "x"], "b2": [1, "y"]}}
    whole = {**model, ("v", "o1", "b1"): 3, ("n", "o1", "b1"): "x", ("v", "o1", "b2"): 1,
             ("n", "o1", "b2"): "y"}
    assert checks.reconcile(model, model, many, {}) == checks.Verdict()
    assert checks.reconcile(model, whole, many, {}) == checks.Verdict()
    half = {**model, ("v", "o1", "b1"): 3, ("n", "o1", "b1"): "x"}
    verdict = checks.reconcile(model, half, many, {})
    assert verdict.problems and "half applied" in verdict.problems[0]
    started = {**model, ("s", "o2"): "draft"}
    assert checks.reconcile(model, started, {"k": "start"}, {}) == checks.Verdict()
    assert checks.reconcile(model, started, None, {}).problems


def test_a_truncated_file_under_a_final_name_is_caught(workspace: Workspace,
                                                        draft: ObservationDetail,
                                                        tmp_path: Path) -> None:
    recipient = keys.new_team_identity(tmp_path / "team.key")
    identity = keys.load_identity(tmp_path / "team.key")
    trusted = [keys.public_from_text(workspace.exchange.device_public_key())]
    out = tmp_path / "out"
    good = workspace.exchange.export(out, recipient).path
    cut = out / good.name.replace("cfpm-", "cfpm-cut-")
    cut.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    (out / f".{good.name}.partial").write_bytes(b"half")
    problems, verified = checks.check_bundles(out, [good.name], identity, trusted)
    assert verified == 1 and len(problems) == 1 and cut.name in problems[0]

    backups = workspace.paths.backups
    kept = workspace.maintenance.backup(backups / "kept.sqlite3")
    shutil.copyfile(kept, backups / "torn.sqlite3")
    with open(backups / "torn.sqlite3", "r+b") as handle:
        handle.truncate(kept.stat().st_size // 2)
    state = checks.read_state(workspace.store.path)  # type: ignore[arg-type]
    problems, verified = checks.check_backups(backups, {"kept.sqlite3": state,
                                                        "never-written.sqlite3": state})
    assert verified == 1
    assert any("torn.sqlite3" in p for p in problems)
    assert any("never-written.sqlite3 is missing" in p for p in problems)
