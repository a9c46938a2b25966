"""The dashboard in a real headless browser against a real `hub serve`, on SQLite and on
PostgreSQL: the admin signs in and invites a coach, whose real laptop joins with the code and
syncs; the overview shows a laptop's synced observations with figures
equal to SQL tallies, a CSV download opens, links lead to an office and one of its workers, and
signing out ends the session."""

import csv
import io
import time
from collections import Counter
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import text

from cfpm_coach.hub.service import Hub
from cfpm_coach.services.workspace import Workspace
from cfpm_coach.storage.types import utcnow
from tests.hub.browser import chromium
from tests.hub.conftest import HubSetup, ServedHub
from tests.hub.dashboard_helpers import PASSWORD, add_account

ADMIN = "lead@example.org"
# Written straight in SQL, not through the hub's own queries: the page must agree with it.
FINISHED_RATINGS = text(
    "SELECT o.started_at, r.behavior_id, r.value FROM rating r "
    "JOIN observation o ON o.id = r.observation_id JOIN worker w ON w.id = o.worker_id "
    "WHERE o.instrument_id = 'cpm-practice' AND o.status IN ('final', 'amended') "
    "AND o.deleted_at IS NULL AND r.deleted_at IS NULL AND r.value IN (1, 2, 3)")
FINISHED_OBSERVATIONS = text(
    "SELECT o.started_at FROM observation o JOIN worker w ON w.id = o.worker_id "
    "WHERE o.instrument_id = 'cpm-practice' AND o.status IN ('final', 'amended') "
    "AND o.deleted_at IS NULL")

OBSERVATIONS_BY_WORKER = text(
    "SELECT o.worker_id FROM observation o WHERE o.instrument_id = 'cpm-practice' "
    "AND o.status IN ('final', 'amended') AND o.deleted_at IS NULL")


def _month(value: Any) -> str:
    return value[:7] if isinstance(value, str) else value.strftime("%Y-%m")


def _sql_tallies(hub: Hub) -> tuple[int, int, dict[tuple[str, str], tuple[int, int]]]:
    """Observations in all, this month, and (accomplished, scored) by element and month."""
    with hub.store.read() as session:
        started = [_month(row[0]) for row in session.execute(FINISHED_OBSERVATIONS)]
        ratings = list(session.execute(FINISHED_RATINGS))
    this_month = utcnow().strftime("%Y-%m")
    cells: dict[tuple[str, str], Counter[str]] = {}
    for started_at, behavior, value in ratings:
        key = (behavior.split(".")[0], _month(started_at))
        cells.setdefault(key, Counter())["scored"] += 1
        cells[key]["accomplished"] += value == 3
    return (len(started), started.count(this_month),
            {k: (c["accomplished"], c["scored"]) for k, c in cells.items()})


def _sql_observations_of(hub: Hub, worker_id: str) -> int:
    with hub.store.read() as session:
        return sum(1 for row in session.execute(OBSERVATIONS_BY_WORKER)
                   if str(row[0]).replace("-", "") == worker_id.replace("-", ""))


def _wait_for(check: Any, within: float = 10) -> Any:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.05)
    raise AssertionError("the browser did not get there in time")


def test_the_admin_signs_in_sees_the_laptops_figures_downloads_csv_and_signs_out(
        hub: Hub, hub_setup: HubSetup, served: ServedHub, laptop: Workspace,
        tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    add_account(hub_setup.folder, ADMIN)
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    with chromium(tmp_path / "profile", downloads) as driver:
        driver.get(f"{served.url}/overview")
        _wait_for(lambda: driver.current_url.endswith("/signin"))
        driver.find_element(By.ID, "email").send_keys(ADMIN)
        driver.find_element(By.ID, "password").send_keys(PASSWORD)
        driver.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
        _wait_for(lambda: driver.current_url.endswith("/overview"))

        # The admin invites the coach; the laptop joins with the code the page shows, and syncs.
        driver.find_element(By.LINK_TEXT, "Invitations").click()
        _wait_for(lambda: driver.current_url.endswith("/invitations"))
        driver.find_element(By.ID, "coach").send_keys("Coach A")
        driver.find_element(By.CSS_SELECTOR, "form.stacked button[type=submit]").click()
        code = _wait_for(lambda: driver.find_elements(By.ID, "invitation-code"))[0].text
        assert laptop.joining.join_team(code, served.url).coach_name == "Coach A"
        assert laptop.sync.sync_now().ok
        total, this_month, cells = _sql_tallies(hub)
        assert total > 0 and cells
        driver.find_element(By.LINK_TEXT, "Overview").click()
        _wait_for(lambda: driver.current_url.endswith("/overview"))
        assert driver.find_element(By.ID, "observations-total").text == str(total)
        assert driver.find_element(By.ID, "observations-this-month").text == str(this_month)
        shown = {}
        for cell in driver.find_elements(By.CSS_SELECTOR, "td[data-element]"):
            words = cell.text.split()
            if words and words[0].endswith("%"):
                shown[(cell.get_attribute("data-element"), cell.get_attribute("data-month"))] = (
                    int(words[0].rstrip("%")), int(words[-1]))
        assert set(shown) == set(cells)
        for key, (accomplished, scored) in cells.items():
            percent, ratings = shown[key]
            assert ratings == scored, key
            assert abs(percent - 100 * accomplished / scored) <= 0.5, key

        session_cookie = driver.get_cookie("cfpm_session")
        assert session_cookie and session_cookie["httpOnly"] and \
            session_cookie["sameSite"] == "Strict"
        driver.find_element(By.CSS_SELECTOR, 'a[href$="observations-by-office.csv"]').click()
        saved = _wait_for(lambda: list(downloads.glob("observations-by-office.csv")))
        rows = list(csv.reader(io.StringIO(saved[0].read_text(encoding="utf-8"))))
        assert rows[0][:2] == ["county", "office"]
        assert sum(int(row[4]) for row in rows[1:]) == total

        # From the overview to an office, to one of its workers, by clicking links.
        office = driver.find_element(By.CSS_SELECTOR,
                                     'table[data-table="observations-by-office"] td a')
        office_name = office.text
        office.click()
        _wait_for(lambda: "/offices/" in driver.current_url)
        assert driver.find_element(By.TAG_NAME, "h1").text == office_name
        worker = driver.find_element(By.CSS_SELECTOR, 'table[data-table="workers"] td a')
        worker_name = worker.text
        worker.click()
        _wait_for(lambda: "/workers/" in driver.current_url)
        assert driver.find_element(By.TAG_NAME, "h1").text == worker_name
        worker_id = driver.current_url.rsplit("/", 1)[1]
        rows = driver.find_elements(By.CSS_SELECTOR, 'table[data-table="observations"] tbody tr')
        assert len(rows) == _sql_observations_of(hub, worker_id)
        driver.find_element(By.LINK_TEXT, office_name).click()  # the way back, as a link
        _wait_for(lambda: "/offices/" in driver.current_url)

        driver.find_element(By.XPATH, "//button[text()='Sign out']").click()
        _wait_for(lambda: driver.current_url.endswith("/signin"))
        driver.get(f"{served.url}/overview")
        _wait_for(lambda: driver.current_url.endswith("/signin"))
    replay = httpx.get(f"{served.url}/overview", cookies={"cfpm_session": session_cookie["value"]})
    assert replay.status_code == 303 and replay.headers["location"] == "/signin"
