"""What an attacker holding a laptop (its device key) or only the team's public key can build:
bundles re-zipped with odd flags, damaged entries, edited records, validly signed or not."""

import base64
import hashlib
import io
import json
import struct
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyrage
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import inspect, text

from cfpm_coach.hub.service import Hub
from cfpm_coach.services.workspace import Workspace
from cfpm_coach.sync import keys
from cfpm_coach.sync.bundle import canonical

_LOCAL, _CENTRAL = b"PK\x03\x04", b"PK\x01\x02"


@dataclass
class Forger:
    """A laptop's valid bundle taken apart, and the means to put a changed one back together."""

    entries: dict[str, bytes]
    device_key: Ed25519PrivateKey
    recipient: str

    @classmethod
    def from_laptop(cls, laptop: Workspace, hub: Hub, recipient: str, out: Path) -> "Forger":
        sealed = laptop.exchange.export(out, recipient, full=True).path.read_bytes()
        plain = pyrage.decrypt(sealed, [keys.load_identity(hub.config.identity_file)])
        with zipfile.ZipFile(io.BytesIO(plain)) as archive:
            entries = {name: archive.read(name) for name in archive.namelist()}
        return cls(entries, keys.device_key(laptop.paths.data_dir / "keys"), recipient)

    @property
    def manifest(self) -> dict[str, Any]:
        parsed: dict[str, Any] = json.loads(self.entries["manifest.json"])
        return parsed

    def records(self, table: str) -> list[dict[str, Any]]:
        """The records of one data file."""
        return [json.loads(line) for line in self.entries[f"data/{table}.jsonl"].splitlines()]

    def with_data(self, table: str, data: bytes, *, records: int | None = None
                  ) -> dict[str, bytes]:
        """Entries with one data file replaced and the manifest re-described and re-signed."""
        entries = dict(self.entries)
        entries[f"data/{table}.jsonl"] = data
        manifest = self.manifest
        manifest["files"][table].update(
            bytes=len(data), sha256=hashlib.sha256(data).hexdigest(),
            records=records if records is not None else data.count(b"\n"))
        return self.signed(entries, manifest)

    def with_records(self, table: str, rows: list[dict[str, Any]]) -> dict[str, bytes]:
        """Entries with one table's records replaced (validly signed)."""
        data = b"".join(json.dumps(r).encode("utf-8") + b"\n" for r in rows)
        return self.with_data(table, data, records=len(rows))

    def signed(self, entries: dict[str, bytes], manifest: dict[str, Any] | None = None
               ) -> dict[str, bytes]:
        """Entries whose manifest is (re)written canonically and signed by the device."""
        entries = dict(entries)
        if manifest is not None:
            entries["manifest.json"] = canonical(manifest)
        entries["manifest.sig"] = base64.b64encode(self.device_key.sign(entries["manifest.json"]))
        return entries

    def seal(self, plain: bytes) -> bytes:
        """A zip sealed to the team, as anyone with its public key can."""
        return bytes(pyrage.encrypt(plain, [keys.load_recipient(self.recipient)]))


def zipped(entries: dict[str, bytes], *, method: int = zipfile.ZIP_DEFLATED) -> bytes:
    """The entries as a zip."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=method) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def patch_headers(plain: bytes, *, method: int | None = None, flags: int | None = None) -> bytes:
    """Set the compression method and/or OR in general-purpose flags in every local and central
    header (what a hostile zip tool can write)."""
    data = bytearray(plain)
    for signature, flag_at, method_at in ((_LOCAL, 6, 8), (_CENTRAL, 8, 10)):
        start = 0
        while (found := data.find(signature, start)) >= 0:
            if flags is not None:
                old = struct.unpack_from("<H", data, found + flag_at)[0]
                struct.pack_into("<H", data, found + flag_at, old | flags)
            if method is not None:
                struct.pack_into("<H", data, found + method_at, method)
            start = found + 4
    return bytes(data)


def bad_crc(entries: dict[str, bytes], name: str) -> bytes:
    """A stored zip whose entry `name` has one byte changed after its CRC was written."""
    plain = bytearray(zipped(entries, method=zipfile.ZIP_STORED))
    at = plain.find(entries[name][:64]) + 10
    plain[at] ^= 0x20
    return bytes(plain)


# The hub's own logs: a refusal is noted there by design (the laptops page shows why), and
# reads are logged; neither is data a bundle could change.
HUB_LOGS = frozenset({"hub_refusal", "hub_access_log"})


def snapshot(hub: Hub) -> str:
    """A digest of every row of every table but the hub's logs: equal before and after means
    nothing changed."""
    digest = hashlib.sha256()
    with hub.store.read() as session:
        names = sorted(set(inspect(session.get_bind()).get_table_names()) - HUB_LOGS)
        for name in names:
            rows = session.execute(text(f'SELECT * FROM "{name}"')).all()
            digest.update(name.encode())
            for row in sorted(repr(tuple(row)) for row in rows):
                digest.update(row.encode())
    return digest.hexdigest()


