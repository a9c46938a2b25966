"""The default data folder on each platform, with the platform faked (the folders must never move).

Only the operating system's own answer is faked: where Windows keeps local application data (the
Shell API platformdirs asks) and the home folder. Which folder the app then picks is ours.
"""

import sys
from pathlib import Path

import platformdirs.windows
import pytest

from cfpm_coach.paths import DATA_DIR_ENV, default_data_dir


@pytest.fixture
def no_override(monkeypatch: pytest.MonkeyPatch) -> None:
    """The platform's folder, not the one the test suite sets for every test."""
    monkeypatch.delenv(DATA_DIR_ENV, raising=False)


@pytest.mark.usefixtures("no_override")
def test_windows_keeps_the_data_in_local_app_data(monkeypatch: pytest.MonkeyPatch,
                                                   tmp_path: Path) -> None:
    local = tmp_path / "Users" / "coach" / "AppData" / "Local"
    asked: list[str] = []

    def shell_folder(csidl_name: str) -> str:
        asked.append(csidl_name)
        return str(local)

    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(platformdirs.windows, "get_win_folder", shell_folder)
    # Not roaming: a county's roaming profile must not copy a store around the network.
    assert default_data_dir() == local / "cfpm-coach"
    assert asked == ["CSIDL_LOCAL_APPDATA"]


@pytest.mark.usefixtures("no_override")
def test_macos_keeps_the_data_in_application_support(monkeypatch: pytest.MonkeyPatch,
                                                     tmp_path: Path) -> None:
    monkeypatch.setattr(sys, "platform", "darwin")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert default_data_dir() == tmp_path / "Library" / "Application Support" / "cfpm-coach"


@pytest.mark.usefixtures("no_override")
def test_linux_follows_xdg_and_falls_back_to_local_share(monkeypatch: pytest.MonkeyPatch,
                                                          tmp_path: Path) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    assert default_data_dir() == tmp_path / ".local" / "share" / "cfpm-coach"
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert default_data_dir() == tmp_path / "xdg" / "cfpm-coach"


def test_the_environment_or_the_command_line_overrides_every_platform(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for platform in ("win32", "darwin", "linux"):
        monkeypatch.setattr(sys, "platform", platform)
        monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / platform))
        assert default_data_dir() == tmp_path / platform
