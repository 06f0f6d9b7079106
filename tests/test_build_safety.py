"""The build deletes only what it wrote, and no command ever ends in a traceback.

* ``katalog build --site DIR`` and ``katalog generate --out DIR`` refuse (exit 2) the
  content folder, the project folder, the generator's sources, and any folder that
  contains or (for content and generator) lies inside them; paths are resolved.
* ``katalog build`` replaces a site folder only when a catalog build wrote it (it holds
  the files every catalog site has), and never a Git working copy.
* ``katalog generate`` removes only files listed in its manifest, and refuses a
  non-empty folder without one.
* A killed build's staging folder is removed by the next build; a running build's is not.
* Any unexpected exception is one Indonesian line on stderr and exit 1.

Refusals happen before MkDocs runs, so most of these tests run the command in-process;
two real builds (subprocesses) and one killed build cover the swap and the orphans.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from conftest import BIN, ROOT, Catalog
from test_check_support import run_main as katalog
from test_site_support import tree_digest

import generator
from generator.build import SITE_SIGNATURE, refuse_foreign_site
from generator.location import OutputDirError
from generator.output import MANIFEST

GENERATOR_DIR = Path(generator.__file__).resolve().parent


def project_digest(catalog: Catalog) -> dict[str, str]:
    return tree_digest(catalog.root)


# --- 1. folders that are never an output folder -----------------------------------------------------

REFUSED = [
    ("content", "adalah folder konten"),
    ("content/", "adalah folder konten"),
    ("content/inovasi", "berada di dalam folder konten 'content'"),
    ("content/halaman/baru", "berada di dalam folder konten 'content'"),
    (".", "berisi folder konten 'content'"),
    ("..", "berisi folder konten 'content'"),
    ("/", "berisi folder konten 'content'"),
    ("./content/../content", "adalah folder konten"),
    ("tautan-ke-konten", "adalah folder konten"),
    ("tautan-ke-proyek", "berisi folder konten 'content'"),
]


@pytest.mark.parametrize("command", ["build", "generate"])
@pytest.mark.parametrize(("folder", "why"), REFUSED, ids=[f for f, _ in REFUSED])
def test_content_and_project_are_never_output_folders(catalog: Catalog, command: str, folder: str, why: str) -> None:
    (catalog.root / "tautan-ke-konten").symlink_to(catalog.content, target_is_directory=True)
    (catalog.root / "tautan-ke-proyek").symlink_to(catalog.root, target_is_directory=True)
    before = project_digest(catalog)
    option = "--site" if command == "build" else "--out"
    result = katalog(catalog, command, option, folder)
    assert result.code == 2, result.err
    assert result.err.startswith(f"katalog: folder hasil '{Path(folder)}' ({option}) {why}"), result.err
    assert result.err.count("\n") == 1 and result.out == ""
    assert project_digest(catalog) == before


def test_project_folder_of_another_config_is_refused(catalog: Catalog) -> None:
    """The folder holding the MkDocs config given with --config, even when it holds no content."""
    other = catalog.root / "lain"
    other.mkdir()
    (other / "mkdocs.yml").write_bytes((catalog.root / "mkdocs.yml").read_bytes())
    result = katalog(catalog, "build", "--config", "lain/mkdocs.yml", "--site", "lain")
    assert result.code == 2
    assert result.err.startswith("katalog: folder hasil 'lain' (--site) adalah folder proyek 'lain'")


def _sources(folder: Path) -> dict[str, str]:
    """The generator's files, without the bytecode Python itself caches there (another test worker may write it)."""
    return {name: digest for name, digest in tree_digest(folder).items() if "__pycache__/" not in name}


@pytest.mark.parametrize("command", ["build", "generate"])
@pytest.mark.parametrize("inside", [".", "templates", "nanti/baru"])
def test_generator_sources_are_never_output_folders(catalog: Catalog, command: str, inside: str) -> None:
    folder = GENERATOR_DIR / inside
    before = _sources(GENERATOR_DIR)
    result = katalog(catalog, command, "--site" if command == "build" else "--out", str(folder))
    assert result.code == 2, result.err
    assert "folder kode generator" in result.err
    assert _sources(GENERATOR_DIR) == before
    assert not (GENERATOR_DIR / "nanti").exists()


# --- 2. a site folder is replaced only when a catalog build wrote it ------------------------------


def test_build_refuses_a_folder_it_did_not_write_and_leaves_it_alone(catalog: Catalog) -> None:
    mine = catalog.root / "berkas-saya"
    mine.mkdir()
    (mine / "laporan.docx").write_bytes(b"isi penting")
    (mine / "index.html").write_text("<p>situs saya</p>\n", encoding="utf-8")
    before = tree_digest(mine)
    result = katalog(catalog, "build", "--site", "berkas-saya")
    assert result.code == 2
    assert result.err.startswith("katalog: folder 'berkas-saya' sudah berisi berkas yang tidak dibuat oleh katalog build "
                                 "(bukan situs katalog: tidak ada index.html, feed.xml, data/inovasi.json)")
    assert tree_digest(mine) == before
    assert [p.name for p in catalog.root.iterdir() if p.name.startswith(".site-")] == []


def test_build_refuses_a_file_as_site(catalog: Catalog) -> None:
    (catalog.root / "situs").write_text("bukan folder\n", encoding="utf-8")
    result = katalog(catalog, "build", "--site", "situs")
    assert result.code == 2
    assert result.err == "katalog: 'situs' sudah ada dan bukan folder; pilih folder lain untuk --site\n"


def test_content_errors_still_come_first(catalog: Catalog) -> None:
    """A folder that would be refused does not hide the content's problems (exit 1 as before)."""
    catalog.innovation("antrean-daring", "nama: x\n")
    (catalog.root / "berkas-saya").mkdir()
    (catalog.root / "berkas-saya" / "a.txt").write_text("a\n", encoding="utf-8")
    result = katalog(catalog, "build", "--site", "berkas-saya")
    assert result.code == 1
    assert ": error: " in result.out


def test_only_a_missing_or_empty_folder_or_a_catalog_site_is_replaceable(tmp_path: Path) -> None:
    empty = tmp_path / "kosong"
    empty.mkdir()
    site = tmp_path / "situs"
    (site / "data").mkdir(parents=True)
    for name in SITE_SIGNATURE:
        (site / name).write_text("x\n", encoding="utf-8")
    for folder in (tmp_path / "belum-ada", empty, site):
        refuse_foreign_site(folder, folder)  # no exception
    (site / ".git").mkdir()
    with pytest.raises(OutputDirError, match="salinan kerja Git"):
        refuse_foreign_site(site, site)
    (site / ".git").rmdir()
    (site / "feed.xml").unlink()
    with pytest.raises(OutputDirError, match="tidak dibuat oleh katalog build"):
        refuse_foreign_site(site, site)


def staging_folders(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if p.name.startswith((".site-baru-", ".site-lama-")))


def test_killed_build_leaves_staging_that_the_next_build_removes(catalog: Catalog) -> None:
    """Kill a build while MkDocs writes into its staging folder; the next build removes it,
    but never the staging folder of a build still running (here: this test process's id)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    proc = subprocess.Popen([str(BIN / "katalog"), "build"], cwd=catalog.root, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not staging_folders(catalog.root):
        assert proc.poll() is None, "build selesai sebelum folder sementara terlihat"
        assert time.monotonic() < deadline
        time.sleep(0.005)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    orphans = staging_folders(catalog.root)
    assert len(orphans) == 1 and orphans[0].startswith(f".site-baru-{proc.pid}-"), orphans

    # A build in progress (this process is alive), and a folder from before the pid was in the name.
    host = orphans[0].split("-", 3)[3].rsplit("-", 1)[0]
    running = catalog.root / f".site-baru-{os.getpid()}-{host}-abcd1234"
    legacy = catalog.root / ".site-lama-x1y2z3w4"
    for folder in (running, legacy):
        folder.mkdir()
        (folder / "index.html").write_text("x\n", encoding="utf-8")

    result = catalog.run("build")
    assert result.returncode == 0, result.stderr
    assert staging_folders(catalog.root) == sorted([running.name, legacy.name])
    assert (catalog.root / "site" / "inovasi" / "antrean-daring" / "index.html").is_file()
    assert "Traceback" not in result.stderr


def test_build_leaves_nothing_in_the_temporary_folder(catalog: Catalog, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """The plugin's empty docs folder (and anything else a build puts in the system's temporary folder) is gone
    when ``katalog build`` ends, as when ``mkdocs build`` ends: a CI runner or a laptop does not collect one per build."""
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    result = catalog.run_here("build")
    assert result.returncode == 0, result.stderr
    assert (catalog.root / "site" / "inovasi" / "antrean-daring" / "index.html").is_file()
    assert sorted(p.name for p in scratch.iterdir()) == []


def test_a_build_stopped_by_sigterm_cleans_up_and_says_nothing_more(catalog: Catalog, tmp_path: Path) -> None:
    """SIGTERM is how CI cancels a job and ``timeout`` stops a command (attacker walk: the build's folder in /tmp was
    left behind, and no later build removes that one). Stopped as Ctrl-C stops it: exit 143, nothing left in the
    temporary folder or beside the site, no traceback, the old site untouched."""
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", TMPDIR=str(scratch))
    proc = subprocess.Popen([str(BIN / "katalog"), "build"], cwd=catalog.root, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not (staging_folders(catalog.root) and any(scratch.iterdir())):  # MkDocs is building: its folders exist
        assert proc.poll() is None, "build selesai sebelum folder sementara terlihat"
        assert time.monotonic() < deadline
        time.sleep(0.005)
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 143, (proc.returncode, err[-2000:])
    assert "Traceback" not in out + err, err[-2000:]
    assert staging_folders(catalog.root) == []
    assert sorted(p.name for p in scratch.iterdir()) == []
    assert not (catalog.root / "site").exists()


def test_site_of_plain_mkdocs_build_is_replaced_whole(catalog: Catalog) -> None:
    """A catalog site (here one plain ``mkdocs build`` wrote, plus a stray page) is replaced, stray page and all."""
    mkdocs = catalog.run_cmd(str(BIN / "mkdocs"), "build")
    assert mkdocs.returncode == 0, mkdocs.stderr
    site = catalog.root / "site"
    (site / "sisa-lama.html").write_text("lama\n", encoding="utf-8")
    result = catalog.run("build")
    assert result.returncode == 0, result.stderr
    assert not (site / "sisa-lama.html").exists()
    assert (site / "inovasi" / "antrean-daring" / "index.html").is_file()
    assert staging_folders(catalog.root) == []


def test_a_folder_of_the_old_site_replaced_by_a_link_into_content_loses_nothing_of_content(catalog: Catalog) -> None:
    """The old site is removed without following links: a page folder of site/ replaced by hand with a symbolic link
    to the innovation's media folder (whose IID evidence the site holds as hard links) costs content nothing. (Found
    by an attacker walk of a version that removed the old site's evidence links one by one: it followed the link and
    deleted the evidence from content/.)"""
    from test_verification import SLUG, with_iid

    with_iid(catalog)
    assert catalog.run_here("build").returncode == 0
    media = catalog.content / "media" / SLUG
    before = tree_digest(media)
    page = catalog.root / "site" / "inovasi" / SLUG
    for name in ("bukti", ""):  # the evidence folder, then the page folder itself
        linked = page / name if name else page
        shutil.rmtree(linked)
        linked.symlink_to(media / name if name else media, target_is_directory=True)
        assert catalog.run_here("build").returncode == 0
        assert tree_digest(media) == before and not (catalog.root / "site" / "inovasi" / SLUG).is_symlink()


# --- 2b. katalog generate: only files in its manifest are removed ---------------------------------


def test_generate_refuses_a_non_empty_folder_without_manifest(catalog: Catalog) -> None:
    out = catalog.root / "keluaran"
    out.mkdir()
    (out / "catatan.md").write_text("milik saya\n", encoding="utf-8")
    result = katalog(catalog, "generate", "--out", "keluaran")
    assert result.code == 2
    assert result.err.startswith(
        f"katalog: folder 'keluaran' sudah berisi berkas yang tidak ditulis oleh katalog (tidak ada daftar {MANIFEST})")
    assert sorted(p.name for p in out.iterdir()) == ["catatan.md"]


def test_generate_removes_only_what_it_wrote_and_keeps_unchanged_files(catalog: Catalog, monkeypatch: pytest.MonkeyPatch) -> None:
    # One build time for every run: the exports carry it (to the second), and unchanged content must write nothing.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    assert katalog(catalog, "generate", "--out", "keluaran").code == 0
    out = catalog.root / "keluaran"
    assert (out / MANIFEST).is_file()
    assert (out / "inovasi" / "antrean-daring.md").is_file()
    # Files of someone else in the folder the tool owns, beside and among its own.
    (out / "catatan.md").write_text("milik saya\n", encoding="utf-8")
    (out / "inovasi" / "catatan-inovasi.md").write_text("milik saya\n", encoding="utf-8")
    (out / "kosong-milik-saya").mkdir()

    catalog.innovation("bank-sampah", (catalog.content / "inovasi" / "antrean-daring.yml").read_text(encoding="utf-8")
                       .replace("Antrean Daring Kependudukan", "Bank Sampah Kelurahan")
                       .replace("Warga mengambil nomor antrean pelayanan Disdukcapil dari ponsel.",
                                "Warga menabung sampah terpilah dan menerima saldo yang dapat ditukar."))
    (catalog.content / "inovasi" / "antrean-daring.yml").unlink()
    result = katalog(catalog, "generate", "--out", "keluaran")
    assert result.code == 0, result.err
    assert not (out / "inovasi" / "antrean-daring.md").exists()
    assert (out / "inovasi" / "bank-sampah.md").is_file()
    assert (out / "catatan.md").read_text(encoding="utf-8") == "milik saya\n"
    assert (out / "inovasi" / "catatan-inovasi.md").is_file()
    assert (out / "kosong-milik-saya").is_dir()

    # Nothing changed since: nothing is written, mtimes are kept.
    stamps = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}
    result = katalog(catalog, "generate", "--out", "keluaran")
    assert result.code == 0
    assert result.err == "0 berkas ditulis atau dihapus di keluaran/\n"
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()} == stamps


def test_generate_keeps_mtime_of_unchanged_files(catalog: Catalog) -> None:
    assert katalog(catalog, "generate", "--out", "keluaran").code == 0
    page = catalog.root / "keluaran" / "katalog" / "index.md"
    old = time.time() - 3600
    os.utime(page, (old, old))
    assert katalog(catalog, "generate", "--out", "keluaran").code == 0
    assert page.stat().st_mtime == pytest.approx(old)


def test_generate_never_removes_outside_its_folder_whatever_the_manifest_says(catalog: Catalog) -> None:
    assert katalog(catalog, "generate", "--out", "keluaran").code == 0
    out = catalog.root / "keluaran"
    victim = catalog.root / "korban.txt"
    victim.write_text("jangan dihapus\n", encoding="utf-8")
    (out / "jalan-pintas").symlink_to(catalog.root, target_is_directory=True)
    (out / MANIFEST).write_text('{"katalog": 1, "berkas": ["../korban.txt", "/etc/hostname", "jalan-pintas/korban.txt",'
                                ' "../content/katalog.yml"]}\n', encoding="utf-8")
    before = project_digest(catalog)
    result = katalog(catalog, "generate", "--out", "keluaran")
    assert result.code == 0, result.err
    assert victim.read_text(encoding="utf-8") == "jangan dihapus\n"
    after = project_digest(catalog)
    assert {k: v for k, v in after.items() if not k.startswith("keluaran/")} == {
        k: v for k, v in before.items() if not k.startswith("keluaran/")}


@pytest.mark.parametrize("broken", ["{rusak", "[" * 200_000 + "]" * 200_000])  # nested past Python's recursion limit
def test_generate_refuses_a_broken_manifest(catalog: Catalog, broken: str) -> None:
    out = catalog.root / "keluaran"
    out.mkdir()
    (out / MANIFEST).write_text(broken, encoding="utf-8")
    (out / "a.md").write_text("a\n", encoding="utf-8")
    result = katalog(catalog, "generate", "--out", "keluaran")
    assert result.code == 2
    assert "tidak dapat dibaca" in result.err
    assert (out / "a.md").is_file()


# --- 4. never a traceback -------------------------------------------------------------------------


def _boom(*args: object, **kwargs: object) -> None:
    raise RuntimeError("rusak di dalam\nbaris kedua")


INJECTED = [
    (["check"], "generator.cli.check_content"),
    (["check", "content/inovasi/antrean-daring.yml"], "generator.cli.misplaced_problems"),
    (["build"], "generator.build.check_content"),
    (["generate", "--out", "keluaran"], "generator.build.render_site"),
    (["serve"], "generator.build.serve_site"),
    (["new", "Layanan Baru", "--unit", "disdukcapil"], "generator.scaffold.new_innovation"),
    (["sample", "--count", "1", "--out", "sampel"], "generator.sample.write_sample"),
]


@pytest.mark.parametrize(("args", "target"), INJECTED, ids=["check", "check-file", "build", "generate", "serve", "new", "sample"])
def test_unexpected_exception_is_one_line_and_exit_1(catalog: Catalog, monkeypatch: pytest.MonkeyPatch,
                                                      args: list[str], target: str) -> None:
    monkeypatch.delenv("KATALOG_DEBUG", raising=False)
    monkeypatch.setattr(target, _boom)
    result = katalog(catalog, *args)
    assert result.code == 1
    assert "Traceback" not in result.out + result.err
    assert result.err.splitlines()[-1] == (
        "katalog: kesalahan tak terduga (RuntimeError: rusak di dalam⟨U+000A⟩baris kedua); "
        "jalankan ulang dengan KATALOG_DEBUG=1 untuk rinciannya")
    assert len(result.err.splitlines()) == 1


def test_unexpected_exception_in_a_real_process_has_no_traceback(catalog: Catalog) -> None:
    """The installed entry point's code path in a real interpreter: nothing else reaches stderr."""
    code = ("import sys, generator.cli as cli\n"
            "def boom(*a, **k): raise KeyError('hilang')\n"
            "cli.check_content = boom\n"
            "sys.exit(cli.main(['check']))\n")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("KATALOG_DEBUG", None)
    result = subprocess.run([sys.executable, "-c", code], cwd=catalog.root, capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 1
    assert result.stderr == ("katalog: kesalahan tak terduga (KeyError: 'hilang'); "
                             "jalankan ulang dengan KATALOG_DEBUG=1 untuk rinciannya\n")


def test_debug_variable_lets_the_traceback_through(catalog: Catalog, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KATALOG_DEBUG", "1")
    monkeypatch.setattr("generator.cli.check_content", _boom)
    with pytest.raises(RuntimeError):
        katalog(catalog, "check")


@pytest.mark.parametrize("args", [["build", "--tidak-ada"], ["generate"], ["tidak-ada"], []])
def test_usage_errors_stay_exit_2(catalog: Catalog, args: list[str]) -> None:
    result = katalog(catalog, *args)
    assert result.code == 2
    assert "cara pakai:" in result.err and "Traceback" not in result.err


def test_a_gallery_file_is_published_only_under_a_name_the_schema_allows(catalog: Catalog) -> None:
    """The files copied into the site hold to the schema's image names even for content that was never checked (a
    skipped or stale check): an .html beside an innovation's images is never published (attacker walk)."""
    from conftest import VALID

    from generator.content import load_content
    from generator.model import build_catalog
    from generator.pages import media_files

    media = catalog.content / "media" / "antrean-daring"
    media.mkdir(parents=True, exist_ok=True)
    (media / "foto.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (media / "tangkapan.html").write_text("<script>alert(1)</script>", encoding="utf-8")
    catalog.innovation("antrean-daring", VALID + "media:\n  - berkas: foto.png\n    keterangan: Foto layanan\n"
                       "  - berkas: tangkapan.html\n    keterangan: Tangkapan layar\n")
    published = media_files(build_catalog(load_content(catalog.content)), catalog.content)
    assert "inovasi/antrean-daring/foto.png" in published
    assert [uri for uri in published if "tangkapan" in uri] == []
