"""The Reports menu, `cfpm-coach report` and the hub offer the reports of one registry.

They had drifted apart: the menu held five reports, the command three.
"""

from pathlib import Path

from pytestqt.qtbot import QtBot

from cfpm_coach.services.report_registry import REPORTS, hub_reports
from cfpm_coach.ui.runtime.backend import Backend
from cfpm_coach.ui.shell.app import application
from cfpm_coach.ui.shell.main_actions import REPORT_ID
from cfpm_coach.ui.shell.main_window import MainWindow
from tests.cli.test_report_kinds import cli_reports, hub_cli_reports


def test_the_menu_the_command_and_the_hub_offer_the_registrys_reports(
        qtbot: QtBot, data_dir: Path) -> None:
    application()
    data_dir.mkdir(parents=True)
    backend = Backend(data_dir)
    window = MainWindow(backend)
    backend.setParent(window)
    qtbot.addWidget(window)
    try:
        items = [a for a in window.commands.reports_menu.actions() if not a.isSeparator()]
        menu = [a.property(REPORT_ID) for a in items if a.property(REPORT_ID) is not None]
        registry = [k.id for k in REPORTS]
        assert menu == registry
        # Besides the registry's reports, the menu holds only the office view.
        assert [a for a in items if a.property(REPORT_ID) is None] == [
            window.commands.offices_action]
        assert cli_reports() == registry
        assert hub_cli_reports() == [k.id for k in hub_reports()]
        # Each menu item asks for its own report: no two share a text or a slot's name.
        texts = [a.text() for a in items]
        assert len(set(texts)) == len(items) == len(REPORTS) + 1
    finally:
        window.close()
        backend.shutdown()
