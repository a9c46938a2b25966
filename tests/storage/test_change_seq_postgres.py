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


def test_0013_on_postgresql_keeps_observations_and_holds_one_subject(
        cluster: throwaway_postgres.Cluster, tmp_path: Path) -> None:
    """A hub database made by 0010 with an observation of a worker upgrades to head: the row is
    kept with no office subject; an office's assessment can then be stored, and a row naming
    both subjects, or neither, is refused by the database itself."""
    from alembic import command
    from sqlalchemy.exc import IntegrityError

    from cfpm_coach.errors import ConstraintError
    from cfpm_coach.storage.migrate import alembic_config

    url = cluster.create_database()
    ids = {name: uuid.uuid4() for name in ("coach", "worker", "observation", "device")}
    stamp = "now(), now(), 1, :device, 0"
    insert = text(f"INSERT INTO observation (id, created_at, updated_at, revision, device_id, "
                  f"local_seq, worker_id, coach_id, instrument_id, instrument_version, "
                  f"instrument_hash, setting, started_at, status, strengths, growth_areas, "
                  f"next_steps{{extra}}) VALUES (:id, {stamp}, :worker, :coach, :instrument, 1, "
                  f":hash, 'team_meeting', now(), 'final', '', '', ''{{values}})")
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            config = alembic_config()
            config.attributes["connection"] = connection
            command.upgrade(config, "0010")
            connection.execute(text(f"INSERT INTO coach (id, created_at, updated_at, revision, "
                                    f"device_id, local_seq, name, role, county, office) VALUES "
                                    f"(:id, {stamp}, 'Coach', '', '', '')"),
                               {"id": ids["coach"], "device": ids["device"]})
            connection.execute(text(f"INSERT INTO worker (id, created_at, updated_at, revision, "
                                    f"device_id, local_seq, name, role, unit, office, county, "
                                    f"active) VALUES (:id, {stamp}, 'Ana', '', '', 'North', "
                                    "'Sample', true)"),
                               {"id": ids["worker"], "device": ids["device"]})
            connection.execute(text(str(insert).format(extra="", values="")), {
                "id": ids["observation"], "device": ids["device"], "worker": ids["worker"],
                "coach": ids["coach"], "instrument": "cpm-practice", "hash": "0" * 64})
            connection.commit()
    finally:
        engine.dispose()
    store = Store.at_url(url, tmp_path / "backups")
    office = text(str(insert).format(extra=", office, county, implementation_stage",
                                     values=", :office, :county, :stage"))
    try:
        assert store.schema_revision() == head_revision()
        with store.write() as session:
            assert session.execute(text("SELECT worker_id, office, implementation_stage FROM "
                                        "observation")).all() == [(ids["worker"], None, None)]
            session.execute(office, {"id": uuid.uuid4(), "device": ids["device"], "worker": None,
                                     "coach": ids["coach"], "instrument": "cpm-implementation",
                                     "hash": "0" * 64, "office": "North", "county": "Sample",
                                     "stage": "installation"})
        for worker, place in ((ids["worker"], "North"), (None, None)):
            with pytest.raises(ConstraintError) as refused, store.write() as session:
                session.execute(office, {
                    "id": uuid.uuid4(), "device": ids["device"], "worker": worker,
                    "coach": ids["coach"], "instrument": "cpm-implementation", "hash": "0" * 64,
                    "office": place, "county": place and "Sample",
                    "stage": place and "installation"})
            assert isinstance(refused.value.__cause__, IntegrityError)
            assert "ck_observation_one_subject" in str(refused.value.__cause__)
        with store.read() as session:
            assert session.execute(text("SELECT count(*) FROM observation")).scalar() == 2
    finally:
        store.close()
