"""Accounts from the command line: `hub init --admin` (password from stdin, never argv),
`hub user add/list/disable/token`; passwords and tokens kept only as hashes; a personal token
reads the fidelity API within its account's scope and stops when the account is disabled."""

import io
import json
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from cfpm_coach.cli import main
from cfpm_coach.hub.accounts import Accounts
from cfpm_coach.hub.service import Hub
from cfpm_coach.services.workspace import Workspace
from tests.hub.conftest import ROOT, HubSetup, ServedHub, enroll

PASSWORD = "a long enough pass phrase"


def test_hub_init_creates_the_first_admin_with_the_password_from_stdin(tmp_path: Path) -> None:
    folder = tmp_path / "hub"
    done = subprocess.run(
        [sys.executable, "-m", "cfpm_coach", "hub", "init", "--data-dir", str(folder),
         "--admin", "Lead@Example.org", "--password-stdin"],
        input=PASSWORD + "\n", capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "Admin account lead@example.org created" in done.stdout
    with Hub.open(folder) as hub:
        [admin] = Accounts(hub.store).list()
        assert (admin.email, admin.role, str(admin.scope)) == ("lead@example.org", "admin",
                                                               "whole hub")
        with hub.store.read() as session:
            from cfpm_coach.storage import account_repo

            stored = account_repo.accounts(session=session)[0].password_hash
    assert stored.startswith("$argon2id$") and PASSWORD not in stored
    assert PASSWORD.encode() not in (folder / "hub.sqlite3").read_bytes()


def test_a_short_password_or_a_bad_email_creates_nothing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
        ) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("short\n"))
    assert main(["hub", "init", "--data-dir", str(tmp_path / "a"), "--admin", "a@example.org",
                 "--password-stdin"]) != 0
    assert "at least 12 characters" in capsys.readouterr().err
    assert not (tmp_path / "a" / "hub.json").exists()
    monkeypatch.setenv("CFPM_HUB_PASSWORD", PASSWORD)
    assert main(["hub", "init", "--data-dir", str(tmp_path / "b"), "--admin", "not-an-email"]) != 0
    assert "is not an email address" in capsys.readouterr().err
    assert not (tmp_path / "b" / "hub.json").exists()


@pytest.mark.parametrize("database_url", [None], ids=["sqlite"])
def test_user_commands_and_a_scoped_personal_token_over_http(
        hub: Hub, hub_setup: HubSetup, served: ServedHub, laptop: Workspace,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    enroll(hub, laptop, hub_setup, served.url)
    assert laptop.sync.sync_now().ok
    county = laptop.workers.find()[0].county
    folder = str(hub_setup.folder)
    monkeypatch.setenv("CFPM_HUB_PASSWORD", PASSWORD)
    for email, scope in (("own@example.org", f"county:{county}"),
                         ("other@example.org", "county:Another County")):
        assert main(["hub", "user", "add", email, "--role", "analyst", "--scope", scope,
                     "--data-dir", folder]) == 0
    assert main(["hub", "user", "add", "own@example.org", "--role", "analyst",
                 "--data-dir", folder]) != 0  # taken
    assert main(["hub", "user", "add", "x@example.org", "--role", "analyst", "--scope",
                 "planet:Mars", "--data-dir", folder]) != 0
    capsys.readouterr()
    assert main(["hub", "user", "list", "--json", "--data-dir", folder]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(a["email"], a["scope"]) for a in listed] == [
        ("own@example.org", f"county {county}"), ("other@example.org", "county Another County")]
    assert all("password" not in key for a in listed for key in a)

    tokens = {}
    for email in ("own@example.org", "other@example.org"):
        assert main(["hub", "user", "token", email, "--label", "script",
                     "--data-dir", folder]) == 0
        tokens[email] = capsys.readouterr().out.strip().rsplit(" ", 1)[-1]
    assert tokens["own@example.org"].encode() not in (hub_setup.folder / "hub.sqlite3"
                                                      ).read_bytes()

    def fidelity(token: str) -> httpx.Response:
        return httpx.get(f"{served.url}/api/v1/fidelity", params={"by": "county"},
                         headers={"Authorization": f"Bearer {token}"}, timeout=30)

    team = fidelity(hub_setup.team_token).json()["rows"]  # the deprecated whole-hub token
    own = fidelity(tokens["own@example.org"]).json()["rows"]
    assert own == team and [r["county"] for r in own] == [county]
    assert fidelity(tokens["other@example.org"]).json()["rows"] == []

    assert main(["hub", "user", "disable", "own@example.org", "--data-dir", folder]) == 0
    assert fidelity(tokens["own@example.org"]).status_code == 401
    assert fidelity("cfpm_made-up").status_code == 401


def test_sessions_end_when_they_expire_go_idle_or_the_account_is_disabled(tmp_path: Path) -> None:
    from datetime import timedelta

    from cfpm_coach.errors import ThrottledError, UnauthorizedError
    from cfpm_coach.hub.accounts import Scope, digest
    from cfpm_coach.storage import account_repo
    from cfpm_coach.storage.types import utcnow

    hub, _recipient, _token = Hub.init(tmp_path / "hub")
    with hub:
        accounts = Accounts(hub.store)
        accounts.add("a@example.org", PASSWORD, "analyst", Scope("hub"))

        def aged(session_id: str, **shift: timedelta) -> None:
            with hub.store.write() as session:
                row = account_repo.session_by_hash(session=session, id_sha256=digest(session_id))
                assert row is not None
                for field, by in shift.items():
                    setattr(row, field, getattr(row, field) - by)
                session.add(row)

        expired = accounts.sign_in("a@example.org", PASSWORD, "10.0.0.1")
        assert accounts.visit(expired.session_id).account.email == "a@example.org"
        aged(expired.session_id, expires_at=timedelta(hours=8, seconds=1))
        with pytest.raises(UnauthorizedError):
            accounts.visit(expired.session_id)
        idle = accounts.sign_in("a@example.org", PASSWORD, "10.0.0.1")
        aged(idle.session_id, last_seen_at=timedelta(minutes=61))
        with pytest.raises(UnauthorizedError):
            accounts.visit(idle.session_id)
        live = accounts.sign_in("a@example.org", PASSWORD, "10.0.0.1")
        accounts.disable("a@example.org")
        with pytest.raises(UnauthorizedError):
            accounts.visit(live.session_id)
        with pytest.raises(UnauthorizedError):  # a disabled account cannot sign in again
            accounts.sign_in("a@example.org", PASSWORD, "10.0.0.2")
        # One address guessing many emails is throttled too (its 20 failures written directly:
        # 20 Argon2 checks would only make the test slow).
        with pytest.raises(UnauthorizedError):
            accounts.sign_in("first@example.org", "wrong password", "10.0.0.9")
        with hub.store.write() as session:
            for _ in range(19):
                account_repo.add_failure(session=session, key_sha256=digest("address:10.0.0.9"),
                                         now=utcnow())
        accounts.add("b@example.org", PASSWORD, "analyst", Scope("hub"))
        with pytest.raises(ThrottledError):
            accounts.sign_in("b@example.org", PASSWORD, "10.0.0.9")
        assert accounts.sign_in("b@example.org", PASSWORD, "10.0.0.10").account.email
