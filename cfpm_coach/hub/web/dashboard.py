"""The dashboard's figures, always within the reader's scope: fidelity by practice element and
month, observations this month, laptops and their uploads and refusals."""

import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta

from cfpm_coach.domain.shipped import SHIPPED_PRACTICE
from cfpm_coach.errors import ForbiddenError, InvalidInputError, NotFoundError
from cfpm_coach.hub import fidelity
from cfpm_coach.hub.accounts import Scope
from cfpm_coach.hub.service import Hub
from cfpm_coach.hub.web.drilldown import Cell, office_id
from cfpm_coach.hub.web.tables import Table
from cfpm_coach.storage import account_repo, dashboard_repo, drilldown_repo, hub_repo
from cfpm_coach.storage.types import utcnow

PRACTICE = SHIPPED_PRACTICE
BEHIND_AFTER = timedelta(days=7)  # a laptop not heard from for a week is behind on sync
DEFAULT_WEEKS = 8  # coverage: active workers observed in the last N weeks
MAX_WEEKS = 104
WEEK_CHOICES = (4, 8, 12, 26, 52)


def parse_weeks(text: str | None) -> int:
    """The overview's ?weeks= (1 to 104), DEFAULT_WEEKS when absent."""
    if text is None or text == "":
        return DEFAULT_WEEKS
    if not text.isdigit() or not 1 <= int(text) <= MAX_WEEKS:
        raise InvalidInputError(f"weeks: give a whole number of weeks from 1 to {MAX_WEEKS} "
                                f"(got {text[:20]!r})")
    return int(text)


def _percent(share: float | None) -> str:
    return "no ratings" if share is None else f"{share * 100:.0f}%"


def _when(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC") if moment else "never"


@dataclass(frozen=True)
class Overview:
    """The overview page's figures."""

    months: list[str]
    elements: list[tuple[str, str]]  # (id, label)
    cells: dict[tuple[str, str], Cell]  # (element id, month)
    this_month: str
    observations_this_month: int
    observations_total: int
    places: Table
    shares: Table
    behind: Table
    weeks: int
    coverage: Table
    active_workers: int
    observed_workers: int

    @property
    def tables(self) -> list[Table]:
        """Every table of the page, as its CSV links name them."""
        return [self.shares, self.coverage, self.places, self.behind]


@dataclass(frozen=True)
class Laptop:
    """An enrolled laptop within a scope."""

    id: uuid.UUID
    coach_name: str
    county: str
    office: str
    enrolled_at: datetime
    last_seen_at: datetime | None
    bundles: int
    revoked: bool


class Dashboard:
    """Scoped read models over an open hub."""

    def __init__(self, hub: Hub) -> None:
        self.hub = hub

    # -- overview ----------------------------------------------------------------------------

    def overview(self, scope: Scope, now: datetime | None = None,
                 weeks: int = DEFAULT_WEEKS) -> Overview:
        """Share Accomplished by practice element and month, observations, coverage in the last
        `weeks` weeks, laptops behind."""
        now = now or utcnow()
        instrument = self.hub.catalog.get(PRACTICE)
        with self.hub.store.read() as session:
            tallies = [t for t in hub_repo.fidelity_tallies(session=session,
                                                             instrument_id=PRACTICE)
                       if scope.admits(t.county, t.office)]
            counts = {k: n for k, n in hub_repo.observation_counts(
                session=session, instrument_id=PRACTICE).items() if scope.admits(k[1], k[0])}
            workers = {k: n for k, n in dashboard_repo.workers_by_place(session=session).items()
                       if scope.admits(*k)}
            observed = {k: n for k, n in dashboard_repo.observed_workers_by_place(
                session=session, instrument_id=PRACTICE, since=now - timedelta(weeks=weeks)
            ).items() if scope.admits(*k)}
        table = fidelity.aggregate(instrument, tallies, counts, ("element", "month"))
        cells = {(row.key[0], row.key[1]): Cell(row.share_proficient, row.observed)
                 for row in table.rows}
        months = sorted({m for (_e, m) in cells} | {k[2] for k in counts})
        elements = [(g.id, g.label) for g in instrument.groups]
        this_month = now.strftime("%Y-%m")
        shares = Table("share-accomplished-by-element-and-month",
                       "Share of ratings at Accomplished, by practice element and month",
                       ["element", "month", "share accomplished", "ratings"],
                       [[label, month, cells[(eid, month)].share, cells[(eid, month)].ratings]
                        for eid, label in elements for month in months if (eid, month) in cells],
                       frozenset({2, 3}))
        by_place: Counter[tuple[str, str]] = Counter()
        this: Counter[tuple[str, str]] = Counter()
        for (office, county, month), n in counts.items():
            by_place[(county, office)] += n
            if month == this_month:
                this[(county, office)] += n
        listed = sorted(set(by_place) | set(workers))
        with self.hub.store.read() as session:
            pages = drilldown_repo.places(session=session)
        places = Table("observations-by-office", "Finished observations by county and office",
                       ["county", "office", "active workers", "observations this month",
                        "observations in all"],
                       [[c, o, workers.get((c, o), 0), this[(c, o)], by_place[(c, o)]]
                        for c, o in listed],
                       frozenset({2, 3, 4}),
                       links={1: [f"/offices/{office_id(*p)}" if p in pages else ""
                                  for p in listed]})
        behind = self._behind_table([lt for lt in self.laptops(scope)
                                     if not lt.revoked and self._is_behind(lt, now)])
        coverage = self._coverage_table(workers, observed, weeks, pages)
        return Overview(months, elements, cells, this_month, sum(this.values()),
                        sum(by_place.values()), places, shares, behind, weeks, coverage,
                        sum(workers.values()), sum(observed.values()))

    @staticmethod
    def _coverage_table(workers: dict[tuple[str, str], int],
                        observed: dict[tuple[str, str], int], weeks: int,
                        pages: set[tuple[str, str]]) -> Table:
        listed = sorted(workers)
        return Table("coverage-by-office",
                     f"Active workers observed in the last {weeks} weeks, by county and office",
                     ["county", "office", "active workers", f"observed in {weeks} weeks",
                      "share observed"],
                     [[c, o, workers[(c, o)], observed.get((c, o), 0),
                       _percent(observed.get((c, o), 0) / workers[(c, o)])]
                      for c, o in listed],
                     frozenset({2, 3, 4}),
                     links={1: [f"/offices/{office_id(*p)}" if p in pages else ""
                                for p in listed]})

    @staticmethod
    def _is_behind(laptop: Laptop, now: datetime) -> bool:
        return laptop.last_seen_at is None or laptop.last_seen_at < now - BEHIND_AFTER

    @staticmethod
    def _behind_table(laptops: list[Laptop]) -> Table:
        return Table("laptops-behind-on-sync", "Laptops not heard from for a week or more",
                     ["laptop", "coach", "county", "office", "last seen"],
                     [[str(lt.id), lt.coach_name, lt.county, lt.office, _when(lt.last_seen_at)]
                      for lt in laptops])

    def fidelity(self, scope: Scope, by: str, instrument_id: str, since: datetime | None
                 ) -> fidelity.FidelityTable:
        """Hub.fidelity over the workers within a scope only."""
        dimensions = fidelity.parse_dimensions(by)
        try:
            instrument = self.hub.catalog.get(instrument_id)
        except Exception as exc:
            raise InvalidInputError(f"instrument: {instrument_id!r} is not installed") from exc
        with self.hub.store.read() as session:
            tallies = [t for t in hub_repo.fidelity_tallies(
                session=session, instrument_id=instrument_id, since=since)
                if scope.admits(t.county, t.office)]
            counts = {k: n for k, n in hub_repo.observation_counts(
                session=session, instrument_id=instrument_id, since=since).items()
                if scope.admits(k[1], k[0])}
        return fidelity.aggregate(instrument, tallies, counts, dimensions)

    # -- laptops -----------------------------------------------------------------------------

    def laptops(self, scope: Scope) -> list[Laptop]:
        """Enrolled laptops whose coach is within the scope (unbound ones: whole hub only)."""
        with self.hub.store.read() as session:
            places = dashboard_repo.coach_places(session=session)
            devices = hub_repo.devices(session=session)
            found = []
            for d in devices:
                where = sorted(places.get(d.coach_id, set())) if d.coach_id else []
                if scope.kind != "hub":
                    where = [p for p in where if scope.admits(*p)]
                    if not where:
                        continue
                county = ", ".join(sorted({c for c, _o in where if c}))
                office = ", ".join(sorted({o for _c, o in where if o}))
                found.append(Laptop(d.id, d.coach_name, county, office, d.enrolled_at,
                                    d.last_seen_at, d.bundles, d.revoked_at is not None))
        return found

    def laptop(self, scope: Scope, text_id: str) -> Laptop:
        """One laptop by id; 404 if unknown, 403 if outside the reader's scope."""
        try:
            wanted = uuid.UUID(text_id)
        except ValueError:
            raise InvalidInputError(f"laptop: {text_id[:40]!r} is not a laptop id") from None
        with self.hub.store.read() as session:
            known = any(d.id == wanted for d in hub_repo.devices(session=session))
        if not known:
            raise NotFoundError(f"No laptop {wanted} is enrolled at this hub")
        for laptop in self.laptops(scope):
            if laptop.id == wanted:
                return laptop
        raise ForbiddenError("This laptop is outside the part of the hub you may see")

    def laptops_table(self, scope: Scope) -> Table:
        """Every laptop in scope: coach, place, last seen, bundles, state."""
        return Table("laptops", "Enrolled laptops",
                     ["laptop", "coach", "county", "office", "enrolled", "last seen", "bundles",
                      "state"],
                     [[str(lt.id), lt.coach_name, lt.county, lt.office, _when(lt.enrolled_at),
                       _when(lt.last_seen_at), lt.bundles, "revoked" if lt.revoked else "active"]
                      for lt in self.laptops(scope)], frozenset({6}))

    def uploads_table(self, scope: Scope, device: uuid.UUID | None = None) -> Table:
        """Accepted uploads from laptops in scope (or one laptop), newest first."""
        names = {lt.id: lt.coach_name for lt in self.laptops(scope)}
        with self.hub.store.read() as session:
            rows = [u for u in dashboard_repo.uploads(session=session)
                    if u.hub_device_id in names and device in (None, u.hub_device_id)]
            return Table("uploads", "Bundles received", [
                "received", "laptop", "coach", "bundle", "bytes", "records added",
                "records updated"],
                [[_when(u.received_at), str(u.hub_device_id), names[u.hub_device_id],
                  str(u.bundle_id), u.size, _sum(u.receipt, "inserted"),
                  _sum(u.receipt, "updated")] for u in rows], frozenset({4, 5, 6}))

    def refusals_table(self, scope: Scope, device: uuid.UUID | None = None) -> Table:
        """Uploads refused from laptops in scope (or one laptop), newest first, with why."""
        names = {lt.id: lt.coach_name for lt in self.laptops(scope)}
        with self.hub.store.read() as session:
            rows = [r for r in account_repo.refusals(session=session)
                    if r.hub_device_id in names and device in (None, r.hub_device_id)]
            return Table("refusals", "Uploads refused", [
                "refused", "laptop", "coach", "status", "refusal", "reason"],
                [[_when(r.at), str(r.hub_device_id), names[r.hub_device_id], r.http_status,
                  r.error, r.detail] for r in rows], frozenset({3}), frozenset({5}))


def _sum(receipt: dict[str, object], key: str) -> int:
    tables = receipt.get("tables", {})
    if not isinstance(tables, dict):
        return 0
    return sum(int(t.get(key, 0)) for t in tables.values() if isinstance(t, dict))
