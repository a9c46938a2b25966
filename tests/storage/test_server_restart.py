"""A hub store on PostgreSQL after the server restarts: the pool keeps no ping per checkout
(a round trip on every upload), so a dropped connection fails one request, then the store
reconnects by itself."""

from pathlib import Path

import psycopg
import pytest

from cfpm_coach.errors import BundleError, StoreError
from cfpm_coach.storage import faults, hub_repo
from cfpm_coach.storage.store import Store
from tests import throwaway_postgres


def _read_setting(store: Store) -> str:
    try:
        with store.read() as session:
            return hub_repo.setting(session=session, key="probe") or "missing"
    except StoreError:
        return "unavailable"


def test_the_store_answers_again_after_the_server_restarts(tmp_path: Path) -> None:
    cluster = throwaway_postgres.start()
    try:
        store = Store.at_url(cluster.create_database(), tmp_path / "backups")
        with store.write() as session:
            hub_repo.set_setting(session=session, key="probe", value="kept")
        assert _read_setting(store) == "kept"  # a pooled connection now exists

        cluster.restart()
        answers = [_read_setting(store) for _ in range(3)]

        assert answers.count("unavailable") <= 1, answers  # only the stale connection fails
        assert answers[-2:] == ["kept", "kept"], answers
        with store.lookup() as connection:  # the autocommit path reconnects too
            assert hub_repo.device_by_token(session=connection, token_sha256="0" * 64) is None
        store.engine.dispose()
    finally:
        cluster.stop()


@pytest.mark.parametrize("lost", [psycopg.OperationalError("server closed the connection"),
                                  psycopg.InterfaceError("the connection is closed")])
def test_a_server_lost_below_sqlalchemy_is_unavailable_not_bad_input(lost: Exception) -> None:
    """The pipelined reads talk to psycopg directly: a lost server there answers 503 (the laptop
    tries again), never 422 (which sets the laptop's bundle aside)."""
    refusal = faults.refusal_of_input(lost, "postgresql://hub")
    assert isinstance(refusal, StoreError) and not isinstance(refusal, BundleError)
    assert "unavailable" in str(refusal)
