"""The /statistik/ page: the numbers a reader sees in the charts and the tables beside them.

One real ``katalog build`` of a catalog with known counts; every assertion reads
the built HTML (tables as a screen reader reads them, SVG parsed as XML).
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from conftest import UNITS, Catalog
from test_site_support import Html, Node, innovation_text, new_catalog, read_page, require_ok

from generator.charts import Bar, Series, bar_chart, progress_chart

SVG = "{http://www.w3.org/2000/svg}"
#: A unit name with markup and an ampersand: it must reach the page (and the SVG) as text.
HOSTILE_UNIT = 'Dinas <script>alert(1)</script> & "Uji"'

KATALOG_TWO_TARGETS = """\
daerah: Kota Contoh
penyelenggara: Bapperida Kota Contoh
situs: https://inovasi.contoh.go.id/
target:
  - tahun: 2024
    jumlah: 5
    minimal_per_unit: 1
  - tahun: 2025
    jumlah: 10
    minimal_per_unit: 1
"""

#: slug → changes to the conftest innovation. Known counts:
#: tahapan 2 penerapan, 1 uji coba, 1 inisiatif; jenis 3 digital, 1 non digital;
#: bentuk 3 pelayanan publik, 1 tata kelola; kelompok 3 wajib non pelayanan dasar, 1 wajib pelayanan dasar;
#: tahun 3 × 2025, 1 × 2024; units: Disdukcapil 2, the hostile unit 1, SD 1; Diskominfo none.
INNOVATIONS = {
    "antrean-daring": {"tahapan": "penerapan", "waktu": {"uji_coba": "2025-03-01", "penerapan": "2025-06-01"},
                       "hasil": "Waktu tunggu turun."},
    "arsip-digital": {"nama": "Arsip Kependudukan Digital", "ringkasan": "Berkas kependudukan lama dipindai dan disimpan rapi.",
                      "tahapan": "penerapan", "bentuk": "tata_kelola", "perangkat_daerah_lain": None,
                      "waktu": {"uji_coba": "2025-02-01", "penerapan": "2025-05-01"}, "hasil": "Arsip mudah dicari."},
    "layanan-jahat": {"nama": "Layanan Unit Uji", "ringkasan": "Inovasi milik unit yang namanya berisi tanda baca HTML.",
                      "perangkat_daerah": "dinas-jahat", "perangkat_daerah_lain": None},
    "literasi-pagi": {"nama": "Gerakan Literasi Pagi", "ringkasan": "Lima belas menit membaca bersama setiap pagi di sekolah.",
                      "perangkat_daerah": "sdn-1", "perangkat_daerah_lain": None, "jenis": "non_digital",
                      "tahapan": "inisiatif", "waktu": None, "tahun": 2024, "urusan": {"utama": "pendidikan"}},
}


def _escape_yaml(text: str) -> str:
    return text.replace("'", "''")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    cat: Catalog = new_catalog(tmp_path_factory.mktemp("statistik") / "proyek")
    cat.write("katalog.yml", KATALOG_TWO_TARGETS)
    cat.write("perangkat-daerah.yml", UNITS + f"- id: dinas-jahat\n  nama: '{_escape_yaml(HOSTILE_UNIT)}'\n  jenis: dinas\n")
    for slug, changes in INNOVATIONS.items():
        cat.innovation(slug, innovation_text(**changes))
    require_ok(cat.run_here("build"), "katalog build")
    return cat.root / "site"


@pytest.fixture(scope="module")
def page(site: Path) -> Html:
    return read_page(site, "/statistik/")


# --- helpers: read the page as a visitor (or a screen reader) would ---------------------------------


def table(page: Html, caption: str) -> dict[str, list[str]]:
    """The table with this caption: row header → the other cells of the row."""
    found = [t for t in page.article.find_all("table") if (c := t.find("caption")) is not None and c.text == caption]
    assert len(found) == 1, f"tabel {caption!r}: {len(found)} ditemukan"
    rows = {}
    for tr in found[0].find_all("tr"):
        head = tr.find("th", scope="row")
        if head is not None:
            rows[head.text] = [td.text for td in tr.find_all("td")]
    return rows


def svgs(page: Html) -> list[ET.Element]:
    """Every chart of the page (inline SVG), parsed as XML: proof that it is well-formed."""
    sources = re.findall(r'<svg\b[^>]*class="ki-grafik\b.*?</svg>', page.source, flags=re.DOTALL)
    assert sources, "tidak ada SVG di halaman"
    return [ET.fromstring(s) for s in sources]


def chart(page: Html, title: str) -> ET.Element:
    found = [s for s in svgs(page) if s.findtext(f"{SVG}title") == title]
    assert len(found) == 1, f"grafik {title!r}: {len(found)} ditemukan"
    return found[0]


def bars(svg: ET.Element) -> dict[str, int]:
    """label → value as drawn: each bar group has a label text and a value text."""
    drawn = {}
    for group in svg.iter(f"{SVG}g"):
        texts = {t.get("class"): "".join(t.itertext()) for t in group.iter(f"{SVG}text")}
        drawn[texts["ki-grafik__label"]] = int(texts["ki-grafik__nilai"])
    return drawn


def section_after(page: Html, heading: str) -> Node:
    """The first element after the heading ``heading`` (h2/h3) in the article."""
    children = [c for c in page.article.find("h1").parent.children if isinstance(c, Node)]
    for n, node in enumerate(children):
        if node.tag in ("h2", "h3") and node.text == heading:
            return children[n + 1]
    raise AssertionError(f"judul {heading!r} tidak ada")


# --- the numbers ------------------------------------------------------------------------------------


def test_tahapan_table_and_chart_show_the_counts(page: Html) -> None:
    assert table(page, "Inovasi menurut tahapan") == {
        "Inisiatif": ["1", "25%"], "Uji Coba": ["1", "25%"], "Penerapan": ["2", "50%"], "Jumlah": ["4", "100%"]}
    assert bars(chart(page, "Inovasi menurut tahapan")) == {"Inisiatif": 1, "Uji Coba": 1, "Penerapan": 2}


@pytest.mark.parametrize(("title", "expected"), [
    ("Inovasi menurut jenis", {"Digital": 3, "Non Digital": 1}),
    ("Inovasi menurut bentuk", {"Inovasi Tata Kelola Pemerintahan Daerah": 1, "Inovasi Pelayanan Publik": 3,
                                "Inovasi Daerah Lainnya sesuai Urusan Pemerintahan": 0}),
    ("Inovasi menurut kelompok urusan", {"Wajib Pelayanan Dasar": 1, "Wajib Non Pelayanan Dasar": 3, "Pilihan": 0,
                                         "Penunjang": 0}),
    ("Inovasi menurut tahun diusulkan", {"2024": 1, "2025": 3}),
])
def test_each_figure_has_the_same_numbers_in_chart_and_table(page: Html, title: str, expected: dict[str, int]) -> None:
    rows = table(page, title)
    assert {k: int(v[0]) for k, v in rows.items() if k != "Jumlah"} == expected
    assert rows["Jumlah"][0] == "4"
    drawn = bars(chart(page, title))
    assert len(drawn) == len(expected)
    for label, value in expected.items():
        # A long label is shortened in the chart ("…"); the table beside it has it in full.
        shown = [k for k in drawn if k == label or (k.endswith("…") and label.startswith(k[:-1]))]
        assert len(shown) == 1 and drawn[shown[0]] == value, (label, drawn)


def test_units_are_ranked_by_count_with_full_names_in_the_table(page: Html) -> None:
    rows = table(page, "Inovasi menurut perangkat daerah")
    assert list(rows) == ["Dinas Kependudukan dan Pencatatan Sipil", HOSTILE_UNIT, "SD Negeri 1 Contoh", "Jumlah"]
    assert [r[0] for r in rows.values()] == ["2", "1", "1", "4"]
    drawn = bars(chart(page, "Inovasi menurut perangkat daerah"))
    assert next(iter(drawn.items())) == ("Disdukcapil", 2)  # the chart uses the short name
    assert "Diskominfo" not in drawn  # units without innovations are not charted


def test_target_progress_reads_n_of_m_for_every_year(page: Html) -> None:
    text = page.article.text
    assert "3 dari 10 inovasi tahun 2025" in text
    assert "1 dari 5 inovasi tahun 2024" in text
    descriptions = [s.findtext(f"{SVG}desc") for s in svgs(page)]
    assert "3 dari 10 inovasi (30%)." in descriptions
    assert "1 dari 5 inovasi (20%)." in descriptions
    assert table(page, "Kemajuan target 2025")["Inovasi diusulkan tahun 2025"] == ["3", "10", "7"]
    # Schools do not count toward the target: 3 units, 2 of them met it in 2025.
    assert "2 dari 3 perangkat daerah (67%)." in descriptions


def test_newest_target_comes_first(page: Html) -> None:
    headings = [h.text for h in page.article.find_all("h2")]
    assert headings.index("Target 2025") < headings.index("Target 2024")


def test_units_owing_their_minimum_are_listed_by_name(page: Html) -> None:
    owing = [li.text for li in section_after(page, "Belum memenuhi target 2025 (1)").find_all("li")]
    assert owing == ["Dinas Komunikasi dan Informatika"]
    met = [li.text for li in section_after(page, "Sudah memenuhi target 2025 (2)").find_all("li")]
    assert met == ["Dinas Kependudukan dan Pencatatan Sipil (2 inovasi)", f"{HOSTILE_UNIT} (1 inovasi)"]
    owing_2024 = [li.text for li in section_after(page, "Belum memenuhi target 2024 (3)").find_all("li")]
    assert "Dinas Kependudukan dan Pencatatan Sipil" in owing_2024
    assert "SD Negeri 1 Contoh" not in owing_2024


def test_unit_links_lead_to_the_unit_pages(site: Path, page: Html) -> None:
    links = {a.text: a.attrs["href"] for a in page.article.find_all("a") if "perangkat-daerah/" in a.attrs.get("href", "")}
    assert links["Dinas Komunikasi dan Informatika"] == "../perangkat-daerah/diskominfo/"
    for href in links.values():
        target = posixpath.normpath(posixpath.join("statistik", href))
        assert (site / target / "index.html").is_file(), href


# --- accessible, well-formed, escaped -------------------------------------------------------------


def test_every_chart_is_an_image_named_by_its_title_and_desc(page: Html) -> None:
    charts = svgs(page)
    assert len(charts) == 2 * 2 + 6  # two progress bars per target year, six distributions
    for svg in charts:
        assert svg.get("role") == "img"
        assert svg.get("viewBox", "").startswith("0 0 ")
        assert svg.get("width") == "100%"
        title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
        assert title is not None and title.text and desc is not None and desc.text
        assert svg.get("aria-labelledby", "").split() == [title.get("id"), desc.get("id")]
    ids = [el.get("id") for svg in charts for el in svg.iter() if el.get("id")]
    assert len(ids) == len(set(ids)), "id ganda di antara grafik"


def test_every_table_has_a_caption_and_scoped_headers(page: Html) -> None:
    tables = page.article.find_all("table")
    assert len(tables) == 2 + 6
    for t in tables:
        assert t.find("caption") is not None
        assert all(th.attrs.get("scope") in ("col", "row") for th in t.find_all("th"))


def test_hostile_unit_name_is_escaped_text_inside_the_svg(page: Html) -> None:
    svg = chart(page, "Inovasi menurut perangkat daerah")  # parsing it proves the SVG is well-formed XML
    assert HOSTILE_UNIT in bars(svg)
    assert HOSTILE_UNIT in (svg.findtext(f"{SVG}desc") or "")
    assert not list(svg.iter(f"{SVG}script")) and not list(svg.iter("script"))
    assert "<script>alert" not in page.source
    assert not page.article.find_all("script")
    assert HOSTILE_UNIT in table(page, "Inovasi menurut perangkat daerah")


# --- the chart functions themselves ------------------------------------------------------------------


def test_bar_chart_escapes_labels_and_shortens_long_ones() -> None:
    long = "Badan " + "Sangat " * 12 + "Panjang"
    series = Series("uji", "Uji <grafik> & \"judul\"", "Label",
                    (Bar("<b>&amp;</b>", 3), Bar(long, 0)), whole=3)
    svg = ET.fromstring(str(bar_chart("grafik-uji", series)))
    assert svg.findtext(f"{SVG}title") == 'Uji <grafik> & "judul"'
    drawn = bars(svg)
    assert drawn["<b>&amp;</b>"] == 3
    shortened = next(k for k in drawn if k.startswith("Badan"))
    assert shortened.endswith("…") and len(shortened) < len(long) and drawn[shortened] == 0
    assert long in (svg.findtext(f"{SVG}desc") or "")  # the description keeps the full name


def test_progress_chart_caps_the_bar_but_not_the_number() -> None:
    svg = ET.fromstring(str(progress_chart("lebih", "Target", 120, 100, "120 dari 100 inovasi")))
    fill = next(r for r in svg.iter(f"{SVG}rect") if r.get("class") == "ki-grafik__batang")
    track = next(r for r in svg.iter(f"{SVG}rect") if r.get("class") == "ki-grafik__jalur")
    assert float(fill.get("width")) == float(track.get("width"))
    assert svg.findtext(f"{SVG}desc") == "120 dari 100 inovasi (120%)."


def test_chart_ids_must_be_safe() -> None:
    with pytest.raises(ValueError):
        progress_chart('x" onload="alert(1)', "Target", 1, 2, "1 dari 2")
