"""generator/parallel.py: work done by a forked process gives the same results and errors as in one process."""

from __future__ import annotations

import multiprocessing
import os
import pickle
import threading
import time
from multiprocessing.connection import Connection

import pytest

from generator import parallel


def test_a_forked_call_runs_in_another_process_and_returns_its_result():
    here = os.getpid()
    assert parallel.start_forked(os.getpid)() != here


def test_a_call_that_fails_in_the_other_process_is_done_here():
    here = os.getpid()

    def only_here() -> str:
        if os.getpid() != here:
            raise RuntimeError("gagal di proses lain")
        return "di sini"

    assert parallel.start_forked(only_here)() == "di sini"
    assert multiprocessing.active_children() == []


def test_a_fork_that_fails_leaves_the_call_to_this_process(monkeypatch):
    def no_fork(process: object) -> None:
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(parallel, "_start", no_fork)
    here = os.getpid()
    assert parallel.start_forked(os.getpid)() == here


def test_map_forked_is_the_list_in_order_and_an_error_in_this_half_leaves_no_process(monkeypatch):
    monkeypatch.setattr(parallel, "forking_helps", lambda count, least=0: True)
    assert parallel.map_forked(lambda n: n * n, list(range(10))) == [n * n for n in range(10)]

    def boom(n: int) -> int:
        if n == 1:
            raise ValueError("butir 1")
        return n

    with pytest.raises(ValueError, match="butir 1"):
        parallel.map_forked(boom, list(range(10)))
    assert multiprocessing.active_children() == []


def test_a_page_stream_hands_over_pages_in_any_order_then_reports_the_work_done_after_them(tmp_path):
    here = os.getpid()
    plan = {f"p{n}": (lambda n=n: f"{n}:{os.getpid() != here}") for n in range(6)}
    mark = tmp_path / "then"

    stream = parallel.PageStream(plan, list(plan), ahead=2, then=lambda: mark.write_text(str(os.getpid())))
    try:
        # Taken out of the order rendered, and with fewer waiting than are rendered: each from the other process.
        assert [stream.take(uri) for uri in ("p1", "p0", "p5", "p2", "p3", "p4")] == [
            "1:True", "0:True", "5:True", "2:True", "3:True", "4:True"]
        assert stream.then_done() and int(mark.read_text()) != here
    finally:
        stream.close()
    assert multiprocessing.active_children() == []


def test_the_work_between_runs_before_the_item_it_is_placed_at(tmp_path):
    """``then_at``: the build publishes the evidence after the pages and before the panels (pages.PANEL_SLOT), while
    MkDocs converts pages and writes nothing yet."""
    mark = tmp_path / "then"
    plan = {f"p{n}": (lambda n=n: f"{n}:{mark.exists()}") for n in range(5)}
    stream = parallel.PageStream(plan, list(plan), then=lambda: mark.write_text("ya"), then_at=3)
    try:
        assert [stream.take(uri) for uri in plan] == ["0:False", "1:False", "2:False", "3:True", "4:True"]
        assert stream.then_done()
    finally:
        stream.close()
    assert multiprocessing.active_children() == []


def test_work_after_the_pages_that_fails_in_the_other_process_is_left_to_this_one():
    here = os.getpid()
    plan = {"a": lambda: "a", "b": lambda: "b" if os.getpid() == here else 1 / 0}

    def only_here() -> None:
        if os.getpid() != here:
            raise OSError(28, "No space left on device")

    stream = parallel.PageStream(plan, list(plan), then=only_here)
    try:
        assert [stream.take("a"), stream.take("b")] == ["a", "b"]  # "b" failed there: rendered here
        assert stream.then_done() is False
    finally:
        stream.close()
    assert multiprocessing.active_children() == []


def test_waiting_for_the_work_after_the_pages_does_not_hang_on_pages_never_taken(tmp_path):
    plan = {f"p{n}": (lambda n=n: str(n)) for n in range(40)}
    mark = tmp_path / "then"
    stream = parallel.PageStream(plan, list(plan), ahead=2, then=lambda: mark.write_text("ya"))
    try:
        assert stream.take("p0") == "0"  # the other 39 are never taken (more than the 2 that may wait)
        assert stream.then_done() and mark.read_text() == "ya"
    finally:
        stream.close()
    assert multiprocessing.active_children() == []


def test_what_cannot_be_received_from_the_other_process_is_made_here(monkeypatch):
    """A message that fails to arrive (a damaged or huge pickle, memory) ends the stream instead of the thread that
    receives it: every page is still handed over (rendered here) and the work after them is left to this process,
    once the other has been stopped; nothing waits forever, and no thread dies with a traceback."""
    def damaged(self: Connection) -> object:
        raise pickle.UnpicklingError("pickle data was truncated")

    died: list[object] = []
    monkeypatch.setattr(Connection, "recv", damaged)
    monkeypatch.setattr(threading, "excepthook", died.append)
    here = os.getpid()
    plan = {f"p{n}": (lambda n=n: f"{n}:{os.getpid() == here}") for n in range(4)}
    stream = parallel.PageStream(plan, list(plan), then=lambda: time.sleep(30))  # still at it when given up on
    got: list[object] = []
    taking = threading.Thread(target=lambda: got.extend([*(stream.take(uri) for uri in plan), stream.then_done()]),
                              daemon=True)
    try:
        taking.start()
        taking.join(20)  # before the fix, take() waited forever
        assert got == ["0:True", "1:True", "2:True", "3:True", False]
        assert multiprocessing.active_children() == []  # stopped: it never does that work beside this process
    finally:
        stream.close()
    assert died == [] and multiprocessing.active_children() == []
