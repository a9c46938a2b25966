"""Every report the app makes, in one list that the Reports menu, `cfpm-coach report` and the hub
all read.

A new report is its renderer (a module in reports/), the read model it draws (a method of
ReportService), and one line in REPORTS; the menu item's text and the CLI's options follow from
the line's subject and period.
"""

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from cfpm_coach.errors import InvalidInputError

if TYPE_CHECKING:
    from cfpm_coach.reports.document import Paper
    from cfpm_coach.services.report_data import ReportService

# What a report is about: one observation, one worker, one office (None: every office), one
# leader, or every record there is.
Subject = Literal["observation", "worker", "office", "leader", "everything"]
DEFAULT_PERIOD_DAYS = 365


@dataclass(frozen=True)
class ReportJob:
    """One report to write: its subject, period, paper and file."""

    path: Path
    subject: uuid.UUID | str | None = None
    start: date | None = None
    end: date | None = None
    instrument_id: str | None = None
    paper: "Paper" = "letter"
    author: str | None = None  # None: the coach of this laptop
    deterministic: bool = False

    def period(self) -> tuple[date, date]:
        """The period asked for; by default the year up to today."""
        end = self.end or date.today()
        return self.start or end - timedelta(days=DEFAULT_PERIOD_DAYS), end

    def subject_id(self) -> uuid.UUID:
        """The subject as an observation's or a worker's id."""
        if isinstance(self.subject, uuid.UUID):
            return self.subject
        try:
            return uuid.UUID(str(self.subject).strip())
        except ValueError:
            raise InvalidInputError(f"{self.subject!r} is not an id (see `cfpm-coach workers "
                                    "list` or `cfpm-coach observations list`)") from None


@dataclass(frozen=True)
class ReportKind:
    """A report the app offers, and how it is rendered."""

    id: str
    title: str  # English; the window shows its own translated text for the id
    subject: Subject
    needs_period: bool
    on_hub: bool  # drawn from the whole team's data, so the hub offers it too
    render: Callable[["ReportService", ReportJob], Path]


def _observation(reports: "ReportService", job: ReportJob) -> Path:
    return reports.observation_pdf(job.subject_id(), job.path, paper=job.paper,
                                   deterministic=job.deterministic)


def _worker(reports: "ReportService", job: ReportJob) -> Path:
    start, end = job.period()
    return reports.worker_pdf(job.subject_id(), start, end, job.path,
                              instrument_id=job.instrument_id, paper=job.paper,
                              deterministic=job.deterministic)


def _unit(reports: "ReportService", job: ReportJob) -> Path:
    start, end = job.period()
    office = None if job.subject is None else str(job.subject)
    return reports.unit_pdf(office, start, end, job.path, instrument_id=job.instrument_id,
                            paper=job.paper, deterministic=job.deterministic, author=job.author)


def _agreement(reports: "ReportService", job: ReportJob) -> Path:
    return reports.agreement_pdf(job.path, paper=job.paper, deterministic=job.deterministic,
                                 author=job.author)


def _leadership(reports: "ReportService", job: ReportJob) -> Path:
    return reports.leadership_pdf(job.subject_id(), job.path, paper=job.paper,
                                  deterministic=job.deterministic)


REPORTS: tuple[ReportKind, ...] = (
    ReportKind("worker", "Worker coaching summary", "worker", True, False, _worker),
    ReportKind("observation", "Observation record", "observation", False, False, _observation),
    ReportKind("unit", "Unit summary", "office", True, True, _unit),
    ReportKind("agreement", "Inter-rater agreement", "everything", False, True, _agreement),
    ReportKind("leadership", "Leadership: self vs others", "leader", False, False, _leadership),
)


def report_kind(kind_id: str) -> ReportKind:
    """The report with this id; InvalidInputError naming the ones there are."""
    for kind in REPORTS:
        if kind.id == kind_id:
            return kind
    raise InvalidInputError(f"There is no report {kind_id!r}; the reports are "
                            + ", ".join(k.id for k in REPORTS))


def hub_reports() -> tuple[ReportKind, ...]:
    """The reports the hub offers: those drawn from the whole team's data."""
    return tuple(k for k in REPORTS if k.on_hub)


def render(reports: "ReportService", kind_id: str, job: ReportJob) -> Path:
    """Write one report; the kind's own checks (a known subject, a sane period) apply."""
    return report_kind(kind_id).render(reports, job)
