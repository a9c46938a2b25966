"""Opening the workspace a command works on."""

import argparse

from cfpm_coach.applog import setup_logging
from cfpm_coach.paths import resolve_paths
from cfpm_coach.services.recovery import check_store
from cfpm_coach.services.workspace import Workspace


def open_workspace(args: argparse.Namespace) -> Workspace:
    """The workspace in --data-dir (or the default folder), with logging to its log folder.

    A data folder that cannot be written is refused before anything is created in it; a damaged
    data file before anything touches it.
    """
    paths = resolve_paths(args.data_dir).ensure()
    setup_logging(paths.logs, verbose=getattr(args, "verbose", False))
    check_store(paths)
    return Workspace.open(paths.data_dir)
