"""A real X display for tests: Xvfb on a free display number, with xdotool to look at it.

The offscreen platform needs none of the xcb libraries a coach's desktop needs; these tests start
the app the way `make run` does on a real X11 desktop, so a missing library fails CI.
"""

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

SCREEN = "1366x768x24"


@dataclass(frozen=True)
class XDisplay:
    """A running Xvfb: its DISPLAY value and the environment a child needs to use it."""

    name: str

    def env(self, base: dict[str, str] | None = None) -> dict[str, str]:
        """base (default os.environ) with DISPLAY set and the xcb platform forced."""
        env = dict(os.environ if base is None else base)
        env["DISPLAY"] = self.name
        env["QT_QPA_PLATFORM"] = "xcb"
        return env

    def visible_windows(self, title: str) -> list[str]:
        """Ids of the mapped windows whose title contains title (xdotool search)."""
        found = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", title],
                               env=self.env(), capture_output=True, text=True, timeout=10)
        return found.stdout.split()


def require(*tools: str) -> None:
    """Fail (not skip) when a tool `make test` installs is missing: CI must not pass without it."""
    missing = [tool for tool in tools if shutil.which(tool) is None]
    if missing:
        raise AssertionError(f"{', '.join(missing)} not installed: run `make test-deps` "
                             "(it installs xvfb, xauth and xdotool)")


@contextmanager
def xvfb(screen: str = SCREEN) -> Iterator[XDisplay]:
    """Start Xvfb on a display number it picks itself; stop it on exit."""
    require("Xvfb", "xdotool")
    read_fd, write_fd = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", screen, "-nolisten", "tcp"],
        pass_fds=(write_fd,), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    os.close(write_fd)
    try:
        with os.fdopen(read_fd) as pipe:
            number = pipe.readline().strip()
        if not number:
            _, err = server.communicate(timeout=10)
            raise AssertionError(f"Xvfb did not start: {err.decode(errors='replace')}")
        yield XDisplay(f":{number}")
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def wait_for_window(display: XDisplay, title: str, child: subprocess.Popen[str],
                    timeout: float = 60.0) -> list[str]:
    """Poll xdotool until a window titled title is mapped; AssertionError with the child's
    output if the child exits first or nothing appears in time."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        windows = display.visible_windows(title)
        if windows:
            return windows
        if child.poll() is not None:
            out, err = child.communicate()
            raise AssertionError(f"the app exited with {child.returncode} before showing a "
                                 f"window:\n{out}\n{err}")
        time.sleep(0.2)
    child.kill()
    out, err = child.communicate()
    raise AssertionError(f"no window titled {title!r} within {timeout} s:\n{out}\n{err}")
