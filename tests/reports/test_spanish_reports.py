"""Reports in Spanish: the fixed texts from the .ts ("reports" context), the instrument's own
Spanish file for behaviors, the same figures; English again afterwards."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from cfpm_coach.reports import texts
from cfpm_coach.services.workspace import Workspace
from cfpm_coach.views.workers import WorkerView
from tests.reports.test_reports import TODAY, YEAR_AGO, observed, text_of


@pytest.fixture
def spanish(workspace: Workspace) -> Iterator[Workspace]:
    workspace.use_language("es")
    yield workspace
    texts.use_language("en")


def test_observation_record_and_worker_summary_in_spanish(
        spanish: Workspace, worker: WorkerView, tmp_path: Path) -> None:
    detail = observed(spanish, worker, {"engagement.1": 3, "engagement.2": 1})
    record = text_of(spanish.reports.observation_pdf(detail.id, tmp_path / "o.pdf"))  # type: ignore[attr-defined]
    for text in ("Registro de la observación", "Registro de coaching confidencial",
                 "Aclarar su función", "Reunión del Equipo del Niño y la Familia", "Logrado",
                 "Firmas", "página 1 de"):
        assert text in record, text
    assert "Observation record" not in record and "Signatures" not in record
    summary = text_of(spanish.reports.worker_pdf(worker.id, YEAR_AGO, TODAY, tmp_path / "w.pdf"))
    assert "Resumen de coaching del trabajador" in summary
    assert "Conductas por mes" in summary and worker.name in summary

    texts.use_language("en")
    again = text_of(spanish.reports.observation_pdf(detail.id, tmp_path / "e.pdf"))  # type: ignore[attr-defined]
    assert "Observation record" in again and "Registro de la observación" not in again


def test_fill_puts_values_where_the_translation_wants_them() -> None:
    assert texts.fill("%2 de %1 (%10)", "a", "b", *range(3, 11)) == "b de a (10)"
    assert texts.use_language("xx") == "en"  # no file: English, never an error
