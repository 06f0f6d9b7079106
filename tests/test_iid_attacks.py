"""Attacks on the IID features (issue 11) through a pull request: every byte of content/ is hostile.

Each test is one attack, run with the real commands on real files: evidence files
that are links, pipes, sockets, sparse giants, a folder that is a file, names that
leave their folder, ten thousand files, one file named four hundred times, a PDF that
is also an HTML page; verification records that are forged, huge, empty or deleted;
edition files with weights that are not numbers and texts that are markup or
formulas; hostile ``--out`` folders and ``katalog verifikasi`` arguments; a
CODEOWNERS reached through a linked folder. What must hold (docs/fuzzing.md,
"Attack classes"): ``katalog check`` refuses or warns with a located line, nothing
outside content/ is read or written, nothing from content runs in the site, the
report or the workbook, output stays bounded, no traceback.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import zipfile
from pathlib import Path

import html5lib
import pytest
from conftest import KATALOG, ROOT, VALID, Catalog, new_catalog, shared_folder
from openpyxl import load_workbook
from test_check_support import check, run_main
from test_iid_export import TODAY, with_report_catalog
from test_site_support import href_scheme
from test_verification import PDF, REVIEWER, SLUG, git, verify, with_iid

from generator.content import MAX_EVIDENCE_EXPORT_BYTES
from generator.rules.iid import MAX_FOLDER_ENTRIES

INNOVATION = f"content/inovasi/{SLUG}.yml"
BUKTI = f"content/media/{SLUG}/bukti/"
#: Where test_verification's innovation names its first evidence file (indikator.regulasi.bukti[0].berkas).
BERKAS_AT = "57:17"
#: The longest problem line a hostile file may produce: one line is one problem, never a dump of the file.
MAX_LINE = 1000


@pytest.fixture
def iid(catalog: Catalog) -> Catalog:
    return with_iid(catalog)


def errors_about(result, path: str = INNOVATION) -> list[str]:
    return [line for line in result.errors if line.startswith(path + ":")]


def bounded(result) -> None:
    """No traceback, an exit code of the contract, every problem one line of bounded length."""
    assert "Traceback" not in result.out + result.err
    assert result.code in (0, 1, 2)
    assert all(len(line) <= MAX_LINE for line in result.lines), max(result.lines, key=len)[:300]


# --- evidence files ----------------------------------------------------------------------------------


@pytest.mark.parametrize("target", ["/etc/passwd", "../../../katalog.yml"])
def test_evidence_that_is_a_link_is_refused_whatever_it_points_to(iid: Catalog, target: str) -> None:
    path = iid.content / "media" / SLUG / "bukti" / "perwako-12-2025.pdf"
    path.unlink()
    path.symlink_to(target)
    result = check(iid)
    bounded(result)
    assert errors_about(result) == [
        f"{INNOVATION}:{BERKAS_AT}: error: indikator.regulasi.bukti[0].berkas: 'perwako-12-2025.pdf' atau foldernya adalah "
        f"tautan simbolik (symlink); salin berkas buktinya ke {BUKTI}"]


def test_an_innovation_media_folder_that_is_a_link_is_refused(iid: Catalog, tmp_path: Path) -> None:
    media = iid.content / "media" / SLUG
    shutil.move(media, tmp_path / "luar")
    media.symlink_to(tmp_path / "luar", target_is_directory=True)
    result = check(iid)
    assert result.code == 1
    assert all("tautan simbolik (symlink)" in line for line in errors_about(result)) and errors_about(result)


def test_a_socket_is_never_read_as_evidence(iid: Catalog) -> None:
    path = iid.content / "media" / SLUG / "bukti" / "perwako-12-2025.pdf"
    path.unlink()
    here = os.getcwd()
    os.chdir(path.parent)  # a socket's path is limited to about 100 bytes: bound by its name in its folder
    try:
        server = socket.socket(socket.AF_UNIX)
        server.bind(path.name)
    finally:
        os.chdir(here)
    with server:
        result = check(iid)
    assert errors_about(result) == [
        f"{INNOVATION}:{BERKAS_AT}: error: indikator.regulasi.bukti[0].berkas: 'perwako-12-2025.pdf' bukan berkas biasa "
        "(misalnya folder, pipa bernama atau perangkat); unggah dokumennya sebagai berkas"]


def test_a_sparse_ten_gib_file_is_judged_by_its_size_without_being_read(iid: Catalog) -> None:
    path = iid.content / "media" / SLUG / "bukti" / "perwako-12-2025.pdf"
    with path.open("r+b") as f:
        f.truncate(10 * 1024 ** 3)
    result = check(iid)
    bounded(result)
    assert [line.split(": error: ")[1][:60] for line in errors_about(result)] == [
        "indikator: berkas bukti inovasi ini seluruhnya 10240 MiB; ba",
        "indikator.regulasi.bukti[0].berkas: berkas bukti 'perwako-12",
    ]


def test_a_bukti_that_is_a_file_is_one_line_not_one_per_evidence_item(iid: Catalog) -> None:
    folder = iid.content / "media" / SLUG / "bukti"
    shutil.rmtree(folder)
    folder.write_bytes(PDF)
    assert errors_about(check(iid)) == [
        f"{INNOVATION}:54:3: error: indikator: {BUKTI.rstrip('/')} harus berupa folder berisi berkas bukti, tetapi 'bukti' "
        f"di sana bukan folder; hapus 'bukti' lalu unggah berkas buktinya ke folder {BUKTI}"]


@pytest.mark.parametrize("name", [
    "../../katalog.yml", "..pdf", "%2e%2e%2fkatalog.pdf", "perw\u0430ko.pdf", "a\\nb.pdf", "PERWAKO.PDF", ".rahasia.pdf",
    "a" * 250 + ".pdf", "bukti/perwako-12-2025.pdf", "/etc/passwd.pdf",
])
def test_evidence_names_that_leave_their_folder_are_never_looked_up(iid: Catalog, name: str) -> None:
    iid.innovation(SLUG, iid.content.joinpath("inovasi", f"{SLUG}.yml").read_text("utf-8").replace(
        "berkas: perwako-12-2025.pdf", f'berkas: "{name}"'))
    result = check(iid)
    bounded(result)
    found = errors_about(result)
    assert len(found) == 1 and found[0].startswith(f"{INNOVATION}:{BERKAS_AT}: error: indikator.regulasi.bukti[0].berkas: ")
    assert "tidak ditemukan" not in found[0]  # nothing was looked up under that name


def test_ten_thousand_files_in_bukti_give_a_bounded_number_of_lines(iid: Catalog) -> None:
    folder = iid.content / "media" / SLUG / "bukti"
    for n in range(10_000):
        (folder / f"lampiran-{n}.pdf").write_bytes(PDF)
    result = check(iid)
    bounded(result)
    assert result.code == 0
    assert len(result.about(INNOVATION)) <= MAX_FOLDER_ENTRIES + 2  # the strays looked at, one line for the rest
    assert any(f"berisi lebih dari {MAX_FOLDER_ENTRIES} entri" in line for line in result.warnings)


def _every_indicator_names(name: str, times: int) -> str:
    """An indikator block where every indicator of 2026 names ``name`` ``times`` times."""
    from generator.content import read_source
    from generator.iid import edition_from_data

    edition = edition_from_data(read_source(ROOT / "content" / "iid" / "2026.yml").data)
    item = f"      - berkas: {name}\n        keterangan: Dokumen yang sama\n"
    return "indikator:\n" + "".join(
        f"  {d.kunci}:\n" + ("    basis: a\n" if d.basis else "") + "    nilai: 1\n    bukti:\n" + item * times
        for d in edition.indikator)


def test_one_file_named_by_every_item_of_every_indicator_is_bounded_as_it_would_be_exported(iid: Catalog) -> None:
    # 5 MiB named 20 × 20 times: 2 GiB of folder and as much zip from 5 MiB of repository, before this rule
    path = iid.content / "media" / SLUG / "bukti" / "perwako-12-2025.pdf"
    with path.open("r+b") as f:
        f.truncate(5 * 1024 * 1024)
    iid.innovation(SLUG, VALID + _every_indicator_names("perwako-12-2025.pdf", 20))
    (iid.content / "media" / SLUG / "bukti" / "laporan-manfaat.pdf").unlink()
    result = check(iid)
    bounded(result)
    assert errors_about(result) == [
        f"{INNOVATION}:54:3: error: indikator: berkas bukti yang sama disebut oleh banyak indikator: untuk portal IID "
        f"setiap indikator mendapat salinannya sendiri, seluruhnya 100 MiB; batasnya {MAX_EVIDENCE_EXPORT_BYTES >> 20} MiB "
        "per inovasi: sebut berkas besar hanya pada indikator yang memintanya, atau perkecil berkasnya"]
    repeated = [line for line in result.warnings if "sudah disebut di butir bukti sebelumnya" in line]
    assert len(repeated) == 20 * 19


def test_a_file_named_twice_in_one_indicator_is_exported_once(catalog: Catalog) -> None:
    cat = with_report_catalog(catalog)
    path = cat.content / "inovasi" / "antrean-daring.yml"
    text = path.read_text("utf-8")
    twice = "      - berkas: perwako-12-2025.pdf\n        keterangan: Peraturan Wali Kota Nomor 12 Tahun 2025\n"
    path.write_text(text.replace(twice, twice * 2, 1), "utf-8")
    assert any("'perwako-12-2025.pdf' sudah disebut di butir bukti sebelumnya" in line for line in check(cat).warnings)
    done = run_main(cat, "laporan", "--tanggal", TODAY, "--out", "keluaran")
    assert done.code == 0, done.out + done.err
    names = zipfile.ZipFile(cat.root / "keluaran" / "bukti-iid-2026.zip").namelist()
    assert [n for n in names if n.startswith("bukti/antrean-daring/16-")] == [
        "bukti/antrean-daring/16-regulasi-1.pdf", "bukti/antrean-daring/16-regulasi-2.png"]


# --- verification records ----------------------------------------------------------------------------

RECORD = f"content/verifikasi/{SLUG}.yml"


def record_entry(sidik: str = "sha256:" + "a" * 64) -> str:
    return f"    status: diterima\n    catatan: Sesuai\n    oleh: '@a'\n    tanggal: 2026-05-04\n    sidik: {sidik}\n"


@pytest.mark.parametrize(("text", "line"), [
    ("{}\n", f"{RECORD}:1:1: error: (berkas): berkas catatan verifikasi ini kosong; tulis catatannya dengan perintah katalog "
             "verifikasi, atau hapus berkas ini"),
    ("indikator:\n" + "".join(f"  k{n}:\n{record_entry()}" for n in range(1500)),
     f"{RECORD}:1:1: error: indikator: 1500 catatan indikator; paling banyak 60 (satu per indikator edisi): hapus catatan "
     "yang tidak dipakai"),
    ("indikator:\n  regulasi: &a\n" + record_entry() + "  sdm: *a\n",
     f"{RECORD}:8:8: error: indikator.sdm: anchor dan alias YAML (&nama, *nama) tidak diizinkan; tulis nilainya langsung"),
    ("indikator:\n  regulasi:\n" + record_entry() + "  regulasi:\n" + record_entry(),
     f"{RECORD}:8:3: error: indikator.regulasi: kunci 'regulasi' ditulis dua kali (pertama di baris 2); hapus salah satunya"),
])
def test_hostile_records_are_one_located_line_each(iid: Catalog, text: str, line: str) -> None:
    iid.write(f"verifikasi/{SLUG}.yml", text)
    result = check(iid)
    bounded(result)
    assert line in result.lines


def test_a_record_that_is_a_link_is_refused(iid: Catalog) -> None:
    (iid.content / "verifikasi").mkdir()
    (iid.content / "verifikasi" / f"{SLUG}.yml").symlink_to("/etc/passwd")
    assert errors_about(check(iid), RECORD) == [
        f"{RECORD}:1:1: error: (berkas): tautan simbolik (symlink) tidak diizinkan di folder konten; salin berkasnya ke sini"]


def test_a_record_named_with_a_line_break_is_shown_on_one_line(iid: Catalog) -> None:
    iid.write("verifikasi/x\ny.yml", "inovasi:\n" + record_entry().replace("    ", "  "))
    result = check(iid)
    bounded(result)
    assert "content/verifikasi/x⟨U+000A⟩y.yml:1:1: error: (berkas): tidak ada inovasi 'x⟨U+000A⟩y'" in result.out


def test_a_sidik_copied_from_another_indicator_does_not_verify(iid: Catalog) -> None:
    """A forged entry for kemanfaatan carrying regulasi's valid fingerprint: the fingerprint names its indicator."""
    from generator.content import load_content
    from generator.verification import catalog_verification

    assert verify(iid, "--indikator", "regulasi", "--status", "diterima", "--catatan", "Sesuai", *REVIEWER).code == 0
    path = iid.content / "verifikasi" / f"{SLUG}.yml"
    text = path.read_text("utf-8")
    sidik = text.split("sidik: ")[1].split("\n")[0]
    path.write_text(text + "  kemanfaatan:\n" + record_entry(sidik), "utf-8")
    assert check(iid).code == 0  # well-formed: only the fingerprint tells
    state = catalog_verification(load_content(iid.content), 2026)[SLUG]
    assert (state.of("regulasi").state, state.of("kemanfaatan").state) == ("diterima", "kedaluwarsa")


# --- edition and region files ------------------------------------------------------------------------

EDITION = "content/iid/2026.yml"


@pytest.mark.parametrize(("old", "new", "line"), [
    ("bobot: 3\n", "bobot: .nan\n", f"{EDITION}:64:12: error: indikator[0].bobot: .nan bukan angka; tulis angka biasa, "
                                    "misalnya 1 atau 0.75"),
    ("poin_per_inovasi: 0.38", "poin_per_inovasi: .NaN", f"{EDITION}:40:23: error: daerah.jumlah_inovasi.poin_per_inovasi: "
                                                         ".NaN bukan angka; tulis angka biasa, misalnya 1 atau 0.75"),
    ("bobot: 3\n", "bobot: .inf\n", f"{EDITION}:64:12: error: indikator[0].bobot: inf terlalu besar; maksimal 100"),
    ("bobot: 3\n", "bobot: -3\n", f"{EDITION}:64:12: error: indikator[0].bobot: bobot -3 tidak sah; harus lebih dari 0"),
    ("minimal: 40.01", "minimal: 90", f"{EDITION}:51:16: error: daerah.kategori[1].minimal: batas 90 tidak lebih kecil dari "
                                      "batas kategori sebelumnya (65.01)"),
])
def test_edition_numbers_that_are_not_weights_are_refused_at_their_line(iid: Catalog, old: str, new: str, line: str) -> None:
    path = iid.content / "iid" / "2026.yml"
    path.write_text(path.read_text("utf-8").replace(old, new, 1), "utf-8")
    result = check(iid)
    bounded(result)
    assert any(found.startswith(line) for found in result.lines), result.out


def test_an_edition_of_fifteen_hundred_indicators_is_refused_in_bounded_output(iid: Catalog) -> None:
    path = iid.content / "iid" / "2026.yml"
    text = path.read_text("utf-8")
    extra = "".join(f"  - nomor: {100 + n}\n    kunci: x{n}\n    nama: Indikator {n}\n    bobot: 1\n    wajib: false\n"
                    f"    parameter: [a, b, c]\n    bukti: {{jenis: [pdf], keterangan: abc}}\n" for n in range(1500))
    path.write_text(text.replace("\nindikator:\n", "\nindikator:\n" + extra, 1), "utf-8")
    result = check(iid)
    bounded(result)
    assert f"{EDITION}:61:3: error: indikator: daftar ini terlalu panjang (1520 butir); maksimal 100 butir" in result.lines
    assert len(result.about(EDITION)) <= 202


def test_a_region_file_with_too_many_rows_is_one_line_not_a_dump_of_the_mapping(iid: Catalog) -> None:
    from generator.content import read_source

    keys = [row["kunci"] for row in read_source(ROOT / "content" / "iid" / "2026.yml").data["spd"]]
    rows = "".join(f'  "{k}": 1\n' for k in keys) + "".join(f"  x{n}: 1\n" for n in range(100))
    iid.write("iid/daerah-2026.yml", "spd:\n" + rows)
    result = check(iid)
    bounded(result)
    assert ("content/iid/daerah-2026.yml:2:3: error: spd: terlalu banyak baris; paling banyak 100 baris SPD (edisi 2026 punya "
            "20)") in result.lines


@pytest.mark.parametrize(("old", "new"), [
    ("selesai: 2026-08-23", "selesai: 9999-12-31"),
    ("mulai: 2026-06-20", "mulai: 0001-01-01"),
    ("penerapan_selesai: 2025-12-31", "penerapan_selesai: 9999-12-31"),
])
def test_dates_at_the_ends_of_the_calendar_still_give_a_report(catalog: Catalog, old: str, new: str) -> None:
    cat = with_report_catalog(catalog)
    path = cat.content / "iid" / "2026.yml"
    path.write_text(path.read_text("utf-8").replace(old, new, 1), "utf-8")
    done = run_main(cat, "laporan", "--tanggal", TODAY, "--out", "keluaran")
    assert done.code == 0 and "Traceback" not in done.err, done.err
    assert (cat.root / "keluaran" / "iid-2026.xlsx").is_file()


# --- hostile texts in the site, the report and the workbook ------------------------------------------

#: Markup, a Markdown link, a template and a spreadsheet formula at once.
HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(2)> [x](javascript:alert(3)) {{ 7*7 }}"
FORMULA = "=cmd|' /C calc'!A0"
#: A PDF whose bytes are also an HTML page with a script (a polyglot).
POLYGLOT = b"%PDF-1.4\n<html><body><script>alert(document.domain)</script></body></html>\n%%EOF\n"


def _quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def hostile_catalog(root: Path) -> Catalog:
    """test_iid_export's report catalog with every edition text an attack, a polyglot PDF and an HTML file in bukti/."""
    cat = with_report_catalog(new_catalog(root))
    path = cat.content / "iid" / "2026.yml"
    text = path.read_text("utf-8")
    for old, new in [
        ("nama: Indeks Inovasi Daerah 2026", f"nama: {_quoted('IID ' + HOSTILE)}"),
        ("nama: Regulasi Inovasi Daerah", f"nama: {_quoted(FORMULA + ' ' + HOSTILE)}"),
        ("      - Peraturan Kepala Daerah (Perkada)\n", f"      - {_quoted(FORMULA + ' Perkada ' + HOSTILE)}\n"),
        ("  belum_pasti: Jadwal 2026 belum diumumkan; tanggal mengikuti pola 2025.", f"  belum_pasti: {_quoted(HOSTILE)}"),
        ("    - nama: Sangat Inovatif", "    - nama: '<svg onload=alert(6)>'"),
    ]:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path.write_text(text, "utf-8")
    cat.write("media/antrean-daring/bukti/perwako-12-2025.pdf", POLYGLOT)
    cat.write("media/antrean-daring/bukti/halaman.html", b"<script>alert(7)</script>")
    for args in (("--inovasi",), ("--indikator", "regulasi")):  # the evidence changed: verified again, note hostile
        done = run_main(cat, "verifikasi", "antrean-daring", *args, "--status", "diterima", "--catatan", FORMULA + " " + HOSTILE,
                        "--oleh", "@rina-bapperida", "--tanggal", TODAY)
        assert done.code == 0, done.err
    require = cat.run_here("build")
    assert require.returncode == 0, require.stderr
    done = run_main(cat, "laporan", "--tanggal", TODAY, "--out", "keluaran")
    assert done.code == 0, done.err
    return cat


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    return Catalog(shared_folder(tmp_path_factory, "iid-serangan", lambda folder: hostile_catalog(folder / "proyek")) / "proyek")


def active_content(path: Path) -> list[str]:
    """Script elements, event handlers and script or data URLs of an HTML file, as parsed by a browser's algorithm."""
    document = html5lib.parse(path.read_bytes(), namespaceHTMLElements=False)
    found = []
    for element in document.iter():
        if not isinstance(element.tag, str):
            continue
        for name, value in element.attrib.items():
            if name.lower().startswith("on"):
                found.append(f"<{element.tag} {name}>")
            if name in ("href", "src", "action", "formaction", "xlink:href") and href_scheme(value) in {"javascript", "data"}:
                found.append(f"<{element.tag} {name}={value[:40]}>")
        if element.tag == "script" and "alert" in (element.text or ""):
            found.append("<script>alert")
        if element.tag in ("svg", "img") and "alert" in " ".join(element.attrib.values()):
            found.append(f"<{element.tag}>")
    return found


def page_text(path: Path) -> str:
    return "".join(html5lib.parse(path.read_bytes(), namespaceHTMLElements=False).itertext())


@pytest.mark.parametrize("page", ["iid/index.html", "inovasi/antrean-daring/index.html"])
def test_edition_texts_reach_the_site_as_text(hostile: Catalog, page: str) -> None:
    path = hostile.root / "site" / page
    assert active_content(path) == []
    assert f"IID {HOSTILE}" in page_text(path)


def test_the_panel_shows_hostile_indicator_names_parameters_and_notes_as_text(hostile: Catalog) -> None:
    text = page_text(hostile.root / "site" / "inovasi" / "antrean-daring" / "index.html")
    for shown in (f"{FORMULA} {HOSTILE}", f"{FORMULA} Perkada {HOSTILE}"):
        assert shown in text


def test_the_report_is_inert_and_shows_the_texts(hostile: Catalog) -> None:
    report = hostile.root / "keluaran" / "laporan-iid-2026.html"
    assert active_content(report) == []
    assert "default-src 'none'" in report.read_text("utf-8")  # and nothing may load or run even if it were not
    assert f"{FORMULA} Perkada {HOSTILE}" in page_text(report)


def test_workbook_cells_from_hostile_texts_are_strings_never_formulas(hostile: Catalog) -> None:
    path = hostile.root / "keluaran" / "iid-2026.xlsx"
    book = load_workbook(path)
    cells = [c for sheet in book for row in sheet.iter_rows() for c in row if isinstance(c.value, str) and "cmd|" in c.value]
    assert {c.value for c in cells} >= {f"{FORMULA} {HOSTILE}", f"{FORMULA} Perkada {HOSTILE}"}
    assert all(c.data_type == "s" for c in cells)
    assert all(c.quotePrefix for c in cells if c.value.startswith("="))
    with zipfile.ZipFile(path) as archive:
        sheets = [archive.read(n).decode("utf-8") for n in archive.namelist() if n.startswith("xl/worksheets/")]
    assert sheets and not any("<f>" in s or "<f " in s for s in sheets)


def test_a_polyglot_pdf_is_published_only_as_a_pdf_and_html_in_bukti_never(hostile: Catalog) -> None:
    """Pages serve a .pdf as application/pdf, which a browser shows in its PDF viewer (outside the site's origin)
    and never sniffs as HTML; the site publishes evidence only under the names the schema allows (.pdf .jpg .jpeg .png)."""
    published = hostile.root / "site" / "inovasi" / "antrean-daring" / "bukti"
    assert (published / "perwako-12-2025.pdf").read_bytes() == POLYGLOT
    assert sorted(p.suffix for p in published.iterdir()) and {p.suffix for p in published.iterdir()} <= {".pdf", ".png"}
    assert not list((hostile.root / "site").rglob("halaman.html"))
    page = html5lib.parse((hostile.root / "site" / "inovasi" / "antrean-daring" / "index.html").read_bytes(),
                          namespaceHTMLElements=False)
    links = [a.get("href", "") for a in page.iter("a") if a.get("href", "").startswith("bukti/")]
    assert "bukti/perwako-12-2025.pdf" in links and all(link.endswith((".pdf", ".png")) for link in links)


def test_the_zip_holds_only_paths_inside_bukti(hostile: Catalog) -> None:
    with zipfile.ZipFile(hostile.root / "keluaran" / "bukti-iid-2026.zip") as archive:
        names = archive.namelist()
    assert names and all(n.startswith("bukti/") and ".." not in n.split("/") and not n.startswith("/") for n in names)
    assert all(n.rsplit(".", 1)[1] in ("pdf", "png", "jpg") for n in names)


# --- hostile arguments and output folders ------------------------------------------------------------


@pytest.mark.parametrize("out", ["akar", "akar/content/media", "situs", "dokumen", "dokumen/penting.docx"])
def test_laporan_never_writes_into_a_folder_it_did_not_write(catalog: Catalog, out: str) -> None:
    cat = with_report_catalog(catalog)
    (cat.root / "akar").symlink_to(cat.root, target_is_directory=True)  # a link to the project: holds content/
    (cat.root / "situs").mkdir()
    (cat.root / "situs" / "index.html").write_text("situs lama")
    (cat.root / "dokumen").mkdir()
    (cat.root / "dokumen" / "penting.docx").write_text("milik pengguna")
    before = sorted(str(p) for p in cat.root.rglob("*") if "keluaran" not in p.parts)
    done = run_main(cat, "laporan", "--tanggal", TODAY, "--out", out)
    assert done.code == 2, done.out + done.err
    assert done.err.startswith("katalog: ") and done.err.count("\n") == 1
    assert sorted(str(p) for p in cat.root.rglob("*") if "keluaran" not in p.parts) == before


@pytest.mark.parametrize("slug", ["../../etc", "../verifikasi/x", "a;rm -rf x", "$(touch dipanggil)", "x\ny"])
def test_verifikasi_takes_a_slug_as_a_name_never_as_a_path_or_a_command(iid: Catalog, slug: str) -> None:
    done = run_main(iid, "verifikasi", slug, "--status", "diterima", "--catatan", "Sesuai", *REVIEWER)
    assert done.code == 2 and done.err.startswith("katalog: inovasi '") and done.err.count("\n") == 1, done.err
    assert not (iid.content / "verifikasi").exists() and not (iid.root / "dipanggil").exists()


def test_codeowners_behind_a_linked_github_folder_is_neither_read_nor_written(catalog: Catalog, tmp_path: Path) -> None:
    cat = with_iid(catalog, verifikator=True)
    elsewhere = tmp_path / "di-luar"
    elsewhere.mkdir()
    (elsewhere / "CODEOWNERS").write_text("* @pemilik\n")
    (cat.root / ".github").symlink_to(elsewhere, target_is_directory=True)
    result = check(cat)
    assert result.errors == [
        ".github/CODEOWNERS:1:1: error: (berkas): berkas ini tidak dapat dibaca sebagai teks UTF-8 (atau berkas atau "
        "foldernya tautan simbolik), jadi blok verifikator IID (@contoh/verifikator-iid) tidak dapat diperiksa; ganti dengan "
        "berkas teks biasa di folder biasa lalu jalankan katalog build"]
    from generator.content import load_content
    from generator.verification import write_codeowners

    assert write_codeowners(load_content(cat.content)) is None  # what katalog build calls
    assert (elsewhere / "CODEOWNERS").read_text() == "* @pemilik\n"


# --- a pull request that changes what only the verifiers may change ----------------------------------


@pytest.fixture
def repo(catalog: Catalog) -> Catalog:
    """main: the IID catalog with a verifier, its CODEOWNERS block, an accepted indicator and a returned one; a branch."""
    cat = with_iid(catalog, verifikator=True)
    from generator.content import load_content
    from generator.verification import write_codeowners

    write_codeowners(load_content(cat.content))
    assert verify(cat, "--indikator", "regulasi", "--status", "diterima", "--catatan", "Sesuai", *REVIEWER).code == 0
    assert verify(cat, "--indikator", "kemanfaatan", "--status", "dikembalikan", "--catatan", "Kurang", *REVIEWER).code == 0
    git(cat, "init", "-q", "-b", "main")
    git(cat, "add", "-A")
    git(cat, "commit", "-q", "-m", "Dasar")
    git(cat, "checkout", "-q", "-b", "usulan")
    return cat


def guarded(cat: Catalog) -> list[str]:
    result = check(cat, "--dasar", "main")
    bounded(result)
    return [line for line in result.lines if "dalam perubahan ini" in line]


GUARD = ("hanya verifikator IID (@contoh/verifikator-iid) yang boleh mengubah {what}: pastikan pengusul perubahan ini "
         "verifikator IID; CODEOWNERS hanya mencegah perubahan lain bila cabang utama dilindungi (branch protection)")


EDITED = (f"{RECORD}:13:3: warning: indikator.kemanfaatan: catatan verifikasi Bapperida diubah dalam perubahan ini (diubah: "
          f"kemanfaatan (dikembalikan → diterima)); {GUARD.format(what='content/verifikasi/')}, dan catatannya ditulis dengan "
          "katalog verifikasi")


def test_a_record_edited_by_hand_is_shown_to_the_reviewer(repo: Catalog) -> None:
    path = repo.content / "verifikasi" / f"{SLUG}.yml"
    path.write_text(path.read_text("utf-8").replace("status: dikembalikan", "status: diterima"), "utf-8")
    assert guarded(repo) == [EDITED]
    assert f"```text\n{EDITED}\n```" in (ROOT / "CONTRIBUTING.md").read_text("utf-8")  # the guide shows this very line


def test_a_record_forged_with_the_command_is_shown_to_the_reviewer(repo: Catalog) -> None:
    """Anyone can run katalog verifikasi: the fingerprint matches, so only review stops it."""
    assert verify(repo, "--inovasi", "--status", "diterima", "--catatan", "Sesuai", "--oleh", "@rina-bapperida").code == 0
    assert guarded(repo) == [
        f"{RECORD}:6:1: warning: inovasi: catatan verifikasi Bapperida diubah dalam perubahan ini (ditambah: inovasi "
        f"(diterima)); {GUARD.format(what='content/verifikasi/')}, dan catatannya ditulis dengan katalog verifikasi"]


def test_a_deleted_record_is_shown_with_the_decisions_it_removes(repo: Catalog) -> None:
    (repo.content / "verifikasi" / f"{SLUG}.yml").unlink()
    assert guarded(repo) == [
        f"{RECORD}:1:1: warning: (berkas): catatan verifikasi Bapperida dihapus dalam perubahan ini (dihapus: regulasi "
        f"(diterima), kemanfaatan (dikembalikan)); {GUARD.format(what='content/verifikasi/')}, dan catatannya ditulis dengan "
        "katalog verifikasi"]


def test_edition_katalog_block_and_codeowners_changes_are_shown_to_the_reviewer(repo: Catalog) -> None:
    path = repo.content / "iid" / "2026.yml"
    path.write_text(path.read_text("utf-8").replace("bobot: 3\n", "bobot: 4\n", 1), "utf-8")
    repo.write("katalog.yml", KATALOG + 'iid:\n  edisi: 2026\n  verifikator: "@penyusup"\n')
    codeowners = repo.root / ".github" / "CODEOWNERS"
    codeowners.write_text(codeowners.read_text("utf-8").replace("@contoh/verifikator-iid", "@penyusup"), "utf-8")
    git(repo, "commit", "-q", "-am", "Ubah bobot dan verifikator")
    assert guarded(repo) == [
        ".github/CODEOWNERS:1:1: warning: (berkas): CODEOWNERS diubah dalam perubahan ini: berkas ini menentukan siapa yang "
        f"harus menyetujui catatan verifikasi, definisi IID dan katalog.yml; {GUARD.format(what='berkas ini')}",
        f"{EDITION}:1:1: warning: (berkas): definisi edisi IID (2026.yml) diubah dalam perubahan ini: bobot, parameter, syarat "
        "dan nilai di content/iid/ menentukan setiap skor dan proyeksi; " + GUARD.format(what="content/iid/"),
        "content/katalog.yml:9:1: warning: iid: blok iid diubah dalam perubahan ini (verifikator: '@contoh/verifikator-iid' → "
        "'@penyusup'): blok ini memilih edisi yang berlaku, menampilkan skor dan menentukan verifikator; "
        + GUARD.format(what="blok iid di content/katalog.yml"),
    ]


def test_a_change_that_leaves_protected_files_alone_gets_no_such_warning(repo: Catalog) -> None:
    path = repo.content / "inovasi" / f"{SLUG}.yml"
    path.write_text(path.read_text("utf-8").replace("Salinan di JDIH", "Salinan resmi di JDIH"), "utf-8")
    assert guarded(repo) == []
    assert subprocess.run(["git", "status", "--short"], cwd=repo.root, capture_output=True, text=True).stdout.strip()
    assert os.path.isfile(repo.root / ".github" / "CODEOWNERS")


def test_a_change_of_hundreds_of_records_is_shown_in_bounded_lines(repo: Catalog) -> None:
    for n in range(150):
        repo.write(f"verifikasi/palsu-{n:03}.yml", "inovasi:\n" + record_entry().replace("    ", "  "))
    lines = guarded(repo)
    assert len(lines) == 101
    assert lines[-1].startswith("content/verifikasi/palsu-100.yml:1:1: warning: (berkas): dan 50 berkas lain di "
                                "content/verifikasi/ berubah dalam perubahan ini; hanya verifikator IID")


def test_a_hand_written_page_cannot_take_the_place_of_the_iid_page(iid: Catalog) -> None:
    """content/halaman/iid.md was published at /iid/ over the generated projection (a fake 'IID 99,99')."""
    iid.write("halaman/iid.md", "# Kesiapan IID\n\nIID 99,99 (Sangat Inovatif).\n")
    assert check(iid).errors == [
        "content/halaman/iid.md:1:1: error: (berkas): nama halaman 'iid' sudah dipakai situs (alamat /iid/ atau berkas buatan "
        "generator); pilih nama lain"]


def test_a_crowded_bukti_folder_gives_the_same_lines_whatever_order_the_file_system_lists_it(iid: Catalog,
                                                                                              monkeypatch) -> None:
    from generator.rules import iid as rules

    folder = iid.content / "media" / SLUG / "bukti"
    names = [f"lampiran-{n:03}.pdf" for n in range(MAX_FOLDER_ENTRIES + 100)]
    for name in names:
        (folder / name).write_bytes(PDF)
    real = os.scandir

    class Reversed:
        """os.scandir listing the folder in the reverse of its own order."""

        def __init__(self, path: object) -> None:
            self._it = real(path)  # type: ignore[call-overload]

        def __enter__(self):
            entries = list(self._it)
            self._it.close()
            return iter(entries[::-1])

        def __exit__(self, *exc: object) -> None:
            pass

    assert rules._existing(folder) == sorted(n for n in os.listdir(folder) if not n.startswith("."))[:MAX_FOLDER_ENTRIES]
    before = rules._existing(folder)
    monkeypatch.setattr(rules.os, "scandir", Reversed)
    assert rules._existing(folder) == before
