"""Mutated valid bundles posted to the real `hub serve` (SQLite and PostgreSQL): flipped bytes,
truncations, zips rebuilt with odd methods and flags, edited records and manifests, signed by the
enrolled device or not. Never a 5xx; and unless the answer is 201, the database is unchanged."""

import json
import zipfile
from pathlib import Path

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cfpm_coach.hub.service import Hub
from cfpm_coach.services.workspace import Workspace
from tests.fuzzing import examples
from tests.hub.conftest import HubSetup, ServedHub, enroll
from tests.hub.crafting import Forger, patch_headers, snapshot, zipped

pytestmark = pytest.mark.fuzz

_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-2**90, max_value=2**90)
    | st.floats(allow_nan=False) | st.text(max_size=40)
    | st.sampled_from(["", "\x00", "\ud800", "9999-12-31T23:59:59-14:00", "not-a-uuid",
                       "0000-01-01T00:00:00+00:00", "x" * 5000]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner,
                                                                 max_size=3),
    max_leaves=6)


def _flip(data: bytes, positions: list[int]) -> bytes:
    out = bytearray(data)
    for position in positions:
        out[position % len(out)] ^= 0xFF
    return bytes(out)


def _mutant(forger: Forger, sealed: bytes, data: st.DataObject) -> bytes:
    kind = data.draw(st.sampled_from(["flip", "truncate", "zip-flip", "rezip", "record",
                                      "manifest"]))
    positions = st.lists(st.integers(min_value=0), min_size=1, max_size=4)
    if kind == "flip":
        return _flip(sealed, data.draw(positions))
    if kind == "truncate":
        return sealed[:data.draw(st.integers(min_value=0, max_value=len(sealed) - 1))]
    signed = data.draw(st.booleans())
    entries = forger.signed(forger.entries) if signed else dict(forger.entries)
    if kind == "zip-flip":
        return forger.seal(_flip(zipped(entries), data.draw(positions)))
    if kind == "rezip":
        method = data.draw(st.sampled_from([zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED]))
        plain = zipped(entries, method=method)
        return forger.seal(patch_headers(
            plain, method=data.draw(st.none() | st.sampled_from([0, 8, 9, 12, 14, 99])),
            flags=data.draw(st.none() | st.sampled_from([0x1, 0x8, 0x40, 0x800, 0x2000]))))
    if kind == "record":
        table = data.draw(st.sampled_from(sorted(forger.manifest["files"])))
        rows = forger.records(table)
        if not rows:
            return forger.seal(zipped(entries))
        row = rows[data.draw(st.integers(min_value=0, max_value=len(rows) - 1))]
        field = data.draw(st.sampled_from([*sorted(row), "extra_field"]))
        row[field] = data.draw(_JSON_VALUES)
        changed = forger.with_records(table, rows)
        if not signed:
            changed["manifest.sig"] = forger.entries["manifest.sig"]
        return forger.seal(zipped(changed))
    manifest = forger.manifest
    field = data.draw(st.sampled_from([*sorted(manifest), "extra"]))
    manifest[field] = data.draw(_JSON_VALUES)
    body = json.dumps(manifest).encode()
    changed = forger.signed({**entries, "manifest.json": body}) if signed else \
        {**entries, "manifest.json": body}
    return forger.seal(zipped(changed))


def test_mutated_bundles_never_get_a_5xx_and_change_nothing_unless_accepted(
        hub: Hub, hub_setup: HubSetup, served: ServedHub, laptop: Workspace,
        tmp_path: Path) -> None:
    token = enroll(hub, laptop, hub_setup, served.url)
    forger = Forger.from_laptop(laptop, hub, hub_setup.recipient, tmp_path / "forge")
    sealed = forger.seal(zipped(forger.entries))
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/octet-stream"}
    state = {"digest": snapshot(hub)}

    @settings(max_examples=examples(10))
    @given(data=st.data())
    def post_a_mutant(data: st.DataObject) -> None:
        mutant = _mutant(forger, sealed, data)
        response = httpx.post(f"{served.url}/api/v1/bundles", content=mutant, headers=headers,
                              timeout=60)
        assert response.status_code < 500, response.text
        after = snapshot(hub)
        if response.status_code == 201:
            state["digest"] = after
            return
        assert set(response.json()) == {"error", "detail"}, response.text
        assert after == state["digest"], response.text

    post_a_mutant()
    # The hub still takes the untouched bundle afterwards (or has it already).
    assert httpx.post(f"{served.url}/api/v1/bundles", content=sealed, headers=headers,
                      timeout=60).status_code in (200, 201, 409)
