"""`katalog migrasi-iid`: innovation files of the shape before 2026 brought to the 2026 ``indikator`` block.

The fixtures in tests/fixtures/migrasi/ are three sample innovations exactly as
they were shipped before the change (text and link ``bukti``, the ``kualitas``
key). Every test copies files into a real catalog, runs the command through its
own ``main`` (as a contributor types it) and reads the files back.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import ROOT, VALID, Catalog
from test_check_support import check, run_main

from generator.content import parse_text
from generator.migrate import LINK_DESCRIPTION, apply, changes_of, expected_data

FIXTURES = ROOT / "tests" / "fixtures" / "migrasi"
NAMES = sorted(p.name for p in FIXTURES.glob("*.yml"))


def install_fixtures(catalog: Catalog) -> dict[str, bytes]:
    """The three old-format innovations in the catalog (the conftest one removed); their bytes by name."""
    (catalog.content / "inovasi" / "antrean-daring.yml").unlink()
    catalog.write("perangkat-daerah.yml", (ROOT / "content" / "perangkat-daerah.yml").read_bytes())
    catalog.write("urusan.yml", (ROOT / "content" / "urusan.yml").read_bytes())
    for name in NAMES:
        shutil.copy(FIXTURES / name, catalog.content / "inovasi" / name)
    return {name: (FIXTURES / name).read_bytes() for name in NAMES}


def data_of(path: Path) -> dict:
    source = parse_text(str(path), path.read_bytes())
    assert not source.problems, source.problems
    return source.data


def test_the_fixtures_are_the_old_shape():
    assert NAMES == ["antrean-daring-kependudukan.yml", "klinik-perizinan-oss.yml", "pembayaran-pbb-qris.yml"]
    for name in NAMES:
        block = data_of(FIXTURES / name)["indikator"]
        assert all(isinstance(item["bukti"], str) for item in block.values()), name
    assert "kualitas" in data_of(FIXTURES / "klinik-perizinan-oss.yml")["indikator"]


def test_a_dry_run_says_what_would_change_and_writes_nothing(catalog: Catalog):
    before = install_fixtures(catalog)
    result = run_main(catalog, "migrasi-iid")
    assert result.code == 0
    klinik = [line for line in result.lines if line.startswith("content/inovasi/klinik-perizinan-oss.yml:")]
    assert klinik == [
        "content/inovasi/klinik-perizinan-oss.yml:98:12: indikator.informasi_layanan.bukti: tautan menjadi butir bukti (url, "
        "keterangan: Tautan bukti)",
        "content/inovasi/klinik-perizinan-oss.yml:101:5: indikator.kemudahan_proses.bukti: teks ini bukan bukti (bukan berkas "
        "atau tautan); dipindah ke 'catatan' tanpa diubah: unggah dokumennya sebagai bukti",
        "content/inovasi/klinik-perizinan-oss.yml:104:5: indikator.layanan_terintegrasi.bukti: teks ini bukan bukti (bukan "
        "berkas atau tautan); dipindah ke 'catatan' tanpa diubah: unggah dokumennya sebagai bukti",
        "content/inovasi/klinik-perizinan-oss.yml:105:3: indikator.kualitas: kunci 'kualitas' menjadi 'video'",
        "content/inovasi/klinik-perizinan-oss.yml:107:5: indikator.kualitas.bukti: teks ini bukan bukti (bukan berkas atau "
        "tautan); dipindah ke 'catatan' tanpa diubah: unggah dokumennya sebagai bukti",
    ]
    assert result.err.strip() == ("3 dari 3 berkas akan diubah; jalankan lagi dengan --tulis untuk menulis perubahannya. "
                                  "Periksa setiap nilai terhadap teks parameter edisi yang berlaku (content/iid/), lalu "
                                  "jalankan katalog check")
    assert {name: (catalog.content / "inovasi" / name).read_bytes() for name in NAMES} == before


def test_writing_changes_only_the_indicator_block_and_loses_nothing(catalog: Catalog):
    before = install_fixtures(catalog)
    result = run_main(catalog, "migrasi-iid", "--tulis")
    assert result.code == 0, result.err
    assert result.err.startswith("3 dari 3 berkas diubah. ")
    for name in NAMES:
        path = catalog.content / "inovasi" / name
        old, new = before[name].decode(), path.read_text(encoding="utf-8")
        head = old[:old.index("\nindikator:\n")]
        assert new.startswith(head + "\nindikator:\n"), "everything before the block is untouched"
        assert new[new.index("\ntag:"):] == old[old.index("\ntag:"):], "everything after the block is untouched"
        old_data, new_data = data_of(FIXTURES / name), data_of(path)
        assert new_data == expected_data(old_data)
        assert {k: v for k, v in new_data.items() if k != "indikator"} == {k: v for k, v in old_data.items() if k != "indikator"}
        for key, item in old_data["indikator"].items():
            moved = new_data["indikator"]["video" if key == "kualitas" else key]
            assert moved["nilai"] == item["nilai"], "values are never changed"
            text = item["bukti"]
            if text.startswith("https://"):
                assert moved["bukti"] == [{"url": text, "keterangan": LINK_DESCRIPTION}] and "catatan" not in moved
            else:
                assert moved["catatan"] == text and "bukti" not in moved
    assert sorted(p.name for p in (catalog.content / "inovasi").iterdir()) == NAMES, "no temporary file left"


def test_after_migration_only_the_units_own_work_is_left(catalog: Catalog):
    """The shape is right; what remains is what no program can decide: evidence to upload, a basis to choose."""
    install_fixtures(catalog)
    catalog.write("katalog.yml", (catalog.content / "katalog.yml").read_text() + "iid:\n  edisi: 2026\n")
    catalog.write("iid/2026.yml", (ROOT / "content" / "iid" / "2026.yml").read_bytes())
    before = check(catalog)
    assert any("bukti sekarang berupa daftar butir" in line for line in before.errors)
    assert run_main(catalog, "migrasi-iid", "--tulis").code == 0
    after = [line for line in check(catalog).lines if line.startswith("content/inovasi/")]
    assert not [line for line in after if "bukti sekarang" in line or "kualitas" in line or "tidak dikenal" in line]
    assert [line.split(": ", 2)[1:] for line in after if ": error: indikator" in line] == [
        ["error", "indikator.kemanfaatan.basis: kemanfaatan diukur pada tepat satu basis; tambahkan baris 'basis: ...' dengan "
                  "salah satu pilihan: a (Jumlah penerima manfaat (orang)), b (Cakupan sasaran (persen unit sasaran)), c "
                  "(Efisiensi belanja sebelum dan sesudah inovasi), d (Tambahan pendapatan sebelum dan sesudah inovasi), e "
                  "(Jumlah produk yang dihasilkan atau dijual), f (Tren kinerja positif)"],
    ]


def test_a_second_run_changes_nothing(catalog: Catalog):
    install_fixtures(catalog)
    assert run_main(catalog, "migrasi-iid", "--tulis").code == 0
    written = {p.name: p.read_bytes() for p in (catalog.content / "inovasi").iterdir()}
    again = run_main(catalog, "migrasi-iid", "--tulis")
    assert again.code == 0 and again.lines == []
    assert again.err.strip() == "0 dari 3 berkas diubah"
    assert {p.name: p.read_bytes() for p in (catalog.content / "inovasi").iterdir()} == written


OLD = VALID + """\
indikator:
  # Regulasi: lihat JDIH.
  regulasi:
    nilai: 2
    bukti: https://jdih.contoh.go.id/perwako-12  # salinan resmi
  kualitas: {nilai: 2, bukti: 'https://video.contoh.go.id/a'}
  sdm:
    nilai: 1
    bukti: >-
      Surat tugas tim
      pengelola (6 orang)
tag: [antrean]
"""


def test_comments_flow_style_and_folded_text_are_kept(catalog: Catalog):
    catalog.innovation("antrean-daring", OLD)
    assert run_main(catalog, "migrasi-iid", "--tulis").code == 0
    text = (catalog.content / "inovasi" / "antrean-daring.yml").read_text(encoding="utf-8")
    assert text == VALID + """\
indikator:
  # Regulasi: lihat JDIH.
  regulasi:
    nilai: 2
    bukti:
      - url: "https://jdih.contoh.go.id/perwako-12"
        keterangan: Tautan bukti  # salinan resmi
  video: {nilai: 2, bukti: [{url: "https://video.contoh.go.id/a", keterangan: Tautan bukti}]}
  sdm:
    nilai: 1
    catatan: >-
      Surat tugas tim
      pengelola (6 orang)
tag: [antrean]
"""


def test_line_ends_and_a_byte_order_mark_are_kept(catalog: Catalog):
    raw = b"\xef\xbb\xbf" + OLD.replace("\n", "\r\n").encode("utf-8")
    path = catalog.innovation("antrean-daring", raw)
    assert run_main(catalog, "migrasi-iid", "--tulis").code == 0
    new = path.read_bytes()
    assert new.startswith(b"\xef\xbb\xbf") and b"\n" not in new.replace(b"\r\n", b"")
    assert b"    bukti:\r\n      - url: \"https://jdih.contoh.go.id/perwako-12\"\r\n        keterangan: Tautan bukti" in new


def test_a_new_key_already_present_is_not_overwritten():
    text = "indikator:\n  video:\n    nilai: 3\n  kualitas:\n    nilai: 1\n"
    assert changes_of(text) == []


def test_an_existing_catatan_keeps_the_text_bukti_where_it_is():
    assert changes_of("indikator:\n  sdm:\n    nilai: 1\n    catatan: Tim\n    bukti: Surat tugas\n") == []


def test_a_file_with_yaml_errors_is_reported_and_left_alone(catalog: Catalog):
    broken = OLD + "nama: Antrean Kedua\n"  # a key written twice
    path = catalog.innovation("antrean-daring", broken)
    result = run_main(catalog, "migrasi-iid", "--tulis")
    assert result.code == 1
    line = len(OLD.splitlines()) + 1
    assert result.lines == [f"content/inovasi/antrean-daring.yml:{line}:1: berkas belum dapat dibaca tanpa kesalahan (kunci "
                            "'nama' ditulis dua kali (pertama di baris 1); hapus salah satunya); perbaiki dulu (katalog "
                            "check), lalu jalankan lagi"]
    assert result.err.strip() == "0 dari 1 berkas diubah, 1 tidak dapat diubah"
    assert path.read_text(encoding="utf-8") == broken


def test_a_yaml_error_is_named_where_it_is(catalog: Catalog):
    """A tab from a word processor in the block: the line and column of the tab, and what is wrong there."""
    broken = OLD.replace("    nilai: 2\n", "\tnilai: 2\n", 1)
    assert broken != OLD
    catalog.innovation("antrean-daring", broken)
    line = broken.splitlines().index("\tnilai: 2") + 1
    result = run_main(catalog, "migrasi-iid")
    assert (result.code, result.lines) == (1, [
        f"content/inovasi/antrean-daring.yml:{line}:1: berkas belum dapat dibaca tanpa kesalahan (YAML tidak sah: karakter "
        "tab tidak boleh dipakai; gunakan spasi untuk indentasi); perbaiki dulu (katalog check), lalu jalankan lagi"])


def test_a_file_name_as_bukti_becomes_a_file_item():
    text = "indikator:\n  sdm:\n    nilai: 1\n    bukti: sk-tim.pdf\n  anggaran: {nilai: 1, bukti: dpa-2025.pdf}\n"
    assert apply(text, changes_of(text)) == ("indikator:\n  sdm:\n    nilai: 1\n    bukti:\n      - berkas: \"sk-tim.pdf\"\n"
                                             "        keterangan: Berkas bukti\n"
                                             "  anggaran: {nilai: 1, bukti: [{berkas: \"dpa-2025.pdf\", keterangan: "
                                             "Berkas bukti}]}\n")


def test_a_linked_file_is_never_written_through(catalog: Catalog, tmp_path: Path):
    outside = tmp_path / "luar.yml"
    outside.write_text(OLD, encoding="utf-8")
    link = catalog.content / "inovasi" / "antrean-daring.yml"
    link.unlink()
    link.symlink_to(outside)
    result = run_main(catalog, "migrasi-iid", "--tulis")
    assert result.code == 1 and "tautan simbolik" in result.out
    assert outside.read_text(encoding="utf-8") == OLD and link.is_symlink()


def test_named_files_only(catalog: Catalog):
    install_fixtures(catalog)
    result = run_main(catalog, "migrasi-iid", "--tulis", "content/inovasi/pembayaran-pbb-qris.yml")
    assert result.code == 0 and result.err.startswith("1 dari 1 berkas diubah")
    untouched = "klinik-perizinan-oss.yml"
    assert (catalog.content / "inovasi" / untouched).read_bytes() == (FIXTURES / untouched).read_bytes()
    assert run_main(catalog, "migrasi-iid", "content/inovasi/tidak-ada.yml").code == 2


@pytest.mark.parametrize("value", ["http://jdih.contoh.go.id/a", "https://a.go.id/b?c=1&d=#e"])
def test_every_link_becomes_an_item_and_check_says_what_remains(catalog: Catalog, value: str):
    catalog.innovation("antrean-daring", VALID + f"indikator:\n  regulasi:\n    nilai: 2\n    bukti: {value}\n")
    assert run_main(catalog, "migrasi-iid", "--tulis").code == 0
    data = data_of(catalog.content / "inovasi" / "antrean-daring.yml")
    assert data["indikator"]["regulasi"]["bukti"] == [{"url": value, "keterangan": LINK_DESCRIPTION}]
    https = [line for line in check(catalog).errors if "harus diawali https://" in line]
    assert bool(https) == value.startswith("http://")


def test_help_is_indonesian(catalog: Catalog):
    result = run_main(catalog, "migrasi-iid", "--help")
    assert result.code == 0
    assert "tulis perubahannya ke berkas" in result.out and "Nilai tidak diubah" in result.out
