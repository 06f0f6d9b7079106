"""What a visitor downloads from /pagefind/ before the first search result shows.

For each catalog size N: ``katalog sample --count N`` writes a synthetic catalog,
``katalog build`` builds it from the repository root (so mkdocs.yml, the theme
overrides and the Pagefind step are the real ones), the site is served on
loopback the way GitHub Pages serves it (gzip for text files), and headless
Chromium opens the home page, focuses the header search box, types a query and
waits for the first result. The server counts the bytes it sends for every
request under /pagefind/, the page's and its web worker's alike (Chromium does
not report the size of a worker's script to the page). Prints Markdown.

Not a test; run it by hand (10,000 innovations take a few minutes to build)::

    .venv/bin/python bench/search_payload.py               # N = 100 and 10000
    .venv/bin/python bench/search_payload.py 100 1000 --query antrean
"""

from __future__ import annotations

import argparse
import collections
import gzip
import http.server
import mimetypes
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
CHROMIUM = "/usr/lib/chromium/chromium-headless-shell"  # as the tests (tests/conftest.py)
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]

BOX = "[data-ki-cari-input]"
FIRST_RESULT = "[data-ki-cari-daftar] .ki-cari__tautan"
STATUS = "[data-ki-cari-status]"
KINDS = ("js", "wasm", "meta", "index", "filter", "fragment", "other")
#: Text types GitHub Pages compresses; Pagefind's own index files are gzip already.
GZIP_TYPES = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt"}


def kind_of(path: str) -> str:
    """The kind of a file under /pagefind/: code, WebAssembly, metadata, index chunk, filter chunk, fragment."""
    name = path.rsplit("/", 1)[-1]
    if name.endswith(".js"):
        return "js"
    if name.startswith("wasm.") and name.endswith(".pagefind"):
        return "wasm"
    if name.endswith(".pf_meta") or name == "pagefind-entry.json":
        return "meta"
    for kind in ("index", "filter", "fragment"):
        if name.endswith(f".pf_{kind}"):
            return kind
    return "other"


def human(size: float) -> str:
    for unit in ("B", "KB", "MB"):
        if size < 1000 or unit == "MB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1000
    raise AssertionError


# --- the catalog and its site --------------------------------------------------------------


def run(*args: str) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        sys.exit(f"{' '.join(args)} gagal:\n{result.stdout[-2000:]}{result.stderr[-2000:]}")


def build(count: int, work: Path) -> tuple[Path, Path, float]:
    """Content folder, site folder and build seconds of a synthetic catalog with ``count`` innovations."""
    content, site = work / f"konten-{count}", work / f"situs-{count}"
    shutil.rmtree(content, ignore_errors=True)
    run(str(BIN / "katalog"), "sample", "--count", str(count), "--out", str(content))
    start = time.monotonic()
    run(str(BIN / "katalog"), "build", "--content", str(content), "--site", str(site))
    return content, site, time.monotonic() - start


def rare_word(content: Path) -> str:
    """A long word that occurs in exactly one innovation file (an invented name, in practice)."""
    seen: collections.Counter[str] = collections.Counter()
    for path in sorted((content / "inovasi").glob("*.yml")):
        seen.update(set(re.findall(r"[a-z]{7,}", path.read_text(encoding="utf-8").lower())))
    once = sorted(word for word, n in seen.items() if n == 1)
    return once[0] if once else "pendaftaran"


def index_on_disk(site: Path) -> dict[str, int]:
    """Bytes and file count of site/pagefind/ per kind, plus the largest index chunk."""
    sizes: dict[str, int] = collections.Counter()
    largest = 0
    for path in (site / "pagefind").rglob("*"):
        if path.is_file():
            sizes[kind_of(path.name)] += path.stat().st_size
            sizes["files"] += 1
            sizes["total"] += path.stat().st_size
            if path.suffix == ".pf_index":
                largest = max(largest, path.stat().st_size)
    sizes["largest_index"] = largest
    return sizes


# --- serving like GitHub Pages -------------------------------------------------------------


class Pages(http.server.BaseHTTPRequestHandler):
    """Static files, index.html for folders, gzip for text types when the browser accepts it.

    Every response is logged as (URL path, body bytes sent) in ``sent``.
    """

    folder: Path
    sent: list[tuple[str, int]]
    lock: threading.Lock

    def do_GET(self) -> None:
        path = self.folder / unquote(urlsplit(self.path).path).lstrip("/")
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file() or self.folder.resolve() not in path.resolve().parents:
            self.send_error(404)
            return
        body = path.read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", mimetypes.guess_type(path.name)[0] or "application/octet-stream")
        if path.suffix in GZIP_TYPES and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body, 6)
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        with self.lock:
            self.sent.append((urlsplit(self.path).path, len(body)))

    def log_message(self, *args: object) -> None:
        pass


def serve(folder: Path) -> http.server.ThreadingHTTPServer:
    handler = type("SitePages", (Pages,), {"folder": folder, "sent": [], "lock": threading.Lock()})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.sent = handler.sent  # type: ignore[attr-defined]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


# --- one search in a fresh browser -----------------------------------------------------------


@dataclass
class Measure:
    query: str
    status: str = ""
    on_load: int = 0  # bytes from /pagefind/ before the search box was touched
    wire: dict[str, int] = field(default_factory=lambda: collections.Counter())  # kind → bytes received
    disk: int = 0  # the same files uncompressed
    requests: int = 0
    ms: float = 0.0  # focus → first result, on loopback (no network latency)


def measure(browser, server, site: Path, query: str) -> Measure:
    """Bytes from /pagefind/ between focusing the search box and the first result, in a cold browser."""
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    sent = server.sent

    def pagefind_since(mark: int) -> list[tuple[str, int]]:
        return [(path, size) for path, size in sent[mark:] if path.startswith("/pagefind/")]

    context = browser.new_context(locale="id-ID", viewport={"width": 1280, "height": 900})
    # Material's repository widget calls the GitHub API; answer it offline.
    context.route(re.compile(r"^https?://(?!127\.0\.0\.1)"), lambda route: route.fulfill(json={}))
    page = context.new_page()
    result = Measure(query)
    before = len(sent)
    page.goto(url)
    page.wait_for_load_state("networkidle")
    result.on_load = sum(size for _, size in pagefind_since(before))
    mark = len(sent)
    start = time.monotonic()
    page.click(BOX)
    page.keyboard.type(query)
    page.wait_for_selector(FIRST_RESULT, timeout=120_000)
    result.ms = (time.monotonic() - start) * 1000
    for path, size in pagefind_since(mark):
        result.wire[kind_of(path)] += size
        result.disk += (site / path.lstrip("/")).stat().st_size
        result.requests += 1
    result.status = page.inner_text(STATUS)
    context.close()
    return result


# --- report ----------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("counts", nargs="*", type=int, default=[100, 10000], help="catalog sizes (default: 100 10000)")
    parser.add_argument("--query", action="append", help="query to measure (repeatable; default: pelayanan + a rare word)")
    parser.add_argument("--work", type=Path, help="folder for the catalogs and sites (default: a temporary folder)")
    args = parser.parse_args(argv)

    from playwright.sync_api import sync_playwright

    work = args.work or Path(tempfile.mkdtemp(prefix="search-payload-"))
    work.mkdir(parents=True, exist_ok=True)
    disk_rows, query_rows = [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for count in args.counts:
            print(f"… {count} inovasi: membuat dan membangun", file=sys.stderr, flush=True)
            content, site, seconds = build(count, work)
            disk = index_on_disk(site)
            disk_rows.append((count, seconds, disk))
            server = serve(site)
            for query in args.query or ["pelayanan", rare_word(content)]:
                print(f"… {count} inovasi: mencari {query!r}", file=sys.stderr, flush=True)
                query_rows.append((count, measure(browser, server, site, query)))
            server.shutdown()
        browser.close()

    print("### Index on disk (site/pagefind/)\n")
    print("| innovations | build | files | total | js | wasm | meta | index chunks | largest chunk | filter | fragments |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for count, seconds, d in disk_rows:
        print(f"| {count:,} | {seconds:.0f} s | {d['files']:,} | {human(d['total'])} | {human(d['js'])} | {human(d['wasm'])} "
              f"| {human(d['meta'])} | {human(d['index'])} | {human(d['largest_index'])} | {human(d['filter'])} "
              f"| {human(d['fragment'])} |")
    print("\n### Downloaded from /pagefind/ before the first result (gzip as GitHub Pages serves it)\n")
    print("| innovations | query | results | on page load | js | wasm | meta | index | filter | fragments "
          "| total | uncompressed | requests | time* |")
    print("|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for count, m in query_rows:
        w = m.wire
        print(f"| {count:,} | {m.query} | {m.status} | {human(m.on_load)} | {human(w['js'])} | {human(w['wasm'])} "
              f"| {human(w['meta'])} | {human(w['index'])} | {human(w['filter'])} | {human(w['fragment'])} "
              f"| **{human(sum(w.values()))}** | {human(m.disk)} | {m.requests} | {m.ms:.0f} ms |")
    print("\n\\* focus → first result on loopback, cold cache, no network latency; "
          "includes typing the query and the 200 ms debounce.")
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
