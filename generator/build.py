"""``katalog build`` and ``katalog serve``: MkDocs driven from Python.

A build goes into a temporary folder beside the target and replaces the
previous site only when it succeeded, so a failed build never leaves a
half-written or empty ``site/`` behind.

The tool deletes only what it wrote: an output folder may not be (or hold)
the content, the project or the generator; a site folder is replaced only
when it is a catalog site (``SITE_SIGNATURE``); staging folders carry the
building process's id, so a later build removes those a killed build left
behind and never those of a build still running.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from .cache import check_folder
from .content import Content
from .location import OutputDirError, display_path, refuse_unsafe_output
from .model import build_catalog
from .output import remove_orphans, staging_prefix, swap_in, write_tree
from .pages import media_files, render_site
from .problems import Problem, visible
from .rules import check_content
from .schema import editor_schema_root, write_editor_schema
from .verification import write_codeowners

if TYPE_CHECKING:
    from .plugin import KatalogPlugin

#: Environment variable through which ``katalog serve --content`` reaches the plugin.
CONTENT_ENV = "KATALOG_CONTENT"

#: Files every catalog site has (``katalog build`` and plain ``mkdocs build`` alike, whatever
#: the version): a non-empty folder without all of them was not written by a catalog build and
#: is never replaced. No marker file is added to the site: it would make the site of
#: ``katalog build`` differ from that of ``mkdocs build`` (the contract says they are the same).
SITE_SIGNATURE = ("index.html", "feed.xml", "data/inovasi.json")


class BuildError(Exception):
    """The site was not built; ``problems`` says why when the content is at fault."""

    def __init__(self, message: str, problems: list[Problem] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


def _quiet_banners() -> None:
    # Material prints a multi-line notice about its successor on every build.
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


class _StderrHandler(logging.StreamHandler):
    """Writes to whatever ``sys.stderr`` is when a record comes (a caller may have redirected it since)."""

    @property
    def stream(self) -> Any:
        return sys.stderr

    @stream.setter
    def stream(self, value: Any) -> None:
        pass


def _log_to_stderr() -> None:
    logger = logging.getLogger("mkdocs")
    if not logger.handlers:
        handler = _StderrHandler()
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.WARNING)


def build_site(config_file: Path, content_dir: Path, site_dir: Path, *, strict: bool = False) -> None:
    """Check the content, build the site, then swap it into ``site_dir``.

    Raises OutputDirError (bad usage) for a site folder the tool may not replace.
    """
    _quiet_banners()
    _log_to_stderr()
    refuse_unsafe_output(site_dir, content=content_dir, projects=[config_file.parent, Path.cwd()], option="--site")
    shown = site_dir
    site_dir = site_dir.resolve()
    remove_orphans(site_dir.parent)
    checked = check_folder(content_dir, check_content)  # reused from an earlier run when nothing changed
    content = checked.content
    errors = [p for p in checked.problems if p.severity == "error"]
    if errors:
        raise BuildError(f"{len(errors)} kesalahan di konten; situs sebelumnya tidak diubah", errors)
    _refresh_editor_schema(content)
    _refresh_codeowners(content)
    if not config_file.is_file():
        raise BuildError(f"berkas konfigurasi '{config_file}' tidak ditemukan")
    refuse_foreign_site(site_dir, shown)

    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=staging_prefix("baru"), dir=site_dir.parent))
    try:
        config = load_config(str(config_file), site_dir=str(staging), strict=strict)
        plugin: KatalogPlugin = config.plugins["katalog"]  # type: ignore[assignment]
        plugin.config.content = str(content_dir.resolve())
        plugin.checked = (content_dir.resolve(), content)  # the plugin builds from this: loaded and checked once
        del content, checked  # the plugin lets go of the sources once the catalog is built (memory, 10,000 files)
        config.plugins.on_startup(command="build", dirty=False)  # as `mkdocs build` does: the plugin's
        try:  # temporary folders and helper processes end with the build, whatever happens
            mkdocs_build(config)
        finally:
            config.plugins.on_shutdown()
        refuse_foreign_site(site_dir, shown)  # checked again: something may have appeared meanwhile
    except (MkDocsException, OSError) as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise BuildError(f"situs gagal dibangun ({exc}); situs sebelumnya tidak diubah") from exc
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    swap_in(staging, site_dir)


def _refresh_editor_schema(content: Content) -> None:
    """Keep skema/inovasi.schema.json (editor hints, with the registries' ids) current beside content/."""
    ids = [[item["id"] for item in source.data if isinstance(item, dict)] for source in (content.units, content.affairs)]
    try:
        write_editor_schema(editor_schema_root(content.root), *ids)
    except OSError as exc:  # a read-only checkout still builds; the editor schema is a convenience
        logging.getLogger("mkdocs").warning("skema editor tidak diperbarui: %s", exc.strerror or exc)


def _refresh_codeowners(content: Content) -> None:
    """Keep the verifiers' block of .github/CODEOWNERS current (iid.verifikator owns content/verifikasi/)."""
    try:
        written = write_codeowners(content)
    except OSError as exc:  # a read-only checkout still builds; katalog check reports the stale block
        logging.getLogger("mkdocs").warning("CODEOWNERS tidak diperbarui: %s", exc.strerror or exc)
        return
    if written is not None:
        logging.getLogger("mkdocs").warning("%s diperbarui dari iid.verifikator di katalog.yml; commit berkas itu",
                                            display_path(written))


def refuse_foreign_site(site_dir: Path, shown: Path) -> None:
    """Raise OutputDirError unless ``site_dir`` is missing, empty, or a site a catalog build wrote.

    A Git working copy (``.git``) is never replaced, site or not: its history would go with it.
    """
    if not os.path.lexists(site_dir):
        return
    if not site_dir.is_dir():
        raise OutputDirError(f"'{shown}' sudah ada dan bukan folder; pilih folder lain untuk --site")
    if os.path.lexists(site_dir / ".git"):
        raise OutputDirError(f"folder '{shown}' adalah salinan kerja Git (berisi .git); katalog tidak menggantinya: "
                             "pilih folder lain untuk --site, lalu salin hasilnya ke sana")
    if all((site_dir / name).is_file() for name in SITE_SIGNATURE):
        return
    if any(site_dir.iterdir()):
        raise OutputDirError(
            f"folder '{shown}' sudah berisi berkas yang tidak dibuat oleh katalog build "
            f"(bukan situs katalog: tidak ada {', '.join(SITE_SIGNATURE)}); katalog tidak menghapusnya: "
            "pilih folder lain untuk --site, atau kosongkan folder itu sendiri bila memang boleh dihapus")


def generate_markdown(content_dir: Path, out_dir: Path) -> int:
    """Write the generated Markdown pages, exports and media into ``out_dir``.

    The same files the MkDocs plugin feeds to the build, as a folder any
    Markdown site engine can read. Only changed files are rewritten, and only
    files an earlier run wrote (listed in the folder's manifest) are removed.
    Returns how many files were written or removed.
    """
    refuse_unsafe_output(out_dir, content=content_dir, projects=[Path.cwd()], option="--out")
    checked = check_folder(content_dir, check_content)
    content, problems = checked.content, checked.problems
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise BuildError(f"{len(errors)} kesalahan di konten; tidak ada yang ditulis", errors)
    catalog = build_catalog(content)
    texts = render_site(catalog)
    return write_tree(out_dir, texts, media_files(catalog, content_dir))


def serve_site(config_file: Path, content_dir: Path, dev_addr: str) -> int:
    """Live preview with MkDocs' server; edits under content/ trigger a rebuild."""
    from mkdocs.commands.serve import serve

    _quiet_banners()
    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s -  %(message)s")
    os.environ[CONTENT_ENV] = str(content_dir.resolve())
    # Dirty reload: only pages whose generated Markdown changed are rebuilt.
    try:
        serve(config_file=str(config_file), dev_addr=dev_addr, livereload=True, build_type="dirty")
    except MkDocsException as exc:  # the first build failed: the reason (content problems) is logged above
        print(f"katalog: pratinjau tidak dimulai ({visible(str(exc))}); perbaiki kesalahan di atas lalu jalankan "
              "lagi", file=sys.stderr)
        return 1
    return 0
