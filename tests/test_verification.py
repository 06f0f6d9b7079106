"""Verification that cannot be silently undone (issue 11, point 3).

Bapperida's records (content/verifikasi/<slug>.yml) are bound to fingerprints of
what was verified; these tests write real files (innovations, evidence, records),
run the real ``katalog`` commands and, for the pull-request summary, a real Git
repository.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import KATALOG, ROOT, VALID, Catalog
from test_check_support import Checked, check, run_main

from generator.content import load_content
from generator.verification import (
    BLOCK_END,
    BLOCK_START,
    Fingerprints,
    Record,
    Records,
    catalog_verification,
    codeowners_text,
    current_fingerprints,
    evidence_digest,
    expected_codeowners,
    indicator_fingerprint,
    innovation_fingerprint,
    read_records,
    verification_state,
    write_codeowners,
)

SLUG = "antrean-daring"
INNOVATION = f"content/inovasi/{SLUG}.yml"
RECORD = f"content/verifikasi/{SLUG}.yml"
#: A small but real PDF (what the evidence rules read first).
PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
#: The fixture innovation's IID block; VALID has 52 lines, so 'indikator:' is line 53,
#: 'regulasi:' line 54 and 'kemanfaatan:' line 61.
INDICATORS = """\
indikator:
  regulasi:
    nilai: 2
    bukti:
      - berkas: perwako-12-2025.pdf
        keterangan: Peraturan Wali Kota Nomor 12 Tahun 2025
      - url: https://jdih.example.go.id/perwako/12-2025
        keterangan: Salinan di JDIH
  kemanfaatan:
    basis: a
    nilai: 3
    bukti:
      - berkas: laporan-manfaat.pdf
        keterangan: Laporan jumlah penerima manfaat
"""
VERIFIER = "@contoh/verifikator-iid"
REVIEWER = ("--oleh", "@rina-bapperida", "--tanggal", "2026-05-04")


def with_iid(catalog: Catalog, *, verifikator: bool = False) -> Catalog:
    """The test catalog with the 2026 edition in force, the 38 affairs and an innovation that fills two indicators."""
    owner = f'  verifikator: "{VERIFIER}"\n' if verifikator else ""
    catalog.write("katalog.yml", KATALOG + "iid:\n  edisi: 2026\n" + owner)
    catalog.write("iid/2026.yml", (ROOT / "content" / "iid" / "2026.yml").read_bytes())
    catalog.write("urusan.yml", (ROOT / "content" / "urusan.yml").read_bytes())  # the six basic-service affairs
    catalog.write(f"media/{SLUG}/bukti/perwako-12-2025.pdf", PDF)
    catalog.write(f"media/{SLUG}/bukti/laporan-manfaat.pdf", PDF + b"% laporan\n")
    catalog.innovation(SLUG, VALID + INDICATORS)
    return catalog


@pytest.fixture
def iid(catalog: Catalog) -> Catalog:
    return with_iid(catalog)


def verify(catalog: Catalog, *args: str) -> Checked:
    return run_main(catalog, "verifikasi", SLUG, *args)


def states(catalog: Catalog) -> dict[str, str]:
    """The innovation's state and each indicator's, as the pages and the scoring read them."""
    state = catalog_verification(load_content(catalog.content), 2026)[SLUG]
    return {"inovasi": state.inovasi.state, **{k: v.state for k, v in state.indikator.items()}}


def edit_innovation(catalog: Catalog, old: str, new: str) -> None:
    path = catalog.content / "inovasi" / f"{SLUG}.yml"
    text = path.read_text("utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), "utf-8")


# --- fingerprints -------------------------------------------------------------------------------


def test_indicator_fingerprint_is_sha256_of_the_canonical_json_the_contract_names() -> None:
    entry = {"nilai": 2, "bukti": [{"berkas": "a.pdf", "keterangan": "Perwako"}, {"url": "https://x.go.id/é", "keterangan": "y"}]}
    digest = "ab" * 32
    canonical = ('{"basis":null,"bukti":[{"berkas":"a.pdf","sha256":"' + digest + '"},{"url":"https://x.go.id/é"}],'
                 '"edisi":2026,"kunci":"regulasi","nilai":2}')
    expected = "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    assert indicator_fingerprint(2026, "regulasi", entry, {"a.pdf": digest}) == expected


def test_innovation_fingerprint_covers_the_profile_fields_and_the_edition() -> None:
    data = {"nama": "A", "perangkat_daerah": "dinkes", "tahapan": "penerapan", "waktu": {"penerapan": "2025-01-02"},
            "urusan": {"utama": "kesehatan"}, "rancang_bangun": "teks", "ringkasan": "tidak dihitung"}
    canonical = json.dumps({"edisi": 2026, **{k: v for k, v in data.items() if k != "ringkasan"}}, sort_keys=True,
                           separators=(",", ":"), ensure_ascii=False)
    assert innovation_fingerprint(2026, data) == "sha256:" + hashlib.sha256(canonical.encode()).hexdigest()
    assert innovation_fingerprint(2026, {**data, "ringkasan": "lain"}) == innovation_fingerprint(2026, data)
    assert innovation_fingerprint(2027, data) != innovation_fingerprint(2026, data)


def test_evidence_is_read_only_from_its_own_folder(tmp_path: Path) -> None:
    root = tmp_path / "content"
    folder = root / "media" / SLUG / "bukti"
    folder.mkdir(parents=True)
    (folder / "asli.pdf").write_bytes(PDF)
    secret = tmp_path / "rahasia.pdf"
    secret.write_bytes(PDF + b"rahasia")
    (folder / "tautan.pdf").symlink_to(secret)
    (folder / "besar.pdf").write_bytes(PDF + b"0" * (5 * 1024 * 1024))
    assert evidence_digest(root, SLUG, "asli.pdf") == hashlib.sha256(PDF).hexdigest()
    assert evidence_digest(root, SLUG, "tautan.pdf") is None  # a link out of content/ is never followed
    assert evidence_digest(root, SLUG, "../../../rahasia.pdf") is None
    assert evidence_digest(root, SLUG, "besar.pdf") is None  # over the 5 MiB cap: not read
    assert evidence_digest(root, SLUG, "tidak-ada.pdf") is None


def test_a_hash_the_check_made_is_used_instead_of_reading_the_file(tmp_path: Path) -> None:
    """``hashes`` (what the check hashed, by path under content/) stands for the file's bytes, under the same 5 MiB
    cap; a file it does not name is read."""
    root = tmp_path / "content"
    (root / "media" / SLUG / "bukti").mkdir(parents=True)
    (root / "media" / SLUG / "bukti" / "dibaca.pdf").write_bytes(PDF)
    data = {"indikator": {"regulasi": {"nilai": 2, "bukti": [{"berkas": "dicatat.pdf"}, {"berkas": "besar.pdf"},
                                                              {"berkas": "dibaca.pdf"}]}}}
    hashes = {os.path.join("media", SLUG, "bukti", "dicatat.pdf"): (100, "cd" * 32),
              os.path.join("media", SLUG, "bukti", "besar.pdf"): (5 * 1024 * 1024 + 1, "ef" * 32)}
    found = current_fingerprints(root, SLUG, 2026, data, hashes=hashes).indikator["regulasi"]
    digests = {"dicatat.pdf": "cd" * 32, "besar.pdf": None, "dibaca.pdf": hashlib.sha256(PDF).hexdigest()}
    assert found == indicator_fingerprint(2026, "regulasi", data["indikator"]["regulasi"], digests)


def test_a_build_takes_the_evidence_hashes_from_its_check(iid: Catalog, monkeypatch: pytest.MonkeyPatch) -> None:
    """The states a build shows come from the hashes its check has just made of the evidence (``Content.hashes``), not
    from reading every file again (up to 5 MiB each): the same states, and a changed byte is still seen."""
    from generator import verification
    from generator.cache import check_folder
    from generator.rules import check_content

    assert verify(iid, "--indikator", "regulasi", "kemanfaatan", "--status", "diterima", "--catatan", "Sesuai",
                  *REVIEWER).code == 0
    read = states(iid)  # from the files
    assert read == {"inovasi": "menunggu", "regulasi": "diterima", "kemanfaatan": "diterima"}

    def no_reading(*args: object) -> bytes:
        raise AssertionError("evidence read again")

    with monkeypatch.context() as patch:
        patch.setattr(verification, "_read_in", no_reading)
        content = check_folder(iid.content, check_content).content
        assert os.path.join("media", SLUG, "bukti", "perwako-12-2025.pdf") in content.hashes
        state = catalog_verification(content, 2026)[SLUG]
        assert {"inovasi": state.inovasi.state, **{k: v.state for k, v in state.indikator.items()}} == read
        path = iid.content / "media" / SLUG / "bukti" / "perwako-12-2025.pdf"
        path.write_bytes(path.read_bytes()[:-2] + b"X\n")
        state = catalog_verification(check_folder(iid.content, check_content).content, 2026)[SLUG]
        assert state.of("regulasi").state == "kedaluwarsa" and state.of("kemanfaatan").state == "diterima"


# --- a record stays valid, or goes stale --------------------------------------------------------------


@pytest.mark.parametrize(("old", "new"), [
    ("keterangan: Peraturan Wali Kota Nomor 12 Tahun 2025", "keterangan: Perwako 12/2025 (salinan bertanda tangan)"),
    ("keterangan: Salinan di JDIH", "keterangan: Salinan resmi di JDIH kota"),
    ("tujuan: |\n  Mengurangi waktu tunggu.", "tujuan: |\n  Mengurangi waktu tunggu warga di loket."),
    ("ringkasan: Warga mengambil nomor antrean pelayanan Disdukcapil dari ponsel.",
     "ringkasan: Warga mengambil nomor antrean Disdukcapil lewat ponsel, tanpa datang subuh."),
])
def test_record_stays_valid_when_descriptions_or_unrelated_fields_change(iid: Catalog, old: str, new: str) -> None:
    assert verify(iid, "--status", "diterima", "--catatan", "Sesuai", *REVIEWER).code == 0
    edit_innovation(iid, old, new)
    assert states(iid) == {"inovasi": "diterima", "regulasi": "diterima", "kemanfaatan": "diterima"}


@pytest.mark.parametrize(("what", "old", "new", "stale"), [
    ("nilai", "nilai: 2", "nilai: 3", "regulasi"),
    ("basis", "basis: a", "basis: e", "kemanfaatan"),
    ("url", "https://jdih.example.go.id/perwako/12-2025", "https://jdih.example.go.id/perwako/13-2025", "regulasi"),
    ("berkas", "berkas: laporan-manfaat.pdf", "berkas: laporan-manfaat-2.pdf", "kemanfaatan"),
])
def test_record_goes_stale_when_what_was_verified_changes(iid: Catalog, what: str, old: str, new: str, stale: str) -> None:
    iid.write(f"media/{SLUG}/bukti/laporan-manfaat-2.pdf", PDF + b"% laporan\n")  # same bytes, another name
    assert verify(iid, "--indikator", "regulasi", "kemanfaatan", "--status", "diterima", "--catatan", "Sesuai",
                  *REVIEWER).code == 0
    edit_innovation(iid, old, new)
    found = states(iid)
    assert found[stale] == "kedaluwarsa", what
    assert [k for k, v in found.items() if v == "diterima"] == [k for k in ("regulasi", "kemanfaatan") if k != stale]


def test_one_byte_of_an_evidence_file_makes_its_indicator_stale(iid: Catalog) -> None:
    assert verify(iid, "--indikator", "regulasi", "kemanfaatan", "--status", "diterima", "--catatan", "Sesuai",
                  *REVIEWER).code == 0
    path = iid.content / "media" / SLUG / "bukti" / "perwako-12-2025.pdf"
    raw = bytearray(path.read_bytes())
    raw[-2] ^= 1
    path.write_bytes(bytes(raw))
    state = catalog_verification(load_content(iid.content), 2026)[SLUG]
    assert state.of("regulasi").state == "kedaluwarsa"
    assert state.of("regulasi").label == "Menunggu verifikasi ulang"
    assert state.of("regulasi").record is not None and state.of("regulasi").record.oleh == "@rina-bapperida"
    assert state.verified_keys == frozenset({"kemanfaatan"})
    path.write_bytes(bytes(raw[:-2]) + bytes([raw[-2] ^ 1]) + bytes(raw[-1:]))  # the byte restored: verified again
    assert catalog_verification(load_content(iid.content), 2026)[SLUG].verified_keys == {"regulasi", "kemanfaatan"}


def test_the_innovation_record_goes_stale_when_its_profile_changes(iid: Catalog) -> None:
    assert verify(iid, "--inovasi", "--status", "diterima", "--catatan", "Profil lengkap", *REVIEWER).code == 0
    assert states(iid)["inovasi"] == "diterima"
    edit_innovation(iid, "nama: Antrean Daring Kependudukan", "nama: Antrean Daring Dukcapil")
    state = catalog_verification(load_content(iid.content), 2026)[SLUG]
    assert state.inovasi.state == "kedaluwarsa" and not state.innovation_verified


def test_state_of_each_item_from_its_record_and_current_fingerprint() -> None:
    accepted = Record("diterima", "Sesuai", "@rina", "2026-05-04", "sha256:" + "1" * 64)
    returned = Record("dikembalikan", "Unggah SK yang ditandatangani", "@rina", "2026-05-04", "sha256:" + "2" * 64)
    current = Fingerprints("sha256:" + "9" * 64, {"regulasi": "sha256:" + "1" * 64, "sdm": "sha256:" + "2" * 64,
                                                  "video": "sha256:" + "3" * 64, "anggaran": "sha256:" + "4" * 64})
    records = Records(accepted, {"regulasi": accepted, "sdm": returned, "video": accepted})
    state = verification_state(records, current)
    assert {k: (v.state, v.label) for k, v in state.indikator.items()} == {
        "regulasi": ("diterima", "Diterima"),
        "sdm": ("dikembalikan", "Dikembalikan"),
        "video": ("kedaluwarsa", "Menunggu verifikasi ulang"),
        "anggaran": ("menunggu", "Menunggu verifikasi"),
    }
    assert state.of("sdm").catatan == "Unggah SK yang ditandatangani"
    assert state.verified_keys == frozenset({"regulasi"})
    assert state.inovasi.state == "kedaluwarsa" and not state.innovation_verified


# --- katalog verifikasi -------------------------------------------------------------------------


def test_the_command_writes_a_record_that_validates_and_matches(iid: Catalog) -> None:
    result = verify(iid, "--status", "diterima", "--catatan", "Sesuai: SK dan laporan lengkap #1\n'kutip' \"ganda\"", *REVIEWER)
    assert result.code == 0, result.err
    assert result.lines == [f"{RECORD}: inovasi: diterima", f"{RECORD}: regulasi: diterima", f"{RECORD}: kemanfaatan: diterima"]
    checked = check(iid)
    assert checked.code == 0 and not checked.about(RECORD), checked.out
    records = read_records(load_content(iid.content).verifications[0].data)
    assert records.indikator["regulasi"] == Record("diterima", "Sesuai: SK dan laporan lengkap #1\n'kutip' \"ganda\"",
                                                   "@rina-bapperida",
                                                   "2026-05-04", records.indikator["regulasi"].sidik)
    assert states(iid) == {"inovasi": "diterima", "regulasi": "diterima", "kemanfaatan": "diterima"}
    assert [p.name for p in (iid.content / "verifikasi").iterdir()] == [f"{SLUG}.yml"]  # no temporary file left


def test_the_command_keeps_the_other_entries(iid: Catalog) -> None:
    assert verify(iid, "--indikator", "regulasi", "--status", "diterima", "--catatan", "Perwako sesuai", *REVIEWER).code == 0
    result = verify(iid, "--indikator", "kemanfaatan", "--status", "dikembalikan", "--catatan", "Laporan belum ditandatangani",
                    "--oleh", "@budi", "--tanggal", "2026-05-05")
    assert result.lines == [f"{RECORD}: kemanfaatan: dikembalikan"]
    state = catalog_verification(load_content(iid.content), 2026)[SLUG]
    assert (state.of("regulasi").state, state.of("regulasi").record.oleh) == ("diterima", "@rina-bapperida")  # type: ignore[union-attr]
    assert (state.of("kemanfaatan").state, state.of("kemanfaatan").catatan) == ("dikembalikan", "Laporan belum ditandatangani")
    assert state.inovasi.state == "menunggu"
    text = (iid.content / "verifikasi" / f"{SLUG}.yml").read_text("utf-8")
    assert text.startswith("# Catatan verifikasi IID Bapperida untuk content/inovasi/antrean-daring.yml.\n")
    assert text.index("regulasi:") < text.index("kemanfaatan:")  # the edition's order (no. 16 before no. 33)


def test_oleh_defaults_to_the_git_user_name(iid: Catalog) -> None:
    subprocess.run(["git", "init", "-q"], cwd=iid.root, check=True)
    subprocess.run(["git", "config", "user.name", "Rina Bapperida"], cwd=iid.root, check=True)
    assert verify(iid, "--inovasi", "--status", "diterima", "--catatan", "Profil lengkap").code == 0
    assert read_records(load_content(iid.content).verifications[0].data).inovasi.oleh == "Rina Bapperida"  # type: ignore[union-attr]


@pytest.mark.parametrize(("args", "code", "line"), [
    (("--status", "diterima"), 2, None),  # argparse: --catatan is required
    (("--indikator", "regulasii", "--status", "diterima", "--catatan", "ok", *REVIEWER), 2,
     "katalog: indikator 'regulasii' tidak ada di edisi IID 2026; maksud Anda 'regulasi'?"),
    (("--indikator", "16", "--status", "diterima", "--catatan", "ok", *REVIEWER), 2,
     "katalog: indikator ditulis dengan kuncinya, bukan nomornya: 16 adalah 'regulasi' (Regulasi Inovasi Daerah)"),
    (("--indikator", "kualitas", "--status", "diterima", "--catatan", "ok", *REVIEWER), 2,
     "katalog: indikator 'kualitas' tidak ada di edisi IID 2026; sekarang bernama 'video' (35. Video inovasi daerah)"),
    (("--indikator", "regulasi,kemanfaatan", "--status", "diterima", "--catatan", "ok", *REVIEWER), 2,
     "katalog: beberapa indikator ditulis dipisah spasi, bukan koma: --indikator regulasi kemanfaatan"),
    (("--status", "terima", "--catatan", "ok", *REVIEWER), 2,
     "katalog verifikasi: kesalahan: argumen --status: 'terima' bukan status yang sah (diterima, dikembalikan); maksud Anda "
     "'diterima'?"),
    (("--indikator", "video", "--status", "diterima", "--catatan", "ok", *REVIEWER), 1,
     f"katalog: indikator 'video' belum diisi di {INNOVATION}; hanya indikator yang sudah diisi yang dapat diverifikasi "
     "(yang sudah diisi: regulasi, kemanfaatan)"),
    (("--status", "diterima", "--catatan", "ok", "--oleh", "@rina", "--tanggal", "2999-01-01"), 2,
     "katalog: --tanggal 2999-01-01 masih di masa depan; tulis tanggal verifikasi (bawaan: hari ini)"),
    (("--status", "diterima", "--catatan", "ok", "--oleh", "@rina", "--tanggal", "2026-02-30"), 2,
     "katalog verifikasi: kesalahan: argumen --tanggal: '2026-02-30' bukan tanggal TTTT-BB-HH yang ada, misalnya 2026-05-04"),
    (("--status", "diterima", "--catatan", "Sesuai\u202e", *REVIEWER), 2,
     "katalog: --catatan mengandung karakter tak terlihat atau karakter kendali (RIGHT-TO-LEFT OVERRIDE, U+202E) pada "
     "posisi 7; hapus karakter itu"),
    (("--status", "diterima", "--catatan", "x", *REVIEWER), 2,
     "katalog: --catatan harus berisi 2–1000 karakter; tulis alasan keputusan, misalnya \"Perwako sesuai\""),
])
def test_refusals_are_one_line_with_the_contract_exit_code(iid: Catalog, args: tuple[str, ...], code: int,
                                                           line: str | None) -> None:
    result = verify(iid, *args)
    assert result.code == code, result.err
    if line is not None:
        assert result.err.strip().splitlines()[-1] == line
    assert not (iid.content / "verifikasi").exists()


def test_unknown_innovation_is_refused_with_the_closest_slug(iid: Catalog) -> None:
    result = run_main(iid, "verifikasi", "antrean-darin", "--status", "diterima", "--catatan", "ok", *REVIEWER)
    assert (result.code, result.err.strip()) == (2, "katalog: inovasi 'antrean-darin' tidak ada "
                                                    "(content/inovasi/antrean-darin.yml tidak ditemukan); "
                                                    "maksud Anda 'antrean-daring'?")


def test_an_innovation_with_errors_is_not_verified(iid: Catalog) -> None:
    edit_innovation(iid, "tahapan: uji_coba", "tahapan: ujicoba")
    result = verify(iid, "--status", "diterima", "--catatan", "ok", *REVIEWER)
    assert (result.code, result.err.strip()) == (1, f"katalog: {INNOVATION} masih punya kesalahan (baris 10: 'ujicoba' bukan "
                                                    "pilihan yang sah (inisiatif, uji_coba, penerapan); maksud Anda "
                                                    "'uji_coba'?); jalankan katalog check, perbaiki, lalu verifikasi "
                                                    "antrean-daring lagi")
    assert not (iid.content / "verifikasi").exists()


def test_an_innovation_with_a_yaml_error_is_named_as_such_not_as_missing(iid: Catalog) -> None:
    edit_innovation(iid, "    nilai: 2\n", "\tnilai: 2\n")  # a tab from a word processor: line 55 cannot be read
    result = verify(iid, "--status", "diterima", "--catatan", "ok", *REVIEWER)
    assert (result.code, result.err.strip()) == (1, f"katalog: {INNOVATION} masih punya kesalahan (baris 55: YAML tidak sah: "
                                                    "karakter tab tidak boleh dipakai; gunakan spasi untuk indentasi); "
                                                    "jalankan katalog check, perbaiki, lalu verifikasi antrean-daring lagi")


@pytest.mark.parametrize("written", [f"{SLUG}.yml", INNOVATION])
def test_the_innovation_may_be_named_by_its_file(iid: Catalog, written: str) -> None:
    result = run_main(iid, "verifikasi", written, "--indikator", "regulasi", "--status", "diterima", "--catatan", "Sesuai",
                      *REVIEWER)
    assert (result.code, result.out) == (0, f"{RECORD}: regulasi: diterima\n"), result.err


def test_without_a_git_name_oleh_must_be_given(iid: Catalog, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    result = verify(iid, "--status", "diterima", "--catatan", "ok")
    assert (result.code, result.err.strip()) == (2, "katalog: tulis nama verifikator dengan --oleh NAMA (Git belum punya "
                                                    "user.name)")


def test_the_installed_command_runs(iid: Catalog) -> None:
    result = iid.run("verifikasi", SLUG, "--indikator", "regulasi", "--status", "diterima", "--catatan", "Sesuai", *REVIEWER)
    assert (result.returncode, result.stdout) == (0, f"{RECORD}: regulasi: diterima\n"), result.stderr


# --- rules on records ---------------------------------------------------------------------------


def record(sidik: str = "sha256:" + "a" * 64, status: str = "diterima", tanggal: str = "2026-05-04") -> str:
    return (f"indikator:\n  regulasi:\n    status: {status}\n    catatan: Sesuai\n    oleh: \"@rina\"\n"
            f"    tanggal: {tanggal}\n    sidik: {sidik}\n")


@pytest.mark.parametrize(("name", "text", "line"), [
    ("antrean-darin.yml", record(),
     "content/verifikasi/antrean-darin.yml:1:1: error: (berkas): tidak ada inovasi 'antrean-darin' "
     "(content/inovasi/antrean-darin.yml); nama berkas catatan verifikasi harus sama dengan nama berkas inovasinya; "
     "maksud Anda 'antrean-daring'?"),
    ("antrean-daring.yaml", record(),
     "content/verifikasi/antrean-daring.yaml:1:1: error: (berkas): nama berkas catatan verifikasi harus berakhiran .yml "
     "(sekarang 'antrean-daring.yaml'); ganti menjadi antrean-daring.yml"),
    ("antrean-daring.yml", record().replace("regulasi:", "regulasii:"),
     "content/verifikasi/antrean-daring.yml:2:3: error: indikator.regulasii: indikator 'regulasii' tidak ada di edisi IID "
     "2026; maksud Anda 'regulasi'?"),
    ("antrean-daring.yml", record(status="diterma"),
     "content/verifikasi/antrean-daring.yml:3:13: error: indikator.regulasi.status: 'diterma' bukan pilihan yang sah "
     "(diterima, dikembalikan); maksud Anda 'diterima'?"),
    ("antrean-daring.yml", record(sidik="9b1c"),
     "content/verifikasi/antrean-daring.yml:7:12: error: indikator.regulasi.sidik: '9b1c': sidik harus berbentuk sha256: "
     "diikuti 64 angka heksadesimal; jangan disunting sendiri, tulis ulang dengan perintah katalog verifikasi"),
    ("antrean-daring.yml", record(tanggal="2026-02-30"),
     "content/verifikasi/antrean-daring.yml:6:14: error: indikator.regulasi.tanggal: '2026-02-30' bukan tanggal yang ada di "
     "kalender; periksa bulan (01–12) dan hari"),
    ("antrean-daring.yml", record().replace("    catatan: Sesuai\n", ""),
     "content/verifikasi/antrean-daring.yml:3:5: error: indikator.regulasi.catatan: kolom wajib 'catatan' belum ada; setiap "
     "catatan verifikasi berisi status, catatan, oleh, tanggal dan sidik; tulis ulang dengan perintah katalog verifikasi"),
])
def test_bad_records_are_located(iid: Catalog, name: str, text: str, line: str) -> None:
    iid.write(f"verifikasi/{name}", text)
    result = check(iid)
    assert result.code == 1
    assert [x for x in result.lines if x.startswith("content/verifikasi/")] == [line]


def test_a_record_of_an_innovation_with_a_yaml_error_is_not_called_an_orphan(iid: Catalog) -> None:
    """One mistake, one line: the innovation's YAML error; not also 'no such innovation, delete this record'."""
    assert verify(iid, "--status", "diterima", "--catatan", "Sesuai", *REVIEWER).code == 0
    edit_innovation(iid, "    nilai: 2\n", "\tnilai: 2\n")
    result = check(iid)
    assert result.code == 1
    assert [line for line in result.lines if "error" in line] == [
        f"{INNOVATION}:55:1: error: (berkas): YAML tidak sah: karakter tab tidak boleh dipakai; gunakan spasi untuk indentasi"]


def test_a_stale_record_is_a_state_not_a_problem(iid: Catalog) -> None:
    iid.write(f"verifikasi/{SLUG}.yml", record())  # a fingerprint that matches nothing
    result = check(iid)
    assert result.code == 0 and not result.about(RECORD), result.out
    assert states(iid)["regulasi"] == "kedaluwarsa"


# --- CODEOWNERS ---------------------------------------------------------------------------------


def codeowners(catalog: Catalog) -> Path:
    return catalog.root / ".github" / "CODEOWNERS"


BLOCK = f"""\
{BLOCK_START}
# Dibuat oleh katalog build dari iid.verifikator di content/katalog.yml; jangan disunting di sini.
# Baris di luar blok ini tetap; blok ini selalu di akhir berkas agar tidak tertimpa aturan lain.
/content/verifikasi/ {VERIFIER}
/content/iid/ {VERIFIER}
/content/katalog.yml {VERIFIER}
/.github/CODEOWNERS {VERIFIER}
{BLOCK_END}
"""


def test_build_writes_the_block_and_check_accepts_it(catalog: Catalog) -> None:
    with_iid(catalog, verifikator=True)
    stale = check(catalog)
    assert stale.code == 1
    assert stale.errors == [f".github/CODEOWNERS:1:1: error: (berkas): belum memuat blok verifikator IID ({VERIFIER}, dari "
                            "iid.verifikator di content/katalog.yml); jalankan katalog build lalu commit .github/CODEOWNERS"]
    built = run_main(catalog, "build", "--site", str(catalog.root / "site"))
    assert built.code == 0, built.err
    assert codeowners(catalog).read_text("utf-8") == BLOCK
    assert check(catalog).code == 0


def test_block_is_updated_and_lines_outside_it_are_kept(catalog: Catalog) -> None:
    with_iid(catalog, verifikator=True)
    own = "# Pemilik kode\n* @contoh/pengelola\n"
    old = BLOCK.replace(VERIFIER, "@contoh/tim-lama")
    after = "/docs/ @contoh/penulis\n"
    codeowners(catalog).parent.mkdir()
    codeowners(catalog).write_text(own + "\n" + old + after, "utf-8")
    result = check(catalog)
    assert result.errors == [f".github/CODEOWNERS:4:1: error: (berkas): blok verifikator IID tidak sesuai dengan iid.verifikator "
                             f"({VERIFIER}) di content/katalog.yml, atau tidak di akhir berkas; jalankan katalog build lalu "
                             "commit .github/CODEOWNERS"]
    assert write_codeowners(load_content(catalog.content)) == codeowners(catalog)
    assert codeowners(catalog).read_text("utf-8") == own + "\n" + after + "\n" + BLOCK  # last: later rules win on GitHub
    assert write_codeowners(load_content(catalog.content)) is None  # unchanged: not written again
    assert check(catalog).code == 0


def test_without_a_verifier_the_block_goes_and_nothing_is_created(catalog: Catalog) -> None:
    with_iid(catalog)
    assert write_codeowners(load_content(catalog.content)) is None and not codeowners(catalog).exists()
    codeowners(catalog).parent.mkdir()
    codeowners(catalog).write_text("* @contoh/pengelola\n\n" + BLOCK, "utf-8")
    assert check(catalog).errors == [".github/CODEOWNERS:3:1: error: (berkas): masih memuat blok verifikator IID padahal "
                                     "iid.verifikator tidak diisi di content/katalog.yml; jalankan katalog build lalu commit "
                                     ".github/CODEOWNERS"]
    assert codeowners_text(codeowners(catalog).read_text("utf-8"), None) == "* @contoh/pengelola\n"


def test_the_repository_codeowners_is_current() -> None:
    path, now, wanted = expected_codeowners(load_content(ROOT / "content"))
    assert path == ROOT / ".github" / "CODEOWNERS" and now == wanted and BLOCK_START in (now or "")


# --- what a pull request changes in verified indicators -----------------------------------------


def git(catalog: Catalog, *args: str) -> str:
    env = dict(os.environ, GIT_AUTHOR_NAME="Uji", GIT_AUTHOR_EMAIL="uji@example.go.id", GIT_COMMITTER_NAME="Uji",
               GIT_COMMITTER_EMAIL="uji@example.go.id", GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1")
    return subprocess.run(["git", *args], cwd=catalog.root, env=env, check=True, capture_output=True, text=True).stdout


SECOND = "bursa-kerja"


@pytest.fixture
def repo(iid: Catalog) -> Catalog:
    """main: two innovations; regulasi and kemanfaatan of the first accepted, the second's regulasi returned; a branch."""
    second = VALID.replace("nama: Antrean Daring Kependudukan", "nama: Bursa Kerja Daring").replace(
        "ringkasan: Warga mengambil nomor antrean pelayanan Disdukcapil dari ponsel.",
        "ringkasan: Pencari kerja melamar lowongan perusahaan lokal tanpa datang ke kantor.")
    iid.innovation(SECOND, second + INDICATORS)
    shutil.copytree(iid.content / "media" / SLUG, iid.content / "media" / SECOND)
    assert verify(iid, "--status", "diterima", "--catatan", "Sesuai", *REVIEWER).code == 0
    assert run_main(iid, "verifikasi", SECOND, "--indikator", "regulasi", "--status", "dikembalikan", "--catatan", "SK belum ada",
                    *REVIEWER).code == 0
    git(iid, "init", "-q", "-b", "main")
    git(iid, "add", "-A")
    git(iid, "commit", "-q", "-m", "Verifikasi")
    git(iid, "checkout", "-q", "-b", "usulan")
    return iid


def changes(catalog: Catalog, *args: str) -> list[str]:
    result = check(catalog, "--dasar", "main", *args)
    assert result.code == 0, result.out + result.err
    return [line for line in result.lines if "sudah diverifikasi" in line]


#: What the reviewer sees when regulasi's value goes from 2 to 3 (CONTRIBUTING.md shows this very line).
REGULASI_CHANGED = (f"{INNOVATION}:54:3: warning: indikator.regulasi: indikator regulasi sudah diverifikasi (diterima oleh "
                    "@rina-bapperida, 2026-05-04) tetapi nilai berubah (2 → 3); verifikasi akan diulang")


def test_pr_check_lists_exactly_the_changed_verified_indicators(repo: Catalog) -> None:
    edit_innovation(repo, "nilai: 2", "nilai: 3")  # regulasi: verified, changed
    edit_innovation(repo, "keterangan: Laporan jumlah penerima manfaat", "keterangan: Laporan penerima manfaat 2025")
    second = repo.content / "inovasi" / f"{SECOND}.yml"
    second.write_text(second.read_text("utf-8").replace("nilai: 2", "nilai: 1"), "utf-8")  # returned, not verified
    git(repo, "commit", "-q", "-am", "Ubah nilai")
    assert changes(repo) == [REGULASI_CHANGED]
    assert f"```text\n{REGULASI_CHANGED}\n```" in (ROOT / "CONTRIBUTING.md").read_text("utf-8")


def test_pr_check_sees_one_byte_of_evidence_and_the_profile(repo: Catalog) -> None:
    path = repo.content / "media" / SLUG / "bukti" / "laporan-manfaat.pdf"
    path.write_bytes(path.read_bytes() + b"% revisi\n")
    edit_innovation(repo, "nama: Antrean Daring Kependudukan", "nama: Antrean Daring Dukcapil")
    assert changes(repo) == [  # uncommitted changes count too: the contributor sees it before committing
        f"{INNOVATION}:1:1: warning: nama: inovasi ini sudah diverifikasi (diterima oleh @rina-bapperida, 2026-05-04) tetapi "
        "nama berubah; verifikasi akan diulang",
        f"{INNOVATION}:61:3: warning: indikator.kemanfaatan: indikator kemanfaatan sudah diverifikasi (diterima oleh "
        "@rina-bapperida, 2026-05-04) tetapi bukti berubah (isi berkas 'laporan-manfaat.pdf' berubah); verifikasi akan "
        "diulang",
    ]


def test_pr_check_says_which_evidence_was_added_or_removed(repo: Catalog) -> None:
    repo.write(f"media/{SLUG}/bukti/perwako-baru.pdf", PDF + b"% baru\n")
    edit_innovation(repo, "      - url: https://jdih.example.go.id/perwako/12-2025\n        keterangan: Salinan di JDIH\n",
                    "      - berkas: perwako-baru.pdf\n        keterangan: Salinan baru\n")
    assert changes(repo) == [
        f"{INNOVATION}:54:3: warning: indikator.regulasi: indikator regulasi sudah diverifikasi (diterima oleh "
        "@rina-bapperida, 2026-05-04) tetapi bukti berubah (berkas 'perwako-baru.pdf' ditambahkan, tautan "
        "'https://jdih.example.go.id/perwako/12-2025' dihapus); verifikasi akan diulang",
    ]


def test_pr_check_is_quiet_when_the_change_is_verified_again_or_only_rewords(repo: Catalog) -> None:
    edit_innovation(repo, "keterangan: Salinan di JDIH", "keterangan: Salinan resmi di JDIH")
    assert changes(repo) == []
    edit_innovation(repo, "nilai: 2", "nilai: 3")
    assert len(changes(repo)) == 1
    assert verify(repo, "--indikator", "regulasi", "--status", "diterima", "--catatan", "Perda sesuai", *REVIEWER).code == 0
    assert changes(repo) == []


def test_pr_check_leaves_out_what_was_already_waiting_before_the_change(repo: Catalog) -> None:
    git(repo, "checkout", "-q", "main")
    edit_innovation(repo, "nilai: 2", "nilai: 1")  # on main: regulasi waits for verification again
    git(repo, "commit", "-q", "-am", "Nilai regulasi diubah di main")
    git(repo, "checkout", "-q", "-b", "usulan-lagi")
    edit_innovation(repo, "nilai: 1", "nilai: 3")  # stale before, stale after: not this change's doing
    assert changes(repo) == []


def test_pr_check_annotates_in_github_format(repo: Catalog) -> None:
    edit_innovation(repo, "nilai: 2", "nilai: 3")
    result = check(repo, "--dasar", "main", "--format", "github")
    assert (f"::warning file={INNOVATION},line=54,col=3,title=indikator.regulasi::indikator regulasi sudah diverifikasi "
            "(diterima oleh @rina-bapperida, 2026-05-04) tetapi nilai berubah (2 → 3); verifikasi akan diulang") in result.lines


def test_pr_job_summary_shows_the_warning(repo: Catalog) -> None:
    edit_innovation(repo, "nilai: 2", "nilai: 3")
    git(repo, "commit", "-q", "-am", "Ubah nilai")
    base = git(repo, "rev-parse", "main").strip()
    result = subprocess.run([sys.executable, str(ROOT / ".github" / "scripts" / "pr_summary.py"), "--base", base],
                            cwd=repo.root, capture_output=True, text=True, env=dict(os.environ, CHECK_OUTCOME="success"),
                            timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    assert REGULASI_CHANGED in result.stdout
