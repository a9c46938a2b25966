"""Sentences about sync for the panel and the status bar (one place, one wording)."""

from datetime import datetime
from typing import Any

from cfpm_coach.services.sync import SyncReport, SyncStatus
from cfpm_coach.ui.language.texts import tr
from cfpm_coach.ui.models.table_models import clock_time, local_time
from cfpm_coach.ui.runtime.errors import said


def _count(n: int, one: str, many: str) -> str:
    return one if n == 1 else many.replace("%1", str(n))


def when(moment: datetime) -> str:
    """A local date and time a coach reads at a glance."""
    local = moment.astimezone()
    if local.date() == datetime.now().astimezone().date():
        return tr("Today at %1").replace("%1", clock_time(local))
    return local_time(local)


def changed_records(receipt: dict[str, Any]) -> str:
    """'245 records new or updated' from a hub receipt, or where a folder copy landed."""
    tables = receipt.get("tables")
    if not isinstance(tables, dict):
        return tr("Copied to %1").replace("%1", str(receipt.get("path", "")))
    changed = sum(int(c.get("inserted", 0)) + int(c.get("updated", 0)) for c in tables.values())
    text = tr("%1 records new or updated at the hub").replace("%1", str(changed))
    if receipt.get("duplicate"):
        text += tr(" (it had them already)")
    return text


def waiting_text(status: SyncStatus) -> str:
    """What has not reached the central team yet."""
    if status.waiting_bundles == 0 and status.unsent_changes == 0:
        return tr("Nothing: everything is delivered")
    parts = []
    if status.waiting_bundles:
        parts.append(_count(status.waiting_bundles, tr("1 bundle in the outbox"),
                            tr("%1 bundles in the outbox")))
    if status.unsent_changes:
        parts.append(_count(status.unsent_changes, tr("1 changed record not bundled yet"),
                            tr("%1 changed records not bundled yet")))
    return ", ".join(parts)


def sent_summary(report: SyncReport) -> str:
    """What one sync did, in a sentence."""
    if report.error:
        return tr("Not delivered: %1").replace("%1", said(report.error, report.error_wording))
    parts = []
    if report.sent:
        parts.append(_count(len(report.sent), tr("Sent 1 bundle"), tr("Sent %1 bundles"))
                     + ": " + changed_records(report.sent[-1]) + ".")
    if report.awaiting_receipt:
        # The shared folder's route: copied is not delivered until the hub's receipt is back.
        parts.append(_count(len(report.awaiting_receipt),
                            tr("1 bundle is in the shared folder, waiting for the hub's receipt."),
                            tr("%1 bundles are in the shared folder, waiting for the hub's "
                               "receipt.")))
    if report.rejected:
        parts.append(_count(len(report.rejected), tr("1 bundle was refused by the hub"),
                            tr("%1 bundles were refused by the hub")) + tr("; see below."))
    return " ".join(parts) or tr("Nothing to send: everything is delivered.")


def status_bar_text(status: SyncStatus) -> str:
    """The short text in the window's status bar."""
    if status.mode is None:
        return tr("Sync: not set up")
    if status.last_error:
        return tr("Sync: not delivered, %1 waiting").replace("%1", str(status.waiting))
    if status.waiting:
        return tr("Sync: %1 waiting").replace("%1", str(status.waiting))
    if status.last_sent_at:
        return tr("Sync: up to date (%1)").replace("%1", when(status.last_sent_at))
    return tr("Sync: up to date")
