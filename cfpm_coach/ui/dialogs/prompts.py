"""Small questions the app asks; each is one function so tests can answer it."""

from PySide6.QtWidgets import QDialog, QInputDialog, QMessageBox, QPlainTextEdit, QWidget

from cfpm_coach.ui.language.texts import tr
from cfpm_coach.ui.models.table_models import local_time
from cfpm_coach.views.observations import ObservationSummary


def confirm_partial(parent: QWidget | None, missing_labels: list[str]) -> bool:
    """Ask before finalizing with behaviors still open."""
    shown = "\n".join(f"\u2022 {label}" for label in missing_labels[:12])
    more = len(missing_labels) - 12
    if more > 0:
        shown += "\n" + tr("\u2026 and %n more", None, more)
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(tr("Finalize a Partial Observation?"))
    box.setText(tr("%n behaviors are neither rated nor marked \u201cno opportunity\u201d:",
                   None, len(missing_labels)))
    box.setInformativeText(shown + "\n\n" + tr(
        "Finalize anyway? They will be reported as not rated."))
    finalize = box.addButton(tr("Finalize partial"), QMessageBox.ButtonRole.AcceptRole)
    keep = box.addButton(tr("Keep rating"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)
    box.exec()
    return box.clickedButton() is finalize


def ask_amend_reason(parent: QWidget | None) -> str | None:
    """The reason for an amendment, or None when cancelled."""
    # QInputDialog.getMultiLineText, built by hand so that its text box is spell-checked.
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(tr("Amend observation"))
    dialog.setLabelText(tr("Why does this finalized observation need a correction? "
                           "The reason is kept with the record."))
    dialog.setInputMode(QInputDialog.InputMode.TextInput)
    dialog.setOption(QInputDialog.InputDialogOption.UsePlainTextEditForTextInput)
    editor = dialog.findChild(QPlainTextEdit)
    if editor is not None:
        from cfpm_coach.ui.widgets import spell_check  # not on the start-up path

        spell_check.attach(editor)
    ok = dialog.exec() == QDialog.DialogCode.Accepted
    text = dialog.textValue()
    return text.strip() if ok and text.strip() else None


def confirm_discard(parent: QWidget | None) -> bool:
    """Ask before discarding a draft."""
    answer = QMessageBox.question(
        parent, tr("Discard draft?"),
        tr("Discard this draft observation and its ratings? This cannot be undone."),
        QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel)
    return answer == QMessageBox.StandardButton.Discard


def offer_recovery(parent: QWidget | None, draft: ObservationSummary) -> bool:
    """Offer back a draft that was open when the app last stopped; each button says what it does."""
    box = QMessageBox(parent)
    box.setObjectName("resumePrompt")
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(tr("Resume Your Observation?"))
    box.setText(tr("The observation of %1 started %2 was still open when CFPM Coach last "
                   "closed. Every rating you saw as saved is there.")
                .replace("%1", draft.worker_name).replace("%2", local_time(draft.started_at)))
    box.setInformativeText(tr(
        "\u201cResume rating\u201d opens it at the first behavior not yet rated. "
        "\u201cNot now\u201d keeps the draft as it is: open it later from %1\u2019s "
        "observation history.").replace("%1", draft.worker_name))
    resume = box.addButton(tr("Resume rating"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(tr("Not now (keep the draft)"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(resume)
    box.exec()
    return box.clickedButton() is resume


def ask_coach_name(parent: QWidget | None) -> str | None:
    """The coach's name before their first observation (the welcome was answered Later)."""
    dialog = QInputDialog(parent)
    dialog.setObjectName("coachNamePrompt")
    dialog.setWindowTitle(tr("Your Name"))
    dialog.setLabelText(tr("Your name, as your observation records and reports should show it "
                           "(Settings can change it later):"))
    dialog.setTextValue("")
    dialog.setOkButtonText(tr("Continue"))
    while dialog.exec() == QInputDialog.DialogCode.Accepted:
        name = dialog.textValue().strip()
        if name:
            return name
    return None
