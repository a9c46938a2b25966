"""The cyclic collector is paused while bulk work runs and comes back exactly when the last
overlapping job ends (uploads overlap in one hub process, a thread each)."""

import gc
import subprocess
import sys
import threading
from collections.abc import Iterator

import pytest

from cfpm_coach import collector


@pytest.fixture(autouse=True)
def _collector_as_found() -> Iterator[None]:
    """Start from an automatic collector and leave it as found: a Qt test earlier in this
    process switched it off for good (ui/runtime/gc_guard.py collects on the GUI thread), and turning it
    back on let a later UI test's worker thread destroy Qt objects (a segfault in CI)."""
    found = gc.isenabled()
    gc.enable()
    yield
    if not found:
        gc.disable()


def test_the_collector_comes_back_when_the_last_overlapping_job_ends() -> None:
    entered, release = threading.Event(), threading.Event()

    def other_upload() -> None:
        with collector.paused():
            entered.set()
            release.wait(10)

    worker = threading.Thread(target=other_upload)
    worker.start()
    assert entered.wait(10)
    with collector.paused():
        assert not gc.isenabled()
    assert not gc.isenabled()  # the other upload is still merging
    release.set()
    worker.join(10)
    assert gc.isenabled()


def test_the_collector_comes_back_after_a_failure() -> None:
    try:
        with collector.paused():
            raise ValueError("a refused bundle")
    except ValueError:
        pass
    assert gc.isenabled()


def test_a_collector_switched_off_by_the_embedder_stays_off() -> None:
    gc.disable()  # as the desktop app does (ui/runtime/gc_guard.py); the fixture restores it
    with collector.paused():
        pass
    assert not gc.isenabled()


def test_modules_load_with_the_collector_paused_and_are_frozen_after() -> None:
    assert gc.isenabled()
    frozen = gc.get_freeze_count()
    with collector.loading_modules():
        assert not gc.isenabled()
        made = [[n] for n in range(1_000)]  # what an import leaves behind
    assert gc.isenabled()
    assert gc.get_freeze_count() >= frozen + len(made)
    gc.unfreeze()  # the rest of this test run collects as usual


def test_starting_the_window_runs_almost_no_collection() -> None:
    """Loading the back end and every window module ran ~200 collections (~140 ms of CPU)."""
    code = ("import gc; runs = []; gc.callbacks.append(lambda phase, info: runs.append(phase)); "
            "import cfpm_coach.cli, cfpm_coach.ui.shell.app; print(runs.count('start'))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert int(result.stdout) <= 20
