"""Bundles leave by one of the routes in services.sync.ROUTES, chosen once from the settings."""

from pathlib import Path

from cfpm_coach.services.sync import ROUTES, SyncMode, SyncSettings
from cfpm_coach.services.workspace import Workspace
from cfpm_coach.sync import keys
from cfpm_coach.sync.transports import FolderTransport, HttpTransport


def test_every_way_has_a_route_and_the_settings_choose_one(workspace: Workspace,
                                                           tmp_path: Path) -> None:
    assert set(ROUTES) == set(SyncMode)
    recipient = keys.new_team_identity(tmp_path / "team.key")
    hub = SyncSettings(hub_url="https://hub.example.org", token="t0k3n", recipient=recipient)
    folder = SyncSettings(folder=str(tmp_path / "share"), recipient=recipient)
    both = SyncSettings(hub.hub_url, hub.token, folder.folder, recipient)
    cases = [(hub, SyncMode.HUB, hub.hub_url, HttpTransport),
             (folder, SyncMode.FOLDER, folder.folder, FolderTransport),
             (both, SyncMode.HUB, hub.hub_url, HttpTransport)]
    for settings, mode, destination, transport in cases:
        workspace.sync.save_settings(settings)
        status = workspace.sync.status()
        assert (status.mode, status.destination) == (mode, destination)
        assert isinstance(workspace.sync.transport(), transport)
    # A hub address without its token is not a way out; nor is anything without the team key.
    for unset in (SyncSettings(hub_url=hub.hub_url, recipient=recipient),
                  SyncSettings(folder=folder.folder)):
        assert (unset.mode, unset.destination) == (None, "")
