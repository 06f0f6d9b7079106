"""Shared fixtures: small, real catalogs written into a temporary folder."""

from __future__ import annotations

import contextlib
import fcntl
import io
import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from unittest import mock

import pytest

if TYPE_CHECKING:
    import http.server

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent

KATALOG = """\
daerah: Kota Contoh
penyelenggara: Bapperida Kota Contoh
situs: https://inovasi.contoh.go.id/
repositori: https://github.com/contoh/katalog-inovasi
target:
  - tahun: 2025
    jumlah: 10
    minimal_per_unit: 1
"""

UNITS = """\
- id: disdukcapil
  nama: Dinas Kependudukan dan Pencatatan Sipil
  singkatan: Disdukcapil
  jenis: dinas
- id: diskominfo
  nama: Dinas Komunikasi dan Informatika
  singkatan: Diskominfo
  jenis: dinas
- id: sdn-1
  nama: SD Negeri 1 Contoh
  jenis: sekolah
  jenjang: sd
"""

AFFAIRS = """\
- id: administrasi_kependudukan
  nama: Administrasi Kependudukan dan Pencatatan Sipil
  kelompok: wajib_non_pelayanan_dasar
- id: komunikasi_informatika
  nama: Komunikasi dan Informatika
  kelompok: wajib_non_pelayanan_dasar
- id: pendidikan
  nama: Pendidikan
  kelompok: wajib_pelayanan_dasar
"""

#: 300+ words, so that a valid innovation has no warning.
LONG_TEXT = "\n".join(["  Warga mengambil nomor antrean dari ponsel dan datang sesuai jadwal pelayanan."] * 30)

#: A valid innovation; tests change one thing at a time. Line numbers matter:
#: nama is line 1, tahapan line 10, waktu.uji_coba line 16, rancang_bangun text from line 19.
VALID = f"""\
nama: Antrean Daring Kependudukan
ringkasan: Warga mengambil nomor antrean pelayanan Disdukcapil dari ponsel.
perangkat_daerah: disdukcapil
perangkat_daerah_lain: [diskominfo]
inisiator:
  jenis: perangkat_daerah
  nama: Bidang Pelayanan
bentuk: pelayanan_publik
jenis: digital
tahapan: uji_coba
urusan:
  utama: administrasi_kependudukan
  irisan: [komunikasi_informatika]
tahun: 2025
waktu:
  uji_coba: 2025-03-01
rancang_bangun: |
  Masalahnya antrean panjang sejak subuh.
{LONG_TEXT}
tujuan: |
  Mengurangi waktu tunggu.
manfaat: |
  - Warga tidak perlu datang subuh.
"""


@dataclass
class Catalog:
    """A catalog folder on disk, with helpers to run the real commands on it."""

    root: Path  # the project folder (holds mkdocs.yml and content/)

    @property
    def content(self) -> Path:
        return self.root / "content"

    def write(self, relative: str, text: str | bytes) -> Path:
        path = self.content / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    def innovation(self, slug: str, text: str = VALID) -> Path:
        return self.write(f"inovasi/{slug}.yml", text)

    def run(self, *args: str, check: bool = False) -> subprocess.CompletedProcess[str]:
        """Run the installed ``katalog`` command in the project folder."""
        return self.run_cmd(str(BIN / "katalog"), *args, check=check)

    def run_cmd(self, *args: str, check: bool = False) -> subprocess.CompletedProcess[str]:
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
        return subprocess.run(args, cwd=self.root, capture_output=True, text=True, env=env, check=check, timeout=600)

    def run_here(self, *args: str) -> subprocess.CompletedProcess[str]:
        """``katalog ARGS`` in the project folder, in this process: the ``main`` the installed command calls, with
        stdout and stderr captured and an empty stdin that is not a terminal. For the many tests that need what a
        command does, not how it starts (which costs a fifth of a second or more each time)."""
        from generator.cli import main

        out, err = io.StringIO(), io.StringIO()
        before, stdin = os.getcwd(), sys.stdin
        os.chdir(self.root)
        sys.stdin = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                try:
                    code = main(list(args))
                except SystemExit as exc:  # argparse: bad usage
                    code = exc.code if isinstance(exc.code, int) else 2
        finally:
            os.chdir(before)
            sys.stdin = stdin
        return subprocess.CompletedProcess(["katalog", *args], code, out.getvalue(), err.getvalue())


def new_catalog(root: Path) -> Catalog:
    """A minimal valid catalog (one innovation ``antrean-daring``) with the project's mkdocs.yml and theme, at ``root``."""
    root.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "docs_overrides", root / "docs_overrides")
    cat = Catalog(root)
    cat.write("katalog.yml", KATALOG)
    cat.write("perangkat-daerah.yml", UNITS)
    cat.write("urusan.yml", AFFAIRS)
    cat.write("halaman/tentang.md", "# Tentang\n\nKatalog uji.\n")
    cat.innovation("antrean-daring")
    return cat


@pytest.fixture(scope="session", autouse=True)
def _run_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """generator/cache.py's folder is one of this test run (shared by its workers), never the user's: check results
    and compiled templates are kept within the run, as between a user's commands, and nothing is left behind.
    A test of the cache sets KATALOG_CACHE itself."""
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # the run's folder (see shared_folder)
    before = os.environ.get("KATALOG_CACHE")
    os.environ["KATALOG_CACHE"] = str(base / "cache-katalog")
    yield
    if before is None:
        del os.environ["KATALOG_CACHE"]
    else:
        os.environ["KATALOG_CACHE"] = before


@pytest.fixture
def catalog(tmp_path: Path) -> Catalog:
    """A minimal valid catalog (one innovation) in a fresh temporary project folder."""
    return new_catalog(tmp_path / "proyek")


def dedent(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


# --- parallel runs (pytest-xdist) -----------------------------------------------------------
#
# `make test` runs the suite on every core (``-n auto`` in pyproject.toml). Each worker is its own
# process with its own temporary folder, session fixtures and browser; tests that chdir do so in
# their own process only. Two things keep the work from being done twice:
#
# * an expensive folder that several modules read (a built site) is made once per run by the first
#   worker that needs it, under a lock, and read by the others (:func:`shared_folder`);
# * the tests of a module that share a module-scoped fixture (a catalog built once per module) run
#   on one worker, so the fixture is made once (:func:`pytest_collection_modifyitems`); every other
#   test is dealt out one by one (``--dist loadgroup``), so the two workers finish together.


def shared_folder(tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], None]) -> Path:
    """A folder made by ``make(folder)`` once per test run and shared by every xdist worker (read-only for all).

    The first worker to ask makes it under an exclusive lock while the others wait for it; a folder
    counts as made only once ``make`` returned, so after a failure the next worker tries again (and
    reports its own failure). Without xdist this is an ordinary session-scoped folder.
    """
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # the run's folder, parent of every worker's own (popen-gw0, popen-gw1, ...)
    folder, done = base / f"bersama-{name}", base / f"bersama-{name}.selesai"
    with open(base / f"bersama-{name}.kunci", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file is closed
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            make(folder)
            done.touch()
    return folder


_SHARED_SCOPES = {"module", "class", "package"}


@pytest.hookimpl(tryfirst=True)  # before xdist reads the marks
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests that use a fixture made once per module (or class) form one xdist group: one worker runs them all.

    The groups and the tests marked ``heavy`` are dealt out first (in their modules' order), then the other tests: a
    group or a heavy test is seconds of work in one piece, and dealt out last it would leave the other worker idle at
    the end of the run.
    """
    first: list[pytest.Item] = []
    rest: list[pytest.Item] = []
    for item in items:
        info = getattr(item, "_fixtureinfo", None)
        definitions = info.name2fixturedefs.values() if info is not None else ()
        if any(d.scope in _SHARED_SCOPES for defs in definitions for d in defs):
            item.add_marker(pytest.mark.xdist_group(item.nodeid.split("::", 1)[0]))
        (first if item.get_closest_marker("xdist_group") or item.get_closest_marker("heavy") else rest).append(item)
    items[:] = first + rest


# --- browser tests --------------------------------------------------------------------------

# Debian's chromium-headless-shell (installed by `make test`): Chromium's own headless build, the same Blink and V8
# without the desktop browser around them; it does the browser tests in half the time of the full browser.
CHROMIUM = "/usr/lib/chromium/chromium-headless-shell"
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# The machine has no network: a request to any host but loopback fails at once (no name resolves), so a stray
# request to another host shows up as a console error. This is the browser's resolver, not a route handler, so
# requests for the site are not each passed through this process (and Chromium's cache stays on).
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped content/ built once per test run with the real ``katalog build`` (read-only)."""

    def build(folder: Path) -> None:
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
        subprocess.run([str(BIN / "katalog"), "build", "--site", str(folder / "site")], cwd=ROOT, env=env, check=True,
                       capture_output=True, timeout=600)

    return shared_folder(tmp_path_factory, "situs", build) / "site"


@pytest.fixture(scope="session")
def bundled_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped content/ built as :func:`shipped_site` is, with its search index in bundles of four pages, as a
    catalog of thousands is split (generator/search.py, :class:`BundledIndex`), once per test run (read-only)."""

    def build(folder: Path) -> None:
        import generator.search

        with mock.patch.object(generator.search, "BUNDLE_PAGES", 4):
            result = Catalog(ROOT).run_here("build", "--site", str(folder / "site"))
        assert result.returncode == 0, f"katalog build (bagian) gagal:\n{result.stdout}\n{result.stderr}"

    return shared_folder(tmp_path_factory, "situs-bagian", build) / "site"


@pytest.fixture(scope="session")
def clean_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The conftest catalog (:func:`new_catalog`) built with the real ``katalog build``, once per test run (read-only):
    its pages carry only the theme's own scripts."""

    def build(folder: Path) -> None:
        result = new_catalog(folder / "proyek").run("build")
        assert result.returncode == 0, f"katalog build (bersih) gagal:\n{result.stdout}\n{result.stderr}"

    return shared_folder(tmp_path_factory, "bersih", build) / "proyek" / "site"


_SERVED_PORTS: set[int] = set()


def serve_folder(folder: Path, cache: bool = False):
    """Serve ``folder`` over HTTP on a free loopback port in a background thread.

    A port is never handed out twice in one process, so a URL names one folder for the whole run and what the
    browser keeps for it (the worker's context is reused, :func:`page`) cannot belong to another folder. Only a
    folder that stays unchanged while it is served may be cached (``cache=True``: a built site shared by the run);
    any other is sent ``no-store``.
    """
    import functools
    import http.server

    class Quiet(http.server.SimpleHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive: the browser reuses its connections

        def end_headers(self) -> None:
            self.send_header("Cache-Control", "max-age=3600" if cache else "no-store")
            super().end_headers()

        def log_message(self, *args: object) -> None:
            pass

    return serve(functools.partial(Quiet, directory=str(folder)))


def serve(handler: Callable[..., object]) -> http.server.ThreadingHTTPServer:
    """A threading HTTP server for ``handler`` on a loopback port this process has not used before."""
    import http.server
    import threading

    refused = []
    while True:
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        if server.server_address[1] not in _SERVED_PORTS:
            break
        refused.append(server)  # held open until a new port comes, then closed
    for old in refused:
        old.server_close()
    _SERVED_PORTS.add(server.server_address[1])
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture(scope="session")
def site_url(shipped_site: Path):
    """Base URL (ending in /) of the shipped site served on loopback."""
    server = serve_folder(shipped_site, cache=True)
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def tools_url():
    """Base URL of node_modules/ on loopback (cached), for scripts a test injects into a page (axe-core)."""
    server = serve_folder(ROOT / "node_modules", cache=True)
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium driven by Playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


def _watch_errors(pg) -> None:
    """Console errors and page errors of ``pg`` are collected in ``pg.errors``."""
    pg.errors = []  # type: ignore[attr-defined]
    pg.on("console", lambda m: pg.errors.append(m.text) if m.type == "error" else None)  # type: ignore[attr-defined]
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))  # type: ignore[attr-defined]


_CONTEXT_OPTIONS = {"locale": "id-ID", "viewport": {"width": 1280, "height": 900}}


@pytest.fixture(scope="session")
def _shared_context(browser):
    """The worker's browser context behind :func:`page`: kept for the run so its HTTP cache serves the read-only sites
    again; every test still starts on a new page with nothing stored (see :func:`page`)."""
    context = browser.new_context(**_CONTEXT_OPTIONS)
    yield context
    context.close()


@pytest.fixture
def page(_shared_context):
    """A new page with nothing stored for any site (no cookie, local or session storage, IndexedDB, service worker);
    console errors and page errors are collected in ``page.errors``. Its context is the worker's, whose HTTP cache
    may already hold the shared built sites: a test that counts requests or bytes uses :func:`fresh_page`."""
    context = _shared_context
    origins: set[str] = set()

    def track(new) -> None:  # every page the test opens in the context, and every site each one shows
        new.on("framenavigated", lambda frame: origins.add(_origin(frame.url)))

    context.on("page", track)
    pg = context.new_page()
    _watch_errors(pg)
    yield pg
    context.remove_listener("page", track)
    # A route handler a test added may still be answering a late request (Material fetches sitemap.xml in the
    # background): the page is done with, so such a handler is dropped rather than failing; none is left for the
    # next test, nor any other page the test opened, nor anything a site stored.
    context.unroute_all(behavior="ignoreErrors")
    for other in context.pages:
        if other != pg:
            other.close()
    if pg.is_closed():  # the test closed it: storage is cleared through a page of the same context
        pg = context.new_page()
    pg.unroute_all(behavior="ignoreErrors")
    session = context.new_cdp_session(pg)
    for origin in sorted(o for o in origins if o):
        session.send("Storage.clearDataForOrigin", {"origin": origin, "storageTypes": "all"})
    session.detach()
    pg.close()
    context.clear_cookies()
    context.clear_permissions()


def _origin(url: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme in ("http", "https") else ""


@pytest.fixture
def fresh_page(browser):
    """A page in a context of its own, closed after the test: an empty HTTP cache, for tests that count what is
    downloaded. Console errors and page errors are collected in ``page.errors``."""
    context = browser.new_context(**_CONTEXT_OPTIONS)
    pg = context.new_page()
    _watch_errors(pg)
    yield pg
    context.unroute_all(behavior="ignoreErrors")  # see page()
    context.close()
