"""Opening the workspace a command works on."""

import argparse
import getpass
import os
import sys

from cfpm_coach.applog import setup_logging
from cfpm_coach.paths import AppPaths, resolve_paths
from cfpm_coach.services.recovery import check_store
from cfpm_coach.services.workspace import Workspace
from cfpm_coach.storage.cipher import DatabaseKey, PassphraseRequiredError, is_encrypted

PASSPHRASE_ENV = "CFPM_COACH_PASSPHRASE"


def ask_passphrase(prompt: str = "Passphrase: ") -> str | None:
    """The passphrase from $CFPM_COACH_PASSPHRASE, else typed at a terminal (None: neither)."""
    from_env = os.environ.get(PASSPHRASE_ENV)
    if from_env:
        return from_env
    if sys.stdin is not None and sys.stdin.isatty():
        return getpass.getpass(prompt)
    return None


def open_workspace(args: argparse.Namespace) -> Workspace:
    """The workspace in --data-dir (or the default folder), with logging to its log folder.

    A data folder that cannot be written is refused before anything is created in it; a damaged
    data file before anything touches it.
    """
    paths = resolve_paths(args.data_dir).ensure()
    setup_logging(paths.logs, verbose=getattr(args, "verbose", False))
    key = store_key(paths)
    check_store(paths, key)
    return Workspace.open(paths.data_dir, passphrase=key)


def store_key(paths: AppPaths) -> DatabaseKey | None:
    """The key of an encrypted store (asked for, or from the environment); None for a plain one."""
    if not is_encrypted(paths.database):
        return None
    passphrase = ask_passphrase()
    if passphrase is None:
        raise PassphraseRequiredError(
            f"The data in {paths.data_dir} is protected by a passphrase: type it at a "
            f"terminal, or set {PASSPHRASE_ENV} for scripts")
    return DatabaseKey(passphrase)
