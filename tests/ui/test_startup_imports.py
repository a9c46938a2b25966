"""Start-up stays lean: the window's modules do not pull in ReportLab or Alembic (measured cost
about 140 ms each); they load when a report is made or a migration runs."""

import subprocess
import sys


def test_window_modules_leave_heavy_imports_for_later() -> None:
    code = ("import sys, cfpm_coach.ui.app, cfpm_coach.cli; "
            "print(sorted(m for m in ('reportlab', 'alembic') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "[]"
