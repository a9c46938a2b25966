"""Sync from the laptop's side: outbox, retries, refusals set aside, folder delivery and ingest."""

from pathlib import Path
from typing import Any

from cfpm_coach.hub.service import Hub
from cfpm_coach.services.sync import SyncSettings
from cfpm_coach.services.workspace import Workspace
from cfpm_coach.storage import counts
from cfpm_coach.sync.transports import HttpTransport
from tests.ports import reserve_port
from tests.sync.conftest import Team, manifest_of, unseal
from tests.sync.scripted_server import scripted_hub


def _receipt(tables: int = 1) -> dict[str, Any]:
    return {"bundle_id": "x", "duplicate": False, "received_at": "2026-11-25T00:00:00+00:00",
            "hub_device_id": "y", "tables": {"rating": {"inserted": tables, "updated": 0,
                                                        "unchanged": 0, "conflicts": 0}}}


def _hub_settings(laptop: Workspace, team: Team, url: str) -> None:
    laptop.sync.save_settings(SyncSettings(hub_url=url, token="t0ken", recipient=team.recipient))


def test_server_errors_are_retried_and_the_bundle_is_sent_whole_each_time(
        laptop: Workspace, team: Team) -> None:
    answers = [(503, {"detail": "busy"}), (500, {"detail": "oops"}), (201, _receipt())]
    with scripted_hub(answers) as hub:
        _hub_settings(laptop, team, hub.url)
        report = laptop.sync.sync_now(HttpTransport(hub.url, "t0ken", first_wait=0.01))
    assert report.ok and len(report.sent) == 1
    assert len(hub.uploads) == 3 and len(set(hub.uploads)) == 1
    assert laptop.sync.outbox.pending() == []
    [sent] = laptop.sync.outbox.sent()
    assert sent.note == _receipt()
    assert laptop.sync.status().unsent_changes == 0


def test_a_refused_bundle_moves_aside_and_the_next_one_carries_its_records(
        laptop: Workspace, team: Team) -> None:
    refusal = (422, {"error": "BundleError", "detail": "data/rating.jsonl, record 3: bad"})
    with scripted_hub([refusal, (201, _receipt())]) as hub:
        _hub_settings(laptop, team, hub.url)
        first = laptop.sync.sync_now(HttpTransport(hub.url, "t0ken", first_wait=0.01))
        assert first.ok and first.sent == []
        assert first.rejected[0][1] == "data/rating.jsonl, record 3: bad"
        status = laptop.sync.status()
        [aside] = status.rejected
        assert aside.note is not None and aside.note["status"] == 422
        assert status.waiting_bundles == 0 and status.unsent_changes > 0

        second = laptop.sync.sync_now(HttpTransport(hub.url, "t0ken", first_wait=0.01))
    assert len(second.sent) == 1 and len(hub.uploads) == 2
    refused, accepted = (manifest_of(unseal(u, team)) for u in hub.uploads)
    assert refused["bundle_id"] != accepted["bundle_id"]
    assert {t: f["records"] for t, f in refused["files"].items()} == \
        {t: f["records"] for t, f in accepted["files"].items()}


def test_an_unknown_token_stops_the_sync_and_keeps_the_bundle_queued(
        laptop: Workspace, team: Team) -> None:
    with scripted_hub([(401, {"error": "UnauthorizedError", "detail": "not enrolled"})]) as hub:
        _hub_settings(laptop, team, hub.url)
        report = laptop.sync.sync_now(HttpTransport(hub.url, "t0ken", first_wait=0.01))
    assert report.error is not None and "token" in report.error
    assert len(hub.uploads) == 1  # a 4xx is never retried
    assert len(laptop.sync.outbox.pending()) == 1
    assert laptop.sync.status().last_error == report.error


def test_no_hub_means_nothing_is_bundled_twice_and_the_error_is_kept(
        laptop: Workspace, team: Team) -> None:
    closed = f"http://127.0.0.1:{reserve_port()}"  # bound, never listening: refused
    _hub_settings(laptop, team, closed)
    for _ in range(2):
        report = laptop.sync.sync_now()
        assert report.error is not None and "does not answer" in report.error
    status = laptop.sync.status()
    assert status.waiting_bundles == 0 and status.unsent_changes > 0
    assert status.last_error == report.error and status.last_sent_at is None


def test_folder_sync_then_hub_ingest(laptop: Workspace, tmp_path: Path) -> None:
    hub, recipient, _token = Hub.init(tmp_path / "hub")
    try:
        hub.enroll(laptop.exchange.device_public_key(), "Coach A")
        shared = tmp_path / "shared"
        shared.mkdir()
        laptop.sync.save_settings(SyncSettings(folder=str(shared), recipient=recipient))
        report = laptop.sync.sync_now()
        assert report.ok and report.sent == [] and len(report.awaiting_receipt) == 1
        landed = sorted(p.name for p in shared.iterdir())
        assert len(landed) == 1 and not landed[0].startswith(".")
        (shared / "cfpm-forged-20260101T000000Z-0123456789abcdef0123456789abcdef.cfpm-bundle"
         ).write_bytes(b"garbage")

        results = {r.name: r for r in hub.ingest_folder(shared)}
        assert results[landed[0]].error is None and results[landed[0]].receipt is not None
        [forged] = [r for r in results.values() if r.name != landed[0]]
        assert forged.error is not None and "decrypted" in forged.error
        assert (shared / "imported" / landed[0]).exists()
        assert "decrypted" in (shared / "rejected" / f"{forged.name}.reason.txt").read_text()
        assert [p.name for p in shared.glob("*.cfpm-bundle")] == []
        # The hub's receipt comes back through the folder: only now is the bundle delivered.
        delivered = laptop.sync.sync_now()
        assert delivered.sent[0]["transport"] == "folder" and not delivered.sent[0]["duplicate"]
        assert laptop.sync.outbox.pending() == [] and laptop.sync.status().unsent_changes == 0
        with hub.store.read() as session, laptop.store.read() as mine:
            assert counts.live_counts(session=session) == counts.live_counts(session=mine)
    finally:
        hub.close()
