"""Python's cycle collector runs on whichever thread happens to allocate. When that is a worker
thread (the database worker, the network worker) and the garbage holds Qt wrappers, Qt objects
are destroyed off the GUI thread and the process can crash (seen as a segfault inside a
migration on the database worker). The usual cure for threaded Qt apps: switch the automatic
collector off and collect on the GUI thread, from a timer, as often as the thresholds ask."""

import gc

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Slot
from PySide6.QtWidgets import QApplication, QWidget

CHECK_MS = 200


class MainThreadCollector(QObject):
    """Owns a timer on the GUI thread that runs gc.collect() when a generation is due."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.setObjectName("mainThreadCollector")
        self.thresholds = gc.get_threshold()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    @Slot()
    def check(self) -> None:
        """Collect the oldest generation whose count passed its threshold."""
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > self.thresholds[generation]:
                gc.collect(generation)
                return


def install(app: QApplication) -> MainThreadCollector:
    """Move cycle collection to the GUI thread (once per application)."""
    existing = app.findChild(MainThreadCollector, "mainThreadCollector")
    return existing if existing is not None else MainThreadCollector(app)


def release(window: QWidget) -> None:
    """Delete a closed window and collect its garbage now, while the QApplication lives.

    With the automatic collector off and no event loop left to run the timer, leftover Qt
    wrappers would otherwise be collected during interpreter shutdown, after Qt's own objects
    are gone: that once crashed a packaged self-test after its summary line (none_dealloc).
    """
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    gc.collect()
