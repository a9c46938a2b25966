"""The `cfpm-coach` command: launches the app, and subcommands for scripts and administrators."""

import argparse
import sys
from collections.abc import Sequence

from cfpm_coach import __version__, collector

with collector.loading_modules():  # the whole back end loads here (SQLAlchemy, pydantic, ...)
    from cfpm_coach.cli import (
        app_launch,
        data_commands,
        exchange_commands,
        hub_commands,
        recovery_commands,
        report_commands,
        self_test,
        store_commands,
        sync_commands,
    )
    from cfpm_coach.cli.output import fail
    from cfpm_coach.errors import CoachError, DamagedStoreError


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every command."""
    data_dir_help = "data folder (default: the per-user data folder)"
    # Subcommands accept --data-dir too; SUPPRESS keeps their default from hiding the global one.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", metavar="DIR", default=argparse.SUPPRESS, help=data_dir_help)
    parser = argparse.ArgumentParser(
        prog="cfpm-coach",
        description="Field coaching for California's Child and Family Practice Model.",
    )
    parser.add_argument("--data-dir", metavar="DIR", default=None, help=data_dir_help)
    parser.add_argument("--version", action="version", version=f"cfpm-coach {__version__}")
    app_launch.add_options(parser)
    self_test.add_options(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    data_commands.register(commands, common)
    store_commands.register(commands, common)
    store_commands.register_passphrase(commands, common)
    recovery_commands.register(commands, common)
    report_commands.register(commands, common)
    exchange_commands.register(commands, common)
    hub_commands.register(commands, common)
    sync_commands.register(commands, common)
    app_launch.register(commands, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the process exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None) or (
        self_test.run if args.self_test else app_launch.launch)
    try:
        return int(handler(args) or 0)
    except DamagedStoreError as exc:
        return fail(recovery_commands.damaged_message(exc))
    except CoachError as exc:
        return fail(str(exc))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`| head`): stop quietly, as other command-line tools do.
        sys.stdout = None
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
