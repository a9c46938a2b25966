"""One definition: what the desktop services refuse when a person types it is exactly what the
bundle reader refuses when a record carries it, with the same words."""

import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from cfpm_coach.domain.record_rules import plain_message
from cfpm_coach.errors import InvalidInputError
from cfpm_coach.services.workspace import Workspace
from cfpm_coach.sync.records import record_models
from cfpm_coach.views.observations import ObservationDetail
from cfpm_coach.views.workers import WorkerView
from tests.fuzzing import examples

pytestmark = pytest.mark.fuzz

NOW = datetime.now(UTC)
_PIECES = ["a", "Ana", " ", "é", "王", "\x00", "\ud800", "\udfff", "\t", "\n", "\x7f", "\x85",
           "\u2028", "-"]
hostile_text = st.one_of(
    st.text(max_size=30),
    st.lists(st.sampled_from(_PIECES), max_size=8).map("".join),
    st.builds(lambda piece, n: piece * n, st.sampled_from(["x", "é", "\x00", " "]),
              st.sampled_from([0, 1, 40, 41, 120, 121, 4_000, 4_001, 100_000, 100_001])),
)
hostile_times = st.one_of(
    st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30),
                 timezones=st.sampled_from([UTC, timezone(timedelta(hours=14)),
                                            timezone(timedelta(hours=-12))])),
    st.sampled_from([datetime(9999, 12, 31, 23, 59, tzinfo=timezone(timedelta(hours=-5))),
                     datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=5))),
                     datetime(1999, 12, 31, 23, 59, 59, tzinfo=UTC), NOW - timedelta(days=3),
                     NOW + timedelta(hours=23), NOW + timedelta(days=2)]),
)
hostile_days = st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)) | \
    st.sampled_from([date(1999, 12, 31), date(2000, 1, 1), date(2099, 12, 31), date(2100, 1, 1)])


def _record(table: str, **changes: Any) -> dict[str, Any]:
    """A valid record of the table with some fields changed."""
    now = NOW - timedelta(hours=1)
    base: dict[str, Any] = {"id": uuid.uuid4(), "created_at": now, "updated_at": now,
                            "revision": 1, "device_id": uuid.uuid4(), "deleted_at": None}
    fields: dict[str, dict[str, Any]] = {
        "worker": {"name": "Ana", "role": "", "unit": "", "office": "", "county": "",
                   "active": True},
        "observation": {"worker_id": uuid.uuid4(), "coach_id": uuid.uuid4(),
                        "instrument_id": "cpm-practice", "instrument_version": 1,
                        "instrument_hash": "0" * 64, "setting": "home_visit",
                        "started_at": now, "ended_at": None, "case_reference": None,
                        "co_observer": None, "pair_code": None, "status": "draft",
                        "finalized_at": None, "strengths": "", "growth_areas": "",
                        "next_steps": ""},
        "rating": {"observation_id": uuid.uuid4(), "behavior_id": "engagement.1",
                   "value": None, "note": ""},
        "goal": {"worker_id": uuid.uuid4(), "observation_id": None,
                 "behavior_ids": ["engagement.1"], "text": "Listen first", "due_date": None,
                 "status": "open"},
    }
    return {**base, **fields[table], **changes}


def reader_refusal(table: str, field: str, value: Any) -> str | None:
    """The bundle reader's message for a record carrying value in field, or None if it reads."""
    try:
        record_models()[table].model_validate(_record(table, **{field: value}))
    except ValidationError as exc:
        error = exc.errors()[0]
        assert error["loc"][0] == field
        return plain_message(error)
    return None


def desktop_refusal(call: Callable[[], object]) -> str | None:
    """The desktop service's message (after "field: "), or None if it stored the value."""
    try:
        call()
    except InvalidInputError as exc:
        return str(exc).split(": ", 1)[1]
    return None


@settings(max_examples=examples(60))
@given(value=hostile_text)
def test_names_offices_notes_and_goals_refused_alike(
        workspace: Workspace, worker: WorkerView, draft: ObservationDetail, value: str) -> None:
    typed = value.strip()  # the desktop trims what people type; a laptop's records are trimmed
    cases: list[tuple[str, str, Callable[[], object]]] = [
        ("worker", "name", lambda: workspace.workers.add(value)),
        ("worker", "office", lambda: workspace.workers.add("Ana", office=value)),
        ("rating", "note", lambda: workspace.observations.set_evidence(draft.id, "engagement.1",
                                                                        value)),
        ("observation", "strengths", lambda: workspace.observations.write_notes(
            draft.id, strengths=value)),
        ("observation", "co_observer", lambda: workspace.observations.update_details(
            draft.id, co_observer=value)),
    ]
    if typed:  # an empty goal text or case reference is a separate, desktop-only message
        cases.append(("goal", "text", lambda: workspace.goals.add(worker.id, value,
                                                                  ["engagement.1"])))
    for table, field, call in cases:
        desktop = desktop_refusal(call)
        reader = reader_refusal(table, field, typed or None if field == "co_observer" else typed)
        assert desktop == reader, (table, field, repr(value)[:60], desktop, reader)
    reference = desktop_refusal(lambda: workspace.observations.update_details(
        draft.id, case_reference=value))
    assert (reference is None) == (reader_refusal("observation", "case_reference",
                                                  typed or None) is None)


@settings(max_examples=examples(60))
@given(when=hostile_times, due=hostile_days)
def test_times_and_due_dates_refused_alike(workspace: Workspace, worker: WorkerView,
                                           draft: ObservationDetail, when: datetime,
                                           due: date) -> None:
    desktop = desktop_refusal(lambda: workspace.observations.update_details(draft.id,
                                                                            started_at=when))
    assert desktop == reader_refusal("observation", "started_at", when), when
    desktop = desktop_refusal(lambda: workspace.goals.add(worker.id, "Listen first",
                                                          ["engagement.1"], due_date=due))
    assert desktop == reader_refusal("goal", "due_date", due), due


def test_settings_statuses_and_scale_values_come_from_one_place(
        workspace: Workspace, draft: ObservationDetail) -> None:
    for setting in ["home_visit", "beach", "HOME_VISIT", ""]:
        desktop = desktop_refusal(lambda s=setting: workspace.observations.update_details(
            draft.id, setting=s))
        assert (desktop is None) == (reader_refusal("observation", "setting", setting) is None)
    for status in ["open", "met", "dropped", "maybe", "OPEN"]:
        goal = workspace.goals.add(draft.summary.worker_id, "Listen", ["engagement.1"])
        desktop = desktop_refusal(lambda s=status, g=goal.id: workspace.goals.update(g, status=s))
        assert (desktop is None) == (reader_refusal("goal", "status", status) is None)
    scale = draft.instrument.scale
    for value in [*(level.value for level in scale.levels), -7, 999, 2**31]:
        refused = desktop_refusal(lambda v=value: workspace.observations.rate(
            draft.id, "engagement.1", v))
        assert (refused is None) == scale.has_value(value)
