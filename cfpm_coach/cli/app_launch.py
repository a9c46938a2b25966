"""`cfpm-coach` with no command: open the desktop app (on a demo store with --demo)."""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from cfpm_coach.cli.context import open_workspace
from cfpm_coach.cli.output import print_table


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
                            help="render every screen and dialog to PNG (for the docs)")
    p.add_argument("out_dir", type=Path, nargs="?", default=Path("docs/screenshots"))
    p.add_argument("--variant", default=None,
                   help="one variant only (light, dark, touch, scale-150, es), into OUT_DIR or "
                        "its subfolder (default: every variant, each in a process of its own)")
    p.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1),
                   help="variants rendered at once (default: 2, or 1 on one core)")
    p.set_defaults(handler=screenshots)


def screenshots(args: argparse.Namespace) -> int:
    """Render every screen and dialog from demo data, once per variant."""
    from cfpm_coach.ui.screenshots.render import VARIANTS, prepare_store, take_screenshots, variant_named

    data_dir = Path(args.data_dir) if args.data_dir else Path(
        tempfile.mkdtemp(prefix="cfpm-coach-shots-"))
    if args.variant is not None:
        try:
            variant = variant_named(args.variant)
        except KeyError:
            print(f"No screenshot variant {args.variant!r}: choose one of "
                  f"{', '.join(v.name for v in VARIANTS)}.", file=sys.stderr)
            return 2
        for path in take_screenshots(args.out_dir, data_dir, variant):
            print(path, flush=True)
        sys.stderr.flush()
        # After a long unattended run PySide6 (on Python 3.11, where None is not immortal) can
        # crash in the interpreter's teardown ("none_dealloc"), failing a run whose files are
        # all written and closed by now: leave without the teardown.
        os._exit(0)
    # Each variant in a process of its own (a language or a scale is set once per process), on
    # its own copy of one demo store, so they can run side by side.
    prepare_store(data_dir)
    running: list[tuple[str, Path, subprocess.Popen[bytes]]] = []
    failed: list[str] = []
    for variant in VARIANTS:
        store = data_dir.with_name(f"{data_dir.name}-{variant.name}")
        shutil.rmtree(store, ignore_errors=True)
        shutil.copytree(data_dir, store)
        running.append((variant.name, store, subprocess.Popen(
            [sys.executable, "-m", "cfpm_coach", "screenshots", "--data-dir", str(store),
             "--variant", variant.name, str(args.out_dir)])))
        while len(running) >= max(args.jobs, 1) or (variant is VARIANTS[-1] and running):
            name, copy, process = running.pop(0)
            if process.wait() != 0:
                failed.append(f"{name} (exit code {process.returncode})")
            shutil.rmtree(copy, ignore_errors=True)
    if failed:
        print(f"These screenshots failed: {', '.join(failed)}.", file=sys.stderr)
        return 1
    return 0


def prepare_demo(args: argparse.Namespace) -> None:
    """Point args at a demo store filled with sample data."""
    if args.data_dir is None:
        args.data_dir = tempfile.mkdtemp(prefix="cfpm-coach-demo-")
    with open_workspace(args) as ws:
        if not ws.workers.find():
            print(f"Preparing demo data in {ws.paths.data_dir} ...", flush=True)
            ws.first_run.fill_demo()


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
        from cfpm_coach.ui.shell.app import run_app  # the only place the CLI reaches for Qt
    except ImportError:
        print("The desktop window is not available in this build; showing the store instead.")
        return print_status(args)
    return run_app(Path(args.data_dir) if args.data_dir else None, verbose=args.verbose)
