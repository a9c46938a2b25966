"""One bad bundle must never wedge a laptop's outbox: whether the real hub refuses it
(4xx) or keeps failing on it (5xx), newer changes are still bundled and delivered, and the set-aside
bundle's records reach the hub in the next bundle, since each carries everything since the last
acknowledged one. Real hub over HTTP on loopback, SQLite and PostgreSQL."""

import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pyrage
import pytest

from cfpm_coach.hub.service import Hub
from cfpm_coach.services.workspace import Workspace
from cfpm_coach.storage import counts
from cfpm_coach.sync import keys
from cfpm_coach.sync.outbox import STUCK_AFTER
from cfpm_coach.sync.transports import HttpTransport
from tests.hub.conftest import HubSetup, ServedHub, enroll
from tests.hub.crafting import bad_crc
from tests.hub.failing_proxy import FailingProxy


def _same_records(hub: Hub, laptop: Workspace) -> None:
    with hub.store.read() as session, laptop.store.read() as local:
        assert counts.live_counts(session=session) == counts.live_counts(session=local)


def _damage(path: Path, hub: Hub, recipient: str) -> None:
    """The outbox's bundle with one data byte changed under its CRC, sealed again (a damaged
    copy, or a hostile one: the hub must refuse it with a 4xx, not fail on it)."""
    plain = pyrage.decrypt(path.read_bytes(), [keys.load_identity(hub.config.identity_file)])
    with zipfile.ZipFile(io.BytesIO(plain)) as archive:
        entries = {name: archive.read(name) for name in archive.namelist()}
    path.write_bytes(bytes(pyrage.encrypt(bad_crc(entries, "data/worker.jsonl"),
                                          [keys.load_recipient(recipient)])))


def test_a_refused_bundle_moves_aside_and_its_records_go_in_the_next_one(
        hub: Hub, hub_setup: HubSetup, served: ServedHub, laptop: Workspace) -> None:
    enroll(hub, laptop, hub_setup, served.url)
    laptop.sync.outbox.ensure()
    waiting = laptop.exchange.export(laptop.sync.outbox.root, hub_setup.recipient)
    _damage(waiting.path, hub, hub_setup.recipient)

    report = laptop.sync.sync_now(HttpTransport(served.url, _token(laptop), first_wait=0.01))
    assert report.ok, report.error
    [(name, reason)] = report.rejected
    assert name == waiting.path.name and "data/worker.jsonl" in reason
    assert len(report.sent) == 1  # the same records, in a new bundle, in the same sync
    status = laptop.sync.status()
    assert [e.bundle_id for e in status.rejected] == [waiting.bundle_id]
    assert status.waiting == 0
    _same_records(hub, laptop)


@pytest.fixture
def proxy_failing_first_bundle(served: ServedHub) -> Iterator[FailingProxy]:
    """500 for every upload of the first bundle it sees; the hub answers the rest."""
    poisoned: list[bytes] = []

    def fails(body: bytes) -> bool:
        if not poisoned:
            poisoned.append(body)
        return body == poisoned[0]

    proxy = FailingProxy(served.url, fails)
    yield proxy
    proxy.close()


def _token(laptop: Workspace) -> str:
    return laptop.sync.settings().token


def test_a_bundle_the_hub_keeps_failing_on_is_set_aside_and_newer_changes_still_go(
        hub: Hub, hub_setup: HubSetup, served: ServedHub, laptop: Workspace,
        proxy_failing_first_bundle: FailingProxy) -> None:
    enroll(hub, laptop, hub_setup, served.url)
    transport = HttpTransport(proxy_failing_first_bundle.url, _token(laptop), attempts=2,
                              first_wait=0.01, max_wait=0.02)
    for _ in range(STUCK_AFTER - 1):
        report = laptop.sync.sync_now(transport)
        assert report.error is not None and report.sent == []
        assert len(laptop.sync.outbox.pending()) == 1
    [stuck] = laptop.sync.outbox.pending()
    worker = laptop.workers.find()[0]
    laptop.workers.edit(worker.id, office="Moved Office")  # a newer change waits behind it

    report = laptop.sync.sync_now(transport)
    assert report.ok, report.error
    assert [name for name, _reason in report.rejected] == [stuck.path.name]
    assert len(report.sent) == 1 and report.sent[0]["tables"]["worker"]["inserted"] > 0
    status = laptop.sync.status()
    [aside] = status.rejected
    assert aside.note is not None and aside.note["stuck"] is True and aside.note["status"] == 500
    assert "set aside" in aside.note["reason"]
    assert status.waiting == 0
    assert len(proxy_failing_first_bundle.failed) == 2 * STUCK_AFTER
    _same_records(hub, laptop)
