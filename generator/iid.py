"""Indeks Inovasi Daerah (IID): the edition as data, and pure scoring functions.

The figures of an IID edition (weights, parameter texts, compulsory indicators,
eligibility window, minimum divisor, basic-service affairs rule, categories,
reporting window, SPD rows) live in ``content/iid/<edisi>.yml``; this module
turns that data, once validated (``generator/rules/edition.py``), into frozen
dataclasses and computes from them. Nothing here reads files or the clock:
every function takes the edition and plain inputs, so the site page, the
workbook export and the tests all compute the same numbers.

Sums are :class:`~decimal.Decimal` (SPD weights such as 0.75 and 0.38 points
per innovation add up exactly); values are rounded to two decimals only where
they are shown (:func:`angka`) and where a category is chosen (:func:`category`).

Which innovations count toward the region:

* never a sample (``contoh: true``), never an ineligible one (:func:`eligibility`);
* claimed projection: every other innovation, with the unit's own values;
* verified projection: only innovations whose innovation-level verification is
  accepted and current, each with only its accepted and current indicators.

The basic-service affairs rule counts an innovation under its main affair
(``urusan.utama``) only, never under ``urusan.irisan``: the national form
files an innovation under one affair, and counting overlaps would let one
innovation cover several affairs.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Collection, Iterable, Mapping, Sequence, Sized
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Protocol

from markdown_it import MarkdownIt
from markdown_it.token import Token

from .text import tanggal

if TYPE_CHECKING:
    from .content import Content, Source

#: The parameter scale: an indicator is scored 1, 2 or 3 (0 when it is not filled in).
LEVELS = (1, 2, 3)
TOP = LEVELS[-1]
_CENT = Decimal("0.01")
#: The kelompok of urusan.yml whose affairs the basic-service rule counts.
BASIC_SERVICE = "wajib_pelayanan_dasar"


def decimal(value: Any) -> Decimal:
    """A number read from YAML (int or float) as the decimal it was written as (``0.38``, not 0.37999...)."""
    return Decimal(str(value))


# --- the edition ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """A range of days, both ends included."""

    mulai: date
    selesai: date

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.mulai <= day <= self.selesai

    @property
    def teks(self) -> str:
        """``1 Januari 2024 – 31 Desember 2025``."""
        return f"{tanggal(self.mulai)} – {tanggal(self.selesai)}"


@dataclass(frozen=True)
class Basis:
    """One basis of an indicator measured on a basis the unit chooses (Kemanfaatan: a–f)."""

    kunci: str
    nama: str
    parameter: tuple[str, ...]


@dataclass(frozen=True)
class EvidenceRule:
    """What evidence an indicator asks for."""

    #: File kinds (``pdf``, ``jpg``, ``png``) or ``tautan`` (a link).
    jenis: tuple[str, ...]
    #: ``metode`` or ``tahun`` when one item is wanted per method or per year, else None.
    per: str | None
    keterangan: str


@dataclass(frozen=True)
class IndicatorDef:
    """One per-innovation indicator (SID, no. 16–35) of an edition."""

    nomor: int
    kunci: str
    nama: str
    bobot: Decimal
    wajib: bool
    #: The official texts of parameters 1, 2 and 3.
    parameter: tuple[str, ...]
    bukti: EvidenceRule
    #: The bases a unit chooses one of (Kemanfaatan); empty for every other indicator.
    basis: tuple[Basis, ...] = ()

    @property
    def maksimum(self) -> Decimal:
        """Points of this indicator at parameter 3."""
        return self.bobot * TOP

    def basis_of(self, kunci: str | None) -> Basis | None:
        """The basis ``kunci`` of this indicator, or None."""
        if kunci is None or not self.basis:
            return None
        return next((b for b in self.basis if b.kunci == kunci), None)

    def parameter_text(self, nilai: int | None, basis: str | None = None) -> str:
        """The official text of parameter ``nilai`` (of the chosen ``basis`` where the indicator has bases); "" outside 1–3."""
        if nilai not in LEVELS:
            return ""
        chosen = self.basis_of(basis)
        return (chosen.parameter if chosen else self.parameter)[nilai - 1]


@dataclass(frozen=True)
class SpdRow:
    """One region-level row (SPD, no. 1–15): weight × a value 1–3 from the region file."""

    kunci: str
    nama: str
    bobot: Decimal


@dataclass(frozen=True)
class Category:
    """A category of the index: reached at ``minimal`` or more, or above ``lebih_dari``; neither: the rest."""

    nama: str
    minimal: Decimal | None = None
    lebih_dari: Decimal | None = None

    def holds(self, value: Decimal) -> bool:
        if self.minimal is not None:
            return value >= self.minimal
        if self.lebih_dari is not None:
            return value > self.lebih_dari
        return True


@dataclass(frozen=True)
class Edition:
    """An IID edition (``content/iid/<edisi>.yml``) as frozen data. Build it with :func:`edition_from_data`."""

    edisi: int
    nama: str
    sumber: str
    #: The national portal's reporting window.
    pelaporan: Period
    #: Penerapan (or pengembangan) must fall in this range for an innovation to count.
    kelayakan: Period
    minimal_kata: int
    #: D: the region's average maturity divides by max(D, number of innovations).
    pembagi_minimal: int
    batas_jumlah: int
    poin_per_inovasi: Decimal
    #: Y: jumlah inovasi is 0 unless this many basic-service affairs have an innovation.
    minimal_urusan_dasar: int
    #: From the highest to the lowest; the last one has no threshold.
    kategori: tuple[Category, ...]
    indikator: tuple[IndicatorDef, ...]
    spd: tuple[SpdRow, ...]
    #: Figures the edition marks as unconfirmed: ``{"pelaporan" | "daerah": why}``, shown as notes.
    belum_pasti: Mapping[str, str]

    @property
    def max_sid(self) -> Decimal:
        """Highest SID score of one innovation: Σ weight × 3 (111 in 2026)."""
        return sum((i.maksimum for i in self.indikator), Decimal(0))

    @property
    def max_spd(self) -> Decimal:
        """Highest SPD score: Σ weight × 3 (63 in 2026)."""
        return sum((r.bobot * TOP for r in self.spd), Decimal(0))

    @property
    def max_jumlah(self) -> Decimal:
        """Highest jumlah inovasi points: cap × points per innovation (76 in 2026)."""
        return self.batas_jumlah * self.poin_per_inovasi

    @property
    def max_total(self) -> Decimal:
        """SPD + SID + jumlah inovasi maxima: the divisor of the index (250 in 2026)."""
        return self.max_spd + self.max_sid + self.max_jumlah

    @property
    def wajib(self) -> tuple[IndicatorDef, ...]:
        """The compulsory indicators, in number order."""
        return tuple(i for i in self.indikator if i.wajib)

    def indicator(self, kunci: str) -> IndicatorDef | None:
        """The indicator ``kunci``, or None."""
        return next((i for i in self.indikator if i.kunci == kunci), None)


def _day(value: str) -> date:
    return date.fromisoformat(value)


def _category(data: Mapping[str, Any]) -> Category:
    minimal, above = data.get("minimal"), data.get("lebih_dari")
    return Category(data["nama"], None if minimal is None else decimal(minimal), None if above is None else decimal(above))


def _indicator(data: Mapping[str, Any]) -> IndicatorDef:
    bukti = data["bukti"]
    return IndicatorDef(
        nomor=data["nomor"], kunci=data["kunci"], nama=data["nama"], bobot=decimal(data["bobot"]), wajib=data["wajib"],
        parameter=tuple(data["parameter"]),
        bukti=EvidenceRule(tuple(bukti["jenis"]), bukti.get("per"), bukti["keterangan"]),
        basis=tuple(Basis(b["kunci"], b["nama"], tuple(b["parameter"])) for b in data.get("basis", ())),
    )


def edition_from_data(data: Mapping[str, Any]) -> Edition:
    """The edition of an edition file's data; the data must have passed ``rules.edition`` (else KeyError/ValueError)."""
    window, rules, region = data["pelaporan"], data["kelayakan"], data["daerah"]
    unsure = {part: data[part]["belum_pasti"] for part in ("pelaporan", "daerah") if data[part].get("belum_pasti")}
    return Edition(
        edisi=data["edisi"],
        nama=data["nama"],
        sumber=data["sumber"],
        pelaporan=Period(_day(window["mulai"]), _day(window["selesai"])),
        kelayakan=Period(_day(rules["penerapan_mulai"]), _day(rules["penerapan_selesai"])),
        minimal_kata=rules["minimal_kata_rancang_bangun"],
        pembagi_minimal=region["pembagi_minimal"],
        batas_jumlah=region["jumlah_inovasi"]["batas"],
        poin_per_inovasi=decimal(region["jumlah_inovasi"]["poin_per_inovasi"]),
        minimal_urusan_dasar=region["urusan_pelayanan_dasar"]["minimal"],
        kategori=tuple(_category(c) for c in region["kategori"]),
        indikator=tuple(sorted((_indicator(i) for i in data["indikator"]), key=lambda i: i.nomor)),
        spd=tuple(SpdRow(r["kunci"], r["nama"], decimal(r["bobot"])) for r in data["spd"]),
        belum_pasti=MappingProxyType(unsure),
    )


@dataclass(frozen=True)
class IidSetup:
    """The IID settings of a catalog (``Catalog.iid``): the edition in force and the region's SPD values."""

    edition: Edition
    #: SPD values by row key from ``content/iid/daerah-<edisi>.yml``; None without that file (the index is then partial).
    spd: Mapping[str, int] | None
    #: The region file is marked ``contoh: true``: its values are samples (say so wherever they show).
    spd_contoh: bool = False
    #: Whether numeric scores are shown on the public site (``katalog.yml`` → ``iid.skor_publik``; default false).
    skor_publik: bool = False
    #: GitHub owners of ``content/verifikasi/`` (``iid.verifikator``, e.g. ``@org/tim``), or None.
    verifikator: str | None = None


def edition_file(edisi: int) -> str:
    """File name of an edition in content/iid/."""
    return f"{edisi}.yml"


def region_file(edisi: int) -> str:
    """File name of an edition's region-level values in content/iid/."""
    return f"daerah-{edisi}.yml"


def iid_source(content: Content, name: str) -> Source | None:
    """The source of ``content/iid/<name>`` that could be parsed, or None."""
    return next((s for s in content.iid if s.ok and s.path.replace("\\", "/").rsplit("/", 1)[-1] == name), None)


def setup_from_content(content: Content) -> IidSetup | None:
    """The catalog's IID setup, or None when katalog.yml names no edition. For content without errors."""
    settings = content.katalog.data.get("iid") if isinstance(content.katalog.data, dict) else None
    if not isinstance(settings, dict) or not isinstance(settings.get("edisi"), int):
        return None
    edisi = settings["edisi"]
    source = iid_source(content, edition_file(edisi))
    if source is None:
        return None
    region = iid_source(content, region_file(edisi))
    spd = MappingProxyType(dict(region.data.get("spd") or {})) if region is not None else None
    return IidSetup(edition_from_data(source.data), spd, region is not None and region.data.get("contoh") is True,
                    settings.get("skor_publik") is True, settings.get("verifikator"))


# --- numbers as people read them ----------------------------------------------------------------


def angka(value: Decimal | int, places: int = 2) -> str:
    """``Decimal('1234.5')`` → ``1.234,50``: Indonesian grouping and decimal comma, rounded half up."""
    rounded = Decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    text = f"{rounded:,.{places}f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def poin(value: Decimal | int) -> str:
    """Points as a sentence says them: ``3`` for a whole number, else two decimals (``0,75``)."""
    value = Decimal(value)
    return angka(value, 0) if value == value.to_integral_value() else angka(value)


# --- one innovation -------------------------------------------------------------------------


class Filled(Protocol):
    """One indicator as a unit filled it in (the model's indicator, or :class:`Claim`)."""

    @property
    def nilai(self) -> int | None: ...

    @property
    def basis(self) -> str | None: ...

    @property
    def bukti(self) -> Sized: ...


@dataclass(frozen=True)
class Claim:
    """A plain :class:`Filled`: the chosen parameter, the chosen basis and the evidence items."""

    nilai: int | None
    bukti: tuple[Any, ...] = ()
    basis: str | None = None


@cache
def _parser() -> MarkdownIt:
    # The same CommonMark the fields are rendered with (generator/text.py): what is a marker there is one here.
    return MarkdownIt("commonmark", {"html": False}).enable("table")


def _inline_text(children: Iterable[Token]) -> str:
    """The text an inline token shows: text and code joined as written, line breaks as spaces; no image alt text."""
    parts = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts)


_ALNUM = re.compile(r"[^\W_]").search


def _count(text: str) -> int:
    """Whitespace-separated runs holding at least one letter or digit (most words are all letters: only the others are
    searched)."""
    runs = text.split()
    return len(runs) - sum(1 for run in itertools.filterfalse(str.isalnum, runs) if not _ALNUM(run))


#: Markdown that can change a word count: links and images (``[``), entities (``&``), autolinks and HTML (``<``), code
#: and fence info strings (backtick, ``~``), escapes, table cells (``|``) and ordered-list markers (``1.`` at a line's
#: start, also inside a list or a quote). Without any of these, every marker (``**``, ``#``, ``-``, ``>``) is a run
#: without a letter or digit, so counting whitespace-separated runs gives what parsing gives, without parsing.
_COUNT_CHANGING_RE = re.compile(r"[\[&<`~\\|]")
_COUNT_CHANGING_LINE_RE = re.compile(r"^[ \t>*+-]*[0-9]{1,9}[.)]", re.MULTILINE)  # apart: half the time of one pattern


def rancang_bangun_words(markdown: str) -> int:
    """Words of the text a Markdown field shows: markers (``**``, ``#``, ``-``, link URLs) are not words, link text is.

    A word is a run of non-space characters holding at least one letter or
    digit (a lone dash is not a word). ``**Permasalahan.**`` is one word,
    ``[portal](https://x.go.id)`` one word. Text without Markdown that could
    change the count is counted without being parsed (a tenth of the time).
    """
    if not _COUNT_CHANGING_RE.search(markdown) and not _COUNT_CHANGING_LINE_RE.search(markdown):
        return _count(markdown)
    return parsed_words(markdown)


def parsed_words(markdown: str) -> int:
    """:func:`rancang_bangun_words` always through the CommonMark parser (the reference the shortcut is tested against)."""
    words = 0
    for token in _parser().parse(markdown):
        if token.type == "inline":
            words += _count(_inline_text(token.children or ()))
        elif token.type in ("fence", "code_block"):
            words += _count(token.content)
    return words


def _present(filled: Filled | None) -> bool:
    return filled is not None and filled.nilai in LEVELS


@dataclass(frozen=True)
class Eligibility:
    """Whether an innovation counts in this edition, and why not (Indonesian sentences)."""

    alasan: tuple[str, ...]
    #: Words of the rancang bangun, counted on the text.
    kata: int

    @property
    def layak(self) -> bool:
        return not self.alasan


def _window_reason(edition: Edition, penerapan: date | None, pengembangan: date | None) -> str | None:
    if penerapan in edition.kelayakan or pengembangan in edition.kelayakan:
        return None
    if penerapan is None and pengembangan is None:
        return (f"belum ada tanggal penerapan (waktu.penerapan) atau pengembangan (waktu.pengembangan); "
                f"edisi {edition.edisi} menghitung inovasi yang diterapkan atau dikembangkan {edition.kelayakan.teks}")
    dates = [f"{what} {tanggal(day)}" for what, day in (("penerapan", penerapan), ("pengembangan", pengembangan)) if day]
    return f"tanggal {' dan '.join(dates)} di luar rentang penilaian edisi {edition.edisi} ({edition.kelayakan.teks})"


def eligibility(edition: Edition, penerapan: date | None, pengembangan: date | None, rancang_bangun: str,
                indikator: Mapping[str, Filled]) -> Eligibility:
    """Whether an innovation may be reported in ``edition``, with every reason it may not.

    Eligible when: penerapan or pengembangan falls in the edition's window
    (``kelayakan``, both ends included); the rancang bangun has at least the
    edition's minimum of words (:func:`rancang_bangun_words`); and every
    compulsory indicator (the video among them) has a parameter and at least
    one evidence item. ``indikator`` maps indicator keys to what the unit filled in.
    """
    reasons = []
    window = _window_reason(edition, penerapan, pengembangan)
    if window:
        reasons.append(window)
    words = rancang_bangun_words(rancang_bangun)
    if words < edition.minimal_kata:
        reasons.append(f"rancang bangun baru {words} kata (dihitung tanpa tanda Markdown); minimal {edition.minimal_kata} kata")
    for definition in edition.wajib:
        filled = indikator.get(definition.kunci)
        if not _present(filled):
            reasons.append(f"indikator wajib {definition.nomor} ({definition.nama}) belum diisi")
        elif filled is not None and not len(filled.bukti):
            reasons.append(f"indikator wajib {definition.nomor} ({definition.nama}) belum punya bukti")
    return Eligibility(tuple(reasons), words)


def indicator_points(definition: IndicatorDef, filled: Filled | None) -> Decimal:
    """Weight × chosen parameter; 0 when not filled in."""
    return definition.bobot * filled.nilai if filled is not None and filled.nilai in LEVELS else Decimal(0)


def sid_score(edition: Edition, indikator: Mapping[str, Filled], verified: Collection[str] | None = None) -> Decimal:
    """An innovation's SID score: Σ weight × parameter over the edition's indicators (0 when missing).

    ``verified`` None: the claimed score (the unit's own values). Otherwise
    the verified score: only the indicators whose key is in ``verified``
    (accepted and current, as the verification module decides) count.
    Keys of ``indikator`` the edition does not define are ignored.
    """
    return sum((indicator_points(d, indikator.get(d.kunci)) for d in edition.indikator
                if verified is None or d.kunci in verified), Decimal(0))


@dataclass(frozen=True)
class Improvement:
    """One change that raises an innovation's score, said plainly (``teks``)."""

    kunci: str
    nomor: int
    #: The parameter now (0: not filled in).
    dari: int
    poin: Decimal
    teks: str


def improvements(edition: Edition, indikator: Mapping[str, Filled], n: int = 3) -> tuple[Improvement, ...]:
    """The ``n`` changes that would raise the claimed score most: each indicator raised to parameter 3.

    Ordered by points gained (highest first), then by indicator number. An
    indicator not filled in reads "belum diisi, isi untuk sampai +X poin";
    one filled in names the text of parameter 3 (of its basis, for Kemanfaatan).
    """
    gains = []
    for definition in edition.indikator:
        filled = indikator.get(definition.kunci)
        now = filled.nilai if filled is not None and filled.nilai in LEVELS else 0
        gain = definition.bobot * (TOP - now)
        if gain > 0:
            gains.append((gain, definition, filled, now))
    gains.sort(key=lambda g: (-g[0], g[1].nomor))
    found = []
    for gain, definition, filled, now in gains[:n]:  # the sentences only for those returned (a page shows three)
        if now == 0:
            text = f"{definition.nama}: belum diisi, isi untuk sampai +{poin(gain)} poin"
        else:
            top = definition.parameter_text(TOP, filled.basis if filled is not None else None)
            text = f"{definition.nama}: naikkan ke {top}: +{poin(gain)} poin"
        found.append(Improvement(definition.kunci, definition.nomor, now, gain, text))
    return tuple(found)


@dataclass(frozen=True)
class Assessment:
    """One innovation in an edition: eligibility, claimed and verified SID scores, the three best improvements."""

    kelayakan: Eligibility
    diklaim: Decimal
    terverifikasi: Decimal
    perbaikan: tuple[Improvement, ...]

    def candidate(self, urusan: str, contoh: bool, diterima: bool) -> Candidate:
        """This innovation as :func:`projections` counts it (``urusan``: its main affair, ``urusan.utama``)."""
        return Candidate(urusan, contoh, self.kelayakan.layak, self.diklaim, self.terverifikasi, diterima)


def assess(edition: Edition, penerapan: date | None, pengembangan: date | None, rancang_bangun: str,
           indikator: Mapping[str, Filled], verified: Collection[str] = ()) -> Assessment:
    """:func:`eligibility`, :func:`sid_score` claimed and verified (``verified``: accepted, current indicator keys), and
    :func:`improvements` of one innovation."""
    return Assessment(eligibility(edition, penerapan, pengembangan, rancang_bangun, indikator), sid_score(edition, indikator),
                      sid_score(edition, indikator, verified), improvements(edition, indikator))


# --- the region ------------------------------------------------------------------------------


class AffairLike(Protocol):
    """An affair of urusan.yml (the model's ``Affair``)."""

    @property
    def id(self) -> str: ...

    @property
    def nama(self) -> str: ...

    @property
    def kelompok(self) -> str: ...


def basic_affairs(affairs: Iterable[AffairLike]) -> dict[str, str]:
    """id → name of the basic-service affairs (``kelompok: wajib_pelayanan_dasar``), in registry order."""
    return {a.id: a.nama for a in affairs if a.kelompok == BASIC_SERVICE}


def spd_score(edition: Edition, values: Mapping[str, int]) -> Decimal:
    """Σ weight × value over the edition's SPD rows (a row without a value counts 0)."""
    return sum((row.bobot * values[row.kunci] for row in edition.spd if values.get(row.kunci) in LEVELS), Decimal(0))


def category(edition: Edition, iid: Decimal) -> str:
    """The edition's category of an index value, compared at two decimals (65.005 is 65.01)."""
    shown = iid.quantize(_CENT, rounding=ROUND_HALF_UP)
    return next((c.nama for c in edition.kategori if c.holds(shown)), "")


@dataclass(frozen=True)
class Counted:
    """One innovation counted in a projection: its main affair and its SID score there."""

    urusan: str
    skor: Decimal


@dataclass(frozen=True)
class Projection:
    """The region's projected index from a set of counted innovations (claimed or verified)."""

    edisi: int
    #: Innovations counted.
    n: int
    #: max(D, n): what the sum of scores is divided by.
    pembagi: int
    #: max(0, D − n): innovations missing before the divisor stops punishing.
    kursi_kosong: int
    jumlah_skor: Decimal
    #: Average maturity: jumlah_skor / pembagi.
    kematangan: Decimal
    #: min(n, cap) × points: what jumlah inovasi is worth when the basic-service rule is met.
    jumlah_inovasi_potensial: Decimal
    #: Jumlah inovasi as scored: the potential, or 0 when the rule is not met.
    jumlah_inovasi: Decimal
    #: Y, and the basic-service affairs (id → name) with and without a counted innovation.
    minimal_urusan_dasar: int
    urusan_dasar_tercakup: Mapping[str, str]
    urusan_dasar_kosong: Mapping[str, str]
    #: SID part = average maturity + jumlah inovasi.
    sid: Decimal
    #: SPD score, or None without a region file.
    spd: Decimal | None
    #: (SPD + SID) / max_total × 100; without SPD, the SID part alone (see :attr:`sebagian`).
    iid: Decimal
    kategori: str
    max_total: Decimal

    @property
    def syarat_urusan_dasar(self) -> bool:
        """Whether enough basic-service affairs have a counted innovation."""
        return len(self.urusan_dasar_tercakup) >= self.minimal_urusan_dasar

    @property
    def sebagian(self) -> bool:
        """True when the index lacks SPD (no region file): a partial total."""
        return self.spd is None

    @property
    def kehilangan(self) -> Decimal:
        """Jumlah inovasi points lost to the basic-service rule."""
        return self.jumlah_inovasi_potensial - self.jumlah_inovasi

    @property
    def ringkasan(self) -> str:
        """``IID 45,20 (Inovatif)``, or ``IID sementara 30,40 tanpa SPD: ...`` without the region file."""
        if self.sebagian:
            return (f"IID sementara {angka(self.iid)} tanpa SPD: nilai SPD daerah belum diisi di "
                    f"content/iid/{region_file(self.edisi)}, jadi angka ini hanya bagian SID dan kategorinya belum pasti")
        return f"IID {angka(self.iid)} ({self.kategori})"

    @property
    def urusan_dasar_teks(self) -> str:
        """The basic-service affairs still without a counted innovation, and what that costs."""
        total = len(self.urusan_dasar_tercakup) + len(self.urusan_dasar_kosong)
        if not self.urusan_dasar_kosong:
            return f"Semua {total} urusan pelayanan dasar sudah punya inovasi yang dihitung."
        missing = "; ".join(self.urusan_dasar_kosong.values())
        text = f"Urusan pelayanan dasar yang belum punya inovasi yang dihitung: {missing}."
        if self.syarat_urusan_dasar:
            return (f"{text} Syarat minimal {self.minimal_urusan_dasar} dari {total} urusan sudah terpenuhi, "
                    "jadi nilai jumlah inovasi tidak berkurang.")
        need = self.minimal_urusan_dasar - len(self.urusan_dasar_tercakup)
        text = f"{text} Syarat minimal {self.minimal_urusan_dasar} dari {total} urusan belum terpenuhi (kurang {need} urusan)"
        if not self.kehilangan:
            return f"{text}: selama itu nilai jumlah inovasi 0, berapa pun jumlah inovasinya."
        return (f"{text}, sehingga nilai jumlah inovasi 0: hilang {poin(self.kehilangan)} poin "
                f"({angka(self.kehilangan / self.max_total * 100)} poin IID).")


def projection(edition: Edition, counted: Sequence[Counted], basic_affairs: Mapping[str, str],
               spd: Mapping[str, int] | None) -> Projection:
    """The region's index from the innovations that count (already filtered: see :func:`projections`).

    ``basic_affairs``: id → name of the affairs with ``kelompok: wajib_pelayanan_dasar``
    in urusan.yml, in registry order. ``spd``: the region file's values, or None.
    """
    n = len(counted)
    divisor = max(edition.pembagi_minimal, n)
    total = sum((c.skor for c in counted), Decimal(0))
    maturity = total / divisor
    covered = {c.urusan for c in counted}
    with_one = {k: v for k, v in basic_affairs.items() if k in covered}
    without = {k: v for k, v in basic_affairs.items() if k not in covered}
    potential = min(n, edition.batas_jumlah) * edition.poin_per_inovasi
    jumlah = potential if len(with_one) >= edition.minimal_urusan_dasar else Decimal(0)
    sid = maturity + jumlah
    spd_part = spd_score(edition, spd) if spd is not None else None
    index = (sid + (spd_part or 0)) / edition.max_total * 100
    return Projection(
        edisi=edition.edisi, n=n, pembagi=divisor, kursi_kosong=max(0, edition.pembagi_minimal - n), jumlah_skor=total,
        kematangan=maturity, jumlah_inovasi_potensial=potential, jumlah_inovasi=jumlah,
        minimal_urusan_dasar=edition.minimal_urusan_dasar, urusan_dasar_tercakup=MappingProxyType(with_one),
        urusan_dasar_kosong=MappingProxyType(without), sid=sid, spd=spd_part, iid=index, kategori=category(edition, index),
        max_total=edition.max_total,
    )


@dataclass(frozen=True)
class Candidate:
    """One innovation as both projections see it (the caller computes each part)."""

    urusan: str
    contoh: bool
    #: :func:`eligibility` ``.layak``.
    layak: bool
    #: :func:`sid_score` without and with the verified indicator keys.
    diklaim: Decimal
    terverifikasi: Decimal
    #: The innovation-level verification is accepted (diterima) and current (not stale).
    diterima: bool


@dataclass(frozen=True)
class Projections:
    """The claimed and the verified projection, side by side."""

    diklaim: Projection
    terverifikasi: Projection


def projections(edition: Edition, candidates: Iterable[Candidate], basic_affairs: Mapping[str, str],
                spd: Mapping[str, int] | None) -> Projections:
    """Both projections. Samples and ineligible innovations never count; the verified one counts only accepted ones."""
    counted = [c for c in candidates if not c.contoh and c.layak]
    return Projections(
        projection(edition, [Counted(c.urusan, c.diklaim) for c in counted], basic_affairs, spd),
        projection(edition, [Counted(c.urusan, c.terverifikasi) for c in counted if c.diterima], basic_affairs, spd),
    )


# --- the reporting window --------------------------------------------------------------------


def days_left(edition: Edition, today: date) -> int:
    """Days the reporting window is still open, today included: its whole length before it opens, 0 after it closes."""
    window = edition.pelaporan
    return max(0, (window.selesai - max(today, window.mulai)).days + 1)


def reporting_text(edition: Edition, today: date) -> str:
    """Where the reporting window stands on ``today``, in one Indonesian sentence."""
    window, name = edition.pelaporan, f"Pelaporan IID {edition.edisi}"
    if today < window.mulai:
        return (f"{name} dibuka {tanggal(window.mulai)} ({(window.mulai - today).days} hari lagi) dan ditutup "
                f"{tanggal(window.selesai)}.")
    if today > window.selesai:
        return f"{name} sudah ditutup {tanggal(window.selesai)}."
    left = days_left(edition, today)
    if left == 1:
        return f"{name} ditutup hari ini, {tanggal(window.selesai)}."
    return f"{name} sedang dibuka: sisa {left} hari, ditutup {tanggal(window.selesai)}."
