"""The bundle reader's fast first pass (records.prechecked_readers) never changes an answer: every
line reads to the same record, or is refused with the same sentence, as the table's model alone
would give (the rules of domain/record_rules.py)."""

import json
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cfpm_coach.errors import BundleError
from cfpm_coach.storage.exchange_repo import BUNDLE_TABLES
from cfpm_coach.sync import bundle, records
from cfpm_coach.sync.records import (
    LATER_OPTIONAL,
    FileEntry,
    prechecked_readers,
    record_models,
    time_columns,
)
from tests.services.test_one_validation import (
    _record,
    hostile_days,
    hostile_text,
    hostile_times,
)

pytestmark = pytest.mark.fuzz

TEXT_FIELDS = {"worker": ["name", "role", "office"], "observation": ["case_reference",
               "co_observer", "strengths", "pair_code", "instrument_id"],
               "rating": ["note", "behavior_id"], "goal": ["text"]}
TIME_FIELDS = {"worker": ["created_at", "updated_at", "deleted_at"],
               "observation": ["started_at", "finalized_at"], "rating": ["updated_at"],
               "goal": ["created_at"]}


def _line(record: dict[str, Any]) -> bytes:
    def plain(value: Any) -> str:
        return value.isoformat() if isinstance(value, datetime | date) else str(value)
    return json.dumps(record, default=plain, ensure_ascii=True).encode()


def _outcome(read: Any) -> tuple[str, Any]:
    try:
        return "read", read()
    except BundleError as exc:
        return "refused", str(exc)


def _both(table: str, line: bytes) -> tuple[tuple[str, Any], tuple[str, Any]]:
    """What the reader answers, and what the table's model alone answers, for one line."""
    entry = FileEntry(path=f"data/{table}.jsonl", records=10, bytes=0, sha256="")
    model = record_models()[table]
    reader = bundle._TableReader(model, prechecked_readers()[table], LATER_OPTIONAL.get(table, ()),
                                 time_columns(table))
    return (_outcome(lambda: reader.record(line, entry, 1)),
            _outcome(lambda: bundle._record(model, line.decode("utf-8"), entry.path, 1)))


@given(table=st.sampled_from(sorted(TEXT_FIELDS)), data=st.data(), text=hostile_text)
def test_text_reads_as_the_model_reads_it(table: str, data: st.DataObject, text: str) -> None:
    field = data.draw(st.sampled_from(TEXT_FIELDS[table]))
    fast, exact = _both(table, _line(_record(table, **{field: text})))
    assert fast == exact


@given(table=st.sampled_from(sorted(TIME_FIELDS)), data=st.data(), when=hostile_times)
def test_times_read_as_the_model_reads_them(table: str, data: st.DataObject,
                                            when: datetime) -> None:
    field = data.draw(st.sampled_from(TIME_FIELDS[table]))
    fast, exact = _both(table, _line(_record(table, **{field: when})))
    assert fast == exact
    # Equal times compare equal whatever their tzinfo; the stored form is made faster from the
    # standard library's UTC, so both passes must give that one (not pydantic-core's own).
    assert [type(o[1][field].tzinfo) for o in (fast, exact) if o[0] == "read"] == \
        [type(UTC)] * (fast[0] == "read") * 2


@given(day=hostile_days)
def test_due_dates_read_as_the_model_reads_them(day: date) -> None:
    fast, exact = _both("goal", _line(_record("goal", due_date=day)))
    assert fast == exact


def test_a_time_with_another_offset_reads_in_utc() -> None:
    """Any offset is read in UTC, on the first pass as by the model."""
    local = datetime.now(UTC).astimezone(timezone(timedelta(hours=-8))) - timedelta(hours=2)
    fast, exact = _both("worker", _line(_record("worker", updated_at=local)))
    assert fast == exact
    assert fast[0] == "read" and fast[1]["updated_at"].utcoffset() == timedelta(0)
    assert fast[1]["updated_at"] == local


def test_a_missing_later_column_reads_as_none() -> None:
    """pair_code came after format 1: a record without it reads with None, on both passes."""
    record = _record("observation")
    del record["pair_code"]
    fast, exact = _both("observation", _line(record))
    assert fast == exact and fast[0] == "read" and fast[1]["pair_code"] is None


def test_a_file_that_keeps_missing_the_first_pass_is_read_by_the_model() -> None:
    """Lines the first pass refuses but the model reads (here: times after the first pass's
    bound, as with readers built a day ago) all read, and after a few dozen the reader stops
    trying the first pass for that file."""
    table = "worker"
    entry = FileEntry(path=f"data/{table}.jsonl", records=300, bytes=0, sha256="")
    day_old = records._prechecked_reader(table, BUNDLE_TABLES[table],
                                         datetime.now(UTC) - timedelta(days=1))
    reader = bundle._TableReader(record_models()[table], day_old, (), time_columns(table))
    when = (datetime.now(UTC) - timedelta(hours=1)).astimezone(timezone(timedelta(hours=5)))
    rows = [reader.record(_line(_record(table, created_at=when)), entry, n)
            for n in range(1, 301)]
    assert all(row["created_at"] == when and row["created_at"].utcoffset() == timedelta(0)
               for row in rows)
    assert reader.missed == bundle.PRECHECK_MISSES


@pytest.mark.parametrize("change", ["extra", "missing", "wrong type"])
def test_a_malformed_record_is_refused_as_the_model_refuses_it(change: str) -> None:
    record = _record("worker")
    if change == "extra":
        record["planted"] = 1
    elif change == "missing":
        del record["office"]
    else:
        record["revision"] = [1]
    fast, exact = _both("worker", _line(record))
    assert fast == exact and fast[0] == "refused"
