"""cpm-implementation: an office's implementation supports, the system-level area of fidelity."""

import pytest

from cfpm_coach.domain.catalog import InstrumentCatalog
from cfpm_coach.domain.instruments import Instrument
from cfpm_coach.domain.scoring import score_values
from tests.conftest import INSTRUMENTS_DIR

# The four implementation domains the seeds name for the CPM's organizational conditions.
DOMAINS = {
    "readiness": "Organizational readiness",
    "workforce": "Workforce development",
    "partners": "Partner and community engagement",
    "quality": "Quality outcomes and system improvement",
}
SOURCE = "Paraphrased from public CPM implementation descriptions, not an official assessment."


@pytest.fixture(scope="module")
def catalog() -> InstrumentCatalog:
    return InstrumentCatalog.from_folders(INSTRUMENTS_DIR)


@pytest.fixture(scope="module")
def supports(catalog: InstrumentCatalog) -> Instrument:
    return catalog.get("cpm-implementation")


def test_it_rates_an_office_in_the_four_implementation_domains(supports: Instrument) -> None:
    assert supports.key == ("cpm-implementation", 1)
    assert (supports.kind, supports.subject) == ("implementation", "office")
    assert {g.id: g.label for g in supports.groups} == DOMAINS
    for group in supports.groups:
        assert group.in_overall and 3 <= len(group.items) <= 5, group.id
    assert len(supports.overall_items()) == len(supports.items) == 16


def test_its_scale_says_not_in_place_partly_in_place_or_in_place(supports: Instrument) -> None:
    scale = supports.scale
    assert [scale.level(v).label for v in scale.scored_values] == \
        ["Not in place", "Partly in place", "In place"]
    assert scale.proficient_threshold == 3 == scale.maximum
    assert [scale.level(v).label for v in scale.unscored_values] == ["Could not be assessed"]
    # "Not in place" is anchored for every support, as are the other scored levels.
    for item in supports.items:
        assert set(item.anchors) == {1, 2, 3}, item.id
        assert item.description and 1 <= len(item.indicators) <= 8, item.id
    # A support that could not be assessed is left out of the score, as "no opportunity" is.
    score = score_values([3, 1, 0, None], scale)
    assert (score.observed, score.proficient, score.share_proficient) == (2, 1, 0.5)


def test_its_provenance_is_stated_as_the_projects_paraphrase(supports: Instrument) -> None:
    assert supports.source_status == "paraphrase"
    assert supports.provenance == SOURCE
    assert "paraphrase" in supports.source_note and "not an official" in supports.source_note
    assert "new id or version" in supports.source_note  # a county replaces it with its own


def test_in_spanish_every_domain_and_support_is_translated_with_the_same_identity(
        catalog: InstrumentCatalog, supports: Instrument) -> None:
    shown = catalog.translated("es", INSTRUMENTS_DIR).get("cpm-implementation")
    assert shown.content_hash == supports.content_hash and shown.subject == "office"
    for before, after in zip(supports.groups, shown.groups, strict=True):
        assert after.label != before.label and after.description != before.description
    for before, after in zip(supports.items, shown.items, strict=True):
        assert after.label != before.label and after.description != before.description
    assert [shown.scale.level(v).label for v in (1, 2, 3, 0)] == \
        ["No implementado", "Parcialmente implementado", "Implementado", "No se pudo evaluar"]
    assert shown.group_of("partners.1").label == "Participación de aliados y de la comunidad"
    assert shown.provenance.startswith("Paráfrasis") and "no es una evaluación oficial" in \
        shown.provenance
