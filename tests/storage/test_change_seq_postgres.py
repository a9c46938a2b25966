"""The change counter on a PostgreSQL hub: concurrent merges take numbers without waiting."""

import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from cfpm_coach.domain.ownership import Sender
from cfpm_coach.storage import merge_repo
from cfpm_coach.storage.migrate import head_revision, known_revisions
from cfpm_coach.storage.records import next_change_seq
from cfpm_coach.storage.store import Store
from tests import throwaway_postgres


@pytest.fixture(scope="module")
def cluster() -> Iterator[throwaway_postgres.Cluster]:
    started = throwaway_postgres.start()
    yield started
    started.stop()


LAPTOP_A = Sender(uuid.uuid4(), None)
LAPTOP_B = Sender(uuid.uuid4(), None)


def test_a_merge_does_not_wait_for_another_merge_still_in_its_transaction(
        cluster: throwaway_postgres.Cluster, tmp_path: Path) -> None:
    """Two hub processes merging two laptops' bundles: the second must not queue behind the
    first's transaction (it did: `UPDATE change_counter ... WHERE id = 1` held until COMMIT)."""
    store = Store.at_url(cluster.create_database(), tmp_path / "backups")
    try:
        with store.write() as first:
            merge_repo.merge(first, uuid.uuid4(), {}, sender=LAPTOP_A)  # holds its transaction open
            held = next_change_seq(first)
            outcome: dict[str, object] = {}

            def second_merge() -> None:
                try:
                    with store.write() as second:
                        second.execute(text("SET LOCAL lock_timeout = '3s'"))
                        merge_repo.merge(second, uuid.uuid4(), {}, sender=LAPTOP_B)
                        outcome["seq"] = next_change_seq(second)
                except Exception as exc:  # the failure is what the test looks at
                    outcome["error"] = exc

            other = threading.Thread(target=second_merge)
            other.start()
            other.join(20)
            assert not other.is_alive()
        assert "error" not in outcome, outcome.get("error")
        assert outcome["seq"] != held
        with store.write() as third:
            assert next_change_seq(third) > max(held, int(outcome["seq"]))  # type: ignore[call-overload]
    finally:
        store.close()


def test_upgrade_to_head_on_postgresql_continues_the_counter(
        cluster: throwaway_postgres.Cluster, tmp_path: Path) -> None:
    """A hub database from before the change sequence (0007), with changes counted, keeps
    counting upward after the upgrade to head."""
    from alembic import command

    from cfpm_coach.storage.migrate import alembic_config

    url = cluster.create_database()
    revisions = known_revisions()
    previous = revisions[revisions.index("0007") - 1]  # the counter row, not yet a sequence
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            config = alembic_config()
            config.attributes["connection"] = connection
            command.upgrade(config, previous)
            connection.execute(text("UPDATE change_counter SET value = 41 WHERE id = 1"))
            connection.commit()
    finally:
        engine.dispose()
    store = Store.at_url(url, tmp_path / "backups")
    try:
        assert store.schema_revision() == head_revision()
        with store.write() as session:
            assert next_change_seq(session) == 42
        with store.write() as session:
            assert next_change_seq(session) == 43
    finally:
        store.close()
