"""The domain's vocabulary is defined once (domain/vocabulary.py, domain/figures.py) and used
everywhere else, never copied: a status spelled as a string, a second list of setting labels or
a second chart palette drifts from the first the day one of them changes."""

import ast
from pathlib import Path

import pytest

from cfpm_coach.domain.figures import SERIES_COLOURS, decimal, percent
from cfpm_coach.domain.shipped import SHIPPED_LEADERSHIP, SHIPPED_PRACTICE
from cfpm_coach.domain.vocabulary import (
    FINISHED,
    CaseworkComponent,
    GoalStatus,
    ObservationStatus,
    Setting,
    label_of,
)

PACKAGE = Path(__file__).resolve().parents[2] / "cfpm_coach"
DEFINED_HERE = {PACKAGE / "domain" / "vocabulary.py", PACKAGE / "domain" / "figures.py"}
# Migrations are frozen history: they spell the values of their day.
FROZEN = PACKAGE / "storage" / "migrations"
# Distinct enough to find anywhere; "open" is ordinary English (an invitation is open too), so
# it is looked for only where it is compared with a status.
UNIQUE_STATUSES = {s.value for s in ObservationStatus} | {GoalStatus.MET, GoalStatus.DROPPED}


def _modules() -> list[Path]:
    return [p for p in sorted(PACKAGE.rglob("*.py"))
            if p not in DEFINED_HERE and FROZEN not in p.parents]


def _spelled_out(tree: ast.AST) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and node.value in {*UNIQUE_STATUSES, *SERIES_COLOURS}:
            found.append((node.lineno, node.value))
        elif isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            status = any(isinstance(s, ast.Attribute) and s.attr == "status" for s in sides)
            if status and any(isinstance(s, ast.Constant) and s.value == GoalStatus.OPEN
                              for s in sides):
                found.append((node.lineno, GoalStatus.OPEN))
    return found


def test_no_module_spells_out_a_status_or_a_chart_colour() -> None:
    found = [f"{path.relative_to(PACKAGE.parent)}:{line}: {value!r}"
             for path in _modules() for line, value in _spelled_out(ast.parse(path.read_text()))]
    assert found == [], "\n".join(found)


def test_only_the_shipped_list_names_a_shipped_instrument() -> None:
    """What follows the coach's practice instrument chooses it by kind or by the setting."""
    ids = {SHIPPED_PRACTICE, SHIPPED_LEADERSHIP}
    found = [f"{path.relative_to(PACKAGE.parent)}:{node.lineno}"
             for path in _modules() if path != PACKAGE / "domain" / "shipped.py"
             for node in ast.walk(ast.parse(path.read_text()))
             if isinstance(node, ast.Constant) and node.value in ids]
    assert found == [], "\n".join(found)


def test_no_module_defines_finished_again() -> None:
    found = []
    for path in _modules():
        for node in ast.walk(ast.parse(path.read_text())):
            targets = (node.targets if isinstance(node, ast.Assign) else
                       [node.target] if isinstance(node, ast.AnnAssign) else [])
            if any(isinstance(t, ast.Name) and t.id == "FINISHED" for t in targets):
                found.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno}")
    assert found == []
    assert set(FINISHED) == {ObservationStatus.FINAL, ObservationStatus.AMENDED}


@pytest.mark.parametrize("markers", ["cfpm_coach.ui.models.table_models", "cfpm_coach.reports.common"])
def test_the_translation_markers_list_exactly_the_domains_labels(markers: str) -> None:
    """lupdate needs literal texts in each translation context; they must be the domain's."""
    module = __import__(markers, fromlist=["SETTING_TEXTS", "CASEWORK_TEXTS"])
    assert sorted(module.SETTING_TEXTS) == sorted(s.label for s in Setting)
    assert sorted(module.CASEWORK_TEXTS) == sorted(c.label for c in CaseworkComponent)


def test_labels_and_figures_read_the_same_everywhere() -> None:
    assert label_of(Setting, "home_visit") == "Home visit"
    assert label_of(Setting, "home_visit", str.upper) == "HOME VISIT"
    assert label_of(Setting, "rooftop") == "rooftop"  # a newer laptop's setting
    assert label_of(CaseworkComponent, None) == "" == label_of(CaseworkComponent, "")
    assert (percent(None), percent(0.5), percent(1 / 3)) == ("\u2014", "50%", "33%")
    assert (decimal(None), decimal(0.456), decimal(2, 1)) == ("\u2014", "0.46", "2.0")
