"""Commands on the coaching data: demo, instruments, workers, observations."""

import argparse
import uuid
from pathlib import Path

from cfpm_coach.cli.context import open_workspace
from cfpm_coach.cli.output import percent, print_json, print_table
from cfpm_coach.domain.catalog import load_instrument
from cfpm_coach.domain.vocabulary import ObservationStatus
from cfpm_coach.errors import InvalidInputError
from cfpm_coach.paths import resolve_paths
from cfpm_coach.services import instrument_sheets
from cfpm_coach.services.workspace import load_catalog


def register(
    commands: "argparse._SubParsersAction[argparse.ArgumentParser]",
    common: argparse.ArgumentParser,
) -> None:
    """Add the data commands to the parser."""
    p = commands.add_parser("demo", parents=[common], help="fill the store with sample data")
    p.add_argument("--workers", type=int, default=24)
    p.add_argument("--months", type=int, default=12)
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--append", action="store_true", help="add to a store that already has data")
    p.set_defaults(handler=run_demo)

    inst = commands.add_parser("instruments", parents=[common], help="list or check instruments")
    inst_cmds = inst.add_subparsers(dest="instruments_command", required=True, metavar="ACTION")
    p = inst_cmds.add_parser("list", parents=[common], help="installed instruments")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=instruments_list)
    p = inst_cmds.add_parser("check", parents=[common], help="validate a county's instrument file")
    p.add_argument("file", type=Path)
    p.set_defaults(handler=instruments_check)
    p = inst_cmds.add_parser("import", parents=[common],
                             help="check a spreadsheet (.xlsx or .csv) and install its instrument")
    p.add_argument("file", type=Path)
    p.set_defaults(handler=instruments_import)
    p = inst_cmds.add_parser("export", parents=[common],
                             help="write an instrument as a spreadsheet (.xlsx or .csv)")
    p.add_argument("id")
    p.add_argument("--version", type=int, default=None, help="default: the latest")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    p.set_defaults(handler=instruments_export)
    p = inst_cmds.add_parser("template", parents=[common],
                             help="write the example workbook a county fills in")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    p.set_defaults(handler=instruments_template)

    workers = commands.add_parser("workers", parents=[common], help="list or add workers")
    w_cmds = workers.add_subparsers(dest="workers_command", required=True, metavar="ACTION")
    p = w_cmds.add_parser("list", parents=[common], help="workers with their last observation")
    p.add_argument("--json", action="store_true")
    p.add_argument("--office")
    p.add_argument("--active-only", action="store_true")
    p.set_defaults(handler=workers_list)
    p = w_cmds.add_parser("add", parents=[common], help="add a worker")
    p.add_argument("name")
    for field in ("role", "unit", "office", "county"):
        p.add_argument(f"--{field}", default="")
    p.set_defaults(handler=workers_add)

    obs = commands.add_parser("observations", parents=[common], help="list observations")
    o_cmds = obs.add_subparsers(dest="observations_command", required=True, metavar="ACTION")
    p = o_cmds.add_parser("list", parents=[common], help="observations, newest first")
    p.add_argument("--worker", metavar="ID", help="only this worker's (id from `workers list`)")
    p.add_argument("--status", choices=[s.value for s in ObservationStatus])
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=observations_list)


def run_demo(args: argparse.Namespace) -> int:
    """Fill the store with deterministic sample data."""
    for name in ("workers", "months"):
        if getattr(args, name) < 1:
            raise InvalidInputError(f"--{name} must be at least 1")
    with open_workspace(args) as ws:
        if ws.workers.find() and not args.append:
            raise InvalidInputError(
                f"{ws.paths.data_dir} already holds workers; use --append to add demo data to it, "
                "or --data-dir to choose an empty folder"
            )
        result = ws.demo.generate(workers=args.workers, months=args.months, seed=args.seed)
    print(f"Demo data in {ws.paths.data_dir}: {result.workers} workers, {result.observations} "
          f"observations ({result.drafts} drafts), {result.goals} goals.")
    return 0


def instruments_list(args: argparse.Namespace) -> int:
    """Print the installed instruments."""
    catalog = load_catalog(resolve_paths(args.data_dir))
    rows = [
        {"id": i.id, "version": i.version, "title": i.title, "kind": i.kind,
         "subject": i.subject, "groups": len(i.groups), "behaviors": len(i.items),
         "content_hash": i.content_hash}
        for i in catalog
    ]
    if args.json:
        print_json(rows)
    else:
        print_table(["id", "version", "kind", "subject", "groups", "behaviors", "title"],
                    [[r["id"], r["version"], r["kind"], r["subject"], r["groups"],
                      r["behaviors"], r["title"]] for r in rows])
    return 0


def instruments_check(args: argparse.Namespace) -> int:
    """Validate an instrument file or spreadsheet; errors name the file, line (or cell) and field."""
    if args.file.suffix.lower() in (".xlsx", ".csv"):
        instrument = instrument_sheets.check_sheet(args.file).instrument
    else:
        instrument = load_instrument(args.file)
    print(f"{args.file}: valid. {instrument.id} version {instrument.version}, "
          f"{len(instrument.groups)} groups, {len(instrument.items)} behaviors, "
          f"scale {', '.join(level.label for level in instrument.scale.levels)}.")
    return 0


def instruments_import(args: argparse.Namespace) -> int:
    """Check a spreadsheet and install its instrument in the data folder."""
    installed = instrument_sheets.install_sheet(resolve_paths(args.data_dir), args.file)
    instrument = installed.instrument
    state = "was already installed" + ("" if installed.translation_paths else
                                        "; nothing changed") if installed.unchanged \
        else f"installed as {installed.path}"
    print(f"{args.file}: valid. {instrument.id} version {instrument.version}, "
          f"{len(instrument.groups)} groups, {len(instrument.items)} behaviors, "
          f"scale {', '.join(level.label for level in instrument.scale.levels)}; {state}.")
    for path in installed.translation_paths:
        print(f"Translation written to {path}.")
    return 0


def instruments_export(args: argparse.Namespace) -> int:
    """Write an installed instrument as a spreadsheet."""
    instrument = instrument_sheets.export_sheet(resolve_paths(args.data_dir), args.id,
                                                args.version, args.output)
    print(f"{instrument.id} version {instrument.version} written to {args.output}.")
    return 0


def instruments_template(args: argparse.Namespace) -> int:
    """Write the template workbook."""
    instrument_sheets.write_template(resolve_paths(args.data_dir), args.output)
    print(f"Template written to {args.output}; edit it, then run "
          f"`cfpm-coach instruments import {args.output}`.")
    return 0


def workers_list(args: argparse.Namespace) -> int:
    """Print workers."""
    with open_workspace(args) as ws:
        workers = ws.workers.find(include_inactive=not args.active_only, office=args.office)
    if args.json:
        print_json([
            {"id": w.id, "name": w.name, "role": w.role, "unit": w.unit, "office": w.office,
             "county": w.county, "active": w.active, "observations": w.observation_count,
             "last_observed_at": w.last_observed_at, "element_scores": w.element_scores}
            for w in workers
        ])
        return 0
    print_table(
        ["id", "name", "office", "active", "observations", "last observed"],
        [[w.id, w.name, w.office, "yes" if w.active else "no", w.observation_count,
          w.last_observed_at.date() if w.last_observed_at else ""] for w in workers],
    )
    return 0


def workers_add(args: argparse.Namespace) -> int:
    """Add a worker and print its id."""
    with open_workspace(args) as ws:
        worker = ws.workers.add(args.name, role=args.role, unit=args.unit, office=args.office,
                                county=args.county)
    print(worker.id)
    return 0


def observations_list(args: argparse.Namespace) -> int:
    """Print observations."""
    try:
        worker_id = uuid.UUID(args.worker) if args.worker else None
    except ValueError:
        raise InvalidInputError(f"--worker: {args.worker!r} is not a worker id") from None
    with open_workspace(args) as ws:
        rows = ws.observations.find(worker_id=worker_id, status=args.status)
    if args.json:
        print_json([
            {"id": o.id, "worker_id": o.worker_id, "worker": o.worker_name, "coach": o.coach_name,
             "instrument": o.instrument_id, "instrument_version": o.instrument_version,
             "setting": o.setting, "started_at": o.started_at, "ended_at": o.ended_at,
             "status": o.status, "rated": o.rated, "behaviors": o.total,
             "score": {"observed": o.score.observed, "proficient": o.score.proficient,
                       "share_proficient": o.score.share_proficient, "mean": o.score.mean},
             "elements": {g: s.share_proficient for g, s in o.group_scores.items()}}
            for o in rows
        ])
        return 0
    print_table(
        ["id", "date", "worker", "setting", "instrument", "status", "proficient", "mean"],
        [[o.id, o.started_at.date(), o.worker_name, o.setting, o.instrument_id, o.status,
          percent(o.score.share_proficient),
          "—" if o.score.mean is None else f"{o.score.mean:.2f}"] for o in rows],
    )
    return 0
