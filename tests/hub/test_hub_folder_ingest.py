"""A shared folder a malicious user can write to: good bundles are taken, forged ones set aside."""

import shutil
from pathlib import Path

from cfpm_coach.hub.service import Hub
from cfpm_coach.services.workspace import Workspace
from tests.hub.conftest import HubSetup


def test_folder_ingest_takes_the_good_and_sets_aside_forged_and_unknown(
        hub: Hub, hub_setup: HubSetup, laptop: Workspace, tmp_path: Path) -> None:
    hub.enroll(laptop.exchange.device_public_key(), "Coach A")
    shared = tmp_path / "shared"
    shared.mkdir()
    good = laptop.exchange.export(shared, hub_setup.recipient, full=True).path

    forged = shared / ("forged-" + good.name)
    data = bytearray(good.read_bytes())
    data[len(data) // 2] ^= 0x01  # one bit changed on the way
    forged.write_bytes(bytes(data))
    with Workspace.open(tmp_path / "stranger") as stranger:  # a device never enrolled
        stranger.demo.generate(workers=2, months=1, seed=5)
        unknown = stranger.exchange.export(tmp_path / "out", hub_setup.recipient, full=True).path
    shutil.copy(unknown, shared / ("unknown-" + unknown.name))
    (shared / ".still-copying.cfpm-bundle").write_bytes(b"partial")

    results = {r.name: r for r in hub.ingest_folder(shared)}
    assert results[good.name].error is None and results[good.name].receipt is not None
    assert results[forged.name].error and results[forged.name].receipt is None
    assert results["unknown-" + unknown.name].error
    assert sorted(p.name for p in (shared / "imported").iterdir()) == [good.name]
    rejected = sorted(p.name for p in (shared / "rejected").iterdir())
    assert forged.name in rejected and f"{forged.name}.reason.txt" in rejected
    assert (shared / ".still-copying.cfpm-bundle").exists()  # a dot-name is left alone
    reason = (shared / "rejected" / f"{forged.name}.reason.txt").read_text()
    assert reason.strip()
    held = hub.status()["records"]
    assert held["observation"] == laptop.maintenance.counts()["observation"]
    assert held["worker"] == laptop.maintenance.counts()["worker"]  # nothing of the stranger's
