"""What a screen reader hears (issue 19): the real app on a real X display (Xvfb, the xcb
plugin), its AT-SPI tree read from another process with pyatspi, as Orca reads it.

The coach opens the checklist by keyboard (Ctrl+N, then Enter in New observation, typed with
xdotool); the tree must list every rating button of every behavior as a radio button named
for the behavior, the value and the level, every evidence note as a named text field, and the
main window's controls with names.
"""

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from cfpm_coach import APP_ID
from cfpm_coach.domain.instruments import Instrument
from cfpm_coach.services.workspace import Workspace
from tests.ui.atspi import Node, accessibility_bus, wait_for_tree
from tests.ui.conftest import returning_coach
from tests.ui.xserver import XDisplay, wait_for_window, xvfb

WORKER = "Amelia Ortiz"
COACH = "Test Coach"
# Roles a person acts on: each needs a name a screen reader can say.
CONTROLS = {"push button", "toggle button", "radio button", "check box", "text",
            "password text", "combo box", "spin button", "table", "menu item", "page tab"}


def _store(data: Path) -> Instrument:
    """A returning coach's store with one worker; the practice instrument New observation
    starts on."""
    returning_coach(data, name=COACH)
    with Workspace.open(data) as ws:
        ws.workers.add(WORKER, office="Eastside")
        instrument = ws.practice_instrument()
    assert instrument is not None
    return instrument


def _keys(display: XDisplay, window_title: str, child: subprocess.Popen[str], *keys: str) -> None:
    """Give window_title the keyboard (Xvfb has no window manager to do it), then type keys."""
    window = wait_for_window(display, window_title, child)[0]
    subprocess.run(["xdotool", "windowfocus", "--sync", window, "key", "--clearmodifiers", *keys],
                   env=display.env(), check=True, timeout=30)


def _expected_buttons(instrument: Instrument) -> list[str]:
    scale = instrument.scale
    names = []
    for group in instrument.groups:
        for item in group.items:
            names += [f"{item.label}: {value} {scale.level(value).label}"
                      for value in scale.scored_values]
            names += [f"{item.label}: {scale.level(value).label}"
                      for value in scale.unscored_values]
    return names


def _unnamed_controls(tree: list[Node]) -> list[str]:
    return [f"{n.role} at depth {n.depth}" for n in tree
            if n.role in CONTROLS and not n.name.strip()]


def test_a_screen_reader_hears_the_checklist_rating_buttons(tmp_path: Path) -> None:
    instrument = _store(tmp_path / "data")
    with xvfb() as display, accessibility_bus(tmp_path / "runtime", display.name) as bus:
        log = (tmp_path / "app.log").open("w")
        child = subprocess.Popen(
            [sys.executable, "-m", "cfpm_coach", "--data-dir", str(tmp_path / "data")],
            env=display.env({**os.environ, **bus}), stdout=log, stderr=subprocess.STDOUT,
            text=True)
        try:
            # The main window, once the store is open: the worker is listed.
            main = wait_for_tree(bus, APP_ID, lambda tree: any(
                n.role == "table cell" and n.name == WORKER for n in tree), child_alive(child))
            by_role = {(n.role, n.name) for n in main}
            for control in (("text", "Search workers"), ("table", "Workers"),
                            ("push button", "New observation"), ("push button", "Add worker")):
                assert control in by_role, f"{control} not in the main window's tree"
            assert _unnamed_controls(main) == []

            # The main window is found by the coach's name, its title; xdotool's --name search
            # did not find the app's name that Qt adds after an em dash.
            _keys(display, COACH, child, "ctrl+n")
            _keys(display, "New observation", child, "Return")
            expected = _expected_buttons(instrument)
            checklist = wait_for_tree(bus, APP_ID, lambda tree: sum(
                n.role in ("radio button", "check box", "toggle button", "push button")
                and n.name.startswith(instrument.groups[0].items[0].label) for n in tree) > 1,
                child_alive(child))
            # A rating by keyboard on the first behavior (it has the focus): the screen reader
            # hears its button as checked.
            _keys(display, COACH, child, str(instrument.scale.scored_values[1]))
            rated = wait_for_tree(bus, APP_ID, lambda tree: any(
                n.role == "radio button" and "checked" in n.states for n in tree),
                child_alive(child))
        except AssertionError as failure:
            log.flush()
            raise AssertionError(f"{failure}\n-- the app's output:\n"
                                 f"{(tmp_path / 'app.log').read_text()[-3000:]}") from None
        finally:
            child.kill()
            child.wait()
            log.close()

    buttons = [n for n in checklist if n.role == "radio button"]
    assert [n.name for n in buttons] == expected, (
        "rating buttons as a screen reader hears them: "
        f"{[(n.role, n.name) for n in checklist if ': ' in n.name][:8]}")
    assert all("checkable" in n.states and "checked" not in n.states for n in buttons)
    notes = [n.name for n in checklist if n.role == "text" and n.name.startswith("Evidence")]
    items = [item for group in instrument.groups for item in group.items]
    assert notes == [f"Evidence note for {item.label}" for item in items]
    # Each behavior is a focusable panel named for it, described in plain words.
    rows = [n for n in checklist if n.role == "panel" and "focusable" in n.states]
    assert [(n.name, n.description) for n in rows] == [(i.label, i.description) for i in items]
    assert not [n.description for n in checklist if "<" in n.description], "markup read aloud"
    # The save state is read as what it says, not as a fixed name hiding it.
    assert any(n.role == "label" and n.name == "All changes saved" for n in checklist)
    assert _unnamed_controls(checklist) == []
    first, value = items[0], instrument.scale.scored_values[1]
    checked = [n.name for n in rated if n.role == "radio button" and "checked" in n.states]
    assert checked == [f"{first.label}: {value} {instrument.scale.level(value).label}"]


def child_alive(child: subprocess.Popen[str]) -> Callable[[], bool]:
    """A check that the app is still running, for the polling loop."""
    return lambda: child.poll() is None
