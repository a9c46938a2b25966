"""The hub stores nothing its own tools reject (issue 15, part 2), on SQLite and PostgreSQL.

As the attacker did it: a real bundle from a real laptop, records edited, re-signed with the
laptop's own device key, sealed to the team, posted to the real `hub serve`. Every one is a 422
naming file, record and field; the hub's database is unchanged; `hub report` still works.
"""

from pathlib import Path
from typing import Any

import httpx
import pytest
from pypdf import PdfReader
from sqlalchemy import text

from cfpm_coach.cli import main
from cfpm_coach.hub.service import Hub
from cfpm_coach.services.workspace import Workspace
from cfpm_coach.storage.exchange_repo import AUDIT_TABLE, BUNDLE_TABLES
from cfpm_coach.sync import keys
from tests.hub.conftest import HubSetup, ServedHub, enroll
from tests.sync.conftest import Team, unseal
from tests.sync.tampering import HOSTILE, Records, records_of, rewrite

HUB_TABLES = [*BUNDLE_TABLES, AUDIT_TABLE, "sync_conflict", "bundle_log", "hub_upload"]


def hub_rows(hub: Hub) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table a bundle can change: "unchanged" means exactly these."""
    with hub.store.read() as session:
        return {table: sorted(tuple(map(str, row)) for row in
                              session.execute(text(f"SELECT * FROM {table}")))
                for table in HUB_TABLES}


def post(url: str, sealed: bytes, token: str) -> httpx.Response:
    return httpx.post(f"{url}/api/v1/bundles", content=sealed, timeout=60,
                      headers={"Authorization": f"Bearer {token}",
                               "Content-Type": "application/octet-stream"})


def refused(response: httpx.Response) -> str:
    """The detail of a 4xx JSON refusal."""
    assert 400 <= response.status_code < 500, (response.status_code, response.text[:300])
    body = response.json()
    assert set(body) == {"error", "detail"} and body["detail"], body
    return str(body["detail"])


def report_works(setup: HubSetup, tmp_path: Path, name: str) -> str:
    pdf = tmp_path / f"{name}.pdf"
    assert main(["hub", "report", "--data-dir", str(setup.folder), "-o", str(pdf)]) == 0
    return "\n".join(page.extract_text() for page in PdfReader(pdf).pages)


def test_hostile_records_are_refused_and_nothing_is_stored(
        hub: Hub, hub_setup: HubSetup, served: ServedHub, laptop: Workspace,
        tmp_path: Path) -> None:
    token = enroll(hub, laptop, hub_setup, served.url)
    team = Team(hub.config.identity_file, hub_setup.recipient)
    sealed = laptop.exchange.export(tmp_path / "out", hub_setup.recipient,
                                    full=True).path.read_bytes()
    key = keys.device_key(laptop.paths.data_dir / "keys")
    original = records_of(unseal(sealed, team))
    empty = hub_rows(hub)
    for hostile in HOSTILE:
        detail = refused(post(served.url, rewrite(sealed, team, key, hostile.edit), token))
        if isinstance(hostile.value, str) and len(hostile.value) > 1_000_000:
            # Megabytes of one repeated letter never reach the field's rule at the hub: the
            # inflate guard (sync/container.py) refuses the bundle first, a 4xx all the same.
            assert "inflate" in detail, (str(hostile), detail)
        else:
            assert hostile.where(original) in detail, (str(hostile), detail)
        assert hub_rows(hub) == empty, str(hostile)
    detail = refused(post(served.url, rewrite(sealed, team, key, lambda r: None,
                                              {"bundle_id": "not-a-uuid"}), token))
    assert "bundle_id" in detail and "UUID" in detail
    assert hub_rows(hub) == empty

    # The laptop's real bundle goes in, and the hub's report covers it.
    assert post(served.url, sealed, token).status_code == 201
    assert "Unit coaching summary" in report_works(hub_setup, tmp_path, "after")


def test_a_bad_rating_for_an_observation_the_hub_already_holds(
        hub: Hub, hub_setup: HubSetup, served: ServedHub, laptop: Workspace,
        tmp_path: Path) -> None:
    token = enroll(hub, laptop, hub_setup, served.url)
    team = Team(hub.config.identity_file, hub_setup.recipient)
    draft = laptop.observations.start(laptop.workers.find()[0].id, "cpm-practice", "home_visit",
                                      instrument_version=1)
    assert laptop.sync.sync_now().ok
    laptop.observations.rate(draft.id, "engagement.1", 3)
    later = laptop.exchange.export(tmp_path / "out", hub_setup.recipient)
    assert {t for t, n in later.counts.items() if n} == {"rating", "audit_log"}
    sealed = later.path.read_bytes()
    key = keys.device_key(laptop.paths.data_dir / "keys")
    before = hub_rows(hub)

    def value(new: object) -> Any:
        def edit(records: Records) -> None:
            records["rating"][0]["value"] = new
        return edit

    for bad in (999, -7, 2**31, 2**80):
        detail = refused(post(served.url, rewrite(sealed, team, key, value(bad)), token))
        assert detail.startswith("data/rating.jsonl, record 1, field value: "), detail
        assert hub_rows(hub) == before
    team_auth = {"Authorization": f"Bearer {hub_setup.team_token}"}
    fidelity = httpx.get(f"{served.url}/api/v1/fidelity", params={"by": "element"},
                         headers=team_auth)
    assert fidelity.status_code == 200
    assert post(served.url, sealed, token).status_code == 201
    report_works(hub_setup, tmp_path, "after")


def test_an_observation_on_an_instrument_the_hub_lacks_is_refused_by_name(
        hub: Hub, hub_setup: HubSetup, served: ServedHub, laptop: Workspace,
        tmp_path: Path) -> None:
    token = enroll(hub, laptop, hub_setup, served.url)
    team = Team(hub.config.identity_file, hub_setup.recipient)
    sealed = laptop.exchange.export(tmp_path / "out", hub_setup.recipient,
                                    full=True).path.read_bytes()

    def county_instrument(records: Records) -> None:
        for record in records["observation"]:
            record["instrument_id"], record["instrument_version"] = "county-practice", 3

    before = hub_rows(hub)
    detail = refused(post(served.url, rewrite(sealed, team, keys.device_key(
        laptop.paths.data_dir / "keys"), county_instrument), token))
    assert "data/observation.jsonl, record 1, field instrument_version: instrument " \
           "county-practice version 3 (content hash " in detail
    assert "is not installed here" in detail
    assert hub_rows(hub) == before


def test_an_observation_of_a_worker_on_the_office_instrument_is_refused(
        hub: Hub, hub_setup: HubSetup, served: ServedHub, laptop: Workspace,
        tmp_path: Path) -> None:
    # Installed at the hub, pinned correctly: only what the instrument rates (an office) stops it.
    token = enroll(hub, laptop, hub_setup, served.url)
    team = Team(hub.config.identity_file, hub_setup.recipient)
    sealed = laptop.exchange.export(tmp_path / "out", hub_setup.recipient,
                                    full=True).path.read_bytes()
    supports = hub.catalog.get("cpm-implementation")

    def as_office_assessment(records: Records) -> None:
        observation = records["observation"][0]
        observation.update(instrument_id=supports.id, instrument_version=supports.version,
                           instrument_hash=supports.content_hash)
        records["rating"] = [r for r in records["rating"]
                             if r["observation_id"] != observation["id"]]

    before = hub_rows(hub)
    detail = refused(post(served.url, rewrite(sealed, team, keys.device_key(
        laptop.paths.data_dir / "keys"), as_office_assessment), token))
    assert detail.startswith("data/observation.jsonl, record 1, field instrument_id: "
                             "cpm-implementation version 1 rates an office"), detail
    assert hub_rows(hub) == before


def test_hub_report_and_fidelity_survive_odd_values_stored_before_the_checks(
        hub: Hub, hub_setup: HubSetup, laptop: Workspace, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    """Defence in depth: a hub that took a rating of 999 and a ghost behavior in before record
    checks existed (the attacker's state) still reports, and counts neither."""
    token = hub.enroll(laptop.exchange.device_public_key(), "Coach A").token
    sealed = laptop.exchange.export(tmp_path / "out", hub_setup.recipient, full=True).path
    assert hub.receive(token, sealed.read_bytes()).created
    assert main(["hub", "fidelity", "--data-dir", str(hub_setup.folder), "--by", "element",
                 "--csv"]) == 0
    clean = capsys.readouterr().out
    with hub.store.write() as session:
        session.execute(text("UPDATE rating SET value = 999 WHERE id IN "
                             "(SELECT id FROM rating WHERE value = 3 LIMIT 5)"))
        session.execute(text("UPDATE rating SET behavior_id = 'ghost.' || substr(CAST(id AS "
                             "TEXT), 1, 8) WHERE id IN (SELECT id FROM rating WHERE value = 2 "
                             "LIMIT 5)"))
    report_works(hub_setup, tmp_path, "odd")
    capsys.readouterr()
    assert main(["hub", "fidelity", "--data-dir", str(hub_setup.folder), "--by", "element",
                 "--csv"]) == 0
    odd = capsys.readouterr().out
    elements = {line.split(",")[0] for line in odd.splitlines()[1:]}
    assert "other" not in elements and elements <= {line.split(",")[0]
                                                   for line in clean.splitlines()[1:]}
