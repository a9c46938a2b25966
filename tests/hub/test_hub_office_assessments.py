"""An office's implementation-supports assessment syncs from a laptop to a real `hub serve`
(SQLite and PostgreSQL), and shows on the office's page beside its workers and practice
figures; an office with no assessment says so; an account scoped to an office sees its own
office's assessments and is refused another's."""

import copy
from collections.abc import Iterator
from pathlib import Path

import pytest

from cfpm_coach.hub.service import Hub
from cfpm_coach.hub.web.drilldown import office_id
from cfpm_coach.services.workspace import Workspace
from cfpm_coach.sync import keys
from tests.hub.conftest import HubSetup, ServedHub, enroll
from tests.hub.dashboard_helpers import add_account, signed_in
from tests.hub.forgery import now_text, open_for_editing, seal
from tests.hub.html_tables import read
from tests.hub.test_hub_record_validation import hub_rows, post, refused
from tests.services.test_office_assessments import COUNTY, OFFICE, assess_office, rate_practice
from tests.sync.conftest import Team
from tests.sync.tampering import rewrite
from tests.sync.test_office_bundles import HOSTILE as SUBJECT_EDITS

ADMIN = "lead@example.org"
ASSESSED_ONLY = "South Bay"  # an office with an assessment and no worker on this hub


@pytest.fixture
def assessing(tmp_path: Path) -> Iterator[Workspace]:
    """A laptop: a worker of North Valley observed, North Valley and South Bay assessed, and a
    worker of an office nobody assessed."""
    ws = Workspace.open(tmp_path / "assessing")
    worker = ws.workers.add("Ana Reyes", office=OFFICE, county=COUNTY)
    ws.workers.add("Sam Ortiz", office="East Hills", county=COUNTY)
    rate_practice(ws, worker, 3)
    leader = ws.workers.add("Lee Park", role="Supervisor", office=OFFICE, county=COUNTY)
    lead = ws.observations.start(leader.id, "cpm-leadership", "team_meeting")
    for number, item in enumerate(lead.instrument.items):
        ws.observations.rate(lead.id, item.id, 3 if number % 2 else 1)
    ws.observations.finalize(lead.id)
    assess_office(ws, in_place=3, stage="installation")
    assess_office(ws, in_place=0, stage="exploration", office=ASSESSED_ONLY)
    yield ws
    ws.close()


def test_an_office_assessment_reaches_the_office_page_within_scope(
        hub: Hub, hub_setup: HubSetup, served: ServedHub, assessing: Workspace) -> None:
    enroll(hub, assessing, hub_setup, served.url)
    assert assessing.sync.sync_now().ok
    assessed = next(o for o in assessing.observations.find() if o.office == OFFICE)
    stored = hub.records.observations.get(assessed.id)
    assert (stored.summary.office, stored.summary.implementation_stage) == (OFFICE,
                                                                             "installation")
    add_account(hub_setup.folder, ADMIN)
    north = f"/offices/{office_id(COUNTY, OFFICE)}"
    south = f"/offices/{office_id(COUNTY, ASSESSED_ONLY)}"
    east = f"/offices/{office_id(COUNTY, 'East Hills')}"
    readiness = hub.catalog.get("cpm-implementation").groups[0].label
    with signed_in(served.url, ADMIN) as admin:
        page = admin.get(north)
        assert page.status_code == 200
        tables, _links = read(page.text)
        [row] = tables["implementation-supports"]
        assert [c.text for c in row[:3]] == [assessed.started_at.strftime("%Y-%m-%d"),
                                             "Installation", assessed.coach_name]
        assert row[3].text == "100% of 3"  # readiness: 3 In place, the 4th not assessed
        assert readiness in page.text
        # Beside it, the office's workers and practice figures.
        assert [r[0].text for r in tables["workers"]] == ["Ana Reyes", "Lee Park"]
        assert tables["share-accomplished-by-element-and-month"]
        leadership = hub.catalog.get("cpm-leadership")
        first = leadership.groups[0]
        rated = [i for i in leadership.items if i.id.startswith(first.id + ".")]
        at_standard = sum(1 for i in rated if leadership.items.index(i) % 2)
        assert [c.text for c in tables["leadership-by-domain"][0]] == [
            first.label, f"{100 * at_standard / len(rated):.0f}% of {len(rated)}", "1"]
        csv = admin.get(f"{north}/implementation-supports.csv")
        assert csv.status_code == 200 and "Installation" in csv.text
        # An office known only from its assessment has a page; one never assessed says so.
        assert admin.get(south).status_code == 200
        nothing = admin.get(east)
        assert nothing.status_code == 200
        assert not set(read(nothing.text)[0]) & {"implementation-supports",
                                                 "leadership-by-domain"}
        assert "Nothing yet." in nothing.text
    add_account(hub_setup.folder, "north@example.org", "supervisor", f"office:{OFFICE}")
    with signed_in(served.url, "north@example.org") as supervisor:
        assert supervisor.get(north).status_code == 200
        for url in (south, f"{south}/implementation-supports.csv"):
            answer = supervisor.get(url)
            assert answer.status_code == 403, url
            assert ASSESSED_ONLY not in answer.text and "Exploration" not in answer.text


@pytest.mark.parametrize("database_url", [None], ids=["sqlite"])
def test_a_wrong_subject_or_another_laptops_edit_is_refused_and_nothing_stored(
        hub: Hub, hub_setup: HubSetup, served: ServedHub, assessing: Workspace,
        tmp_path: Path) -> None:
    """Every record check and ownership rule holds for an office's assessment: a wrong subject
    is a 4xx naming file, record and field; another enrolled laptop cannot re-stage, move or
    tombstone it, valid signature or not. Nothing is stored either way."""
    token = enroll(hub, assessing, hub_setup, served.url, "Coach A")
    team = Team(hub.config.identity_file, hub_setup.recipient)
    sealed = assessing.exchange.export(tmp_path / "out", hub_setup.recipient,
                                       full=True).path.read_bytes()
    key = keys.device_key(assessing.paths.data_dir / "keys")
    before = hub_rows(hub)
    for name, edit, named in SUBJECT_EDITS:
        detail = refused(post(served.url, rewrite(sealed, team, key, edit), token))
        assert detail.startswith("data/observation.jsonl, record ") and named in detail, (
            name, detail)
        assert hub_rows(hub) == before, name
    assert post(served.url, sealed, token).status_code == 201  # the laptop's own: accepted

    with Workspace.open(tmp_path / "other") as other:
        token = enroll(hub, other, hub_setup, served.url, "Coach B")
        theirs = open_for_editing(sealed, hub.config.identity_file)
        mine = open_for_editing(other.exchange.export(
            tmp_path / "b", hub_setup.recipient, full=True).path.read_bytes(),
            hub.config.identity_file)
        target = next(r for r in theirs.tables["observation"] if r["office"] == OFFICE)
        before = hub_rows(hub)
        for changes in ({"implementation_stage": "full_implementation"},
                        {"office": "Elsewhere"}, {"deleted_at": now_text()}):
            forged = copy.deepcopy(mine)
            forged.tables["observation"] = [{**target, "revision": target["revision"] + 1,
                                             "updated_at": now_text(), **changes}]
            response = post(served.url, seal(forged, other, hub_setup.recipient), token)
            assert response.status_code == 403, (changes, response.text)
            assert "data/observation.jsonl, record 1" in response.json()["detail"]
            assert hub_rows(hub) == before, changes
