"""The hub's publisher signature on an instrument version, and its check on the laptop.

The team's key is an age (X25519) key, which seals but cannot sign; a hub signs what it publishes
with its own Ed25519 publisher key, whose public half a laptop pins when it joins. The signature
covers one canonical byte string binding the instrument's id, version, content hash and the exact
text, so no field can be swapped for another version's.
"""

import base64
import binascii

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from cfpm_coach.sync import keys

DOMAIN = b"cfpm-coach published instrument v1"


def signed_bytes(instrument_id: str, version: int, content_hash: str, body: str) -> bytes:
    """The canonical bytes a publisher signs: a domain tag, then each field length-prefixed."""
    parts = [DOMAIN, instrument_id.encode("utf-8"), str(version).encode("ascii"),
             content_hash.encode("utf-8"), body.encode("utf-8")]
    return b"".join(len(part).to_bytes(8, "big") + part for part in parts)


def sign(key: Ed25519PrivateKey, instrument_id: str, version: int, content_hash: str,
         body: str) -> str:
    """The publisher's signature over one version, as base64 text."""
    data = signed_bytes(instrument_id, version, content_hash, body)
    return base64.b64encode(keys.sign(key, data)).decode("ascii")


def verifies(public: Ed25519PublicKey, signature: object, instrument_id: str, version: int,
             content_hash: str, body: str) -> bool:
    """True when signature (base64 text) is the publisher's over exactly this version."""
    if not isinstance(signature, str) or len(signature) > 200:
        return False
    try:
        raw = base64.b64decode(signature, validate=True)
    except (ValueError, binascii.Error):
        return False
    if len(raw) != 64:
        return False
    return keys.verifies(public, raw, signed_bytes(instrument_id, version, content_hash, body))
