"""The passphrase from the command line: set, use, refuse, remove, in real processes."""

import os
import subprocess
import sys
from pathlib import Path

from cfpm_coach.storage.cipher import is_encrypted

ROOT = Path(__file__).resolve().parents[2]


def cli(data_dir: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("CFPM_COACH_")}
    return subprocess.run([sys.executable, "-m", "cfpm_coach", "--data-dir", str(data_dir), *args],
                          capture_output=True, text=True, cwd=ROOT, env={**clean, **env},
                          stdin=subprocess.DEVNULL, timeout=120)


def test_passphrase_set_use_and_remove(data_dir: Path) -> None:
    assert cli(data_dir, "workers", "add", "Ana Reyes", "--office", "North").returncode == 0
    result = cli(data_dir, "passphrase", "set", CFPM_COACH_NEW_PASSPHRASE="a long passphrase")
    assert result.returncode == 0, result.stderr
    assert is_encrypted(data_dir / "cfpm-coach.sqlite3")

    locked = cli(data_dir, "workers", "list")
    assert locked.returncode != 0
    assert "protected by a passphrase" in locked.stderr and "Traceback" not in locked.stderr
    wrong = cli(data_dir, "workers", "list", CFPM_COACH_PASSPHRASE="not it at all")
    assert wrong.returncode != 0 and "passphrase does not open" in wrong.stderr
    right = cli(data_dir, "workers", "list", CFPM_COACH_PASSPHRASE="a long passphrase")
    assert right.returncode == 0 and "Ana Reyes" in right.stdout

    short = cli(data_dir, "passphrase", "set", CFPM_COACH_PASSPHRASE="a long passphrase",
                CFPM_COACH_NEW_PASSPHRASE="short")
    assert short.returncode != 0 and "at least 8 characters" in short.stderr
    removed = cli(data_dir, "passphrase", "remove", CFPM_COACH_PASSPHRASE="a long passphrase")
    assert removed.returncode == 0, removed.stderr
    assert not is_encrypted(data_dir / "cfpm-coach.sqlite3")
    assert "Ana Reyes" in cli(data_dir, "workers", "list").stdout
