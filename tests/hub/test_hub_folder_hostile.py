"""A shared folder anyone with the team's public key can write to: a poison zip, a FIFO, a link to
/dev/zero and a huge sparse file, each named like a bundle and sorted before the real ones. The
real `hub ingest-folder` sets each aside with its reason and imports the bundles beside them, and
the laptops learn both outcomes from the hub's receipts."""

import json
import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from cfpm_coach.hub.service import Hub
from cfpm_coach.services.sync import SyncSettings
from cfpm_coach.services.workspace import Workspace
from cfpm_coach.storage import counts
from tests.hub.conftest import ROOT, HubSetup
from tests.hub.crafting import Forger, bad_crc


def _ingest(hub_setup: HubSetup, shared: Path) -> list[dict[str, object]]:
    """`cfpm-coach hub ingest-folder --json` as a child process, with umask 0 (the modes of what
    it writes must not depend on it) and a timeout (a FIFO must not hang it)."""
    done = subprocess.run(
        [sys.executable, "-m", "cfpm_coach", "hub", "ingest-folder", "--data-dir",
         str(hub_setup.folder), "--json", str(shared)],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
        preexec_fn=lambda: os.umask(0))
    assert done.returncode in (0, 1), done.stderr
    results: list[dict[str, object]] = json.loads(done.stdout)
    return results


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


@pytest.fixture
def stranger(tmp_path: Path) -> Iterator[Workspace]:
    ws = Workspace.open(tmp_path / "stranger")
    ws.demo.generate(workers=2, months=1, seed=9)
    yield ws
    ws.close()


def test_poison_files_are_set_aside_and_the_bundles_beside_them_go_in(
        hub: Hub, hub_setup: HubSetup, laptop: Workspace, stranger: Workspace,
        tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    hub.enroll(laptop.exchange.device_public_key(), "Coach A")
    with Workspace.open(tmp_path / "attacker") as attacker:  # only the team's public key
        attacker.workers.add("Nobody", office="Nowhere")
        forger = Forger.from_laptop(attacker, hub, hub_setup.recipient, tmp_path / "forge")
    poison = {
        "a-bad-crc.cfpm-bundle": "manifest.json",
        "b-fifo.cfpm-bundle": "pipe",
        "c-zero.cfpm-bundle": "link",
        "d-huge.cfpm-bundle": "over the hub's limit",
        "e-folder.cfpm-bundle": "a folder",
    }
    (shared / "a-bad-crc.cfpm-bundle").write_bytes(
        forger.seal(bad_crc(forger.entries, "manifest.json")))
    os.mkfifo(shared / "b-fifo.cfpm-bundle")
    os.symlink("/dev/zero", shared / "c-zero.cfpm-bundle")
    with open(shared / "d-huge.cfpm-bundle", "wb") as huge:
        huge.truncate(6 * 1024**3)  # sparse: 6 GB to stat, nothing on disk
    (shared / "e-folder.cfpm-bundle").mkdir()

    for ws in (laptop, stranger):
        ws.sync.save_settings(SyncSettings(folder=str(shared), recipient=hub_setup.recipient))
        report = ws.sync.sync_now()
        assert report.ok and report.sent == [] and len(report.awaiting_receipt) == 1
        # Copied is not delivered: the bundle waits in the outbox for the hub's receipt.
        assert len(ws.sync.outbox.pending()) == 1
    [mine] = laptop.sync.outbox.pending()
    [theirs] = stranger.sync.outbox.pending()

    results = {str(r["name"]): r for r in _ingest(hub_setup, shared)}
    assert results[mine.path.name]["error"] is None
    assert "not trusted" in str(results[theirs.path.name]["error"])
    rejected = shared / "rejected"
    for name, word in poison.items():
        assert word in str(results[name]["error"]), (name, results[name])
        assert (rejected / name).is_symlink() or (rejected / name).exists()
        reason = rejected / f"{name}.reason.txt"
        assert word in reason.read_text()
        assert _mode(reason) == 0o600
    for folder in (rejected, shared / "imported", shared / "receipts"):
        assert _mode(folder) == 0o700
    assert sorted(os.listdir(shared)) == ["imported", "receipts", "rejected"]

    # The laptop whose bundle went in learns it is delivered; the stranger's is refused.
    first = laptop.sync.sync_now()
    assert [r["bundle_id"] for r in first.sent] == [str(mine.bundle_id)]
    assert laptop.sync.outbox.pending() == [] and laptop.sync.status().unsent_changes == 0
    refused = stranger.sync.sync_now()
    assert refused.sent == [] and "not trusted" in refused.rejected[0][1]
    assert [e.bundle_id for e in stranger.sync.status().rejected] == [theirs.bundle_id]
    with hub.store.read() as session, laptop.store.read() as local:
        assert counts.live_counts(session=session) == counts.live_counts(session=local)

    # Once enrolled, the stranger's next bundle carries the refused one's records again.
    hub.enroll(stranger.exchange.device_public_key(), "Coach B")
    again = stranger.sync.sync_now()
    assert len(again.awaiting_receipt) == 1
    _ingest(hub_setup, shared)
    delivered = stranger.sync.sync_now()
    assert len(delivered.sent) == 1 and stranger.sync.outbox.pending() == []
    worker_ids = {w.id for w in stranger.workers.find()}
    with hub.store.read() as session:
        held = counts.live_counts(session=session)
    assert held["worker"] == len(worker_ids) + len(laptop.workers.find())


def test_a_bundle_deleted_from_the_folder_before_the_hub_took_it_is_copied_again(
        hub_setup: HubSetup, laptop: Workspace, tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    laptop.sync.save_settings(SyncSettings(folder=str(shared), recipient=hub_setup.recipient))
    laptop.sync.sync_now()
    [copied] = list(shared.glob("*.cfpm-bundle"))
    copied.unlink()
    assert laptop.sync.sync_now().awaiting_receipt == [copied.name]
    assert copied.exists() and len(laptop.sync.outbox.pending()) == 1


def test_the_sync_command_says_a_folder_bundle_waits_for_the_hubs_receipt(
        capsys: pytest.CaptureFixture[str], hub: Hub, hub_setup: HubSetup, tmp_path: Path
        ) -> None:
    from cfpm_coach.cli import main

    shared, data = tmp_path / "shared", tmp_path / "cli-laptop"
    shared.mkdir()
    assert main(["--data-dir", str(data), "demo", "--workers", "2", "--months", "1"]) == 0
    assert main(["sync", "setup", "--data-dir", str(data), "--folder", str(shared),
                 "--team-key", hub_setup.recipient]) == 0
    capsys.readouterr()
    assert main(["sync", "--data-dir", str(data)]) == 0
    out = capsys.readouterr().out
    assert "waiting for the hub's receipt" in out and "everything is delivered" not in out
    with Workspace.open(data) as laptop:
        hub.enroll(laptop.exchange.device_public_key(), "Coach C")
    hub.ingest_folder(shared)
    assert main(["sync", "--data-dir", str(data)]) == 0
    assert capsys.readouterr().out.startswith("sent ")
