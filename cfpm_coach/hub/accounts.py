"""People at the hub: accounts with a role and a scope, passwords (Argon2), browser sessions,
personal API tokens, sign-in throttling and the access log.

Roles: an admin manages accounts and laptops; an analyst reads every page and table; a supervisor
reads the overview. Each is scoped to the whole hub, one county or one office: every page and
table shows only workers (and the laptops of coaches) in that scope.
"""

import functools
import hashlib
import hmac
import logging
import re
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from cfpm_coach.errors import ForbiddenError, InvalidInputError, ThrottledError, UnauthorizedError
from cfpm_coach.storage import account_repo
from cfpm_coach.storage.store import Store
from cfpm_coach.storage.types import utcnow

log = logging.getLogger(__name__)

ROLES = ("admin", "analyst", "supervisor")
SCOPE_KINDS = ("hub", "county", "office")
MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 1024  # Argon2 takes any length; a megabyte "password" is only a cost
SESSION_LIFETIME = timedelta(hours=8)
SESSION_IDLE = timedelta(minutes=60)
THROTTLE_WINDOW = timedelta(minutes=15)
MAX_FAILURES_PER_EMAIL = 5
MAX_FAILURES_PER_ADDRESS = 20
_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]{1,190}\.[^@\s]{1,63}$")
_HASHER = PasswordHasher()

RoleName = Literal["admin", "analyst", "supervisor"]


@functools.cache
def _dummy_hash() -> str:
    """Verified when the email is unknown, so a wrong email costs what a wrong password does
    (made on first use: an Argon2 hash at import would slow every hub start)."""
    return _HASHER.hash(secrets.token_urlsafe(16))


def digest(secret: str) -> str:
    """The SHA-256 of a random secret (session ids and tokens are stored only as this)."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Scope:
    """The part of the hub an account sees: all of it, one county, or one office."""

    kind: str
    value: str = ""

    @classmethod
    def parse(cls, text: str) -> "Scope":
        """'hub', 'county:NAME' or 'office:NAME'."""
        kind, _, value = text.strip().partition(":")
        kind, value = kind.strip().lower(), value.strip()
        if kind == "hub" and not value:
            return cls("hub")
        if kind in ("county", "office") and value and len(value) <= 200:
            return cls(kind, value)
        raise InvalidInputError(f"scope: give hub, county:NAME or office:NAME (got {text!r})")

    def admits(self, county: str, office: str) -> bool:
        """Whether a worker (or coach) in this county and office is within the scope."""
        if self.kind == "hub":
            return True
        return (county if self.kind == "county" else office) == self.value

    def __str__(self) -> str:
        return "whole hub" if self.kind == "hub" else f"{self.kind} {self.value}"


@dataclass(frozen=True)
class Account:
    """A person as the pages see them (never their password hash)."""

    id: uuid.UUID
    email: str
    role: str
    scope: Scope
    created_at: datetime
    disabled_at: datetime | None

    def may(self, *roles: str) -> bool:
        """Whether the account's role is one of these."""
        return self.role in roles


@dataclass(frozen=True)
class SignedIn:
    """A browser session just made: the cookie's value (shown to the browser once) and the
    session's form token."""

    session_id: str
    csrf_token: str
    account: Account


@dataclass(frozen=True)
class Visit:
    """A request's session: who, and the token its forms must carry."""

    account: Account
    csrf_token: str
    session_sha256: str


def _view(row: account_repo.HubAccount) -> Account:
    return Account(row.id, row.email, row.role, Scope(row.scope_kind, row.scope_value),
                   row.created_at, row.disabled_at)


def account_view(row: account_repo.HubAccount) -> Account:
    """A stored account as the pages see it."""
    return _view(row)


def hash_password(password: str) -> str:
    """The Argon2id hash of a password that passed check_password."""
    return _HASHER.hash(check_password(password))


def normal_email(email: str) -> str:
    """The email as accounts key it (trimmed, lower case), refusing what is not an address."""
    text = email.strip().lower()
    if not _EMAIL.match(text):
        raise InvalidInputError(f"email: {email[:80]!r} is not an email address")
    return text


def check_password(password: str) -> str:
    """Refuse a password too short (or absurdly long) to keep."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidInputError(f"password: use at least {MIN_PASSWORD_LENGTH} characters")
    if len(password) > MAX_PASSWORD_LENGTH:
        raise InvalidInputError(f"password: use at most {MAX_PASSWORD_LENGTH} characters")
    return password


class Accounts:
    """The hub's accounts, over its store."""

    def __init__(self, store: Store) -> None:
        self.store = store

    # -- accounts ----------------------------------------------------------------------------

    def add(self, email: str, password: str, role: str, scope: Scope) -> Account:
        """A new account; the email must be free."""
        address = normal_email(email)
        if role not in ROLES:
            raise InvalidInputError(f"role: give one of {', '.join(ROLES)} (got {role!r})")
        hashed = _HASHER.hash(check_password(password))
        with self.store.write() as session:
            if account_repo.account_by_email(session=session, email=address) is not None:
                raise InvalidInputError(f"email: {address} has an account already")
            row = account_repo.add_account(session=session, email=address, role=role,
                                           scope_kind=scope.kind, scope_value=scope.value,
                                           password_hash=hashed, now=utcnow())
            view = _view(row)
        log.info("account %s added (%s)", view.id, role)
        return view

    def list(self) -> list[Account]:
        """Every account."""
        with self.store.read() as session:
            return [_view(a) for a in account_repo.accounts(session=session)]

    def count(self) -> int:
        """How many accounts exist."""
        with self.store.read() as session:
            return account_repo.count_accounts(session=session)

    def disable(self, email: str) -> Account:
        """Stop an account: its sessions end and its tokens are refused from now on."""
        address = normal_email(email)
        with self.store.write() as session:
            row = account_repo.account_by_email(session=session, email=address)
            if row is None:
                raise InvalidInputError(f"email: no account {address}")
            if row.disabled_at is None:
                row.disabled_at = utcnow()
                session.add(row)
            account_repo.drop_sessions_of(session=session, account_id=row.id)
            view = _view(row)
        log.info("account %s disabled", view.id)
        return view

    def new_token(self, email: str, label: str = "") -> str:
        """A personal API token for the account (returned once, kept as a hash)."""
        address = normal_email(email)
        token = "cfpm_" + secrets.token_urlsafe(32)
        with self.store.write() as session:
            row = account_repo.account_by_email(session=session, email=address)
            if row is None or row.disabled_at is not None:
                raise InvalidInputError(f"email: no enabled account {address}")
            account_repo.add_token(session=session, token_sha256=digest(token),
                                   account_id=row.id, label=label.strip()[:100], now=utcnow())
        return token

    def by_token(self, token: str) -> Account | None:
        """The enabled account holding a personal API token, if any."""
        with self.store.read() as session:
            found = account_repo.token(session=session, token_sha256=digest(token))
            if found is None or found.revoked_at is not None:
                return None
            row = account_repo.account(session=session, account_id=found.account_id)
            return _view(row) if row is not None and row.disabled_at is None else None

    # -- signing in --------------------------------------------------------------------------

    def sign_in(self, email: str, password: str, address: str,
                replaces: str | None = None) -> SignedIn:
        """A fresh session for the right email and password; any session the browser held
        (`replaces`, its cookie's value) ends, so a planted id never becomes signed in."""
        now = utcnow()
        address_key = digest("address:" + address)
        try:
            wanted = normal_email(email)
        except InvalidInputError:
            wanted = ""
        email_key = digest("email:" + wanted)
        with self.store.read() as session:
            since = now - THROTTLE_WINDOW
            if (account_repo.failures_since(session=session, key_sha256=email_key, since=since)
                    >= MAX_FAILURES_PER_EMAIL
                    or account_repo.failures_since(session=session, key_sha256=address_key,
                                                   since=since) >= MAX_FAILURES_PER_ADDRESS):
                raise ThrottledError("Too many failed sign-ins; wait 15 minutes, then try again")
            row = account_repo.account_by_email(session=session, email=wanted) if wanted else None
            stored = row.password_hash if row is not None else _dummy_hash()
            account_id = row.id if row is not None and row.disabled_at is None else None
        if not self._verify(stored, password[:MAX_PASSWORD_LENGTH]) or account_id is None:
            with self.store.write() as session:
                account_repo.add_failure(session=session, key_sha256=email_key, now=now)
                account_repo.add_failure(session=session, key_sha256=address_key, now=now)
            log.info("sign-in refused")
            raise UnauthorizedError("The email or the password is wrong")
        session_id, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        with self.store.write() as session:
            if replaces:
                account_repo.drop_session(session=session, id_sha256=digest(replaces))
            account_repo.drop_expired_sessions(session=session, now=now)
            account_repo.clear_failures(session=session, key_sha256=email_key)
            account_repo.add_session(session=session, id_sha256=digest(session_id),
                                     account_id=account_id, csrf_token=csrf, now=now,
                                     expires_at=now + SESSION_LIFETIME)
            row = account_repo.account(session=session, account_id=account_id)
            if row is None:
                raise UnauthorizedError("The email or the password is wrong")
            if _HASHER.check_needs_rehash(row.password_hash):
                row.password_hash = _HASHER.hash(password)
                session.add(row)
            view = _view(row)
        log.info("account %s signed in", view.id)
        return SignedIn(session_id, csrf, view)

    @staticmethod
    def _verify(stored: str, password: str) -> bool:
        try:
            return _HASHER.verify(stored, password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False

    def visit(self, session_id: str | None) -> Visit:
        """The signed-in account behind a session cookie, refusing a missing, unknown, expired
        or idle session (and a disabled account)."""
        if not session_id:
            raise UnauthorizedError("Sign in first")
        now = utcnow()
        key = digest(session_id)
        with self.store.write() as session:
            found = account_repo.session_by_hash(session=session, id_sha256=key)
            if found is None:
                raise UnauthorizedError("Your session has ended; sign in again")
            row = account_repo.account(session=session, account_id=found.account_id)
            if (found.expires_at <= now or found.last_seen_at + SESSION_IDLE <= now
                    or row is None or row.disabled_at is not None):
                account_repo.drop_session(session=session, id_sha256=key)
                raise UnauthorizedError("Your session has ended; sign in again")
            found.last_seen_at = now
            session.add(found)
            return Visit(_view(row), found.csrf_token, key)

    def sign_out(self, visit: Visit) -> None:
        """End a session."""
        with self.store.write() as session:
            account_repo.drop_session(session=session, id_sha256=visit.session_sha256)
        log.info("account %s signed out", visit.account.id)

    # -- the access log ----------------------------------------------------------------------

    def log_access(self, account: Account | None, method: str, route: str, target: str) -> None:
        """Note who opened which route (route templates and ids only, never record values)."""
        with self.store.write() as session:
            account_repo.log_access(session=session, account_id=account.id if account else None,
                                    method=method, route=route[:200], target=target[:200],
                                    now=utcnow())


def same_token(given: str | None, expected: str) -> bool:
    """Constant-time comparison of a form's CSRF token."""
    if not given:
        return False
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


def require_role(account: Account, *roles: str) -> None:
    """Refuse an account whose role is not one of these."""
    if not account.may(*roles):
        raise ForbiddenError(f"Your role ({account.role}) may not open this page")
