"""One real Linux build (app folder, .tar.gz, .deb) per test session, made by packaging/linux/build.py."""

import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from cfpm_coach import APP_ID, __version__

ROOT = Path(__file__).resolve().parents[2]
BUILD = ROOT / "packaging" / "linux" / "build.py"


@dataclass(frozen=True)
class LinuxBuild:
    """What `make package` makes, built into a temporary folder."""

    folder: Path
    tarball: Path
    deb: Path
    log: str


def architecture() -> str:
    """Debian's name for this machine's architecture."""
    return subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True,
                          check=True).stdout.strip()


def clean_env(home: Path, *path: Path) -> dict[str, str]:
    """A login without the virtual environment: no venv on PATH, no PYTHONPATH, no display."""
    home.mkdir(parents=True, exist_ok=True)
    return {"PATH": ":".join([*map(str, path), "/usr/bin", "/bin"]), "HOME": str(home),
            "LANG": "C.UTF-8"}


@pytest.fixture(scope="session")
def linux_build(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LinuxBuild]:
    """Build once with the same script `make package` runs (about 2 minutes on a quiet 2-core machine)."""
    dist = tmp_path_factory.mktemp("dist")
    work = tmp_path_factory.mktemp("work")
    result = subprocess.run([sys.executable, str(BUILD), "--dist", str(dist), "--work", str(work)],
                            capture_output=True, text=True, timeout=560)
    assert result.returncode == 0, result.stdout + result.stderr
    arch = architecture()
    yield LinuxBuild(folder=dist / APP_ID,
                     tarball=dist / f"{APP_ID}-{__version__}-linux-{arch}.tar.gz",
                     deb=dist / f"{APP_ID}_{__version__}_{arch}.deb",
                     log=result.stdout)
    # About 500 MB: not left for pytest's keep-the-last-three temp folders.
    for folder in (dist, work):
        shutil.rmtree(folder, ignore_errors=True)
