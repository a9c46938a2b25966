"""Shared fixtures: every test gets a fresh data folder and a real SQLite file in it."""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from cfpm_coach.paths import DATA_DIR_ENV, resources_dir
from cfpm_coach.services.workspace import Workspace
from cfpm_coach.views.observations import ObservationDetail
from cfpm_coach.views.workers import WorkerView
from tests import fuzzing

fuzzing.load_profile()
INSTRUMENTS_DIR = resources_dir() / "instruments"
# The longest files (`--durations` of a CI run), scheduled first: with `--dist loadfile` a file
# runs whole on one worker, and the Linux build alone is about 5 minutes under load; started
# last, it would be the run's tail while the other workers sit idle.
LONGEST_FIRST = (
    "tests/packaging/test_linux_package.py",
    "tests/services/test_observation_machine.py",
    "tests/hub/test_hub_killed.py",
    "tests/cli/test_passphrase_cli.py",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Put the longest files at the front of the queue xdist hands out (order is otherwise kept)."""
    def rank(item: pytest.Item) -> int:
        path = item.nodeid.split("::", 1)[0]
        return LONGEST_FIRST.index(path) if path in LONGEST_FIRST else len(LONGEST_FIRST)

    items.sort(key=rank)


@pytest.fixture(autouse=True)
def _isolated_default_dir(tmp_path_factory: pytest.TempPathFactory,
                          monkeypatch: pytest.MonkeyPatch) -> None:
    """No test ever touches the real per-user data or config folders."""
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path_factory.mktemp("default-data")))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("config")))


@pytest.fixture(autouse=True)
def _reports_back_in_english() -> Iterator[None]:
    """The reports' language is process-wide (one app, one language): a test that prints in
    Spanish must not leave the next test, on the same xdist worker, printing in Spanish."""
    yield
    from cfpm_coach.reports import texts

    if texts.language() != "en":
        texts.use_language("en")


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """An empty data folder for one test."""
    return tmp_path / "data"


@pytest.fixture
def workspace(data_dir: Path) -> Iterator[Workspace]:
    """A freshly created store."""
    ws = Workspace.open(data_dir)
    yield ws
    ws.close()


@pytest.fixture
def worker(workspace: Workspace) -> WorkerView:
    """One worker."""
    return workspace.workers.add("Ana Reyes", role="Social Worker III", unit="Unit 1",
                                 office="North Valley", county="Sample County")


@pytest.fixture
def draft(workspace: Workspace, worker: WorkerView) -> ObservationDetail:
    """A draft practice observation of that worker."""
    return workspace.observations.start(worker.id, "cpm-practice", "home_visit", instrument_version=1)
