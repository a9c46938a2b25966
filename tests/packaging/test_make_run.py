"""`make run` on a fresh clone installs the app alone, and every Debian package Qt's X11 (xcb)
platform plugin links against (issue 16, problem 10)."""

import re
import shutil
import subprocess
from pathlib import Path

import PySide6

ROOT = Path(__file__).resolve().parents[2]
QT = Path(PySide6.__file__).parent / "Qt"
# What Qt's X11 platform plugin loads: the plugin, its Qt library and its GL integrations.
XCB_PARTS = [QT / "plugins" / "platforms" / "libqxcb.so", QT / "lib" / "libQt6XcbQpa.so.6",
             *sorted((QT / "plugins" / "xcbglintegrations").glob("*.so"))]
X11_LIBRARY = re.compile(r"^lib(xcb|X11|xkbcommon)")


def dry_run(target: str, tmp_path: Path) -> str:
    """What `make -n target` would do in a fresh clone (no .venv yet)."""
    clone = tmp_path / "clone"
    clone.mkdir()
    for name in ("Makefile", "pyproject.toml"):
        shutil.copy(ROOT / name, clone / name)
    done = subprocess.run(["make", "-n", target], cwd=clone, capture_output=True, text=True,
                          check=True)
    return done.stdout


def installed_debs(make_output: str) -> set[str]:
    """The packages a system-deps line of `make -n` output asks for."""
    found = re.findall(r'system-deps DEBS="([^"]*)"', make_output)
    assert found, make_output
    return set(found[0].split())


def test_make_run_installs_the_app_without_the_test_and_build_tools(tmp_path: Path) -> None:
    commands = dry_run("run", tmp_path)
    installs = re.findall(r"pip install --quiet -e ([^\s;]+)", commands)
    assert installs == ["."], installs
    assert "[test]" not in commands


def test_make_run_installs_every_x11_library_the_xcb_plugin_links(tmp_path: Path) -> None:
    wanted = installed_debs(dry_run("run", tmp_path))
    needed: dict[str, str] = {}
    for part in XCB_PARTS:
        linked = subprocess.run(["ldd", str(part)], capture_output=True, text=True,
                                check=True).stdout
        for line in linked.splitlines():
            name = line.strip().split(" ", 1)[0]
            if not X11_LIBRARY.match(name):
                continue
            assert "not found" not in line, f"{part.name} needs {name}, which is not installed"
            path = line.split("=>", 1)[1].split("(")[0].strip()
            owner = subprocess.run(["dpkg", "-S", str(Path(path).resolve())],
                                   capture_output=True, text=True)
            if owner.returncode != 0:  # dpkg files some libraries under /lib, not /usr/lib
                owner = subprocess.run(["dpkg", "-S", path], capture_output=True, text=True,
                                       check=True)
            needed[name] = owner.stdout.split(":", 1)[0]
    assert needed, "ldd found no X11 library: the plugin's path has changed"
    missing = {name: package for name, package in needed.items() if package not in wanted}
    assert missing == {}, f"make run does not install {sorted(set(missing.values()))}"
