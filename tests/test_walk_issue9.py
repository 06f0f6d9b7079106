"""Walk-through after issue 9 ("Trust, round 2"): problems found by using the catalog
as an attacker, as a civil servant contributor and as a visitor would.

Each test asserts the right behaviour; the ones the code still gets wrong are strict
xfails whose reason says what happens today.
"""

from __future__ import annotations

import os
import resource
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import BIN, VALID, Catalog

KATALOG = str(BIN / "katalog")
#: A valid 1×1 PNG.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)
#: The test innovation with one image (content/media/antrean-daring/foto.png).
WITH_MEDIA = VALID + "media:\n  - berkas: foto.png\n    keterangan: Foto loket pelayanan\n"


def _env() -> dict[str, str]:
    return dict(os.environ, NO_MKDOCS_2_WARNING="1")


def _lines(result: subprocess.CompletedProcess[str], path: str) -> list[str]:
    """Problem lines about ``path`` (stdout and stderr)."""
    return [line for line in (result.stdout + result.stderr).splitlines() if line.startswith(path + ":")]


# --- Attacker: unbounded memory and time ----------------------------------------------------

def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (1024 ** 3, 1024 ** 3))


@pytest.mark.parametrize("relative", ["inovasi/besar.yml", "halaman/besar.md", "urusan.yml"])
def test_huge_sparse_file_is_refused_unread(catalog: Catalog, relative: str) -> None:
    path = catalog.content / relative
    path.unlink(missing_ok=True)
    with path.open("wb") as f:
        f.truncate(2 * 1024 ** 3)  # sparse: costs no disk
    result = subprocess.run([KATALOG, "check"], cwd=catalog.root, capture_output=True, text=True, env=_env(),
                            preexec_fn=_limit_memory, timeout=120)
    assert result.returncode == 1
    assert "kesalahan tak terduga" not in result.stderr
    lines = _lines(result, f"content/{relative}")
    assert any("terlalu besar" in line for line in lines), result.stdout + result.stderr


def test_fifo_registry_does_not_hang(catalog: Catalog) -> None:
    registry = catalog.content / "urusan.yml"
    registry.unlink()
    os.mkfifo(registry)
    result = subprocess.run([KATALOG, "check"], cwd=catalog.root, capture_output=True, text=True, env=_env(),
                            timeout=15)
    assert result.returncode == 1
    assert _lines(result, "content/urusan.yml"), result.stdout + result.stderr


def test_fifo_innovation_is_not_called_a_folder(catalog: Catalog) -> None:
    os.mkfifo(catalog.content / "inovasi" / "pipa.yml")
    result = catalog.run("check")
    lines = _lines(result, "content/inovasi/pipa.yml")
    assert result.returncode == 1 and lines
    assert not any("folder" in line for line in lines), lines


# --- Attacker / maintainer: what reaches the site --------------------------------------------

def test_generate_through_linked_project_keeps_images(catalog: Catalog, tmp_path: Path) -> None:
    catalog.innovation("antrean-daring", WITH_MEDIA)
    catalog.write("media/antrean-daring/foto.png", PNG)
    link = tmp_path / "tautan"
    link.symlink_to(catalog.root, target_is_directory=True)
    out = tmp_path / "keluaran"
    result = catalog.run("generate", "--content", str(link / "content"), "--out", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    assert (out / "inovasi" / "antrean-daring" / "foto.png").read_bytes() == PNG


def test_page_image_from_another_host_is_not_published(catalog: Catalog, tmp_path: Path) -> None:
    catalog.write("halaman/tentang.md", "# Tentang\n\nKatalog uji. ![logo](https://pelacak.example/p.gif)\n")
    check = catalog.run("check")
    if check.returncode == 1:  # refused at check time, with its location: fine too
        assert any(":3:" in line for line in _lines(check, "content/halaman/tentang.md")), check.stdout
        return
    out = tmp_path / "keluaran"
    result = catalog.run("generate", "--out", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "pelacak.example" not in (out / "tentang.md").read_text(encoding="utf-8")


def test_page_can_show_its_own_image(catalog: Catalog) -> None:
    catalog.write("halaman/foto-kantor.png", PNG)
    catalog.write("halaman/tentang.md", "# Tentang\n\nKatalog uji.\n\n![Foto kantor](foto-kantor.png)\n")
    result = catalog.run("check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert not _lines(result, "content/halaman/tentang.md"), result.stdout


def test_innovation_image_content_is_checked(catalog: Catalog) -> None:
    catalog.innovation("antrean-daring", WITH_MEDIA)
    catalog.write("media/antrean-daring/foto.png", "<html><body>bukan gambar</body></html>\n")
    result = catalog.run("check")
    assert result.returncode == 1
    assert any("media[0].berkas" in line for line in _lines(result, "content/inovasi/antrean-daring.yml")), result.stdout


@pytest.mark.parametrize("title", ['"   "', '"\\u3000\\u3000\\u3000"'])
def test_blank_page_title_is_refused(catalog: Catalog, title: str) -> None:
    catalog.write("halaman/tentang.md", f"---\ntitle: {title}\n---\n# Tentang\n\nKatalog uji.\n")
    result = catalog.run("check")
    assert result.returncode == 1
    assert any(":2:" in line and "title" in line for line in _lines(result, "content/halaman/tentang.md")), result.stdout


def test_site_folder_linked_to_content_is_refused(catalog: Catalog) -> None:
    """Guard: an output folder that is a symbolic link to content/ is refused, content untouched."""
    (catalog.root / "hasil").symlink_to("content", target_is_directory=True)
    before = sorted(p.relative_to(catalog.content) for p in catalog.content.rglob("*"))
    for args in (("build", "--site", "hasil"), ("generate", "--out", "hasil")):
        result = catalog.run(*args)
        assert result.returncode == 2, result.stdout + result.stderr
    assert sorted(p.relative_to(catalog.content) for p in catalog.content.rglob("*")) == before


# --- Contributor mistakes ---------------------------------------------------------------------

def test_nbsp_indentation_is_named(catalog: Catalog) -> None:
    catalog.innovation("antrean-daring", VALID.replace("  jenis: perangkat_daerah", "\u00a0\u00a0jenis: perangkat_daerah"))
    result = catalog.run("check")
    lines = _lines(result, "content/inovasi/antrean-daring.yml")
    assert result.returncode == 1
    assert any(line.split(":")[1] == "6" and "U+00A0" in line for line in lines), lines


def test_missing_space_after_colon_is_located(catalog: Catalog) -> None:
    catalog.innovation("antrean-daring", VALID.replace("tahapan: uji_coba", "tahapan:uji_coba"))
    result = catalog.run("check")
    lines = _lines(result, "content/inovasi/antrean-daring.yml")
    assert result.returncode == 1
    assert any(line.split(":")[1] == "10" and "spasi" in line for line in lines), lines


def test_unit_full_name_suggests_its_id(catalog: Catalog) -> None:
    catalog.innovation("antrean-daring", VALID.replace("perangkat_daerah: disdukcapil",
                                                       "perangkat_daerah: Dinas Kependudukan dan Pencatatan Sipil"))
    result = catalog.run("check")
    lines = _lines(result, "content/inovasi/antrean-daring.yml")
    assert result.returncode == 1
    assert any("'disdukcapil'" in line for line in lines), lines
    # katalog new corrects a full name to the id (generator/vocabulary.py), the same rule the check suggests.
    new = catalog.run("new", "Layanan Baru Kependudukan", "--unit", "Dinas Kependudukan dan Pencatatan Sipil")
    assert new.returncode == 0, new.stderr
    assert "perangkat_daerah: \"disdukcapil\"" in (catalog.content / "inovasi" / "layanan-baru-kependudukan.yml").read_text()


def test_check_of_a_folder_does_not_say_missing(catalog: Catalog) -> None:
    result = catalog.run("check", "content/inovasi")
    assert "tidak ditemukan" not in result.stderr, result.stderr


def test_personal_data_in_page_is_warned(catalog: Catalog) -> None:
    catalog.write("halaman/kontak.md", "# Kontak\n\nHubungi Budi (NIK 1971012345678901) di 0812-3456-7890 "
                                       "atau budi.santoso@gmail.com.\n")
    result = catalog.run("check")
    lines = [line for line in _lines(result, "content/halaman/kontak.md") if ": warning: " in line]
    assert len(lines) >= 3, result.stdout


def test_curly_quotes_in_page_title_are_warned(catalog: Catalog) -> None:
    catalog.write("halaman/tentang.md", "---\ntitle: \u201cTentang Katalog\u201d\n---\n# Tentang\n\nKatalog uji.\n")
    result = catalog.run("check")
    assert any(":2:" in line and "warning" in line for line in _lines(result, "content/halaman/tentang.md")), result.stdout


# --- Preview ---------------------------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_with_content_errors_is_not_an_unexpected_error(catalog: Catalog) -> None:
    catalog.write("inovasi/rusak.yml", "nama: x\n")
    try:
        result = subprocess.run([KATALOG, "serve", "--dev-addr", f"127.0.0.1:{_free_port()}"], cwd=catalog.root,
                                capture_output=True, text=True, env=_env(), timeout=30)
        output = result.stdout + result.stderr
    except subprocess.TimeoutExpired as exc:  # still serving: acceptable if it said what is wrong
        output = (exc.stdout or b"").decode() + (exc.stderr or b"").decode() if isinstance(exc.stdout, bytes) else \
            (exc.stdout or "") + (exc.stderr or "")
    assert "content/inovasi/rusak.yml:1:7" in output, output
    assert "kesalahan tak terduga" not in output and "KATALOG_DEBUG" not in output, output


if __name__ == "__main__":  # pragma: no cover
    sys.exit(pytest.main([__file__, "-q"]))
