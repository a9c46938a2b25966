"""Help > Guide: the practice model's elements and behaviors, the scale, and the shortcuts.

Written from the instrument files themselves, so the guide always matches what is rated.
"""

from html import escape

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from cfpm_coach.domain.instruments import Instrument
from cfpm_coach.ui.dialogs.shortcuts_dialog import SHORTCUTS
from cfpm_coach.ui.language.texts import tr


class GuideDialog(QDialog):
    """A browsable page; the table of contents links to each instrument and the shortcuts."""

    def __init__(self, parent: QWidget | None, instruments: list[Instrument]) -> None:
        super().__init__(parent)
        self.setObjectName("guideDialog")
        self.setWindowTitle(self.tr("CFPM Coach Guide"))
        self.resize(820, 640)
        layout = QVBoxLayout(self)
        self.browser = QTextBrowser()
        self.browser.setObjectName("guideText")
        self.browser.setOpenLinks(True)
        self.browser.setHtml(self.page(instruments))
        layout.addWidget(self.browser)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def page(self, instruments: list[Instrument]) -> str:
        """The guide as HTML (the practice behaviors first: most coaching is about them)."""
        instruments = sorted(instruments, key=lambda i: (i.kind != "practice", i.title))
        parts = [
            "<h2>", self.tr("Coaching with CFPM Coach"), "</h2><p>",
            self.tr("The Child and Family Practice Model describes how social workers and "
                    "leaders work with children, youth, families and each other. A coach sits "
                    "in on a real interaction, rates each behavior they saw on the instrument's "
                    "scale with a short note of the evidence, and then coaches on it: what went "
                    "well, what to grow, and the next steps agreed."), "</p><p>",
            self.tr("Rate what you saw, not the worker in general. When a behavior had no "
                    "chance to show, mark it <i>no opportunity</i>: it is left out of scores. "
                    "Never write a child's or family's name."), "</p><ul>"]
        for instrument in instruments:
            parts.append(f"<li><a href='#{escape(instrument.id)}'>{escape(instrument.title)}"
                         "</a></li>")
        parts += ["<li><a href='#county'>", self.tr("Your county's own instrument"), "</a></li>",
                  "<li><a href='#shortcuts'>", self.tr("Keyboard shortcuts"), "</a></li></ul>"]
        for instrument in instruments:
            parts += self._instrument(instrument)
        parts += ["<h2><a name='county'></a>", self.tr("Your county's own instrument"), "</h2><p>",
                  self.tr("The practice instrument shipped with CFPM Coach is an example written "
                          "from public descriptions of the practice model. A county replaces it "
                          "with its official practice profile in a spreadsheet: write the "
                          "template with <tt>cfpm-coach instruments template -o ours.xlsx</tt>, "
                          "give it the county's own id, title and source, fill in the settings, "
                          "scale, groups and items sheets (a scale may have three levels, four "
                          "or more), then run <tt>cfpm-coach instruments import ours.xlsx</tt> on "
                          "each laptop and at the hub. Every problem is listed at once with its "
                          "sheet, row and column, and nothing is installed until there are "
                          "none. Observations made on the example stay as they were."), " ",
                  self.tr("Then choose it in <b>Settings &gt; Practice instrument</b>: the "
                          "worker list's bars, the trends, the suggested focus, the goals and "
                          "New observation follow it."), "</p>"]
        shortcuts = self.tr("Keyboard shortcuts")
        parts += [f"<h2><a name='shortcuts'></a>{shortcuts}</h2>"]
        for section, rows in SHORTCUTS:
            parts.append(f"<h3>{escape(tr(section))}</h3><table cellspacing='4'>")
            parts += [f"<tr><td><b>{escape(keys)}</b></td><td>{escape(tr(what))}</td></tr>"
                      for keys, what in rows]
            parts.append("</table>")
        return "".join(parts)

    def _instrument(self, instrument: Instrument) -> list[str]:
        parts = [f"<h2><a name='{escape(instrument.id)}'></a>{escape(instrument.title)}</h2>"]
        if instrument.provenance:
            where = self.tr("Where the wording comes from:")
            parts.append(f"<p><b>{escape(where)}</b> {escape(instrument.provenance)}</p>")
        if instrument.source_note:
            parts.append(f"<p><i>{escape(instrument.source_note)}</i></p>")
        if instrument.crosswalk_from is not None:
            parts.append("<p>" + escape(self.tr(
                "Version %1 continues version %2: each behavior names the earlier behaviors it "
                "continues, so trends, suggested focus, goals and fidelity figures run on "
                "across the versions. A behavior with no earlier counterpart shows as "
                "\u201cnot comparable\u201d for observations rated on the earlier version.")
                .replace("%1", str(instrument.version))
                .replace("%2", str(instrument.crosswalk_from))) + "</p>")
        if instrument.kind == "practice":
            parts.append("<p>" + escape(self.tr(
                "Each observation can also say which casework component (phase of the work "
                "with the family) it covered: engagement, assessment, service planning and "
                "implementation, monitoring and adapting, or transition. It is printed beside "
                "the setting and does not change any score.")) + "</p>")
        scale_title = self.tr("Rating scale")
        parts.append(f"<h3>{scale_title}</h3><ul>")
        for level in instrument.scale.levels:
            scored = "" if level.scored else \
                " " + self.tr("(left out of scores)")
            parts.append(f"<li><b>{escape(level.label)}</b>{scored}: "
                         f"{escape(level.description)}</li>")
        parts.append("</ul>")
        for group in instrument.groups:
            parts.append(f"<h3>{escape(group.label)}</h3>")
            if group.description:
                parts.append(f"<p>{escape(group.description)}</p>")
            if not group.in_overall:
                parts.append("<p><i>" + escape(self.tr(
                    "Scoring: these behaviors are rated on the same scale and scored as their "
                    "own group. They are left out of the other elements' scores and out of "
                    "the overall score, so the overall stays the share of the practice "
                    "behaviors and compares with earlier versions.")) + "</i></p>")
            parts.append("<ul>")
            for item in group.items:
                parts.append(f"<li><b>{escape(item.label)}</b> \u2014 "
                             f"{escape(item.description)}</li>")
            parts.append("</ul>")
        return parts
