"""The zip inside a bundle, read as hostile input: only plain entries, sizes bounded before a byte
is inflated, every entry streamed, and every way zipfile or zlib can fail turned into a refusal
that names the file (a CRC error, an unknown method, the encrypted flag, a truncated stream)."""

import hashlib
import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

from cfpm_coach.errors import BundleError, BundleTooLargeError

# The protocol's cap on what one bundle inflates to (every entry's uncompressed bytes): what every
# hub takes by default, so one bundle's cost at the hub is bounded. Laptops write parts of at most
# half of it (a large export becomes several bundles), so a hub with the default takes them with
# margin; only a single record larger than a part makes a larger one (lines are capped below).
# 12 MiB: at 16 MiB a hostile bundle packed to the cap cost the hub 1.2-2.0 s of CPU on a 2-core
# machine (median 1.84 s; the budget is 2 s), too close; a legitimate export is a few more parts.
MAX_INFLATED_BYTES = 12 * 1024 * 1024
PART_INFLATED_BYTES = MAX_INFLATED_BYTES // 2
MAX_ENTRIES = 32
MAX_MANIFEST_BYTES = 256 * 1024
MAX_SIGNATURE_BYTES = 1024
# A manifest is three levels deep; 16 leaves room and stops a 200,000-deep one before json.loads.
MAX_JSON_DEPTH = 16
# One record a line: the longest legitimate line is a rating or note at the services' caps.
MAX_LINE_BYTES = 4 * 1024 * 1024
CHUNK = 256 * 1024
# Below this many uncompressed bytes the ratio guard does not apply (tiny bundles compress well).
RATIO_FLOOR_BYTES = 1024 * 1024
_DATA_NAME = re.compile(r"^data/([a-z_]+)\.jsonl$")
_PLAIN_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
# What zipfile and zlib raise for a damaged or unsupported entry (besides BadZipFile).
_ZIP_FAILURES = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError,
                 ValueError, OSError, OverflowError)


@dataclass(frozen=True)
class Limits:
    """How much a bundle may inflate to: in total, and per byte of the zip (a zip bomb's ratio)."""

    max_uncompressed_bytes: int = 1024 * 1024 * 1024  # a desktop import: a person chose the file
    max_compression_ratio: int = 50

    def allowed_for(self, zip_bytes: int) -> int:
        """The uncompressed total a zip of this size may hold."""
        by_ratio = max(RATIO_FLOOR_BYTES, zip_bytes * self.max_compression_ratio)
        return min(self.max_uncompressed_bytes, by_ratio)


def open_zip(plain: bytes, limits: Limits) -> zipfile.ZipFile:
    """The archive, refused unless every entry is plain, safely named and within the limits."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(plain))
        infos = archive.infolist()
    except _ZIP_FAILURES as exc:
        raise BundleError("The bundle is not a valid zip archive (truncated or damaged)") from exc
    names = [info.filename for info in infos]
    if len(names) > MAX_ENTRIES:
        raise BundleError(f"The bundle holds {len(names)} files; at most {MAX_ENTRIES} allowed")
    if len(set(names)) != len(names):
        raise BundleError("The bundle holds two files with the same name")
    total = 0
    for info in infos:
        name = info.filename
        if name.startswith(("/", "\\")) or ".." in name.split("/") or ":" in name or \
                "\\" in name:
            raise BundleError(f"Unsafe path in the bundle: {name!r}")
        if name not in ("manifest.json", "manifest.sig") and not _DATA_NAME.match(name):
            raise BundleError(f"Unexpected file in the bundle: {name!r}")
        if info.flag_bits & 0x1:
            raise BundleError(f"{name} is encrypted inside the zip; bundles never are")
        if info.compress_type not in _PLAIN_METHODS:
            raise BundleError(f"{name} uses zip compression method {info.compress_type}; "
                              "bundles use only stored or deflated entries")
        total += info.file_size
    if total > limits.max_uncompressed_bytes:
        raise BundleTooLargeError(
            f"The bundle would inflate to {total} bytes; this hub takes at most "
            f"{limits.max_uncompressed_bytes} bytes per bundle (its max_uncompressed_bytes). "
            "CFPM Coach splits a larger export into several bundles: export again with an "
            "up-to-date version.")
    allowed = limits.allowed_for(len(plain))
    if total > allowed:
        raise BundleError(f"The bundle would inflate to {total} bytes from {len(plain)}; this "
                          f"hub takes at most {allowed} (a total cap of "
                          f"{limits.max_uncompressed_bytes} and a compression ratio of "
                          f"{limits.max_compression_ratio}:1)")
    return archive


def data_table(name: str) -> str | None:
    """The table a data entry's name stands for, or None for the manifest and signature."""
    match = _DATA_NAME.match(name)
    return match.group(1) if match else None


def read_small(archive: zipfile.ZipFile, name: str, limit: int) -> bytes:
    """A whole entry that must stay under `limit` bytes (manifest, signature)."""
    info = archive.getinfo(name)
    if info.file_size > limit:
        raise BundleError(f"{name} is {info.file_size} bytes; at most {limit} allowed")
    buffer = bytearray()
    try:
        with archive.open(info) as handle:
            while chunk := handle.read(CHUNK):
                buffer += chunk
                if len(buffer) > limit:
                    raise BundleError(f"{name} is larger than {limit} bytes; refused")
    except _ZIP_FAILURES as exc:
        raise BundleError(f"{name} cannot be read from the zip ({_why(exc)})") from exc
    return bytes(buffer)


@dataclass
class EntryDigest:
    """What streaming an entry saw: its size and SHA-256, filled in when the stream ends."""

    size: int = 0
    sha256: str = ""


def stream_lines(archive: zipfile.ZipFile, name: str, max_bytes: int, digest: EntryDigest
                 ) -> Iterator[bytes]:
    """The entry's lines (split on \\n only), inflated a chunk at a time; size and hash checked
    as it goes, so the whole file is never held at once."""
    info = archive.getinfo(name)
    if info.file_size > max_bytes:
        raise BundleError(f"{name} is larger than its manifest says; refused")
    hasher = hashlib.sha256()
    pending = b""
    try:
        with archive.open(info) as handle:
            while chunk := handle.read(CHUNK):
                digest.size += len(chunk)
                if digest.size > max_bytes:
                    raise BundleError(f"{name} is larger than its manifest says; refused")
                hasher.update(chunk)
                pending += chunk
                *lines, pending = pending.split(b"\n")
                if len(pending) > MAX_LINE_BYTES:
                    raise BundleError(f"{name} holds a line longer than {MAX_LINE_BYTES} bytes")
                yield from lines
    except _ZIP_FAILURES as exc:
        raise BundleError(f"{name} cannot be read from the zip ({_why(exc)})") from exc
    if pending:
        yield pending  # a last line without its newline still counts (and is checked)
    digest.sha256 = hasher.hexdigest()


def _why(exc: BaseException) -> str:
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def json_depth(text: bytes, limit: int = MAX_JSON_DEPTH) -> int:
    """How deeply arrays and objects nest in a JSON text, counted without parsing it (stops
    counting past `limit`), so a hostile depth never reaches the recursive parser."""
    depth = deepest = 0
    in_string = escaped = False
    for byte in text:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:  # quote
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):  # [ {
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > limit:
                    return deepest
        elif byte in (0x5D, 0x7D):  # ] }
            depth -= 1
    return deepest
