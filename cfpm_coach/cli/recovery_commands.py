"""A damaged data file from the command line: what went wrong, the newest good backup, and
`cfpm-coach recover` to put it back (the damaged file is moved aside, never deleted)."""

import argparse
import sys
from pathlib import Path

from cfpm_coach.cli.context import store_key
from cfpm_coach.cli.output import fail
from cfpm_coach.errors import DamagedStoreError
from cfpm_coach.paths import AppPaths, resolve_paths
from cfpm_coach.services import recovery
from cfpm_coach.services.instance import refuse_if_open
from cfpm_coach.services.recovery import BackupView
from cfpm_coach.storage.cipher import DatabaseKey
from cfpm_coach.storage.migrate import read_revision


def register(
    commands: "argparse._SubParsersAction[argparse.ArgumentParser]",
    common: argparse.ArgumentParser,
) -> None:
    """Add the recover command to the parser."""
    p = commands.add_parser(
        "recover", parents=[common],
        help="replace a damaged data file with the newest good backup (the damaged file is kept)")
    p.add_argument("--backup", type=Path, help="restore this backup instead of the newest good one")
    p.add_argument("--yes", action="store_true", help="do not ask before restoring")
    p.set_defaults(handler=recover)


def describe(backup: BackupView) -> str:
    """A backup in one line: file, local date and time, counts."""
    when = backup.taken_at.astimezone().strftime("%Y-%m-%d %H:%M")
    return (f"{backup.path} (written {when}: {backup.workers} workers, "
            f"{backup.observations} observations, {backup.ratings} ratings)")


def damaged_message(error: DamagedStoreError) -> str:
    """The error, the newest good backup, and how to restore it."""
    paths = AppPaths(Path(error.path).parent)
    backup = recovery.newest_good_backup(paths)
    if backup is None:
        return f"{error} No good backup was found in {paths.backups}."
    return (f"{error} The newest good backup is {describe(backup)}. Run `cfpm-coach --data-dir "
            f"{paths.data_dir} recover` to move the damaged file aside (it is kept) and restore "
            "that backup.")


def _damage(paths: AppPaths, key: DatabaseKey | None) -> DamagedStoreError | None:
    try:
        read_revision(paths.database, key)
        recovery.check_store(paths, key)
    except DamagedStoreError as exc:
        return exc
    return None


def recover(args: argparse.Namespace) -> int:
    """Move a damaged data file aside and restore a backup, after asking."""
    paths = resolve_paths(args.data_dir).ensure()
    refuse_if_open(paths, "recovering its data")
    key = store_key(paths)
    damage = _damage(paths, key)
    if damage is None:
        print(f"The data file {paths.database} is sound; there is nothing to recover. To go back "
              "to a backup anyway, use `cfpm-coach restore FILE`.")
        return 0
    backup = (recovery.describe_backup(args.backup.resolve(), key) if args.backup
              else recovery.newest_good_backup(paths, key))
    if backup is None:
        return fail(f"{damage} No good backup was found in {paths.backups}.")
    print(f"{damage}\nBackup to restore: {describe(backup)}")
    if not args.yes:
        if not sys.stdin.isatty():
            return fail("Add --yes to restore without being asked.")
        answer = input("Move the damaged file aside and restore this backup? [y/N] ")
        if answer.strip().lower() not in ("y", "yes"):
            print("Nothing was changed.")
            return 1
    aside = recovery.restore_damaged(paths, backup.path, key)
    print(f"Restored {backup.path}. The damaged file was kept as {aside}.")
    return 0
