"""Device signing keys (Ed25519) and the central team's age identity (X25519)."""

import base64
import logging
import os
from pathlib import Path

import pyrage
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from cfpm_coach.errors import KeyFileError
from cfpm_coach.storage import files
from cfpm_coach.storage.cipher import DatabaseKey
from cfpm_coach.sync import device_key_file

log = logging.getLogger(__name__)

DEVICE_KEY = device_key_file.DEVICE_KEY


def _write_private(path: Path, data: bytes) -> None:
    files.private_dir(path.parent)
    files.write_atomic(path, data, mode=0o600)


def device_key(keys_dir: Path, passphrase: DatabaseKey | None = None) -> Ed25519PrivateKey:
    """This device's signing key, created owner-only on first use.

    With the store's passphrase the file is encrypted under it (a plain file from before is
    converted at once); without one it is plain. A conversion a crash interrupted is finished
    first (device_key_file.settle).
    """
    device_key_file.settle(keys_dir, passphrase)
    path = keys_dir / DEVICE_KEY
    if not path.exists():
        key = Ed25519PrivateKey.generate()
        device_key_file.write(path, key, passphrase)
        return key
    data = device_key_file.read(path)
    key = device_key_file.from_pem(path, data, passphrase)
    if passphrase is not None and not device_key_file.is_protected(data):
        try:
            device_key_file.write(path, key, passphrase)
            log.info("device key now protected by the store's passphrase")
        except OSError as exc:
            # A full disk must not stop signing; the plain file stays whole and is converted
            # the next time the key is opened.
            log.warning("device key not yet re-encrypted (%s)", type(exc).__name__)
    return key


def public_text(key: Ed25519PrivateKey | Ed25519PublicKey) -> str:
    """A public key as base64 text, for enrollment and --trust-device."""
    public = key.public_key() if isinstance(key, Ed25519PrivateKey) else key
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return base64.b64encode(raw).decode("ascii")


def public_from_text(text: str) -> Ed25519PublicKey:
    """Parse a public key given as base64 text."""
    try:
        raw = base64.b64decode(text.strip(), validate=True)
        return Ed25519PublicKey.from_public_bytes(raw)
    except (ValueError, TypeError) as exc:
        raise KeyFileError(f"{text!r} is not a device public key") from exc


def sign(key: Ed25519PrivateKey, data: bytes) -> bytes:
    """Ed25519 signature of data."""
    return key.sign(data)


def verifies(public: Ed25519PublicKey, signature: bytes, data: bytes) -> bool:
    """True when the signature over data was made by public's key."""
    try:
        public.verify(signature, data)
    except InvalidSignature:
        return False
    return True


def publisher_key(path: Path) -> Ed25519PrivateKey:
    """The hub's publisher signing key, created owner-only on first use (a hub made before
    publisher keys gets one on its first open)."""
    if not path.exists():
        # Two processes may open an older hub at once: each writes its own temp file and links
        # it into place, which only the first can do; both then read the one that won.
        temp = path.with_name(f".{path.name}.{os.getpid()}.new")
        pem = Ed25519PrivateKey.generate().private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption())
        _write_private(temp, pem)
        try:
            os.link(temp, path)
        except FileExistsError:
            pass
        finally:
            temp.unlink(missing_ok=True)
        log.info("hub publisher key created")
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (OSError, ValueError, TypeError) as exc:
        raise KeyFileError(f"The hub's publisher key {path} cannot be read; restore it from "
                           "the hub's backup") from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise KeyFileError(f"{path} is not an Ed25519 publisher key")
    return key


def new_team_identity(path: Path) -> str:
    """Write a new age identity owner-only; returns its public recipient (age1...)."""
    if path.exists():
        raise KeyFileError(f"{path} exists; a team identity is never overwritten")
    identity = pyrage.x25519.Identity.generate()
    recipient = str(identity.to_public())
    _write_private(path, f"# public key: {recipient}\n{identity}\n".encode("ascii"))
    return recipient


def load_identity(path: Path) -> pyrage.x25519.Identity:
    """The team's age identity from a file written by new_team_identity or age-keygen."""
    try:
        lines = path.read_text(encoding="ascii").splitlines()
    except OSError as exc:
        raise KeyFileError(f"The identity file {path} cannot be read ({exc.strerror})") from exc
    for line in lines:
        if line.startswith("AGE-SECRET-KEY-"):
            return pyrage.x25519.Identity.from_str(line.strip())
    raise KeyFileError(f"{path} holds no age identity (a line starting AGE-SECRET-KEY-)")


def load_recipient(text: str) -> pyrage.x25519.Recipient:
    """The team's public recipient (age1...)."""
    try:
        return pyrage.x25519.Recipient.from_str(text.strip())
    except Exception as exc:
        raise KeyFileError(f"{text!r} is not an age public key (age1...)") from exc
