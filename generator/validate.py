"""Every rule the content must follow, as problems with file, line and key.

The JSON Schemas (``generator/schema/``) hold the per-file rules; this module
translates their findings into Indonesian and adds the rules a schema cannot
express: references between files, duplicate names, dates, media files, links
and HTML inside Markdown, and the target warnings reviewers track.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

from jsonschema import ValidationError

from .content import Content, KeyPath, Source, format_keypath
from .problems import Problem, sort_problems, visible
from .review import review_innovation
from .schema import fast_validator, load_schema, subschema, validator
from .similar import closest, neighbours

#: Text that ``katalog new`` writes where the contributor must fill something in.
PLACEHOLDER_RE = re.compile(r"^\s*ISI:")
SLUG_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
MIN_DESIGN_WORDS = 300
MARKDOWN_FIELDS = ("rancang_bangun", "tujuan", "manfaat", "hasil")
#: References checked per list (perangkat_daerah_lain, urusan.irisan): their schemas' largest maxItems.
MAX_REFERENCES = 20
#: Schema findings reported per file; past it, one line says that there are more.
MAX_SCHEMA_PROBLEMS = 200
#: Problem lines per file; past it, one line counts the rest.
MAX_PROBLEMS_PER_FILE = 500

_TYPE_NAMES = {
    "string": "teks", "integer": "bilangan bulat", "number": "angka", "boolean": "true/false",
    "array": "daftar (butir diawali '- ')", "object": "kumpulan kolom (kunci: nilai)", "null": "kosong",
}
# Characters that are invisible or reorder text: a name that looks right but is not.
# Noncharacters (U+FDD0–U+FDEF and the last two code points of every plane) are not
# allowed in XML: one of them made /feed.xml unreadable.
_NONCHARACTERS = "\ufdd0-\ufdef" + "".join(f"{chr(plane + 0xFFFE)}{chr(plane + 0xFFFF)}" for plane in range(0, 0x110000, 0x10000))
_INVISIBLE_RE = re.compile("[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e"
                           "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\ud800-\udfff" + _NONCHARACTERS + "]")
# Attributes are looked at for at most 1,000 characters: linear time on any input.
_HTML_RE = re.compile(r"<(?:[A-Za-z][A-Za-z0-9-]*(?:[\s/][^>]{0,1000})?>|/[A-Za-z][A-Za-z0-9-]*\s*>|!--|\?|!\[CDATA\[)")
_FENCE_RE = re.compile(r"^[ ]{0,3}(```|~~~)", re.MULTILINE)
_BACKTICKS_RE = re.compile(r"`+")
_LINK_RES = (
    re.compile(r"\]\(\s*<?((?:[^()\s>]|\([^()\s]*\))*)"),  # [text](url), balanced parentheses allowed
    re.compile(r"^[ ]{0,3}\[[^\]]+\]:\s*<?([^\s>]+)", re.MULTILINE),  # [ref]: url
    re.compile(r"<([A-Za-z][A-Za-z0-9+.-]*:[^>\s]*)>"),  # <scheme:...>
)
_IMAGE_RE = re.compile(r"!\[[^\]]{0,300}\]\(")
_SAFE_LINK_RE = re.compile(r"^(https?://\S+|mailto:[^\s@]+@\S+)$", re.IGNORECASE)
_SCHEME_RE = re.compile(r"^\s*([A-Za-z][A-Za-z0-9+.-]*):")


def _type_of(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return "null"


def suggest(word: str, choices: Iterable[str]) -> str | None:
    """The closest of ``choices`` to ``word``, if any is close enough."""
    choices = list(choices)
    lowered = {c.lower(): c for c in choices}
    norm = str(word).strip().lower().replace(" ", "_")
    if norm in lowered:
        return lowered[norm]
    found = closest(norm, list(lowered), cutoff=0.6)  # difflib's answer, without comparing with every choice
    return lowered[found] if found else None


def _did_you_mean(word: Any, choices: Iterable[str]) -> str:
    hit = suggest(str(word), choices) if isinstance(word, str) else None
    return f"; maksud Anda '{hit}'?" if hit else ""


def _shown(value: Any) -> str:
    """A value quoted in a message: short, one line, invisible characters made visible."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        text = value if len(value) <= 60 else value[:57] + "..."
        return f"'{visible(text)}'"
    if value is None:
        return "kosong"
    return str(value)


def _choices(values: list[Any]) -> str:
    return ", ".join(str(v) for v in values)


# --- schema findings, in Indonesian -----------------------------------------------------------

def _schema_problems(source: Source, schema_name: str) -> list[Problem]:
    if not source.has_float and fast_validator(schema_name).is_valid(source.data):
        return []
    out: list[Problem] = []
    root = load_schema(schema_name)
    already = {p.key for p in source.problems}
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
        out.extend(_translate(error, keypath, source, root))
    if not errors and not fast_validator(schema_name).is_valid(source.data):
        # The two validators disagree (a regular-expression corner case): the Rust finding still counts.
        found = next(iter(fast_validator(schema_name).iter_errors(source.data)))
        keypath = tuple(found.instance_path)
        if format_keypath(keypath) not in already:
            out.append(source.problem(keypath, "nilai ini tidak sah menurut skema; periksa karakter tak terlihat dan format penulisannya"))
    return out


def _translate(error: ValidationError, keypath: KeyPath, source: Source, root: dict[str, Any]) -> list[Problem]:
    kind, value, instance = error.validator, error.validator_value, error.instance
    extra = error.schema.get("x-pesan") if isinstance(error.schema, dict) else None
    if kind == "required":
        problems = []
        for key in value:
            if isinstance(instance, dict) and key not in instance:
                described = subschema(root, keypath + (key,)).get("description", "")
                why = extra or (f"isi: {described}" if described else "isi kolom ini")
                # Point at the mapping that lacks the key, name the missing key.
                problems.append(Problem(source.path, *source.where(keypath), "error",
                                        format_keypath(keypath + (key,)), f"kolom wajib '{key}' belum ada; {why}"))
        return problems
    if kind == "additionalProperties":
        known = list(error.schema.get("properties", {}))
        problems = []
        unknown = [k for k in instance if k not in known]
        # Each unknown key costs a "did you mean" search: at most MAX_SCHEMA_PROBLEMS of them.
        for key in unknown[:MAX_SCHEMA_PROBLEMS]:
            hint = _did_you_mean(key, known) or f"; kolom yang sah: {_choices(known)}"
            problems.append(source.problem(keypath + (key,), f"kolom '{key}' tidak dikenal{hint}", at_key=True))
        if len(unknown) > MAX_SCHEMA_PROBLEMS:
            problems.append(source.problem(keypath, f"dan {len(unknown) - MAX_SCHEMA_PROBLEMS} kolom lain yang tidak dikenal; "
                                           "hapus atau perbaiki kolom-kolom itu"))
        return problems
    if kind == "enum":
        if isinstance(instance, bool):
            msg = f"{_shown(instance)} (yes/no/true/false) bukan pilihan yang sah ({_choices(value)}); tulis salah satu pilihan itu"
        else:
            msg = f"{_shown(instance)} bukan pilihan yang sah ({_choices(value)}){_did_you_mean(instance, [str(v) for v in value])}"
        return [source.problem(keypath, msg)]
    if kind == "type":
        wanted = _TYPE_NAMES.get(value, value)
        written = source.raw.get(keypath, str(instance))
        msg = f"harus berupa {wanted}, bukan {_TYPE_NAMES[_type_of(instance)]}"
        if instance is None:
            msg = "kosong; isi nilainya atau hapus kolom ini"
        elif value == "string" and isinstance(instance, bool):
            msg += f"; yes/no/true/false dibaca YAML sebagai ya/tidak, apit dengan tanda kutip bila maksudnya teks: \"{written}\""
        elif value == "string" and isinstance(instance, (int, float)):
            msg += f"; apit nilai dengan tanda kutip, misalnya \"{written}\""
        elif value == "integer" and isinstance(instance, str):
            msg += "; tulis angka saja tanpa titik, koma, spasi atau 'Rp', misalnya 25000000"
        elif value == "integer" and isinstance(instance, float):
            msg += f"; YAML membaca {written} sebagai pecahan: tulis angka saja tanpa titik atau koma, misalnya 25000000"
        return [source.problem(keypath, msg)]
    if kind == "minLength":
        return [source.problem(keypath, f"terlalu pendek ({len(instance)} karakter); minimal {value} karakter")]
    if kind == "maxLength":
        return [source.problem(keypath, f"terlalu panjang ({len(instance)} karakter); maksimal {value} karakter")]
    if kind == "pattern":
        return [source.problem(keypath, f"{_shown(instance)}: {extra or 'format tidak sah'}")]
    if kind == "minimum":
        return [source.problem(keypath, f"{_shown(instance)} terlalu kecil; minimal {value}")]
    if kind == "maximum":
        return [source.problem(keypath, f"{_shown(instance)} terlalu besar; maksimal {value}")]
    if kind == "minItems":
        return [source.problem(keypath, f"daftar ini harus berisi minimal {value} butir")]
    if kind == "maxItems":
        return [source.problem(keypath, f"daftar ini terlalu panjang ({len(instance)} butir); maksimal {value} butir")]
    if kind == "uniqueItems":
        return [source.problem(keypath, "ada nilai yang ditulis lebih dari sekali; cukup tulis sekali")]
    if kind == "not":
        forbidden = value.get("required", []) if isinstance(value, dict) else []
        if forbidden and isinstance(instance, dict) and forbidden[0] in instance:
            return [source.problem(keypath + (forbidden[0],), extra or "kolom ini tidak diizinkan di sini")]
        return [source.problem(keypath, extra or "kombinasi kolom ini tidak diizinkan")]
    return [source.problem(keypath, extra or error.message)]


# --- rules across and beyond the schema ------------------------------------------------------

def _walk_strings(data: Any, keypath: KeyPath = ()) -> Iterable[tuple[KeyPath, str]]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _walk_strings(value, keypath + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _walk_strings(value, keypath + (i,))
    elif isinstance(data, str):
        yield keypath, data


def _text_hygiene(source: Source) -> None:
    for keypath, text in _walk_strings(source.data):
        if PLACEHOLDER_RE.match(text):
            source.add(keypath, f"masih berisi teks isian dari templat ({_shown(text.strip())}); ganti dengan isi yang sebenarnya")
            continue
        found = _INVISIBLE_RE.search(text)
        if found:
            char = found.group()
            name = unicodedata.name(char, f"U+{ord(char):04X}")
            source.add(keypath, f"mengandung karakter tak terlihat atau karakter kendali ({name}, U+{ord(char):04X}) pada posisi {found.start() + 1}; hapus karakter itu")


def _offset_position(source: Source, keypath: KeyPath, text: str, offset: int) -> tuple[int, int]:
    """Line and column of ``text[offset]`` inside a literal block, else of the value."""
    block = source.blocks.get(keypath)
    if not block:
        return source.where(keypath)
    before = text[:offset]
    line = block[0] + before.count("\n")
    col = (block[1] + len(before)) if "\n" not in before else (block[1] + len(before.rsplit("\n", 1)[1]))
    return line, col


def _blank_code(text: str) -> str:
    """``text`` with fenced blocks and code spans blanked out (same length), in linear time.

    Code shows HTML and links as text, so they are not checked there.
    """
    out = list(text)

    def blank(start: int, end: int) -> None:
        out[start:end] = " " * (end - start)

    fences = list(_FENCE_RE.finditer(text))
    opened = None
    for fence in fences:
        if opened is None:
            opened = fence
        elif fence.group(1) == opened.group(1):
            blank(opened.start(), fence.end())
            opened = None
    runs: dict[int, list[re.Match[str]]] = {}
    for run in _BACKTICKS_RE.finditer("".join(out)):
        runs.setdefault(len(run.group()), []).append(run)
    for same in runs.values():  # a code span opens and closes with runs of equal length
        for opening, closing in zip(same[::2], same[1::2]):
            blank(opening.start(), closing.end())
    return "".join(out)


def _markdown_rules(source: Source, keypath: KeyPath, text: str) -> None:
    if "<" not in text and "](" not in text and "]:" not in text and "![" not in text:
        return  # no HTML and no link: nothing to check (most fields)
    scan = _blank_code(text) if "`" in text or "~~~" in text else text
    for found in _IMAGE_RE.finditer(scan):
        line, col = _offset_position(source, keypath, text, found.start())
        source.problems.append(Problem(source.path, line, col, "warning", format_keypath(keypath),
                                       "gambar di dalam teks tidak ditampilkan; masukkan gambar lewat kolom media"))
    for found in _HTML_RE.finditer(scan):
        line, col = _offset_position(source, keypath, text, found.start())
        snippet = text[found.start(): found.start() + 30].split("\n")[0]
        source.problems.append(Problem(source.path, line, col, "error", format_keypath(keypath),
                                       f"HTML tidak diizinkan ('{snippet}'); gunakan Markdown: **tebal**, *miring*, - daftar, [teks](https://...)"))
    for pattern in _LINK_RES:
        for found in pattern.finditer(scan):
            url = found.group(1)
            if _SAFE_LINK_RE.match(url):
                continue
            line, col = _offset_position(source, keypath, text, found.start(1))
            source.problems.append(Problem(source.path, line, col, "error", format_keypath(keypath),
                                           f"tautan '{url[:60]}' tidak diizinkan; tautan harus diawali https://, http:// atau mailto:"))


def _check_date(source: Source, keypath: KeyPath, value: Any) -> date | None:
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return None  # the schema reports the format
    try:
        return date.fromisoformat(value)
    except ValueError:
        source.add(keypath, f"'{value}' bukan tanggal yang ada di kalender; periksa bulan (01–12) dan hari")
        return None


def _refs(source: Source, keypath: KeyPath, value: Any, known: dict[str, Any], what: str, registry: str) -> None:
    if isinstance(value, str) and value not in known and not PLACEHOLDER_RE.match(value):
        source.add(keypath, f"{what} '{value}' tidak ada di {registry}{_did_you_mean(value, known)}")


def _innovation_rules(source: Source, units: dict[str, Any], affairs: dict[str, Any], content: Content) -> None:
    data = source.data
    name = Path(source.path).name
    stem, suffix = name.rsplit(".", 1) if "." in name else (name, "")
    if suffix != "yml":
        source.add((), f"nama berkas harus berakhiran .yml (sekarang '{name}'); ganti menjadi {stem}.yml")
    if not SLUG_RE.fullmatch(stem) or not 3 <= len(stem) <= 80:
        source.add((), f"nama berkas '{stem}' bukan slug yang sah; gunakan 3–80 huruf kecil, angka dan tanda hubung tunggal, misalnya antrean-daring-kependudukan")
    if not isinstance(data, dict):
        return

    _refs(source, ("perangkat_daerah",), data.get("perangkat_daerah"), units, "perangkat daerah", "perangkat-daerah.yml")
    others = data.get("perangkat_daerah_lain")
    # Only the items a list may hold (maxItems, at most 20): an over-long list is already an error,
    # and each reference costs a 'did you mean' search of the registry.
    for i, unit in enumerate(others[:MAX_REFERENCES] if isinstance(others, list) else []):
        _refs(source, ("perangkat_daerah_lain", i), unit, units, "perangkat daerah", "perangkat-daerah.yml")
        if unit == data.get("perangkat_daerah"):
            source.add(("perangkat_daerah_lain", i), f"'{unit}' sudah menjadi perangkat_daerah utama; hapus dari daftar ini")
    urusan = data.get("urusan")
    if isinstance(urusan, dict):
        _refs(source, ("urusan", "utama"), urusan.get("utama"), affairs, "urusan", "urusan.yml")
        irisan = urusan.get("irisan")
        for i, affair in enumerate(irisan[:MAX_REFERENCES] if isinstance(irisan, list) else []):
            _refs(source, ("urusan", "irisan", i), affair, affairs, "urusan", "urusan.yml")
            if affair == urusan.get("utama"):
                source.add(("urusan", "irisan", i), f"'{affair}' sudah menjadi urusan utama; hapus dari irisan")

    # Dates valid, in order, and telling the same story as tahapan.
    waktu = data.get("waktu") if isinstance(data.get("waktu"), dict) else {}
    trial = _check_date(source, ("waktu", "uji_coba"), waktu.get("uji_coba"))
    launch = _check_date(source, ("waktu", "penerapan"), waktu.get("penerapan"))
    reviewed = _check_date(source, ("diperbarui",), data.get("diperbarui"))
    if trial and launch and launch < trial:
        source.add(("waktu", "penerapan"), f"tanggal penerapan ({launch.isoformat()}) sebelum tanggal uji coba ({trial.isoformat()}); penerapan tidak boleh mendahului uji coba")
    stage = data.get("tahapan")
    if stage == "inisiatif" and (waktu.get("uji_coba") or waktu.get("penerapan")):
        key = "uji_coba" if waktu.get("uji_coba") else "penerapan"
        source.add(("waktu", key), "tahapan masih 'inisiatif' tetapi tanggal ini sudah diisi; ubah tahapan menjadi uji_coba/penerapan atau hapus tanggalnya")
    if stage == "uji_coba" and waktu.get("penerapan"):
        source.add(("waktu", "penerapan"), "tahapan masih 'uji_coba' tetapi tanggal penerapan sudah diisi; ubah tahapan menjadi penerapan atau hapus tanggal ini")
    today = date.today()
    for key, when in (("waktu.uji_coba", trial), ("waktu.penerapan", launch), ("diperbarui", reviewed)):
        if when and when > today:
            source.add(tuple(key.split(".")), f"tanggal {when.isoformat()} masih di masa depan; tulis tanggal yang sudah terjadi", "warning")

    for field in MARKDOWN_FIELDS:
        if isinstance(data.get(field), str):
            _markdown_rules(source, (field,), data[field])

    media = data.get("media")
    slug = stem
    for i, item in enumerate(media if isinstance(media, list) else []):
        berkas = item.get("berkas") if isinstance(item, dict) else None
        if isinstance(berkas, str) and re.fullmatch(r"[a-z0-9][a-z0-9._-]*", berkas) and ".." not in berkas:
            folder = content.root / "media" / slug
            path = folder / berkas
            if any(p.is_symlink() for p in (folder.parent, folder, path)):
                source.add(("media", i, "berkas"), f"'{berkas}' atau foldernya adalah tautan simbolik (symlink); salin berkas gambarnya ke {content.root.name}/media/{slug}/")
            elif not path.is_file():
                source.add(("media", i, "berkas"), f"berkas gambar tidak ditemukan: letakkan '{berkas}' di {content.root.name}/media/{slug}/")

    design = data.get("rancang_bangun")
    if isinstance(design, str) and not PLACEHOLDER_RE.match(design):
        words = len(design.split())
        if words < MIN_DESIGN_WORDS:
            source.add(("rancang_bangun",), f"rancang bangun baru {words} kata; formulir IID meminta minimal {MIN_DESIGN_WORDS} kata (masalah, perubahan, cara kerja)", "warning")
    if stage == "penerapan" and not data.get("hasil"):
        source.add(("hasil",), "inovasi sudah tahap penerapan tetapi kolom 'hasil' belum diisi; tuliskan hasil yang sudah dicapai, sebaiknya dengan angka", "warning")


def _page_rules(page: Source) -> None:
    """A hand-written page: its front matter like any content file, its Markdown like a Markdown field."""
    if page.body is None:
        return  # refused as a whole (name, symlink, encoding): already reported
    _text_hygiene(page)
    page.problems.extend(_schema_problems(page, "halaman"))
    _markdown_rules(page, (), page.body)


def normal_name(name: str) -> str:
    """The form in which two innovation names are compared (case and spaces ignored)."""
    return " ".join(name.casefold().split())


def _registry_ids(source: Source, what: str) -> dict[str, dict[str, Any]]:
    """Index a registry by id, reporting ids used twice."""
    out: dict[str, dict[str, Any]] = {}
    if not isinstance(source.data, list):
        if source.data is not None:
            source.add((), f"isi {what} harus berupa daftar (setiap butir diawali '- ')")
        return out
    for i, item in enumerate(source.data):
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            if item["id"] in out:
                source.add((i, "id"), f"id '{item['id']}' sudah dipakai butir lain; setiap id harus unik")
            else:
                out[item["id"]] = item
    return out


def check_content(content: Content) -> list[Problem]:
    """Validate a whole catalog; every problem of every file, sorted."""
    katalog, units_src, affairs_src = content.katalog, content.units, content.affairs
    for source, name in ((katalog, "katalog"), (units_src, "perangkat-daerah"), (affairs_src, "urusan")):
        if source.ok:
            _text_hygiene(source)
            source.problems.extend(_schema_problems(source, name))
    units = _registry_ids(units_src, "perangkat-daerah.yml")
    affairs = _registry_ids(affairs_src, "urusan.yml")
    if isinstance(katalog.data, dict) and isinstance(katalog.data.get("target"), list):
        years = Counter(t.get("tahun") for t in katalog.data["target"] if isinstance(t, dict))
        for i, t in enumerate(katalog.data["target"]):
            if isinstance(t, dict) and years[t.get("tahun")] > 1:
                katalog.add(("target", i, "tahun"), f"target tahun {t.get('tahun')} ditulis lebih dari sekali")

    names: dict[str, Source] = {}
    counts: dict[tuple[str, int], int] = defaultdict(int)
    for source in content.innovations:
        if not source.ok:
            continue
        if not isinstance(source.data, dict):
            source.add((), "isi berkas inovasi harus berupa kumpulan kolom 'kunci: nilai' (lihat contoh di content/inovasi/)")
            continue
        _text_hygiene(source)
        source.problems.extend(_schema_problems(source, "inovasi"))
        _innovation_rules(source, units, affairs, content)
        source.problems.extend(review_innovation(source))  # generator/review.py: what a reviewer must see
        name = source.data.get("nama")
        if isinstance(name, str):
            key = normal_name(name)
            if key in names:
                # Both files hear of it, so that checking either one alone finds it.
                first = names[key]
                source.add(("nama",), f"nama inovasi sama dengan {first.path}; setiap inovasi harus bernama unik")
                first.add(("nama",), f"nama inovasi sama dengan {source.path}; setiap inovasi harus bernama unik")
            else:
                names[key] = source
        unit, year = source.data.get("perangkat_daerah"), source.data.get("tahun")
        if isinstance(unit, str) and isinstance(year, int):
            counts[(unit, year)] += 1

    for page in content.page_sources:
        _page_rules(page)

    _similar_warnings(content.innovations, content.katalog)
    _target_warnings(content, units, counts)
    return sort_problems(p for s in content.sources for p in _capped(s.problems))


def _capped(problems: list[Problem]) -> list[Problem]:
    """A file's first MAX_PROBLEMS_PER_FILE problems (in line order), and one line counting the rest."""
    if len(problems) <= MAX_PROBLEMS_PER_FILE:
        return problems
    ordered = sort_problems(problems)
    shown, hidden = ordered[:MAX_PROBLEMS_PER_FILE], ordered[MAX_PROBLEMS_PER_FILE:]
    if not hidden:
        return shown
    severity = "error" if any(p.severity == "error" for p in ordered) else "warning"
    first = hidden[0]
    return shown + [Problem(first.path, first.line, first.column, severity, first.key,
                            f"dan {len(hidden)} masalah lain di berkas ini tidak ditampilkan (paling banyak "
                            f"{MAX_PROBLEMS_PER_FILE} per berkas); perbaiki yang ditampilkan lalu periksa lagi")]


def _similar_warnings(innovations: list[Source], katalog: Source) -> None:
    """Warn on each file whose name or summary is nearly that of others (at most one line per field).

    Bounded for any catalog (generator/similar.py): the three closest files are
    named, the others counted; past similar.MAX_REPORTED warnings, one summary line.
    """
    items = [s for s in innovations if isinstance(s.data, dict) and isinstance(s.data.get("nama"), str)]
    slugs = [Path(s.path).stem for s in items]
    names = [normal_name(s.data["nama"]) for s in items]
    acknowledged = [
        {v for v in s.data["berbeda_dari"] if isinstance(v, str)} if isinstance(s.data.get("berbeda_dari"), list) else set()
        for s in items
    ]
    summaries = [
        s.data["ringkasan"] if isinstance(s.data.get("ringkasan"), str) and not PLACEHOLDER_RE.match(s.data["ringkasan"]) else ""
        for s in items
    ]

    def ignore(this: int, other: int) -> bool:
        # The same name is already an error; a file acknowledged in berbeda_dari is not a duplicate.
        return names[this] == names[other] or slugs[other] in acknowledged[this]

    report = neighbours([s.data["nama"] for s in items], summaries, ignore)
    for found in report.warnings:
        others = ", ".join(f"{items[i].path} (kemiripan {score}%)" for i, score in found.named)
        if found.more:
            others += f" dan {'' if found.complete else 'sedikitnya '}{found.more} berkas lain yang mirip"
        listed = ", ".join(slugs[i] for i, _ in found.named)
        items[found.item].add((found.field,), f"{found.field} sangat mirip dengan {others}; "
                              f"periksa apakah ini inovasi yang sama, atau bila memang berbeda tambahkan 'berbeda_dari: [{listed}]'", "warning")
    if report.left_out:
        katalog.add((), f"{report.left_out} peringatan kemiripan lain tentang {report.left_out_items} berkas inovasi tidak ditampilkan "
                    f"(paling banyak {report.limit} per kolom); tangani yang ditampilkan lalu periksa lagi", "warning")


def _target_warnings(content: Content, units: dict[str, dict[str, Any]], counts: dict[tuple[str, int], int]) -> None:
    """Warn about units that still owe the latest year's target."""
    data = content.katalog.data
    targets = [t for t in data.get("target", []) if isinstance(t, dict) and isinstance(t.get("tahun"), int)] if isinstance(data, dict) and isinstance(data.get("target"), list) else []
    if not targets or not isinstance(content.units.data, list):
        return
    target = max(targets, key=lambda t: t["tahun"])
    minimum = target.get("minimal_per_unit", 1)
    if not isinstance(minimum, int) or minimum <= 0:
        return
    for i, item in enumerate(content.units.data):
        if not isinstance(item, dict) or not isinstance(item.get("id"), str) or units.get(item["id"]) is not item:
            continue
        if not unit_counts_toward_target(item):
            continue
        have = counts.get((item["id"], target["tahun"]), 0)
        if have < minimum:
            content.units.add((i, "id"), f"{item.get('nama', item['id'])} baru punya {have} inovasi tahun {target['tahun']}; target minimal {minimum} per perangkat daerah", "warning")


def unit_counts_toward_target(unit: dict[str, Any]) -> bool:
    """``wajib_target`` as written, else true for every jenis except sekolah."""
    value = unit.get("wajib_target")
    return value if isinstance(value, bool) else unit.get("jenis") != "sekolah"
