"""The first run: a welcome until the coach has said who they are, and a separate demo store.

Demo data never shares a file with real data: it lives in its own store (`demo/` inside the
data folder, or a temp folder for `--demo`), marked as a demo so the window says so and can
remove it in one click. Nothing from it can reach a sync bundle of the real store.
"""

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from cfpm_coach.errors import StoreError
from cfpm_coach.services import demo

if TYPE_CHECKING:
    from cfpm_coach.services.workspace import Workspace

WELCOMED_KEY = "welcomed"
DEMO_KEY = "demo_store"
DEMO_FOLDER = "demo"


def needs_welcome(ws: "Workspace") -> bool:
    """True on a new store: never welcomed, no workers, not a demo."""
    if ws.profile.setting(WELCOMED_KEY, False) or is_demo(ws):
        return False
    if ws.maintenance.counts().get("worker", 0):
        # A store from before the welcome existed, already in use: never ask.
        ws.profile.set_setting(WELCOMED_KEY, True)
        return False
    return True


def complete_welcome(ws: "Workspace", *, name: str, role: str, county: str, office: str
                     ) -> None:
    """Save the coach's profile and remember that the welcome was answered."""
    ws.profile.update_coach(name=name, role=role, county=county, office=office)
    ws.profile.set_setting(WELCOMED_KEY, True)


def skip_welcome(ws: "Workspace") -> None:
    """The coach closed the welcome: do not ask again (Settings has the same fields)."""
    ws.profile.set_setting(WELCOMED_KEY, True)


def is_demo(ws: "Workspace") -> bool:
    """True for a store filled with sample data."""
    return bool(ws.profile.setting(DEMO_KEY, False))


def fill_demo(ws: "Workspace", *, workers: int = 24, months: int = 12,
              progress: demo.Progress | None = None) -> None:
    """Fill an empty store with sample data and mark it as a demo."""
    if ws.maintenance.counts().get("worker", 0) and not is_demo(ws):
        raise StoreError("Demo data goes only into an empty store, never beside real data")
    ws.profile.set_setting(DEMO_KEY, True)
    ws.profile.update_coach(name="Demo Coach", role="Practice coach", county=demo.COUNTY,
                            office=demo.OFFICES[0])
    demo.generate(ws, workers=workers, months=months, progress=progress)


def demo_folder(data_dir: Path) -> Path:
    """Where the first-run demo store lives, beside (never inside) the real database."""
    return data_dir / DEMO_FOLDER


def remove_demo_store(data_dir: Path) -> None:
    """Delete a demo store's folder; refuses any folder that is not a marked demo store."""
    from cfpm_coach.services.workspace import Workspace

    with Workspace.open(data_dir) as ws:
        if not is_demo(ws):
            raise StoreError(f"{data_dir} is not a demo store; nothing was removed")
    shutil.rmtree(data_dir)
