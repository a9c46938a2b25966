"""What a hostile laptop does: take its own real bundle, edit the records, re-sign with its own
real device key, seal to the team. The signature is valid; only ownership can stop it."""

import base64
import hashlib
import io
import json
import uuid
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyrage
from sqlalchemy import select

from cfpm_coach.services.workspace import Workspace
from cfpm_coach.storage import hub_models  # noqa: F401  (the hub's tables, snapshotted too)
from cfpm_coach.storage.models import SQLModel
from cfpm_coach.storage.store import Store
from cfpm_coach.sync import keys
from cfpm_coach.sync.bundle import canonical

TABLES = ("coach", "worker", "observation", "observation_amendment", "rating", "goal", "audit_log")


@dataclass
class Forged:
    """A bundle opened for editing: its manifest and every table's records as JSON dicts."""

    manifest: dict[str, Any]
    tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


def unseal(sealed: bytes, identity_file: Path) -> dict[str, bytes]:
    """The entries of a sealed bundle (the attacker laptop holds its own bytes before sealing)."""
    plain = pyrage.decrypt(sealed, [keys.load_identity(identity_file)])
    with zipfile.ZipFile(io.BytesIO(plain)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def open_for_editing(sealed: bytes, identity_file: Path) -> Forged:
    """A real bundle's manifest and records."""
    entries = unseal(sealed, identity_file)
    forged = Forged(json.loads(entries["manifest.json"]))
    for name in TABLES:
        data = entries.get(f"data/{name}.jsonl", b"").decode()
        forged.tables[name] = [json.loads(line) for line in data.splitlines()]
    return forged


def seal(forged: Forged, ws: Workspace, recipient: str, *, bundle_id: str | None = None) -> bytes:
    """Write the edited records, fix the manifest's counts and hashes, sign it with the laptop's
    own key and seal it to the team: a bundle every check but ownership accepts."""
    manifest = dict(forged.manifest)
    manifest["bundle_id"] = bundle_id or str(uuid.uuid4())
    files: dict[str, Any] = {}
    entries: dict[str, bytes] = {}
    for name, rows in forged.tables.items():
        lines = [json.dumps(row, ensure_ascii=False, separators=(",", ":")) for row in rows]
        data = ("\n".join(lines) + ("\n" if lines else "")).encode()
        path = f"data/{name}.jsonl"
        entries[path] = data
        files[name] = {"path": path, "records": len(lines), "bytes": len(data),
                       "sha256": hashlib.sha256(data).hexdigest()}
    manifest["files"] = files
    body = canonical(manifest)
    device = keys.device_key(ws.paths.data_dir / "keys")
    entries["manifest.json"] = body
    entries["manifest.sig"] = base64.b64encode(device.sign(body))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return bytes(pyrage.encrypt(buffer.getvalue(), [keys.load_recipient(recipient)]))


def now_text() -> str:
    return datetime.now(UTC).isoformat()


def snapshot(store: Store) -> dict[str, list[tuple[str, ...]]]:
    """Every row of every table but the hub's logs (a refusal is noted there by design), as
    text, sorted: equal snapshots mean nothing changed."""
    with store.read() as session:
        return {name: sorted(tuple(str(v) for v in row)
                             for row in session.execute(select(table)).all())
                for name, table in SQLModel.metadata.tables.items()
                if name not in ("hub_refusal", "hub_access_log")}
