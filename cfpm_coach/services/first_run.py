"""The first run: a welcome until the coach has said who they are, and a separate demo store.

Demo data never shares a file with real data: it lives in its own store (`demo/` inside the
data folder, or a temp folder for `--demo`), marked as a demo so the window says so and can
remove it in one click. Nothing from it can reach a sync bundle of the real store.
"""

from pathlib import Path

from cfpm_coach.errors import StoreError
from cfpm_coach.services import demo
from cfpm_coach.services.maintenance import MaintenanceService
from cfpm_coach.services.profile import ProfileService

WELCOMED_KEY = "welcomed"
DEMO_KEY = "demo_store"
DEMO_FOLDER = "demo"


class FirstRunService:
    """The welcome a new store shows, and the demo data a demo store holds."""

    def __init__(self, profile: ProfileService, maintenance: MaintenanceService,
                 sample: demo.DemoService) -> None:
        self._profile = profile
        self._maintenance = maintenance
        self._sample = sample

    def needs_welcome(self) -> bool:
        """True on a new store: never welcomed, no workers, not a demo."""
        if self._profile.setting(WELCOMED_KEY, False) or self.is_demo():
            return False
        if self._maintenance.counts().get("worker", 0):
            # A store from before the welcome existed, already in use: never ask.
            self._profile.set_setting(WELCOMED_KEY, True)
            return False
        return True

    def complete_welcome(self, *, name: str, role: str, county: str, office: str) -> None:
        """Save the coach's profile and remember that the welcome was answered."""
        self._profile.update_coach(name=name, role=role, county=county, office=office)
        self._profile.set_setting(WELCOMED_KEY, True)

    def skip_welcome(self) -> None:
        """The coach closed the welcome: do not ask again (Settings has the same fields)."""
        self._profile.set_setting(WELCOMED_KEY, True)

    def is_demo(self) -> bool:
        """True for a store filled with sample data."""
        return bool(self._profile.setting(DEMO_KEY, False))

    def fill_demo(self, *, workers: int = 24, months: int = 12,
                  progress: demo.Progress | None = None) -> None:
        """Fill an empty store with sample data and mark it as a demo."""
        if self._maintenance.counts().get("worker", 0) and not self.is_demo():
            raise StoreError("Demo data goes only into an empty store, never beside real data")
        self._profile.set_setting(DEMO_KEY, True)
        self._profile.update_coach(name="Demo Coach", role="Practice coach", county=demo.COUNTY,
                                   office=demo.OFFICES[0])
        self._sample.generate(workers=workers, months=months, progress=progress)


def demo_folder(data_dir: Path) -> Path:
    """Where the first-run demo store lives, beside (never inside) the real database."""
    return data_dir / DEMO_FOLDER
