"""`cfpm-coach` with no command: open the desktop app (on a demo store with --demo)."""

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from cfpm_coach.cli.context import open_workspace
from cfpm_coach.cli.output import print_table
from cfpm_coach.services import first_run


def add_options(parser: argparse.ArgumentParser) -> None:
    """Options of the app launch itself."""
    parser.add_argument(
        "--demo", action="store_true",
        help="open a fresh demo store (in --data-dir if given and empty, else a temp folder)",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug messages")
    parser.add_argument("--status", action="store_true",
                        help="print where the store is and what it holds, then exit")


def register(
    commands: "argparse._SubParsersAction[argparse.ArgumentParser]",
    common: argparse.ArgumentParser,
) -> None:
    """Add the commands that need the desktop UI."""
    p = commands.add_parser("screenshots", parents=[common],
                            help="render the app's main screens to PNG (for the docs)")
    p.add_argument("out_dir", type=Path, nargs="?", default=Path("docs/screenshots"))
    p.add_argument("--language", choices=("en", "es"), default=None,
                   help="one language only, into OUT_DIR (default: English into OUT_DIR, "
                        "then Spanish into OUT_DIR/es, then the main screens at 150 %% into "
                        "OUT_DIR/scale-150)")
    p.add_argument("--scale", type=float, default=None,
                   help="with --language: the main screens only, at this scale factor "
                        "(QT_SCALE_FACTOR)")
    p.set_defaults(handler=screenshots)


def screenshots(args: argparse.Namespace) -> int:
    """Render the main window, the checklist and the dialogs from demo data, per language."""
    from cfpm_coach.ui.screenshots import RUNS, take_screenshots  # Qt only when asked for

    data_dir = Path(args.data_dir) if args.data_dir else Path(
        tempfile.mkdtemp(prefix="cfpm-coach-shots-"))
    if args.language is not None:
        for path in take_screenshots(args.out_dir, data_dir, args.language, args.scale):
            print(path, flush=True)
        sys.stderr.flush()
        # After a long unattended run PySide6 (on Python 3.11, where None is not immortal) can
        # crash in the interpreter's teardown ("none_dealloc"), failing a run whose files are
        # all written and closed by now: leave without the teardown.
        os._exit(0)
    # Each language and scale in a process of its own, on the same demo store (filled by the
    # first).
    for folder, language, scale in RUNS:
        out_dir = args.out_dir / folder if folder else args.out_dir
        command = [sys.executable, "-m", "cfpm_coach", "screenshots", "--data-dir",
                   str(data_dir), "--language", language, str(out_dir)]
        if scale is not None:
            command += ["--scale", str(scale)]
        done = subprocess.run(command, check=False)
        if done.returncode != 0:
            print(f"The {folder or language} screenshots failed (exit code {done.returncode}).",
                  file=sys.stderr)
            return 1
    return 0


def prepare_demo(args: argparse.Namespace) -> None:
    """Point args at a demo store filled with sample data."""
    if args.data_dir is None:
        args.data_dir = tempfile.mkdtemp(prefix="cfpm-coach-demo-")
    with open_workspace(args) as ws:
        if not ws.workers.find():
            print(f"Preparing demo data in {ws.paths.data_dir} ...", flush=True)
            first_run.fill_demo(ws)


def print_status(args: argparse.Namespace) -> int:
    """Where the store is, its schema and its counts."""
    with open_workspace(args) as ws:
        status = ws.maintenance.check()
        print(f"Data folder: {ws.paths.data_dir}")
        print(f"Database:    {status.path} (schema {status.schema_revision})")
        print_table(["table", "rows"], sorted(status.counts.items()))
    return 0


def launch(args: argparse.Namespace) -> int:
    """Open the desktop app, or print the store's status when asked or when no UI is available."""
    if args.demo:
        prepare_demo(args)
    if args.status:
        return print_status(args)
    try:
        from cfpm_coach.ui.app import run_app  # the only place the CLI reaches for Qt
    except ImportError:
        print("The desktop window is not available in this build; showing the store instead.")
        return print_status(args)
    return run_app(Path(args.data_dir) if args.data_dir else None, verbose=args.verbose)
