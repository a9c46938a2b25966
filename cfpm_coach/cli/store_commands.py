"""Commands on the store itself: check, backup, restore, passphrase."""

import argparse
import getpass
import os
import sys
from pathlib import Path

from cfpm_coach.cli.context import ask_passphrase, open_workspace
from cfpm_coach.cli.output import print_json, print_table
from cfpm_coach.errors import InvalidInputError
from cfpm_coach.paths import resolve_paths
from cfpm_coach.services.instance import refuse_if_open

NEW_PASSPHRASE_ENV = "CFPM_COACH_NEW_PASSPHRASE"


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


def register_passphrase(
    commands: "argparse._SubParsersAction[argparse.ArgumentParser]",
    common: argparse.ArgumentParser,
) -> None:
    """Add `passphrase set|remove` (encryption at rest)."""
    p = commands.add_parser("passphrase", parents=[common],
                            help="encrypt the store behind a passphrase, change or remove it")
    actions = p.add_subparsers(dest="passphrase_command", required=True, metavar="ACTION")
    q = actions.add_parser("set", parents=[common], help="set or change the passphrase")
    q.set_defaults(handler=set_passphrase)
    q = actions.add_parser("remove", parents=[common], help="store the data unencrypted again")
    q.set_defaults(handler=remove_passphrase)


def _new_passphrase() -> str:
    """The new passphrase: $CFPM_COACH_NEW_PASSPHRASE, or typed twice at a terminal."""
    from_env = os.environ.get(NEW_PASSPHRASE_ENV)
    if from_env:
        return from_env
    if not sys.stdin.isatty():
        raise InvalidInputError(f"Type the new passphrase at a terminal, or set "
                                f"{NEW_PASSPHRASE_ENV}")
    first = getpass.getpass("New passphrase: ")
    if getpass.getpass("Repeat it: ") != first:
        raise InvalidInputError("The two passphrases differ; nothing was changed")
    return first


def set_passphrase(args: argparse.Namespace) -> int:
    """Encrypt the store under a new passphrase (re-encrypt when it has one)."""
    with open_workspace(args) as ws:
        current = ask_passphrase() if ws.security.encrypted else None
        ws.security.set_passphrase(_new_passphrase(), current_passphrase=current)
    print("The store and its backups are encrypted under the new passphrase. Keep it safe: "
          "without it the data cannot be read.")
    return 0


def remove_passphrase(args: argparse.Namespace) -> int:
    """Decrypt the store (asks for the passphrase)."""
    with open_workspace(args) as ws:
        ws.security.remove_passphrase(ask_passphrase() or "")
    print("The store is no longer encrypted.")
    return 0
