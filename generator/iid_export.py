"""``katalog laporan``: Bapperida's internal IID report and the export for the national portal.

When the reporting window opens, Bapperida copies each innovation into the IID
portal by hand. ``katalog laporan --out DIR`` writes, from content that passed
``katalog check``:

* ``laporan-iid-<edisi>.html``: the full internal report (every numeric score,
  whatever ``iid.skor_publik`` says): claimed and verified projections, the
  per-unit recap, every innovation's indicators, eligibility, improvements and
  verification states. HTML because a reviewer opens it with a double click;
  every value from content is escaped and the page runs no script;
* ``iid-<edisi>.xlsx``: the workbook in the portal's order (sheets ``Profil``,
  ``Indikator``, ``Ringkasan``), eligible innovations only;
* ``bukti/<slug>/<nomor>-<kunci>-<n>.<ext>``: every evidence file of the exported
  innovations, named by innovation and indicator number, and
  ``bukti-iid-<edisi>.zip`` holding that folder, ready to upload.

Samples (``contoh: true``) are never exported, unless ``--contoh`` asks for a dry
run: then they count as if real, and every file says DATA CONTOH (file names end
in ``-contoh``, each sheet and the report open with a warning line).

The output folder is written whole or not at all: everything goes into a
staging folder beside it, which then takes its place. A folder is replaced only
when it is empty or a previous ``katalog laporan`` output (every file in it is
listed in its manifest, :data:`MANIFEST`): the command never deletes what it
did not write.

Cells of the workbook are inert: every text cell is a string cell (a value
starting with ``=`` never becomes a formula), text that a spreadsheet could take
for a formula when edited gets Excel's quote prefix, and characters XML forbids
are removed.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import tempfile
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from copy import copy
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from pathlib import Path, PurePosixPath
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markdown_it import MarkdownIt
from markdown_it.token import Token
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from .content import EVIDENCE_FOLDER, EVIDENCE_KINDS, FILE_KINDS, load_content
from .iid import Projection, angka, poin
from .location import OutputDirError, refuse_unsafe_output
from .model import Catalog, Innovation, build_catalog
from .output import remove_orphans, staging_prefix, swap_in
from .problems import Problem
from .readiness import IndicatorReadiness, InnovationReadiness, Readiness, readiness
from .rules import check_content
from .schema import label
from .template_cache import template_cache
from .text import tanggal
from .verification import read_evidence

#: The manifest of a folder ``katalog laporan`` wrote: the only files it will ever replace there.
MANIFEST = ".katalog-laporan.json"
#: The most characters a spreadsheet cell holds.
MAX_CELL = 32_767
#: Characters XML 1.0 forbids (and lone surrogates, which UTF-8 cannot carry): removed from every cell.
_XML_FORBIDDEN_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
#: First characters that make a spreadsheet read typed text as a formula (CSV/formula injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: The warning every sample file opens with.
SAMPLE_WARNING = "DATA CONTOH: bukan data resmi; jangan diunggah ke portal IID"


class ReportError(Exception):
    """Nothing was written; ``problems`` lists the content's errors when the content is at fault (exit 1)."""

    def __init__(self, message: str, problems: list[Problem] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


# --- what is exported (pure) ------------------------------------------------------------------


@dataclass(frozen=True)
class EvidenceCopy:
    """One evidence file of an exported innovation, and the name it is exported under."""

    slug: str
    nomor: int
    kunci: str
    #: Its place among the indicator's files (1, 2, ...).
    n: int
    #: The file's name in ``content/media/<slug>/bukti/``.
    berkas: str

    @property
    def name(self) -> str:
        """``16-regulasi-1.pdf``: indicator number, key, place, the source's extension in lower case."""
        return f"{self.nomor}-{self.kunci}-{self.n}{PurePosixPath(self.berkas).suffix.lower()}"

    @property
    def path(self) -> str:
        """Path inside the output folder: ``bukti/<slug>/<name>``."""
        return f"{EVIDENCE_FOLDER}/{self.slug}/{self.name}"


def evidence_copies(item: InnovationReadiness) -> tuple[EvidenceCopy, ...]:
    """The evidence files of one innovation, in indicator number order, then in the order written."""
    out: list[EvidenceCopy] = []
    for row in item.indikator:
        files = list(dict.fromkeys(e.berkas for e in row.bukti if e.berkas))  # a file named twice is uploaded once
        out.extend(EvidenceCopy(item.slug, row.definisi.nomor, row.definisi.kunci, n, name)
                   for n, name in enumerate(files, start=1))
    return tuple(out)


@dataclass(frozen=True)
class Export:
    """The report's content: the readiness, what goes to the portal and what is left out, and why."""

    catalog: Catalog
    siap: Readiness
    #: Innovations in the workbook and the evidence folder, in name order.
    diekspor: tuple[InnovationReadiness, ...]
    #: Samples left out (``contoh: true``; none with ``--contoh``).
    contoh: tuple[InnovationReadiness, ...]
    #: Innovations that are not samples but not eligible either, with their reasons.
    tidak_layak: tuple[InnovationReadiness, ...]
    #: ``--contoh``: samples were counted and exported as if real.
    uji_coba: bool

    @property
    def edisi(self) -> int:
        return self.siap.edition.edisi

    @property
    def copies(self) -> tuple[EvidenceCopy, ...]:
        return tuple(c for item in self.diekspor for c in evidence_copies(item))

    @property
    def hanya_contoh(self) -> bool:
        """Every innovation is a sample (and samples are left out): the workbook has no rows."""
        return not self.uji_coba and bool(self.contoh) and not self.diekspor and not self.tidak_layak

    def file_names(self) -> FileNames:
        return FileNames(self.edisi, self.uji_coba)


@dataclass(frozen=True)
class FileNames:
    """The names of the report's files (``-contoh`` at the end of a dry run's)."""

    edisi: int
    contoh: bool

    @property
    def _tail(self) -> str:
        return f"{self.edisi}-contoh" if self.contoh else f"{self.edisi}"

    @property
    def laporan(self) -> str:
        return f"laporan-iid-{self._tail}.html"

    @property
    def buku_kerja(self) -> str:
        return f"iid-{self._tail}.xlsx"

    @property
    def arsip(self) -> str:
        return f"bukti-iid-{self._tail}.zip"


def plan_export(catalog: Catalog, siap: Readiness) -> Export:
    """Split the innovations: exported (eligible, and not samples unless counted), samples, not eligible."""
    by_name = sorted(siap.inovasi, key=lambda i: i.inovasi.sort_key)
    return Export(
        catalog=catalog, siap=siap,
        diekspor=tuple(i for i in by_name if i.dihitung),
        contoh=tuple(i for i in by_name if i.contoh),
        tidak_layak=tuple(i for i in by_name if not i.contoh and not i.layak),
        uji_coba=siap.contoh_dihitung,
    )


# --- Markdown fields as plain text (pure) --------------------------------------------------------


@cache
def _markdown() -> MarkdownIt:
    # The renderer of the site (generator/text.py): what is Markdown there is Markdown here.
    return MarkdownIt("commonmark", {"html": False}).enable("table")


def _inline_plain(children: Iterable[Token]) -> str:
    """The text of an inline token: soft line breaks as spaces, a link's address after its text when they differ."""
    parts: list[str] = []
    href: str | None = None
    start = 0
    for child in children:
        if child.type in ("text", "code_inline", "image"):
            parts.append(child.content)
        elif child.type == "softbreak":
            parts.append(" ")
        elif child.type == "hardbreak":
            parts.append("\n")
        elif child.type == "link_open":
            href, start = str(child.attrGet("href") or ""), len(parts)
        elif child.type == "link_close":
            if href and href.removeprefix("mailto:") != "".join(parts[start:]).strip():
                parts.append(f" ({href})")
            href = None
    return "".join(parts)


def markdown_plain(text: str) -> str:
    """A Markdown field as the plain text a form field takes: paragraphs, list markers, table rows; no ``**``, ``#``.

    Paragraphs are separated by an empty line and reflowed (the line breaks of
    the YAML file are spaces); list items start with ``-`` or their number,
    indented two spaces per level; a table row is its cells joined by ``|``.
    """
    lines: list[str] = []
    lists: list[list[Any]] = []  # per open list: [bullet or None, last number]
    marker: str | None = None  # the marker of the list item whose first line comes next
    row: list[str] | None = None
    for token in _markdown().parse(text):
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            start = int(token.attrGet("start") or 1) if kind == "ordered_list_open" else 0
            lists.append(["-" if kind == "bullet_list_open" else None, start - 1])
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
            if not lists:
                lines.append("")
        elif kind == "list_item_open":
            lists[-1][1] += 1
            marker = lists[-1][0] or f"{lists[-1][1]}."
        elif kind == "tr_open":
            row = []
        elif kind == "tr_close" and row is not None:
            lines.append(" | ".join(row))
            row = None
        elif kind == "table_close":
            lines.append("")
        elif kind == "inline":
            content = _inline_plain(token.children or ())
            if row is not None:
                row.append(content.replace("\n", " ").strip())
                continue
            indent = "  " * max(0, len(lists) - 1)
            lead = f"{indent}{marker} " if marker else (indent + "  " if lists else "")
            marker = None
            lines.append(lead + content.strip())
        elif kind in ("paragraph_close", "heading_close") and not lists:
            lines.append("")
        elif kind in ("fence", "code_block"):
            lines.extend([*token.content.rstrip("\n").split("\n"), ""])
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


# --- the workbook (pure) ----------------------------------------------------------------------


def cell_text(value: str) -> str:
    """Text as a cell may hold it: no character XML forbids, at most :data:`MAX_CELL` characters."""
    clean = _XML_FORBIDDEN_RE.sub("", value)
    if len(clean) > MAX_CELL:
        tail = " … (dipotong; teks lengkap di berkas inovasi)"
        clean = clean[: MAX_CELL - len(tail)] + tail
    return clean


def two_places(value: Decimal) -> Decimal:
    """A score as the workbook stores it: two decimals, rounded half up (as the site shows it)."""
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


#: A cell's value: text, a whole number, a score, a day, or empty.
Value = str | int | Decimal | date | None


@dataclass(frozen=True)
class Column:
    """One column of a sheet: header, width (characters), number format for numbers and days."""

    header: str
    width: int
    number_format: str | None = None
    wrap: bool = True


_DAY = "DD/MM/YYYY"
_RUPIAH = "#,##0"
_SCORE = "0.00"
_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_WARNING_FONT = Font(bold=True, color="FFFFFF")
_WARNING_FILL = PatternFill("solid", fgColor="C00000")

PROFILE_COLUMNS = (
    Column("No", 5), Column("Nama inovasi", 40), Column("Perangkat daerah", 36), Column("Perangkat daerah lain", 30),
    Column("Urusan utama", 34), Column("Urusan beririsan", 34), Column("Bentuk inovasi", 30), Column("Jenis inovasi", 13),
    Column("Tematik", 26), Column("Inisiator", 18), Column("Nama inisiator", 30), Column("Tahapan", 12),
    Column("Waktu uji coba", 14, _DAY), Column("Waktu penerapan", 14, _DAY), Column("Waktu pengembangan", 14, _DAY),
    Column("Rancang bangun", 80, wrap=False), Column("Tujuan", 60, wrap=False), Column("Manfaat", 60, wrap=False),
    Column("Hasil", 60, wrap=False), Column("Sumber anggaran", 16), Column("Jumlah anggaran (Rp)", 18, _RUPIAH),
    Column("Folder bukti", 36), Column("Halaman katalog", 50), Column("Verifikasi inovasi", 26),
)
INDICATOR_COLUMNS = (
    Column("Nama inovasi", 40), Column("Folder bukti", 36), Column("No", 5), Column("Indikator", 40), Column("Bobot", 7),
    Column("Wajib", 7), Column("Nilai", 7), Column("Parameter (teks resmi)", 60), Column("Basis kemanfaatan", 30),
    Column("Poin", 7, _SCORE), Column("Berkas bukti", 28), Column("Tautan bukti", 45), Column("Keterangan bukti", 60),
    Column("Kekurangan bukti", 30), Column("Status verifikasi", 26), Column("Catatan verifikator", 40),
)
SUMMARY_COLUMNS = (Column("Ukuran", 44), Column("Diklaim", 14, _SCORE), Column("Terverifikasi", 14, _SCORE),
                   Column("Keterangan", 90))


#: A cell's style as openpyxl keeps it (indices into the workbook's style lists), by what decides it.
_Styles = dict[tuple[int, bool, bool], StyleArray]


def _put(ws: Worksheet, row: int, col: int, value: Value, column: Column, styles: _Styles) -> None:
    """Write one cell; text is always a string cell, never a formula; empty text is an empty cell.

    The style of the first cell of each kind (column, quote prefix, number
    format) is set through openpyxl and copied to the next ones: setting it
    anew on each of 20,000 rows takes most of the time of a workbook.
    """
    if value == "":
        value = None
    cell = ws.cell(row=row, column=col)
    quoted = False
    if isinstance(value, str):
        text = cell_text(value)
        cell.value = text
        cell.data_type = "s"  # openpyxl takes "=..." for a formula: this keeps it a string
        quoted = text.startswith(_FORMULA_START)
    else:
        cell.value = value
    formatted = value is not None and column.number_format is not None
    key = (col, quoted, formatted)
    known = styles.get(key)
    if known is not None:
        cell._style = copy(known)
        return
    if quoted:
        cell.quotePrefix = True  # and a spreadsheet keeps it text when the cell is edited
    if formatted and column.number_format:
        cell.number_format = column.number_format
    cell.alignment = Alignment(vertical="top", wrap_text=column.wrap)
    styles[key] = copy(cell._style)


def _sheet(ws: Worksheet, title: str, columns: Sequence[Column], rows: Iterable[Sequence[Value]], *, sample: bool,
           freeze_columns: int) -> None:
    """A sheet: a title line (the sample warning in a dry run), bold frozen headers, then the rows."""
    ws.title = title
    heading = ws.cell(row=1, column=1)
    heading.value = cell_text(SAMPLE_WARNING if sample else ws.parent.properties.title or title)
    heading.data_type = "s"
    heading.font = _WARNING_FONT if sample else _HEADER_FONT
    if sample:
        for col in range(1, len(columns) + 1):
            ws.cell(row=1, column=col).fill = _WARNING_FILL
    for col, column in enumerate(columns, start=1):
        cell = ws.cell(row=2, column=col)
        cell.value = column.header
        cell.data_type = "s"
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(vertical="top", wrap_text=True)
        ws.column_dimensions[get_column_letter(col)].width = column.width
    last = 2
    styles: _Styles = {}
    for last, values in enumerate(rows, start=3):
        for col, (value, column) in enumerate(zip(values, columns, strict=True), start=1):
            _put(ws, last, col, value, column, styles)
    ws.freeze_panes = ws.cell(row=3, column=freeze_columns + 1).coordinate
    ws.auto_filter.ref = f"A2:{get_column_letter(len(columns))}{max(last, 2)}"


def _lines(values: Iterable[str]) -> str:
    return "\n".join(values)


def _profile_row(number: int, export: Export, item: InnovationReadiness) -> list[Value]:
    i: Innovation = item.inovasi
    site = export.catalog.situs.rstrip("/")
    return [
        number, i.nama, i.unit.nama, _lines(u.nama for u in i.other_units), i.affair.nama, _lines(a.nama for a in i.irisan),
        label("bentuk", i.bentuk), label("jenis", i.jenis), label("tematik", i.tematik),
        label("inisiator.jenis", i.inisiator_jenis), i.inisiator_nama or "", label("tahapan", i.tahapan),
        i.uji_coba, i.penerapan, i.pengembangan,
        markdown_plain(i.rancang_bangun), markdown_plain(i.tujuan), markdown_plain(i.manfaat),
        markdown_plain(i.hasil) if i.hasil else "", label("anggaran.sumber", i.anggaran_sumber), i.anggaran_jumlah,
        f"{EVIDENCE_FOLDER}/{i.slug}/", f"{site}/inovasi/{i.slug}/", item.verifikasi.inovasi.label,
    ]


def _basis_text(row: IndicatorReadiness) -> str:
    return f"{row.basis.kunci}. {row.basis.nama}" if row.basis else ""


def _indicator_row(item: InnovationReadiness, row: IndicatorReadiness, names: dict[tuple[int, str], str]) -> list[Value]:
    definition = row.definisi
    shown = [names.get((definition.nomor, e.berkas), e.berkas) if e.berkas else (e.url or "") for e in row.bukti]
    verdict = row.verifikasi
    decided = verdict.state in ("diterima", "dikembalikan")
    return [
        item.inovasi.nama, f"{EVIDENCE_FOLDER}/{item.slug}/", definition.nomor, definition.nama, definition.bobot,
        "Ya" if definition.wajib else "Tidak", row.nilai, row.teks, _basis_text(row), row.poin,
        _lines(n for n, e in zip(shown, row.bukti, strict=True) if e.berkas),
        _lines(e.url for e in row.bukti if e.url),
        _lines(f"{n}: {e.keterangan}" for n, e in zip(shown, row.bukti, strict=True)),
        row.kurang or "", verdict.label, (verdict.catatan or "") if decided else "",
    ]


def _exported_names(item: InnovationReadiness) -> dict[tuple[int, str], str]:
    """(indicator number, source file name) → exported name; a file listed twice in one indicator keeps its first."""
    names: dict[tuple[int, str], str] = {}
    for found in evidence_copies(item):
        names.setdefault((found.nomor, found.berkas), found.name)
    return names


def _projection_rows(export: Export) -> list[list[Value]]:
    """The projection, claimed and verified side by side, then the sentences that explain it."""
    claimed, verified = export.siap.diklaim, export.siap.terverifikasi
    edition = export.siap.edition

    def both(name: str, get: Any, note: str = "") -> list[Value]:
        return [name, get(claimed), get(verified), note]

    def score(value: Decimal | None) -> Decimal | None:
        return None if value is None else two_places(value)

    def kategori(p: Projection) -> str:
        return "belum pasti (tanpa SPD)" if p.sebagian else p.kategori

    counted = "inovasi layak (contoh ikut dihitung: --contoh)" if export.uji_coba else "inovasi layak, bukan contoh"
    basic_total = len(claimed.urusan_dasar_tercakup) + len(claimed.urusan_dasar_kosong)
    spd_note = ("nilai SPD daerah belum diisi" if claimed.spd is None else
                "nilai contoh (berkas daerah bertanda contoh: true)" if export.siap.spd_contoh else "")
    return [
        both("Inovasi dihitung", lambda p: p.n, f"{counted}; terverifikasi: hanya yang diterima Bapperida"),
        both("Pembagi", lambda p: p.pembagi, f"max({edition.pembagi_minimal}, jumlah inovasi dihitung)"),
        both("Kursi kosong", lambda p: p.kursi_kosong, f"inovasi yang masih kurang untuk mencapai {edition.pembagi_minimal}"),
        both("Jumlah skor SID", lambda p: score(p.jumlah_skor), f"skor tertinggi per inovasi {poin(edition.max_sid)}"),
        both("Rata-rata kematangan", lambda p: score(p.kematangan), "jumlah skor SID / pembagi"),
        both("Urusan pelayanan dasar tercakup", lambda p: len(p.urusan_dasar_tercakup),
             f"syarat minimal {edition.minimal_urusan_dasar} dari {basic_total}"),
        both("Jumlah inovasi (poin)", lambda p: score(p.jumlah_inovasi), f"paling tinggi {poin(edition.max_jumlah)}"),
        both("Poin hilang karena urusan pelayanan dasar", lambda p: score(p.kehilangan)),
        both("Bagian SID", lambda p: score(p.sid), "rata-rata kematangan + jumlah inovasi"),
        both("SPD", lambda p: score(p.spd), spd_note),
        both("Nilai IID", lambda p: score(p.iid), f"(SPD + bagian SID) / {poin(edition.max_total)} × 100"),
        both("Kategori", kategori),
        ["Urusan pelayanan dasar (diklaim)", None, None, claimed.urusan_dasar_teks],
        ["Urusan pelayanan dasar (terverifikasi)", None, None, verified.urusan_dasar_teks],
        ["Ringkasan (diklaim)", None, None, claimed.ringkasan],
        ["Ringkasan (terverifikasi)", None, None, verified.ringkasan],
    ]


def _summary_rows(export: Export) -> list[list[Value]]:
    siap = export.siap
    edition = siap.edition
    left_out = []
    if export.contoh:
        left_out.append(f"{len(export.contoh)} inovasi contoh (contoh: true)")
    if export.tidak_layak:
        left_out.append(f"{len(export.tidak_layak)} inovasi belum layak (alasannya di laporan)")
    unsure: list[list[Value]] = [["Angka belum pasti", None, None, why] for why in edition.belum_pasti.values()]
    return [
        *_projection_rows(export),
        ["Inovasi diekspor", len(export.diekspor), None, "lembar Profil dan Indikator; berkas bukti di folder bukti/"],
        ["Inovasi tidak diekspor", len(export.contoh) + len(export.tidak_layak), None, "; ".join(left_out)],
        ["Edisi", edition.edisi, None, f"{edition.nama}. Sumber: {edition.sumber}"],
        ["Pelaporan", siap.sisa_hari, None, f"sisa hari pelaporan. {siap.pelaporan_teks}"],
        *unsure,
        ["Dibuat", None, None, f"{tanggal(siap.hari_ini)} oleh katalog laporan ({export.catalog.penyelenggara})"],
    ]


def workbook(export: Export) -> Workbook:
    """The workbook: ``Profil`` (one row per exported innovation), ``Indikator`` (innovation × indicator), ``Ringkasan``."""
    book = Workbook()
    edisi, region = export.edisi, export.catalog.daerah
    sample = export.uji_coba
    book.properties.title = cell_text(f"{'DATA CONTOH: ' if sample else ''}Ekspor IID {edisi} {region}")
    book.properties.creator = cell_text(export.catalog.penyelenggara)
    profile = book.active
    assert profile is not None
    _sheet(profile, "Profil", PROFILE_COLUMNS,
           (_profile_row(n, export, item) for n, item in enumerate(export.diekspor, start=1)), sample=sample,
           freeze_columns=2)
    names = {item.slug: _exported_names(item) for item in export.diekspor}
    rows = (_indicator_row(item, row, names[item.slug]) for item in export.diekspor for row in item.indikator)
    _sheet(book.create_sheet(), "Indikator", INDICATOR_COLUMNS, rows, sample=sample, freeze_columns=3)
    _sheet(book.create_sheet(), "Ringkasan", SUMMARY_COLUMNS, _summary_rows(export), sample=sample, freeze_columns=1)
    return book


def workbook_bytes(export: Export) -> bytes:
    out = io.BytesIO()
    workbook(export).save(out)
    return out.getvalue()


# --- the report (pure) ------------------------------------------------------------------------


@cache
def _report_env() -> Environment:
    env = Environment(loader=PackageLoader("generator", "templates"), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True)
    env.bytecode_cache = template_cache(env)
    env.filters.update(angka=angka, poin=poin, tanggal=tanggal, label=lambda value, vocabulary: label(vocabulary, value))
    return env


def _projection_table(claimed: Projection, verified: Projection) -> list[tuple[str, str, str]]:
    """(measure, claimed, verified) as the report shows them."""
    def spd(p: Projection) -> str:
        return "belum diisi" if p.spd is None else angka(p.spd)

    return [
        ("Inovasi dihitung", str(claimed.n), str(verified.n)),
        ("Pembagi (kursi kosong)", f"{claimed.pembagi} ({claimed.kursi_kosong})",
         f"{verified.pembagi} ({verified.kursi_kosong})"),
        ("Jumlah skor SID", angka(claimed.jumlah_skor), angka(verified.jumlah_skor)),
        ("Rata-rata kematangan", angka(claimed.kematangan), angka(verified.kematangan)),
        ("Urusan pelayanan dasar tercakup", f"{len(claimed.urusan_dasar_tercakup)} (syarat {claimed.minimal_urusan_dasar})",
         f"{len(verified.urusan_dasar_tercakup)} (syarat {verified.minimal_urusan_dasar})"),
        ("Jumlah inovasi", angka(claimed.jumlah_inovasi), angka(verified.jumlah_inovasi)),
        ("Bagian SID", angka(claimed.sid), angka(verified.sid)),
        ("SPD", spd(claimed), spd(verified)),
        ("Nilai IID", angka(claimed.iid), angka(verified.iid)),
        ("Kategori", claimed.kategori if not claimed.sebagian else "belum pasti (tanpa SPD)",
         verified.kategori if not verified.sebagian else "belum pasti (tanpa SPD)"),
    ]


def report_html(export: Export) -> str:
    """The internal report: every score, every indicator, every verification state; inert HTML, no script."""
    siap = export.siap
    names = {item.slug: _exported_names(item) for item in export.diekspor}
    return _report_env().get_template("laporan-iid.html.j2").render(
        export=export, siap=siap, catalog=export.catalog, edition=siap.edition, files=export.file_names(),
        proyeksi=_projection_table(siap.diklaim, siap.terverifikasi), names=names,
        exported={item.slug for item in export.diekspor}, sample_warning=SAMPLE_WARNING,
    )


# --- writing ----------------------------------------------------------------------------------


def write_zip(target: Path, folder: Path, paths: Sequence[str]) -> None:
    """A ZIP at ``target`` of the files ``paths`` (relative to ``folder``), in that order, with fixed dates (the same
    bytes each run); each file is streamed, never held whole in memory."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in paths:
            info = zipfile.ZipInfo(path, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            with (folder / path).open("rb") as source, archive.open(info, "w") as entry:
                shutil.copyfileobj(source, entry)


def _evidence(root: Path, copy: EvidenceCopy) -> bytes:
    """The bytes of one evidence file, read bounded from its own folder and checked to be the kind its name says."""
    raw = read_evidence(root, copy.slug, copy.berkas)
    kind = EVIDENCE_KINDS.get(PurePosixPath(copy.berkas).suffix.lower())
    if raw is None or kind is None or not raw.startswith(FILE_KINDS[kind]):
        raise ReportError(f"berkas bukti media/{copy.slug}/{EVIDENCE_FOLDER}/{copy.berkas} tidak dapat dibaca sebagai "
                          f"{kind or 'PDF, JPG atau PNG'} (berubah sejak diperiksa?); jalankan katalog check lalu ulangi")
    return raw


def _walk(folder: Path) -> Iterator[tuple[str, Path]]:
    """Every entry below ``folder`` as (relative POSIX path, path), links not followed."""
    for path in sorted(folder.rglob("*")):
        yield path.relative_to(folder).as_posix(), path


def _manifest(path: Path) -> set[str]:
    """The files a manifest lists; empty when there is none or it cannot be read."""
    try:
        if path.is_symlink() or not path.is_file():
            return set()
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):
        return set()
    files = data.get("berkas") if isinstance(data, dict) else None
    return {p for p in files if isinstance(p, str)} if isinstance(files, list) else set()


def refuse_foreign_output(out: Path) -> None:
    """Raise OutputDirError unless ``out`` is missing, empty, or holds only files a previous ``katalog laporan`` wrote."""
    if not os.path.lexists(out):
        above = next((f for f in out.absolute().parents if os.path.lexists(f)), None)
        if above is not None and not above.is_dir():
            raise OutputDirError(f"'{above}' bukan folder, jadi '{out}' tidak dapat dibuat; pilih folder baru untuk --out")
        return
    if out.is_symlink() or not out.is_dir():
        raise OutputDirError(f"'{out}' sudah ada dan bukan folder biasa; pilih folder baru untuk --out")
    entries = list(_walk(out))
    if not entries:
        return
    listed = _manifest(out / MANIFEST)
    if not listed:
        raise OutputDirError(f"folder '{out}' sudah berisi berkas yang tidak ditulis oleh katalog laporan (tidak ada daftar "
                             f"{MANIFEST}); katalog tidak menghapusnya: pilih folder baru untuk --out")
    folders = {EVIDENCE_FOLDER} | {str(parent) for p in listed for parent in PurePosixPath(p).parents}
    mine = listed | {MANIFEST}
    foreign = [rel for rel, path in entries
               if path.is_symlink() or (path.is_dir() and rel not in folders) or (not path.is_dir() and rel not in mine)]
    if foreign:
        shown = ", ".join(foreign[:3]) + (f" dan {len(foreign) - 3} lainnya" if len(foreign) > 3 else "")
        raise OutputDirError(f"folder '{out}' berisi berkas yang tidak ditulis oleh katalog laporan ({shown}); katalog tidak "
                             "menghapusnya: pindahkan berkas itu, atau pilih folder baru untuk --out")


def _write_files(export: Export, root: Path, staging: Path) -> list[str]:
    """Write every file of the report into ``staging``; returns their paths, the manifest last."""
    names = export.file_names()
    written: list[str] = []

    def put(path: str, data: bytes) -> None:
        target = staging / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        written.append(path)

    (staging / EVIDENCE_FOLDER).mkdir()
    evidence = []
    for item in export.copies:
        put(item.path, _evidence(root, item))
        evidence.append(item.path)
    write_zip(staging / names.arsip, staging, evidence)
    written.append(names.arsip)
    put(names.buku_kerja, workbook_bytes(export))
    put(names.laporan, report_html(export).encode("utf-8"))
    manifest = {"katalog": 1, "keterangan": "berkas yang ditulis katalog laporan di folder ini; katalog laporan berikutnya "
                "mengganti seluruh folder hanya bila folder ini tidak berisi berkas lain", "berkas": sorted(written)}
    put(MANIFEST, (json.dumps(manifest, ensure_ascii=False, indent=0) + "\n").encode("utf-8"))
    return written


@dataclass(frozen=True)
class Written:
    """What ``katalog laporan`` wrote, for the command's output."""

    export: Export
    out: Path
    evidence: int

    def lines(self) -> list[str]:
        """What the command prints, in Indonesian."""
        export, names = self.export, self.export.file_names()
        shown = str(self.out).rstrip("/")
        lines = [f"Laporan IID {export.edisi} ditulis di {shown}/:",
                 f"  {names.laporan}: laporan internal lengkap (skor diklaim dan terverifikasi)",
                 f"  {names.buku_kerja}: {len(export.diekspor)} inovasi layak (lembar Profil, Indikator, Ringkasan)",
                 f"  {EVIDENCE_FOLDER}/ dan {names.arsip}: {self.evidence} berkas bukti"]
        if export.uji_coba:
            lines.append(f"{SAMPLE_WARNING} (--contoh: inovasi contoh dihitung seperti data resmi).")
        if export.hanya_contoh:
            lines.append(f"Semua {len(export.contoh)} inovasi adalah contoh (contoh: true), jadi tidak ada yang diekspor; "
                         "jalankan dengan --contoh untuk uji coba dengan data contoh.")
            return lines
        left = []
        if export.contoh:
            left.append(f"{len(export.contoh)} inovasi contoh (contoh: true)")
        if export.tidak_layak:
            left.append(f"{len(export.tidak_layak)} inovasi belum layak: {', '.join(i.slug for i in export.tidak_layak[:5])}"
                        + (" dan lainnya" if len(export.tidak_layak) > 5 else "") + f" (alasannya di {names.laporan})")
        if left:
            lines.append("Tidak diekspor: " + "; ".join(left) + ".")
        return lines


def write_report(content_dir: Path, out: Path, *, today: date, contoh: bool = False) -> Written:
    """``katalog laporan``: check the content, then write the report, the workbook and the evidence into ``out``.

    Raises OutputDirError (bad usage) for a folder it may not write,
    ContentDirError for an unreadable content folder, ReportError when the
    content has errors or no IID edition (nothing written then).
    """
    refuse_unsafe_output(out, content=content_dir, projects=[Path.cwd()], option="--out")
    refuse_foreign_output(out)
    content = load_content(content_dir)
    errors = [p for p in check_content(content) if p.severity == "error"]
    if errors:
        raise ReportError(f"{len(errors)} kesalahan di konten; laporan tidak ditulis", errors)
    catalog = build_catalog(content)
    if catalog.iid is None:
        raise ReportError("katalog.yml belum menyebut edisi IID (iid: edisi: 2026); laporan IID tidak ditulis")
    siap = readiness(catalog, catalog.verifikasi, today, contoh_dihitung=contoh)
    assert siap is not None
    export = plan_export(catalog, siap)
    staging = None
    try:
        out.resolve().parent.mkdir(parents=True, exist_ok=True)
        remove_orphans(out.resolve().parent)  # what a killed run left beside it
        staging = Path(tempfile.mkdtemp(prefix=staging_prefix("baru", "laporan"), dir=out.resolve().parent))
        written = _write_files(export, content.root, staging)
        refuse_foreign_output(out)  # again: something may have appeared meanwhile
        swap_in(staging, out.resolve(), "laporan")
    except OSError as exc:
        raise ReportError(f"laporan tidak dapat ditulis ({exc.strerror or exc}); folder '{out}' tidak diubah") from exc
    finally:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
    return Written(export, out, sum(1 for p in written if p.startswith(EVIDENCE_FOLDER + "/")))
