"""The "Usulan inovasi baru" issue form → an innovation file (generator/issue_form.py).

Bodies are written the way GitHub renders a submitted issue form: one
``### <label>`` heading per field, in form order, a blank line, the value,
``_No response_`` for an empty field, ``- [X] ...`` for a ticked checkbox.
The labels come from the real form in .github/ISSUE_TEMPLATE/, so the parser
is tested against what contributors actually submit. Hostile values go into
every field: the YAML must say exactly what was submitted, nothing more, and
``katalog check`` must report what is wrong in its normal problem lines.
"""

from __future__ import annotations

import contextlib
import functools
import io
import json
import random
import re
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

from generator import issue_form
from generator.cli import main as katalog_main
from generator.content import parse_text
from generator.issue_form import FIELDS, parse_issue_body, slug_for, to_innovation_yaml
from generator.schema import EDITOR_SCHEMA_MODELINE
from generator.vocabulary import slugify

FORM = ROOT / ".github" / "ISSUE_TEMPLATE" / "usulan-inovasi.yml"
PROBLEM_RE = re.compile(r"^[^:\n]+:\d+:\d+: (error|warning): \S.*: .+$")
INNOVATION_KEYS = set(json.loads((ROOT / "generator/schema/inovasi.schema.json").read_text("utf-8"))["properties"])

UNITS = [
    {"id": "disdukcapil", "nama": "Dinas Kependudukan dan Pencatatan Sipil", "singkatan": "Disdukcapil", "jenis": "dinas"},
    {"id": "diskominfo", "nama": "Dinas Komunikasi dan Informatika", "singkatan": "Diskominfo", "jenis": "dinas",
     "alias": ["Kominfo"]},
    {"id": "dinkes", "nama": "Dinas Kesehatan", "singkatan": "Dinkes", "jenis": "dinas"},
]
AFFAIRS = [
    {"id": "administrasi_kependudukan", "nama": "Administrasi Kependudukan dan Pencatatan Sipil"},
    {"id": "komunikasi_informatika", "nama": "Komunikasi dan Informatika"},
]

DESIGN = "\n\n".join([
    ("**Permasalahan.** Setiap pagi warga antre sejak subuh di kantor Disdukcapil untuk mendapat nomor urut, "
     "padahal kuota harian habis sebelum pukul sembilan dan warga yang bekerja harus kembali esok hari."),
    *[("Warga memilih jadwal kedatangan dari ponsel, menerima nomor antrean beserta daftar berkas yang harus dibawa, "
       "lalu datang sesuai jam yang dipilih sehingga ruang tunggu tidak lagi penuh sesak sejak pagi buta.")] * 10,
    "- Kuota per jam mengikuti jumlah petugas.\n- Sebagian kuota tetap dilayani langsung di kantor.",
])

#: A well-formed submission: the values a contributor types, by form field id.
GOOD = {
    "nama": "Antrean Daring Pelayanan Akta",
    "ringkasan": "Warga mengambil nomor antrean pelayanan akta dari ponsel dan datang sesuai jadwal.",
    "perangkat_daerah": "disdukcapil",
    "inisiator": "Perangkat Daerah",
    "inisiator_nama": "Bidang Pencatatan Sipil",
    "bentuk": "Inovasi Pelayanan Publik",
    "jenis": "Digital",
    "tahapan": "Uji Coba",
    "tematik": "Digitalisasi Layanan Pemerintahan",
    "urusan_utama": "administrasi_kependudukan",
    "tahun": "2025",
    "uji_coba": "2025-03-01",
    "penerapan": "",
    "rancang_bangun": DESIGN,
    "tujuan": "Mengurangi waktu tunggu warga di kantor.",
    "manfaat": "- Warga tidak perlu datang subuh.\n- Petugas dapat mengatur beban kerja loket.",
    "hasil": "",
    "tautan": "Aplikasi antrean - https://antrean.example.go.id/",
    "kontak_email": "pelayanan@example.go.id",
}

#: The same submission, exactly as GitHub stores the issue body.
GOOD_BODY = """\
### Nama inovasi

Antrean Daring Pelayanan Akta

### Ringkasan

Warga mengambil nomor antrean pelayanan akta dari ponsel dan datang sesuai jadwal.

### Perangkat daerah (id)

disdukcapil

### Inisiator

Perangkat Daerah

### Nama inisiator

Bidang Pencatatan Sipil

### Bentuk inovasi

Inovasi Pelayanan Publik

### Jenis inovasi

Digital

### Tahapan

Uji Coba

### Tema prioritas

Digitalisasi Layanan Pemerintahan

### Urusan utama (id)

administrasi_kependudukan

### Tahun usulan

2025

### Tanggal mulai uji coba

2025-03-01

### Tanggal mulai penerapan

_No response_

### Rancang bangun

""" + DESIGN + """

### Tujuan

Mengurangi waktu tunggu warga di kantor.

### Manfaat

- Warga tidak perlu datang subuh.
- Petugas dapat mengatur beban kerja loket.

### Hasil

_No response_

### Tautan

Aplikasi antrean - https://antrean.example.go.id/

### Surel kontak resmi

pelayanan@example.go.id

### Pernyataan

- [X] Data ini benar menurut dokumen perangkat daerah, tidak memuat data pribadi, dan boleh diterbitkan."""

HOSTILE = {
    "yaml-key-injection": "x\nperangkat_daerah: evil\ncontoh: true",
    "yaml-key-on-one-line": "nama: x, perangkat_daerah: evil",
    "quotes": "\"quoted\" and 'single' and \\\"escaped\\\"",
    "anchor": "&anchor nilai",
    "alias": "*alias",
    "merge-key": "<<: *base",
    "python-tag": '!!python/object/apply:os.system ["id"]',
    "local-tag": "!include /etc/passwd",
    "document-separator": "---\nnama: dokumen kedua\n...\n---",
    "directive": "%YAML 1.1\n%TAG ! tag:evil,2025:",
    "jinja": "{{ config.__class__ }} {% include 'x' %} {# c #}",
    "script": "<script>alert(document.cookie)</script><img src=x onerror=alert(1)>",
    "markdown-link": "[klik](javascript:alert(1)) ![x](https://evil.example/x.png)",
    "rtl-and-zero-width": "Antrean\u202e lanjut\u202c zero\u200bwidth\u2060 bom\ufeff",
    "control-characters": "bel\x07 esc\x1b[31m merah del\x7f",
    "yaml-line-breaks": "nel\x85 garis\u2028 paragraf\u2029 akhir",
    "flow-collections": "[a, b] {kunci: nilai}",
    "scalars-that-are-not-text": "null",
    "boolean-word": "yes",
    "number-like": "0x1F",
    "comment": "# bukan komentar",
    "block-indicators": "|\n  bukan blok\n>-\n  juga bukan",
    "indented-mapping": "kunci: nilai\n  bersarang: true\n- butir",
    "tab": "kolom\tdengan\ttab",
    "backslashes": "C:\\Users\\x \\n \\u0041",
    "mentions": "@everyone @bapperida #1",
    "emoji-and-accents": "Kafé 🚀 Ñusantara",
    "sql": "'; DROP TABLE inovasi; --",
    "no-response-inside": "_No response_ tetapi ada teks",
}
#: Fields whose value becomes a list of links rather than a copy of the text.
LINK_FIELDS = {"tautan"}
SINGLE_LINE = {f.key for f in FIELDS if f.kind in ("input", "dropdown")}


@functools.cache
def form_items() -> tuple[dict, ...]:
    """The fields of the real issue form (markdown blocks are not rendered into the body)."""
    form = yaml.safe_load(FORM.read_text("utf-8"))
    return tuple(item for item in form["body"] if item["type"] != "markdown")


def render(values: dict[str, str], newline: str = "\n") -> str:
    """The issue body GitHub writes for a submitted form."""
    sections = []
    for item in form_items():
        attrs = item["attributes"]
        if item["type"] == "checkboxes":
            value = "\n".join(f"- [X] {option['label']}" for option in attrs["options"])
        else:
            value = values.get(item["id"], "") or "_No response_"
        sections.append(f"### {attrs['label']}\n\n{value.replace(chr(10), newline)}")
    return "\n\n".join(sections)


def yaml_events_are_plain(text: str) -> None:
    """One document; no anchor, alias or explicit tag anywhere."""
    events = list(yaml.parse(text))
    assert sum(isinstance(e, yaml.DocumentStartEvent) for e in events) == 1
    for event in events:
        assert not isinstance(event, yaml.AliasEvent)
        assert getattr(event, "anchor", None) is None
        assert getattr(event, "tag", None) is None


def convert(values: dict[str, str]) -> tuple[str, str, dict]:
    """Render, parse and convert; return slug, YAML text and what katalog's loader reads from it."""
    fields = parse_issue_body(render(values))
    slug, text = to_innovation_yaml(fields, UNITS, AFFAIRS, issue=7)
    source = parse_text(f"content/inovasi/{slug}.yml", text.encode("utf-8"))
    assert source.problems == [], [p.text() for p in source.problems]
    yaml_events_are_plain(text)
    return slug, text, source.data


CLEAN = convert(GOOD)[2]


def where(data: dict, key: str):
    """The value a form field landed in."""
    paths = {
        "inisiator": ("inisiator", "jenis"), "inisiator_nama": ("inisiator", "nama"),
        "urusan_utama": ("urusan", "utama"), "uji_coba": ("waktu", "uji_coba"),
        "penerapan": ("waktu", "penerapan"), "kontak_email": ("kontak", "email"),
    }
    node = data
    for part in paths.get(key, (key,)):
        node = node[part]
    return node


def expected(key: str, value: str):
    """What a faithful file holds for a submitted value."""
    if key in issue_form.MARKDOWN_FIELDS:
        return value + "\n"
    if key == "tahun" and re.fullmatch(r"\d{4}", value):
        return int(value)
    return value


def run_check(root: Path, *args: str) -> tuple[int, list[str], str]:
    """``katalog check ARGS`` on the project in ``root`` (ARGS: files relative to it), in this process: exit code, stdout
    lines, stderr. Paths are given whole, so it runs from any folder (problem lines then name the files whole)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = katalog_main(["check", "--content", str(root / "content"), *(str(root / arg) for arg in args)])
    # Split on \n only: a message may quote a value holding U+2028 or U+0085.
    return code, out.getvalue().split("\n")[:-1], err.getvalue()


# --- parsing what GitHub renders ----------------------------------------------------------------

def test_form_fields_match_the_issue_template_in_order():
    items = form_items()
    assert [(i["id"], i["attributes"]["label"], i["type"]) for i in items] == [(f.key, f.label, f.kind) for f in FIELDS]


def test_dropdown_options_are_the_schema_labels():
    from generator.schema import labels

    for item in form_items():
        if item["type"] == "dropdown":
            field = next(f for f in FIELDS if f.key == item["id"])
            assert item["attributes"]["options"] == list(labels(field.vocabulary).values()), item["id"]


def test_real_body_parses_to_the_submitted_values():
    fields = parse_issue_body(GOOD_BODY)
    assert {k: v for k, v in fields.items() if k != "pernyataan"} == GOOD
    assert fields["pernyataan"].startswith("- [X] Data ini benar")
    assert render(GOOD) == GOOD_BODY


def test_no_response_means_empty_and_the_key_is_left_out():
    fields = parse_issue_body(GOOD_BODY)
    assert fields["penerapan"] == "" and fields["hasil"] == ""
    _, text, data = convert(GOOD)
    assert "hasil" not in data and "penerapan" not in data["waktu"]
    assert "_No response_" not in text


def test_crlf_body_gives_the_same_values_as_lf():
    assert parse_issue_body(render(GOOD, newline="\r\n").replace("\n\n###", "\r\n\r\n###")) == parse_issue_body(GOOD_BODY)


def test_heading_inside_a_textarea_stays_in_that_textarea():
    design = ("Pendahuluan.\n\n### Nama inovasi\n\nNama Palsu\n\n### Perangkat daerah (id)\n\nevil"
              "\n\n### Tujuan\n\nSubjudul di dalam rancang bangun.")
    values = dict(GOOD, rancang_bangun=design, tautan="### Nama inovasi\n\nhttps://contoh.example.go.id/")
    fields = parse_issue_body(render(values))
    assert fields["nama"] == GOOD["nama"]
    assert fields["perangkat_daerah"] == "disdukcapil"
    assert fields["rancang_bangun"] == design
    assert fields["tujuan"] == GOOD["tujuan"]
    assert fields["tautan"] == "### Nama inovasi\n\nhttps://contoh.example.go.id/"


def test_heading_of_the_same_field_inside_its_own_textarea():
    summary = "Kalimat pertama.\n\n### Ringkasan\n\nKalimat kedua."
    fields = parse_issue_body(render(dict(GOOD, ringkasan=summary)))
    assert fields["nama"] == GOOD["nama"]
    assert fields["ringkasan"] == summary


def test_trailing_spaces_at_line_ends_are_dropped_from_multi_line_text():
    fields = parse_issue_body(render(dict(GOOD, manfaat="- satu   \n- dua\t\n\n  - tiga")))
    assert fields["manfaat"] == "- satu\n- dua\n\n  - tiga"


def test_a_body_that_is_not_a_form_gives_nothing():
    assert parse_issue_body("Halo, saya ingin bertanya.\n\nTerima kasih.") == {}
    assert parse_issue_body("") == {}


def test_hand_edited_body_with_missing_and_extra_sections_keeps_what_it_can():
    body = "Catatan di atas formulir\n\n### Nama inovasi\n\nPojok Baca\n\n### Judul lain\n\nteks\n\n### Tahapan\n\nInisiatif"
    fields = parse_issue_body(body)
    assert fields == {"nama": "Pojok Baca\n\n### Judul lain\n\nteks", "tahapan": "Inisiatif"}


def test_many_repeated_headings_keep_the_first_of_each_section():
    # Its processor time is the benchmark's (bench/adversarial.py: issue-form-repeated-headings), not a test's.
    body = render(dict(GOOD, rancang_bangun="\n\n".join(["### Tujuan", "x", "### Nama inovasi", "y"] * 3000)))
    fields = parse_issue_body(body)
    assert fields["nama"] == GOOD["nama"] and fields["tujuan"] == GOOD["tujuan"]


def test_undecodable_text_becomes_replacement_characters():
    fields = parse_issue_body("### Nama inovasi\n\nAntrean \udcff Daring")
    assert fields["nama"] == "Antrean \ufffd Daring"


# --- from fields to YAML --------------------------------------------------------------------------

def test_well_formed_submission_becomes_the_contract_format():
    slug, text, data = convert(GOOD)
    assert slug == "antrean-daring-pelayanan-akta"
    assert text.startswith(EDITOR_SCHEMA_MODELINE + "\n# Dibuat otomatis dari formulir usulan inovasi #7.")
    assert data == {
        "nama": GOOD["nama"],
        "ringkasan": GOOD["ringkasan"],
        "perangkat_daerah": "disdukcapil",
        "inisiator": {"jenis": "perangkat_daerah", "nama": "Bidang Pencatatan Sipil"},
        "bentuk": "pelayanan_publik",
        "jenis": "digital",
        "tahapan": "uji_coba",
        "urusan": {"utama": "administrasi_kependudukan"},
        "tematik": "digitalisasi_layanan",
        "tahun": 2025,
        "waktu": {"uji_coba": "2025-03-01"},
        "rancang_bangun": DESIGN + "\n",
        "tujuan": GOOD["tujuan"] + "\n",
        "manfaat": GOOD["manfaat"] + "\n",
        "tautan": [{"judul": "Aplikasi antrean", "url": "https://antrean.example.go.id/"}],
        "kontak": {"email": "pelayanan@example.go.id"},
    }
    assert "\nrancang_bangun: |\n  **Permasalahan.**" in text  # literal block, readable in a diff
    assert "\n  uji_coba: 2025-03-01\n" in text  # dates unquoted, like every other file
    assert "\ntautan:\n  - judul: Aplikasi antrean\n" in text


def test_well_formed_submission_passes_katalog_check(catalog):
    slug, text, _ = convert(GOOD)
    path = catalog.innovation(slug, text)
    code, lines, err = run_check(catalog.root, str(path.relative_to(catalog.root)))
    assert code == 0, lines
    assert [line for line in lines if ": error: " in line] == []
    assert "Traceback" not in err


def test_unit_and_affair_may_be_written_by_name_or_abbreviation():
    _, _, data = convert(dict(GOOD, perangkat_daerah="Dinas Kependudukan dan  Pencatatan Sipil",
                              urusan_utama="komunikasi dan informatika"))
    assert data["perangkat_daerah"] == "disdukcapil"
    assert data["urusan"]["utama"] == "komunikasi_informatika"
    assert convert(dict(GOOD, perangkat_daerah="DISDUKCAPIL"))[2]["perangkat_daerah"] == "disdukcapil"


@pytest.mark.parametrize(("written", "stored"), [
    ("Dinkes", "dinkes"),  # singkatan
    ("dinas kesehatan.", "dinkes"),  # nama, case and punctuation ignored
    ("Kominfo", "diskominfo"),  # alias from perangkat-daerah.yml
    ("Puskesmas Gerunggang", "Puskesmas Gerunggang"),  # not a unit: katalog check explains
    ("SD Negeri 9 Kota", "SD Negeri 9 Kota"),  # unlisted school: katalog check explains
    ("dinkse", "dinkse"),  # a typo is never guessed into another unit's id
])
def test_unit_is_read_as_katalog_new_reads_it(written, stored):
    assert convert(dict(GOOD, perangkat_daerah=written))[2]["perangkat_daerah"] == stored


def test_first_line_points_editors_at_the_schema_in_the_repository():
    _, text, _ = convert(GOOD)
    first = text.split("\n", 1)[0]
    assert first == "# yaml-language-server: $schema=../../skema/inovasi.schema.json"
    relative = first.split("$schema=", 1)[1]
    assert (ROOT / "content" / "inovasi" / relative).resolve() == ROOT / "skema" / "inovasi.schema.json"
    assert (ROOT / "skema" / "inovasi.schema.json").is_file()


@pytest.mark.parametrize(("written", "stored"), [
    ("2025-03-01", "2025-03-01"), ("2025-3-1", "2025-03-01"), ("01/03/2025", "2025-03-01"),
    ("1-3-2025", "2025-03-01"), ("1 Maret 2025", "2025-03-01"), ("17 agustus 2025", "2025-08-17"),
    ("2025-02-30", "2025-02-30"), ("31/02/2025", "31/02/2025"), ("Maret 2025", "Maret 2025"), ("besok", "besok"),
])
def test_dates_are_normalised_only_when_they_are_real_dates(written, stored):
    assert convert(dict(GOOD, uji_coba=written))[2]["waktu"]["uji_coba"] == stored


@pytest.mark.parametrize(("written", "stored"), [("2025", 2025), (" 2025 ", 2025), ("2.025", "2.025"), ("dua ribu", "dua ribu")])
def test_year_becomes_a_number_only_when_it_is_one(written, stored):
    assert convert(dict(GOOD, tahun=written))[2]["tahun"] == stored


def test_links_one_per_line_with_or_without_title():
    links = ("Aplikasi - https://a.example.go.id/\n- https://b.example.go.id/berita\n"
             "Berita: https://c.example.go.id/x?a=1&b=2\nbukan tautan")
    assert convert(dict(GOOD, tautan=links))[2]["tautan"] == [
        {"judul": "Aplikasi", "url": "https://a.example.go.id/"},
        {"judul": "b.example.go.id", "url": "https://b.example.go.id/berita"},
        {"judul": "Berita", "url": "https://c.example.go.id/x?a=1&b=2"},
        {"judul": "Tautan", "url": "bukan tautan"},
    ]


@pytest.mark.parametrize(("name", "slug"), [
    ("Antrean Daring Kependudukan", "antrean-daring-kependudukan"),
    ("  Kafé Ñusantara — Layanan   Sehat!  ", "kafe-nusantara-layanan-sehat"),
    ("SI-CANTIK 2.0 (Sistem Cerdas)", "si-cantik-2-0-sistem-cerdas"),
    ("ﬁle ① Ｆｕｌｌｗｉｄｔｈ", "file-1-fullwidth"),
    ("日本語", "usulan-7"),
    ("", "usulan-7"),
    ("ab", "usulan-7"),
    ("Jum'at Bersih & Sehat", "jumat-bersih-sehat"),  # the same slug as katalog new gives
])
def test_slug_is_ascii_lower_case_with_single_hyphens(name, slug):
    fields = parse_issue_body(render(dict(GOOD, nama=name)))
    assert to_innovation_yaml(fields, UNITS, AFFAIRS, issue=7)[0] == slug


def test_slug_of_a_very_long_name_is_at_most_80_characters_and_ends_on_a_word():
    slug = slug_for("Gerakan " + "Literasi Pagi Bersama Warga " * 10)
    assert slug == slugify("Gerakan " + "Literasi Pagi Bersama Warga " * 10)
    assert len(slug) <= 80 and re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug)
    assert slug.endswith(("gerakan", "literasi", "pagi", "bersama", "warga"))
    assert len(issue_form.slug_with_suffix(slug, 12)) <= 80


# --- hostile input: fidelity and safety -------------------------------------------------------------

@pytest.mark.parametrize("field", [f.key for f in FIELDS if f.key != "pernyataan"])
@pytest.mark.parametrize("case", list(HOSTILE), ids=list(HOSTILE))
def test_hostile_value_is_stored_exactly_and_adds_nothing(case, field):
    value = HOSTILE[case]
    slug, _, data = convert(dict(GOOD, **{field: value}))
    assert set(data) <= INNOVATION_KEYS
    clean = CLEAN
    for key in set(data) | set(clean):
        if key not in {"inisiator", "urusan", "waktu", "kontak"} and key != where_top(field):
            assert data.get(key) == clean.get(key), key  # no other field changed or appeared
    if field in LINK_FIELDS:
        assert all(set(link) == {"judul", "url"} and all(isinstance(v, str) for v in link.values()) for link in data["tautan"])
        assert "".join(link["url"] for link in data["tautan"]).replace("\n", "") != ""
    else:
        assert where(data, field) == expected(field, value)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug) and len(slug) <= 80


def where_top(field: str) -> str:
    return {"inisiator_nama": "inisiator", "urusan_utama": "urusan", "uji_coba": "waktu",
            "penerapan": "waktu", "kontak_email": "kontak"}.get(field, field)


def test_hidden_characters_are_written_as_visible_escapes():
    _, text, data = convert(dict(GOOD, nama=HOSTILE["rtl-and-zero-width"]))
    assert "\u202e" not in text and "\u200b" not in text and "\ufeff" not in text
    assert "\\u202E" in text and "\\u200B" in text
    assert data["nama"] == HOSTILE["rtl-and-zero-width"]


def test_injected_lines_stay_inside_their_value():
    _, text, data = convert(dict(GOOD, nama=HOSTILE["yaml-key-injection"], ringkasan=HOSTILE["document-separator"]))
    assert data["perangkat_daerah"] == "disdukcapil" and "contoh" not in data
    assert not re.search(r"^(perangkat_daerah: evil|contoh:|---|\.\.\.)", text, re.MULTILINE)


@pytest.mark.parametrize("case", list(HOSTILE), ids=list(HOSTILE))
def test_katalog_check_reports_hostile_files_with_problem_lines(catalog, case):
    value = HOSTILE[case]
    values = {key: value for key in GOOD}
    slug, text, _ = convert(values)
    path = catalog.innovation(slug, text)
    code, lines, err = run_check(catalog.root)
    assert code in (0, 1)
    assert "Traceback" not in err
    assert lines, "a file full of hostile values must get problem lines"
    assert all(PROBLEM_RE.match(line) for line in lines), lines
    mine = [line for line in lines if line.startswith(f"{path}:")]  # named whole: run_check gives whole paths
    assert any(": error: " in line for line in mine)


@pytest.mark.parametrize(("field", "value", "message"), [
    ("tahapan", "Setengah Jadi", "tahapan: 'Setengah Jadi' bukan pilihan yang sah (inisiatif, uji_coba, penerapan)"),
    ("bentuk", "Inovasi Lain", "bentuk: 'Inovasi Lain' bukan pilihan yang sah"),
    ("nama", HOSTILE["rtl-and-zero-width"], "nama: mengandung karakter tak terlihat"),
    ("rancang_bangun", HOSTILE["script"], "rancang_bangun: HTML tidak diizinkan"),
    ("manfaat", HOSTILE["markdown-link"], "manfaat: tautan 'javascript:alert(1)' tidak diizinkan"),
    ("perangkat_daerah", "dinas-antah", "perangkat_daerah: perangkat daerah 'dinas-antah' tidak ada di perangkat-daerah.yml"),
    ("urusan_utama", "kependudukan", "urusan.utama: urusan 'kependudukan' tidak ada di urusan.yml"),
    ("tahun", "dua ribu", "tahun: harus berupa bilangan bulat"),
    ("uji_coba", "31/02/2025", "waktu.uji_coba: '31/02/2025': tanggal harus ditulis TTTT-BB-HH"),
    ("uji_coba", "2025-02-30", "waktu.uji_coba: '2025-02-30' bukan tanggal yang ada di kalender"),
    ("nama", "Sistem " * 30, "nama: terlalu panjang"),
    ("rancang_bangun", "kata " * 6000, "rancang_bangun: terlalu panjang (30000 karakter); maksimal 20000 karakter"),
    ("kontak_email", "bukan surel", "kontak.email: 'bukan surel': alamat surel tidak sah"),
    ("tautan", "javascript:alert(1)", "tautan[0].url: 'javascript:alert(1)': alamat harus diawali https://"),
])
def test_katalog_check_explains_what_is_wrong_with_a_submission(catalog, field, value, message):
    slug, text, _ = convert(dict(GOOD, **{field: value}))
    path = catalog.innovation(slug, text)
    code, lines, _ = run_check(catalog.root, str(path.relative_to(catalog.root)))
    assert code == 1
    assert any(message in line and ": error: " in line for line in lines), lines


def test_missing_required_answers_are_reported_as_missing_keys(catalog):
    values = dict(GOOD, ringkasan="", tujuan="", inisiator="")
    slug, text, data = convert(values)
    assert "ringkasan" not in data and "tujuan" not in data
    code, lines, _ = run_check(catalog.root, str(catalog.innovation(slug, text).relative_to(catalog.root)))
    assert code == 1
    for key in ("ringkasan", "tujuan", "inisiator.jenis"):
        assert any(f": error: {key}: kolom wajib" in line for line in lines), (key, lines)


def test_random_hostile_text_round_trips_in_every_field():
    rng = random.Random(20250301)
    alphabet = list("ab :-#&*!|>'\"%@`{}[],?\\\t\n") + ["\r\n", "---", "...", "<<", "\u202e", "\u200b", "\x85", "\u2028",
                                                        "\ufeff", "\x00", "\x1b", "é", "🚀", "### Tujuan", "_No response_"]
    keys = [f.key for f in FIELDS if f.key not in LINK_FIELDS | {"pernyataan"}]
    for _ in range(300):
        key = rng.choice(keys)
        raw = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 40)))
        submitted = issue_form._value(next(f.kind for f in FIELDS if f.key == key), issue_form._clean_text(raw))
        if not submitted or (key in SINGLE_LINE and "\n" in submitted):
            continue  # GitHub's inputs are one line; empty answers are covered elsewhere
        fields = parse_issue_body(render(dict(GOOD, **{key: submitted})))
        if fields.get(key) != submitted:
            # Only a value that itself contains a heading of a later field may be read differently.
            assert "### " in submitted, (key, submitted, fields.get(key))
            continue
        _, _, data = convert(dict(GOOD, **{key: submitted}))
        assert where(data, key) == expected(key, submitted), (key, submitted)


# --- the command ------------------------------------------------------------------------------------

def test_cli_writes_the_file_and_prints_its_path(catalog, tmp_path, capsys):
    body = tmp_path / "body.md"
    body.write_text(GOOD_BODY, encoding="utf-8")
    out_dir = catalog.content / "inovasi"
    assert issue_form.main(["--body-file", str(body), "--content", str(catalog.content), "--issue", "7"]) == 0
    printed = capsys.readouterr().out.strip()
    assert printed == str(out_dir / "antrean-daring-pelayanan-akta.yml")
    assert Path(printed).read_text("utf-8") == to_innovation_yaml(parse_issue_body(GOOD_BODY), UNITS, AFFAIRS, issue=7)[1]


def test_cli_never_overwrites_and_picks_the_next_free_slug(catalog, tmp_path, capsys):
    body = tmp_path / "body.md"
    body.write_text(GOOD_BODY, encoding="utf-8")
    taken = catalog.innovation("antrean-daring-pelayanan-akta", "nama: milik orang lain\n")
    args = ["--body-file", str(body), "--content", str(catalog.content)]
    assert issue_form.main(args) == 0
    assert issue_form.main(args) == 0
    printed = capsys.readouterr().out.split()
    assert [Path(p).name for p in printed] == ["antrean-daring-pelayanan-akta-2.yml", "antrean-daring-pelayanan-akta-3.yml"]
    assert taken.read_text("utf-8") == "nama: milik orang lain\n"


def test_cli_fails_clearly_when_every_suffix_is_taken(tmp_path, capsys):
    out = tmp_path / "keluar"
    out.mkdir()
    (out / "pojok-baca.yml").write_text("x", encoding="utf-8")
    for n in range(2, issue_form.MAX_SUFFIX + 1):
        (out / f"pojok-baca-{n}.yml").write_text("x", encoding="utf-8")
    body = tmp_path / "body.md"
    body.write_text(render(dict(GOOD, nama="Pojok Baca")), encoding="utf-8")
    assert issue_form.main(["--body-file", str(body), "--content", str(tmp_path / "tidak-ada"), "--out-dir", str(out)]) == 1
    assert "sudah ada" in capsys.readouterr().err


def test_cli_reads_the_body_from_an_environment_variable(catalog, monkeypatch, capsys):
    monkeypatch.setenv("ISSUE_BODY", render(dict(GOOD, nama=HOSTILE["python-tag"])))
    assert issue_form.main(["--body-env", "ISSUE_BODY", "--content", str(catalog.content), "--issue", "31"]) == 0
    path = Path(capsys.readouterr().out.strip())
    assert path.name == "python-object-apply-os-system-id.yml"
    assert parse_text(str(path), path.read_bytes()).data["nama"] == HOSTILE["python-tag"]


def test_cli_reads_invalid_utf8_without_crashing(catalog, tmp_path, capsys):
    body = tmp_path / "body.md"
    body.write_bytes(GOOD_BODY.encode("utf-8").replace(b"Antrean Daring", b"Antrean \xff\xfe Daring", 1))
    assert issue_form.main(["--body-file", str(body), "--content", str(catalog.content)]) == 0
    path = Path(capsys.readouterr().out.strip())
    assert parse_text(str(path), path.read_bytes()).data["nama"] == "Antrean \ufffd\ufffd Daring Pelayanan Akta"


def test_cli_usage_errors(catalog, tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("TIDAK_ADA", raising=False)
    assert issue_form.main(["--body-env", "TIDAK_ADA"]) == 2
    assert "TIDAK_ADA tidak ada" in capsys.readouterr().err
    not_a_form = tmp_path / "bukan.md"
    not_a_form.write_text("Halo, ini pertanyaan biasa.", encoding="utf-8")
    assert issue_form.main(["--body-file", str(not_a_form), "--content", str(catalog.content)]) == 1
    assert "bukan formulir" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        issue_form.main(["--content", str(catalog.content)])  # neither --body-file nor --body-env


def test_cli_as_a_module_matches_the_documented_command(catalog, tmp_path):
    body = tmp_path / "body.md"
    body.write_text(GOOD_BODY, encoding="utf-8")
    result = catalog.run_cmd(sys.executable, "-m", "generator.issue_form", "--body-file", str(body),
                             "--content", "content", "--issue", "7")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "content/inovasi/antrean-daring-pelayanan-akta.yml"
    code, lines, _ = run_check(catalog.root, result.stdout.strip())
    assert code == 0, lines


def test_output_is_refused_rather_than_written_unfaithfully(monkeypatch):
    # If the emitter ever produced text that reads back differently, nothing is written.
    monkeypatch.setattr(issue_form.yaml, "load", lambda text, Loader: {"nama": "lain"})
    with pytest.raises(ValueError, match="tidak dapat ditulis"):
        to_innovation_yaml(parse_issue_body(GOOD_BODY), UNITS, AFFAIRS)
