"""The worker page suggests what to coach next and shows the ratings behind it."""

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from cfpm_coach.services.workspace import Workspace
from cfpm_coach.ui.shell.main_window import MainWindow


@pytest.fixture
def observed_worker(data_dir: Path) -> object:
    with Workspace.open(data_dir) as ws:
        worker = ws.workers.add("Lena Park", office="Harbor")
        practice = ws.catalog.get("cpm-practice", 1)
        for days_ago, low in ((40, 2), (10, 1)):
            obs = ws.observations.start(worker.id, "cpm-practice", "home_visit",
                                        started_at=datetime.now(UTC) - timedelta(days=days_ago),
                                                                instrument_version=1)
            for item in practice.items:
                value = low if item.id == "engagement.3" else 0 if item.id == "monitoring.1" else 3
                ws.observations.rate(obs.id, item.id, value)
            ws.observations.finalize(obs.id)
        ws.goals.add(worker.id, "Let the family tell it first", ["engagement.3"])
        # Suggested focus names the newest version's behaviors, continuing v1's (crosswalk);
        # the goal keeps the v1 behavior it was set on.
        newest = ws.catalog.get("cpm-practice")
        labels = {old: item.label for item in newest.items for old in item.crosswalk}
        labels["goal"] = practice.item("engagement.3").label
    return worker.id, labels


def test_worker_page_shows_suggested_focus(qtbot: QtBot, observed_worker: tuple[object, dict],
                                           window: MainWindow) -> None:
    worker_id, labels = observed_worker
    window.show_worker(worker_id)  # type: ignore[arg-type]
    body = window.worker_page.focus.body
    qtbot.waitUntil(lambda: labels["engagement.3"] in body.text(), timeout=10_000)
    text = body.text()
    assert "rated lowest: Emerging" in text and "Acquiring" in text
    assert labels["monitoring.1"] in text and "not seen in the last 2 observations" in text
    assert text.index(labels["engagement.3"]) < text.index(labels["monitoring.1"])
    assert labels["engagement.1"] not in text  # rated Accomplished every time
    goals = window.worker_page.goals_model
    assert goals.rowCount() == 1
    assert goals.display(goals.rows()[0], goals.BEHAVIORS) == labels["goal"]
    assert goals.display(goals.rows()[0], goals.RECENT) == "Emerging, Acquiring"
    if os.environ.get("CFPM_SCREENSHOTS"):
        window.resize(1100, 760)
        window.grab().save(os.environ["CFPM_SCREENSHOTS"] + "/worker-focus.png")
