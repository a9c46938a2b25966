"""Child for the memory benchmark: open the app on a store, wait for the worker list, print peak RSS."""

import os
import resource
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main(data_dir: str) -> None:
    """Print the peak resident set size in MB once the worker list is filled ("floor": bare)."""
    from pathlib import Path

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    if data_dir == "floor":
        import sqlmodel  # noqa: F401

        QApplication(sys.argv[:1])
        window: QWidget = QWidget()
        window.show()

        def ready() -> bool:
            return window.isVisible()
    else:
        from cfpm_coach.ui.app import application, open_main_window

        application()
        main_window = open_main_window(Path(data_dir))
        main_window.show()
        window = main_window

        def ready() -> bool:
            return main_window.workers_panel.model.rowCount() > 0 and \
                main_window.backend.pending == 0

    def check() -> None:
        if ready():
            window.repaint()
            QApplication.processEvents()
            peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            print(f"{peak_kb / 1024:.1f}", flush=True)
            os._exit(0)

    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(check)
    timer.start()
    QApplication.instance().exec()  # type: ignore[union-attr]


if __name__ == "__main__":
    main(sys.argv[1])
