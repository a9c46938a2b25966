"""Opening the workspace a command works on."""

import argparse

from cfpm_coach.applog import setup_logging
from cfpm_coach.paths import resolve_paths
from cfpm_coach.services.workspace import Workspace


def open_workspace(args: argparse.Namespace) -> Workspace:
    """The workspace in --data-dir (or the default folder), with logging to its log folder."""
    paths = resolve_paths(args.data_dir).ensure()
    setup_logging(paths.logs, verbose=getattr(args, "verbose", False))
    return Workspace.open(paths.data_dir)
