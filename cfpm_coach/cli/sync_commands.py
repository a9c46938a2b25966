"""`cfpm-coach sync [status|setup]`: deliver what changed to the hub or shared folder."""

import argparse
import dataclasses
from pathlib import Path

from cfpm_coach.cli.context import open_workspace
from cfpm_coach.cli.output import print_json


def register(
    commands: "argparse._SubParsersAction[argparse.ArgumentParser]",
    common: argparse.ArgumentParser,
) -> None:
    """Add the sync commands."""
    sync = commands.add_parser("sync", parents=[common],
                               help="send what changed to the hub (or shared folder) now")
    sync.add_argument("--json", action="store_true", help="print the receipts as JSON")
    sync.set_defaults(handler=run)
    actions = sync.add_subparsers(dest="sync_command", metavar="ACTION")
    p = actions.add_parser("status", parents=[common], help="what is waiting, last receipt")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=status)
    p = actions.add_parser("setup", parents=[common], help="where bundles go")
    p.add_argument("--hub-url", metavar="URL", help="https://hub.example.org")
    p.add_argument("--token", help="the enrollment token from `cfpm-coach hub enroll`")
    p.add_argument("--folder", metavar="DIR", help="a shared folder instead of a hub")
    p.add_argument("--team-key", metavar="AGE_PUBLIC_KEY", help="the central team's age1... key")
    p.add_argument("--automatic", action=argparse.BooleanOptionalAction, default=None,
                   help="sync by itself when online (the app)")
    p.set_defaults(handler=setup)
    join_parser = commands.add_parser(
        "join", parents=[common], help="join the team's hub with an invitation code or link")
    join_parser.add_argument("invitation", nargs="*", metavar="CODE_OR_LINK",
                             help="the code (ABCD-EFGH-JK12) or link the central team sent; "
                                  "blanks and line breaks are ignored")
    join_parser.add_argument("--hub", default="", metavar="URL",
                             help="the hub's address (not needed when a link names it)")
    join_parser.add_argument("--file", type=Path, metavar="FILE",
                             help="an invitation file for the shared-folder route, instead "
                                  "of a code")
    join_parser.add_argument("--folder", default="", metavar="DIR",
                             help="the shared folder, when it is not where the file says")
    join_parser.set_defaults(handler=join)


def run(args: argparse.Namespace) -> int:
    """One sync; prints each receipt and exits 1 when something was left undelivered."""
    with open_workspace(args) as ws:
        report = ws.sync.sync_now()
        waiting = ws.sync.status().waiting_bundles
    if args.json:
        print_json({"sent": report.sent, "rejected": report.rejected, "error": report.error,
                    "awaiting_receipt": report.awaiting_receipt, "waiting": waiting})
    else:
        for receipt in report.sent:
            tables = receipt.get("tables", {})
            changed = sum(c.get("inserted", 0) + c.get("updated", 0) for c in tables.values())
            print(f"sent {receipt.get('bundle_id', '')}: {changed} records new or updated"
                  if tables else f"sent to {receipt.get('path', '')}")
        for name, reason in report.rejected:
            print(f"refused {name}: {reason}")
        for name in report.awaiting_receipt:
            print(f"in the shared folder, waiting for the hub's receipt: {name}")
        if not report.sent and not report.rejected and not report.awaiting_receipt and \
                report.error is None:
            print("Nothing to send: everything is delivered.")
        if report.error:
            print(f"Not delivered: {report.error}")
    return 0 if report.ok and not report.rejected else 1


def status(args: argparse.Namespace) -> int:
    """Print the sync status."""
    with open_workspace(args) as ws:
        current = ws.sync.status()
    if args.json:
        data = dataclasses.asdict(current)
        data["rejected"] = [{"file": e.path.name, **(e.note or {})} for e in current.rejected]
        print_json(data)
        return 0
    print(f"Destination: {current.destination or 'not set up'} ({current.mode or '-'})")
    print(f"Waiting:     {current.waiting_bundles} bundles, {current.unsent_changes} changed "
          "records not bundled yet")
    print(f"Last sent:   {current.last_sent_at or 'never'}")
    if current.last_error:
        print(f"Last error:  {current.last_error}")
    for entry in current.rejected:
        print(f"Refused:     {entry.path.name}: {(entry.note or {}).get('reason', '')}")
    return 0


def setup(args: argparse.Namespace) -> int:
    """Change the sync settings given; the others stay."""
    with open_workspace(args) as ws:
        current = ws.sync.settings()
        changes = {k: v for k, v in {
            "hub_url": args.hub_url, "token": args.token, "folder": args.folder,
            "recipient": args.team_key, "automatic": args.automatic}.items() if v is not None}
        saved = ws.sync.save_settings(dataclasses.replace(current, **changes))
    print(f"Sync goes to {saved.hub_url or saved.folder or 'nowhere yet'} "
          f"({saved.mode or 'not complete: give --team-key and a hub or folder'})")
    return 0


def join(args: argparse.Namespace) -> int:
    """Join the hub: this laptop's public key goes with the code; the token and team key come
    back and are saved as the sync settings."""
    from cfpm_coach.errors import InvalidInputError

    if bool(args.file) == bool(args.invitation):
        raise InvalidInputError("join: give the invitation code or link, or --file FILE")
    with open_workspace(args) as ws:
        if args.file:
            result = ws.joining.join_by_file(args.file, args.folder)
            print(f"Sync now goes to the shared folder {result.destination}, sealed with the team's "
                  f"key. A join request for {result.coach_name}'s laptop is in the folder; "
                  "the hub enrolls this laptop when it next takes the folder's files.")
            return 0
        result = ws.joining.join_team(" ".join(args.invitation), args.hub)
    print(f"Joined the team's hub at {result.destination} as {result.coach_name}'s laptop "
          f"(device {result.hub_device_id}). Sync now sends your records there; run "
          "`cfpm-coach sync` to send them now.")
    return 0
