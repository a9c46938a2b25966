"""The worker coaching summary: a period of observations, trends, a behavior-by-month grid, goals."""

from collections import Counter
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.units import inch
from reportlab.platypus import Flowable, KeepTogether

from cfpm_coach.domain.instruments import Instrument, RatingScale
from cfpm_coach.domain.trends import comparable_in, share_in
from cfpm_coach.domain.vocabulary import GoalStatus
from cfpm_coach.reports.charts import trend_chart
from cfpm_coach.reports.common import (
    casework_label,
    facts,
    gap,
    goal_headings,
    goal_status,
    grid,
    local_date,
    para,
    percent,
    setting_label,
)
from cfpm_coach.reports.document import (
    CONTENT_WIDTH,
    Paper,
    ReportMeta,
    generation_time,
    provenance_line,
    write_pdf,
)
from cfpm_coach.reports.styles import (
    LEVEL_COLOURS,
    MUTED,
    has_level_above,
    level_tone,
    proficient_label,
    scale_range,
)
from cfpm_coach.reports.texts import fill, translate
from cfpm_coach.views.observations import ObservationSummary
from cfpm_coach.views.reports import WorkerReport

WIDTH = CONTENT_WIDTH
MAX_MONTHS = 12  # the grid shows the last twelve months of the period


def _header(report: WorkerReport) -> list[Flowable]:
    worker = report.worker
    count = len(report.observations)
    settings = ", ".join(f"{setting_label(s)} {n}" for s, n in
                         sorted(report.by_setting.items(), key=lambda kv: -kv[1])) or "\u2014"
    rows = [
        (translate("reports", "Worker"), worker.name),
        (translate("reports", "Role, unit, office"),
         ", ".join(p for p in (worker.role, worker.unit, worker.office) if p) or "\u2014"),
        (translate("reports", "Period"), fill(translate("reports", "%1 to %2"),
                                              local_date(report.start), local_date(report.end))),
        (translate("reports", "Instrument"), report.instrument.title),
        (translate("reports", "Observations"),
         fill(translate("reports", "%1 finished, by setting: %2"), count, settings)),
    ]
    components = Counter(o.casework_component for o in report.observations
                         if o.casework_component)
    if components:
        rows.append((translate("reports", "Casework component"), ", ".join(
            f"{casework_label(c)} {n}" for c, n in components.most_common())))
    return [para(translate("reports", "Worker coaching summary"), "title"), facts(rows, WIDTH)]


def _month_heading(month: str) -> str:
    """A month ("2026-03") as two short lines, "Mar" over "26", so twelve fit side by side."""
    year, number = month.split("-")
    names = translate("reports", "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec").split()
    return f"{names[int(number) - 1]}\n{year[2:]}"


def _cell(score: object, scale: RatingScale) -> tuple[str, object | None]:
    observed = getattr(score, "observed", 0)
    if not observed:
        return translate("reports", "n/o"), None
    mean = getattr(score, "mean", 0.0) or 0.0
    return f"{mean:.1f}", LEVEL_COLOURS[level_tone(scale, mean)]


def _grid(report: WorkerReport) -> list[Flowable]:
    months = report.months[-MAX_MONTHS:]
    if not months:
        return []
    label_width = 2.4 * inch
    month_width = min(0.6 * inch, (WIDTH - label_width - 0.45 * inch) / len(months))
    header: list[object] = [translate("reports", "Behavior"),
                            *[_month_heading(m) for m in months], translate("reports", "Obs.")]
    data: list[list[object]] = [header]
    extra: list[tuple[object, ...]] = [("ALIGN", (1, 0), (-1, -1), "CENTER"),
                                       ("FONTSIZE", (1, 0), (-1, -1), 7.5),
                                       ("LEADING", (1, 0), (-1, 0), 8.5)]
    for group in report.instrument.groups:
        data.append([para(group.label, "cell_bold")] + [""] * (len(months) + 1))
        row = len(data) - 1
        extra += [("SPAN", (0, row), (-1, row)), ("BACKGROUND", (0, row), (-1, row),
                                                   colors.HexColor("#f4f6f8"))]
        for item in group.items:
            cells = report.behavior_months.get(item.id, {})
            row_values: list[object] = [para(item.label, "cell")]
            observed = 0
            for column, month in enumerate(months, start=1):
                score = cells.get(month)
                text, colour = _cell(score, report.instrument.scale) if score is not None else (
                    (translate("reports", "n/c"), None)
                    if (item.id, month) in report.not_comparable else ("", None))
                observed += getattr(score, "observed", 0) if score is not None else 0
                row_values.append(text)
                if colour is not None:
                    extra.append(("BACKGROUND", (column, len(data)), (column, len(data)), colour))
                elif text in (translate("reports", "n/o"), translate("reports", "n/c")):
                    extra.append(("TEXTCOLOR", (column, len(data)), (column, len(data)), MUTED))
            row_values.append(str(observed))
            data.append(row_values)
    widths = [label_width, *[month_width] * len(months), 0.45 * inch]
    legend = para(fill(translate(
        "reports", "Each cell is the mean rating that month (%1): "
        "green strong, yellow growing, orange emerging; n/o only marked no opportunity; "
        "n/c not comparable (rated on an earlier version without this behavior); "
        "blank not rated. Obs. counts the ratings that scored."),
        scale_range(report.instrument.scale))
        + (" " + fill(translate("reports", "Deep green: above %1 (a mean at least halfway to "
                                           "the next level)."),
                      proficient_label(report.instrument.scale))
           if has_level_above(report.instrument.scale) else ""), "small")
    return [para(translate("reports", "Behaviors by month"), "heading"), legend, gap(3),
            grid(data, widths, extra=extra)]


def _goals(report: WorkerReport) -> list[Flowable]:
    story: list[Flowable] = [para(translate("reports", "Goals"), "heading")]
    if not report.goals:
        return [*story, para(translate("reports", "No goals recorded."))]
    data: list[list[object]] = [goal_headings()]
    instrument = report.instrument
    for goal in report.goals:
        if goal.status == GoalStatus.DROPPED:
            continue
        labels = ", ".join(instrument.item(b).label if instrument.has_item(b) else b
                           for b in goal.behavior_ids)
        data.append([para(goal.text, "cell"), para(labels, "cell"),
                     local_date(goal.due_date) if goal.due_date else "\u2014",
                     goal_status(goal.status)])
    return [*story, grid(data, [WIDTH - 4.3 * inch, 2.5 * inch, 0.9 * inch, 0.9 * inch])]


def _share(instrument: Instrument, obs: ObservationSummary | None, group_id: str,
           share: float | None) -> str:
    if not comparable_in(instrument, obs, group_id):
        return translate("reports", "not comparable")
    return percent(share)


def _elements(report: WorkerReport) -> list[Flowable]:
    trend = report.trend
    latest = report.observations[0] if report.observations else None
    rows: list[list[object]] = [[translate("reports", "Element"), translate("reports", "Latest"),
                                 translate("reports", "First in period"),
                                 translate("reports", "Change")]]
    first = report.observations[-1] if report.observations else None
    instrument = report.instrument
    for group in instrument.groups:
        now, then = share_in(instrument, latest, group.id), share_in(instrument, first, group.id)
        change = "\u2014" if now is None or then is None else fill(
            translate("reports", "%1 pts"), f"{round((now - then) * 100):+d}")
        rows.append([para(group.label, "cell"), _share(instrument, latest, group.id, now),
                     _share(instrument, first, group.id, then), change])
    return [
        para(fill(translate("reports", "Practice elements over time (share %1)")
                  if report.instrument.kind == "practice" else
                  translate("reports", "Leadership groups over time (share %1)"),
                  proficient_label(report.instrument.scale)), "heading"),
        trend_chart(trend, WIDTH),
        grid(rows, [WIDTH - 3.9 * inch, 1.3 * inch, 1.3 * inch, 1.3 * inch]),
    ]


def render(report: WorkerReport, path: Path, *, author: str, paper: Paper = "letter",
           deterministic: bool = False) -> Path:
    """Write the worker coaching summary to path."""
    story: list[Flowable] = [*_header(report), *_elements(report), *_grid(report),
                             *_goals(report)]
    steps = report.last_next_steps or "\u2014"
    story.append(KeepTogether([
        para(fill(translate("reports", "Last agreed next steps (%1)"),
                  local_date(report.last_next_steps_at) or translate("reports", "none")),
             "heading"), para(steps)]))
    meta = ReportMeta(
        title=fill(translate("reports", "Coaching summary: %1, %2 to %3"), report.worker.name,
                   report.start, report.end),
        subject=fill(translate("reports", "%1: worker coaching summary"),
                     report.instrument.title), author=author,
        generated_at=generation_time(deterministic),
        provenance=provenance_line(report.instrument))
    return write_pdf(path, story, meta, paper=paper, deterministic=deterministic)
