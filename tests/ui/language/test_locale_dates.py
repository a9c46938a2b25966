"""Dates and times in the coach's locale, never ISO: a table cell in the real window and the
PDF the same window's store prints, read back with pdftotext (issue 19), for en_US and es_MX."""

import shutil
import subprocess
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from pytestqt.qtbot import QtBot

from cfpm_coach.reports import texts
from cfpm_coach.services.workspace import Workspace
from cfpm_coach.ui.language import i18n
from cfpm_coach.ui.models.table_models import GoalsModel, ObservationsModel
from cfpm_coach.ui.shell.app import application
from tests.ui.conftest import wait_idle
from tests.ui.windows import window_on

# 11:22 PM on 29 November 2026 on this computer's clock, whatever its time zone.
MOMENT = datetime(2026, 11, 29, 23, 22).astimezone()
# (login locale, UI language, the cell on screen, the date on paper, a due date on screen)
CASES = [
    ("en_US", "en", "11/29/26 11:22\u202fPM", "Nov 29, 2026, 11:22\u202fPM", "12/15/26"),
    ("es_MX", "es", "29/11/26 11:22\u202fp.m.", "29 nov 2026, 11:22\u202fp.m.", "15/12/26"),
]


def _same(text: str) -> str:
    """CLDR puts a narrow no-break space before AM/PM; pdftotext and older data a space."""
    return text.replace("\u202f", " ").replace("\u00a0", " ")


@pytest.fixture(params=CASES, ids=[case[0] for case in CASES])
def login(request: pytest.FixtureRequest, qapp: object) -> Iterator[tuple[str, ...]]:
    """The app installed as on a login in that locale (what `cfpm-coach` does at start)."""
    locale, language, *_ = request.param
    assert i18n.install(application(), "", QLocale(locale)) == language
    yield request.param
    i18n.install(application(), "en", QLocale("en_US"))
    texts.use_language("en", "en_US")


def test_dates_follow_the_locale_on_screen_and_on_paper(qtbot: QtBot, data_dir: Path,
                                                        tmp_path: Path,
                                                        login: tuple[str, ...]) -> None:
    locale, _language, on_screen, on_paper, due_on_screen = login
    with Workspace.open(data_dir) as ws:
        worker = ws.workers.add("Marisol Ortega-Hernandez", office="Harbor")
        obs = ws.observations.start(worker.id, "cpm-practice", "home_visit",
                                    started_at=MOMENT.astimezone(UTC))
        ws.observations.rate(obs.id, "engage.1", 3)
        ws.observations.finalize(obs.id, allow_partial=True)
        ws.goals.add(worker.id, "Invite supports earlier", ["engage.5"],
                     due_date=datetime(2026, 12, 15).date())
    with window_on(qtbot, data_dir) as window:
        window.show_worker(worker.id)
        qtbot.waitUntil(lambda: window.worker_page.worker_id == worker.id, timeout=10_000)
        wait_idle(qtbot, window)
        table = window.worker_page.observations
        cell = table.model().index(0, ObservationsModel.DATE).data()
        assert _same(cell) == _same(on_screen), (locale, cell)
        due = window.worker_page.goals.model().index(0, GoalsModel.DUE).data()
        assert due == due_on_screen, (locale, due)
        # The same store, opened by this window in this locale, prints the record.
        assert window.workspace is not None
        pdf = window.workspace.reports.observation_pdf(obs.id, tmp_path / "record.pdf")
    if shutil.which("pdftotext") is None:
        pytest.skip("make test installs poppler-utils (pdftotext)")
    paper = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                                    text=True, check=True).stdout.split())
    assert _same(on_paper) in _same(paper), (locale, paper[:400])
    assert "2026-11-29" not in paper and "11-29" not in paper
