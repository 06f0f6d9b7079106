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

A large catalog is indexed in bundles (:class:`BundledIndex`) that the search
script merges in the browser; ``pagefind/bagian.json`` lists them.
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
#: Seconds the build waits for one answer of Pagefind (the longest is writing a bundle: seconds) before it gives up:
#: a Pagefind that stops answering must not hold a build, or a CI runner, forever.
ANSWER_TIMEOUT = 600.0


#: Pages in one search bundle at most. Pagefind holds every page of an index in memory and about four times as much
#: while it writes the index: 1.9 GiB for 10,000 innovation pages, 370 MiB for 2,000 (docs/benchmarks.md).
BUNDLE_PAGES = 2000
#: Beside the first bundle (``pagefind/``): the folders of the others, relative to it, for the search script.
BUNDLES_FILE = "bagian.json"


class SearchIndexError(Exception):
    """Pagefind could not index the site."""


def index_site(site_dir: Path) -> None:
    """Write the Pagefind index of a built site folder into ``site_dir/pagefind/`` (one bundle)."""
    cmd = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--root-selector", ROOT_SELECTOR, "--silent"]
    result = subprocess.run(cmd, check=False, capture_output=True, text=True)
    if result.returncode != 0:
        raise SearchIndexError(f"Pagefind gagal membuat indeks pencarian: {(result.stderr or result.stdout).strip()[-500:]}")
    write_bundle_list(site_dir / "pagefind", 1)


def bundle_folder(number: int) -> str:
    """Where bundle ``number`` (from 1) is, relative to the first bundle's folder (``pagefind/``)."""
    return "" if number == 1 else f"bagian-{number}/"


def write_bundle_list(index_dir: Path, bundles: int) -> None:
    """``pagefind/bagian.json``: the bundles after the first, which the search script merges into it."""
    listed = [bundle_folder(number) for number in range(2, bundles + 1)]
    (index_dir / BUNDLES_FILE).write_text(json.dumps({"bagian": listed}) + "\n", encoding="utf-8")


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
            answered = self._done.wait_for(lambda: ident in self._answers or self._closed, timeout=ANSWER_TIMEOUT)
            answer = self._answers.pop(ident, None)
        if not answered:
            self._proc.kill()
            raise SearchIndexError(f"Pagefind tidak menjawab dalam {ANSWER_TIMEOUT:g} detik saat membuat indeks pencarian")
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


class BundledIndex:
    """The site's search index from pages handed over one at a time, in bundles of at most ``per_bundle`` pages.

    Each bundle has a Pagefind service of its own (:class:`PageIndexer`). When a bundle is full it is written while
    the next one fills, one bundle written at a time, and its service ends: Pagefind's memory is that of a bundle
    or two whatever the size of the catalog. docs_overrides/assets/cari.js merges the bundles that
    ``pagefind/bagian.json`` lists (:func:`write_bundle_list`); a catalog of up to ``per_bundle`` pages has one.
    ``expected`` (the pages the build will hand over) evens the bundles out: 2,001 pages make two of 1,001 and
    1,000, not 2,000 and 1.
    """

    def __init__(self, index_dir: Path, expected: int = 0, per_bundle: int | None = None) -> None:
        self._index_dir = index_dir
        per_bundle = per_bundle or BUNDLE_PAGES
        bundles = max(1, -(-expected // per_bundle))
        self._per_bundle = max(1, -(-expected // bundles)) if expected > per_bundle else per_bundle
        self._filling: PageIndexer | None = None
        self._in_bundle = 0
        self._bundles = 0
        self._pages = 0
        self._all: list[PageIndexer] = []
        self._writers: list[threading.Thread] = []
        self._failures: list[BaseException] = []

    def add(self, url: str, document: str) -> None:
        """Send a page (see :meth:`PageIndexer.add`)."""
        if self._filling is None:
            self._filling = PageIndexer()
            self._all.append(self._filling)
            self._bundles += 1
            self._in_bundle = 0
        self._filling.add(url, document)
        self._in_bundle += 1
        self._pages += 1
        if self._in_bundle >= self._per_bundle:
            self._write_filling()

    def start_writing(self) -> None:
        """Every page has been sent: the last bundle is written while this process goes on (see :meth:`finish`)."""
        if self._filling is not None:
            self._write_filling()

    def _write_filling(self) -> None:
        indexer, self._filling = self._filling, None
        assert indexer is not None
        before = self._writers[-1] if self._writers else None
        target = self._index_dir / bundle_folder(self._bundles)
        writer = threading.Thread(target=self._write, args=(indexer, target, before), daemon=True)
        self._writers.append(writer)
        writer.start()

    def _write(self, indexer: PageIndexer, target: Path, before: threading.Thread | None) -> None:
        if before is not None:
            before.join()  # one bundle written at a time: memory
        try:
            indexer.finish(target)
        except BaseException as exc:  # reported by finish(), in the build's thread
            self._failures.append(exc)

    def finish(self) -> int:
        """Wait until every bundle is written, list them for the search script; returns the pages indexed."""
        self.start_writing()
        for writer in self._writers:
            writer.join()
        if self._failures:
            raise self._failures[0]
        write_bundle_list(self._index_dir, self._bundles)
        return self._pages

    def close(self) -> None:
        """Stop every service (when the build failed; :meth:`finish` stops them as it goes)."""
        for indexer in self._all:
            indexer.close()
