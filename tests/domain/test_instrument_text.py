"""Instrument text in another language: display only, same identity, a bad file says where."""

from pathlib import Path

import pytest

from cfpm_coach.domain.catalog import InstrumentCatalog
from cfpm_coach.errors import InstrumentError
from tests.conftest import INSTRUMENTS_DIR


def test_the_spanish_file_translates_every_label_and_keeps_the_identity() -> None:
    catalog = InstrumentCatalog.from_folders(INSTRUMENTS_DIR)
    spanish = catalog.translated("es", INSTRUMENTS_DIR)
    original, shown = catalog.get("cpm-practice", 1), spanish.get("cpm-practice", 1)
    assert shown.key == original.key and shown.content_hash == original.content_hash
    assert [i.id for i in shown.items] == [i.id for i in original.items]
    assert [level.value for level in shown.scale.levels] == \
        [level.value for level in original.scale.levels]
    for before, after in zip(original.items, shown.items, strict=True):
        assert after.label != before.label and after.description != before.description
        assert after.indicators == before.indicators  # not translated yet: the original shows
    assert shown.item("engagement.3").label == "Escuchar la historia de la familia"
    assert [lv.label for lv in shown.scale.levels][:3] == ["Emergente", "En adquisición", "Logrado"]


def test_every_shipped_instrument_shows_every_label_in_spanish() -> None:
    """A Spanish coach saw the leadership checklist, its levels and its PDF all in English."""
    catalog = InstrumentCatalog.from_folders(INSTRUMENTS_DIR)
    spanish = catalog.translated("es", INSTRUMENTS_DIR)
    for original in catalog:
        shown = spanish.get(original.id, original.version)
        where = f"{original.id} v{original.version}"
        assert shown.content_hash == original.content_hash, where
        assert shown.title != original.title, where
        pairs = [*zip(original.groups, shown.groups, strict=True),
                 *zip(original.items, shown.items, strict=True)]
        for before, after in pairs:
            assert after.label != before.label, (where, before.id)
            assert after.description != before.description, (where, before.id)
        for before_level, after_level in zip(original.scale.levels, shown.scale.levels,
                                             strict=True):
            assert after_level.label != before_level.label, (where, before_level.value)
    assert spanish.get("cpm-leadership").group_of("lean_in.1").label == "Involucrarse"


def test_version_2_in_spanish_translates_every_label_and_its_provenance() -> None:
    catalog = InstrumentCatalog.from_folders(INSTRUMENTS_DIR)
    original = catalog.get("cpm-practice", 2)
    shown = catalog.translated("es", INSTRUMENTS_DIR).get("cpm-practice", 2)
    assert shown.content_hash == original.content_hash
    for before, after in zip(original.groups, shown.groups, strict=True):
        assert after.label != before.label and after.description != before.description
        assert after.in_overall == before.in_overall
    for before, after in zip(original.items, shown.items, strict=True):
        assert after.label != before.label and after.description != before.description
        assert after.crosswalk == before.crosswalk
    assert shown.group_of("inquiry.1").label == "Indagación/Exploración"
    assert shown.provenance.startswith("Paráfrasis") and "no es el perfil" in shown.provenance
    assert shown.source_status == "paraphrase"


def test_a_county_file_adds_a_language_and_a_bad_one_names_itself(tmp_path: Path) -> None:
    county = tmp_path / "instruments"
    (county / "i18n").mkdir(parents=True)
    (county / "i18n" / "cpm-practice.v1.vi.yaml").write_text(
        "instrument: cpm-practice\nversion: 1\nlanguage: vi\n"
        "items:\n  engagement.1:\n    label: Nói rõ vai trò, mục đích và quy trình\n"
        "  nowhere.9:\n    label: ignored\n", encoding="utf-8")
    catalog = InstrumentCatalog.from_folders(INSTRUMENTS_DIR)
    shown = catalog.translated("vi", INSTRUMENTS_DIR, county).get("cpm-practice", 1)
    assert shown.item("engagement.1").label == "Nói rõ vai trò, mục đích và quy trình"
    assert shown.item("engagement.2").label == catalog.get("cpm-practice", 1).item(
        "engagement.2").label

    (county / "i18n" / "cpm-practice.v1.vi.yaml").write_text(
        "instrument: cpm-practice\nversion: 1\nlanguage: vi\nitems:\n  engagement.1:\n"
        "    label: ''\n", encoding="utf-8")
    with pytest.raises(InstrumentError, match=r"cpm-practice\.v1\.vi\.yaml, field items"):
        catalog.translated("vi", county)
