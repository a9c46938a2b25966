"""Touch density: everything a finger presses in every window and dialog is at least 40 px high
(issue 19: "rating buttons and list rows at least 40 px high in a touch density setting, and the
checklist usable with a finger"), and every dialog still fits a 1366x768 laptop. The finish
dialog's behavior list had 14 px rows and its goal and the checklist's evidence fields were 22 px;
Settings stood 888 px high."""

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from cfpm_coach.ui.look import appearance, theme
from cfpm_coach.ui.look.appearance import Appearance
from cfpm_coach.ui.shell.main_window import MainWindow
from tests.ui.conftest import wait_idle
from tests.ui.shell.test_every_window import (  # noqa: F401  (fixtures)
    SKIPPED,
    Looker,
    laptop_window,
    looker,
    select_worker,
)
from tests.ui.walker import small_touch_targets, too_big


class FingerLooker(Looker):
    """Measures every modal dialog's targets, then closes it with Escape."""

    def look(self, widget: QWidget) -> None:
        self.seen.append(f"{type(widget).__name__} {widget.windowTitle()!r}")
        self.problems += small_touch_targets(widget, theme.TOUCH_TARGET_PX) + too_big(widget)


@pytest.fixture
def language() -> str:
    """English only: the sizes do not depend on the language."""
    return "en"


@pytest.fixture
def touch(themed: QApplication) -> Iterator[QApplication]:
    appearance.apply(themed, Appearance(density="touch"))
    yield themed


@pytest.fixture
def finger(looker: Looker) -> Looker:  # noqa: F811  (the imported fixture)
    looker.__class__ = FingerLooker
    return looker


def test_every_target_in_every_dialog_takes_a_finger(
        qtbot: QtBot, touch: QApplication, laptop_window: MainWindow,  # noqa: F811
        finger: Looker) -> None:
    window = laptop_window
    select_worker(qtbot, window, 0)
    draft = window.workspace.observations.drafts()[0]  # type: ignore[union-attr]
    window.flow.open(draft.id)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.checklist, timeout=10_000)
    wait_idle(qtbot, window)
    finger.problems += small_touch_targets(window.checklist, theme.TOUCH_TARGET_PX)
    actions = sorted(window.findChildren(QAction), key=lambda a: a.objectName() == "refresh")
    for action in actions:
        if not action.isEnabled() or not action.text() or action.menu() is not None \
                or action.objectName() in SKIPPED or action.isCheckable():
            continue
        action.trigger()
        wait_idle(qtbot, window)
        for _ in range(5):
            QCoreApplication.processEvents()
        for top in QApplication.topLevelWidgets():
            if top is not window and top.isVisible() and not top.inherits("QMenu"):
                finger.look(top)
                top.close()
    assert any(seen.startswith("FinishDialog") for seen in finger.seen), finger.seen
    assert finger.problems == [], "\n".join(finger.problems)
