"""What is kept between runs in the user's cache folder (generator/cache.py, generator/template_cache.py).

* ``katalog check`` reuses a result only while everything it read is unchanged; a damaged entry is recomputed;
  ``KATALOG_CACHE=0`` turns caching off.
* Compiled templates are reused only for the same source and the same environment settings; a damaged entry or an
  unwritable folder only costs compiling again; a build from the cache is the build without it.
"""

from __future__ import annotations

import json
import os
import pickle
from pathlib import Path

import pytest
from conftest import Catalog
from jinja2 import Environment, FileSystemLoader
from jinja2.bccache import bc_magic
from test_site_support import tree_digest

from generator import cache as cache_module
from generator.cache import check_folder
from generator.problems import Problem
from generator.template_cache import template_cache


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("KATALOG_CACHE", str(folder))
    return folder


def counting_check() -> tuple[list[int], object]:
    calls: list[int] = []

    def check(content: object) -> list[Problem]:
        calls.append(1)
        return [Problem("inovasi/antrean-daring.yml", 2, 3, "warning", "nama", "contoh")]

    return calls, check


def test_a_check_result_is_reused_only_while_the_content_is_unchanged(catalog: Catalog, cache: Path) -> None:
    calls, check = counting_check()
    first = check_folder(catalog.content, check)
    again = check_folder(catalog.content, check)
    assert len(calls) == 1 and again.problems == first.problems and again.count == first.count == 5
    catalog.innovation("antrean-daring", (catalog.content / "inovasi" / "antrean-daring.yml").read_text() + "\n")
    check_folder(catalog.content, check)
    assert len(calls) == 2
    check_folder(catalog.content, check, options={"semua": True})
    assert len(calls) == 3


def test_a_damaged_result_is_recomputed_and_caching_can_be_turned_off(catalog: Catalog, cache: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    calls, check = counting_check()
    first = check_folder(catalog.content, check)
    entries = list(cache.glob("periksa-*.json"))
    assert len(entries) == 1
    entries[0].write_text('{"kunci": "', encoding="utf-8")
    assert check_folder(catalog.content, check).problems == first.problems and len(calls) == 2
    monkeypatch.setenv("KATALOG_CACHE", "0")
    check_folder(catalog.content, check)
    check_folder(catalog.content, check)
    assert len(calls) == 4


def test_a_file_rewritten_in_place_with_its_old_time_put_back_is_checked_again(catalog: Catalog, cache: Path,
                                                                                 remembered: None) -> None:
    """Same size, same modification time, same inode (``cp -p`` over the checkout, ``rsync --inplace -t``, an archive
    unpacked over it): only the inode's change time tells, so the cache compares it and the check runs again.
    (Found by the attacker walk: without it a stale pass let a refused value through.)"""
    from generator.rules import check_content

    def errors() -> list[str]:
        return [p.path for p in check_folder(catalog.content, check_content).problems if p.severity == "error"]

    assert errors() == []
    path = catalog.content / "inovasi" / "antrean-daring.yml"
    text = path.read_text(encoding="utf-8")
    assert "tahapan: uji_coba\n" in text
    before = path.stat()
    with path.open("r+", encoding="utf-8") as f:  # in place: the same inode
        f.write(text.replace("tahapan: uji_coba\n", "tahapan: xxxxxxxx\n"))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns, after.st_ino) == (before.st_size, before.st_mtime_ns, before.st_ino)
    assert errors() == ["inovasi/antrean-daring.yml"]  # a stale pass would have given []


@pytest.fixture
def remembered(monkeypatch: pytest.MonkeyPatch) -> None:
    """The cache remembers the hash of a file changed just now too (it normally waits two seconds: a change within
    the same time stamp would go unseen), so that a test need not wait."""
    monkeypatch.setattr(cache_module, "_RACY_NS", -10**12)


def test_a_damaged_or_older_list_of_hashed_files_is_dropped(catalog: Catalog, cache: Path, remembered: None) -> None:
    calls, check = counting_check()
    first = check_folder(catalog.content, check)
    [seen] = cache.glob("berkas-*.json")
    entries = json.loads(seen.read_text(encoding="utf-8"))
    name = next(iter(entries))
    size, mtime, ctime, inode, _ = entries[name]
    for damaged in ([size, mtime, ctime, inode, "zz"], [size, mtime, ctime, "1", "ab" * 32], [size, mtime, inode, "ab" * 32],
                    "x"):
        seen.write_text(json.dumps({**entries, name: damaged}), encoding="utf-8")
        assert check_folder(catalog.content, check).problems == first.problems  # no error: the file is read again
    assert len(calls) == 1
    # Nested deeper than Python's recursion limit (found by an attacker walk: the check and the build stopped)
    for stored in (seen, *cache.glob("periksa-*.json")):
        stored.write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    assert check_folder(catalog.content, check).problems == first.problems and len(calls) == 2


def test_an_evidence_file_rewritten_in_place_during_a_build_is_found_by_the_next_check(
        catalog: Catalog, cache: Path, remembered: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """A build publishes the IID evidence as hard links, which move the files' inode change time, so the check after
    it reads the evidence again. Taking those change times for the build's own doing (tried: an attacker walk showed it)
    let a file rewritten in place during or around the build, its old modification time put back, keep its stale hash:
    the indicator stayed verified and the file unchecked."""
    from test_verification import SLUG, with_iid

    from generator import plugin
    from generator.rules import check_content

    with_iid(catalog)
    evidence = catalog.content / "media" / SLUG / "bukti" / "perwako-12-2025.pdf"
    assert [p for p in check_folder(catalog.content, check_content).problems if p.severity == "error"] == []
    published = plugin.KatalogPlugin.on_post_build

    def rewritten_meanwhile(self: plugin.KatalogPlugin, *, config: object) -> None:
        published(self, config=config)
        before = evidence.stat()
        with evidence.open("r+b") as f:  # in place, the same size: no longer a PDF
            f.write(b"MZ\x90\x00")
        os.utime(evidence, ns=(before.st_atime_ns, before.st_mtime_ns))

    monkeypatch.setattr(plugin.KatalogPlugin, "on_post_build", rewritten_meanwhile)
    assert catalog.run_here("build").returncode == 0
    assert evidence.stat().st_nlink == 2  # the content file and the site's link to it
    errors = [p for p in check_folder(catalog.content, check_content).problems if p.severity == "error"]
    assert [p.path for p in errors] == [f"inovasi/{SLUG}.yml"]


def _env(folder: Path, **settings: object) -> Environment:
    env = Environment(loader=FileSystemLoader(folder), **settings)  # type: ignore[arg-type]
    env.bytecode_cache = template_cache(env)
    return env


def test_a_compiled_template_is_reused_until_its_source_changes(tmp_path: Path, cache: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "t.html").write_text("{% if x %}ya{% endif %}\n", encoding="utf-8")
    assert _env(tmp_path).get_template("t.html").render(x=1) == "ya"
    assert len(list(cache.glob("templat/*/__jinja2_*.cache"))) == 1

    def no_compiling(*args: object, **kwargs: object) -> None:
        raise AssertionError("compiled again")

    with monkeypatch.context() as patch:
        patch.setattr(Environment, "compile", no_compiling)
        assert _env(tmp_path).get_template("t.html").render(x=1) == "ya"  # from the cache
    (tmp_path / "t.html").write_text("{% if x %}baru{% endif %}\n", encoding="utf-8")
    assert _env(tmp_path).get_template("t.html").render(x=1) == "baru"


def test_environments_with_other_settings_do_not_share_compiled_templates(tmp_path: Path, cache: Path) -> None:
    (tmp_path / "t.html").write_text("{% if x %}\nya\n{% endif %}\n", encoding="utf-8")
    assert _env(tmp_path).get_template("t.html").render(x=1) == "\nya\n"
    assert _env(tmp_path, trim_blocks=True).get_template("t.html").render(x=1) == "ya\n"
    assert _env(tmp_path, autoescape=True).get_template("t.html").render(x=1) == "\nya\n"
    assert len(list(cache.glob("templat/*"))) == 3


def test_a_damaged_entry_or_an_unwritable_cache_only_costs_compiling(tmp_path: Path, cache: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "t.html").write_text("{{ x }}!", encoding="utf-8")
    _env(tmp_path).get_template("t.html")
    for damage in (b"", b"\xff" * 9, bc_magic + b"\xff" * 9, bc_magic + pickle.dumps("sha1") + b"\xff"):
        for entry in cache.glob("templat/*/__jinja2_*.cache"):
            entry.write_bytes(damage)
        assert _env(tmp_path).get_template("t.html").render(x=1) == "1!"
    not_a_folder = tmp_path / "berkas"
    not_a_folder.write_text("", encoding="utf-8")
    monkeypatch.setenv("KATALOG_CACHE", str(not_a_folder))
    assert template_cache(Environment()) is None
    read_only = tmp_path / "hanya-baca"
    (read_only / "templat").mkdir(parents=True)
    monkeypatch.setenv("KATALOG_CACHE", str(read_only))
    env = _env(tmp_path)
    for folder in (read_only / "templat", *(read_only / "templat").iterdir()):
        folder.chmod(0o500)
    try:
        assert env.get_template("t.html").render(x=2) == "2!"
    finally:
        for folder in (read_only / "templat", *(read_only / "templat").iterdir()):
            folder.chmod(0o700)


@pytest.mark.heavy
def test_a_build_from_compiled_templates_is_the_build_without_them(catalog: Catalog, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    monkeypatch.setenv("KATALOG_CACHE", "0")
    assert catalog.run("build", "--site", str(tmp_path / "tanpa")).returncode == 0
    # As on a contributor's machine: no KATALOG_CACHE, so the user's cache folder; never the project (a pull request
    # can write any file there, and the content cannot name a template: halaman.schema.json has no `template`).
    monkeypatch.delenv("KATALOG_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    before = set(tree_digest(catalog.root))
    for site in ("dingin", "hangat"):
        assert catalog.run("build", "--site", str(tmp_path / site)).returncode == 0
    assert list((tmp_path / "cache" / "katalog" / "templat").glob("*/__jinja2_*.cache"))
    assert [name for name in set(tree_digest(catalog.root)) - before if not name.startswith("site/")] == []

    def pages(site: str) -> dict[str, str]:  # Pagefind's own file names differ from build to build
        return {name: digest for name, digest in tree_digest(tmp_path / site).items() if not name.startswith("pagefind/")}

    assert pages("tanpa") == pages("dingin") == pages("hangat")
    partial = catalog.root / "docs_overrides" / "partials" / "copyright.html"
    partial.write_text(partial.read_text(encoding="utf-8") + "<!-- templat-baru -->\n", encoding="utf-8")
    assert catalog.run("build", "--site", str(tmp_path / "baru")).returncode == 0
    assert "templat-baru" in (tmp_path / "baru" / "index.html").read_text(encoding="utf-8")
