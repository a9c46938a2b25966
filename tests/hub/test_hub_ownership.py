"""Issue 15's attacks by one enrolled laptop on another's records, over real HTTP against
`hub serve`, on SQLite and PostgreSQL: each bundle is validly signed by the attacker's own key,
and each is refused with a 4xx naming file, record and field, the hub's database unchanged."""

import copy
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select
from sqlmodel import col

from cfpm_coach.cli import main
from cfpm_coach.hub.service import Hub
from cfpm_coach.services.workspace import Workspace
from cfpm_coach.storage.models import Observation
from tests.hub.conftest import HubSetup, ServedHub, enroll
from tests.hub.forgery import Forged, now_text, open_for_editing, seal, snapshot

Attack = Callable[[Forged, Forged], Forged]


@pytest.fixture
def colleague(tmp_path: Path) -> Iterator[Workspace]:
    """Laptop B: another coach, whose records laptop A attacks."""
    ws = Workspace.open(tmp_path / "laptop-b")
    ws.demo.generate(workers=4, months=3, seed=9)
    yield ws
    ws.close()


def _post(url: str, sealed: bytes, token: str) -> httpx.Response:
    return httpx.post(f"{url}/api/v1/bundles", content=sealed,
                      headers={"Authorization": f"Bearer {token}",
                               "Content-Type": "application/octet-stream"})


def _bundle(ws: Workspace, setup: HubSetup, hub: Hub, folder: Path) -> Forged:
    sealed = ws.exchange.export(folder, setup.recipient, full=True).path.read_bytes()
    return open_for_editing(sealed, hub.config.identity_file)


def _edited(row: dict[str, Any], **changes: Any) -> dict[str, Any]:
    return {**row, "revision": row["revision"] + 1, "updated_at": now_text(), **changes}


def _tombstone_finalized(device: str) -> Attack:
    def attack(mine: Forged, theirs: Forged) -> Forged:
        final = [o for o in theirs.tables["observation"] if o["status"] == "final"][:20]
        assert len(final) >= 10
        mine.tables["observation"] += [
            _edited(o, deleted_at=now_text(),
                    device_id=o["device_id"] if device == "theirs" else mine.manifest["device_id"])
            for o in final]
        return mine
    return attack


def _rewrite_text(mine: Forged, theirs: Forged) -> Forged:
    # The forged row keeps B's device_id, as the attacker did: no sync_conflict would be kept.
    mine.tables["observation"].append(_edited(theirs.tables["observation"][0],
                                              strengths="Forged by another laptop"))
    return mine


def _move_workers(mine: Forged, theirs: Forged) -> Forged:
    mine.tables["worker"] += [_edited(w, office="Elsewhere", device_id=mine.manifest["device_id"])
                              for w in theirs.tables["worker"]]
    return mine


def _rename_coach_forever(mine: Forged, theirs: Forged) -> Forged:
    mine.tables["coach"].append({**theirs.tables["coach"][0], "name": "Renamed",
                                 "revision": 2**62, "updated_at": now_text()})
    return mine


def _attribute_to_their_coach(device: str) -> Attack:
    def attack(mine: Forged, theirs: Forged) -> Forged:
        obs = {**mine.tables["observation"][0], "id": str(uuid.uuid4()),
               "coach_id": theirs.manifest["coach_id"],
               "device_id": theirs.manifest["device_id"] if device == "theirs"
               else mine.manifest["device_id"]}
        mine.tables["observation"].append(obs)
        return mine
    return attack


def _rate_their_observation(mine: Forged, theirs: Forged) -> Forged:
    """A rating of a behavior B left unrated (a draft's), so no unique key stops it."""
    instrument = {o["id"]: o["instrument_id"] for o in theirs.tables["observation"]}
    behaviors: dict[str, set[str]] = {}
    for r in theirs.tables["rating"]:
        behaviors.setdefault(instrument[r["observation_id"]], set()).add(r["behavior_id"])
    rated: dict[str, set[str]] = {}
    for r in theirs.tables["rating"]:
        rated.setdefault(r["observation_id"], set()).add(r["behavior_id"])
    target, behavior = min(((o, min(behaviors[instrument[o]] - done))
                            for o, done in rated.items() if behaviors[instrument[o]] - done),
                           default=(theirs.tables["observation"][0]["id"],
                                    mine.tables["rating"][0]["behavior_id"]))
    mine.tables["rating"].append({**mine.tables["rating"][0], "id": str(uuid.uuid4()),
                                  "observation_id": target, "behavior_id": behavior})
    return mine


def _plant_audit(device: str) -> Attack:
    def attack(mine: Forged, theirs: Forged) -> Forged:
        mine.tables["audit_log"].append({
            **mine.tables["audit_log"][0], "id": str(uuid.uuid4()), "at": now_text(),
            "device_id": theirs.manifest["device_id"] if device == "theirs"
            else mine.manifest["device_id"],
            "coach_id": theirs.manifest["coach_id"] if device == "theirs"
            else mine.manifest["coach_id"],
            "entity": "observation", "entity_id": theirs.tables["observation"][0]["id"],
            "action": "delete", "fields": ["deleted_at"]})
        return mine
    return attack


def _claim_their_manifest(field: str) -> Attack:
    def attack(mine: Forged, theirs: Forged) -> Forged:
        mine.manifest[field] = theirs.manifest[field]
        return mine
    return attack


def _relay_as_them(mine: Forged, theirs: Forged) -> Forged:
    theirs.manifest["device_public_key"] = mine.manifest["device_public_key"]
    return theirs


def _own_coach_unbeatable(mine: Forged, _theirs: Forged) -> Forged:
    mine.tables["coach"][0].update(name="Mine forever", revision=2**62, updated_at=now_text())
    return mine


def _own_worker_from_the_future(mine: Forged, _theirs: Forged) -> Forged:
    ahead = (datetime.now(UTC) + timedelta(days=30)).isoformat()
    mine.tables["worker"][0].update(office="Future", revision=mine.tables["worker"][0]["revision"]
                                    + 1, updated_at=ahead)
    return mine


# (name, attack, status, words the refusal must contain). Issue 15's (a)-(f), then the manifest
# claims and the bounds. Revision 2**62 may also be refused earlier by record validation (422).
ATTACKS: list[tuple[str, Attack, tuple[int, ...], tuple[str, ...]]] = [
    ("a: tombstone B's finalized observations, B's device id kept",
     _tombstone_finalized("theirs"), (403,), ("data/observation.jsonl, record", "device_id")),
    ("a: tombstone B's finalized observations as A's",
     _tombstone_finalized("mine"), (403,), ("data/observation.jsonl, record", "belongs to")),
    ("b: rewrite B's observation text", _rewrite_text, (403,),
     ("data/observation.jsonl", "field device_id")),
    ("c: move B's workers to another office", _move_workers, (403,),
     ("data/worker.jsonl, record", "belongs to device")),
    ("d: rename B's coach with revision 2**62", _rename_coach_forever, (403, 422),
     ("data/coach.jsonl", "record")),
    ("e: an observation with B's coach and device", _attribute_to_their_coach("theirs"), (403,),
     ("data/observation.jsonl", "device_id")),
    ("e: an observation of A's device naming B's coach", _attribute_to_their_coach("mine"),
     (403,), ("data/observation.jsonl", "field coach_id", "belongs to device")),
    ("e: a rating added to B's observation", _rate_their_observation, (403,),
     ("data/rating.jsonl", "field observation_id")),
    ("f: an audit row saying B deleted something", _plant_audit("theirs"), (403,),
     ("data/audit_log.jsonl", "field device_id")),
    ("f: an audit row about B's observation", _plant_audit("mine"), (403,),
     ("data/audit_log.jsonl", "field entity_id")),
    ("manifest names B's device", _claim_their_manifest("device_id"), (403,),
     ("manifest.json", "device_id")),
    ("manifest names B's coach", _claim_their_manifest("coach_id"), (403,),
     ("manifest.json", "coach_id")),
    ("B's whole bundle re-signed by A", _relay_as_them, (403,), ("manifest.json", "device_id")),
    ("A's own coach at revision 2**62", _own_coach_unbeatable, (403, 422),
     ("data/coach.jsonl", "revision")),
    ("A's own worker dated a month ahead", _own_worker_from_the_future, (403, 422),
     ("data/worker.jsonl", "updated_at")),
]


def _report_works(hub_setup: HubSetup, tmp_path: Path) -> None:
    pdf = tmp_path / "after.pdf"
    assert main(["hub", "report", "--data-dir", str(hub_setup.folder), "-o", str(pdf)]) == 0
    assert pdf.read_bytes().startswith(b"%PDF")


def test_a_laptop_cannot_change_delete_or_claim_another_laptops_records(
        hub: Hub, hub_setup: HubSetup, served: ServedHub, laptop: Workspace,
        colleague: Workspace, tmp_path: Path) -> None:
    token_a = enroll(hub, laptop, hub_setup, served.url, "Coach A")
    enroll(hub, colleague, hub_setup, served.url, "Coach B")
    assert laptop.sync.sync_now().ok and colleague.sync.sync_now().ok
    mine = _bundle(laptop, hub_setup, hub, tmp_path / "a")
    theirs = _bundle(colleague, hub_setup, hub, tmp_path / "b")
    fidelity_before = hub.fidelity("office")
    before = snapshot(hub.store)

    for name, attack, statuses, words in ATTACKS:
        forged = seal(attack(copy.deepcopy(mine), copy.deepcopy(theirs)), laptop,
                      hub_setup.recipient)
        response = _post(served.url, forged, token_a)
        assert response.status_code in statuses, (name, response.text)
        body = response.json()
        assert set(body) == {"error", "detail"}, name
        for word in words:
            assert word in body["detail"], (name, body["detail"])
        assert snapshot(hub.store) == before, name

    assert hub.fidelity("office") == fidelity_before
    # A's honest bundles still go through afterwards, and the hub's report works.
    draft = laptop.observations.start(laptop.workers.find()[0].id, "cpm-practice", "home_visit",
                                      instrument_version=1)
    laptop.observations.rate(draft.id, "engagement.1", 3)
    assert laptop.sync.sync_now().ok
    _report_works(hub_setup, tmp_path)


def test_a_colleagues_imported_records_never_travel_on(
        hub: Hub, hub_setup: HubSetup, served: ServedHub, laptop: Workspace,
        colleague: Workspace, tmp_path: Path) -> None:
    """(g) A imports B's bundle; B is revoked before it ever syncs. A's sync carries only A's
    records, and a bundle relaying B's rows under A's signature is refused."""
    token_a = enroll(hub, laptop, hub_setup, served.url, "Coach A")
    enroll(hub, colleague, hub_setup, served.url, "Coach B")
    hub.revoke(str(next(d.id for d in hub.devices() if d.coach_name == "Coach B")))
    from_b = colleague.exchange.export(tmp_path / "b", hub_setup.recipient, full=True)
    own = len(laptop.observations.find())
    laptop.exchange.import_bundle(from_b.path, hub.config.identity_file,
                                  [colleague.exchange.device_public_key()])
    b_device = str(colleague.author.device_id)

    assert laptop.sync.sync_now().ok
    with hub.store.read() as session:
        held = session.execute(select(func.count()).select_from(Observation).where(
            col(Observation.device_id) == colleague.author.device_id)).scalar_one()
        ours = session.execute(select(func.count()).select_from(Observation)).scalar_one()
    assert held == 0 and ours == own

    # What the laptop did before ownership: its export carried every row it held, B's too.
    relayed = _bundle(laptop, hub_setup, hub, tmp_path / "a")
    assert all(r["device_id"] != b_device for rows in relayed.tables.values() for r in rows)
    imported = open_for_editing(from_b.path.read_bytes(), hub.config.identity_file)
    for name, rows in imported.tables.items():
        relayed.tables[name] += rows
    before = snapshot(hub.store)
    response = _post(served.url, seal(relayed, laptop, hub_setup.recipient), token_a)
    assert response.status_code == 403, response.text
    assert "device_id" in response.json()["detail"]
    assert snapshot(hub.store) == before
    _report_works(hub_setup, tmp_path)


def test_another_device_reusing_a_bundle_id_blocks_nothing(
        hub: Hub, hub_setup: HubSetup, served: ServedHub, laptop: Workspace,
        colleague: Workspace, tmp_path: Path) -> None:
    """(h) A squats B's bundle id (it is in B's file name); B's real bundle still goes in."""
    token_a = enroll(hub, laptop, hub_setup, served.url, "Coach A")
    token_b = enroll(hub, colleague, hub_setup, served.url, "Coach B")
    real = colleague.exchange.export(tmp_path / "b", hub_setup.recipient, full=True)
    assert real.bundle_id.hex in real.path.name

    squat = seal(_bundle(laptop, hub_setup, hub, tmp_path / "a"), laptop, hub_setup.recipient,
                 bundle_id=str(real.bundle_id))
    assert _post(served.url, squat, token_a).status_code == 201
    delivered = _post(served.url, real.path.read_bytes(), token_b)
    assert delivered.status_code == 201, delivered.text
    assert delivered.json()["tables"]["observation"]["inserted"] == len(
        colleague.observations.find())
    # Each device's repeat is still recognised as its own.
    assert _post(served.url, real.path.read_bytes(), token_b).json()["duplicate"] is True
    assert _post(served.url, squat, token_a).json()["duplicate"] is True
    _report_works(hub_setup, tmp_path)


def test_enrollment_binds_the_laptop_id_and_a_revoked_key_needs_reenroll(
        hub: Hub, hub_setup: HubSetup, served: ServedHub, laptop: Workspace,
        colleague: Workspace, tmp_path: Path) -> None:
    from cfpm_coach.errors import InvalidInputError

    key_b = colleague.exchange.device_public_key()
    # A second key cannot take a laptop id another enrollment holds.
    enroll(hub, laptop, hub_setup, served.url, "Coach A")
    with pytest.raises(InvalidInputError, match="enrolled already"):
        hub.enroll(key_b, "Coach B", laptop.author.device_id)
    old_token = enroll(hub, colleague, hub_setup, served.url, "Coach B")
    device_b = next(d for d in hub.devices() if d.coach_name == "Coach B")
    assert device_b.laptop_device_id == colleague.author.device_id

    hub.revoke(str(device_b.id))
    with pytest.raises(InvalidInputError, match="--reenroll"):
        hub.enroll(key_b, "Coach B", colleague.author.device_id)
    with pytest.raises(InvalidInputError, match="one laptop"):
        hub.enroll(key_b, "Coach B", laptop.author.device_id, reenroll=True)
    new_token = hub.enroll(key_b, "Coach B", colleague.author.device_id, reenroll=True).token
    assert new_token != old_token
    sealed = colleague.exchange.export(tmp_path / "b", hub_setup.recipient, full=True)
    assert _post(served.url, sealed.path.read_bytes(), old_token).status_code == 401
    assert _post(served.url, sealed.path.read_bytes(), new_token).status_code == 201
    [again] = [d for d in hub.devices() if d.coach_name == "Coach B"]
    assert again.id == device_b.id and again.revoked_at is None
    assert again.coach_id == colleague.author.coach_id


def test_a_device_enrolled_before_binding_is_bound_by_its_first_bundle(
        hub: Hub, hub_setup: HubSetup, served: ServedHub, laptop: Workspace,
        colleague: Workspace, tmp_path: Path) -> None:
    """Devices enrolled before this version have no laptop id: their next bundle binds it,
    unless another enrollment holds that id; after that, the binding holds."""
    token_b = hub.enroll(colleague.exchange.device_public_key(), "Coach B").token
    token_a = hub.enroll(laptop.exchange.device_public_key(), "Coach A").token
    real_b = colleague.exchange.export(tmp_path / "b", hub_setup.recipient, full=True)
    assert _post(served.url, real_b.path.read_bytes(), token_b).status_code == 201
    [bound] = [d for d in hub.devices() if d.coach_name == "Coach B"]
    assert bound.laptop_device_id == colleague.author.device_id

    # A, still unbound, claims B's laptop id with B's records re-signed: refused, A unbound.
    theirs = _bundle(colleague, hub_setup, hub, tmp_path / "b2")
    before = snapshot(hub.store)
    response = _post(served.url, seal(_relay_as_them(_bundle(laptop, hub_setup, hub,
                                                             tmp_path / "a"), theirs),
                                      laptop, hub_setup.recipient), token_a)
    assert response.status_code == 403 and "device_id" in response.json()["detail"]
    assert snapshot(hub.store) == before
    mine = laptop.exchange.export(tmp_path / "a2", hub_setup.recipient, full=True)
    assert _post(served.url, mine.path.read_bytes(), token_a).status_code == 201
    [a] = [d for d in hub.devices() if d.coach_name == "Coach A"]
    assert a.laptop_device_id == laptop.author.device_id


def test_the_shared_folder_route_applies_the_same_ownership(
        hub: Hub, hub_setup: HubSetup, laptop: Workspace, colleague: Workspace,
        tmp_path: Path) -> None:
    """The same forged bundle dropped in a shared folder is set aside with its reason, and a
    squatted bundle id does not stop the colleague's real bundle beside it."""
    hub.enroll(laptop.exchange.device_public_key(), "Coach A", laptop.author.device_id)
    hub.enroll(colleague.exchange.device_public_key(), "Coach B", colleague.author.device_id)
    shared = tmp_path / "shared"
    shared.mkdir()
    first = colleague.exchange.export(shared, hub_setup.recipient, full=True).path
    laptop.exchange.export(shared, hub_setup.recipient, full=True)
    assert [r.error for r in hub.ingest_folder(shared)] == [None, None]
    theirs = open_for_editing((shared / "imported" / first.name).read_bytes(),
                              hub.config.identity_file)
    mine = _bundle(laptop, hub_setup, hub, tmp_path / "a")
    real = colleague.exchange.export(tmp_path / "b", hub_setup.recipient, full=True)
    forged = shared / "0-forged.cfpm-bundle"
    forged.write_bytes(seal(_tombstone_finalized("theirs")(copy.deepcopy(mine), theirs), laptop,
                            hub_setup.recipient))
    squat = shared / "1-squat.cfpm-bundle"
    squat.write_bytes(seal(mine, laptop, hub_setup.recipient, bundle_id=str(real.bundle_id)))
    (shared / real.path.name).write_bytes(real.path.read_bytes())
    before = snapshot(hub.store)["observation"]

    results = {r.name: r for r in hub.ingest_folder(shared)}
    assert results[forged.name].error and "device_id" in results[forged.name].error
    assert results[squat.name].error is None and results[real.path.name].error is None
    assert snapshot(hub.store)["observation"] == before  # A's rows were there; B's untouched
    reason = (shared / "rejected" / f"{forged.name}.reason.txt").read_text()
    assert "data/observation.jsonl, record" in reason
