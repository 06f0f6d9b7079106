"""One innovation's page: the summary panel, related innovations, sharing tags and printing.

A real ``katalog build`` of a small catalog for the HTML a visitor gets, and the
shipped site in headless Chromium for what a phone shows and what goes on paper.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

import pytest
from conftest import AFFAIRS, Catalog
from test_site_support import SITE_NAME, Html, innovation_text, new_catalog, read_page, require_ok

HOSTILE_NAME = 'Tanda "kutip" & <script>alert(1)</script> uji'
HOSTILE_SUMMARY = "Ringkasan <b>tebal</b> & 'kutip' \"ganda\" untuk uji tag meta halaman."

#: slug → changes to the conftest innovation (``antrean-daring``: Disdukcapil, administrasi
#: kependudukan with komunikasi dan informatika beside it).
OTHERS = {
    # same unit and same main affair: most related
    "cetak-ktp-keliling": {"nama": "Cetak KTP Keliling", "ringkasan": "Mobil pelayanan mencetak KTP-el di kelurahan.",
                           "perangkat_daerah_lain": None},
    "akta-kelahiran-rs": {"nama": "Akta Kelahiran dari Rumah Sakit",
                          "ringkasan": "Akta terbit sebelum ibu pulang dari rumah sakit.", "perangkat_daerah_lain": None},
    # same main affair, another unit
    "kk-daring": {"nama": "Kartu Keluarga Daring", "ringkasan": "Perubahan kartu keluarga diajukan dari rumah lewat ponsel.",
                  "perangkat_daerah": "diskominfo", "perangkat_daerah_lain": None},
    # another affair, but it overlaps this page's irisan: least related
    "portal-data": {"nama": "Portal Data Terbuka", "ringkasan": "Data sektoral terbit di satu portal yang bisa diunduh.",
                    "perangkat_daerah": "diskominfo", "perangkat_daerah_lain": None,
                    "urusan": {"utama": "komunikasi_informatika"}},
    # same unit only
    "survei-kepuasan": {"nama": "Survei Kepuasan Daring", "ringkasan": "Warga menilai pelayanan lewat kode QR di loket.",
                        "perangkat_daerah_lain": None, "urusan": {"utama": "pendidikan"}},
    # nothing in common: never related
    "literasi-pagi": {"nama": "Gerakan Literasi Pagi", "ringkasan": "Lima belas menit membaca bersama setiap pagi di sekolah.",
                      "perangkat_daerah": "sdn-1", "perangkat_daerah_lain": None, "urusan": {"utama": "kebudayaan"}},
    # hostile plain text in the name and summary, same unit and affair as antrean-daring
    "tanda-baca": {"nama": HOSTILE_NAME, "ringkasan": HOSTILE_SUMMARY, "perangkat_daerah_lain": None},
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    cat: Catalog = new_catalog(tmp_path_factory.mktemp("inovasi") / "proyek")
    cat.write("urusan.yml", AFFAIRS + "- id: kebudayaan\n  nama: Kebudayaan\n  kelompok: wajib_non_pelayanan_dasar\n")
    cat.innovation("antrean-daring", innovation_text(
        diperbarui="2025-10-01", anggaran={"sumber": "apbd", "jumlah": 25000000}))
    for slug, changes in OTHERS.items():
        cat.innovation(slug, innovation_text(**changes))
    require_ok(cat.run_here("build"), "katalog build")
    return cat.root / "site"


@pytest.fixture(scope="module")
def antrean(site: Path) -> Html:
    return read_page(site, "/inovasi/antrean-daring/")


def panel(html: Html) -> dict[str, str]:
    """The summary panel as label → value, the way a reader pairs them."""
    sections = html.article.by_class("ki-panel")
    assert len(sections) == 1
    terms = sections[0].find_all("dt")
    values = sections[0].find_all("dd")
    assert len(terms) == len(values)
    return {dt.text: dd.text for dt, dd in zip(terms, values, strict=True)}


def related(html: Html) -> list[tuple[str, str]]:
    """(link text, href) of the "Inovasi terkait" list."""
    article = html.article
    heading = next((h for h in article.find_all("h2") if h.text == "Inovasi terkait"), None)
    if heading is None:
        return []
    siblings = [c for c in heading.parent.children if not isinstance(c, str)]
    listing = siblings[siblings.index(heading) + 1]
    assert listing.tag == "ul"
    return [(li.find("a").text, li.find("a").attrs["href"]) for li in listing.find_all("li")]


def meta(html: Html, key: str) -> list[str]:
    """``content`` of ``<meta property=key>`` or ``<meta name=key>``."""
    return [m.attrs.get("content", "") for m in html.doc.find("head").find_all("meta")
            if m.attrs.get("property") == key or m.attrs.get("name") == key]


# --- summary panel ----------------------------------------------------------------------------------


def test_summary_panel_shows_every_fact_with_its_label(antrean: Html) -> None:
    assert panel(antrean) == {
        "Perangkat daerah": "Dinas Kependudukan dan Pencatatan Sipil",
        "Bekerja sama dengan": "Dinas Komunikasi dan Informatika",
        "Tahapan": "Uji Coba",
        "Jenis inovasi": "Digital",
        "Bentuk": "Inovasi Pelayanan Publik",
        "Urusan utama": "Administrasi Kependudukan dan Pencatatan Sipil",
        "Urusan beririsan": "Komunikasi dan Informatika",
        "Tahun": "2025",
        "Mulai uji coba": "1 Maret 2025",
        "Terakhir ditinjau": "1 Oktober 2025",
        "Inisiator": "Perangkat Daerah (Bidang Pelayanan)",
        "Anggaran": "APBD: Rp25.000.000",
    }


def test_summary_panel_comes_before_the_text(antrean: Html) -> None:
    order = [n.tag if not n.has_class("ki-panel") else "panel" for n in antrean.article.iter()]
    assert order.index("panel") < order.index("h2")


def test_summary_panel_links_lead_to_unit_and_affair_pages(site: Path, antrean: Html) -> None:
    links = {a.text: a.attrs["href"] for a in antrean.article.by_class("ki-panel")[0].find_all("a")}
    assert links == {
        "Dinas Kependudukan dan Pencatatan Sipil": "../../perangkat-daerah/disdukcapil/",
        "Dinas Komunikasi dan Informatika": "../../perangkat-daerah/diskominfo/",
        "Administrasi Kependudukan dan Pencatatan Sipil": "../../urusan/administrasi_kependudukan/",
        "Komunikasi dan Informatika": "../../urusan/komunikasi_informatika/",
    }
    for href in links.values():
        assert (site / posixpath.normpath(posixpath.join("inovasi/antrean-daring", href)) / "index.html").is_file()


def test_optional_facts_are_left_out_of_the_panel(site: Path) -> None:
    facts = panel(read_page(site, "/inovasi/portal-data/"))
    assert "Bekerja sama dengan" not in facts and "Anggaran" not in facts and "Urusan beririsan" not in facts
    assert facts["Perangkat daerah"] == "Dinas Komunikasi dan Informatika"


# --- related innovations ----------------------------------------------------------------------------


def test_related_innovations_closest_first_without_the_page_itself(antrean: Html) -> None:
    assert [name for name, _ in related(antrean)] == [
        "Akta Kelahiran dari Rumah Sakit",  # same unit and affair, by name
        "Cetak KTP Keliling",
        HOSTILE_NAME,
        "Kartu Keluarga Daring",  # same affair
        "Survei Kepuasan Daring",  # same unit
    ]  # at most five: "Portal Data Terbuka" (overlapping affair only) does not fit


def test_related_links_resolve_and_never_point_to_the_page_itself(site: Path) -> None:
    for slug in ("antrean-daring", "portal-data", "kk-daring", "tanda-baca"):
        links = related(read_page(site, f"/inovasi/{slug}/"))
        assert links, slug
        for _, href in links:
            target = posixpath.normpath(posixpath.join(f"inovasi/{slug}", href))
            assert target != f"inovasi/{slug}"
            assert (site / target / "index.html").is_file(), href


def test_innovation_with_nothing_in_common_has_no_related_section(site: Path) -> None:
    html = read_page(site, "/inovasi/literasi-pagi/")
    assert related(html) == []
    assert "Inovasi terkait" not in html.article.text


def test_overlapping_affair_counts_as_related(site: Path) -> None:
    names = [name for name, _ in related(read_page(site, "/inovasi/portal-data/"))]
    assert names[:1] == ["Kartu Keluarga Daring"]  # same unit (Diskominfo)
    assert "Antrean Daring Kependudukan" in names  # komunikasi dan informatika beside its main affair


# --- sharing: description and Open Graph -------------------------------------------------------------


def test_open_graph_and_description_describe_the_innovation(antrean: Html) -> None:
    summary = "Warga mengambil nomor antrean pelayanan Disdukcapil dari ponsel."
    assert meta(antrean, "description") == [summary]
    assert meta(antrean, "og:title") == ["Antrean Daring Kependudukan"]
    assert meta(antrean, "og:description") == [summary]
    assert meta(antrean, "og:type") == ["article"]
    assert meta(antrean, "og:url") == ["https://inovasi.contoh.go.id/inovasi/antrean-daring/"]
    assert meta(antrean, "og:site_name") == [SITE_NAME]
    assert meta(antrean, "og:locale") == ["id_ID"]
    assert meta(antrean, "twitter:card") == ["summary_large_image"]


def test_listing_pages_are_shared_as_websites(site: Path) -> None:
    home = read_page(site, "/")
    assert meta(home, "og:type") == ["website"]
    assert meta(home, "og:url") == ["https://inovasi.contoh.go.id/"]


def test_hostile_text_in_meta_tags_stays_text(site: Path) -> None:
    html = read_page(site, "/inovasi/tanda-baca/")
    for key in ("og:title", "twitter:title"):
        assert meta(html, key) == [HOSTILE_NAME]
    for key in ("description", "og:description", "twitter:description"):
        assert meta(html, key) == [HOSTILE_SUMMARY]
    head = html.doc.find("head")
    assert [s.attrs.get("src", "") for s in head.find_all("script")] == \
        [s.attrs.get("src", "") for s in read_page(site, "/inovasi/antrean-daring/").doc.find("head").find_all("script")]
    assert "<script>alert" not in html.source
    assert "<b>tebal" not in html.source


# --- print --------------------------------------------------------------------------------------------


def test_print_stylesheet_is_linked_for_print_only(site: Path, antrean: Html) -> None:
    sheets = [link for link in antrean.doc.find("head").find_all("link") if link.attrs.get("rel") == "stylesheet"
              and link.attrs.get("href", "").endswith("assets/cetak.css")]
    assert len(sheets) == 1 and sheets[0].attrs.get("media") == "print"
    assert (site / posixpath.normpath(posixpath.join("inovasi/antrean-daring", sheets[0].attrs["href"]))).is_file()


SHIPPED_SLUG = "antrean-daring-kependudukan"
CHROME = [".md-header", ".md-tabs", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".md-content__button"]


def _visible(page, selector: str) -> bool:
    return page.evaluate(
        """sel => [...document.querySelectorAll(sel)].some(el => {
             const r = el.getBoundingClientRect();
             return getComputedStyle(el).display !== 'none' && getComputedStyle(el).visibility !== 'hidden'
                    && r.width > 0 && r.height > 0; })""",
        selector,
    )


def test_printed_profile_has_content_only(page, site_url: str) -> None:
    page.goto(f"{site_url}inovasi/{SHIPPED_SLUG}/")
    assert all(_visible(page, s) for s in (".md-header", ".md-sidebar--secondary", ".ki-panel"))  # on screen
    assert not _visible(page, ".ki-cetak-sumber")
    page.emulate_media(media="print")
    hidden = [s for s in CHROME if _visible(page, s)]
    assert hidden == [], f"masih tercetak: {hidden}"
    assert _visible(page, "article h1") and _visible(page, ".ki-panel")
    assert not _visible(page, ".ki-terkait")
    source = page.locator(".ki-cetak-sumber")
    assert source.is_visible()
    assert f"/inovasi/{SHIPPED_SLUG}/" in source.inner_text()
    colours = page.evaluate("""() => [getComputedStyle(document.body).backgroundColor,
                                      getComputedStyle(document.querySelector('article')).color]""")
    assert colours == ["rgb(255, 255, 255)", "rgb(0, 0, 0)"]


def test_printed_profile_is_black_on_white_even_in_dark_mode(page, site_url: str) -> None:
    page.emulate_media(color_scheme="dark")
    page.goto(f"{site_url}inovasi/{SHIPPED_SLUG}/")
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    page.emulate_media(media="print", color_scheme="dark")
    colours = page.evaluate("""() => [getComputedStyle(document.body).backgroundColor,
                                      getComputedStyle(document.querySelector('.ki-panel dd')).color]""")
    assert colours == ["rgb(255, 255, 255)", "rgb(0, 0, 0)"]


def test_printed_external_links_show_their_address(page, site_url: str) -> None:
    page.goto(f"{site_url}inovasi/{SHIPPED_SLUG}/")
    page.emulate_media(media="print")
    # Resolved hrefs: Material's instant navigation makes internal ones absolute anyway.
    after = page.evaluate("""() => [...document.querySelectorAll('article a[href]:not(.md-content__button)')].map(a =>
                               [a.href, getComputedStyle(a, '::after').content])""")
    external = [content for href, content in after if not href.startswith(site_url) and href.startswith("http")]
    internal = [content for href, content in after if href.startswith(site_url) and "#" not in href]
    assert external and all(c.startswith('" (') for c in external)
    assert internal and all(c in ("none", "normal") for c in internal)


def test_summary_panel_fits_a_phone_screen(page, site_url: str) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{site_url}inovasi/{SHIPPED_SLUG}/")
    overflow = page.evaluate("""() => { const p = document.querySelector('.ki-panel');
                                        return [p.scrollWidth, p.clientWidth, document.documentElement.scrollWidth]; }""")
    assert overflow[0] <= overflow[1] and overflow[2] <= 390
