"""Every file with names or notes is its owner's only (0600, folders 0700), whatever the umask.

Run under umask 0, the most permissive there is: anything the app creates with a default mode
shows up as readable (and writable) by every account on the machine.
"""

import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from cfpm_coach.hub.service import Hub
from cfpm_coach.services.workspace import Workspace
from cfpm_coach.sync import keys

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def umask_0() -> Iterator[None]:
    """The process (and its children) create files as permissively as the system allows."""
    previous = os.umask(0)
    yield
    os.umask(previous)


def _open_to_others(*roots: Path) -> list[str]:
    """Every file or folder under roots (roots included) that a group or other can use."""
    found = []
    for root in roots:
        for path in [root, *root.rglob("*")]:
            mode = path.lstat().st_mode
            if stat.S_ISLNK(mode):
                continue
            if mode & 0o077 or (stat.S_ISDIR(mode) and mode & 0o700 != 0o700):
                found.append(f"{path.relative_to(root.parent)} {stat.filemode(mode)}")
    return found


def test_a_coachs_files_are_owner_only_under_umask_0(umask_0: None, tmp_path: Path) -> None:
    data = tmp_path / "laptop"
    team = tmp_path / "team"
    team.mkdir(mode=0o700)
    recipient = keys.new_team_identity(team / "team.key")
    with Workspace.open(data) as ws:
        ws.demo.generate(workers=3, months=2, seed=4)
        worker = ws.workers.find()[0]
        end = date.today()
        start = date(end.year - 1, end.month, 1)
        # Reports into the data folder's reports/ (the window's default) and a new folder.
        pdfs = [ws.reports.worker_pdf(worker.id, start, end, data / "reports" / "coach.pdf"),
                ws.reports.unit_pdf(None, start, end, tmp_path / "out" / "pdf" / "unit.pdf"),
                ws.reports.agreement_pdf(tmp_path / "out" / "pdf" / "agreement.pdf")]
        csvs = ws.exchange.export_csv(tmp_path / "out" / "csv")
        bundle = ws.exchange.export(tmp_path / "out" / "bundles", recipient).path
        ws.maintenance.backup()
        ws.exchange.device_public_key()
    assert all(p.exists() for p in [*pdfs, *csvs, bundle]) and len(csvs) > 3
    found = _open_to_others(data, tmp_path / "out")
    assert found == [], "\n".join(found)


def test_a_hub_folder_and_its_reports_are_owner_only_under_umask_0(
        umask_0: None, tmp_path: Path) -> None:
    """`hub init` and `hub report` as an administrator runs them, in real processes."""
    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        clean = {k: v for k, v in os.environ.items() if not k.startswith("CFPM_COACH_")}
        return subprocess.run([sys.executable, "-m", "cfpm_coach", *args], cwd=ROOT, env=clean,
                              capture_output=True, text=True, timeout=120,
                              stdin=subprocess.DEVNULL)

    hub = tmp_path / "srv" / "cfpm-hub"
    made = cli("hub", "init", "--data-dir", str(hub))
    assert made.returncode == 0, made.stderr
    with Hub.open(hub) as opened, Workspace.open(tmp_path / "laptop") as laptop:
        laptop.demo.generate(workers=3, months=2, seed=4)
        token = opened.enroll(laptop.exchange.device_public_key(), "Coach A").token
        sealed = laptop.exchange.export(tmp_path / "laptop" / "out", opened.recipient).path
        assert opened.receive(token, sealed.read_bytes()).created
    report = tmp_path / "reports" / "all-offices.pdf"
    written = cli("hub", "report", "--data-dir", str(hub), "-o", str(report))
    assert written.returncode == 0, written.stderr
    assert report.exists() and (hub / "hub.sqlite3").exists() and (hub / "logs").is_dir()
    found = _open_to_others(tmp_path / "srv", tmp_path / "reports")
    assert found == [], "\n".join(found)


def test_a_folder_the_coach_chose_keeps_its_permissions_but_the_files_are_private(
        umask_0: None, workspace: Workspace, tmp_path: Path) -> None:
    shared = tmp_path / "team-share"
    shared.mkdir()
    shared.chmod(0o755)  # the coach's own choice: not ours to change
    written = workspace.exchange.export_csv(shared)
    assert stat.S_IMODE(shared.stat().st_mode) == 0o755
    assert {stat.S_IMODE(p.stat().st_mode) for p in written} == {0o600}
