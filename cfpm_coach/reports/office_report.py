"""Where an office stands: its implementation supports and stage, its leaders' profile and its
practice fidelity by month, side by side on one page."""

from itertools import zip_longest
from pathlib import Path

from reportlab.lib.units import inch
from reportlab.platypus import Flowable

from cfpm_coach.reports.common import (
    facts,
    gap,
    grid,
    local_date,
    para,
    percent,
    stage_label,
)
from cfpm_coach.reports.dates import paper_month
from cfpm_coach.reports.document import (
    CONTENT_WIDTH,
    Paper,
    ReportMeta,
    generation_time,
    write_pdf,
)
from cfpm_coach.reports.texts import fill, translate
from cfpm_coach.views.offices import DomainShare, OfficeStanding, OfficeStandings

WIDTH = CONTENT_WIDTH
SHARE_WIDTH = 0.55 * inch  # "100%" and a little room
GAP_WIDTH = 0.12 * inch


def _share(share: float | None, ratings: int) -> str:
    return percent(share) if ratings else "\u2014"


def _side_by_side(standing: OfficeStanding, standings: OfficeStandings) -> Flowable:
    """Three column pairs: supports by domain, leadership by domain, practice by month."""
    label = (WIDTH - 3 * SHARE_WIDTH - 2 * GAP_WIDTH) / 3
    head = [para(fill(translate("reports", "Implementation supports (share %1)"),
                      standings.supports_level), "cell"), "", "",
            para(translate("reports", "Leadership (share at standard)"), "cell"), "", "",
            para(translate("reports", "Practice fidelity by month (share at standard)"),
                 "cell"), ""]

    def pairs(shares: list[DomainShare]) -> list[tuple[object, str]]:
        return [(para(d.label, "cell"), _share(d.share, d.ratings)) for d in shares]

    supports = pairs(standing.supports) or [(para(translate(
        "reports", "No implementation-supports assessment yet."), "cell"), "")]
    leadership = pairs(standing.leadership) if any(d.ratings for d in standing.leadership) \
        else [(para(translate("reports", "No leadership observation yet."), "cell"), "")]
    practice = [(paper_month(m.month), _share(m.share, m.ratings)) for m in standing.practice] or [
        (para(translate("reports", "No practice observation in the period."), "cell"), "")]
    rows: list[list[object]] = [head]
    spans: list[tuple[object, ...]] = []
    for number, triple in enumerate(zip_longest(supports, leadership, practice,
                                                fillvalue=("", "")), start=1):
        rows.append([triple[0][0], triple[0][1], "", triple[1][0], triple[1][1], "",
                     triple[2][0], triple[2][1]])
        # A sentence saying there is nothing takes its pair's two columns.
        spans += [("SPAN", (3 * side, number), (3 * side + 1, number))
                  for side, pair in enumerate(triple) if pair[0] != "" and pair[1] == ""]
    widths = [label, SHARE_WIDTH, GAP_WIDTH, label, SHARE_WIDTH, GAP_WIDTH, label, SHARE_WIDTH]
    return grid(rows, widths, extra=[
        *spans,
        ("SPAN", (0, 0), (1, 0)), ("SPAN", (3, 0), (4, 0)), ("SPAN", (6, 0), (7, 0)),
        ("ALIGN", (1, 1), (1, -1), "RIGHT"), ("ALIGN", (4, 1), (4, -1), "RIGHT"),
        ("ALIGN", (7, 1), (7, -1), "RIGHT"),
        ("BACKGROUND", (2, 0), (2, -1), None), ("BACKGROUND", (5, 0), (5, -1), None),
        ("LINEBELOW", (2, 0), (2, -1), 0, None), ("LINEBELOW", (5, 0), (5, -1), 0, None),
    ])


def _office(standing: OfficeStanding, standings: OfficeStandings) -> list[Flowable]:
    assessed = (fill(translate("reports", "%1 (finalized assessments: %2)"),
                     local_date(standing.assessed_at), standing.assessments)
                if standing.assessed_at else
                translate("reports", "Not assessed yet: no implementation-supports assessment "
                                     "of this office has been finalized."))
    header = facts([
        (translate("reports", "Office"), standing.office),
        (translate("reports", "County"), standing.county or "\u2014"),
        (translate("reports", "Implementation stage"), stage_label(standing.stage)),
        (translate("reports", "Last assessed"), assessed),
        (translate("reports", "People"), fill(translate(
            "reports", "workers and leaders: %1; leaders observed on leadership: %2"),
            standing.workers, standing.leaders)),
        (translate("reports", "Instruments"), "; ".join(
            t for t in (standings.supports_title, standings.leadership_title,
                        standings.practice_title) if t)),
    ], WIDTH)
    return [header, gap(10), _side_by_side(standing, standings), gap(8), para(fill(translate(
        "reports", "Supports: the latest finalized assessment, share of the rated supports "
        "that are %1 (could not be assessed is left out). Leadership: each leader's latest "
        "finalized observation, pooled. Practice: every finalized observation of the office's "
        "workers in the last %2 months, pooled by month."), standings.supports_level,
        standings.months), "small")]


def render(standings: OfficeStandings, path: Path, *, author: str, paper: Paper = "letter",
           deterministic: bool = False) -> Path:
    """Write each office's standing (one office per section) to path."""
    story: list[Flowable] = [para(translate("reports", "Where the office stands"), "title")]
    for number, standing in enumerate(standings.offices):
        if number:
            story.append(gap(18))
        story += _office(standing, standings)
    names = ", ".join(f"{s.office} ({s.county})" if s.county else s.office
                      for s in standings.offices)
    meta = ReportMeta(
        title=fill(translate("reports", "Where the office stands: %1"), names),
        subject=translate("reports", "Implementation supports, leadership and practice"),
        author=author, generated_at=generation_time(deterministic))
    return write_pdf(path, story, meta, paper=paper, deterministic=deterministic)
