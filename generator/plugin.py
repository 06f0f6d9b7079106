"""The MkDocs front end: content/ in, generated pages into the build.

Registered as the ``katalog`` plugin, so plain ``mkdocs build`` and ``mkdocs
serve`` produce the same site as ``katalog build``. It only wires the steps
together: load → validate → model → pages.
"""

from __future__ import annotations

import functools
import html
import logging
import os
import shutil
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from .build import CONTENT_ENV
from .content import Content, ContentDirError, Parsed, load_content
from .location import typed_paths
from .model import Catalog, build_catalog
from .output import write_tree
from .pages import RawBlock, evidence_files, fill_panel, media_files, plan_site, put_back, set_aside
from .parallel import MIN_PAGES, RELEASE_EVERY, PageStream, release_memory
from .problems import format_problems, visible
from .rules import check_content
from .search import BundledIndex, SearchIndexError, index_site, indexed_document
from .template_cache import template_cache
from .text import sanitize_page

log = logging.getLogger("mkdocs.plugins.katalog")

_Hook = TypeVar("_Hook", bound=Callable[..., Any])


def _no_traceback(hook: _Hook) -> _Hook:
    """MkDocs prints a traceback for any exception a plugin raises except its own
    errors: whatever goes wrong here reaches the user as one line."""
    @functools.wraps(hook)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return hook(*args, **kwargs)
        except PluginError:
            raise
        except Exception as exc:
            raise PluginError(f"katalog: kesalahan tak terduga ({type(exc).__name__}: {visible(str(exc))[:300]})") from exc
    return wrapper  # type: ignore[return-value]


def site_nav(catalog: Catalog) -> list[Any]:
    """A small navigation: listings only. Innovations are reached from listings,
    so a page's HTML does not grow with the number of innovations."""
    return [
        {"Beranda": "index.md"},
        {"Katalog": "katalog/index.md"},
        {"Perangkat Daerah": "perangkat-daerah/index.md"},
        {"Urusan": "urusan/index.md"},
        {"Statistik": "statistik/index.md"},
        *([{"IID": "iid/index.md"}] if catalog.iid else []),  # the region's IID readiness (pages.IID_PAGE)
        {"Data Terbuka": "data/index.md"},
        *(f"{page.name}.md" for page in catalog.halaman),
    ]


#: What the panel of the page at a URI is called among the pages the other process renders (no page's URI starts so).
_PANEL = "kesiapan:"


def _inclusion(uri: str) -> InclusionLevel:
    return InclusionLevel.INCLUDED if uri.endswith(".md") else InclusionLevel.UNDEFINED


class _StreamedFile(File):
    """A generated page whose Markdown is fetched when MkDocs reads it (see generator/parallel.py).

    MkDocs reads a page's source once (``Page.read_source``) and keeps the text in the
    page, so the file does not keep it too; a later read renders the page again.
    """

    _take: Callable[[str], str]
    _text: str | bytes | None = None

    @classmethod
    def of(cls, config: MkDocsConfig, uri: str, take: Callable[[str], str]) -> _StreamedFile:
        file = cls.generated(config, uri, content="", inclusion=_inclusion(uri))
        assert isinstance(file, _StreamedFile)
        file._take, file._text = take, None
        return file

    @property
    def _content(self) -> str | bytes | None:
        return self._take(self.src_uri) if self._text is None else self._text

    @_content.setter
    def _content(self, value: str | bytes | None) -> None:
        self._text = value


def _publish(site_dir: Path, copies: dict[str, Path]) -> None:
    """Put files into the built site, each folder made once: the IID evidence files, which can be thousands; as MkDocs
    static files each costs twice as much (a File, a folder check and a copy of its own).

    Each is a hard link to the content file where the file system allows one (no bytes copied; the site is replaced
    whole by the next build, never edited in place) and a copy otherwise (another disk, a file system without links)."""
    made: set[Path] = set()
    link = True
    for uri, source in copies.items():
        target = site_dir / uri
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        if link:
            try:
                _link(source, target)
                continue
            except OSError:
                link = False
        target.unlink(missing_ok=True)  # never write through an earlier build's link into the content file
        shutil.copyfile(source, target)


def _link(source: Path, target: Path) -> None:
    """Hard-link ``target`` to ``source``; a file already there (a preview's earlier build) is replaced."""
    try:
        os.link(source, target, follow_symlinks=False)
    except FileExistsError:
        target.unlink()
        os.link(source, target, follow_symlinks=False)


def _watch_at_once(server: Any, folder: Path) -> Any:
    """Have ``katalog serve`` rebuild as soon as a file under ``folder`` changes: the system's file events (inotify on
    Linux) instead of MkDocs' scan of every file every half second, which is a quarter of a second of an edit's wait
    on average and grows with the catalog. Returns the started observer, or None where the system has no file events,
    its watches run out, or MkDocs' server is not the one this was written for (1.6): MkDocs' own watch then."""
    try:
        from watchdog.events import FileSystemEventHandler
        from watchdog.observers import Observer
        from watchdog.observers.polling import PollingObserver
    except ImportError:
        return None
    found = getattr(server, "_rebuild_cond", None)
    if Observer is PollingObserver or found is None or not hasattr(server, "_want_rebuild"):
        return None
    cond: Any = found

    class Changed(FileSystemEventHandler):
        def on_any_event(self, event: Any) -> None:
            # Writes only: a rebuild opens and reads every file, and those events must not start another.
            if event.is_directory or event.event_type not in ("created", "modified", "deleted", "moved", "closed"):
                return
            with cond:  # as MkDocs' own watch does: its build loop waits on this
                server._want_rebuild = True
                cond.notify_all()

    observer = Observer()
    try:
        observer.schedule(Changed(), str(folder), recursive=True)
        observer.start()
    except OSError:  # e.g. the system's limit of watched folders
        try:
            observer.stop()
        except RuntimeError:
            pass
        return None
    return observer


class KatalogConfig(Config):
    content = config_options.Type(str, default="content")


class KatalogPlugin(BasePlugin[KatalogConfig]):
    """Generates the catalog's pages from ``content/`` during an MkDocs build."""

    catalog: Catalog | None = None
    content_root: Path
    #: ``katalog serve`` (dirty reload): generated files live on disk in this
    #: folder and are rewritten only when they change, so MkDocs rebuilds
    #: only the pages that changed. None in a normal build (all in memory).
    preview_dir: Path | None = None
    serving = False
    #: Rendered innovation pages kept between preview rebuilds (None in a normal build).
    memo: dict[bytes, str] | None = None
    _indexer: threading.Thread | None = None
    #: Raw-HTML blocks of the page being converted, set aside from its Markdown (pages.set_aside), by source URI.
    _set_aside: dict[str, list[RawBlock]]
    #: A published build's search index, fed page by page while MkDocs writes them (None in a preview).
    _pages_indexer: BundledIndex | None = None
    #: ``katalog serve``: the content folder's own watch (:func:`_watch_at_once`), when the system has one.
    _content_watch: Any = None
    #: A published build's pages, rendered by another process while MkDocs reads them.
    _stream: PageStream | None = None
    #: A published build's IID panels by page URI, put into the pages as MkDocs writes them (pages.PANEL_SLOT).
    _panels: dict[str, Callable[[], str]] | None = None
    #: A preview's parsed innovation files, reused while their bytes are unchanged (generator/content.py).
    _parsed: Parsed | None = None
    _files = 0
    _written = 0
    #: Content that ``katalog build`` loaded and checked before starting MkDocs: (its folder, the content).
    checked: tuple[Path, Content] | None = None
    #: The (empty) docs_dir MkDocs is given: it must exist, and it must not be content/.
    _empty_docs: Path | None = None

    def __init__(self) -> None:
        super().__init__()
        self._set_aside = {}

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"
        if self.serving and dirty:
            self.preview_dir = Path(tempfile.mkdtemp(prefix="katalog-pratinjau-"))
            self.memo = {}  # innovation pages reused between rebuilds when unchanged

    def on_shutdown(self) -> None:
        self._stop_stream()
        self._stop_indexer()
        if self._content_watch is not None:
            self._content_watch.stop()
        for folder in (self.preview_dir, self._empty_docs):
            if folder:
                shutil.rmtree(folder, ignore_errors=True)

    @_no_traceback
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path or ".").parent
        # ``katalog serve --content DIR`` reaches the plugin through the environment.
        self.content_root = (root / os.environ.get(CONTENT_ENV, self.config.content)).resolve()
        if self.checked is not None and self.checked[0] == self.content_root:
            content = self.checked[1]  # `katalog build` has loaded and checked it already: once per build
            self.checked = None  # only the catalog is kept during the build
        else:
            if self.serving and (self._parsed is None or len(self._parsed) > 2 * self._files + 64):
                self._parsed = {}  # (again when files edited away have piled up)
            try:
                # A preview parses only the files whose bytes changed since the last rebuild.
                content = load_content(self.content_root, self._parsed if self.serving else None)
                self._files = len(content.innovations)
            except ContentDirError as exc:
                raise PluginError(f"katalog: {exc}") from exc
            errors = [p for p in check_content(content) if p.severity == "error"]
            if errors:
                shown = format_problems(errors, "text", typed_paths(self.content_root)).rstrip()
                log.error("Konten berisi kesalahan; situs tidak dibangun:\n%s", shown)
                raise PluginError(f"katalog: {len(errors)} kesalahan di konten; jalankan 'katalog check' untuk rinciannya")
        try:
            prefix = self.content_root.relative_to(root.resolve()).as_posix()
        except ValueError:
            prefix = self.config.content
        self.catalog = build_catalog(content, content_prefix=prefix)

        # Everything region-specific comes from content/katalog.yml.
        # Themes print these without escaping them.
        c = self.catalog
        config.site_name = html.escape(f"Katalog Inovasi {c.daerah}")
        config.site_url = c.situs
        config.site_description = html.escape(f"Katalog inovasi daerah {c.daerah}, diselenggarakan {c.penyelenggara}.")
        if c.repositori:
            config.repo_url = c.repositori
            config.repo_name = html.escape(c.repositori.rstrip("/").split("/", 3)[-1])
            config.edit_uri = None  # edit links are set per page (on_page_markdown)
        # MkDocs reads nothing from content/ itself: hand-written pages are checked,
        # rendered and handed over by this plugin like every other page.
        if self._empty_docs is None:
            self._empty_docs = Path(tempfile.mkdtemp(prefix="katalog-docs-"))
        config.docs_dir = str(self._empty_docs)
        if not config.nav:
            config.nav = site_nav(c)
        return config

    @_no_traceback
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.catalog is not None
        self._stop_stream()
        # A published build puts each innovation's IID panel into its page as MkDocs writes it (on_post_page), so
        # the other process renders the panels while MkDocs writes pages, not while it waits for the pages to convert.
        self._panels = {} if self.preview_dir is None else None
        plan = plan_site(self.catalog, self.memo, self._panels)
        if self.preview_dir:
            # A preview writes every file and lets MkDocs rebuild only the pages whose file changed.
            write_tree(self.preview_dir, {uri: render() for uri, render in plan.items()})
            for uri in plan:
                files.append(File.generated(config, uri, abs_src_path=str(self.preview_dir / uri), inclusion=_inclusion(uri)))
        else:
            pages = [uri for uri in plan if uri.endswith(".md")]
            release_memory()  # the sources read before are gone: what the render process shares is smaller
            # Pages are rendered by another process in the order MkDocs reads them (the order they are added), then
            # the panels in the order MkDocs writes those pages. Between the two, while MkDocs still converts pages and
            # writes nothing, that process publishes the IID evidence files (on_post_build waits for it): at the same
            # time as MkDocs writes pages, its folders and links would hold up MkDocs' own in the same folders.
            catalog, root, site = self.catalog, self.content_root, Path(config.site_dir)
            panels = {_PANEL + uri: render for uri, render in (self._panels or {}).items()}
            self._stream = PageStream({**plan, **panels}, [*pages, *panels], then_at=len(pages),
                                      then=lambda: _publish(site, evidence_files(catalog, root))) \
                if len(pages) >= MIN_PAGES else None
            take = self._stream.take if self._stream else (lambda uri: plan[uri]())
            for uri, render in plan.items():
                if uri.endswith(".md"):
                    files.append(_StreamedFile.of(config, uri, take))
                else:
                    files.append(File.generated(config, uri, content=render(), inclusion=_inclusion(uri)))
        for uri, path in media_files(self.catalog, self.content_root, evidence=False).items():
            files.append(File.generated(config, uri, abs_src_path=str(path)))
        return files

    def _stop_stream(self) -> None:
        stream, self._stream = self._stream, None
        if stream is not None:
            stream.close()

    @_no_traceback
    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        # An innovation is edited in its YAML file, never in the generated Markdown;
        # other generated pages have nothing to edit. Hand-written pages keep
        # MkDocs' own link (edit_uri points into content/halaman/).
        assert self.catalog is not None
        uri = page.file.src_uri
        if uri.startswith("inovasi/") and uri.count("/") == 1:
            page.edit_url = self.catalog.edit_url(uri.removesuffix(".md") + ".yml")
        elif uri in self._hand_uris:
            page.edit_url = self.catalog.edit_url(f"halaman/{uri}")
        else:
            page.edit_url = None
        # Raw-HTML blocks the generator marked as final (most of an innovation page, the IID panel, /iid/) skip
        # Python-Markdown's reading.
        if uri not in self._hand_uris:
            markdown, blocks = set_aside(markdown)
            if blocks:
                self._set_aside[uri] = blocks
        return markdown

    @property
    def _hand_uris(self) -> set[str]:
        return {f"{hand.name}.md" for hand in self.catalog.halaman} if self.catalog else set()

    @_no_traceback
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        # Hand-written pages (content/halaman/) were rendered and sanitised by the
        # generator; sanitising what MkDocs made of them again costs little and
        # keeps them inert whatever the engine's Markdown does.
        if page.file.src_uri in self._hand_uris or not page.file.generated_by:
            html = indexed = sanitize_page(html)
        else:
            # The index reads the page with its indexed blocks only (pages.set_aside).
            blocks = self._set_aside.pop(page.file.src_uri, [])
            indexed, html = put_back(html, blocks, indexed_only=True), put_back(html, blocks)
        if not self.serving:  # a published build indexes the page now (a preview crawls the site afterwards)
            document = indexed_document(indexed, page.meta.get("ki_cari"), page.title or config.site_name)
            if document is not None:
                self._search(lambda indexer: indexer.add("/" + page.url, document), config)
            # Converted: nothing reads the Markdown again (memory: 10,000 pages). Empty, not None: MkDocs
            # takes None for a page never read (Page.title is then None).
            page.markdown = ""
        return html

    @_no_traceback
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        panel = (self._panels or {}).pop(page.file.src_uri, None)
        if panel is not None:
            output = fill_panel(output, self._stream.take(_PANEL + page.file.src_uri) if self._stream else panel())
        if not self.serving:
            # Written: nothing reads the page's HTML again, and the index takes its memory meanwhile.
            page.content = None
            self._written += 1
            if self._written % RELEASE_EVERY == 0:
                release_memory()
        return output

    @_no_traceback
    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        self._stop_indexer()

    @_no_traceback
    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        env.bytecode_cache = template_cache(env)  # the theme's templates, compiled once (generator/template_cache.py)
        if self._pages_indexer is not None:
            # Every page is read: Pagefind writes the index while MkDocs writes the pages.
            self._search(lambda indexer: indexer.start_writing(), config)
        return env

    def _search(self, step: Callable[[BundledIndex], object], config: MkDocsConfig) -> None:
        try:
            if self._pages_indexer is None:
                # Pagefind indexes on the second core while MkDocs goes on; every innovation and hand-written
                # page is indexed (ki_cari), which tells how many bundles a large catalog needs.
                assert self.catalog is not None
                expected = len(self.catalog.innovations) + len(self.catalog.halaman)
                self._pages_indexer = BundledIndex(Path(config.site_dir) / "pagefind", expected)
            step(self._pages_indexer)
        except (SearchIndexError, OSError) as exc:
            raise PluginError(f"katalog: {exc}") from exc

    @_no_traceback
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self._stream is None or not self._stream.then_done():  # a preview, a small catalog, or that process failed
            assert self.catalog is not None
            _publish(Path(config.site_dir), evidence_files(self.catalog, self.content_root))
        if self.serving:
            # A preview defers the search index: built in the background so the
            # changed page is served at once. A published build never defers it.
            if self._indexer is None or not self._indexer.is_alive():
                self._indexer = threading.Thread(target=self._index_quietly, args=(Path(config.site_dir),), daemon=True)
                self._indexer.start()
            return
        self._stop_stream()
        indexer, self._pages_indexer = self._pages_indexer, None
        try:
            if indexer is None:
                index_site(Path(config.site_dir))  # no page was indexed as it was read
            else:
                indexer.finish()
        except SearchIndexError as exc:
            raise PluginError(f"katalog: {exc}") from exc

    def on_build_error(self, *, error: Exception) -> None:
        self._stop_stream()
        self._stop_indexer()

    def _stop_indexer(self) -> None:
        indexer, self._pages_indexer = self._pages_indexer, None
        if indexer is not None:
            indexer.close()

    @staticmethod
    def _index_quietly(site_dir: Path) -> None:
        try:
            index_site(site_dir)
        except SearchIndexError as exc:
            log.warning("%s", exc)

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        self._content_watch = _watch_at_once(server, self.content_root)
        if self._content_watch is None:
            server.watch(str(self.content_root))  # MkDocs' own watch: polled every half second
        return server
