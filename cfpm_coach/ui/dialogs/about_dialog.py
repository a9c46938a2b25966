"""Help > About: what this is, the versions of what it runs on, and their licences."""

import platform
from collections.abc import Sequence
from html import escape
from typing import TYPE_CHECKING

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QCoreApplication, qVersion
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from cfpm_coach import __version__
from cfpm_coach.paths import resources_dir
from cfpm_coach.storage.cipher import database_versions
from cfpm_coach.ui.widgets.form_rows import add_row, grow_to_fit
from cfpm_coach.ui.widgets.laptop_key import LaptopKeyRow

if TYPE_CHECKING:
    from cfpm_coach.domain.instruments import Instrument


def component_versions() -> list[tuple[str, str, str]]:
    """(component, version, licence) for everything the app ships with."""
    import pypdfium2
    import reportlab

    databases = database_versions()
    rows = [
        ("CFPM Coach", __version__,
         QCoreApplication.translate("AboutDialog", "see the county's licence agreement")),
        ("Python", platform.python_version(), "PSF License"),
        ("Qt", qVersion(), "LGPL v3"),
        ("PySide6 (Qt for Python)", pyside_version, "LGPL v3"),
        ("SQLite", databases["SQLite"], "public domain"),
        ("ReportLab", reportlab.Version, "BSD"),
        ("pypdfium2 (PDFium)", f"{pypdfium2.PYPDFIUM_INFO} ({pypdfium2.PDFIUM_INFO.build})",
         "Apache 2.0 / BSD 3-clause"),
        ("DejaVu fonts", "2.37", "Bitstream Vera / DejaVu licence (free)"),
    ]
    if "SQLCipher" in databases:
        rows.append(("SQLCipher", databases["SQLCipher"], "BSD-style"))
    return rows


class AboutDialog(QDialog):
    """Versions and licences, selectable so they can be pasted into a support request."""

    def __init__(self, parent: QWidget | None = None,
                 instruments: "Sequence[Instrument]" = (),
                 laptop: tuple[str, str] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(self.tr("About CFPM Coach"))
        layout = QVBoxLayout(self)
        rows = "".join(f"<tr><td>{name}</td><td><b>{version}</b></td><td>{licence}</td></tr>"
                       for name, version, licence in component_versions())
        fonts = (resources_dir() / "fonts" / "LICENSE-DejaVu.txt").as_uri()
        text = QLabel(
            "<h2>CFPM Coach " + __version__ + "</h2><p>"
            + self.tr("Field coaching for California's Child and Family Practice Model: "
                      "observe, rate with evidence, coach, and follow fidelity over time.")
            + "</p><table cellspacing='6'><tr><th align='left'>" + self.tr("Component")
            + "</th><th align='left'>" + self.tr("Version") + "</th><th align='left'>"
            + self.tr("Licence") + "</th></tr>" + rows + "</table><p>"
            + self.tr("Qt and PySide6 are used under the GNU LGPL v3, dynamically linked, so "
                      "they can be replaced. The DejaVu fonts' licence: %s.")
            .replace("%s", f"<a href='{fonts}'>LICENSE-DejaVu.txt</a>") + "</p>"
            + self._instruments(instruments))
        text.setObjectName("aboutText")
        text.setOpenExternalLinks(True)
        text.setWordWrap(True)
        text.setTextInteractionFlags(text.textInteractionFlags()
                                     | text.textInteractionFlags().TextSelectableByMouse)
        layout.addWidget(text)
        if laptop is not None:
            layout.addLayout(self._laptop_key(*laptop))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def showEvent(self, event: QShowEvent) -> None:
        """Tall enough for every wrapped line (the key's row below took theirs otherwise)."""
        super().showEvent(event)
        grow_to_fit(self)

    def _laptop_key(self, device_id: str, public_key: str) -> QFormLayout:
        """This laptop's key with Copy, for the team that enrolls it (as in Sync settings)."""
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.laptop_key = LaptopKeyRow(device_id, public_key)
        add_row(form, self.tr("This &laptop's key"), self.laptop_key, self.laptop_key.field)
        hint = QLabel(self.tr("Your central team enrolls this laptop with it. It is public: "
                              "sharing it is safe."))
        hint.setProperty("role", "hint")
        hint.setWordWrap(True)
        form.addRow("", hint)
        return form

    def _instruments(self, instruments: "Sequence[Instrument]") -> str:
        """Each instrument in use and where its wording comes from (its own file says)."""
        if not instruments:
            return ""
        version = self.tr("version")
        unstated = self.tr("the file does not say where its wording comes from.")
        heading = self.tr("Instruments")
        rows = "".join(
            f"<li><b>{escape(i.title)}</b> ({escape(version)} {i.version}): "
            f"{escape(i.provenance or unstated)}</li>" for i in instruments)
        return f"<h3>{escape(heading)}</h3><ul>{rows}</ul>"
