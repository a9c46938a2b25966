"""Journeys run the real dialogs: modal dialogs open for real and are answered by key presses.

The parent conftest refuses every modal dialog unless a test asks for `real_dialogs`; every journey
does, so a dialog nobody answers is closed by its watchdog and the journey fails instead of hanging.
"""

import pytest


@pytest.fixture(autouse=True)
def _dialogs_are_real(real_dialogs: None) -> None:
    """Every journey answers its dialogs for real."""
