"""The record services every holder of a store composes the same way: a laptop's Workspace and
the hub (which merges and reports, and writes no records of its own).

Each service is given what it uses and nothing more; services that depend on others get them
here, in dependency order, so no service reaches another through a shared object.
"""

from cfpm_coach.domain.catalog import InstrumentCatalog
from cfpm_coach.paths import AppPaths, resources_dir
from cfpm_coach.services.goals import GoalService
from cfpm_coach.services.instrument_choice import InstrumentChoiceService
from cfpm_coach.services.observations import ObservationService
from cfpm_coach.services.profile import ProfileService
from cfpm_coach.services.report_data import ReportService
from cfpm_coach.services.sources import CatalogSource, StoreSource
from cfpm_coach.services.workers import WorkerService
from cfpm_coach.storage.records import Author
from cfpm_coach.storage.store import Store


def load_catalog(paths: AppPaths) -> InstrumentCatalog:
    """The shipped instruments plus a county's own files in <data dir>/instruments."""
    return InstrumentCatalog.from_folders(resources_dir() / "instruments", paths.instruments)


class RecordServices:
    """Profile, instrument choice, workers, observations, goals and reports on one store."""

    def __init__(self, store: StoreSource, catalog: CatalogSource, author: Author) -> None:
        self._stores = store
        self._catalogs = catalog
        self.author = author
        self.profile = ProfileService(store, author)
        self.instrument_choice = InstrumentChoiceService(catalog, self.profile)
        self.observations = ObservationService(store, catalog, author)
        self.goals = GoalService(store, catalog, author)
        self.workers = WorkerService(store, catalog, author, self.instrument_choice,
                                     self.observations, self.goals)
        self.reports = ReportService(store, catalog, self.instrument_choice, self.profile,
                                     self.workers, self.observations, self.goals)

    @property
    def store(self) -> Store:
        """The open store (another object once its passphrase changes)."""
        return self._stores.current

    @property
    def catalog(self) -> InstrumentCatalog:
        """The instruments, in the language chosen last."""
        return self._catalogs.current
