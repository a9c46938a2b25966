"""A large export travels in parts, and one bundle's size is capped, on SQLite and PostgreSQL over
real HTTP: the laptop's sync writes several bundles (each within the part size, parents first,
names in part order), the hub takes them in order and stores every record exactly once; a
validly signed bundle that would inflate past the hub's cap is refused 413 naming the cap, and
nothing changes."""

import io
import uuid
import zipfile
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from cfpm_coach.hub.service import Hub
from cfpm_coach.services.workspace import Workspace
from cfpm_coach.storage.exchange_repo import BUNDLE_TABLES
from cfpm_coach.storage.models import AuditEntry
from cfpm_coach.sync import bundle, container, keys
from cfpm_coach.sync.outbox import bundle_id_of
from tests.hub.conftest import HubSetup, ServedHub, enroll

PART_BYTES = 64 * 1024  # a few parts from the demo laptop's ~210 KB export


def _rows(ws_or_hub: Workspace | Hub) -> dict[str, list[uuid.UUID]]:
    """Every row's id per bundle table (tombstones too), as stored."""
    tables = {**BUNDLE_TABLES, "audit_log": AuditEntry}
    with ws_or_hub.store.read() as session:
        return {name: list(session.execute(select(model.id)).scalars())  # type: ignore[attr-defined]
                for name, model in tables.items()}


def _inflated(sealed: bytes, hub: Hub) -> int:
    plain = bundle.decrypt(sealed, keys.load_identity(hub.config.identity_file))
    with zipfile.ZipFile(io.BytesIO(plain)) as archive:
        return sum(info.file_size for info in archive.infolist())


def test_a_large_export_syncs_in_parts_and_every_record_arrives_once(
        hub: Hub, hub_setup: HubSetup, served: ServedHub, laptop: Workspace,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(container, "PART_INFLATED_BYTES", PART_BYTES)
    enroll(hub, laptop, hub_setup, served.url)

    report = laptop.sync.sync_now()

    assert report.ok and report.rejected == []
    sent = laptop.sync.outbox.sent()
    assert len(sent) >= 3 and len(report.sent) == len(sent)
    assert laptop.sync.outbox.pending() == [] and laptop.sync.status().unsent_changes == 0
    # Delivered in name order, which is part order (p001, p002, ...), each within a part.
    names = [entry.path.name for entry in sent]
    assert [f"-p{n:03d}-" in name for n, name in enumerate(names, start=1)] == [True] * len(names)
    assert [r["bundle_id"] for r in report.sent] == [str(bundle_id_of(Path(n))) for n in names]
    assert all(_inflated(entry.path.read_bytes(), hub) <= PART_BYTES for entry in sent)
    assert [device.bundles for device in hub.devices()] == [len(sent)]

    on_laptop, at_hub = _rows(laptop), _rows(hub)
    for table, ids in on_laptop.items():
        assert sorted(at_hub[table]) == sorted(ids), table  # each once, none missing
    assert sum(map(len, at_hub.values())) > 500
    # Nothing left to send: the last part's receipt moved the mark past everything.
    assert laptop.sync.sync_now().sent == []


def _oversized(laptop: Workspace, recipient: str, inflated: int) -> bytes:
    """A bundle validly signed by the laptop whose one data file inflates to `inflated` bytes
    (blanks compress ~1000:1, so it is small on the wire)."""
    header = {"bundle_id": str(uuid.uuid4()), "created_at": "2026-01-01T00:00:00+00:00",
              "app_version": "1", "schema_version": laptop.store.schema_revision(),
              "device_id": str(laptop.author.device_id), "coach_id": str(laptop.author.coach_id),
              "full": False, "includes_case_references": False, "includes_notes": True,
              "instruments": []}
    device = keys.device_key(laptop.paths.keys, laptop.store.key)
    return bundle.write({"coach": [" " * inflated]}, header, device,
                        keys.load_recipient(recipient))


def test_a_bundle_over_the_hubs_cap_is_refused_413_naming_it_and_nothing_changes(
        hub: Hub, hub_setup: HubSetup, served: ServedHub, laptop: Workspace) -> None:
    token = enroll(hub, laptop, hub_setup, served.url)
    assert hub.config.uncompressed_cap == container.MAX_INFLATED_BYTES  # hub.json left at 0
    sealed = _oversized(laptop, hub_setup.recipient, container.MAX_INFLATED_BYTES)
    assert len(sealed) < hub.config.max_bundle_bytes  # under the upload cap: the inflated cap acts
    before = _rows(hub)

    answer = httpx.post(f"{served.url}/api/v1/bundles", content=sealed, timeout=60,
                        headers={"Authorization": f"Bearer {token}",
                                 "Content-Type": "application/octet-stream"})

    assert answer.status_code == 413, answer.text
    detail = answer.json()["detail"]
    assert str(container.MAX_INFLATED_BYTES) in detail and "splits a larger export" in detail
    assert _rows(hub) == before and [device.bundles for device in hub.devices()] == [0]
    # The laptop's own export of the same store is taken: its parts stay under the cap.
    assert laptop.sync.sync_now().ok and _rows(hub)["worker"]


def test_the_hub_ingests_a_shared_folders_parts_in_name_order(
        hub: Hub, hub_setup: HubSetup, laptop: Workspace, tmp_path: Path) -> None:
    hub.enroll(laptop.exchange.device_public_key(), "Coach A", laptop.author.device_id)
    shared = tmp_path / "shared"
    written = laptop.exchange.export(shared, hub_setup.recipient, part_bytes=PART_BYTES)
    assert len(written.parts) >= 3

    results = hub.ingest_folder(shared)

    assert [r.name for r in results] == [p.path.name for p in written.parts]
    assert all(r.error is None and r.receipt is not None for r in results)
    on_laptop, at_hub = _rows(laptop), _rows(hub)
    assert all(sorted(at_hub[t]) == sorted(ids) for t, ids in on_laptop.items())
