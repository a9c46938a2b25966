"""The element trend is computed once, by the services, off the GUI thread: the worker page and
the coaching summary draw the trend their read model carries, and never compute one."""

import ast
from datetime import date, timedelta
from pathlib import Path

from cfpm_coach.domain.trends import monthly_trend
from cfpm_coach.services.workspace import Workspace

PACKAGE = Path(__file__).resolve().parents[2] / "cfpm_coach"


def test_the_worker_page_and_the_summary_get_the_trend_from_their_read_models(
        workspace: Workspace) -> None:
    workspace.demo.generate(workers=2, months=4, seed=11)
    practice = workspace.practice_instrument()
    assert practice is not None
    worker = max(workspace.workers.find(), key=lambda w: w.observation_count)
    history = workspace.workers.history(worker.id)
    assert history.trend is not None and len(history.trend.months) >= 2
    assert history.trend == monthly_trend(practice, history.observations)
    report = workspace.reports.worker_data(worker.id, date.today() - timedelta(days=365),
                                           date.today())
    assert report.trend.months == report.months
    assert report.trend == monthly_trend(report.instrument, report.observations)


def test_no_window_or_report_module_computes_a_trend() -> None:
    found = []
    for layer in ("ui", "reports"):
        for path in sorted((PACKAGE / layer).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Name) and node.id == "monthly_trend":
                    found.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert found == []
