"""``katalog build --mesin zensical``: the same site built by Zensical instead of MkDocs.

Material for MkDocs reaches end of life in May 2027; Zensical, its successor,
reads ``mkdocs.yml`` and the theme overrides, but runs no MkDocs plugin. So the
``katalog`` plugin's work is done here, around it:

1. the content is checked and the site's files generated (as ``katalog generate``);
2. they are written, with a generated ``mkdocs.yml``, into a work folder beside
   the site (a staging folder named like ``katalog build``'s, so a later build
   removes one a killed build left behind);
3. Zensical builds that folder; Pagefind indexes the result;
4. the result replaces the site folder, under the same guards as ``katalog build``.

Two things differ from what the MkDocs plugin hands MkDocs:

* Zensical resolves relative URLs in raw HTML against the Markdown file's folder,
  where MkDocs leaves them as written (relative to the page's address). Our
  pages link in raw HTML, so every page ``a/b.md`` is written as
  ``a/b/index.md``: the file's folder is then the page's address and both
  readings agree (:func:`index_layout`).
* Per-page edit links (an innovation is edited in its YAML file) are set by a
  plugin hook Zensical does not run, so the edit button is left out.
"""

from __future__ import annotations

import html
import importlib.util
import posixpath
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

from .build import (
    BuildError,
    _refresh_codeowners,
    _refresh_editor_schema,
    refuse_foreign_site,
)
from .content import load_content
from .location import refuse_unsafe_output
from .model import Catalog, build_catalog
from .output import remove_orphans, staging_prefix, swap_in, write_tree
from .pages import media_files, render_site
from .plugin import site_nav
from .problems import visible
from .rules import check_content
from .search import SearchIndexError, index_site

#: A Markdown link to another generated page, as ``pages.rel`` writes it: ``](../urusan/pendidikan.md#x)``.
_MD_LINK = re.compile(r"\]\((?P<target>[a-z0-9_./-]+\.md)(?P<anchor>#[a-z0-9_-]*)?\)")


def moved(uri: str) -> str:
    """Where page ``uri`` goes in the index layout: ``a/b.md`` → ``a/b/index.md``; other files stay."""
    if not uri.endswith(".md") or posixpath.basename(uri) == "index.md":
        return uri
    return uri.removesuffix(".md") + "/index.md"


def _relink(text: str, uri: str) -> str:
    """Markdown links of page ``uri`` rewritten for the index layout (targets moved, paths from the new folder)."""
    here, there = posixpath.dirname(uri), posixpath.dirname(moved(uri))

    def link(found: re.Match[str]) -> str:
        target = moved(posixpath.normpath(posixpath.join(here, found["target"])))
        return f"]({posixpath.relpath(target, there or '.')}{found['anchor'] or ''})"
    return _MD_LINK.sub(link, text)


def index_layout(texts: dict[str, str]) -> dict[str, str]:
    """The generated files with every page in a folder of its own (``a/b.md`` → ``a/b/index.md``).

    Raw-HTML links are already relative to the page's address, which is now also
    the file's folder; Markdown links between pages are rewritten to the moved files.
    """
    return {moved(uri): _relink(text, uri) if uri.endswith(".md") else text for uri, text in texts.items()}


def _nav(entries: list[Any]) -> list[Any]:
    return [{title: moved(uri) for title, uri in entry.items()} if isinstance(entry, dict) else moved(entry)
            for entry in entries]


def zensical_config(project: dict[str, Any], catalog: Catalog, theme_dir: Path | None) -> dict[str, Any]:
    """The ``mkdocs.yml`` Zensical builds from: the project's, with what the plugin sets at build time.

    Pages are read from ``docs/`` and the site written to ``site/`` (both beside
    the file). The plugin list is replaced: Zensical ignores ``katalog``, and its
    own search is off (Pagefind indexes the site, as with MkDocs).
    """
    config = {key: value for key, value in project.items() if key not in ("plugins", "edit_uri", "edit_uri_template")}
    theme = dict(config.get("theme") or {})
    if theme_dir is not None:
        theme["custom_dir"] = str(theme_dir)
    theme.setdefault("variant", "classic")  # Material's look, which the site's styles are written for
    theme["features"] = [f for f in theme.get("features") or [] if f != "content.action.edit"]
    config.update(
        docs_dir="docs", site_dir="site", theme=theme, nav=_nav(site_nav(catalog)), plugins=[{"search": {"enabled": False}}],
        # Themes print these without escaping them (as the plugin sets them for MkDocs).
        site_name=html.escape(f"Katalog Inovasi {catalog.daerah}"), site_url=catalog.situs,
        site_description=html.escape(f"Katalog inovasi daerah {catalog.daerah}, diselenggarakan {catalog.penyelenggara}."),
    )
    if catalog.repositori:
        config.update(repo_url=catalog.repositori, repo_name=html.escape(catalog.repositori.rstrip("/").split("/", 3)[-1]))
    return config


def _project_config(config_file: Path) -> dict[str, Any]:
    try:
        project = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise BuildError(f"berkas konfigurasi '{config_file}' tidak dapat dibaca ({visible(str(exc))[:300]})") from exc
    if not isinstance(project, dict):
        raise BuildError(f"berkas konfigurasi '{config_file}' bukan pemetaan kunci: nilai")
    return project


def _theme_dir(project: dict[str, Any], config_file: Path) -> Path | None:
    custom = (project.get("theme") or {}).get("custom_dir") if isinstance(project.get("theme"), dict) else None
    return (config_file.parent / custom).resolve() if isinstance(custom, str) else None


def _run_zensical(config: Path, *, strict: bool) -> None:
    cmd = [sys.executable, "-m", "zensical", "build", "--config-file", str(config), *(["--strict"] if strict else [])]
    result = subprocess.run(cmd, cwd=config.parent, check=False, capture_output=True, text=True)
    if result.returncode != 0:
        lines = [line for line in (result.stderr or result.stdout).splitlines() if line.strip()]
        raise BuildError(f"Zensical gagal membangun situs ({visible(lines[-1] if lines else '')[:300]}); "
                         "situs sebelumnya tidak diubah")


def build_with_zensical(config_file: Path, content_dir: Path, site_dir: Path, *, strict: bool = False) -> None:
    """Check the content, build the site with Zensical, then swap it into ``site_dir``.

    Raises OutputDirError (bad usage) for a site folder the tool may not replace,
    BuildError when the content has errors or Zensical fails (the site is then untouched).
    """
    if importlib.util.find_spec("zensical") is None:
        raise BuildError("Zensical belum terpasang; pasang versi yang dikunci di requirements.lock "
                         "(make install memasangnya), lalu jalankan lagi")
    refuse_unsafe_output(site_dir, content=content_dir, projects=[config_file.parent, Path.cwd()], option="--site")
    shown, site_dir = site_dir, site_dir.resolve()
    remove_orphans(site_dir.parent)
    content = load_content(content_dir)
    errors = [p for p in check_content(content) if p.severity == "error"]
    if errors:
        raise BuildError(f"{len(errors)} kesalahan di konten; situs sebelumnya tidak diubah", errors)
    _refresh_editor_schema(content)  # what katalog build keeps current beside content/, with either engine
    _refresh_codeowners(content)
    if not config_file.is_file():
        raise BuildError(f"berkas konfigurasi '{config_file}' tidak ditemukan")
    project = _project_config(config_file)
    refuse_foreign_site(site_dir, shown)
    try:
        prefix = content_dir.resolve().relative_to(config_file.parent.resolve()).as_posix()
    except ValueError:
        prefix = "content"
    catalog = build_catalog(content, content_prefix=prefix)

    site_dir.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=staging_prefix("baru"), dir=site_dir.parent))
    try:
        write_tree(work / "docs", index_layout(render_site(catalog)), media_files(catalog, content_dir.resolve()))
        config = work / "mkdocs.yml"
        config.write_text(yaml.safe_dump(zensical_config(project, catalog, _theme_dir(project, config_file)),
                                         allow_unicode=True, sort_keys=False), encoding="utf-8")
        _run_zensical(config, strict=strict)
        index_site(work / "site")
        refuse_foreign_site(site_dir, shown)  # checked again: something may have appeared meanwhile
        swap_in(work / "site", site_dir)
    except (SearchIndexError, OSError) as exc:
        raise BuildError(f"situs gagal dibangun ({exc}); situs sebelumnya tidak diubah") from exc
    finally:
        shutil.rmtree(work, ignore_errors=True)
