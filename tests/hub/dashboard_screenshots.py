"""Screenshots of the hub dashboard's pages for docs/screenshots/ (hub-*.png), desktop and
narrow, taken with headless chromium from a served hub holding demo data.

    .venv/bin/python -m tests.hub.dashboard_screenshots docs/screenshots
"""

import random
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

from cfpm_coach.hub.service import Hub
from cfpm_coach.hub.web.drilldown import office_id
from cfpm_coach.services.sync import SyncSettings
from cfpm_coach.services.workspace import Workspace
from tests.hub.browser import chromium
from tests.hub.conftest import ServedHub, free_port
from tests.hub.dashboard_helpers import PASSWORD, add_account

ADMIN = "lead@example.org"
SIZES = {"desktop": (1280, 1100), "narrow": (390, 1500)}


def _rate(laptop: Workspace, worker_id: uuid.UUID, instrument_id: str, setting: str,
          value: Callable[[int], int], pair_code: str | None = None) -> None:
    obs = laptop.observations.start(worker_id, instrument_id, setting, pair_code=pair_code)
    for n, item in enumerate(laptop.catalog.get(instrument_id).items):
        laptop.observations.rate(obs.id, item.id, value(n))
    laptop.observations.finalize(obs.id)


def _co_observe(laptop: Workspace, number: int) -> None:
    """Visits both coaches rated (for the agreement page) and, on the first laptop, a leader's
    self-assessment (for the leadership page)."""
    worker = laptop.workers.add("Ana Reyes", role="Social Worker III", office="Harbor",
                                county="Sample County")
    for visit in range(3):
        shared, own = random.Random(visit), random.Random(100 * number + visit)
        base = [shared.choice((1, 2, 2, 3)) for _ in range(40)]
        _rate(laptop, worker.id, "cpm-practice", "home_visit",
              lambda n, b=base, r=own: b[n] if r.random() < 0.75 else r.choice((1, 2, 3)),
              pair_code=f"K7QM-3XP{'ABC'[visit]}")
    leader = next((w for w in laptop.workers.find() if w.role == "Supervisor"), None)
    if number == 1 and leader is not None:
        pick = random.Random(7)
        _rate(laptop, leader.id, "cpm-leadership", "self_assessment",
              lambda n: pick.choice((2, 3, 3)))


def _hub_with_demo_data(work: Path) -> tuple[ServedHub, str, str, str]:
    hub, recipient, _team = Hub.init(work / "hub")
    served = ServedHub(work / "hub", free_port()).start()
    with hub:
        for number, seed in ((1, 3), (2, 8)):
            with Workspace.open(work / f"laptop{number}") as laptop:
                laptop.demo.generate(workers=8, months=6, seed=seed)
                laptop.profile.update_coach(name=f"Coach {number}")
                _co_observe(laptop, number)
                token = hub.enroll(laptop.exchange.device_public_key(), f"Coach {number}",
                                   laptop.author.device_id).token
                laptop.sync.save_settings(SyncSettings(hub_url=served.url, token=token,
                                                       recipient=recipient))
                assert laptop.sync.sync_now().ok
                if number == 1:
                    worker = max(laptop.workers.find(), key=lambda w: len(w.name))
                if number == 2:  # a refused upload, for the laptops page
                    httpx.post(f"{served.url}/api/v1/bundles", content=b"not a bundle",
                               headers={"Authorization": f"Bearer {token}",
                                        "Content-Type": "application/octet-stream"})
        device = hub.devices()[0].id
    add_account(work / "hub", ADMIN)
    add_account(work / "hub", "analyst@example.org", "analyst", "county:Sample County")
    add_account(work / "hub", "supervisor@example.org", "supervisor", "office:Harbor")
    return (served, str(device), f"/offices/{office_id(worker.county, worker.office)}",
            f"/workers/{worker.id}")


def _shot(driver: Any, out: Path, name: str, size: str) -> Path:
    path = out / f"hub-{name}-{size}.png"
    driver.save_screenshot(str(path))
    return path


def _forms(driver: Any, url: str, out: Path, size: str) -> list[Path]:
    """The pages behind the admin's forms: an invitation made, an account added; then the
    pages a coach and a new person open without an account."""
    written = []
    driver.get(url + "/invitations")
    driver.find_element("id", "coach").send_keys(f"Maria Lopez {size}")
    driver.find_element("id", "office").send_keys("Harbor")
    driver.find_element("css selector", "form.stacked button[type=submit]").click()
    written.append(_shot(driver, out, "invitation-made", size))
    driver.get(url + "/accounts")
    driver.find_element("id", "email").send_keys(f"ana.{size}@example.org")
    driver.find_element("css selector", "form.stacked button[type=submit]").click()
    written.append(_shot(driver, out, "account-added", size))
    driver.find_element("xpath", "//button[text()='Sign out']").click()
    for name, page in (("join", "/join"), ("set-password", "/set-password")):
        driver.get(url + page)
        written.append(_shot(driver, out, name, size))
    return written


def take(out: Path) -> list[Path]:
    """Every page at every size, into `out`; the files written."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory() as temp:
        work = Path(temp)
        served, device, office, worker = _hub_with_demo_data(work)
        try:
            for size, (width, height) in SIZES.items():
                with chromium(work / f"profile-{size}", work, width, height) as driver:
                    driver.get(f"{served.url}/signin")
                    path = out / f"hub-signin-{size}.png"
                    driver.save_screenshot(str(path))
                    written.append(path)
                    driver.find_element("id", "email").send_keys(ADMIN)
                    driver.find_element("id", "password").send_keys(PASSWORD)
                    driver.find_element("css selector", "form button[type=submit]").click()
                    time.sleep(0.5)
                    for name, url in (("overview", "/overview"), ("laptops", "/laptops"),
                                      ("laptop", f"/laptops/{device}"),
                                      ("uploads", "/uploads"), ("office", office),
                                      ("leadership", "/leadership"),
                                      ("agreement", "/agreement"),
                                      ("worker", worker), ("instruments", "/instruments"),
                                      ("accounts", "/accounts"),
                                      ("invitations", "/invitations")):
                        driver.get(served.url + url)
                        path = out / f"hub-{name}-{size}.png"
                        driver.save_screenshot(str(path))
                        written.append(path)
                    written += _forms(driver, served.url, out, size)
        finally:
            served.stop()
    return written


if __name__ == "__main__":
    for written_path in take(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")):
        print(written_path)
