"""PySide6 6.12.0 on Python 3.11 drops a reference to None on every call of a void Qt method
from Python: `label.setText(...)` a thousand times and None's count is a thousand lower. The app
makes such calls all day (every rating, every list refresh), and when the count reaches zero
the process dies with "Fatal Python error: none_dealloc" (as `make screenshots` did), taking
whatever the coach had not yet saved with it. pyproject.toml leaves that release out."""

import sys

from PySide6.QtWidgets import QApplication, QLabel, QPushButton


def test_void_qt_calls_keep_none_alive(qapp: QApplication) -> None:
    label, button = QLabel(), QPushButton()
    before = sys.getrefcount(None)
    for _ in range(2_000):
        label.setText("Saved 10:42")
        button.setEnabled(True)
    lost = before - sys.getrefcount(None)
    assert lost < 100, f"None lost {lost} references in 4,000 void Qt calls"
