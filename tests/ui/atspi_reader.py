"""What a screen reader sees: the AT-SPI tree of one application, printed as JSON.

Run with the system Python (`/usr/bin/python3`, where Debian's python3-pyatspi lives), not the
project's venv, on the session bus in DBUS_SESSION_BUS_ADDRESS:

    atspi_reader.py ready          start the accessibility bus and registry, print {"apps": [...]}
    atspi_reader.py tree APP_NAME  every node under the application named APP_NAME that is
                                   showing: role, name, description, states, depth

Imports nothing of the project: it stands where Orca stands, outside the app.
"""

import json
import sys
from typing import Any

import pyatspi

MAX_DEPTH = 60


def _node(accessible: Any, depth: int) -> dict[str, Any] | None:
    try:
        states = accessible.getState()
        return {
            "depth": depth,
            "role": accessible.getRoleName(),
            "name": accessible.name or "",
            "description": accessible.description or "",
            "states": sorted(pyatspi.stateToString(s) for s in states.getStates()),
        }
    except Exception:  # a node that went away while being read: leave it out
        return None


def walk(accessible: Any, depth: int, out: list[dict[str, Any]]) -> None:
    """Depth first, children of showing nodes only (what a screen reader can reach now)."""
    node = _node(accessible, depth)
    if node is None:
        return
    if depth > 0 and "showing" not in node["states"]:
        return
    out.append(node)
    if depth >= MAX_DEPTH:
        return
    try:
        count = accessible.childCount
    except Exception:
        return
    for index in range(count):
        try:
            child = accessible.getChildAtIndex(index)
        except Exception:
            continue
        if child is not None:
            walk(child, depth + 1, out)


def main(argv: list[str]) -> int:
    """ready | tree APP_NAME; JSON on stdout."""
    desktop = pyatspi.Registry.getDesktop(0)
    apps = [desktop.getChildAtIndex(i) for i in range(desktop.childCount)]
    names = [app.name for app in apps if app is not None]
    if argv[1:2] == ["tree"] and len(argv) == 3:
        nodes: list[dict[str, Any]] = []
        for app in apps:
            if app is not None and app.name == argv[2]:
                walk(app, 0, nodes)
                break
        print(json.dumps({"apps": names, "nodes": nodes}))
        return 0
    if argv[1:] == ["ready"]:
        print(json.dumps({"apps": names}))
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
