"""Many writers of one process on a SQLite store (the hub's upload threads) queue, not fail."""

import threading
import time
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import text

from cfpm_coach.services.workspace import Workspace
from cfpm_coach.storage.exchange_repo import current_seq

WRITERS = 30
HOLD_S = 0.25  # together past SQLite's 5 s busy timeout


def test_thirty_writers_holding_the_lock_a_quarter_second_each_all_commit(
        workspace: Workspace) -> None:
    """Seen at the hub on SQLite: uploads answered 503 when writers waited over 5 s in
    SQLite's busy handler, although each write was short."""
    store = workspace.store
    with store.read() as session:
        before = current_seq(session=session)
    start = threading.Barrier(WRITERS)

    def write() -> None:
        start.wait()
        with store.write() as session:
            session.execute(text("UPDATE change_counter SET value = value + 1 WHERE id = 1"))
            time.sleep(HOLD_S)

    with ThreadPoolExecutor(WRITERS) as pool:
        failures = [f.exception() for f in [pool.submit(write) for _ in range(WRITERS)]]
    assert [f for f in failures if f is not None] == []
    with store.read() as session:
        assert current_seq(session=session) == before + WRITERS
