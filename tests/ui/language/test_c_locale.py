"""A login whose locale is C or POSIX (a container's, a service's, a bare SSH session's) gets a
person's dates, not a program's "16 11 2026": on screen (QLocale) and on paper (Babel).

Each case runs in a child process started with that environment, since Qt and Babel read the
login's locale once, at start."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

CHILD = """
import json
from datetime import date, datetime, timezone
from cfpm_coach.ui.shell.app import application
from cfpm_coach.ui.models.table_models import date_edit_format, local_date, local_time
from cfpm_coach.reports import dates

application()
moment = datetime(2026, 11, 16, 23, 22).astimezone().astimezone(timezone.utc)
print(json.dumps({
    "screen": local_date(date(2026, 11, 16)), "screen_time": local_time(moment),
    "field": date_edit_format(), "paper": dates.paper_date(date(2026, 11, 16)),
    "paper_time": dates.paper_time(moment), "paper_locale": str(dates.current_locale()),
}))
"""


@pytest.mark.parametrize("login", ["C", "C.UTF-8"])  # POSIX is C by another name
def test_a_c_or_posix_login_shows_and_prints_us_english_dates(login: str, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("LC_") and k not in ("LANG", "LANGUAGE")}
    env.update(LANG=login, LC_ALL=login, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path))
    result = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True,
                            env=env, timeout=120, check=True)
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    same = {key: value.replace("\u202f", " ") for key, value in seen.items()}
    assert same == {"screen": "11/16/26", "screen_time": "11/16/26 11:22 PM", "field": "M/d/yyyy",
                    "paper": "Nov 16, 2026", "paper_time": "Nov 16, 2026, 11:22 PM",
                    "paper_locale": "en_US"}, seen
