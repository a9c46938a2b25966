"""The durability pragmas hold on every connection, and the file is private to its owner."""

import stat
import threading
from pathlib import Path

import pytest
from sqlalchemy import text

from cfpm_coach.errors import ConstraintError
from cfpm_coach.services.workspace import Workspace
from cfpm_coach.storage.engine import make_engine


def _pragmas(connection: object) -> dict[str, object]:
    names = ("journal_mode", "synchronous", "foreign_keys", "busy_timeout")
    return {n: connection.execute(text(f"PRAGMA {n}")).scalar() for n in names}  # type: ignore[attr-defined]


EXPECTED = {"journal_mode": "wal", "synchronous": 2, "foreign_keys": 1, "busy_timeout": 5000}


def test_pragmas_on_every_pooled_connection(tmp_path: Path) -> None:
    engine = make_engine(tmp_path / "x.sqlite3")
    held = [engine.connect() for _ in range(4)]  # four distinct DBAPI connections at once
    try:
        assert len({id(c.connection.dbapi_connection) for c in held}) == 4
        for connection in held:
            assert _pragmas(connection) == EXPECTED
    finally:
        for connection in held:
            connection.close()
        engine.dispose()


def test_pragmas_on_connections_made_in_other_threads(workspace: Workspace) -> None:
    seen: list[dict[str, object]] = []

    def probe() -> None:
        with workspace.store.engine.connect() as connection:
            seen.append(_pragmas(connection))

    threads = [threading.Thread(target=probe) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert seen == [EXPECTED] * 3


def test_store_file_is_owner_only(workspace: Workspace) -> None:
    workspace.workers.add("Someone")
    for path in (workspace.store.path, workspace.store.path.with_name(
            workspace.store.path.name + "-wal")):
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == 0o600, (path, oct(mode))
    assert stat.S_IMODE(workspace.paths.data_dir.stat().st_mode) == 0o700


def test_foreign_keys_are_enforced(workspace: Workspace) -> None:
    with pytest.raises(ConstraintError) as caught, workspace.store.write() as session:
        session.execute(text(
            "INSERT INTO rating (id, created_at, updated_at, revision, device_id, local_seq,"
            " observation_id, behavior_id, note) VALUES ('00000000000000000000000000000001',"
            " '2026-01-01', '2026-01-01', 1, '00000000000000000000000000000002', 0,"
            " '00000000000000000000000000000003', 'engagement.1', '')"
        ))
    assert "FOREIGN KEY" in str(caught.value.__cause__)


def test_audit_log_is_append_only(workspace: Workspace) -> None:
    workspace.workers.add("Someone")
    for statement in ("UPDATE audit_log SET action = 'x'", "DELETE FROM audit_log"):
        with pytest.raises(ConstraintError) as caught, workspace.store.write() as session:
            session.execute(text(statement))
        assert "append-only" in str(caught.value.__cause__)
    with workspace.store.read() as session:
        assert session.execute(text("SELECT count(*) FROM audit_log")).scalar() >= 1


def test_database_errors_do_not_carry_the_values(workspace: Workspace) -> None:
    """A failing statement's message names the problem, never the names or notes it carried."""
    with pytest.raises(Exception) as caught, workspace.store.write() as session:
        session.execute(text("INSERT INTO worker (name) VALUES (:name)"),
                        {"name": "Secret Person Name"})
    assert "Secret Person Name" not in str(caught.value)
