"""`cfpm-coach --self-test`: check a build or an installation end to end, on a throwaway store."""

import argparse
import faulthandler
import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cfpm_coach.cli.self_test_steps import RenderWindow

# A hung step (a dialog nobody answers, a deadlock) must fail a build machine's run, not stall it.
WATCHDOG_SECONDS = 180
RESULT_FILE = "self-test.txt"


def add_options(parser: argparse.ArgumentParser) -> None:
    """The self-test's options."""
    parser.add_argument(
        "--self-test", action="store_true",
        help="check this installation end to end on a throwaway store (never your data), "
             "print one line and exit 0 when everything works")
    parser.add_argument(
        "--self-test-dir", metavar="DIR", type=Path, default=None,
        help="keep the self-test's store, PDF, bundle, PNG and result line (self-test.txt) "
             "in DIR (new or empty; default: a temporary folder, removed afterwards)")


def _window_renderer() -> "RenderWindow":
    """The Qt window step, imported only now so the rest of the CLI never loads Qt."""
    from cfpm_coach.cli.self_test_steps import SelfTestError

    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    try:
        from cfpm_coach.ui.screenshots.self_test import render_main_window
    except ImportError as exc:
        raise SelfTestError("window", exc) from exc
    return render_main_window


def _arm_watchdog() -> bool:
    """Dump the stacks and exit if the self-test hangs; False where there is no stderr to dump to."""
    stream = sys.__stderr__  # None in a windowed Windows build
    if stream is None:
        return False
    try:
        faulthandler.dump_traceback_later(WATCHDOG_SECONDS, exit=True, file=stream)
    except (OSError, ValueError):  # a stream without a file descriptor
        return False
    return True


def _kept_dir(args: argparse.Namespace) -> Path | None:
    """--self-test-dir when it is new or empty: only then may the self-test write its note there."""
    folder = args.self_test_dir.expanduser() if args.self_test_dir is not None else None
    if folder is None or (folder.exists() and (not folder.is_dir() or any(folder.iterdir()))):
        return None
    return folder


def _note(folder: Path | None, line: str) -> None:
    """The result in DIR/self-test.txt too: windowed Windows and macOS builds have no console."""
    if folder is not None and folder.is_dir():
        from cfpm_coach.storage import files

        files.write_atomic(folder / RESULT_FILE, (line + "\n").encode("utf-8"), mode=0o644)


def run(args: argparse.Namespace) -> int:
    """Run every step; print the summary line (a failure names its step via CoachError)."""
    # The store, crypto and report libraries load only for a self-test, not at every start.
    from cfpm_coach.cli.self_test_steps import SelfTestError, run_self_test

    kept = _kept_dir(args)
    watchdog = _arm_watchdog()
    try:
        if args.self_test_dir is not None:
            report = run_self_test(args.self_test_dir.expanduser(), _window_renderer())
        else:
            with tempfile.TemporaryDirectory(prefix="cfpm-coach-self-test-") as temp:
                report = run_self_test(Path(temp) / "run", _window_renderer())
    except SelfTestError as exc:
        _note(kept, str(exc))
        raise
    finally:
        if watchdog:
            faulthandler.cancel_dump_traceback_later()
    _note(kept, report.summary())
    print(report.summary(), flush=True)
    return 0
