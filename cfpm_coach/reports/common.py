"""Small building blocks: escaped paragraphs, key-value headers, tables, signature lines."""

from collections.abc import Sequence
from datetime import date, datetime
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.units import inch
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from cfpm_coach.domain.figures import DASH
from cfpm_coach.domain.figures import decimal as decimal
from cfpm_coach.domain.figures import percent as percent
from cfpm_coach.domain.office_subject import ImplementationStage
from cfpm_coach.domain.vocabulary import CaseworkComponent, GoalStatus, Setting, label_of
from cfpm_coach.reports.dates import paper_date, paper_time
from cfpm_coach.reports.fonts import BOLD, REGULAR
from cfpm_coach.reports.styles import INK, RULE, SHADE, styles
from cfpm_coach.reports.texts import fill, translate


def para(text: str, style: str = "body") -> Paragraph:
    """A paragraph of plain text (escaped: names and notes are never markup)."""
    return Paragraph(escape(text).replace("\n", "<br/>"), getattr(styles(), style))


def rich(markup: str, style: str = "body") -> Paragraph:
    """A paragraph of trusted markup built by the report itself."""
    return Paragraph(markup, getattr(styles(), style))


def local_date(value: date | datetime | None) -> str:
    """A date (a UTC time in local time) in the coach's locale: Nov 29, 2026."""
    return paper_date(value)


def local_time(value: datetime | None) -> str:
    """A UTC time as a local date and time in the coach's locale: Nov 29, 2026, 11:22 PM."""
    return paper_time(value)


# The domain's setting labels, listed so that lupdate offers them in the "reports" context.
SETTING_TEXTS = (translate("reports", "Home visit"),
                 translate("reports", "Child and Family Team meeting"),
                 translate("reports", "Office visit"), translate("reports", "Phone or video"),
                 translate("reports", "Court"), translate("reports", "School"),
                 translate("reports", "Team or unit meeting"),
                 translate("reports", "Self-assessment"), translate("reports", "Other"))


def _translate(text: str) -> str:
    return translate("reports", text)


def setting_label(value: str) -> str:
    """The label of a setting code, in the report language."""
    return label_of(Setting, value, _translate)


CASEWORK_TEXTS = (translate("reports", "Engagement"), translate("reports", "Assessment"),
                  translate("reports", "Service planning and implementation"),
                  translate("reports", "Monitoring and adapting"),
                  translate("reports", "Transition"))


STAGE_TEXTS = (translate("reports", "Exploration"), translate("reports", "Installation"),
               translate("reports", "Initial implementation"),
               translate("reports", "Full implementation"))


def stage_label(value: str | None) -> str:
    """The label of an implementation stage code in the report language; a dash when not given."""
    if not value:
        return "\u2014"
    try:
        return translate("reports", ImplementationStage(value).label)
    except ValueError:
        return value


def casework_label(value: str | None) -> str:
    """The label of a casework component code in the report language; a dash when not given."""
    return label_of(CaseworkComponent, value, _translate) or DASH


def setting_with_casework(setting: str, casework: str | None) -> str:
    """The setting, with the casework component beside it when one was given."""
    if not casework:
        return setting_label(setting)
    return fill(translate("reports", "%1 (casework component: %2)"), setting_label(setting),
                casework_label(casework))


def facts(rows: Sequence[tuple[str, str]], width: float) -> Table:
    """A two-column block of labels and values (wrapping long values)."""
    data = [[para(label, "small"), para(value, "cell")] for label, value in rows]
    # splitInRow: a row taller than a page (a long amendment reason) continues on the next page.
    table = Table(data, colWidths=[1.3 * inch, width - 1.3 * inch], splitInRow=1)
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), REGULAR),  # a Table's default is unembedded Helvetica
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2), ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
    ]))
    return table


def grid(data: list[list[object]], widths: Sequence[float], *, header_rows: int = 1,
         extra: Sequence[tuple[object, ...]] = ()) -> Table:
    """A ruled table with a shaded, repeating header (a heading too long for its column
    wraps in it)."""
    data = [[_fitted_heading(cell, width) for cell, width in zip(row, widths, strict=False)]
            if number < header_rows else row for number, row in enumerate(data)]
    table = Table(data, colWidths=list(widths), repeatRows=header_rows, splitInRow=1)
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), REGULAR), ("FONTSIZE", (0, 0), (-1, -1), 8.5),
        ("FONTNAME", (0, 0), (-1, header_rows - 1), BOLD),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("BACKGROUND", (0, 0), (-1, header_rows - 1), SHADE),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        *extra,
    ]))
    return table


# A table cell's padding on either side (ReportLab's default), and the header's text size.
_CELL_PADDING = 6
_HEADING_SIZE = 8.5


def _fitted_heading(cell: object, width: float) -> object:
    """A column heading as drawn, or wrapped when it is wider than its column: "Primera del
    período" ran into the next column's heading in the Spanish worker summary. One word stays
    whole: broken, "Obs." became "Obs" over a lone ".")."""
    if not isinstance(cell, str) or " " not in cell.strip() or \
            stringWidth(cell, BOLD, _HEADING_SIZE) <= width - 2 * _CELL_PADDING:
        return cell
    return para(cell, "cell_bold")


def signatures(width: float) -> Table:
    """Signature and date lines for coach, worker and supervisor."""
    rows = [[para(who, "small"), "", para(translate("reports", "Date"), "small"), ""]
            for who in (translate("reports", "Coach"), translate("reports", "Worker"),
                        translate("reports", "Supervisor"))]
    table = Table(rows, colWidths=[1.0 * inch, width - 2.9 * inch, 0.5 * inch, 1.4 * inch],
                  rowHeights=[0.45 * inch] * 3)
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), REGULAR),
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("LINEBELOW", (1, 0), (1, -1), 0.6, colors.black),
        ("LINEBELOW", (3, 0), (3, -1), 0.6, colors.black),
    ]))
    return table


def gap(height: float = 6) -> Spacer:
    """Vertical space in points."""
    return Spacer(1, height)


def block(*flowables: Flowable) -> list[Flowable]:
    """A list of flowables (readability helper)."""
    return list(flowables)


def goal_headings() -> list[object]:
    """The column headings of a goals table."""
    return [translate("reports", "Goal"), translate("reports", "Behaviors"),
            translate("reports", "Due"), translate("reports", "Status")]


def goal_status(status: str) -> str:
    """A goal's status as a report prints it."""
    return {GoalStatus.OPEN.value: translate("reports", "Open"),
            GoalStatus.MET.value: translate("reports", "Met"),
            GoalStatus.DROPPED.value: translate("reports", "Dropped")}.get(status, status.title())
