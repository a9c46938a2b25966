"""The laptop never sends its enrollment token in clear: https:// always, http:// only to itself."""

import string
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from cfpm_coach.cli import main
from cfpm_coach.errors import InvalidInputError
from cfpm_coach.services.sync import RECIPIENT_KEY, SETTINGS_KEY, SyncSettings
from cfpm_coach.services.workspace import Workspace
from cfpm_coach.sync.hub_address import check_hub_url
from cfpm_coach.sync.transports import HttpTransport
from tests.sync.conftest import Team


@pytest.fixture
def laptop(tmp_path: Path) -> Iterator[Workspace]:
    """A laptop's store; no records needed to check where they would go."""
    with Workspace.open(tmp_path / "laptop") as ws:
        yield ws

# What a county's intranet hub or a careless copy-paste looks like: all carry the token in clear.
IN_CLEAR = ["http://10.0.0.5", "http://10.0.0.5:8765/", "HTTP://hub.county.example",
            "http://hub.county.example", "http://192.168.1.20:8765", "http://[fe80::1]:8765",
            "http://127.0.0.1.nip.io", "http://localhost.evil.example", "http://0.0.0.0:8765",
            "http://[::ffff:10.0.0.5]"]
# Not web addresses at all, or ones that hide where they go.
NOT_AN_ADDRESS = ["hub.county.example", "ftp://hub.example", "https://", "http://", "https:///x",
                  "https://hub.example:99999", "https://hub.example:port", "//hub.example",
                  "https://hub.exa mple", "javascript:alert(1)",
                  "https://hub.ex\tample",
                  # A host hidden behind user info or a backslash, which parsers read apart:
                  "http://127.0.0.1@10.0.0.5:8765", "http://10.0.0.5\\@127.0.0.1",
                  "http://user:pw@localhost"]
FINE = ["https://hub.county.example", "https://10.0.0.5:8443/", "HTTPS://HUB.example",
        "http://127.0.0.1:8765", "http://127.8.9.10", "http://localhost:8765/",
        "http://LOCALHOST", "http://[::1]:8765", "http://[::ffff:127.0.0.1]:8765"]


@pytest.mark.parametrize("url", IN_CLEAR)
def test_an_http_address_to_another_computer_is_refused_and_nothing_is_saved(
        laptop: Workspace, team: Team, url: str) -> None:
    before = laptop.profile.setting(SETTINGS_KEY, None)
    with pytest.raises(InvalidInputError, match="Hub address") as refused:
        laptop.sync.save_settings(SyncSettings(hub_url=url, token="t0ken",
                                               recipient=team.recipient))
    assert "token" in str(refused.value) and "https://" in str(refused.value)
    assert laptop.profile.setting(SETTINGS_KEY, None) == before
    assert laptop.sync.settings().hub_url == ""


@pytest.mark.parametrize("url", NOT_AN_ADDRESS)
def test_something_that_is_not_a_hub_address_is_refused_with_a_sentence(
        laptop: Workspace, team: Team, url: str) -> None:
    with pytest.raises(InvalidInputError, match=r"^Hub address: "):
        laptop.sync.save_settings(SyncSettings(hub_url=url, token="t0ken",
                                               recipient=team.recipient))
    assert laptop.sync.settings().hub_url == ""


@pytest.mark.parametrize("url", FINE)
def test_https_anywhere_and_http_to_this_computer_are_saved(
        laptop: Workspace, team: Team, url: str) -> None:
    saved = laptop.sync.save_settings(SyncSettings(hub_url=url, token="t0ken",
                                                   recipient=team.recipient))
    assert saved.hub_url == url.strip().rstrip("/") and saved.mode == "hub"
    assert laptop.sync.settings().hub_url == saved.hub_url


def test_an_http_address_saved_by_an_older_version_never_gets_the_token(
        laptop: Workspace, team: Team) -> None:
    """Settings saved before this check: sync refuses to connect rather than send in clear."""
    laptop.profile.set_setting(SETTINGS_KEY, {"hub_url": "http://10.0.0.5:8765",
                                              "token": "t0ken"})
    laptop.profile.set_setting(RECIPIENT_KEY, team.recipient)
    assert laptop.sync.settings().mode == "hub"
    with pytest.raises(InvalidInputError, match=r"Hub address: .*Sync settings"):
        laptop.sync.sync_now()
    # The transport itself checks too, with the parser it connects with.
    with pytest.raises(InvalidInputError, match="Hub address"):
        HttpTransport("http://10.0.0.5:8765", "t0ken")
    assert laptop.sync.outbox.pending() == []


@pytest.mark.parametrize("url", ["http://10.0.0.5", "http://192.168.1.20:8765/"])
def test_the_cli_refuses_an_http_hub_address_with_the_reason(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, team: Team, url: str) -> None:
    data = str(tmp_path / "cli-laptop")
    code = main(["sync", "setup", "--data-dir", data, "--hub-url", url, "--token", "t0ken",
                 "--team-key", team.recipient])
    _out, err = capsys.readouterr()
    assert code != 0
    assert "Hub address" in err and "https://" in err and "token" in err, err
    assert main(["sync", "status", "--data-dir", data]) == 0
    assert "not set up" in capsys.readouterr().out
    code = main(["sync", "setup", "--data-dir", data, "--hub-url", "https://10.0.0.5:8443",
                 "--token", "t0ken", "--team-key", team.recipient])
    assert code == 0 and "https://10.0.0.5:8443 (hub)" in capsys.readouterr().out


_URL_CHARS = string.ascii_letters + string.digits + ":/.@[]%\\?#-_~ \t\n\x00"


@given(st.one_of(
    st.text(alphabet=_URL_CHARS, max_size=40),
    st.builds(lambda scheme, rest: scheme + rest,
              st.sampled_from(["http://", "https://", "HTTP://", "http:/", "http:\\\\"]),
              st.text(alphabet=_URL_CHARS, max_size=40)),
))
def test_whatever_is_typed_only_a_private_address_passes(url: str) -> None:
    """Accepted means httpx, which connects, sees https or a loopback host: no token in clear."""
    try:
        clean = check_hub_url(url)
    except InvalidInputError as refused:
        assert str(refused).startswith("Hub address: ")
        return
    parsed = httpx.URL(clean)
    assert parsed.scheme == "https" or (
        parsed.scheme == "http" and (parsed.host in {"localhost", "::1"}
                                     or parsed.host.startswith("127.")
                                     or parsed.host.startswith("::ffff:127.")))
