"""Logging to a rotating file in the data folder. Messages carry ids, never names or notes."""

import logging
import logging.handlers
import os
import traceback
from io import TextIOWrapper
from pathlib import Path
from types import TracebackType
from typing import Any

from cfpm_coach.storage import files

_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
LOG_NAME = "cfpm-coach.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5


def describe_exception(kind: type[BaseException], error: BaseException | None,
                       tb: TracebackType | None) -> str:
    """A traceback with every exception's type and frames but not its message.

    Messages can quote what was typed (a name in a constraint error's parameters, a note in a
    validation error), so the log keeps only where it happened and what kind of error it was.
    """
    lines: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = error
    current_kind: type[BaseException] = kind
    current_tb = tb
    while True:
        frames = traceback.extract_tb(current_tb)
        lines += [f'  File "{f.filename}", line {f.lineno}, in {f.name}' for f in frames]
        lines.append(f"{current_kind.__module__}.{current_kind.__qualname__} (message not logged)")
        if current is None:
            break
        seen.add(id(current))
        cause = current.__cause__ or (None if current.__suppress_context__ else current.__context__)
        if cause is None or id(cause) in seen:
            break
        lines.append("  caused by:")
        current, current_kind, current_tb = cause, type(cause), cause.__traceback__
    return "\n".join(lines)


class _IdsOnlyFormatter(logging.Formatter):
    """Formats a logged exception without its message (see describe_exception)."""

    def formatException(self, ei: Any) -> str:  # noqa: N802  (logging's name)
        kind, error, tb = ei
        return describe_exception(kind, error, tb)


class _OwnerOnlyRotatingHandler(logging.handlers.RotatingFileHandler):
    """Every log file, the first and each one after a rollover, is created owner-only."""

    def _open(self) -> TextIOWrapper:
        # Created owner-only before logging opens it: never readable by others, not even empty.
        os.close(os.open(self.baseFilename, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600))
        os.chmod(self.baseFilename, 0o600)  # a file left by an older version
        return super()._open()


def setup_logging(log_dir: Path, *, verbose: bool = False) -> Path:
    """Send the app's log records to log_dir/cfpm-coach.log (rotating, owner-only)."""
    files.private_dir(log_dir).chmod(files.PRIVATE_DIR)
    path = log_dir / LOG_NAME
    root = logging.getLogger("cfpm_coach")
    stop_logging()
    handler = _OwnerOnlyRotatingHandler(
        path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8"
    )
    handler.setFormatter(_IdsOnlyFormatter(_FORMAT))
    root.addHandler(handler)
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    return path


def stop_logging() -> None:
    """Close the log file (before its folder goes away, or to log elsewhere)."""
    root = logging.getLogger("cfpm_coach")
    for handler in list(root.handlers):
        if isinstance(handler, _OwnerOnlyRotatingHandler):
            root.removeHandler(handler)
            handler.close()
