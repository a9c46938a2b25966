"""The outbox folder: a bundle waits here until a receipt comes back.

    outbox/            sealed bundles waiting, oldest first by name
    outbox/sent/       delivered bundles with their receipts, kept for a while
    outbox/rejected/   bundles the hub refused (4xx), with its reason; they never block the queue,
                       and bundles the hub kept failing on (5xx in STUCK_AFTER syncs), set aside
                       so that newer changes still go (their records travel again, see below)
"""

import json
import os
import re
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from cfpm_coach.storage import files

SUFFIX = ".cfpm-bundle"
_BUNDLE_ID = re.compile(r"-([0-9a-f]{32})\.cfpm-bundle$")
KEEP_SENT_DAYS = 30
# Syncs in a row in which the hub failed on one bundle (every retry) before it is set aside.
STUCK_AFTER = 3
FAILURES_SUFFIX = ".failures.json"


@dataclass(frozen=True)
class OutboxEntry:
    """A bundle file in one of the outbox folders, with its receipt or refusal when it has one."""

    path: Path
    bundle_id: uuid.UUID
    written_at: datetime
    note: dict[str, Any] | None


def bundle_id_of(path: Path) -> uuid.UUID | None:
    """The bundle id in a bundle's file name, or None for a file that is not one of ours."""
    match = _BUNDLE_ID.search(path.name)
    return uuid.UUID(match.group(1)) if match else None


def _write_json(path: Path, data: dict[str, Any]) -> None:
    files.write_atomic(path, json.dumps(data, indent=2, default=str).encode("utf-8"))


class Outbox:
    """The three folders, and moves between them that survive a crash at any point."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.sent_dir = root / "sent"
        self.rejected_dir = root / "rejected"

    def ensure(self) -> "Outbox":
        """Create the folders owner-only."""
        for folder in (self.root, self.sent_dir, self.rejected_dir):
            files.private_dir(folder)
        return self

    def _entries(self, folder: Path, note_suffix: str) -> list[OutboxEntry]:
        if not folder.is_dir():
            return []
        found = []
        for path in sorted(folder.glob(f"*{SUFFIX}")):
            bundle_id = bundle_id_of(path)
            if bundle_id is None or path.name.startswith("."):
                continue
            note_path = path.with_name(path.name + note_suffix)
            note = json.loads(note_path.read_text(encoding="utf-8")) if note_path.exists() else None
            written = datetime.fromtimestamp(path.stat().st_mtime, UTC)
            found.append(OutboxEntry(path, bundle_id, written, note))
        return found

    def pending(self) -> list[OutboxEntry]:
        """Bundles waiting to be delivered, oldest first."""
        return self._entries(self.root, ".none")

    def sent(self) -> list[OutboxEntry]:
        """Delivered bundles still kept, with their receipts."""
        return self._entries(self.sent_dir, ".receipt.json")

    def rejected(self) -> list[OutboxEntry]:
        """Bundles the hub refused, with its reason."""
        return self._entries(self.rejected_dir, ".reason.json")

    def mark_sent(self, entry: OutboxEntry, receipt: dict[str, Any]) -> None:
        """Keep the receipt beside the bundle, then move the bundle out of the queue."""
        self.ensure()
        # Receipt first: a crash between the two leaves a queued bundle that is sent again and
        # answered with the same receipt (the hub is idempotent), never a sent one without it.
        _write_json(self.sent_dir / (entry.path.name + ".receipt.json"), receipt)
        os.replace(entry.path, self.sent_dir / entry.path.name)
        self._failures_file(entry).unlink(missing_ok=True)

    def _failures_file(self, entry: OutboxEntry) -> Path:
        return self.root / (entry.path.name + FAILURES_SUFFIX)

    def failures(self, entry: OutboxEntry) -> int:
        """Syncs in a row in which the hub failed on this waiting bundle."""
        try:
            return int(json.loads(self._failures_file(entry).read_text("utf-8"))["count"])
        except (OSError, ValueError, KeyError, TypeError):
            return 0

    def note_failure(self, entry: OutboxEntry, reason: str, status: int) -> int:
        """Count one more sync in which the hub failed on this bundle; returns the count."""
        count = self.failures(entry) + 1
        _write_json(self._failures_file(entry), {"count": count, "status": status,
                                                 "reason": reason,
                                                 "at": datetime.now(UTC).isoformat()})
        return count

    def mark_rejected(self, entry: OutboxEntry, reason: str, status: int, *,
                      stuck: bool = False) -> None:
        """Move a refused bundle (or one the hub kept failing on: stuck) aside with the reason."""
        self.ensure()
        _write_json(self.rejected_dir / (entry.path.name + ".reason.json"),
                    {"status": status, "reason": reason, "stuck": stuck,
                     "refused_at": datetime.now(UTC).isoformat()})
        os.replace(entry.path, self.rejected_dir / entry.path.name)
        self._failures_file(entry).unlink(missing_ok=True)

    def prune_sent(self, keep_days: int = KEEP_SENT_DAYS, now: datetime | None = None) -> int:
        """Delete delivered bundles (and receipts) older than keep_days; returns how many."""
        cutoff = (now or datetime.now(UTC)) - timedelta(days=keep_days)
        removed = 0
        for entry in self.sent():
            if entry.written_at < cutoff:
                entry.path.unlink(missing_ok=True)
                entry.path.with_name(entry.path.name + ".receipt.json").unlink(missing_ok=True)
                removed += 1
        return removed
