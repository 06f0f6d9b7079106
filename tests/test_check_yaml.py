"""`katalog check` on files that are not clean YAML: parse errors, encodings, shapes, YAML features we refuse."""

from __future__ import annotations

import pytest
from conftest import VALID
from test_check_support import APPENDED_LINE, INNOVATION, RINGKASAN, another, check, edit, variant

NAMA = "nama: Antrean Daring Kependudukan"


def only_error(result, path: str = INNOVATION) -> str:
    """The single error line about ``path`` (fails if there is not exactly one)."""
    errors = [line for line in result.errors if line.startswith(path + ":")]
    assert len(errors) == 1, result.out
    return errors[0]


# --- YAML that does not parse ---------------------------------------------------------------

def test_unclosed_quote_is_one_clear_error(catalog):
    catalog.innovation("antrean-daring", variant(NAMA, 'nama: "Antrean Daring Kependudukan'))
    result = check(catalog)
    assert result.code == 1
    line = only_error(result)
    assert line.endswith(": error: (berkas): YAML tidak sah: tanda kutip belum ditutup")
    assert "Traceback" not in result.err


def test_unclosed_quote_points_at_the_opening_quote(catalog):
    catalog.innovation("antrean-daring", variant(NAMA, 'nama: "Antrean Daring Kependudukan'))
    line = only_error(check(catalog))
    assert line == f"{INNOVATION}:1:7: error: (berkas): YAML tidak sah: tanda kutip belum ditutup"


QUOTED_RINGKASAN = 'ringkasan: "Warga mengambil nomor antrean pelayanan Disdukcapil dari ponsel."'


def test_unclosed_quote_followed_by_another_quote_is_still_found_where_it_was_opened(catalog):
    """Contributor walk: YAML reads an unclosed value up to the next quote in the file and fails there (here line 2;
    in the walk, 103 lines further on), as "indentasi tidak konsisten". The error is where the quote was opened,
    and Word's closing quote, which does not close a straight one, is named."""
    for nama, word in (('nama: "Antrean Daring Kependudukan”', True), ('nama: "Antrean Daring Kependudukan', False)):
        catalog.innovation("antrean-daring", edit(variant(NAMA, nama), RINGKASAN, QUOTED_RINGKASAN))
        line = only_error(check(catalog))
        curly = " (di baris ini ada tanda kutip lengkung ” dari Word, yang tidak menutup tanda kutip lurus \")" if word else ""
        assert line == (f"{INNOVATION}:1:7: error: (berkas): YAML tidak sah: tanda kutip \" dibuka di sini tetapi tidak "
                        f"ditutup di baris yang sama{curly}; tutup dengan \" di akhir nilai, atau hapus tanda kutipnya"), nama


def test_a_quoted_value_over_two_lines_is_not_blamed_for_a_later_error(catalog):
    """A double-quoted value may go on over lines (valid YAML); an error further down is not put on it."""
    text = edit(variant(NAMA, 'nama: "Antrean Daring\n  Kependudukan"'), "tahapan: uji_coba", "tahapan: uji_coba\n   x: 1")
    catalog.innovation("antrean-daring", text)
    line = only_error(check(catalog))
    assert "dibuka di sini" not in line and ":1:" not in line.split("error")[0], line


def test_tab_indentation_says_use_spaces(catalog):
    catalog.innovation("antrean-daring", variant("  jenis: perangkat_daerah", "\tjenis: perangkat_daerah"))
    result = check(catalog)
    assert result.code == 1
    assert only_error(result) == (
        f"{INNOVATION}:6:1: error: (berkas): YAML tidak sah: karakter tab tidak boleh dipakai; gunakan spasi untuk indentasi"
    )


def test_colon_in_unquoted_value_says_quote_it(catalog):
    catalog.innovation("antrean-daring", variant(NAMA, "nama: Antrean: Daring Kependudukan"))
    result = check(catalog)
    assert result.code == 1
    assert only_error(result) == (
        f"{INNOVATION}:1:14: error: (berkas): YAML tidak sah: ada titik dua (:) yang tidak terduga; "
        "jika nilai mengandung ': ', apit nilai itu dengan tanda kutip"
    )


def test_misaligned_key_says_indentation_is_inconsistent(catalog):
    # 'utama' indented deeper than its sibling 'irisan': the parser notices at 'irisan'.
    catalog.innovation("antrean-daring", variant("  utama: administrasi_kependudukan", "    utama: administrasi_kependudukan"))
    result = check(catalog)
    assert result.code == 1
    assert only_error(result) == (
        f"{INNOVATION}:13:3: error: (berkas): YAML tidak sah: indentasi tidak konsisten; kunci pada tingkat yang sama harus "
        "sejajar"
    )


def test_over_indented_key_is_reported_on_its_own_line(catalog):
    # YAML reads the deeper 'irisan' as the continuation of the previous value; the line says why.
    catalog.innovation("antrean-daring", variant("  irisan: [komunikasi_informatika]", "    irisan: [komunikasi_informatika]"))
    result = check(catalog)
    assert result.code == 1
    assert only_error(result) == (f"{INNOVATION}:13:5: error: (berkas): YAML tidak sah: baris ini menjorok lebih dalam (4 spasi) "
                                  "dari baris di atasnya (2 spasi), padahal baris di atasnya sudah berisi nilai; "
                                  "kunci pada tingkat yang sama harus sejajar")


def test_unclosed_flow_list_is_explained_in_indonesian(catalog):
    catalog.innovation("antrean-daring", variant("perangkat_daerah_lain: [diskominfo]", "perangkat_daerah_lain: [diskominfo"))
    line = only_error(check(catalog))
    assert ": error: (berkas): YAML tidak sah: " in line
    assert "did not find" not in line and "expected" not in line


def test_parse_error_in_one_file_does_not_hide_other_files(catalog):
    catalog.innovation("antrean-daring", variant(NAMA, "nama: Antrean: Daring"))
    catalog.innovation("bank-sampah", edit(another("Bank Sampah Kelurahan"), "tahapan: uji_coba", "tahapan: ujicoba"))
    result = check(catalog)
    assert any(line.startswith(INNOVATION + ":1:14: error:") for line in result.errors)
    assert "content/inovasi/bank-sampah.yml:10:10: error: tahapan: 'ujicoba' bukan pilihan yang sah" in result.out


# --- encodings ------------------------------------------------------------------------------

def test_latin1_file_is_reported_at_the_first_bad_byte(catalog):
    text = variant("  Mengurangi waktu tunggu.", "  Mengurangi waktu tunggu café.")
    catalog.innovation("antrean-daring", text.encode("latin-1"))
    result = check(catalog)
    assert result.code == 1
    assert only_error(result) == (
        f"{INNOVATION}:50:30: error: (berkas): berkas bukan teks UTF-8 yang sah "
        "(mungkin tersimpan sebagai Windows-1252/ANSI); simpan ulang sebagai UTF-8"
    )


def test_utf16_file_is_refused(catalog):
    catalog.innovation("antrean-daring", VALID.encode("utf-16"))
    result = check(catalog)
    assert result.code == 1
    assert only_error(result) == (
        f"{INNOVATION}:1:1: error: (berkas): berkas tersimpan sebagai UTF-16/UTF-32; simpan ulang sebagai UTF-8 (tanpa BOM)"
    )


def test_utf8_bom_is_a_warning_and_the_file_is_still_checked(catalog):
    catalog.innovation("antrean-daring", b"\xef\xbb\xbf" + variant("tahapan: uji_coba", "tahapan: ujicoba").encode())
    result = check(catalog)
    assert result.code == 1
    assert result.about(INNOVATION) == [
        f"{INNOVATION}:1:1: warning: (berkas): berkas diawali penanda BOM; simpan ulang sebagai UTF-8 tanpa BOM",
        f"{INNOVATION}:10:10: error: tahapan: 'ujicoba' bukan pilihan yang sah (inisiatif, uji_coba, penerapan); maksud Anda "
        "'uji_coba'?",
    ]


def test_utf8_bom_alone_does_not_fail_the_check(catalog):
    catalog.innovation("antrean-daring", b"\xef\xbb\xbf" + VALID.encode())
    result = check(catalog)
    assert result.code == 0
    assert result.about(INNOVATION) == [
        f"{INNOVATION}:1:1: warning: (berkas): berkas diawali penanda BOM; simpan ulang sebagai UTF-8 tanpa BOM"
    ]


# --- shape of the file ----------------------------------------------------------------------

def test_empty_file_is_an_error(catalog):
    catalog.innovation("antrean-daring", "")
    result = check(catalog)
    assert result.code == 1
    assert only_error(result) == (
        f"{INNOVATION}:1:1: error: (berkas): berkas kosong; isi dengan kolom-kolom inovasi (lihat contoh di content/inovasi/)"
    )


def test_file_with_only_comments_is_an_error(catalog):
    catalog.innovation("antrean-daring", "# belum diisi\n")
    result = check(catalog)
    assert result.code == 1
    assert only_error(result) == f"{INNOVATION}:1:1: error: (berkas): berkas tidak berisi data (hanya komentar)"


@pytest.mark.parametrize("text", ["---\n", "~\n", "null\n"], ids=["document-marker", "tilde", "null"])
def test_file_holding_only_null_is_an_error(catalog, text):
    catalog.innovation("antrean-daring", text)
    result = check(catalog)
    assert result.code == 1
    assert any(": error: " in line for line in result.about(INNOVATION))


@pytest.mark.parametrize("text", ["- nama: Antrean\n- nama: Lain\n", "Antrean Daring Kependudukan\n"], ids=["list", "scalar"])
def test_file_that_is_not_a_mapping_is_an_error(catalog, text):
    catalog.innovation("antrean-daring", text)
    result = check(catalog)
    assert result.code == 1
    assert only_error(result) == (
        f"{INNOVATION}:1:1: error: (berkas): isi berkas inovasi harus berupa kumpulan kolom 'kunci: nilai' "
        "(lihat contoh di content/inovasi/)"
    )


# --- YAML features we refuse ----------------------------------------------------------------

def test_duplicate_key_is_reported_at_the_second_key_naming_the_first_line(catalog):
    catalog.innovation("antrean-daring", VALID + "tahapan: penerapan\n")
    result = check(catalog)
    assert result.code == 1
    assert only_error(result) == (
        f"{INNOVATION}:{APPENDED_LINE}:1: error: tahapan: kunci 'tahapan' ditulis dua kali (pertama di baris 10); hapus salah "
        "satunya"
    )


def test_duplicate_key_in_nested_mapping_names_its_key_path(catalog):
    catalog.innovation("antrean-daring", variant("  nama: Bidang Pelayanan\n", "  nama: Bidang Pelayanan\n  jenis: asn\n"))
    result = check(catalog)
    assert result.code == 1
    assert only_error(result) == (
        f"{INNOVATION}:8:3: error: inisiator.jenis: kunci 'jenis' ditulis dua kali (pertama di baris 6); hapus salah satunya"
    )


def test_alias_is_refused(catalog):
    text = variant("perangkat_daerah: disdukcapil", "perangkat_daerah: &pd disdukcapil")
    catalog.innovation("antrean-daring", edit(text, "perangkat_daerah_lain: [diskominfo]", "perangkat_daerah_lain: [*pd]"))
    result = check(catalog)
    assert result.code == 1
    line = only_error(result)
    assert (": error: perangkat_daerah_lain[0]: "
            "anchor dan alias YAML (&nama, *nama) tidak diizinkan; tulis nilainya langsung") in line


def test_alias_in_a_list_points_at_the_alias(catalog):
    text = variant("perangkat_daerah: disdukcapil", "perangkat_daerah: &pd disdukcapil")
    catalog.innovation("antrean-daring", edit(text, "perangkat_daerah_lain: [diskominfo]", "perangkat_daerah_lain: [*pd]"))
    assert only_error(check(catalog)).startswith(f"{INNOVATION}:4:")


def test_merge_key_is_refused(catalog):
    catalog.innovation("antrean-daring", variant("inisiator:\n", "inisiator:\n  <<: {jenis: asn}\n"))
    result = check(catalog)
    assert result.code == 1
    assert only_error(result) == (
        f"{INNOVATION}:6:3: error: inisiator: kunci gabungan '<<' tidak diizinkan; tulis semua kunci langsung"
    )


def test_python_object_tag_is_refused_and_not_executed(catalog, tmp_path):
    marker = tmp_path / "dijalankan"
    catalog.innovation("antrean-daring", variant("tahun: 2025", f"tahun: !!python/object/apply:os.system ['touch {marker}']"))
    result = check(catalog)
    assert result.code == 1
    assert (
        f"{INNOVATION}:14:8: error: tahun: tag YAML 'tag:yaml.org,2002:python/object/apply:os.system' tidak diizinkan; "
        "tulis nilai biasa tanpa tanda '!'"
    ) in result.errors
    assert not marker.exists()


def test_custom_local_tag_is_refused(catalog):
    catalog.innovation("antrean-daring", variant("jenis: digital", "jenis: !pilihan digital"))
    result = check(catalog)
    assert result.code == 1
    assert (f"{INNOVATION}:9:8: error: jenis: "
            "tag YAML '!pilihan' tidak diizinkan; tulis nilai biasa tanpa tanda '!'") in result.errors



def test_an_empty_registry_is_told_what_it_holds(catalog):
    """Attacker walk: an empty katalog.yml was told to hold an innovation's fields."""
    (catalog.content / "urusan.yml").write_text("\n", encoding="utf-8")
    catalog.innovation("urusan", "\n")  # an innovation that happens to share the name is still an innovation
    lines = check(catalog).lines
    assert [line for line in lines if line.startswith("content/urusan.yml")] == [
        "content/urusan.yml:1:1: error: (berkas): berkas kosong; urusan.yml wajib berisi daftar urusan pemerintahan "
        "(id, nama, kelompok); lihat README"]
    assert "content/inovasi/urusan.yml:1:1: error: (berkas): berkas kosong; isi dengan kolom-kolom inovasi (lihat contoh " \
           "di content/inovasi/)" in lines


def test_a_markdown_field_in_folded_style_is_warned_about(catalog):
    """Contributor walk: `rancang_bangun: >-`, copied from `ringkasan: >-`, passed and its paragraphs ran together
    on the page. A one-line folded value, or `ringkasan` folded, is fine."""
    text = variant("rancang_bangun: |", "rancang_bangun: >-")
    text = edit(text, "ringkasan: Warga mengambil nomor antrean pelayanan Disdukcapil dari ponsel.",
                "ringkasan: >-\n  Warga mengambil nomor antrean\n  pelayanan Disdukcapil dari ponsel.")
    catalog.innovation("antrean-daring", text)
    warnings = [line for line in check(catalog).lines if "'>'" in line]
    assert warnings == [f"{INNOVATION}:19:17: warning: rancang_bangun: teks ini ditulis dengan '>' sehingga YAML "
                        "menyambung baris-barisnya: paragraf menyatu dan daftar tidak lagi berupa daftar di halaman; "
                        "ganti '>' atau '>-' dengan '|' (teks panjang selalu ditulis di bawah tanda |)"]


FIRST_TEXT_LINE = "  Masalahnya antrean panjang sejak subuh.\n"


@pytest.mark.parametrize(("lost", "how"), [
    ("**Apa yang berubah.** Antrean pindah ke ponsel.", "keluar dari teks itu"),
    ("1. Warga membuka aplikasi antrean.", "keluar dari teks itu"),
    ("# Cara kerja", "dibaca sebagai komentar YAML"),
])
def test_a_line_of_long_text_that_lost_its_indentation_is_named(catalog, lost, how):
    """Contributor walk: one line of rancang_bangun without its two spaces was reported 25 lines further on, or told
    to be quoted (a '*' at the start), or became a comment; the line is named and the two spaces asked for."""
    text = edit(VALID, FIRST_TEXT_LINE, FIRST_TEXT_LINE + lost + "\n  Lanjutan teks yang tetap menjorok.\n")
    catalog.innovation("antrean-daring", text)
    line = only_error(check(catalog))
    assert line == (f"{INNOVATION}:19:1: error: (berkas): YAML tidak sah: baris ini bagian dari teks rancang_bangun "
                    f"(mulai baris 17) tetapi tidak menjorok, sehingga {how}; tambahkan dua spasi di awal baris"), line


def test_long_text_without_the_bar_is_told_to_use_it(catalog):
    text = edit(VALID, "rancang_bangun: |\n" + FIRST_TEXT_LINE, "rancang_bangun:\n  **Masalahnya** antrean panjang.\n")
    catalog.innovation("antrean-daring", text)
    assert only_error(check(catalog)) == (
        f"{INNOVATION}:17:16: error: (berkas): YAML tidak sah: teks beberapa baris harus diawali tanda |: tulis "
        "'rancang_bangun: |' lalu teksnya di baris berikutnya, menjorok dua spasi")


def test_a_comment_between_two_fields_is_not_taken_for_lost_text(catalog):
    """A comment at the left edge after a long text, before the next field, is where a comment may be: an error
    further down is not put on it."""
    text = edit(VALID, "tujuan: |", "# --- tujuan ---\ntujuan: |") + "kontak:\n  nama: Bidang\n   email: a@b.go.id\n"
    catalog.innovation("antrean-daring", text)
    line = only_error(check(catalog))
    assert "YAML tidak sah" in line and "bagian dari teks" not in line, line
