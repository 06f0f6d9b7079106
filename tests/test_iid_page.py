"""Where people see IID readiness (issue 11, point 5): the "Kesiapan IID" panel of an innovation page and the /iid/ page,
read from sites built with the real ``katalog build``.

One catalog with the 2026 edition in force: an innovation in use that fills the five compulsory indicators (and
anggaran) with evidence files whose descriptions, a reviewer's note and a link are hostile text; Bapperida's records
written with the real ``katalog verifikasi`` (the innovation and regulasi accepted, sdm returned, kecepatan accepted and
then made stale by changing one byte of its evidence); a sample innovation. Built twice: with public scores, and with
``skor_publik: false`` and without the sample.

Scores written out: regulasi 3 × 2 + sdm 2 × 1 + anggaran 2 × 1 + kecepatan 2 × 3 + kemanfaatan 3 × 3 + video 4 × 2 = 33
claimed; verified: regulasi only (sdm returned, kecepatan stale, anggaran not verified) = 6.
"""

from __future__ import annotations

import dataclasses
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import KATALOG, ROOT, VALID, Catalog, new_catalog
from test_check_support import edit
from test_site_support import Html, Node, href_scheme, read_page, require_ok

from generator import clock
from generator.content import load_content, read_source
from generator.iid import edition_from_data, reporting_text
from generator.model import build_catalog
from generator.pages import (
    PANEL_SLOT,
    RAW_END,
    RAW_INDEXED_START,
    RAW_START,
    RawBlock,
    fill_panel,
    media_files,
    plan_pages,
    put_back,
    render_pages,
    set_aside,
)

EDITION = edition_from_data(read_source(ROOT / "content" / "iid" / "2026.yml").data)
D = EDITION.pembagi_minimal
SLUG = "antrean-daring"
SAMPLE = "contoh-posyandu"
PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
#: Text that would become markup, a link or a template if it were interpreted anywhere on the way to the page.
HOSTILE = "<script>alert(1)</script> \"><img src=x onerror=alert(2)> [x](javascript:alert(3)) {{ 7*7 }} **tebal**"
#: An https link the schema accepts, with characters that would break out of an attribute if not escaped.
HOSTILE_URL = "https://jdih.contoh.go.id/perwako?a=1&b='x'onmouseover=alert(4)"
NOTE = "<b>Lampirkan</b> daftar nama tim & SK <script>alert(5)</script>"

INDICATORS = f"""\
laporkan_iid: true
indikator:
  regulasi:
    nilai: 2
    bukti:
      - berkas: perwako-12-2025.pdf
        keterangan: '{HOSTILE.replace("'", "''")}'
      - url: "{HOSTILE_URL}"
        keterangan: Salinan di JDIH
  sdm:
    nilai: 1
    bukti:
      - berkas: surat-tugas.pdf
        keterangan: Surat tugas tim
  anggaran:
    nilai: 1
    bukti:
      - berkas: dpa-2025.pdf
        keterangan: DPA 2025
  kecepatan:
    nilai: 3
    bukti:
      - berkas: jadwal.pdf
        keterangan: Jadwal perancangan
  kemanfaatan:
    basis: a
    nilai: 3
    bukti:
      - berkas: laporan-manfaat.pdf
        keterangan: Rekap penerima manfaat
  video:
    nilai: 2
    bukti:
      - url: https://video.contoh.go.id/profil
        keterangan: Video profil inovasi
"""
EVIDENCE = {"perwako-12-2025.pdf": PDF, "surat-tugas.pdf": PDF + b"% surat\n", "dpa-2025.pdf": PDF + b"% dpa\n",
            "jadwal.pdf": PDF + b"% jadwal\n", "laporan-manfaat.pdf": PDF + b"% manfaat\n"}
STRAY = "tidak-dirujuk.pdf"


def in_use(text: str = VALID) -> str:
    """The conftest innovation in use since June 2025 (inside the 2026 window)."""
    text = edit(text, "tahapan: uji_coba", "tahapan: penerapan")
    return edit(text, "  uji_coba: 2025-03-01\n", "  uji_coba: 2025-03-01\n  penerapan: 2025-06-01\n")


def sample() -> str:
    text = edit(in_use(), "nama: Antrean Daring Kependudukan", "nama: Posyandu Digital Contoh")
    text = edit(text, "ringkasan: Warga mengambil nomor antrean pelayanan Disdukcapil dari ponsel.",
                "ringkasan: Kader posyandu mencatat tumbuh kembang balita di ponsel, data contoh.")
    return text + "contoh: true\nindikator:\n  regulasi:\n    nilai: 1\n"


def verify(cat: Catalog, *args: str) -> None:
    require_ok(cat.run("verifikasi", SLUG, *args, "--oleh", "@rina-bapperida", "--tanggal", "2026-05-04"), "katalog verifikasi")


def make_catalog(root: Path) -> Catalog:
    cat = new_catalog(root)
    cat.write("katalog.yml", KATALOG + "iid:\n  edisi: 2026\n  skor_publik: true\n")
    cat.write("iid/2026.yml", (ROOT / "content" / "iid" / "2026.yml").read_bytes())
    cat.write("urusan.yml", (ROOT / "content" / "urusan.yml").read_bytes())  # the six basic-service affairs
    for name, data in EVIDENCE.items():
        cat.write(f"media/{SLUG}/bukti/{name}", data)
    cat.write(f"media/{SLUG}/bukti/{STRAY}", PDF + b"% lain\n")
    cat.innovation(SLUG, in_use() + INDICATORS)
    cat.innovation(SAMPLE, sample())
    verify(cat, "--inovasi", "--status", "diterima", "--catatan", "Profil lengkap")
    verify(cat, "--indikator", "regulasi", "kecepatan", "--status", "diterima", "--catatan", "Sesuai")
    verify(cat, "--indikator", "sdm", "--status", "dikembalikan", "--catatan", NOTE)
    cat.write(f"media/{SLUG}/bukti/jadwal.pdf", EVIDENCE["jadwal.pdf"] + b"% diubah\n")  # kecepatan: stale
    return cat


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("iid")
    public = make_catalog(base / "publik")
    require_ok(public.run_here("build"), "katalog build (skor publik)")
    shutil.copytree(public.root, base / "tertutup", ignore=shutil.ignore_patterns("site"))
    hidden = Catalog(base / "tertutup")
    hidden.write("katalog.yml", KATALOG + "iid:\n  edisi: 2026\n  skor_publik: false\n")
    (hidden.content / "inovasi" / f"{SAMPLE}.yml").unlink()
    require_ok(hidden.run_here("build"), "katalog build (skor tertutup)")
    return {"publik": public.root / "site", "tertutup": hidden.root / "site"}


def panel(site: Path, slug: str = SLUG) -> Node:
    found = read_page(site, f"/inovasi/{slug}/").article.by_class("ki-iid")
    assert len(found) == 1, "satu panel Kesiapan IID"
    return found[0]


def rows(section: Node) -> dict[str, Node]:
    """The indicator rows of a panel, by indicator name."""
    table = section.find("table")
    assert table is not None
    out = {}
    for tr in table.find_all("tr")[1:]:
        first = tr.find("td")
        assert first is not None
        out[first.text] = tr
    return out


def cell(tr: Node, label: str) -> Node:
    found = tr.find("td", data_label=label)
    assert found is not None, label
    return found


def name_of(kunci: str) -> str:
    """A row's first cell: number, name and the compulsory flag."""
    d = EDITION.indicator(kunci)
    assert d is not None
    return f"{d.nomor}. {d.nama}" + (" Wajib" if d.wajib else "")


# --- the panel ---------------------------------------------------------------------------------


def test_the_panel_lists_every_indicator_in_number_order_with_its_compulsory_flag(sites: dict[str, Path]):
    section = panel(sites["publik"])
    assert list(rows(section)) == [name_of(d.kunci) for d in EDITION.indikator]
    assert len(section.by_class("ki-wajib")) == len(EDITION.wajib) == 5
    assert f"{EDITION.nama}. Sumber: {' '.join(EDITION.sumber.split())}" in section.text


def test_each_filled_indicator_shows_the_official_text_of_its_parameter_and_basis(sites: dict[str, Path]):
    table = rows(panel(sites["publik"]))
    regulasi = EDITION.indicator("regulasi")
    kemanfaatan = EDITION.indicator("kemanfaatan")
    assert regulasi is not None and kemanfaatan is not None
    assert cell(table[name_of("regulasi")], "Parameter dipilih").text == f"2 {regulasi.parameter[1]}"
    basis = kemanfaatan.basis_of("a")
    assert basis is not None
    assert cell(table[name_of("kemanfaatan")], "Parameter dipilih").text == f"3 {basis.parameter[2]} (basis a: {basis.nama})"
    assert cell(table[name_of("bimtek")], "Parameter dipilih").text == "Belum diisi"


def test_evidence_files_are_published_beside_the_page_and_links_leave_with_noopener_nofollow(sites: dict[str, Path]):
    site = sites["publik"]
    links = cell(rows(panel(site))[name_of("regulasi")], "Bukti").find_all("a")
    assert [(a.attrs["href"], a.attrs.get("rel")) for a in links] == [("bukti/perwako-12-2025.pdf", None),
                                                                      (HOSTILE_URL, "noopener nofollow")]
    for name, data in EVIDENCE.items():
        published = site / "inovasi" / SLUG / "bukti" / name
        assert published.read_bytes() == (data + b"% diubah\n" if name == "jadwal.pdf" else data)
    assert not (site / "inovasi" / SLUG / "bukti" / STRAY).exists(), "only files an indicator names are published"


def test_evidence_files_are_published_only_by_a_catalog_with_iid(sites: dict[str, Path]):
    content = sites["publik"].parent / "content"
    catalog = build_catalog(load_content(content))
    published = {uri for uri in media_files(catalog, content) if "/bukti/" in uri}
    assert published == {f"inovasi/{SLUG}/bukti/{name}" for name in EVIDENCE}
    assert not [uri for uri in media_files(dataclasses.replace(catalog, iid=None), content) if "/bukti/" in uri]


def test_verification_states_and_the_reviewers_note_are_shown(sites: dict[str, Path]):
    table = rows(panel(sites["publik"]))
    assert cell(table[name_of("regulasi")], "Verifikasi").text == "Diterima Catatan verifikator (4 Mei 2026): Sesuai"
    assert cell(table[name_of("sdm")], "Verifikasi").text == f"Dikembalikan Catatan verifikator (4 Mei 2026): {NOTE}"
    assert cell(table[name_of("kecepatan")], "Verifikasi").text.startswith(
        "Menunggu verifikasi ulang Keputusan sebelumnya (diterima, 4 Mei 2026)")
    assert cell(table[name_of("anggaran")], "Verifikasi").text == "Menunggu verifikasi"
    assert cell(table[name_of("bimtek")], "Verifikasi").text == "–"


def test_eligibility_completeness_and_scores_out_of_111_with_the_three_best_improvements(sites: dict[str, Path]):
    section = panel(sites["publik"])
    summary = {div.find("dt").text: div.find("dd").text for div in section.find("dl").children  # type: ignore[union-attr]
               if isinstance(div, Node)}
    assert summary["Syarat IID"] == "Memenuhi syarat"
    assert summary["Kelengkapan"] == "6 dari 20 indikator terisi dengan bukti cukup"
    assert summary["Verifikasi inovasi"] == "Diterima Catatan verifikator (4 Mei 2026): Profil lengkap"
    assert summary["Indikator diterima"] == "1 dari 20"
    assert summary["Skor diklaim"] == "33 dari 111" and summary["Skor terverifikasi"] == "6 dari 111"
    improvements = section.find("ol", class_="ki-iid-perbaikan")
    assert improvements is not None
    # Not filled: replikasi 3 × 3 = 9, then alat kerja and RKPD 2 × 3 = 6 (by number); video 4 × (3 − 2) = 4 comes later.
    assert [li.text for li in improvements.find_all("li")] == [
        "Replikasi: belum diisi, isi untuk sampai +9 poin", "Alat kerja: belum diisi, isi untuk sampai +6 poin",
        "Integrasi program dan kegiatan inovasi dalam RKPD: belum diisi, isi untuk sampai +6 poin"]
    assert cell(rows(section)[name_of("regulasi")], "Poin").text == "6 dari 9"


def test_hostile_descriptions_notes_and_links_stay_inert_text(sites: dict[str, Path]):
    page = read_page(sites["publik"], f"/inovasi/{SLUG}/")
    section = panel(sites["publik"])
    assert not section.find_all("script") and not section.find_all("img") and not section.find_all("b")
    assert page.event_handler_attributes() == []
    assert HOSTILE in section.text and NOTE in section.text, "shown literally, as written"
    for a in section.find_all("a"):
        href = a.attrs["href"]
        assert href_scheme(href) in (None, "https"), href
        assert href_scheme(href) is None or a.attrs.get("rel") == "noopener nofollow"
    assert "onmouseover" not in [k for a in section.find_all("a") for k in a.attrs]


def test_a_sample_shows_its_panel_with_the_badge_and_says_it_is_not_counted(sites: dict[str, Path]):
    section = panel(sites["publik"], SAMPLE)
    notice = section.find("p", class_="ki-peringatan-contoh")
    assert notice is not None
    assert notice.text == "Contoh Inovasi ini data contoh: tidak dihitung dalam proyeksi IID daerah dan tidak diekspor ke " \
                          "portal IID."


def test_without_public_scores_the_panel_keeps_completeness_evidence_and_states_but_no_numbers(sites: dict[str, Path]):
    section = panel(sites["tertutup"])
    labels = [dt.text for dt in section.find_all("dt")]
    assert labels == ["Syarat IID", "Kelengkapan", "Verifikasi inovasi", "Indikator diterima", "Dilaporkan ke IID"]
    assert section.find("ol", class_="ki-iid-perbaikan") is None
    assert [th.text for th in section.find_all("th")] == ["Indikator", "Parameter dipilih", "Bukti", "Verifikasi"]
    table = rows(section)
    assert cell(table[name_of("regulasi")], "Bukti").find("a", href="bukti/perwako-12-2025.pdf") is not None
    assert cell(table[name_of("sdm")], "Verifikasi").text.startswith("Dikembalikan")


# --- the /iid/ page -----------------------------------------------------------------------------


def projection(site: Path) -> dict[str, list[str]]:
    """The projection table of /iid/ (the first one): row label → [claimed, verified]."""
    table = read_page(site, "/iid/").article.find("table")
    assert table is not None
    return {tr.find("th").text: [td.text for td in tr.find_all("td")]  # type: ignore[union-attr]
            for tr in table.find_all("tr")[1:]}


def test_the_page_shows_the_claimed_and_the_verified_projection_side_by_side(sites: dict[str, Path]):
    rows_ = projection(sites["publik"])
    assert rows_["Inovasi yang dihitung"] == ["1", "1"]
    assert rows_[f"Kursi kosong (pembagi minimal {D})"] == [str(D - 1), str(D - 1)]
    claimed, verified = rows_["Rata-rata kematangan (jumlah skor ÷ pembagi)"]
    assert claimed.endswith(f"= 33 ÷ {D}") and verified.endswith(f"= 6 ÷ {D}")
    assert rows_["SPD (paling tinggi 63)"] == ["belum diisi (content/iid/daerah-2026.yml)"]
    assert all(text.endswith("sementara, tanpa SPD") for text in rows_["IID (dari 250 poin, skala 100)"])


def test_the_page_names_the_basic_service_affairs_still_without_an_innovation(sites: dict[str, Path]):
    article = read_page(sites["publik"], "/iid/").article
    rows_ = projection(sites["publik"])
    assert rows_[f"Urusan pelayanan dasar yang punya inovasi (syarat {EDITION.minimal_urusan_dasar})"] == ["0 dari 6"] * 2
    affairs = article.find("p", id="resmi-urusan")
    assert affairs is not None
    assert "Pendidikan; Kesehatan; Pekerjaan Umum dan Penataan Ruang" in affairs.text
    assert "nilai jumlah inovasi 0" in affairs.text


def test_days_left_and_the_unconfirmed_figures_of_the_edition_are_visible(sites: dict[str, Path]):
    article = read_page(sites["publik"], "/iid/").article
    window = article.find("p", class_="ki-iid-jendela")
    assert window is not None and window.text == reporting_text(EDITION, clock.today())
    notes = article.by_class("ki-iid-belum-pasti")[0].text
    for why in EDITION.belum_pasti.values():
        assert " ".join(why.split()) in notes


def test_the_recap_counts_per_unit_and_names_target_units_that_reported_nothing(sites: dict[str, Path]):
    article = read_page(sites["publik"], "/iid/").article
    recap = [t for t in article.find_all("table") if t.has_class("ki-iid-rekap")]
    official = recap[-1]  # the simulation's recap comes first
    cells = [{td.attrs["data-label"]: td.text for td in tr.find_all("td")} for tr in official.find_all("tr")[1:]]
    assert cells == [{"Perangkat daerah": "Dinas Kependudukan dan Pencatatan Sipil", "Inovasi": "1", "Dilaporkan ke IID": "1",
                      "Rata-rata skor diklaim": "33,00", "Bukti kurang": "0", "Status": "Sudah melapor"}]
    owing = article.by_class("ki-iid-belum")[-1]
    assert [a.text for a in owing.find_all("a")] == ["Diskominfo"]


def test_innovations_are_listed_by_readiness_and_link_to_their_pages(sites: dict[str, Path]):
    article = read_page(sites["publik"], "/iid/").article
    listing = article.by_class("ki-iid-daftar")[0]
    links = [tr.find("a") for tr in listing.find_all("tr")[1:]]
    assert [a.attrs["href"] for a in links if a] == [f"../inovasi/{SLUG}/", f"../inovasi/{SAMPLE}/"]
    first = {td.attrs["data-label"]: td.text for td in listing.find_all("tr")[1].find_all("td")}
    assert first["Syarat IID"] == "Memenuhi syarat" and first["Kelengkapan"] == "6 dari 20"
    assert first["Skor diklaim"] == "33" and first["Skor terverifikasi"] == "6"


def test_a_demo_site_adds_the_simulation_that_counts_samples_and_says_so(sites: dict[str, Path]):
    article = read_page(sites["publik"], "/iid/").article
    simulation = article.find("section", class_="ki-iid-simulasi")
    assert simulation is not None
    assert simulation.find("h2").text == "Contoh Simulasi dengan data contoh"  # type: ignore[union-attr]
    assert "Bukan proyeksi Kota Contoh" in simulation.text
    table = simulation.find("table")
    assert table is not None
    counted = next(tr for tr in table.find_all("tr") if tr.find("th") and tr.find("th").text == "Inovasi yang dihitung")  # type: ignore[union-attr]
    assert [td.text for td in counted.find_all("td")] == ["1", "1"], "the sample is not eligible (no compulsory indicators)"


def test_without_public_scores_the_page_shows_completeness_only_and_points_to_the_report(sites: dict[str, Path]):
    article = read_page(sites["tertutup"], "/iid/").article
    rows_ = projection(sites["tertutup"])
    assert list(rows_) == ["Inovasi yang dihitung", f"Kursi kosong (pembagi minimal {D})",
                           f"Urusan pelayanan dasar yang punya inovasi (syarat {EDITION.minimal_urusan_dasar})"]
    assert "katalog laporan --out FOLDER" in article.text
    assert "Rata-rata skor diklaim" not in article.text and "Skor diklaim" not in article.text
    assert article.find("section", class_="ki-iid-simulasi") is None, "no samples: no simulation"


def test_the_home_and_statistics_pages_link_to_the_iid_page(sites: dict[str, Path]):
    home = read_page(sites["publik"], "/").article
    assert "iid/" in [a.attrs.get("href") for a in home.find_all("a")]
    stats = read_page(sites["publik"], "/statistik/").article
    assert "../iid/" in [a.attrs.get("href") for a in stats.find_all("a")]


def test_the_navigation_has_an_iid_tab_only_with_iid(sites: dict[str, Path], clean_site: Path):
    def tabs(site: Path) -> list[tuple[str, str]]:
        return [(a.text, a.attrs["href"]) for a in read_page(site, "/statistik/").doc.by_class("md-tabs__link")]
    assert ("IID", "../iid/") in tabs(sites["publik"])
    assert "IID" not in [text for text, _ in tabs(clean_site)]


def test_a_catalog_without_iid_has_no_panel_and_no_page(clean_site: Path):
    assert not (clean_site / "iid").exists()
    assert Html.read(clean_site / "inovasi" / "antrean-daring" / "index.html").article.by_class("ki-iid") == []


# --- raw HTML set aside from the MkDocs conversion ----------------------------------------------


def test_marked_raw_html_is_set_aside_and_put_back_unchanged():
    block = '<section class="x">\n<p>a &#60;b&#62;</p>\n\n<p>c</p>\n</section>'
    markdown = f"# T\n\n{RAW_START}\n{block}\n{RAW_END}\n\n## K\n\n{RAW_INDEXED_START}\n<p>2</p>\n{RAW_END}\n"
    shorter, blocks = set_aside(markdown)
    assert shorter == "# T\n\n<!--ki-mentah:0-->\n\n## K\n\n<!--ki-mentah:1-->\n"
    assert blocks == [RawBlock(block, indexed=False), RawBlock("<p>2</p>", indexed=True)]
    converted = "<h1>T</h1>\n<!--ki-mentah:0-->\n<h2>K</h2>\n<!--ki-mentah:1-->"
    assert put_back(converted, blocks) == f"<h1>T</h1>\n{block}\n<h2>K</h2>\n<p>2</p>"
    # The search index reads the page without the blocks it skips.
    assert put_back(converted, blocks, indexed_only=True) == "<h1>T</h1>\n\n<h2>K</h2>\n<p>2</p>"


def test_only_whole_marked_lines_are_set_aside_and_a_slot_without_a_block_gives_nothing():
    for start in (RAW_START, RAW_INDEXED_START):
        inline = f"teks {start}\n<p>x</p>\n{RAW_END}\n"
        assert set_aside(inline) == (inline, [])
    assert put_back("<p>a</p><!--ki-mentah:5-->", [RawBlock("<p>b</p>", True)]) == "<p>a</p>"
    assert put_back("<!--ki-mentah:0-->", []) == "<!--ki-mentah:0-->"


def test_a_block_ends_at_the_first_end_line_after_it_and_a_start_without_one_is_left_as_it_is():
    # An end marker with more on its line does not end a block; the block runs to the next whole end line.
    text = f"{RAW_START}\n<p>a</p>\n{RAW_END} x\n<p>b</p>\n{RAW_END}\nteks"
    assert set_aside(text) == ("<!--ki-mentah:0-->\nteks", [RawBlock(f"<p>a</p>\n{RAW_END} x\n<p>b</p>", False)])
    # Empty blocks, blocks one after another, a block at the very end.
    text = f"{RAW_START}\n\n{RAW_END}\n{RAW_INDEXED_START}\n<p>c</p>\n{RAW_END}"
    assert set_aside(text) == ("<!--ki-mentah:0-->\n<!--ki-mentah:1-->", [RawBlock("", False), RawBlock("<p>c</p>", True)])
    # A start line with no end line after it: nothing is set aside from there on.
    text = f"{RAW_START}\n<p>a</p>\n{RAW_END}\n{RAW_START}\n<p>b</p>\n<!--/ki-mentah-- >\n"
    assert set_aside(text) == (f"<!--ki-mentah:0-->\n{RAW_START}\n<p>b</p>\n<!--/ki-mentah-- >\n", [RawBlock("<p>a</p>", False)])
    # A marker that is not a whole start line is text: the start line must be the marker alone.
    text = f"{RAW_START}x\n<p>a</p>\n{RAW_END}\n<!--ki-mentah-lain-->\n<p>b</p>\n{RAW_END}\n"
    assert set_aside(text) == (text, [])


def test_a_panel_rendered_later_fills_its_slot_with_what_the_page_would_hold():
    """A published build renders each innovation's panel while MkDocs writes the pages (generator/plugin.py): the page
    is planned with a slot, and the written page with the panel in it is the page rendered in one go."""
    catalog = build_catalog(load_content(ROOT / "content"))
    whole = render_pages(catalog)
    panels: dict[str, Callable[[], str]] = {}
    later = plan_pages(catalog, panels=panels)
    assert set(panels) == {uri for uri in whole if uri.startswith("inovasi/")} and len(panels) > 5
    for uri, panel in panels.items():
        page = later[uri]()
        assert page.count(PANEL_SLOT) == 1 and "ki-iid" not in page
        assert fill_panel(page, panel()) == whole[uri], uri
    assert later.keys() == whole.keys() and all(later[uri]() == whole[uri] for uri in whole if uri not in panels)


def test_setting_raw_html_aside_changes_no_page_of_the_shipped_catalog():
    """Every generated page converts to the same HTML whether Python-Markdown reads its marked blocks (another engine,
    the benchmark's plain MkDocs) or the blocks are set aside and put back (the MkDocs build): the markers only
    spare the reading. The shipped catalog has every kind of page, with and without IID."""
    import markdown

    def convert(text: str) -> str:
        return markdown.markdown(text.split("---\n", 2)[2], extensions=["tables", "toc"])

    def without_markers(html: str) -> str:  # another engine shows them as the HTML comments they are
        return "".join(line for line in html.splitlines(keepends=True)
                       if line.rstrip("\n") not in (RAW_START, RAW_INDEXED_START, RAW_END))

    pages = render_pages(build_catalog(load_content(ROOT / "content")))
    kinds: dict[str, str] = {}  # every innovation, and one page of each other kind
    for uri in pages:
        kinds.setdefault(uri if uri.startswith("inovasi/") else uri.split("/")[0], uri)
    marked = 0
    for uri in kinds.values():
        shorter, blocks = set_aside(pages[uri])
        marked += len(blocks)
        assert put_back(convert(shorter), blocks).rstrip() == without_markers(convert(pages[uri])).rstrip(), uri
    assert marked > 3 * len(kinds)


def test_markers_written_in_content_stay_text(catalog: Catalog):
    """A contributor cannot end a block set aside early, start one, or call a slot: what an innovation file says
    reaches the page as text (entities), never as the generator's markers."""
    hostile = "\n".join(["  <!--/ki-mentah-->", "", "  <!--ki-mentah-cari-->", "", "  <!--ki-mentah:0-->", "",
                         f"  {PANEL_SLOT}", ""])
    catalog.innovation("antrean-daring", VALID.replace("rancang_bangun: |\n", "rancang_bangun: |\n" + hostile + "\n", 1))
    page = render_pages(build_catalog(load_content(catalog.content)))["inovasi/antrean-daring.md"]
    shorter, blocks = set_aside(page)
    assert "&lt;!--/ki-mentah--&gt;" in page and "&lt;!--ki-mentah:0--&gt;" in page
    assert "<!--ki-mentah" not in put_back(shorter, blocks)
    assert PANEL_SLOT not in page and "&lt;!--ki-kesiapan--&gt;" in page  # the IID panel's slot too
    assert [b.html.count("<div class=\"ki-teks\">") for b in blocks].count(1) == 3  # rancang bangun, tujuan, manfaat


def test_the_built_panel_is_the_generated_one(sites: dict[str, Path]):
    content = sites["publik"].parent / "content"
    generated = render_pages(build_catalog(load_content(content)))[f"inovasi/{SLUG}.md"]
    _, blocks = set_aside(generated)
    built = (sites["publik"] / "inovasi" / SLUG / "index.html").read_text(encoding="utf-8")
    panels = [block for block in blocks if "ki-iid" in block.html]
    assert len(panels) == 1 and not panels[0].indexed  # the panel is never indexed
    assert all(block.html in built for block in blocks)
    assert "ki-mentah" not in built


def test_evidence_is_linked_into_the_site_copied_where_links_fail_and_never_written_through(tmp_path: Path, monkeypatch):
    from generator.plugin import _publish

    source = tmp_path / "content" / "media" / SLUG / "bukti" / "a.pdf"
    source.parent.mkdir(parents=True)
    source.write_bytes(b"%PDF-1.4 asli\n")
    uri = f"inovasi/{SLUG}/bukti/a.pdf"
    _publish(tmp_path / "site", {uri: source})
    assert (tmp_path / "site" / uri).samefile(source), "a hard link: no bytes copied"
    _publish(tmp_path / "site", {uri: source})  # a preview's rebuild into the same folder
    assert (tmp_path / "site" / uri).samefile(source) and source.read_bytes() == b"%PDF-1.4 asli\n"

    def no_links(*args: object, **kwargs: object) -> None:
        raise OSError(18, "Invalid cross-device link")

    monkeypatch.setattr("generator.plugin.os.link", no_links)
    _publish(tmp_path / "site", {uri: source})  # the old link is replaced by a copy, the source untouched
    published = tmp_path / "site" / uri
    assert not published.samefile(source) and published.read_bytes() == source.read_bytes() == b"%PDF-1.4 asli\n"
