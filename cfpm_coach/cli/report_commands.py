"""`cfpm-coach report ...`: the coaching summaries as PDF."""

import argparse
import uuid
from datetime import date
from pathlib import Path

from cfpm_coach.cli.context import open_workspace
from cfpm_coach.errors import InvalidInputError
from cfpm_coach.services.report_registry import REPORTS, ReportJob, render, report_kind


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def _uuid(text: str, what: str) -> uuid.UUID:
    try:
        return uuid.UUID(text)
    except ValueError:
        raise InvalidInputError(f"{text!r} is not {what} id (see `cfpm-coach {what}s list`)"
                                ) from None


# The positional argument each kind of subject takes: its metavar, and what it is the id of
# ("": a name, not an id).
_SUBJECT_ARGUMENTS: dict[str, tuple[str, str]] = {
    "observation": ("ID", "observation"),
    "worker": ("WORKER", "worker"),
    "leader": ("LEADER", "worker"),
    "office": ("OFFICE", ""),
}


def register(
    commands: "argparse._SubParsersAction[argparse.ArgumentParser]",
    common: argparse.ArgumentParser,
) -> None:
    """Add `report KIND`, one KIND for each report in the registry."""
    report = commands.add_parser("report", parents=[common], help="coaching summaries as PDF")
    kinds = report.add_subparsers(dest="report_kind", required=True, metavar="KIND")
    shared = argparse.ArgumentParser(add_help=False)
    shared.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.pdf")
    shared.add_argument("--paper", choices=("letter", "a4"), default="letter")
    period = argparse.ArgumentParser(add_help=False)
    period.add_argument("--from", dest="start", type=_date, help="first day (default: a year ago)")
    period.add_argument("--to", dest="end", type=_date, help="last day (default: today)")
    period.add_argument("--instrument", help="instrument id (default: the one used most)")

    for kind in REPORTS:
        parents = [common, shared, *([period] if kind.needs_period else [])]
        p = kinds.add_parser(kind.id, parents=parents, help=kind.title[:1].lower() + kind.title[1:])
        if kind.subject in _SUBJECT_ARGUMENTS:
            p.add_argument("subject", metavar=_SUBJECT_ARGUMENTS[kind.subject][0])
        p.set_defaults(handler=write_report)


def write_report(args: argparse.Namespace) -> int:
    """Write the report the KIND names."""
    kind = report_kind(args.report_kind)
    subject: uuid.UUID | str | None = getattr(args, "subject", None)
    what = _SUBJECT_ARGUMENTS.get(kind.subject, ("", ""))[1]
    if what and subject is not None:
        subject = _uuid(str(subject), what)
    job = ReportJob(args.output, subject, getattr(args, "start", None),
                    getattr(args, "end", None), getattr(args, "instrument", None),
                    "a4" if args.paper == "a4" else "letter")
    with open_workspace(args) as ws:
        path = render(ws.reports, kind.id, job)
    print(path)
    return 0
