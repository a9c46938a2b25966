"""Shipped instruments: exact counts, stable ids, a valid scale; broken files name the field."""

import re
from pathlib import Path

import pytest

from cfpm_coach.domain.catalog import InstrumentCatalog, load_instrument, parse_instrument
from cfpm_coach.errors import InstrumentError
from tests.conftest import INSTRUMENTS_DIR

PRACTICE_ELEMENTS = {
    "engagement": ("Engagement", 5),
    "assessment": ("Assessment", 5),
    "service_planning": ("Service Planning and Implementation", 4),
    "monitoring": ("Monitoring and Adapting", 4),
    "transition": ("Transition", 4),
}
LEADERSHIP_GROUPS = {"lean_in": "Lean In", "lift_up": "Lift Up", "connect": "Connect",
                     "culture": "Culture"}


@pytest.fixture(scope="module")
def catalog() -> InstrumentCatalog:
    return InstrumentCatalog.from_folders(INSTRUMENTS_DIR)


def test_practice_instrument_has_5_elements_and_22_behaviors(catalog: InstrumentCatalog) -> None:
    practice = catalog.get("cpm-practice", 1)
    assert practice.kind == "practice"
    assert {g.id: (g.label, len(g.items)) for g in practice.groups} == PRACTICE_ELEMENTS
    assert len(practice.items) == 22


def test_leadership_instrument_has_4_groups_of_4(catalog: InstrumentCatalog) -> None:
    leadership = catalog.get("cpm-leadership", 1)
    assert leadership.kind == "leadership"
    assert {g.id: g.label for g in leadership.groups} == LEADERSHIP_GROUPS
    assert [len(g.items) for g in leadership.groups] == [4, 4, 4, 4]
    assert len(leadership.items) == 16


@pytest.mark.parametrize("instrument_id", ["cpm-practice", "cpm-leadership"])
def test_items_are_complete(catalog: InstrumentCatalog, instrument_id: str) -> None:
    instrument = catalog.get(instrument_id)
    for group in instrument.groups:
        for number, item in enumerate(group.items, start=1):
            assert item.id == f"{group.id}.{number}"
            assert 2 <= len(item.indicators) <= 4, item.id
            assert set(item.anchors) == {1, 2, 3}, item.id
            assert item.label and item.description
    assert "paraphrase" in instrument.source_note


@pytest.mark.parametrize("instrument_id", ["cpm-practice", "cpm-leadership"])
def test_scale_is_three_levels_plus_no_opportunity(catalog: InstrumentCatalog,
                                                   instrument_id: str) -> None:
    scale = catalog.get(instrument_id).scale
    assert scale.scored_values == (1, 2, 3)
    assert [scale.level(v).label for v in (1, 2, 3)] == ["Emerging", "Acquiring", "Accomplished"]
    assert scale.unscored_values == (0,)
    assert scale.level(0).label == "No opportunity to observe"
    assert scale.proficient_threshold == 3


def test_content_hash_ignores_formatting_but_not_wording() -> None:
    path = INSTRUMENTS_DIR / "cpm-practice.v1.yaml"
    text = path.read_text(encoding="utf-8")
    original = parse_instrument(text)
    reformatted = parse_instrument("# a comment\n" + text + "\n\n")
    assert reformatted.content_hash == original.content_hash
    reworded = parse_instrument(text.replace("label: Engagement", "label: Engaging", 1))
    assert reworded.content_hash != original.content_hash
    assert re.fullmatch(r"[0-9a-f]{64}", original.content_hash)


def _broken(text: str, tmp_path: Path) -> str:
    path = tmp_path / "county.v1.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InstrumentError) as caught:
        load_instrument(path)
    message = str(caught.value)
    assert str(path) in message
    return message


def test_missing_field_is_named_with_its_line(tmp_path: Path) -> None:
    text = (INSTRUMENTS_DIR / "cpm-practice.v1.yaml").read_text(encoding="utf-8")
    lines = text.splitlines()
    index = next(i for i, line in enumerate(lines) if line.strip().startswith("indicators:"))
    item_line = max(i for i in range(index) if lines[i].lstrip().startswith("- id:"))
    # Drop the first behavior's description: the error names it and the item's line.
    desc = next(i for i in range(item_line, index) if lines[i].strip().startswith("description"))
    end = desc + 1
    while lines[end].startswith(" " * (len(lines[desc]) - len(lines[desc].lstrip()) + 2)):
        end += 1
    del lines[desc:end]
    message = _broken("\n".join(lines), tmp_path)
    assert "groups.0.items.0.description" in message
    assert f"line {item_line + 1}" in message
    assert "Field required" in message


def test_wrong_type_is_named(tmp_path: Path) -> None:
    text = (INSTRUMENTS_DIR / "cpm-practice.v1.yaml").read_text(encoding="utf-8")
    message = _broken(text.replace("version: 1", "version: first", 1), tmp_path)
    assert "field version" in message and "line " in message


def test_unknown_field_is_refused(tmp_path: Path) -> None:
    text = (INSTRUMENTS_DIR / "cpm-practice.v1.yaml").read_text(encoding="utf-8")
    message = _broken(text.replace("version: 1", "version: 1\ncolour: blue", 1), tmp_path)
    assert "colour" in message


def test_duplicate_item_ids_and_bad_threshold(tmp_path: Path) -> None:
    text = """
id: tiny
version: 1
title: Tiny
kind: practice
scale:
  proficient_threshold: 5
  levels:
    - {value: 1, code: low, label: Low}
    - {value: 2, code: high, label: High}
groups:
  - id: g
    label: G
    items:
      - {id: g.1, label: A, description: a, indicators: [x]}
      - {id: g.1, label: B, description: b, indicators: [y]}
"""
    message = _broken(text, tmp_path)
    assert "proficient_threshold" in message
    assert "g.1" in message


def test_yaml_syntax_error_names_line(tmp_path: Path) -> None:
    message = _broken("id: x\nversion: [1\n", tmp_path)
    assert "not valid YAML" in message and "line" in message


def test_same_version_twice_is_refused(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    source = INSTRUMENTS_DIR / "cpm-practice.v1.yaml"
    (tmp_path / "a" / "copy.yaml").write_text(source.read_text(encoding="utf-8"), "utf-8")
    with pytest.raises(InstrumentError, match="new version"):
        InstrumentCatalog.from_folders(INSTRUMENTS_DIR, tmp_path / "a")


def test_county_file_with_new_version_is_loaded(tmp_path: Path) -> None:
    text = (INSTRUMENTS_DIR / "cpm-practice.v1.yaml").read_text(encoding="utf-8")
    (tmp_path / "cpm-practice.v3.yaml").write_text(text.replace("version: 1", "version: 3", 1),
                                                   "utf-8")
    catalog = InstrumentCatalog.from_folders(INSTRUMENTS_DIR, tmp_path)
    assert catalog.get("cpm-practice").version == 3
    assert catalog.get("cpm-practice", 1).version == 1
    with pytest.raises(InstrumentError, match="version 9"):
        catalog.get("cpm-practice", 9)


def test_each_instrument_says_what_it_rates_and_older_files_keep_their_meaning(
        catalog: InstrumentCatalog) -> None:
    # Files older than `subject` rate what their kind always rated.
    assert catalog.get("cpm-practice", 1).subject == "worker"
    assert catalog.get("cpm-practice", 2).subject == "worker"
    assert catalog.get("cpm-leadership").subject == "leader"
    text = (INSTRUMENTS_DIR / "cpm-leadership.v1.yaml").read_text(encoding="utf-8")
    assert "subject:" not in text
    stated = parse_instrument(text.replace("kind: leadership", "kind: leadership\nsubject: leader"))
    # Saying the default out loud is the same instrument, with the same hash its observations
    # pinned; saying something else is another instrument.
    assert stated.content_hash == catalog.get("cpm-leadership").content_hash
    other = parse_instrument(text.replace("kind: leadership", "kind: leadership\nsubject: worker"))
    assert other.subject == "worker"
    assert other.content_hash != stated.content_hash


@pytest.mark.parametrize("value", ["county", "Office", "", "[office]", "3", "null"])
def test_an_unknown_subject_is_refused_naming_file_line_and_field(tmp_path: Path,
                                                                  value: str) -> None:
    text = (INSTRUMENTS_DIR / "cpm-practice.v2.yaml").read_text(encoding="utf-8")
    lines = text.splitlines()
    kind_line = next(i for i, line in enumerate(lines) if line.startswith("kind:"))
    lines.insert(kind_line + 1, f"subject: {value}")
    if value in ("", "null"):
        # An empty subject is a subject left out: the kind's own.
        path = tmp_path / "county.v1.yaml"
        path.write_text("\n".join(lines), encoding="utf-8")
        assert load_instrument(path).subject == "worker"
        return
    message = _broken("\n".join(lines), tmp_path)
    assert f"line {kind_line + 2}, field subject:" in message
    assert "'worker', 'leader' or 'office'" in message
