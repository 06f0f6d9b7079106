"""IID scoring (generator/iid.py) on the shipped 2026 edition: maxima from the data, hand-worked innovations and regions,
eligibility, the rules at their edges, categories, improvements and the reporting window.

The edition is read from content/iid/2026.yml by the real loader. The figures the edition marks as unconfirmed
(minimum divisor D, basic-service affairs Y) are pinned to their shipped values (D = 12, Y = 5) where the arithmetic
is written out, so that Bapperida correcting them does not change these sums.
"""

from __future__ import annotations

import dataclasses
import random
from datetime import date
from decimal import Decimal

import pytest
from conftest import ROOT
from test_check_support import edit

from generator.content import load_content, parse_text, read_source
from generator.iid import (
    Candidate,
    Claim,
    Counted,
    Edition,
    Period,
    angka,
    assess,
    basic_affairs,
    category,
    days_left,
    edition_from_data,
    eligibility,
    improvements,
    parsed_words,
    poin,
    projection,
    projections,
    rancang_bangun_words,
    reporting_text,
    sid_score,
    spd_score,
)
from generator.model import Affair

EDITION_PATH = ROOT / "content" / "iid" / "2026.yml"
EDITION_TEXT = EDITION_PATH.read_text(encoding="utf-8")
SHIPPED = edition_from_data(read_source(EDITION_PATH).data)
#: The shipped 2026 edition with its unconfirmed figures pinned (see the module docstring).
E = dataclasses.replace(SHIPPED, pembagi_minimal=12, minimal_urusan_dasar=5)
#: Basic-service affairs of the shipped urusan.yml, in its order.
BASIC = {
    "pendidikan": "Pendidikan",
    "kesehatan": "Kesehatan",
    "pekerjaan_umum": "Pekerjaan Umum dan Penataan Ruang",
    "perumahan": "Perumahan Rakyat dan Kawasan Permukiman",
    "trantibum_linmas": "Ketenteraman, Ketertiban Umum, dan Pelindungan Masyarakat",
    "sosial": "Sosial",
}
EVIDENCE = ("bukti.pdf",)


def filled(**values: int) -> dict[str, Claim]:
    """Indicators filled with one evidence item each; ``kemanfaatan`` on basis a."""
    return {k: Claim(v, EVIDENCE, "a" if k == "kemanfaatan" else None) for k, v in values.items()}


#: Innovation A: every indicator but replikasi. Weights: regulasi 3, sdm 2, anggaran 2, alat_kerja 2, bimtek 1, rkpd 2,
#: aktor 1, pelaksana 1, jejaring 1, sosialisasi 1, pedoman 1, informasi_layanan 1, kemudahan_proses 2, pengaduan 1,
#: layanan_terintegrasi 2, replikasi 3, kecepatan 2, kemanfaatan 3, monev 2, video 4.
A = filled(regulasi=2, sdm=2, anggaran=1, alat_kerja=3, bimtek=1, rkpd=2, aktor=3, pelaksana=2, jejaring=1, sosialisasi=2,
           pedoman=3, informasi_layanan=3, kemudahan_proses=3, pengaduan=1, layanan_terintegrasi=2, kecepatan=2,
           kemanfaatan=3, monev=2, video=2)
A_CLAIMED = 3 * 2 + 2 * 2 + 2 * 1 + 2 * 3 + 1 * 1 + 2 * 2 + 1 * 3 + 1 * 2 + 1 * 1 + 1 * 2 + 1 * 3 + 1 * 3 + 2 * 3 + 1 * 1 \
    + 2 * 2 + 0 + 2 * 2 + 3 * 3 + 2 * 2 + 4 * 2  # = 73

#: 300 words of text: "antrean panjang" in 150 list items; a count on the raw Markdown would also count the bullets.
WORDS_300 = "".join("- antrean panjang\n" for _ in range(150))
#: 299 words: a heading word and 149 items of two words (449 pieces of raw text).
WORDS_299 = "# Masalah\n\n" + "".join("- antrean panjang\n" for _ in range(149))
#: Every compulsory indicator filled with evidence.
COMPULSORY = filled(regulasi=1, sdm=1, kecepatan=1, kemanfaatan=1, video=1)


# --- the edition: maxima from the data -------------------------------------------------------


def test_maxima_are_recomputed_from_the_edition_data():
    assert A_CLAIMED == 73
    assert SHIPPED.max_sid == 111  # Σ weights 37 × 3
    assert SHIPPED.max_spd == 63  # Σ SPD weights 21 × 3
    assert SHIPPED.max_jumlah == 76  # 200 × 0.38
    assert SHIPPED.max_total == 250  # 63 + 111 + 76
    assert sum(i.bobot for i in SHIPPED.indikator) == 37 and sum(r.bobot for r in SHIPPED.spd) == 21
    assert len(SHIPPED.indikator) == 20 and [i.nomor for i in SHIPPED.indikator] == list(range(16, 36))
    assert [i.kunci for i in SHIPPED.wajib] == ["regulasi", "sdm", "kecepatan", "kemanfaatan", "video"]


def _edited(old: str, new: str) -> Edition:
    """The edition of a copy of content/iid/2026.yml with one change."""
    source = parse_text("2026.yml", edit(EDITION_TEXT, old, new).encode("utf-8"))
    return edition_from_data(source.data)


def test_a_changed_weight_in_a_copy_of_the_edition_changes_every_score():
    heavier = _edited("nama: Regulasi Inovasi Daerah\n    bobot: 3", "nama: Regulasi Inovasi Daerah\n    bobot: 5")
    assert sid_score(heavier, A) == 73 + 2 * 2  # regulasi at 2: 5 × 2 instead of 3 × 2 = 77
    assert heavier.max_sid == 117 and heavier.max_total == 256
    lighter = _edited("{kunci: \"12\", nama: Penghargaan bagi inovator, bobot: 2}",
                      "{kunci: \"12\", nama: Penghargaan bagi inovator, bobot: 0.5}")
    assert lighter.max_spd == Decimal("58.5")  # (21 − 1.5) × 3
    assert spd_score(lighter, {"12": 3}) == Decimal("1.5")


def test_changed_points_per_innovation_change_the_jumlah_maximum():
    cheaper = _edited("poin_per_inovasi: 0.38", "poin_per_inovasi: 0.3")
    assert cheaper.max_jumlah == 60 and cheaper.max_total == 234


# --- one innovation ----------------------------------------------------------------------------


def test_claimed_score_of_a_hand_worked_innovation():
    assert sid_score(E, A) == 73


def test_verified_score_counts_only_verified_indicators():
    # regulasi 3×2 + sdm 2×2 + kemanfaatan 3×3 + video 4×2 = 6 + 4 + 9 + 8 = 27 (replikasi verified but empty: 0)
    assert sid_score(E, A, {"regulasi", "sdm", "kemanfaatan", "video", "replikasi"}) == 27
    assert sid_score(E, A, set()) == 0


def test_values_outside_the_edition_and_missing_values_count_zero():
    claims = {"regulasi": Claim(3), "kualitas": Claim(3), "video": Claim(None)}
    assert sid_score(E, claims) == 9  # regulasi 3×3; kualitas is no 2026 indicator; video without a value: 0


def test_the_best_innovation_scores_the_maximum():
    assert sid_score(E, filled(**{i.kunci: 3 for i in E.indikator})) == 111


def test_three_best_improvements_in_order_of_gain_then_number():
    # Gains: replikasi empty 3×3 = 9; anggaran 2×(3−1) = 4 (no. 18); video 4×(3−2) = 4 (no. 35); regulasi 3×1 = 3; ...
    assert [i.teks for i in improvements(E, A)] == [
        "Replikasi: belum diisi, isi untuk sampai +9 poin",
        "Dukungan anggaran: naikkan ke Anggaran APBD tahun berjalan (T-0), T-1, dan T-2: +4 poin",
        "Video inovasi daerah: naikkan ke Memenuhi kelima unsur substansi: +4 poin",
    ]
    assert [i.poin for i in improvements(E, A)] == [9, 4, 4]


def test_improvement_names_the_parameter_three_text():
    best = {i.kunci: 3 for i in E.indikator} | {"regulasi": 2}
    assert [i.teks for i in improvements(E, filled(**best))] == [
        "Regulasi Inovasi Daerah: naikkan ke Peraturan Daerah (Perda): +3 poin"]


def test_improvement_of_kemanfaatan_names_the_text_of_its_basis():
    best = {i.kunci: 3 for i in E.indikator}
    claims = filled(**best) | {"kemanfaatan": Claim(1, EVIDENCE, "b")}
    assert [i.teks for i in improvements(E, claims)] == [
        "Kemanfaatan inovasi: naikkan ke Lebih dari 50,00 persen: +6 poin"]


def test_an_empty_innovation_hears_of_the_video_first():
    assert [i.teks for i in improvements(E, {})] == [
        "Video inovasi daerah: belum diisi, isi untuk sampai +12 poin",
        "Regulasi Inovasi Daerah: belum diisi, isi untuk sampai +9 poin",  # 9 points: no. 16 before 31 and 33
        "Replikasi: belum diisi, isi untuk sampai +9 poin",
    ]


def test_a_perfect_innovation_has_nothing_to_improve():
    assert improvements(E, filled(**{i.kunci: 3 for i in E.indikator})) == ()


def test_parameter_text_of_a_value_and_of_a_basis():
    regulasi, kemanfaatan = E.indicator("regulasi"), E.indicator("kemanfaatan")
    assert regulasi is not None and kemanfaatan is not None
    assert regulasi.parameter_text(2) == "Peraturan Kepala Daerah (Perkada)"
    assert kemanfaatan.parameter_text(1, "a") == "1–200 orang"
    assert regulasi.parameter_text(0) == "" and regulasi.parameter_text(None) == ""


# --- words of the rancang bangun -------------------------------------------------------------------


@pytest.mark.parametrize(("markdown", "words"), [
    ("**Permasalahan.** Antrean panjang.", 3),
    ("- satu\n- dua\n", 2),
    ("# Judul\n\nIsi.", 2),
    ("[portal layanan](https://antrean.example.go.id/daftar)", 2),
    ("antrean — panjang - sekali", 3),
    ("ka**ta** yang *di*tekan", 3),
    ("`kode` dalam teks", 3),
    ("baris satu\nbaris dua", 4),
    ("![foto gedung](foto.png)", 0),
    ("1. satu\n2. dua\n\n> kutipan", 3),
    ("", 0),
])
def test_words_are_counted_on_the_text_not_on_markdown_markers(markdown, words):
    assert rancang_bangun_words(markdown) == words


def test_the_word_fixtures_are_299_and_300_words_while_their_raw_text_has_more():
    assert rancang_bangun_words(WORDS_300) == 300 and rancang_bangun_words(WORDS_299) == 299
    assert len(WORDS_299.split()) == 449


#: Pieces of Markdown-like text: words, every marker, and what changes a count (links, images, entities, code, tables).
_PIECES = ["antrean", "Warga", "2025", "3–4", "a.b", "*", "**", "_", "__", "-", "+", "#", "##", ">", "1.", "2)", "10.", "---",
           "===", "[", "]", "(", ")", "![", "](https://x.go.id)", "&amp;", "&", "<b>", "<", "`", "```", "~~~", "\\", "|", ":",
           '"', "=", "***", "- [ ]", "•", "—"]
_SEPARATORS = [" ", " ", "", "\n", "\n\n", "   ", "    ", "\t", "\n  ", "\n    ", "\n> ", "\n- ", "\n1. ", "\n2. "]


def test_the_shortcut_for_plain_text_counts_what_the_parser_counts():
    rng = random.Random(2026)
    for _ in range(3000):
        text = "".join(rng.choice(_PIECES) + rng.choice(_SEPARATORS) for _ in range(rng.randint(1, 25)))
        assert rancang_bangun_words(text) == parsed_words(text), repr(text)


def test_the_shipped_designs_count_the_same_either_way():
    content = load_content(ROOT / "content")
    designs = [s.data["rancang_bangun"] for s in content.innovations if isinstance(s.data, dict)]
    assert designs and all(rancang_bangun_words(d) == parsed_words(d) for d in designs)


# --- eligibility -----------------------------------------------------------------------------


def test_eligible_innovation_has_no_reason():
    result = eligibility(E, date(2025, 3, 1), None, WORDS_300, COMPULSORY)
    assert result.layak and result.alasan == () and result.kata == 300


@pytest.mark.parametrize(("penerapan", "layak"), [
    (date(2023, 12, 31), False), (date(2024, 1, 1), True), (date(2025, 12, 31), True), (date(2026, 1, 1), False)])
def test_penerapan_window_edges(penerapan, layak):
    assert eligibility(E, penerapan, None, WORDS_300, COMPULSORY).layak is layak


def test_penerapan_outside_the_window_says_the_window():
    assert eligibility(E, date(2023, 12, 31), None, WORDS_300, COMPULSORY).alasan == (
        "tanggal penerapan 31 Desember 2023 di luar rentang penilaian edisi 2026 (1 Januari 2024 – 31 Desember 2025)",)


def test_a_development_inside_the_window_makes_an_older_innovation_eligible():
    assert eligibility(E, date(2022, 5, 1), date(2025, 12, 31), WORDS_300, COMPULSORY).layak
    assert eligibility(E, date(2022, 5, 1), date(2026, 1, 1), WORDS_300, COMPULSORY).alasan == (
        "tanggal penerapan 1 Mei 2022 dan pengembangan 1 Januari 2026 di luar rentang penilaian edisi 2026 "
        "(1 Januari 2024 – 31 Desember 2025)",)


def test_no_date_at_all_is_not_eligible():
    assert eligibility(E, None, None, WORDS_300, COMPULSORY).alasan == (
        "belum ada tanggal penerapan (waktu.penerapan) atau pengembangan (waktu.pengembangan); edisi 2026 menghitung inovasi "
        "yang diterapkan atau dikembangkan 1 Januari 2024 – 31 Desember 2025",)


def test_299_words_are_not_enough_and_300_are():
    assert eligibility(E, date(2025, 3, 1), None, WORDS_299, COMPULSORY).alasan == (
        "rancang bangun baru 299 kata (dihitung tanpa tanda Markdown); minimal 300 kata",)
    assert eligibility(E, date(2025, 3, 1), None, WORDS_300, COMPULSORY).layak


def test_markdown_markers_do_not_make_up_the_300_words():
    marked = "**Permasalahan.** " + " ".join(["antrean"] * 298) + "\n\n- [ ] #"  # 299 words, 303 pieces of raw text
    assert len(marked.split()) >= 300
    assert not eligibility(E, date(2025, 3, 1), None, marked, COMPULSORY).layak


def test_a_missing_compulsory_indicator_and_one_without_evidence_are_named():
    claims = dict(COMPULSORY)
    del claims["video"]
    claims["regulasi"] = Claim(2)  # no evidence
    assert eligibility(E, date(2025, 3, 1), None, WORDS_300, claims).alasan == (
        "indikator wajib 16 (Regulasi Inovasi Daerah) belum punya bukti",
        "indikator wajib 35 (Video inovasi daerah) belum diisi",
    )


def test_every_reason_is_given_at_once():
    assert len(eligibility(E, None, None, "", {}).alasan) == 2 + len(E.wajib)


def test_assess_bundles_eligibility_scores_and_improvements():
    result = assess(E, date(2025, 3, 1), None, WORDS_300, A, {"regulasi", "sdm", "kemanfaatan", "video"})
    assert result.kelayakan.layak and (result.diklaim, result.terverifikasi) == (73, 27)
    assert [i.kunci for i in result.perbaikan] == ["replikasi", "anggaran", "video"]
    assert result.candidate("pendidikan", contoh=False, diterima=True) == Candidate("pendidikan", False, True, Decimal(73),
                                                                                   Decimal(27), True)


def test_basic_service_affairs_come_from_urusan_yml_in_its_order():
    content = load_content(ROOT / "content")
    affairs = [Affair(a["id"], a["nama"], a["kelompok"]) for a in content.affairs.data]
    assert basic_affairs(affairs) == BASIC


# --- the region: average maturity and the minimum divisor ----------------------------------------


def _region(n: int, score: int = 60, affairs: int = 5) -> list[Counted]:
    """``n`` innovations scoring ``score``, spread over the first ``affairs`` basic-service affairs."""
    ids = list(BASIC)[:affairs]
    return [Counted(ids[i % affairs] if affairs else "perhubungan", Decimal(score)) for i in range(n)]


def test_one_innovation_short_of_the_divisor_leaves_an_empty_seat():
    p = projection(E, _region(11), BASIC, None)
    # 11 × 60 = 660 / max(12, 11) = 55; jumlah 11 × 0.38 = 4.18; SID 59.18
    assert (p.n, p.pembagi, p.kursi_kosong) == (11, 12, 1)
    assert p.jumlah_skor == 660 and p.kematangan == 55 and p.jumlah_inovasi == Decimal("4.18") and p.sid == Decimal("59.18")


def test_at_the_divisor_there_is_no_empty_seat():
    p = projection(E, _region(12), BASIC, None)
    # 720 / 12 = 60; jumlah 12 × 0.38 = 4.56; SID 64.56
    assert (p.pembagi, p.kursi_kosong, p.kematangan, p.sid) == (12, 0, 60, Decimal("64.56"))


def test_past_the_divisor_the_sum_is_divided_by_the_count():
    p = projection(E, _region(13), BASIC, None)
    # 780 / 13 = 60; jumlah 13 × 0.38 = 4.94; SID 64.94
    assert (p.pembagi, p.kursi_kosong, p.kematangan, p.sid) == (13, 0, 60, Decimal("64.94"))


def test_no_innovation_at_all():
    p = projection(E, [], BASIC, None)
    assert (p.n, p.kursi_kosong, p.kematangan, p.jumlah_inovasi, p.iid, p.kategori) == (0, 12, 0, 0, 0, "Tidak Dapat Dinilai")
    assert p.urusan_dasar_teks.endswith("Syarat minimal 5 dari 6 urusan belum terpenuhi (kurang 5 urusan): selama itu nilai "
                                        "jumlah inovasi 0, berapa pun jumlah inovasinya.")


def test_jumlah_inovasi_stops_at_the_cap():
    p = projection(E, _region(250, 111, 6), BASIC, {r.kunci: 3 for r in E.spd})
    # 250 × 111 / 250 = 111; jumlah min(250, 200) × 0.38 = 76; SPD 63; (63 + 111 + 76) / 250 × 100 = 100
    assert (p.kematangan, p.jumlah_inovasi, p.spd, p.iid, p.kategori) == (111, 76, 63, 100, "Sangat Inovatif")


# --- the region: basic-service affairs ----------------------------------------------------------


def test_one_basic_service_affair_short_costs_the_whole_jumlah_inovasi():
    p = projection(E, _region(12, affairs=4), BASIC, None)
    # Y − 1 = 4 affairs covered: jumlah 0 instead of 12 × 0.38 = 4.56 (4.56 / 250 × 100 = 1.824 points of the index)
    assert not p.syarat_urusan_dasar and p.jumlah_inovasi == 0 and p.kehilangan == Decimal("4.56")
    assert p.sid == 60
    assert p.urusan_dasar_teks == (
        "Urusan pelayanan dasar yang belum punya inovasi yang dihitung: Ketenteraman, Ketertiban Umum, dan Pelindungan "
        "Masyarakat; Sosial. Syarat minimal 5 dari 6 urusan belum terpenuhi (kurang 1 urusan), sehingga nilai jumlah "
        "inovasi 0: hilang 4,56 poin (1,82 poin IID).")


def test_enough_basic_service_affairs_keep_jumlah_inovasi_and_still_name_the_missing_one():
    p = projection(E, _region(12, affairs=5), BASIC, None)
    assert p.syarat_urusan_dasar and p.jumlah_inovasi == Decimal("4.56") and p.kehilangan == 0
    assert p.urusan_dasar_teks == ("Urusan pelayanan dasar yang belum punya inovasi yang dihitung: Sosial. Syarat minimal 5 "
                                   "dari 6 urusan sudah terpenuhi, jadi nilai jumlah inovasi tidak berkurang.")


def test_all_basic_service_affairs_covered():
    assert projection(E, _region(12, affairs=6), BASIC, None).urusan_dasar_teks == (
        "Semua 6 urusan pelayanan dasar sudah punya inovasi yang dihitung.")


def test_innovations_outside_the_basic_affairs_count_but_cover_none():
    counted = _region(12, affairs=5) + [Counted("perhubungan", Decimal(60))] * 3
    p = projection(E, counted, BASIC, None)
    assert p.n == 15 and list(p.urusan_dasar_kosong) == ["sosial"] and p.jumlah_inovasi == Decimal("5.70")  # 15 × 0.38


# --- the region: SPD, the index and its category ---------------------------------------------------


def test_index_with_spd_hand_worked():
    p = projection(E, _region(12), BASIC, {r.kunci: 2 for r in E.spd})
    # SPD 21 × 2 = 42; SID 60 + 4.56 = 64.56; (42 + 64.56) / 250 × 100 = 42.624
    assert p.spd == 42 and p.iid == Decimal("42.624") and p.kategori == "Inovatif" and not p.sebagian
    assert p.ringkasan == "IID 42,62 (Inovatif)"


def test_spd_rows_with_fractional_weights_add_up_exactly():
    # 5a, 5b, 10a, 10b, 11a, 11b weigh 0.75: 6 × 0.75 × 3 = 13.5
    assert spd_score(E, {k: 3 for k in ("5a", "5b", "10a", "10b", "11a", "11b")}) == Decimal("13.5")
    assert spd_score(E, {"6": 1, "tidak-ada": 3}) == Decimal("1.5")


def test_without_the_region_file_the_index_is_partial():
    p = projection(E, _region(12), BASIC, None)
    # SID 64.56 alone: 64.56 / 250 × 100 = 25.824
    assert p.sebagian and p.spd is None and p.iid == Decimal("25.824")
    assert p.ringkasan == ("IID sementara 25,82 tanpa SPD: nilai SPD daerah belum diisi di content/iid/daerah-2026.yml, jadi "
                           "angka ini hanya bagian SID dan kategorinya belum pasti")


@pytest.mark.parametrize(("value", "name"), [
    ("100", "Sangat Inovatif"), ("65.01", "Sangat Inovatif"), ("65.005", "Sangat Inovatif"), ("65.00", "Inovatif"),
    ("65.004", "Inovatif"), ("40.01", "Inovatif"), ("40.00", "Kurang Inovatif"), ("0.01", "Kurang Inovatif"),
    ("0.004", "Tidak Dapat Dinilai"), ("0", "Tidak Dapat Dinilai"),
])
def test_category_boundaries_at_two_decimals(value, name):
    assert category(E, Decimal(value)) == name


# --- claimed and verified side by side --------------------------------------------------------------


def test_samples_and_ineligible_innovations_never_count_and_verified_counts_accepted_ones_only():
    candidates = [
        Candidate("pendidikan", contoh=False, layak=True, diklaim=Decimal(73), terverifikasi=Decimal(27), diterima=True),
        Candidate("kesehatan", contoh=False, layak=True, diklaim=Decimal(50), terverifikasi=Decimal(50), diterima=False),
        Candidate("sosial", contoh=True, layak=True, diklaim=Decimal(111), terverifikasi=Decimal(111), diterima=True),
        Candidate("perumahan", contoh=False, layak=False, diklaim=Decimal(90), terverifikasi=Decimal(90), diterima=True),
    ]
    both = projections(E, candidates, BASIC, None)
    # claimed: 73 + 50 = 123 / max(12, 2) = 10.25; verified: 27 / 12 = 2.25; jumlah 0 (2 and 1 basic affairs < 5)
    assert (both.diklaim.n, both.diklaim.kematangan, both.diklaim.kursi_kosong) == (2, Decimal("10.25"), 10)
    assert (both.terverifikasi.n, both.terverifikasi.kematangan, both.terverifikasi.kursi_kosong) == (1, Decimal("2.25"), 11)
    assert list(both.diklaim.urusan_dasar_tercakup) == ["pendidikan", "kesehatan"]
    assert list(both.terverifikasi.urusan_dasar_tercakup) == ["pendidikan"]


# --- the reporting window, and numbers as people read them ------------------------------------------


W = dataclasses.replace(E, pelaporan=Period(date(2026, 6, 20), date(2026, 8, 23)))  # 11 + 31 + 23 = 65 days


@pytest.mark.parametrize(("today", "left", "text"), [
    (date(2026, 6, 19), 65, "Pelaporan IID 2026 dibuka 20 Juni 2026 (1 hari lagi) dan ditutup 23 Agustus 2026."),
    (date(2026, 6, 20), 65, "Pelaporan IID 2026 sedang dibuka: sisa 65 hari, ditutup 23 Agustus 2026."),
    (date(2026, 8, 22), 2, "Pelaporan IID 2026 sedang dibuka: sisa 2 hari, ditutup 23 Agustus 2026."),
    (date(2026, 8, 23), 1, "Pelaporan IID 2026 ditutup hari ini, 23 Agustus 2026."),
    (date(2026, 8, 24), 0, "Pelaporan IID 2026 sudah ditutup 23 Agustus 2026."),
])
def test_days_left_in_the_reporting_window(today, left, text):
    assert days_left(W, today) == left
    assert reporting_text(W, today) == text


def test_numbers_are_written_the_indonesian_way():
    assert angka(Decimal("42.624")) == "42,62" and angka(Decimal("1234.5")) == "1.234,50" and angka(Decimal("0.005")) == "0,01"
    assert poin(Decimal(3)) == "3" and poin(Decimal("0.75")) == "0,75" and poin(Decimal("4.560")) == "4,56"
