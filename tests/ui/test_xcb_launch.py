"""`make run` on a real X11 desktop: the app, as a child process on Xvfb with the xcb platform
plugin (not offscreen), shows its window. Fails when a library the xcb plugin needs is missing,
which the offscreen tests never notice (issue 16, problem 10)."""

import subprocess
import sys
from pathlib import Path

from cfpm_coach import APP_NAME
from tests.ui.xserver import wait_for_window, xvfb


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
