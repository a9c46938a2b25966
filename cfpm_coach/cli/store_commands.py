"""Commands on the store itself: check, backup, restore."""

import argparse
from pathlib import Path

from cfpm_coach.cli.context import open_workspace
from cfpm_coach.cli.output import print_json, print_table
from cfpm_coach.paths import resolve_paths
from cfpm_coach.services.instance import refuse_if_open


def register(
    commands: "argparse._SubParsersAction[argparse.ArgumentParser]",
    common: argparse.ArgumentParser,
) -> None:
    """Add the store commands to the parser."""
    db = commands.add_parser("db", parents=[common], help="database checks")
    db_cmds = db.add_subparsers(dest="db_command", required=True, metavar="ACTION")
    p = db_cmds.add_parser("check", parents=[common], help="integrity check and schema version")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=db_check)

    p = commands.add_parser("backup", parents=[common], help="write a consistent copy of the store")
    p.add_argument("file", type=Path)
    p.set_defaults(handler=backup)

    p = commands.add_parser("restore", parents=[common], help="replace the store with a backup")
    p.add_argument("file", type=Path)
    p.set_defaults(handler=restore)


def db_check(args: argparse.Namespace) -> int:
    """Run SQLite's checks; exit 1 if anything is wrong."""
    with open_workspace(args) as ws:
        status = ws.maintenance.check()
    if args.json:
        print_json({"path": status.path, "schema": status.schema_revision, "ok": status.ok,
                    "problems": status.problems, "counts": status.counts})
    else:
        print(f"{status.path}: schema {status.schema_revision}, "
              + ("integrity ok" if status.ok else "PROBLEMS FOUND"))
        for problem in status.problems:
            print(f"  {problem}")
        print_table(["table", "rows"], sorted(status.counts.items()))
    return 0 if status.ok else 1


def backup(args: argparse.Namespace) -> int:
    """Back the store up to FILE."""
    with open_workspace(args) as ws:
        path = ws.maintenance.backup(args.file)
        counts = ws.maintenance.counts()
    print(f"Backup written to {path} ({counts['observation']} observations, "
          f"{counts['worker']} workers).")
    return 0


def restore(args: argparse.Namespace) -> int:
    """Restore the store from FILE, keeping the current content as a backup first."""
    refuse_if_open(resolve_paths(args.data_dir), "restoring a backup")
    with open_workspace(args) as ws:
        safety = ws.maintenance.restore(args.file)
    with open_workspace(args) as ws:
        counts = ws.maintenance.counts()
    print(f"Restored from {args.file} ({counts['observation']} observations, "
          f"{counts['worker']} workers). The previous content was kept in {safety}.")
    return 0
