"""The agreement report: how alike coaches rate, per pair and over time, and what to calibrate."""

from pathlib import Path

from reportlab.lib.units import inch
from reportlab.platypus import Flowable

from cfpm_coach.domain.agreement import PairAgreement
from cfpm_coach.reports.common import decimal, facts, grid, local_date, para, percent
from cfpm_coach.reports.document import (
    CONTENT_WIDTH,
    Paper,
    ReportMeta,
    generation_time,
    provenance_line,
    write_pdf,
)
from cfpm_coach.reports.texts import fill, translate
from cfpm_coach.views.agreement import AgreementReport

WIDTH = CONTENT_WIDTH
CALIBRATE_LIMIT = 10
FIGURES = [translate("reports", "Items"), translate("reports", "Exact"),
           translate("reports", "Within 1"), "\u03ba lin.", "\u03ba quad."]
FIGURE_WIDTH = 0.62 * inch


def _figures(agreement: PairAgreement) -> list[object]:
    return [str(agreement.items), percent(agreement.exact), percent(agreement.within_one),
            decimal(agreement.kappa_linear), decimal(agreement.kappa_quadratic)]


def _calibrate(report: AgreementReport) -> list[Flowable]:
    rows = [b for b in report.behaviors if b.items and (b.exact or 0) < 1][:CALIBRATE_LIMIT]
    if not rows:
        return [para("Calibrate first", "heading"),
                para("Every behavior both coaches scored was rated alike.")]
    data: list[list[object]] = [[translate("reports", "Behavior"), translate("reports", "Items"),
                                 translate("reports", "Exact"), translate("reports", "Within 1"),
                                 translate("reports", "Mean diff.")]]
    data += [[para(b.label, "cell"), str(b.items), percent(b.exact), percent(b.within_one),
              decimal(b.mean_difference)]
             for b in rows]
    note = para(translate(
        "reports", "The behaviors coaches rated least alike across every co-observed visit, "
                "first the lowest exact agreement, then the largest mean difference in scale "
                "points. Talk these through with anchors and examples before the next round."), "small")
    widths = [WIDTH - 4 * 0.8 * inch] + [0.8 * inch] * 4
    return [para("Calibrate first", "heading"), note, grid(data, widths)]


def _pairs(report: AgreementReport) -> list[Flowable]:
    data: list[list[object]] = [[translate("reports", "Coaches"),
                                 translate("reports", "Visits / month"), *FIGURES]]
    for pair in report.coach_pairs:
        data.append([para(" & ".join(pair.coaches), "cell"),
                     fill(translate("reports", "%1 visits"), pair.visits),
                     *_figures(pair.agreement)])
        data += [["", month, *_figures(agreement)] for month, agreement in pair.by_month]
    widths = [WIDTH - 1.2 * inch - 5 * FIGURE_WIDTH, 1.2 * inch] + [FIGURE_WIDTH] * 5
    note = para(translate(
        "reports", "Each pair of coaches over all the visits they rated together, then month by "
                "month. Exact and within-one count the behaviors both scored; Cohen's weighted "
                "kappa corrects for chance agreement (1 perfect, 0 chance, below 0 worse than "
                "chance)."), "small")
    return [para("Pairs of coaches over time", "heading"), note, grid(data, widths)]


def _visits(report: AgreementReport) -> list[Flowable]:
    data: list[list[object]] = [[translate("reports", "Date"), translate("reports", "Worker"),
                                 translate("reports", "Coaches"), *FIGURES, "\u03b1"]]
    data += [[local_date(v.started_at), para(v.worker_name, "cell"),
              para(" & ".join(v.coaches), "cell"), *_figures(v.agreement),
              decimal(v.alpha) if len(v.coaches) > 2 else "\u2014"] for v in report.visits]
    rest = WIDTH - 0.85 * inch - 6 * FIGURE_WIDTH
    widths = [0.85 * inch, rest / 2, rest / 2] + [FIGURE_WIDTH] * 6
    note = para(translate(
        "reports", "Krippendorff's alpha (ordinal) is given for visits rated by more than two "
                "coaches."), "small")
    return [para("Co-observed visits", "heading"), note, grid(data, widths)]


def render(report: AgreementReport, path: Path, *, author: str, paper: Paper = "letter",
           deterministic: bool = False) -> Path:
    """Write the agreement report to path."""
    header = facts([
        ("Instrument", report.instrument.title),
        ("Co-observed visits", str(len(report.visits))),
        ("Pairs of coaches", str(len(report.coach_pairs))),
    ], WIDTH)
    story: list[Flowable] = [para("Inter-rater agreement", "title"), header,
                             *_calibrate(report), *_pairs(report), *_visits(report)]
    meta = ReportMeta(title=translate("reports", "Inter-rater agreement"),
                      subject=fill(translate("reports", "%1: agreement between coaches"),
                                   report.instrument.title),
                      author=author, generated_at=generation_time(deterministic),
        provenance=provenance_line(report.instrument))
    return write_pdf(path, story, meta, paper=paper, deterministic=deterministic)
