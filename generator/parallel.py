"""Work for the second core: pages rendered in another process while MkDocs reads them.

MkDocs converts one page after another on one core. A build hands the
rendering of its generated Markdown (Jinja, ~2 ms a page) to a process forked
from itself once the catalog is built, so that process has the catalog
without copying it; pages come back through a pipe in the order MkDocs reads
them, and at most ``AHEAD`` wait in memory. Whatever the other process does
not deliver (it failed on a page, or stopped) is rendered here instead, so
the site and its errors are the same as when everything runs in one process.
"""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Callable, Mapping, Sequence
from multiprocessing.connection import Connection
from typing import Any

#: Rendered pages waiting for MkDocs at most (a page is ~10 KB).
AHEAD = 512
#: Fewer pages than this are rendered here: starting a process costs more.
MIN_PAGES = 64


def _render_in_order(plan: Mapping[str, Callable[[], str]], order: Sequence[str], conn: Connection) -> None:
    """The other process: render ``order`` and send ``(uri, text)``; text None when rendering failed."""
    try:
        for uri in order:
            try:
                text: str | None = plan[uri]()
            except Exception:  # rendered again in the building process, which reports it
                text = None
            conn.send((uri, text))
        conn.send(None)
    except OSError:  # the building process has gone
        pass
    finally:
        conn.close()


class PageStream:
    """Pages of ``plan`` rendered by a forked process in ``order``; :meth:`take` hands each over."""

    def __init__(self, plan: Mapping[str, Callable[[], str]], order: Sequence[str], ahead: int = AHEAD) -> None:
        self._plan = plan
        self._ahead = ahead
        self._ready: dict[str, str | None] = {}
        self._arrived: set[str] = set()
        self._wanted: str | None = None
        self._ended = False
        self._lock = threading.Condition()
        context = multiprocessing.get_context("fork")
        self._conn, sender = context.Pipe(duplex=False)
        self._process = context.Process(target=_render_in_order, args=(plan, list(order), sender), daemon=True)
        self._process.start()
        sender.close()
        self._receiver = threading.Thread(target=self._receive, daemon=True)
        self._receiver.start()

    def _receive(self) -> None:
        while True:
            try:
                item: Any = self._conn.recv()
            except (EOFError, OSError):
                item = None
            with self._lock:
                if item is None:
                    self._ended = True
                    self._lock.notify_all()
                    return
                uri, text = item
                self._ready[uri] = text
                self._arrived.add(uri)
                self._lock.notify_all()
                # Wait while enough pages are ready, unless MkDocs waits for one not yet among them.
                self._lock.wait_for(lambda: len(self._ready) < self._ahead or self._ended or (
                    self._wanted is not None and self._wanted not in self._ready))

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
