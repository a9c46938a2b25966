"""Start-up stays lean: the window's modules do not pull in ReportLab or Alembic (measured cost
about 140 ms each) nor the bundle crypto; they load when first needed."""

import subprocess
import sys


def test_window_modules_leave_heavy_imports_for_later() -> None:
    heavy = ("reportlab", "alembic", "pyrage", "cryptography", "httpx", "tenacity", "fastapi")
    code = ("import sys, cfpm_coach.ui.app, cfpm_coach.cli; "
            f"print(sorted(m for m in {heavy!r} if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "[]"
