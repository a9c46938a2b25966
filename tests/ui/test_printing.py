"""Printing a PDF on each platform, with the platform faked: Windows' shell verb, lp or lpr elsewhere.

The print commands are real child processes (stand-in `lp`/`lpr` scripts on PATH that record
what they were given); on Windows only the shell call itself (os.startfile) is faked.
"""

import os
import stat
import sys
from pathlib import Path

import pytest

from cfpm_coach.errors import CoachError
from cfpm_coach.ui import printing


@pytest.fixture
def pdf(tmp_path: Path) -> Path:
    """A finished report, its name with a space as users' names have."""
    path = tmp_path / "Ana Reyes summary.pdf"
    path.write_bytes(b"%PDF-1.4\n%%EOF\n")
    return path


def _command(folder: Path, name: str, body: str) -> None:
    folder.mkdir(exist_ok=True)
    script = folder / name
    script.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)


def test_windows_prints_with_the_shell_print_verb(monkeypatch: pytest.MonkeyPatch,
                                                  pdf: Path) -> None:
    calls: list[tuple[str, str]] = []
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(os, "startfile", lambda path, verb: calls.append((path, verb)),
                        raising=False)
    monkeypatch.setenv("PATH", "")  # no lp on Windows: the shell verb is the only way
    printing.print_file(pdf)
    assert calls == [(str(pdf), "print")]


@pytest.mark.parametrize("platform", ["darwin", "linux"])
@pytest.mark.parametrize("command", ["lp", "lpr"])
def test_macos_and_linux_hand_the_file_to_lp_or_lpr(monkeypatch: pytest.MonkeyPatch,
                                                    tmp_path: Path, pdf: Path, platform: str,
                                                    command: str) -> None:
    received = tmp_path / "received"
    _command(tmp_path / "bin", command, f'printf "%s\\n" "$@" > "{received}"')
    monkeypatch.setattr(sys, "platform", platform)
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    printing.print_file(pdf)
    assert received.read_text(encoding="utf-8").splitlines() == [str(pdf)]


def test_no_print_command_says_to_print_from_the_viewer(monkeypatch: pytest.MonkeyPatch,
                                                        tmp_path: Path, pdf: Path) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    with pytest.raises(CoachError, match="No print command is available"):
        printing.print_file(pdf)


def test_a_refused_job_names_the_printers_reason(monkeypatch: pytest.MonkeyPatch,
                                                 tmp_path: Path, pdf: Path) -> None:
    _command(tmp_path / "bin", "lp",
             'echo "lp: The printer or class does not exist." >&2; exit 1')
    monkeypatch.setattr(sys, "platform", "darwin")
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    with pytest.raises(CoachError, match="did not accept the document: lp: The printer or class "
                                         "does not exist"):
        printing.print_file(pdf)
