"""Every control of the checklist reached by keyboard, with a focus ring a person can see, in
light and dark (issue 19: "every control reachable by keyboard with a visible focus ring").

A behavior is one Tab stop and its rating buttons are reached through it, as the levels of a
radio group are (its digit keys and N choose a level: test_observation_flow rates all of them
by keyboard); its evidence note is the next Tab stop.
"""

import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import (
    QApplication,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from cfpm_coach.ui.look import appearance
from cfpm_coach.ui.look.appearance import Appearance
from cfpm_coach.ui.shell.main_window import MainWindow
from cfpm_coach.ui.widgets.behavior_row import BehaviorRow
from tests.ui.conftest import wait_idle
from tests.ui.journeys import steps
from tests.ui.journeys.driver import activate, press

# WCAG 2.1 1.4.11: a focus indicator needs 3:1 against what is next to it.
NON_TEXT_CONTRAST = 3.0


def _luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return (0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF())
            + 0.0722 * channel(colour.blueF()))


def contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio of two colours."""
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _checklist(qtbot: QtBot, window: MainWindow) -> list[BehaviorRow]:
    steps.add_worker(qtbot, window, "Amelia Ortiz")
    steps.start_by_keyboard(qtbot, window)
    qtbot.waitUntil(lambda: steps.on_checklist_of(window, "Amelia Ortiz"), timeout=10_000)
    wait_idle(qtbot, window)
    activate(qtbot, window)
    return [window.checklist.rows[b] for b in window.checklist._order]


def _focused() -> QWidget | None:
    return QApplication.focusWidget()


def _ring(before: QImage, after: QImage, *, edge_only: bool = False) -> int:
    """How many pixels changed between two pictures of one widget by a contrast of 3:1 or more
    (WCAG 2.2's measure of a focus indicator: the change, not the colour alone); edge_only
    counts only the outermost two pixels all the way round."""
    assert before.size() == after.size()
    width, height = before.width(), before.height()
    if edge_only:
        points = {(x, y) for i in (0, 1) for x in range(width) for y in (i, height - 1 - i)}
        points |= {(x, y) for i in (0, 1) for y in range(height) for x in (i, width - 1 - i)}
    else:
        points = {(x, y) for x in range(width) for y in range(height)}
    return sum(contrast(before.pixelColor(x, y), after.pixelColor(x, y)) >= NON_TEXT_CONTRAST
               for x, y in points)


def _picture(widget: QWidget) -> QImage:
    return widget.grab().toImage()


def _perimeter(widget: QWidget) -> int:
    """The least a ring must change: a one-pixel line all round the widget, less what rounded
    corners leave out (a tenth)."""
    return int(0.9 * 2 * (widget.width() + widget.height()))


def _tab_to(widget: QWidget, limit: int = 200) -> None:
    """Press Tab until widget has the focus (AssertionError after limit presses)."""
    for _ in range(limit):
        if _focused() is widget:
            return
        press(Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached {widget!r}")


def test_tab_reaches_every_behavior_then_its_note_in_order(
        qtbot: QtBot, window: MainWindow, real_dialogs: None) -> None:
    rows = _checklist(qtbot, window)
    qtbot.waitUntil(rows[0].hasFocus, timeout=5_000)  # after Ctrl+N: the first one still open
    expected: list[QWidget] = [w for row in rows for w in (row, row.note)]
    reached: list[QWidget | None] = [_focused()]
    for _ in expected[1:]:
        press(Qt.Key.Key_Tab)
        reached.append(_focused())
    names = [getattr(w, "accessibleName", lambda: "")() for w in reached]
    assert reached == expected, names
    # And back again with Shift+Tab.
    for widget in reversed(expected[:-1]):
        press(Qt.Key.Key_Backtab)
        assert _focused() is widget
    _tab_to(expected[-1])
    # From the last note on to the page's buttons, as they are shown (Tab went back to the
    # workers list, and the buttons came before the first behavior).
    press(Qt.Key.Key_Tab)
    page = window.checklist
    for button in (page.discard_button, page.close_button, page.finish_button):
        assert _focused() is button, (_focused(), button.text())
        press(Qt.Key.Key_Tab)
    # The rating buttons are reached through their row, never Tab stops of their own (five
    # stops a behavior would make 130 presses of Tab through one checklist).
    assert all(b.focusPolicy() == Qt.FocusPolicy.NoFocus for r in rows for b in r.buttons.values())


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_focus_ring_is_visible(qtbot: QtBot, themed: QApplication, window: MainWindow,
                                   real_dialogs: None, scheme: str) -> None:
    appearance.apply(themed, Appearance(scheme=scheme))
    rows = _checklist(qtbot, window)
    first = rows[0]
    qtbot.waitUntil(first.hasFocus, timeout=5_000)
    row_focused = _picture(first)
    press(Qt.Key.Key_Tab)  # to its note
    assert _focused() is first.note
    note_focused, row_left = _picture(first.note), _picture(first)
    press(Qt.Key.Key_Tab)  # on to the next behavior
    assert _focused() is rows[1]
    note_left = _picture(first.note)
    assert _ring(row_left, row_focused, edge_only=True) >= _perimeter(first), "behavior"
    assert _ring(note_left, note_focused) >= _perimeter(first.note), "evidence note"
    # The page's buttons (Back to worker, Finish…) show theirs too.
    for button in (window.checklist.close_button, window.checklist.finish_button):
        left = _picture(button)
        _tab_to(button)
        assert _ring(left, _picture(button)) >= _perimeter(button), button.text()


def test_tab_leaves_the_tables(qtbot: QtBot, window: MainWindow, real_dialogs: None) -> None:
    """A table kept Tab to go from cell to cell: the keyboard could not leave the workers list."""
    steps.add_worker(qtbot, window, "Amelia Ortiz")
    activate(qtbot, window)
    steps.click_worker_row(qtbot, window, "Amelia Ortiz")
    tables = [window.workers_panel.table,
              *(t for t in window.worker_page.findChildren(QTableView) if t.isVisible())]
    for table in tables:
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                         pos=table.viewport().rect().center())
        qtbot.waitUntil(table.hasFocus, timeout=5_000)
        press(Qt.Key.Key_Tab)
        assert _focused() is not table, table.accessibleName()


def test_painting_with_the_theme_keeps_none_alive(qtbot: QtBot, themed: QApplication) -> None:
    """The first focus ring was a Python QProxyStyle: with PySide6 6.12 on Python 3.11 each void
    Qt call from Python drops a reference to None, and the style made them on every paint, so
    None's count ran down by thousands a minute until the app died (none_dealloc)."""
    appearance.apply(themed, Appearance(scheme="dark"))
    panel = QWidget()
    qtbot.addWidget(panel)
    layout = QVBoxLayout(panel)
    field, button = QLineEdit("a note"), QPushButton("Finish\u2026")
    button.setDefault(True)
    for widget in (field, button):
        layout.addWidget(widget)
    panel.show()
    qtbot.waitExposed(panel)
    dropped = {}
    for focused in (field, button):
        focused.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.waitUntil(focused.hasFocus, timeout=5_000)
        before = sys.getrefcount(None)
        for _ in range(300):
            panel.grab()
        dropped[type(focused).__name__] = before - sys.getrefcount(None)
    assert all(count < 30 for count in dropped.values()), dropped


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_check_box_shows_the_same_ring(qtbot: QtBot, themed: QApplication, window: MainWindow,
                                         real_dialogs: None, scheme: str) -> None:
    """Check boxes kept Fusion's ring: a faint 1 px tint round their text only."""
    from cfpm_coach.ui.dialogs.settings_dialog import SettingsDialog
    from tests.ui.journeys.driver import when_modal
    from tests.ui.journeys.steps import ALT, CTRL

    appearance.apply(themed, Appearance(scheme=scheme))
    rings: list[tuple[int, int]] = []

    def look(dialog: SettingsDialog) -> None:
        box = dialog.spelling
        press(Qt.Key.Key_L, ALT)  # &Lock after idle: the field before the check box
        assert _focused() is dialog.idle
        left = _picture(box)
        press(Qt.Key.Key_Tab)
        assert _focused() is box
        rings.append((_ring(left, _picture(box)), _perimeter(box)))
        press(Qt.Key.Key_Escape)

    answered = when_modal(SettingsDialog, look)
    activate(qtbot, window)
    press(Qt.Key.Key_Comma, CTRL)
    qtbot.waitUntil(lambda: bool(answered) and bool(rings), timeout=10_000)
    changed, perimeter = rings[0]
    assert changed >= perimeter, (changed, perimeter)
