"""IID readiness (generator/readiness.py): the catalog, the edition and the verification states glued into one report.

Pure: innovations and catalogs are built as model objects here, on the shipped 2026 edition with its unconfirmed
figures pinned (D = 12, Y = 5, as in tests/test_iid_score.py) so that the arithmetic written below holds.
"""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta
from decimal import Decimal
from types import MappingProxyType

from test_iid_score import WORDS_300, E

from generator.iid import IidSetup
from generator.model import Affair, Catalog, Evidence, Indicator, Innovation, Unit
from generator.readiness import (
    evidence_gap,
    innovation_readiness,
    readiness,
    readiness_order,
    simulation_wanted,
)
from generator.settings import SiteSettings
from generator.verification import Record, Verdict, VerificationState

DINAS = Unit("disdukcapil", "Dinas Kependudukan dan Pencatatan Sipil", "dinas", "Disdukcapil")
KOMINFO = Unit("diskominfo", "Dinas Komunikasi dan Informatika", "dinas", "Diskominfo")
SEKOLAH = Unit("sdn-1", "SD Negeri 1 Contoh", "sekolah", jenjang="sd", wajib_target=False)
ADMINDUK = Affair("administrasi_kependudukan", "Administrasi Kependudukan", "wajib_non_pelayanan_dasar")
PENDIDIKAN = Affair("pendidikan", "Pendidikan", "wajib_pelayanan_dasar")
KESEHATAN = Affair("kesehatan", "Kesehatan", "wajib_pelayanan_dasar")
PDF = Evidence("Peraturan Wali Kota Nomor 12 Tahun 2025", berkas="perwako-12-2025.pdf")
LINK = Evidence("Video profil", url="https://video.example.go.id/profil")
#: The compulsory indicators of 2026 (regulasi 3, sdm 2, kecepatan 2, kemanfaatan 3, video 4), each at 1 with evidence:
#: claimed score 3 + 2 + 2 + 3 + 4 = 14.
WAJIB = (Indicator("regulasi", 1, bukti=(PDF,)), Indicator("sdm", 1, bukti=(PDF,)), Indicator("kecepatan", 1, bukti=(PDF,)),
         Indicator("kemanfaatan", 1, "a", (PDF,)), Indicator("video", 1, bukti=(LINK,)))


def innovation(slug: str, *indikator: Indicator, unit: Unit = DINAS, affair: Affair = ADMINDUK, contoh: bool = False,
               penerapan: date | None = date(2025, 3, 1), laporkan: bool = False) -> Innovation:
    """An innovation in penerapan since March 2025 with a 300-word rancang bangun: eligible when its compulsory indicators
    are filled with evidence."""
    return Innovation(
        slug=slug, source=f"inovasi/{slug}.yml", nama=slug.replace("-", " ").title(), ringkasan="Ringkasan inovasi uji.",
        unit=unit, other_units=(), inisiator_jenis="perangkat_daerah", inisiator_nama=None, bentuk="pelayanan_publik",
        jenis="digital", tahapan="penerapan", affair=affair, irisan=(), tematik=None, tahun=2025, uji_coba=date(2025, 1, 6),
        penerapan=penerapan, rancang_bangun=WORDS_300, tujuan="Tujuan.", manfaat="Manfaat.", hasil=None,
        anggaran_sumber=None, anggaran_jumlah=None, tautan=(), media=(), kontak=None, penghargaan=(),
        indikator=tuple(indikator), tag=(), diperbarui=None, contoh=contoh, laporkan_iid=laporkan,
    )


def catalog(*innovations: Innovation, produksi: bool = False, skor_publik: bool = True) -> Catalog:
    return Catalog(
        daerah="Kota Contoh", penyelenggara="Bapperida Kota Contoh", situs="https://inovasi.contoh.go.id/", repositori=None,
        cabang="main", targets=(), units=(DINAS, KOMINFO, SEKOLAH), affairs=(ADMINDUK, PENDIDIKAN, KESEHATAN),
        innovations=tuple(innovations), tampilan=SiteSettings(produksi=produksi), iid=IidSetup(E, None, skor_publik=skor_publik),
    )


def record(status: str = "diterima") -> Record:
    return Record(status, "Sesuai.", "@rina", "2026-05-04", "sha256:" + "0" * 64)


def state(inovasi: str | None, **indikator: str) -> VerificationState:
    """A verification state: the innovation's state and each indicator's (``diterima``, ``dikembalikan``, ...)."""
    def verdict(name: str | None) -> Verdict:
        if name is None or name == "menunggu":
            return Verdict("menunggu")
        return Verdict(name, record("dikembalikan" if name == "dikembalikan" else "diterima"))  # type: ignore[arg-type]
    return VerificationState(verdict(inovasi), MappingProxyType({k: verdict(v) for k, v in indikator.items()}))


TODAY = date(2026, 5, 10)


# --- evidence gaps ---------------------------------------------------------------------------------


def test_a_compulsory_indicator_not_filled_is_a_gap_and_an_optional_one_is_not():
    assert evidence_gap(E.indicator("regulasi"), None, ()) == "indikator wajib belum diisi"
    assert evidence_gap(E.indicator("bimtek"), None, ()) is None


def test_a_filled_indicator_without_evidence_is_a_gap():
    assert evidence_gap(E.indicator("bimtek"), 2, ()) == "belum ada bukti"
    assert evidence_gap(E.indicator("bimtek"), 2, (PDF,)) is None


def test_one_item_per_year_or_method_means_parameter_n_needs_n_items():
    anggaran, informasi = E.indicator("anggaran"), E.indicator("informasi_layanan")
    assert evidence_gap(anggaran, 3, (PDF,)) == "parameter 3 butuh 3 bukti (satu per tahun); baru 1"
    assert evidence_gap(anggaran, 3, (PDF, PDF, PDF)) is None
    assert evidence_gap(informasi, 2, (PDF,)) == "parameter 2 butuh 2 bukti (satu per cara); baru 1"
    assert evidence_gap(anggaran, 1, (PDF,)) is None


# --- one innovation --------------------------------------------------------------------------------


def test_every_indicator_of_the_edition_in_number_order_with_the_official_text_of_the_chosen_parameter():
    filled = (Indicator("kemanfaatan", 2, "b", (PDF,)), Indicator("regulasi", 2, bukti=(PDF,)))
    item = innovation_readiness(E, innovation("a", *filled))
    assert [i.definisi.nomor for i in item.indikator] == list(range(16, 36))
    regulasi, kemanfaatan = item.indikator[0], item.indikator[17]
    assert regulasi.teks == E.indicator("regulasi").parameter[1] and regulasi.poin == Decimal(6)
    assert kemanfaatan.basis is not None and kemanfaatan.basis.kunci == "b"
    assert kemanfaatan.teks == E.indicator("kemanfaatan").basis_of("b").parameter[1]  # the basis's text, not the indicator's
    assert item.indikator[1].teks == "" and not item.indikator[1].diisi


def test_gaps_count_unfilled_compulsory_indicators_and_filled_ones_without_evidence():
    item = innovation_readiness(E, innovation("a", Indicator("regulasi", 2, bukti=(PDF,)), Indicator("bimtek", 1)))
    assert [i.definisi.kunci for i in item.kurang] == ["sdm", "bimtek", "kecepatan", "kemanfaatan", "video"]
    assert item.diisi == 2 and item.lengkap == 1 and not item.layak


def test_verification_states_come_from_the_state_and_the_verified_score_counts_accepted_indicators_only():
    item = innovation_readiness(E, innovation("a", *WAJIB), state("diterima", regulasi="diterima", sdm="dikembalikan",
                                                                        video="kedaluwarsa"))
    labels = {i.definisi.kunci: i.verifikasi.label for i in item.indikator}
    assert labels["regulasi"] == "Diterima" and labels["sdm"] == "Dikembalikan"
    assert labels["video"] == "Menunggu verifikasi ulang" and labels["kecepatan"] == "Menunggu verifikasi"
    assert item.penilaian.diklaim == 14 and item.penilaian.terverifikasi == 3  # regulasi only: 3 × 1
    assert item.diterima == 1 and item.layak and item.dihitung


def test_a_sample_is_not_counted_unless_samples_are_counted_for_a_simulation():
    sample = innovation("a", *WAJIB, contoh=True)
    assert not innovation_readiness(E, sample).dihitung
    assert innovation_readiness(E, sample, contoh_dihitung=True).dihitung


# --- the region ------------------------------------------------------------------------------------


def test_samples_never_count_in_the_projections_nor_in_the_recap():
    report = readiness(catalog(innovation("a", *WAJIB, contoh=True, laporkan=True)), {}, TODAY)
    assert report is not None
    assert report.diklaim.n == 0 and report.terverifikasi.n == 0
    assert [(r.unit.id, r.inovasi, r.belum_melapor) for r in report.unit] == [("disdukcapil", 0, True), ("diskominfo", 0, True)]
    assert [i.slug for i in report.inovasi] == ["a"]  # still listed, with its badge


def test_the_simulation_counts_samples_as_if_they_were_real():
    report = readiness(catalog(innovation("a", *WAJIB, contoh=True, laporkan=True)), {}, TODAY, contoh_dihitung=True)
    assert report is not None and report.contoh_dihitung
    # One innovation of 14 points over the minimum divisor 12: 14 / 12; 11 empty seats.
    assert report.diklaim.n == 1 and report.diklaim.kematangan == Decimal(14) / 12 and report.diklaim.kursi_kosong == 11
    assert report.terverifikasi.n == 0  # nothing verified
    assert [(r.unit.id, r.dilaporkan, r.belum_melapor) for r in report.unit] == [("disdukcapil", 1, False),
                                                                                  ("diskominfo", 0, True)]


def test_claimed_and_verified_projections_side_by_side():
    a = innovation("a", *WAJIB)
    b = innovation("b", *WAJIB[:4])  # no video: not eligible, never counted
    report = readiness(catalog(a, b), {"a": state("diterima", regulasi="diterima", video="diterima")}, TODAY)
    assert report is not None
    assert report.diklaim.n == 1 and report.diklaim.jumlah_skor == 14
    assert report.terverifikasi.n == 1 and report.terverifikasi.jumlah_skor == 3 + 4  # regulasi 3 × 1, video 4 × 1


def test_recap_per_unit_average_claimed_score_and_gaps_and_target_units_that_reported_nothing():
    a = innovation("a", *WAJIB, laporkan=True)  # 14 points
    b = innovation("b", Indicator("regulasi", 3, bukti=(PDF,)), Indicator("bimtek", 1))  # 9 + 1 = 10; gaps: 4 unfilled + bimtek
    report = readiness(catalog(a, b), {}, TODAY)
    assert report is not None
    dinas, kominfo = report.unit
    assert (dinas.inovasi, dinas.dilaporkan, dinas.dihitung, dinas.rata_rata, dinas.bukti_kurang) == (2, 1, 1, Decimal(12), 5)
    assert not dinas.belum_melapor
    assert (kominfo.inovasi, kominfo.rata_rata, kominfo.belum_melapor) == (0, None, True)
    assert report.belum_melapor == (KOMINFO,) and report.bukti_kurang == 5
    assert SEKOLAH not in [r.unit for r in report.unit]  # no target, no innovation: not listed


def test_a_unit_without_target_is_listed_once_it_has_an_innovation():
    report = readiness(catalog(innovation("a", *WAJIB, unit=SEKOLAH)), {}, TODAY)
    assert report is not None
    assert [(r.unit.id, r.belum_melapor) for r in report.unit] == [("disdukcapil", True), ("diskominfo", True), ("sdn-1", False)]


def test_innovations_most_ready_first_eligible_then_fewer_gaps_then_more_complete_then_accepted_then_name():
    partial = innovation("partial", *WAJIB[:4])  # not eligible
    full = innovation("zeta", *WAJIB, Indicator("bimtek", 1, bukti=(PDF,)))  # eligible, 6 complete
    plain = innovation("beta", *WAJIB)  # eligible, 5 complete
    gap = innovation("alpha", *WAJIB, Indicator("bimtek", 1))  # eligible, a gap
    accepted = innovation("gamma", *WAJIB)  # as plain, one indicator accepted
    report = readiness(catalog(partial, gap, plain, full, accepted), {"gamma": state(None, regulasi="diterima")}, TODAY)
    assert report is not None
    assert [i.slug for i in report.inovasi] == ["zeta", "gamma", "beta", "alpha", "partial"]
    assert report.inovasi == tuple(sorted(report.inovasi, key=readiness_order))


def test_days_left_and_where_the_reporting_window_stands():
    window = E.pelaporan
    days = (window.mulai - timedelta(days=10), window.selesai, window.selesai + timedelta(days=1))
    before, during, after = (readiness(catalog(), {}, day) for day in days)
    assert before is not None and during is not None and after is not None
    assert before.pelaporan == "belum_dibuka" and before.sisa_hari == (window.selesai - window.mulai).days + 1
    assert during.pelaporan == "dibuka" and during.sisa_hari == 1 and "ditutup hari ini" in during.pelaporan_teks
    assert after.pelaporan == "ditutup" and after.sisa_hari == 0


def test_no_iid_setup_means_no_report():
    assert readiness(dataclasses.replace(catalog(), iid=None), {}, TODAY) is None


def test_the_simulation_is_wanted_only_on_a_site_not_in_production_that_publishes_samples():
    sample = innovation("a", *WAJIB, contoh=True)
    assert simulation_wanted(catalog(sample))
    assert not simulation_wanted(catalog(sample, produksi=True))
    assert not simulation_wanted(catalog(innovation("a", *WAJIB)))
    assert not simulation_wanted(dataclasses.replace(catalog(sample), iid=None))


def test_the_simulation_made_from_the_real_report_is_the_one_computed_afresh():
    items = (innovation("a", *WAJIB, contoh=True, laporkan=True), innovation("b", *WAJIB), innovation("c", *WAJIB[:2]))
    states = {"b": state("diterima", regulasi="diterima")}
    real = readiness(catalog(*items), states, TODAY)
    assert real is not None
    reused = readiness(catalog(*items), states, TODAY, contoh_dihitung=True, dinilai=real.inovasi)
    assert reused == readiness(catalog(*items), states, TODAY, contoh_dihitung=True)
    assert reused is not None and reused.diklaim.n == 2 and real.diklaim.n == 1
