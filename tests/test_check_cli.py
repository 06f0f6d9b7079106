"""`katalog check` as a command: exit codes, options, FILE arguments, and end-to-end runs of the installed command."""

from __future__ import annotations

import subprocess

import pytest
from conftest import BIN, ROOT, UNITS, VALID
from test_check_support import DISKOMINFO_WARNING, INNOVATION, UNITS_FILE, another, check, edit, variant

ENUM_ERROR = (
    f"{INNOVATION}:10:10: error: tahapan: 'ujicoba' bukan pilihan yang sah (inisiatif, uji_coba, penerapan); maksud Anda "
    "'uji_coba'?"
)


# --- exit codes -----------------------------------------------------------------------------

def test_valid_catalog_with_warnings_exits_zero(catalog):
    result = check(catalog)
    assert result.code == 0
    assert result.lines == [DISKOMINFO_WARNING]


def test_errors_exit_one(catalog):
    catalog.innovation("antrean-daring", variant("tahapan: uji_coba", "tahapan: ujicoba"))
    result = check(catalog)
    assert result.code == 1
    assert ENUM_ERROR in result.errors


def test_strict_turns_warnings_into_exit_one(catalog):
    result = check(catalog, "--strict")
    assert result.code == 1
    assert result.lines == [DISKOMINFO_WARNING]


def test_strict_without_warnings_exits_zero(catalog):
    catalog.write("perangkat-daerah.yml", edit(UNITS, "  singkatan: Diskominfo\n", "  singkatan: Diskominfo\n  wajib_target: "
                                                                                   "false\n"))
    assert check(catalog, "--strict").code == 0


def test_missing_content_folder_exits_two(catalog):
    result = check(catalog, "--content", "tidak-ada")
    assert result.code == 2
    assert result.out == ""
    assert result.err.strip() == "katalog: folder konten 'tidak-ada' tidak ditemukan"


def test_content_path_that_is_a_file_exits_two(catalog):
    assert check(catalog, "--content", "content/katalog.yml").code == 2


def test_nonexistent_file_argument_exits_two(catalog):
    result = check(catalog, "content/inovasi/tidak-ada.yml")
    assert result.code == 2
    assert result.err.strip() == "katalog: berkas 'content/inovasi/tidak-ada.yml' tidak ditemukan"


@pytest.mark.parametrize("args", [["--format", "xml"], ["--tidak-ada"]], ids=["unknown-format", "unknown-option"])
def test_bad_usage_exits_two(catalog, args):
    result = check(catalog, *args)
    assert result.code == 2
    assert "cara pakai:" in result.err and "kesalahan:" in result.err  # argparse, in Indonesian


# --- --content ------------------------------------------------------------------------------

def test_content_option_reads_another_folder_and_shows_its_paths(catalog):
    catalog.content.rename(catalog.root / "data-daerah")
    (catalog.root / "data-daerah" / "inovasi" / "antrean-daring.yml").write_text(
        variant("tahapan: uji_coba", "tahapan: ujicoba"), encoding="utf-8")
    result = check(catalog, "--content", "data-daerah")
    assert result.code == 1
    assert result.lines == [
        ENUM_ERROR.replace("content/", "data-daerah/"),
        DISKOMINFO_WARNING.replace("content/", "data-daerah/"),
    ]


def test_content_option_with_absolute_path_shows_paths_relative_to_cwd(catalog):
    result = check(catalog, "--content", str(catalog.content))
    assert result.lines == [DISKOMINFO_WARNING]


# --- FILE arguments -------------------------------------------------------------------------

def test_file_argument_reports_only_that_file(catalog):
    catalog.innovation("antrean-daring", variant("tahapan: uji_coba", "tahapan: ujicoba"))
    catalog.innovation("bank-sampah", edit(another("Bank Sampah Kelurahan"), "jenis: digital", "jenis: digitl"))
    result = check(catalog, "content/inovasi/bank-sampah.yml")
    assert result.code == 1
    assert result.lines == [
        "content/inovasi/bank-sampah.yml:9:8: error: jenis: 'digitl' bukan pilihan yang sah (digital, non_digital); maksud Anda "
        "'digital'?"
    ]


def test_valid_file_argument_passes_although_another_file_is_broken(catalog):
    catalog.innovation("bank-sampah", "nama: [tidak ditutup\n")
    result = check(catalog, INNOVATION)
    assert (result.code, result.lines) == (0, [])
    assert result.err.strip() == "Tidak ada kesalahan maupun peringatan dalam 1 berkas."


def test_file_argument_spelled_with_dot_slash_is_recognised(catalog):
    catalog.innovation("antrean-daring", variant("tahapan: uji_coba", "tahapan: ujicoba"))
    assert check(catalog, "./" + INNOVATION).lines == [ENUM_ERROR]


def test_file_argument_still_reports_errors_in_the_registries_it_relies_on(catalog):
    catalog.write("perangkat-daerah.yml", UNITS + "- id: disdukcapil\n  nama: Dinas Lain\n  jenis: dinas\n")
    result = check(catalog, INNOVATION)
    assert result.code == 1
    assert result.lines == [f"{UNITS_FILE}:13:7: error: [3].id: id 'disdukcapil' sudah dipakai butir lain; setiap id harus unik"]


def test_file_argument_reports_references_to_unknown_units(catalog):
    catalog.innovation("antrean-daring", variant("perangkat_daerah: disdukcapil", "perangkat_daerah: disdukcapl"))
    assert check(catalog, INNOVATION).errors == [
        (f"{INNOVATION}:3:19: error: perangkat_daerah: perangkat daerah 'disdukcapl' tidak ada di perangkat-daerah.yml; "
        "maksud Anda 'disdukcapil'?")
    ]


def test_file_argument_reports_a_name_shared_with_another_file(catalog):
    # A contributor adds antrean-baru.yml with the name of the existing antrean-daring.yml and checks only their file.
    catalog.innovation("antrean-baru", VALID)
    result = check(catalog, "content/inovasi/antrean-baru.yml")
    assert result.code == 1
    assert any("nama inovasi sama dengan" in line for line in result.errors)


# --- end to end: the installed command ------------------------------------------------------

def test_installed_command_exits_zero_on_the_fixture_catalog(catalog):
    result = catalog.run("check")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [DISKOMINFO_WARNING]


def test_installed_command_reports_the_contract_example(catalog):
    catalog.innovation("antrean-daring", variant("tahapan: uji_coba", "tahapan: ujicoba"))
    result = catalog.run("check")
    assert result.returncode == 1
    assert ENUM_ERROR in result.stdout.splitlines()


def test_installed_command_reports_broken_yaml_without_traceback(catalog):
    catalog.innovation("antrean-daring", variant("  jenis: perangkat_daerah", "\tjenis: perangkat_daerah"))
    result = catalog.run("check")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stdout.splitlines()[0] == (
        f"{INNOVATION}:6:1: error: (berkas): YAML tidak sah: karakter tab tidak boleh dipakai; gunakan spasi untuk indentasi"
    )


def test_installed_command_exits_two_without_content_folder(catalog):
    result = catalog.run("check", "--content", "tidak-ada")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "tidak ditemukan" in result.stderr


def test_installed_command_prints_github_annotations(catalog):
    catalog.innovation("antrean-daring", variant("tahapan: uji_coba", "tahapan: ujicoba"))
    result = catalog.run("check", "--format", "github")
    assert result.returncode == 1
    assert result.stdout.splitlines()[:2] == [
        f"::error file={INNOVATION},line=10,col=10,title=tahapan::" + ENUM_ERROR.split(": tahapan: ", 1)[1],
        ENUM_ERROR,
    ]


def test_shipped_content_has_no_errors():
    result = subprocess.run(
        [str(BIN / "katalog"), "check", "--content", str(ROOT / "content")],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert not [line for line in result.stdout.splitlines() if ": error: " in line]
    assert all(line.startswith("content/") for line in result.stdout.splitlines())
