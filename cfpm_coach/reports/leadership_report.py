"""Leadership self vs others: the leader's own ratings next to coaches' and staff's, by group."""

from pathlib import Path

from reportlab.lib.units import inch
from reportlab.platypus import Flowable

from cfpm_coach.reports.common import decimal, facts, grid, local_date, para, percent
from cfpm_coach.reports.document import (
    CONTENT_WIDTH,
    Paper,
    ReportMeta,
    generation_time,
    provenance_line,
    write_pdf,
)
from cfpm_coach.reports.styles import proficient_label
from cfpm_coach.reports.texts import fill, translate
from cfpm_coach.views.leadership import LeadershipComparison

WIDTH = CONTENT_WIDTH
DASH = "\u2014"


def _gap(value: float | None) -> str:
    return DASH if value is None else fill(translate("reports", "%1 pts"), f"{round(value * 100):+d}")


def _groups(data: LeadershipComparison) -> list[Flowable]:
    rows: list[list[object]] = [[translate("reports", "Group"), translate("reports", "Self"),
                                 translate("reports", "Others"), translate("reports", "Ratings"),
                                 translate("reports", "Gap")]]
    rows += [[para(g.label, "cell"), percent(g.self_score.share_proficient),
              percent(g.others_score.share_proficient), str(g.others_score.observed),
              _gap(g.gap)] for g in data.groups]
    note = para(fill(translate(
        "reports", "Share of behaviors rated %1. Self: the latest self-assessment. "
                "Others: every coach's or staff member's rating in the last year. A positive gap: "
                "the leader rates themselves higher than others do. Ratings: how many ratings by "
                "others each figure rests on."), proficient_label(data.instrument.scale)), "small")
    return [para("By group", "heading"), note,
            grid(rows, [WIDTH - 4 * 1.1 * inch] + [1.1 * inch] * 4)]


def _behaviors(data: LeadershipComparison) -> list[Flowable]:
    labels = {g.id: g.label for g in data.instrument.groups}
    rows: list[list[object]] = [[translate("reports", "Behavior"), translate("reports", "Group"),
                                 translate("reports", "Self"), translate("reports", "Others"),
                                 translate("reports", "Ratings")]]
    rows += [[para(b.label, "cell"), para(labels.get(b.group_id, b.group_id), "cell"),
              DASH if b.self_value is None else str(b.self_value),
              decimal(b.others_mean, 1), str(b.others_count)]
             for b in data.behaviors]
    widths = [WIDTH - 1.2 * inch - 3 * 0.9 * inch, 1.2 * inch] + [0.9 * inch] * 3
    note = para(translate(
        "reports", "Self: the latest self-rating (1 to 3). Others: the mean of others' ratings in the "
                "last year."), "small")
    return [para("By behavior", "heading"), note, grid(rows, widths)]


def _over_time(data: LeadershipComparison) -> list[Flowable]:
    labels = {g.id: g.label for g in data.instrument.groups}
    rows: list[list[object]] = [[translate("reports", "Quarter"), translate("reports", "Group"),
                                 translate("reports", "Self"), translate("reports", "Others")]]
    rows += [[quarter, labels.get(group_id, group_id), percent(mine), percent(theirs)]
             for quarter, group_id, mine, theirs in data.over_time]
    return [para("Over time", "heading"),
            grid(rows, [1.1 * inch, WIDTH - 3.1 * inch, 1.0 * inch, 1.0 * inch])]


def render(data: LeadershipComparison, path: Path, *, author: str, paper: Paper = "letter",
           deterministic: bool = False) -> Path:
    """Write the self-vs-others report to path."""
    header = facts([
        ("Leader", data.worker.name),
        ("Role and office", " \u00b7 ".join(p for p in (data.worker.role, data.worker.office)
                                             if p) or DASH),
        ("Latest self-assessment", local_date(data.self_assessed_at) or translate("reports", "none yet")),
        ("Others' observations", fill(translate("reports", "%1 in the last year"),
                                       data.others_observations)),
        ("Instrument", data.instrument.title),
    ], WIDTH)
    story: list[Flowable] = [para("Leadership: self vs others", "title"), header,
                             *_groups(data), *_behaviors(data), *_over_time(data)]
    meta = ReportMeta(title=fill(translate("reports", "Leadership self vs others: %1"),
                                 data.worker.name),
                      subject=fill(translate("reports", "%1: self vs others"),
                                   data.instrument.title), author=author,
                      generated_at=generation_time(deterministic),
        provenance=provenance_line(data.instrument))
    return write_pdf(path, story, meta, paper=paper, deterministic=deterministic)
