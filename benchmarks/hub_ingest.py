"""Ingest at the hub (check, decrypt, merge one uploaded bundle) on SQLite and on PostgreSQL,
against the driver's raw `executemany` of the same rows into an empty database of the same kind."""

from pathlib import Path
from typing import Any

from benchmarks.baselines import empty_stores, sqlite_executemany, stored_rows
from benchmarks.harness import Row, bundles_label, measure
from cfpm_coach.hub.service import Hub
from cfpm_coach.services.workspace import Workspace
from cfpm_coach.storage import exchange_repo
from cfpm_coach.storage.exchange_repo import BUNDLE_TABLES
from cfpm_coach.storage.store import Store
from cfpm_coach.sync import keys
from tests import throwaway_postgres

BUDGET = ">=40% of executemany speed"


def _typed_rows(ws: Workspace) -> dict[str, list[dict[str, Any]]]:
    with ws.store.read() as session:
        return {name: exchange_repo.changed_rows(session=session, table=table, since_seq=-1)
                for name, table in BUNDLE_TABLES.items()}


def _raw_postgres(url: str, rows: dict[str, list[dict[str, Any]]]) -> None:
    import psycopg
    from psycopg.types.json import Json

    with psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://")) as conn:
        with conn.cursor() as cursor:
            for name, table_rows in rows.items():
                if not table_rows:
                    continue
                columns = [c for c in table_rows[0] if c != "local_seq"]
                marks = ", ".join(["%s"] * (len(columns) + 1))
                values = [(*(Json(r[c]) if isinstance(r[c], list | dict) else r[c]
                             for c in columns), 0) for r in table_rows]
                cursor.executemany(f"INSERT INTO {name} ({', '.join(columns)}, local_seq) "
                                   f"VALUES ({marks})", values)
        conn.commit()


def hub_ingest(ws: Workspace, work: Path, size: str, repeat: int) -> list[Row]:
    """One row per backend: hub.receive of a full export (every part) vs raw executemany."""
    work.mkdir(parents=True, exist_ok=True)
    runs = max(1, min(repeat, 3))
    cluster = throwaway_postgres.start()
    try:
        return [_backend(ws, work, size, runs, backend, cluster)
                for backend in ("sqlite", "postgresql")]
    finally:
        cluster.stop()


def _backend(ws: Workspace, work: Path, size: str, runs: int, backend: str,
             cluster: throwaway_postgres.Cluster) -> Row:
    identity = work / f"team-{backend}.key"
    recipient = keys.new_team_identity(identity)
    hubs: list[tuple[Hub, str]] = []
    for n in range(runs):
        url = cluster.create_database() if backend == "postgresql" else None
        hub, _recipient, _team = Hub.init(work / f"hub-{backend}-{n}", url, identity,
                                          max_bundle_bytes=512 * 1024 * 1024)
        hubs.append((hub, hub.enroll(ws.exchange.device_public_key(), "Bench").token))
    # A large export is several bundles (parts of at most 6 MiB inflated): all are timed, in order.
    parts = [part.path.read_bytes()
             for part in ws.exchange.export(work / "out", recipient, full=True).parts]
    queue = list(hubs)

    def ingest_next() -> None:
        hub, token = queue.pop()
        for sealed in parts:
            hub.receive(token, sealed)

    ingest = measure(ingest_next, runs)
    for hub, _token in hubs:
        hub.close()

    if backend == "postgresql":
        typed = _typed_rows(ws)
        urls = []
        for _ in range(runs):
            url = cluster.create_database()
            Store.at_url(url, work / "backups").close()
            urls.append(url)
        baseline = measure(lambda: _raw_postgres(urls.pop(), typed), runs)
    else:
        raw_rows = stored_rows(ws)
        paths = empty_stores(work, f"raw-{backend}", runs)
        baseline = measure(lambda: sqlite_executemany(paths.pop(), raw_rows), runs)
    return Row(f"hub ingest on {backend} (one export: {bundles_label(len(parts))})", size, ingest,
               baseline, BUDGET)

