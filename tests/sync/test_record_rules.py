"""Desktop `import` refuses the attacker's edited bundles exactly as the hub does, naming file,
record and field, and leaves the store byte for byte as it was."""

from pathlib import Path

import pytest

from cfpm_coach.cli import main
from cfpm_coach.errors import BundleError
from cfpm_coach.services.workspace import Workspace
from cfpm_coach.sync import keys
from tests.sync.conftest import Team, db_digest, unseal
from tests.sync.tampering import HOSTILE, records_of, rewrite


def test_import_refuses_every_hostile_value_and_changes_nothing(
        laptop: Workspace, central: Workspace, team: Team, tmp_path: Path) -> None:
    sealed = laptop.exchange.export(tmp_path / "out", team.recipient, full=True).path.read_bytes()
    key = keys.device_key(laptop.paths.data_dir / "keys")
    trust = [laptop.exchange.device_public_key()]
    original = records_of(unseal(sealed, team))
    before = db_digest(central)
    for number, hostile in enumerate(HOSTILE):
        path = tmp_path / f"hostile-{number}.cfpm-bundle"
        path.write_bytes(rewrite(sealed, team, key, hostile.edit))
        with pytest.raises(BundleError) as refused:
            central.exchange.import_bundle(path, team.identity, trust)
        if isinstance(hostile.value, str) and len(hostile.value) > 1_000_000:
            # Megabytes of one repeated letter never reach the field's rule: the inflate guard
            # (sync/container.py) refuses the bundle first.
            assert "inflate" in str(refused.value), (str(hostile), str(refused.value))
        else:
            assert hostile.where(original) in str(refused.value), (str(hostile),
                                                                   str(refused.value))
        assert db_digest(central) == before, str(hostile)
    # The untouched bundle still imports: the rules refuse the edits, not the laptop's data.
    good = tmp_path / "good.cfpm-bundle"
    good.write_bytes(sealed)
    assert central.exchange.import_bundle(good, team.identity, trust).tables["rating"][
        "inserted"] == len(original["rating"])


def test_the_cli_import_names_the_file_record_and_field(
        laptop: Workspace, team: Team, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sealed = laptop.exchange.export(tmp_path / "out", team.recipient, full=True).path.read_bytes()
    key = keys.device_key(laptop.paths.data_dir / "keys")
    [hostile] = [h for h in HOSTILE if (h.field, h.value) == ("value", 999)]
    path = tmp_path / "bad.cfpm-bundle"
    path.write_bytes(rewrite(sealed, team, key, hostile.edit))
    where = hostile.where(records_of(unseal(sealed, team)))
    code = main(["import", str(path), "--data-dir", str(tmp_path / "other"),
                 "--identity", str(team.identity),
                 "--trust-device", laptop.exchange.device_public_key()])
    assert code != 0
    assert f"{where}: 999 is not a value of the scale of cpm-practice" in capsys.readouterr().err


def test_a_rating_for_an_observation_of_an_earlier_bundle_is_checked_against_it(
        laptop: Workspace, central: Workspace, team: Team, tmp_path: Path) -> None:
    trust = [laptop.exchange.device_public_key()]
    first = laptop.exchange.export(tmp_path / "a", team.recipient, full=True)
    central.exchange.import_bundle(first.path, team.identity, trust)
    laptop.exchange.acknowledge(first.bundle_id)
    draft = laptop.observations.start(laptop.workers.find()[0].id, "cpm-practice",
                                      "home_visit", instrument_version=1)
    second = laptop.exchange.export(tmp_path / "b", team.recipient)
    laptop.exchange.acknowledge(second.bundle_id)
    central.exchange.import_bundle(second.path, team.identity, trust)
    laptop.observations.rate(draft.id, "engagement.1", 3)
    only_rating = laptop.exchange.export(tmp_path / "c", team.recipient)
    sealed = only_rating.path.read_bytes()
    assert {t for t, n in only_rating.counts.items() if n} == {"rating", "audit_log"}

    def bad_value(records: dict[str, list[dict[str, object]]]) -> None:
        records["rating"][0]["value"] = 999

    before = db_digest(central)
    path = tmp_path / "bad.cfpm-bundle"
    path.write_bytes(rewrite(sealed, team, keys.device_key(laptop.paths.data_dir / "keys"),
                             bad_value))
    with pytest.raises(BundleError, match=r"data/rating\.jsonl, record 1, field value: 999"):
        central.exchange.import_bundle(path, team.identity, trust)
    assert db_digest(central) == before
    central.exchange.import_bundle(only_rating.path, team.identity, trust)
    assert central.observations.get(draft.id).ratings["engagement.1"].value == 3


def test_an_observation_of_a_worker_pinned_to_the_office_instrument_is_refused(
        laptop: Workspace, central: Workspace, team: Team, tmp_path: Path) -> None:
    # Every field is right for the office instrument: only its subject stops it.
    sealed = laptop.exchange.export(tmp_path / "out", team.recipient, full=True).path.read_bytes()
    supports = central.catalog.get("cpm-implementation")

    def as_office_assessment(records: dict[str, list[dict[str, object]]]) -> None:
        observation = records["observation"][0]
        observation.update(instrument_id=supports.id, instrument_version=supports.version,
                           instrument_hash=supports.content_hash)
        records["rating"] = [r for r in records["rating"]
                             if r["observation_id"] != observation["id"]]

    path = tmp_path / "office.cfpm-bundle"
    path.write_bytes(rewrite(sealed, team, keys.device_key(laptop.paths.data_dir / "keys"),
                             as_office_assessment))
    before = db_digest(central)
    with pytest.raises(BundleError, match=r"data/observation\.jsonl, record 1, field "
                                          r"instrument_id: cpm-implementation version 1 rates "
                                          r"an office"):
        central.exchange.import_bundle(path, team.identity, [laptop.exchange.device_public_key()])
    assert db_digest(central) == before
