"""A large export is written as parts: each an ordinary sealed bundle within the part size, the
records in table order (parents first) and each exactly once across the parts; acknowledging an
early part never lets the next export skip the later parts' records or audit entries; the
export's mark moves only once every part is acknowledged (in any order), so a part the hub
refused travels again even when the parts after it were taken."""

import io
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pyrage
import pytest

from cfpm_coach.services.exchange import ExportResult
from cfpm_coach.services.workspace import Workspace
from cfpm_coach.storage import exchange_repo
from cfpm_coach.storage.exchange_repo import AUDIT_TABLE, BUNDLE_TABLES
from cfpm_coach.sync import keys

PART_BYTES = 64 * 1024
TABLE_ORDER = [*BUNDLE_TABLES, AUDIT_TABLE]


@pytest.fixture
def laptop(tmp_path: Path) -> Iterator[Workspace]:
    ws = Workspace.open(tmp_path / "laptop")
    ws.demo.generate(workers=4, months=2, seed=5)
    yield ws
    ws.close()


@pytest.fixture
def team(tmp_path: Path) -> tuple[str, pyrage.x25519.Identity]:
    recipient = keys.new_team_identity(tmp_path / "team.key")
    return recipient, keys.load_identity(tmp_path / "team.key")


def _contents(result: ExportResult, identity: pyrage.x25519.Identity
              ) -> list[tuple[int, list[tuple[str, str]]]]:
    """Each part's inflated size and its (table, record id) in file order."""
    parts = []
    for part in result.parts:
        plain = pyrage.decrypt(part.path.read_bytes(), [identity])
        with zipfile.ZipFile(io.BytesIO(plain)) as archive:
            manifest = json.loads(archive.read("manifest.json"))
            # The manifest's keys are sorted (it is signed canonically): read in table order.
            tables = sorted(manifest["files"], key=TABLE_ORDER.index)
            records = [(table, json.loads(line)["id"]) for table in tables
                       for line in archive.read(f"data/{table}.jsonl").splitlines()]
            parts.append((sum(info.file_size for info in archive.infolist()), records))
    return parts


def test_a_large_export_is_parts_within_the_size_each_record_once_parents_first(
        laptop: Workspace, team: tuple[str, pyrage.x25519.Identity], tmp_path: Path) -> None:
    recipient, identity = team
    whole = laptop.exchange.export(tmp_path / "one", recipient, full=True)
    split = laptop.exchange.export(tmp_path / "parts", recipient, full=True,
                                   part_bytes=PART_BYTES)

    assert len(whole.parts) == 1 and whole.path == whole.parts[0].path
    assert len(split.parts) >= 3 and split.path == split.parts[-1].path
    assert split.bundle_id == split.parts[-1].bundle_id
    assert split.counts == whole.counts
    assert sum(sum(p.counts.values()) for p in split.parts) == sum(whole.counts.values())
    assert [p.path.name for p in split.parts] == sorted(p.path.name for p in split.parts)
    assert len({p.bundle_id for p in split.parts}) == len(split.parts)

    parts = _contents(split, identity)
    assert all(size <= PART_BYTES for size, _ in parts)
    in_order = [record for _, records in parts for record in records]
    assert in_order == _contents(whole, identity)[0][1]  # same records, same order, once each
    tables = [table for table, _ in in_order]
    assert tables == sorted(tables, key=TABLE_ORDER.index)


def test_acknowledging_only_the_first_part_leaves_the_rest_in_the_next_export(
        laptop: Workspace, team: tuple[str, pyrage.x25519.Identity], tmp_path: Path) -> None:
    recipient, identity = team
    first = laptop.exchange.export(tmp_path / "a", recipient, part_bytes=PART_BYTES)
    assert len(first.parts) >= 3
    later_records = {r for _, records in _contents(first, identity)[1:] for r in records}
    assert any(table == AUDIT_TABLE for table, _ in later_records)

    # The early parts claim none of the export's changes: with the last part set aside (the
    # hub refused it), the changes count as unsent again and travel in the next sync.
    assert laptop.sync.status().unsent_changes == 0
    with laptop.store.write() as session:
        exchange_repo.set_bundle_status(session=session, bundle_id=first.bundle_id,
                                        status="rejected")
    assert laptop.sync.status().unsent_changes > 0

    laptop.exchange.acknowledge(first.parts[0].bundle_id, {"duplicate": False})
    laptop.exchange.acknowledge(first.parts[0].bundle_id, {"duplicate": True})  # a repeat
    again = laptop.exchange.export(tmp_path / "b", recipient, part_bytes=PART_BYTES)

    carried = {r for _, records in _contents(again, identity) for r in records}
    assert later_records <= carried

    # The last part alone does not cover the export; with every part acknowledged, nothing is
    # left but what changed since.
    laptop.exchange.acknowledge(again.parts[-1].bundle_id, {"duplicate": False})
    assert laptop.exchange.export(tmp_path / "c", recipient).counts == again.counts
    for part in again.parts[:-1]:
        laptop.exchange.acknowledge(part.bundle_id, {"duplicate": False})
    assert sum(laptop.exchange.export(tmp_path / "d", recipient).counts.values()) == 0


def test_a_refused_middle_part_travels_again_though_the_last_was_acknowledged(
        laptop: Workspace, team: tuple[str, pyrage.x25519.Identity], tmp_path: Path) -> None:
    recipient, identity = team
    first = laptop.exchange.export(tmp_path / "a", recipient, part_bytes=PART_BYTES)
    assert len(first.parts) >= 3
    middle = set(_contents(first, identity)[1][1])
    # The hub refused part 2 (set aside, as sync does on a 4xx) and took the others; the last
    # part's receipt arrives before the first's.
    with laptop.store.write() as session:
        exchange_repo.set_bundle_status(session=session, bundle_id=first.parts[1].bundle_id,
                                        status="rejected", receipt={"status": 422})
    for part in [first.parts[-1], first.parts[0], *first.parts[2:-1]]:
        laptop.exchange.acknowledge(part.bundle_id, {"duplicate": False})

    assert laptop.sync.status().unsent_changes > 0  # sync exports again at once
    again = laptop.exchange.export(tmp_path / "b", recipient, part_bytes=PART_BYTES)
    assert middle <= {r for _, records in _contents(again, identity) for r in records}

    # Every part acknowledged, in any order: the mark moves past the whole export.
    for part in reversed(again.parts):
        laptop.exchange.acknowledge(part.bundle_id, {"duplicate": False})
    assert laptop.sync.status().unsent_changes == 0
    assert sum(laptop.exchange.export(tmp_path / "c", recipient).counts.values()) == 0
