"""Screenshots of where each office stands: the laptop's office view and one office's PDF, from
the demo store with two offices' implementation-supports assessments added."""

import random
import shutil
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QPixmap

from cfpm_coach.domain.office_subject import ImplementationStage
from cfpm_coach.domain.vocabulary import Setting
from cfpm_coach.services import demo
from cfpm_coach.services.workspace import Workspace
from cfpm_coach.ui.dialogs.office_dialog import OfficeDialog
from cfpm_coach.ui.screenshots.shots import settle

if TYPE_CHECKING:
    from cfpm_coach.ui.screenshots.shots import Scene

ASSESSED = ((demo.OFFICES[0], ImplementationStage.INITIAL_IMPLEMENTATION),
            (demo.OFFICES[1], ImplementationStage.INSTALLATION))


def assess_offices(ws: Workspace) -> None:
    """Two finished assessments, the first office further along than the second."""
    supports = next(i for i in ws.catalog.latest() if i.subject == "office")
    rng = random.Random(11)
    for rank, (office, stage) in enumerate(ASSESSED):
        if any(o.implementation_stage and o.worker_name.startswith(office)
               for o in ws.observations.find()):
            continue  # assessed in an earlier run on the same store
        assessment = ws.observations.start_office(office, demo.COUNTY, stage, supports.id,
                                                  Setting.TEAM_MEETING)
        ws.observations.rate_many(assessment.summary.id, {
            item.id: (rng.choice((3, 3, 2) if rank == 0 else (1, 2, 2, 3)), None)
            for item in supports.items})
        ws.observations.finalize(assessment.summary.id, allow_partial=True)


def offices_view(scene: "Scene") -> QPixmap:
    """Where each office stands, as the laptop's office view shows it (after assess_offices)."""
    workspace = scene.window.workspace
    assert workspace is not None
    dialog = OfficeDialog(scene.window)
    dialog.show_standings(workspace.offices.standings())
    dialog.resize(min(1280, scene.size.width()), 600 * scene.size.height() // 768)
    dialog.show()
    settle(scene.window)
    picture = dialog.grab()
    dialog.close()
    dialog.deleteLater()
    return picture


def office_pdf_pages(out_dir: Path, data: Path) -> list[Path]:
    """The first assessed office's PDF, its pages as report-office-N.png (with pdftoppm)."""
    if shutil.which("pdftoppm") is None:
        return []
    with Workspace.open(data) as ws:
        pdf = ws.offices.pdf(ASSESSED[0][0], demo.COUNTY, out_dir / "report-office.pdf",
                            deterministic=True)
    for old in out_dir.glob("report-office-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(pdf), str(out_dir / "report-office")],
                   check=True)
    pdf.unlink()
    return sorted(out_dir.glob("report-office-*.png"))
