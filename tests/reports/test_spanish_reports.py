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


def _words(pdf: Path) -> list[tuple[int, float, float, float, float, str]]:
    """(page, x0, y0, x1, y1, word) for every word pdftotext finds, as it draws them."""
    import html
    import re
    import subprocess

    xhtml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True,
                           text=True, check=True).stdout
    words = []
    for page, body in enumerate(xhtml.split("<page ")[1:]):
        for match in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                                 r'yMax="([\d.]+)">([^<]*)</word>', body):
            x0, y0, x1, y1 = (float(v) for v in match.groups()[:4])
            words.append((page, x0, y0, x1, y1, html.unescape(match.group(5))))
    return words


def overlapping_words(pdf: Path) -> list[str]:
    """Pairs of words drawn over each other (a heading run into the next column's)."""
    words = _words(pdf)
    found = []
    for i, (page, x0, y0, x1, y1, word) in enumerate(words):
        for other_page, ox0, oy0, ox1, oy1, other in words[i + 1:]:
            if other_page == page and x0 < ox1 - 0.5 and ox0 < x1 - 0.5 \
                    and y0 < oy1 - 0.5 and oy0 < y1 - 0.5:
                found.append(f"page {page + 1}: {word!r} over {other!r}")
    return found


def test_the_spanish_worker_summary_keeps_every_heading_in_its_column(
        spanish: Workspace, worker: WorkerView, tmp_path: Path) -> None:
    """"Primera del período" ran into "Cambio" in the elements table."""
    observed(spanish, worker, {"engagement.1": 3, "engagement.2": 1})
    pdf = spanish.reports.worker_pdf(worker.id, YEAR_AGO, TODAY, tmp_path / "w.pdf")
    # Run together, two words are one to pdftotext ("períodoCambio"), or they overlap.
    words = {word for *_, word in _words(pdf)}
    assert {"Primera", "período", "Cambio"} <= words, sorted(w for w in words if "odo" in w)
    assert overlapping_words(pdf) == []
