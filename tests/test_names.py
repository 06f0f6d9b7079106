"""One rule for names: no control, invisible or noncharacters, no hidden line breaks, anywhere.

File names, ids, media names and values reach URLs, paths, the feed and the
theme. A name that looks right but is not (a trailing line break, a
right-to-left override, a noncharacter) is refused by `katalog check` with its
location, and `katalog build` never crashes on it nor reads what it points to.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, datetime

import pytest
from conftest import UNITS, VALID, Catalog
from test_check_support import run_main


def assert_refused_without_traceback(catalog: Catalog, *needles: str) -> list[str]:
    """`katalog check` then `katalog build` (in this process, as test_check_support runs them): both refuse, no traceback."""
    checked = run_main(catalog, "check")
    assert checked.code == 1, checked.out + checked.err
    assert "Traceback" not in checked.err
    lines = [line for line in checked.lines if ": error: " in line or ": warning: " in line]
    for needle in needles:
        assert any(needle in line for line in lines), (needle, lines)
    built = run_main(catalog, "build")
    assert built.code == 1, built.out + built.err
    assert "Traceback" not in built.err
    assert not (catalog.root / "site").exists()
    return lines


@pytest.mark.parametrize("name", ["antrean-daring\n.yml", "antrean-daring.yml\n", "\u202eantrean-daring.yml",
                                  "antrean-daring\u00a0.yml"])
def test_innovation_file_name_with_hidden_characters_is_refused(catalog: Catalog, name: str) -> None:
    (catalog.content / "inovasi" / "antrean-daring.yml").rename(catalog.content / "inovasi" / name)
    lines = assert_refused_without_traceback(catalog, "error: (berkas): nama berkas")
    assert all("\n" not in line and "\u202e" not in line for line in lines)


def test_innovation_in_a_subfolder_of_inovasi_is_reported(catalog: Catalog) -> None:
    catalog.write("inovasi/usulan/antrean-kedua.yml", VALID.replace("Antrean Daring Kependudukan", "Antrean Kedua"))
    lines = assert_refused_without_traceback(catalog)
    assert [line for line in lines if line.startswith("content/inovasi/")] == [
        "content/inovasi/usulan:1:1: error: (berkas): hanya berkas .yml yang diizinkan langsung di content/inovasi/; "
        "berkas di dalam subfolder tidak diterbitkan: pindahkan setiap berkas inovasi ke content/inovasi/<slug>.yml dan hapus "
        "foldernya"
    ]


@pytest.mark.parametrize("unit_id", ['"disdukcapil\\n"', "[disdukcapil, dinkes]", "{a: 1}", '"disdukcapil\\u202e"'])
def test_unit_id_that_is_not_a_plain_name_is_refused(catalog: Catalog, unit_id: str) -> None:
    catalog.write("perangkat-daerah.yml", UNITS.replace("- id: disdukcapil", f"- id: {unit_id}", 1))
    lines = assert_refused_without_traceback(catalog)
    assert any(line.startswith("content/perangkat-daerah.yml:1:7: error: [0].id: ") for line in lines), lines


@pytest.mark.parametrize("char", ["\ufffe", "\uffff", "\ufdd0", "\U0001fffe", "\U0010ffff"])
def test_noncharacter_in_a_published_field_is_refused(catalog: Catalog, char: str) -> None:
    escaped = f"\\U{ord(char):08x}"
    catalog.innovation("antrean-daring", VALID.replace("nama: Antrean Daring Kependudukan", f'nama: "Antrean{escaped} Daring"'))
    lines = assert_refused_without_traceback(catalog)
    assert any(line.startswith("content/inovasi/antrean-daring.yml:1:7: error: nama: mengandung karakter tak "
                               "terlihat") for line in lines), lines


def test_feed_of_accepted_content_is_well_formed_xml(catalog: Catalog) -> None:
    catalog.innovation("antrean-daring", VALID.replace("nama: Antrean Daring Kependudukan", 'nama: "Antrean & <Daring> \\u00e9 '
                                                                                            '\\U0001F600"'))
    built = catalog.run_here("build")
    assert built.returncode == 0, built.stderr
    ET.parse(catalog.root / "site" / "feed.xml")


@pytest.mark.parametrize("berkas", ['"foto.png\\n"', '"foto.png\\r"', '"foto.png "', '"../foto.png"', '"foto.png\\u0000"'])
def test_media_name_spelled_to_skip_the_checks_never_publishes_what_it_points_to(catalog: Catalog, berkas: str) -> None:
    outside = catalog.root.parent / "rahasia.txt"
    outside.write_text("PENANDA-RAHASIA-LUAR")
    folder = catalog.content / "media" / "antrean-daring"
    folder.mkdir(parents=True)
    name = berkas.strip('"').encode().decode("unicode_escape")
    if "/" not in name and "\0" not in name:
        (folder / name).symlink_to(outside)
    catalog.innovation("antrean-daring", VALID + f"media:\n  - berkas: {berkas}\n    keterangan: Foto layanan\n")
    assert_refused_without_traceback(catalog, "media[0].berkas")
    # Even a build that skipped the check (plain MkDocs) copies nothing from outside.
    for path in catalog.root.rglob("*"):
        if path.is_file() and "site" in path.parts:
            assert b"PENANDA-RAHASIA-LUAR" not in path.read_bytes(), path


def test_feed_stays_well_formed_even_if_the_check_were_skipped(catalog: Catalog) -> None:
    """The check refuses characters XML forbids; the feed writer drops them too (last guard)."""
    from generator.content import load_content
    from generator.exports import export_feed
    from generator.model import build_catalog

    catalog.innovation("antrean-daring", VALID.replace("nama: Antrean Daring Kependudukan", 'nama: "Antrean\\x07 Daring\\uFFFE '
                                                                                            'Ok"'))
    feed = export_feed(build_catalog(load_content(catalog.content)), datetime(2026, 1, 1, tzinfo=UTC))
    titles = [el.text for el in ET.fromstring(feed).iter("{http://www.w3.org/2005/Atom}title")]
    assert "Antrean Daring Ok" in titles, titles
