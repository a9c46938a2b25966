"""What several services share and one of them may replace while the workspace stays open.

The store is reopened under a new passphrase (SecurityService) and the catalog is swapped for
a translated one (Workspace.use_language). Services hold the source and read `current` at each
use, so none keeps a closed store or a catalog in the wrong language.
"""

from typing import Generic, TypeVar

from cfpm_coach.domain.catalog import InstrumentCatalog
from cfpm_coach.storage.store import Store

T = TypeVar("T")


class Source(Generic[T]):
    """One shared, replaceable value: services read `current`, its owner replaces it."""

    def __init__(self, current: T) -> None:
        self.current = current


StoreSource = Source[Store]
CatalogSource = Source[InstrumentCatalog]
