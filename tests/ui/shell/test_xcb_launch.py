"""`make run` on a real X11 desktop: the app, as a child process on Xvfb with the xcb platform
plugin (not offscreen), shows its window. Fails when a library the xcb plugin needs is missing,
which the offscreen tests never notice (issue 16, problem 10)."""

import subprocess
import sys
from pathlib import Path

from cfpm_coach import APP_NAME
from cfpm_coach.services.workspace import Workspace
from tests.ui.xserver import XDisplay, wait_for_window, xvfb


def test_the_app_opens_its_window_on_a_real_x_display(tmp_path: Path) -> None:
    with xvfb() as display:
        child = subprocess.Popen(
            [sys.executable, "-m", "cfpm_coach", "--data-dir", str(tmp_path / "data")],
            env=display.env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            windows = wait_for_window(display, APP_NAME, child)
            assert windows, "no window"
            assert child.poll() is None, "the app exited after showing its window"
        finally:
            child.kill()
            child.communicate()


def _shown_title(display: XDisplay, window: str) -> str:
    """The title the window manager shows (the X window's name, as Qt set it)."""
    return subprocess.run(["xdotool", "getwindowname", window], env=display.env(),
                          capture_output=True, text=True, timeout=10, check=True).stdout.strip()


def test_the_title_names_the_coach_and_the_app_once(tmp_path: Path) -> None:
    """On Linux and Windows Qt appends the application's display name to a window's title: the
    title bar read "CFPM Coach — Test Coach — CFPM Coach" when the app put its own name in too."""
    with Workspace.open(tmp_path / "data") as ws:
        ws.first_run.complete_welcome(name="Test Coach", role="Practice coach",
                                      county="Sample County", office="North")
    with xvfb() as display:
        child = subprocess.Popen(
            [sys.executable, "-m", "cfpm_coach", "--data-dir", str(tmp_path / "data")],
            env=display.env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            [window] = wait_for_window(display, "Test Coach", child)
            title = _shown_title(display, window)
        finally:
            child.kill()
            child.communicate()
    assert title.count(APP_NAME) == 1, title
    assert title == f"Test Coach \u2014 {APP_NAME}"
