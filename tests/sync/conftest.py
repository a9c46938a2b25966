"""Two stores (a coach's laptop and the central team's), a team identity, and crafted bundles."""

import base64
import hashlib
import io
import json
import sqlite3
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyrage
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from cfpm_coach.services.workspace import Workspace
from cfpm_coach.sync import keys
from cfpm_coach.sync.bundle import canonical


@dataclass
class Team:
    """The central team's identity file and public recipient."""

    identity: Path
    recipient: str


@pytest.fixture
def team(tmp_path: Path) -> Team:
    path = tmp_path / "team.key"
    return Team(path, keys.new_team_identity(path))


@pytest.fixture
def laptop(tmp_path: Path) -> Iterator[Workspace]:
    ws = Workspace.open(tmp_path / "laptop")
    ws.demo.generate(workers=4, months=2, seed=11)
    yield ws
    ws.close()


@pytest.fixture
def central(tmp_path: Path) -> Iterator[Workspace]:
    ws = Workspace.open(tmp_path / "central")
    yield ws
    ws.close()


def db_digest(ws: Workspace) -> str:
    """SHA-256 of the store's main file after folding the WAL in: what a person would copy."""
    conn = sqlite3.connect(ws.store.path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return hashlib.sha256(ws.store.path.read_bytes()).hexdigest()


def unseal(sealed: bytes, team: Team) -> dict[str, bytes]:
    """The entries of a sealed bundle."""
    plain = pyrage.decrypt(sealed, [keys.load_identity(team.identity)])
    with zipfile.ZipFile(io.BytesIO(plain)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def reseal(entries: dict[str, bytes], team: Team, *, sign_with: Ed25519PrivateKey | None = None,
           manifest: dict[str, object] | None = None) -> bytes:
    """Zip entries again (re-signing a changed manifest when given a key) and seal them."""
    entries = dict(entries)
    if manifest is not None:
        entries["manifest.json"] = canonical(manifest)
    if sign_with is not None:
        entries["manifest.sig"] = base64.b64encode(sign_with.sign(entries["manifest.json"]))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return bytes(pyrage.encrypt(buffer.getvalue(), [keys.load_recipient(team.recipient)]))


def manifest_of(entries: dict[str, bytes]) -> dict[str, object]:
    return json.loads(entries["manifest.json"])
