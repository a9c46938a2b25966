"""Build the Linux app folder, a .tar.gz and a .deb; validate them; self-test the built folder.

    python packaging/linux/build.py [--dist DIR] [--work DIR] [--clean]

`make package` runs this with the project's virtual environment (PyInstaller comes from the
`package` extra). Needs dpkg-deb, desktop-file-validate (desktop-file-utils) and appstreamcli
(appstream). Nothing is downloaded.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "packaging"))

from render_icons import render  # noqa: E402

from cfpm_coach import APP_ID, __version__  # noqa: E402

LINUX = ROOT / "packaging" / "linux"
# The AppStream component id (reverse DNS) names the desktop and metainfo files; it must never
# change once released, or software centres see a different app.
APPSTREAM_ID = "org.cfpm_coach.CfpmCoach"
INSTALL_DIR = f"/opt/{APP_ID}"
# What Qt needs from the system on a desktop (X11 and Wayland). PyInstaller bundles many of these
# libraries, but their configuration (fontconfig's fonts.conf, GL drivers) comes from the system.
BASE_DEPENDS = [
    "libgl1", "libegl1", "libxkbcommon0", "libxkbcommon-x11-0", "libfontconfig1",
    "libfreetype6", "libglib2.0-0t64 | libglib2.0-0", "libdbus-1-3", "libx11-6", "libx11-xcb1",
    "libxcb1", "libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1", "libxcb-image0",
    "libxcb-render-util0", "libxcb-shape0", "libxcb-xkb1", "libxcb-randr0", "libxcb-shm0",
    "libxcb-sync1", "libxcb-xfixes0",
]
RECOMMENDS = ["libwayland-client0", "libwayland-cursor0", "libwayland-egl1"]
SUGGESTS = ["libgtk-3-0t64 | libgtk-3-0", "cups-client"]  # the GTK theme; `lp` for Print
SELF_TEST_SECONDS = 240


def log(message: str) -> None:
    """One progress line."""
    print(f"[package] {message}", flush=True)


def run(command: list[str], *, cwd: Path | None = None,
        env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run a command, failing the build with its output if it fails."""
    result = subprocess.run(command, text=True, capture_output=True, cwd=cwd, env=env)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({result.returncode}):\n"
                         f"{result.stdout}\n{result.stderr}")
    return result


def clean_env(home: Path) -> dict[str, str]:
    """An environment with no virtual environment, no PYTHONPATH, no display: like a fresh login."""
    return {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": str(home), "LANG": "C.UTF-8",
            "TMPDIR": tempfile.gettempdir()}


def self_test(executable: Path) -> str:
    """Run the built app's --self-test with a clean environment; its summary line."""
    with tempfile.TemporaryDirectory(prefix="cfpm-package-home-") as home:
        result = subprocess.run([str(executable), "--self-test"], env=clean_env(Path(home)),
                                cwd=home, text=True, capture_output=True,
                                timeout=SELF_TEST_SECONDS)
    if result.returncode != 0 or not result.stdout.startswith("self-test ok:"):
        raise SystemExit(f"the built app failed its self-test ({result.returncode}):\n"
                         f"{result.stdout}{result.stderr}")
    return result.stdout.strip()


def pyinstaller(dist: Path, work: Path, icons: Path, clean: bool) -> Path:
    """The one-folder app, dist/cfpm-coach/."""
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
               "--distpath", str(dist), "--workpath", str(work / "pyinstaller"),
               str(ROOT / "packaging" / "cfpm-coach.spec")]
    if clean:
        command.insert(3, "--clean")
    run(command, cwd=ROOT, env={**os.environ, "CFPM_ICONS": str(icons)})
    folder = dist / APP_ID
    if not (folder / APP_ID).is_file():
        raise SystemExit(f"PyInstaller did not produce {folder / APP_ID}")
    return folder


def _is_elf(path: Path) -> bool:
    with open(path, "rb") as handle:
        return handle.read(4) == b"\x7fELF"


def system_libraries(folder: Path) -> set[str]:
    """Shared libraries the bundle loads from the system (resolved paths, from ldd)."""
    internal = folder / "_internal"
    env = {**os.environ, "LD_LIBRARY_PATH": str(internal)}
    found: set[str] = set()
    for path in folder.rglob("*"):
        if path.is_symlink() or not path.is_file() or not _is_elf(path):
            continue
        result = subprocess.run(["ldd", str(path)], text=True, capture_output=True, env=env)
        for line in result.stdout.splitlines():
            parts = line.split("=>")
            if len(parts) == 2 and parts[1].strip().startswith("/"):
                library = parts[1].split("(")[0].strip()
                if not Path(library).resolve().is_relative_to(folder.resolve()):
                    found.add(library)
    return found


def owning_packages(libraries: set[str]) -> dict[str, str]:
    """Debian package of each library (merged-/usr paths are tried both ways)."""
    owners: dict[str, str] = {}
    for library in sorted(libraries):
        candidates = [library, str(Path(library).resolve())]
        candidates += ["/usr" + c for c in candidates if not c.startswith("/usr/")]
        candidates += [c.removeprefix("/usr") for c in candidates if c.startswith("/usr/")]
        for candidate in candidates:
            result = subprocess.run(["dpkg-query", "-S", candidate], text=True,
                                    capture_output=True)
            if result.returncode == 0:
                owners[library] = result.stdout.split(":")[0].strip()
                break
        else:
            raise SystemExit(f"no Debian package owns {library}: add it to BASE_DEPENDS by hand")
    return owners


def depends(folder: Path) -> list[str]:
    """BASE_DEPENDS plus every package the bundle's libraries were found in on this machine."""
    declared = list(BASE_DEPENDS)
    names = {alt.strip() for entry in declared for alt in entry.split("|")}
    glibc = run(["dpkg-query", "-W", "-f=${Version}", "libc6"]).stdout.split("-")[0]
    for package in sorted(set(owning_packages(system_libraries(folder)).values())):
        if package == "libc6":
            declared.insert(0, f"libc6 (>= {glibc})")  # built against this glibc, needs no older
        elif package not in names and package not in RECOMMENDS:  # Wayland stays optional
            declared.append(package)
            names.add(package)
    return declared


def release_date() -> str:
    """SOURCE_DATE_EPOCH when set (reproducible builds), else today (UTC)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC)
    return moment.date().isoformat()


def tarball(folder: Path, dist: Path, arch: str) -> Path:
    """cfpm-coach-VERSION-linux-ARCH.tar.gz holding cfpm-coach-VERSION/ (owner root)."""
    name = f"{APP_ID}-{__version__}"
    target = dist / f"{name}-linux-{arch}.tar.gz"
    temp = target.with_name(target.name + ".partial")

    def as_root(info: tarfile.TarInfo) -> tarfile.TarInfo:
        info.uid = info.gid = 0
        info.uname = info.gname = "root"
        return info

    with tarfile.open(temp, "w:gz", compresslevel=6) as archive:
        archive.add(folder, arcname=name, filter=as_root)
    temp.replace(target)
    return target


def stage_deb(folder: Path, icons: Path, stage: Path, arch: str) -> Path:
    """The file tree of the .deb: /opt/cfpm-coach, /usr/bin link, desktop file, icons, metainfo."""
    if stage.exists():
        shutil.rmtree(stage)
    opt = stage / INSTALL_DIR.lstrip("/")
    shutil.copytree(folder, opt, symlinks=True)
    usr_bin = stage / "usr" / "bin"
    usr_bin.mkdir(parents=True)
    (usr_bin / APP_ID).symlink_to(f"{INSTALL_DIR}/{APP_ID}")  # policy: absolute across top dirs
    share = stage / "usr" / "share"
    (share / "applications").mkdir(parents=True)
    shutil.copyfile(LINUX / f"{APP_ID}.desktop", share / "applications" / f"{APPSTREAM_ID}.desktop")
    shutil.copytree(icons, share / "icons" / "hicolor")
    (share / "metainfo").mkdir()
    metainfo = (LINUX / f"{APP_ID}.metainfo.xml.in").read_text(encoding="utf-8")
    metainfo = metainfo.replace("@VERSION@", __version__).replace("@DATE@", release_date())
    (share / "metainfo" / f"{APPSTREAM_ID}.metainfo.xml").write_text(metainfo, encoding="utf-8")
    doc = share / "doc" / APP_ID
    doc.mkdir(parents=True)
    shutil.copyfile(LINUX / "copyright", doc / "copyright")
    shutil.copyfile(ROOT / "resources" / "fonts" / "LICENSE-DejaVu.txt", doc / "LICENSE-DejaVu.txt")
    for path in [stage, *stage.rglob("*")]:
        if path.is_dir() and not path.is_symlink():
            path.chmod(0o755)
        elif path.is_file() and not path.is_symlink():
            path.chmod(0o755 if os.access(path, os.X_OK) else 0o644)
    size_kib = sum(p.stat().st_size for p in stage.rglob("*") if p.is_file() and not p.is_symlink())
    control = "\n".join([
        f"Package: {APP_ID}",
        f"Version: {__version__}",
        f"Architecture: {arch}",
        "Maintainer: " + os.environ.get("DEB_MAINTAINER",
                                        "CFPM Coach developers <cfpm-coach@example.invalid>"),
        f"Installed-Size: {size_kib // 1024 + 1}",
        f"Depends: {', '.join(depends(folder))}",
        f"Recommends: {', '.join(RECOMMENDS)}",
        f"Suggests: {', '.join(SUGGESTS)}",
        "Section: misc",
        "Priority: optional",
        "Description: Offline-first field coaching for California's Child and Family Practice Model",
        " CFPM Coach helps coaches observe a worker's practice, rate each behavior with",
        " evidence, agree next steps, follow growth over months, print coaching summaries,",
        " and hand sealed, signed export bundles to the central implementation team.",
        "",
    ])
    (stage / "DEBIAN").mkdir(mode=0o755)
    (stage / "DEBIAN" / "control").write_text(control, encoding="utf-8")
    return stage


def validate(stage: Path) -> None:
    """desktop-file-validate and appstreamcli on the files the .deb installs."""
    share = stage / "usr" / "share"
    for tool in ("desktop-file-validate", "appstreamcli"):
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool} is missing: install desktop-file-utils and appstream "
                             "(`make package` does)")
    run(["desktop-file-validate", str(share / "applications" / f"{APPSTREAM_ID}.desktop")])
    run(["appstreamcli", "validate", "--no-net",
         str(share / "metainfo" / f"{APPSTREAM_ID}.metainfo.xml")])


def build_deb(stage: Path, dist: Path, arch: str) -> Path:
    """dpkg-deb the staged tree (gzip: every dpkg reads it, and it is quick to make)."""
    target = dist / f"{APP_ID}_{__version__}_{arch}.deb"
    run(["dpkg-deb", "--root-owner-group", "-Zgzip", "-z6", "--build", str(stage), str(target)])
    return target


def main(argv: list[str] | None = None) -> int:
    """Build everything; print what was made and how long each part took."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="outputs (default: dist/)")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "package",
                        help="intermediate files (default: build/package/)")
    parser.add_argument("--clean", action="store_true", help="rebuild PyInstaller's cache")
    args = parser.parse_args(argv)
    dist, work = args.dist.resolve(), args.work.resolve()
    dist.mkdir(parents=True, exist_ok=True)
    work.mkdir(parents=True, exist_ok=True)
    arch = run(["dpkg", "--print-architecture"]).stdout.strip()
    started = time.perf_counter()
    timings: list[str] = []

    def timed(label: str, since: float) -> float:
        now = time.perf_counter()
        timings.append(f"{label} {now - since:.0f} s")
        return now

    mark = started
    icon_root = work / "icons"
    shutil.rmtree(icon_root, ignore_errors=True)
    render(icon_root)
    icons = icon_root / "hicolor"
    mark = timed("icons", mark)
    log("PyInstaller (one folder) ...")
    folder = pyinstaller(dist, work, icons, args.clean)
    mark = timed("pyinstaller", mark)
    log(f"self-test of {folder} ...")
    summary = self_test(folder / APP_ID)
    log(summary)
    mark = timed("self-test", mark)
    tar = tarball(folder, dist, arch)
    mark = timed("tar.gz", mark)
    stage = stage_deb(folder, icons, work / "deb-root", arch)
    validate(stage)
    deb = build_deb(stage, dist, arch)
    shutil.rmtree(stage)
    timed("deb", mark)
    for path in (folder, tar, deb):
        size = (sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())
                if path.is_dir() else path.stat().st_size)
        log(f"built {path} ({size / 2**20:.0f} MiB)")
    log(f"done in {time.perf_counter() - started:.0f} s ({', '.join(timings)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
