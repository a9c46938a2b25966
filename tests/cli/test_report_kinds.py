"""`cfpm-coach report KIND` offers every report of the registry, and writes each one.

Before the registry the command knew three reports (observation, worker, unit) while the window's
Reports menu had five: the agreement and leadership reports could not be made from a script.
"""

import argparse
from pathlib import Path

import pytest
from pypdf import PdfReader

from cfpm_coach.cli import build_parser, main
from cfpm_coach.services.report_registry import REPORTS, hub_reports
from cfpm_coach.services.workspace import Workspace
from tests.reports.test_reports import observed


def _choices(parser: argparse.ArgumentParser, *path: str) -> list[str]:
    """The sub-commands (or a positional's choices) under the command path."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            if not path:
                return list(action.choices)
            return _choices(action.choices[path[0]], *path[1:])
    raise AssertionError(f"no sub-commands under {path}")


def cli_reports() -> list[str]:
    """What `cfpm-coach report` offers."""
    return _choices(build_parser(), "report")


def hub_cli_reports() -> list[str]:
    """What `cfpm-coach hub report` offers."""
    hub_report = build_parser()._subparsers._group_actions[0].choices["hub"]  # type: ignore[union-attr]
    report = next(a for a in hub_report._actions
                  if isinstance(a, argparse._SubParsersAction)).choices["report"]
    kind = next(a for a in report._actions if a.dest == "kind")
    return list(kind.choices or [])


def test_the_cli_and_the_hub_offer_the_registrys_reports() -> None:
    assert cli_reports() == [k.id for k in REPORTS]
    assert hub_cli_reports() == [k.id for k in hub_reports()]
    assert {"unit", "agreement"} <= set(hub_cli_reports())


def test_every_report_of_the_registry_is_written_from_the_command_line(
        workspace: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    workspace.demo.generate(workers=4, months=2, seed=3)
    worker = workspace.workers.find()[0]
    observation = workspace.observations.find(worker_id=worker.id)[0]
    leader = workspace.workers.add("Rosa Delgado", office=worker.office, role="Supervisor")
    leadership = workspace.catalog.get("cpm-leadership")
    observed(workspace, leader, {i.id: 3 for i in leadership.items}, instrument="cpm-leadership")
    subjects = {"observation": [str(observation.id)], "worker": [str(worker.id)],
                "office": [str(worker.office)], "leader": [str(leader.id)], "everything": []}
    data = str(workspace.paths.data_dir)
    for kind in REPORTS:
        out = tmp_path / f"{kind.id}.pdf"
        code = main(["--data-dir", data, "report", kind.id, *subjects[kind.subject],
                     "-o", str(out)])
        assert code == 0, (kind.id, capsys.readouterr().err)
        assert len(PdfReader(out).pages) >= 1, kind.id
