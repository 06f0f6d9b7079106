"""Site search: Pagefind indexes the built pages in small chunks.

Measured on this catalog (see docs/benchmarks.md): Material's built-in search
ships one lunr index that grows with the catalog and has no Indonesian
stemmer. Pagefind stems Indonesian (Snowball) on both the index and the
query, so "layanan" finds "pelayanan", and a browser downloads only the index
chunks a query needs.

Two ways in, one index:

- :class:`PageIndexer` (``katalog build``, ``mkdocs build``): Pagefind's indexing
  service is handed each page's converted content while MkDocs reads the
  pages, and writes the index while MkDocs writes the site, so the index is
  built on the second core and nothing is read back from disk. What is sent
  is what the crawl below would index (:func:`indexed_document`).
- :func:`index_site` (``katalog serve``, other engines): Pagefind crawls a
  built site folder.
"""

from __future__ import annotations

import base64
import json
import os
import queue
import subprocess
import sys
import threading
from pathlib import Path
from typing import IO, Any

#: The part of a page that is indexed: the article, not the header, tabs and footer every page repeats.
ROOT_SELECTOR = "article.md-content__inner"
#: Pages the theme (docs_overrides/main.html) marks for the index carry this attribute.
BODY_MARK = "data-pagefind-body"
#: Messages (pages) waiting to be written to Pagefind at most; beyond that the build waits for it.
OUTBOX = 4096


class SearchIndexError(Exception):
    """Pagefind could not index the site."""


def index_site(site_dir: Path) -> None:
    """Write the Pagefind index of a built site folder into ``site_dir/pagefind/``."""
    cmd = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--root-selector", ROOT_SELECTOR, "--silent"]
    result = subprocess.run(cmd, check=False, capture_output=True, text=True)
    if result.returncode != 0:
        raise SearchIndexError(f"Pagefind gagal membuat indeks pencarian: {(result.stderr or result.stdout).strip()[-500:]}")


#: What the theme wraps a page's content in for the index, by the page's ``ki_cari`` (front matter written by
#: generator/pages.py): docs_overrides/main.html marks innovations with ``data-pagefind-body`` and hand-written
#: pages at half weight; other pages are not indexed. tests/test_search_index.py checks that the index built
#: from these equals Pagefind's crawl of the built site.
BODY_ATTRIBUTES = {"inovasi": BODY_MARK, "halaman": f'{BODY_MARK} data-pagefind-weight="0.5"'}


def indexed_document(content_html: str, kind: object, title: str, lang: str = "id") -> str | None:
    """The part of a page the index reads, from its converted content: what Material's article holds
    (its heading when the content has none, then the content) inside the theme's search body; None when
    the page is not indexed."""
    attributes = BODY_ATTRIBUTES.get(kind) if isinstance(kind, str) else None
    if attributes is None:
        return None
    heading = "" if "<h1" in content_html else f"<h1>{title}</h1>"
    return (f'<!doctype html><html lang="{lang}"><body><article class="md-content__inner md-typeset">'
            f"<div {attributes}>{heading}{content_html}</div></article></body></html>")


def _executable() -> str:
    """The Pagefind binary: ``PAGEFIND_BINARY_PATH`` as Pagefind's own wrapper reads it, else the pinned pagefind_bin
    package's. pagefind_bin is asked directly: the wrapper's module imports asyncio, a twentieth of a small build."""
    chosen = os.environ.get("PAGEFIND_BINARY_PATH")
    if chosen:
        return chosen
    try:
        from pagefind_bin import get_executable

        return str(get_executable())
    except (ImportError, OSError) as exc:
        raise SearchIndexError("Pagefind tidak ditemukan; jalankan 'make install'") from exc


class PageIndexer:
    """Pagefind's indexing service (``pagefind --service``), fed one page at a time.

    The protocol is the one Pagefind's own Python and Node wrappers speak: each
    message is base64 of a JSON object followed by a comma, on stdin; answers
    come the same way on stdout, with the message's id. The Python wrapper reads
    at most ten answers a second, so it is not used: 10,000 pages would take
    over fifteen minutes. Here a thread reads every answer as it comes.
    """

    def __init__(self) -> None:
        self._proc = subprocess.Popen([_executable(), "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                      stderr=subprocess.PIPE)
        self._next = 0
        self._answers: dict[int, dict[str, Any]] = {}
        self._errors: list[str] = []
        self._done = threading.Condition()
        self._closed = False
        self._reader = threading.Thread(target=self._read, args=(self._proc.stdout,), daemon=True)
        self._reader.start()
        #: Messages waiting for the service (at most OUTBOX: ~50 MB of pages when it falls behind).
        self._outbox: queue.Queue[bytes | None] = queue.Queue(OUTBOX)
        self._broken = False
        self._writer = threading.Thread(target=self._write, args=(self._proc.stdin,), daemon=True)
        self._writer.start()
        self._pages = 0
        self._last = 0
        self._writing: int | None = None
        answer = self._ask({"type": "NewIndex", "config": {"root_selector": ROOT_SELECTOR}})
        self._index = int(answer["index_id"])

    def _read(self, stream: IO[bytes]) -> None:
        buffer = b""
        while chunk := stream.read1(1 << 16):  # type: ignore[attr-defined]
            buffer += chunk
            *messages, buffer = buffer.split(b",")
            for message in messages:
                self._receive(message)
        with self._done:
            self._closed = True
            self._done.notify_all()

    def _receive(self, message: bytes) -> None:
        try:
            answer = json.loads(base64.b64decode(message))
        except ValueError:
            return  # not an answer (a log line): answers are base64 of JSON
        payload = answer.get("payload") or {}
        with self._done:
            if payload.get("type") == "Error":
                self._errors.append(str(payload.get("message", ""))[:300])
            if isinstance(answer.get("message_id"), int):
                self._answers[answer["message_id"]] = payload
            self._done.notify_all()

    def _write(self, stream: IO[bytes]) -> None:
        """The writing thread: messages go to the service as it takes them, so the build never waits on the pipe."""
        try:
            while (message := self._outbox.get()) is not None:
                stream.write(message)
                if self._outbox.empty():
                    stream.flush()
            stream.flush()
        except (BrokenPipeError, OSError, ValueError):
            self._broken = True
            while self._outbox.get() is not None:  # let the build go on; the failure is reported when it waits
                continue

    def _send(self, payload: dict[str, Any]) -> int:
        if self._broken:
            raise SearchIndexError(f"Pagefind berhenti saat membuat indeks pencarian{self._stderr()}")
        self._next += 1
        self._outbox.put(base64.b64encode(json.dumps({"message_id": self._next, "payload": payload}).encode("utf-8")) + b",")
        return self._next

    def _wait(self, ident: int) -> dict[str, Any]:
        with self._done:
            self._done.wait_for(lambda: ident in self._answers or self._closed)
            answer = self._answers.pop(ident, None)
        if answer is None:
            raise SearchIndexError(f"Pagefind berhenti saat membuat indeks pencarian{self._stderr()}")
        if answer.get("type") == "Error":
            raise SearchIndexError(f"Pagefind gagal membuat indeks pencarian: {answer.get('message', '')}"[:500])
        return answer

    def _ask(self, payload: dict[str, Any]) -> dict[str, Any]:
        return self._wait(self._send(payload))

    def _stderr(self) -> str:
        if self._proc.poll() is None or self._proc.stderr is None:
            return ""
        said = self._proc.stderr.read().decode("utf-8", "replace").strip()
        return f": {said[-300:]}" if said else ""

    def add(self, url: str, document: str) -> None:
        """Send a page (its URL from the site root, e.g. ``/inovasi/slug/``; see :func:`indexed_document`)."""
        self._last = self._send({"type": "AddFile", "index_id": self._index, "url": url, "file_contents": document,
                                 "file_path": None})
        self._pages += 1

    def start_writing(self, output: Path) -> None:
        """Have the service write the index into ``output`` (the site's ``pagefind/``) once it has every page
        sent so far; it does so while this process goes on (see :meth:`finish`)."""
        if self._writing is None:
            if self._last:
                self._wait(self._last)  # every page is in the index before it is written
            self._writing = self._send({"type": "WriteFiles", "index_id": self._index, "output_path": str(output)})

    def finish(self, output: Path) -> int:
        """Wait until the index is written into ``output``, then stop the service; returns the pages indexed."""
        try:
            self.start_writing(output)
            assert self._writing is not None
            self._wait(self._writing)
            if self._errors:
                raise SearchIndexError(f"Pagefind gagal membuat indeks pencarian: {self._errors[0]}")
        finally:
            self.close()
        return self._pages

    def close(self) -> None:
        """Stop the service (after :meth:`write`, or when the build failed)."""
        if self._writer.is_alive():
            try:
                self._outbox.put(None, timeout=10)  # the end of the input: the service exits when it has written
            except queue.Full:
                self._proc.kill()  # it stopped taking pages
            self._writer.join(timeout=10)
        if self._proc.poll() is None:
            try:
                assert self._proc.stdin is not None
                self._proc.stdin.close()  # the service exits at the end of its input
                self._proc.wait(timeout=10)
            except (OSError, subprocess.TimeoutExpired):
                self._proc.kill()
                self._proc.wait()
        self._reader.join(timeout=10)  # it stops at the end of the service's output
        for stream in (self._proc.stdout, self._proc.stderr):
            if stream is not None:
                stream.close()
