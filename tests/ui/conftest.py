"""GUI tests run offscreen, each on a fresh data folder, waiting on signals, never sleeping."""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from cfpm_coach.ui.app import application, open_main_window
from cfpm_coach.ui.main_window import MainWindow

# The offscreen screen is 800x800 unless told otherwise; the UI tests see the smallest laptop
# coaches use, 1366x768, so "fits the screen" means what it means for them. Set before the
# QApplication exists (collection imports this first).
LAPTOP_SCREEN = Path(__file__).with_name("laptop_screen.json")
if os.environ.get("QT_QPA_PLATFORM") == "offscreen":
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={LAPTOP_SCREEN}"


@pytest.fixture(autouse=True)
def _no_unexpected_modal_dialogs(monkeypatch: pytest.MonkeyPatch) -> None:
    """A modal dialog nobody answers would hang an offscreen run: fail the test instead."""
    from PySide6.QtWidgets import QDialog, QMessageBox

    def refuse(dialog: QDialog, *_args: object) -> int:
        text = dialog.text() if isinstance(dialog, QMessageBox) else ""
        raise AssertionError(f"unexpected modal dialog {dialog.windowTitle()!r}: {text}")

    monkeypatch.setattr(QDialog, "exec", refuse)
    monkeypatch.setattr(QMessageBox, "exec", refuse)
    def refuse_static(_parent: object, title: str, text: str, *_a: object, **_k: object) -> int:
        raise AssertionError(f"unexpected modal dialog {title!r}: {text}")

    for name in ("question", "warning", "critical", "information"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(refuse_static))


@pytest.fixture(autouse=True)
def _welcome_answered_later(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every fresh store greets its coach; tests answer Later unless they walk the welcome, and
    give a name when their first observation asks for it (tests/ui/journeys answer for real)."""
    from cfpm_coach.ui import prompts
    from cfpm_coach.ui.welcome_dialog import WelcomeDialog

    monkeypatch.setattr(WelcomeDialog, "ask", classmethod(lambda cls, *_a, **_k: None))
    monkeypatch.setattr(prompts, "ask_coach_name", lambda _parent: "Test Coach", raising=False)


@pytest.fixture(scope="session")
def qapp_cls():  # type: ignore[no-untyped-def]
    """pytest-qt's qapp is our configured application."""
    from PySide6.QtWidgets import QApplication

    return QApplication


@pytest.fixture
def window(qtbot: QtBot, data_dir: Path, qapp) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    """The real main window on a fresh store, opened and shown."""
    application()
    win = open_main_window(data_dir)
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.backend.opened, timeout=20_000):
        pass
    win.show()
    qtbot.waitUntil(lambda: win.workers_panel.isEnabled(), timeout=5_000)
    yield win
    win.close()
    win.backend.shutdown()


def wait_idle(qtbot: QtBot, win: MainWindow, timeout: int = 10_000) -> None:
    """Wait until every queued database call has come back."""
    qtbot.waitUntil(lambda: win.backend.pending == 0, timeout=timeout)
