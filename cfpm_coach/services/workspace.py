"""One open store with its instruments and services: what the UI and every CLI command hold."""

import logging
import platform
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from cfpm_coach.domain.catalog import InstrumentCatalog
from cfpm_coach.domain.instruments import Instrument
from cfpm_coach.paths import AppPaths, resolve_paths, resources_dir
from cfpm_coach.services.goals import GoalService
from cfpm_coach.services.instrument_choice import (
    DEFAULT_INSTRUMENT_KEY,
    PRACTICE_KEY,
    PracticeChoice,
    checked_choice,
    practice_instruments,
    resolve_practice,
    start_instrument,
)
from cfpm_coach.services.maintenance import MaintenanceService
from cfpm_coach.services.observations import ObservationService
from cfpm_coach.services.profile import ProfileService
from cfpm_coach.services.report_data import ReportService
from cfpm_coach.services.workers import WorkerService
from cfpm_coach.storage import profile_repo, records
from cfpm_coach.storage.cipher import DatabaseKey
from cfpm_coach.storage.models import Coach
from cfpm_coach.storage.records import Author
from cfpm_coach.storage.store import Store

if TYPE_CHECKING:
    from cfpm_coach.services.audit import AuditService
    from cfpm_coach.services.exchange import ExchangeService
    from cfpm_coach.services.security import SecurityService
    from cfpm_coach.services.sync import SyncService

log = logging.getLogger(__name__)
PLACEHOLDER_COACH_NAME = "Unnamed coach"


def load_catalog(paths: AppPaths) -> InstrumentCatalog:
    """The shipped instruments plus a county's own files in <data dir>/instruments."""
    return InstrumentCatalog.from_folders(resources_dir() / "instruments", paths.instruments)


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


class Workspace:
    """An open data folder: store, instruments, and the use cases on them."""

    def __init__(self, paths: AppPaths, store: Store, catalog: InstrumentCatalog,
                 author: Author | None = None) -> None:
        self.paths = paths
        self.store = store
        self.catalog = catalog
        # The hub passes its own author: it merges coaches' records and writes none of its own.
        self.author = author or _bootstrap_author(store)
        self.profile = ProfileService(self)
        self.workers = WorkerService(self)
        self.observations = ObservationService(self)
        self.goals = GoalService(self)
        self.maintenance = MaintenanceService(self)
        self.reports = ReportService(self)
        # Read once, on first use (a worker thread, not the GUI's), then kept: it changes only
        # through choose_practice_instrument.
        self._practice_choice: PracticeChoice | None = None
        self._practice_choice_read = False

    @cached_property
    def exchange(self) -> "ExchangeService":
        """Bundles and CSV; its crypto libraries load on first use, not at start-up."""
        from cfpm_coach.services.exchange import ExchangeService

        return ExchangeService(self)

    @cached_property
    def audit(self) -> "AuditService":
        """The audit trail, for people."""
        from cfpm_coach.services.audit import AuditService

        return AuditService(self)

    @cached_property
    def security(self) -> "SecurityService":
        """The passphrase that encrypts the store."""
        from cfpm_coach.services.security import SecurityService

        return SecurityService(self)

    @cached_property
    def sync(self) -> "SyncService":
        """Outbox, transports and receipts; loaded on first use."""
        from cfpm_coach.services.sync import SyncService

        return SyncService(self)

    def use_language(self, language: str, locale: str = "") -> None:
        """Show instrument text and print reports in language where translations exist; dates
        on paper in locale ("es_MX") when it is in that language.

        Instrument translations are display only; the reports' language is process-wide
        (one app, one language).
        """
        from cfpm_coach.reports import texts

        texts.use_language(language, locale)
        if language != "en":
            self.catalog = self.catalog.translated(
                language, resources_dir() / "instruments", self.paths.instruments)

    def practice_instrument(self) -> "Instrument | None":
        """The practice instrument whose elements the worker list, trends, suggested focus and
        goals show: the one chosen in Settings, else the newest version of the first by id."""
        if not self._practice_choice_read:
            self._practice_choice = PracticeChoice.from_setting(
                self.profile.setting(PRACTICE_KEY))
            self._practice_choice_read = True
        return resolve_practice(self.catalog, self._practice_choice)

    def practice_instruments(self) -> list[Instrument]:
        """Every installed version of every practice instrument, to choose from."""
        return practice_instruments(self.catalog)

    def choose_practice_instrument(self, instrument_id: str, version: int | None = None
                                   ) -> Instrument:
        """Make an installed practice instrument the one the figures follow (its newest version
        follows later versions); InstrumentError when it is not installed or not practice."""
        choice = checked_choice(self.catalog, instrument_id, version)
        self.profile.set_setting(PRACTICE_KEY, choice.to_setting())
        self._practice_choice, self._practice_choice_read = choice, True
        chosen = self.practice_instrument()
        assert chosen is not None
        log.info("practice instrument set to %s version %s", instrument_id, chosen.version)
        return chosen

    def start_instrument(self) -> tuple[str, int] | None:
        """The instrument (id, version) New observation offers first."""
        return start_instrument(self.catalog, self.practice_instrument(),
                                self.profile.setting(DEFAULT_INSTRUMENT_KEY, ""))

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
