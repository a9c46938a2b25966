"""One open store with its instruments and services: what the UI and every CLI command hold.

The workspace only wires: it builds each service from what that service uses (the store and
catalog sources, the author, the paths, other services) and hands itself to none of them.
"""

import logging
import platform
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from cfpm_coach.domain.catalog import InstrumentCatalog
from cfpm_coach.domain.instruments import Instrument
from cfpm_coach.paths import AppPaths, resolve_paths, resources_dir
from cfpm_coach.services.composition import RecordServices, load_catalog
from cfpm_coach.services.maintenance import MaintenanceService
from cfpm_coach.services.sources import Source
from cfpm_coach.storage import profile_repo, records
from cfpm_coach.storage.cipher import DatabaseKey
from cfpm_coach.storage.models import Coach
from cfpm_coach.storage.records import Author
from cfpm_coach.storage.store import Store

if TYPE_CHECKING:
    from cfpm_coach.services.audit import AuditService
    from cfpm_coach.services.coming_up import ComingUpService
    from cfpm_coach.services.demo import DemoService
    from cfpm_coach.services.exchange import ExchangeService
    from cfpm_coach.services.first_run import FirstRunService
    from cfpm_coach.services.joining import JoiningService
    from cfpm_coach.services.office_standing import OfficeStandingService
    from cfpm_coach.services.security import SecurityService
    from cfpm_coach.services.sync import SyncService

log = logging.getLogger(__name__)
PLACEHOLDER_COACH_NAME = "Unnamed coach"


def _bootstrap_author(store: Store) -> Author:
    """This device and its coach profile, created on first open."""
    with store.read() as session:
        device = profile_repo.local_device(session=session)
        if device is not None and device.coach_id is not None:
            return Author(device.id, device.coach_id)
    with store.write() as session:
        device = profile_repo.local_device(session=session)
        if device is None:
            device = profile_repo.create_local_device(session=session, label=platform.node())
        if device.coach_id is None:
            coach = Coach(name=PLACEHOLDER_COACH_NAME)  # type: ignore[call-arg]
            records.insert(session, Author(device.id, None), coach)
            session.flush()
            profile_repo.link_coach(session=session, device=device, coach_id=coach.id)
            log.info("created device %s with coach profile %s", device.id, coach.id)
        return Author(device.id, device.coach_id)


class Workspace(RecordServices):
    """An open data folder: store, instruments, and the use cases on them.

    The record services (profile, instrument_choice, workers, observations, goals, reports)
    come from RecordServices, which the hub builds on its own; the rest are this desktop's.
    The others are built on first use, off the start-up path: the exchange loads the bundle
    crypto, and sync builds the exchange only when it first sends.
    """

    def __init__(self, paths: AppPaths, store: Store, catalog: InstrumentCatalog,
                 author: Author | None = None) -> None:
        # author: a test's or a tool's own; by default this device's, created on first open.
        super().__init__(Source(store), Source(catalog), author or _bootstrap_author(store))
        self.paths = paths
        self.maintenance = MaintenanceService(self._stores, paths, self.profile)

    @cached_property
    def exchange(self) -> "ExchangeService":
        """Bundles and CSV; its crypto libraries load on first use, not at start-up."""
        from cfpm_coach.services.exchange import ExchangeService

        return ExchangeService(self._stores, self._catalogs, self.author, self.paths)

    @cached_property
    def audit(self) -> "AuditService":
        """The audit trail, for people."""
        from cfpm_coach.services.audit import AuditService

        return AuditService(self._stores, self._catalogs)

    @cached_property
    def security(self) -> "SecurityService":
        """The passphrase that encrypts the store."""
        from cfpm_coach.services.security import SecurityService

        return SecurityService(self._stores, self.paths)

    @cached_property
    def sync(self) -> "SyncService":
        """Outbox, transports and receipts; loaded on first use (the exchange on first send)."""
        from cfpm_coach.services.sync import SyncService

        return SyncService(self._stores, self._catalogs, self.paths, self.profile,
                           lambda: self.exchange)

    @cached_property
    def joining(self) -> "JoiningService":
        """Joining a team by invitation (a hub's code or a shared folder's file)."""
        from cfpm_coach.services.joining import JoiningService

        return JoiningService(self.exchange, self.sync, self.author)

    @cached_property
    def coming_up(self) -> "ComingUpService":
        """Follow-ups due and workers not observed lately."""
        from cfpm_coach.services.coming_up import ComingUpService

        return ComingUpService(self._stores, self.profile, self.workers)

    @cached_property
    def offices(self) -> "OfficeStandingService":
        """Where each office stands, on screen and as a PDF."""
        from cfpm_coach.services.office_standing import OfficeStandingService

        return OfficeStandingService(self._stores, self._catalogs, self.instrument_choice,
                                     self.profile, self.workers, self.observations)

    @cached_property
    def demo(self) -> "DemoService":
        """Sample data, for a demo store, screenshots, benchmarks and tests."""
        from cfpm_coach.services.demo import DemoService

        return DemoService(self._stores, self._catalogs, self.author, self.workers,
                           self.observations, self.goals)

    @cached_property
    def first_run(self) -> "FirstRunService":
        """The welcome on a new store and the demo store's filling."""
        from cfpm_coach.services.first_run import FirstRunService

        return FirstRunService(self.profile, self.maintenance, self.demo)

    def use_language(self, language: str, locale: str = "") -> None:
        """Show instrument text and print reports in language where translations exist; dates
        on paper in locale ("es_MX") when it is in that language.

        Instrument translations are display only; the reports' language is process-wide
        (one app, one language). Every service reads the catalog through the same source, so
        none keeps the untranslated one.
        """
        from cfpm_coach.reports import texts

        texts.use_language(language, locale)
        if language != "en":
            self._catalogs.current = self.catalog.translated(
                language, resources_dir() / "instruments", self.paths.instruments)

    def practice_instrument(self) -> Instrument | None:
        """The practice instrument the figures follow (InstrumentChoiceService.practice)."""
        return self.instrument_choice.practice()

    def practice_instruments(self) -> list[Instrument]:
        """Every installed version of every practice instrument, to choose from."""
        return self.instrument_choice.practice_instruments()

    def choose_practice_instrument(self, instrument_id: str, version: int | None = None
                                   ) -> Instrument:
        """Make an installed practice instrument the one the figures follow."""
        return self.instrument_choice.choose_practice(instrument_id, version)

    def start_instrument(self) -> tuple[str, int] | None:
        """The instrument (id, version) New observation offers first."""
        return self.instrument_choice.start_instrument()

    @classmethod
    def open(cls, data_dir: str | Path | None = None,
             passphrase: "str | DatabaseKey | None" = None) -> "Workspace":
        """Open (creating and migrating as needed) the store in data_dir or the default folder.

        An encrypted store needs its passphrase (PassphraseRequiredError without one).
        """
        paths = resolve_paths(data_dir).ensure()
        catalog = load_catalog(paths)
        key = passphrase if isinstance(passphrase, DatabaseKey) else (
            DatabaseKey(passphrase) if passphrase else None)
        store = Store(paths.database, paths.backups, key)
        try:
            return cls(paths, store, catalog)
        except Exception:
            store.close()
            raise

    def close(self) -> None:
        """Release the database."""
        self.store.close()

    def __enter__(self) -> "Workspace":
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()
