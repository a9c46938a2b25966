"""A hub's address: https:// anywhere, http:// only to this computer.

The enrollment token travels in the Authorization header of every upload; over http:// to another
computer anyone on the network path could read it and upload as this laptop. Loopback (a hub on
the same machine, or an SSH tunnel to one) never leaves the computer, so it may be plain http.
"""

import ipaddress
from urllib.parse import urlsplit

from cfpm_coach.errors import InvalidInputError

LOOPBACK_EXAMPLES = "localhost, 127.0.0.1 or [::1]"


class InsecureHubAddressError(InvalidInputError):
    """An http:// address to another computer: the token would cross the network in clear."""


def is_loopback(host: str) -> bool:
    """True for localhost, 127.0.0.0/8 and ::1 (also written as an IPv4-mapped address)."""
    name = host.lower().removesuffix(".")
    if name == "localhost":
        return True
    try:
        address = ipaddress.ip_address(name.strip("[]"))
    except ValueError:
        return False  # any other name may resolve anywhere
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_loopback


def check_hub_url(url: str) -> str:
    """The address without surrounding blanks or a trailing slash; InvalidInputError if unsafe.

    Refused besides plain http to another computer: anything but http(s), no host, a port that is
    not one, and characters that parsers read differently (blanks, controls, backslashes, a user
    name before an @), so the host checked here is the host the upload goes to.
    """
    text = url.strip().rstrip("/")
    scheme, _, rest = text.partition("://")
    if scheme.lower() not in ("https", "http") or not rest:
        raise InvalidInputError("Hub address: give the hub's web address, starting with "
                                "https:// (for example https://hub.example.org)")
    if any(c.isspace() or not c.isprintable() or c == "\\" for c in text):
        raise InvalidInputError("Hub address: it contains a space, a backslash or a control "
                                "character; type the address again")
    try:
        parts = urlsplit(text)
        host, _port = parts.hostname, parts.port
    except ValueError:
        raise InvalidInputError(f"Hub address: {text} is not a web address (check the port, "
                                "a number up to 65535, and any [ ] around an IPv6 address)"
                                ) from None
    if "@" in parts.netloc:
        raise InvalidInputError("Hub address: leave out any user name or password before @; "
                                "the enrollment token identifies this laptop")
    if not host:
        raise InvalidInputError(f"Hub address: {text} names no computer; give the hub's name "
                                "after https://")
    if scheme.lower() == "http" and not is_loopback(host):
        raise InsecureHubAddressError(
            f"Hub address: {text} is not encrypted (http://), so your enrollment token would "
            "cross the network readable by anyone on the way. Give the hub's https:// address; "
            f"http:// is accepted only for this computer ({LOOPBACK_EXAMPLES}).")
    return text
