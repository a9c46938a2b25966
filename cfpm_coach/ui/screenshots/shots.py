"""The one list of screenshots (`SHOTS`): each screen and dialog by the file name it is saved
as, with the function that opens it on a main window over the demo store and returns its
picture. `screenshots.py` renders the whole list once per variant (light, dark, touch, 150 %,
Spanish), so a screen added here is in every variant."""

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDeadlineTimer, QEventLoop, QPoint, QSize, QTimer
from PySide6.QtGui import QPainter, QPixmap, QTextCursor
from PySide6.QtWidgets import QDialog, QWidget

from cfpm_coach.services import demo
from cfpm_coach.ui.dialogs.finish_dialog import FinishDialog
from cfpm_coach.ui.language import i18n
from cfpm_coach.ui.shell.main_window import MainWindow
from cfpm_coach.ui.widgets import spell_check
from cfpm_coach.ui.widgets.spell_check import SpellMenu


@dataclass(frozen=True)
class Scene:
    """What every shot starts from: the window on the demo store, at the variant's size."""

    window: MainWindow
    data: Path
    worker: uuid.UUID  # the busiest worker, whose page the window shows
    draft: uuid.UUID  # a practice observation still open
    size: QSize


Shot = Callable[[Scene], QPixmap]


def wait_until(condition: Callable[[], bool], timeout_ms: int = 20_000) -> None:
    """Process events until condition holds; TimeoutError after timeout_ms."""
    deadline = QDeadlineTimer(timeout_ms)
    while not condition():
        if deadline.hasExpired():
            raise TimeoutError("the window did not get there in time")
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)


def settle(window: MainWindow) -> None:
    """Wait for the window's background reads, then let it paint."""
    wait_until(lambda: window.backend.pending == 0)
    for _ in range(5):
        QCoreApplication.processEvents()


def show_worker(scene: Scene) -> None:
    """The busiest worker's page, as the window opens on."""
    scene.window.state.set_worker(scene.worker)
    wait_until(lambda: scene.window.worker_page.worker_id == scene.worker)
    settle(scene.window)


def open_checklist(scene: Scene) -> None:
    """The open practice observation in the checklist, its first unrated behavior in view."""
    window = scene.window
    window.flow.open(scene.draft)
    wait_until(lambda: window.checklist.detail is not None
               and window.checklist.detail.id == scene.draft)
    settle(window)
    missing = window.checklist.missing()
    if missing:
        window.checklist.rows[missing[0]].setFocus()
        window.checklist.scroll_area.ensureWidgetVisible(window.checklist.rows[missing[0]])
    settle(window)


def close_checklist(scene: Scene) -> None:
    """Back to the worker's page."""
    scene.window.flow.close_checklist()
    settle(scene.window)
    show_worker(scene)


def _main_window(scene: Scene) -> QPixmap:
    show_worker(scene)
    return scene.window.grab()


def _checklist(scene: Scene) -> QPixmap:
    open_checklist(scene)
    picture = scene.window.grab()
    close_checklist(scene)
    return picture


def _notice_exported(scene: Scene) -> QPixmap:
    window = scene.window
    window.show_notice(QCoreApplication.translate(
        "ToolsFlow", "Bundle written for the central team: %1 (%2 records), in %3.").replace(
            "%1", "cfpm-1a2b3c4d-20261129T232200Z.cfpm-bundle").replace("%2", "245").replace(
            "%3", str(Path.home() / "Desktop")),
        QCoreApplication.translate("ToolsFlow", "Open Folder"), window.notice.hide)
    settle(window)
    picture = window.grab()
    window.notice.hide()
    settle(window)
    return picture


# The debrief a coach types, in the language of the run: (strengths, growth areas, next steps)
# and the growth areas with a misspelled word, for the spelling shot.
DEBRIEF = {
    "en": ("Opened by asking what the family hoped to get from the visit.",
           "Check understanding after explaining next steps.",
           "Before the next CFT, ask the parent who they want there.",
           ("Check understanding after explaning next steps.", "explaning")),
    "es": ("Abrió preguntando qué esperaba la familia de la visita.",
           "Comprobar que se entendió después de explicar los próximos pasos.",
           "Antes de la próxima reunión, preguntar a la madre a quién quiere invitar.",
           ("Comprobar que se entendió después de explcar los próximos pasos.", "explcar")),
}


def _debrief() -> tuple[str, str, str, tuple[str, str]]:
    return DEBRIEF.get(i18n.current_language(), DEBRIEF["en"])


def _finish(scene: Scene, picture: Callable[[FinishDialog], QPixmap]) -> QPixmap:
    """The finish dialog over the checklist, its debrief typed as a coach would."""
    window = scene.window
    open_checklist(scene)
    window.flow.finish()
    wait_until(lambda: window.flow.finish_dialog is not None)
    dialog = window.flow.finish_dialog
    assert dialog is not None
    strengths, growth, next_steps, _misspelled = _debrief()
    dialog.strengths.setPlainText(strengths)
    dialog.growth_areas.setPlainText(growth)
    dialog.next_steps.setPlainText(next_steps)
    settle(window)
    shot = picture(dialog)
    # Saved now, while the checklist is open, not by the typing-pause timer after it closed.
    dialog.flush()
    settle(window)
    dialog.reject()
    settle(window)
    close_checklist(scene)
    return shot


def _spelling(dialog: FinishDialog) -> QPixmap:
    """A debrief note with a misspelled word underlined and its right-click menu open."""
    field = dialog.growth_areas
    text, word = _debrief()[3]
    field.setPlainText(text)
    spell_menu = field.findChild(SpellMenu)
    assert spell_menu is not None
    wait_until(lambda: spell_check.checking().speller() is not None)
    cursor = QTextCursor(field.document())
    cursor.setPosition(field.toPlainText().index(word) + 4)
    menu = spell_menu.menu_at(field.cursorRect(cursor).center())
    # Opened just under the word, so the picture shows its underline too.
    below = field.cursorRect(cursor).bottomLeft() + QPoint(0, 4)
    menu.popup(field.viewport().mapToGlobal(below))
    for _ in range(5):
        QCoreApplication.processEvents()
    # The menu is a window of its own: paint it where it opened over the dialog's picture.
    picture = dialog.grab()
    offset = menu.pos() - dialog.mapToGlobal(QPoint(0, 0))
    painter = QPainter(picture)
    painter.drawPixmap(offset, menu.grab())
    painter.end()
    menu.close()
    return picture


def _dialog(make: Callable[[Scene], QDialog], *, submit: bool = False) -> Shot:
    """A shot of the dialog make builds, shown (and with submit, OK pressed) over the window."""
    def shot(scene: Scene) -> QPixmap:
        dialog = make(scene)
        dialog.show()
        if submit:
            dialog.accept()  # refused inline: the dialog stays open with what was typed
        settle(scene.window)
        picture = dialog.grab()
        dialog.reject()
        dialog.deleteLater()
        settle(scene.window)
        return picture
    return shot


def _new_observation(scene: Scene) -> QDialog:
    from cfpm_coach.ui.dialogs.start_dialog import StartDialog

    ws = scene.window.workspace
    assert ws is not None
    return StartDialog(scene.window, ws.workers.choices(include_inactive=False),
                       ws.catalog.latest(), selected_worker=scene.worker)


def _export(key: str) -> Callable[[Scene], QDialog]:
    def make(scene: Scene) -> QDialog:
        from cfpm_coach.ui.dialogs.export_dialog import ExportDialog

        return ExportDialog(scene.window, key, Path.home() / "Desktop")
    return make


def _add_worker(scene: Scene) -> QDialog:
    from cfpm_coach.ui.dialogs.worker_dialog import WorkerDialog

    dialog = WorkerDialog(scene.window, default_office=demo.OFFICES[0],
                          default_county=demo.COUNTY)
    dialog.name.setText("Marisol Ortega-Hernandez")  # a long name: it must not scroll away
    return dialog


def _laptop(scene: Scene) -> tuple[str, str]:
    ws = scene.window.workspace
    assert ws is not None
    return str(ws.author.device_id), ws.exchange.device_public_key()


def _sync_settings(scene: Scene) -> QDialog:
    from cfpm_coach.services.sync import SyncSettings
    from cfpm_coach.ui.dialogs.sync_settings_dialog import SyncSettingsDialog

    return SyncSettingsDialog(scene.window, SyncSettings(hub_url="https://hub.example.org"),
                              _laptop(scene))


def _settings(scene: Scene) -> QDialog:
    from cfpm_coach.ui.dialogs.settings_dialog import SettingsDialog

    ws = scene.window.workspace
    assert ws is not None
    practice = ws.practice_instrument()
    return SettingsDialog(scene.window, ws.profile.coach(), ws.catalog.latest(), "",
                          ws.paths.data_dir, practice_instruments=ws.practice_instruments(),
                          practice=practice.key if practice is not None else None)


def _welcome(scene: Scene) -> QDialog:
    from cfpm_coach.ui.dialogs.welcome_dialog import WelcomeDialog

    welcome = WelcomeDialog(scene.window)
    for field, text in ((welcome.name, "Rosa Delgado"), (welcome.role, "Practice coach"),
                        (welcome.county, demo.COUNTY), (welcome.office, demo.OFFICES[0])):
        field.setText(text)
    welcome.protect.setChecked(True)
    welcome.demo.setChecked(True)
    return welcome


def _guide(scene: Scene) -> QDialog:
    from cfpm_coach.ui.dialogs.guide_dialog import GuideDialog

    ws = scene.window.workspace
    assert ws is not None
    guide = GuideDialog(scene.window, ws.catalog.latest())
    practice = ws.practice_instrument()
    if practice is not None:
        # The provenance line of the practice instrument first, once the guide is laid out.
        anchor = practice.id
        QTimer.singleShot(0, guide, lambda: guide.browser.scrollToAnchor(anchor))
    return guide


def _about(scene: Scene) -> QDialog:
    from cfpm_coach.ui.dialogs.about_dialog import AboutDialog

    ws = scene.window.workspace
    assert ws is not None
    return AboutDialog(scene.window, ws.catalog.latest(), _laptop(scene))


def _shortcuts(scene: Scene) -> QDialog:
    from cfpm_coach.ui.dialogs.shortcuts_dialog import ShortcutsDialog

    return ShortcutsDialog(scene.window)


def _window_dialog(trigger: Callable[[MainWindow], object],
                   find: Callable[[MainWindow], QWidget | None]) -> Shot:
    """A dialog the window opens itself from a menu command (trigger), found by find."""
    def shot(scene: Scene) -> QPixmap:
        window = scene.window
        trigger(window)
        wait_until(lambda: (found := find(window)) is not None and found.isVisible())
        settle(window)
        dialog = find(window)
        assert dialog is not None
        picture = dialog.grab()
        dialog.close()
        settle(window)
        return picture
    return shot


def _audit_trail(scene: Scene) -> QPixmap:
    window = scene.window
    window.audit.show_store_trail()
    trail = window.audit.store_dialog
    assert trail is not None
    wait_until(lambda: trail.model.rowCount() > 0)
    settle(window)
    picture = trail.grab()
    trail.close()
    return picture


def _pdf_preview(scene: Scene) -> QPixmap:
    """The worker's coaching summary as the preview shows it after Create PDF."""
    import tempfile

    from cfpm_coach.ui.dialogs.pdf_preview import PdfPreview

    ws = scene.window.workspace
    assert ws is not None
    end = date.today()
    with tempfile.TemporaryDirectory(prefix="cfpm-coach-preview-") as folder:
        pdf = ws.reports.worker_pdf(scene.worker, end - timedelta(days=365), end,
                                    Path(folder) / "worker-summary.pdf", deterministic=True)
        preview = PdfPreview(scene.window, pdf)
        preview.resize(scene.size.width() * 2 // 3, scene.size.height() - 40)
        preview.show()
        settle(scene.window)
        picture = preview.grab()
        preview.close()
        preview.deleteLater()
        settle(scene.window)
    return picture


def _offices_view(scene: Scene) -> QPixmap:
    from cfpm_coach.ui.screenshots.offices import offices_view

    return offices_view(scene)


def _leadership(scene: Scene) -> QPixmap:
    from cfpm_coach.ui.screenshots.views import leadership_view

    return leadership_view(scene)


def _sync_panel(scene: Scene) -> QPixmap:
    from cfpm_coach.ui.screenshots.views import sync_panel

    return sync_panel(scene)


# Name (the PNG's file name) -> the shot. Every variant renders all of them, in this order.
SHOTS: dict[str, Shot] = {
    "main-window.png": _main_window,
    "new-observation.png": _dialog(_new_observation),
    "export-dialog.png": _dialog(_export("")),
    "export-wrong-key.png": _dialog(_export("age1notarealkey"), submit=True),
    "add-worker.png": _dialog(_add_worker),
    "sync-settings.png": _dialog(_sync_settings),
    "settings.png": _dialog(_settings),
    "notice-exported.png": _notice_exported,
    "checklist.png": _checklist,
    "finish-dialog.png": lambda scene: _finish(scene, lambda dialog: dialog.grab()),
    "spell-check.png": lambda scene: _finish(scene, _spelling),
    "audit-trail.png": _audit_trail,
    "welcome.png": _dialog(_welcome),
    "guide.png": _dialog(_guide),
    "about.png": _dialog(_about),
    "keyboard-shortcuts.png": _dialog(_shortcuts),
    # Empty in the demo (nothing due this week): coming-up.png, with follow-ups, is its test's.
    "coming-up-empty.png": _window_dialog(lambda w: w.tools.coming_up(),
                                    lambda w: w.tools.coming_up_dialog),
    "pdf-preview.png": _pdf_preview,
    "offices-view.png": _offices_view,
    "leadership-view.png": _leadership,
    "sync-panel.png": _sync_panel,
}
