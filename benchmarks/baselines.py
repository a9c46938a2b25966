"""Baselines the import scenarios are measured against: the driver's own executemany."""

import sqlite3
from pathlib import Path
from typing import Any

from cfpm_coach.services.workspace import Workspace
from cfpm_coach.storage.exchange_repo import BUNDLE_TABLES
from cfpm_coach.storage.store import Store


def stored_rows(ws: Workspace) -> dict[str, list[tuple[Any, ...]]]:
    """Every bundle table's rows exactly as SQLite stores them."""
    assert ws.store.path is not None
    source = sqlite3.connect(ws.store.path)
    try:
        return {name: source.execute(f"SELECT * FROM {name}").fetchall()
                for name in BUNDLE_TABLES}
    finally:
        source.close()


def empty_stores(folder: Path, prefix: str, count: int) -> list[Path]:
    """Migrated, empty SQLite stores to insert into (one per run)."""
    paths = []
    for n in range(count):
        path = folder / f"{prefix}-{n}.sqlite3"
        Store(path, folder / "backups").close()
        paths.append(path)
    return paths


def sqlite_executemany(path: Path, rows: dict[str, list[tuple[Any, ...]]]) -> None:
    """Insert the rows with sqlite3's executemany, same pragmas as the app, one commit."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    for name, table_rows in rows.items():
        if table_rows:
            marks = ", ".join("?" * len(table_rows[0]))
            conn.executemany(f"INSERT INTO {name} VALUES ({marks})", table_rows)
    conn.commit()
    conn.close()
