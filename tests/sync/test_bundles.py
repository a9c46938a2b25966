"""Export bundles end to end: round trip, the age tool, refusals that change nothing."""

import base64
import hashlib
import io
import json
import sqlite3
import subprocess
import zipfile
from pathlib import Path

import pyrage
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from cfpm_coach.errors import BundleError
from cfpm_coach.services.workspace import Workspace
from cfpm_coach.storage.exchange_repo import AUDIT_TABLE, BUNDLE_TABLES, columns
from cfpm_coach.storage.models import AuditEntry
from cfpm_coach.sync import keys
from tests.sync.conftest import Team, db_digest, manifest_of, reseal, unseal


def export_full(ws: Workspace, team: Team, tmp_path: Path) -> Path:
    return ws.exchange.export(tmp_path / "out", team.recipient, full=True,
                              include_case_refs=True).path


def rows(ws: Workspace, table: str, names: list[str]) -> set[tuple[object, ...]]:
    with sqlite3.connect(ws.store.path) as conn:
        return set(conn.execute(f"SELECT {', '.join(names)} FROM {table}").fetchall())


def test_round_trip_every_row_equal(laptop: Workspace, central: Workspace, team: Team,
                                    tmp_path: Path) -> None:
    path = export_full(laptop, team, tmp_path)
    receipt = central.exchange.import_bundle(path, team.identity,
                                             [laptop.exchange.device_public_key()])
    assert not receipt.duplicate and receipt.tables["rating"]["inserted"] > 50
    assert_every_row_equal(laptop, central)


def assert_every_row_equal(laptop: Workspace, central: Workspace) -> None:
    """Every column of every row the laptop exported is in the central store, unchanged."""
    for name, table in {**BUNDLE_TABLES, AUDIT_TABLE: AuditEntry}.items():
        names = columns(table)
        mine = rows(laptop, name, names)
        theirs = rows(central, name, names)
        if name in ("coach", AUDIT_TABLE):
            # The central store also has its own coach profile, and the audit entry creating it.
            assert mine <= theirs and len(theirs - mine) == 1, name
        else:
            assert mine == theirs, name
    assert central.maintenance.check().ok


def test_nulls_flags_lists_and_any_text_round_trip_every_row_equal(
        laptop: Workspace, central: Workspace, team: Team, tmp_path: Path) -> None:
    # SQLite writes the JSON lines: a NULL UUID or time must stay null (not "-" or "+00:00"),
    # a flag a JSON boolean, a list a list, text escaped, and the owner's id its usual form.
    behaviors = [item.id for item in laptop.catalog.get("cpm-practice", 1).items[:2]]
    worker = laptop.workers.add('Zoë "Q" \\ 中文 O\'Brien', office="Cañada")
    laptop.workers.set_active(worker.id, False)
    kept = laptop.goals.add(worker.id, 'Ask "why" \\ first, ñ 中', behaviors)
    laptop.goals.remove(laptop.goals.add(worker.id, "Dropped", behaviors[:1]).id)
    path = export_full(laptop, team, tmp_path)

    lines = {name: [json.loads(line) for line in data.decode().splitlines()]
             for name, data in unseal(path.read_bytes(), team).items()
             if name.startswith("data/")}
    goal = next(g for g in lines["data/goal.jsonl"] if g["id"] == str(kept.id))
    assert goal["observation_id"] is None and goal["deleted_at"] is None
    assert goal["behavior_ids"] == behaviors and goal["text"] == 'Ask "why" \\ first, ñ 中'
    assert sum(g["deleted_at"] is not None for g in lines["data/goal.jsonl"]) == 1
    exported = next(w for w in lines["data/worker.jsonl"] if w["id"] == str(worker.id))
    assert exported["active"] is False and exported["name"] == 'Zoë "Q" \\ 中文 O\'Brien'
    owner = str(laptop.author.device_id)
    assert all(row["device_id"] == owner for rows in lines.values() for row in rows)

    central.exchange.import_bundle(path, team.identity, [laptop.exchange.device_public_key()])
    assert_every_row_equal(laptop, central)


def test_the_age_tool_opens_it_and_the_manifest_verifies(laptop: Workspace, team: Team,
                                                         tmp_path: Path) -> None:
    path = export_full(laptop, team, tmp_path)
    plain = subprocess.run(["age", "--decrypt", "-i", str(team.identity), str(path)],
                           capture_output=True, check=True).stdout
    with zipfile.ZipFile(io.BytesIO(plain)) as archive:
        body, signature = archive.read("manifest.json"), archive.read("manifest.sig")
        manifest = json.loads(body)
        for entry in manifest["files"].values():
            data = archive.read(entry["path"])
            assert hashlib.sha256(data).hexdigest() == entry["sha256"]
    public = keys.public_from_text(laptop.exchange.device_public_key())
    public.verify(base64.b64decode(signature), body)  # raises if it does not verify
    assert manifest["device_id"] == str(laptop.author.device_id)


def refused(ws: Workspace, sealed: bytes, team: Team, trust: list[str], match: str,
            tmp_path: Path) -> None:
    before = db_digest(ws)
    path = tmp_path / "hostile.cfpm-bundle"
    path.write_bytes(sealed)
    with pytest.raises(BundleError, match=match):
        ws.exchange.import_bundle(path, team.identity, trust)
    assert db_digest(ws) == before


def test_every_kind_of_bad_bundle_is_refused_and_changes_nothing(
        laptop: Workspace, central: Workspace, team: Team, tmp_path: Path) -> None:
    sealed = export_full(laptop, team, tmp_path).read_bytes()
    trust = [laptop.exchange.device_public_key()]
    device = keys.device_key(laptop.paths.data_dir / "keys")
    entries = unseal(sealed, team)
    manifest = manifest_of(entries)

    flipped = bytearray(sealed)
    flipped[len(flipped) // 2] ^= 0x01
    refused(central, bytes(flipped), team, trust, "cannot be decrypted", tmp_path)
    refused(central, sealed[: len(sealed) // 3], team, trust, "cannot be decrypted", tmp_path)

    tampered = dict(entries)
    data = bytearray(tampered["data/worker.jsonl"])
    data[10] ^= 0x01
    tampered["data/worker.jsonl"] = bytes(data)
    refused(central, reseal(tampered, team), team, trust, "checksum", tmp_path)

    # Tampering that also breaks a record (here its JSON) is still named as tampering.
    broken = bytearray(entries["data/worker.jsonl"])
    broken[0:1] = b"["
    refused(central, reseal({**entries, "data/worker.jsonl": bytes(broken)}, team), team, trust,
            "checksum", tmp_path)

    stranger = Ed25519PrivateKey.generate()
    forged = {**manifest, "device_public_key": keys.public_text(stranger)}
    refused(central, reseal(entries, team, sign_with=stranger, manifest=forged), team, trust,
            "not trusted", tmp_path)
    altered = {**manifest, "full": False}
    refused(central, reseal(entries, team, manifest=altered), team, trust, "altered", tmp_path)

    refused(central, reseal({**entries, "data/../evil.jsonl": b"{}"}, team), team, trust,
            "Unsafe path", tmp_path)

    worker_lines = entries["data/worker.jsonl"].decode().splitlines()
    first = json.loads(worker_lines[0])
    first["revision"] = "lots"
    wrong = "\n".join([json.dumps(first), *worker_lines[1:]]).encode() + b"\n"
    files = json.loads(json.dumps(manifest["files"]))
    files["worker"].update(bytes=len(wrong), sha256=hashlib.sha256(wrong).hexdigest())
    refused(central, reseal({**entries, "data/worker.jsonl": wrong}, team, sign_with=device,
                            manifest={**manifest, "files": files}),
            team, trust, r"worker\.jsonl, record 1, field revision", tmp_path)

    newer = {**manifest, "format_version": 2}
    refused(central, reseal(entries, team, sign_with=device, manifest=newer), team, trust,
            "format version 2", tmp_path)


def test_a_zip_bomb_is_cut_off_early(laptop: Workspace, central: Workspace, team: Team,
                                     tmp_path: Path) -> None:
    sealed = export_full(laptop, team, tmp_path).read_bytes()
    entries = unseal(sealed, team)
    manifest = manifest_of(entries)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            if name != "data/rating.jsonl":
                archive.writestr(name, data)
        with archive.open("data/rating.jsonl", "w", force_zip64=True) as handle:
            zeros = bytes(1024 * 1024)
            for _ in range(1024):  # 1 GB inflated, about 1 MB on disk
                handle.write(zeros)
    assert len(buffer.getvalue()) < 5 * 1024 * 1024
    sealed_bomb = bytes(pyrage.encrypt(buffer.getvalue(), [keys.load_recipient(team.recipient)]))
    assert manifest["files"]["rating"]["bytes"] < 10 * 1024 * 1024  # type: ignore[index]
    refused(central, sealed_bomb, team, [laptop.exchange.device_public_key()],
            "would inflate to", tmp_path)


def test_importing_the_same_bundle_twice_changes_nothing(laptop: Workspace, central: Workspace,
                                                         team: Team, tmp_path: Path) -> None:
    path = export_full(laptop, team, tmp_path)
    trust = [laptop.exchange.device_public_key()]
    first = central.exchange.import_bundle(path, team.identity, trust)
    before = db_digest(central)
    again = central.exchange.import_bundle(path, team.identity, trust)
    assert again.duplicate and not first.duplicate
    assert all(c["inserted"] == c["updated"] == 0 for c in again.tables.values())
    assert db_digest(central) == before


def test_incremental_export_after_acknowledgement(laptop: Workspace, team: Team,
                                                  tmp_path: Path) -> None:
    first = laptop.exchange.export(tmp_path / "out", team.recipient)
    assert first.counts["rating"] > 0
    laptop.exchange.acknowledge(first.bundle_id)
    worker = laptop.workers.find()[0]
    laptop.workers.edit(worker.id, office="Delta")
    second = laptop.exchange.export(tmp_path / "out", team.recipient)
    assert second.counts["worker"] == 1 and second.counts["rating"] == 0
    assert second.counts["observation"] == 0


def test_case_references_and_notes_only_when_asked(laptop: Workspace, central: Workspace,
                                                   team: Team, tmp_path: Path) -> None:
    worker = laptop.workers.find()[0]
    obs = laptop.observations.start(worker.id, "cpm-practice", "home_visit",
                                    case_reference="2026-0042", instrument_version=1)
    laptop.observations.set_evidence(obs.id, "engagement.1", "Asked about the week")
    default = unseal(laptop.exchange.export(tmp_path / "a", team.recipient, full=True)
                     .path.read_bytes(), team)
    assert b"2026-0042" not in default["data/observation.jsonl"]
    assert b"Asked about the week" in default["data/rating.jsonl"]
    bare = unseal(laptop.exchange.export(tmp_path / "b", team.recipient, full=True,
                                         omit_notes=True).path.read_bytes(), team)
    assert b"Asked about the week" not in bare["data/rating.jsonl"]
    assert manifest_of(bare)["includes_notes"] is False
    with_refs = unseal(laptop.exchange.export(tmp_path / "c", team.recipient, full=True,
                                              include_case_refs=True).path.read_bytes(), team)
    assert b"2026-0042" in with_refs["data/observation.jsonl"]


def test_an_incremental_bundle_without_its_parents_is_refused(
        laptop: Workspace, central: Workspace, team: Team, tmp_path: Path) -> None:
    first = laptop.exchange.export(tmp_path / "a", team.recipient)
    laptop.exchange.acknowledge(first.bundle_id)
    worker = laptop.workers.find()[0]
    obs = laptop.observations.start(worker.id, "cpm-practice", "home_visit", instrument_version=1)
    laptop.observations.rate(obs.id, "engagement.1", 3)
    second = laptop.exchange.export(tmp_path / "b", team.recipient)
    assert second.counts["worker"] == 0 and second.counts["observation"] == 1
    refused(central, second.path.read_bytes(), team, [laptop.exchange.device_public_key()],
            "records this store does not have", tmp_path)


def test_a_bundle_written_before_pair_codes_still_imports(laptop: Workspace, central: Workspace,
                                                          team: Team, tmp_path: Path) -> None:
    """Format 1 bundles from before the co-observation column have no pair_code: still valid."""
    entries = unseal(export_full(laptop, team, tmp_path).read_bytes(), team)
    lines = entries["data/observation.jsonl"].decode().splitlines()
    old = [json.dumps({k: v for k, v in json.loads(line).items() if k != "pair_code"})
           for line in lines]
    assert old and all("pair_code" not in line for line in old)
    data = ("\n".join(old) + "\n").encode()
    manifest = manifest_of(entries)
    files = manifest["files"]
    assert isinstance(files, dict)
    files["observation"].update(bytes=len(data), sha256=hashlib.sha256(data).hexdigest())
    device = keys.device_key(laptop.paths.data_dir / "keys")
    sealed = reseal({**entries, "data/observation.jsonl": data}, team, sign_with=device,
                    manifest=manifest)
    path = tmp_path / "old.cfpm-bundle"
    path.write_bytes(sealed)
    receipt = central.exchange.import_bundle(path, team.identity,
                                             [laptop.exchange.device_public_key()])
    assert receipt.tables["observation"]["inserted"] == len(old)
    assert all(o.id for o in central.observations.find())
