"""Migrations: empty file to head, previous version to head with data kept, newer refused."""

import hashlib
import itertools
import sqlite3
import uuid
from pathlib import Path

import pytest
from sqlalchemy import inspect

from cfpm_coach.errors import SchemaTooNewError
from cfpm_coach.services.workspace import Workspace
from cfpm_coach.storage import hub_models  # noqa: F401  (the hub's tables, on the same metadata)
from cfpm_coach.storage.engine import make_engine
from cfpm_coach.storage.migrate import head_revision, known_revisions, read_revision, upgrade
from cfpm_coach.storage.models import SQLModel


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_upgrade_empty_file_to_head_matches_models(tmp_path: Path) -> None:
    db = tmp_path / "store.sqlite3"
    result = upgrade(db, tmp_path / "backups")
    assert result.from_revision is None and result.to_revision == head_revision()
    assert result.backup is None  # nothing to protect yet
    engine = make_engine(db)
    try:
        tables = set(inspect(engine).get_table_names()) - {"alembic_version"}
        assert tables == set(SQLModel.metadata.tables)
        for name, table in SQLModel.metadata.tables.items():
            columns = {c["name"] for c in inspect(engine).get_columns(name)}
            assert columns == set(table.columns.keys()), name
    finally:
        engine.dispose()


def test_every_migration_upgrades_a_file_made_by_the_previous_one(tmp_path: Path) -> None:
    revisions = known_revisions()
    assert len(revisions) >= 2
    for previous, current in itertools.pairwise(revisions):
        db = tmp_path / f"{previous}.sqlite3"
        upgrade(db, tmp_path / "backups", target=previous)
        assert read_revision(db) == previous
        worker_id = uuid.uuid4().hex
        with sqlite3.connect(db) as conn:
            conn.execute(
                "INSERT INTO coach (id, created_at, updated_at, revision, device_id, local_seq, "
                "name, role, county, office) VALUES (?, '2026-01-01 00:00:00', "
                "'2026-01-01 00:00:00', 1, ?, 0, 'Coach', '', '', '')",
                (worker_id, worker_id),
            )
        result = upgrade(db, tmp_path / "backups", target=current)
        assert read_revision(db) == current
        assert result.backup is not None and read_revision(result.backup) == previous
        with sqlite3.connect(db) as conn:
            assert conn.execute("SELECT name FROM coach").fetchall() == [("Coach",)]
            assert conn.execute("PRAGMA foreign_key_check").fetchall() == []


def test_workspace_opens_a_database_left_at_the_first_version(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    upgrade(data / "cfpm-coach.sqlite3", data / "backups", target=known_revisions()[0])
    with Workspace.open(data) as ws:
        assert ws.store.schema_revision() == head_revision()
        ws.workers.add("After upgrade")
        assert [w.name for w in ws.workers.find()] == ["After upgrade"]
    assert list((data / "backups").glob("pre-migration-*.sqlite3"))


def test_newer_schema_is_refused_and_left_untouched(tmp_path: Path) -> None:
    data = tmp_path / "data"
    with Workspace.open(data) as ws:
        ws.workers.add("Written by today's app")
        db = ws.store.path
    conn = sqlite3.connect(db)
    conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    before = _digest(db)
    with pytest.raises(SchemaTooNewError, match="newer version"):
        Workspace.open(data)
    assert _digest(db) == before
    assert not list((data / "backups").glob("pre-migration-*"))


def test_file_names_list_the_same_revisions_as_alembic() -> None:
    """Start-up reads revisions from file names; alembic's own chain must agree, in order."""
    from alembic.script import ScriptDirectory

    from cfpm_coach.storage.migrate import alembic_config

    scripts = ScriptDirectory.from_config(alembic_config())
    chain = [s.revision for s in reversed(list(scripts.walk_revisions()))]
    assert chain == known_revisions()
    assert scripts.get_current_head() == head_revision()


def test_0006_keeps_bundle_logs_and_uploads_under_their_devices(tmp_path: Path) -> None:
    """Exports are this laptop's; imports from before stay, under an unknown device; the hub's
    uploads keep their device; a second device may then log the same bundle id."""
    db = tmp_path / "store.sqlite3"
    upgrade(db, tmp_path / "backups", target="0005")
    local, hub_device = uuid.uuid4().hex, uuid.uuid4().hex
    exported, imported = uuid.uuid4().hex, uuid.uuid4().hex
    with sqlite3.connect(db) as conn:
        conn.execute("INSERT INTO device (id, label, is_local, created_at) "
                     "VALUES (?, 'laptop', 1, '2026-01-01 00:00:00')", (local,))
        for bundle, direction in ((exported, "export"), (imported, "import")):
            conn.execute("INSERT INTO bundle_log (bundle_id, direction, created_at, "
                         "high_water_seq, record_count, status) VALUES (?, ?, "
                         "'2026-01-01 00:00:00', 3, 7, 'acknowledged')", (bundle, direction))
        conn.execute("INSERT INTO hub_device (id, public_key, coach_name, token_sha256, "
                     "enrolled_at, bundles) VALUES (?, 'key', 'Coach', 'sha', "
                     "'2026-01-01 00:00:00', 1)", (hub_device,))
        conn.execute("INSERT INTO hub_upload (bundle_id, hub_device_id, sha256, size, "
                     "received_at, receipt) VALUES (?, ?, 'abc', 10, '2026-01-01 00:00:00', "
                     "'{}')", (imported, hub_device))
    upgrade(db, tmp_path / "backups")
    with sqlite3.connect(db) as conn:
        logs = dict(conn.execute("SELECT bundle_id, device_id FROM bundle_log").fetchall())
        assert logs == {exported: local, imported: "0" * 32}
        conn.execute("INSERT INTO bundle_log (bundle_id, device_id, direction, created_at, "
                     "high_water_seq, record_count, status) VALUES (?, ?, 'import', "
                     "'2026-01-02 00:00:00', 0, 1, 'imported')", (imported, uuid.uuid4().hex))
        assert conn.execute("SELECT hub_device_id, bundle_id, size FROM hub_upload").fetchall() \
            == [(hub_device, imported, 10)]
        assert conn.execute("SELECT laptop_device_id, coach_id FROM hub_device").fetchall() \
            == [(None, None)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []


def test_0008_adds_invitations_beside_the_enrolled_devices_of_0007(tmp_path: Path) -> None:
    """A hub at 0007 keeps its devices; an invitation can then name one of them, and two
    invitations with the same code hash are refused."""
    db = tmp_path / "store.sqlite3"
    upgrade(db, tmp_path / "backups", target="0007")
    device = uuid.uuid4().hex
    with sqlite3.connect(db) as conn:
        conn.execute("INSERT INTO hub_device (id, public_key, coach_name, token_sha256, "
                     "enrolled_at, bundles) VALUES (?, 'key', 'Coach', 'sha', "
                     "'2026-01-01 00:00:00', 0)", (device,))
    upgrade(db, tmp_path / "backups", target="0008")
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT id, coach_name FROM hub_device").fetchall() \
            == [(device, "Coach")]
        insert = ("INSERT INTO hub_invitation (id, code_sha256, coach_name, created_at, "
                  "expires_at, used_at, hub_device_id) VALUES (?, 'abc', 'Coach', "
                  "'2026-01-01 00:00:00', '2026-01-08 00:00:00', '2026-01-02 00:00:00', ?)")
        conn.execute(insert, (uuid.uuid4().hex, device))
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute(insert, (uuid.uuid4().hex, None))
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []


def test_0009_adds_hub_accounts_and_keeps_enrolled_devices(tmp_path: Path) -> None:
    """A hub made by 0008 keeps its devices and uploads; accounts, sessions, tokens, the access
    log and refusals start empty and take rows."""
    db = tmp_path / "hub.sqlite3"
    upgrade(db, tmp_path / "backups", target="0008")
    device = uuid.uuid4().hex
    with sqlite3.connect(db) as conn:
        conn.execute("INSERT INTO hub_device (id, public_key, coach_name, token_sha256, "
                     "enrolled_at, bundles) VALUES (?, 'key', 'Coach', 'sha', "
                     "'2026-01-01 00:00:00', 1)", (device,))
    upgrade(db, tmp_path / "backups", target="0009")
    account = uuid.uuid4().hex
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT id, coach_name FROM hub_device").fetchall() == [
            (device, "Coach")]
        for table in ("hub_account", "hub_session", "hub_api_token", "hub_signin_failure",
                      "hub_access_log", "hub_refusal"):
            assert conn.execute(f"SELECT count(*) FROM {table}").fetchone() == (0,)
        conn.execute("INSERT INTO hub_account (id, email, role, scope_kind, scope_value, "
                     "password_hash, created_at) VALUES (?, 'a@example.org', 'admin', 'hub', '', "
                     "'$argon2id$x', '2026-01-01 00:00:00')", (account,))
        conn.execute("INSERT INTO hub_session (id_sha256, account_id, csrf_token, created_at, "
                     "expires_at, last_seen_at) VALUES ('s', ?, 'c', '2026-01-01 00:00:00', "
                     "'2026-01-01 08:00:00', '2026-01-01 00:00:00')", (account,))
        conn.execute("INSERT INTO hub_refusal (at, hub_device_id, http_status, error, detail) "
                     "VALUES ('2026-01-01 00:00:00', ?, 403, 'OwnershipError', 'why')", (device,))
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute("INSERT INTO hub_account (id, email, role, scope_kind, scope_value, "
                         "password_hash, created_at) VALUES (?, 'a@example.org', 'analyst', "
                         "'hub', '', 'h', '2026-01-01 00:00:00')", (uuid.uuid4().hex,))
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []


def test_0010_adds_an_empty_casework_component_to_every_observation(tmp_path: Path) -> None:
    """A store made by the previous version keeps its observations, each without a casework
    component (NULL: not stated), and opens in today's app, which can set one."""
    data = tmp_path / "data"
    data.mkdir()
    db = data / "cfpm-coach.sqlite3"
    upgrade(db, data / "backups", target="0009")
    ids = {name: uuid.uuid4().hex for name in ("coach", "worker", "observation", "device")}
    with sqlite3.connect(db) as conn:
        columns = {row[1] for row in conn.execute("PRAGMA table_info(observation)")}
        assert "casework_component" not in columns
        stamp = "'2026-01-01 00:00:00', '2026-01-01 00:00:00', 1, ?, 0"
        conn.execute(f"INSERT INTO coach (id, created_at, updated_at, revision, device_id, "
                     f"local_seq, name, role, county, office) VALUES (?, {stamp}, 'Coach', '', "
                     "'', '')", (ids["coach"], ids["device"]))
        conn.execute(f"INSERT INTO worker (id, created_at, updated_at, revision, device_id, "
                     f"local_seq, name, role, unit, office, county, active) VALUES (?, {stamp}, "
                     "'Ana', '', '', 'North', '', 1)", (ids["worker"], ids["device"]))
        conn.execute(f"INSERT INTO observation (id, created_at, updated_at, revision, device_id, "
                     f"local_seq, worker_id, coach_id, instrument_id, instrument_version, "
                     f"instrument_hash, setting, started_at, status, strengths, growth_areas, "
                     f"next_steps) VALUES (?, {stamp}, ?, ?, 'cpm-practice', 1, ?, 'home_visit', "
                     "'2026-01-01 00:00:00', 'final', '', '', '')",
                     (ids["observation"], ids["device"], ids["worker"], ids["coach"], "0" * 64))
    upgrade(db, data / "backups", target="0010")
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT id, casework_component FROM observation").fetchall() == [
            (ids["observation"], None)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    with Workspace.open(data) as ws:
        [summary] = ws.observations.find()
        assert summary.casework_component is None and summary.instrument_version == 1


def test_0011_adds_empty_password_setup_codes_and_keeps_accounts(tmp_path: Path) -> None:
    """A hub made by 0010 keeps its accounts; one-time set-password codes start empty, take
    rows for an account, and a code's hash is kept once."""
    db = tmp_path / "hub.sqlite3"
    upgrade(db, tmp_path / "backups", target="0010")
    account = uuid.uuid4().hex
    with sqlite3.connect(db) as conn:
        conn.execute("INSERT INTO hub_account (id, email, role, scope_kind, scope_value, "
                     "password_hash, created_at) VALUES (?, 'a@example.org', 'admin', 'hub', '', "
                     "'$argon2id$x', '2026-01-01 00:00:00')", (account,))
    upgrade(db, tmp_path / "backups", target="0011")
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT id, email FROM hub_account").fetchall() == [
            (account, "a@example.org")]
        assert conn.execute("SELECT count(*) FROM hub_password_setup").fetchone() == (0,)
        row = ("sha", account, "2026-01-01 00:00:00", "2026-01-08 00:00:00")
        conn.execute("INSERT INTO hub_password_setup (code_sha256, account_id, created_at, "
                     "expires_at) VALUES (?, ?, ?, ?)", row)
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute("INSERT INTO hub_password_setup (code_sha256, account_id, created_at, "
                         "expires_at) VALUES (?, ?, ?, ?)", row)
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []


def test_0012_adds_published_instruments_one_per_version(tmp_path: Path) -> None:
    """A hub made by 0011 keeps its accounts; published instruments start empty and hold one
    row per (instrument id, version)."""
    db = tmp_path / "hub.sqlite3"
    upgrade(db, tmp_path / "backups", target="0011")
    with sqlite3.connect(db) as conn:
        conn.execute("INSERT INTO hub_account (id, email, role, scope_kind, scope_value, "
                     "password_hash, created_at) VALUES (?, 'a@example.org', 'admin', 'hub', '', "
                     "'h', '2026-01-01 00:00:00')", (uuid.uuid4().hex,))
    upgrade(db, tmp_path / "backups", target="0012")
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM hub_account").fetchone() == (1,)
        assert conn.execute("SELECT count(*) FROM hub_published_instrument").fetchone() == (0,)
        insert = ("INSERT INTO hub_published_instrument (id, instrument_id, version, "
                  "content_hash, body, published_at) VALUES (?, 'x', 3, 'h', 'id: x', "
                  "'2026-01-01 00:00:00')")
        conn.execute(insert, (uuid.uuid4().hex,))
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute(insert, (uuid.uuid4().hex,))


def test_0013_lets_an_observation_rate_an_office_and_keeps_worker_observations(
        tmp_path: Path) -> None:
    """A store made by 0012 keeps its observations of workers (no office subject); after 0013
    an observation can name an office, its county and stage instead of a worker, and the
    database refuses both subjects at once, or neither."""
    data = tmp_path / "data"
    data.mkdir()
    db = data / "cfpm-coach.sqlite3"
    upgrade(db, data / "backups", target="0012")
    ids = {name: uuid.uuid4().hex for name in ("coach", "worker", "observation", "device")}
    stamp = "'2026-01-01 00:00:00', '2026-01-01 00:00:00', 1, ?, 0"
    with sqlite3.connect(db) as conn:
        conn.execute(f"INSERT INTO coach (id, created_at, updated_at, revision, device_id, "
                     f"local_seq, name, role, county, office) VALUES (?, {stamp}, 'Coach', '', "
                     "'', '')", (ids["coach"], ids["device"]))
        conn.execute(f"INSERT INTO worker (id, created_at, updated_at, revision, device_id, "
                     f"local_seq, name, role, unit, office, county, active) VALUES (?, {stamp}, "
                     "'Ana', '', '', 'North', '', 1)", (ids["worker"], ids["device"]))
        conn.execute(f"INSERT INTO observation (id, created_at, updated_at, revision, device_id, "
                     f"local_seq, worker_id, coach_id, instrument_id, instrument_version, "
                     f"instrument_hash, setting, started_at, status, strengths, growth_areas, "
                     f"next_steps) VALUES (?, {stamp}, ?, ?, 'cpm-practice', 1, ?, 'home_visit', "
                     "'2026-01-01 00:00:00', 'final', '', '', '')",
                     (ids["observation"], ids["device"], ids["worker"], ids["coach"], "0" * 64))
        conn.execute(f"INSERT INTO rating (id, created_at, updated_at, revision, device_id, "
                     f"local_seq, observation_id, behavior_id, value, note) VALUES (?, {stamp}, "
                     "?, 'engagement.1', 3, '')",
                     (uuid.uuid4().hex, ids["device"], ids["observation"]))
    upgrade(db, data / "backups", target="0013")
    insert = (f"INSERT INTO observation (id, created_at, updated_at, revision, device_id, "
              f"local_seq, worker_id, coach_id, instrument_id, instrument_version, "
              f"instrument_hash, setting, started_at, status, strengths, growth_areas, "
              f"next_steps, office, county, implementation_stage) VALUES (?, {stamp}, ?, ?, "
              "'cpm-implementation', 1, ?, 'team_meeting', '2026-02-01 00:00:00', 'draft', '', "
              "'', '', ?, ?, ?)")
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT id, worker_id, office, county, implementation_stage "
                            "FROM observation").fetchall() == [
            (ids["observation"], ids["worker"], None, None, None)]
        assert conn.execute("SELECT count(*) FROM rating").fetchone() == (1,)
        office = uuid.uuid4().hex
        conn.execute(insert, (office, ids["device"], None, ids["coach"], "0" * 64, "North",
                              "Alameda", "installation"))
        for worker, place in ((ids["worker"], "North"), (None, None)):
            with pytest.raises(sqlite3.IntegrityError, match="one_subject"):
                conn.execute(insert, (uuid.uuid4().hex, ids["device"], worker, ids["coach"],
                                      "0" * 64, place, place and "Alameda",
                                      place and "installation"))
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    with Workspace.open(data) as ws:
        found = {s.id.hex: s for s in ws.observations.find()}
        assert found[ids["observation"]].worker_name == "Ana"
        assert found[office].worker_id is None
        assert found[office].worker_name == "North, Alameda"
        assert found[office].implementation_stage == "installation"
