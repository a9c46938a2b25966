"""The platform wheel check (packaging/wheel_check.py) fails on a dependency a platform cannot install.

The last test asks PyPI (as `make wheel-check` does); it runs a requirement that has wheels next
to ones that do not, so a network failure cannot pass for a missing wheel.
"""

import importlib.util
import subprocess
import sys
from types import ModuleType

import pytest

from tests.packaging.conftest import ROOT

SCRIPT = ROOT / "packaging" / "wheel_check.py"


@pytest.fixture(scope="module")
def wheel_check() -> ModuleType:
    """The script as a module (packaging/ is not a package: it would shadow `packaging`)."""
    spec = importlib.util.spec_from_file_location("wheel_check", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["wheel_check"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def _target(module: ModuleType, name: str) -> object:
    return next(t for t in module.TARGETS if t.name == name)


def test_encryption_at_rest_is_a_dependency_on_every_platform(wheel_check: ModuleType) -> None:
    # The old requirement carried `sys_platform == 'linux'`: Windows and Mac builds had no driver.
    for target in wheel_check.TARGETS:
        for python in wheel_check.PYTHONS:
            wanted = wheel_check.requirements_for(wheel_check.runtime_requirements(), target, python)
            assert any(line.startswith("sqlcipher3-wheels") for line in wanted), (target, python)


def test_markers_are_evaluated_for_the_target_not_this_machine(wheel_check: ModuleType) -> None:
    requirements = ["pywin32>=306; sys_platform == 'win32'", "appnope; platform_system == 'Darwin'",
                    "tomli>=2; python_version < '3.12'", "PyYAML[libyaml]>=6.0"]
    windows = wheel_check.requirements_for(requirements, _target(wheel_check, "win_amd64"), "3.11")
    assert windows == ["pywin32>=306", "tomli>=2", "PyYAML[libyaml]>=6.0"]
    mac = wheel_check.requirements_for(requirements, _target(wheel_check, "macosx_arm64"), "3.13")
    assert mac == ["appnope", "PyYAML[libyaml]>=6.0"]


def test_a_release_without_a_wheel_for_the_newer_python_or_platform_is_named(
        wheel_check: ModuleType) -> None:
    files = {"sqlcipher3-binary": [
        "sqlcipher3_binary-0.6.0-cp311-cp311-manylinux2014_x86_64.manylinux_2_17_x86_64.whl",
        "sqlcipher3_binary-0.6.0.tar.gz"],
        "pyside6-essentials": ["pyside6_essentials-6.12.0-cp310-abi3-macosx_14_0_universal2.whl",
                               "pydantic-0.18-py36+-none-any.whl"]}
    pins = (("sqlcipher3-binary", "0.6.0"), ("PySide6-Essentials", "6.12.0"))
    linux, mac = _target(wheel_check, "manylinux_x86_64"), _target(wheel_check, "macosx_x86_64")
    assert wheel_check.missing_wheels(pins, linux, "3.11", files) == ["PySide6-Essentials 6.12.0"]
    assert wheel_check.missing_wheels(pins, linux, "3.13", files) == [
        "sqlcipher3-binary 0.6.0", "PySide6-Essentials 6.12.0"]
    assert wheel_check.missing_wheels(pins, mac, "3.13", files) == ["sqlcipher3-binary 0.6.0"]


def _run_at_once(*runs: tuple[str, ...]) -> list[subprocess.CompletedProcess[str]]:
    """Run the script once per argument list, all at once (each mostly waits on the network)."""
    started = [(args, subprocess.Popen([sys.executable, str(SCRIPT), "--no-cache", *args],
                                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
               for args in runs]
    finished = []
    for args, process in started:
        stdout, stderr = process.communicate(timeout=240)
        finished.append(subprocess.CompletedProcess(args, process.returncode, stdout, stderr))
    return finished


def test_pypi_a_linux_only_or_sdist_only_dependency_fails_the_check() -> None:
    has_wheels, linux_only, sdist_only = _run_at_once(
        ("--requirement", "sqlcipher3-wheels==0.5.7", "--target", "win_amd64",
         "--target", "macosx_x86_64", "--python", "3.11", "--python", "3.13"),
        ("--requirement", "sqlcipher3-binary==0.6.0", "--target", "win_amd64", "--python", "3.11"),
        ("--requirement", "docopt==0.6.2", "--target", "manylinux_x86_64", "--python", "3.11"))
    assert has_wheels.returncode == 0, has_wheels.stderr
    assert "resolve to wheels on win_amd64, macosx_x86_64 for Python 3.11, 3.13" in has_wheels.stdout

    assert linux_only.returncode == 1
    assert "no binary wheel on win_amd64 for Python 3.11" in linux_only.stderr
    assert "sqlcipher3-binary" in linux_only.stderr

    assert sdist_only.returncode == 1
    assert "no binary wheel on manylinux_x86_64 for Python 3.11" in sdist_only.stderr
    assert "docopt" in sdist_only.stderr
