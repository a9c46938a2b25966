"""`cfpm-coach hub ...`: the central team's hub (init, enroll, devices, revoke, serve, ingest)."""

import argparse
import uuid
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from cfpm_coach.applog import setup_logging
from cfpm_coach.cli import account_commands
from cfpm_coach.cli.output import percent, print_json, print_table
from cfpm_coach.domain.shipped import SHIPPED_PRACTICE
from cfpm_coach.errors import InvalidInputError
from cfpm_coach.services.report_registry import ReportJob, hub_reports

if TYPE_CHECKING:
    from cfpm_coach.hub.service import Hub


def register(
    commands: "argparse._SubParsersAction[argparse.ArgumentParser]",
    common: argparse.ArgumentParser,
) -> None:
    """Add the hub commands."""
    hub = commands.add_parser("hub", parents=[common], help="the central team's hub")
    cmds = hub.add_subparsers(dest="hub_command", required=True, metavar="ACTION")

    p = cmds.add_parser("init", parents=[common], help="create a hub's store and team identity")
    p.add_argument("--database-url", metavar="URL",
                   help="postgresql+psycopg://user@host/db (default: SQLite in --data-dir)")
    p.add_argument("--identity", type=Path, metavar="FILE",
                   help="an existing age identity of the team (default: a new one)")
    p.add_argument("--max-bundle-mb", type=int, metavar="MB", help="upload limit (default 64)")
    p.add_argument("--admin", metavar="EMAIL",
                   help="create the first dashboard account, an admin for the whole hub")
    account_commands.add_password_options(p)
    p.set_defaults(handler=init)

    p = cmds.add_parser("enroll", parents=[common], help="register a laptop; prints its token")
    p.add_argument("--device-public-key", required=True, metavar="KEY",
                   help="from `cfpm-coach device show` on the laptop")
    p.add_argument("--device-id", required=True, type=_uuid, metavar="ID",
                   help="the laptop's device id, from `cfpm-coach device show`: the only device "
                        "its bundles may name")
    p.add_argument("--coach", required=True, metavar="NAME")
    p.add_argument("--reenroll", action="store_true",
                   help="enroll a revoked key (or a laptop whose old key was revoked) again; "
                        "a new token is issued")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=enroll)

    p = cmds.add_parser("invite", parents=[common],
                        help="a one-time code (with a link and a QR code) a laptop joins with")
    p.add_argument("--coach", required=True, metavar="NAME")
    p.add_argument("--office", metavar="OFFICE")
    p.add_argument("--expires-in", default="7d", metavar="TIME",
                   help="how long the code works: 7d (default), 36h, 90m; at most 90d")
    p.add_argument("--hub-url", metavar="URL",
                   help="the hub's address as laptops reach it (https://...): put in the link")
    p.add_argument("--qr", type=Path, metavar="FILE",
                   help="also write the link's QR code to FILE (.png or .svg)")
    p.add_argument("--folder", metavar="DIR",
                   help="the shared folder laptops deliver to, as laptops see it: write an "
                        "invitation file for the folder route (see docs/security.md)")
    p.add_argument("--invitation-file", type=Path, metavar="FILE",
                   help="where --folder writes the invitation file (default: "
                        "./invitation-ID.cfpm-invitation); hand it to the coach, not the folder")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=invite)

    p = cmds.add_parser("invitations", parents=[common], help="list invitations (never codes)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=list_invitations)

    p = cmds.add_parser("devices", parents=[common], help="list enrolled devices")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=devices)

    p = cmds.add_parser("revoke", parents=[common], help="stop a device's uploads")
    p.add_argument("device", metavar="DEVICE_ID")
    p.set_defaults(handler=revoke)

    p = cmds.add_parser("team-token", parents=[common],
                        help="a new team token for the fidelity API (the old one stops)")
    p.set_defaults(handler=team_token)

    p = cmds.add_parser("serve", parents=[common], help="run the hub's HTTP API")
    p.add_argument("--host", default="127.0.0.1", help="address (default: loopback only)")
    p.add_argument("--port", type=int, default=8765)
    p.add_argument("--workers", type=int, default=1, metavar="N",
                   help="server processes sharing the port and the database (default 1)")
    p.add_argument("--header-timeout", type=float, default=10.0, metavar="S",
                   help="drop a connection whose request head is not complete after S seconds")
    p.add_argument("--body-timeout", type=float, default=30.0, metavar="S",
                   help="drop a request whose body stops for S seconds")
    p.add_argument("--max-connections", type=int, default=2048, metavar="N",
                   help="open connections per process; past it the longest idle one is dropped")
    p.set_defaults(handler=serve)

    p = cmds.add_parser("ingest-folder", parents=[common],
                        help="import the bundles laptops copied into a shared folder")
    p.add_argument("folder", type=Path)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=ingest_folder)

    p = cmds.add_parser("fidelity", parents=[common], help="fidelity over every coach")
    p.add_argument("--by", default="office,element,month")
    p.add_argument("--instrument", default=SHIPPED_PRACTICE)
    p.add_argument("--csv", action="store_true")
    p.set_defaults(handler=fidelity)

    p = cmds.add_parser("report", parents=[common],
                        help="a report over every coach as PDF (default: the unit summary)")
    p.add_argument("kind", nargs="?", default="unit", metavar="KIND",
                   choices=[k.id for k in hub_reports()],
                   help=", ".join(f"{k.id}: {k.title.lower()}" for k in hub_reports()))
    p.add_argument("-o", "--output", type=Path, required=True)
    p.add_argument("--office", help="one office only (unit)")
    p.add_argument("--start", type=date.fromisoformat, help="YYYY-MM-DD (default: a year ago)")
    p.add_argument("--end", type=date.fromisoformat, help="YYYY-MM-DD (default: today)")
    p.set_defaults(handler=report)

    p = cmds.add_parser("agreement", parents=[common],
                        help="inter-rater agreement PDF (the same as `hub report agreement`)")
    p.add_argument("-o", "--output", type=Path, required=True)
    p.set_defaults(handler=report, kind="agreement", office=None, start=None, end=None)

    p = cmds.add_parser("status", parents=[common], help="schema, devices and record counts")
    p.set_defaults(handler=status)

    account_commands.register(cmds, common)


def _uuid(text: str) -> uuid.UUID:
    try:
        return uuid.UUID(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a device id (a UUID, as "
                                         "`cfpm-coach device show` prints it)") from None


def _folder(args: argparse.Namespace) -> Path:
    if not args.data_dir:
        raise InvalidInputError("give the hub's folder with --data-dir DIR")
    folder = Path(args.data_dir).expanduser()
    setup_logging(folder / "logs", verbose=getattr(args, "verbose", False))
    return folder


def _open(args: argparse.Namespace) -> "Hub":
    from cfpm_coach.hub.service import Hub

    return Hub.open(_folder(args))


open_hub = _open


def init(args: argparse.Namespace) -> int:
    """Create the hub; print the team's public key and team token once."""
    from cfpm_coach.hub.service import Hub

    limit = args.max_bundle_mb * 1024 * 1024 if args.max_bundle_mb else None
    password = None
    if args.admin:
        from cfpm_coach.hub.accounts import check_password, normal_email

        normal_email(args.admin)  # refused before anything is created
        password = check_password(account_commands.read_password(args))
    hub, recipient, token = Hub.init(_folder(args), args.database_url, args.identity, limit)
    with hub:
        if args.admin and password is not None:
            account_commands.create_admin(hub, args.admin, password)
        print(f"Hub created in {hub.config.data_dir} ({hub.store.describe()})")
        print(f"Team public key (laptops seal bundles to it): {recipient}")
        print(f"Team token for the fidelity API (deprecated: give scripts personal tokens, "
              f"`hub user token`; shown once, keep it safe): {token}")
    return 0


def enroll(args: argparse.Namespace) -> int:
    """Register a device and print its one-time token."""
    with _open(args) as hub:
        enrollment = hub.enroll(args.device_public_key, args.coach, args.device_id,
                                reenroll=args.reenroll)
    if args.json:
        print_json({"device_id": enrollment.device.id, "token": enrollment.token,
                    "laptop_device_id": enrollment.device.laptop_device_id})
    else:
        print(f"Enrolled device {enrollment.device.id} (laptop "
              f"{enrollment.device.laptop_device_id}) for {enrollment.device.coach_name}.")
        print(f"Token (shown once; enter it in the laptop's sync settings): {enrollment.token}")
    return 0


def invite(args: argparse.Namespace) -> int:
    """Create an invitation and show its code, link and QR code once."""
    from cfpm_coach.hub import invitations

    lifetime = invitations.parse_lifetime(args.expires_in)
    if args.qr and args.qr.suffix.lower() not in (".png", ".svg"):
        raise InvalidInputError(f"--qr: {args.qr.name} should end in .png or .svg")
    with _open(args) as hub:
        invitation = invitations.create(hub, args.coach, office=args.office, lifetime=lifetime,
                                        hub_url=args.hub_url)
        folder_file = (invitations.write_folder_invitation(hub, invitation, args.folder,
                                                           args.invitation_file)
                       if args.folder else None)
    if args.qr and invitation.link:
        invitations.save_qr(invitation.link, args.qr)
    if args.json:
        print_json({"invitation_id": invitation.id, "code": invitation.display_code,
                    "link": invitation.link, "web_link": invitation.web_link,
                    "coach": invitation.coach_name, "expires_at": invitation.expires_at,
                    "folder_file": folder_file})
        return 0
    print(f"Invitation for {invitation.coach_name} (works once, until "
          f"{invitation.expires_at:%Y-%m-%d %H:%M} UTC).")
    print(f"Code (shown once): {invitation.display_code}")
    if invitation.link:
        print(f"Link: {invitation.link}")
        print(f"Web link: {invitation.web_link}")
        print(invitations.qr_text(invitation.link), end="")
        if args.qr:
            print(f"QR code written to {args.qr}")
    else:
        print("No --hub-url given: the coach types the hub's address beside the code.")
    if folder_file:
        print(f"Folder invitation written to {folder_file}: give it to {invitation.coach_name} "
              "privately (it holds the code); the laptop reads it with Join your team or "
              "`cfpm-coach join --file`.")
    print("On the laptop: Sync settings > Join your team, or "
          "`cfpm-coach join CODE --hub URL`.")
    return 0


def list_invitations(args: argparse.Namespace) -> int:
    """List invitations and what became of them."""
    from cfpm_coach.hub import invitations

    with _open(args) as hub:
        found = invitations.listing(hub)
    if args.json:
        print_json([vars(i) for i in found])
        return 0
    print_table(["invitation", "coach", "office", "created", "expires", "state", "device"],
                [[i.id, i.coach_name, i.office or "", i.created_at.strftime("%Y-%m-%d %H:%M"),
                  i.expires_at.strftime("%Y-%m-%d %H:%M"), i.state, i.hub_device_id or ""]
                 for i in found])
    return 0


def devices(args: argparse.Namespace) -> int:
    """List enrolled devices."""
    with _open(args) as hub:
        found = hub.devices()
    if args.json:
        print_json([vars(d) for d in found])
        return 0
    print_table(["device", "laptop", "coach", "enrolled", "last seen", "bundles", "state"],
                [[d.id, d.laptop_device_id or "bound by its next bundle", d.coach_name,
                  d.enrolled_at.date(),
                  d.last_seen_at.strftime("%Y-%m-%d %H:%M") if d.last_seen_at else "never",
                  d.bundles, "revoked" if d.revoked_at else "active"] for d in found])
    return 0


def revoke(args: argparse.Namespace) -> int:
    """Revoke a device."""
    with _open(args) as hub:
        device = hub.revoke(args.device)
    print(f"Revoked device {device.id} ({device.coach_name}); its uploads are refused from now on.")
    return 0


def team_token(args: argparse.Namespace) -> int:
    """Rotate the team token."""
    with _open(args) as hub:
        print(f"New team token (shown once): {hub.rotate_team_token()}")
    return 0


def serve(args: argparse.Namespace) -> int:
    """Serve the API until interrupted."""
    try:
        from cfpm_coach.hub.api import create_app
        from cfpm_coach.hub.serving import ServeLimits, run
    except ImportError as exc:  # the desktop packages leave the server out
        raise InvalidInputError(
            "This build of CFPM Coach has no hub server; install it with "
            "`pip install 'cfpm-coach[hub]'` to serve the hub") from exc
    if not 1 <= args.workers <= 64:
        raise InvalidInputError("--workers: give a number of processes from 1 to 64")
    if args.header_timeout <= 0 or args.body_timeout <= 0 or args.max_connections < 1:
        raise InvalidInputError("--header-timeout, --body-timeout and --max-connections must be "
                                "above zero")
    limits = ServeLimits(header_timeout=args.header_timeout, body_timeout=args.body_timeout,
                         max_connections=args.max_connections)
    # Opened here first in every case: the schema is migrated once, before any worker starts.
    with _open(args) as hub:
        processes = f", {args.workers} processes" if args.workers > 1 else ""
        print(f"CFPM Coach hub on http://{args.host}:{args.port} ({hub.store.describe()}"
              f"{processes})", flush=True)
        if args.workers > 1 and hub.store.is_sqlite:
            print("On SQLite writes go one at a time whatever the number of processes; more "
                  "than one only adds waiting for the file's lock (see the README).", flush=True)
        if args.workers == 1:
            run(create_app(hub), hub.config.data_dir, args.host, args.port, 1, limits)
            return 0
        folder = hub.config.data_dir
    run(None, folder, args.host, args.port, args.workers, limits)
    return 0


def ingest_folder(args: argparse.Namespace) -> int:
    """Import what laptops left in a shared folder."""
    from cfpm_coach.hub.folder_join import ingest_join_requests

    with _open(args) as hub:
        # Join requests first: a laptop that joined through the folder has its bundles taken
        # in the same run.
        results = ingest_join_requests(hub, args.folder) + hub.ingest_folder(args.folder)
    if args.json:
        print_json([vars(r) for r in results])
    else:
        for result in results:
            if result.error:
                print(f"refused  {result.name}: {result.error}")
            elif (result.receipt or {}).get("status") == "joined":
                print(f"joined   {result.name}: {(result.receipt or {}).get('coach')}'s laptop enrolled")
            else:
                print(f"imported {result.name}")
        joined = sum(1 for r in results if (r.receipt or {}).get("status") == "joined")
        if joined:
            print(f"{joined} laptops joined")
        print(f"{sum(1 for r in results if not r.error) - joined} imported, "
              f"{sum(1 for r in results if r.error)} refused")
    return 1 if any(r.error for r in results) else 0


def fidelity(args: argparse.Namespace) -> int:
    """Print fidelity grouped as asked."""
    with _open(args) as hub:
        table = hub.fidelity(args.by, args.instrument)
    if args.csv:
        print(table.as_csv(), end="")
        return 0
    print_table([*table.by, "observations", "ratings", "proficient"],
                [[*row.key, row.observations, row.observed, percent(row.share_proficient)]
                 for row in table.rows])
    return 0


def report(args: argparse.Namespace) -> int:
    """Write one of the hub's reports as PDF."""
    job = ReportJob(args.output, args.office, args.start, args.end)
    with _open(args) as hub:
        print(hub.report(args.kind, job))
    return 0


def status(args: argparse.Namespace) -> int:
    """Print what the hub holds."""
    with _open(args) as hub:
        print_json({"database": hub.store.describe(), **hub.status()})
    return 0
