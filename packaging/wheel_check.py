"""Every runtime dependency installs from a binary wheel on every platform coaches use.

For each target (Windows x64, macOS arm64, macOS x86_64, Linux x86_64) and each supported Python
version, the app's dependencies (`[project] dependencies` in pyproject.toml) must resolve with
`pip install --only-binary :all:` as if installing on that platform (pip installs nothing:
`--dry-run`). A dependency with no wheel there fails the check, named with the target, the
Python version and pip's own reason: a county laptop would otherwise meet it as a compiler error.

pip resolves the tree once and every target and Python is checked against the index's file
list, with pip asked again for a target where a release it picked has no wheel (see check()).
pip reads each wheel's metadata without downloading the wheel: from the index's metadata files
where the index serves them (PEP 658), and otherwise by HTTP range requests into the wheel
(`fast-deps`), so PySide6's 80-160 MB wheels are never fetched whole. A passing result is
remembered for a day in the virtual environment (`--no-cache` ignores it).

    python packaging/wheel_check.py                     # the app's dependencies, every target
    python packaging/wheel_check.py --requirement docopt --target win_amd64 --python 3.11

Markers in our own requirements are evaluated for the target; pip evaluates the markers of
transitive dependencies on this machine (pip has no option for that), which only matters for
a dependency pulled in on Windows or macOS alone.
"""

import argparse
import concurrent.futures
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
import tomllib
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import InvalidWheelFilename, canonicalize_name, parse_wheel_filename
from packaging.version import InvalidVersion, Version

from packaging import tags

ROOT = Path(__file__).resolve().parents[1]
PYTHONS = ("3.11", "3.12", "3.13")
CACHE_SECONDS = 24 * 3600
PARALLEL = 4
INDEX = os.environ.get("WHEEL_CHECK_INDEX", "https://pypi.org/simple").rstrip("/")


def _manylinux(glibc_minor: int, arch: str) -> tuple[str, ...]:
    """A Linux with that glibc installs manylinux wheels for it and every older glibc."""
    tags = [f"manylinux_2_{minor}_{arch}" for minor in range(glibc_minor, 4, -1)]
    return (*tags, f"manylinux2014_{arch}", f"manylinux2010_{arch}", f"manylinux1_{arch}")


@dataclass(frozen=True)
class Target:
    """One platform coaches install on: pip's platform tags and the values of its markers."""

    name: str
    platforms: tuple[str, ...]
    markers: tuple[tuple[str, str], ...]

    def environment(self, python: str) -> dict[str, str]:
        """The marker environment of this platform under that Python version."""
        return {**dict(self.markers), "python_version": python,
                "python_full_version": f"{python}.0", "implementation_name": "cpython",
                "platform_python_implementation": "CPython"}


def _markers(sys_platform: str, system: str, machine: str, os_name: str
             ) -> tuple[tuple[str, str], ...]:
    return (("sys_platform", sys_platform), ("platform_system", system),
            ("platform_machine", machine), ("os_name", os_name))


# macOS 14 is what PySide6 6.8+ wheels need (pip also accepts wheels for older macOS and
# universal2); glibc 2.35 is Ubuntu 22.04's, the oldest Linux the CI matrix and the .deb target.
TARGETS = (
    Target("win_amd64", ("win_amd64",), _markers("win32", "Windows", "AMD64", "nt")),
    Target("macosx_arm64", ("macosx_14_0_arm64",), _markers("darwin", "Darwin", "arm64", "posix")),
    Target("macosx_x86_64", ("macosx_14_0_x86_64",),
           _markers("darwin", "Darwin", "x86_64", "posix")),
    Target("manylinux_x86_64", _manylinux(35, "x86_64"),
           _markers("linux", "Linux", "x86_64", "posix")),
)


def runtime_requirements() -> list[str]:
    """The app's own dependencies as pyproject.toml lists them (not the hub's or the tests')."""
    with open(ROOT / "pyproject.toml", "rb") as handle:
        return list(tomllib.load(handle)["project"]["dependencies"])


def requirements_for(requirements: list[str], target: Target, python: str) -> list[str]:
    """The requirements that apply on the target, with their markers evaluated and removed."""
    chosen = []
    for line in requirements:
        requirement = Requirement(line)
        if requirement.marker is not None and not requirement.marker.evaluate(
                target.environment(python)):
            continue
        extras = f"[{','.join(sorted(requirement.extras))}]" if requirement.extras else ""
        chosen.append(f"{requirement.name}{extras}{requirement.specifier}")
    return chosen


@dataclass(frozen=True)
class Outcome:
    """What pip resolved for one target and Python version, or why it could not."""

    target: str
    python: str
    pins: tuple[tuple[str, str], ...]
    error: str

    @property
    def ok(self) -> bool:
        """True when every requirement resolved to a wheel."""
        return not self.error


def _pip_command(requirements: list[str], target: Target, python: str, folder: Path,
                 fast_deps: bool) -> list[str]:
    command = [sys.executable, "-m", "pip", "install", "--dry-run", "--ignore-installed",
               "--only-binary", ":all:", "--python-version", python, "--target",
               str(folder / "target"), "--report", str(folder / "report.json"), "--quiet",
               "--no-input", "--disable-pip-version-check"]
    if fast_deps:
        command += ["--use-feature", "fast-deps"]
    for platform in target.platforms:
        command += ["--platform", platform]
    return command + requirements


def resolve(requirements: list[str], target: Target, python: str) -> Outcome:
    """Ask pip to resolve the requirements to wheels for the target, installing nothing."""
    wanted = requirements_for(requirements, target, python)
    with tempfile.TemporaryDirectory(prefix="wheel-check-") as temp:
        folder = Path(temp)
        result = None
        for fast_deps in (True, False):
            result = subprocess.run(_pip_command(wanted, target, python, folder, fast_deps),
                                    capture_output=True, text=True, timeout=600)
            # A pip without the fast-deps feature still reads PEP 658 metadata files.
            if "fast-deps" not in result.stderr or "invalid choice" not in result.stderr:
                break
        assert result is not None
        if result.returncode != 0:
            reasons = [line for line in result.stderr.splitlines() if line.startswith("ERROR")]
            return Outcome(target.name, python, (), "\n  ".join(reasons) or result.stderr.strip())
        report = json.loads((folder / "report.json").read_text(encoding="utf-8"))
    pins = tuple((item["metadata"]["name"], item["metadata"]["version"])
                 for item in report["install"])
    files = [item["download_info"]["url"].rsplit("/", 1)[-1] for item in report["install"]]
    not_wheels = [name for name in files if not name.endswith(".whl")]
    error = f"not a wheel: {', '.join(not_wheels)}" if not_wheels else ""
    return Outcome(target.name, python, pins, error)


def supported_tags(target: Target, python: str) -> set[tags.Tag]:
    """The wheel tags CPython of that version installs on the target (pip's own rule)."""
    version = tuple(int(part) for part in python.split("."))
    platforms: list[str] = []
    for platform in target.platforms:
        if platform.startswith("macosx_"):
            _, major, minor, arch = platform.split("_", 3)
            platforms += tags.mac_platforms((int(major), int(minor)), arch)
        else:
            platforms.append(platform)
    interpreter = f"cp{version[0]}{version[1]}"
    return {*tags.cpython_tags(version, platforms=platforms),
            *tags.compatible_tags(version, interpreter, platforms)}


def index_files(name: str) -> list[str]:
    """The file names the index holds for a project (the JSON form of the simple API)."""
    request = urllib.request.Request(f"{INDEX}/{canonicalize_name(name)}/",
                                     headers={"Accept": "application/vnd.pypi.simple.v1+json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return [entry["filename"] for entry in json.load(response)["files"]]


def missing_wheels(pins: tuple[tuple[str, str], ...], target: Target, python: str,
                   files: dict[str, list[str]]) -> list[str]:
    """The pinned releases with no wheel the target installs under that Python."""
    accepted = supported_tags(target, python)
    missing = []
    for name, version in pins:
        found = False
        for filename in files[canonicalize_name(name)]:
            if not filename.endswith(".whl"):
                continue
            try:
                _, wheel_version, _, wheel_tags = parse_wheel_filename(filename)
            except (InvalidWheelFilename, InvalidVersion):
                continue  # an ancient upload pip would skip too
            if wheel_version == Version(version) and not wheel_tags.isdisjoint(accepted):
                found = True
                break
        if not found:
            missing.append(f"{name} {version}")
    return missing


def _fetch_files(pins: tuple[tuple[str, str], ...], files: dict[str, list[str]]) -> None:
    """Add the index's file list of every pinned project not listed yet."""
    for name in sorted({canonicalize_name(name) for name, _ in pins} - files.keys()):
        files[name] = index_files(name)


def _target_outcomes(requirements: list[str], target: Target, pythons: tuple[str, ...],
                     base: Outcome, files: dict[str, list[str]]) -> list[Outcome]:
    """Each Python on the target: base's releases where they all have a wheel, else pip's answer."""
    if base.ok:
        _fetch_files(base.pins, files)
    outcomes = []
    for python in pythons:
        if (base.target, base.python) == (target.name, python):
            outcomes.append(base)
        elif base.ok and not missing_wheels(base.pins, target, python, files):
            outcomes.append(Outcome(target.name, python, base.pins, ""))
        else:
            outcomes.append(resolve(requirements, target, python))
    return outcomes


def check(requirements: list[str], targets: tuple[Target, ...], pythons: tuple[str, ...]
          ) -> list[Outcome]:
    """Resolve once with pip, check every target and Python against the index, and ask pip
    again for a target where a release it picked has no wheel there.

    Resolving is the slow part (pip parses every file name of every project: about 43,000 links,
    7-9 s of CPU each time). pip evaluates the markers of transitive dependencies on this machine
    whatever --platform says, so every target gets the same tree; only the releases can differ
    (an older one where the newest has no wheel for the target: cryptography has no macOS x86_64
    wheel since 49). So the first target's releases are checked against each target's and
    Python's wheel tags from the index's file lists; a target where one is missing is resolved
    by pip under the oldest Python, and its releases checked for the newer ones the same way.
    """
    first = resolve(requirements, targets[0], pythons[0])
    files: dict[str, list[str]] = {}
    if first.ok:
        _fetch_files(first.pins, files)

    def for_target(target: Target) -> list[Outcome]:
        base = first
        if target != targets[0] and first.ok and any(
                missing_wheels(first.pins, target, python, files) for python in pythons):
            base = resolve(requirements, target, pythons[0])
        return _target_outcomes(requirements, target, pythons, base, files)

    with concurrent.futures.ThreadPoolExecutor(max_workers=PARALLEL) as pool:
        return [outcome for outcomes in pool.map(for_target, targets) for outcome in outcomes]


def _cache_file() -> Path:
    return Path(sys.prefix) / ".wheel-check-passed"


def _fingerprint(requirements: list[str], targets: tuple[Target, ...],
                 pythons: tuple[str, ...]) -> str:
    text = json.dumps([requirements, [t.name for t in targets], pythons])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _passed_recently(fingerprint: str) -> bool:
    try:
        cached = _cache_file()
        return (cached.read_text(encoding="utf-8") == fingerprint
                and time.time() - cached.stat().st_mtime < CACHE_SECONDS)
    except OSError:
        return False


def main(argv: list[str] | None = None) -> int:
    """Check the requirements (the app's by default); 1 when any target lacks a wheel."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requirement", action="append",
                        help="check this requirement instead of the app's (repeatable)")
    parser.add_argument("--target", action="append", choices=[t.name for t in TARGETS],
                        help="only this target (repeatable; default: all)")
    parser.add_argument("--python", action="append", help="only this Python version")
    parser.add_argument("--no-cache", action="store_true", help="check even if it passed today")
    args = parser.parse_args(argv)
    requirements = args.requirement or runtime_requirements()
    targets = tuple(t for t in TARGETS if not args.target or t.name in args.target)
    pythons = tuple(args.python or PYTHONS)
    fingerprint = _fingerprint(requirements, targets, pythons)
    use_cache = not args.no_cache and not args.requirement and not os.environ.get("CI")
    if use_cache and _passed_recently(fingerprint):
        print("wheel check: passed within the last day for these dependencies (--no-cache to "
              "run it again)")
        return 0
    started = time.monotonic()
    outcomes = check(requirements, targets, pythons)
    elapsed = time.monotonic() - started
    failures = [o for o in outcomes if not o.ok]
    for outcome in failures:
        print(f"wheel check: no binary wheel on {outcome.target} for Python {outcome.python}:\n"
              f"  {outcome.error}", file=sys.stderr)
    if failures:
        return 1
    most = max(len(o.pins) for o in outcomes)
    print(f"wheel check: {len(requirements)} requirements resolve to wheels on "
          f"{', '.join(t.name for t in targets)} for Python {', '.join(pythons)} "
          f"(up to {most} wheels each, {elapsed:.1f} s)")
    newest = dict(outcomes[0].pins)
    for outcome in outcomes:
        older = [f"{name} {version}" for name, version in outcome.pins
                 if name in newest and newest[name] != version]
        if older and outcome.python == pythons[0]:
            print(f"  {outcome.target} gets older releases: {', '.join(older)} (no newer wheel)")
    if use_cache:
        _cache_file().write_text(fingerprint, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
