"""Start-up stays lean: the window's modules do not pull in ReportLab or Alembic (measured cost
about 140 ms each) nor the bundle crypto nor spell-check's word lists nor the hub's tables
(11 SQLModel classes the desktop never uses); they load when first needed."""

import ast
import subprocess
import sys
from pathlib import Path


def test_window_modules_leave_heavy_imports_for_later() -> None:
    heavy = ("reportlab", "alembic", "pyrage", "cryptography", "httpx", "tenacity", "fastapi",
             "spellchecker", "cfpm_coach.ui.widgets.spell_check", "cfpm_coach.storage.hub_models")
    code = ("import sys, cfpm_coach.ui.shell.app, cfpm_coach.cli; "
            f"print(sorted(m for m in {heavy!r} if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "[]"


def test_the_window_builds_only_the_desktops_tables() -> None:
    """The hub's tables are defined by the hub and the migrations, never on the window's path."""
    code = ("import cfpm_coach.ui.shell.app, cfpm_coach.cli; from sqlmodel import SQLModel; "
            "print(sorted(t for t in SQLModel.metadata.tables if t.startswith('hub_')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "[]"


def test_opening_a_store_leaves_report_texts_and_babel_for_the_first_report(tmp_path: Path) -> None:
    """The window's language reaches the reports when the store opens; the translations and
    Babel's locale data are read by the first report that needs them, in that language."""
    code = (
        "import sys; from pathlib import Path; "
        "from cfpm_coach.services.workspace import Workspace; "
        f"ws = Workspace.open(Path({str(tmp_path)!r})); "
        "ws.use_language('es', 'es_MX'); from cfpm_coach.reports import texts; "
        "print(texts.language()); "
        "print(sorted(m for m in ('babel', 'xml.etree.ElementTree') if m in sys.modules)); "
        "from cfpm_coach.reports.texts import translate; "
        "from cfpm_coach.reports.dates import paper_month; "
        "print(translate('reports', 'Exact'), paper_month('2026-03')); ws.close()"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    language, loaded, printed = result.stdout.strip().splitlines()
    assert language == "es"
    assert loaded == "[]"
    assert printed.startswith("Exacta ") and "mar" in printed.lower()


def test_pyside_reads_no_module_source_to_start() -> None:
    """PySide6 checks every loaded module for its __feature__ switches by reading its source
    (~1 ms each, ~430 modules on the window's path); the app answers by name instead."""
    code = ("import linecache, cfpm_coach.ui.shell.app; "
            "print([k for k in linecache.cache if k.endswith('.py')])")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    read = ast.literal_eval(result.stdout)
    assert not [name for name in read if "cfpm_coach" in name or "sqlalchemy" in name], read
    assert len(read) <= 5, read
