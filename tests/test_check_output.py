"""What `katalog check` prints: order, completeness, and the text, GitHub and JSON formats."""

from __future__ import annotations

import json
import re

from conftest import UNITS, VALID
from test_check_support import APPENDED_LINE, DISKOMINFO_WARNING, INNOVATION, another, check, edit, variant

from generator.problems import Problem, github_annotation

LINE_RE = re.compile(r"^(?P<path>[^\n]+?):(?P<line>\d+):(?P<col>\d+): (?P<severity>error|warning): (?P<key>\S+): "
                     r"(?P<message>.+)$")
ENUM_ERROR = (
    f"{INNOVATION}:10:10: error: tahapan: 'ujicoba' bukan pilihan yang sah (inisiatif, uji_coba, penerapan); maksud Anda "
    "'uji_coba'?"
)
ENUM_MESSAGE = ENUM_ERROR.split(": tahapan: ", 1)[1]


def broken_catalog(catalog):
    """Problems in three innovations and one registry, several in one file."""
    text = variant("tahapan: uji_coba", "tahapan: ujicoba")
    catalog.innovation("antrean-daring", text + "zzzqqq: 1\n")  # line 10 and line 53
    catalog.innovation("bank-sampah", edit(another("Bank Sampah Kelurahan"), "jenis: digital", "jenis: digitl"))
    catalog.innovation("zebra-cross", another("Zebra: Aman"))  # does not parse
    catalog.write("urusan.yml", "- id: pendidikan\n  nama: Pendidikan\n  kelompok: wajib\n"
                  "- id: administrasi_kependudukan\n  nama: Adminduk\n  kelompok: pilihan\n"
                  "- id: komunikasi_informatika\n  nama: Kominfo\n  kelompok: pilihan\n")
    return catalog


def no_warning_catalog(catalog):
    catalog.write("perangkat-daerah.yml", edit(UNITS, "  singkatan: Diskominfo\n", "  singkatan: Diskominfo\n  wajib_target: "
                                                                                   "false\n"))
    return catalog


# --- text -----------------------------------------------------------------------------------

def test_every_problem_line_follows_the_contract_format(catalog):
    result = check(broken_catalog(catalog))
    assert result.lines
    for line in result.lines:
        assert LINE_RE.match(line), line


def test_problems_of_all_files_are_reported_in_one_run(catalog):
    result = check(broken_catalog(catalog))
    paths = {LINE_RE.match(line)["path"] for line in result.lines}
    assert paths == {
        INNOVATION,
        "content/inovasi/bank-sampah.yml",
        "content/inovasi/zebra-cross.yml",
        "content/urusan.yml",
        "content/katalog.yml",
    }


def test_problems_are_sorted_by_path_then_line(catalog):
    result = check(broken_catalog(catalog))
    assert result.lines == [
        ENUM_ERROR,
        f"{INNOVATION}:{APPENDED_LINE}:1: error: zzzqqq: " + result.lines[1].split(": zzzqqq: ", 1)[1],
        "content/inovasi/bank-sampah.yml:9:8: error: jenis: 'digitl' bukan pilihan yang sah (digital, non_digital); maksud Anda "
        "'digital'?",
        ("content/inovasi/zebra-cross.yml:1:12: error: (berkas): YAML tidak sah: ada titik dua (:) yang tidak terduga; "
        "jika nilai mengandung ': ', apit nilai itu dengan tanda kutip"),
        DISKOMINFO_WARNING,
        ("content/urusan.yml:3:13: error: [0].kelompok: 'wajib' bukan pilihan yang sah "
        "(wajib_pelayanan_dasar, wajib_non_pelayanan_dasar, pilihan, penunjang)"),
    ]


def test_lines_sort_numerically_not_as_text(catalog):
    # Errors on lines 9, 10 and 53 of one file: 9 < 10 < 53, although "10" < "9" as text.
    text = edit(variant("tahapan: uji_coba", "tahapan: ujicoba"), "jenis: digital", "jenis: digitl")
    catalog.innovation("antrean-daring", text + "zzzqqq: 1\n")
    lines = [int(LINE_RE.match(line)["line"]) for line in check(catalog).about(INNOVATION)]
    assert lines == [9, 10, APPENDED_LINE]


def test_summary_goes_to_stderr_not_between_problem_lines(catalog):
    result = check(broken_catalog(catalog))
    assert result.err.strip() == "5 kesalahan, 1 peringatan dalam 7 berkas."
    assert "peringatan dalam" not in result.out


def test_valid_catalog_prints_no_problem_and_a_summary(catalog):
    result = check(no_warning_catalog(catalog))
    assert (result.code, result.out) == (0, "")
    assert result.err.strip() == "Tidak ada kesalahan maupun peringatan dalam 5 berkas."


def test_value_with_line_break_still_gives_one_line_per_problem(catalog):
    catalog.innovation("antrean-daring", variant("tahapan: uji_coba", 'tahapan: "uji\\ncoba"'))
    result = check(catalog)
    assert result.code == 1
    assert all(LINE_RE.match(line) for line in result.lines), result.out


# --- GitHub annotations ---------------------------------------------------------------------

def test_github_format_prints_annotation_then_text_line(catalog):
    catalog.innovation("antrean-daring", variant("tahapan: uji_coba", "tahapan: ujicoba"))
    result = check(catalog, "--format", "github")
    assert result.code == 1
    assert result.lines == [
        f"::error file={INNOVATION},line=10,col=10,title=tahapan::{ENUM_MESSAGE}",
        ENUM_ERROR,
        ("::warning file=content/katalog.yml,line=6,col=12,title=target[0].tahun::1 perangkat daerah belum punya 1 inovasi "
         "tahun 2025 (diskominfo); jalankan 'katalog check --semua' untuk daftar lengkapnya"),
        DISKOMINFO_WARNING,
    ]


def test_github_format_escapes_percent_colon_and_comma_in_file_property(catalog):
    catalog.write("inovasi/Data,Uji:100%.yml", another("Data Uji Seratus"))
    annotation = check(catalog, "--format", "github").lines[0]
    assert annotation == (
        "::error file=content/inovasi/Data%2CUji%3A100%25.yml,line=1,col=1,title=(berkas)::"
        "nama berkas 'Data,Uji:100%25' bukan slug yang sah; gunakan 3–80 huruf kecil, angka dan tanda hubung tunggal, "
        "tanpa spasi: ganti menjadi data-uji-100.yml"
    )


def test_github_format_escapes_colon_and_comma_in_title(catalog):
    catalog.innovation("antrean-daring", VALID + '"a:b,c": 1\n')
    annotation = check(catalog, "--format", "github").lines[0]
    assert annotation.startswith(f"::error file={INNOVATION},line={APPENDED_LINE},col=1,title=a%3Ab%2Cc::kolom 'a:b,c' tidak "
                                 "dikenal; ")


def test_line_break_in_a_value_is_shown_visibly_in_the_annotation(catalog):
    catalog.innovation("antrean-daring", variant("tahapan: uji_coba", 'tahapan: "uji\\ncoba"'))
    annotation = check(catalog, "--format", "github").lines[0]
    assert annotation.startswith(f"::error file={INNOVATION},line=10,col=10,title=tahapan::'uji⟨U+000A⟩coba' bukan pilihan yang "
                                 "sah ")


def test_github_annotation_escapes_every_special_character():
    problem = Problem("a,b:c%.yml", 3, 4, "warning", "k:e,y%", "50% selesai\r\nbaris: dua, tiga")
    assert github_annotation(problem) == (
        "::warning file=a%2Cb%3Ac%25.yml,line=3,col=4,title=k%3Ae%2Cy%25::50%25 selesai%0D%0Abaris: dua, tiga"
    )


# --- JSON -----------------------------------------------------------------------------------

def test_json_format_is_a_list_of_problem_objects(catalog):
    catalog.innovation("antrean-daring", variant("tahapan: uji_coba", "tahapan: ujicoba"))
    result = check(catalog, "--format", "json")
    assert result.code == 1
    assert json.loads(result.out) == [
        {"path": INNOVATION, "line": 10, "column": 10, "severity": "error", "key": "tahapan", "message": ENUM_MESSAGE},
        {"path": "content/katalog.yml", "line": 6, "column": 12, "severity": "warning", "key": "target[0].tahun",
         "message": "1 perangkat daerah belum punya 1 inovasi tahun 2025 (diskominfo); jalankan 'katalog check --semua' "
                    "untuk daftar lengkapnya"},
    ]


def test_json_format_matches_the_text_lines(catalog):
    broken_catalog(catalog)
    text = check(catalog).lines
    problems = json.loads(check(catalog, "--format", "json").out)
    assert [f"{p['path']}:{p['line']}:{p['column']}: {p['severity']}: {p['key']}: {p['message']}" for p in problems] == text


def test_json_format_of_a_valid_catalog_is_an_empty_list(catalog):
    result = check(no_warning_catalog(catalog), "--format", "json")
    assert result.code == 0
    assert json.loads(result.out) == []


def test_json_keeps_indonesian_text_readable(catalog):
    catalog.innovation("antrean-daring", variant("  uji_coba: 2025-03-01", "  uji_coba: 2025-02-30"))
    out = check(catalog, "--format", "json").out
    assert "periksa bulan (01–12) dan hari" in out  # the en dash is not \u2013
