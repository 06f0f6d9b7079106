"""`katalog check FILE` judges a file by where it would be published.

The catalog reads content/katalog.yml, perangkat-daerah.yml, urusan.yml, the files
directly in content/inovasi/ and the pages in content/halaman/. A file named on the
command line anywhere else is never published: the check says so as an error, and
still checks the file's content as it would be checked in its place, so the
contributor sees every problem in one run.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from conftest import BIN, VALID, Catalog
from test_check_support import check, variant

#: The innovation with one error, at line 10 (tahapan).
BROKEN = variant("tahapan: uji_coba", "tahapan: ujicoba")
TAHAPAN = ":10:10: error: tahapan: 'ujicoba' bukan pilihan yang sah (inisiatif, uji_coba, penerapan); maksud Anda 'uji_coba'?"


def other_name(text: str) -> str:
    """The innovation under another name and summary (not a duplicate of the fixture's)."""
    return (text.replace("nama: Antrean Daring Kependudukan", "nama: Posyandu Keliling Kelurahan")
            .replace("ringkasan: Warga mengambil nomor antrean pelayanan Disdukcapil dari ponsel.",
                     "ringkasan: Kader posyandu mendatangi balita yang tidak hadir dan mencatat tumbuh kembangnya."))


def test_innovation_in_a_subfolder_of_inovasi_is_an_error_with_its_own_problems(catalog: Catalog) -> None:
    catalog.write("inovasi/draf/posyandu-keliling.yml", other_name(BROKEN))
    result = check(catalog, "content/inovasi/draf/posyandu-keliling.yml")
    assert result.code == 1
    assert result.lines == [
        "content/inovasi/draf/posyandu-keliling.yml:1:1: error: (berkas): berkas inovasi ini tidak akan diterbitkan karena "
        "berada di subfolder content/inovasi/draf/, bukan langsung di content/inovasi/; "
        "pindahkan ke content/inovasi/posyandu-keliling.yml",
        "content/inovasi/draf/posyandu-keliling.yml" + TAHAPAN,
    ]
    assert result.err.strip() == "2 kesalahan, 0 peringatan dalam 1 berkas."


def test_innovation_in_the_content_folder_itself_is_an_error_with_its_own_problems(catalog: Catalog) -> None:
    catalog.write("posyandu-keliling.yml", other_name(BROKEN))
    result = check(catalog, "content/posyandu-keliling.yml")
    assert result.code == 1
    assert result.lines == [
        "content/posyandu-keliling.yml:1:1: error: (berkas): berkas inovasi ini tidak akan diterbitkan karena "
        "berada di luar content/inovasi/; pindahkan ke content/inovasi/posyandu-keliling.yml",
        "content/posyandu-keliling.yml" + TAHAPAN,
    ]


def test_innovation_outside_content_is_shown_as_given_absolute_or_relative(catalog: Catalog, tmp_path: Path) -> None:
    downloads = tmp_path / "Unduhan"
    downloads.mkdir()
    (downloads / "posyandu-keliling.yml").write_text(other_name(BROKEN), encoding="utf-8")
    absolute = str(downloads / "posyandu-keliling.yml")
    for name in (absolute, "../Unduhan/posyandu-keliling.yml"):
        result = check(catalog, name)
        assert result.code == 1, name
        assert result.lines == [
            f"{name}:1:1: error: (berkas): berkas inovasi ini tidak akan diterbitkan karena berada di luar content/inovasi/; "
            "pindahkan ke content/inovasi/posyandu-keliling.yml",
            name + TAHAPAN,
        ]


def test_valid_innovation_in_the_wrong_place_is_still_an_error(catalog: Catalog) -> None:
    """The case of the issue: a file with no problem of its own said 'Semua 1 berkas sah.' and was never published."""
    catalog.write("posyandu-keliling.yml", other_name(VALID))
    result = check(catalog, "content/posyandu-keliling.yml")
    assert result.code == 1
    assert len(result.lines) == 1
    assert result.lines[0].startswith(
        "content/posyandu-keliling.yml:1:1: error: (berkas): berkas inovasi ini tidak akan diterbitkan")
    assert "sah." not in result.err


def test_messages_name_the_content_folder_given_with_content(catalog: Catalog) -> None:
    catalog.content.rename(catalog.root / "data-daerah")
    (catalog.root / "data-daerah" / "lain").mkdir()
    (catalog.root / "data-daerah" / "lain" / "bank-sampah.yaml").write_text(other_name(VALID), encoding="utf-8")
    result = check(catalog, "--content", "data-daerah", "data-daerah/lain/bank-sampah.yaml")
    assert result.code == 1
    assert result.errors[0] == (
        "data-daerah/lain/bank-sampah.yaml:1:1: error: (berkas): berkas inovasi ini tidak akan diterbitkan karena "
        "berada di luar data-daerah/inovasi/; pindahkan ke data-daerah/inovasi/bank-sampah.yml")
    # Checked as it will be checked once moved: the .yaml name is one of its problems.
    assert any("nama berkas harus berakhiran .yml" in line for line in result.errors)


def test_checked_as_if_moved_an_innovation_of_the_same_name_is_replaced_not_duplicated(catalog: Catalog, tmp_path: Path) -> None:
    """A copy of content/inovasi/antrean-daring.yml edited elsewhere is not 'the same name as itself'."""
    draft = tmp_path / "antrean-daring.yml"
    draft.write_text(BROKEN, encoding="utf-8")
    result = check(catalog, str(draft))
    assert result.code == 1
    assert [line for line in result.lines if "nama inovasi sama" in line] == []
    assert result.lines[1] == str(draft) + TAHAPAN


def test_hidden_file_in_inovasi_is_never_published(catalog: Catalog) -> None:
    catalog.write("inovasi/.posyandu-keliling.yml", other_name(VALID))
    result = check(catalog, "content/inovasi/.posyandu-keliling.yml")
    assert result.code == 1
    assert result.errors[0] == (
        "content/inovasi/.posyandu-keliling.yml:1:1: error: (berkas): berkas inovasi ini tidak akan diterbitkan karena "
        "namanya diawali titik (berkas tersembunyi diabaikan); ganti nama menjadi content/inovasi/posyandu-keliling.yml")


def test_registry_outside_content_is_checked_as_that_registry(catalog: Catalog, tmp_path: Path) -> None:
    units = tmp_path / "perangkat-daerah.yml"
    units.write_text("- id: disdukcapil\n  nama: Dinas Kependudukan\n  jenis: dinass\n", encoding="utf-8")
    result = check(catalog, str(units))
    assert result.code == 1
    assert result.errors[0] == (
        f"{units}:1:1: error: (berkas): berkas perangkat-daerah.yml ini tidak dibaca karena berada di luar content/; "
        "katalog hanya membaca content/perangkat-daerah.yml: pindahkan ke sana")
    assert any(line.startswith(f"{units}:3:10: error: [0].jenis: 'dinass'") for line in result.errors), result.lines


def test_page_outside_halaman_is_an_error(catalog: Catalog) -> None:
    catalog.write("tentang-kami.md", "# Tentang kami\n\nIsi.\n")
    result = check(catalog, "content/tentang-kami.md")
    assert result.code == 1
    assert result.lines == [
        "content/tentang-kami.md:1:1: error: (berkas): halaman ini tidak akan diterbitkan karena berada di luar "
        "content/halaman/; pindahkan ke content/halaman/tentang-kami.md"]


def test_other_file_outside_is_an_error(catalog: Catalog, tmp_path: Path) -> None:
    note = tmp_path / "catatan.txt"
    note.write_text("bukan inovasi\n", encoding="utf-8")
    result = check(catalog, str(note))
    assert result.code == 1
    assert len(result.lines) == 1
    assert result.lines[0].startswith(f"{note}:1:1: error: (berkas): berkas ini tidak dibaca katalog dan tidak akan diterbitkan")


def test_media_file_points_at_its_innovation(catalog: Catalog) -> None:
    catalog.write("media/antrean-daring/layar.png", b"\x89PNG\r\n\x1a\n")
    result = check(catalog, "content/media/antrean-daring/layar.png")
    assert result.code == 1
    assert result.lines[0].endswith("jalankan katalog check content/inovasi/antrean-daring.yml")


def test_file_in_place_is_judged_as_before(catalog: Catalog) -> None:
    catalog.write("inovasi/bank-sampah.yml", other_name(BROKEN))
    result = check(catalog, "content/inovasi/bank-sampah.yml", "content/halaman/tentang.md", "content/urusan.yml")
    assert result.code == 1
    assert result.lines == ["content/inovasi/bank-sampah.yml" + TAHAPAN]


def test_symlink_named_in_inovasi_is_judged_by_the_loader_not_followed(catalog: Catalog, tmp_path: Path) -> None:
    """The link's own place counts, not its target's: the loader refuses the link."""
    outside = tmp_path / "luar.yml"
    outside.write_text(other_name(VALID), encoding="utf-8")
    (catalog.content / "inovasi" / "posyandu-keliling.yml").symlink_to(outside)
    result = check(catalog, "content/inovasi/posyandu-keliling.yml")
    assert result.code == 1
    assert len(result.errors) == 1 and "tautan simbolik" in result.errors[0], result.lines


def test_mixed_run_sorted_and_in_every_format(catalog: Catalog) -> None:
    catalog.write("zz-salah-tempat.yml", other_name(BROKEN))
    catalog.innovation("antrean-daring", BROKEN)
    files = ("content/zz-salah-tempat.yml", "content/inovasi/antrean-daring.yml")
    text = check(catalog, *files)
    assert text.code == 1
    assert [line.split(":")[0] for line in text.lines] == [
        "content/inovasi/antrean-daring.yml", "content/zz-salah-tempat.yml", "content/zz-salah-tempat.yml"]
    problems = json.loads(check(catalog, "--format", "json", *files).out)
    assert [(p["path"], p["line"]) for p in problems] == [
        ("content/inovasi/antrean-daring.yml", 10), ("content/zz-salah-tempat.yml", 1), ("content/zz-salah-tempat.yml", 10)]
    github = check(catalog, "--format", "github", *files)
    assert "::error file=content/zz-salah-tempat.yml,line=1,col=1,title=(berkas)::berkas inovasi ini" in github.out


def test_installed_command_reports_a_file_outside_content(catalog: Catalog, tmp_path: Path) -> None:
    draft = tmp_path / "posyandu-keliling.yml"
    draft.write_text(other_name(BROKEN), encoding="utf-8")
    result = subprocess.run([str(BIN / "katalog"), "check", str(draft)], cwd=catalog.root, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 1
    assert result.stdout.splitlines()[0].startswith(f"{draft}:1:1: error: (berkas): berkas inovasi ini tidak akan diterbitkan")
    assert result.stderr == "2 kesalahan, 0 peringatan dalam 1 berkas.\n"


def test_whole_check_never_reads_a_file_in_a_subfolder(catalog: Catalog) -> None:
    """The folder is reported; the innovation in it is not read (its own error is not shown)."""
    catalog.write("inovasi/arsip/posyandu-keliling.yml", other_name(BROKEN))
    result = check(catalog)
    assert result.code == 1
    assert [line for line in result.errors if "content/inovasi/arsip" in line] == [
        line for line in result.errors if line.startswith("content/inovasi/arsip:1:1: error: (berkas): ")]


def test_whole_check_reports_an_innovation_left_in_the_content_folder(catalog: Catalog) -> None:
    catalog.write("posyandu-keliling.yml", other_name(VALID))
    result = check(catalog)
    assert any(line.startswith("content/posyandu-keliling.yml:1:1: error: ") for line in result.errors), result.lines


def test_whole_check_reports_innovation_files_left_in_media_or_hidden_in_inovasi(catalog: Catalog) -> None:
    """Found in the contributor walk: an innovation uploaded with the pictures (content/media/, or a page's folder
    there, or its evidence folder) or saved as a hidden file vanished from the site while the check CI runs said
    nothing. The whole check now names each, as the check of that one file does."""
    text = other_name(VALID)
    catalog.write("media/posyandu-keliling.yml", text)
    catalog.write("media/antrean-daring/posyandu-keliling.yaml", text)
    catalog.write("media/antrean-daring/bukti/posyandu-keliling.yml", text)
    catalog.write("inovasi/.posyandu-keliling.yml", text)
    catalog.write("media/antrean-daring/catatan.txt", "bukan inovasi\n")  # not an innovation file: not its business
    result = check(catalog)
    outside = ("error: (berkas): berkas inovasi ini tidak akan diterbitkan karena berada di luar content/inovasi/; "
               "pindahkan ke content/inovasi/posyandu-keliling.yml")
    assert [line for line in result.lines if "posyandu-keliling." in line.split(":", 1)[0]] == [
        "content/inovasi/.posyandu-keliling.yml:1:1: error: (berkas): berkas inovasi ini tidak akan diterbitkan karena "
        "namanya diawali titik (berkas tersembunyi diabaikan); ganti nama menjadi content/inovasi/posyandu-keliling.yml",
        f"content/media/antrean-daring/bukti/posyandu-keliling.yml:1:1: {outside}",
        f"content/media/antrean-daring/posyandu-keliling.yaml:1:1: {outside}",
        f"content/media/posyandu-keliling.yml:1:1: {outside}",
    ]
    assert result.code == 1


def test_an_innovation_saved_among_the_pages_is_told_where_it_belongs(catalog: Catalog) -> None:
    catalog.write("halaman/posyandu-keliling.yml", other_name(VALID))
    assert [line for line in check(catalog).lines if "halaman/posyandu" in line] == [
        "content/halaman/posyandu-keliling.yml:1:1: error: (berkas): berkas 'posyandu-keliling.yml' tidak diizinkan di "
        "halaman/: hanya halaman .md dan gambar .png, .jpg, .jpeg, .webp, .gif; berkas inovasi dipindahkan ke "
        "inovasi/posyandu-keliling.yml"]
