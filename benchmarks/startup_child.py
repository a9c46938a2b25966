"""Child processes for the cold-start benchmark; each exits as soon as its window has painted.

  app DATA_DIR     the real main window with the worker list filled
  window DATA_DIR  the real main window painted once, whatever is still loading (the store,
                   the list): when a person first sees it
  floor         imports PySide6 and SQLModel, shows a bare window (the floor the budget is a ratio to)
  bare          PySide6 only, a bare window
"""

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _exit_after_paint(window: object, ready: object) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    assert isinstance(window, QWidget)

    def check() -> None:
        if ready():  # type: ignore[operator]
            window.repaint()
            QApplication.processEvents()
            os._exit(0)

    timer = QTimer()
    timer.setInterval(1)
    timer.timeout.connect(check)
    timer.start()
    QApplication.instance().exec()  # type: ignore[union-attr]


def main(mode: str, data_dir: str | None = None) -> None:
    """Start the chosen kind of process."""
    if mode in ("app", "window"):
        from pathlib import Path

        from cfpm_coach.ui.shell.app import application, open_main_window

        application()
        window = open_main_window(Path(data_dir or "."))
        window.show()
        def ready() -> bool:
            return mode == "window" or window.workers_panel.model.rowCount() > 0

        _exit_after_paint(window, ready)
    else:
        if mode == "floor":
            # The floor pays for the ORM import too, before Qt as the app imports it (PySide6
            # reads the source of every module imported after it).
            import sqlmodel  # noqa: F401
        from PySide6.QtWidgets import QApplication, QWidget

        QApplication(sys.argv[:1])
        window = QWidget()
        window.resize(1280, 800)
        window.show()
        _exit_after_paint(window, lambda: window.isVisible())


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else None)
