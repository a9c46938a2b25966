"""The device key's file: PKCS#8 PEM, encrypted under the store's passphrase when it has one.

Encrypted files are standard PBES2 "ENCRYPTED PRIVATE KEY" PEM (PBKDF2-HMAC-SHA256, AES-256-CBC),
which OpenSSL and `cryptography` read. `cryptography` writes that format with only 2,048 PBKDF2
rounds, which would make the key file a shortcut for guessing the passphrase; the file is built
here with KDF_ROUNDS instead, so a guess costs about what a guess at the SQLCipher store costs
(256,000 rounds of PBKDF2-HMAC-SHA512).

A passphrase change converts the file in two steps that a crash can interrupt anywhere: the key
re-encrypted for the new passphrase is written beside it (stage), the store is re-keyed, then
whichever file opens under the passphrase the store now has is kept (settle). Opening the key
settles first, so a crash between the steps is finished on the next start.
"""

import base64
import contextlib
import logging
import os
from pathlib import Path

from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes, padding, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC

from cfpm_coach.errors import KeyFileError
from cfpm_coach.storage import files
from cfpm_coach.storage.cipher import DatabaseKey

log = logging.getLogger(__name__)
DEVICE_KEY = "device-ed25519.pem"
STAGED = DEVICE_KEY + ".next"
ENCRYPTED_PEM = b"-----BEGIN ENCRYPTED PRIVATE KEY-----"
KDF_ROUNDS = 600_000  # OWASP's figure for PBKDF2-HMAC-SHA256 (2023)

# DER object identifiers of the PBES2 structure (RFC 8018) and AES-256-CBC.
_PBES2 = bytes.fromhex("2a864886f70d01050d")
_PBKDF2 = bytes.fromhex("2a864886f70d01050c")
_HMAC_SHA256 = bytes.fromhex("2a864886f70d0209")
_AES256_CBC = bytes.fromhex("60864801650304012a")
_SEQUENCE, _INTEGER, _OCTETS, _OID, _NULL = 0x30, 0x02, 0x04, 0x06, b"\x05\x00"


def _der(tag: int, content: bytes) -> bytes:
    size = len(content)
    if size < 0x80:
        return bytes([tag, size]) + content
    raw = size.to_bytes((size.bit_length() + 7) // 8, "big")
    return bytes([tag, 0x80 | len(raw)]) + raw + content


def _encrypted_pem(plain_der: bytes, password: bytes) -> bytes:
    salt, iv = os.urandom(16), os.urandom(16)
    kek = PBKDF2HMAC(hashes.SHA256(), 32, salt, KDF_ROUNDS).derive(password)
    padder = padding.PKCS7(128).padder()
    encryptor = Cipher(algorithms.AES(kek), modes.CBC(iv)).encryptor()
    sealed = encryptor.update(padder.update(plain_der) + padder.finalize()) + encryptor.finalize()
    rounds = KDF_ROUNDS.to_bytes(KDF_ROUNDS.bit_length() // 8 + 1, "big")
    prf = _der(_SEQUENCE, _der(_OID, _HMAC_SHA256) + _NULL)
    kdf = _der(_SEQUENCE, _der(_OID, _PBKDF2) + _der(
        _SEQUENCE, _der(_OCTETS, salt) + _der(_INTEGER, rounds) + prf))
    cipher = _der(_SEQUENCE, _der(_OID, _AES256_CBC) + _der(_OCTETS, iv))
    algorithm = _der(_SEQUENCE, _der(_OID, _PBES2) + _der(_SEQUENCE, kdf + cipher))
    text = base64.b64encode(_der(_SEQUENCE, algorithm + _der(_OCTETS, sealed))).decode("ascii")
    lines = [text[i:i + 64] for i in range(0, len(text), 64)]
    return ("-----BEGIN ENCRYPTED PRIVATE KEY-----\n" + "\n".join(lines)
            + "\n-----END ENCRYPTED PRIVATE KEY-----\n").encode("ascii")


def to_pem(key: Ed25519PrivateKey, passphrase: DatabaseKey | None) -> bytes:
    """The key as PKCS#8 PEM: encrypted under passphrase, or plain without one."""
    if passphrase is None:
        return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                 serialization.NoEncryption())
    der = key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption())
    return _encrypted_pem(der, passphrase.utf8())


def is_protected(data: bytes) -> bool:
    """True when the PEM is encrypted."""
    return data.lstrip().startswith(ENCRYPTED_PEM)


def from_pem(path: Path, data: bytes, passphrase: DatabaseKey | None) -> Ed25519PrivateKey:
    """The key in a file's bytes; an encrypted file opens only with the store's passphrase."""
    protected = is_protected(data)
    if protected and passphrase is None:
        raise KeyFileError(
            f"The device key {path} is protected by a passphrase, but the data beside it has "
            "none, so it cannot sign bundles. Set the passphrase it was made under, or move "
            "the file aside to make a new key (the hub then enrolls this laptop again).")
    try:
        loaded = serialization.load_pem_private_key(
            data, password=passphrase.utf8() if protected and passphrase else None)
    except (ValueError, TypeError, UnsupportedAlgorithm) as exc:
        if protected:
            raise KeyFileError(f"The device key {path} does not open with this data's "
                               "passphrase (or the file is damaged)") from None
        raise KeyFileError(f"{path} is not a readable device key ({exc})") from None
    if not isinstance(loaded, Ed25519PrivateKey):
        raise KeyFileError(f"{path} is not an Ed25519 device key")
    return loaded


def write(path: Path, key: Ed25519PrivateKey, passphrase: DatabaseKey | None) -> None:
    """Write the key owner-only, whole or not at all."""
    files.private_dir(path.parent)
    files.write_atomic(path, to_pem(key, passphrase), mode=0o600)


def read(path: Path) -> bytes:
    """The file's bytes, or a KeyFileError naming it."""
    try:
        return path.read_bytes()
    except OSError as exc:
        raise KeyFileError(f"The device key {path} cannot be read ({exc.strerror})") from exc


def stage(keys_dir: Path, current: DatabaseKey | None, new: DatabaseKey | None) -> None:
    """Before the store is re-keyed: the key re-encrypted for new, written beside the file."""
    path = keys_dir / DEVICE_KEY
    if not path.exists():
        return  # made under the store's passphrase when first needed
    key = from_pem(path, read(path), current)
    write(keys_dir / STAGED, key, new)


def settle(keys_dir: Path, passphrase: DatabaseKey | None) -> None:
    """Keep the staged key if it opens under the store's passphrase now; else drop it.

    Called after re-keying and on every opening. Leftover temp files of an interrupted write
    are removed too: one may hold the key decrypted for a removal that never happened.
    """
    for leftover in keys_dir.glob(f".{DEVICE_KEY}*.partial"):
        with contextlib.suppress(FileNotFoundError):
            leftover.unlink()
    staged = keys_dir / STAGED
    if not staged.exists():
        return
    data = read(staged)
    matches = is_protected(data) == (passphrase is not None)
    if matches:
        try:
            from_pem(staged, data, passphrase)
        except KeyFileError:
            matches = False
    if matches:
        files.replace_durably(staged, keys_dir / DEVICE_KEY)
        log.info("device key re-encrypted with the store")
    else:
        staged.unlink()
        log.info("staged device key dropped (the store kept its passphrase)")
