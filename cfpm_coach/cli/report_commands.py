"""`cfpm-coach report ...`: the coaching summaries as PDF."""

import argparse
import uuid
from datetime import date, timedelta
from pathlib import Path

from cfpm_coach.cli.context import open_workspace
from cfpm_coach.errors import InvalidInputError


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


def register(
    commands: "argparse._SubParsersAction[argparse.ArgumentParser]",
    common: argparse.ArgumentParser,
) -> None:
    """Add the report commands."""
    report = commands.add_parser("report", parents=[common], help="coaching summaries as PDF")
    kinds = report.add_subparsers(dest="report_kind", required=True, metavar="KIND")
    shared = argparse.ArgumentParser(add_help=False)
    shared.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.pdf")
    shared.add_argument("--paper", choices=("letter", "a4"), default="letter")
    period = argparse.ArgumentParser(add_help=False)
    period.add_argument("--from", dest="start", type=_date, help="first day (default: a year ago)")
    period.add_argument("--to", dest="end", type=_date, help="last day (default: today)")
    period.add_argument("--instrument", help="instrument id (default: the one used most)")

    p = kinds.add_parser("observation", parents=[common, shared], help="one observation record")
    p.add_argument("observation_id", metavar="ID")
    p.set_defaults(handler=observation)
    p = kinds.add_parser("worker", parents=[common, shared, period],
                         help="a worker's coaching summary for a period")
    p.add_argument("worker_id", metavar="WORKER")
    p.set_defaults(handler=worker)
    p = kinds.add_parser("unit", parents=[common, shared, period],
                         help="an office's unit summary for a period")
    p.add_argument("office")
    p.set_defaults(handler=unit)


def _period(args: argparse.Namespace) -> tuple[date, date]:
    end = args.end or date.today()
    return args.start or end - timedelta(days=365), end


def observation(args: argparse.Namespace) -> int:
    """Write an observation record."""
    observation_id = _uuid(args.observation_id, "observation")
    with open_workspace(args) as ws:
        path = ws.reports.observation_pdf(observation_id, args.output, paper=args.paper)
    print(path)
    return 0


def worker(args: argparse.Namespace) -> int:
    """Write a worker coaching summary."""
    worker_id = _uuid(args.worker_id, "worker")
    start, end = _period(args)
    with open_workspace(args) as ws:
        path = ws.reports.worker_pdf(worker_id, start, end, args.output,
                                     instrument_id=args.instrument, paper=args.paper)
    print(path)
    return 0


def unit(args: argparse.Namespace) -> int:
    """Write a unit summary."""
    start, end = _period(args)
    with open_workspace(args) as ws:
        path = ws.reports.unit_pdf(args.office, start, end, args.output,
                                   instrument_id=args.instrument, paper=args.paper)
    print(path)
    return 0
