"""Child for the memory benchmark: open the app on a store, wait for the worker list, print peak RSS."""

import os
import resource
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def peak_rss_kb() -> int:
    """This process's peak RSS. Linux keeps ru_maxrss across exec, so a child started by a big
    parent would report the parent's peak: /proc's VmHWM belongs to this process alone."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


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
        from cfpm_coach.ui.shell.app import application, open_main_window

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
            print(f"{peak_rss_kb() / 1024:.1f}", flush=True)
            os._exit(0)

    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(check)
    timer.start()
    QApplication.instance().exec()  # type: ignore[union-attr]


if __name__ == "__main__":
    main(sys.argv[1])
