"""The office and worker drill-downs over HTTP against a real `hub serve` filled by a real
laptop's sync: every page is reached by following links from the overview, its figures equal
SQL tallies written here, its CSVs match; malformed, unknown and out-of-scope ids get a clear
404 or 403 page and never a 5xx."""

import csv
import io
import uuid
from collections import Counter, defaultdict
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from cfpm_coach.hub.service import Hub
from cfpm_coach.services.workspace import Workspace
from cfpm_coach.storage import account_repo
from tests.fuzzing import examples
from tests.hub.conftest import HubSetup, ServedHub, enroll
from tests.hub.dashboard_helpers import add_account, signed_in
from tests.hub.html_tables import read

ADMIN = "lead@example.org"
FINISHED = ("o.instrument_id = 'cpm-practice' AND o.status IN ('final', 'amended') "
            "AND o.deleted_at IS NULL AND w.deleted_at IS NULL")
# Written straight in SQL, not through the hub's own queries: the pages must agree with them.
OBSERVATIONS = text(f"SELECT w.id, w.county, w.office, o.id, o.started_at FROM observation o "
                    f"JOIN worker w ON w.id = o.worker_id WHERE {FINISHED}")
RATINGS = text(f"SELECT w.id, o.id, o.started_at, r.behavior_id, r.value FROM rating r "
               f"JOIN observation o ON o.id = r.observation_id "
               f"JOIN worker w ON w.id = o.worker_id "
               f"WHERE {FINISHED} AND r.deleted_at IS NULL AND r.value IN (1, 2, 3)")
TABLES = ("workers", "observations", "goals", "share-accomplished-by-element-and-month",
          "self-vs-others-by-group", "self-vs-others-by-behavior", "agreement-by-coach-pair",
          "agreement-by-behavior", "co-observed-visits")
GOALS = text("SELECT worker_id FROM goal WHERE deleted_at IS NULL")


def _id(value: Any) -> uuid.UUID:
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


def _day(value: Any) -> str:
    return value[:10] if isinstance(value, str) else value.strftime("%Y-%m-%d")


def _csv(client: httpx.Client, href: str) -> list[list[str]]:
    answer = client.get(href)
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(answer.text)))[1:]


class Tallies:
    """What the pages should show, counted in Python from the SQL rows."""

    def __init__(self, hub: Hub) -> None:
        with hub.store.read() as session:
            observations = list(session.execute(OBSERVATIONS))
            ratings = list(session.execute(RATINGS))
            goals = [_id(row[0]) for row in session.execute(GOALS)]
        self.place_of = {_id(w): (c, o) for w, c, o, _obs, _at in observations}
        self.by_worker: dict[uuid.UUID, list[str]] = defaultdict(list)
        self.observations: dict[uuid.UUID, list[tuple[uuid.UUID, str]]] = defaultdict(list)
        for worker, _c, _o, obs, started in observations:
            self.by_worker[_id(worker)].append(_day(started))
            self.observations[_id(worker)].append((_id(obs), _day(started)))
        # (worker, element, month) and (worker, observation, element): [accomplished, scored]
        self.cells: dict[tuple[Any, ...], Counter[str]] = defaultdict(Counter)
        for worker, obs, started, behavior, value in ratings:
            element, month = behavior.split(".")[0], _day(started)[:7]
            for key in ((_id(worker), element, month), (_id(worker), "all", month),
                        (_id(worker), _id(obs), element)):
                self.cells[key]["scored"] += 1
                self.cells[key]["accomplished"] += value == 3
        self.goals = Counter(goals)

    def shown(self, worker: uuid.UUID, observation: uuid.UUID, element: str) -> str:
        """One observation's element cell as the worker page should write it."""
        found = self.cells.get((worker, observation, element), Counter())
        if not found["scored"]:
            return "none"
        return f"{100 * found['accomplished'] / found['scored']:.0f}% of {found['scored']}"

    def share(self, workers: set[uuid.UUID], element: str, month: str) -> tuple[int, int]:
        """(accomplished, scored) of some workers in one element (or "all") and month."""
        found = [self.cells.get((w, element, month), Counter()) for w in workers]
        return sum(c["accomplished"] for c in found), sum(c["scored"] for c in found)


def _grid_matches(page: str, tallies: Tallies, workers: set[uuid.UUID]) -> int:
    """Every share cell of a page's grid equals the SQL tally; how many cells had figures."""
    tables, _links = read(page)
    shown = 0
    for row in tables["share-accomplished-by-element-and-month"]:
        for cell in row[1:]:
            accomplished, scored = tallies.share(workers, cell.data["data-element"],
                                                 cell.data["data-month"])
            if not scored:
                assert cell.text == "none", cell
                continue
            percent, ratings = cell.text.split()[0], int(cell.text.split()[-1])
            assert ratings == scored, cell
            assert abs(int(percent.rstrip("%")) - 100 * accomplished / scored) <= 0.5, cell
            shown += 1
    return shown


def test_the_overview_leads_to_each_office_and_worker_with_figures_equal_to_sql(
        hub: Hub, hub_setup: HubSetup, served: ServedHub, laptop: Workspace) -> None:
    enroll(hub, laptop, hub_setup, served.url)
    assert laptop.sync.sync_now().ok
    add_account(hub_setup.folder, ADMIN)
    tallies = Tallies(hub)
    assert tallies.by_worker and sum(tallies.goals.values()) > 0
    labels = {g.label: g.id for g in hub.catalog.get("cpm-practice").groups}
    with signed_in(served.url, ADMIN) as admin:
        places, _links = read(admin.get("/overview").text)
        office_links = [row[1].href for row in places["observations-by-office"]]
        assert office_links and all(office_links)
        workers_seen = set()
        for href in office_links:
            assert href
            page = admin.get(href)
            assert page.status_code == 200, href
            tables, links = read(page.text)
            assert ("/overview", "Overview") in links
            rows = tables["workers"]
            place = {tallies.place_of[w] for w in tallies.by_worker
                     if f"/workers/{w}" in {r[0].href for r in rows}}
            assert len(place) == 1
            members = {w for w in tallies.by_worker if tallies.place_of[w] in place}
            assert _grid_matches(page.text, tallies, members) > 0
            for row in rows:
                worker = uuid.UUID(str(row[0].href).rsplit("/", 1)[1])
                started = tallies.by_worker.get(worker, [])
                assert int(row[4].text) == len(started), row[0].text
                assert row[5].text == (max(started) if started else "none")
                workers_seen.add(worker)
            downloaded = _csv(admin, f"{href}/workers.csv")
            assert [r[0] for r in downloaded] == [r[0].text for r in rows]
            assert [r[4:6] for r in downloaded] == [[r[4].text, r[5].text] for r in rows]
            shares = _csv(admin, f"{href}/share-accomplished-by-element-and-month.csv")
            for element, month, share, ratings in shares:
                key = labels.get(element, "all")
                accomplished, scored = tallies.share(members, key, month)
                assert int(ratings) == scored and abs(float(share) - accomplished / scored) < 1e-9
        assert workers_seen >= set(tallies.by_worker)

        for worker in tallies.by_worker:
            page = admin.get(f"/workers/{worker}")
            assert page.status_code == 200
            tables, links = read(page.text)
            office = [h for h, _t in links if h.startswith("/offices/")]
            assert office and office[0] in office_links  # the way back to the office
            assert _grid_matches(page.text, tallies, {worker}) > 0
            observed = tables["observations"]
            assert [r[0].text for r in observed] == sorted(tallies.by_worker[worker])
            downloaded = _csv(admin, f"/workers/{worker}/observations.csv")
            assert [r[0] for r in downloaded] == [r[0].text for r in observed]
            # Each observation's element cells: "67% of 3" as SQL counts it.
            expected = Counter(
                (day, *(tallies.shown(worker, obs, e) for e in labels.values()))
                for obs, day in tallies.observations[worker])
            assert Counter(tuple(c.text for c in [r[0], *r[4:]]) for r in observed) == expected
            assert len(tables["goals"]) == tallies.goals[worker]
            assert len(_csv(admin, f"/workers/{worker}/goals.csv")) == tallies.goals[worker]
        assert all(_csv(admin, f"/workers/{w}/observations.csv") for w in tallies.by_worker)


def _sync(hub: Hub, hub_setup: HubSetup, served: ServedHub, laptop: Workspace
          ) -> tuple[str, str, str, str]:
    """Sync the laptop; a worker's page, their office's page, their county and office."""
    enroll(hub, laptop, hub_setup, served.url)
    assert laptop.sync.sync_now().ok
    worker = laptop.workers.find()[0]
    add_account(hub_setup.folder, ADMIN)
    with signed_in(served.url, ADMIN) as admin:
        _tables, links = read(admin.get(f"/workers/{worker.id}").text)
    office = next(h for h, _t in links if h.startswith("/offices/"))
    return f"/workers/{worker.id}", office, worker.county, worker.office


@pytest.mark.parametrize("database_url", [None], ids=["sqlite"])
def test_malformed_unknown_and_foreign_ids_get_a_clear_404_or_403_page(
        hub: Hub, hub_setup: HubSetup, served: ServedHub, laptop: Workspace) -> None:
    worker, office, county, office_name = _sync(hub, hub_setup, served, laptop)
    worker_id, office_id = worker.rsplit("/", 1)[1], office.rsplit("/", 1)[1]
    hostile = ["not-a-uuid", str(uuid.uuid4()), office_id[:-1], office_id + "0", "0" * 400,
               "%00", "%27%20OR%201%3D1--", "%3Cscript%3E", quote("ü" * 10), "null", "-1"]
    with signed_in(served.url, ADMIN) as admin:
        for kind, other in (("offices", worker_id), ("workers", office_id)):
            for segment in [*hostile, other]:  # a worker's id is no office's, and back
                for url in (f"/{kind}/{segment}", f"/{kind}/{segment}/goals.csv"):
                    answer = admin.get(url)
                    assert answer.status_code == 404, (url, answer.status_code)
                    assert "There is no" in answer.text and "<h1>Not shown</h1>" in answer.text
        for url in (f"{office}/no-such-table.csv", f"{worker}/workers.csv"):
            assert admin.get(url).status_code == 404, url
    add_account(hub_setup.folder, "other@example.org", "analyst", "county:Another County")
    add_account(hub_setup.folder, "own@example.org", "supervisor", f"office:{office_name}")
    pages = [worker, office, f"{worker}/observations.csv", f"{worker}/goals.csv",
             f"{office}/workers.csv", f"{office}/share-accomplished-by-element-and-month.csv"]
    with signed_in(served.url, "other@example.org") as other:
        overview = other.get("/overview").text
        assert office not in overview
        for url in pages:
            answer = other.get(url)
            assert answer.status_code == 403, url
            assert county not in answer.text and office_name not in answer.text
    with signed_in(served.url, "own@example.org") as supervisor:
        assert office in supervisor.get("/overview").text
        for url in pages:
            assert supervisor.get(url).status_code == 200, url
        page = supervisor.get(worker).text
        assert page.count("<form") == 1 and 'action="/signout"' in page  # read-only
    # The access log names the ids it was asked for, never a county or office.
    with hub.store.read() as session:
        logged = " ".join(f"{line.route} {line.target}"
                          for line in account_repo.access_log(session=session))
    assert "/offices/{office_id}" in logged and f"office_id={office_id}" in logged
    assert county not in logged and office_name not in logged


@pytest.mark.fuzz
@pytest.mark.parametrize("database_url", [None], ids=["sqlite"])
def test_any_id_or_table_name_in_a_path_gets_a_404_and_never_a_5xx(
        hub: Hub, hub_setup: HubSetup, served: ServedHub, laptop: Workspace) -> None:
    worker, office, _county, _office = _sync(hub, hub_setup, served, laptop)
    with signed_in(served.url, ADMIN) as admin:

        @settings(max_examples=examples(25), deadline=None,
                  suppress_health_check=[HealthCheck.function_scoped_fixture])
        @given(segment=st.one_of(st.text(min_size=1, max_size=80), st.uuids().map(str),
                                 st.binary(min_size=1, max_size=40).map(
                                     lambda b: b.decode("latin-1"))),
               table=st.sampled_from(["", "/workers.csv", "/goals.csv", "/x.csv"]))
        def visit(segment: str, table: str) -> None:
            assume(segment not in (".", "..", *TABLES))
            quoted = quote(segment, safe="")
            for url in (f"/offices/{quoted}{table}", f"/workers/{quoted}{table}",
                        f"{office}/{quoted}.csv", f"{worker}/{quoted}.csv",
                        f"/leadership/{quoted}.csv", f"/agreement/{quoted}.csv"):
                answer = admin.get(url)
                assert answer.status_code == 404, (url, answer.status_code)

        visit()
        assert admin.get(worker).status_code == 200 and admin.get(office).status_code == 200
