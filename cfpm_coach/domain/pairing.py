"""Pair codes: two coaches rating the same visit type the same short code into their observations.

Eight characters from Crockford's base32 alphabet (no I, L, O, U), shown as XXXX-XXXX: easy to
read aloud across a room, about 10^12 codes, so two visits never share one by chance.
"""

import secrets

from cfpm_coach.errors import InvalidInputError

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 8
# Letters people confuse, read as the digits they look like (Crockford's rule).
_READ_AS = str.maketrans({"I": "1", "L": "1", "O": "0"})


def new_code() -> str:
    """A fresh random pair code, XXXX-XXXX."""
    raw = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return display(raw)


def normalize(text: str) -> str:
    """The stored form of a typed code (upper case, no dashes or spaces), or an error."""
    raw = text.upper().replace("-", "").replace(" ", "").translate(_READ_AS)
    if len(raw) != LENGTH or any(ch not in ALPHABET for ch in raw):
        raise InvalidInputError("Pair code: eight letters and digits, like K7QM-3XPA")
    return raw


def display(code: str) -> str:
    """XXXX-XXXX for people."""
    return f"{code[:4]}-{code[4:]}"
