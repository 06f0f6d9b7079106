"""IID rules of one innovation: its ``indikator`` block, the evidence files, compulsory indicators, ``laporkan_iid``.

What an indicator is (its key, number, name, how many parameters, whether it is
compulsory, its bases, the evidence it asks for) comes from the edition in force
(``content/iid/<edisi>.yml``, :class:`generator.iid.Edition`); nothing here names
an indicator. Without a sound edition only the edition-free rules run (evidence
files, ``laporkan_iid``); the schema still checks the shape.

Evidence files live in ``content/media/<slug>/bukti/``. They are judged by
their first bytes (:func:`generator.content.inspect_upload`): never by reading
more than 16 bytes, never through a symbolic link, and never beyond the caps
``MAX_EVIDENCE_BYTES`` per file and ``MAX_EVIDENCE_TOTAL_BYTES`` per innovation.
"""

from __future__ import annotations

import heapq
import itertools
import os
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from ..content import (
    EVIDENCE_FOLDER,
    EVIDENCE_KINDS,
    MAX_EVIDENCE_BYTES,
    MAX_EVIDENCE_EXPORT_BYTES,
    MAX_EVIDENCE_NAME,
    MAX_EVIDENCE_TOTAL_BYTES,
    KeyPath,
    Source,
    Upload,
    evidence_folder,
    format_keypath,
    inspect_upload,
    program_problem,
)
from ..iid import Edition, IndicatorDef
from ..problems import Problem, visible
from ..schema import labels
from .common import SLUG_RE, did_you_mean, shown, suggest, walk_strings
from .text import INVISIBLE_RE

#: Indicator keys of earlier editions and their 2026 names (``katalog migrasi-iid`` renames them).
RENAMED_KEYS = {"kualitas": "video"}
#: The folder of an innovation's evidence files, inside content/media/<slug>/.
#: Evidence items checked per indicator: the schema's maxItems.
MAX_EVIDENCE_ITEMS = 20
#: Keys of an indikator block looked at (an edition has 20; more are errors of the schema already).
MAX_INDICATOR_KEYS = 40
#: Entries of a bukti/ folder looked at (for stray files); past it, one line counts the rest.
MAX_FOLDER_ENTRIES = 200
#: Names listed in a "file not found" message.
MAX_NAMES_SHOWN = 8
#: An evidence file name: the slug alphabet and an accepted ending (the schema's pattern of ``bukti[].berkas``).
EVIDENCE_NAME_RE = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*\.(pdf|jpg|jpeg|png)")
#: The edition's evidence kinds (``bukti.jenis``) as content kinds.
_JENIS_KIND = {"pdf": "PDF", "jpg": "JPEG", "png": "PNG"}
_KIND_SUFFIX = {"PDF": ".pdf", "JPEG": ".jpg", "PNG": ".png"}


@dataclass(frozen=True)
class IidContext:
    """What the IID rules of an innovation read besides its file."""

    #: The edition in force, when katalog.yml names one whose files have no errors.
    edition: Edition | None
    #: The content folder (evidence files are under media/<slug>/bukti/).
    root: Path
    #: katalog.yml ``produksi: true``: a sample marked for reporting is an error, not a warning.
    produksi: bool = False


@dataclass
class IidFindings:
    """The problems found, and the keys whose schema message they replace (a better one was said)."""

    problems: list[Problem] = field(default_factory=list)
    replaces: set[str] = field(default_factory=set)

    def add(self, problem: Problem, *, replaces: bool = False) -> None:
        self.problems.append(problem)
        if replaces:
            self.replaces.add(problem.key)


def mib(size: int) -> str:
    """``5767168`` → ``5,5 MiB``: sizes as a contributor reads them."""
    return f"{size / 1024 / 1024:.1f}".replace(".", ",").removesuffix(",0") + " MiB"


def _shown_folder(root: Path, slug: str) -> str:
    return f"{root.name}/media/{slug}/{EVIDENCE_FOLDER}/"


def _levels(texts: tuple[str, ...]) -> str:
    return "; ".join(f"{n} = {text}" for n, text in enumerate(texts, start=1))


def _label(definition: IndicatorDef) -> str:
    return f"{definition.nomor}. {definition.nama}"


# --- the indikator block --------------------------------------------------------------------------


#: Numbers a unit may write out in words.
_NUMBER_WORDS = {"satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5}
#: What surrounds a value pasted from Word or typed by hand but is not part of it: spaces that only look like
#: spaces, typographic quotes, a full stop or bracket after a letter ("a.", "a)").
_DECORATION = "".join(map(chr, (0xA0, *range(0x2000, 0x200B), 0x202F, 0x3000))) + "\u201c\u201d\u2018\u2019\u201e\u00ab\u00bb"
_BARE_RE = re.compile(rf"^[\s{_DECORATION}\"'(]*(.*?)[\s{_DECORATION}\"'.):]*$", re.DOTALL)
_DECORATION_RE = re.compile(f"[{_DECORATION}]")
#: The same characters and straight quotes, for str.strip.
_DECORATION_CHARS = _DECORATION + "\"'"
_LEADING_NUMBER_RE = re.compile(r"^(\d+)\b")


def _bare(text: str) -> str:
    """``text`` without what was typed around it (spaces of any kind, quotes, a full stop or bracket), lower-cased."""
    found = _BARE_RE.match(text)
    return (found.group(1) if found else text).strip().lower()


def _odd_characters(text: str) -> str:
    """`` (ada NO-BREAK SPACE, U+00A0)``: the characters of ``text`` that look like spaces or quotes but are not; or ""."""
    from .text import character_name

    odd = sorted(set(_DECORATION_RE.findall(text)))
    return f" (ada {', '.join(character_name(c) for c in odd)})" if odd else ""


def _parameter_named(text: str, texts: tuple[str, ...]) -> int | None:
    """The one parameter whose official text holds ``text`` (``Perkada`` → 2), or None."""
    word = _bare(text)
    if len(word) < 3:
        return None
    hits = [n for n, official in enumerate(texts, start=1) if word in official.lower()]
    return hits[0] if len(hits) == 1 else None


def _nilai_written(value: Any, written: str, texts: tuple[str, ...]) -> tuple[str, bool]:
    """What is wrong with a ``nilai`` that is not a whole number, and whether the fix is certain (no list of texts needed)."""
    if value is None:
        return "nilai belum diisi", False
    if isinstance(value, bool):
        return f"{shown(value)} (ya/tidak) bukan nomor parameter", False
    if isinstance(value, float):
        if value.is_integer() and 1 <= value <= len(texts):
            return f"{written} ditulis sebagai pecahan; tulis angka bulat: nilai: {int(value)}", True
        return f"{written} bukan nomor parameter (pecahan tidak dapat dipilih)", False
    if not isinstance(value, str):
        return "nilai harus berupa satu angka", False
    bare = _bare(value)
    number = _NUMBER_WORDS.get(bare) or (int(bare) if bare.isdigit() and len(bare) < 3 else None)
    if number is not None and 1 <= number <= len(texts):
        how = "angka, bukan kata" if bare in _NUMBER_WORDS else "angkanya saja, tanpa tanda kutip atau spasi lain"
        return f"{shown(value)}{_odd_characters(value)} ditulis sebagai teks; tulis {how}: nilai: {number}", True
    leading = _LEADING_NUMBER_RE.match(bare)
    if leading and 1 <= int(leading.group(1)[:3]) <= len(texts):
        return (f"{shown(value)}: tulis nomor parameternya saja: nilai: {leading.group(1)} (penjelasan boleh ditulis di "
                "'catatan')"), True
    named = _parameter_named(value, texts)
    if named is not None:
        return (f"nilai adalah nomor parameter, bukan teksnya: {shown(value)} adalah parameter {named}; tulis nilai: {named}",
                True)
    return f"{shown(value)} bukan nomor parameter", False


def _nilai(source: Source, keypath: KeyPath, value: Any, definition: IndicatorDef, basis: Any) -> Problem | None:
    """A value that is not one of the edition's parameters: which numbers mean what, and what was probably meant."""
    chosen = definition.basis_of(basis) if isinstance(basis, str) else None
    texts = chosen.parameter if chosen else definition.parameter
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= len(texts):
        return None
    if isinstance(value, str) and INVISIBLE_RE.search(value):
        return None  # the rule on every text names the hidden character: one line for one mistake
    which = f" (basis {chosen.kunci})" if chosen else ""
    if isinstance(value, int) and not isinstance(value, bool):
        return source.problem(keypath, f"nilai {value} di luar rentang 1–{len(texts)}; pilih parameter "
                                       f"{definition.kunci}{which}: {_levels(texts)}")
    what, certain = _nilai_written(value, source.raw.get(keypath, str(value)), texts)
    return source.problem(keypath, what if certain else f"{what}; tulis nomor parameter {definition.kunci}{which} tanpa tanda "
                                                         f"kutip: {_levels(texts)}")


def _basis_written(value: Any, definition: IndicatorDef) -> str:
    """Why a written basis is not one of the indicator's letters, and which letter was probably meant."""
    bare = _bare(value) if isinstance(value, str) else ""
    if definition.basis_of(bare) is not None:
        return f"{shown(value)}{_odd_characters(value)}: tulis hurufnya saja, huruf kecil: basis: {bare}"
    named = [b for b in definition.basis if len(bare) >= 3 and (bare in b.nama.lower() or b.nama.lower() in bare)]
    if len(named) == 1:
        return (f"basis ditulis dengan hurufnya: {shown(value)} adalah basis {named[0].kunci} ({named[0].nama}); tulis "
                f"basis: {named[0].kunci}")
    choices = ", ".join(f"{b.kunci} ({b.nama})" for b in definition.basis)
    return f"{shown(value)} bukan basis yang sah; tulis satu huruf saja: {choices}"


def _basis(source: Source, keypath: KeyPath, item: dict[str, Any], definition: IndicatorDef,
           owners: tuple[str, ...]) -> Problem | None:
    """Exactly one basis on an indicator measured on one (kemanfaatan: ``owners``), none on any other."""
    basis = item.get("basis")
    choices = ", ".join(f"{b.kunci} ({b.nama})" for b in definition.basis)
    if not definition.basis:
        if "basis" in item:
            named = " atau ".join(f"'{k}'" for k in owners)
            return source.problem(keypath + ("basis",), f"basis hanya diisi pada indikator {named}; hapus baris ini",
                                  at_key=True)
        return None
    if "basis" not in item:
        return source.problem(keypath + ("basis",), f"{definition.kunci} diukur pada tepat satu basis; tambahkan baris "
                                                    f"'basis: ...' dengan salah satu pilihan: {choices}")
    if isinstance(basis, list):
        return source.problem(keypath + ("basis",), f"pilih satu basis saja; {definition.kunci} diukur pada tepat satu basis: "
                                                    f"{choices}")
    if definition.basis_of(basis) is None and not (isinstance(basis, str) and INVISIBLE_RE.search(basis)):
        return source.problem(keypath + ("basis",), _basis_written(basis, definition))
    return None


def evidence_field(text: str) -> str | None:
    """The evidence item key a one-line text stands for: ``url`` for a link, ``berkas`` for an evidence file name, else None."""
    value = text.strip()
    if re.fullmatch(r"https?://\S+", value):
        return "url"
    return "berkas" if EVIDENCE_NAME_RE.fullmatch(value) else None


def _old_bukti(source: Source, keypath: KeyPath, value: Any, folder: str) -> Problem | None:
    """Text, a link or a file name as ``bukti`` (the shape before 2026): the list it must be, and the command that converts it."""
    if not isinstance(value, str):
        return None
    written = value.strip()
    field = evidence_field(written)
    if field is not None:
        what = "tautan" if field == "url" else "nama berkas"
        return source.problem(keypath, f"bukti berupa daftar butir, bukan satu {what}: tulis 'bukti:' sendiri di satu baris, "
                                       f"lalu di baris berikutnya, menjorok, '- {field}: {written}' dan di bawahnya, sejajar "
                                       f"dengan '{field}', 'keterangan: ...' (apa yang ditunjukkannya); atau jalankan "
                                       "'katalog migrasi-iid --tulis' yang mengubahnya otomatis")
    return source.problem(keypath, f"bukti sekarang berupa daftar butir, masing-masing 'berkas' (nama berkas di {folder}) atau "
                                   "'url' (alamat https://) dengan 'keterangan'; bukti lama berupa teks atau tautan diubah "
                                   "otomatis oleh 'katalog migrasi-iid --tulis'")


def _item_shape(source: Source, keypath: KeyPath, item: Any, folder: str) -> Problem | None:
    """An evidence item with both a file and a link, or with neither."""
    if not isinstance(item, dict):
        return None
    if "berkas" in item and "url" in item:
        return source.problem(keypath, "butir bukti ini berisi 'berkas' dan 'url' sekaligus; pisahkan menjadi dua butir, "
                                       "masing-masing dengan keterangannya")
    if "berkas" not in item and "url" not in item:
        return source.problem(keypath, f"butir bukti ini belum berisi 'berkas' (nama berkas di {folder}) atau 'url' (alamat "
                                       "https://); tambahkan salah satunya")
    return None


#: Files a unit may upload that the IID portal does not take: what they are, what to do, the ending to write then.
_OTHER_FILES = (
    (("doc", "docx", "odt", "rtf"), "dokumen Word", "simpan sebagai PDF (di Word: File, Simpan Sebagai, pilih PDF)", ".pdf"),
    (("xls", "xlsx", "ods", "csv"), "lembar kerja Excel", "simpan sebagai PDF (File, Simpan Sebagai, pilih PDF)", ".pdf"),
    (("ppt", "pptx", "odp"), "presentasi PowerPoint", "simpan sebagai PDF (File, Simpan Sebagai, pilih PDF)", ".pdf"),
    (("heic", "heif"), "foto HEIC (kamera iPhone)", "simpan ulang sebagai JPG", ".jpg"),
    (("gif", "webp", "bmp", "tif", "tiff"), "gambar yang tidak diterima portal", "simpan ulang sebagai PNG atau JPG", ".png"),
)
_VIDEO_ENDINGS = ("mp4", "mov", "avi", "mkv", "3gp", "wmv", "webm")
_ARCHIVE_ENDINGS = ("zip", "rar", "7z")
_ACCEPTED_ENDINGS = tuple(suffix.lstrip(".") for suffix in EVIDENCE_KINDS)
_LINK_RE = re.compile(r"^[a-z]+://", re.IGNORECASE)


def _slug_name(written: str) -> tuple[str, str]:
    """The file name part of ``written`` in the evidence alphabet, and its ending lower-cased:
    ``bukti/SK Wali_Kota.PDF`` → (``sk-wali-kota``, ``pdf``)."""
    base = re.split(r"[\\/]", written.strip().strip(_DECORATION_CHARS))[-1]
    stem, dot, ending = base.rpartition(".")
    if not dot:
        stem, ending = base, ""
    plain = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode().lower()
    return "-".join(re.findall(r"[a-z0-9]+", plain)), ending.lower()


def _other_file(ending: str) -> tuple[str, str, str] | None:
    """What a file of this ending is, what to do with it and the ending to write then; None for an accepted ending."""
    return next(((what, todo, new) for endings, what, todo, new in _OTHER_FILES if ending in endings), None)


def _name_problem(written: str, shown_folder: str) -> str:
    """Why ``written`` is no evidence file name, and the name to write (or what to upload instead)."""
    value = written.strip().strip(_DECORATION_CHARS)
    if _LINK_RE.match(value):
        return f"{shown(written)} adalah alamat tautan, bukan nama berkas: tulis 'url: {value}' sebagai ganti 'berkas: ...'"
    stem, ending = _slug_name(value)
    stem = stem or "bukti"
    other = _other_file(ending)
    if other is not None:
        what, todo, new = other
        return (f"{shown(written)} adalah {what}; bukti hanya PDF, JPG atau PNG: {todo}, unggah ke {shown_folder}, lalu "
                f"tulis berkas: {stem}{new}")
    if ending in _VIDEO_ENDINGS:
        return (f"{shown(written)} adalah video; video tidak diunggah sebagai berkas: unggah ke YouTube atau situs resmi, lalu "
                "tulis 'url: https://...' sebagai ganti 'berkas: ...'")
    if ending in _ARCHIVE_ENDINGS:
        return (f"{shown(written)} adalah arsip {ending.upper()}; unggah setiap dokumen di dalamnya sebagai PDF, JPG atau PNG, "
                "masing-masing satu butir bukti")
    in_folder = "/" in value or "\\" in value
    if ending not in _ACCEPTED_ENDINGS:
        return (f"{shown(written)}: tulis nama berkas bukti saja{', tanpa folder' if in_folder else ''}, berakhiran .pdf, "
                f".jpg, .jpeg atau .png, misalnya {stem}.pdf")
    right = f"{stem}.{ending}"
    if in_folder:
        renamed = "" if right == re.split(r"[\\/]", value)[-1] else f" (dan ganti nama berkasnya menjadi '{right}')"
        return (f"{shown(written)}: tulis nama berkasnya saja, tanpa folder (berkas bukti selalu di {shown_folder}): "
                f"berkas: {right}{renamed}")
    return (f"{shown(written)}: nama berkas bukti hanya huruf kecil, angka dan tanda hubung; ganti nama berkasnya menjadi "
            f"'{right}', di {shown_folder} dan di baris ini")


#: Keys a unit may write in an evidence item (from a form or a spreadsheet) for the ones it has.
_ITEM_SYNONYMS = {"file": "berkas", "dokumen": "berkas", "lampiran": "berkas", "nama_berkas": "berkas", "link": "url",
                  "tautan": "url", "alamat": "url", "laman": "url", "ket": "keterangan", "deskripsi": "keterangan",
                  "uraian": "keterangan", "penjelasan": "keterangan", "judul": "keterangan"}
_ITEM_KEYS = ("berkas", "url", "keterangan")


def _item_as_text(written: str, folder: str) -> str:
    """An evidence item written as bare text: the item it was meant to be, or where text belongs."""
    value = written.strip()
    field = evidence_field(value)
    if field is None:
        return (f"butir bukti berisi 'berkas' (nama berkas di {folder}) atau 'url' (alamat https://) dengan 'keterangan'; "
                "teks ini bukan bukti: pindahkan ke 'catatan' indikator ini")
    return (f"butir bukti berupa kolom, bukan teks saja: tulis '- {field}: {value}' lalu di bawahnya, sejajar dengan "
            f"'{field}', 'keterangan: ...'")


def _bukti_findings(source: Source, keypath: KeyPath, bukti: Any, folder: str) -> IidFindings:
    """The shape of ``bukti`` as a unit writes it: one item without its '- ', items as bare text, keys by another name."""
    found = IidFindings()
    if isinstance(bukti, dict) and bukti and all(isinstance(k, str) and (k in _ITEM_KEYS or k.lower() in _ITEM_SYNONYMS)
                                                 for k in bukti):
        first = next(iter(bukti))
        found.add(source.problem(keypath, f"bukti berupa daftar butir, bukan kumpulan kolom: tambahkan '- ' di depan "
                                          f"'{first}:' dan geser kolom lainnya dua spasi ke kanan, sejajar dengan '{first}'"),
                  replaces=True)
        return found
    for i, item in enumerate(bukti[:MAX_EVIDENCE_ITEMS] if isinstance(bukti, list) else []):
        at = keypath + (i,)
        if isinstance(item, str):
            found.add(source.problem(at, _item_as_text(item, folder)), replaces=True)
            continue
        if not isinstance(item, dict):
            continue
        meant = {k: _ITEM_SYNONYMS[k.lower()] for k in item
                 if isinstance(k, str) and k not in _ITEM_KEYS and _ITEM_SYNONYMS.get(k.lower()) not in (None, *item)}
        for key, right in meant.items():
            found.add(source.problem(at + (key,), f"kolom '{key}' tidak dikenal; maksud Anda '{right}'?", at_key=True),
                      replaces=True)
            found.replaces.update({format_keypath(at + (right,)), format_keypath(at)})  # not also "missing"
        if not meant and (shape := _item_shape(source, at, item, folder)) is not None:
            found.add(shape, replaces=True)
        if "keterangan" not in item and "keterangan" not in meant.values():
            first = next((k for k in ("berkas", "url") if k in item), "berkas")
            line, col = source.where(at)  # at the item that lacks it, as the schema's message for a missing key
            found.add(Problem(source.path, line, col, "error", format_keypath(at + ("keterangan",)),
                              f"butir bukti ini belum berisi 'keterangan'; tambahkan 'keterangan: ...' (apa yang ditunjukkan "
                              f"bukti ini) di bawah '{first}', sejajar dengannya"), replaces=True)
    return found


_URL_RE = re.compile(r"https://[^\s<>\"]+")
#: Storage services whose links open only for whom the owner shared them with.
_PRIVATE_HOSTS = ("drive.google.com", "docs.google.com", "dropbox.com", "onedrive.live.com", "1drv.ms", "sharepoint.com")


def _url_problem(written: str) -> str:
    """Why ``written`` is no https link, and the link (or the item) it was meant to be."""
    value = written.strip().strip(_DECORATION_CHARS)
    if value.lower().startswith("http://"):
        return (f"{shown(written)}: alamat bukti harus diawali https://, bukan http://; tulis 'https://{value[7:]}' (bila "
                "situsnya tidak dapat dibuka dengan https://, unduh dokumennya lalu unggah sebagai berkas)")
    if EVIDENCE_NAME_RE.fullmatch(value):
        return f"{shown(written)} adalah nama berkas, bukan alamat: tulis 'berkas: {value}' sebagai ganti 'url: ...'"
    if _URL_RE.fullmatch(value):
        return f"{shown(written)}: hapus spasi atau tanda kutip lengkung di awal dan akhir alamat: '{value}'"
    if value.lower().startswith("https://") and re.search(r"\s", value):
        return (f"{shown(written)}: alamat tidak boleh berisi spasi; salin alamatnya langsung dari bilah alamat peramban "
                "(spasi di dalam alamat ditulis %20)")
    if re.fullmatch(r"(www\.)?[a-z0-9-]+(\.[a-z0-9-]+)+(/\S*)?", value, re.IGNORECASE):
        return f"{shown(written)}: tambahkan https:// di depannya: 'https://{value}'"
    return f"{shown(written)}: alamat bukti harus diawali https://"


def _private_link(url: str, folder: str) -> str | None:
    """A link to a storage service (Google Drive, Dropbox, OneDrive): who may open it, and the better way for IID."""
    host = re.sub(r"^https://([^/?#:]*).*$", r"\1", url).lower()
    if not any(host == h or host.endswith("." + h) for h in _PRIVATE_HOSTS):
        return None
    return (f"tautan ke {host} hanya dapat dibuka orang yang diberi akses: atur berbagi menjadi 'siapa saja yang memiliki "
            f"link', atau lebih baik unggah dokumennya ke {folder} dan tulis sebagai 'berkas': hanya berkas yang ikut "
            "diekspor untuk diunggah ke portal IID")


def _evidence_items(bukti: Any) -> Iterator[tuple[int, dict[str, Any]]]:
    for i, item in enumerate(bukti[:MAX_EVIDENCE_ITEMS] if isinstance(bukti, list) else []):
        if isinstance(item, dict):
            yield i, item


def meant_indicator(key: str, edition: Edition) -> tuple[IndicatorDef, str] | None:
    """The indicator of ``edition`` that a key it does not define was meant to be, and how it was written:
    ``nomor`` (``16``), ``nama`` (its official name, ``Regulasi Inovasi Daerah``), ``lama`` (an earlier edition's key,
    ``kualitas``) or ``ejaan`` (``Regulasi``, ``regulasi_inovasi``, ``regulasii``); None when nothing is close."""
    renamed = edition.indicator(RENAMED_KEYS.get(key, ""))
    if renamed is not None:
        return renamed, "lama"
    bare = _bare(key)
    if bare.isdigit():
        by_number = next((d for d in edition.indikator if len(bare) < 4 and d.nomor == int(bare)), None)
        return (by_number, "nomor") if by_number else None
    words = " ".join(re.findall(r"[a-z0-9]+", bare))
    written = words.replace(" ", "_")
    names = {d.kunci: " ".join(re.findall(r"[a-z0-9]+", d.nama.lower())) for d in edition.indikator}
    whole = [d for d in edition.indikator if words == names[d.kunci] and written != d.kunci]
    spelt = [d for d in edition.indikator if written == d.kunci or written.startswith(d.kunci + "_")]
    named = [d for d in edition.indikator if len(words) >= 4 and words in names[d.kunci]]
    for found, how in ((whole, "nama"), (spelt, "ejaan"), (named, "nama")):
        if len(found) == 1:
            return found[0], how
    close = suggest(written, [d.kunci for d in edition.indikator])
    by_spelling = edition.indicator(close) if close else None
    return (by_spelling, "ejaan") if by_spelling else None


def unknown_indicator(key: str, edition: Edition) -> str:
    """The message for an indicator key the edition does not define, with the one that was meant."""
    unknown = f"indikator '{visible(key)}' tidak ada di edisi IID {edition.edisi}"
    found = meant_indicator(key, edition)
    if found is None:
        return f"{unknown}; kunci yang sah: {', '.join(d.kunci for d in edition.indikator)}"
    meant, how = found
    if how == "nomor":
        return f"indikator ditulis dengan kuncinya, bukan nomornya: {key} adalah '{meant.kunci}' ({meant.nama})"
    if how == "nama":
        return f"indikator ditulis dengan kuncinya, bukan namanya: {shown(key)} adalah '{meant.kunci}' ({_label(meant)})"
    if how == "lama":
        return f"{unknown}; sekarang bernama '{meant.kunci}' ({_label(meant)})"
    return f"{unknown}; maksud Anda '{meant.kunci}'?"


def _unknown_key(source: Source, key: Any, edition: Edition | None) -> Problem | None:
    """A key the edition does not define: an earlier edition's (with its new name and the migration), or the one meant."""
    if edition is None or not isinstance(key, str) or edition.indicator(key) is not None:
        return None
    new = edition.indicator(RENAMED_KEYS.get(key, ""))
    if new is not None:
        return source.problem(("indikator", key), f"indikator '{key}' sekarang bernama '{new.kunci}' ({_label(new)}); ganti "
                                                  "nama kuncinya, atau jalankan 'katalog migrasi-iid --tulis' yang "
                                                  "mengubahnya otomatis", at_key=True)
    message = unknown_indicator(key, edition)
    found = meant_indicator(key, edition)
    if found is not None and found[1] in ("nomor", "nama"):
        message += f"; tulis '{found[0].kunci}:'"
    return source.problem(("indikator", key), message, at_key=True)


def indicator_block_problems(source: Source, ctx: IidContext) -> IidFindings:
    """Values, bases and the shape of evidence items in ``indikator`` (files are :func:`evidence_problems`)."""
    found = IidFindings()
    edition = ctx.edition
    folder = _shown_folder(ctx.root, PurePosixPath(source.path).stem)
    block = source.data.get("indikator")
    if isinstance(block, list) and block and all(isinstance(entry, dict) and len(entry) == 1 for entry in block):
        keys = ", ".join(f"{next(iter(entry))}:" for entry in block[:3]) + (", ..." if len(block) > 3 else "")
        found.add(source.problem(("indikator",), f"indikator berupa kumpulan kolom, bukan daftar: hapus tanda '- ' di depan "
                                                 f"setiap kunci indikator ({keys}) dan geser isinya dua spasi ke kiri, "
                                                 "seperti contoh di panduan"), replaces=True)
    if not isinstance(block, dict):
        return found
    owners = tuple(d.kunci for d in edition.indikator if d.basis) if edition is not None else ()
    for key, item in itertools.islice(block.items(), MAX_INDICATOR_KEYS):
        if (renamed := _unknown_key(source, key, edition)) is not None:
            found.add(renamed, replaces=True)
        if not isinstance(item, dict):
            continue
        keypath: KeyPath = ("indikator", key)
        definition = edition.indicator(key) if edition is not None and isinstance(key, str) else None
        if definition is not None:
            # Without a nilai key the schema says so (or names the misspelt key that was meant: 'nila').
            nilai = _nilai(source, keypath + ("nilai",), item["nilai"], definition, item.get("basis")) \
                if "nilai" in item else None
            for problem in (nilai,
                            _basis(source, keypath, item, definition, owners)):
                if problem is not None:
                    found.add(problem, replaces=True)
        if (old := _old_bukti(source, keypath + ("bukti",), item.get("bukti"), folder)) is not None:
            found.add(old, replaces=True)
        shapes = _bukti_findings(source, keypath + ("bukti",), item.get("bukti"), folder)
        found.problems += shapes.problems
        found.replaces |= shapes.replaces
        for i, evidence in _evidence_items(item.get("bukti")):
            for problem in _evidence_value_problems(source, keypath + ("bukti", i), evidence, folder):
                found.add(problem, replaces=problem.severity == "error")  # a warning leaves the schema's say
    return found


def _evidence_value_problems(source: Source, keypath: KeyPath, evidence: dict[str, Any], folder: str) -> list[Problem]:
    """The ``berkas`` and ``url`` of one evidence item as written: the name or link meant, a link only some can open."""
    out = []
    name, url = evidence.get("berkas"), evidence.get("url")
    if isinstance(name, str) and not EVIDENCE_NAME_RE.fullmatch(name) and not INVISIBLE_RE.search(name):
        out.append(source.problem(keypath + ("berkas",), _name_problem(name, folder)))
    if isinstance(url, str) and not INVISIBLE_RE.search(url):
        if not _URL_RE.fullmatch(url):
            out.append(source.problem(keypath + ("url",), _url_problem(url)))
        elif (private := _private_link(url, folder)) is not None:
            out.append(source.problem(keypath + ("url",), private, "warning"))
    return out


# --- evidence files -------------------------------------------------------------------------------


def _existing(folder: Path) -> list[str]:
    """Names in a bukti/ folder without hidden files, sorted: the first MAX_FOLDER_ENTRIES of them, the same whatever
    order the file system lists them in (every name is looked at; only that many are kept); [] when there is no such
    folder."""
    try:
        with os.scandir(folder) as entries:
            return heapq.nsmallest(MAX_FOLDER_ENTRIES, (e.name for e in entries if not e.name.startswith(".")))
    except OSError:
        return []


def _uploaded_as(name: str, existing: list[str]) -> str | None:
    """The uploaded file that is ``name`` under a spelling or in a kind the check refuses (``SK Walikota.PDF`` or
    ``sk-walikota.docx`` for ``sk-walikota.pdf``), or None."""
    stem = name.rsplit(".", 1)[0]
    return next((other for other in existing
                 if not EVIDENCE_NAME_RE.fullmatch(other) and _slug_name(other)[0] == stem), None)


def _uploaded_hint(name: str, other: str) -> str:
    """What to do with ``other``, the upload that was meant to be ``name``."""
    stem, ending = _slug_name(other)
    kind = _other_file(ending)
    if kind is not None:
        what, todo, new = kind
        then = f"'{stem}{new}'" if f"{stem}{new}" == name else f"'{stem}{new}' dan tulis berkas: {stem}{new}"
        return f"yang diunggah '{visible(other)}' adalah {what}: {todo}, lalu unggah {then}"
    right = f"{stem}.{ending}"
    if right == name:
        return f"yang diunggah bernama '{visible(other)}': ganti nama berkas itu menjadi '{name}'"
    return f"yang diunggah bernama '{visible(other)}'; nama berkas bukti hanya huruf kecil, angka dan tanda hubung"


def _missing(name: str, existing: list[str], shown_folder: str, elsewhere: str | None = None) -> str:
    """A missing evidence file: where it was uploaded instead, the upload it was meant to be, the files there, the nearest."""
    if elsewhere is not None:
        return (f"berkas bukti '{name}' tidak ada di {shown_folder}, tetapi ada di {elsewhere}: pindahkan berkas itu ke "
                f"{shown_folder}")
    if not existing:
        return f"berkas bukti '{name}' tidak ditemukan: unggah berkasnya ke {shown_folder}"
    other = _uploaded_as(name, existing)
    if other is not None:
        return f"berkas bukti '{name}' tidak ditemukan di {shown_folder}; {_uploaded_hint(name, other)}"
    more = " dan lainnya" if len(existing) > MAX_NAMES_SHOWN else ""
    listed = ", ".join(visible(n) for n in existing[:MAX_NAMES_SHOWN]) + more
    valid = [n for n in existing if EVIDENCE_NAME_RE.fullmatch(n)]  # never suggest a name the check refuses
    return f"berkas bukti '{name}' tidak ditemukan di {shown_folder} (yang ada: {listed}){did_you_mean(name, valid)}"


def _misplaced(root: Path, slug: str, name: str) -> str | None:
    """Where in content/ the evidence file ``name`` was uploaded instead of its bukti/ folder, as a contributor names it.

    Only a few fixed places are looked at, by lstat, and only through real folders (never a symbolic link)."""
    if not SLUG_RE.fullmatch(slug):
        return None
    for parts in (("media", slug), (EVIDENCE_FOLDER, slug), (EVIDENCE_FOLDER,), ("media",)):
        folder = root.joinpath(*parts)
        chain = [root.joinpath(*parts[:n]) for n in range(1, len(parts) + 1)]
        if not any(p.is_symlink() for p in chain) and folder.is_dir() and os.path.lexists(folder / name):
            return f"{root.name}/{'/'.join(parts)}/"
    return None


def _content_problem(name: str, upload: Upload) -> str | None:
    """An evidence file that is not what its name says: a renamed program, another kind, or nothing known."""
    suffix = "." + name.rsplit(".", 1)[-1]
    expected = EVIDENCE_KINDS[suffix]
    if upload.program:
        return f"'{name}': {program_problem(upload, suffix)}"
    kind = upload.kind
    if kind == expected:
        return None
    if kind in _KIND_SUFFIX:
        other = name.rsplit(".", 1)[0] + _KIND_SUFFIX[kind]
        return (f"isi berkas '{name}' adalah {kind}, bukan {expected} seperti akhiran namanya; ganti nama berkasnya (dan "
                f"baris ini) menjadi '{other}'")
    if kind is not None:
        return f"isi berkas '{name}' adalah gambar {kind}; bukti hanya PDF, JPG atau PNG: simpan ulang sebagai PNG atau JPG"
    return (f"isi berkas '{name}' bukan {expected} (isinya tidak cocok dengan akhiran nama); simpan ulang dokumennya "
            "sebagai PDF, atau gambarnya sebagai JPG atau PNG")


def _file_problem(name: str, folder: Path, shown_folder: str, existing: list[str]) -> tuple[str | None, int]:
    """Why the evidence file ``name`` cannot be used, or None; and its size (0 when unknown)."""
    path = folder / name
    if any(p.is_symlink() for p in (folder.parent.parent, folder.parent, folder, path)):
        return (f"'{name}' atau foldernya adalah tautan simbolik (symlink); salin berkas buktinya ke {shown_folder}", 0)
    if not os.path.lexists(path):
        elsewhere = _misplaced(folder.parent.parent.parent, folder.parent.name, name)
        return _missing(name, existing, shown_folder, elsewhere), 0
    upload = inspect_upload(path, MAX_EVIDENCE_BYTES)
    if upload.error is not None:
        return f"berkas bukti '{name}' tidak dapat dibaca: {upload.error}", 0
    if not upload.regular:
        return f"'{name}' bukan berkas biasa (misalnya folder, pipa bernama atau perangkat); unggah dokumennya sebagai berkas", 0
    if upload.size > MAX_EVIDENCE_BYTES:
        return (f"berkas bukti '{name}' terlalu besar ({mib(upload.size)}); batasnya {mib(MAX_EVIDENCE_BYTES)} per berkas: "
                "perkecil berkasnya (misalnya simpan ulang PDF dengan ukuran diperkecil atau foto dengan resolusi lebih rendah), "
                "atau unggah dokumennya ke situs resmi dan tulis alamatnya di 'url'", upload.size)
    return _content_problem(name, upload), upload.size


def _kind_warning(source: Source, keypath: KeyPath, evidence: dict[str, Any], definition: IndicatorDef) -> Problem | None:
    """A file of a kind the indicator does not ask for (the edition's ``bukti.jenis``)."""
    wanted = definition.bukti.jenis
    name = evidence.get("berkas")
    if not isinstance(name, str) or not EVIDENCE_NAME_RE.fullmatch(name):
        return None
    kinds = [_JENIS_KIND[j] for j in wanted if j in _JENIS_KIND]
    if not kinds:
        return source.problem(keypath, f"indikator {definition.kunci} meminta tautan ({definition.bukti.keterangan}); ganti "
                                       "butir ini dengan 'url: https://...'", "warning")
    kind = EVIDENCE_KINDS["." + name.rsplit(".", 1)[-1]]
    if kind in kinds:
        return None
    asked = " atau ".join(dict.fromkeys(kinds))
    return source.problem(keypath, f"indikator {definition.kunci} meminta bukti {asked} ({definition.bukti.keterangan}); "
                                   f"'{name}' berkas {kind}", "warning")


def _evidence_names(block: Any) -> Iterator[tuple[Any, Any, int, str, bool]]:
    """``(key, item, index, name, repeated)`` of each evidence file an ``indikator`` block names in a form that may be
    looked up; ``repeated``: the indicator named the same file in an earlier item."""
    for key, item in itertools.islice(block.items() if isinstance(block, dict) else (), MAX_INDICATOR_KEYS):
        if not isinstance(item, dict):
            continue
        seen: set[str] = set()
        for i, evidence in _evidence_items(item.get("bukti")):
            name = evidence.get("berkas")
            # A name outside the schema's pattern or length is reported by the schema, an item that is also a link by
            # indicator_block_problems; nothing is looked up for either.
            if not isinstance(name, str) or len(name) > MAX_EVIDENCE_NAME or not EVIDENCE_NAME_RE.fullmatch(name) \
                    or "url" in evidence:
                continue
            yield key, evidence, i, name, name in seen
            seen.add(name)


def _not_a_folder(source: Source, folder: Path, shown_folder: str) -> Problem | None:
    """``bukti`` (or the media folder above it) is there but is a file, a pipe or something else that is no folder."""
    for path in (folder.parent, folder):
        if os.path.lexists(path) and not path.is_symlink() and not path.is_dir():
            return source.problem(("indikator",), f"{shown_folder.rstrip('/')} harus berupa folder berisi berkas bukti, "
                                                  f"tetapi '{path.name}' di sana bukan folder; hapus '{path.name}' lalu "
                                                  f"unggah berkas buktinya ke folder {shown_folder}")
    return None


def evidence_problems(source: Source, ctx: IidContext) -> list[Problem]:
    """Every evidence file named in ``indikator`` exists, is what its name says and within the caps; no file is left over."""
    slug = PurePosixPath(source.path).stem
    folder = evidence_folder(ctx.root, slug)
    shown_folder = _shown_folder(ctx.root, slug)
    block = source.data.get("indikator")
    if (wrong := _not_a_folder(source, folder, shown_folder)) is not None:
        return [wrong] if any(True for _ in _evidence_names(block)) else []
    existing = _existing(folder)
    out: list[Problem] = []
    sizes: dict[str, int] = {}
    # Every name written anywhere in the block (in a malformed item too, or with a folder before it): the file it names
    # gets a line of its own there, or none; it is not also "left over".
    named = {re.split(r"[\\/]", text.strip().strip(_DECORATION_CHARS))[-1] for _, text in walk_strings(block)}
    refused: set[str] = set()
    exported = 0
    for key, evidence, i, name, repeated in _evidence_names(block):
        keypath: KeyPath = ("indikator", key, "bukti", i, "berkas")
        if repeated:
            out.append(source.problem(keypath, f"'{name}' sudah disebut di butir bukti sebelumnya pada indikator ini; hapus "
                                               "butir yang berulang", "warning"))
            continue
        if name not in sizes:
            problem, sizes[name] = _file_problem(name, folder, shown_folder, existing)
            if problem is not None:
                refused.add(name)
                out.append(source.problem(keypath, problem))
                named.add(_uploaded_as(name, existing) or name)  # the upload it was meant to be is spoken of here
        exported += sizes[name]
        if name in refused:
            continue  # what to do with the file is said; which kind the indicator asks for comes after that
        definition = ctx.edition.indicator(key) if ctx.edition is not None and isinstance(key, str) else None
        if definition is not None and (kind := _kind_warning(source, keypath, evidence, definition)) is not None:
            out.append(kind)
    out += _total_problems(source, sum(sizes.values()), exported)
    out += _stray(source, [n for n in existing if n not in sizes and n not in named], shown_folder, folder)
    return out


def _total_problems(source: Source, total: int, exported: int) -> list[Problem]:
    """The innovation's files together within their cap, and within the export's once each indicator has its copies."""
    if total > MAX_EVIDENCE_TOTAL_BYTES:
        return [source.problem(("indikator",), f"berkas bukti inovasi ini seluruhnya {mib(total)}; batasnya "
                                               f"{mib(MAX_EVIDENCE_TOTAL_BYTES)} per inovasi: perkecil berkasnya, atau "
                                               "unggah sebagian ke situs resmi dan tulis alamatnya di 'url'")]
    if exported > MAX_EVIDENCE_EXPORT_BYTES:
        return [source.problem(("indikator",), f"berkas bukti yang sama disebut oleh banyak indikator: untuk portal IID "
                                               f"setiap indikator mendapat salinannya sendiri, seluruhnya {mib(exported)}; "
                                               f"batasnya {mib(MAX_EVIDENCE_EXPORT_BYTES)} per inovasi: sebut berkas besar "
                                               "hanya pada indikator yang memintanya, atau perkecil berkasnya")]
    return []


def _stray_name(name: str) -> str:
    """What to do with an uploaded file whose name no ``berkas`` may hold (``SK Walikota.PDF``, ``laporan.docx``)."""
    stem, ending = _slug_name(name)
    other = _other_file(ending)
    if other is not None:
        what, todo, new = other
        return f"berkas ini {what}; {todo}, unggah '{stem or 'bukti'}{new}' lalu rujuk dari 'bukti' sebuah indikator"
    if ending in _ACCEPTED_ENDINGS and stem:
        return f"ganti namanya menjadi '{stem}.{ending}' lalu tulis nama itu di 'bukti' sebuah indikator, atau hapus berkasnya"
    return "bukti hanya PDF, JPG atau PNG dengan nama huruf kecil, angka dan tanda hubung; hapus berkas ini"


def _stray(source: Source, names: list[str], shown_folder: str, folder: Path) -> list[Problem]:
    """Files in bukti/ that no indicator names: never published, probably forgotten."""
    out = []
    for name in names:
        path = folder / name
        if path.is_symlink():
            why = "tautan simbolik (symlink) tidak diizinkan di folder bukti; salin berkasnya ke sini atau hapus tautannya"
        elif path.is_dir():
            why = f"subfolder tidak dibaca; letakkan berkas bukti langsung di {shown_folder}"
        elif not EVIDENCE_NAME_RE.fullmatch(name):
            why = f"tidak dirujuk indikator mana pun, dan namanya tidak dapat dirujuk: {_stray_name(name)}"
        else:
            why = "tidak dirujuk indikator mana pun; tulis namanya di 'bukti' sebuah indikator, atau hapus berkasnya"
        out.append(source.problem(("indikator",), f"'{visible(name)}' di {shown_folder}: {why}", "warning"))
    if len(names) >= MAX_FOLDER_ENTRIES:
        out.append(source.problem(("indikator",), f"folder {shown_folder} berisi lebih dari {MAX_FOLDER_ENTRIES} entri; hanya "
                                                  f"{MAX_FOLDER_ENTRIES} yang diperiksa: hapus berkas yang tidak dipakai",
                                  "warning"))
    return out


# --- compulsory indicators and laporkan_iid ----------------------------------------------------------


#: The stages an innovation can be at (the schema's vocabulary).
_STAGES = frozenset(labels(("tahapan",)))


def reporting_problems(source: Source, ctx: IidContext) -> list[Problem]:
    """An innovation entered for IID reporting is in use and has every compulsory indicator; on a production site it
    is not a sample. Any innovation that has begun its indicators is told which compulsory ones are missing."""
    data = source.data
    report = data.get("laporkan_iid") is True
    out = []
    # A tahapan that is no stage at all has its own error (the schema's); this one would tell the contributor to delete
    # a line that is right (contributor walk: tahapan in Word's quotes).
    if report and data.get("tahapan") != "penerapan" and data.get("tahapan") in _STAGES:
        out.append(source.problem(("laporkan_iid",), f"hanya inovasi tahap penerapan yang dapat dilaporkan ke IID (tahapan "
                                                     f"sekarang {shown(data.get('tahapan'))}); hapus baris ini sampai inovasinya "
                                                     "diterapkan"))
    if report and data.get("contoh") is True and ctx.produksi:
        out.append(source.problem(("laporkan_iid",), "data contoh (contoh: true) tidak pernah dihitung dan tidak diekspor ke "
                                                     "IID; bila inovasinya sungguhan hapus baris 'contoh: true', bila bukan "
                                                     "hapus baris ini"))
    # An innovation not yet in use is told to stop asking for reporting (above), not also to complete it for reporting.
    report = report and data.get("tahapan") == "penerapan"
    block = data.get("indikator")
    # No block and not reported, or a block of another shape (said at the block, and nothing in it can be read).
    if ctx.edition is None or not (report or isinstance(block, dict)) or (block is not None and not isinstance(block, dict)):
        return out
    filled = block if isinstance(block, dict) else {}
    # An indicator written under another key (its number, its name, a typo) is spoken of at that key, not also missing.
    meant = {found[0].kunci for key in itertools.islice(filled, MAX_INDICATOR_KEYS)
             if isinstance(key, str) and ctx.edition.indicator(key) is None
             and (found := meant_indicator(key, ctx.edition)) is not None}
    missing = [d for d in ctx.edition.wajib if d.kunci not in filled and d.kunci not in meant]
    if not missing:
        return out
    names = ", ".join(f"{d.kunci} ({d.nomor})" for d in missing)
    what = f"indikator wajib {names} belum diisi"
    # At the indikator block, or, when there is none, at the line that asks for reporting.
    line, col = source.where(("indikator",) if isinstance(block, dict) else ("laporkan_iid",))
    if report:
        these = "indikator itu" if len(missing) == 1 else "indikator-indikator itu"
        out.append(Problem(source.path, line, col, "error", "indikator", f"{what}; inovasi yang dilaporkan ke IID harus mengisi "
                                                                         f"semua indikator wajib: tambahkan {these} dengan "
                                                                         "nilai dan bukti, atau hapus 'laporkan_iid: true'"))
    else:
        out.append(Problem(source.path, line, col, "warning", "indikator", f"{what}; tanpa semua indikator wajib inovasi ini "
                                                                           "tidak memenuhi syarat IID"))
    return out


def innovation_iid_problems(source: Source, ctx: IidContext) -> IidFindings:
    """Every IID rule of one innovation whose data is a mapping."""
    found = indicator_block_problems(source, ctx)
    found.problems += evidence_problems(source, ctx) + reporting_problems(source, ctx)
    return found
