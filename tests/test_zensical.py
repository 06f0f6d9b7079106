"""The shipped catalog built with Zensical (Material for MkDocs' successor), the version pinned in requirements.lock.

One real ``katalog build --mesin zensical --strict`` of content/ per module; every
assertion reads the HTML html5lib parses, as a browser would. What does not
work under Zensical yet is asserted as such (test names say ``limitation``),
so a newer Zensical that changes it shows up here; the README lists the same.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from importlib.metadata import version
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import html5lib
import pytest
import test_guarantees
from conftest import BIN, ROOT, new_catalog

from generator.content import load_content
from generator.model import Catalog, Innovation, build_catalog
from generator.zensical import index_layout

#: Fixture: the hostile catalogs test_guarantees builds with MkDocs, rebuilt here with Zensical (as is the conftest's
#: clean_site).
hostile_sites = test_guarantees.hostile_sites

#: The pages are served under a sub-path, as on a GitHub Pages project site: a link that only works at the root fails.
BASE = "http://situs.test/katalog-inovasi/"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return build_catalog(load_content(ROOT / "content"))


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("zensical") / "site"
    result = _katalog("build", "--mesin", "zensical", "--strict", "--site", str(site), cwd=ROOT)  # as publish.yml builds
    assert result.returncode == 0, f"katalog build --mesin zensical gagal:\n{result.stdout}\n{result.stderr}"
    assert "Traceback" not in result.stderr
    return site


def _katalog(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.run([str(BIN / "katalog"), *args], cwd=cwd, capture_output=True, text=True, env=env, timeout=600)


def _parse(path: Path):
    return html5lib.parse(path.read_bytes(), treebuilder="etree", namespaceHTMLElements=False)


def _text(element) -> str:
    return " ".join(" ".join(element.itertext()).split())


def _classed(root, tag: str, name: str) -> list:
    return [e for e in root.iter(tag) if name in (e.get("class") or "").split()]


class Page:
    """One built page: its document, its main content (Material's article) and its address."""

    def __init__(self, site: Path, address: str) -> None:
        self.address = address
        self.path = site / address / "index.html" if address else site / "index.html"
        assert self.path.is_file(), f"halaman /{address} tidak dibangun oleh Zensical"
        self.doc = _parse(self.path)
        articles = _classed(self.doc, "article", "md-content__inner")
        assert len(articles) == 1, f"/{address}: isi halaman (article.md-content__inner) tidak ada"
        self.article = articles[0]
        self.text = _text(self.article)

    @property
    def h1(self) -> str:
        return _text(next(self.article.iter("h1")))

    def meta(self, key: str) -> str | None:
        found = [m.get("content") for m in self.doc.iter("meta") if key in (m.get("property"), m.get("name"))]
        return found[0] if found else None

    def links_to(self, address: str) -> bool:
        """The main content has a link that resolves (under a sub-path) to the page at ``address``."""
        here = urljoin(BASE, self.address + "/" if self.address else "")
        return any(urljoin(here, a.get("href") or "") == BASE + address for a in self.article.iter("a"))


def _innovation_with_media(catalog: Catalog) -> Innovation:
    return next(i for i in catalog.innovations if i.media)


def test_built_by_the_pinned_zensical(site: Path) -> None:
    """The site is Zensical's work, and Zensical is the version requirements.lock pins."""
    pinned = re.search(r"^zensical==(\S+)", (ROOT / "requirements.lock").read_text(encoding="utf-8"), re.MULTILINE)
    assert pinned, "requirements.lock tidak mengunci zensical"
    assert version("zensical") == pinned[1]
    assert Page(site, "").meta("generator") == f"zensical-{pinned[1]}"


def test_home_names_the_region_and_links_to_the_newest_innovations(site: Path, catalog: Catalog) -> None:
    home = Page(site, "")
    title = next(home.doc.iter("title")).text or ""
    assert f"Katalog Inovasi {catalog.daerah}" in title
    newest = max(catalog.innovations, key=lambda i: (i.newest_date, i.nama))
    assert newest.nama in home.text
    assert home.links_to(f"inovasi/{newest.slug}/")
    assert home.links_to("katalog/")


def test_innovation_page_carries_name_summary_unit_and_image(site: Path, catalog: Catalog) -> None:
    innovation = _innovation_with_media(catalog)
    page = Page(site, f"inovasi/{innovation.slug}")
    assert page.h1 == innovation.nama
    assert [_text(p) for p in _classed(page.article, "p", "ki-ringkasan")] == [innovation.ringkasan]
    assert innovation.unit.nama in page.text
    assert page.links_to(f"perangkat-daerah/{innovation.unit.id}/")
    assert page.links_to("katalog/")  # the breadcrumb: raw HTML, which Zensical reads relative to the Markdown file
    # The theme's templates ran under minijinja: the page's own title, type and description.
    assert page.meta("og:title") == innovation.nama
    assert page.meta("og:type") == "article"
    assert page.meta("og:description") == innovation.ringkasan
    images = [img.get("src") for img in page.article.iter("img")]
    expected = f"{BASE}inovasi/{innovation.slug}/{innovation.media[0].berkas}"
    assert expected in [urljoin(f"{BASE}inovasi/{innovation.slug}/", src or "") for src in images]
    assert (site / "inovasi" / innovation.slug / innovation.media[0].berkas).is_file()


def test_unit_page_lists_its_innovations(site: Path, catalog: Catalog) -> None:
    innovation = _innovation_with_media(catalog)
    page = Page(site, f"perangkat-daerah/{innovation.unit.id}")
    assert page.h1 == innovation.unit.nama
    assert innovation.nama in page.text
    assert page.links_to(f"inovasi/{innovation.slug}/")
    assert page.meta("og:type") == "website"


def test_affair_page_lists_its_innovations(site: Path, catalog: Catalog) -> None:
    innovation = _innovation_with_media(catalog)
    page = Page(site, f"urusan/{innovation.affair.id}")
    assert page.h1 == innovation.affair.nama
    assert page.links_to(f"inovasi/{innovation.slug}/")
    assert Page(site, "urusan").links_to(f"urusan/{innovation.affair.id}/")  # a Markdown link between moved pages


def test_catalog_listing_has_every_innovation(site: Path, catalog: Catalog) -> None:
    page = Page(site, "katalog")
    for innovation in catalog.innovations:
        assert innovation.nama in page.text
        assert page.links_to(f"inovasi/{innovation.slug}/"), innovation.slug


def test_hand_written_pages_are_built(site: Path, catalog: Catalog) -> None:
    assert catalog.halaman
    for hand in catalog.halaman:
        page = Page(site, hand.name)
        assert page.meta("og:title") == (hand.title or page.h1)
        plain = next(p for p in hand.body.split("\n\n") if p.strip() and not re.search(r"[#*`\[<_|>-]", p))
        assert " ".join(plain.split()) in page.text


def test_site_wide_theme_additions(site: Path, catalog: Catalog) -> None:
    """The overrides in docs_overrides/ render: publisher in the footer, sample notice, Pagefind dialog, feed link."""
    page = Page(site, f"inovasi/{catalog.innovations[0].slug}")
    footer = _text(_classed(page.doc, "div", "ki-kaki")[0])
    assert f"Diterbitkan oleh {catalog.penyelenggara}" in footer
    samples = sum(1 for i in catalog.innovations if i.contoh)
    notices = _classed(page.doc, "p", "ki-banner-contoh")
    assert len(notices) == (1 if samples else 0)
    if samples:
        assert f"{samples} dari {len(catalog.innovations)} inovasi" in _text(notices[0])
    assert [e for e in page.doc.iter("div") if e.get("data-ki-cari") is not None], "dialog pencarian Pagefind tidak ada"
    assert any(link.get("type") == "application/atom+xml" for link in page.doc.iter("link"))
    missing = Page(site, "").path.parent / "404.html"
    assert "Halaman tidak ditemukan" in _text(_parse(missing))


def _target(site: Path, here: str, value: str) -> Path | None:
    """The built file a link of page ``here`` (a URL under BASE) reaches; None for another host; a path outside the site
    (which does not exist) for a link that climbs above BASE."""
    url = urlsplit(urljoin(here, value))
    if url.netloc != urlsplit(BASE).netloc:
        return None
    path = unquote(url.path)
    inside = path.removeprefix(urlsplit(BASE).path) if path.startswith(urlsplit(BASE).path) else "../di-luar-situs"
    return site / inside / "index.html" if path.endswith("/") else site / inside


def test_every_link_resolves_under_a_sub_path(site: Path) -> None:
    """Every relative href/src of every page (the 404 page uses root addresses, as with MkDocs) names a built file."""
    broken = []
    for path in sorted(site.rglob("*.html")):
        relative = path.relative_to(site).as_posix()
        if relative == "404.html" or relative.startswith("pagefind/"):
            continue
        here = BASE + relative.removesuffix("index.html")
        for element in _parse(path).iter():
            values = [element.get(a) for a in ("href", "src")] if isinstance(element.tag, str) else []
            for value in filter(None, values):
                target = _target(site, here, value)
                if target is not None and not target.is_file():
                    broken.append(f"{relative}: {value}")
    assert not broken, f"{len(broken)} tautan rusak, misalnya: {broken[:10]}"


def test_exports_feed_and_search_index(site: Path, catalog: Catalog) -> None:
    """The generated files that are not pages pass through; Pagefind indexes innovations and hand-written pages."""
    data = json.loads((site / "data" / "inovasi.json").read_text(encoding="utf-8"))
    assert len(data["inovasi"]) == len(catalog.innovations)
    assert (site / "feed.xml").is_file() and (site / "robots.txt").is_file() and (site / "sitemap.xml").is_file()
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert sum(lang["page_count"] for lang in entry["languages"].values()) == len(catalog.innovations) + len(catalog.halaman)


def test_index_layout_moves_pages_into_folders_and_follows_markdown_links() -> None:
    """Each page gets a folder of its own; Markdown links between pages follow them; raw HTML and other files stay."""
    moved = index_layout({
        "index.md": "[a](urusan/pendidikan.md) [b](katalog/index.md)",
        "urusan/index.md": "[c](pendidikan.md#sekolah)",
        "urusan/pendidikan.md": '[d](../katalog/index.md) [e](index.md) [f](../tentang.md) <a href="../../katalog/">g</a>',
        "tentang.md": "[h](urusan/pendidikan.md)",
        "data/inovasi.json": "[i](x.md)",
    })
    assert moved == {
        "index.md": "[a](urusan/pendidikan/index.md) [b](katalog/index.md)",
        "urusan/index.md": "[c](pendidikan/index.md#sekolah)",
        "urusan/pendidikan/index.md": '[d](../../katalog/index.md) [e](../index.md) [f](../../tentang/index.md) '
                                      '<a href="../../katalog/">g</a>',
        "tentang/index.md": "[h](../urusan/pendidikan/index.md)",
        "data/inovasi.json": "[i](x.md)",
    }


def _rebuilt_with_zensical(site: Path) -> Path:
    """The project a MkDocs site was built from, built again with Zensical beside it."""
    again = site.parent / "site-zensical"
    result = _katalog("build", "--mesin", "zensical", "--site", str(again), cwd=site.parent)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr[-3000:]
    return again


@pytest.mark.heavy
def test_hostile_content_stays_inert(clean_site: Path, hostile_sites: list[Path]) -> None:
    """Limitation of Zensical 0.0.73 (no MkDocs plugin hooks): the katalog plugin sanitises the HTML of hand-written
    pages once more after MkDocs' Markdown (on_page_content); Zensical runs no such hook. The generator's escaping and
    sanitising carry the guarantee alone, and hold: every accepted hostile case of the corpus (the same catalogs
    test_guarantees builds with MkDocs) built with Zensical has no script, event handler or dangerous URL beyond what
    Zensical's theme itself adds to a clean site."""
    clean = _rebuilt_with_zensical(clean_site)
    for site in hostile_sites:
        assert test_guarantees.scan_site(_rebuilt_with_zensical(site), clean).problems == {}


def test_limitation_no_edit_links(site: Path, catalog: Catalog) -> None:
    """Limitation of Zensical 0.0.73: a page's edit link is set by the katalog plugin's page hook (an innovation is
    edited in its YAML file), and Zensical runs no MkDocs plugin nor reads an edit URL from front matter; its own edit
    URL would point at the generated Markdown. So the edit button is left out (content.action.edit is switched off)."""
    for address in (f"inovasi/{catalog.innovations[0].slug}", catalog.halaman[0].name):
        assert not [a for a in Page(site, address).doc.iter("a") if a.get("rel") == "edit"]


def test_refuses_a_folder_it_did_not_write(tmp_path: Path) -> None:
    """The site folder is guarded as with MkDocs: a folder holding other files is left alone (exit 2)."""
    cat = new_catalog(tmp_path / "proyek")
    folder = cat.root / "keluaran"
    folder.mkdir()
    (folder / "catatan.txt").write_text("milik orang lain\n", encoding="utf-8")
    result = _katalog("build", "--mesin", "zensical", "--site", str(folder), cwd=cat.root)
    assert result.returncode == 2, result.stderr
    assert "bukan situs katalog" in result.stderr
    assert [p.name for p in folder.iterdir()] == ["catatan.txt"]
    assert not [p for p in cat.root.iterdir() if p.name.startswith(".site-")], "folder kerja tertinggal"
