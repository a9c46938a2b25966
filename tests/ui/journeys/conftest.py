"""Journeys run the real dialogs: modal dialogs open for real and are answered by key presses.

The parent conftest refuses every modal dialog and answers the welcome "Later"; here both are
switched off, and a watchdog closes a dialog nobody answers, so a journey fails instead of hanging.
"""

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog

WATCHDOG_MS = 20_000


@pytest.fixture(autouse=True)
def _no_unexpected_modal_dialogs() -> None:
    """Modal dialogs are real here."""


@pytest.fixture(autouse=True)
def _welcome_answered_later() -> None:
    """The welcome is real here."""


@pytest.fixture(autouse=True)
def _unanswered_dialogs_fail(qapp: QApplication) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """A modal dialog left open for 20 s is closed and fails the journey."""
    stuck: list[str] = []
    seen: dict[int, int] = {}

    def check() -> None:
        modal = QApplication.activeModalWidget()
        if modal is None or isinstance(modal, QProgressDialog):
            seen.clear()  # a progress dialog is closed by the work it shows, not by a person
            return
        ticks = seen.get(id(modal), 0) + 1
        seen[id(modal)] = ticks
        if ticks * 500 >= WATCHDOG_MS:
            stuck.append(f"{type(modal).__name__} {modal.windowTitle()!r}")
            modal.close()

    timer = QTimer()
    timer.setInterval(500)
    timer.timeout.connect(check)
    timer.start()
    yield
    timer.stop()
    assert not stuck, f"modal dialogs nobody answered: {stuck}"
