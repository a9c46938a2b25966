"""Logging to a rotating file in the data folder. Messages carry ids, never names or notes."""

import logging
import logging.handlers
from pathlib import Path

_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def setup_logging(log_dir: Path, *, verbose: bool = False) -> Path:
    """Send the app's log records to log_dir/cfpm-coach.log (rotating, owner-only)."""
    log_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = log_dir / "cfpm-coach.log"
    root = logging.getLogger("cfpm_coach")
    for handler in list(root.handlers):
        if getattr(handler, "_cfpm_file", False):
            root.removeHandler(handler)
            handler.close()
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=1_000_000, backupCount=5, encoding="utf-8"
    )
    handler._cfpm_file = True  # type: ignore[attr-defined]
    handler.setFormatter(logging.Formatter(_FORMAT))
    root.addHandler(handler)
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    path.chmod(0o600)
    return path
