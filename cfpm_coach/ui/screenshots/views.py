"""Screenshots of the views a coach opens from the Reports and Sync menus: leadership self vs
others, and the sync panel after a delivery."""

from typing import TYPE_CHECKING

from PySide6.QtGui import QPixmap

from cfpm_coach.domain.shipped import SHIPPED_LEADERSHIP
from cfpm_coach.domain.vocabulary import ObservationStatus
from cfpm_coach.ui.screenshots.shots import settle, wait_until

if TYPE_CHECKING:
    from cfpm_coach.ui.screenshots.shots import Scene


def leadership_view(scene: "Scene") -> QPixmap:
    """A leader's self-assessment beside others' ratings: the demo's first leader rated."""
    window = scene.window
    ws = window.workspace
    assert ws is not None
    leader = next((o.worker_id for o in ws.observations.find(status=ObservationStatus.FINAL.value)
                   if o.instrument_id == SHIPPED_LEADERSHIP and o.worker_id is not None), None)
    window.reports.leadership()
    wait_until(lambda: (found := window.reports.leadership_dialog) is not None
               and found.isVisible())
    dialog = window.reports.leadership_dialog
    assert dialog is not None
    if leader is not None:  # a small demo store may have none: the dialog says so
        dialog.select_leader(leader)
        wait_until(dialog.pdf_button.isEnabled)
    settle(window)
    picture = dialog.grab()
    dialog.close()
    settle(window)
    return picture


def sync_panel(scene: "Scene") -> QPixmap:
    """The sync panel after Sync now delivered a bundle to the hub (shown as the panel would
    show it: the demo store is not set up to sync, and no hub runs here)."""
    from datetime import UTC, datetime

    from cfpm_coach.services.sync import SyncMode, SyncReport, SyncStatus

    window = scene.window
    window.sync.open_panel()
    wait_until(lambda: (found := window.sync.panel) is not None and found.isVisible())
    settle(window)
    panel = window.sync.panel
    assert panel is not None
    receipt = {"tables": {"observation": {"inserted": 12, "updated": 3},
                          "rating": {"inserted": 226, "updated": 4}}}
    now = datetime.now(UTC)
    panel.show_status(SyncStatus(SyncMode.HUB, "https://cfpm-hub.county.example.org", 0, 0,
                                 now, now, receipt, None))
    panel.show_report(SyncReport(sent=[receipt]))
    settle(window)
    picture = panel.grab()
    panel.close()
    settle(window)
    return picture
