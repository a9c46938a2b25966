"""Invitation codes: short, typed by a person, read aloud over the phone.

Twelve symbols of Crockford's base32 (no I, L, O or U): 60 random bits, shown as three groups of
four. Reading is forgiving the way people write: any case, blanks, line breaks and dashes are
ignored, and O, I and L are read as 0, 1 and 1.
"""

import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 12
GROUP = 4
BITS = 60  # LENGTH * log2(len(ALPHABET))
_LOOK_ALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})
_SEPARATORS = str.maketrans("", "", " \t\r\n-_.\u00a0")


def new_code() -> str:
    """A fresh random code, without separators."""
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def grouped(code: str) -> str:
    """The code as people see it: XXXX-XXXX-XXXX."""
    return "-".join(code[i:i + GROUP] for i in range(0, len(code), GROUP))


def normalize(text: str) -> str | None:
    """The code in canonical form, or None when the text cannot be one."""
    if len(text) > 200:
        return None
    code = text.translate(_SEPARATORS).upper().translate(_LOOK_ALIKES)
    if len(code) != LENGTH or any(c not in ALPHABET for c in code):
        return None
    return code
