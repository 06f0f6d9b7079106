"""generator/parallel.py: work done by a forked process gives the same results and errors as in one process."""

from __future__ import annotations

import multiprocessing
import os

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
