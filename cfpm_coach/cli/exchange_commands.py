"""`cfpm-coach device|keys|export|import|bundle`: bundles for the central team, CSV for analysts."""

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from cfpm_coach.cli.context import open_workspace
from cfpm_coach.cli.output import print_json, print_table
from cfpm_coach.errors import CoachError

if TYPE_CHECKING:
    from cfpm_coach.services.bundle_import import Receipt


def register(
    commands: "argparse._SubParsersAction[argparse.ArgumentParser]",
    common: argparse.ArgumentParser,
) -> None:
    """Add the exchange commands."""
    device = commands.add_parser("device", parents=[common], help="this device's identity")
    device_cmds = device.add_subparsers(dest="device_command", required=True, metavar="ACTION")
    p = device_cmds.add_parser("show", parents=[common], help="device id and public key")
    p.set_defaults(handler=device_show)

    team = commands.add_parser("keys", parents=[common], help="the central team's keys")
    team_cmds = team.add_subparsers(dest="keys_command", required=True, metavar="ACTION")
    p = team_cmds.add_parser("new-team-identity", parents=[common],
                             help="write a new age identity and print its public recipient")
    p.add_argument("file", type=Path)
    p.set_defaults(handler=new_team_identity)

    p = commands.add_parser("export", parents=[common],
                            help="a sealed, signed bundle (or --csv DIR for analysts)")
    p.add_argument("--recipient", metavar="AGE_PUBLIC_KEY", help="the central team's age1... key")
    p.add_argument("-o", "--output", type=Path, metavar="DIR", help="folder for the bundle")
    p.add_argument("--full", action="store_true", help="everything, not only what changed")
    p.add_argument("--include-case-refs", action="store_true",
                   help="include case references (left out by default)")
    p.add_argument("--omit-notes", action="store_true",
                   help="leave out evidence notes and other free text (de-identified export)")
    p.add_argument("--csv", type=Path, metavar="DIR", help="write one CSV per table instead")
    p.set_defaults(handler=export)

    p = commands.add_parser("import", parents=[common], help="merge bundles into this store")
    p.add_argument("bundle", type=Path, nargs="+",
                   help="bundle files, imported in the order given (a large export's parts in "
                        "name order)")
    p.add_argument("--identity", type=Path, required=True, help="the team's age identity file")
    p.add_argument("--trust-device", action="append", default=[], metavar="PUBKEY",
                   help="a device public key to accept signatures from (repeatable)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=import_bundle)

    b = commands.add_parser("bundle", parents=[common], help="look inside bundles")
    b_cmds = b.add_subparsers(dest="bundle_command", required=True, metavar="ACTION")
    p = b_cmds.add_parser("inspect", parents=[common],
                          help="manifest, counts and signature, without importing")
    p.add_argument("bundle", type=Path)
    p.add_argument("--identity", type=Path, required=True)
    p.add_argument("--trust-device", action="append", default=[], metavar="PUBKEY")
    p.set_defaults(handler=inspect)
    p = b_cmds.add_parser("schema", parents=[common],
                          help="print the JSON Schema of the bundle format (docs/bundle-schema.json)")
    p.set_defaults(handler=schema)


def device_show(args: argparse.Namespace) -> int:
    """Print the device id, coach id and public key, for enrollment at the hub
    (`hub enroll --device-id ... --device-public-key ...`)."""
    with open_workspace(args) as ws:
        print(f"device id:  {ws.author.device_id}")
        print(f"coach id:   {ws.author.coach_id}")
        print(f"public key: {ws.exchange.device_public_key()}")
    return 0


def new_team_identity(args: argparse.Namespace) -> int:
    """Create the team's age identity (owner-only) and print the public recipient."""
    from cfpm_coach.sync.keys import new_team_identity as create

    print(create(args.file))
    return 0


def export(args: argparse.Namespace) -> int:
    """Write a bundle, or CSV files."""
    with open_workspace(args) as ws:
        if args.csv:
            for path in ws.exchange.export_csv(args.csv):
                print(path)
            return 0
        if not args.recipient or not args.output:
            from cfpm_coach.errors import InvalidInputError

            raise InvalidInputError("export needs --recipient AGE_PUBLIC_KEY and -o DIR "
                                    "(or --csv DIR)")
        result = ws.exchange.export(args.output, args.recipient, full=args.full,
                                    include_case_refs=args.include_case_refs,
                                    omit_notes=args.omit_notes)
    for part in result.parts:  # a large export is several bundles: import them in this order
        print(part.path)
    print_table(["table", "records"], sorted(result.counts.items()))
    return 0


def import_bundle(args: argparse.Namespace) -> int:
    """Import bundles in the order given, printing each receipt; the first refusal stops the
    rest (a later part may need records from the refused one)."""
    receipts = []
    with open_workspace(args) as ws:
        for index, path in enumerate(args.bundle):
            try:
                receipts.append(ws.exchange.import_bundle(path, args.identity, args.trust_device))
            except CoachError as exc:
                if len(args.bundle) > 1:
                    left = [p.name for p in args.bundle[index + 1:]]
                    reason = str(exc).rstrip()
                    reason += "" if reason.endswith((".", "?", "!")) else "."
                    exc.args = (f"{path.name}: {reason}" + (
                        f" Not imported after it: {', '.join(left)}." if left else ""),)
                raise
            if not args.json:
                _print_receipt(receipts[-1])
    if args.json:
        print_json(receipts[0].as_dict() if len(receipts) == 1
                   else [receipt.as_dict() for receipt in receipts])
    return 0


def _print_receipt(receipt: "Receipt") -> None:
    print(f"bundle {receipt.bundle_id}: " + ("already imported, nothing changed"
                                             if receipt.duplicate else "imported"))
    print_table(["table", "inserted", "updated", "unchanged", "conflicts"],
                [[t, c["inserted"], c["updated"], c["unchanged"], c["conflicts"]]
                 for t, c in receipt.tables.items()])


def inspect(args: argparse.Namespace) -> int:
    """Print a bundle's manifest after every check, without importing."""
    with open_workspace(args) as ws:
        opened = ws.exchange.open(args.bundle, args.identity, args.trust_device)
    manifest = opened.manifest
    print(f"bundle {manifest.bundle_id}, format v{manifest.format_version}, "
          f"written {manifest.created_at.isoformat()} by device {manifest.device_id}")
    print("signature: verified against a trusted device key; checksums and records valid")
    print_table(["file", "records", "bytes"],
                [[f.path, f.records, f.bytes] for f in manifest.files.values()])
    return 0


def schema(_args: argparse.Namespace) -> int:
    """Print the bundle format's JSON Schema."""
    import json

    from cfpm_coach.sync.records import json_schema

    print(json.dumps(json_schema(), indent=2, sort_keys=True))
    return 0
