"""Every malformed bundle the attacker found answering 500 (or dropping the connection), posted to
the real `hub serve` on SQLite and PostgreSQL: each is a JSON 4xx naming what is wrong, and the
hub's database is exactly as it was. A valid bundle afterwards still goes in."""

import zipfile
from pathlib import Path

import httpx
import pytest

from cfpm_coach.hub.service import Hub
from cfpm_coach.services.workspace import Workspace
from tests.hub.conftest import HubSetup, ServedHub, enroll
from tests.hub.crafting import Forger, bad_crc, patch_headers, snapshot, zipped


@pytest.fixture
def forger(hub: Hub, hub_setup: HubSetup, laptop: Workspace, tmp_path: Path) -> Forger:
    return Forger.from_laptop(laptop, hub, hub_setup.recipient, tmp_path / "forge")


def _post(url: str, token: str, sealed: bytes) -> httpx.Response:
    return httpx.post(f"{url}/api/v1/bundles", content=sealed, timeout=60, headers={
        "Authorization": f"Bearer {token}", "Content-Type": "application/octet-stream"})


def _edited(forger: Forger, table: str, **changes: object) -> bytes:
    rows = forger.records(table)
    rows[0].update(changes)
    return forger.seal(zipped(forger.with_records(table, rows)))


def _malformed(forger: Forger) -> dict[str, tuple[bytes, str]]:
    """Each hostile bundle, and a word its refusal must contain."""
    entries = forger.entries
    deep = b"[" * 200_000 + b"]" * 200_000
    within_size = b"[" * 100_000 + b"]" * 100_000
    manifest = forger.manifest
    manifest["bundle_id"] = "not-a-uuid"
    return {
        "manifest nested 200,000 deep": (forger.seal(zipped(
            {"manifest.json": deep, "manifest.sig": b"AAAA"})), "manifest.json"),
        "manifest nested 100,000 deep, within its size cap": (forger.seal(zipped(
            {"manifest.json": within_size, "manifest.sig": b"AAAA"})), "nests deeper"),
        "a bad CRC": (forger.seal(bad_crc(entries, "data/worker.jsonl")), "data/worker.jsonl"),
        "an unknown compression method": (forger.seal(patch_headers(zipped(entries), method=99)),
                                          "method 99"),
        "the encrypted flag": (forger.seal(patch_headers(zipped(entries), flags=0x1)),
                               "encrypted"),
        "a data file that is not UTF-8": (forger.seal(zipped(forger.with_data(
            "worker", b'{"id": "\xff\xfe"}\n'))), "data/worker.jsonl, record 1"),
        "a truncated zip": (forger.seal(zipped(entries)[:-300]), "zip"),
        "a non-UUID bundle id": (forger.seal(zipped(forger.signed(entries, manifest))), ""),
        "a start time that overflows UTC": (_edited(
            forger, "observation", started_at="9999-12-31T23:59:59-14:00"), ""),
        "revision 2**80": (_edited(forger, "worker", revision=2**80), ""),
    }


def test_each_malformed_bundle_is_a_json_4xx_and_changes_nothing(
        hub: Hub, hub_setup: HubSetup, served: ServedHub, laptop: Workspace,
        forger: Forger, tmp_path: Path) -> None:
    token = enroll(hub, laptop, hub_setup, served.url)
    before = snapshot(hub)
    for case, (sealed, word) in _malformed(forger).items():
        response = _post(served.url, token, sealed)
        assert 400 <= response.status_code < 500, (case, response.status_code, response.text)
        body = response.json()
        assert set(body) == {"error", "detail"} and body["detail"], case
        assert word in body["detail"], (case, body)
        assert snapshot(hub) == before, case
    valid = laptop.exchange.export(tmp_path / "valid", hub_setup.recipient, full=True)
    assert _post(served.url, token, valid.path.read_bytes()).status_code == 201


def test_values_the_database_refuses_are_a_4xx_on_postgresql_never_a_500(
        hub: Hub, hub_setup: HubSetup, served: ServedHub, laptop: Workspace,
        forger: Forger, database_url: str | None) -> None:
    """int4 overflow and NUL: PostgreSQL refuses them (DataError); SQLite stores them unless the
    record checks refuse them first. Either way: never a 5xx, and a refusal changes nothing."""
    token = enroll(hub, laptop, hub_setup, served.url)
    cases = {"int4 overflow": _edited(forger, "rating", value=2**40),
             "NUL in a text": _edited(forger, "worker", office="North\x00Valley")}
    for case, sealed in cases.items():
        before = snapshot(hub)
        response = _post(served.url, token, sealed)
        assert response.status_code < 500, (case, response.text)
        if database_url is not None:
            assert 400 <= response.status_code < 500, (case, response.text)
        if response.status_code >= 400:
            assert set(response.json()) == {"error", "detail"}
            assert snapshot(hub) == before, case


def test_an_unknown_method_is_refused_by_name_even_deflate64(forger: Forger,
                                                             hub: Hub) -> None:
    """Only stored and deflated entries are read; a method zipfile half-knows is refused too."""
    from cfpm_coach.errors import BundleError
    from cfpm_coach.sync import bundle

    sealed = forger.seal(patch_headers(zipped(forger.entries), method=zipfile.ZIP_BZIP2))
    with pytest.raises(BundleError, match="method 12"):
        bundle.open_bundle(sealed, hub.identity, [forger.device_key.public_key()])
