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
