"""The cyclic collector is paused while bulk work runs and comes back exactly when the last
overlapping job ends (uploads overlap in one hub process, a thread each)."""

import gc
import threading

from cfpm_coach import collector


def test_the_collector_comes_back_when_the_last_overlapping_job_ends() -> None:
    assert gc.isenabled()
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
    gc.disable()
    try:
        with collector.paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
