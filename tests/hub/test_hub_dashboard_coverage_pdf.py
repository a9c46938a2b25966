"""Coverage, instruments and printing, against a real `hub serve` on SQLite and PostgreSQL after a
real laptop synced demo data: the overview's coverage (active workers observed in the last N
weeks, by office) and the instruments page agree with tallies worked out here from raw SQL rows;
every page prints as a PDF whose text (read back with pdftotext) carries the page's figures."""

import csv
import io
import re
import shutil
import subprocess
from collections import Counter
from datetime import datetime, timedelta
from typing import Any

import httpx
from sqlalchemy import text

from cfpm_coach.hub.service import Hub
from cfpm_coach.services.workspace import Workspace
from cfpm_coach.storage.types import utcnow
from tests.hub.conftest import HubSetup, ServedHub, enroll
from tests.hub.dashboard_helpers import add_account, signed_in
from tests.hub.html_tables import read

ADMIN = "lead@example.org"
# Raw rows, not the hub's own queries: the tallies are worked out here in Python.
WORKERS = text("SELECT id, county, office, active, deleted_at FROM worker")
OBSERVATIONS = text("SELECT worker_id, instrument_id, instrument_version, instrument_hash, "
                    "status, started_at, deleted_at FROM observation")


def _moment(value: Any) -> datetime:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=utcnow().tzinfo)
    return datetime.fromisoformat(str(value)).replace(tzinfo=utcnow().tzinfo)


def _raw(hub: Hub) -> tuple[list[Any], list[Any]]:
    with hub.store.read() as session:
        return list(session.execute(WORKERS)), list(session.execute(OBSERVATIONS))


def _coverage(hub: Hub, weeks: int) -> dict[tuple[str, str], tuple[int, int]]:
    """(active workers, of them observed with the practice instrument in `weeks`) by place."""
    workers, observations = _raw(hub)
    since = utcnow() - timedelta(weeks=weeks)
    live = {str(w.id).replace("-", ""): (w.county, w.office) for w in workers
            if w.deleted_at is None and bool(w.active)}
    seen = {str(o.worker_id).replace("-", "") for o in observations
            if o.instrument_id == "cpm-practice" and o.status in ("final", "amended")
            and o.deleted_at is None and _moment(o.started_at) >= since}
    active = Counter(live.values())
    observed = Counter(place for wid, place in live.items() if wid in seen)
    return {place: (n, observed[place]) for place, n in active.items()}


def _pdf_text(content: bytes, tmp: Any) -> str:
    pdftotext = shutil.which("pdftotext")
    assert pdftotext, "poppler-utils is missing; run `make test-deps`"
    path = tmp / "page.pdf"
    path.write_bytes(content)
    out = subprocess.run([pdftotext, "-layout", str(path), "-"], capture_output=True,
                         check=True, timeout=60).stdout.decode("utf-8")
    return " ".join(out.split())


def test_coverage_instruments_and_every_pages_pdf_agree_with_sql(
        hub: Hub, hub_setup: HubSetup, served: ServedHub, laptop: Workspace,
        tmp_path: Any) -> None:
    enroll(hub, laptop, hub_setup, served.url)
    assert laptop.sync.sync_now().ok
    add_account(hub_setup.folder, ADMIN)
    with signed_in(served.url, ADMIN) as admin:
        for weeks in (8, 3):
            expected = _coverage(hub, weeks)
            query = "" if weeks == 8 else f"?weeks={weeks}"  # 8 is the default
            page = admin.get(f"/overview{query}")
            tables, _links = read(page.text)
            shown = {(r[0].text, r[1].text): (int(r[2].text), int(r[3].text))
                     for r in tables["coverage-by-office"]}
            assert shown == expected, weeks
            total = (sum(o for _a, o in expected.values()), sum(a for a, _o in expected.values()))
            assert f'id="workers-observed">{total[0]} of {total[1]}<' in page.text
            rows = list(csv.reader(io.StringIO(
                admin.get(f"/overview/coverage-by-office.csv?weeks={weeks}").text)))
            assert rows[0][3] == f"observed in {weeks} weeks"
            assert {(r[0], r[1]): (int(r[2]), int(r[3])) for r in rows[1:]} == expected
            printed = _pdf_text(admin.get(f"/pdf/overview{query}").content, tmp_path)
            assert f"active workers observed in the last {weeks} weeks {total[0]} of " \
                   f"{total[1]}" in printed
        assert sum(o for _a, o in _coverage(hub, 8).values()) > 0
        for bad in ("0", "105", "-1", "eight", "1e3", "%00"):
            answer = admin.get(f"/overview?weeks={bad}")
            assert answer.status_code == 422 and "weeks" in answer.text, bad

        # Instruments: observations per (id, version, hash), from raw rows.
        _workers, observations = _raw(hub)
        uses = Counter((o.instrument_id, str(o.instrument_version), o.instrument_hash)
                       for o in observations if o.deleted_at is None)
        tables, _links = read(admin.get("/instruments").text)
        listed = {(r[0].text, r[1].text, r[3].text): int(r[6].text)
                  for r in tables["instruments"]}
        assert {k: n for k, n in listed.items() if n} == dict(uses)
        assert ("cpm-leadership", "1") in {(i, v) for i, v, _h in listed}  # installed, unused

        # Every page's PDF link gives a PDF with the page's figures.
        overview = admin.get("/overview").text
        overview_pdf = _pdf_text(admin.get("/pdf/overview").content, tmp_path)
        for figure in ("observations-this-month", "observations-total", "laptops-behind"):
            value = re.search(rf'id="{figure}">(\d+)<', overview).group(1)  # type: ignore[union-attr]
            assert value in overview_pdf, figure
        tables, links = read(overview)
        for row in tables["observations-by-office"]:
            assert " ".join(c.text for c in row) in overview_pdf
        office = next(href for href, _t in links if href.startswith("/offices/"))
        worker_page = admin.get(office)
        worker = next(href for href, _t in read(worker_page.text)[1]
                      if href.startswith("/workers/"))
        device = hub.devices()[0].id
        for url in ("/overview", "/laptops", f"/laptops/{device}", "/uploads", office, worker,
                    "/leadership", "/agreement", "/instruments"):
            page = admin.get(url)
            assert f'href="/pdf{url}"' in page.text, url
            answer = admin.get(f"/pdf{url}")
            assert answer.status_code == 200, url
            assert answer.headers["content-type"] == "application/pdf"
            assert answer.content.startswith(b"%PDF-")
            printed = _pdf_text(answer.content, tmp_path)
            heading = re.search(r"<h1>([^<]+)</h1>", page.text)
            assert heading and heading.group(1).replace("&#39;", "'") in printed, url
            for name, rows in read(page.text)[0].items():
                if name == "share-accomplished-by-element-and-month":
                    continue  # drawn with bars on the page; compared cell by cell below
                for row in rows[:5]:  # ids longer than a column may be split; words are not
                    words = [c.text.split()[0] for c in row
                             if c.text.split() and c.text != "Revoke"]  # a button, no figure
                    for word in words:
                        assert len(word) > 30 or word in printed, (url, name, word)
        # The office's grid: the same "NN% of N" in each cell as the page.
        grid_cells = [c.text.split() for r in read(worker_page.text)[0].get(
            "share-accomplished-by-element-and-month", []) for c in r[1:]]
        office_pdf = _pdf_text(admin.get(f"/pdf{office}").content, tmp_path)
        for words in grid_cells:
            if words and words[0].endswith("%"):
                assert f"{words[0]} of {words[-1]}" in office_pdf
    # Outside the reader's scope: the same 403 as the page, and a supervisor gets no laptops PDF.
    add_account(hub_setup.folder, "far@example.org", "supervisor", "county:Nowhere")
    with signed_in(served.url, "far@example.org") as far:
        assert far.get(f"/pdf{office}").status_code == 403
        assert far.get("/pdf/laptops").status_code == 403
        assert far.get(f"/pdf/laptops/{device}").status_code == 403
        far_pdf = _pdf_text(far.get("/pdf/overview").content, tmp_path)
        assert "observations in all 0" in far_pdf
    assert httpx.get(f"{served.url}/pdf/overview", timeout=30).status_code == 303  # signed out

