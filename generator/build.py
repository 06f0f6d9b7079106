"""``katalog build`` and ``katalog serve``: MkDocs driven from Python.

A build goes into a temporary folder beside the target and replaces the
previous site only when it succeeded, so a failed build never leaves a
half-written or empty ``site/`` behind.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import tempfile
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from .content import load_content
from .model import build_catalog
from .output import write_tree
from .pages import media_files, render_site
from .problems import Problem
from .validate import check_content

#: Environment variable through which ``katalog serve --content`` reaches the plugin.
CONTENT_ENV = "KATALOG_CONTENT"


class BuildError(Exception):
    """The site was not built; ``problems`` says why when the content is at fault."""

    def __init__(self, message: str, problems: list[Problem] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


def _quiet_banners() -> None:
    # Material prints a multi-line notice about its successor on every build.
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def _log_to_stderr() -> None:
    logger = logging.getLogger("mkdocs")
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.WARNING)


def build_site(config_file: Path, content_dir: Path, site_dir: Path, *, strict: bool = False) -> None:
    """Check the content, build the site, then swap it into ``site_dir``."""
    _quiet_banners()
    _log_to_stderr()
    problems = check_content(load_content(content_dir))
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise BuildError(f"{len(errors)} galat di konten; situs sebelumnya tidak diubah", errors)
    if not config_file.is_file():
        raise BuildError(f"berkas konfigurasi '{config_file}' tidak ditemukan")

    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-baru-", dir=site_dir.parent))
    try:
        config = load_config(str(config_file), site_dir=str(staging), strict=strict)
        config.plugins["katalog"].config.content = str(content_dir.resolve())
        mkdocs_build(config)
    except (MkDocsException, OSError) as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise BuildError(f"situs gagal dibangun ({exc}); situs sebelumnya tidak diubah") from exc
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _swap(staging, site_dir)


def generate_markdown(content_dir: Path, out_dir: Path) -> int:
    """Write the generated Markdown pages, exports and media into ``out_dir``.

    The same files the MkDocs plugin feeds to the build, as a folder any
    Markdown site engine can read. Only changed files are rewritten.
    Returns how many files were written or removed.
    """
    content = load_content(content_dir)
    problems = check_content(content)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise BuildError(f"{len(errors)} galat di konten; tidak ada yang ditulis", errors)
    catalog = build_catalog(content)
    texts = render_site(catalog)
    return write_tree(out_dir, texts, media_files(catalog, content_dir))


def _swap(staging: Path, site_dir: Path) -> None:
    """Put the new site in place; the old one is removed only after the swap."""
    old = None
    if site_dir.exists():
        old = Path(tempfile.mkdtemp(prefix=".site-lama-", dir=site_dir.parent))
        old.rmdir()
        site_dir.rename(old)
    staging.chmod(0o755)  # mkdtemp makes it private; a published folder is readable
    staging.rename(site_dir)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def serve_site(config_file: Path, content_dir: Path, dev_addr: str) -> int:
    """Live preview with MkDocs' server; edits under content/ trigger a rebuild."""
    from mkdocs.commands.serve import serve

    _quiet_banners()
    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s -  %(message)s")
    os.environ[CONTENT_ENV] = str(content_dir.resolve())
    # Dirty reload: only pages whose generated Markdown changed are rebuilt.
    serve(config_file=str(config_file), dev_addr=dev_addr, livereload=True, build_type="dirty")
    return 0
