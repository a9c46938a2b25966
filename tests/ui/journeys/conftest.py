"""Journeys run the real dialogs: modal dialogs open for real and are answered by key presses.

The parent conftest refuses every modal dialog unless a test asks for `real_dialogs`; every journey
does, so a dialog nobody answers is closed by its watchdog and the journey fails instead of hanging.
"""

from dataclasses import dataclass
from pathlib import Path

import pytest

from cfpm_coach.sync import keys


@pytest.fixture(autouse=True)
def _dialogs_are_real(real_dialogs: None) -> None:
    """Every journey answers its dialogs for real."""


@dataclass(frozen=True)
class Edge:
    """The edge of the machine for a journey that prints and exports: the PDFs the app showed
    in its preview (read back), the team's key pair and a USB stick folder."""

    viewed: list[Path]
    identity: Path
    recipient: str
    usb: Path


@pytest.fixture
def edge(tmp_path: Path, previewed: list[Path]) -> Edge:
    """The PDFs previewed (each file is kept to read back); a team key; a USB folder."""
    viewed = previewed
    identity = tmp_path / "team.key"
    usb = tmp_path / "usb"
    usb.mkdir()
    return Edge(viewed, identity, keys.new_team_identity(identity), usb)
