"""`katalog check --dasar REV`: `contoh: true` in a file a pull request adds, in a real Git repository.

The other reviewer warnings (generator/review.py) are corpus cases: tests/corpus/cases-review.toml.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from conftest import VALID, Catalog
from test_check_support import check, variant

WARNING = "warning: contoh: berkas baru ditandai contoh: true; data contoh tidak dihitung dan diberi lencana 'Contoh'"
#: A second valid innovation (its own name and summary, so no similarity warning) marked as sample data.
NEW_SAMPLE = variant("nama: Antrean Daring Kependudukan", "nama: Layanan Akta Kelahiran Keliling").replace(
    "ringkasan: Warga mengambil nomor antrean pelayanan Disdukcapil dari ponsel.",
    "ringkasan: Petugas mendatangi kelurahan untuk menerbitkan akta kelahiran di tempat.",
) + "contoh: true\n"
#: VALID has 52 lines: the appended 'contoh: true' is line 53, its value at column 9.
NEW_SAMPLE_LINE = f"content/inovasi/akta-keliling.yml:53:9: {WARNING}"


def git(catalog: Catalog, *args: str) -> str:
    env = dict(os.environ, GIT_AUTHOR_NAME="Uji", GIT_AUTHOR_EMAIL="uji@example.go.id", GIT_COMMITTER_NAME="Uji",
               GIT_COMMITTER_EMAIL="uji@example.go.id", GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1")
    return subprocess.run(["git", *args], cwd=catalog.root, env=env, check=True, capture_output=True, text=True).stdout


@pytest.fixture
def repo(catalog: Catalog) -> Catalog:
    """The test catalog as a Git repository.

    Its files are committed on main (the fixture innovation a sample), and a branch is checked out.
    """
    catalog.innovation("antrean-daring", VALID + "contoh: true\n")
    git(catalog, "init", "-q", "-b", "main")
    git(catalog, "add", "-A")
    git(catalog, "commit", "-q", "-m", "Katalog awal")
    git(catalog, "checkout", "-q", "-b", "usulan")
    return catalog


def commit(catalog: Catalog, message: str = "Usulan") -> None:
    git(catalog, "add", "-A")
    git(catalog, "commit", "-q", "-m", message)


def test_file_added_by_the_branch_with_contoh_true_is_warned_at_its_line(repo: Catalog) -> None:
    repo.innovation("akta-keliling", NEW_SAMPLE)
    commit(repo)
    result = check(repo, "--dasar", "main")
    assert result.code == 0, result.out
    assert NEW_SAMPLE_LINE + " — hapus baris ini bila inovasi ini sungguhan" in result.lines
    assert [line for line in result.lines if "contoh:" in line] == [NEW_SAMPLE_LINE + " — hapus baris ini bila inovasi ini "
                                                                                      "sungguhan"]


def test_strict_makes_the_warning_fail(repo: Catalog) -> None:
    repo.innovation("akta-keliling", NEW_SAMPLE)
    commit(repo)
    assert check(repo, "--dasar", "main", "--strict").code == 1


def test_existing_sample_files_and_checks_without_dasar_are_not_warned(repo: Catalog) -> None:
    repo.innovation("antrean-daring", VALID + "tag: [antrean]\ncontoh: true\n")  # changed, not added
    repo.innovation("akta-keliling", NEW_SAMPLE)
    commit(repo)
    with_base = check(repo, "--dasar", "main")
    assert not any(line.startswith("content/inovasi/antrean-daring.yml") and "contoh" in line for line in with_base.lines)
    without = check(repo)
    assert without.code == 0 and not any("berkas baru" in line for line in without.lines), without.out


def test_new_file_without_contoh_is_not_warned(repo: Catalog) -> None:
    repo.innovation("akta-keliling", NEW_SAMPLE.replace("contoh: true\n", ""))
    commit(repo)
    result = check(repo, "--dasar", "main")
    assert result.code == 0 and not any("berkas baru" in line for line in result.lines), result.out


@pytest.mark.parametrize("state", ["untracked", "staged"])
def test_files_not_committed_yet_count_as_added(repo: Catalog, state: str) -> None:
    """A contributor checking before the commit sees what CI will say."""
    repo.innovation("akta-keliling", NEW_SAMPLE)
    if state == "staged":
        git(repo, "add", "content/inovasi/akta-keliling.yml")
    assert NEW_SAMPLE_LINE in "\n".join(check(repo, "--dasar", "main").lines)


def test_ignored_files_do_not_count(repo: Catalog) -> None:
    (repo.root / ".gitignore").write_text("content/inovasi/akta-keliling.yml\n", encoding="utf-8")
    repo.innovation("akta-keliling", NEW_SAMPLE)
    assert not any("berkas baru" in line for line in check(repo, "--dasar", "main").lines)


def test_renamed_sample_counts_as_a_new_file(repo: Catalog) -> None:
    git(repo, "mv", "content/inovasi/antrean-daring.yml", "content/inovasi/antrean-daring-baru.yml")
    commit(repo)
    result = check(repo, "--dasar", "main")
    assert f"content/inovasi/antrean-daring-baru.yml:53:9: {WARNING}" in result.out


def test_base_is_the_merge_base_not_the_base_branch_today(repo: Catalog) -> None:
    """A file the base branch deleted after the branch started is not something the branch adds."""
    repo.innovation("akta-keliling", NEW_SAMPLE)
    commit(repo)
    git(repo, "checkout", "-q", "main")
    git(repo, "rm", "-q", "content/inovasi/antrean-daring.yml")
    commit(repo, "Hapus contoh")
    git(repo, "checkout", "-q", "usulan")
    lines = check(repo, "--dasar", "main").lines
    assert [line for line in lines if "berkas baru" in line] == [NEW_SAMPLE_LINE + " — hapus baris ini bila inovasi ini "
                                                                                   "sungguhan"]


def test_named_file_is_checked_with_dasar(repo: Catalog) -> None:
    repo.innovation("akta-keliling", NEW_SAMPLE)
    commit(repo)
    result = check(repo, "content/inovasi/akta-keliling.yml", "--dasar", "main")
    assert NEW_SAMPLE_LINE + " — hapus baris ini bila inovasi ini sungguhan" in result.lines


def test_json_output_carries_the_warning(repo: Catalog) -> None:
    import json

    repo.innovation("akta-keliling", NEW_SAMPLE)
    commit(repo)
    found = [p for p in json.loads(check(repo, "--dasar", "main", "--format", "json").out) if p["key"] == "contoh"]
    assert found == [{"path": "content/inovasi/akta-keliling.yml", "line": 53, "column": 9, "severity": "warning",
                      "key": "contoh", "message": found[0]["message"]}]


@pytest.mark.parametrize(("rev", "said"), [
    ("cabang-tidak-ada", "rujukan Git 'cabang-tidak-ada' tidak dikenal"),
    ("--output=/tmp/x", "rujukan Git '--output=/tmp/x' tidak sah"),
    ("", "rujukan Git '' tidak sah"),
])
def test_unknown_or_unsafe_revision_exits_2_in_indonesian(repo: Catalog, rev: str, said: str) -> None:
    result = check(repo, f"--dasar={rev}")
    assert result.code == 2
    assert result.out == ""
    assert result.err.startswith("katalog: --dasar: ") and said in result.err, result.err


def test_unrelated_history_exits_2(repo: Catalog) -> None:
    git(repo, "checkout", "-q", "--orphan", "lain")
    commit(repo, "Riwayat lain")
    result = check(repo, "--dasar", "main")
    assert result.code == 2 and "tidak dapat dibaca dari Git" in result.err and "fetch-depth: 0" in result.err, result.err


def test_content_outside_a_repository_exits_2(catalog: Catalog) -> None:
    result = check(catalog, "--dasar", "main")
    assert result.code == 2
    assert "tidak berada di repositori Git" in result.err and "Traceback" not in result.err


def test_missing_git_exits_2(repo: Catalog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    empty = tmp_path / "tanpa-git"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    result = check(repo, "--dasar", "main")
    assert result.code == 2
    assert result.err.strip() == "katalog: --dasar: git tidak ditemukan; pasang Git, atau jalankan katalog check tanpa --dasar"


def test_installed_command_with_dasar(repo: Catalog) -> None:
    """The real process: the warning line on stdout, the summary alone on stderr."""
    repo.innovation("akta-keliling", NEW_SAMPLE)
    commit(repo)
    result = repo.run("check", "--dasar", "main")
    assert result.returncode == 0, result.stderr
    assert NEW_SAMPLE_LINE + " — hapus baris ini bila inovasi ini sungguhan" in result.stdout.splitlines()
    assert len(result.stderr.strip().splitlines()) == 1


def test_help_describes_dasar_in_indonesian(capsys: pytest.CaptureFixture[str]) -> None:
    from generator.cli import main

    with pytest.raises(SystemExit):
        main(["check", "--help"])
    assert "berkas yang ditambahkan sejak rujukan itu diperiksa sebagai usulan baru" in " ".join(capsys.readouterr().out.split())
