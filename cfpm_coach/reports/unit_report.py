"""The unit summary: an office's workers by element, activity, and what the unit rarely shows."""

from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.units import inch
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph

from cfpm_coach.reports.common import facts, grid, local_date, para, percent, rich
from cfpm_coach.reports.document import (
    CONTENT_WIDTH,
    Paper,
    ReportMeta,
    generation_time,
    provenance_line,
    write_pdf,
)
from cfpm_coach.reports.fonts import BOLD
from cfpm_coach.reports.styles import LEVEL_COLOURS, MUTED, proficient_label
from cfpm_coach.reports.texts import fill, translate
from cfpm_coach.views.reports import UnitReport

WIDTH = CONTENT_WIDTH
HEAD_PADDING = 2  # points each side of a figure column: six share a page's width
RARE_LIMIT = 8  # the behaviors listed as "rarely shown": the weakest eight


def _column_head(label: str, width: float) -> Paragraph:
    """A heading wrapped between words, its type small enough that no word is cut."""
    words = label.replace("/", "/ ").split()
    room = width - 2 * HEAD_PADDING
    size = 7.5
    while size > 5.5 and max(stringWidth(w, BOLD, size) for w in words) > room:
        size -= 0.25
    return rich(f"<font size={size}>{escape(' '.join(words)).replace('/ ', '/<br/>')}</font>",
                "column_head")


def _workers(report: UnitReport) -> list[Flowable]:
    groups = report.instrument.groups
    name_width, count_width = 1.45 * inch, 0.4 * inch
    figure_width = (WIDTH - name_width - count_width) / len(groups)
    # Six elements share the page's width: each heading wraps in its column rather than running
    # into the next one, and a change goes on its own line under the share.
    header: list[object] = [translate("reports", "Worker"), translate("reports", "Obs."),
                            *[_column_head(g.label, figure_width) for g in groups]]
    data: list[list[object]] = [header]
    extra: list[tuple[object, ...]] = [("ALIGN", (1, 0), (-1, -1), "CENTER"),
                                       ("FONTSIZE", (1, 0), (-1, 0), 7.5),
                                       ("LEFTPADDING", (2, 0), (-1, -1), HEAD_PADDING),
                                       ("RIGHTPADDING", (2, 0), (-1, -1), HEAD_PADDING)]
    for row_index, row in enumerate(report.rows, start=1):
        cells: list[object] = [para(row.worker.name + ("" if row.worker.active else " (inactive)"),
                                    "cell"), str(row.observations_in_period)]
        for column, group in enumerate(groups, start=2):
            share, change = row.latest[group.id], row.change[group.id]
            if group.id in row.not_comparable:
                cells.append(translate("reports", "n/c"))
                extra.append(("TEXTCOLOR", (column, row_index), (column, row_index), MUTED))
                continue
            text = escape(percent(share))
            if change is not None and round(change * 100):
                text += f"<br/><font size=7>({round(change * 100):+d})</font>"
            cells.append(rich(text, "figure"))
            if share is not None:
                level = 3 if share >= 2 / 3 else 2 if share >= 1 / 3 else 1
                extra.append(("BACKGROUND", (column, row_index), (column, row_index),
                              LEVEL_COLOURS[level]))
        data.append(cells)
    widths = [name_width, count_width] + [figure_width] * len(groups)
    legend = para(fill(translate(
        "reports", "Share of observed behaviors rated %1 in each worker's latest "
        "finished observation of the period; in brackets the change in points since "
        "their first one in the period. Obs. counts finished observations."),
        proficient_label(report.instrument.scale))
        + (" " + translate("reports", "n/c not comparable (the latest observation was rated on "
                                      "an earlier version without this element's behaviors).")
           if any(row.not_comparable for row in report.rows) else ""), "small")
    heading = translate("reports", "Workers by practice element") \
        if report.instrument.kind == "practice" else \
        translate("reports", "Workers by leadership group")
    return [para(heading, "heading"), legend,
            grid(data, widths, extra=extra)]


def _stale(report: UnitReport) -> list[Flowable]:
    story: list[Flowable] = [para(fill(translate("reports", "Not observed in the last %1 days"),
                                       report.stale_days), "heading")]
    if not report.not_observed_lately:
        return [*story, para(translate("reports", "Every active worker was observed recently."))]
    data: list[list[object]] = [[translate("reports", "Worker"),
                                 translate("reports", "Last observed")]]
    data += [[para(w.name, "cell"),
              local_date(w.last_observed_at) or translate("reports", "never")]
             for w in report.not_observed_lately]
    return [*story, grid(data, [3.5 * inch, 1.5 * inch])]


def _rare(report: UnitReport) -> list[Flowable]:
    total = report.observations
    story: list[Flowable] = [para(translate("reports", "Behaviors the unit rarely shows"),
                                  "heading")]
    if not total:
        return [*story, para(translate("reports", "No finished observations in this period."))]
    comparable = {item.id: report.behavior_comparable.get(item.id, total)
                  for item in report.instrument.items}

    def rank(item_id: str) -> tuple[float, float]:
        # Shown proficient in the fewest observations that could rate it: rarely observed and
        # rarely strong both count.
        score, out_of = report.behavior_scores[item_id], comparable[item_id]
        return (score.proficient / out_of, score.observed / out_of)

    # A behavior no observation could rate (new in this version, rated only on an earlier one)
    # is not rare but unknown: listed after the weakest, as n/c, never ranked among them.
    lost = [item for item in report.instrument.items if not comparable[item.id]]
    ranked = sorted((item for item in report.instrument.items if comparable[item.id]),
                    key=lambda item: rank(item.id))[:RARE_LIMIT]
    data: list[list[object]] = [[translate("reports", "Behavior"),
                                 translate("reports", "Observed in"),
                                 fill(translate("reports", "%1 in"),
                                      proficient_label(report.instrument.scale)),
                                 translate("reports", "Share")]]
    of = translate("reports", "%1 of %2")
    for item in ranked:
        score, out_of = report.behavior_scores[item.id], comparable[item.id]
        data.append([para(item.label, "cell"), fill(of, score.observed, out_of),
                     fill(of, score.proficient, out_of), percent(score.share_proficient)])
    not_comparable = translate("reports", "n/c")
    muted = [("TEXTCOLOR", (1, len(data)), (-1, -1), MUTED)] if lost else []
    data += [[para(item.label, "cell"), not_comparable, not_comparable, not_comparable]
             for item in lost]
    note = fill(translate(
        "reports", "The %1 behaviors rated %3 in the fewest of the unit's %2 finished "
        "observations; Share is of the observations where each was observed."),
        len(ranked), total, proficient_label(report.instrument.scale))
    if any(0 < comparable[item.id] < total for item in report.instrument.items):
        note += " " + translate("reports", "A behavior an earlier version lacks is counted over "
                                           "the observations that could rate it.")
    if lost:
        note += " " + translate("reports", "n/c not comparable: rated only on an earlier "
                                           "version without this behavior.")
    return [*story, para(note, "small"),
            grid(data, [WIDTH - 3.6 * inch, 1.2 * inch, 1.4 * inch, 1.0 * inch], extra=muted)]


def render(report: UnitReport, path: Path, *, author: str, paper: Paper = "letter",
           deterministic: bool = False) -> Path:
    """Write the unit summary to path."""
    active = sum(1 for r in report.rows if r.worker.active)
    header = facts([
        (translate("reports", "Office"), report.office),
        (translate("reports", "Period"), fill(translate("reports", "%1 to %2"),
                                              local_date(report.start), local_date(report.end))),
        (translate("reports", "Instrument"), report.instrument.title),
        (translate("reports", "Workers"), fill(translate(
            "reports", "%1 (%2 active), %3 finished observations in the period"),
            len(report.rows), active, report.observations)),
    ], WIDTH)
    story: list[Flowable] = [para(translate("reports", "Unit coaching summary"), "title"),
                             header, *_workers(report),
                             *_stale(report), *_rare(report)]
    meta = ReportMeta(
        title=fill(translate("reports", "Unit summary: %1, %2 to %3"), report.office,
                   report.start, report.end),
        subject=fill(translate("reports", "%1: unit summary"), report.instrument.title),
        author=author,
        generated_at=generation_time(deterministic),
        provenance=provenance_line(report.instrument))
    return write_pdf(path, story, meta, paper=paper, deterministic=deterministic)
