"""Start the desktop app."""

import shutil
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from cfpm_coach import APP_ID, APP_NAME, __version__, collector

with collector.loading_modules():  # every window, dialog and widget module loads here
    from cfpm_coach.applog import setup_logging
    from cfpm_coach.errors import CoachError
    from cfpm_coach.paths import resolve_paths
    from cfpm_coach.ui.language import i18n
    from cfpm_coach.ui.look import appearance
    from cfpm_coach.ui.look.theme import apply_theme
    from cfpm_coach.ui.runtime import gc_guard
    from cfpm_coach.ui.runtime.backend import Backend
    from cfpm_coach.ui.runtime.errors import install_crash_handler, show_error
    from cfpm_coach.ui.shell import instance
    from cfpm_coach.ui.shell.main_window import MainWindow


def application() -> QApplication:
    """The QApplication, created once with the app's names, style and fonts."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        gc_guard.install(existing)
        return existing
    QCoreApplication.setApplicationName(APP_ID)
    QCoreApplication.setOrganizationName(APP_ID)
    QCoreApplication.setApplicationVersion(__version__)
    app = QApplication(sys.argv[:1])
    app.setApplicationDisplayName(APP_NAME)
    i18n.use_sensible_default_locale()
    apply_theme(app)
    gc_guard.install(app)
    return app


def open_main_window(data_dir: Path | None = None) -> MainWindow:
    """A main window on the store in data_dir (default folder when None), opening in the background."""
    paths = resolve_paths(data_dir).ensure()
    backend = Backend(paths.data_dir)
    # The store opens on the database worker while the window is built: its answer is handed
    # to the GUI thread's event loop, which runs only once the window exists and listens.
    backend.open()
    window = MainWindow(backend)
    backend.setParent(window)
    return window


def run_app(data_dir: Path | None = None, *, verbose: bool = False) -> int:
    """Open the window and run until it closes; returns the exit code."""
    try:
        paths = resolve_paths(data_dir).ensure()
        setup_logging(paths.logs, verbose=verbose)
        lock = instance.acquire(paths)
    except CoachError as exc:
        # A data folder that cannot be written, or one open in another window: say so in a
        # window, not only on a console.
        application()
        show_error(None, exc, QCoreApplication.translate("app", "CFPM Coach cannot start"))
        return 1
    try:
        app = application()
        i18n.install(app, i18n.chosen_language(paths.data_dir))
        appearance.apply(app, appearance.load(paths.data_dir))
        install_crash_handler()
        window = open_main_window(paths.data_dir)
        window.show()
        code = app.exec()
        window.backend.shutdown()
        if window.first_run.remove_on_close:
            # The demo's "Close and remove" (only a marked demo store shows that button).
            shutil.rmtree(window.backend.data_dir, ignore_errors=True)
        gc_guard.release(window)
    finally:
        lock.unlock()
    return int(code)
