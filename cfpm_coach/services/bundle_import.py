"""Merge an opened bundle into a store: the one import path of the desktop and the hub."""

import logging
import uuid
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from cfpm_coach.errors import BundleError, ReplayError
from cfpm_coach.services.record_checks import check_records
from cfpm_coach.storage import exchange_repo
from cfpm_coach.sync.bundle import OpenedBundle

if TYPE_CHECKING:
    from sqlmodel import Session

    from cfpm_coach.domain.catalog import InstrumentCatalog

log = logging.getLogger(__name__)
MISSING_PARENTS = ("The bundle refers to records this store does not have (import the earlier "
                   "bundles first, or ask for a --full export); nothing was changed")


@dataclass(frozen=True)
class Receipt:
    """What an import did (or would have done: a duplicate changes nothing)."""

    bundle_id: str
    duplicate: bool
    tables: dict[str, dict[str, int]]

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready form."""
        return asdict(self)


def merge_opened(session: "Session", opened: OpenedBundle, catalog: "InstrumentCatalog"
                 ) -> Receipt:
    """Merge a checked bundle inside the caller's transaction; a repeat of the same bytes is a no-op."""
    bundle_id = uuid.UUID(opened.manifest.bundle_id)
    seen = exchange_repo.bundle_seen(session=session, bundle_id=bundle_id)
    if seen is not None:
        if (seen.receipt or {}).get("sha256") != opened.sha256:
            raise ReplayError(f"Bundle {bundle_id} was imported before with other content: "
                              "this copy is refused")
        tables = (seen.receipt or {}).get("tables", {})
        return Receipt(str(bundle_id), True, {
            t: {"inserted": 0, "updated": 0, "unchanged": sum(c.values()), "conflicts": 0}
            for t, c in tables.items()})
    check_records(session, catalog, opened.records)  # what needs this store and its instruments
    result = exchange_repo.merge(session, bundle_id, opened.records)
    counted = {t: asdict(c) for t, c in result.tables.items()}
    exchange_repo.log_bundle(
        session=session, bundle_id=bundle_id, direction="import", high_water=0,
        record_count=sum(len(r) for r in opened.records.values()), status="imported",
        receipt={"sha256": opened.sha256, "tables": counted})
    session.flush()
    log.info("bundle %s merged", bundle_id)
    return Receipt(str(bundle_id), False, counted)


def refused_for_missing_parents() -> BundleError:
    """The error a merge raises when the bundle's records point at rows the store lacks."""
    return BundleError(MISSING_PARENTS)
