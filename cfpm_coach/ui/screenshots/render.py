"""Render every screen and dialog (`screenshot_shots.SHOTS`) to PNG for the docs, once per
variant (`VARIANTS`): light English in the folder itself (the README shows those), dark, touch
density, 150 % and Spanish each in a subfolder of its own, same file names."""

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSize
from PySide6.QtGui import QPixmap

from cfpm_coach.domain.vocabulary import ObservationStatus
from cfpm_coach.services import demo
from cfpm_coach.services.workspace import Workspace
from cfpm_coach.ui.flows.observation_flow import OPEN_OBSERVATION_KEY
from cfpm_coach.ui.language import i18n
from cfpm_coach.ui.look import appearance
from cfpm_coach.ui.look.appearance import Appearance
from cfpm_coach.ui.runtime import gc_guard
from cfpm_coach.ui.screenshots.shots import SHOTS, Scene, settle, show_worker, wait_until
from cfpm_coach.ui.shell.app import application, open_main_window

# The smallest laptop coaches use: what it shows is what the pictures show.
SIZE = QSize(1366, 768)
# A 1920x1080 laptop at 150 %, the way Windows sets many of them up: 1280x720 to lay out in.
SCALED_SIZE = QSize(1280, 720)

@dataclass(frozen=True)
class Variant:
    """One way of looking at every shot: a subfolder ("" for the folder itself), a language, an
    appearance, a scale factor (QT_SCALE_FACTOR, read once at start: a process of its own) and
    the window's size."""

    folder: str
    language: str = "en"
    # What a coach sees before choosing (light, offscreen).
    look: Appearance = field(default_factory=Appearance)
    scale: float | None = None
    size: QSize = SIZE

    @property
    def name(self) -> str:
        """How the command line names it."""
        return self.folder or "light"


VARIANTS: tuple[Variant, ...] = (
    Variant(""),
    Variant("dark", look=Appearance(scheme="dark")),
    Variant("touch", look=Appearance(density="touch")),
    Variant("scale-150", scale=1.5, size=SCALED_SIZE),
    # Spanish labels run longer: every screen shows where they would clip.
    Variant("es", language="es"),
)


def variant_named(name: str) -> Variant:
    """The variant the command line names ("light", "dark", ...); KeyError if none."""
    for variant in VARIANTS:
        if variant.name == name:
            return variant
    raise KeyError(name)


def prepare_store(data: Path, *, workers: int = 24, months: int = 12) -> None:
    """Fill data with the demo store (unless it has one: workers with months of observations)
    and two offices' assessments."""
    from cfpm_coach.ui.screenshots.offices import assess_offices

    with Workspace.open(data) as ws:
        if not ws.workers.find():
            ws.profile.update_coach(name="Demo Coach", role="Practice coach", county=demo.COUNTY)
            ws.demo.generate(workers=workers, months=months)
        assess_offices(ws)
        # No "resume your observation?" question in the middle of an unattended run.
        ws.profile.set_setting(OPEN_OBSERVATION_KEY, None)


def take_screenshots(out_dir: Path, data_dir: Path | None = None,
                     variant: Variant = VARIANTS[0]) -> list[Path]:
    """Fill a demo store (unless data_dir has one), open the app offscreen in variant's
    language, look and scale, save every shot in out_dir (or its subfolder for the variant);
    the light variant also the larger-text look and the reports' pages.

    One variant per process: a second window in another language crashed PySide at the
    interpreter's exit (none_dealloc), and a scale is read once, when the application starts.
    """
    if variant.scale is not None:
        if QCoreApplication.instance() is not None:
            raise RuntimeError("screenshots at a scale need a process of their own")
        os.environ["QT_SCALE_FACTOR"] = f"{variant.scale:g}"
    if QCoreApplication.instance() is None and os.environ.get("QT_QPA_PLATFORM") == "offscreen":
        _laptop_screen(variant)
    folder = out_dir / variant.folder if variant.folder else out_dir
    folder.mkdir(parents=True, exist_ok=True)
    data = data_dir or Path(tempfile.mkdtemp(prefix="cfpm-coach-shots-"))
    prepare_store(data)
    with Workspace.open(data) as ws:
        practice = ws.practice_instrument()
        drafts = [d for d in ws.observations.drafts()
                  if practice is not None and d.instrument_id == practice.id]
        busiest = max(ws.workers.find(include_inactive=False), key=lambda w: w.observation_count)

    app = application()
    i18n.install(app, variant.language)
    # As a coach who chose it in Settings (which then shows it chosen).
    appearance.save(data, variant.look)
    appearance.apply(app, variant.look)
    window = open_main_window(data)
    window.resize(variant.size)
    window.show()
    wait_until(lambda: window.workspace is not None)
    settle(window)
    scene = Scene(window, data, busiest.id, drafts[0].id, variant.size)
    show_worker(scene)
    shots = [_save(shot(scene), folder / name) for name, shot in SHOTS.items()]
    if variant == VARIANTS[0]:
        shots += _larger_text(scene, folder)
    window.close()
    window.backend.shutdown()
    gc_guard.release(window)
    if variant == VARIANTS[0]:
        from cfpm_coach.ui.screenshots.offices import office_pdf_pages

        shots += report_pages(folder, data, busiest.id) + office_pdf_pages(folder, data)
    return shots


def _laptop_screen(variant: Variant) -> None:
    """An offscreen screen the size of the laptop the variant pictures (its size at its scale).

    Offscreen's own screen is 800x800: a dialog sizing itself to its content stops at two thirds
    of the screen, so About was cut to 533 px wide, and at 150 % (533 logical px) the welcome's
    passphrase fields were squeezed to a sliver.
    """
    import json

    scale = variant.scale or 1.0
    screen = {"name": "laptop", "x": 0, "y": 0, "logicalDpi": 96, "logicalBaseDpi": 96,
              "dpr": 1, "width": round(variant.size.width() * scale),
              "height": round(variant.size.height() * scale)}
    config = Path(tempfile.mkdtemp(prefix="cfpm-coach-screen-")) / "screen.json"
    config.write_text(json.dumps({"screens": [screen]}), encoding="utf-8")
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"


def _save(picture: QPixmap, path: Path) -> Path:
    if not picture.save(str(path)):
        raise OSError(f"The screenshot {path} could not be written.")
    return path


def _larger_text(scene: Scene, folder: Path) -> list[Path]:
    """The main window and the checklist in the largest text size (then back)."""
    from cfpm_coach.ui.screenshots.shots import close_checklist, open_checklist

    app = application()
    before = appearance.current()
    appearance.apply(app, Appearance(scheme=before.scheme, text_size="larger"))
    try:
        show_worker(scene)
        shots = [_save(scene.window.grab(), folder / "large-text-main-window.png")]
        open_checklist(scene)
        shots.append(_save(scene.window.grab(), folder / "large-text-checklist.png"))
        close_checklist(scene)
    finally:
        appearance.apply(app, before)
    return shots


def report_pages(out_dir: Path, data: Path, worker_id: object) -> list[Path]:
    """Render each report from the demo data and turn its pages into PNGs with pdftoppm."""
    import shutil
    import subprocess
    from datetime import date, timedelta

    if shutil.which("pdftoppm") is None:
        return []
    pages: list[Path] = []
    end = date.today()
    start = end - timedelta(days=365)
    with Workspace.open(data) as ws:
        worker = ws.workers.get(worker_id)  # type: ignore[arg-type]
        latest = next(o for o in ws.observations.find(worker_id=worker.id)
                      if o.status == ObservationStatus.FINAL)
        pdfs = {
            "report-observation": ws.reports.observation_pdf(
                latest.id, out_dir / "report-observation.pdf", deterministic=True),
            "report-worker": ws.reports.worker_pdf(
                worker.id, start, end, out_dir / "report-worker.pdf", deterministic=True),
            "report-unit": ws.reports.unit_pdf(
                worker.office, start, end, out_dir / "report-unit.pdf", deterministic=True),
        }
    for stem, pdf in pdfs.items():
        for old in out_dir.glob(f"{stem}-*.png"):
            old.unlink()
        subprocess.run(["pdftoppm", "-r", "60", "-png", str(pdf), str(out_dir / stem)],
                       check=True)
        pdf.unlink()
        pages += sorted(out_dir.glob(f"{stem}-*.png"))
    return pages
