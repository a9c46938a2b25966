"""A private accessibility bus for a test, and a screen reader's view of an app on it.

Linux screen readers (Orca) learn what is on screen from the AT-SPI tree: the app publishes it
on the accessibility bus, which the session bus starts on request (at-spi-bus-launcher, then
the registry). Each test gets its own session bus (`dbus-daemon`, no fixed names, its runtime
folder in tmp_path), so tests on pytest-xdist workers never see one another's apps.

The reader (`atspi_reader.py`) runs with the system Python, where Debian's python3-pyatspi is,
in a process of its own: it stands outside the app, where a screen reader stands.
"""

import json
import os
import shutil
import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SYSTEM_PYTHON = "/usr/bin/python3"
READER = Path(__file__).with_name("atspi_reader.py")
INSTALL_HINT = ("run `make test-deps` (it installs dbus-daemon, at-spi2-core and "
                "python3-pyatspi)")


@dataclass(frozen=True)
class Node:
    """One accessible object as a screen reader reads it."""

    depth: int
    role: str
    name: str
    description: str
    states: frozenset[str]


def require() -> None:
    """Fail (not skip) when what `make test` installs is missing: CI must not pass without it."""
    if shutil.which("dbus-daemon") is None or not Path("/usr/libexec/at-spi-bus-launcher").exists():
        raise AssertionError(f"dbus-daemon or at-spi-bus-launcher not installed: {INSTALL_HINT}")
    found = subprocess.run([SYSTEM_PYTHON, "-c", "import pyatspi"], capture_output=True,
                           text=True, timeout=30, env=_clean_env({}))
    if found.returncode != 0:
        raise AssertionError(f"{SYSTEM_PYTHON} cannot import pyatspi ({found.stderr.strip()}): "
                             f"{INSTALL_HINT}")


def _clean_env(extra: dict[str, str]) -> dict[str, str]:
    """The test's environment without what points Python at the venv (the reader is the
    system's Python) or at another session bus."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "DBUS_SESSION_BUS_ADDRESS")}
    env.update(extra)
    return env


@contextmanager
def accessibility_bus(runtime_dir: Path, display: str) -> Iterator[dict[str, str]]:
    """A session bus of its own with the accessibility bus and registry started on it; yields
    the variables an app and a reader need to use it."""
    require()
    runtime_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    env = _clean_env({"XDG_RUNTIME_DIR": str(runtime_dir), "DISPLAY": display})
    daemon = subprocess.Popen(["dbus-daemon", "--session", "--nofork", "--print-address=1"],
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                              text=True)
    try:
        assert daemon.stdout is not None
        address = daemon.stdout.readline().strip()
        if not address:
            raise AssertionError(f"dbus-daemon did not start (exit {daemon.wait(timeout=10)})")
        bus = {"DBUS_SESSION_BUS_ADDRESS": address, "XDG_RUNTIME_DIR": str(runtime_dir),
               # Publish the tree even though no screen reader announced itself on the bus.
               "QT_LINUX_ACCESSIBILITY_ALWAYS_ON": "1"}
        # The first reader starts the accessibility bus and the registry: an app started after
        # this finds them (Qt does not start them itself).
        _run_reader(bus, "ready")
        yield bus
    finally:
        daemon.terminate()
        try:
            daemon.wait(timeout=10)
        except subprocess.TimeoutExpired:
            daemon.kill()
            daemon.wait()


def _run_reader(bus: dict[str, str], *args: str) -> dict[str, Any]:
    done = subprocess.run([SYSTEM_PYTHON, str(READER), *args], env=_clean_env(bus),
                          capture_output=True, text=True, timeout=60)
    if done.returncode != 0:
        raise AssertionError(f"the AT-SPI reader failed ({done.returncode}): {done.stderr}")
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def read_tree(bus: dict[str, str], app_name: str) -> list[Node]:
    """The showing part of app_name's accessibility tree, depth first (empty if not there)."""
    nodes = _run_reader(bus, "tree", app_name)["nodes"]
    return [Node(n["depth"], n["role"], n["name"], n["description"], frozenset(n["states"]))
            for n in nodes]


def wait_for_tree(bus: dict[str, str], app_name: str, ready: Callable[[list[Node]], bool],
                  alive: Callable[[], bool], timeout: float = 60.0) -> list[Node]:
    """Read the tree until ready(tree) holds; AssertionError if the app dies or time runs out."""
    deadline = time.monotonic() + timeout
    tree: list[Node] = []
    while time.monotonic() < deadline:
        tree = read_tree(bus, app_name)
        if ready(tree):
            return tree
        if not alive():
            raise AssertionError("the app exited while its accessibility tree was read")
        time.sleep(0.2)
    shown = "\n".join(f"{'  ' * n.depth}{n.role}: {n.name!r}" for n in tree[:80])
    raise AssertionError(f"the accessibility tree did not get there in {timeout} s:\n{shown}")
