"""``katalog new``: start a new innovation file from the schema.

The file is generated from ``inovasi.schema.json``, never from a second,
hand-written copy of the fields: every property appears in the schema's order
(which is the contract's order), each under a one-line comment made from its
``description`` and, for vocabularies, its ``x-label`` labels. Required fields
the contributor must write get a placeholder that starts with ``ISI:`` (which
``katalog check`` reports until it is replaced); optional fields are written
as comments, so the file validates as soon as the placeholders are filled in.

YAML is emitted as text because comments matter here; every scalar is written
as a JSON string (valid YAML) and the result is parsed back with the content
loader before anything touches the disk.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import unicodedata
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jsonschema_rs

from . import clock
from .content import KeyPath, innovation_files, parse_text, read_source
from .location import display_path
from .rules.catalog import normal_name
from .rules.common import MARKDOWN_FIELDS, suggest
from .schema import EDITOR_SCHEMA_MODELINE, editor_schema_root, load_schema, subschema, write_editor_schema
from .vocabulary import (
    SLUG_MAX,
    SLUG_MIN,
    RegistryEntry,
    RegistryIndex,
    is_slug,
    registry_index,
    resolve_unit,
    slugify,
    unit_hint,
)

#: Every placeholder starts with this; ``validate.PLACEHOLDER_RE`` recognises it.
PLACEHOLDER = "ISI:"
DATE_PATTERN = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"

_PLAIN_KEY_RE = re.compile(r"^[a-z][a-z0-9_]*$")
# Characters JSON leaves raw that YAML refuses raw or reads as line breaks.
_YAML_RAW_UNSAFE_RE = re.compile("[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]")
_SENTENCE_END_RE = re.compile(r"\.(?=\s|$)")
_MISSING: Any = object()

Ask = Callable[[str], str]
Say = Callable[[str], None]


class ScaffoldError(Exception):
    """``katalog new`` refuses; nothing was written.

    ``usage`` marks a wrong command line or an unusable content folder (exit 2);
    otherwise the request itself cannot be honoured (exit 1).
    """

    def __init__(self, messages: list[str] | str, *, usage: bool = False) -> None:
        self.messages = [messages] if isinstance(messages, str) else list(messages)
        self.usage = usage
        super().__init__("; ".join(self.messages))


# --- names and slugs (the rules are generator.vocabulary's) -------------------------------------

def slug_problem(slug: str) -> str | None:
    """Why ``slug`` cannot name an innovation file, or None."""
    if not is_slug(slug):
        shown = f"'{slug}'" if slug else "kosong"
        return (f"slug {shown} tidak sah; slug berisi {SLUG_MIN}–{SLUG_MAX} huruf kecil a–z, angka dan tanda hubung "
                "tunggal, misalnya antrean-daring-kependudukan")
    return None


def clean_name(raw: str) -> str:
    """A typed name as it will be stored: NFC, single spaces, no edge spaces."""
    return " ".join(unicodedata.normalize("NFC", raw).split())


def name_problem(name: str) -> str | None:
    """Why ``name`` (already cleaned) cannot be an innovation's ``nama``, or None."""
    rules = subschema(load_schema("inovasi"), ("nama",))
    low, high = rules.get("minLength", 1), rules.get("maxLength", 10**6)
    if not low <= len(name) <= high:
        return f"nama inovasi harus {low}–{high} karakter (sekarang {len(name)} karakter)"
    bad = next((c for c in name if not c.isprintable()), None)
    if bad is not None:
        code = f"U+{ord(bad):04X}"
        return (f"nama inovasi mengandung karakter tak terlihat atau tidak sah ({unicodedata.name(bad, code)}, {code}); "
                "ketik ulang namanya")
    return None


# --- what the catalog already holds -----------------------------------------------------------

@dataclass(frozen=True)
class CatalogInfo:
    """The parts of a catalog folder that a new innovation depends on."""

    root: Path
    units: RegistryIndex
    region: str | None = None
    #: Normalised names of the existing innovations → their file.
    names: dict[str, str] = field(default_factory=dict)
    #: Ids of urusan.yml, for the editor schema.
    affair_ids: tuple[str, ...] = ()

    def unit(self, unit_id: str) -> RegistryEntry | None:
        """The unit with this exact id, if any."""
        return self.units.by_id.get(unit_id)

    def path_for(self, slug: str) -> Path:
        """Where the innovation ``slug`` lives: content/inovasi/<slug>.yml."""
        return self.root / "inovasi" / f"{slug}.yml"


def read_catalog(root: Path) -> CatalogInfo:
    """Read katalog.yml, perangkat-daerah.yml and the names of existing innovations."""
    if not root.is_dir():
        raise ScaffoldError(f"folder konten '{root}' tidak ditemukan; pilih foldernya dengan --content DIR", usage=True)
    units_path = root / "perangkat-daerah.yml"
    if not units_path.is_file():
        raise ScaffoldError(f"berkas {display_path(units_path)} tidak ditemukan; folder konten harus memuat perangkat-daerah.yml")
    units_src = read_source(units_path)
    if not isinstance(units_src.data, list):
        raise ScaffoldError(f"{display_path(units_path)} tidak dapat dibaca sebagai daftar perangkat daerah; "
                            "jalankan katalog check untuk melihat masalahnya")
    units = registry_index(units_src.data)
    affairs = read_source(root / "urusan.yml").data if (root / "urusan.yml").is_file() else None
    affair_ids = registry_index(affairs if isinstance(affairs, list) else []).by_id
    region = None
    katalog = read_source(root / "katalog.yml") if (root / "katalog.yml").is_file() else None
    if katalog is not None and isinstance(katalog.data, dict) and isinstance(katalog.data.get("daerah"), str):
        region = " ".join(katalog.data["daerah"].split())
    names: dict[str, str] = {}
    try:
        files = innovation_files(root)
    except OSError as exc:
        raise ScaffoldError(f"folder {root / 'inovasi'} tidak dapat dibaca: {exc.strerror or exc}", usage=True) from exc
    for path in files:
        if path.suffix == ".yml" and path.is_file() and not path.is_symlink():
            data = read_source(path).data
            if isinstance(data, dict) and isinstance(data.get("nama"), str):
                names.setdefault(normal_name(data["nama"]), display_path(path))
    return CatalogInfo(root, units, region, names, tuple(affair_ids))


def unit_problem(info: CatalogInfo, written: str) -> str | None:
    """Why ``written`` cannot own an innovation, with the hint ``katalog check`` gives, or None."""
    if info.unit(written):
        return None
    hint = unit_hint(written, info.units) or "; lihat id yang tersedia di berkas itu"
    return f"perangkat daerah '{written}' tidak ada di {display_path(info.root / 'perangkat-daerah.yml')}{hint}"


def chosen_unit(info: CatalogInfo, written: str, say: Say) -> str:
    """The id of the unit ``written`` names (id, nama, singkatan or alias), saying so when it differs.

    Text that names no unit is returned as written, for :func:`unit_problem` to explain.
    """
    found = resolve_unit(written, info.units, limit=0)
    if found.id is None or found.exact:
        return written
    unit = info.units.by_id[found.id]
    say(f"  Perangkat daerah '{' '.join(written.split())}' dibaca sebagai {unit.id} ({unit.nama}).")
    return found.id


# --- the request ------------------------------------------------------------------------------

@dataclass
class NewInnovation:
    """What the new file will say besides placeholders."""

    nama: str
    perangkat_daerah: str
    tahun: int
    slug: str
    #: Vocabulary answers from the interactive mode, by key path, e.g. ``("tahapan",)``.
    choices: dict[KeyPath, Any] = field(default_factory=dict)

    def given(self) -> dict[str, Any]:
        """The known values as nested data, in the shape of the file."""
        data: dict[str, Any] = {"nama": self.nama, "perangkat_daerah": self.perangkat_daerah, "tahun": self.tahun}
        for keypath, value in self.choices.items():
            node = data
            for part in keypath[:-1]:
                node = node.setdefault(str(part), {})
            node[str(keypath[-1])] = value
        return data


def request_problems(info: CatalogInfo, request: NewInnovation) -> list[str]:
    """Every reason the request cannot be written (checked again just before writing)."""
    problems = [p for p in (name_problem(request.nama), slug_problem(request.slug),
                            unit_problem(info, request.perangkat_daerah)) if p]
    if not slug_problem(request.slug) and _taken(info, request.slug):
        problems.append(f"berkas {display_path(info.path_for(request.slug))} sudah ada; pilih nama lain atau slug lain dengan "
                        "--slug")
    if not name_problem(request.nama) and normal_name(request.nama) in info.names:
        problems.append(_duplicate(info, request.nama))
    return problems


def _taken(info: CatalogInfo, slug: str) -> bool:
    path = info.path_for(slug)
    return path.exists() or path.is_symlink()


def _duplicate(info: CatalogInfo, name: str) -> str:
    return f"nama '{name}' sudah dipakai oleh {info.names[normal_name(name)]}; setiap inovasi harus bernama unik"


def name_problems(info: CatalogInfo, name: str, slug_override: str | None) -> tuple[str, list[str]]:
    """The slug for ``name`` (or the override) and why the name cannot be used.

    An invalid override is reported by :func:`slug_problem`, not here.
    """
    problems: list[str] = []
    bad_name = name_problem(name)
    if bad_name:
        problems.append(bad_name)
    slug = slugify(name) if slug_override is None else slug_override
    if slug_problem(slug):
        if slug_override is None and not bad_name:
            problems.append(f"nama '{name}' tidak menghasilkan slug yang sah (minimal {SLUG_MIN} huruf a–z atau angka, "
                            f"didapat '{slug}'); tentukan slug sendiri dengan --slug, misalnya --slug antrean-daring")
    elif slug_override is None and _taken(info, slug):  # a taken override is reported with the override
        problems.append(f"berkas {display_path(info.path_for(slug))} sudah ada; pilih nama lain atau slug lain dengan --slug")
    if not bad_name and normal_name(name) in info.names:
        problems.append(_duplicate(info, name))
    return slug, problems


# --- rendering --------------------------------------------------------------------------------

def _quote(value: Any) -> str:
    """A scalar as YAML text that reads back as exactly ``value``."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    text = json.dumps(str(value), ensure_ascii=False)
    return _YAML_RAW_UNSAFE_RE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _key(name: str) -> str:
    return name if _PLAIN_KEY_RE.match(name) else json.dumps(name, ensure_ascii=False)


def _first_sentence(text: str) -> str:
    text = " ".join(text.split())
    found = _SENTENCE_END_RE.search(text)
    sentence = text[: found.start()] if found else text
    # Lower-case the first letter unless it starts an acronym (ASN, IID).
    if sentence[:1].isupper() and not sentence[1:2].isupper():
        sentence = sentence[0].lower() + sentence[1:]
    return sentence


def describe(node: dict[str, Any]) -> str:
    """The one-line comment for a field: its description and, for vocabularies, the choices."""
    text = " ".join(str(node.get("description", "")).split())
    if "enum" in node:
        labels = node.get("x-label", {})
        choices = ", ".join(f"{v} ({labels[v]})" if v in labels else str(v) for v in node["enum"])
        text = f"{text} Pilihan: {choices}".strip()
    return text


def placeholder(node: dict[str, Any], fallback: str = "") -> str:
    """The ``ISI: ...`` text that stands for a value the contributor must write."""
    if "enum" in node:
        hint = " | ".join(str(v) for v in node["enum"])
    elif node.get("type") == "boolean":
        hint = "true | false"
    else:
        hint = _first_sentence(node.get("description") or fallback)
        if node.get("pattern") == DATE_PATTERN and "TTTT-BB-HH" not in hint:
            hint += " (TTTT-BB-HH)"
    return f"{PLACEHOLDER} {hint}".rstrip()


def _comment_out(lines: list[str]) -> list[str]:
    return [f"# {line}" if line else "#" for line in lines]


def _indent(lines: list[str], prefix: str = "  ") -> list[str]:
    return [prefix + line if line else line for line in lines]


def _as_item(lines: list[str]) -> list[str]:
    """Child lines of one object, turned into a ``- `` list item (comments stay above)."""
    out, started = [], False
    for line in lines:
        if not started and not line.startswith("#"):
            out.append("- " + line)
            started = True
        else:
            out.append(("  " + line) if started else line)
    return out


@dataclass
class _Renderer:
    """Turns the schema and the known values into lines, remembering the data they hold."""

    #: Extra required keys per object, from the schema's if/then rules for the known values.
    required: dict[KeyPath, set[str]]
    #: Trailing comments for some values (the unit's full name).
    notes: dict[KeyPath, str]

    def fields(self, node: dict[str, Any], keypath: KeyPath, given: Any, *, full: bool,
               gap: bool = False) -> tuple[list[str], dict[str, Any]]:
        """Every property of an object: its comment line, then the field live or commented out.

        A field is live when it is required (also by an if/then rule), known,
        or part of a ``full`` example; a commented-out field is itself shown as
        a full example, so that removing the ``# `` gives every key.
        """
        lines: list[str] = []
        data: dict[str, Any] = {}
        required = set(node.get("required", [])) | self.required.get(keypath, set())
        for name, sub in node.get("properties", {}).items():
            child_given = given.get(name, _MISSING) if isinstance(given, dict) else _MISSING
            live = full or name in required or child_given is not _MISSING
            body, value = self.field(name, sub, keypath + (name,), child_given, full=full or not live)
            if gap and lines:
                lines.append("")
            lines.append(f"# {comment(name, sub)}")
            lines.extend(body if live else _comment_out(body))
            if live:
                data[name] = value
        return lines, data

    def field(self, name: str, node: dict[str, Any], keypath: KeyPath, given: Any, *, full: bool) -> tuple[list[str], Any]:
        """``name: value`` lines (without the comment line) and the value they hold."""
        key = _key(name)
        kind = node.get("type")
        if _is_labelled(node) and given is _MISSING:
            return self.labelled(key, node)
        if kind == "object":
            body, data = self.fields(node, keypath, given, full=full)
            return [f"{key}:", *_indent(body)], data
        if kind == "array":
            return self.array(key, node, keypath, given)
        if given is _MISSING and len(keypath) == 1 and keypath[0] in MARKDOWN_FIELDS:
            text = placeholder(node)
            return [f"{key}: |", f"  {text}"], text + "\n"
        value = placeholder(node) if given is _MISSING else given
        note = self.notes.get(keypath)
        return [f"{key}: {_quote(value)}" + (f"  # {note}" if note else "")], value

    def array(self, key: str, node: dict[str, Any], keypath: KeyPath, given: Any) -> tuple[list[str], Any]:
        """A list with one example item (objects as a block, scalars in flow style)."""
        if given is not _MISSING:
            return [f"{key}: [{', '.join(_quote(v) for v in given)}]"], list(given)
        item = node.get("items", {})
        if item.get("type") == "object":
            body, data = self.fields(item, keypath + (0,), _MISSING, full=True)
            return [f"{key}:", *_indent(_as_item(body))], [data]
        value = placeholder(item, fallback=node.get("description", ""))
        return [f"{key}: [{_quote(value)}]"], [value]

    def labelled(self, key: str, node: dict[str, Any]) -> tuple[list[str], Any]:
        """An object whose keys are a labelled vocabulary of records (indikator): per key, what it means as a comment
        line, then one example record on one line (its required values and one item of each list)."""
        lines, data = [f"{key}:"], {}
        for name, sub in node.get("properties", {}).items():
            record = _example_record(sub)
            required = sub.get("required", [])
            meaning = [sub.get("description", ""),
                       *(s.get("description", "") for k, s in sub.get("properties", {}).items() if k in required)]
            lines.append(f"  # {' '.join(' '.join(meaning).split())}")
            lines.append(f"  {_key(name)}: {_flow(record)}")
            data[name] = record
        return lines, data


def _example_record(node: dict[str, Any]) -> dict[str, Any]:
    """An example of one record: a placeholder for each value, and for a list of objects one item per alternative
    of its ``oneOf`` (e.g. one with ``berkas``, one with ``url``), each with the item's required keys."""
    out: dict[str, Any] = {}
    for name, sub in node.get("properties", {}).items():
        item = sub.get("items", {})
        if sub.get("type") == "array" and item.get("type") == "object":
            out[name] = [{k: placeholder(item["properties"][k]) for k in [*alternative.get("required", []),
                                                                          *item.get("required", [])]}
                         for alternative in item.get("oneOf") or [{}]]
        else:
            out[name] = placeholder(sub)
    return out


def _flow(value: Any) -> str:
    """A value as one line of YAML flow style."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_key(k)}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    return _quote(value)


def _is_labelled(node: dict[str, Any]) -> bool:
    """An object whose own keys carry ``x-label`` labels and each hold a record (indikator)."""
    if node.get("type") != "object" or not node.get("x-label") or "enum" in node:
        return False
    return all(sub.get("type") == "object" for sub in node.get("properties", {}).values())


def comment(name: str, node: dict[str, Any]) -> str:
    """The comment line above a field (without ``# ``)."""
    return describe(node) or name


def conditional_required(schema: dict[str, Any], data: dict[str, Any]) -> dict[KeyPath, set[str]]:
    """Keys that the schema's ``if``/``then`` rules require for ``data`` (e.g. waktu when tahapan is uji_coba)."""
    out: dict[KeyPath, set[str]] = defaultdict(set)

    def collect(node: dict[str, Any], keypath: KeyPath) -> None:
        out[keypath].update(node.get("required", []))
        for name, sub in node.get("properties", {}).items():
            if isinstance(sub, dict):
                collect(sub, keypath + (name,))

    for rule in schema.get("allOf", []):
        if "if" in rule and "then" in rule and jsonschema_rs.Draft202012Validator(rule["if"]).is_valid(data):
            collect(rule["then"], ())
    return out


def render(info: CatalogInfo, request: NewInnovation) -> tuple[str, dict[str, Any]]:
    """The new file's text and the data it must read back as."""
    schema = load_schema("inovasi")
    given = request.given()
    unit = info.unit(request.perangkat_daerah)
    notes: dict[KeyPath, str] = {("perangkat_daerah",): unit.nama} if unit and unit.nama != unit.id else {}
    body, data = _Renderer(conditional_required(schema, given), notes).fields(schema, (), given, full=False, gap=True)
    # The editor schema in the working copy, by a relative path: hints work offline (see schema.py).
    head = [EDITOR_SCHEMA_MODELINE, "#"]
    where = f" {info.region}" if info.region else ""
    head += [
        f"# Satu inovasi daerah{where} untuk Katalog Inovasi Daerah (dibuat dengan katalog new).",
        '# Ganti setiap teks yang diawali "ISI:" dengan isi yang sebenarnya.',
        f"# Teks panjang ({', '.join(MARKDOWN_FIELDS)}) ditulis di bawah tanda | dengan indentasi dua spasi.",
        '# Kolom pilihan ditulis sebagai komentar: hapus "# " di awal barisnya bila ingin mengisinya.',
        "# Setelah selesai, periksa berkas ini dengan perintah katalog check.",
        "",
    ]
    return "\n".join(head + body) + "\n", data


def verify(text: str, expected: dict[str, Any]) -> None:
    """Parse ``text`` with the content loader; it must hold exactly ``expected``."""
    source = parse_text("(templat)", text.encode("utf-8"))
    if source.problems or source.data != expected:
        raise RuntimeError(f"templat katalog new tidak terbaca ulang dengan benar: {source.problems or source.data}")


# --- writing ----------------------------------------------------------------------------------

def write_new_file(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically, never replacing an existing file.

    The text goes to a hidden temporary file in the same folder (content
    readers skip dot files), is flushed to disk, then linked into place:
    ``os.link`` fails if ``path`` appeared meanwhile, so a file someone else
    just created is never overwritten. File systems without hard links fall
    back to ``os.replace`` after a last existence check.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.parent / f".{path.name}.{secrets.token_hex(4)}.tmp"
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(text.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(temp, path)
        except FileExistsError:
            raise
        except OSError:
            if path.exists() or path.is_symlink():
                raise FileExistsError(path) from None
            os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)


def create(info: CatalogInfo, request: NewInnovation) -> Path:
    """Check the request, render the file, read it back and write it; returns its path."""
    problems = request_problems(info, request)
    if problems:
        raise ScaffoldError(problems)
    text, data = render(info, request)
    verify(text, data)
    path = info.path_for(request.slug)
    try:
        write_new_file(path, text)
    except FileExistsError:
        raise ScaffoldError(f"berkas {display_path(path)} sudah ada; pilih nama lain atau slug lain dengan --slug") from None
    except OSError as exc:
        raise ScaffoldError(f"berkas {display_path(path)} tidak dapat ditulis: {exc.strerror or exc}") from exc
    # The file's first line points to this schema: make sure it is there and knows today's ids.
    # A read-only checkout still gets its file; the schema is only the editor's help.
    with contextlib.suppress(OSError):
        write_editor_schema(editor_schema_root(info.root), [u.id for u in info.units.entries], info.affair_ids)
    return path


# --- interactive mode -------------------------------------------------------------------------

def asked_choices(schema: dict[str, Any] | None = None) -> list[KeyPath]:
    """Required vocabulary fields, in schema order (inisiator.jenis, bentuk, jenis, tahapan)."""
    schema = schema or load_schema("inovasi")
    out: list[KeyPath] = []

    def walk(node: dict[str, Any], keypath: KeyPath) -> None:
        for name in node.get("properties", {}):
            if name not in node.get("required", []):
                continue
            sub = node["properties"][name]
            if "enum" in sub:
                out.append(keypath + (name,))
            elif sub.get("type") == "object":
                walk(sub, keypath + (name,))

    walk(schema, ())
    return out


@dataclass
class Interview:
    """Asks in Indonesian for what the command line left out (plain ``input``/``print``).

    End of input (Ctrl-D) raises ``EOFError`` and Ctrl-C ``KeyboardInterrupt``;
    the caller cancels without writing anything.
    """

    info: CatalogInfo
    ask: Ask = input
    say: Say = print

    def name(self, slug_override: str | None) -> tuple[str, str]:
        """A name that is valid, unique and gives a free slug; asks until it gets one."""
        rules = subschema(load_schema("inovasi"), ("nama",))
        prompt = f"Nama inovasi ({rules.get('minLength', 3)}–{rules.get('maxLength', 120)} karakter): "
        while True:
            name = clean_name(self.ask(prompt))
            slug, problems = name_problems(self.info, name, slug_override)
            if not problems:
                self.say(f"  Berkas: {display_path(self.info.path_for(slug))}")
                return name, slug
            for problem in problems:
                self.say(f"  {problem}")

    def unit(self) -> str:
        """A unit id, chosen by number or typed; a typo gets a suggestion and another try."""
        units = self.info.units.entries
        if not units:
            raise ScaffoldError(f"{display_path(self.info.root / 'perangkat-daerah.yml')} belum berisi perangkat daerah")
        self.say("Perangkat daerah pemilik inovasi:")
        width = len(str(len(units)))
        for i, unit in enumerate(units, 1):
            self.say(f"  {i:>{width}}. {unit.id} — {unit.nama}")
        while True:
            answer = self.ask("Nomor, id, nama atau singkatan perangkat daerah: ").strip()
            if answer.isdigit() and 1 <= int(answer) <= len(units):
                chosen = units[int(answer) - 1]
                self.say(f"  {chosen.id} — {chosen.nama}")
                return chosen.id
            answer = chosen_unit(self.info, answer, self.say) if answer else answer
            if self.info.unit(answer):
                return answer
            self.say(f"  {unit_problem(self.info, answer) if answer else 'perangkat daerah wajib dipilih'}")

    def choice(self, keypath: KeyPath) -> Any:
        """One vocabulary value by number or id, or ``_MISSING`` when Enter leaves the placeholder."""
        node = subschema(load_schema("inovasi"), keypath)
        values = list(node["enum"])
        labels = node.get("x-label", {})
        self.say(f"{'.'.join(str(k) for k in keypath)}: {node.get('description', '')}".rstrip())
        for i, value in enumerate(values, 1):
            self.say(f"  {i}. {value}" + (f" — {labels[value]}" if value in labels else ""))
        shown = [str(v) for v in values]
        while True:
            answer = self.ask("Pilih nomor atau id (Enter = isi nanti): ").strip()
            if not answer:
                return _MISSING
            if answer.isdigit() and 1 <= int(answer) <= len(values) and answer not in shown:
                return values[int(answer) - 1]
            if answer in shown:
                return values[shown.index(answer)]
            hit = suggest(answer, shown)
            self.say(f"  '{answer}' bukan pilihan yang sah" + (f"; maksud Anda '{hit}'?" if hit else ""))


# --- the command ------------------------------------------------------------------------------

def new_innovation(
    root: Path,
    nama: str | None,
    unit: str | None,
    *,
    slug: str | None = None,
    year: int | None = None,
    interactive: bool = False,
    ask: Ask = input,
    say: Say = print,
) -> Path:
    """``katalog new``: check the arguments, ask for what is missing (in a terminal), write the file.

    Without a name and in a terminal, it also offers the required
    vocabularies (inisiator.jenis, bentuk, jenis, tahapan); Enter leaves the
    placeholder. Raises :class:`ScaffoldError` when it refuses, ``EOFError``
    or ``KeyboardInterrupt`` when the user cancels the questions; nothing is
    written in any of these cases.
    """
    tahun = clock.today().year if year is None else year
    rules = subschema(load_schema("inovasi"), ("tahun",))
    low, high = rules.get("minimum", 2000), rules.get("maximum", 2100)
    if not low <= tahun <= high:
        raise ScaffoldError(f"--tahun harus antara {low} dan {high} (sekarang {tahun})", usage=True)
    if nama is None and not interactive:
        raise ScaffoldError('sebutkan nama inovasi, misalnya: katalog new "Antrean Daring" --unit disdukcapil '
                            "(tanpa nama, perintah ini bertanya langsung bila dijalankan di terminal)", usage=True)
    if unit is None and not interactive:
        raise ScaffoldError("sebutkan perangkat daerah pemilik dengan --unit ID (id dari perangkat-daerah.yml), "
                            'misalnya: katalog new "Antrean Daring" --unit disdukcapil', usage=True)
    info = read_catalog(root)

    # Whatever the command line says is checked before any question is asked.
    problems: list[str] = []
    if slug is not None and (bad_slug := slug_problem(slug)):
        problems.append(bad_slug)
    elif slug is not None and _taken(info, slug):
        problems.append(f"berkas {display_path(info.path_for(slug))} sudah ada; pilih slug lain")
    derived = slug or ""
    if nama is not None:
        nama = clean_name(nama)
        derived, found = name_problems(info, nama, slug)
        problems += found
    if unit is not None:
        unit = chosen_unit(info, unit, say)
        if bad_unit := unit_problem(info, unit):
            problems.append(bad_unit)
    if problems:
        raise ScaffoldError(problems)

    interview = Interview(info, ask, say)
    choices: dict[KeyPath, Any] = {}
    if nama is None:
        say("Inovasi baru: jawab pertanyaan berikut (Ctrl-D atau Ctrl-C membatalkan tanpa menulis berkas).")
        nama, derived = interview.name(slug)
        if unit is None:
            unit = interview.unit()
        for keypath in asked_choices():
            value = interview.choice(keypath)
            if value is not _MISSING:
                choices[keypath] = value
    elif unit is None:
        unit = interview.unit()
    return create(info, NewInnovation(nama, unit, tahun, derived, choices))
