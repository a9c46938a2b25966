"""Ownership on a laptop: the desktop import applies the hub's rules (the sender is the bundle's
signing device), imported records are read-only, and exports carry only the laptop's own."""

import copy
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cfpm_coach.errors import BundleError, OwnershipError, ReadOnlyRecordError
from cfpm_coach.services.workspace import Workspace
from tests.hub.forgery import Forged, now_text, open_for_editing, seal
from tests.sync.conftest import Team, db_digest


@pytest.fixture
def colleague(tmp_path: Path) -> Iterator[Workspace]:
    ws = Workspace.open(tmp_path / "colleague")
    ws.demo.generate(workers=3, months=2, seed=4)
    yield ws
    ws.close()


def _full(ws: Workspace, team: Team, folder: Path) -> Path:
    return ws.exchange.export(folder, team.recipient, full=True).path


def _forged(ws: Workspace, team: Team, folder: Path) -> Forged:
    return open_for_editing(_full(ws, team, folder).read_bytes(), team.identity)


def _refused(ws: Workspace, sealed: bytes, team: Team, trust: list[str], words: tuple[str, ...],
             tmp_path: Path, kind: type[BundleError] = OwnershipError) -> None:
    before = db_digest(ws)
    path = tmp_path / f"{uuid.uuid4().hex}.cfpm-bundle"
    path.write_bytes(sealed)
    with pytest.raises(kind) as refused:  # OwnershipError is a BundleError (403 at the hub)
        ws.exchange.import_bundle(path, team.identity, trust)
    assert isinstance(refused.value, BundleError)
    for word in words:
        assert word in str(refused.value), str(refused.value)
    assert db_digest(ws) == before


def test_the_desktop_import_refuses_what_the_hub_refuses(
        laptop: Workspace, colleague: Workspace, central: Workspace, team: Team,
        tmp_path: Path) -> None:
    trust = [laptop.exchange.device_public_key(), colleague.exchange.device_public_key()]
    central.exchange.import_bundle(_full(laptop, team, tmp_path / "a"), team.identity, trust)
    central.exchange.import_bundle(_full(colleague, team, tmp_path / "b"), team.identity, trust)
    mine = _forged(laptop, team, tmp_path / "a2")
    theirs = _forged(colleague, team, tmp_path / "b2")

    tombstones = copy.deepcopy(mine)
    tombstones.tables["observation"] += [
        {**o, "deleted_at": now_text(), "revision": o["revision"] + 1, "updated_at": now_text()}
        for o in theirs.tables["observation"] if o["status"] == "final"]
    _refused(central, seal(tombstones, laptop, team.recipient), team, trust,
             ("data/observation.jsonl, record", "field device_id"), tmp_path)

    moved = copy.deepcopy(mine)
    moved.tables["worker"] += [{**w, "office": "Elsewhere", "revision": w["revision"] + 1,
                                "device_id": mine.manifest["device_id"]}
                               for w in theirs.tables["worker"]]
    _refused(central, seal(moved, laptop, team.recipient), team, trust,
             ("data/worker.jsonl", "belongs to device"), tmp_path)

    audit = copy.deepcopy(mine)
    audit.tables["audit_log"].append({**mine.tables["audit_log"][0], "id": str(uuid.uuid4()),
                                      "device_id": theirs.manifest["device_id"],
                                      "entity_id": theirs.tables["observation"][0]["id"],
                                      "action": "delete"})
    _refused(central, seal(audit, laptop, team.recipient), team, trust,
             ("data/audit_log.jsonl", "field device_id"), tmp_path)

    # B's whole bundle re-signed with A's key: A's key speaks for A's laptop only.
    relay = copy.deepcopy(theirs)
    relay.manifest["device_public_key"] = mine.manifest["device_public_key"]
    _refused(central, seal(relay, laptop, team.recipient), team, trust,
             ("manifest.json", "key"), tmp_path)


def test_a_trusted_key_cannot_speak_for_this_laptop(
        laptop: Workspace, central: Workspace, team: Team, tmp_path: Path) -> None:
    """A key the laptop has never seen, trusted with --trust-device, still cannot claim to be
    this laptop and rewrite its records."""
    own = open_for_editing(_full(central, team, tmp_path / "c").read_bytes(), team.identity)
    own.manifest["device_public_key"] = laptop.exchange.device_public_key()
    own.tables["coach"][0].update(name="Taken over", revision=own.tables["coach"][0]["revision"]
                                  + 1)
    _refused(central, seal(own, laptop, team.recipient), team,
             [laptop.exchange.device_public_key()], ("manifest.json", "key"), tmp_path)


def test_a_reused_bundle_id_blocks_nothing_on_the_desktop(
        laptop: Workspace, colleague: Workspace, central: Workspace, team: Team,
        tmp_path: Path) -> None:
    trust = [laptop.exchange.device_public_key(), colleague.exchange.device_public_key()]
    real = colleague.exchange.export(tmp_path / "b", team.recipient, full=True)
    squat = tmp_path / "squat.cfpm-bundle"
    squat.write_bytes(seal(_forged(laptop, team, tmp_path / "a"), laptop, team.recipient,
                           bundle_id=str(real.bundle_id)))
    central.exchange.import_bundle(squat, team.identity, trust)
    receipt = central.exchange.import_bundle(real.path, team.identity, trust)
    assert not receipt.duplicate
    assert receipt.tables["observation"]["inserted"] == len(colleague.observations.find())


def test_imported_records_are_read_only_and_never_exported_again(
        laptop: Workspace, colleague: Workspace, team: Team, tmp_path: Path) -> None:
    own_before = laptop.sync.status().unsent_changes
    laptop.exchange.import_bundle(_full(colleague, team, tmp_path / "b"), team.identity,
                                  [colleague.exchange.device_public_key()])
    assert laptop.sync.status().unsent_changes == own_before
    theirs = next(o for o in laptop.observations.find()
                  if o.id in {c.id for c in colleague.observations.find()})
    their_worker = colleague.workers.find()[0]
    their_goal = colleague.goals.of_worker(their_worker.id)[0]
    before = db_digest(laptop)
    for change in (lambda: laptop.workers.edit(their_worker.id, office="Moved"),
                   lambda: laptop.workers.set_active(their_worker.id, False),
                   lambda: laptop.goals.update(their_goal.id, text="Rewritten"),
                   lambda: laptop.goals.remove(their_goal.id),
                   lambda: laptop.observations.rate(theirs.id, "engagement.1", 1),
                   lambda: laptop.observations.amend(theirs.id, "Not mine to amend")):
        with pytest.raises(ReadOnlyRecordError, match="created on another device"):
            change()
    assert db_digest(laptop) == before

    # A coach may still observe a colleague's worker: the observation is the laptop's own.
    mine = laptop.observations.start(their_worker.id, "cpm-practice", "home_visit", instrument_version=1)
    laptop.observations.rate(mine.id, "engagement.1", 3)
    bundle = open_for_editing(_full(laptop, team, tmp_path / "a").read_bytes(), team.identity)
    colleague_id = str(colleague.author.device_id)
    assert all(row["device_id"] != colleague_id
               for rows in bundle.tables.values() for row in rows)
    assert mine.id in {uuid.UUID(o["id"]) for o in bundle.tables["observation"]}


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_any_edit_of_a_colleagues_record_is_refused_and_changes_nothing(
        laptop: Workspace, colleague: Workspace, central: Workspace, team: Team,
        tmp_path: Path, data: st.DataObject) -> None:
    """Property: A's bundle, with any record of B's edited in any way and signed by A, is
    refused on import, whatever device id the forged row carries; the store is unchanged."""
    trust = [laptop.exchange.device_public_key(), colleague.exchange.device_public_key()]
    ready = tmp_path / "ready"
    if not ready.exists():
        central.exchange.import_bundle(_full(laptop, team, tmp_path / "a"), team.identity, trust)
        central.exchange.import_bundle(_full(colleague, team, tmp_path / "b"), team.identity,
                                       trust)
        ready.mkdir()
    mine = _forged(laptop, team, tmp_path / "a2")
    theirs = _forged(colleague, team, tmp_path / "b2")
    table = data.draw(st.sampled_from(sorted(t for t, rows in theirs.tables.items() if rows)))
    row = dict(data.draw(st.sampled_from(theirs.tables[table])))
    device = data.draw(st.sampled_from([theirs.manifest["device_id"], mine.manifest["device_id"]]))
    edit = data.draw(st.sampled_from(["copy", "tombstone", "revision", "text"]))
    row["device_id"] = device
    if edit == "tombstone" and "deleted_at" in row:
        row["deleted_at"] = now_text()
    elif edit == "revision" and "revision" in row:
        row["revision"] += data.draw(st.integers(1, 50))
    elif edit == "text":
        name = next((k for k in ("name", "strengths", "note", "text", "action") if k in row), "id")
        if name != "id":
            row[name] = data.draw(st.text(min_size=1, max_size=20).filter(str.isprintable))
    mine.tables[table].insert(data.draw(st.integers(0, len(mine.tables[table]))), row)
    # Random text may break a record rule (an audit action's pattern) before ownership is
    # looked at: refused all the same, naming the file, and nothing changes.
    _refused(central, seal(mine, laptop, team.recipient), team, trust, (f"data/{table}.jsonl",),
             tmp_path, kind=BundleError)
