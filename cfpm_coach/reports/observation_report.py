"""The observation record: one observation, every behavior with its rating and evidence."""

from pathlib import Path

from reportlab.lib.units import inch
from reportlab.platypus import Flowable, KeepTogether

from cfpm_coach.domain.vocabulary import ObservationStatus
from cfpm_coach.reports.common import (
    casework_label,
    facts,
    gap,
    goal_headings,
    goal_status,
    grid,
    local_date,
    local_time,
    para,
    percent,
    rich,
    setting_label,
    signatures,
    stage_label,
)
from cfpm_coach.reports.document import (
    CONTENT_WIDTH,
    Paper,
    ReportMeta,
    generation_time,
    provenance_line,
    write_pdf,
)
from cfpm_coach.reports.styles import LEVEL_COLOURS, level_tone, proficient_label
from cfpm_coach.reports.texts import fill, translate
from cfpm_coach.views.reports import ObservationReport

WIDTH = CONTENT_WIDTH


def _duration(report: ObservationReport) -> str:
    summary = report.detail.summary
    if summary.ended_at is None:
        return "\u2014"
    minutes = int((summary.ended_at - summary.started_at).total_seconds() // 60)
    if minutes >= 60:
        return fill(translate("reports", "%1 h %2 min"), minutes // 60, f"{minutes % 60:02d}")
    return fill(translate("reports", "%1 min"), minutes)


def _status(report: ObservationReport) -> str:
    detail = report.detail
    status = {ObservationStatus.DRAFT.value: translate("reports", "Draft (not finalized)"),
              ObservationStatus.FINAL.value: translate("reports", "Final"),
              ObservationStatus.AMENDED.value: translate("reports", "Amended")}.get(detail.summary.status,
                                                               detail.summary.status)
    if detail.finalized_at:
        status += fill(translate("reports", ", finalized %1"), local_time(detail.finalized_at))
    return status


def _header(report: ObservationReport) -> list[Flowable]:
    detail, worker = report.detail, report.worker
    summary = detail.summary
    instrument = detail.instrument
    if summary.worker_id is None:  # an office's implementation supports
        subject = [(translate("reports", "Office"), worker.office),
                   (translate("reports", "County"), worker.county),
                   (translate("reports", "Implementation stage"),
                    stage_label(summary.implementation_stage))]
    else:
        subject = [(translate("reports", "Worker"), worker.name),
                   (translate("reports", "Role, unit, office"),
                    ", ".join(p for p in (worker.role, worker.unit, worker.office) if p)
                    or "\u2014")]
    rows = [
        *subject,
        (translate("reports", "Coach"), summary.coach_name + (
            fill(translate("reports", " (co-observer: %1)"), detail.co_observer)
            if detail.co_observer else "")),
        (translate("reports", "Date"), local_time(summary.started_at)),
        (translate("reports", "Setting"), setting_label(summary.setting)),
        *([] if summary.worker_id is None else [
            (translate("reports", "Casework component"),
             casework_label(summary.casework_component))]),
        (translate("reports", "Duration"), _duration(report)),
        (translate("reports", "Instrument"),
         fill(translate("reports", "%1, version %2"), instrument.title, instrument.version)),
        (translate("reports", "Status"), _status(report)),
    ]
    for amendment in detail.amendments:
        rows.append((fill(translate("reports", "Amended %1"), local_date(amendment.opened_at)),
                     amendment.reason))
    return [para(translate("reports", "Observation record"), "title"), facts(rows, WIDTH)]


def _scores(report: ObservationReport) -> Flowable:
    scores = report.detail.scores
    scale = report.detail.instrument.scale
    overall = scores.overall
    mean = "\u2014" if overall.mean is None else f"{overall.mean:.2f}"
    return rich(fill(translate(
        "reports", "<b>Overall:</b> %1 of observed behaviors rated %7 (%2 of %3); mean "
        "rating %4. %5 marked no opportunity to observe, %6 not rated."),
        percent(overall.share_proficient), overall.proficient, overall.observed, mean,
        scores.no_opportunity, scores.unrated, proficient_label(scale)))


def _groups(report: ObservationReport) -> list[Flowable]:
    detail = report.detail
    instrument = detail.instrument
    scale = instrument.scale
    story: list[Flowable] = []
    for group in instrument.groups:
        score = detail.scores.by_group[group.id]
        mean = "" if score.mean is None else fill(translate("reports", ", mean %1"),
                                                  f"{score.mean:.2f}")
        title = rich(f"{group.label} <font size='8.5' color='#5b6673'>\u00b7 " + fill(
            translate("reports", "%1 %4 (%2 of %3 observed)"),
            percent(score.share_proficient), score.proficient, score.observed,
            proficient_label(scale))
            + f"{mean}</font>", "subheading")
        data: list[list[object]] = [[translate("reports", "Behavior"),
                                     translate("reports", "Rating"),
                                     translate("reports", "Evidence")]]
        shading = []
        for row, item in enumerate(group.items, start=1):
            rating = detail.ratings.get(item.id)
            value = rating.value if rating else None
            label = translate("reports", "Not rated") if value is None \
                else scale.level(value).label
            data.append([para(item.label, "cell"), para(label, "cell"),
                         para(rating.note if rating else "", "cell")])
            if value is not None and scale.is_scored(value):
                shading.append(("BACKGROUND", (1, row), (1, row),
                                LEVEL_COLOURS[level_tone(scale, value)]))
        table = grid(data, [2.2 * inch, 1.15 * inch, WIDTH - 3.35 * inch], extra=shading)
        story.append(KeepTogether([title, table]))
    return story


def _notes(report: ObservationReport) -> list[Flowable]:
    detail = report.detail
    story: list[Flowable] = [para(translate("reports", "Debrief"), "heading")]
    for label, text in ((translate("reports", "Strengths"), detail.strengths),
                        (translate("reports", "Growth areas"), detail.growth_areas),
                        (translate("reports", "Agreed next steps"), detail.next_steps)):
        story += [para(label, "subheading"), para(text or "\u2014")]
    if report.goals:
        story.append(para(translate("reports", "Goals"), "subheading"))
        data: list[list[object]] = [goal_headings()]
        for goal in report.goals:
            labels = ", ".join(detail.instrument.item(b).label if detail.instrument.has_item(b)
                               else b for b in goal.behavior_ids)
            data.append([para(goal.text, "cell"), para(labels, "cell"),
                         local_date(goal.due_date) if goal.due_date else "\u2014",
                         goal_status(goal.status)])
        story.append(grid(data, [WIDTH - 4.3 * inch, 2.5 * inch, 0.9 * inch, 0.9 * inch]))
    return story


def render(report: ObservationReport, path: Path, *, author: str, paper: Paper = "letter",
           deterministic: bool = False) -> Path:
    """Write the observation record to path."""
    story: list[Flowable] = [*_header(report), gap(8), _scores(report), gap(4)]
    story += _groups(report)
    story += _notes(report)
    story += [gap(18), KeepTogether([para(translate("reports", "Signatures"), "subheading"),
                                     signatures(WIDTH)])]
    meta = ReportMeta(
        title=fill(translate("reports", "Observation record: %1, %2"), report.worker.name,
                   local_date(report.detail.summary.started_at)),
        subject=fill(translate("reports", "%1 observation"), report.detail.instrument.title),
        author=author,
        generated_at=generation_time(deterministic),
        provenance=provenance_line(report.detail.instrument))
    return write_pdf(path, story, meta, paper=paper, deterministic=deterministic)

