"""Problems name files relative to the content folder; only the front end names them from where it runs (issue 10).

A problem is the same value whatever the current folder: its file is ``inovasi/x.yml`` and a
message that names another file carries it the same way (``problems.in_content``). ``katalog
check`` then prints every file as its user would type it from the folder they are in.
"""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import pytest
from conftest import VALID, Catalog
from test_check_support import DISKOMINFO_WARNING, another, variant

from generator.cli import main
from generator.content import load_content
from generator.problems import in_content
from generator.rules import check_content

#: The same name as the fixture's innovation: each of the two files names the other.
TWIN = another("Antrean Daring Kependudukan")
BROKEN = variant("tahapan: uji_coba", "tahapan: ujicoba")


def _catalog(catalog: Catalog) -> Catalog:
    catalog.innovation("antrean-kembar", TWIN)
    catalog.innovation("rusak", another("Layanan Rusak", BROKEN))
    return catalog


def _check(*args: str) -> tuple[int, list[str]]:
    """``katalog check ARGS`` in this process, from the current folder: exit code and stdout lines."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["check", *args])
    return code, out.getvalue().splitlines()


def test_problems_are_the_same_values_from_any_folder(catalog: Catalog, monkeypatch: pytest.MonkeyPatch) -> None:
    _catalog(catalog)
    found = {}
    for here in (catalog.root, catalog.content / "inovasi", catalog.root.parent):
        monkeypatch.chdir(here)
        found[here] = check_content(load_content(catalog.content))
    first, *others = found.values()
    assert all(problems == first for problems in others)
    assert {(p.path, p.line, p.column, p.key) for p in first if p.severity == "error"} == {
        ("inovasi/antrean-daring.yml", 1, 7, "nama"),
        ("inovasi/antrean-kembar.yml", 1, 7, "nama"),
        ("inovasi/rusak.yml", 10, 10, "tahapan"),
    }
    twin = next(p for p in first if p.path == "inovasi/antrean-daring.yml" and p.key == "nama")
    unique = "setiap inovasi harus bernama unik"
    assert twin.message == f"nama inovasi sama dengan {in_content('inovasi/antrean-kembar.yml')}; {unique}"


#: The error lines, ``{c}`` standing for the content folder as typed followed by ``/`` (nothing for the current folder).
EXPECTED = [
    "{c}inovasi/antrean-daring.yml:1:7: error: nama: nama inovasi sama dengan {c}inovasi/antrean-kembar.yml; "
    "setiap inovasi harus bernama unik",
    "{c}inovasi/antrean-kembar.yml:1:7: error: nama: nama inovasi sama dengan {c}inovasi/antrean-daring.yml; "
    "setiap inovasi harus bernama unik",
    "{c}inovasi/rusak.yml:10:10: error: tahapan: 'ujicoba' bukan pilihan yang sah (inisiatif, uji_coba, penerapan); "
    "maksud Anda 'uji_coba'?",
]


@pytest.mark.parametrize(("where", "content", "shown"), [
    (".", "content", "content"),          # the project folder, as CONTRIBUTING.md shows it
    ("..", "proyek/content", "proyek/content"),
    ("content", ".", "."),                # the content folder itself: files as inovasi/x.yml
    ("/", "{absolute}", "{absolute}"),     # outside: the folder as given, whole
])
def test_check_names_files_as_typed_from_where_it_runs(catalog: Catalog, monkeypatch: pytest.MonkeyPatch, where: str,
                                                       content: str, shown: str) -> None:
    _catalog(catalog)
    monkeypatch.chdir((catalog.root / where).resolve())
    content = content.format(absolute=catalog.content)
    shown = shown.format(absolute=catalog.content)
    code, lines = _check("--content", content)
    assert code == 1
    prefix = "" if shown == "." else shown + "/"
    assert [line for line in lines if ": error: " in line] == [e.format(c=prefix) for e in EXPECTED]
    assert DISKOMINFO_WARNING.replace("content/", prefix) in lines


def test_json_and_annotations_name_files_as_the_text_does(catalog: Catalog, monkeypatch: pytest.MonkeyPatch) -> None:
    _catalog(catalog)
    monkeypatch.chdir(catalog.root.parent)
    _, out = _check("--content", "proyek/content", "--format", "json")
    problems = json.loads("\n".join(out))
    twin = next(p for p in problems if p["path"] == "proyek/content/inovasi/antrean-daring.yml" and p["key"] == "nama")
    assert twin["message"] == ("nama inovasi sama dengan proyek/content/inovasi/antrean-kembar.yml; "
                               "setiap inovasi harus bernama unik")
    _, lines = _check("--content", "proyek/content", "--format", "github")
    assert "::error file=proyek/content/inovasi/rusak.yml,line=10,col=10,title=tahapan::'ujicoba' bukan pilihan yang sah " \
           "(inisiatif, uji_coba, penerapan); maksud Anda 'uji_coba'?" in lines


def test_a_named_file_outside_the_content_folder_keeps_the_name_typed(catalog: Catalog, tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    draft = tmp_path / "draf" / "usulan.yml"
    draft.parent.mkdir()
    draft.write_text(VALID, encoding="utf-8")
    monkeypatch.chdir(catalog.root)
    _, lines = _check(str(draft))
    assert lines[0] == (f"{draft}:1:1: error: (berkas): berkas inovasi ini tidak akan diterbitkan karena berada di luar "
                        "content/inovasi/; pindahkan ke content/inovasi/usulan.yml")
