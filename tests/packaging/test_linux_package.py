"""The built Linux app: its folder, its .tar.gz and its .deb run the self-test with no Python around."""

import struct
import subprocess
import tarfile
from pathlib import Path

import pytest

from cfpm_coach import APP_ID, __version__
from tests.cli.test_self_test import SUMMARY
from tests.packaging.conftest import ROOT, LinuxBuild, architecture, clean_env

# The build (in the session fixture) counts against the first test's time limit.
pytestmark = pytest.mark.timeout(600)
QT_RUNTIME = ("libgl1", "libegl1", "libxkbcommon0", "libfontconfig1", "libglib2.0-0",
              "libdbus-1-3")
HICOLOR_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
APPSTREAM_ID = "org.cfpm_coach.CfpmCoach"


def run(command: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, env=env, cwd=cwd, capture_output=True, text=True, timeout=240)


def assert_self_test_passes(command: list[str], tmp_path: Path, *path: Path) -> None:
    home = tmp_path / "home"
    result = run([*command, "--self-test"], clean_env(home, *path), tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert SUMMARY.fullmatch(result.stdout.strip()), result.stdout
    assert "window 1280x800 png" in result.stdout
    assert not (home / ".local" / "share" / APP_ID).exists()


def png_size(path: Path) -> tuple[int, int]:
    width, height = struct.unpack(">II", path.read_bytes()[16:24])
    return width, height


def test_the_built_folder_passes_its_self_test(linux_build: LinuxBuild, tmp_path: Path) -> None:
    assert "self-test ok:" in linux_build.log  # build.py ran it too, as `make package` does
    assert_self_test_passes([str(linux_build.folder / APP_ID)], tmp_path)


def test_the_folder_carries_resources_and_migrations_but_no_hub_server(
        linux_build: LinuxBuild, tmp_path: Path) -> None:
    internal = linux_build.folder / "_internal"
    for name in ("instruments/cpm-practice.v1.yaml", "instruments/i18n/cpm-practice.v1.es.yaml",
                 "translations/cfpm_coach_es.qm", "translations/cfpm_coach_es.ts",
                 "fonts/DejaVuSans.ttf", "icons/cfpm-coach.svg"):
        assert (internal / "resources" / name).is_file(), name
    versions = internal / "cfpm_coach" / "storage" / "migrations" / "versions"
    assert sorted(p.name for p in versions.glob("*.py")) == sorted(
        p.name for p in (ROOT / "cfpm_coach/storage/migrations/versions").glob("[0-9]*.py"))
    result = run([str(linux_build.folder / APP_ID), "hub", "serve", "--data-dir",
                  str(tmp_path / "hub")], clean_env(tmp_path / "home"), tmp_path)
    assert result.returncode == 1 and "no hub server" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_deb_installs_into_a_throwaway_root_and_runs(linux_build: LinuxBuild,
                                                         tmp_path: Path) -> None:
    root = tmp_path / "root"
    for folder in ("var/lib/dpkg/info", "var/lib/dpkg/updates"):
        (root / folder).mkdir(parents=True)
    (root / "var/lib/dpkg/status").touch()
    # The empty root has none of the Depends installed: the host has them, the check is below.
    installed = subprocess.run(
        ["dpkg", f"--root={root}", "--force-depends", "--force-not-root", "--log=/dev/null",
         "-i", str(linux_build.deb)], capture_output=True, text=True, timeout=120)
    assert installed.returncode == 0, installed.stderr

    status = subprocess.run(["dpkg", f"--root={root}", "-s", APP_ID], capture_output=True,
                            text=True, check=True).stdout
    fields = dict(line.split(": ", 1) for line in status.splitlines() if ": " in line
                  and not line.startswith(" "))
    assert fields["Status"] == "install ok installed"
    assert fields["Version"] == __version__ and fields["Architecture"] == architecture()
    depends = fields["Depends"]
    assert all(library in depends for library in QT_RUNTIME), depends

    link = root / "usr" / "bin" / APP_ID
    assert link.is_symlink() and str(link.readlink()) == f"/opt/{APP_ID}/{APP_ID}"
    share = root / "usr" / "share"
    desktop = share / "applications" / f"{APPSTREAM_ID}.desktop"
    metainfo = share / "metainfo" / f"{APPSTREAM_ID}.metainfo.xml"
    subprocess.run(["desktop-file-validate", str(desktop)], check=True)
    subprocess.run(["appstreamcli", "validate", "--no-net", str(metainfo)], check=True,
                   capture_output=True)
    assert f'<release version="{__version__}"' in metainfo.read_text()
    assert "Exec=cfpm-coach" in desktop.read_text()
    for size in HICOLOR_SIZES:
        icon = share / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "cfpm-coach.png"
        assert png_size(icon) == (size, size)
    assert (share / "icons" / "hicolor" / "scalable" / "apps" / "cfpm-coach.svg").is_file()

    # As a person runs it: by name, from a bin folder on PATH that links into /opt.
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / APP_ID).symlink_to(root / "opt" / APP_ID / APP_ID)
    assert_self_test_passes([APP_ID], tmp_path, bin_dir)
    env = clean_env(tmp_path / "home", bin_dir)
    version = run([APP_ID, "--version"], env, tmp_path)
    assert version.stdout.strip() == f"cfpm-coach {__version__}"
    store = run([APP_ID, "--data-dir", str(tmp_path / "data"), "--status"], env, tmp_path)
    assert store.returncode == 0, store.stderr
    assert "(schema 0" in store.stdout and (tmp_path / "data" / "cfpm-coach.sqlite3").is_file()


def test_the_tarball_unpacks_to_a_folder_that_runs(linux_build: LinuxBuild, tmp_path: Path) -> None:
    top = f"{APP_ID}-{__version__}"
    with tarfile.open(linux_build.tarball) as archive:
        members = archive.getmembers()
        assert {m.name.split("/")[0] for m in members} == {top}
        assert {(m.uid, m.gid) for m in members} == {(0, 0)}
        archive.extractall(tmp_path / "unpacked", filter="tar")
    folder = tmp_path / "unpacked" / top
    assert sorted(p.relative_to(folder) for p in folder.rglob("*")) == sorted(
        p.relative_to(linux_build.folder) for p in linux_build.folder.rglob("*"))
    assert_self_test_passes([str(folder / APP_ID)], tmp_path)
