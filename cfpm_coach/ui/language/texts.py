"""Texts outside a QObject: one tr() and one marker, both in the shared context "".

lupdate files bare tr("...") calls and QT_TR_NOOP("...") marks under the empty context; texts
kept in constants are marked where they are defined and translated with tr() where shown.
"""

from PySide6.QtCore import QCoreApplication


def tr(text: str, disambiguation: str | None = None, count: int = -1) -> str:
    """text in the UI language (count fills %n and picks the plural form)."""
    return QCoreApplication.translate("", text, disambiguation, count)


def QT_TR_NOOP(text: str) -> str:
    """Mark a text for translation where it is defined; it is translated where shown."""
    return text
