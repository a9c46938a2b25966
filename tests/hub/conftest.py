"""A hub on SQLite and on a throwaway PostgreSQL, served for real over HTTP on loopback."""

import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from cfpm_coach.hub.service import Hub
from cfpm_coach.services.sync import SyncSettings
from cfpm_coach.services.workspace import Workspace
from tests import throwaway_postgres
from tests.ports import reserve_port

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[throwaway_postgres.Cluster]:
    """One PostgreSQL server for the whole run; each test gets its own database in it."""
    cluster = throwaway_postgres.start()
    yield cluster
    cluster.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest) -> str | None:
    """None (the hub's own SQLite file) or a fresh PostgreSQL database."""
    if request.param == "sqlite":
        return None
    cluster: throwaway_postgres.Cluster = request.getfixturevalue("pg_cluster")
    return cluster.create_database()


@dataclass
class HubSetup:
    """An initialised hub folder and what `hub init` printed once."""

    folder: Path
    recipient: str
    team_token: str


@pytest.fixture
def hub_setup(tmp_path: Path, database_url: str | None) -> HubSetup:
    hub, recipient, token = Hub.init(tmp_path / "hub", database_url,
                                     max_bundle_bytes=2 * 1024 * 1024)
    hub.close()
    return HubSetup(tmp_path / "hub", recipient, token)


@pytest.fixture
def hub(hub_setup: HubSetup) -> Iterator[Hub]:
    """The hub opened in this process (to enroll devices and look at what it stored)."""
    opened = Hub.open(hub_setup.folder)
    yield opened
    opened.close()


def free_port() -> int:
    """A loopback port for a hub, held for this run so no parallel test is given it too."""
    return reserve_port()


class ServedHub:
    """`cfpm-coach hub serve` as a real child process."""

    def __init__(self, folder: Path, port: int, extra: Sequence[str] = (),
                 preexec_fn: Callable[[], None] | None = None) -> None:
        self.folder, self.port = folder, port
        self.extra, self.preexec_fn = list(extra), preexec_fn
        self.url = f"http://127.0.0.1:{port}"
        self.process: subprocess.Popen[bytes] | None = None

    # Generous: the deadline is there to fail a hub that never comes up, not to time its start,
    # and under pytest-xdist on a busy 2-core machine the import alone can take half a minute.
    def start(self, within: float = 120) -> "ServedHub":
        self.process = subprocess.Popen(
            [sys.executable, "-m", "cfpm_coach", "hub", "serve", "--data-dir", str(self.folder),
             "--port", str(self.port), *self.extra],
            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            preexec_fn=self.preexec_fn,
            env={**os.environ, "PYTHONUNBUFFERED": "1"})
        deadline = time.monotonic() + within
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"hub exited: {self.process.stderr.read()!r}")  # type: ignore[union-attr]
            try:
                if httpx.get(f"{self.url}/healthz", timeout=1).status_code == 200:
                    return self
            except httpx.HTTPError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"hub did not answer /healthz within {within} s")

    def kill(self) -> None:
        """SIGKILL: no clean shutdown."""
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
        if self.process and self.process.stderr:
            self.process.stderr.close()


@pytest.fixture
def served(hub_setup: HubSetup) -> Iterator[ServedHub]:
    server = ServedHub(hub_setup.folder, free_port()).start()
    yield server
    server.stop()


@pytest.fixture
def laptop(tmp_path: Path) -> Iterator[Workspace]:
    """A coach's laptop with a few months of demo data."""
    ws = Workspace.open(tmp_path / "laptop")
    ws.demo.generate(workers=4, months=2, seed=5)
    yield ws
    ws.close()


def enroll(hub: Hub, laptop: Workspace, hub_setup: HubSetup, url: str, name: str = "Coach A"
           ) -> str:
    """Enroll the laptop at the hub and point its sync settings there; returns its token."""
    token = hub.enroll(laptop.exchange.device_public_key(), name, laptop.author.device_id).token
    laptop.sync.save_settings(SyncSettings(hub_url=url, token=token,
                                           recipient=hub_setup.recipient))
    return token
