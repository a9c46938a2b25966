"""Idle lock: the window hides its content after a quiet spell; shortcuts do nothing until Unlock."""

import os

from PySide6.QtCore import QEvent, Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from cfpm_coach.ui.shell.main_window import MainWindow


def test_idle_lock_hides_content_and_swallows_shortcuts(qtbot: QtBot,
                                                        window: MainWindow) -> None:
    lock = window.idle_lock
    window.commands.coming_up_action.trigger()
    qtbot.waitUntil(lambda: window.tools.coming_up_dialog is not None
                    and window.tools.coming_up_dialog.isVisible(), timeout=10_000)
    lock.timer.start(100)  # the setting is in minutes; a tenth of a second for the test
    qtbot.waitUntil(lambda: lock.locked, timeout=5_000)
    assert lock.screen.isVisible() and lock.screen.geometry() == window.rect()
    if os.environ.get("CFPM_SCREENSHOTS"):
        window.grab().save(os.environ["CFPM_SCREENSHOTS"] + "/locked.png")
    assert window.tools.coming_up_dialog is not None
    assert not window.tools.coming_up_dialog.isVisible()  # other windows hide too

    # Ctrl+N would open the New observation dialog (a modal dialog fails the test): swallowed.
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5_000)
    QTest.keyClick(lock.screen.unlock_button, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.wait(50)
    assert lock.locked
    assert lock.eventFilter(window, QEvent(QEvent.Type.ShortcutOverride))

    qtbot.mouseClick(lock.screen.unlock_button, Qt.MouseButton.LeftButton)
    assert not lock.locked and not lock.screen.isVisible()
    assert window.tools.coming_up_dialog.isVisible()
    assert lock.timer.isActive() and lock.timer.interval() == lock.minutes * 60_000
    assert not lock.eventFilter(window, QEvent(QEvent.Type.ShortcutOverride))


def test_zero_minutes_never_locks(window: MainWindow) -> None:
    window.idle_lock.set_minutes(0)
    assert not window.idle_lock.timer.isActive()
    window.idle_lock.apply_setting("nonsense")
    assert window.idle_lock.minutes == 10 and window.idle_lock.timer.isActive()


def test_a_window_closed_before_the_first_turn_of_the_loop_watches_nothing(qtbot: QtBot) -> None:
    """The lock starts watching the application on the loop's first turn; a window closed
    before then (a test's, a failed start's) must not be left watching every event."""
    from PySide6.QtWidgets import QApplication, QWidget

    from cfpm_coach.ui.flows.idle_lock import IdleLock

    class CountingLock(IdleLock):
        seen = 0

        def eventFilter(self, watched: object, event: QEvent) -> bool:  # type: ignore[override]
            CountingLock.seen += 1
            return False

    host = QWidget()
    qtbot.addWidget(host)
    lock = CountingLock(host)  # type: ignore[arg-type]
    lock.shutdown()
    qtbot.wait(20)  # the loop's first turn
    QApplication.sendEvent(host, QEvent(QEvent.Type.User))
    assert CountingLock.seen == 0
