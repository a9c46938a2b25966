"""Instrument versions published from the hub: an admin of the whole hub publishes a version
(validated as `instruments check` validates a file); laptops receive it at their next sync.

A version, once published or installed, is never changed: the same (id, version) again with
other content is refused, the same content again changes nothing. Published versions are kept in
the hub's database, so every hub process (and the next start) knows them.
"""

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from cfpm_coach.domain.catalog import MAX_FILE_BYTES, parse_instrument
from cfpm_coach.domain.instruments import Instrument
from cfpm_coach.errors import CoachError, ForbiddenError, InstrumentError, InvalidInputError
from cfpm_coach.hub.accounts import Account
from cfpm_coach.storage import published_instrument_repo
from cfpm_coach.storage.types import utcnow

if TYPE_CHECKING:
    from cfpm_coach.hub.service import Hub

log = logging.getLogger(__name__)
SOURCE = "the published instrument"


@dataclass(frozen=True)
class Published:
    """A published version as laptops receive it."""

    instrument_id: str
    version: int
    content_hash: str
    body: str
    published_at: datetime


@dataclass(frozen=True)
class Outcome:
    """What publishing did: the instrument, and whether it was new."""

    instrument: Instrument
    created: bool


def published(hub: "Hub") -> list[Published]:
    """Every published version, oldest instrument id first."""
    with hub.store.read() as session:
        return [Published(r.instrument_id, r.version, r.content_hash, r.body, r.published_at)
                for r in published_instrument_repo.published(session=session)]


def load_into_catalog(hub: "Hub") -> int:
    """Add the published versions this process does not know yet to the hub's catalog (so
    observations rated on them are accepted); returns how many were added."""
    added = 0
    catalog = hub.catalog
    for item in published(hub):
        try:
            instrument = parse_instrument(item.body, SOURCE)
        except CoachError:  # checked when published; a damaged row is skipped, not fatal
            log.warning("published instrument %s v%s no longer reads", item.instrument_id,
                        item.version)
            continue
        if instrument.key not in {i.key for i in catalog}:
            catalog.add(instrument)
            added += 1
    return added


def publish(hub: "Hub", admin: Account, text: str) -> Outcome:
    """Validate and publish an instrument version (whole-hub admins only)."""
    if not admin.may("admin") or admin.scope.kind != "hub":
        raise ForbiddenError("Only an admin of the whole hub publishes instruments: they reach "
                             "every laptop")
    if not text.strip():
        raise InvalidInputError("instrument: paste the instrument's YAML text")
    if len(text.encode("utf-8")) > MAX_FILE_BYTES:
        raise InvalidInputError(f"instrument: at most {MAX_FILE_BYTES:,} bytes")
    instrument = parse_instrument(text, SOURCE)
    load_into_catalog(hub)  # another process may have published since this one started
    catalog = hub.catalog
    known = {i.key: i for i in catalog}
    if instrument.key in known:
        if known[instrument.key].content_hash != instrument.content_hash:
            raise InstrumentError(
                f"{SOURCE}: {instrument.id} version {instrument.version} exists already with "
                "other content; a version is never changed: give the change a new version")
        with hub.store.read() as session:
            if published_instrument_repo.by_key(session=session, instrument_id=instrument.id,
                                                version=instrument.version) is not None:
                return Outcome(instrument, created=False)
    catalog.check_crosswalk(instrument, SOURCE)
    with hub.store.write() as session:
        if published_instrument_repo.by_key(session=session, instrument_id=instrument.id,
                                            version=instrument.version) is None:
            published_instrument_repo.add(
                session=session, instrument_id=instrument.id, version=instrument.version,
                content_hash=instrument.content_hash, body=text, now=utcnow(),
                published_by=admin.id)
    catalog.add(instrument)
    log.info("instrument %s v%s published by account %s", instrument.id, instrument.version,
             admin.id)
    return Outcome(instrument, created=True)
