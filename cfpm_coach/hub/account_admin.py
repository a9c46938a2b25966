"""An admin manages the people of their part of the hub from the browser: lists accounts, adds one
with a role and a scope, disables and re-enables one, resets one's sign-in. A new account (or a
reset one) gets a one-time set-password code instead of a password an admin typed: the person
chooses their own password with it, on /set-password.

An admin acts only within their own scope: a county admin manages accounts scoped to their county
or to an office that lies in it (by the hub's data), an office admin those of their office, and
only a whole-hub admin makes whole-hub accounts. No admin disables or resets their own account,
so the last admin cannot lock the hub out by a slip.
"""

import logging
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from cfpm_coach.domain import invitation_code
from cfpm_coach.errors import (
    ForbiddenError,
    InvalidInputError,
    NotFoundError,
    ThrottledError,
    UnauthorizedError,
)
from cfpm_coach.hub.accounts import (
    MAX_FAILURES_PER_ADDRESS,
    MAX_FAILURES_PER_EMAIL,
    ROLES,
    THROTTLE_WINDOW,
    Account,
    Scope,
    account_view,
    check_password,
    digest,
    hash_password,
    normal_email,
)
from cfpm_coach.storage import account_repo, drilldown_repo
from cfpm_coach.storage.store import Store
from cfpm_coach.storage.types import utcnow

log = logging.getLogger(__name__)
SETUP_LIFETIME = timedelta(days=7)
# Never a valid Argon2 hash: an account made in the browser cannot sign in before its person
# sets a password with the one-time code.
UNSET_PASSWORD = "!unset"


@dataclass(frozen=True)
class PasswordSetup:
    """A one-time set-password code for an account, shown once to the admin."""

    account: Account
    code: str
    expires_at: datetime

    @property
    def display_code(self) -> str:
        """XXXX-XXXX-XXXX, as a person reads it out."""
        return invitation_code.grouped(self.code)


@dataclass(frozen=True)
class ManagedAccount:
    """An account as an admin's list shows it: state, and whether a set-password code waits."""

    account: Account
    setup_expires_at: datetime | None
    is_self: bool

    @property
    def state(self) -> str:
        """active, disabled, or waiting for its person to set a password."""
        if self.account.disabled_at is not None:
            return "disabled"
        return "waiting for a password" if self.setup_expires_at else "active"


def setup_digest(code: str) -> str:
    """How a canonical set-password code is kept and found."""
    return digest("cfpm-password-setup:" + code)


def offices_of(store: Store) -> dict[str, set[str]]:
    """Every office the hub's data knows, with the counties it lies in."""
    with store.read() as session:
        places = drilldown_repo.places(session=session)
    found: dict[str, set[str]] = {}
    for county, office in places:
        found.setdefault(office, set()).add(county)
    return found


def contains(outer: Scope, inner: Scope, offices: dict[str, set[str]]) -> bool:
    """Whether every worker `inner` admits is admitted by `outer` (an office is in a county
    when every place of that name lies in it)."""
    if outer.kind == "hub":
        return True
    if outer.kind == "county":
        if inner.kind == "county":
            return inner.value == outer.value
        return inner.kind == "office" and offices.get(inner.value, set()) == {outer.value}
    return inner.kind == "office" and inner.value == outer.value


def office_within(scope: Scope, office: str | None, offices: dict[str, set[str]]) -> bool:
    """Whether a laptop invited for this office is within an admin's scope."""
    if scope.kind == "hub":
        return True
    return bool(office) and contains(scope, Scope("office", office or ""), offices)


class AccountAdmin:
    """Account management for admins, over the hub's store."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def _admin(self, admin: Account) -> None:
        if not admin.may("admin"):
            raise ForbiddenError(f"Your role ({admin.role}) may not manage accounts")

    def managed(self, admin: Account) -> list[ManagedAccount]:
        """The accounts within the admin's scope, oldest first."""
        self._admin(admin)
        offices = offices_of(self.store)
        now = utcnow()
        with self.store.read() as session:
            waiting = account_repo.open_password_setups(session=session, now=now)
            rows = account_repo.accounts(session=session)
            return [ManagedAccount(account_view(r), waiting.get(r.id), r.id == admin.id) for r in rows
                    if contains(admin.scope, Scope(r.scope_kind, r.scope_value), offices)]

    def _within(self, admin: Account, account_id: str) -> uuid.UUID:
        """The id of an account the admin may manage (404 unknown, 403 outside, 403 self)."""
        self._admin(admin)
        try:
            wanted = uuid.UUID(account_id)
        except ValueError:
            raise NotFoundError(f"There is no account {account_id[:40]!r}: account ids are "
                                "UUIDs") from None
        if not any(m.account.id == wanted for m in self.managed(admin)):
            with self.store.read() as session:
                if account_repo.account(session=session, account_id=wanted) is None:
                    raise NotFoundError(f"There is no account {wanted}")
            raise ForbiddenError("This account is outside the part of the hub you manage")
        if wanted == admin.id:
            raise ForbiddenError("You cannot change your own account here; ask another admin")
        return wanted

    def create(self, admin: Account, email: str, role: str, scope_text: str) -> PasswordSetup:
        """A new account within the admin's scope, with a one-time set-password code."""
        self._admin(admin)
        address = normal_email(email)
        if role not in ROLES:
            raise InvalidInputError(f"role: give one of {', '.join(ROLES)} (got {role[:40]!r})")
        scope = Scope.parse(scope_text[:260])
        if not contains(admin.scope, scope, offices_of(self.store)):
            raise ForbiddenError(f"scope: {scope} is outside the part of the hub you manage "
                                 f"({admin.scope})")
        code = invitation_code.new_code()
        now = utcnow()
        with self.store.write() as session:
            if account_repo.account_by_email(session=session, email=address) is not None:
                raise InvalidInputError(f"email: {address} has an account already")
            row = account_repo.add_account(session=session, email=address, role=role,
                                           scope_kind=scope.kind, scope_value=scope.value,
                                           password_hash=UNSET_PASSWORD, now=now)
            account_repo.add_password_setup(session=session, code_sha256=setup_digest(code),
                                            account_id=row.id, created_by=admin.id, now=now,
                                            expires_at=now + SETUP_LIFETIME)
            view = account_view(row)
        log.info("account %s (%s) added by account %s", view.id, role, admin.id)
        return PasswordSetup(view, code, now + SETUP_LIFETIME)

    def set_enabled(self, admin: Account, account_id: str, enabled: bool) -> Account:
        """Disable an account (its sessions end at once) or enable it again."""
        wanted = self._within(admin, account_id)
        with self.store.write() as session:
            row = account_repo.account(session=session, account_id=wanted)
            if row is None:
                raise NotFoundError(f"There is no account {wanted}")
            row.disabled_at = None if enabled else (row.disabled_at or utcnow())
            session.add(row)
            if not enabled:
                account_repo.drop_sessions_of(session=session, account_id=wanted)
            view = account_view(row)
        log.info("account %s %s by account %s", wanted, "enabled" if enabled else "disabled",
                 admin.id)
        return view

    def reset(self, admin: Account, account_id: str) -> PasswordSetup:
        """End the account's sessions, forget its password and its failed sign-ins, and give a
        fresh one-time set-password code."""
        wanted = self._within(admin, account_id)
        code = invitation_code.new_code()
        now = utcnow()
        with self.store.write() as session:
            row = account_repo.account(session=session, account_id=wanted)
            if row is None:
                raise NotFoundError(f"There is no account {wanted}")
            row.password_hash = UNSET_PASSWORD
            session.add(row)
            account_repo.drop_sessions_of(session=session, account_id=wanted)
            account_repo.clear_failures(session=session, key_sha256=digest("email:" + row.email))
            account_repo.add_password_setup(session=session, code_sha256=setup_digest(code),
                                            account_id=wanted, created_by=admin.id, now=now,
                                            expires_at=now + SETUP_LIFETIME)
            view = account_view(row)
        log.info("sign-in of account %s reset by account %s", wanted, admin.id)
        return PasswordSetup(view, code, now + SETUP_LIFETIME)


def set_password(store: Store, email: str, code_text: str, password: str, address: str) -> Account:
    """The person behind a one-time code chooses their password; the code is spent. Wrong
    attempts count against the address and the email as failed sign-ins do."""
    now = utcnow()
    try:
        wanted = normal_email(email)
    except InvalidInputError:
        wanted = ""
    email_key, address_key = digest("email:" + wanted), digest("address:" + address)
    with store.read() as session:
        since = now - THROTTLE_WINDOW
        if (account_repo.failures_since(session=session, key_sha256=email_key, since=since)
                >= MAX_FAILURES_PER_EMAIL
                or account_repo.failures_since(session=session, key_sha256=address_key,
                                               since=since) >= MAX_FAILURES_PER_ADDRESS):
            raise ThrottledError("Too many failed attempts; wait 15 minutes, then try again")
    check_password(password)
    code = invitation_code.normalize(code_text)
    with store.write() as session:
        found = (account_repo.password_setup(session=session, code_sha256=setup_digest(code))
                 if code else None)
        row = (account_repo.account(session=session, account_id=found.account_id)
               if found else None)
        if (found is None or row is None or row.email != wanted or found.used_at is not None
                or found.expires_at <= now or row.disabled_at is not None):
            row = None
        else:
            row.password_hash = hash_password(password)
            session.add(row)
            account_repo.spend_password_setups(session=session, account_id=row.id, now=now)
            account_repo.clear_failures(session=session, key_sha256=email_key)
            view = account_view(row)
    if row is None:
        with store.write() as session:
            account_repo.add_failure(session=session, key_sha256=email_key, now=now)
            account_repo.add_failure(session=session, key_sha256=address_key, now=now)
        raise UnauthorizedError("The email or the code is wrong, or the code was used or has "
                                "expired; ask your admin for a new one")
    log.info("account %s set its password", view.id)
    return view
