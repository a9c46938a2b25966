"""Bundle format v1: a zip (manifest.json, manifest.sig, data/<table>.jsonl), signed by the
device's Ed25519 key and sealed to the central team's age recipient. Reading checks everything
before anything is trusted, with limits so a hostile file cannot exhaust the machine (the zip
itself is read by sync.container); any failure on the way is a BundleError, never a crash."""

import base64
import hashlib
import hmac
import io
import json
import uuid
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import pyrage
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from pydantic import BaseModel, ValidationError
from pydantic_core import SchemaValidator

from cfpm_coach.domain.office_subject import subject_problem
from cfpm_coach.domain.record_rules import plain_message
from cfpm_coach.errors import BundleError, CoachError, ForbiddenError
from cfpm_coach.sync import container, keys
from cfpm_coach.sync.records import (
    FORMAT,
    FORMAT_VERSION,
    LATER_OPTIONAL,
    FileEntry,
    Manifest,
    prechecked_readers,
    record_models,
    time_columns,
)

MAX_SEALED_BYTES = 512 * 1024 * 1024
MAX_ENTRY_BYTES = 256 * 1024 * 1024
# A desktop import (a person chose the file): generous, but a zip bomb is still refused.
DESKTOP_LIMITS = container.Limits()
# After this many lines the prechecked reader refused but the model accepted, a file is read
# by the model alone unless such lines stay under one in eight.
PRECHECK_MISSES = 64


def _default(value: Any) -> Any:
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(f"cannot put {type(value).__name__} in a bundle")


def _jsonl(rows: list[dict[str, Any]] | list[str] | tuple[bytes | memoryview, int]
           ) -> tuple[bytes | memoryview, int]:
    """Rows (all dicts, all JSON lines already encoded, or a JSON-lines file already made and
    its record count) as a JSON-lines file, and how many records it holds."""
    if isinstance(rows, tuple):
        return rows
    if not rows or isinstance(rows[0], str):
        lines: list[Any] = rows  # lines already: used as they are, no check or copy per line
    else:
        lines = [json.dumps(row, default=_default, ensure_ascii=False, separators=(",", ":"))
                 for row in rows]
    return ("\n".join(lines) + ("\n" if lines else "")).encode("utf-8"), len(lines)


def canonical(manifest: dict[str, Any]) -> bytes:
    """The exact bytes that are signed: sorted keys, no whitespace."""
    return json.dumps(manifest, sort_keys=True, separators=(",", ":"),
                      ensure_ascii=False).encode("utf-8")


def write(tables: dict[str, list[dict[str, Any]]] | dict[str, list[str]]
          | dict[str, tuple[bytes | memoryview, int]],
          header: dict[str, Any], device_key: Ed25519PrivateKey,
          recipient: pyrage.x25519.Recipient) -> bytes:
    """Build, sign and seal a bundle; returns the age-encrypted bytes. A table is its records,
    its JSON lines, or its JSON-lines file (each line ended by a newline) and its record count."""
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


def decrypt(sealed: bytes, identity: pyrage.x25519.Identity) -> bytes:
    """The zip inside an age-sealed bundle."""
    if len(sealed) > MAX_SEALED_BYTES:
        raise BundleError("The bundle is larger than 512 MB; refused")
    try:
        return bytes(pyrage.decrypt(sealed, [identity]))
    except Exception as exc:  # pyrage raises its own DecryptError and ValueError kinds
        raise BundleError("The bundle cannot be decrypted with this identity: it was sealed "
                          "to another team, or it is damaged or truncated") from exc


def _parse_manifest(body: bytes) -> dict[str, Any]:
    if container.json_depth(body) > container.MAX_JSON_DEPTH:
        raise BundleError(f"manifest.json nests deeper than {container.MAX_JSON_DEPTH} levels; "
                          "refused")
    try:
        raw = json.loads(body)
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        raise BundleError("manifest.json is not valid JSON") from exc
    if not isinstance(raw, dict):
        raise BundleError("manifest.json is not an object")
    return raw


def read_manifest(archive: zipfile.ZipFile) -> tuple[Manifest, bytes, bytes]:
    """The manifest (validated), its exact bytes, and its signature."""
    names = archive.namelist()
    if "manifest.json" not in names or "manifest.sig" not in names:
        raise BundleError("The bundle has no manifest or no signature")
    body = container.read_small(archive, "manifest.json", container.MAX_MANIFEST_BYTES)
    signature_text = container.read_small(archive, "manifest.sig", container.MAX_SIGNATURE_BYTES)
    raw = _parse_manifest(body)
    if raw.get("format") != FORMAT:
        raise BundleError("This file is not a CFPM Coach bundle")
    version = raw.get("format_version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise BundleError(f"The bundle uses format version {version!r}; this app reads up to "
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


@dataclass
class _TableReader:
    """How one data file's lines become records: the prechecked reader first, the table's
    model (which decides and names the field) for any line the reader refuses."""

    model: type[BaseModel]
    prechecked: SchemaValidator
    optional: tuple[str, ...]
    times: tuple[str, ...]
    missed: int = 0  # lines the prechecked reader refused and the model accepted

    def record(self, line: bytes, entry: FileEntry, number: int) -> dict[str, Any]:
        """One line of a data file as a validated record, or BundleError naming the record."""
        if number > entry.records:
            raise BundleError(f"{entry.path} holds more records than the {entry.records} its "
                              "manifest says")
        # A file whose lines keep missing the first pass (times within the last minutes of the
        # rule's bound, say) is read by the model alone: the two passes never cost much more than
        # the model would alone.
        if self.missed < PRECHECK_MISSES or self.missed * 8 < number:
            try:
                row: dict[str, Any] = self.prechecked.validate_json(line)
            except ValidationError:
                self.missed += 1
            else:
                for name in self.optional:
                    row.setdefault(name, None)
                for name in self.times:
                    value = row[name]
                    if value is not None:
                        # In UTC as the rule gives it, with the standard library's tzinfo:
                        # pydantic-core's own calls back into Python on every comparison and
                        # format, which made storing a time cost twice as much.
                        row[name] = value.astimezone(UTC)
                return row
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise BundleError(f"{entry.path}, record {number}: not UTF-8 text (byte "
                              f"{exc.start})") from exc
        return _record(self.model, text, entry.path, number)


def _read_table(archive: zipfile.ZipFile, entry: FileEntry, reader: _TableReader
                ) -> list[dict[str, Any]]:
    """One data file streamed line by line: each record validated as it arrives, then the
    count, size and SHA-256 compared with the manifest."""
    if entry.bytes > MAX_ENTRY_BYTES or entry.bytes < 0:
        raise BundleError(f"{entry.path}: the manifest gives a size of {entry.bytes} bytes; "
                          "refused")
    rows: list[dict[str, Any]] = []
    seen = container.EntryDigest()
    first_refusal: BundleError | None = None
    for number, line in enumerate(container.stream_lines(archive, entry.path, entry.bytes, seen),
                                  start=1):
        if first_refusal is not None:
            continue  # only hashed from here on, so tampering is named as such below
        try:
            rows.append(reader.record(line, entry, number))
        except BundleError as exc:
            first_refusal = exc
    if seen.size != entry.bytes or not hmac.compare_digest(seen.sha256, entry.sha256):
        # A flipped byte can also break a record; the checksum says what really happened.
        raise BundleError(f"{entry.path} does not match its checksum in the manifest")
    if first_refusal is not None:
        raise first_refusal
    if len(rows) != entry.records:
        raise BundleError(f"{entry.path} holds {len(rows)} records; the manifest says "
                          f"{entry.records}")
    return rows


def read_records(archive: zipfile.ZipFile, manifest: Manifest) -> dict[str, list[dict[str, Any]]]:
    """Every data file: size, SHA-256 and count as the manifest says, every record validated."""
    models, readers = record_models(), prechecked_readers()
    listed = {entry.path for entry in manifest.files.values()}
    names = archive.namelist()
    extra = [n for n in names if container.data_table(n) and n not in listed]
    if extra:
        raise BundleError(f"{extra[0]} is in the bundle but not in its manifest")
    records: dict[str, list[dict[str, Any]]] = {}
    for table, entry in manifest.files.items():
        if table not in models or entry.path != f"data/{table}.jsonl":
            raise BundleError(f"The manifest lists an unknown table {table!r}")
        if entry.path not in names:
            raise BundleError(f"{entry.path} is listed in the manifest but missing")
        reader = _TableReader(models[table], readers[table], LATER_OPTIONAL.get(table, ()),
                              time_columns(table))
        records[table] = _read_table(archive, entry, reader)
    for number, row in enumerate(records.get("observation", []), start=1):
        # Exactly one subject, a worker or an office; whether it is the one the instrument
        # rates is checked where the instruments are (services/record_checks.py).
        problem = subject_problem(row)
        if problem is not None:
            raise BundleError(f"data/observation.jsonl, record {number}, field {problem}")
    return records


def _guarded(read: Callable[[], OpenedBundle]) -> OpenedBundle:
    """Run a read; anything but our own refusals (a library failing on a hostile byte) becomes a
    BundleError, so no input can surface as a crash or a 500."""
    try:
        return read()
    except CoachError:
        raise
    except (RecursionError, MemoryError) as exc:
        raise BundleError(f"The bundle is too deeply nested or too large to read "
                          f"({type(exc).__name__}); refused") from exc
    except Exception as exc:
        raise BundleError(f"The bundle cannot be read ({type(exc).__name__}); refused") from exc


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
                trusted: Iterable[Ed25519PublicKey],
                limits: container.Limits = DESKTOP_LIMITS) -> OpenedBundle:
    """Decrypt, check the archive, verify the signature, checksums and every record."""
    trusted_keys = list(trusted)

    def read() -> OpenedBundle:
        digest = hashlib.sha256(sealed).hexdigest()
        with container.open_zip(decrypt(sealed, identity), limits) as archive:
            manifest, body, signature = read_manifest(archive)
            check_signature(manifest, body, signature, trusted_keys)
            return OpenedBundle(manifest, read_records(archive, manifest), digest)

    return _guarded(read)


def open_from_device(sealed: bytes, identity: pyrage.x25519.Identity, device_public_key: str,
                     limits: container.Limits = DESKTOP_LIMITS) -> OpenedBundle:
    """Open a bundle that must be signed by one given device (the hub's check of an upload)."""
    def read() -> OpenedBundle:
        digest = hashlib.sha256(sealed).hexdigest()
        with container.open_zip(decrypt(sealed, identity), limits) as archive:
            manifest, body, signature = read_manifest(archive)
            if manifest.device_public_key != device_public_key:
                raise ForbiddenError("The bundle was signed by another device than the one "
                                     "this token belongs to; refused")
            try:
                check_signature(manifest, body, signature,
                                [keys.public_from_text(device_public_key)])
            except BundleError as exc:
                raise ForbiddenError("The bundle's signature does not verify with this "
                                     "device's key; refused") from exc
            return OpenedBundle(manifest, read_records(archive, manifest), digest)

    return _guarded(read)
