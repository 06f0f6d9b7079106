"""The catalog's names: slugs, and which unit a contributor means.

One module so that ``katalog check``, ``katalog new`` and the issue-form
converter agree: the same innovation name gives the same slug everywhere, and
a unit written by its id, its ``nama``, its ``singkatan`` or an ``alias`` from
``perangkat-daerah.yml`` is recognised (or explained) the same way on every
path. Everything here is a pure function of its arguments.

Organisations that are not units of their own (puskesmas, UPTD, kelurahan)
and schools not yet in the registry get guidance instead of a "maksud Anda"
guess: a guess would name a *different* unit, and a contributor might take it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from .similar import closest

# --- slugs ------------------------------------------------------------------------------------

SLUG_MIN, SLUG_MAX = 3, 80
SLUG_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

# Apostrophes join a word rather than split it: Jum'at → jumat. Removed before
# NFKD, which would turn the acute accent ´ into a space and a combining mark.
_APOSTROPHES = str.maketrans(dict.fromkeys("'’‘`´ʼʹ′", ""))
# Letters that NFKD does not split into an ASCII base and a mark (after casefold).
_LETTERS = str.maketrans({"æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ł": "l", "ı": "i", "þ": "th", "ð": "d"})
_NON_ALNUM_RE = re.compile(r"[^a-z0-9]+")


def name_key(text: str) -> str:
    """``text`` in slug form without the length limit: how names are compared.

    Case, accents, apostrophes, punctuation and spacing do not matter:
    ``"Dinas  Kesehatan"``, ``"dinas-kesehatan"`` and ``"DINAS KESEHATAN."``
    share the key ``dinas-kesehatan``.
    """
    text = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = unicodedata.normalize("NFKD", text.casefold()).translate(_LETTERS)
    return _NON_ALNUM_RE.sub("-", text).strip("-")


def shorten_slug(slug: str, limit: int = SLUG_MAX) -> str:
    """``slug`` cut to at most ``limit`` characters at a hyphen, unless one word is longer."""
    if len(slug) <= limit:
        return slug
    if slug[limit] == "-":
        return slug[:limit]
    cut = slug[:limit].rfind("-")
    return slug[:cut] if cut > 0 else slug[:limit]


def slugify(name: str) -> str:
    """The slug a name suggests: the one rule for ``katalog new`` and the issue form.

    NFKD with combining marks dropped (é → e), apostrophes removed without a
    hyphen (Jum'at → jumat), every other run of characters outside a–z and
    0–9 one hyphen, no hyphen at either end, at most 80 characters cut at a
    word boundary. ``"Jum'at Bersih & Sehat"`` → ``jumat-bersih-sehat``.

    May be shorter than 3 characters (or empty) for a name without Latin
    letters or digits; :func:`is_slug` says whether it can name a file.
    """
    return shorten_slug(name_key(name))


def is_slug(text: str) -> bool:
    """Whether ``text`` can name an innovation file: 3–80 of a–z, 0–9 and single inner hyphens."""
    return SLUG_MIN <= len(text) <= SLUG_MAX and SLUG_RE.fullmatch(text) is not None


# --- registries: units and urusan ---------------------------------------------------------------

MatchedBy = Literal["id", "nama", "singkatan", "alias"]
#: Strongest first: a key that is one unit's id and another's alias means the first.
_LEVELS: tuple[MatchedBy, ...] = ("id", "nama", "singkatan", "alias")
#: Longer text gets no fuzzy guess (hostile input must not cost quadratic time).
_MAX_FUZZY_CHARS = 200
_MAX_ALIASES = 20  # the schema's maxItems; the registry may not be validated yet


@dataclass(frozen=True)
class RegistryEntry:
    """The names of one registry item (a unit of perangkat-daerah.yml or an urusan)."""

    id: str
    nama: str
    singkatan: str | None = None
    alias: tuple[str, ...] = ()
    jenis: str | None = None

    def names(self) -> Iterator[tuple[MatchedBy, str]]:
        """Every name of the item with what it is, id first."""
        yield "id", self.id
        yield "nama", self.nama
        if self.singkatan:
            yield "singkatan", self.singkatan
        for alias in self.alias:
            yield "alias", alias


@dataclass(frozen=True)
class RegistryIndex:
    """A registry's entries and the keys (:func:`name_key`) of all their names.

    Build it once with :func:`registry_index` when resolving many values.
    """

    entries: tuple[RegistryEntry, ...]
    by_id: Mapping[str, RegistryEntry]
    #: name key → ((level in _LEVELS, id), ...) of every entry having a name with that key.
    keys: Mapping[str, tuple[tuple[int, str], ...]]

    def clashes(self) -> dict[str, tuple[str, ...]]:
        """Keys that name different entries at the same strength (they resolve to no entry)."""
        out: dict[str, tuple[str, ...]] = {}
        for key, hits in self.keys.items():
            ids = _strongest(hits)
            if len(ids) > 1:
                out[key] = ids
        return out


Registry = RegistryIndex | Mapping[str, Any] | Iterable[Any]


def _text(value: Any) -> str | None:
    return " ".join(value.split()) if isinstance(value, str) and value.strip() else None


def _entry(item: Any) -> RegistryEntry | None:
    """An entry from a YAML mapping, a model object (``model.Unit``) or an entry; None if it has no id."""
    if isinstance(item, RegistryEntry):
        return item
    get = item.get if isinstance(item, Mapping) else (lambda name: getattr(item, name, None))
    ident = get("id")
    if not isinstance(ident, str) or not ident:
        return None
    aliases = get("alias")
    alias = tuple(a for a in map(_text, aliases[:_MAX_ALIASES]) if a) if isinstance(aliases, (list, tuple)) else ()
    jenis = get("jenis")
    return RegistryEntry(ident, _text(get("nama")) or ident, _text(get("singkatan")), alias,
                         jenis if isinstance(jenis, str) else None)


def registry_index(items: Registry) -> RegistryIndex:
    """Index a registry given as its YAML list, an ``{id: item}`` mapping or model objects.

    Malformed items (no string id) are skipped: the registry's own check
    reports them; resolving stays total.
    """
    if isinstance(items, RegistryIndex):
        return items
    values = items.values() if isinstance(items, Mapping) else items
    entries: list[RegistryEntry] = []
    by_id: dict[str, RegistryEntry] = {}
    keys: dict[str, list[tuple[int, str]]] = {}
    for item in values:
        entry = _entry(item)
        if entry is None or entry.id in by_id:
            continue
        entries.append(entry)
        by_id[entry.id] = entry
        for what, name in entry.names():
            key = name_key(name)
            hit = (_LEVELS.index(what), entry.id)
            if key and hit not in keys.setdefault(key, []):
                keys[key].append(hit)
    return RegistryIndex(tuple(entries), by_id, {k: tuple(v) for k, v in keys.items()})


def _strongest(hits: Iterable[tuple[int, str]]) -> tuple[str, ...]:
    """The distinct ids among the strongest hits, in registry order."""
    hits = list(hits)
    best = min(level for level, _ in hits)
    return tuple(dict.fromkeys(ident for level, ident in hits if level == best))


@dataclass(frozen=True)
class Resolution:
    """What a written unit (or urusan) turned out to mean.

    ``id`` is set when the text names exactly one entry, with ``matched_by``
    saying how (``exact`` when the text is the id itself, so nothing needs
    correcting). Otherwise ``guidance`` explains organisations that are not
    units (puskesmas, UPTD, kelurahan, unlisted schools), or ``candidates``
    holds the closest ids, best first (several entries sharing the written
    name when ``ambiguous``).
    """

    text: str
    id: str | None = None
    matched_by: MatchedBy | None = None
    candidates: tuple[str, ...] = ()
    ambiguous: bool = False
    guidance: str | None = None
    #: The unit the organisation reports under, when the registry says (dinkes for a puskesmas).
    parent: str | None = None
    #: What kind of organisation the guidance is about: puskesmas | uptd | kelurahan | sekolah.
    kind: str | None = None

    @property
    def exact(self) -> bool:
        """The text is the id itself."""
        return self.id is not None and self.text == self.id


def resolve(text: str, items: Registry, *, limit: int = 3) -> Resolution:
    """Resolve ``text`` against any registry by id, nama, singkatan or alias; no guidance.

    Used for urusan; units go through :func:`resolve_unit`.
    """
    index = registry_index(items)
    if text in index.by_id:
        return Resolution(text, text, "id")
    key = name_key(text)
    hits = index.keys.get(key)
    if hits:
        ids = _strongest(hits)
        level = min(level for level, _ in hits)
        if len(ids) == 1:
            return Resolution(text, ids[0], _LEVELS[level])
        return Resolution(text, candidates=ids, ambiguous=True)
    return Resolution(text, candidates=_closest(key, index, limit))


def _closest(key: str, index: RegistryIndex, limit: int) -> tuple[str, ...]:
    """Up to ``limit`` ids whose names are spelled most like ``key``, best first."""
    if not key or len(key) > _MAX_FUZZY_CHARS or limit < 1:
        return ()
    pool = {k: _strongest(hits)[0] for k, hits in index.keys.items()}
    out: list[str] = []
    while len(out) < limit and pool:
        hit = closest(key, list(pool))
        if hit is None:
            break
        out.append(pool[hit])
        pool = {k: ident for k, ident in pool.items() if ident != out[-1]}
    return tuple(out)


# --- organisations that are not units of their own ---------------------------------------------

_PUSKESMAS = {"puskesmas", "pustu"}
_UPTD = {"uptd", "upt"}
_KELURAHAN = {"kelurahan", "kel"}
# Written forms of a school's level, as key tokens, with whether they say "negeri".
_SCHOOL_FORMS: tuple[tuple[tuple[str, ...], str, bool], ...] = (
    (("sekolah", "menengah", "pertama", "negeri"), "smp", True),
    (("sekolah", "menengah", "pertama"), "smp", False),
    (("sekolah", "dasar", "negeri"), "sd", True),
    (("sekolah", "dasar"), "sd", False),
    (("smp", "negeri"), "smp", True),
    (("sd", "negeri"), "sd", True),
    (("smpn",), "smp", True),
    (("sdn",), "sd", True),
    (("smp",), "smp", False),
    (("sd",), "sd", False),
)


@dataclass(frozen=True)
class _School:
    jenjang: str  # sd | smp
    negeri: bool
    #: The words after the level ("12-pangkalpinang"), and the school's number if it has one.
    rest: tuple[str, ...] = field(default=())

    @property
    def number(self) -> str | None:
        return self.rest[0] if self.rest and self.rest[0].isdigit() else None

    def suggested_id(self) -> str:
        prefix = self.jenjang + ("n" if self.negeri else "")
        return shorten_slug("-".join((prefix, *self.rest)), 60)


def _school(key: str) -> _School | None:
    """The school a name key describes ("sd-negeri-12-pangkalpinang"), if it names one."""
    words = key.split("-")
    for start in range(len(words)):
        for form, jenjang, negeri in _SCHOOL_FORMS:
            if tuple(words[start: start + len(form)]) == form:
                return _School(jenjang, negeri, tuple(words[start + len(form):]))
    return None


def _registered_schools(index: RegistryIndex, school: _School) -> tuple[str, ...]:
    """Registered schools of the same level and number ("SD Negeri 1" → sdn-1-pangkalpinang)."""
    if school.number is None:
        return ()
    found: list[str] = []
    for entry in index.entries:
        for _what, name in entry.names():
            other = _school(name_key(name))
            if other and (other.jenjang, other.number) == (school.jenjang, school.number):
                found.append(entry.id)
                break
    return tuple(found)


def _health_office(index: RegistryIndex) -> RegistryEntry | None:
    """The unit puskesmas report under: the one named Dinas Kesehatan (… dan …), or id dinkes."""
    for entry in index.entries:
        if name_key(entry.nama).startswith("dinas-kesehatan") or entry.id == "dinkes":
            return entry
    return None


def _guidance(text: str, key: str, index: RegistryIndex) -> Resolution | None:
    words = set(key.split("-"))
    if words & _PUSKESMAS:
        office = _health_office(index)
        where = f"{office.nama} ({office.id})" if office else "dinas yang membidangi kesehatan"
        return Resolution(text, guidance=f"puskesmas dilaporkan atas nama {where}; tulis nama puskesmas di inisiator.nama",
                          parent=office.id if office else None, kind="puskesmas")
    if words & _UPTD:
        return Resolution(text, kind="uptd", guidance=(
            "UPTD dan UPT dilaporkan atas nama perangkat daerah induknya (dinas atau badan yang membawahinya); "
            "tulis nama UPTD di inisiator.nama"))
    if words & _KELURAHAN:
        example = next((e for e in index.entries if e.jenis == "kecamatan"), None)
        shown = f", misalnya {example.id} untuk {example.nama}" if example else ""
        return Resolution(text, kind="kelurahan", guidance=(
            f"kelurahan dilaporkan atas nama kecamatannya (id kecamatan dari perangkat-daerah.yml{shown}); "
            "tulis nama kelurahan di inisiator.nama"))
    school = _school(key)
    if school is None:
        return None
    registered = _registered_schools(index, school)
    if registered:
        return Resolution(text, candidates=registered)
    return Resolution(text, kind="sekolah", guidance=(
        f"sekolah yang belum terdaftar ditambahkan dulu ke perangkat-daerah.yml (id: {school.suggested_id()}, "
        f"jenis: sekolah, jenjang: {school.jenjang}) dalam pull request yang sama atau oleh pengelola katalog; "
        "lihat CONTRIBUTING.md"))


#: The region written after a unit's name, in name-key form: "-kota-pangkalpinang", "-kabupaten-bangka-tengah",
#: "-kab-bangka", "-provinsi-...", "-pemkot-...". At most four words after the keyword.
_REGION_TAIL_RE = re.compile(r"-(?:kota|kabupaten|kab|provinsi|prov|pemkot|pemkab|pemprov)(?:-[a-z0-9]+){0,4}$")


def resolve_unit(text: str, units: Registry, *, limit: int = 3) -> Resolution:
    """Which unit ``text`` means: by id, nama, singkatan or alias (case, spaces, punctuation ignored).

    When nothing matches: guidance for a puskesmas, UPTD/UPT, kelurahan or a
    school missing from the registry (never another unit's id), else up to
    ``limit`` closest ids. A registered school written differently ("SD
    Negeri 1" for sdn-1-pangkalpinang) is offered as the candidate.
    """
    index = registry_index(units)
    found = resolve(text, index, limit=0)
    if found.id is not None or found.ambiguous:
        return found
    key = name_key(text)
    guidance = _guidance(text, key, index)
    if guidance:
        return guidance
    # "Disdukcapil Kota Pangkalpinang": the unit's name with the region after it (contributor walk: the closest
    # id to the whole text was a hospital's). The name without the region is looked up as it was written.
    local = _REGION_TAIL_RE.sub("", key)
    if local and local != key:
        found = resolve(local, index, limit=0)
        if found.id is not None or found.ambiguous:
            # Never exact (the text as written is not the id): an id found is offered as a name would be.
            return replace(found, text=text, matched_by="nama" if found.matched_by == "id" else found.matched_by)
    return Resolution(text, candidates=_closest(key, index, limit))


def unit_hint(value: Any, units: Registry) -> str:
    """The Indonesian suffix for "perangkat daerah 'X' tidak ada di perangkat-daerah.yml".

    ``"; maksud Anda 'dinkes'? Tulis id unit, bukan nama lengkapnya"`` for a
    unit's name, ``"; maksud Anda 'disdukcapil'?"`` for a misspelt id, the
    guidance for puskesmas, UPTD, kelurahan and unlisted schools, and ``""``
    when there is nothing to say (or ``value`` is the id, or not text).
    Pass a :func:`registry_index` when calling it for many values.
    """
    if not isinstance(value, str):
        return ""
    index = registry_index(units)
    found = resolve_unit(value, index, limit=1)
    if found.exact:
        return ""
    if found.id is not None:
        entry = index.by_id[found.id]
        return {
            "id": f"; maksud Anda '{found.id}'?",
            "nama": f"; maksud Anda '{found.id}'? Tulis id unit, bukan nama lengkapnya",
            "singkatan": f"; maksud Anda '{found.id}'? Tulis id unit, bukan singkatannya",
            "alias": f"; maksud Anda '{found.id}' ({entry.nama})? Tulis id unit",
        }[found.matched_by or "id"]
    if found.guidance:
        return f"; {found.guidance}"
    if found.ambiguous:
        shown = ", ".join(f"'{c}'" for c in found.candidates)
        return f"; nama itu dipakai beberapa unit ({shown}); tulis id salah satunya"
    return f"; maksud Anda '{found.candidates[0]}'?" if found.candidates else ""


def registry_id(text: str, items: Registry) -> str | None:
    """The id of the one registry item ``text`` names (id, nama, singkatan or alias), else None."""
    return resolve(text, items, limit=0).id
