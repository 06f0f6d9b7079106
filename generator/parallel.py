"""Work for the second core: files checked and pages rendered in another process.

:func:`map_forked` runs the second half of a list of independent, pure calls
(reading or checking one content file each) in a process forked from this
one, which has everything it needs without copying it; only the results come
back. If that process fails, this one does its half too, so results and
errors are the same as in one process.

MkDocs converts one page after another on one core. A build hands the
rendering of its generated Markdown (Jinja, ~2 ms a page) to a process forked
from itself once the catalog is built, so that process has the catalog
without copying it; pages come back through a pipe in the order MkDocs reads
them, and at most ``AHEAD`` wait in memory. Whatever the other process does
not deliver (it failed on a page, or stopped) is rendered here instead, so
the site and its errors are the same as when everything runs in one process.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import gc
import multiprocessing
import multiprocessing.process
import os
import signal
import sys
import threading
from collections.abc import Callable, Mapping, Sequence
from multiprocessing.connection import Connection
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

#: Fewer items than this are done here: starting a process costs more (~20 ms).
MIN_ITEMS = 256

#: Rendered pages waiting for MkDocs at most (a page is ~10 KB).
AHEAD = 512
#: Fewer pages than this are rendered here: starting a process costs more.
MIN_PAGES = 64


def _flush() -> None:
    """Empty this process's output buffers before forking: the other process would write them again when it ends."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (AttributeError, OSError, ValueError):
            pass


def _start(process: multiprocessing.process.BaseProcess) -> None:
    """Fork ``process``. The objects that exist now are frozen for the garbage collector first: a collection
    in the other process would otherwise write to every object and so copy all the memory both share."""
    _flush()
    gc.freeze()
    try:
        process.start()
    finally:
        gc.unfreeze()


def _quiet_on_signals() -> None:
    """In a forked process: Ctrl-C and SIGTERM end it at once, without the Python exception the command's own
    handlers turn into cleanup (katalog.cli.main) and multiprocessing would print as a traceback; the first
    process cleans up and reports."""
    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, signal.SIG_DFL)


def _render_in_order(plan: Mapping[str, Callable[[], str]], order: Sequence[str], conn: Connection,
                     then: Callable[[], object] | None = None, then_at: int | None = None) -> None:
    """The other process: render ``order`` and send ``(uri, text)``, text None when rendering failed; with ``then``,
    before the item at ``then_at`` (after the last when None), run it and send ``(None, whether it succeeded)``; at
    the end None."""
    _quiet_on_signals()
    at = len(order) if then_at is None else min(then_at, len(order))

    def run_then() -> None:
        if then is not None:
            try:
                then()
                done = True
            except Exception:  # done again in the building process, which reports it
                done = False
            conn.send((None, done))

    try:
        for index, uri in enumerate(order):
            if index == at:
                run_then()
            try:
                text: str | None = plan[uri]()
            except Exception:  # rendered again in the building process, which reports it
                text = None
            conn.send((uri, text))
        if at == len(order):
            run_then()
        conn.send(None)
    except OSError:  # the building process has gone
        pass
    finally:
        conn.close()


class PageStream:
    """Pages of ``plan`` rendered by a forked process in ``order``; :meth:`take` hands each over. ``then``: more work
    for that process (while this one goes on), done before the item at ``then_at`` of ``order`` (after the last when
    None), which :meth:`then_done` tells of."""

    def __init__(self, plan: Mapping[str, Callable[[], str]], order: Sequence[str], ahead: int = AHEAD,
                 then: Callable[[], object] | None = None, then_at: int | None = None) -> None:
        self._plan = plan
        self._ahead = ahead
        self._ready: dict[str, str | None] = {}
        self._arrived: set[str] = set()
        self._wanted: str | None = None
        self._ended = False
        self._then_done = False
        self._lock = threading.Condition()
        context = multiprocessing.get_context("fork")
        self._conn, sender = context.Pipe(duplex=False)
        self._process = context.Process(target=_render_in_order, args=(plan, list(order), sender, then, then_at),
                                        daemon=True)
        _start(self._process)
        sender.close()
        self._receiver = threading.Thread(target=self._receive, daemon=True)
        self._receiver.start()

    def _receive(self) -> None:
        while True:
            try:
                item: Any = self._conn.recv()
            except Exception:  # the process ended, or sent what cannot be read: the pages still to come are made here
                item = None
            with self._lock:
                if item is None:
                    self._ended = True
                    self._lock.notify_all()
                    break
                uri, text = item
                if uri is None:  # the result of ``then``
                    self._then_done = text is True
                    continue
                self._ready[uri] = text
                self._arrived.add(uri)
                self._lock.notify_all()
                # Wait while enough pages are ready, unless MkDocs waits for one not yet among them.
                self._lock.wait_for(lambda: len(self._ready) < self._ahead or self._ended or (
                    self._wanted is not None and self._wanted not in self._ready))

    def then_done(self) -> bool:
        """Wait for the other process's ``then`` (the pages have all been taken); whether it succeeded. False when it
        failed or the process ended without it: the caller does that work itself, and the other process has been
        stopped, so that the two never do it at the same time."""
        with self._lock:
            self._ended = True  # nothing more is taken: the receiver reads on without waiting for room
            self._ready.clear()
            self._lock.notify_all()
        self._receiver.join()
        if not self._then_done and self._process.is_alive():
            self._process.terminate()
            self._process.join(timeout=10)
        return self._then_done

    def take(self, uri: str) -> str:
        """The page at ``uri``: from the other process when it rendered it, else rendered here."""
        with self._lock:
            if uri not in self._arrived:
                self._wanted = uri
                self._lock.notify_all()
                self._lock.wait_for(lambda: uri in self._arrived or self._ended)
                self._wanted = None
            text = self._ready.pop(uri, None)
            self._lock.notify_all()
        return text if text is not None else self._plan[uri]()

    def close(self) -> None:
        """Stop the other process (when the build ended early) and release the pipe."""
        with self._lock:
            self._ended = True
            self._ready.clear()
            self._lock.notify_all()
        if self._process.is_alive():
            self._process.terminate()
        self._process.join(timeout=10)
        self._receiver.join(timeout=10)  # it stops at the end of the pipe
        self._conn.close()


def _run_and_send(call: Callable[[], Any], conn: Connection) -> None:
    """The other process of :func:`start_forked`: send ``(call(),)``, or None when it failed."""
    _quiet_on_signals()
    try:
        result: tuple[Any] | None = (call(),)
    except BaseException:  # done again in the first process, which reports it
        result = None
    try:
        conn.send(result)
    except OSError:
        pass
    finally:
        conn.close()


def forking_helps(count: int, least: int = MIN_ITEMS) -> bool:
    """Whether ``count`` items are worth a second process here: enough of them, two cores, and no other thread
    (a thread's locks are not safe to fork: ``katalog serve`` checks in one process)."""
    return count >= least and (os.cpu_count() or 1) > 1 and threading.active_count() == 1


def start_forked(call: Callable[[], R]) -> Callable[[], R]:
    """Start ``call()`` in a process forked from this one now; the call returned waits for its result. If the fork
    or that process fails, the result is computed here when it is asked for, so results and errors are the same as
    in one process. The caller decides whether forking helps (:func:`forking_helps`)."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_run_and_send, args=(call, sender), daemon=True)
    try:
        _start(process)
    except OSError:
        receiver.close()
        sender.close()
        return call
    sender.close()

    def result() -> R:
        try:
            sent = receiver.recv()
        except (EOFError, OSError):
            sent = None
        finally:
            receiver.close()
            process.join(timeout=10)
            if process.is_alive():
                process.terminate()
                process.join()
        return sent[0] if sent is not None else call()

    return result


def map_forked(fn: Callable[[T], R], items: Sequence[T], least: int = MIN_ITEMS) -> list[R]:
    """``[fn(item) for item in items]``, the second half computed by a forked process at the same time."""
    if not forking_helps(len(items), least):
        return [fn(item) for item in items]
    half = len(items) // 2
    second = start_forked(lambda: [fn(item) for item in items[half:]])
    try:
        first = [fn(item) for item in items[:half]]
    finally:
        rest = second()  # collected even when this half failed: the other process is never left behind
    return first + rest


#: Pages written between two returns of freed memory to the system (:func:`release_memory`).
RELEASE_EVERY = 1000


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
    except (OSError, AttributeError):  # not glibc
        return None


def release_memory() -> None:
    """Give memory Python has freed back to the system (glibc keeps it otherwise), so that what runs beside
    this process (Pagefind writing its index) has it."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)
