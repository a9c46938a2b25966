"""A hub SIGKILLed mid-upload: the laptop retries, the bundle is stored once, the outbox empties."""

import threading
from pathlib import Path

import pytest

from cfpm_coach.hub.service import Hub
from cfpm_coach.services.workspace import Workspace
from cfpm_coach.storage import counts
from cfpm_coach.sync.transports import HttpTransport
from tests.hub.conftest import HubSetup, ServedHub, enroll, free_port
from tests.hub.fault_proxy import KillingProxy


@pytest.mark.parametrize("moment", ["mid-request", "before-response"])
def test_hub_killed_during_an_upload(hub: Hub, hub_setup: HubSetup, laptop: Workspace,
                                     moment: str, tmp_path: Path) -> None:
    port = free_port()
    server = ServedHub(hub_setup.folder, port).start()
    restarted: list[ServedHub] = []

    def kill_and_restart() -> None:
        server.kill()
        # Tracked before it starts: the laptop's retry may land before start() returns.
        replacement = ServedHub(hub_setup.folder, port)
        restarted.append(replacement)
        threading.Thread(target=replacement.start, daemon=True).start()

    proxy = KillingProxy(port, moment, kill_and_restart)
    try:
        token = enroll(hub, laptop, hub_setup, proxy.url)
        queued = laptop.exchange.export(laptop.sync.outbox.ensure().root, hub_setup.recipient)
        proxy.after_bytes = queued.path.stat().st_size // 2
        transport = HttpTransport(proxy.url, token, attempts=10, first_wait=0.3, max_wait=3)

        report = laptop.sync.sync_now(transport)

        assert proxy.faults == 1 and restarted, "the hub was not killed during the upload"
        assert report.ok and len(report.sent) == 1, report.error
        assert report.sent[0]["duplicate"] is (moment == "before-response")
        assert laptop.sync.outbox.pending() == []
        assert [d.bundles for d in hub.devices()] == [1]
        with hub.store.read() as session, laptop.store.read() as mine:
            assert counts.live_counts(session=session) == counts.live_counts(session=mine)
        assert hub.store.integrity_check() == []
    finally:
        proxy.close()
        for running in (server, *restarted):
            running.stop()
