"""GUI tests run offscreen, each on a fresh data folder, waiting on signals, never sleeping."""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QProgressDialog
from pytestqt.qtbot import QtBot

from cfpm_coach.services.workspace import PLACEHOLDER_COACH_NAME, Workspace
from cfpm_coach.ui.look import appearance, theme
from cfpm_coach.ui.look.appearance import Appearance
from cfpm_coach.ui.runtime import gc_guard
from cfpm_coach.ui.shell.app import application, open_main_window
from cfpm_coach.ui.shell.main_window import MainWindow

# The offscreen screen is 800x800 unless told otherwise; the UI tests see the smallest laptop
# coaches use, 1366x768, so "fits the screen" means what it means for them. Set before the
# QApplication exists (collection imports this first).
LAPTOP_SCREEN = Path(__file__).with_name("laptop_screen.json")
if os.environ.get("QT_QPA_PLATFORM") == "offscreen":
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={LAPTOP_SCREEN}"

UNANSWERED_DIALOG_MS = 20_000


@pytest.fixture(autouse=True)
def _no_unexpected_modal_dialogs(request: pytest.FixtureRequest,
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """A modal dialog nobody answers would hang an offscreen run: fail the test instead (unless
    the test answers its dialogs for real, see `real_dialogs`)."""
    from PySide6.QtWidgets import QDialog, QMessageBox

    if "real_dialogs" in request.fixturenames:
        return

    def refuse(dialog: QDialog, *_args: object) -> int:
        text = dialog.text() if isinstance(dialog, QMessageBox) else ""
        raise AssertionError(f"unexpected modal dialog {dialog.windowTitle()!r}: {text}")

    monkeypatch.setattr(QDialog, "exec", refuse)
    monkeypatch.setattr(QMessageBox, "exec", refuse)
    def refuse_static(_parent: object, title: str, text: str, *_a: object, **_k: object) -> int:
        raise AssertionError(f"unexpected modal dialog {title!r}: {text}")

    for name in ("question", "warning", "critical", "information"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(refuse_static))


@pytest.fixture
def real_dialogs(qapp: QApplication) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """Modal dialogs open for real and are answered by key presses and clicks while they block
    (tests/ui/journeys/driver.py); one left open for 20 s is closed and fails the test."""
    stuck: list[str] = []
    seen: dict[int, int] = {}

    def check() -> None:
        modal = QApplication.activeModalWidget()
        if modal is None or isinstance(modal, QProgressDialog):
            seen.clear()  # a progress dialog is closed by the work it shows, not by a person
            return
        ticks = seen.get(id(modal), 0) + 1
        seen[id(modal)] = ticks
        if ticks * 500 >= UNANSWERED_DIALOG_MS:
            stuck.append(f"{type(modal).__name__} {modal.windowTitle()!r}")
            modal.close()

    timer = QTimer()
    timer.setInterval(500)
    timer.timeout.connect(check)
    timer.start()
    yield
    timer.stop()
    assert not stuck, f"modal dialogs nobody answered: {stuck}"


@pytest.fixture
def messages(real_dialogs: None, qtbot: QtBot) -> Iterator[list[str]]:
    """Every message box is read and closed with its default button, as a person does; the texts
    read are kept, in order."""
    from PySide6.QtWidgets import QMessageBox

    shown: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and box.isVisible() and box.buttons():
            shown.append(box.text())
            qtbot.mouseClick(box.defaultButton() or box.buttons()[0], Qt.MouseButton.LeftButton)

    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(answer)
    timer.start()
    yield shown
    timer.stop()


def record_previews(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The PDFs the app opens in its preview window from now on, in order (a spy: the real
    preview opens too)."""
    from cfpm_coach.ui.dialogs import pdf_preview

    shown: list[Path] = []
    real = pdf_preview.show_preview

    def record(parent: object, path: Path) -> pdf_preview.PdfPreview:
        shown.append(path)
        return real(parent, path)  # type: ignore[arg-type]

    monkeypatch.setattr(pdf_preview, "show_preview", record)
    return shown


@pytest.fixture
def previewed(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The PDFs the app opened in its preview window, in order."""
    return record_previews(monkeypatch)


def returning_coach(data_dir: Path, name: str = "Test Coach") -> Path:
    """The store as a returning coach has it: the welcome answered, with their name (a name the
    store already has is kept)."""
    with Workspace.open(data_dir) as ws:
        if ws.profile.coach().name == PLACEHOLDER_COACH_NAME:
            ws.first_run.complete_welcome(name=name, role="", county="", office="")
        else:
            ws.first_run.skip_welcome()
    return data_dir


@pytest.fixture(scope="session")
def qapp_cls():  # type: ignore[no-untyped-def]
    """pytest-qt's qapp is our configured application."""
    return QApplication


@pytest.fixture
def window(qtbot: QtBot, data_dir: Path, qapp) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    """The real main window on a returning coach's store (welcomed and named), opened and shown."""
    application()
    win = open_main_window(returning_coach(data_dir))
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.backend.opened, timeout=20_000):
        pass
    win.show()
    qtbot.waitUntil(lambda: win.workers_panel.isEnabled(), timeout=5_000)
    yield win
    win.close()
    win.backend.shutdown()
    # Gone now, at this test's end: left to a later event loop, the window, its database
    # worker's objects and its garbage were destroyed in the middle of the next test (once
    # inside the next main window's constructor, a segfault that hung the xdist run).
    gc_guard.release(win)


def wait_idle(qtbot: QtBot, win: MainWindow, timeout: int = 10_000) -> None:
    """Wait until every queued database call has come back."""
    qtbot.waitUntil(lambda: win.backend.pending == 0, timeout=timeout)


@pytest.fixture
def fresh_look(qapp: QApplication) -> Iterator[QApplication]:
    """The app's look as it was before the test, put back after it (one process, many tests)."""
    palette, font, sheet = QPalette(qapp.palette()), qapp.font(), qapp.styleSheet()
    yield qapp
    qapp.setPalette(palette)
    qapp.setFont(font)
    qapp.setStyleSheet(sheet)
    appearance._Applied.base_pt = None
    appearance._Applied.system_palette = None
    appearance._Applied.current = Appearance()
    appearance._Applied.desktop = None
    appearance._TOUCH_ROWS.follow(qapp, False)


@pytest.fixture
def themed(fresh_look: QApplication) -> Iterator[QApplication]:
    """The app styled as `cfpm-coach` styles it (pytest-qt made a plain QApplication); its look
    and style put back after the test."""
    style = fresh_look.style().name()
    theme.apply_theme(fresh_look)
    yield fresh_look
    fresh_look.setStyle(style)
