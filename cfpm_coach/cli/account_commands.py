"""`cfpm-coach hub user ...` and `hub init --admin`: the people who sign in to the dashboard.

Passwords never come from the command line (argv shows in `ps` and shell history): from the
CFPM_HUB_PASSWORD environment variable, one line on standard input (--password-stdin), or a
prompt.
"""

import argparse
import getpass
import os
import sys
from typing import TYPE_CHECKING

from cfpm_coach.cli.output import print_json, print_table
from cfpm_coach.errors import InvalidInputError

if TYPE_CHECKING:
    from cfpm_coach.hub.service import Hub

PASSWORD_ENV = "CFPM_HUB_PASSWORD"


def add_password_options(parser: argparse.ArgumentParser) -> None:
    """--password-stdin (else CFPM_HUB_PASSWORD, else a prompt)."""
    parser.add_argument("--password-stdin", action="store_true",
                        help=f"read the password as one line on standard input (else "
                             f"${PASSWORD_ENV}, else a prompt)")


def read_password(args: argparse.Namespace) -> str:
    """The new account's password, from stdin, the environment or a prompt (asked twice)."""
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    if os.environ.get(PASSWORD_ENV):
        return os.environ[PASSWORD_ENV]
    if not sys.stdin.isatty():
        raise InvalidInputError(f"password: give it with --password-stdin or ${PASSWORD_ENV} "
                                "(there is no terminal to ask on)")
    first = getpass.getpass("Password for the new account: ")
    if getpass.getpass("Same password again: ") != first:
        raise InvalidInputError("password: the two passwords differ; nothing was created")
    return first


def register(cmds: "argparse._SubParsersAction[argparse.ArgumentParser]",
             common: argparse.ArgumentParser) -> None:
    """Add `hub user ...`."""
    user = cmds.add_parser("user", parents=[common], help="dashboard accounts")
    actions = user.add_subparsers(dest="user_command", required=True, metavar="ACTION")

    p = actions.add_parser("add", parents=[common], help="add an account")
    p.add_argument("email")
    p.add_argument("--role", required=True, choices=["admin", "analyst", "supervisor"])
    p.add_argument("--scope", default="hub", metavar="SCOPE",
                   help="hub (default), county:NAME or office:NAME: what the account sees")
    add_password_options(p)
    p.set_defaults(handler=add_user)

    p = actions.add_parser("list", parents=[common], help="list accounts")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=list_users)

    p = actions.add_parser("disable", parents=[common],
                           help="stop an account (its sessions end, its tokens stop)")
    p.add_argument("email")
    p.set_defaults(handler=disable_user)

    p = actions.add_parser("token", parents=[common],
                           help="a personal API token for scripts (shown once)")
    p.add_argument("email")
    p.add_argument("--label", default="", help="what the token is for")
    p.set_defaults(handler=new_token)


def create_admin(hub: "Hub", email: str, password: str) -> None:
    """The first admin, for the whole hub (`hub init --admin`)."""
    from cfpm_coach.hub.accounts import Accounts, Scope

    account = Accounts(hub.store).add(email, password, "admin", Scope("hub"))
    print(f"Admin account {account.email} created; sign in at the hub's address.")


def _open(args: argparse.Namespace) -> "Hub":
    from cfpm_coach.cli.hub_commands import open_hub

    return open_hub(args)


def add_user(args: argparse.Namespace) -> int:
    """Add an account."""
    from cfpm_coach.hub.accounts import Accounts, Scope

    scope = Scope.parse(args.scope)
    password = read_password(args)
    with _open(args) as hub:
        account = Accounts(hub.store).add(args.email, password, args.role, scope)
    print(f"Account {account.email} added: {account.role}, {account.scope}.")
    return 0


def list_users(args: argparse.Namespace) -> int:
    """List accounts (never their passwords)."""
    from cfpm_coach.hub.accounts import Accounts

    with _open(args) as hub:
        found = Accounts(hub.store).list()
    if args.json:
        print_json([{"id": a.id, "email": a.email, "role": a.role, "scope": str(a.scope),
                     "created_at": a.created_at, "disabled_at": a.disabled_at} for a in found])
        return 0
    print_table(["email", "role", "scope", "created", "state"],
                [[a.email, a.role, a.scope, a.created_at.date(),
                  "disabled" if a.disabled_at else "active"] for a in found])
    return 0


def disable_user(args: argparse.Namespace) -> int:
    """Disable an account."""
    from cfpm_coach.hub.accounts import Accounts

    with _open(args) as hub:
        account = Accounts(hub.store).disable(args.email)
    print(f"Account {account.email} disabled; its sessions and tokens stop now.")
    return 0


def new_token(args: argparse.Namespace) -> int:
    """Print a new personal API token once."""
    from cfpm_coach.hub.accounts import Accounts

    with _open(args) as hub:
        token = Accounts(hub.store).new_token(args.email, args.label)
    print(f"Personal API token for {args.email} (shown once; send it as "
          f"Authorization: Bearer ...): {token}")
    return 0
