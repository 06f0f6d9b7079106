"""JSON Schema findings (generator/schema/*.schema.json), said in Indonesian.

The schemas hold the per-file rules; this module only translates what the
validator found. ``MESSAGES`` is the table: one small function per JSON Schema
keyword, from the finding to the problems a contributor reads.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from ..content import ODD_SPACE_RE, KeyPath, Source, format_keypath
from ..problems import Problem
from ..schema import fast_validator, load_schema, subschema, validator
from .common import CLOSING_QUOTES, OPENING_QUOTES, TYPE_NAMES, choices, did_you_mean, shown, suggest, type_of
from .text import character_name

if TYPE_CHECKING:
    from jsonschema import ValidationError

#: Schema findings reported per file; past it, one line says that there are more.
MAX_SCHEMA_PROBLEMS = 200


@dataclass(frozen=True)
class Finding:
    """One validator finding, with what its message needs."""

    error: ValidationError
    keypath: KeyPath
    source: Source
    root: dict[str, Any]

    @property
    def value(self) -> Any:
        return self.error.validator_value

    @property
    def instance(self) -> Any:
        return self.error.instance

    @property
    def own_message(self) -> str | None:
        """The schema's own Indonesian message for this value (``x-pesan``), if it has one."""
        return self.error.schema.get("x-pesan") if isinstance(self.error.schema, dict) else None

    def at(self, message: str, keypath: KeyPath | None = None, *, at_key: bool = False) -> Problem:
        return self.source.problem(self.keypath if keypath is None else keypath, message, at_key=at_key)


def _required(f: Finding) -> list[Problem]:
    out = []
    written = [k for k in f.instance if isinstance(k, str)] if isinstance(f.instance, dict) else []
    for key in f.value:
        if isinstance(f.instance, dict) and key not in f.instance:
            if suggest(key, [k for k in written if k not in f.error.schema.get("properties", {})]):
                continue  # a misspelt key ('namaa') is reported as unknown, with this key as its suggestion
            node = subschema(f.root, f.keypath + (key,))
            described = node.get("description", "")
            why = f.own_message or (f"isi: {described}" if described else "isi kolom ini")
            if "enum" in node and not f.own_message:
                why = (f"tambahkan baris '{key}: ...' dengan salah satu pilihan: {choices(node['enum'])}"
                       + (f" ({described})" if described else ""))
            # Point at the mapping that lacks the key, name the missing key.
            line, col = f.source.where(f.keypath)
            out.append(Problem(f.source.path, line, col, "error", format_keypath(f.keypath + (key,)),
                               f"kolom wajib '{key}' belum ada; {why}"))
    return out


def _additional(f: Finding) -> list[Problem]:
    known = list(f.error.schema.get("properties", {}))
    unknown = [k for k in f.instance if k not in known]
    # Each unknown key costs a "did you mean" search: at most MAX_SCHEMA_PROBLEMS of them.
    out = [f.at(f"kolom '{key}' tidak dikenal{did_you_mean(key, known) or '; kolom yang sah: ' + choices(known)}",
                f.keypath + (key,), at_key=True)
           for key in unknown[:MAX_SCHEMA_PROBLEMS]]
    if len(unknown) > MAX_SCHEMA_PROBLEMS:
        out.append(f.at(f"dan {len(unknown) - MAX_SCHEMA_PROBLEMS} kolom lain yang tidak dikenal; hapus atau perbaiki "
                        "kolom-kolom itu"))
    return out


def _enum(f: Finding) -> list[Problem]:
    if isinstance(f.instance, bool):
        return [f.at(f"{shown(f.instance)} (yes/no/true/false) bukan pilihan yang sah ({choices(f.value)}); tulis salah satu "
                     "pilihan itu")]
    return [f.at(f"{shown(f.instance)} bukan pilihan yang sah "
                 f"({choices(f.value)}){did_you_mean(f.instance, [str(v) for v in f.value])}")]


def _type(f: Finding) -> list[Problem]:
    wanted, instance = f.value, f.instance
    written = f.source.raw.get(f.keypath, str(instance))
    message = f"harus berupa {TYPE_NAMES.get(wanted, wanted)}, bukan {TYPE_NAMES[type_of(instance)]}"
    if instance is None:
        message = "kosong; isi nilainya atau hapus kolom ini"
    elif wanted == "string" and isinstance(instance, bool):
        message += f"; yes/no/true/false dibaca YAML sebagai ya/tidak, apit dengan tanda kutip bila maksudnya teks: \"{written}\""
    elif wanted == "string" and isinstance(instance, (int, float)):
        message += f"; apit nilai dengan tanda kutip, misalnya \"{written}\""
    elif wanted == "integer" and isinstance(instance, str):
        message += _number_hint(f.keypath)
    elif wanted == "boolean":
        message += "; tulis true (ya) atau false (tidak) tanpa tanda kutip"
    elif wanted == "integer" and isinstance(instance, float):
        message += f"; YAML membaca {written} sebagai pecahan{_number_hint(f.keypath).replace('; tulis', ': tulis', 1)}"
    elif wanted == "object" and isinstance(instance, (str, int, float)) and f.keypath:
        message += _mapping_example(f, written)
    return [f.at(message)]


def _number_hint(keypath: KeyPath) -> str:
    """What a whole number looks like for this field: a year, an amount of rupiah, or a count."""
    name = str(keypath[-1]) if keypath else ""
    if name == "tahun":
        return "; tulis satu tahun saja, empat angka, misalnya 2025"
    if name == "jumlah" and "anggaran" in keypath:
        return "; tulis angka saja tanpa titik, koma, spasi atau 'Rp', misalnya 25000000"
    return "; tulis angka saja, misalnya 1"


def _mapping_example(f: Finding, written: str) -> str:
    """A two-line example of the mapping that was expected, using what was written as its first value."""
    node = subschema(f.root, f.keypath)
    first = next(iter(node.get("required") or node.get("properties") or []), None)
    if first is None:
        return ""
    if isinstance(f.keypath[-1], int):  # a list item: its keys after the '- ' (an index is no key to write)
        keys = ", ".join(node.get("properties") or [first])
        return f"; setiap butir daftar ini berisi kolom {keys}: tulis '- {first}: ...' lalu kolom lainnya di bawahnya, sejajar"
    return (f"; tulis '{f.keypath[-1]}:' sendiri di satu baris, lalu di baris berikutnya, menjorok dua spasi, "
            f"'{first}: {written}'")


def _not(f: Finding) -> list[Problem]:
    forbidden = f.value.get("required", []) if isinstance(f.value, dict) else []
    if forbidden and isinstance(f.instance, dict) and forbidden[0] in f.instance:
        return [f.at(f.own_message or "kolom ini tidak diizinkan di sini", f.keypath + (forbidden[0],))]
    return [f.at(f.own_message or "kombinasi kolom ini tidak diizinkan")]


#: What to do with a character a value got from a word processor, which looks like what the pattern wants but is not.
_SPACE = "hapus karakter itu, atau ketik ulang sebagai spasi biasa bila memang perlu spasi"
_QUOTE = "hapus tanda kutip itu (nilai yang perlu tanda kutip memakai tanda kutip lurus \" atau ')"
_DASHES = "\u2013\u2014\u2212"


def _pasted(value: object) -> str:
    """Why a value that looks right does not match (contributor walk: "'2025-03-01 ': tanggal harus ditulis TTTT-BB-HH,
    misalnya 2025-03-01" only repeated what the contributor saw): the first such character, named, and what to do."""
    if not isinstance(value, str):
        return ""
    for char in value:
        todo = (_SPACE if ODD_SPACE_RE.match(char) else _QUOTE if char in OPENING_QUOTES + CLOSING_QUOTES
                else "ganti dengan tanda hubung -" if char in _DASHES else None)
        if todo:
            return (f"; nilai ini memuat {character_name(char)} (biasanya terbawa dari Word atau PDF) yang tampak benar "
                    f"tetapi tidak sah di sini: {todo}")
    return ""


#: Month names and their usual short forms, as an Indonesian contributor writes a date.
_MONTHS = {name: n for n, names in enumerate((
    ("januari", "jan"), ("februari", "feb", "pebruari"), ("maret", "mar"), ("april", "apr"), ("mei",),
    ("juni", "jun"), ("juli", "jul"), ("agustus", "agu", "agt", "ags", "agus"), ("september", "sep", "sept"),
    ("oktober", "okt"), ("november", "nov", "nop", "nopember"), ("desember", "des")), start=1) for name in names}
_WORD_DATE_RE = re.compile(r"^\s*(\d{1,2})\s+([A-Za-z]+)\.?\s+(\d{4})\s*$")
_NUMBER_DATE_RE = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$")


def _as_iso_date(value: object, message: str | None) -> str:
    """For a date field (its message asks for TTTT-BB-HH): the date an Indonesian contributor wrote as "1 Maret 2025",
    "01/03/2025" or "1-3-2025" (day first), as it must be written; "" when it is not such a date."""
    if not isinstance(value, str) or not message or "TTTT-BB-HH" not in message:
        return ""
    found = _WORD_DATE_RE.match(value)
    if found:
        day, month, year = int(found.group(1)), _MONTHS.get(found.group(2).lower()), int(found.group(3))
    else:
        found = _NUMBER_DATE_RE.match(value)
        if not found:
            return ""
        day, month, year = int(found.group(1)), int(found.group(2)), int(found.group(3))
    try:
        return f"; maksud Anda {date(year, month or 0, day).isoformat()}?"
    except ValueError:
        return ""


#: JSON Schema keyword → the problems a contributor reads.
MESSAGES: dict[str, Callable[[Finding], list[Problem]]] = {
    "required": _required,
    "additionalProperties": _additional,
    "enum": _enum,
    "type": _type,
    "not": _not,
    "minLength": lambda f: [f.at(f"terlalu pendek ({len(f.instance)} karakter); minimal {f.value} karakter")],
    "maxLength": lambda f: [f.at(f"terlalu panjang ({len(f.instance)} karakter); maksimal {f.value} karakter")],
    "pattern": lambda f: [f.at(f"{shown(f.instance)}: {f.own_message or 'format tidak sah'}"
                               f"{_as_iso_date(f.instance, f.own_message) or _pasted(f.instance)}")],
    "minimum": lambda f: [f.at(f"{shown(f.instance)} terlalu kecil; minimal {f.value}")],
    "maximum": lambda f: [f.at(f"{shown(f.instance)} terlalu besar; maksimal {f.value}")],
    "minItems": lambda f: [f.at(f"daftar ini harus berisi minimal {f.value} butir")],
    "maxItems": lambda f: [f.at(f"daftar ini terlalu panjang ({len(f.instance)} butir); maksimal {f.value} butir")],
    "uniqueItems": lambda f: [f.at("ada nilai yang ditulis lebih dari sekali; cukup tulis sekali")],
    "exclusiveMinimum": lambda f: [f.at(f.own_message or f"{shown(f.instance)} terlalu kecil; harus lebih dari {f.value}")],
    "minProperties": lambda f: [f.at(f.own_message or f"bagian ini harus berisi minimal {f.value} kolom")],
    "maxProperties": lambda f: [f.at(f.own_message or f"bagian ini terlalu banyak kolom ({len(f.instance)}); maksimal "
                                                      f"{f.value} kolom")],
    "const": lambda f: [f.at(f.own_message or f"{shown(f.instance)} tidak sah; tulis {shown(f.value)}")],
    "oneOf": lambda f: [f.at(f.own_message or "isi bagian ini tidak cocok dengan satu pun bentuk yang diizinkan")],
}
#: Keywords that only combine or reach other schemas: their findings come from the keywords inside them.
STRUCTURAL = frozenset({"$schema", "$id", "$ref", "$defs", "title", "description", "properties", "items", "allOf", "if",
                        "then", "else", "x-label", "x-pesan"})


def schema_problems(source: Source, schema_name: str, reported: Iterable[Problem] = (),
                    explained: Collection[str] = ()) -> list[Problem]:
    """What the schema ``schema_name`` finds in ``source``, in Indonesian (none for a valid file).

    A key the loader or an earlier rule (``reported``) already spoke about gets no second message;
    a key in ``explained`` gets no ``pattern`` message (another rule says better what it should be).
    """
    if not source.has_float and fast_validator(schema_name).is_valid(source.data):
        return []
    out: list[Problem] = []
    root = load_schema(schema_name)
    already = {p.key for p in (*source.problems, *reported)}
    # At most MAX_SCHEMA_PROBLEMS findings per file: a list of 20,000 wrong items stops early.
    errors = list(itertools.islice(validator(schema_name).iter_errors(source.data), MAX_SCHEMA_PROBLEMS + 1))
    if len(errors) > MAX_SCHEMA_PROBLEMS:
        errors = errors[:MAX_SCHEMA_PROBLEMS]
        out.append(source.problem((), f"lebih dari {MAX_SCHEMA_PROBLEMS} masalah isi; hanya {MAX_SCHEMA_PROBLEMS} yang pertama "
                                  "ditampilkan, perbaiki lalu periksa lagi"))
    # A value outside a vocabulary gets the enum message (with its suggestion), not also a type one.
    enum_paths = {tuple(e.absolute_path) for e in errors if e.validator == "enum"}
    for error in errors:
        keypath: KeyPath = tuple(error.absolute_path)
        if format_keypath(keypath) in already:
            continue  # the loader already said what is wrong here
        if error.validator == "type" and keypath in enum_paths:
            continue
        if error.validator == "pattern" and format_keypath(keypath) in explained:
            continue
        finding = Finding(error, keypath, source, root)
        translate = MESSAGES.get(str(error.validator))
        # Every keyword the schemas use has a message (tests/test_schema_messages.py); never the library's English.
        out.extend(translate(finding) if translate else [finding.at(finding.own_message or "nilai ini tidak sesuai aturan")])
    if not errors and not fast_validator(schema_name).is_valid(source.data):
        # The two validators disagree (a regular-expression corner case): the Rust finding still counts.
        found = next(iter(fast_validator(schema_name).iter_errors(source.data)))
        keypath = tuple(found.instance_path)
        if format_keypath(keypath) not in already:
            out.append(source.problem(keypath, "nilai ini tidak sah menurut skema; periksa karakter tak terlihat dan format "
                                               "penulisannya"))
    return out
