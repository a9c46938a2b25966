"""Observations through the services, against a real SQLite file."""

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text

from cfpm_coach.errors import (
    IncompleteObservationError,
    InstrumentError,
    InvalidInputError,
    NotFoundError,
    ObservationLockedError,
)
from cfpm_coach.services.workspace import Workspace
from cfpm_coach.views.observations import ObservationDetail
from cfpm_coach.views.workers import WorkerView


def _rate_all(ws: Workspace, obs: ObservationDetail, value: int = 2) -> None:
    for item in obs.instrument.items:
        ws.observations.rate(obs.id, item.id, value)


def test_start_records_instrument_version_and_hash(workspace: Workspace,
                                                   worker: WorkerView) -> None:
    when = datetime(2026, 3, 4, 17, 30, tzinfo=UTC)
    obs = workspace.observations.start(worker.id, "cpm-practice", "cft_meeting", started_at=when,
                                       case_reference=" 2026-0412 ", co_observer="Bao Tran",
                                           instrument_version=1)
    instrument = workspace.catalog.get("cpm-practice", 1)
    with workspace.store.read() as session:
        row = session.execute(text("SELECT * FROM observation")).one()
    assert (row.instrument_id, row.instrument_version) == ("cpm-practice", instrument.version)
    assert row.instrument_hash == instrument.content_hash
    assert obs.summary.started_at == when and obs.summary.status == "draft"
    assert obs.case_reference == "2026-0412" and obs.co_observer == "Bao Tran"
    assert obs.editable and obs.summary.total == 22 and obs.summary.rated == 0


def test_start_refuses_bad_input(workspace: Workspace, worker: WorkerView) -> None:
    with pytest.raises(InvalidInputError, match="setting"):
        workspace.observations.start(worker.id, "cpm-practice", "beach", instrument_version=1)
    with pytest.raises(InstrumentError):
        workspace.observations.start(worker.id, "no-such-instrument", "home_visit")
    with pytest.raises(NotFoundError):
        workspace.observations.start(uuid.uuid4(), "cpm-practice", "home_visit", instrument_version=1)
    with pytest.raises(InvalidInputError, match="time zone"):
        workspace.observations.start(worker.id, "cpm-practice", "home_visit",
                                     started_at=datetime(2026, 1, 1), instrument_version=1)
    with pytest.raises(InvalidInputError, match="case reference"):
        workspace.observations.start(worker.id, "cpm-practice", "home_visit",
                                     case_reference="x" * 41, instrument_version=1)
    assert workspace.observations.find() == []


def test_rate_each_call_is_committed(workspace: Workspace, draft: ObservationDetail) -> None:
    view = workspace.observations.rate(draft.id, "engagement.1", 3)
    assert view.value == 3
    # A second, independent connection sees it at once: it was committed, not just flushed.
    import sqlite3

    with sqlite3.connect(workspace.store.path) as conn:
        assert conn.execute("SELECT value FROM rating").fetchall() == [(3,)]
    workspace.observations.rate(draft.id, "engagement.1", 1)
    workspace.observations.set_evidence(draft.id, "engagement.1", "  Asked open questions.  ")
    detail = workspace.observations.get(draft.id)
    assert detail.ratings["engagement.1"].value == 1
    assert detail.ratings["engagement.1"].note == "Asked open questions."
    with workspace.store.read() as session:
        revision = session.execute(text("SELECT revision FROM rating")).scalar()
    assert revision == 3


def test_rate_refuses_off_scale_and_unknown_behaviors(workspace: Workspace,
                                                      draft: ObservationDetail) -> None:
    with pytest.raises(InvalidInputError, match="scale"):
        workspace.observations.rate(draft.id, "engagement.1", 4)
    with pytest.raises(InvalidInputError, match=r"lean_in\.1"):
        workspace.observations.rate(draft.id, "lean_in.1", 3)
    assert workspace.observations.get(draft.id).ratings == {}


def test_clear_rating_for_undo(workspace: Workspace, draft: ObservationDetail) -> None:
    workspace.observations.rate(draft.id, "assessment.2", 2)
    workspace.observations.rate(draft.id, "assessment.2", None)
    assert workspace.observations.get(draft.id).value("assessment.2") is None


def test_finalize_refuses_while_incomplete(workspace: Workspace, draft: ObservationDetail) -> None:
    workspace.observations.rate(draft.id, "engagement.1", 3)
    with pytest.raises(IncompleteObservationError) as caught:
        workspace.observations.finalize(draft.id)
    assert len(caught.value.missing) == 21 and "engagement.2" in caught.value.missing
    assert workspace.observations.get(draft.id).summary.status == "draft"


def test_partial_finalize_when_confirmed(workspace: Workspace, draft: ObservationDetail) -> None:
    workspace.observations.rate(draft.id, "engagement.1", 3)
    final = workspace.observations.finalize(draft.id, allow_partial=True)
    assert final.summary.status == "final" and not final.editable
    assert final.scores.unrated == 21 and final.summary.score.share_proficient == 1.0


def test_finalized_is_read_only_until_amended(workspace: Workspace,
                                              draft: ObservationDetail) -> None:
    _rate_all(workspace, draft, 2)
    workspace.observations.write_notes(draft.id, strengths="Clear", next_steps="Practise")
    final = workspace.observations.finalize(draft.id)
    assert final.summary.status == "final" and final.finalized_at is not None
    assert final.summary.ended_at is not None
    assert final.summary.score.share_proficient == 0.0 and final.summary.score.mean == 2.0
    for change in (
        lambda: workspace.observations.rate(draft.id, "engagement.1", 3),
        lambda: workspace.observations.set_evidence(draft.id, "engagement.1", "late"),
        lambda: workspace.observations.write_notes(draft.id, strengths="changed"),
        lambda: workspace.observations.discard_draft(draft.id),
    ):
        with pytest.raises(ObservationLockedError):
            change()

    with pytest.raises(InvalidInputError, match="reason"):
        workspace.observations.amend(draft.id, "  ")
    amended = workspace.observations.amend(draft.id, "Rated the wrong behavior in engagement")
    assert amended.summary.status == "amended" and amended.editable
    workspace.observations.rate(draft.id, "engagement.1", 3)
    relocked = workspace.observations.finalize(draft.id)
    assert not relocked.editable and relocked.summary.status == "amended"
    assert relocked.value("engagement.1") == 3
    assert relocked.scores.overall.proficient == 1
    assert [a.reason for a in relocked.amendments] == ["Rated the wrong behavior in engagement"]
    assert relocked.amendments[0].closed_at is not None
    with workspace.store.read() as session:
        actions = [r[0] for r in session.execute(text(
            "SELECT action FROM audit_log WHERE entity = 'observation' ORDER BY at"))]
    assert actions[-3:] == ["finalize", "amend", "finalize_amendment"]


def test_amending_a_draft_or_twice_is_refused(workspace: Workspace,
                                              draft: ObservationDetail) -> None:
    with pytest.raises(InvalidInputError, match="draft"):
        workspace.observations.amend(draft.id, "why")
    workspace.observations.finalize(draft.id, allow_partial=True)
    workspace.observations.amend(draft.id, "first")
    with pytest.raises(InvalidInputError, match="already open"):
        workspace.observations.amend(draft.id, "second")


def test_discard_draft_is_a_tombstone(workspace: Workspace, draft: ObservationDetail) -> None:
    workspace.observations.discard_draft(draft.id)
    assert workspace.observations.find() == []
    with pytest.raises(NotFoundError):
        workspace.observations.get(draft.id)
    with workspace.store.read() as session:
        assert session.execute(
            text("SELECT deleted_at IS NOT NULL FROM observation")).scalar() == 1


def test_update_details_checks_times(workspace: Workspace, draft: ObservationDetail) -> None:
    start = draft.summary.started_at
    with pytest.raises(InvalidInputError, match="end time"):
        workspace.observations.update_details(draft.id, ended_at=start - timedelta(minutes=5))
    updated = workspace.observations.update_details(
        draft.id, setting="court", ended_at=start + timedelta(hours=1), case_reference="")
    assert updated.summary.setting == "court" and updated.case_reference is None


def test_history_lists_newest_first_with_scores(workspace: Workspace, worker: WorkerView) -> None:
    base = datetime(2026, 1, 1, 9, tzinfo=UTC)
    for month, value in enumerate([1, 2, 3]):
        obs = workspace.observations.start(worker.id, "cpm-practice", "home_visit",
                                           started_at=base + timedelta(days=31 * month), instrument_version=1)
        _rate_all(workspace, obs, value)
        workspace.observations.finalize(obs.id)
    history = workspace.observations.find(worker_id=worker.id)
    assert [o.score.mean for o in history] == [3.0, 2.0, 1.0]
    assert [o.worker_name for o in history] == [worker.name] * 3
    assert workspace.observations.drafts() == []


def test_notes_refuse_unknown_fields(workspace: Workspace, draft: ObservationDetail) -> None:
    with pytest.raises(InvalidInputError, match="unknown"):
        workspace.observations.write_notes(draft.id, mood="great")


def test_an_office_instrument_is_not_started_on_a_worker(workspace: Workspace,
                                                         worker: WorkerView) -> None:
    assert workspace.catalog.get("cpm-implementation").subject == "office"
    with pytest.raises(InvalidInputError,
                       match=r"instrument: .*implementation supports rates an office's"):
        workspace.observations.start(worker.id, "cpm-implementation", "home_visit")
    assert workspace.observations.find() == []
