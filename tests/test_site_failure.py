"""A build that cannot succeed leaves the published site exactly as it was."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import VALID, Catalog
from test_site_support import OLD_SITE_MARKER, make_old_site, mkdocs, tree_digest

#: The two problems of the broken catalog, as contract lines (PATH:LINE:COLUMN: error: KEY.PATH: message).
LINE_TAHAPAN = re.compile(r"^content/inovasi/antrean-daring\.yml:10:\d+: error: tahapan: .*'uji_coba'", re.MULTILINE)
LINE_UNIT = re.compile(r"^content/inovasi/bank-sampah\.yml:3:\d+: error: perangkat_daerah: \S", re.MULTILINE)


@pytest.fixture
def old_site(catalog: Catalog) -> Path:
    """A previously published site/ with a marker file that no build would write."""
    return make_old_site(catalog.root)


def break_content(catalog: Catalog) -> None:
    catalog.innovation("antrean-daring", VALID.replace("tahapan: uji_coba", "tahapan: ujicoba"))
    catalog.innovation("bank-sampah", VALID.replace("perangkat_daerah: disdukcapil", "perangkat_daerah: dinas-tidak-ada"))


def no_staging_left(root: Path) -> list[str]:
    return [p.name for p in root.iterdir() if p.name.startswith(".site-")]


def test_katalog_build_with_content_errors_exits_1_and_prints_contract_lines(catalog: Catalog, old_site: Path) -> None:
    break_content(catalog)
    result = catalog.run("build")
    assert result.returncode == 1, result.stderr
    assert LINE_TAHAPAN.search(result.stdout), result.stdout
    assert LINE_UNIT.search(result.stdout), result.stdout
    problem_lines = [line for line in result.stdout.splitlines() if ": error: " in line]
    assert problem_lines == sorted(problem_lines, key=lambda line: (line.split(":")[0], int(line.split(":")[1])))


def test_katalog_build_with_content_errors_leaves_site_untouched(catalog: Catalog, old_site: Path) -> None:
    before = tree_digest(old_site)
    break_content(catalog)
    assert catalog.run("build").returncode == 1
    assert tree_digest(old_site) == before
    assert no_staging_left(catalog.root) == []


def test_plain_mkdocs_build_with_content_errors_fails_and_leaves_site_untouched(catalog: Catalog, old_site: Path) -> None:
    before = tree_digest(old_site)
    break_content(catalog)
    result = mkdocs(catalog, "build")
    assert result.returncode != 0
    # The plugin logs the same contract lines, so a plain MkDocs user sees what to fix.
    assert LINE_TAHAPAN.search(result.stderr), result.stderr
    assert tree_digest(old_site) == before


def test_katalog_build_failing_in_mkdocs_leaves_site_untouched(catalog: Catalog, old_site: Path) -> None:
    """Valid content, but MkDocs itself aborts (a Markdown extension that does not exist)."""
    before = tree_digest(old_site)
    config = catalog.root / "mkdocs.yml"
    config.write_text(config.read_text().replace("markdown_extensions:\n", "markdown_extensions:\n  - tidak_ada_ekstensi\n"))
    result = catalog.run("build")
    assert result.returncode == 1, result.stdout + result.stderr
    assert tree_digest(old_site) == before
    assert no_staging_left(catalog.root) == []


def test_successful_katalog_build_replaces_the_old_site(catalog: Catalog, old_site: Path) -> None:
    result = catalog.run("build")
    assert result.returncode == 0, result.stderr
    assert not (old_site / OLD_SITE_MARKER).exists()
    assert not (old_site / "inovasi" / "lama").exists()
    assert (old_site / "inovasi" / "antrean-daring" / "index.html").is_file()
    assert no_staging_left(catalog.root) == []


def test_unexpected_error_in_the_plugin_reaches_mkdocs_as_one_line(catalog: Catalog, monkeypatch: pytest.MonkeyPatch,
                                                                   tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """MkDocs prints a traceback for anything but its own errors; the plugin turns a bug into one."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    import generator.plugin as plugin

    def broken(*args: object, **kwargs: object) -> None:
        raise ValueError("rusak\nbaris kedua")

    monkeypatch.setattr(plugin, "plan_site", broken)
    config = load_config(str(catalog.root / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    with pytest.raises(Abort, match="BuildError"):  # MkDocs' own clean exit: it logged the error, no traceback
        build(config)
    errors = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert [m for m in errors if m.startswith("Error building page") or "kesalahan tak terduga" in m] == [
        "katalog: kesalahan tak terduga (ValueError: rusak⟨U+000A⟩baris kedua)"], errors
