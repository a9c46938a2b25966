"""The leadership and agreement pages over HTTP against a real `hub serve`: two coaches' laptops
rate the same visit and one leader, sync, and the pages show the figures worked out here by
hand from the ratings they gave; scopes and roles see only what they may."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from cfpm_coach.domain.agreement import pair_agreement
from cfpm_coach.hub.service import Hub
from cfpm_coach.services.workspace import Workspace
from tests.hub.conftest import HubSetup, ServedHub, enroll
from tests.hub.dashboard_helpers import add_account, signed_in
from tests.hub.html_tables import read

pytestmark = pytest.mark.parametrize("database_url", [None], ids=["sqlite"])

CODE = "K7QM-3XPA"
COUNTY, OFFICE = "Sample County", "Harbor"
ADMIN = "lead@example.org"


def _laptop(folder: Path, coach: str) -> Workspace:
    ws = Workspace.open(folder)
    ws.profile.update_coach(name=coach, county=COUNTY, office=OFFICE)
    return ws


@pytest.fixture
def coaches(tmp_path: Path) -> Iterator[tuple[Workspace, Workspace]]:
    a, b = _laptop(tmp_path / "a", "Coach A"), _laptop(tmp_path / "b", "Coach B")
    yield a, b
    a.close()
    b.close()


def _observe(ws: Workspace, worker_name: str, instrument_id: str, setting: str,
             pattern: list[int], pair_code: str | None = None) -> dict[str, int]:
    """A finished observation rating every behavior by cycling through `pattern`."""
    worker = next((w for w in ws.workers.find() if w.name == worker_name), None) or \
        ws.workers.add(worker_name, office=OFFICE, county=COUNTY)
    obs = ws.observations.start(worker.id, instrument_id, setting, pair_code=pair_code)
    items = ws.catalog.get(instrument_id).items
    given = {item.id: pattern[n % len(pattern)] for n, item in enumerate(items)}
    for behavior_id, value in given.items():
        ws.observations.rate(obs.id, behavior_id, value)
    ws.observations.finalize(obs.id)
    return given


def _share(values: list[int]) -> str:
    scored = [v for v in values if v in (1, 2, 3)]
    return f"{100 * sum(v == 3 for v in scored) / len(scored):.0f}%"


def test_leadership_and_agreement_pages_show_the_figures_of_the_ratings_given(
        hub: Hub, hub_setup: HubSetup, served: ServedHub,
        coaches: tuple[Workspace, Workspace]) -> None:
    a, b = coaches
    mine = _observe(a, "Ana Reyes", "cpm-practice", "cft_meeting", [3, 2, 3, 1], CODE)
    theirs = _observe(b, "Ana Reyes", "cpm-practice", "cft_meeting", [3, 3, 1, 1], CODE)
    own = _observe(a, "Lee Leader", "cpm-leadership", "self_assessment", [3, 3, 2])
    others = _observe(a, "Lee Leader", "cpm-leadership", "team_meeting", [1, 2, 3, 0])
    b.workers.add("Noor Haddad", county=COUNTY)  # a worker of no office yet
    for laptop, name in ((a, "Coach A"), (b, "Coach B")):
        enroll(hub, laptop, hub_setup, served.url, name=name)
        assert laptop.sync.sync_now().ok
    add_account(hub_setup.folder, ADMIN)
    add_account(hub_setup.folder, "county@example.org", "analyst", f"county:{COUNTY}")
    add_account(hub_setup.folder, "other@example.org", "supervisor", "office:Eastside")
    practice = hub.catalog.get("cpm-practice")
    order = [item.id for item in practice.items]
    pairs = [(mine[i], theirs[i]) for i in order]
    with signed_in(served.url, ADMIN) as admin:
        page = admin.get("/agreement")
        assert page.status_code == 200
        tables, _links = read(page.text)
        [whole, *months] = [[c.text for c in r] for r in tables["agreement-by-coach-pair"]]
        exact = sum(x == y for x, y in pairs) / len(pairs)
        within = sum(abs(x - y) <= 1 for x, y in pairs) / len(pairs)
        expected = pair_agreement([x for x, _ in pairs], [y for _, y in pairs], [1, 2, 3])
        assert expected.kappa_linear is not None
        assert whole[:6] == ["Coach A & Coach B", "all months", "1", str(len(order)),
                             f"{exact * 100:.0f}%", f"{within * 100:.0f}%"]
        assert whole[6] == f"{expected.kappa_linear:.2f}" and len(months) == 1
        [visit] = [[c.text for c in r] for r in tables["co-observed-visits"]]
        assert visit[1:5] == ["Ana Reyes", "Coach A & Coach B", str(len(order)),
                              f"{exact * 100:.0f}%"]
        behaviors = {r[0].text: r[2].text for r in tables["agreement-by-behavior"]}
        assert behaviors == {item.label: "100%" if mine[item.id] == theirs[item.id] else "0%"
                             for item in practice.items}
        assert len(admin.get("/agreement/co-observed-visits.csv").text.splitlines()) == 2

        page = admin.get("/leadership")
        assert page.status_code == 200
        tables, _links = read(page.text)
        rows = tables["self-vs-others-by-group"]
        leadership = hub.catalog.get("cpm-leadership")
        assert [r[2].text for r in rows] == [g.label for g in leadership.groups]
        for row, group in zip(rows, leadership.groups, strict=True):
            ids = [item.id for item in group.items]
            assert row[0].text == "Lee Leader" and row[0].href and row[0].href.startswith(
                "/workers/")
            assert row[3].text == _share([own[i] for i in ids]), group.id
            assert row[4].text == _share([others[i] for i in ids]), group.id
            assert row[6].text == "1"
        leader = admin.get(str(rows[0][0].href))  # the leader's own page: the same figures
        assert leader.status_code == 200
        assert [[c.text for c in r] for r in read(leader.text)[0]["self-vs-others-by-group"]] \
            == [[c.text for c in r] for r in rows]
        assert len(admin.get(f"{rows[0][0].href}/self-vs-others-by-group.csv").text
                   .splitlines()) == 1 + len(leadership.groups)
        downloaded = admin.get("/leadership/self-vs-others-by-group.csv").text.splitlines()
        assert len(downloaded) == 1 + len(leadership.groups)

        # A place with no office name still has a link (not an empty one) and a page.
        places = read(admin.get("/overview").text)[0]["observations-by-office"]
        nameless = [r[1] for r in places if r[1].text == "(none)"]
        assert len(nameless) == 1 and nameless[0].href
        page = admin.get(nameless[0].href)
        assert page.status_code == 200 and "<h1>(no office)</h1>" in page.text
        assert "Noor Haddad" in page.text

    with signed_in(served.url, "county@example.org") as county:
        assert "Lee Leader" in county.get("/leadership").text
        refused = county.get("/agreement")  # pooled over every office: whole hub only
        assert refused.status_code == 403 and "whole hub" in refused.text
        assert county.get("/agreement/co-observed-visits.csv").status_code == 403
    with signed_in(served.url, "other@example.org") as other:
        page = other.get("/leadership")
        assert page.status_code == 200 and "Lee Leader" not in page.text
        assert len(other.get("/leadership/self-vs-others-by-group.csv").text.splitlines()) == 1
        assert other.get("/agreement").status_code == 403  # a supervisor's role
        assert "/agreement" not in other.get("/overview").text  # and no link to it


def test_an_empty_hub_shows_empty_leadership_and_agreement_pages(
        hub_setup: HubSetup, served: ServedHub) -> None:
    add_account(hub_setup.folder, ADMIN)
    with signed_in(served.url, ADMIN) as admin:
        for url in ("/leadership", "/agreement"):
            page = admin.get(url)
            assert page.status_code == 200 and "Nothing yet." in page.text, url
        assert admin.get("/agreement/nothing.csv").status_code == 404
