"""A dashboard page as a PDF: its title, headline figures and the same tables, drawn with the
reports' fonts, styles and page frame (ReportLab on the hub, nothing in the browser)."""

import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, TableStyle
from reportlab.platypus import Table as ReportTable

from cfpm_coach.hub.web.drilldown import Cell
from cfpm_coach.hub.web.tables import Table
from cfpm_coach.reports.common import gap, grid, para
from cfpm_coach.reports.document import CONTENT_WIDTH, ReportMeta, generation_time, write_pdf
from cfpm_coach.reports.fonts import BOLD, REGULAR, register_fonts
from cfpm_coach.reports.styles import styles

HUB_AUTHOR = "CFPM Coach hub"
MIN_COLUMN = 0.5 * inch
MAX_COLUMN = 3 * inch
COMPACT_SIZE = 7.0  # a wide table's type


@dataclass(frozen=True)
class Printable:
    """What a page prints: a title, a line saying what it covers, figures, tables."""

    name: str  # the PDF's file name, without .pdf
    title: str
    lead: str
    figures: list[tuple[str, str]] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)


def cell_text(cell: Cell | None) -> str:
    """A share grid's cell as the page shows it: "67% of 12", or "none"."""
    if cell is None or cell.share is None:
        return "none"
    return f"{round(cell.share * 100)}% of {cell.ratings}"


def share_grid(name: str, months: Sequence[str], elements: Sequence[tuple[str, str]],
               cells: dict[tuple[str, str], Cell], overall: dict[str, Cell]) -> Table:
    """The page's element-by-month grid as a table of its own (as printed, not as the CSV)."""
    rows: list[list[object]] = [[label, *(cell_text(cells.get((eid, m))) for m in months)]
                                for eid, label in elements]
    if overall:
        rows.append(["All elements", *(cell_text(overall.get(m)) for m in months)])
    return Table(name, "Share Accomplished by practice element, month by month",
                 ["practice element", *months], rows if months else [],
                 frozenset(range(1, len(months) + 1)))


def _widths(table: Table, size: float, pad: float) -> tuple[list[float], bool]:
    """Columns as wide as their longest word (so ids stay whole where they fit), then the room
    left shared by how much more each column's longest text would like; and whether every
    longest word fits whole."""
    register_fonts()
    columns = list(zip(*([str(h) for h in table.headers],
                         *([("" if v is None else str(v)) for v in row] for row in table.rows)),
                       strict=True))
    least = [max(max(stringWidth(word, BOLD, size) for word in column[0].split() or [""]),
                 *(stringWidth(word, REGULAR, size) for text in column[1:]
                   for word in (text.split() or [""]))) + pad for column in columns]
    least = [max(MIN_COLUMN, w) for w in least]
    wanted = [min(max(stringWidth(text, REGULAR, size) for text in column) + pad, MAX_COLUMN)
              for column in columns]
    wanted = [max(w, low) for w, low in zip(wanted, least, strict=True)]
    if sum(least) >= CONTENT_WIDTH:
        # Too many long words (ids): narrow columns keep their longest word whole, from the
        # narrowest up, while the rest could still share what is left; the widest share it.
        widths, left = list(least), CONTENT_WIDTH
        order = sorted(range(len(columns)), key=lambda i: least[i])
        for position, column in enumerate(order):
            if least[column] > left / (len(order) - position):
                rest = order[position:]
                total = sum(least[i] for i in rest)
                for i in rest:
                    widths[i] = max(MIN_COLUMN, left * least[i] / total)
                break
            left -= least[column]
        return widths, False
    room = CONTENT_WIDTH - sum(least)
    extra = [w - low for w, low in zip(wanted, least, strict=True)]
    if sum(extra) <= room:  # everything fits on one line: spread what is left evenly
        spare = (room - sum(extra)) / len(columns)
        return [w + spare for w in wanted], True
    return [low + room * e / sum(extra) for low, e in zip(least, extra, strict=True)], True


def _compact(style: ParagraphStyle) -> ParagraphStyle:
    return ParagraphStyle(f"{style.name}_compact", parent=style, fontSize=COMPACT_SIZE,
                          leading=COMPACT_SIZE + 1.5)


def _right(style: ParagraphStyle) -> ParagraphStyle:
    return ParagraphStyle(f"{style.name}_right", parent=style, alignment=TA_RIGHT)


def _table(table: Table) -> list[Flowable]:
    """A caption and a ruled table; in smaller type, closer set, when a wide table's longest
    words would not fit whole at the usual size."""
    story: list[Flowable] = [para(table.caption, "heading")]
    if not table.rows:
        return [*story, para("Nothing yet.", "small")]
    cell, bold, padding = styles().cell, styles().cell_bold, 6.0
    widths, fits = _widths(table, cell.fontSize, 2 * padding + 2)
    if not fits:
        cell, bold, padding = _compact(cell), _compact(bold), 3.0
        widths, _fits = _widths(table, COMPACT_SIZE, 2 * padding + 2)
    right = {False: (cell, bold), True: (_right(cell), _right(bold))}
    head = [Paragraph(escape(str(h).capitalize()), right[i in table.numeric][1])
            for i, h in enumerate(table.headers)]
    body = [[Paragraph(escape("" if v is None else str(v)), right[i in table.numeric][0])
             for i, v in enumerate(row)] for row in table.rows]
    story.append(grid([head, *body], widths, extra=[
        ("LEFTPADDING", (0, 0), (-1, -1), padding), ("RIGHTPADDING", (0, 0), (-1, -1), padding)]))
    return story


def _figures(figures: list[tuple[str, str]]) -> Flowable:
    """The page's headline figures: a label on one line, its value beside it."""
    label_width = min(CONTENT_WIDTH - 2 * inch, max(
        stringWidth(label, REGULAR, styles().body.fontSize) for label, _v in figures) + 12)
    table = ReportTable([[para(label), para(value, "cell_bold")] for label, value in figures],
                        colWidths=[label_width, CONTENT_WIDTH - label_width])
    table.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("TOPPADDING", (0, 0), (-1, -1), 1),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
    return table


def pdf_bytes(printable: Printable, scope: str) -> bytes:
    """The page's PDF (written whole to a private temporary folder, then read back)."""
    story: list[Flowable] = [para(printable.title, "title"), para(printable.lead, "small"),
                             para(f"Shown to an account that sees: {scope}.", "small"), gap()]
    if printable.figures:
        story.append(_figures(printable.figures))
    for table in printable.tables:
        story.extend(_table(table))
    meta = ReportMeta(title=printable.title, subject=printable.lead, author=HUB_AUTHOR,
                      generated_at=generation_time(False))
    with tempfile.TemporaryDirectory(prefix="cfpm-hub-pdf-") as folder:
        path = write_pdf(Path(folder) / "page.pdf", story, meta)
        return path.read_bytes()
