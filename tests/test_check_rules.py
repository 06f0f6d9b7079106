"""`katalog check` rules on well-formed YAML: keys, values, references, dates, media, links, Markdown, warnings, registries."""

from __future__ import annotations

import pytest
from conftest import AFFAIRS, KATALOG, LONG_TEXT, UNITS, VALID
from test_check_support import (
    AFFAIRS_FILE,
    APPENDED_LINE,
    DISKOMINFO_WARNING,
    INNOVATION,
    KATALOG_FILE,
    UNIT_WARNING,
    UNITS_FILE,
    another,
    check,
    edit,
    variant,
)

from generator.rules.text import character_name

NAMA = "nama: Antrean Daring Kependudukan"
MARKDOWN_HINT = "gunakan Markdown: **tebal**, *miring*, - daftar, [teks](https://...)"
LINK_HINT = "tautan harus diawali https://, http:// atau mailto:"
SLUG_HINT = "gunakan 3–80 huruf kecil, angka dan tanda hubung tunggal, tanpa spasi: "




def in_design(extra: str) -> str:
    """The valid innovation with ``extra`` lines added as line 19 of rancang_bangun."""
    return variant("  Masalahnya antrean panjang sejak subuh.\n", "  Masalahnya antrean panjang sejak subuh.\n" + extra)


# --- keys -----------------------------------------------------------------------------------

def test_unknown_key_suggests_nearest_key_at_its_position(catalog):
    catalog.innovation("antrean-daring", variant("tahapan: uji_coba", "tahapn: uji_coba"))
    result = check(catalog)
    assert result.code == 1
    assert f"{INNOVATION}:10:1: error: tahapn: kolom 'tahapn' tidak dikenal; maksud Anda 'tahapan'?" in result.errors


def test_unknown_nested_key_names_its_key_path(catalog):
    catalog.innovation("antrean-daring", variant("  jenis: perangkat_daerah\n", "  jenis: perangkat_daerah\n  nma: Bidang\n"))
    result = check(catalog)
    assert result.errors == [f"{INNOVATION}:7:3: error: inisiator.nma: kolom 'nma' tidak dikenal; maksud Anda 'nama'?"]


def test_unknown_key_without_near_match_lists_the_valid_keys(catalog):
    catalog.innovation("antrean-daring", VALID + "zzzqqq: 1\n")
    (line,) = check(catalog).errors
    assert line.startswith(f"{INNOVATION}:{APPENDED_LINE}:1: error: zzzqqq: kolom 'zzzqqq' tidak dikenal; kolom yang sah: nama, "
                           "ringkasan, ")
    assert "tahapan" in line and "contoh" in line


def test_missing_required_key_points_at_the_mapping_and_names_the_key(catalog):
    catalog.innovation("antrean-daring", variant("bentuk: pelayanan_publik\n", ""))
    result = check(catalog)
    assert result.code == 1
    assert result.errors == [
        f"{INNOVATION}:1:1: error: bentuk: kolom wajib 'bentuk' belum ada; tambahkan baris 'bentuk: ...' dengan salah satu "
        "pilihan: "
        "tata_kelola, pelayanan_publik, urusan_lainnya (Bentuk inovasi daerah (PP 38/2017 Pasal 3).)"
    ]


def test_missing_nested_required_key_points_at_its_mapping(catalog):
    catalog.innovation("antrean-daring", variant("  jenis: perangkat_daerah\n", ""))
    assert check(catalog).errors == [
        f"{INNOVATION}:6:3: error: inisiator.jenis: kolom wajib 'jenis' belum ada; tambahkan baris 'jenis: ...' dengan salah "
        "satu "
        "pilihan: kepala_daerah, anggota_dprd, perangkat_daerah, asn, masyarakat (Jenis inisiator.)"
    ]


# --- values ---------------------------------------------------------------------------------

def test_unknown_tahapan_suggests_nearest_value(catalog):
    catalog.innovation("antrean-daring", variant("tahapan: uji_coba", "tahapan: ujicoba"))
    result = check(catalog)
    assert result.code == 1
    assert result.errors == [
        f"{INNOVATION}:10:10: error: tahapan: 'ujicoba' bukan pilihan yang sah (inisiatif, uji_coba, penerapan); maksud Anda "
        "'uji_coba'?"
    ]


def test_yes_in_enum_field_explains_yes_no_and_lists_choices(catalog):
    catalog.innovation("antrean-daring", variant("jenis: digital", "jenis: yes"))
    result = check(catalog)
    assert result.code == 1
    assert (
        f"{INNOVATION}:9:8: error: jenis: true (yes/no/true/false) bukan pilihan yang sah (digital, non_digital); "
        "tulis salah satu pilihan itu"
    ) in result.errors


def test_yes_in_enum_field_is_reported_once(catalog):
    catalog.innovation("antrean-daring", variant("jenis: digital", "jenis: yes"))
    assert len(check(catalog).errors) == 1


def test_number_where_text_expected_says_quote_it(catalog):
    catalog.innovation("antrean-daring", variant(NAMA, "nama: 12345"))
    assert check(catalog).errors == [
        f"{INNOVATION}:1:7: error: nama: harus berupa teks, bukan bilangan bulat; apit nilai dengan tanda kutip, misalnya "
        "\"12345\""
    ]


def test_yes_where_text_expected_explains_yaml_booleans(catalog):
    catalog.innovation("antrean-daring", variant(NAMA, "nama: yes"))
    (line,) = check(catalog).errors
    assert line.startswith(f"{INNOVATION}:1:7: error: nama: harus berupa teks, bukan true/false; ")
    assert "yes/no/true/false dibaca YAML sebagai ya/tidak" in line


def test_unquoted_phone_number_hint_quotes_what_was_written(catalog):
    catalog.innovation("antrean-daring", VALID + "kontak:\n  nama: Bidang Pelayanan\n  telepon: 0717123456\n")
    (line,) = check(catalog).errors
    assert line.startswith(f"{INNOVATION}:{APPENDED_LINE + 2}:12: error: kontak.telepon: harus berupa teks")
    assert 'misalnya "0717123456"' in line


@pytest.mark.parametrize("value", ["dua ribu dua lima", '"2025"'])
def test_text_in_tahun_asks_for_a_plain_number(catalog, value):
    catalog.innovation("antrean-daring", variant("tahun: 2025", f"tahun: {value}"))
    result = check(catalog)
    assert result.code == 1
    assert (
        f"{INNOVATION}:14:8: error: tahun: harus berupa bilangan bulat, bukan teks; "
        "tulis satu tahun saja, empat angka, misalnya 2025"
    ) in result.errors


def test_budget_with_thousand_dots_asks_for_a_plain_number(catalog):
    catalog.innovation("antrean-daring", VALID + "anggaran:\n  sumber: apbd\n  jumlah: 25.000.000\n")
    assert check(catalog).errors == [
        (f"{INNOVATION}:{APPENDED_LINE + 2}:11: error: anggaran.jumlah: harus berupa bilangan bulat, bukan teks; "
        "tulis angka saja tanpa titik, koma, spasi atau 'Rp', misalnya 25000000")
    ]


def test_budget_with_one_thousand_dot_is_not_silently_read_as_a_fraction(catalog):
    catalog.innovation("antrean-daring", VALID + "anggaran:\n  sumber: apbd\n  jumlah: 25.000\n")
    result = check(catalog)
    assert result.code == 1
    assert any(line.startswith(f"{INNOVATION}:{APPENDED_LINE + 2}:11: error: anggaran.jumlah: ") for line in result.errors)


def test_empty_value_asks_to_fill_or_remove_it(catalog):
    catalog.innovation("antrean-daring", variant(NAMA, "nama:"))
    assert check(catalog).errors == [f"{INNOVATION}:1:6: error: nama: kosong; isi nilainya atau hapus kolom ini"]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (NAMA, "nama: AB", "1:7: error: nama: terlalu pendek (2 karakter); minimal 3 karakter"),
        (NAMA, "nama: " + "A" * 121, "1:7: error: nama: terlalu panjang (121 karakter); maksimal 120 karakter"),
        ("ringkasan: Warga mengambil nomor antrean pelayanan Disdukcapil dari ponsel.", "ringkasan: Terlalu pendek.",
         "2:12: error: ringkasan: terlalu pendek (15 karakter); minimal 20 karakter"),
        ("ringkasan: Warga mengambil nomor antrean pelayanan Disdukcapil dari ponsel.", "ringkasan: " + "x" * 301,
         "2:12: error: ringkasan: terlalu panjang (301 karakter); maksimal 300 karakter"),
    ],
    ids=["nama-short", "nama-long", "ringkasan-short", "ringkasan-long"],
)
def test_text_length_limits(catalog, old, new, expected):
    catalog.innovation("antrean-daring", variant(old, new))
    result = check(catalog)
    assert result.code == 1
    assert result.errors == [f"{INNOVATION}:{expected}"]


def test_name_and_summary_at_their_length_limits_are_valid(catalog):
    text = variant(NAMA, "nama: " + "A" * 120)
    text = edit(text, "ringkasan: Warga mengambil nomor antrean pelayanan Disdukcapil dari ponsel.", "ringkasan: " + "x" * 300)
    catalog.innovation("antrean-daring", text)
    assert check(catalog).errors == []


# --- references -----------------------------------------------------------------------------

def test_unknown_perangkat_daerah_suggests_nearest_id(catalog):
    catalog.innovation("antrean-daring", variant("perangkat_daerah: disdukcapil", "perangkat_daerah: disdukcapl"))
    result = check(catalog)
    assert result.code == 1
    assert result.errors == [
        (f"{INNOVATION}:3:19: error: perangkat_daerah: perangkat daerah 'disdukcapl' tidak ada di perangkat-daerah.yml; "
        "maksud Anda 'disdukcapil'?")
    ]


def test_unknown_urusan_utama_suggests_nearest_id(catalog):
    catalog.innovation("antrean-daring", variant("  utama: administrasi_kependudukan", "  utama: administrasi_kependudukn"))
    assert check(catalog).errors == [
        (f"{INNOVATION}:12:10: error: urusan.utama: urusan 'administrasi_kependudukn' tidak ada di urusan.yml; "
        "maksud Anda 'administrasi_kependudukan'?")
    ]


def test_unknown_urusan_irisan_item_names_its_index(catalog):
    catalog.innovation("antrean-daring", variant("  irisan: [komunikasi_informatika]", "  irisan: [komunikasi_informatika, "
                                                                                       "kesehatan]"))
    assert check(catalog).errors == [f"{INNOVATION}:13:36: error: urusan.irisan[1]: urusan 'kesehatan' tidak ada di urusan.yml"]


def test_unknown_urusan_irisan_item_in_block_list_points_at_its_line(catalog):
    catalog.innovation("antrean-daring", variant(
        "  irisan: [komunikasi_informatika]", "  irisan:\n    - komunikasi_informatika\n    - pendidkan"))
    assert check(catalog).errors == [
        f"{INNOVATION}:15:7: error: urusan.irisan[1]: urusan 'pendidkan' tidak ada di urusan.yml; maksud Anda 'pendidikan'?"
    ]


def test_main_unit_repeated_in_perangkat_daerah_lain_is_an_error(catalog):
    catalog.innovation("antrean-daring", variant("perangkat_daerah_lain: [diskominfo]", "perangkat_daerah_lain: [diskominfo, "
                                                                                        "disdukcapil]"))
    assert check(catalog).errors == [
        f"{INNOVATION}:4:37: error: perangkat_daerah_lain[1]: 'disdukcapil' sudah menjadi perangkat_daerah utama; hapus dari "
        "daftar ini"
    ]


def test_main_affair_repeated_in_irisan_is_an_error(catalog):
    catalog.innovation("antrean-daring", variant("  irisan: [komunikasi_informatika]", "  irisan: [administrasi_kependudukan]"))
    assert check(catalog).errors == [
        f"{INNOVATION}:13:12: error: urusan.irisan[0]: 'administrasi_kependudukan' sudah menjadi urusan utama; hapus dari irisan"
    ]


# --- file names and duplicate names ---------------------------------------------------------

@pytest.mark.parametrize(("stem", "todo"), [
    ("Antrean-Baru", "ganti menjadi antrean-baru.yml"), ("antrean_baru", "ganti menjadi antrean-baru.yml"),
    ("antrean--baru", "ganti menjadi antrean-baru.yml"), ("antrean baru (1)", "ganti menjadi antrean-baru-1.yml"),
    ("antrean-baru ", "ganti menjadi antrean-baru.yml"), ("ab", "misalnya antrean-daring-kependudukan"),
])
def test_file_name_that_is_not_a_slug_is_an_error(catalog, stem, todo):
    # Contributor walk: the name it should have, not an example of another innovation's.
    catalog.innovation(stem, another("Layanan Baru Kependudukan"))
    result = check(catalog)
    assert result.code == 1
    assert result.errors == [
        f"content/inovasi/{stem}.yml:1:1: error: (berkas): nama berkas '{stem}' bukan slug yang sah; {SLUG_HINT}{todo}"
    ]


def test_yaml_extension_is_an_error_naming_the_right_file_name(catalog):
    catalog.write("inovasi/layanan-baru.yaml", another("Layanan Baru Kependudukan"))
    result = check(catalog)
    assert result.code == 1
    assert result.errors == [
        ("content/inovasi/layanan-baru.yaml:1:1: error: (berkas): nama berkas harus berakhiran .yml "
        "(sekarang 'layanan-baru.yaml'); ganti menjadi layanan-baru.yml")
    ]


def test_duplicate_name_ignoring_case_and_spaces_is_reported_on_both_files(catalog):
    catalog.innovation("antrean-lain", variant(NAMA, "nama:   antrean  DARING kependudukan "))
    result = check(catalog)
    assert result.code == 1
    assert result.errors == [
        ("content/inovasi/antrean-daring.yml:1:7: error: nama: nama inovasi sama dengan content/inovasi/antrean-lain.yml; "
        "setiap inovasi harus bernama unik"),
        ("content/inovasi/antrean-lain.yml:1:9: error: nama: nama inovasi sama dengan content/inovasi/antrean-daring.yml; "
        "setiap inovasi harus bernama unik"),
    ]


# --- dates ----------------------------------------------------------------------------------

def penerapan(uji_coba: str = "2025-03-01", launch: str | None = "2025-09-01", hasil: bool = True) -> str:
    text = variant("tahapan: uji_coba", "tahapan: penerapan")
    text = edit(text, "  uji_coba: 2025-03-01\n", f"  uji_coba: {uji_coba}\n" + (f"  penerapan: {launch}\n" if launch else ""))
    if hasil:
        text = edit(text, "manfaat: |", "hasil: |\n  Waktu tunggu turun dari 3 jam menjadi 20 menit.\nmanfaat: |")
    return text


def test_valid_penerapan_with_dates_and_hasil_has_no_problem(catalog):
    catalog.innovation("antrean-daring", penerapan())
    assert check(catalog).about(INNOVATION) == []


def test_date_in_day_month_year_order_asks_for_yyyy_mm_dd(catalog):
    catalog.innovation("antrean-daring", variant("  uji_coba: 2025-03-01", "  uji_coba: 01-03-2025"))
    assert check(catalog).errors == [
        f"{INNOVATION}:16:13: error: waktu.uji_coba: '01-03-2025': tanggal harus ditulis TTTT-BB-HH, misalnya 2025-03-01; "
        "maksud Anda 2025-03-01?"
    ]


def test_impossible_date_is_an_error(catalog):
    catalog.innovation("antrean-daring", variant("  uji_coba: 2025-03-01", "  uji_coba: 2025-02-30"))
    assert check(catalog).errors == [
        f"{INNOVATION}:16:13: error: waktu.uji_coba: '2025-02-30' bukan tanggal yang ada di kalender; periksa bulan (01–12) dan "
        "hari"
    ]


def test_quoted_date_is_accepted(catalog):
    catalog.innovation("antrean-daring", variant("  uji_coba: 2025-03-01", "  uji_coba: '2025-03-01'"))
    assert check(catalog).about(INNOVATION) == []


def test_penerapan_before_uji_coba_is_an_error(catalog):
    catalog.innovation("antrean-daring", penerapan(launch="2025-02-01"))
    assert check(catalog).errors == [
        (f"{INNOVATION}:17:14: error: waktu.penerapan: tanggal penerapan (2025-02-01) sebelum tanggal uji coba (2025-03-01); "
        "penerapan tidak boleh mendahului uji coba")
    ]


def test_tahapan_penerapan_without_penerapan_date_points_at_waktu(catalog):
    catalog.innovation("antrean-daring", penerapan(launch=None))
    assert check(catalog).errors == [
        f"{INNOVATION}:16:3: error: waktu.penerapan: kolom wajib 'penerapan' belum ada; wajib diisi karena tahapan sudah "
        "penerapan"
    ]


def test_tahapan_uji_coba_without_waktu_is_an_error(catalog):
    catalog.innovation("antrean-daring", variant("waktu:\n  uji_coba: 2025-03-01\n", ""))
    assert check(catalog).errors == [
        f"{INNOVATION}:1:1: error: waktu: kolom wajib 'waktu' belum ada; wajib diisi karena tahapan sudah uji coba atau penerapan"
    ]


def test_tahapan_inisiatif_with_dates_is_an_error(catalog):
    catalog.innovation("antrean-daring", variant("tahapan: uji_coba", "tahapan: inisiatif"))
    assert check(catalog).errors == [
        (f"{INNOVATION}:16:13: error: waktu.uji_coba: tahapan masih 'inisiatif' tetapi tanggal ini sudah diisi; "
        "ubah tahapan menjadi uji_coba/penerapan atau hapus tanggalnya")
    ]


def test_tahapan_inisiatif_without_dates_is_valid(catalog):
    text = variant("tahapan: uji_coba", "tahapan: inisiatif")
    catalog.innovation("antrean-daring", edit(text, "waktu:\n  uji_coba: 2025-03-01\n", ""))
    assert check(catalog).about(INNOVATION) == []


def test_tahapan_uji_coba_with_penerapan_date_is_an_error(catalog):
    catalog.innovation("antrean-daring", variant("  uji_coba: 2025-03-01\n", "  uji_coba: 2025-03-01\n  penerapan: 2025-09-01\n"))
    assert check(catalog).errors == [
        (f"{INNOVATION}:17:14: error: waktu.penerapan: tahapan masih 'uji_coba' tetapi tanggal penerapan sudah diisi; "
        "ubah tahapan menjadi penerapan atau hapus tanggal ini")
    ]


def test_future_date_is_a_warning(catalog):
    catalog.innovation("antrean-daring", variant("  uji_coba: 2025-03-01", "  uji_coba: 2099-03-01"))
    result = check(catalog)
    assert result.code == 0
    assert result.about(INNOVATION) == [
        f"{INNOVATION}:16:13: warning: waktu.uji_coba: tanggal 2099-03-01 masih di masa depan; tulis tanggal yang sudah terjadi"
    ]


# --- media ----------------------------------------------------------------------------------

def with_media(berkas: str) -> str:
    return VALID + f"media:\n  - berkas: {berkas}\n    keterangan: Tangkapan layar aplikasi\n"


def test_missing_media_file_says_where_to_put_it(catalog):
    catalog.innovation("antrean-daring", with_media("layar.png"))
    result = check(catalog)
    assert result.code == 1
    assert result.errors == [
        (f"{INNOVATION}:{APPENDED_LINE + 1}:13: error: media[0].berkas: berkas gambar tidak ditemukan: "
        "letakkan 'layar.png' di content/media/antrean-daring/")
    ]


def test_present_media_file_is_accepted(catalog):
    catalog.innovation("antrean-daring", with_media("layar.png"))
    catalog.write("media/antrean-daring/layar.png", b"\x89PNG\r\n\x1a\n")
    assert check(catalog).about(INNOVATION) == []


def test_media_file_of_another_innovation_does_not_count(catalog):
    catalog.innovation("antrean-daring", with_media("layar.png"))
    catalog.write("media/bank-sampah/layar.png", b"\x89PNG\r\n\x1a\n")
    assert len(check(catalog).errors) == 1


@pytest.mark.parametrize("berkas", ["../x.png", "/etc/passwd", "sub/layar.png"])
def test_media_path_outside_its_folder_is_an_error(catalog, berkas):
    catalog.innovation("antrean-daring", with_media(berkas))
    result = check(catalog)
    assert result.code == 1
    assert result.errors == [
        f"{INNOVATION}:{APPENDED_LINE + 1}:13: error: media[0].berkas: '{berkas}': nama berkas gambar saja (huruf kecil, angka, "
        "- atau _), berakhiran .png, .jpg, .jpeg, .webp atau .gif, tanpa folder"
    ]


# --- links and e-mail -----------------------------------------------------------------------

def with_link(url: str) -> str:
    return VALID + f"tautan:\n  - judul: Aplikasi\n    url: {url}\n"


@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://berkas.contoh.go.id/a.pdf", "antrean.contoh.go.id"])
def test_link_that_is_not_http_or_mailto_is_an_error(catalog, url):
    catalog.innovation("antrean-daring", with_link(url))
    result = check(catalog)
    assert result.code == 1
    assert result.errors == [
        f"{INNOVATION}:{APPENDED_LINE + 2}:10: error: tautan[0].url: '{url}': alamat harus diawali https:// (atau mailto: untuk "
        "surel)"
    ]


@pytest.mark.parametrize("url", ["https://antrean.contoh.go.id/", "http://antrean.contoh.go.id/",
                                 "mailto:pelayanan@contoh.go.id"])
def test_http_https_and_mailto_links_are_accepted(catalog, url):
    catalog.innovation("antrean-daring", with_link(url))
    assert check(catalog).about(INNOVATION) == []


@pytest.mark.parametrize("email", ["pelayanan.contoh.go.id", "pelayanan@contoh", "pelayanan @contoh.go.id",
                                   "“pelayanan@contoh.go.id”", "pelayanan@contoh.go.id”"])
def test_invalid_contact_email_is_an_error(catalog, email):
    # Word's quotes around an address (contributor walk) were published as a mailto: link that opens nothing.
    catalog.innovation("antrean-daring", VALID + f"kontak:\n  nama: Bidang Pelayanan\n  email: '{email}'\n")
    assert check(catalog).errors == [
        f"{INNOVATION}:{APPENDED_LINE + 2}:10: error: kontak.email: '{email}': alamat surel tidak sah, contoh: "
        "pelayanan@example.go.id" + (f"; nilai ini memuat {character_name(email[0] if email[0] in '“”' else email[-1])} "
                                     "(biasanya terbawa dari Word atau PDF) yang tampak benar tetapi tidak sah di sini: "
                                     "hapus tanda kutip itu (nilai yang perlu tanda kutip memakai tanda kutip lurus \" "
                                     "atau ')" if "”" in email else "")
    ]


def test_valid_contact_is_accepted(catalog):
    catalog.innovation("antrean-daring", VALID + 'kontak:\n  nama: Bidang Pelayanan\n  email: pelayanan@contoh.go.id\n  telepon: '
                                                 '"(0717) 123456"\n')
    assert check(catalog).about(INNOVATION) == []


# --- Markdown fields ------------------------------------------------------------------------

def test_raw_html_in_literal_block_points_at_the_exact_line_and_column(catalog):
    catalog.innovation("antrean-daring", in_design("  Ini <b>penting</b>.\n"))
    result = check(catalog)
    assert result.code == 1
    assert result.errors[0] == (f"{INNOVATION}:19:7: error: rancang_bangun: "
                                f"HTML tidak diizinkan ('<b>penting</b>.'); {MARKDOWN_HINT}")


def test_script_tag_deep_inside_literal_block_points_at_its_line(catalog):
    catalog.innovation("antrean-daring", variant("tujuan: |", "  Lihat <script>alert(1)</script>.\ntujuan: |"))
    result = check(catalog)
    assert result.code == 1
    assert result.errors[0] == (f"{INNOVATION}:49:9: error: rancang_bangun: "
                                f"HTML tidak diizinkan ('<script>alert(1)</script>.'); {MARKDOWN_HINT}")


def test_raw_html_in_single_line_value_points_at_the_value(catalog):
    catalog.innovation("antrean-daring", variant("tujuan: |\n  Mengurangi waktu tunggu.", "tujuan: Mengurangi <i>waktu</i> "
                                                                                          "tunggu."))
    result = check(catalog)
    assert result.code == 1
    assert f"{INNOVATION}:49:9: error: tujuan: HTML tidak diizinkan ('<i>waktu</i> tunggu.'); {MARKDOWN_HINT}" in result.errors


def test_javascript_link_in_markdown_is_an_error(catalog):
    catalog.innovation("antrean-daring", in_design("  Klik [di sini](javascript:alert(1)).\n"))
    result = check(catalog)
    assert result.code == 1
    (line,) = result.errors
    assert line.startswith(f"{INNOVATION}:19:18: error: rancang_bangun: tautan 'javascript:alert(1")
    assert line.endswith(f"' tidak diizinkan; {LINK_HINT}")


def test_javascript_link_message_quotes_the_whole_url(catalog):
    catalog.innovation("antrean-daring", in_design("  Klik [di sini](javascript:alert(1)).\n"))
    assert check(catalog).errors == [
        f"{INNOVATION}:19:18: error: rancang_bangun: tautan 'javascript:alert(1)' tidak diizinkan; {LINK_HINT}"
    ]


def test_javascript_link_in_reference_definition_is_an_error(catalog):
    catalog.innovation("antrean-daring", in_design("  Lihat [situs][1].\n\n  [1]: javascript:alert(1)\n"))
    assert check(catalog).errors == [
        f"{INNOVATION}:21:8: error: rancang_bangun: tautan 'javascript:alert(1)' tidak diizinkan; {LINK_HINT}"
    ]


@pytest.mark.parametrize(
    "line",
    [
        "  Tulis `<b>` bila ingin menjelaskan tag tebal.",
        "  Kunjungi <https://antrean.contoh.go.id/> untuk mendaftar.",
        "  Surel ke [pelayanan](mailto:pelayanan@contoh.go.id) atau [situs](https://antrean.contoh.go.id/).",
        "  Jika antrean a < b maka 3<4 tetap teks biasa.",
    ],
    ids=["html-in-code-span", "autolink", "mailto-and-https-links", "less-than-sign"],
)
def test_markdown_without_html_or_unsafe_links_is_accepted(catalog, line):
    catalog.innovation("antrean-daring", in_design(line + "\n"))
    assert check(catalog).about(INNOVATION) == []


# --- invisible characters -------------------------------------------------------------------

@pytest.mark.parametrize(
    ("new", "described"),
    [
        ("nama: Antrean\u200bDaring Kependudukan", "ZERO WIDTH SPACE, U+200B) pada posisi 8"),
        ("nama: Antrean Daring \u202eKependudukan", "RIGHT-TO-LEFT OVERRIDE, U+202E) pada posisi 16"),
    ],
    ids=["zero-width-space", "right-to-left-override"],
)
def test_invisible_character_in_name_is_an_error(catalog, new, described):
    catalog.innovation("antrean-daring", variant(NAMA, new))
    result = check(catalog)
    assert result.code == 1
    assert result.errors == [
        f"{INNOVATION}:1:7: error: nama: mengandung karakter tak terlihat atau karakter kendali ({described}; hapus karakter itu"
    ]


# --- warnings -------------------------------------------------------------------------------

def design_of(words: int) -> str:
    text = variant("  Masalahnya antrean panjang sejak subuh.\n" + LONG_TEXT + "\n", "")
    return edit(text, "rancang_bangun: |\n", "rancang_bangun: |\n  " + " ".join(["kata"] * words) + "\n")


def test_short_rancang_bangun_is_a_warning_and_exit_stays_zero(catalog):
    catalog.innovation("antrean-daring", design_of(299))
    result = check(catalog)
    assert result.code == 0
    assert result.about(INNOVATION) == [
        (f"{INNOVATION}:17:17: warning: rancang_bangun: rancang bangun baru 299 kata; "
        "formulir IID meminta minimal 300 kata (masalah, perubahan, cara kerja)")
    ]


def test_rancang_bangun_of_300_words_has_no_warning(catalog):
    catalog.innovation("antrean-daring", design_of(300))
    assert check(catalog).about(INNOVATION) == []


def test_penerapan_without_hasil_is_a_warning(catalog):
    catalog.innovation("antrean-daring", penerapan(hasil=False))
    result = check(catalog)
    assert result.code == 0
    assert result.about(INNOVATION) == [
        (f"{INNOVATION}:1:1: warning: hasil: inovasi sudah tahap penerapan tetapi kolom 'hasil' belum diisi; "
        "tuliskan hasil yang sudah dicapai, sebaiknya dengan angka")
    ]


def test_unit_without_innovation_in_target_year_is_warned_at_its_id(catalog):
    result = check(catalog)
    assert result.code == 0
    assert result.lines == [DISKOMINFO_WARNING]


def test_unit_warning_goes_away_when_the_unit_has_an_innovation(catalog):
    text = variant("perangkat_daerah: disdukcapil", "perangkat_daerah: diskominfo")
    catalog.innovation("portal-data", another("Portal Data Terbuka", edit(text, "[diskominfo]", "[disdukcapil]")))
    result = check(catalog)
    assert result.code == 0
    assert result.lines == []


def test_innovation_of_another_year_does_not_meet_the_target(catalog):
    catalog.innovation("antrean-daring", variant("tahun: 2025", "tahun: 2024"))
    assert f"{UNITS_FILE}:1:7: warning: [0].id: Dinas Kependudukan dan Pencatatan Sipil baru punya 0 inovasi tahun 2025; " \
        "target minimal 1 per perangkat daerah" in check(catalog, "--semua").warnings


def test_school_is_not_warned_about_the_target(catalog):
    assert not any("SD Negeri 1 Contoh" in line for line in check(catalog).lines)


def test_school_that_opts_into_the_target_is_warned(catalog):
    catalog.write("perangkat-daerah.yml", edit(UNITS, "  jenjang: sd\n", "  jenjang: sd\n  wajib_target: true\n"))
    assert check(catalog, "--semua").warnings == [
        UNIT_WARNING,
        f"{UNITS_FILE}:9:7: warning: [2].id: SD Negeri 1 Contoh baru punya 0 inovasi tahun 2025; target minimal 1 per perangkat "
        "daerah",
    ]
    assert check(catalog).warnings == [DISKOMINFO_WARNING.replace("1 perangkat daerah", "2 perangkat daerah")
                                       .replace("(diskominfo)", "(diskominfo, sdn-1)")]


def test_unit_that_opts_out_of_the_target_is_not_warned(catalog):
    catalog.write("perangkat-daerah.yml", edit(UNITS, "  singkatan: Diskominfo\n", "  singkatan: Diskominfo\n  wajib_target: "
                                                                                   "false\n"))
    result = check(catalog)
    assert (result.code, result.lines) == (0, [])


# --- registries -----------------------------------------------------------------------------

def test_duplicate_unit_id_is_an_error(catalog):
    catalog.write("perangkat-daerah.yml", UNITS + "- id: disdukcapil\n  nama: Dinas Lain\n  jenis: dinas\n")
    result = check(catalog)
    assert result.code == 1
    assert result.errors == [f"{UNITS_FILE}:13:7: error: [3].id: id 'disdukcapil' sudah dipakai butir lain; setiap id harus unik"]


def test_jenjang_on_non_school_unit_is_an_error(catalog):
    catalog.write("perangkat-daerah.yml", edit(UNITS, "  singkatan: Diskominfo\n", "  singkatan: Diskominfo\n  jenjang: smp\n"))
    result = check(catalog)
    assert result.code == 1
    (line,) = result.errors
    assert line.startswith(f"{UNITS_FILE}:")
    assert line.endswith("jenjang hanya untuk unit berjenis sekolah; hapus kolom ini")


def test_jenjang_on_non_school_unit_points_at_jenjang(catalog):
    catalog.write("perangkat-daerah.yml", edit(UNITS, "  singkatan: Diskominfo\n", "  singkatan: Diskominfo\n  jenjang: smp\n"))
    assert check(catalog).errors == [
        f"{UNITS_FILE}:8:12: error: [1].jenjang: jenjang hanya untuk unit berjenis sekolah; hapus kolom ini"
    ]


def test_school_without_jenjang_is_an_error(catalog):
    catalog.write("perangkat-daerah.yml", edit(UNITS, "  jenjang: sd\n", ""))
    assert check(catalog).errors == [
        f"{UNITS_FILE}:9:3: error: [2].jenjang: kolom wajib 'jenjang' belum ada; wajib diisi untuk sekolah (sd atau smp)"
    ]


def test_unknown_kelompok_in_urusan_suggests_nearest_value(catalog):
    catalog.write("urusan.yml", edit(AFFAIRS, "kelompok: wajib_pelayanan_dasar", "kelompok: wajib_pelayanan"))
    result = check(catalog)
    assert result.code == 1
    assert result.errors == [
        (f"{AFFAIRS_FILE}:9:13: error: [2].kelompok: 'wajib_pelayanan' bukan pilihan yang sah "
        "(wajib_pelayanan_dasar, wajib_non_pelayanan_dasar, pilihan, penunjang); maksud Anda 'wajib_pelayanan_dasar'?")
    ]


def test_duplicate_urusan_id_is_an_error(catalog):
    catalog.write("urusan.yml", AFFAIRS + "- id: pendidikan\n  nama: Pendidikan Lagi\n  kelompok: pilihan\n")
    assert check(catalog).errors == [f"{AFFAIRS_FILE}:10:7: error: [3].id: id 'pendidikan' sudah dipakai butir lain; setiap id "
                                     "harus unik"]


def test_missing_katalog_yml_is_an_error(catalog):
    (catalog.content / "katalog.yml").unlink()
    result = check(catalog)
    assert result.code == 1
    assert result.errors == [f"{KATALOG_FILE}:1:1: error: (berkas): berkas katalog.yml wajib ada di folder konten"]


def test_katalog_yml_holding_only_null_is_an_error(catalog):
    catalog.write("katalog.yml", "~\n")
    result = check(catalog)
    assert result.code == 1
    assert any(line.startswith(f"{KATALOG_FILE}:1:1: error: ") for line in result.errors)


def test_katalog_site_url_without_scheme_is_an_error(catalog):
    catalog.write("katalog.yml", edit(KATALOG, "situs: https://inovasi.contoh.go.id/", "situs: inovasi.contoh.go.id"))
    assert check(catalog).errors == [
        f"{KATALOG_FILE}:3:8: error: situs: 'inovasi.contoh.go.id': alamat web harus diawali https:// (atau http://) tanpa spasi"
    ]


def test_target_year_written_twice_is_an_error(catalog):
    catalog.write("katalog.yml", KATALOG + "  - tahun: 2025\n    jumlah: 20\n")
    errors = check(catalog).errors
    assert f"{KATALOG_FILE}:6:12: error: target[0].tahun: target tahun 2025 ditulis lebih dari sekali" in errors
    assert f"{KATALOG_FILE}:9:12: error: target[1].tahun: target tahun 2025 ditulis lebih dari sekali" in errors


def test_production_catalog_refuses_samples_at_their_contoh_line(catalog):
    catalog.write("katalog.yml", catalog.content.joinpath("katalog.yml").read_text() + "produksi: true\n")
    catalog.innovation("antrean-daring", VALID + "contoh: true\n")
    result = check(catalog)
    assert result.code == 1
    assert result.errors == [
        f"{INNOVATION}:{APPENDED_LINE}:9: error: contoh: situs produksi (katalog.yml: produksi: true) tidak boleh menerbitkan "
        "data contoh; hapus berkas ini, atau ganti isinya dengan inovasi resmi lalu hapus baris 'contoh: true'"
    ]


@pytest.mark.parametrize(("written", "named", "todo"), [
    ('"2025-03-01\u00a0"', "NO-BREAK SPACE, U+00A0", "hapus karakter itu, atau ketik ulang sebagai spasi biasa bila memang "
                                                     "perlu spasi"),
    ("“2025-03-01”", "LEFT DOUBLE QUOTATION MARK, U+201C", "hapus tanda kutip itu (nilai yang perlu tanda kutip memakai "
                                                          "tanda kutip lurus \" atau ')"),
    ("2025\u201303\u201301", "EN DASH, U+2013", "ganti dengan tanda hubung -"),
])
def test_a_value_that_looks_right_names_the_pasted_character(catalog, written, named, todo):
    """Contributor walk: a date with Word's space, quotes or dash was told to be written as 2025-03-01, which is what
    the contributor sees. The message names the character and what to do with it."""
    catalog.innovation("antrean-daring", variant("uji_coba: 2025-03-01", f"uji_coba: {written}"))
    errors = check(catalog).errors
    assert len(errors) == 1 and errors[0].startswith(f"{INNOVATION}:16:13: error: waktu.uji_coba: "), errors
    assert errors[0].endswith(f"tanggal harus ditulis TTTT-BB-HH, misalnya 2025-03-01; nilai ini memuat {named} "
                              f"(biasanya terbawa dari Word atau PDF) yang tampak benar tetapi tidak sah di sini: {todo}")


@pytest.mark.parametrize(("written", "meant"), [
    ("1 Maret 2025", "2025-03-01"), ('"01/03/2025"', "2025-03-01"), ("1-3-2025", "2025-03-01"),
    ("1 Okt. 2025", "2025-10-01"), ("31 Desember 2024", "2024-12-31"), ("31 Februari 2025", None), ("Maret 2025", None),
])
def test_a_date_written_the_indonesian_way_is_offered_as_it_must_be_written(catalog, written, meant):
    """Contributor walk: "1 Maret 2025" or "01/03/2025" got no suggestion (day first, as Indonesians write it)."""
    catalog.innovation("antrean-daring", variant("uji_coba: 2025-03-01", f"uji_coba: {written}"))
    errors = check(catalog).errors
    assert len(errors) == 1, errors
    assert errors[0].endswith("tanggal harus ditulis TTTT-BB-HH, misalnya 2025-03-01" +
                              (f"; maksud Anda {meant}?" if meant else "")), errors[0]
