"""The search index a build makes while MkDocs reads the pages is the one Pagefind's crawl of the built site makes.

``katalog build`` hands Pagefind each page's content as MkDocs converts it
(generator/search.py: :func:`indexed_document` stands for what the theme puts
around it) instead of crawling the site afterwards. These tests crawl the
built site with the Pagefind command, as the build once did, and compare what
each index holds for every page: its text, title, metadata, filters, anchors
and word count.
"""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

from conftest import Catalog

from generator.search import ROOT_SELECTOR


def fragments(index: Path) -> dict[str, dict]:
    """URL → what the index stores for that page (Pagefind's fragment files: gzip of a marker and JSON)."""
    out = {}
    for path in (index / "fragment").iterdir():
        data = json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd"))
        out[data["url"]] = data
    return out


def crawl(site: Path, out: Path) -> Path:
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site), "--root-selector", ROOT_SELECTOR,
                    "--output-path", str(out), "--silent"], check=True, capture_output=True, timeout=300)
    return out


def page_counts(index: Path) -> dict[str, int]:
    entry = json.loads((index / "pagefind-entry.json").read_text(encoding="utf-8"))
    return {language: data["page_count"] for language, data in entry["languages"].items()}


def test_shipped_site_index_is_the_crawl_of_the_built_site(shipped_site: Path, tmp_path: Path) -> None:
    crawled = crawl(shipped_site, tmp_path / "crawl")
    built, expected = fragments(shipped_site / "pagefind"), fragments(crawled)
    assert sorted(built) == sorted(expected)
    assert [url for url in built if built[url] != expected[url]] == []
    assert page_counts(shipped_site / "pagefind") == page_counts(crawled)


def test_hand_page_without_heading_and_hostile_text_index_as_crawled(catalog: Catalog, tmp_path: Path) -> None:
    # A hand-written page without a heading gets the theme's title heading; text that looks like markup stays text.
    (catalog.content / "halaman" / "tanpa-judul.md").write_text(
        "---\ntitle: Halaman <b>Tanpa</b> Judul\n---\n\nIsi halaman &lt;script&gt; tanpa judul sendiri.\n", encoding="utf-8")
    site = catalog.root / "site"
    catalog.run("build", "--site", str(site), check=True)
    built, expected = fragments(site / "pagefind"), fragments(crawl(site, tmp_path / "crawl"))
    assert "/tanpa-judul/" in built
    assert built == expected


def test_a_pagefind_that_stops_fails_the_build_in_one_line(catalog: Catalog, monkeypatch) -> None:
    site = catalog.root / "site"
    catalog.run("build", "--site", str(site), check=True)
    before = (site / "index.html").read_bytes()
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", "/bin/false")  # starts, reads nothing, exits
    result = catalog.run("build", "--site", str(site))
    assert result.returncode == 1
    assert "Pagefind berhenti saat membuat indeks pencarian" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert (site / "index.html").read_bytes() == before  # the previous site is left as it was


def bundles(index: Path) -> list[Path]:
    """The folders of a site's index: ``pagefind/`` and those ``pagefind/bagian.json`` lists."""
    listed = json.loads((index / "bagian.json").read_text(encoding="utf-8"))["bagian"]
    return [index, *(index / name for name in listed)]


def test_a_large_catalogs_index_comes_in_bundles_that_hold_every_page_once(bundled_site: Path,
                                                                             shipped_site: Path) -> None:
    """The shipped content with bundles of at most four pages (a catalog of thousands has bundles of 2,000): every
    page the one index holds is in exactly one bundle, stored the same, and the bundles are listed in order."""
    whole = fragments(shipped_site / "pagefind")
    parts = [fragments(folder) for folder in bundles(bundled_site / "pagefind")]
    assert len(parts) == -(-len(whole) // 4) > 2
    assert [folder.name for folder in bundles(bundled_site / "pagefind")[1:]] == [
        f"bagian-{n}" for n in range(2, len(parts) + 1)]
    assert all(0 < len(part) <= 4 for part in parts)
    assert sum(len(part) for part in parts) == len(whole)
    assert {url: data for part in parts for url, data in part.items()} == whole
    assert json.loads((shipped_site / "pagefind" / "bagian.json").read_text(encoding="utf-8")) == {"bagian": []}


def test_a_pagefind_that_stops_answering_fails_the_build_instead_of_holding_it(catalog: Catalog, monkeypatch,
                                                                                tmp_path) -> None:
    """Attacker walk: a Pagefind that hangs (stopped, or a binary that never answers) held the build forever. Each
    answer is waited for at most search.ANSWER_TIMEOUT seconds (here one), then the build fails in one line."""
    import generator.search

    silent = tmp_path / "pagefind-diam"
    silent.write_text("#!/bin/sh\nexec sleep 600\n", encoding="utf-8")
    silent.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(silent))
    monkeypatch.setattr(generator.search, "ANSWER_TIMEOUT", 1.0)
    result = catalog.run_here("build")
    assert result.returncode == 1, result.stderr
    assert "Pagefind tidak menjawab dalam 1 detik saat membuat indeks pencarian" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert not (catalog.root / "site").exists()
