"""Rolling daily backups: one a day, verified, the newest N kept, each a working store."""

import sqlite3

from cfpm_coach.services.workspace import Workspace
from cfpm_coach.views.workers import WorkerView


def test_one_backup_a_day_and_only_the_newest_kept(workspace: Workspace,
                                                   worker: WorkerView) -> None:
    maintenance = workspace.maintenance
    first = maintenance.auto_backup(keep=3, today="20261101")
    assert first is not None and first.name == "auto-20261101.sqlite3"
    assert maintenance.auto_backup(keep=3, today="20261101") is None  # once a day
    for day in ("20261102", "20261103", "20261104", "20261105"):
        assert maintenance.auto_backup(keep=3, today=day) is not None
    names = [p.name for p in maintenance.automatic_backups()]
    assert names == ["auto-20261105.sqlite3", "auto-20261104.sqlite3", "auto-20261103.sqlite3"]
    with sqlite3.connect(maintenance.automatic_backups()[0]) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert copy.execute("SELECT name FROM worker").fetchall() == [(worker.name,)]
    assert not list(workspace.paths.backups.glob(".*partial"))
