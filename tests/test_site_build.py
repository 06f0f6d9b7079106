"""The built site of a small catalog: URLs, page content, edit links, badges, search, palettes.

One real ``mkdocs build --strict`` per module (plus one ``katalog build`` and one
30-innovation build); every assertion reads the HTML a visitor would get.
"""

from __future__ import annotations

import gzip
import json
import posixpath
import re
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import NamedTuple

import pytest
from conftest import AFFAIRS, ROOT, Catalog
from test_site_support import (
    PNG,
    REPO,
    SITE_NAME,
    Html,
    Node,
    innovation_text,
    mkdocs,
    new_catalog,
    read_page,
    require_ok,
)

from generator.clock import today as wib_today

#: The conftest innovation, plus sample-data flag, budget and an image.
ANTREAN = innovation_text(
    anggaran={"sumber": "apbd", "jumlah": 25000000},
    media=[{"berkas": "layar.png", "keterangan": "Halaman pengambilan nomor antrean"}],
    contoh=True,
)
PORTAL = innovation_text(
    nama="Portal Data Terbuka Kota",
    ringkasan="Data sektoral perangkat daerah terbit di satu portal yang bisa diunduh warga.",
    perangkat_daerah="diskominfo",
    perangkat_daerah_lain=None,
    urusan={"utama": "komunikasi_informatika"},
)
LITERASI = innovation_text(
    nama="Gerakan Literasi Pagi",
    ringkasan="Lima belas menit membaca bersama sebelum pelajaran pertama dimulai setiap hari.",
    perangkat_daerah="sdn-1",
    perangkat_daerah_lain=None,
    bentuk="tata_kelola",
    jenis="non_digital",
    urusan={"utama": "pendidikan"},
)
#: An affair no innovation uses: it must not get a page.
UNUSED_AFFAIR = "pariwisata"
SLUGS = ("antrean-daring", "portal-data", "literasi-pagi")
UNIT_IDS = ("disdukcapil", "diskominfo", "sdn-1")


def small_catalog(root: Path) -> Catalog:
    cat = new_catalog(root)
    cat.write("urusan.yml", AFFAIRS + f"- id: {UNUSED_AFFAIR}\n  nama: Pariwisata\n  kelompok: pilihan\n")
    cat.innovation("antrean-daring", ANTREAN)
    cat.write("media/antrean-daring/layar.png", PNG)
    cat.innovation("portal-data", PORTAL)
    cat.innovation("literasi-pagi", LITERASI)
    return cat


class Built(NamedTuple):
    cat: Catalog
    mkdocs: subprocess.CompletedProcess[str]
    katalog: subprocess.CompletedProcess[str]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The small catalog built by plain ``mkdocs build --strict`` into site/, and by ``katalog build``
    into site-katalog/ right after it (back to back, so both see the same generator code)."""
    cat = small_catalog(tmp_path_factory.mktemp("kecil") / "proyek")
    result = mkdocs(cat, "build", "--strict")
    return Built(cat, result, cat.run("build", "--site", "site-katalog"))


@pytest.fixture(scope="module")
def site(built: Built) -> Path:
    require_ok(built.mkdocs, "mkdocs build --strict")
    return built.cat.root / "site"


# --- 1. URLs of the contract -------------------------------------------------


def test_strict_mkdocs_build_of_a_small_catalog_succeeds(built: Built) -> None:
    require_ok(built.mkdocs, "mkdocs build --strict")


@pytest.mark.parametrize(
    "url",
    ["/", "/katalog/", "/perangkat-daerah/", "/tentang/", "/urusan/"]
    + [f"/inovasi/{s}/" for s in SLUGS]
    + [f"/perangkat-daerah/{u}/" for u in UNIT_IDS]
    + ["/urusan/administrasi_kependudukan/", "/urusan/komunikasi_informatika/", "/urusan/pendidikan/"],
)
def test_contract_url_is_built(site: Path, url: str) -> None:
    assert read_page(site, url).article.find("h1") is not None


def test_affair_without_innovations_gets_no_page(site: Path) -> None:
    assert not (site / "urusan" / UNUSED_AFFAIR).exists()
    assert (site / "urusan" / "pendidikan" / "index.html").is_file()


def test_every_innovation_file_has_exactly_one_page(site: Path) -> None:
    built_slugs = sorted(p.parent.name for p in (site / "inovasi").glob("*/index.html"))
    assert built_slugs == sorted(SLUGS)


def test_tentang_page_comes_from_content_halaman(site: Path) -> None:
    tentang = read_page(site, "/tentang/")
    assert tentang.article.find("h1").text == "Tentang"
    assert "Katalog uji." in tentang.article.text


@pytest.mark.parametrize("path", ["statistik/index.html", "data/inovasi.json", "data/inovasi.csv", "feed.xml"])
def test_remaining_contract_urls_are_built(site: Path, path: str) -> None:
    assert (site / path).is_file()
    assert (site / path).stat().st_size > 0


def test_open_data_and_feed_name_every_innovation(site: Path) -> None:
    exported = (site / "data" / "inovasi.json").read_text(encoding="utf-8")
    json.loads(exported)
    for name in ("Antrean Daring Kependudukan", "Portal Data Terbuka Kota", "Gerakan Literasi Pagi"):
        assert name in exported
        assert name in (site / "data" / "inovasi.csv").read_text(encoding="utf-8")
        assert name in (site / "feed.xml").read_text(encoding="utf-8")


# --- 2. One innovation page as a visitor reads it ---------------------------


def test_innovation_page_title_uses_site_name_from_katalog_yml(site: Path) -> None:
    html = read_page(site, "/inovasi/antrean-daring/")
    assert html.title == f"Antrean Daring Kependudukan - {SITE_NAME}"
    assert "Katalog Inovasi Daerah" not in html.source  # the placeholder site_name of mkdocs.yml


def test_innovation_page_is_indonesian_with_summary_as_description(site: Path) -> None:
    html = read_page(site, "/inovasi/antrean-daring/")
    assert html.doc.find("html").attrs.get("lang") == "id"
    assert html.meta("description") == ["Warga mengambil nomor antrean pelayanan Disdukcapil dari ponsel."]
    canonical = [link.attrs["href"] for link in html.doc.find_all("link") if link.attrs.get("rel") == "canonical"]
    assert canonical == ["https://inovasi.contoh.go.id/inovasi/antrean-daring/"]  # situs from katalog.yml


def test_innovation_page_shows_labels_not_ids(site: Path) -> None:
    text = read_page(site, "/inovasi/antrean-daring/").article.text
    for shown in ("Antrean Daring Kependudukan", "Uji Coba", "Inovasi Pelayanan Publik", "Digital",
                  "Dinas Kependudukan dan Pencatatan Sipil", "Administrasi Kependudukan dan Pencatatan Sipil",
                  "Komunikasi dan Informatika", "Perangkat Daerah", "APBD"):
        assert shown in text
    for raw_id in ("uji_coba", "pelayanan_publik", "administrasi_kependudukan", "komunikasi_informatika",
                   "perangkat_daerah", "apbd", "disdukcapil"):
        assert raw_id not in text


def test_innovation_page_formats_dates_and_rupiah(site: Path) -> None:
    text = read_page(site, "/inovasi/antrean-daring/").article.text
    assert "1 Maret 2025" in text
    assert "2025-03-01" not in text
    assert "Rp25.000.000" in text
    assert "25000000" not in text


def test_innovation_links_resolve_to_unit_and_affair_pages(site: Path) -> None:
    article = read_page(site, "/inovasi/antrean-daring/").article
    by_text = {a.text: a.attrs.get("href", "") for a in article.find_all("a")}
    assert by_text["Dinas Kependudukan dan Pencatatan Sipil"] == "../../perangkat-daerah/disdukcapil/"
    assert by_text["Administrasi Kependudukan dan Pencatatan Sipil"] == "../../urusan/administrasi_kependudukan/"


def test_innovation_media_is_copied_and_shown_with_alt_text(site: Path) -> None:
    copied = site / "inovasi" / "antrean-daring" / "layar.png"
    assert copied.read_bytes() == PNG
    images = read_page(site, "/inovasi/antrean-daring/").article.find_all("img")
    assert len(images) == 1
    img = images[0]
    assert img.attrs.get("alt") == "Halaman pengambilan nomor antrean"
    resolved = posixpath.normpath(posixpath.join("inovasi/antrean-daring", img.attrs["src"]))
    assert (site / resolved).resolve() == copied.resolve()


# --- 3. Edit links ------------------------------------------------------------


def test_innovation_edit_link_points_at_its_yaml_file(site: Path) -> None:
    for slug in SLUGS:
        assert read_page(site, f"/inovasi/{slug}/").edit_links() == [f"{REPO}/edit/main/content/inovasi/{slug}.yml"]


def test_hand_written_page_edit_link_points_at_its_markdown_file(site: Path) -> None:
    assert read_page(site, "/tentang/").edit_links() == [f"{REPO}/edit/main/content/halaman/tentang.md"]


@pytest.mark.parametrize("url", ["/", "/katalog/", "/perangkat-daerah/", "/perangkat-daerah/disdukcapil/",
                                 "/urusan/", "/urusan/pendidikan/"])
def test_generated_listing_pages_have_no_edit_link(site: Path, url: str) -> None:
    assert read_page(site, url).edit_links() == []


def test_repository_link_comes_from_katalog_yml(site: Path) -> None:
    sources = {a.attrs.get("href") for a in read_page(site, "/").doc.by_class("md-source")}
    assert sources == {REPO}


# --- 4. "Contoh" badge --------------------------------------------------------


def _contoh_badges(node: Node) -> list[Node]:
    """Visible "Contoh" badges: an element reading exactly "Contoh" and styled as a badge."""
    return [n for n in node.iter() if n.text == "Contoh" and "badge" in n.attrs.get("class", "")]


def _row_of(html: Html, slug: str) -> Node:
    rows = [tr for tr in html.article.find_all("tr")
            if any(a.attrs.get("href", "").rstrip("/").endswith(f"inovasi/{slug}") for a in tr.find_all("a"))]
    assert len(rows) == 1, f"{html.path}: {len(rows)} baris untuk {slug}"
    return rows[0]


def test_sample_innovation_page_shows_contoh_badge(site: Path) -> None:
    assert _contoh_badges(read_page(site, "/inovasi/antrean-daring/").article)


def test_real_innovation_page_has_no_contoh_badge(site: Path) -> None:
    for slug in ("portal-data", "literasi-pagi"):
        article = read_page(site, f"/inovasi/{slug}/").article
        assert not _contoh_badges(article)
        assert not [n for n in article.iter() if n.text == "Contoh"]


@pytest.mark.parametrize("url", ["/", "/katalog/", "/perangkat-daerah/disdukcapil/", "/urusan/administrasi_kependudukan/"])
def test_listing_marks_sample_innovation_with_contoh_badge(site: Path, url: str) -> None:
    html = read_page(site, url)
    assert _contoh_badges(_row_of(html, "antrean-daring"))


@pytest.mark.parametrize("url", ["/", "/katalog/", "/perangkat-daerah/diskominfo/", "/urusan/komunikasi_informatika/"])
def test_listing_shows_no_badge_on_real_innovation(site: Path, url: str) -> None:
    assert not _contoh_badges(_row_of(read_page(site, url), "portal-data"))


# --- 11. Search, 12. palettes -------------------------------------------------


def search_documents(site: Path) -> dict[str, str]:
    """URL → title of every page in the site's search index (Material's lunr index or Pagefind's)."""
    lunr = site / "search" / "search_index.json"
    if lunr.is_file():
        docs = json.loads(lunr.read_text(encoding="utf-8"))["docs"]
        return {"/" + d["location"]: d["title"] for d in docs if "#" not in d["location"]}
    found = {}
    for fragment in sorted((site / "pagefind" / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(fragment.read_bytes())
        record = json.loads(data[data.index(b"{"):])
        found[record["url"]] = record["meta"].get("title", "")
    return found


def test_search_index_contains_innovation_names(site: Path) -> None:
    docs = search_documents(site)
    assert docs.get("/inovasi/antrean-daring/") == "Antrean Daring Kependudukan"
    assert docs.get("/inovasi/portal-data/") == "Portal Data Terbuka Kota"


def _search_entry_points(html: Html) -> list[Node]:
    """The Pagefind search dialog of the header (docs_overrides/partials/cari.html) and its input."""
    return [n for n in html.doc.iter()
            if "data-ki-cari" in n.attrs and n.attrs.get("role") == "dialog"
            and any(c.tag == "input" for c in n.iter())]


@pytest.mark.parametrize("url", ["/", "/inovasi/antrean-daring/"])
def test_search_box_is_on_every_page(site: Path, url: str) -> None:
    assert _search_entry_points(read_page(site, url)), f"{url}: tidak ada kotak pencarian"


def test_light_and_dark_palettes_follow_the_system_setting(site: Path) -> None:
    html = read_page(site, "/inovasi/antrean-daring/")
    assert html.doc.find("body").attrs.get("data-md-color-scheme") == "default"
    palette = html.doc.find("form", data_md_component="palette")
    assert palette is not None
    options = {i.attrs.get("data-md-color-media"): i.attrs.get("data-md-color-scheme") for i in palette.find_all("input")}
    assert options == {"(prefers-color-scheme: light)": "default", "(prefers-color-scheme: dark)": "slate"}
    # Each option is a labelled toggle a visitor can use.
    assert all(i.attrs.get("aria-label") for i in palette.find_all("input"))
    assert len(palette.find_all("label")) == 2


# --- 8. katalog build and mkdocs build agree ---------------------------------


def _build_dates() -> set[str]:
    now = datetime.now(UTC)
    return {d.isoformat() for d in (wib_today(), now.date(), (now - timedelta(hours=1)).date())}


def _normalised(path: Path) -> bytes:
    """File bytes with the build's own date and time (sitemap lastmod, feed/export timestamps) masked."""
    data = path.read_bytes()
    for day in _build_dates():
        data = re.sub(re.escape(day).encode() + rb"(T[0-9:.]+(Z|[+-][0-9:]+)?)?", b"BUILD-DATE", data)
    return data


#: Pagefind writes its filter and metadata chunks in hash-map order, so their bytes (and hashed
#: names) change from one run to the next even for identical pages; the per-page fragments do not.
_UNORDERED = re.compile(r"^pagefind/(filter/|pagefind\.[^/]*\.pf_meta$|pagefind-entry\.json$)")


def _comparable(site: Path) -> list[str]:
    return sorted(rel for p in site.rglob("*") if p.is_file()
                  and not _UNORDERED.match(rel := p.relative_to(site).as_posix()) and rel != "sitemap.xml.gz")


def test_katalog_build_and_mkdocs_build_produce_the_same_site(built: Built, site: Path) -> None:
    require_ok(built.katalog, "katalog build")
    other = built.cat.root / "site-katalog"
    files = _comparable(site)
    assert files == _comparable(other)
    differing = [f for f in files if _normalised(site / f) != _normalised(other / f)]
    assert differing == []
    # Sanity: the comparison covered the pages that matter, and both have the unordered files too.
    assert {"index.html", "inovasi/antrean-daring/index.html", "sitemap.xml"} <= set(files)
    for tree in (site, other):
        assert (tree / "sitemap.xml.gz").is_file()
        assert len(list((tree / "pagefind" / "filter").glob("*"))) == len(list((site / "pagefind" / "filter").glob("*")))


# --- 9. Navigation stays small -----------------------------------------------


@pytest.fixture(scope="module")
def site_30(built: Built, tmp_path_factory: pytest.TempPathFactory) -> Path:
    cat = small_catalog(tmp_path_factory.mktemp("besar") / "proyek")
    for n in range(27):
        cat.innovation(f"inovasi-tambahan-{n:02d}", innovation_text(
            nama=f"Inovasi Tambahan Nomor {n:02d}",
            ringkasan=f"Ringkasan inovasi tambahan nomor {n:02d} untuk menguji navigasi situs.",
        ))
    require_ok(mkdocs(cat, "build", "--strict"), "mkdocs build --strict (30 inovasi)")
    assert len(list((cat.root / "site" / "inovasi").glob("*/index.html"))) == 30
    return cat.root / "site"


def test_innovation_page_size_does_not_grow_with_the_catalog(site: Path, site_30: Path) -> None:
    small = (site / "inovasi" / "antrean-daring" / "index.html").stat().st_size
    large = (site_30 / "inovasi" / "antrean-daring" / "index.html").stat().st_size
    assert abs(large - small) <= 0.05 * small, (small, large)


def test_navigation_does_not_list_every_innovation(site_30: Path) -> None:
    html = read_page(site_30, "/inovasi/antrean-daring/")
    nav_links = [a.attrs.get("href", "") for nav in html.doc.find_all("nav") for a in nav.find_all("a")]
    to_innovations = [h for h in nav_links if "inovasi/" in h and not h.startswith("#")]
    assert to_innovations == []
    assert "Inovasi Tambahan Nomor" not in " ".join(nav.text for nav in html.doc.find_all("nav"))


# --- 10. The shipped content --------------------------------------------------


# ``shipped_site`` (conftest): the repository's content/ built once per session with ``katalog build --site``.


def test_shipped_content_builds_every_innovation(shipped_site: Path) -> None:
    sources = sorted(p.stem for p in (ROOT / "content" / "inovasi").glob("*.yml"))
    assert sorted(p.parent.name for p in (shipped_site / "inovasi").glob("*/index.html")) == sources


def test_shipped_home_page_shows_region_and_target(shipped_site: Path) -> None:
    html = read_page(shipped_site, "/")
    text = html.article.text
    assert "Kota Pangkalpinang" in text
    assert re.search(r"(?<![\d.])100(?![\d.])", text), "target 100 tidak tampil di beranda"
    assert html.title.endswith("Katalog Inovasi Kota Pangkalpinang")
    assert [p.attrs.get("max") for p in html.article.find_all("progress")] == ["100"]


def test_build_leaves_no_staging_folders(built: Built, shipped_site: Path) -> None:
    assert not [p.name for p in built.cat.root.iterdir() if p.name.startswith(".site-")]
    assert not [p.name for p in shipped_site.parent.iterdir() if p.name.startswith(".site-")]


# --- Optional sub-fields --------------------------------------------------------


def test_kontak_with_only_some_keys_is_shown(catalog: Catalog) -> None:
    """Every key of kontak is optional: a contact with only a name, or without one, still renders."""
    partial = {"hanya-nama": {"nama": "Bidang Pelayanan"},
               "tanpa-nama": {"email": "pelayanan@contoh.go.id", "telepon": "(0717) 123456"}}
    for slug, kontak in partial.items():
        catalog.innovation(slug, innovation_text(nama=f"Inovasi {slug}", kontak=kontak))
    assert catalog.run("check").returncode == 0
    require_ok(catalog.run_here("build"), "katalog build")
    for slug, kontak in partial.items():
        text = read_page(catalog.root / "site", f"/inovasi/{slug}/").article.text
        for value in kontak.values():
            assert value in text
