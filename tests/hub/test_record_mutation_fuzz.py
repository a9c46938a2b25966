"""Property: any value in any field of any record of a signed bundle is either refused with a
CoachError (a 4xx at the API) and nothing changes, or accepted, and then everything the hub holds
still passes the desktop's rules. Never another exception: on SQLite and on PostgreSQL."""

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cfpm_coach.domain.record_rules import RECORD_RULES
from cfpm_coach.errors import BundleError, CoachError, HubError, InvalidInputError
from cfpm_coach.hub.service import Hub
from cfpm_coach.services.record_checks import check_records
from cfpm_coach.services.workspace import Workspace
from cfpm_coach.storage import exchange_repo
from cfpm_coach.storage.exchange_repo import BUNDLE_TABLES
from cfpm_coach.sync import keys
from cfpm_coach.sync.records import record_models
from tests.fuzzing import examples
from tests.hub.conftest import HubSetup
from tests.hub.test_hub_record_validation import hub_rows
from tests.sync.conftest import Team
from tests.sync.tampering import Records, rewrite

pytestmark = pytest.mark.fuzz

_NOW = datetime.now(UTC)
_STRINGS = ["draft", "final", "amended", "open", "met", "dropped", "home_visit", "published",
            "engagement.1", "ghost.1", "cpm-practice", "0" * 64, "K7QM3XPA", "not-a-uuid",
            str(uuid.uuid4()), "9999-12-31T23:59:59-05:00", "0001-01-01T00:00:00+05:00",
            "2026-01-01T00:00:00", "2026-01-01", "1999-12-31T23:59:59Z",
            (_NOW - timedelta(days=3)).isoformat(), (_NOW + timedelta(days=3)).isoformat(),
            "9999-01-01", "", " ", "null"]
hostile_json = st.one_of(
    st.none(), st.booleans(),
    st.integers(min_value=-(2**100), max_value=2**100),
    st.sampled_from([0, 1, -1, 2, 3, 4, 999, -7, 2**31 - 1, 2**31, -(2**31) - 1, 2**63, 2**80]),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=40),
    st.lists(st.sampled_from(["a", "\x00", "\ud800", "\udfff", "\t", "\n", "é", "\u2028"]),
             max_size=6).map("".join),
    st.builds(lambda piece, n: piece * n, st.sampled_from(["x", "\x00", "é"]),
              st.sampled_from([41, 121, 4_001, 100_001, 1_000_000])),
    st.sampled_from(_STRINGS),
    st.lists(st.sampled_from(["engagement.1", "ghost.1", "\x00", 3]), max_size=4),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)


def _laptop_bundle(laptop: Workspace, setup: HubSetup, folder: Path) -> bytes:
    return laptop.exchange.export(folder, setup.recipient, full=True).path.read_bytes()


def everything_stored_is_valid(hub: Hub) -> None:
    """Every record the hub holds reads back through the rules a bundle must meet."""
    models = record_models()
    with hub.store.read() as session:
        records = {name: [models[name].model_validate(row).model_dump() for row in
                          exchange_repo.changed_rows(session=session, table=table, since_seq=-1)]
                   for name, table in BUNDLE_TABLES.items()}
        check_records(session, hub.catalog, records)


@pytest.fixture
def enrolled(hub: Hub, hub_setup: HubSetup, laptop: Workspace, tmp_path: Path
             ) -> Iterator[tuple[str, bytes, Any]]:
    token = hub.enroll(laptop.exchange.device_public_key(), "Coach A").token
    yield (token, _laptop_bundle(laptop, hub_setup, tmp_path / "out"),
           keys.device_key(laptop.paths.data_dir / "keys"))


@settings(max_examples=examples(25))
@given(data=st.data())
def test_any_value_in_any_field_is_refused_cleanly_or_stored_valid(
        hub: Hub, hub_setup: HubSetup, enrolled: tuple[str, bytes, Any],
        data: st.DataObject) -> None:
    token, sealed, key = enrolled
    team = Team(hub.config.identity_file, hub_setup.recipient)
    table = data.draw(st.sampled_from(sorted(RECORD_RULES)), label="table")
    field = data.draw(st.sampled_from(sorted(RECORD_RULES[table])), label="field")
    value = data.draw(hostile_json, label="value")
    index = data.draw(st.integers(0, 10), label="record")

    def edit(records: Records) -> None:
        rows = records.get(table) or []
        if rows:
            rows[index % len(rows)][field] = value

    candidate = rewrite(sealed, team, key, edit)
    before = hub_rows(hub)
    try:
        hub.receive(token, candidate)
    except CoachError as refusal:
        # The kinds the API answers with a 4xx and {"error", "detail"} (others are a 503).
        assert isinstance(refusal, HubError | BundleError | InvalidInputError), repr(refusal)
        assert str(refusal)
        assert hub_rows(hub) == before
        return
    everything_stored_is_valid(hub)
