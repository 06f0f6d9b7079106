"""The IID files under the real `katalog check`: an edition (content/iid/<edisi>.yml), the region's SPD values
(content/iid/daerah-<edisi>.yml) and katalog.yml's `iid:` block, each bad input with its exact located message.

Editions are copies of the shipped content/iid/2026.yml with one change; where a line number would only restate
the copy, it is computed from the edited text (``place``), so the assertion stays exact when the shipped file grows.
"""

from __future__ import annotations

import pytest
from conftest import ROOT, Catalog
from test_check_support import check, edit

from generator.content import load_content
from generator.model import build_catalog
from generator.rules.catalog import registry_ids
from generator.rules.edition import iid_problems

EDITION_TEXT = (ROOT / "content" / "iid" / "2026.yml").read_text(encoding="utf-8")
EDITION = "content/iid/2026.yml"
REGION = "content/iid/daerah-2026.yml"
KATALOG = "content/katalog.yml"
#: Every SPD row of the 2026 edition, with a valid value.
FULL_SPD = "".join(f'  "{k}": 2\n' for k in ("1", "2a", "2b", "3", "4", "5a", "5b", "6", "7", "8", "9", "10a", "10b", "11a",
                                              "11b", "12", "13a", "13b", "14", "15"))
SPD_KEYS = "1, 2a, 2b, 3, 4, 5a, 5b, 6, 7, 8, 9, 10a, 10b, 11a, 11b, 12, 13a, 13b, 14, 15"


@pytest.fixture
def iid(catalog: Catalog) -> Catalog:
    """The conftest catalog with the shipped urusan.yml (six basic-service affairs), edition 2026 in force."""
    catalog.write("urusan.yml", (ROOT / "content" / "urusan.yml").read_text(encoding="utf-8"))
    catalog.write("katalog.yml", (catalog.content / "katalog.yml").read_text(encoding="utf-8") + "iid:\n  edisi: 2026\n")
    catalog.write("iid/2026.yml", EDITION_TEXT)
    return catalog


def place(text: str, before: str, value: str) -> str:
    """``LINE:COL`` of ``value`` where it follows ``before`` (a unique run of text) in ``text``."""
    assert text.count(before + value) == 1, f"fixture text changed: {before + value!r} not found exactly once"
    offset = text.index(before + value) + len(before)
    line = text.count("\n", 0, offset) + 1
    return f"{line}:{offset - (text.rfind(chr(10), 0, offset) + 1) + 1}"


def iid_lines(catalog: Catalog) -> list[str]:
    """The problem lines about content/iid/ and katalog.yml (the target warning of the fixture aside)."""
    checked = check(catalog)
    return [line for line in checked.lines if line.startswith(("content/iid/", KATALOG)) and "target[0]" not in line]


def edition_lines(catalog: Catalog, old: str, new: str) -> tuple[str, list[str]]:
    """Write the shipped edition with ``old`` replaced by ``new``; return the text and the problem lines."""
    text = edit(EDITION_TEXT, old, new)
    catalog.write("iid/2026.yml", text)
    return text, iid_lines(catalog)


# --- what is shipped -------------------------------------------------------------------------


def test_shipped_edition_and_sample_region_file_have_no_problem(iid):
    iid.write("iid/daerah-2026.yml", (ROOT / "content" / "iid" / "daerah-2026.yml").read_text(encoding="utf-8"))
    checked = check(iid)
    assert checked.code == 0
    assert iid_lines(iid) == []


def test_the_catalog_model_holds_the_edition_in_force_and_the_region_values(iid):
    iid.write("iid/daerah-2026.yml", "spd:\n" + FULL_SPD)
    content = load_content(iid.content)
    setup = build_catalog(content).iid
    assert setup is not None and setup.edition.edisi == 2026 and setup.edition.max_total == 250
    assert setup.spd is not None and setup.spd["2a"] == 2 and not setup.spd_contoh and not setup.skor_publik


def test_without_an_iid_block_the_model_has_no_edition(catalog):
    catalog.write("iid/2026.yml", EDITION_TEXT)
    assert build_catalog(load_content(catalog.content)).iid is None


def test_an_edition_with_errors_is_not_in_force(iid):
    edit_text = edit(EDITION_TEXT, "edisi: 2026\n", "edisi: 2025\n")
    iid.write("iid/2026.yml", edit_text)
    content = load_content(iid.content)
    affairs, _ = registry_ids(content.affairs, "urusan.yml")
    found = iid_problems(content, affairs)
    assert found.edition is None and found.problems
    iid.write("iid/2026.yml", EDITION_TEXT)
    content = load_content(iid.content)
    assert iid_problems(content, affairs).edition is not None


# --- an edition ------------------------------------------------------------------------------


def test_weight_zero_is_refused_at_the_weight(iid):
    text, lines = edition_lines(iid, "kunci: regulasi\n    nama: Regulasi Inovasi Daerah\n    bobot: 3",
                                "kunci: regulasi\n    nama: Regulasi Inovasi Daerah\n    bobot: 0")
    at = place(text, 'Daerah\n    bobot: ', '0')
    assert lines == [f"{EDITION}:{at}: error: indikator[0].bobot: bobot 0 tidak sah; "
                     "harus lebih dari 0, misalnya 1, 2 atau 0.75"]


def test_negative_spd_weight_is_refused_at_the_weight(iid):
    text, lines = edition_lines(iid, "Tren tingkat pengangguran, bobot: 0.75", "Tren tingkat pengangguran, bobot: -0.75")
    at = place(text, "Tren tingkat pengangguran, bobot: ", "-0.75")
    assert lines == [f"{EDITION}:{at}: error: spd[5].bobot: bobot -0.75 tidak sah; "
                     "harus lebih dari 0, misalnya 1, 2 atau 0.75"]


def test_two_parameter_texts_are_refused(iid):
    text, lines = edition_lines(iid, "      - Peraturan Kepala Daerah (Perkada)\n      - Peraturan Daerah (Perda)\n",
                                "      - Peraturan Kepala Daerah (Perkada)\n")
    at = place(text, '    parameter:\n      ', '- SK Kepala Daerah, atau')
    assert lines == [f"{EDITION}:{at}: error: "
                     "indikator[0].parameter: harus berisi tepat 3 teks parameter (untuk nilai 1, 2 dan 3); sekarang 2"]


def test_four_parameter_texts_of_a_basis_are_refused(iid):
    text, lines = edition_lines(iid, "parameter: [Satu periode, Dua periode, Tiga periode]",
                                "parameter: [Satu periode, Dua periode, Tiga periode, Empat periode]")
    assert lines == [f"{EDITION}:{place(text, 'parameter: ', '[Satu periode')}: error: indikator[17].basis[5].parameter: "
                     "harus berisi tepat 3 teks parameter (untuk nilai 1, 2 dan 3); sekarang 4"]


def test_duplicate_nomor_names_the_line_of_the_first(iid):
    text, lines = edition_lines(iid, "  - nomor: 17\n", "  - nomor: 16\n")
    first = place(text, "  - nomor: ", "16\n    kunci: regulasi").split(":")[0]
    at = place(text, '  - nomor: ', '16\n    kunci: sdm')
    assert lines == [f"{EDITION}:{at}: error: indikator[1].nomor: nomor 16 sudah "
                     f"dipakai indikator lain (baris {first}); setiap indikator harus punya nomor yang berbeda"]


def test_duplicate_kunci_names_the_line_of_the_first(iid):
    text, lines = edition_lines(iid, "    kunci: sdm\n", "    kunci: regulasi\n")
    first = place(text, "    kunci: ", "regulasi\n    nama: Regulasi").split(":")[0]
    at = place(text, '    kunci: ', 'regulasi\n    nama: Ketersediaan')
    assert lines == [f"{EDITION}:{at}: error: indikator[1].kunci: "
                     f"kunci 'regulasi' sudah dipakai indikator lain (baris {first}); setiap indikator harus punya kunci yang "
                     "berbeda"]


def test_duplicate_spd_key_is_refused(iid):
    text, lines = edition_lines(iid, "{kunci: 5b, nama: Tingkat pengangguran", "{kunci: 5a, nama: Tingkat pengangguran")
    first = place(text, "{kunci: ", "5a, nama: Tren").split(":")[0]
    assert lines == [f"{EDITION}:{place(text, '{kunci: ', '5a, nama: Tingkat')}: error: spd[6].kunci: kunci '5a' sudah dipakai "
                     f"baris lain (baris {first}); setiap baris harus punya kunci yang berbeda"]


def _without_bases(text: str) -> str:
    start = text.index("    basis:\n      - kunci: a")
    end = text.index("  - nomor: 34")
    return text[:start] + text[end:]


def test_kemanfaatan_without_bases_is_refused_at_its_indicator(iid):
    text = _without_bases(EDITION_TEXT)
    iid.write("iid/2026.yml", text)
    assert iid_lines(iid) == [f"{EDITION}:{place(text, '  - ', 'nomor: 33')}: error: indikator[17].basis: kolom 'basis' belum "
                              "ada; Kemanfaatan inovasi diukur pada satu basis yang dipilih unit: tuliskan keenam basis (a–f), "
                              "masing-masing dengan kunci, nama dan 3 teks parameter"]


def test_kemanfaatan_with_five_bases_is_refused(iid):
    start = EDITION_TEXT.index("      - kunci: f\n")
    text, lines = edition_lines(iid, EDITION_TEXT[start:EDITION_TEXT.index("  - nomor: 34")], "")
    at = place(text, '    basis:\n      ', '- kunci: a')
    assert lines == [f"{EDITION}:{at}: error: indikator[17].basis: Kemanfaatan "
                     "inovasi harus punya tepat 6 basis (a–f); sekarang 5"]


def test_duplicate_basis_letter_is_refused(iid):
    text, lines = edition_lines(iid, "      - kunci: b\n", "      - kunci: a\n")
    first = place(text, "      - kunci: ", "a\n        nama: Jumlah").split(":")[0]
    at = place(text, '      - kunci: ', 'a\n        nama: Cakupan')
    assert lines == [f"{EDITION}:{at}: error: "
                     f"indikator[17].basis[1].kunci: kunci 'a' sudah dipakai basis lain (baris {first}); setiap basis harus "
                     "punya kunci yang berbeda"]


def test_reporting_window_ending_before_it_starts_is_refused(iid):
    text, lines = edition_lines(iid, "  selesai: 2026-08-23", "  selesai: 2026-06-01")
    assert lines == [f"{EDITION}:{place(text, '  selesai: ', '2026-06-01')}: error: pelaporan.selesai: selesai 2026-06-01 lebih "
                     "awal dari mulai 2026-06-20; tanggal akhir harus sama dengan atau sesudah tanggal awal"]


def test_eligibility_window_ending_before_it_starts_is_refused(iid):
    text, lines = edition_lines(iid, "penerapan_selesai: 2025-12-31", "penerapan_selesai: 2023-12-31")
    assert lines == [f"{EDITION}:{place(text, 'penerapan_selesai: ', '2023-12-31')}: error: kelayakan.penerapan_selesai: "
                     "penerapan_selesai 2023-12-31 lebih awal dari penerapan_mulai 2024-01-01; tanggal akhir harus sama dengan "
                     "atau sesudah tanggal awal"]


def test_a_window_of_one_day_is_valid(iid):
    assert edition_lines(iid, "  selesai: 2026-08-23", "  selesai: 2026-06-20")[1] == []


def test_date_not_in_the_calendar_is_refused(iid):
    text, lines = edition_lines(iid, "  mulai: 2026-06-20", "  mulai: 2026-02-30")
    assert lines == [f"{EDITION}:{place(text, '  mulai: ', '2026-02-30')}: error: pelaporan.mulai: tanggal '2026-02-30' tidak "
                     "ada di kalender; periksa bulan dan tanggalnya"]


def test_edition_that_differs_from_the_file_name_is_refused(iid):
    text, lines = edition_lines(iid, "edisi: 2026\n", "edisi: 2025\n")
    assert lines == [f"{EDITION}:{place(text, 'edisi: ', '2025')}: error: edisi: edisi 2025 tidak sama dengan nama berkas "
                     "2026.yml; tulis edisi: 2026, atau ganti nama berkas menjadi 2025.yml"]


def test_categories_must_go_down(iid):
    text, lines = edition_lines(iid, "minimal: 40.01", "minimal: 70")
    assert lines == [f"{EDITION}:{place(text, 'minimal: ', '70')}: error: daerah.kategori[1].minimal: batas 70 tidak lebih kecil "
                     "dari batas kategori sebelumnya (65.01); urutkan kategori dari nilai tertinggi ke terendah"]


def test_only_the_last_category_may_lack_a_threshold(iid):
    text, lines = edition_lines(iid, "    - nama: Kurang Inovatif\n      lebih_dari: 0\n", "    - nama: Kurang Inovatif\n")
    assert lines == [f"{EDITION}:{place(text, '    - ', 'nama: Kurang Inovatif')}: error: daerah.kategori[2]: hanya kategori "
                     "terakhir yang boleh tanpa batas; tambahkan 'minimal: ...' atau 'lebih_dari: ...', atau pindahkan kategori "
                     "ini ke urutan terakhir"]


def test_the_last_category_takes_every_remaining_value(iid):
    text, lines = edition_lines(iid, "    - nama: Tidak Dapat Dinilai\n", "    - nama: Tidak Dapat Dinilai\n      minimal: 0\n")
    assert f"{EDITION}:{place(text, '    - ', 'nama: Tidak Dapat')}: error: daerah.kategori[3]: kategori terakhir harus tanpa " \
           "minimal atau lebih_dari: kategori itu untuk semua nilai sisanya, misalnya 'nama: Tidak Dapat Dinilai'" in lines


def test_more_basic_service_affairs_than_urusan_yml_has_is_refused(iid):
    text, lines = edition_lines(iid, "    minimal: 5 ", "    minimal: 7 ")
    assert lines == [f"{EDITION}:{place(text, '    minimal: ', '7 ')}: error: daerah.urusan_pelayanan_dasar.minimal: minimal 7 "
                     "urusan, padahal urusan.yml hanya punya 6 urusan berkelompok wajib_pelayanan_dasar; nilai jumlah inovasi "
                     "akan selalu 0: tulis paling banyak 6"]


def test_schema_findings_come_out_as_for_other_files(iid):
    text, lines = edition_lines(iid, "    wajib: true\n    parameter:\n      - 1–10 SDM",
                                "    wajb: true\n    parameter:\n      - 1–10 SDM")
    # The misspelt key is named once, with the key it should be (not also as a missing 'wajib').
    assert lines == [f"{EDITION}:{place(text, '    ', 'wajb: true')}: error: indikator[1].wajb: kolom 'wajb' tidak dikenal; "
                     "maksud Anda 'wajib'?"]


def test_weight_written_as_text_is_a_type_error(iid):
    text, lines = edition_lines(iid, "kunci: video\n    nama: Video inovasi daerah\n    bobot: 4",
                                "kunci: video\n    nama: Video inovasi daerah\n    bobot: empat")
    at = place(text, 'daerah\n    bobot: ', 'empat')
    assert lines == [f"{EDITION}:{at}: error: indikator[19].bobot: harus berupa angka, "
                     "bukan teks"]


# --- the region file -------------------------------------------------------------------------


def region_lines(catalog: Catalog, text: str) -> list[str]:
    catalog.write("iid/daerah-2026.yml", text)
    return iid_lines(catalog)


def test_unknown_spd_row_suggests_the_nearest(iid):
    assert region_lines(iid, "spd:\n" + FULL_SPD + '  "144": 2\n') == [
        f"{REGION}:22:3: error: spd.144: baris SPD '144' tidak ada di edisi 2026 ({EDITION}); maksud Anda '14'?"]


def test_unknown_spd_row_without_a_near_one_lists_the_rows(iid):
    assert region_lines(iid, "spd:\n" + FULL_SPD + "  zz: 2\n") == [
        f"{REGION}:22:3: error: spd.zz: baris SPD 'zz' tidak ada di edisi 2026 ({EDITION}); baris yang sah: {SPD_KEYS}"]


@pytest.mark.parametrize(("value", "message"), [
    ("4", "nilai 4 tidak sah; pilih parameter 1, 2 atau 3"),
    ("0", "nilai 0 tidak sah; pilih parameter 1, 2 atau 3"),
    ('"2"', "nilai '2' tidak sah; tulis angka 1, 2 atau 3 tanpa tanda kutip"),
    ("2.5", "nilai 2.5 tidak sah; tulis angka 1, 2 atau 3 tanpa tanda kutip"),
])
def test_spd_value_outside_one_to_three_is_refused(iid, value, message):
    text = "spd:\n" + FULL_SPD.replace('  "7": 2\n', f'  "7": {value}\n')
    assert region_lines(iid, text) == [f"{REGION}:10:8: error: spd.7: {message}"]


def test_missing_spd_rows_are_a_warning_counted_as_zero(iid):
    text = "spd:\n" + FULL_SPD.replace('  "14": 2\n', "").replace('  "13b": 2\n', "")
    assert region_lines(iid, text) == [f"{REGION}:2:3: warning: spd: 2 baris SPD edisi 2026 belum diisi (13b, 14); baris tanpa "
                                       "nilai dihitung 0"]


def test_a_huge_region_file_gives_a_bounded_report(iid):
    rows = "".join(f'  "x{i}": 2\n' for i in range(5000))
    lines = region_lines(iid, "spd:\n" + FULL_SPD + rows)
    assert f"{REGION}:2:3: error: spd: terlalu banyak baris; paling banyak 100 baris SPD (edisi 2026 punya 20)" in lines
    assert len(lines) <= 102  # the schema's line and one per row looked at (100 rows)


def test_region_file_needs_spd(iid):
    assert region_lines(iid, "catatan: Data BPS 2025.\n") == [
        f"{REGION}:1:1: error: spd: kolom wajib 'spd' belum ada; isi: Nilai tiap baris SPD: kunci baris dari edisi (dalam tanda "
        "kutip bila hanya angka, misalnya \"1\") → 1, 2 atau 3."]


def test_region_file_of_an_edition_without_its_file_is_refused(iid):
    iid.write("iid/daerah-2027.yml", "spd:\n" + FULL_SPD)
    assert iid_lines(iid) == ["content/iid/daerah-2027.yml:1:1: error: (berkas): belum ada definisi edisi 2027 "
                              "(content/iid/2027.yml) untuk nilai SPD ini; tambahkan berkas edisinya atau ganti nama berkas ini "
                              "menjadi daerah-2026.yml"]


def test_sample_region_values_are_refused_by_a_production_site(iid):
    iid.write("katalog.yml", (iid.content / "katalog.yml").read_text(encoding="utf-8") + "produksi: true\n")
    assert region_lines(iid, "contoh: true\nspd:\n" + FULL_SPD) == [
        f"{REGION}:1:9: error: contoh: situs produksi (katalog.yml: produksi: true) tidak boleh memakai nilai SPD contoh; ganti "
        "setiap nilai dengan nilai sebenarnya lalu hapus baris 'contoh: true'"]


def test_sample_region_values_are_fine_before_production(iid):
    assert region_lines(iid, "contoh: true\nspd:\n" + FULL_SPD) == []


# --- the folder and katalog.yml --------------------------------------------------------------


def test_unknown_file_name_in_the_iid_folder_is_refused(iid):
    iid.write("iid/edisi-2026.yml", EDITION_TEXT)
    assert iid_lines(iid) == ["content/iid/edisi-2026.yml:1:1: error: (berkas): nama berkas 'edisi-2026.yml' tidak dikenal di "
                              "content/iid/; gunakan <tahun>.yml untuk definisi edisi (misalnya 2026.yml) atau "
                              "daerah-<tahun>.yml untuk nilai SPD daerah (misalnya daerah-2026.yml)"]


def test_a_file_that_is_not_yaml_in_the_iid_folder_is_refused(iid):
    iid.write("iid/pedoman.pdf", b"%PDF-1.4\n")
    assert iid_lines(iid) == ["content/iid/pedoman.pdf:1:1: error: (berkas): folder iid/ hanya boleh berisi berkas .yml: "
                              "<tahun>.yml (definisi edisi) dan daerah-<tahun>.yml (nilai SPD daerah); pindahkan atau hapus "
                              "entri ini"]


def test_edition_in_force_without_its_file_names_the_available_editions(iid):
    iid.write("katalog.yml", (iid.content / "katalog.yml").read_text(encoding="utf-8").replace("edisi: 2026", "edisi: 2027"))
    assert iid_lines(iid) == [f"{KATALOG}:10:10: error: iid.edisi: edisi 2027 belum punya berkas definisi "
                              "content/iid/2027.yml; edisi yang tersedia: 2026; maksud Anda '2026'?"]


def test_edition_in_force_without_any_edition_file(iid):
    (iid.content / "iid" / "2026.yml").unlink()
    assert iid_lines(iid) == [f"{KATALOG}:10:10: error: iid.edisi: edisi 2026 belum punya berkas definisi "
                              "content/iid/2026.yml; belum ada berkas edisi di content/iid/ (misalnya 2026.yml)"]


def test_verifier_must_be_a_github_owner(iid):
    iid.write("katalog.yml", (iid.content / "katalog.yml").read_text(encoding="utf-8") + "  verifikator: bapperida\n")
    assert iid_lines(iid) == [f"{KATALOG}:11:16: error: iid.verifikator: 'bapperida': tulis akun atau tim GitHub diawali @, "
                              "misalnya \"@bapperida-pangkalpinang/verifikator-iid\" (dalam tanda kutip)"]


def test_public_scores_switch_is_a_boolean(iid):
    iid.write("katalog.yml", (iid.content / "katalog.yml").read_text(encoding="utf-8") + "  skor_publik: ya\n")
    assert iid_lines(iid) == [f"{KATALOG}:11:16: error: iid.skor_publik: harus berupa true/false, bukan teks; tulis true (ya) "
                              "atau false (tidak) tanpa tanda kutip"]
