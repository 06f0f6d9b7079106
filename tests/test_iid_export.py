"""``katalog laporan --out DIR`` (issue 11, points 5 and 6): the internal report, the portal workbook, the evidence.

A small real catalog (two eligible innovations, one not eligible, one sample) is
written to disk with real evidence files and a real verification record; the
real command runs on it; the workbook is opened with openpyxl and compared cell
by cell with the rows written out below.

Arithmetic of the fixture (2026 weights; D = 12 and Y = 5 pinned in the edition):

* antrean-daring: regulasi 3 × 2 = 6, sdm 2 × 1 = 2, kecepatan 2 × 3 = 6,
  kemanfaatan 3 × 3 = 9, video 4 × 2 = 8: claimed 31. Verified: the innovation
  and regulasi accepted, sdm returned: 6.
* bursa-kerja: regulasi 3 × 1 = 3, sdm 2 × 2 = 4, informasi_layanan 1 × 2 = 2,
  kecepatan 2 × 1 = 2, kemanfaatan 3 × 1 = 3, video 4 × 3 = 12: claimed 26; not
  verified, so not counted in the verified projection.
* Claimed projection: n = 2, divisor max(12, 2) = 12 (10 empty seats), sum 57,
  maturity 57 / 12 = 4.75; no basic-service affair covered (0 of the 5 needed),
  so jumlah inovasi 0 instead of 2 × 0.38 = 0.76; SID 4.75; no SPD file; IID
  4.75 / 250 × 100 = 1.90.
* Verified projection: n = 1, divisor 12 (11 empty), sum 6, maturity 0.50,
  jumlah inovasi 0 (0.38 lost), SID 0.50, IID 0.20.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import zipfile
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import KATALOG, LONG_TEXT, ROOT, VALID, Catalog
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from test_check_support import Checked, another, edit, run_main
from test_site_support import PNG  # a tiny real PNG
from test_verification import PDF  # a tiny real PDF

from generator.iid_export import MANIFEST, cell_text, markdown_plain
from generator.output import staging_prefix

TODAY = "2026-05-04"
REVIEWER = ("--oleh", "@rina-bapperida", "--tanggal", TODAY)

ANTREAN_INDICATORS = """\
laporkan_iid: true
indikator:
  regulasi:
    nilai: 2
    bukti:
      - berkas: perwako-12-2025.pdf
        keterangan: Peraturan Wali Kota Nomor 12 Tahun 2025
      - url: https://jdih.example.go.id/perwako/12-2025
        keterangan: Salinan di JDIH
      - berkas: lampiran-perwako.png
        keterangan: Lampiran alur layanan
  sdm:
    nilai: 1
    bukti:
      - berkas: surat-tugas.pdf
        keterangan: Surat tugas tim (6 orang)
  kecepatan:
    nilai: 3
    bukti:
      - berkas: berita-acara.pdf
        keterangan: Perancangan Desember 2024, uji coba Maret 2025
  kemanfaatan:
    basis: a
    nilai: 3
    bukti:
      - berkas: rekap-penerima.pdf
        keterangan: 6.412 nomor antrean September 2025
  video:
    nilai: 2
    bukti:
      - url: https://video.example.go.id/antrean
        keterangan: Video profil inovasi
"""
BURSA_INDICATORS = """\
indikator:
  regulasi:
    nilai: 1
    bukti:
      - berkas: sk-kepala-dinas.png
        keterangan: SK Kepala Dinas atas nama Wali Kota
  sdm:
    nilai: 2
    bukti:
      - berkas: sk-tim.pdf
        keterangan: SK tim (14 orang)
  informasi_layanan:
    nilai: 2
    bukti:
      - berkas: telepon.png
        keterangan: Nomor telepon layanan
      - berkas: loket.png
        keterangan: Loket tatap muka
  kecepatan:
    nilai: 1
    bukti:
      - berkas: jadwal.pdf
        keterangan: Jadwal pengembangan sepuluh bulan
  kemanfaatan:
    basis: e
    nilai: 1
    bukti:
      - berkas: rekap-lowongan.pdf
        keterangan: 80 lowongan terbit
  video:
    nilai: 3
    bukti:
      - url: https://video.example.go.id/bursa
        keterangan: Video lima unsur
"""
EVIDENCE = {
    "antrean-daring": {"perwako-12-2025.pdf": PDF + b"% perwako\n", "lampiran-perwako.png": PNG,
                       "surat-tugas.pdf": PDF + b"% tugas\n", "berita-acara.pdf": PDF + b"% ba\n",
                       "rekap-penerima.pdf": PDF + b"% rekap\n"},
    "bursa-kerja": {"sk-kepala-dinas.png": PNG + b"sk", "sk-tim.pdf": PDF + b"% tim\n", "telepon.png": PNG + b"tel",
                    "loket.png": PNG + b"loket", "jadwal.pdf": PDF + b"% jadwal\n", "rekap-lowongan.pdf": PDF + b"% lowongan\n"},
    "antrean-contoh": {"perwako-12-2025.pdf": PDF, "lampiran-perwako.png": PNG, "surat-tugas.pdf": PDF,
                       "berita-acara.pdf": PDF, "rekap-penerima.pdf": PDF},
}
#: The exported names of the evidence (bukti/<slug>/<nomor>-<kunci>-<n>.<ext>) and the file each one copies.
EXPORTED = {
    "bukti/antrean-daring/16-regulasi-1.pdf": ("antrean-daring", "perwako-12-2025.pdf"),
    "bukti/antrean-daring/16-regulasi-2.png": ("antrean-daring", "lampiran-perwako.png"),
    "bukti/antrean-daring/17-sdm-1.pdf": ("antrean-daring", "surat-tugas.pdf"),
    "bukti/antrean-daring/32-kecepatan-1.pdf": ("antrean-daring", "berita-acara.pdf"),
    "bukti/antrean-daring/33-kemanfaatan-1.pdf": ("antrean-daring", "rekap-penerima.pdf"),
    "bukti/bursa-kerja/16-regulasi-1.png": ("bursa-kerja", "sk-kepala-dinas.png"),
    "bukti/bursa-kerja/17-sdm-1.pdf": ("bursa-kerja", "sk-tim.pdf"),
    "bukti/bursa-kerja/27-informasi_layanan-1.png": ("bursa-kerja", "telepon.png"),
    "bukti/bursa-kerja/27-informasi_layanan-2.png": ("bursa-kerja", "loket.png"),
    "bukti/bursa-kerja/32-kecepatan-1.pdf": ("bursa-kerja", "jadwal.pdf"),
    "bukti/bursa-kerja/33-kemanfaatan-1.pdf": ("bursa-kerja", "rekap-lowongan.pdf"),
}


def penerapan(text: str, day: str, uji_coba: str = "2025-03-01") -> str:
    """An innovation of VALID moved to tahapan penerapan on ``day``, with a hasil."""
    text = edit(text, "tahapan: uji_coba", "tahapan: penerapan")
    text = edit(text, "  uji_coba: 2025-03-01\n", f"  uji_coba: {uji_coba}\n  penerapan: {day}\n")
    return edit(text, "tujuan: |", "hasil: |\n  **6.412** nomor antrean diterbitkan.\n\n  - Waktu tunggu turun.\ntujuan: |")


def pin(text: str, pattern: str, replacement: str) -> str:
    """``text`` with the one match of ``pattern`` replaced; fails loudly when the edition file no longer has it."""
    text, count = re.subn(pattern, replacement, text)
    assert count == 1, pattern
    return text


def with_report_catalog(catalog: Catalog) -> Catalog:
    """Two eligible innovations, one not eligible (uji coba: no penerapan), one sample; the 2026 edition in force."""
    catalog.write("katalog.yml", KATALOG + "iid:\n  edisi: 2026\n")
    edition = (ROOT / "content" / "iid" / "2026.yml").read_text("utf-8")
    # D, Y and the reporting window pinned (the edition marks them unconfirmed): the arithmetic above holds
    edition = pin(edition, r"pembagi_minimal: \d+", "pembagi_minimal: 12")
    edition = pin(edition, r"(urusan_pelayanan_dasar:\n\s+minimal:) \d+", r"\1 5")
    edition = pin(edition, r"pelaporan:\n  mulai: \S+\n  selesai: \S+\n",
                  "pelaporan:\n  mulai: 2026-06-20\n  selesai: 2026-08-23\n")
    catalog.write("iid/2026.yml", edition)
    catalog.write("urusan.yml", (ROOT / "content" / "urusan.yml").read_bytes())
    antrean = penerapan(VALID, "2025-09-01") + "anggaran:\n  sumber: apbd\n  jumlah: 25000000\n"
    catalog.innovation("antrean-daring", antrean + ANTREAN_INDICATORS)
    bursa = penerapan(another("Bursa Kerja Daring"), "2024-06-01", "2024-01-15")
    bursa = edit(bursa, "perangkat_daerah: disdukcapil", "perangkat_daerah: diskominfo")
    bursa = edit(bursa, "perangkat_daerah_lain: [diskominfo]\n", "")
    bursa = edit(bursa, "  utama: administrasi_kependudukan\n  irisan: [komunikasi_informatika]",
                 "  utama: komunikasi_informatika")
    catalog.innovation("bursa-kerja", bursa + "tematik: kemudahan_investasi\n" + BURSA_INDICATORS)
    catalog.innovation("posyandu-daring", another("Posyandu Daring"))  # uji coba: no penerapan, no indicators
    sample = penerapan(another("Antrean Contoh"), "2025-09-01")
    catalog.innovation("antrean-contoh", sample + ANTREAN_INDICATORS.replace("laporkan_iid: true\n", "") + "contoh: true\n")
    for slug, files in EVIDENCE.items():
        for name, data in files.items():
            catalog.write(f"media/{slug}/bukti/{name}", data)
    for args in (("--inovasi", "--status", "diterima", "--catatan", "Profil lengkap."),
                 ("--indikator", "regulasi", "--status", "diterima", "--catatan", "Perwako sesuai."),
                 ("--indikator", "sdm", "--status", "dikembalikan", "--catatan", "Lampirkan SK, bukan surat tugas.")):
        done = run_main(catalog, "verifikasi", "antrean-daring", *args, *REVIEWER)
        assert done.code == 0, done.err
    return catalog


@pytest.fixture
def report_catalog(catalog: Catalog) -> Catalog:
    return with_report_catalog(catalog)


def laporan(catalog: Catalog, *args: str) -> Checked:
    return run_main(catalog, "laporan", "--tanggal", TODAY, *args)


def written(catalog: Catalog, out: str = "keluaran") -> tuple[Checked, Path]:
    result = laporan(catalog, "--out", out)
    assert result.code == 0, result.out + result.err
    return result, catalog.root / out


def cells(sheet: Worksheet, first: int = 3) -> list[list[object]]:
    """The values of a sheet from row ``first`` (below the title and the headers); a day cell as its date."""
    return [[v.date() if isinstance(v, datetime) else v for v in row] for row in sheet.iter_rows(min_row=first, values_only=True)]


# --- the workbook ------------------------------------------------------------------------------

ANTREAN_RANCANG_BANGUN = "Masalahnya antrean panjang sejak subuh. " + " ".join(
    ["Warga mengambil nomor antrean dari ponsel dan datang sesuai jadwal pelayanan."] * 30)
assert LONG_TEXT.count("\n") == 29  # the fixture's rancang bangun is 30 such lines: the expected text above

PROFIL_HEADERS = [
    "No", "Nama inovasi", "Perangkat daerah", "Perangkat daerah lain", "Urusan utama", "Urusan beririsan", "Bentuk inovasi",
    "Jenis inovasi", "Tematik", "Inisiator", "Nama inisiator", "Tahapan", "Waktu uji coba", "Waktu penerapan",
    "Waktu pengembangan", "Rancang bangun", "Tujuan", "Manfaat", "Hasil", "Sumber anggaran", "Jumlah anggaran (Rp)",
    "Folder bukti", "Halaman katalog", "Verifikasi inovasi",
]
PROFIL_ROWS = [
    [1, "Antrean Daring Kependudukan", "Dinas Kependudukan dan Pencatatan Sipil", "Dinas Komunikasi dan Informatika",
     "Administrasi Kependudukan dan Pencatatan Sipil", "Komunikasi dan Informatika", "Inovasi Pelayanan Publik", "Digital",
     None, "Perangkat Daerah", "Bidang Pelayanan", "Penerapan", date(2025, 3, 1), date(2025, 9, 1), None,
     ANTREAN_RANCANG_BANGUN, "Mengurangi waktu tunggu.", "- Warga tidak perlu datang subuh.",
     "6.412 nomor antrean diterbitkan.\n\n- Waktu tunggu turun.", "APBD", 25000000, "bukti/antrean-daring/",
     "https://inovasi.contoh.go.id/inovasi/antrean-daring/", "Diterima"],
    [2, "Bursa Kerja Daring", "Dinas Komunikasi dan Informatika", None, "Komunikasi dan Informatika", None,
     "Inovasi Pelayanan Publik", "Digital", "Kemudahan Investasi", "Perangkat Daerah", "Bidang Pelayanan", "Penerapan",
     date(2024, 1, 15), date(2024, 6, 1), None, ANTREAN_RANCANG_BANGUN, "Mengurangi waktu tunggu.",
     "- Warga tidak perlu datang subuh.", "6.412 nomor antrean diterbitkan.\n\n- Waktu tunggu turun.", None, None,
     "bukti/bursa-kerja/", "https://inovasi.contoh.go.id/inovasi/bursa-kerja/", "Menunggu verifikasi"],
]

INDIKATOR_HEADERS = [
    "Nama inovasi", "Folder bukti", "No", "Indikator", "Bobot", "Wajib", "Nilai", "Parameter (teks resmi)",
    "Basis kemanfaatan", "Poin", "Berkas bukti", "Tautan bukti", "Keterangan bukti", "Kekurangan bukti",
    "Status verifikasi", "Catatan verifikator",
]
#: The 20 indicators of 2026 (iid-2026.md): number, name, weight, compulsory.
INDICATORS_2026 = [
    (16, "Regulasi Inovasi Daerah", 3, "Ya"), (17, "Ketersediaan dan peran SDM terhadap inovasi daerah", 2, "Ya"),
    (18, "Dukungan anggaran", 2, "Tidak"), (19, "Alat kerja", 2, "Tidak"), (20, "Bimtek inovasi", 1, "Tidak"),
    (21, "Integrasi program dan kegiatan inovasi dalam RKPD", 2, "Tidak"), (22, "Keterlibatan aktor inovasi", 1, "Tidak"),
    (23, "Pelaksana inovasi daerah", 1, "Tidak"), (24, "Jejaring inovasi", 1, "Tidak"),
    (25, "Sosialisasi inovasi daerah", 1, "Tidak"), (26, "Pedoman teknis", 1, "Tidak"),
    (27, "Kemudahan informasi layanan", 1, "Tidak"), (28, "Kemudahan proses inovasi yang dihasilkan", 2, "Tidak"),
    (29, "Penyelesaian layanan pengaduan", 1, "Tidak"), (30, "Layanan terintegrasi", 2, "Tidak"), (31, "Replikasi", 3, "Tidak"),
    (32, "Kecepatan penciptaan inovasi", 2, "Ya"), (33, "Kemanfaatan inovasi", 3, "Ya"),
    (34, "Monitoring dan evaluasi inovasi daerah", 2, "Tidak"), (35, "Video inovasi daerah", 4, "Ya"),
]
WAITING = "Menunggu verifikasi"
#: What each filled indicator's row holds after its number, name, weight and compulsory flag:
#: nilai, parameter text, basis, poin, files, links, descriptions, gap, state, note.
ANTREAN_FILLED = {
    16: [2, "Peraturan Kepala Daerah (Perkada)", None, 6, "16-regulasi-1.pdf\n16-regulasi-2.png",
         "https://jdih.example.go.id/perwako/12-2025",
         "16-regulasi-1.pdf: Peraturan Wali Kota Nomor 12 Tahun 2025\nhttps://jdih.example.go.id/perwako/12-2025: Salinan di "
         "JDIH\n16-regulasi-2.png: Lampiran alur layanan", None, "Diterima", "Perwako sesuai."],
    17: [1, "1–10 SDM", None, 2, "17-sdm-1.pdf", None, "17-sdm-1.pdf: Surat tugas tim (6 orang)", None, "Dikembalikan",
         "Lampirkan SK, bukan surat tugas."],
    32: [3, "Inovasi diciptakan dalam 1–4 bulan", None, 6, "32-kecepatan-1.pdf", None,
         "32-kecepatan-1.pdf: Perancangan Desember 2024, uji coba Maret 2025", None, WAITING, None],
    33: [3, "501 orang atau lebih", "a. Jumlah penerima manfaat (orang)", 9, "33-kemanfaatan-1.pdf", None,
         "33-kemanfaatan-1.pdf: 6.412 nomor antrean September 2025", None, WAITING, None],
    35: [2, "Memenuhi 3–4 unsur substansi", None, 8, None, "https://video.example.go.id/antrean",
         "https://video.example.go.id/antrean: Video profil inovasi", None, WAITING, None],
}
BURSA_FILLED = {
    16: [1, "SK Kepala Daerah, atau SK Kepala Perangkat Daerah atas nama Kepala Daerah", None, 3, "16-regulasi-1.png", None,
         "16-regulasi-1.png: SK Kepala Dinas atas nama Wali Kota", None, WAITING, None],
    17: [2, "11–30 SDM", None, 4, "17-sdm-1.pdf", None, "17-sdm-1.pdf: SK tim (14 orang)", None, WAITING, None],
    27: [2, "Dua dari empat cara", None, 2, "27-informasi_layanan-1.png\n27-informasi_layanan-2.png", None,
         "27-informasi_layanan-1.png: Nomor telepon layanan\n27-informasi_layanan-2.png: Loket tatap muka", None, WAITING,
         None],
    32: [1, "Inovasi diciptakan dalam 9 bulan atau lebih", None, 2, "32-kecepatan-1.pdf", None,
         "32-kecepatan-1.pdf: Jadwal pengembangan sepuluh bulan", None, WAITING, None],
    33: [1, "1–100 produk", "e. Jumlah produk yang dihasilkan atau dijual", 3, "33-kemanfaatan-1.pdf", None,
         "33-kemanfaatan-1.pdf: 80 lowongan terbit", None, WAITING, None],
    35: [3, "Memenuhi kelima unsur substansi", None, 12, None, "https://video.example.go.id/bursa",
         "https://video.example.go.id/bursa: Video lima unsur", None, WAITING, None],
}
EMPTY = [None, None, None, 0, None, None, None, None, WAITING, None]


def indicator_rows(nama: str, slug: str, filled: dict[int, list[object]]) -> list[list[object]]:
    return [[nama, f"bukti/{slug}/", nomor, name, weight, wajib, *filled.get(nomor, EMPTY)]
            for nomor, name, weight, wajib in INDICATORS_2026]


def test_profil_sheet_holds_the_eligible_innovations_in_the_portal_order_cell_by_cell(report_catalog: Catalog) -> None:
    _, out = written(report_catalog)
    sheet = load_workbook(out / "iid-2026.xlsx")["Profil"]
    assert [c.value for c in sheet[2]] == PROFIL_HEADERS
    assert cells(sheet) == PROFIL_ROWS  # the sample and the innovation still in uji coba are left out
    assert sheet.cell(row=3, column=21).number_format == "#,##0"
    assert sheet.cell(row=3, column=13).number_format == "DD/MM/YYYY"


def test_indikator_sheet_has_every_indicator_of_each_exported_innovation_in_number_order(report_catalog: Catalog) -> None:
    _, out = written(report_catalog)
    sheet = load_workbook(out / "iid-2026.xlsx")["Indikator"]
    assert [c.value for c in sheet[2]] == INDIKATOR_HEADERS
    expected = [*indicator_rows("Antrean Daring Kependudukan", "antrean-daring", ANTREAN_FILLED),
                *indicator_rows("Bursa Kerja Daring", "bursa-kerja", BURSA_FILLED)]
    assert cells(sheet) == expected
    # the points add up to the claimed scores worked out in the module docstring
    assert sum(row[9] for row in expected[:20]) == 31 and sum(row[9] for row in expected[20:]) == 26


def test_ringkasan_sheet_shows_the_claimed_and_verified_projections(report_catalog: Catalog) -> None:
    _, out = written(report_catalog)
    sheet = load_workbook(out / "iid-2026.xlsx")["Ringkasan"]
    assert [c.value for c in sheet[2]] == ["Ukuran", "Diklaim", "Terverifikasi", "Keterangan"]
    rows = {row[0]: tuple(row[1:]) for row in cells(sheet)}
    assert {name: rows[name][:2] for name in (
        "Inovasi dihitung", "Pembagi", "Kursi kosong", "Jumlah skor SID", "Rata-rata kematangan",
        "Urusan pelayanan dasar tercakup", "Jumlah inovasi (poin)", "Poin hilang karena urusan pelayanan dasar", "Bagian SID",
        "SPD", "Nilai IID", "Kategori", "Inovasi diekspor", "Inovasi tidak diekspor")} == {
        "Inovasi dihitung": (2, 1), "Pembagi": (12, 12), "Kursi kosong": (10, 11), "Jumlah skor SID": (57, 6),
        "Rata-rata kematangan": (4.75, 0.5), "Urusan pelayanan dasar tercakup": (0, 0), "Jumlah inovasi (poin)": (0, 0),
        "Poin hilang karena urusan pelayanan dasar": (0.76, 0.38), "Bagian SID": (4.75, 0.5), "SPD": (None, None),
        "Nilai IID": (1.9, 0.2), "Kategori": ("belum pasti (tanpa SPD)", "belum pasti (tanpa SPD)"),
        "Inovasi diekspor": (2, None), "Inovasi tidak diekspor": (2, None),
    }
    assert rows["SPD"][2] == "nilai SPD daerah belum diisi"
    assert rows["Inovasi tidak diekspor"][2] == "1 inovasi contoh (contoh: true); 1 inovasi belum layak (alasannya di laporan)"
    assert rows["Ringkasan (diklaim)"][2].startswith("IID sementara 1,90 tanpa SPD")
    assert rows["Ringkasan (terverifikasi)"][2].startswith("IID sementara 0,20 tanpa SPD")
    assert rows["Pelaporan"][:2] == (65, None)  # 20 June – 23 August seen on 4 May: the whole window, 11 + 31 + 23 days
    assert rows["Dibuat"][2] == "4 Mei 2026 oleh katalog laporan (Bapperida Kota Contoh)"


def test_headers_are_bold_and_frozen_and_every_column_has_a_width(report_catalog: Catalog) -> None:
    _, out = written(report_catalog)
    book = load_workbook(out / "iid-2026.xlsx")
    assert book.sheetnames == ["Profil", "Indikator", "Ringkasan"]
    assert {s.title: s.freeze_panes for s in book} == {"Profil": "C3", "Indikator": "D3", "Ringkasan": "B3"}
    for sheet in book:
        assert sheet["A1"].value == "Ekspor IID 2026 Kota Contoh"
        header = [c for c in sheet[2] if c.value is not None]
        assert header and all(c.font.bold for c in header)
        assert all(sheet.column_dimensions[c.column_letter].width >= 5 for c in header)
        assert sheet.auto_filter.ref is not None and sheet.auto_filter.ref.startswith("A2:")


HOSTILE = {
    "nama: Antrean Daring Kependudukan": 'nama: \'=HYPERLINK("http://x","klik")\'',
    "  nama: Bidang Pelayanan": "  nama: '+62 811 cmd|calc'",
    "        keterangan: Salinan di JDIH": "        keterangan: '@SUM(1+1)*cmd'",
    "        keterangan: Surat tugas tim (6 orang)": "        keterangan: '-2+3'",
}


def test_text_that_looks_like_a_formula_stays_text(report_catalog: Catalog) -> None:
    path = report_catalog.content / "inovasi" / "antrean-daring.yml"
    text = path.read_text("utf-8")
    for old, new in HOSTILE.items():
        text = edit(text, old, new)
    path.write_text(text, "utf-8")
    _, out = written(report_catalog)
    raw = (out / "iid-2026.xlsx").read_bytes()
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        xml = "".join(archive.read(n).decode("utf-8") for n in archive.namelist() if n.startswith("xl/worksheets/"))
    assert "<f>" not in xml and "<f " not in xml  # no formula anywhere in the workbook
    book = load_workbook(io.BytesIO(raw))
    profil, indikator = book["Profil"], book["Indikator"]
    name = profil.cell(row=3, column=2)
    assert name.value == '=HYPERLINK("http://x","klik")' and name.data_type == "s" and name.quotePrefix
    assert profil.cell(row=3, column=11).value == "+62 811 cmd|calc" and profil.cell(row=3, column=11).quotePrefix
    assert indikator.cell(row=3, column=1).value == '=HYPERLINK("http://x","klik")'
    assert indikator.cell(row=3, column=13).value.splitlines()[1] == "https://jdih.example.go.id/perwako/12-2025: @SUM(1+1)*cmd"
    assert indikator.cell(row=4, column=13).value == "17-sdm-1.pdf: -2+3"
    report = (out / "laporan-iid-2026.html").read_text("utf-8")
    assert "=HYPERLINK(&#34;http://x&#34;,&#34;klik&#34;)" in report


def test_cells_lose_the_characters_xml_forbids_and_stay_within_the_cell_limit() -> None:
    assert cell_text("a\x00b\x08c\x0bd\x1fe\ufffef\tg\nh") == "abcdef\tg\nh"
    long = cell_text("x" * 40_000)
    assert len(long) == 32_767 and long.endswith("(dipotong; teks lengkap di berkas inovasi)")


def test_markdown_fields_become_plain_text() -> None:
    text = ("**Permasalahan.** Antrean\npanjang di [portal](https://x.go.id/) dan <https://y.go.id>.\n\n"
            "## Cara kerja\n\n1. Daftar\n2. Datang\n   - tepat waktu\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```\nkode\n```\n")
    assert markdown_plain(text) == ("Permasalahan. Antrean panjang di portal (https://x.go.id/) dan https://y.go.id.\n\n"
                                    "Cara kerja\n\n1. Daftar\n2. Datang\n  - tepat waktu\n\na | b\n1 | 2\n\nkode")


# --- the evidence --------------------------------------------------------------------------------


def test_evidence_of_the_exported_innovations_is_copied_under_its_number_and_key(report_catalog: Catalog) -> None:
    _, out = written(report_catalog)
    found = {p.relative_to(out).as_posix(): p.read_bytes() for p in (out / "bukti").rglob("*") if p.is_file()}
    expected = {path: EVIDENCE[slug][name] for path, (slug, name) in EXPORTED.items()}
    assert found == expected  # no sample evidence, nothing of the innovation that is not eligible


def test_the_zip_holds_the_evidence_folder(report_catalog: Catalog) -> None:
    _, out = written(report_catalog)
    with zipfile.ZipFile(out / "bukti-iid-2026.zip") as archive:
        assert archive.testzip() is None
        assert archive.namelist() == list(EXPORTED)
        assert {n: archive.read(n) for n in archive.namelist()} == {
            path: EVIDENCE[slug][name] for path, (slug, name) in EXPORTED.items()}


def test_the_folder_holds_exactly_the_report_files_and_lists_them(report_catalog: Catalog) -> None:
    result, out = written(report_catalog)
    assert sorted(p.name for p in out.iterdir()) == [MANIFEST, "bukti", "bukti-iid-2026.zip", "iid-2026.xlsx",
                                                     "laporan-iid-2026.html"]
    assert result.out.splitlines() == [
        "Laporan IID 2026 ditulis di keluaran/:",
        "  laporan-iid-2026.html: laporan internal lengkap (skor diklaim dan terverifikasi)",
        "  iid-2026.xlsx: 2 inovasi layak (lembar Profil, Indikator, Ringkasan)",
        "  bukti/ dan bukti-iid-2026.zip: 11 berkas bukti",
        "Tidak diekspor: 1 inovasi contoh (contoh: true); 1 inovasi belum layak: posyandu-daring (alasannya di "
        "laporan-iid-2026.html).",
    ]


# --- the internal report ---------------------------------------------------------------------------


def test_the_report_has_every_section_and_every_score(report_catalog: Catalog) -> None:
    report_catalog.write("katalog.yml", KATALOG + "iid:\n  edisi: 2026\n  skor_publik: false\n")
    _, out = written(report_catalog)
    html = (out / "laporan-iid-2026.html").read_text("utf-8")
    for section in ('id="berkas"', 'id="proyeksi"', 'id="ekspor"', 'id="rekap"', 'id="inovasi"'):
        assert section in html
    # the scores are there although iid.skor_publik is false
    assert "skor tidak tampil di situs publik" in html
    assert "Skor SID diklaim <strong>31,00</strong>, terverifikasi <strong>6,00</strong>" in html
    assert "Skor SID diklaim <strong>26,00</strong>, terverifikasi <strong>0,00</strong>" in html
    assert "IID sementara 1,90 tanpa SPD" in html and "IID sementara 0,20 tanpa SPD" in html
    # every innovation, the sample and the one not eligible with its reasons
    for slug in ("antrean-daring", "bursa-kerja", "posyandu-daring", "antrean-contoh"):
        assert f'id="{slug}"' in html
    assert "belum ada tanggal penerapan (waktu.penerapan)" in html
    assert "indikator wajib 16 (Regulasi Inovasi Daerah) belum diisi" in html
    # improvements, verification states with who and the note, exported evidence names
    assert "Kemanfaatan" in html and "+9 poin" in html
    assert "Dikembalikan" in html and "Lampirkan SK, bukan surat tugas." in html and "@rina-bapperida" in html
    assert "Menunggu verifikasi" in html
    assert "<code>perwako-12-2025.pdf</code> → <code>bukti/antrean-daring/16-regulasi-1.pdf</code>" in html
    # the per-unit recap names the units
    assert "Dinas Kependudukan dan Pencatatan Sipil" in html and "Dinas Komunikasi dan Informatika" in html
    # no script can run in it
    assert "<script" not in html and "default-src 'none'" in html


def test_the_report_escapes_what_content_says(report_catalog: Catalog) -> None:
    path = report_catalog.content / "inovasi" / "bursa-kerja.yml"
    path.write_text(edit(path.read_text("utf-8"), "nama: Bursa Kerja Daring", "nama: '<script>alert(1)</script> Bursa'"),
                    "utf-8")
    _, out = written(report_catalog)
    html = (out / "laporan-iid-2026.html").read_text("utf-8")
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; Bursa" in html


# --- samples ---------------------------------------------------------------------------------------


def test_only_samples_says_so_in_one_line_and_still_writes_the_report(catalog: Catalog) -> None:
    catalog.write("katalog.yml", KATALOG + "iid:\n  edisi: 2026\n")
    catalog.write("iid/2026.yml", (ROOT / "content" / "iid" / "2026.yml").read_bytes())
    catalog.write("urusan.yml", (ROOT / "content" / "urusan.yml").read_bytes())
    catalog.innovation("antrean-daring", VALID + "contoh: true\n")
    result, out = written(catalog)
    lines = result.out.splitlines()
    assert lines[-1] == ("Semua 1 inovasi adalah contoh (contoh: true), jadi tidak ada yang diekspor; jalankan dengan "
                         "--contoh untuk uji coba dengan data contoh.")
    assert "Semua inovasi adalah contoh" in (out / "laporan-iid-2026.html").read_text("utf-8")
    assert cells(load_workbook(out / "iid-2026.xlsx")["Profil"]) == []


def test_contoh_exports_samples_as_a_dry_run_marked_in_every_file(report_catalog: Catalog) -> None:
    result = laporan(report_catalog, "--out", "uji", "--contoh")
    assert result.code == 0, result.err
    out = report_catalog.root / "uji"
    assert sorted(p.name for p in out.iterdir()) == [MANIFEST, "bukti", "bukti-iid-2026-contoh.zip",
                                                     "iid-2026-contoh.xlsx", "laporan-iid-2026-contoh.html"]
    book = load_workbook(out / "iid-2026-contoh.xlsx")
    for sheet in book:
        assert sheet["A1"].value == "DATA CONTOH: bukan data resmi; jangan diunggah ke portal IID"
    assert [row[1] for row in cells(book["Profil"])] == ["Antrean Contoh", "Antrean Daring Kependudukan", "Bursa Kerja Daring"]
    assert (out / "bukti" / "antrean-contoh" / "16-regulasi-1.pdf").read_bytes() == PDF
    assert "DATA CONTOH" in (out / "laporan-iid-2026-contoh.html").read_text("utf-8")
    assert "DATA CONTOH: bukan data resmi; jangan diunggah ke portal IID (--contoh" in result.out


# --- refusals and exit codes ------------------------------------------------------------------------


def test_content_errors_are_printed_like_check_and_nothing_is_written(report_catalog: Catalog) -> None:
    path = report_catalog.content / "inovasi" / "bursa-kerja.yml"
    path.write_text(edit(path.read_text("utf-8"), "tahapan: penerapan", "tahapan: ujicoba"), "utf-8")
    result = laporan(report_catalog, "--out", "keluaran")
    assert result.code == 1
    assert result.errors == [
        "content/inovasi/bursa-kerja.yml:9:10: error: tahapan: 'ujicoba' bukan pilihan yang sah (inisiatif, uji_coba, "
        "penerapan); maksud Anda 'uji_coba'?"]
    assert "laporan tidak ditulis" in result.err
    assert not (report_catalog.root / "keluaran").exists()


def test_without_an_iid_edition_nothing_is_written(catalog: Catalog) -> None:
    result = laporan(catalog, "--out", "keluaran")
    assert result.code == 1
    assert result.err.strip() == ("katalog: katalog.yml belum menyebut edisi IID (iid: edisi: 2026); "
                                  "laporan IID tidak ditulis")
    assert not (catalog.root / "keluaran").exists()


@pytest.mark.parametrize("out", ["content", "content/media", ".", "..", "generator-link"])
def test_dangerous_output_folders_are_refused(report_catalog: Catalog, out: str) -> None:
    if out == "generator-link":
        (report_catalog.root / out).symlink_to(ROOT / "generator")
    before = sorted(p.relative_to(report_catalog.root) for p in report_catalog.root.rglob("*"))
    result = laporan(report_catalog, "--out", out)
    assert result.code == 2
    assert result.err.startswith(f"katalog: folder hasil '{out}' (--out) ")
    assert sorted(p.relative_to(report_catalog.root) for p in report_catalog.root.rglob("*")) == before


def test_a_folder_with_files_it_did_not_write_is_never_touched(report_catalog: Catalog) -> None:
    mine = report_catalog.root / "dokumen"
    mine.mkdir()
    (mine / "catatan.txt").write_text("milik saya\n")
    result = laporan(report_catalog, "--out", "dokumen")
    assert result.code == 2
    assert result.err.strip() == ("katalog: folder 'dokumen' sudah berisi berkas yang tidak ditulis oleh katalog laporan "
                                  f"(tidak ada daftar {MANIFEST}); katalog tidak menghapusnya: pilih folder baru untuk --out")
    assert [p.name for p in mine.iterdir()] == ["catatan.txt"]


@pytest.mark.parametrize("broken", ["{rusak", "[" * 200_000 + "]" * 200_000])  # nested past Python's recursion limit
def test_a_folder_whose_list_of_files_is_broken_is_never_touched(report_catalog: Catalog, broken: str) -> None:
    mine = report_catalog.root / "dokumen"
    mine.mkdir()
    (mine / MANIFEST).write_text(broken, encoding="utf-8")
    (mine / "catatan.txt").write_text("milik saya\n")
    result = laporan(report_catalog, "--out", "dokumen")
    assert result.code == 2 and result.err.startswith("katalog: folder 'dokumen' sudah berisi berkas")
    assert sorted(p.name for p in mine.iterdir()) == sorted([MANIFEST, "catatan.txt"])


def test_a_previous_report_is_replaced_but_not_with_a_file_added_to_it(report_catalog: Catalog) -> None:
    _, out = written(report_catalog)
    # the unit drops an evidence file: the next report no longer has its copy
    path = report_catalog.content / "inovasi" / "bursa-kerja.yml"
    text = edit(path.read_text("utf-8"), "      - berkas: loket.png\n        keterangan: Loket tatap muka\n", "")
    path.write_text(edit(text, "  informasi_layanan:\n    nilai: 2", "  informasi_layanan:\n    nilai: 1"), "utf-8")
    written(report_catalog)
    assert not (out / "bukti" / "bursa-kerja" / "27-informasi_layanan-2.png").exists()
    assert (out / "bukti" / "bursa-kerja" / "27-informasi_layanan-1.png").read_bytes() == EVIDENCE["bursa-kerja"]["telepon.png"]
    # someone puts a file of their own in the report folder: it is never deleted
    (out / "bukti" / "tanda-terima.pdf").write_bytes(PDF)
    result = laporan(report_catalog, "--out", "keluaran")
    assert result.code == 2
    assert "bukti/tanda-terima.pdf" in result.err
    assert (out / "bukti" / "tanda-terima.pdf").read_bytes() == PDF
    assert (out / "iid-2026.xlsx").is_file()


def test_a_file_is_not_an_output_folder(report_catalog: Catalog) -> None:
    (report_catalog.root / "laporan.txt").write_text("x")
    result = laporan(report_catalog, "--out", "laporan.txt")
    assert result.code == 2
    assert result.err.strip() == "katalog: 'laporan.txt' sudah ada dan bukan folder biasa; pilih folder baru untuk --out"
    result = laporan(report_catalog, "--out", "laporan.txt/baru")
    assert result.code == 2
    assert result.err.strip() == (f"katalog: '{report_catalog.root / 'laporan.txt'}' bukan folder, jadi 'laporan.txt/baru' "
                                  "tidak dapat dibuat; pilih folder baru untuk --out")
    assert (report_catalog.root / "laporan.txt").read_text() == "x"


def test_no_staging_folder_is_left_behind(report_catalog: Catalog) -> None:
    written(report_catalog)
    path = report_catalog.content / "inovasi" / "bursa-kerja.yml"
    path.write_text(edit(path.read_text("utf-8"), "tahapan: penerapan", "tahapan: ujicoba"), "utf-8")
    assert laporan(report_catalog, "--out", "keluaran").code == 1
    assert sorted(p.name for p in report_catalog.root.iterdir() if p.name.startswith(".laporan")) == []


def test_what_a_killed_report_left_is_removed_by_the_next_and_a_running_one_is_not(report_catalog: Catalog) -> None:
    """A report killed mid-write leaves its staging folder (named after its process and this machine); the next
    report beside it removes that one, never one whose process still runs, another machine's, or anything else."""
    dead = subprocess.Popen(["true"])  # a process that has ended: its id names a killed run
    dead.wait()
    host = staging_prefix("baru", "laporan").split("-", 3)[3]
    names = {
        f".laporan-baru-{dead.pid}-{host}abc123": False,  # killed: removed
        f".laporan-lama-{dead.pid}-{host}def456": False,
        f".laporan-baru-{os.getppid()}-{host}ghi789": True,  # its process runs: kept
        f".laporan-baru-{dead.pid}-mesin-lain-jkl012": True,  # another machine's: kept
        ".laporan-baru-catatan": True,  # not a staging name: kept
    }
    for name in names:
        (report_catalog.root / name).mkdir()
        (report_catalog.root / name / "laporan.html").write_text("setengah", "utf-8")
    written(report_catalog)
    assert {name: (report_catalog.root / name).exists() for name in names} == names


def test_the_installed_command_runs_and_speaks_indonesian(report_catalog: Catalog) -> None:
    helped = report_catalog.run("laporan", "--help")
    assert helped.returncode == 0 and "buku kerja Excel untuk portal IID" in helped.stdout and "--contoh" in helped.stdout
    done = report_catalog.run("laporan", "--out", "keluaran", "--tanggal", TODAY)
    assert done.returncode == 0, done.stderr
    assert load_workbook(report_catalog.root / "keluaran" / "iid-2026.xlsx")["Profil"]["B3"].value == \
        "Antrean Daring Kependudukan"
    missing = report_catalog.run("laporan")
    assert missing.returncode == 2 and "argumen berikut wajib diisi: --out" in missing.stderr


def test_decimal_scores_are_exact_in_the_report_cells(report_catalog: Catalog) -> None:
    _, out = written(report_catalog)
    sheet = load_workbook(out / "iid-2026.xlsx")["Ringkasan"]
    kematangan = next(row for row in cells(sheet) if row[0] == "Rata-rata kematangan")
    assert Decimal(str(kematangan[1])) == Decimal(57) / 12


def test_the_shipped_catalog_exports_as_a_dry_run_as_the_guide_says(tmp_path: Path) -> None:
    """CONTRIBUTING.md names bukti/antrean-daring-kependudukan/16-regulasi-1.pdf: the shipped samples give exactly that."""
    out = tmp_path / "uji"
    result = run_main(Catalog(tmp_path), "laporan", "--content", str(ROOT / "content"), "--out", str(out), "--contoh",
                      "--tanggal", TODAY)
    assert result.code == 0, result.out + result.err
    example = "bukti/antrean-daring-kependudukan/16-regulasi-1.pdf"
    assert f"`{example}`" in (ROOT / "CONTRIBUTING.md").read_text("utf-8")
    source = ROOT / "content" / "media" / "antrean-daring-kependudukan" / "bukti" / "sk-wali-kota-antrean-daring.pdf"
    assert (out / example).read_bytes() == source.read_bytes()
    assert load_workbook(out / "iid-2026-contoh.xlsx")["Profil"]["A1"].value.startswith("DATA CONTOH")
