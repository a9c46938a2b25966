"""Bundle format v1: a zip (manifest.json, manifest.sig, data/<table>.jsonl), signed by the
device's Ed25519 key and sealed to the central team's age recipient. Reading checks everything
before anything is trusted, with limits so a hostile file cannot exhaust the machine."""

import base64
import hashlib
import io
import json
import re
import uuid
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import pyrage
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from pydantic import BaseModel, ValidationError

from cfpm_coach.domain.record_rules import plain_message
from cfpm_coach.errors import BundleError, ForbiddenError
from cfpm_coach.sync import keys
from cfpm_coach.sync.records import FORMAT, FORMAT_VERSION, Manifest, record_models

MAX_SEALED_BYTES = 512 * 1024 * 1024
MAX_ENTRY_BYTES = 256 * 1024 * 1024
MAX_MANIFEST_BYTES = 1024 * 1024
MAX_ENTRIES = 32
CHUNK = 1024 * 1024
_DATA_NAME = re.compile(r"^data/([a-z_]+)\.jsonl$")


def _default(value: Any) -> Any:
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(f"cannot put {type(value).__name__} in a bundle")


def _jsonl(rows: Iterable[dict[str, Any] | str]) -> tuple[bytes, int]:
    """Rows (dicts, or JSON lines already encoded) as a JSON-lines file."""
    lines = [row if isinstance(row, str) else
             json.dumps(row, default=_default, ensure_ascii=False, separators=(",", ":"))
             for row in rows]
    return ("\n".join(lines) + ("\n" if lines else "")).encode("utf-8"), len(lines)


def canonical(manifest: dict[str, Any]) -> bytes:
    """The exact bytes that are signed: sorted keys, no whitespace."""
    return json.dumps(manifest, sort_keys=True, separators=(",", ":"),
                      ensure_ascii=False).encode("utf-8")


def write(tables: dict[str, list[dict[str, Any]]] | dict[str, list[str]], header: dict[str, Any],
          device_key: Ed25519PrivateKey, recipient: pyrage.x25519.Recipient) -> bytes:
    """Build, sign and seal a bundle; returns the age-encrypted bytes."""
    files: dict[str, dict[str, Any]] = {}
    payload = io.BytesIO()
    # Level 1: bundles are mostly repetitive JSON; the default level took 3x longer for ~15% less.
    with zipfile.ZipFile(payload, "w", compression=zipfile.ZIP_DEFLATED,
                         compresslevel=1) as archive:
        for name, rows in tables.items():
            data, count = _jsonl(rows)
            path = f"data/{name}.jsonl"
            archive.writestr(path, data)
            files[name] = {"path": path, "records": count, "bytes": len(data),
                           "sha256": hashlib.sha256(data).hexdigest()}
        manifest = {**header, "format": FORMAT, "format_version": FORMAT_VERSION,
                    "device_public_key": keys.public_text(device_key), "files": files}
        Manifest.model_validate(manifest)  # our own output must meet the published schema
        body = canonical(manifest)
        archive.writestr("manifest.json", body)
        archive.writestr("manifest.sig", base64.b64encode(keys.sign(device_key, body)))
    return bytes(pyrage.encrypt(payload.getvalue(), [recipient]))


@dataclass(frozen=True)
class OpenedBundle:
    """A bundle that passed every check."""

    manifest: Manifest
    records: dict[str, list[dict[str, Any]]]  # validated, typed values
    sha256: str  # of the sealed bytes


def _read_entry(archive: zipfile.ZipFile, name: str, limit: int) -> bytes:
    """Read one entry, stopping as soon as it grows past the limit (zip bombs stay small)."""
    buffer = bytearray()
    with archive.open(name) as handle:
        while chunk := handle.read(CHUNK):
            buffer += chunk
            if len(buffer) > limit:
                raise BundleError(f"{name} is larger than its manifest says; refused")
    return bytes(buffer)


def _open_zip(plain: bytes) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(plain))
    except zipfile.BadZipFile as exc:
        raise BundleError("The bundle is not a valid zip archive (truncated or damaged)") from exc
    names = [info.filename for info in archive.infolist()]
    if len(names) > MAX_ENTRIES:
        raise BundleError(f"The bundle holds {len(names)} files; at most {MAX_ENTRIES} allowed")
    if len(set(names)) != len(names):
        raise BundleError("The bundle holds two files with the same name")
    for name in names:
        if name.startswith(("/", "\\")) or ".." in name.split("/") or ":" in name or \
                "\\" in name:
            raise BundleError(f"Unsafe path in the bundle: {name!r}")
        if name not in ("manifest.json", "manifest.sig") and not _DATA_NAME.match(name):
            raise BundleError(f"Unexpected file in the bundle: {name!r}")
    return archive


def decrypt(sealed: bytes, identity: pyrage.x25519.Identity) -> bytes:
    """The zip inside an age-sealed bundle."""
    if len(sealed) > MAX_SEALED_BYTES:
        raise BundleError("The bundle is larger than 512 MB; refused")
    try:
        return bytes(pyrage.decrypt(sealed, [identity]))
    except Exception as exc:  # pyrage raises its own DecryptError and ValueError kinds
        raise BundleError("The bundle cannot be decrypted with this identity: it was sealed "
                          "to another team, or it is damaged or truncated") from exc


def read_manifest(archive: zipfile.ZipFile) -> tuple[Manifest, bytes, bytes]:
    """The manifest (validated), its exact bytes, and its signature."""
    names = archive.namelist()
    if "manifest.json" not in names or "manifest.sig" not in names:
        raise BundleError("The bundle has no manifest or no signature")
    body = _read_entry(archive, "manifest.json", MAX_MANIFEST_BYTES)
    signature_text = _read_entry(archive, "manifest.sig", 1024)
    try:
        raw = json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise BundleError("manifest.json is not valid JSON") from exc
    if not isinstance(raw, dict):
        raise BundleError("manifest.json is not an object")
    if raw.get("format") != FORMAT:
        raise BundleError("This file is not a CFPM Coach bundle")
    version = raw.get("format_version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise BundleError(f"The bundle uses format version {version}; this app reads up to "
                          f"{FORMAT_VERSION}. Update CFPM Coach to import it.")
    try:
        manifest = Manifest.model_validate(raw)
    except ValidationError as exc:
        error = exc.errors()[0]
        raise BundleError(f"manifest.json is malformed: field {_field_path(error['loc'])}: "
                          f"{plain_message(error)}") from exc
    try:
        signature = base64.b64decode(signature_text, validate=True)
    except ValueError as exc:
        raise BundleError("manifest.json is malformed: its signature is not base64") from exc
    return manifest, body, signature


def _field_path(loc: tuple[int | str, ...]) -> str:
    """A validation error's location as text that any response can carry (a key may hold a
    lone surrogate or a control character: escaped), cut to a readable length."""
    where = ".".join(str(part) for part in loc) or "record"
    return where.encode("ascii", "backslashreplace").decode("ascii")[:100]


def check_signature(manifest: Manifest, body: bytes, signature: bytes,
                    trusted: Iterable[Ed25519PublicKey]) -> None:
    """Refuse unless a trusted device key signed exactly these manifest bytes."""
    claimed = manifest.device_public_key
    for public in trusted:
        if keys.public_text(public) == claimed:
            if keys.verifies(public, signature, body):
                return
            raise BundleError("The manifest's signature does not verify: the bundle was "
                              "altered after it was signed")
    raise BundleError(f"The bundle was signed by a device that is not trusted here "
                      f"(device {manifest.device_id}); enroll its key or pass --trust-device")


def read_records(archive: zipfile.ZipFile, manifest: Manifest) -> dict[str, list[dict[str, Any]]]:
    """Every data file: size, SHA-256 and count as the manifest says, every record validated."""
    models = record_models()
    listed = {entry.path for entry in manifest.files.values()}
    extra = [n for n in archive.namelist() if _DATA_NAME.match(n) and n not in listed]
    if extra:
        raise BundleError(f"{extra[0]} is in the bundle but not in its manifest")
    records: dict[str, list[dict[str, Any]]] = {}
    for table, entry in manifest.files.items():
        if table not in models or entry.path != f"data/{table}.jsonl":
            raise BundleError(f"The manifest lists an unknown table {table!r}")
        if entry.path not in archive.namelist():
            raise BundleError(f"{entry.path} is listed in the manifest but missing")
        if entry.bytes > MAX_ENTRY_BYTES:
            raise BundleError(f"{entry.path} is larger than 256 MB; refused")
        data = _read_entry(archive, entry.path, entry.bytes)
        if len(data) != entry.bytes or hashlib.sha256(data).hexdigest() != entry.sha256:
            raise BundleError(f"{entry.path} does not match its checksum in the manifest")
        lines = data.decode("utf-8").splitlines()
        if len(lines) != entry.records:
            raise BundleError(f"{entry.path} holds {len(lines)} records; the manifest says "
                              f"{entry.records}")
        records[table] = [_record(models[table], line, entry.path, number)
                          for number, line in enumerate(lines, start=1)]
    return records


def _record(model: type[BaseModel], line: str, path: str, number: int) -> dict[str, Any]:
    """One validated record, or BundleError naming file, record and field."""
    try:
        return model.model_validate_json(line).model_dump()
    except ValidationError as exc:
        error = exc.errors()[0]
        if error["type"] == "json_invalid":
            # pydantic's parser refuses a lone surrogate (\ud800) in a string outright;
            # Python's parser reads it, so the field's own rule can name the field.
            try:
                model.model_validate(json.loads(line))
            except ValidationError as named:
                error = named.errors()[0]
            except (ValueError, RecursionError):
                pass
        where = _field_path(error["loc"])
        raise BundleError(f"{path}, record {number}, field {where}: "
                          f"{plain_message(error)}") from exc


def open_bundle(sealed: bytes, identity: pyrage.x25519.Identity,
                trusted: Iterable[Ed25519PublicKey]) -> OpenedBundle:
    """Decrypt, check the archive, verify the signature, checksums and every record."""
    digest = hashlib.sha256(sealed).hexdigest()
    archive = _open_zip(decrypt(sealed, identity))
    with archive:
        manifest, body, signature = read_manifest(archive)
        check_signature(manifest, body, signature, list(trusted))
        return OpenedBundle(manifest, read_records(archive, manifest), digest)


def open_from_device(sealed: bytes, identity: pyrage.x25519.Identity, device_public_key: str
                     ) -> OpenedBundle:
    """Open a bundle that must be signed by one given device (the hub's check of an upload)."""
    digest = hashlib.sha256(sealed).hexdigest()
    archive = _open_zip(decrypt(sealed, identity))
    with archive:
        manifest, body, signature = read_manifest(archive)
        if manifest.device_public_key != device_public_key:
            raise ForbiddenError("The bundle was signed by another device than the one this "
                                 "token belongs to; refused")
        try:
            check_signature(manifest, body, signature, [keys.public_from_text(device_public_key)])
        except BundleError as exc:
            raise ForbiddenError("The bundle's signature does not verify with this device's "
                                 "key; refused") from exc
        return OpenedBundle(manifest, read_records(archive, manifest), digest)
