"""The frame every report shares: page size, header, "page N of M", metadata, atomic write."""

import io
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from reportlab import rl_config
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.units import inch
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, SimpleDocTemplate

from cfpm_coach import APP_NAME, __version__
from cfpm_coach.reports.dates import paper_time
from cfpm_coach.reports.fonts import REGULAR, register_fonts
from cfpm_coach.reports.styles import MUTED, RULE
from cfpm_coach.reports.texts import fill, language, translate
from cfpm_coach.storage import files

if TYPE_CHECKING:
    from cfpm_coach.domain.instruments import Instrument

Paper = Literal["letter", "a4"]
PAGE_SIZES = {"letter": LETTER, "a4": A4}
CONFIDENTIAL = translate("reports", "Confidential coaching record")  # marked; shown translated
MARGIN = 0.75 * inch
# One width that fits both papers: A4 is the narrower; a frame keeps 6 pt of padding each side.
CONTENT_WIDTH = min(LETTER[0], A4[0]) - 2 * MARGIN - 12


@dataclass(frozen=True)
class ReportMeta:
    """What the PDF says about itself."""

    title: str
    subject: str
    author: str
    generated_at: datetime
    language: str = "en-US"
    # Where the instrument's wording comes from (Instrument.provenance), printed on every
    # page's footer; a county's instrument prints its own.
    provenance: str = ""


class _NumberedCanvas(Canvas):
    """Holds pages back until the end so each can say "page N of M"."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:  # noqa: N802  (ReportLab's name)
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for page in self._pages:
            self.__dict__.update(page)
            self._draw_page_number(total)
            super().showPage()
        super().save()

    def _draw_page_number(self, total: int) -> None:
        width, _height = self._pagesize
        self.setFont(REGULAR, 8)
        self.setFillColor(MUTED)
        self.drawRightString(width - 0.75 * inch, 0.5 * inch,
                             fill(translate("reports", "page %1 of %2"), self._pageNumber,
                                  total))


def _decorate(meta: ReportMeta) -> Any:
    stamp = paper_time(meta.generated_at)

    def draw(canvas: Canvas, doc: SimpleDocTemplate) -> None:
        width, height = doc.pagesize
        canvas.saveState()
        canvas.setFont(REGULAR, 8)
        canvas.setFillColor(MUTED)
        top = height - 0.5 * inch
        canvas.drawString(doc.leftMargin, top, translate("reports", CONFIDENTIAL))
        canvas.drawRightString(width - doc.rightMargin, top,
                               fill(translate("reports", "Generated %1"), stamp))
        canvas.setStrokeColor(RULE)
        canvas.line(doc.leftMargin, top - 4, width - doc.rightMargin, top - 4)
        canvas.drawString(doc.leftMargin, 0.5 * inch, f"{APP_NAME} {__version__}")
        if meta.provenance:
            canvas.setFont(REGULAR, 7)
            lines = simpleSplit(meta.provenance, REGULAR, 7, width - doc.leftMargin
                                - doc.rightMargin)[:2]
            for number, line in enumerate(reversed(lines)):
                canvas.drawString(doc.leftMargin, 0.5 * inch + 10 + 8 * number, line)
        canvas.restoreState()

    return draw


@contextmanager
def _binary_streams() -> Iterator[None]:
    """Streams written compressed only, not also spelt out in ASCII85 (ReportLab's default, for
    7-bit channels no report goes through): the same pages, a little smaller (the 2-page worker
    summary 63 to 59 KB), and encoding them in ReportLab's pure Python was a tenth of writing
    it. The switch is ReportLab's global, so it is set for the build alone."""
    before = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = before


def write_pdf(path: Path, story: Sequence[Flowable], meta: ReportMeta, *,
              paper: Paper = "letter", deterministic: bool = False) -> Path:
    """Render the story, then write it to path whole and owner-only (files.write_atomic).

    A report holds workers' names and coaches' notes: 0600 whatever the umask, in a folder
    created 0700 when it does not exist yet.
    """
    register_fonts()
    path = path.resolve()
    rendered = io.BytesIO()
    doc = SimpleDocTemplate(
        rendered, pagesize=PAGE_SIZES[paper], title=meta.title, author=meta.author,
        subject=meta.subject, creator=f"{APP_NAME} {__version__}",
        lang=meta.language if language() == "en" else language(),
        invariant=1 if deterministic else 0, leftMargin=MARGIN, rightMargin=MARGIN,
        topMargin=0.8 * inch, bottomMargin=0.8 * inch, displayDocTitle=1,
        initialFontName=REGULAR,  # else ReportLab starts every page in (unembedded) Helvetica
    )
    decorate = _decorate(meta)
    with _binary_streams():
        doc.build(list(story), onFirstPage=decorate, onLaterPages=decorate,
                  canvasmaker=_NumberedCanvas)
    files.private_dir(path.parent)
    return files.write_atomic(path, rendered.getvalue())


def provenance_line(instrument: "Instrument") -> str:
    """The footer line naming an instrument and where its wording comes from."""
    if not instrument.provenance:
        return ""
    return fill(translate("reports", "%1, version %2: %3"), instrument.title,
                instrument.version, instrument.provenance)


def generation_time(deterministic: bool) -> datetime:
    """Now, or a fixed time for deterministic output (tests, screenshots)."""
    return datetime(2026, 1, 1, 12, 0, tzinfo=UTC) if deterministic else datetime.now(UTC)
