"""Idle lock: after a quiet spell the window hides its content behind a lock screen.

A laptop left open at a family's kitchen table must not show coaching notes to whoever sits down.
Any key, click or wheel resets the clock. While locked, keyboard shortcuts are swallowed and other
windows of the app are hidden until the coach unlocks. With a passphrase set (encryption at
rest), unlocking asks for it; without one it is a click.
"""

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QVBoxLayout, QWidget

from cfpm_coach.ui.dialogs.passphrase_dialogs import passphrase_field

if TYPE_CHECKING:
    from cfpm_coach.ui.shell.main_window import MainWindow

DEFAULT_MINUTES = 10
SETTING_KEY = "idle_lock_minutes"
_ACTIVITY = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel,
             QEvent.Type.MouseMove, QEvent.Type.TouchBegin}
_SWALLOWED = {QEvent.Type.Shortcut, QEvent.Type.ShortcutOverride}


class LockScreen(QWidget):
    """Covers the whole window; only the Unlock button works."""

    unlock_requested = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("lockScreen")
        self.setAutoFillBackground(True)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        title = QLabel(self.tr("<h2>CFPM Coach is locked</h2>"))
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text = QLabel(self.tr("Locked after a quiet spell to keep coaching records private. "
                              "Everything is saved."))
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text.setWordWrap(True)
        self.passphrase = passphrase_field(self.tr("Passphrase"))
        self.passphrase.setObjectName("lockPassphrase")
        self.passphrase.setPlaceholderText(self.tr("Passphrase"))
        self.passphrase.setFixedWidth(self.fontMetrics().averageCharWidth() * 36)
        self.passphrase.returnPressed.connect(self.unlock_requested)
        self.message = QLabel()
        self.message.setObjectName("lockMessage")
        self.message.setProperty("role", "error")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.unlock_button = QPushButton(self.tr("&Unlock"))
        self.unlock_button.setObjectName("unlockButton")
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self.unlock_requested)
        for widget in (title, text):
            layout.addWidget(widget)
        layout.addWidget(self.passphrase, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.message)
        layout.addWidget(self.unlock_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        self.hide()


class IdleLock(QObject):
    """Watches input application-wide and locks the main window when it has been idle."""

    locked_changed = Signal(bool)

    def __init__(self, window: "MainWindow") -> None:
        super().__init__(window)
        self.window = window
        self.locked = False
        self.needs_passphrase = False
        self.screen = LockScreen(window)
        self.screen.unlock_requested.connect(self.unlock)
        self._hidden: list[QWidget] = []
        self._shut = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.lock)
        self.set_minutes(DEFAULT_MINUTES)
        # Watched from the first turn of the event loop: an application-wide Python filter
        # called on each of the ~1,800 events of building and first painting the window costs
        # start-up time, and a clock of minutes loses nothing by starting a moment later.
        QTimer.singleShot(0, self, self._watch_input)

    @Slot()
    def _watch_input(self) -> None:
        app = QApplication.instance()
        # A window closed before the loop's first turn must not watch the application.
        if app is not None and not self._shut and getattr(self, "window", None) is not None:
            app.installEventFilter(self)

    def apply_setting(self, value: object) -> None:
        """The saved idle time (minutes; 0 never locks)."""
        self.set_minutes(value if isinstance(value, int) and value >= 0 else DEFAULT_MINUTES)

    def set_minutes(self, minutes: int) -> None:
        """Lock after this many idle minutes; 0 never locks."""
        self.minutes = max(0, minutes)
        self.timer.stop()
        if self.minutes:
            self.timer.start(self.minutes * 60_000)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Activity restarts the clock; while locked, shortcuts do nothing."""
        window = getattr(self, "window", None)
        if window is None:  # being torn down with its window: watch nothing
            return False
        kind = event.type()
        if watched is window and kind == QEvent.Type.Resize:
            self.follow_resize()
        if self.locked:
            return kind in _SWALLOWED
        if kind in _ACTIVITY and self.minutes and self.timer.isActive():
            self.timer.start()
        return False

    @Slot()
    def lock(self) -> None:
        """Hide everything behind the lock screen (notes being typed are saved first)."""
        if self.locked:
            return
        self.window.checklist.flush_notes()
        self._hidden = [w for w in QApplication.topLevelWidgets()
                        if w is not self.window and w.isVisible() and not w.isModal()]
        for widget in self._hidden:
            widget.hide()
        self.locked = True
        needs_passphrase = self.needs_passphrase = self.window.security.store_encrypted()
        self.screen.passphrase.clear()
        self.screen.passphrase.setVisible(needs_passphrase)
        self.screen.message.clear()
        self.screen.setGeometry(self.window.rect())
        self.screen.show()
        self.screen.raise_()
        (self.screen.passphrase if needs_passphrase else self.screen.unlock_button).setFocus()
        self.locked_changed.emit(True)

    @Slot()
    def unlock(self) -> None:
        """Show the window's content again (given the passphrase, when set); restart the clock."""
        if not self.locked:
            return
        if self.needs_passphrase:
            typed = self.screen.passphrase.text()
            self.screen.passphrase.clear()
            if not self.window.security.check(typed):
                self.screen.message.setText(self.tr("That is not the passphrase."))
                self.screen.passphrase.setFocus()
                return
        self.screen.message.clear()
        self.locked = False
        self.screen.hide()
        for widget in self._hidden:
            widget.show()
        self._hidden = []
        self.set_minutes(self.minutes)
        self.locked_changed.emit(False)

    def shutdown(self) -> None:
        """Stop watching the application (the window is closing)."""
        self._shut = True
        self.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def follow_resize(self) -> None:
        """Keep the lock screen over the whole window."""
        if self.locked:
            self.screen.setGeometry(self.window.rect())
