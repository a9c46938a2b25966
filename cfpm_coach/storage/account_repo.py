"""The hub's people: accounts, sessions, API tokens, failed sign-ins, the access log, refusals."""

import uuid
from datetime import datetime

from sqlalchemy import delete, func, select, update
from sqlmodel import Session, col

from cfpm_coach.storage.hub_models import (
    HubAccessLog,
    HubAccount,
    HubApiToken,
    HubPasswordSetup,
    HubRefusal,
    HubSession,
    HubSigninFailure,
)

# -- accounts --------------------------------------------------------------------------------


def add_account(*, session: Session, email: str, role: str, scope_kind: str, scope_value: str,
                password_hash: str, now: datetime) -> HubAccount:
    """A new account (the email must be free)."""
    account = HubAccount(email=email, role=role, scope_kind=scope_kind, scope_value=scope_value,
                         password_hash=password_hash, created_at=now)
    session.add(account)
    session.flush()
    return account


def account_by_email(*, session: Session, email: str) -> HubAccount | None:
    """The account with this (lower-cased) email."""
    return session.execute(select(HubAccount).where(col(HubAccount.email) == email)
                           ).scalars().first()


def account(*, session: Session, account_id: uuid.UUID) -> HubAccount | None:
    """An account by id."""
    return session.get(HubAccount, account_id)


def accounts(*, session: Session) -> list[HubAccount]:
    """Every account, oldest first."""
    return list(session.execute(select(HubAccount).order_by(col(HubAccount.created_at))
                                ).scalars())


def count_accounts(*, session: Session) -> int:
    """How many accounts exist (enabled or not)."""
    return int(session.execute(select(func.count()).select_from(HubAccount)).scalar_one())


# -- sessions --------------------------------------------------------------------------------


def add_session(*, session: Session, id_sha256: str, account_id: uuid.UUID, csrf_token: str,
                now: datetime, expires_at: datetime) -> None:
    """Keep a new browser session (by the hash of its id)."""
    session.add(HubSession(id_sha256=id_sha256, account_id=account_id, csrf_token=csrf_token,
                           created_at=now, expires_at=expires_at, last_seen_at=now))


def session_by_hash(*, session: Session, id_sha256: str) -> HubSession | None:
    """A browser session by the hash of its id."""
    return session.get(HubSession, id_sha256)


def drop_session(*, session: Session, id_sha256: str) -> None:
    """End a browser session."""
    session.execute(delete(HubSession).where(col(HubSession.id_sha256) == id_sha256))


def drop_sessions_of(*, session: Session, account_id: uuid.UUID) -> None:
    """End every session of an account (it was disabled)."""
    session.execute(delete(HubSession).where(col(HubSession.account_id) == account_id))


def drop_expired_sessions(*, session: Session, now: datetime) -> None:
    """Forget sessions past their end."""
    session.execute(delete(HubSession).where(col(HubSession.expires_at) <= now))


# -- one-time set-password codes ------------------------------------------------------------


def add_password_setup(*, session: Session, code_sha256: str, account_id: uuid.UUID,
                       created_by: uuid.UUID | None, now: datetime, expires_at: datetime) -> None:
    """Keep a new set-password code's hash (earlier unused codes of the account are spent)."""
    spend_password_setups(session=session, account_id=account_id, now=now)
    session.add(HubPasswordSetup(code_sha256=code_sha256, account_id=account_id,
                                 created_by=created_by, created_at=now, expires_at=expires_at))


def password_setup(*, session: Session, code_sha256: str) -> HubPasswordSetup | None:
    """A set-password code by its hash."""
    return session.get(HubPasswordSetup, code_sha256)


def spend_password_setups(*, session: Session, account_id: uuid.UUID, now: datetime) -> None:
    """Mark every unused set-password code of an account used."""
    session.execute(update(HubPasswordSetup)
                    .where(col(HubPasswordSetup.account_id) == account_id,
                           col(HubPasswordSetup.used_at).is_(None))
                    .values(used_at=now))


def open_password_setups(*, session: Session, now: datetime) -> dict[uuid.UUID, datetime]:
    """Accounts with an unused, unexpired set-password code, and when it expires."""
    rows = session.execute(select(col(HubPasswordSetup.account_id),
                                  func.max(col(HubPasswordSetup.expires_at)))
                           .where(col(HubPasswordSetup.used_at).is_(None),
                                  col(HubPasswordSetup.expires_at) > now)
                           .group_by(col(HubPasswordSetup.account_id)))
    return {account_id: expires for account_id, expires in rows}


# -- API tokens ------------------------------------------------------------------------------


def add_token(*, session: Session, token_sha256: str, account_id: uuid.UUID, label: str,
              now: datetime) -> None:
    """Keep a personal API token's hash."""
    session.add(HubApiToken(token_sha256=token_sha256, account_id=account_id, label=label,
                            created_at=now))


def token(*, session: Session, token_sha256: str) -> HubApiToken | None:
    """A personal API token by its hash."""
    return session.get(HubApiToken, token_sha256)


# -- sign-in throttling ----------------------------------------------------------------------


def add_failure(*, session: Session, key_sha256: str, now: datetime) -> None:
    """Count one failed sign-in against a key."""
    session.add(HubSigninFailure(key_sha256=key_sha256, at=now))


def failures_since(*, session: Session, key_sha256: str, since: datetime) -> int:
    """Failed sign-ins against a key since a time."""
    return int(session.execute(
        select(func.count()).select_from(HubSigninFailure)
        .where(col(HubSigninFailure.key_sha256) == key_sha256,
               col(HubSigninFailure.at) >= since)).scalar_one())


def clear_failures(*, session: Session, key_sha256: str) -> None:
    """Forget a key's failures (it signed in)."""
    session.execute(delete(HubSigninFailure).where(col(HubSigninFailure.key_sha256) == key_sha256))


# -- access log and refusals -----------------------------------------------------------------


def log_access(*, session: Session, account_id: uuid.UUID | None, method: str, route: str,
               target: str, now: datetime) -> None:
    """One line of who opened which route (ids only)."""
    session.add(HubAccessLog(at=now, account_id=account_id, method=method, route=route,
                             target=target))


def access_log(*, session: Session, limit: int = 500) -> list[HubAccessLog]:
    """The newest access log lines."""
    return list(session.execute(select(HubAccessLog).order_by(col(HubAccessLog.id).desc())
                                .limit(limit)).scalars())


def add_refusal(*, session: Session, hub_device_id: uuid.UUID, http_status: int, error: str,
                detail: str, now: datetime) -> None:
    """Keep why an enrolled device's upload was refused."""
    session.add(HubRefusal(at=now, hub_device_id=hub_device_id, http_status=http_status,
                           error=error, detail=detail))


def refusals(*, session: Session, limit: int = 500) -> list[HubRefusal]:
    """The newest refusals."""
    return list(session.execute(select(HubRefusal).order_by(col(HubRefusal.id).desc())
                                .limit(limit)).scalars())
