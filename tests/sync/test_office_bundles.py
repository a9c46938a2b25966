"""An office's assessment travels in a bundle like any observation; a record whose subject is
wrong (both subjects, neither, a bad stage, an office on a person's instrument) is refused,
naming file, record and field, and changes nothing."""

import csv
import itertools
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cfpm_coach.errors import BundleError
from cfpm_coach.services.workspace import Workspace
from cfpm_coach.sync import keys
from tests.services.test_office_assessments import COUNTY, OFFICE, assess_office, rate_practice
from tests.sync.conftest import Team, db_digest
from tests.sync.tampering import rewrite

Records = dict[str, list[dict[str, Any]]]


@pytest.fixture
def assessing(tmp_path: Path) -> Iterator[Workspace]:
    """A laptop with one worker's practice observation and one office's assessment."""
    ws = Workspace.open(tmp_path / "assessing")
    worker = ws.workers.add("Ana Reyes", office=OFFICE, county=COUNTY)
    rate_practice(ws, worker, 2)
    assess_office(ws)
    yield ws
    ws.close()


def _sealed(ws: Workspace, team: Team, tmp_path: Path) -> bytes:
    return ws.exchange.export(tmp_path / "out", team.recipient, full=True).path.read_bytes()


def _office_record(records: Records) -> dict[str, Any]:
    return next(r for r in records["observation"] if r["worker_id"] is None)


def _record_number(records: Records) -> int:
    return 1 + records["observation"].index(_office_record(records))


def test_an_office_assessment_travels_to_the_central_store(
        assessing: Workspace, central: Workspace, team: Team, tmp_path: Path) -> None:
    path = tmp_path / "office.cfpm-bundle"
    path.write_bytes(_sealed(assessing, team, tmp_path))
    trust = [assessing.exchange.device_public_key()]
    central.exchange.import_bundle(path, team.identity, trust)
    [sent] = [o for o in assessing.observations.find() if o.worker_id is None]
    arrived = central.observations.get(sent.id)
    assert (arrived.summary.office, arrived.summary.county,
            arrived.summary.implementation_stage) == (OFFICE, COUNTY, "installation")
    assert arrived.ratings == assessing.observations.get(sent.id).ratings
    before = db_digest(central)
    central.exchange.import_bundle(path, team.identity, trust)  # again: nothing changes
    assert db_digest(central) == before
    [north] = central.offices.standings().offices
    assert north.stage == "installation" and north.assessments == 1 and north.workers == 1


def _set(**changes: Any) -> Callable[[Records], None]:
    def edit(records: Records) -> None:
        _office_record(records).update(changes)
    return edit


def _both(records: Records) -> None:
    worker_id = next(r["worker_id"] for r in records["observation"] if r["worker_id"])
    _office_record(records)["worker_id"] = worker_id


def _office_on_practice(records: Records) -> None:
    practice = next(r for r in records["observation"] if r["worker_id"] is not None)
    practice.update(worker_id=None, office=OFFICE, county=COUNTY,
                    implementation_stage="installation")


HOSTILE: list[tuple[str, Callable[[Records], None], str]] = [
    ("a stage that is not one", _set(implementation_stage="launch"),
     "field implementation_stage"),
    ("both subjects", _both, "field office: an observation of a worker names no office"),
    ("neither subject", _set(office=None, county=None, implementation_stage=None),
     "field worker_id: an observation names a worker, or an office"),
    ("an office without its county", _set(county=None), "field county"),
    ("an office without its stage", _set(implementation_stage=None),
     "field implementation_stage"),
    ("an empty office", _set(office=""), "field office"),
    ("an office of two lines", _set(office="North\nValley"), "field office"),
    ("an office on a person's instrument", _office_on_practice,
     "field instrument_id: cpm-practice version 2 rates a person, and this record names an "
     "office"),
]


def test_a_wrong_subject_is_refused_and_changes_nothing(
        assessing: Workspace, central: Workspace, team: Team, tmp_path: Path) -> None:
    sealed = _sealed(assessing, team, tmp_path)
    key = keys.device_key(assessing.paths.data_dir / "keys")
    trust = [assessing.exchange.device_public_key()]
    before = db_digest(central)
    for number, (name, edit, named) in enumerate(HOSTILE):
        path = tmp_path / f"hostile-{number}.cfpm-bundle"
        path.write_bytes(rewrite(sealed, team, key, edit))
        with pytest.raises(BundleError, match=r"data/observation\.jsonl, record \d+") as refused:
            central.exchange.import_bundle(path, team.identity, trust)
        assert named in str(refused.value), (name, str(refused.value))
        assert db_digest(central) == before, name


PLACES = [None, "", "North", "x" * 121, "a\tb"]
STAGES = [None, "", "installation", "full_implementation", "launch", "Installation"]


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(office=st.sampled_from(PLACES), county=st.sampled_from(PLACES),
       stage=st.sampled_from(STAGES), with_worker=st.booleans())
def test_any_office_subject_is_accepted_only_when_whole(
        assessing: Workspace, central: Workspace, team: Team, tmp_path: Path,
        office: str | None, county: str | None, stage: str | None, with_worker: bool) -> None:
    sealed_path = tmp_path / "valid.cfpm-bundle"
    if not sealed_path.exists():
        sealed_path.write_bytes(_sealed(assessing, team, tmp_path))
    key = keys.device_key(assessing.paths.data_dir / "keys")
    worker_id = next(o.worker_id for o in assessing.observations.find() if o.worker_id)

    def edit(records: Records) -> None:
        _office_record(records).update(office=office, county=county, implementation_stage=stage,
                                       worker_id=str(worker_id) if with_worker else None)

    path = tmp_path / f"drawn-{next(_numbers)}.cfpm-bundle"
    path.write_bytes(rewrite(sealed_path.read_bytes(), team, key, edit))
    whole = (not with_worker and office == "North" and county == "North"
             and stage in ("installation", "full_implementation"))
    trust = [assessing.exchange.device_public_key()]
    before = db_digest(central)
    if not whole:
        with pytest.raises(BundleError, match=r"data/observation\.jsonl, record \d+, field "):
            central.exchange.import_bundle(path, team.identity, trust)
        assert db_digest(central) == before
        return
    central.exchange.import_bundle(path, team.identity, trust)
    stored = {o.id: o for o in central.observations.find() if o.worker_id is None}
    assert {(o.office, o.county) for o in stored.values()} == {("North", "North")}


_numbers = itertools.count()


def test_the_analysts_csv_names_the_office_an_assessment_rated(assessing: Workspace,
                                                               tmp_path: Path) -> None:
    files = {p.name: p for p in assessing.exchange.export_csv(tmp_path / "csv")}
    with open(files["ratings_long.csv"], encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    office = [r for r in rows if r["instrument_id"] == "cpm-implementation"]
    assert office and all((r["worker_id"], r["office"], r["county"], r["implementation_stage"])
                          == ("", OFFICE, COUNTY, "installation") for r in office)
    assert all(r["office"] == "" and r["worker_id"] for r in rows if r not in office)
