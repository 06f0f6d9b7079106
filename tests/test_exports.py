"""Open data: /data/inovasi.json, /data/inovasi.csv, /data/inovasi.schema.json, /feed.xml and the /data/ page.

The conftest catalog plus a few innovations with awkward text, built once with
the real ``katalog build``; every assertion reads the files as a program (or a
spreadsheet) that downloads them would.
"""

from __future__ import annotations

import csv
import io
import json
import os
import posixpath
from datetime import UTC, datetime
from pathlib import Path
from xml.etree import ElementTree as ET

import jsonschema
import pytest
import yaml
from conftest import AFFAIRS, UNITS, VALID, Catalog
from test_site_support import innovation_text, new_catalog, read_page, require_ok

ATOM = "{http://www.w3.org/2005/Atom}"
SITUS = "https://inovasi.contoh.go.id/"
#: A fixed build time (SOURCE_DATE_EPOCH) so the exported timestamp is known.
EPOCH = 1760000000

#: A value a CSV writer must quote: comma, double quotes, a line break.
AWKWARD = 'Satu, dua "tiga"\nbaris kedua: ringkasan untuk uji CSV.'
#: A name a spreadsheet would run as a formula.
FORMULA = '=HYPERLINK("https://evil.example";"klik")'
HOSTILE = 'Tanda "kutip" & <script>alert(1)</script> uji'

EXTRA = {
    "koma-kutip": {"nama": "Koma dan Kutip", "ringkasan": AWKWARD, "tag": ["antrean", "uji-csv"]},
    "rumus": {"nama": FORMULA, "ringkasan": "Nama inovasi ini diawali tanda sama dengan."},
    "tanda-baca": {"nama": HOSTILE, "ringkasan": "Ringkasan <b>tebal</b> & 'kutip' untuk uji umpan."},
}
SLUGS = {"antrean-daring", *EXTRA}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    cat: Catalog = new_catalog(tmp_path_factory.mktemp("ekspor") / "proyek")
    for slug, changes in EXTRA.items():
        cat.innovation(slug, innovation_text(**changes))
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(EPOCH)
    try:
        require_ok(cat.run_here("build"), "katalog build")
    finally:
        if previous is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous
    return cat.root / "site"


@pytest.fixture(scope="module")
def exported(site: Path) -> dict:
    return json.loads((site / "data" / "inovasi.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def csv_bytes(site: Path) -> bytes:
    return (site / "data" / "inovasi.csv").read_bytes()


def csv_rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


# --- inovasi.json -------------------------------------------------------------------------------------


def test_json_has_every_innovation_once(exported: dict) -> None:
    slugs = [i["slug"] for i in exported["inovasi"]]
    assert sorted(slugs) == sorted(SLUGS)
    assert exported["jumlah"] == len(SLUGS)
    assert {i["url"] for i in exported["inovasi"]} == {f"{SITUS}inovasi/{s}/" for s in SLUGS}


def test_json_carries_schema_version_and_build_time(exported: dict) -> None:
    assert exported["versi_skema"] == "2.0"
    built = datetime.fromisoformat(exported["dibangun"])  # Python 3.11 reads the "Z"
    assert built == datetime.fromtimestamp(EPOCH, tz=UTC)
    assert exported["skema"] == f"{SITUS}data/inovasi.schema.json"
    assert exported["penyelenggara"] == "Bapperida Kota Contoh"


def test_json_puts_labels_beside_ids(exported: dict) -> None:
    record = next(i for i in exported["inovasi"] if i["slug"] == "antrean-daring")
    assert record["tahapan"] == {"id": "uji_coba", "label": "Uji Coba"}
    assert record["bentuk"] == {"id": "pelayanan_publik", "label": "Inovasi Pelayanan Publik"}
    assert record["jenis"] == {"id": "digital", "label": "Digital"}
    assert record["inisiator"]["jenis"] == {"id": "perangkat_daerah", "label": "Perangkat Daerah"}
    assert record["perangkat_daerah"] == {"id": "disdukcapil", "nama": "Dinas Kependudukan dan Pencatatan Sipil",
                                          "singkatan": "Disdukcapil"}
    assert record["urusan"]["utama"]["nama"] == "Administrasi Kependudukan dan Pencatatan Sipil"
    assert [a["id"] for a in record["urusan"]["irisan"]] == ["komunikasi_informatika"]


def test_json_keeps_text_literally(exported: dict) -> None:
    names = {i["slug"]: i["nama"] for i in exported["inovasi"]}
    assert names["tanda-baca"] == HOSTILE
    assert names["rumus"] == FORMULA  # only the CSV neutralises formulas
    assert next(i for i in exported["inovasi"] if i["slug"] == "koma-kutip")["ringkasan"] == AWKWARD


# --- inovasi.csv --------------------------------------------------------------------------------------


def test_csv_is_utf8_with_bom_for_excel(csv_bytes: bytes) -> None:
    assert csv_bytes.startswith(b"\xef\xbb\xbf")
    csv_bytes.decode("utf-8")


def test_csv_has_a_header_and_one_row_per_innovation(csv_bytes: bytes) -> None:
    header = next(csv.reader(io.StringIO(csv_bytes.decode("utf-8-sig"), newline="")))
    assert header[:4] == ["slug", "url", "nama", "ringkasan"]
    assert {"perangkat_daerah", "tahapan", "urusan_utama", "tahun", "tag"} <= set(header)
    rows = csv_rows(csv_bytes)
    assert sorted(r["slug"] for r in rows) == sorted(SLUGS)
    assert all(len(r) == len(header) for r in rows)


def test_csv_round_trips_commas_quotes_and_line_breaks(csv_bytes: bytes) -> None:
    row = next(r for r in csv_rows(csv_bytes) if r["slug"] == "koma-kutip")
    assert row["ringkasan"] == AWKWARD
    assert row["tag"] == "antrean; uji-csv"  # list fields joined with "; "
    assert row["tahapan"] == "Uji Coba"  # labels, not ids


def test_csv_neutralises_formulas(csv_bytes: bytes) -> None:
    rows = csv_rows(csv_bytes)
    assert next(r for r in rows if r["slug"] == "rumus")["nama"] == "'" + FORMULA
    cells = [cell for r in rows for cell in r.values()]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@")]


# --- inovasi.schema.json ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def schema(site: Path) -> dict:
    return json.loads((site / "data" / "inovasi.schema.json").read_text(encoding="utf-8"))


def test_schema_lists_the_registries_ids_as_enums(schema: dict) -> None:
    unit_ids = [u["id"] for u in yaml.safe_load(UNITS)]
    affair_ids = [a["id"] for a in yaml.safe_load(AFFAIRS)]
    props = schema["properties"]
    assert props["perangkat_daerah"]["enum"] == unit_ids
    assert props["perangkat_daerah_lain"]["items"]["enum"] == unit_ids
    assert props["urusan"]["properties"]["utama"]["enum"] == affair_ids
    assert props["urusan"]["properties"]["irisan"]["items"]["enum"] == affair_ids
    assert schema["$id"] == f"{SITUS}data/inovasi.schema.json"


def test_schema_accepts_a_valid_innovation_and_rejects_an_unknown_unit(schema: dict) -> None:
    jsonschema.Draft202012Validator.check_schema(schema)
    # YAML dates are strings in the content (the loader keeps them as text).
    valid = yaml.safe_load(VALID.replace("2025-03-01", "'2025-03-01'"))
    jsonschema.validate(valid, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**valid, "perangkat_daerah": "dinas-khayalan"}, schema)


# --- feed.xml -----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def feed(site: Path) -> ET.Element:
    return ET.parse(site / "feed.xml").getroot()  # parses only if well-formed


def test_feed_is_atom_with_an_entry_per_innovation(feed: ET.Element) -> None:
    assert feed.tag == f"{ATOM}feed"
    assert feed.findtext(f"{ATOM}title") == "Katalog Inovasi Kota Contoh"
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == len(SLUGS)
    for entry in entries:
        assert entry.findtext(f"{ATOM}title")
        link = entry.find(f"{ATOM}link")
        assert link is not None and link.get("href", "").startswith(f"{SITUS}inovasi/")
        assert entry.findtext(f"{ATOM}id") == link.get("href")
        assert entry.findtext(f"{ATOM}updated")


def test_feed_escapes_hostile_text(site: Path, feed: ET.Element) -> None:
    titles = {e.findtext(f"{ATOM}title") for e in feed.findall(f"{ATOM}entry")}
    assert HOSTILE in titles
    raw = (site / "feed.xml").read_text(encoding="utf-8")
    assert "<script>" not in raw and "<b>" not in raw
    assert "&lt;script&gt;" in raw


# --- the /data/ page ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def data_page(site: Path):
    return read_page(site, "/data/")


def test_data_page_links_every_file(site: Path, data_page) -> None:
    hrefs = {a.attrs.get("href", "") for a in data_page.article.find_all("a")}
    for path in ("data/inovasi.json", "data/inovasi.csv", "data/inovasi.schema.json", "feed.xml"):
        href = posixpath.relpath(path, "data")
        assert href in hrefs, path
        assert (site / path).is_file()


def test_data_page_states_the_licence_and_whom_to_credit(data_page) -> None:
    text = data_page.article.text
    assert "Creative Commons Atribusi 4.0 Internasional (CC BY 4.0)" in text
    assert "dengan syarat mencantumkan Bapperida Kota Contoh sebagai sumbernya" in text
    licence = [a for a in data_page.article.find_all("a") if a.attrs.get("rel") == "license"]
    assert [a.attrs["href"] for a in licence] == ["https://creativecommons.org/licenses/by/4.0/deed.id"]


def test_data_page_explains_every_json_field_and_csv_column(exported: dict, csv_bytes: bytes, data_page) -> None:
    documented = {c.text for c in data_page.article.find_all("code")}
    fields = set(exported) | {k for record in exported["inovasi"] for k in record}
    assert fields - documented == set()
    columns = next(csv.reader(io.StringIO(csv_bytes.decode("utf-8-sig"), newline="")))
    assert set(columns) - documented == set()


def test_data_page_shows_version_sizes_and_list_separator(site: Path, data_page) -> None:
    text = data_page.article.text
    assert "sekarang 2.0" in text
    assert "UTF-8 dengan penanda BOM" in text
    assert "pemisah ; (titik koma dan spasi)" in text
    size = (site / "data" / "inovasi.json").stat().st_size
    assert f"{round(size / 1000)} kB" in text or f"{size} bita" in text
