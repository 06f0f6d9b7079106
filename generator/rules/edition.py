"""Rules for the IID files: an edition (``content/iid/<edisi>.yml``), the region's SPD values
(``content/iid/daerah-<edisi>.yml``) and the ``iid:`` block of katalog.yml.

The schemas (``iid.schema.json``, ``iid-daerah.schema.json``) hold the shape;
the rules here say what a schema cannot: names that must agree across files,
numbers that must be unique, windows that must not end before they start,
categories that must go down, the six bases of Kemanfaatan. Where a rule here
speaks about a value, the schema's generic finding at the same key is dropped.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import PurePosixPath
from typing import Any

from ..content import Content, KeyPath, Source
from ..iid import BASIC_SERVICE, LEVELS, Edition, edition_file, edition_from_data, region_file
from ..problems import WHOLE_FILE, Problem, in_content
from .common import did_you_mean, shown
from .schema import schema_problems
from .text import text_problems

_EDITION_RE = re.compile(r"(\d{4})\.yml")
_REGION_RE = re.compile(r"daerah-(\d{4})\.yml")
_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
#: The indicator measured on one basis chosen by the unit, and how many bases it has.
BASIS_INDICATOR = "kemanfaatan"
BASIS_COUNT = 6
#: Parameter texts per indicator or basis: one per value 1, 2, 3.
PARAMETERS = len(LEVELS)
#: SPD rows of a region file looked at one by one (the schema allows 100; a longer list is one schema problem).
MAX_SPD_ROWS = 100
#: Date pairs of an edition that must not end before they start.
_WINDOWS = ((("pelaporan", "mulai"), ("pelaporan", "selesai")),
            (("kelayakan", "penerapan_mulai"), ("kelayakan", "penerapan_selesai")))


@dataclass(frozen=True)
class IidCheck:
    """What the IID rules found, and the edition in force when katalog.yml names one whose files have no errors."""

    problems: list[Problem]
    edition: Edition | None


def _name(source: Source) -> str:
    return PurePosixPath(source.path.replace("\\", "/")).name


def _items(data: Any, key: str) -> list[tuple[int, dict[str, Any]]]:
    """``(index, item)`` of the mappings in the list ``data[key]``."""
    value = data.get(key) if isinstance(data, dict) else None
    return [(i, item) for i, item in enumerate(value) if isinstance(item, dict)] if isinstance(value, list) else []


def _at(data: Any, path: KeyPath) -> Any:
    for part in path:
        if not isinstance(data, dict) or part not in data:
            return None
        data = data[part]
    return data


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


# --- an edition -------------------------------------------------------------------------------


def _duplicates(source: Source, items: list[tuple[int, dict[str, Any]]], where: KeyPath, key: str, what: str) -> list[Problem]:
    """Each repeated ``key`` value after its first use, pointing at the first."""
    first: dict[Any, int] = {}
    out = []
    for i, item in items:
        value = item.get(key)
        if not isinstance(value, (str, int)) or isinstance(value, bool):
            continue
        if value in first:
            line = source.where((*where, first[value], key))[0]
            out.append(source.problem((*where, i, key), f"{key} {shown(value)} sudah dipakai {what} lain (baris {line}); "
                                                         f"setiap {what} harus punya {key} yang berbeda"))
        else:
            first[value] = i
    return out


def _parameter_problems(source: Source, keypath: KeyPath, value: Any) -> list[Problem]:
    if isinstance(value, list) and len(value) != PARAMETERS:
        return [source.problem(keypath, f"harus berisi tepat {PARAMETERS} teks parameter (untuk nilai 1, 2 dan 3); "
                                        f"sekarang {len(value)}")]
    return []


def _not_numbers(source: Source, data: Any, keypath: KeyPath = ()) -> Iterator[Problem]:
    """``.nan`` anywhere (YAML's not-a-number): said plainly, at its line (the schema would call it invalid and nothing more)."""
    if isinstance(data, float) and data != data:
        yield source.problem(keypath, f"{source.raw.get(keypath, '.nan')} bukan angka; tulis angka biasa, misalnya 1 atau 0.75")
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _not_numbers(source, value, (*keypath, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _not_numbers(source, value, (*keypath, i))


def _positive(source: Source, keypath: KeyPath, value: Any) -> list[Problem]:
    if _number(value) and value <= 0:
        return [source.problem(keypath, f"{keypath[-1]} {shown(value)} tidak sah; harus lebih dari 0, misalnya 1, 2 atau 0.75")]
    return []


def _basis_problems(source: Source, i: int, indicator: dict[str, Any]) -> list[Problem]:
    """Kemanfaatan keeps its six bases, each with three parameter texts and its own letter."""
    here: KeyPath = ("indikator", i)
    bases = indicator.get("basis")
    out = []
    if indicator.get("kunci") == BASIS_INDICATOR:
        if bases is None:
            line, col = source.where(here)
            out.append(Problem(source.path, line, col, "error", f"indikator[{i}].basis",
                               f"kolom 'basis' belum ada; {indicator.get('nama', BASIS_INDICATOR)} diukur pada satu basis yang "
                               f"dipilih unit: tuliskan keenam basis (a–f), masing-masing dengan kunci, nama dan "
                               f"{PARAMETERS} teks parameter"))
        elif isinstance(bases, list) and len(bases) != BASIS_COUNT:
            out.append(source.problem((*here, "basis"), f"{indicator.get('nama', BASIS_INDICATOR)} harus punya tepat "
                                                         f"{BASIS_COUNT} basis (a–f); sekarang {len(bases)}"))
    listed = _items(indicator, "basis")
    out += _duplicates(source, listed, (*here, "basis"), "kunci", "basis")
    for j, basis in listed:
        out += _parameter_problems(source, (*here, "basis", j, "parameter"), basis.get("parameter"))
    return out


def _indicator_problems(source: Source) -> list[Problem]:
    items = _items(source.data, "indikator")
    out = _duplicates(source, items, ("indikator",), "nomor", "indikator")
    out += _duplicates(source, items, ("indikator",), "kunci", "indikator")
    for i, item in items:
        out += _positive(source, ("indikator", i, "bobot"), item.get("bobot"))
        out += _parameter_problems(source, ("indikator", i, "parameter"), item.get("parameter"))
        out += _basis_problems(source, i, item)
    spd = _items(source.data, "spd")
    out += _duplicates(source, spd, ("spd",), "kunci", "baris")
    for i, row in spd:
        out += _positive(source, ("spd", i, "bobot"), row.get("bobot"))
    return out


def _day(source: Source, keypath: KeyPath) -> tuple[date | None, list[Problem]]:
    value = _at(source.data, keypath)
    if not isinstance(value, str) or not _DATE_RE.fullmatch(value):
        return None, []  # the schema explains the format
    try:
        return date.fromisoformat(value), []
    except ValueError:
        return None, [source.problem(keypath, f"tanggal {shown(value)} tidak ada di kalender; periksa bulan dan tanggalnya")]


def _window_problems(source: Source) -> list[Problem]:
    out = []
    for start_key, end_key in _WINDOWS:
        (start, found), (end, more) = _day(source, start_key), _day(source, end_key)
        out += found + more
        if start and end and end < start:
            out.append(source.problem(end_key, f"{end_key[-1]} {end.isoformat()} lebih awal dari {start_key[-1]} "
                                               f"{start.isoformat()}; tanggal akhir harus sama dengan atau sesudah tanggal awal"))
    return out


def _threshold(item: dict[str, Any]) -> Any:
    return item.get("minimal", item.get("lebih_dari"))


def _category_problems(source: Source) -> list[Problem]:
    """Categories go from the highest threshold down; only the last one, the rest, has none."""
    items = _items(_at(source.data, ("daerah",)), "kategori")
    out = []
    previous: Any = None
    for position, (i, item) in enumerate(items):
        here: KeyPath = ("daerah", "kategori", i)
        last = position == len(items) - 1
        bound = _threshold(item)
        if "minimal" in item and "lebih_dari" in item:
            out.append(source.problem((*here, "lebih_dari"), "tulis salah satu saja: minimal (nilai ≥ batas) atau lebih_dari "
                                                             "(nilai > batas)"))
        if last and bound is not None:
            out.append(source.problem(here, "kategori terakhir harus tanpa minimal atau lebih_dari: kategori itu untuk semua "
                                            "nilai sisanya, misalnya 'nama: Tidak Dapat Dinilai'"))
        elif not last and bound is None:
            out.append(source.problem(here, "hanya kategori terakhir yang boleh tanpa batas; tambahkan 'minimal: ...' atau "
                                            "'lebih_dari: ...', atau pindahkan kategori ini ke urutan terakhir"))
        if _number(bound) and _number(previous) and bound >= previous:
            key = "minimal" if "minimal" in item else "lebih_dari"
            out.append(source.problem((*here, key), f"batas {shown(bound)} tidak lebih kecil dari batas kategori sebelumnya "
                                                    f"({shown(previous)}); urutkan kategori dari nilai tertinggi ke terendah"))
        previous = bound if _number(bound) else previous
    return out


def _basic_rule_problems(source: Source, basic_affairs: int | None) -> list[Problem]:
    keypath: KeyPath = ("daerah", "urusan_pelayanan_dasar", "minimal")
    minimum = _at(source.data, keypath)
    if basic_affairs is None or not isinstance(minimum, int) or isinstance(minimum, bool) or minimum <= basic_affairs:
        return []
    return [source.problem(keypath, f"minimal {minimum} urusan, padahal urusan.yml hanya punya {basic_affairs} urusan "
                                    f"berkelompok {BASIC_SERVICE}; nilai jumlah inovasi akan selalu 0: "
                                    f"tulis paling banyak {basic_affairs}")]


def edition_problems(source: Source, year: int, basic_affairs: int | None) -> list[Problem]:
    """Every problem of one edition file named ``<year>.yml``; ``basic_affairs``: how many urusan.yml has (None: unknown)."""
    if not isinstance(source.data, dict):
        return [source.problem((), "isi berkas edisi IID harus berupa kumpulan kolom 'kunci: nilai' "
                                   "(lihat content/iid/2026.yml)")]
    own = text_problems(source)
    edisi = source.data.get("edisi")
    if isinstance(edisi, int) and not isinstance(edisi, bool) and edisi != year:
        own.append(source.problem(("edisi",), f"edisi {edisi} tidak sama dengan nama berkas {_name(source)}; "
                                              f"tulis edisi: {year}, atau ganti nama berkas menjadi {edisi}.yml"))
    own += _indicator_problems(source) + _window_problems(source) + _category_problems(source)
    own += _basic_rule_problems(source, basic_affairs)
    own += _not_numbers(source, source.data)
    return own + schema_problems(source, "iid", own)


# --- the region's SPD values ------------------------------------------------------------------


def _spd_value_problem(source: Source, key: str, value: Any) -> Problem | None:
    if isinstance(value, int) and not isinstance(value, bool) and value in LEVELS:
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return source.problem(("spd", key), f"nilai {value} tidak sah; pilih parameter 1, 2 atau 3")
    return source.problem(("spd", key), f"nilai {shown(value)} tidak sah; tulis angka 1, 2 atau 3 tanpa tanda kutip")


def region_problems(source: Source, edition: Edition | None, edition_path: str) -> list[Problem]:
    """Every problem of ``daerah-<edisi>.yml``: SPD keys of the edition (``edition`` None: its file has errors), values 1–3."""
    if not isinstance(source.data, dict):
        return [source.problem((), "isi berkas nilai SPD daerah harus berupa kumpulan kolom 'kunci: nilai', diawali 'spd:'")]
    own = text_problems(source)
    values = source.data.get("spd")
    if isinstance(values, dict):
        own += [p for key, value in itertools.islice(values.items(), MAX_SPD_ROWS)
                if (p := _spd_value_problem(source, key, value))]
        if edition is not None:
            own += _spd_key_problems(source, values, edition, edition_path)
    return own + schema_problems(source, "iid-daerah", own)


def _spd_key_problems(source: Source, values: dict[str, Any], edition: Edition, edition_path: str) -> list[Problem]:
    known = [row.kunci for row in edition.spd]
    out = []
    for key in itertools.islice(values, MAX_SPD_ROWS):
        if key not in known:
            hint = did_you_mean(key, known) or f"; baris yang sah: {', '.join(known)}"
            out.append(source.problem(("spd", key), f"baris SPD '{key}' tidak ada di edisi {edition.edisi} "
                                                    f"({edition_path}){hint}", at_key=True))
    missing = [k for k in known if k not in values]
    if missing:
        out.append(source.problem(("spd",), f"{len(missing)} baris SPD edisi {edition.edisi} belum diisi "
                                            f"({', '.join(missing)}); baris tanpa nilai dihitung 0", "warning"))
    return out


def _sample_problems(katalog: Source, region: Source) -> list[Problem]:
    """A production site (``produksi: true``) refuses sample SPD values (``contoh: true``)."""
    if _at(katalog.data, ("produksi",)) is not True or _at(region.data, ("contoh",)) is not True:
        return []
    return [region.problem(("contoh",), "situs produksi (katalog.yml: produksi: true) tidak boleh memakai nilai SPD contoh; "
                                        "ganti setiap nilai dengan nilai sebenarnya lalu hapus baris 'contoh: true'")]


# --- katalog.yml and the folder ---------------------------------------------------------------


def _katalog_problems(katalog: Source, editions: Mapping[int, Source], folder: str) -> list[Problem]:
    """``iid.edisi`` names an edition that has a file."""
    edisi = _at(katalog.data, ("iid", "edisi"))
    if not isinstance(edisi, int) or isinstance(edisi, bool) or edisi in editions:
        return []
    if not editions:
        return [katalog.problem(("iid", "edisi"), f"edisi {edisi} belum punya berkas definisi {folder}/{edition_file(edisi)}; "
                                                  f"belum ada berkas edisi di {folder}/ (misalnya 2026.yml)")]
    available = [str(year) for year in sorted(editions)]
    hint = did_you_mean(str(edisi), available)
    return [katalog.problem(("iid", "edisi"), f"edisi {edisi} belum punya berkas definisi {folder}/{edition_file(edisi)}; "
                                              f"edisi yang tersedia: {', '.join(available)}{hint}")]


def _by_kind(sources: list[Source]) -> Iterator[tuple[str, int, Source]]:
    """``("edisi" | "daerah" | "", year, source)`` of each parsed file of content/iid/."""
    for source in sources:
        if not source.ok:
            continue
        name = _name(source)
        edition, region = _EDITION_RE.fullmatch(name), _REGION_RE.fullmatch(name)
        if edition:
            yield "edisi", int(edition.group(1)), source
        elif region:
            yield "daerah", int(region.group(1)), source
        else:
            yield "", 0, source


def _whole_file(source: Source, message: str) -> Problem:
    """A problem about the file as a whole (its name, its place), at its first line."""
    return Problem(source.path, 1, 1, "error", WHOLE_FILE, message)


def _has_errors(source: Source, problems: list[Problem]) -> bool:
    return any(p.severity == "error" for p in (*source.problems, *problems))


def iid_problems(content: Content, affairs: Mapping[str, Mapping[str, Any]]) -> IidCheck:
    """Every problem of content/iid/ and of katalog.yml's ``iid:`` block, and the edition in force if it is sound.

    ``affairs``: urusan.yml by id (for the basic-service affairs rule); empty when urusan.yml is unusable.
    """
    folder = in_content("iid")
    basic = sum(1 for a in affairs.values() if a.get("kelompok") == BASIC_SERVICE) if affairs else None
    out: list[Problem] = []
    editions: dict[int, Source] = {}
    sound: dict[int, Edition] = {}
    regions = []
    for kind, year, source in _by_kind(content.iid):
        if kind == "edisi":
            found = edition_problems(source, year, basic)
            out += found
            editions[year] = source
            if not _has_errors(source, found):
                sound[year] = edition_from_data(source.data)
        elif kind == "daerah":
            regions.append((year, source))
        else:
            out.append(_whole_file(source, f"nama berkas '{_name(source)}' tidak dikenal di {folder}/; gunakan <tahun>.yml untuk "
                                           "definisi edisi (misalnya 2026.yml) atau daerah-<tahun>.yml untuk nilai SPD daerah "
                                           "(misalnya daerah-2026.yml)"))
    usable_regions = set()
    for year, source in regions:
        if year not in editions:
            out.append(_whole_file(source, f"belum ada definisi edisi {year} ({folder}/{edition_file(year)}) untuk nilai SPD "
                                           "ini; tambahkan berkas edisinya atau ganti nama berkas ini menjadi "
                                           f"{_region_names(editions)}"))
        found = region_problems(source, sound.get(year), f"{folder}/{edition_file(year)}")
        found += _sample_problems(content.katalog, source)
        out += found
        if not _has_errors(source, found):
            usable_regions.add(year)
    out += _katalog_problems(content.katalog, editions, folder)
    edisi = _at(content.katalog.data, ("iid", "edisi"))
    in_force = sound.get(edisi) if isinstance(edisi, int) else None
    broken_region = any(year == edisi and year not in usable_regions for year, _ in regions)
    return IidCheck(out, None if broken_region else in_force)


def _region_names(editions: Mapping[int, Source]) -> str:
    return " atau ".join(region_file(year) for year in sorted(editions)) or "daerah-<tahun>.yml"
