"""Which version of a record wins, imported records read-only, random bundles, analyst CSV."""

import csv
import io
import zipfile
from pathlib import Path

import pyrage
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from cfpm_coach.errors import BundleError, ReadOnlyRecordError
from cfpm_coach.services.workspace import Workspace
from cfpm_coach.sync import bundle, keys
from tests.sync.conftest import Team, db_digest, unseal


def test_an_imported_worker_is_read_only_and_the_owners_newer_revision_wins(
        laptop: Workspace, central: Workspace, team: Team, tmp_path: Path) -> None:
    """Two devices used to edit the same worker and let the merge rule pick; since ownership
    (issue 15) only the device that created a record changes it, so the rule now orders one
    device's versions, whatever order its bundles arrive in."""
    trust_laptop = [laptop.exchange.device_public_key()]
    first = laptop.exchange.export(tmp_path / "a", team.recipient, full=True)
    central.exchange.import_bundle(first.path, team.identity, trust_laptop)
    worker = laptop.workers.find()[0]

    before = db_digest(central)
    with pytest.raises(ReadOnlyRecordError, match="created on another device"):
        central.workers.edit(worker.id, office="Central Office")
    assert db_digest(central) == before

    laptop.workers.edit(worker.id, office="Laptop Office")  # revision 2
    older = laptop.exchange.export(tmp_path / "b", team.recipient, full=True)
    laptop.workers.edit(worker.id, role="Supervisor")  # revision 3
    newer = laptop.exchange.export(tmp_path / "c", team.recipient, full=True)
    central.exchange.import_bundle(newer.path, team.identity, trust_laptop)
    receipt = central.exchange.import_bundle(older.path, team.identity, trust_laptop)
    merged = central.workers.get(worker.id)
    assert (merged.office, merged.role) == ("Laptop Office", "Supervisor")
    assert receipt.tables["worker"]["updated"] == 0


def test_same_revision_later_edit_wins(laptop: Workspace, central: Workspace, team: Team,
                                       tmp_path: Path) -> None:
    """One device's two versions at the same revision (a laptop restored from a backup edits
    again): the later updated_at wins."""
    trust = [laptop.exchange.device_public_key()]
    first = laptop.exchange.export(tmp_path / "a", team.recipient, full=True)
    central.exchange.import_bundle(first.path, team.identity, trust)
    worker = laptop.workers.find()[0]
    with laptop.store.write() as session:  # the restored copy's edit: revision 2, earlier
        session.execute(text("UPDATE worker SET office = 'Edited first', revision = 2, "
                             "updated_at = '2020-01-01 00:00:00.000000' "
                             "WHERE id = :id"), {"id": worker.id.hex})
    restored = laptop.exchange.export(tmp_path / "b", team.recipient, full=True)
    central.exchange.import_bundle(restored.path, team.identity, trust)
    assert central.workers.get(worker.id).office == "Edited first"
    laptop.workers.edit(worker.id, office="Edited later")  # revision 3 locally ...
    with laptop.store.write() as session:  # ... as revision 2 again, written later
        session.execute(text("UPDATE worker SET revision = 2 WHERE id = :id"),
                        {"id": worker.id.hex})
    second = laptop.exchange.export(tmp_path / "c", team.recipient, full=True)
    central.exchange.import_bundle(second.path, team.identity, trust)
    assert central.workers.get(worker.id).office == "Edited later"


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_random_and_mutated_bundles_are_accepted_only_when_valid(
        laptop: Workspace, team: Team, tmp_path: Path, data: st.DataObject) -> None:
    sealed_path = tmp_path / "valid.cfpm-bundle"
    if not sealed_path.exists():
        sealed_path.write_bytes(laptop.exchange.export(tmp_path, team.recipient).path.read_bytes())
    sealed = sealed_path.read_bytes()
    identity = keys.load_identity(team.identity)
    recipient = keys.load_recipient(team.recipient)
    trusted = [keys.device_key(laptop.paths.data_dir / "keys").public_key()]
    entries = unseal(sealed, team)
    kind = data.draw(st.sampled_from(["random", "sealed", "entry", "drop", "valid"]))
    if kind == "random":
        candidate = data.draw(st.binary(max_size=2048))
    elif kind == "sealed":
        position = data.draw(st.integers(0, len(sealed) - 1))
        candidate = sealed[:position] + bytes([sealed[position] ^ 0xFF]) + sealed[position + 1:]
    else:
        name = data.draw(st.sampled_from(sorted(entries)))
        changed = dict(entries)
        if kind == "entry":
            original = changed[name]
            cut = data.draw(st.integers(0, max(0, len(original) - 1)))
            changed[name] = original[:cut] + data.draw(st.binary(min_size=1, max_size=16)) + \
                original[cut + 1:]
        elif kind == "drop":
            del changed[name]
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            for entry, content in changed.items():
                archive.writestr(entry, content)
        candidate = bytes(pyrage.encrypt(buffer.getvalue(), [recipient]))
    try:
        opened = bundle.open_bundle(candidate, identity, trusted)
    except BundleError:
        assert kind != "valid"
        return
    # Accepted: it must be the real bundle's content, whatever the container looked like.
    assert unseal(candidate, team) == entries or kind == "valid"
    assert opened.manifest.bundle_id


def test_analyst_csv_is_safe_to_open(laptop: Workspace, tmp_path: Path) -> None:
    hostile = laptop.workers.add("=HYPERLINK(\"http://x\")", office="+Harbor", role="@admin")
    laptop.workers.add("-1 negative start", office="-5")
    files = {p.name: p for p in laptop.exchange.export_csv(tmp_path / "csv")}
    assert {"worker.csv", "observation.csv", "rating.csv", "ratings_long.csv"} <= set(files)
    with open(files["worker.csv"], encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    row = next(r for r in rows if r["id"] == str(hostile.id))
    assert row["name"].startswith("'=") and row["office"] == "'+Harbor" and row["role"] == "'@admin"
    # "-5" typed as an office is text and is neutralized like any text; numbers the app writes
    # (revisions, rating values) stay numbers.
    assert any(r["office"] == "'-5" for r in rows)
    assert all(r["revision"].isdigit() for r in rows)
    with open(files["ratings_long.csv"], encoding="utf-8-sig", newline="") as handle:
        long_rows = list(csv.DictReader(handle))
    assert long_rows and {"element", "behavior", "level"} <= set(long_rows[0])
    assert any(r["element"] == "Engagement" and r["behavior"] for r in long_rows)
