"""Rules for Bapperida's verification records (``content/verifikasi/<slug>.yml``).

A record must belong to an innovation that exists (its file name is the
innovation's), name only indicators of the edition in force, and have the
shape of ``generator/schema/verifikasi.schema.json``. A record whose
fingerprint no longer matches is not a problem here: it is a state
(``generator/verification.py``), shown on the site as waiting for verification again.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from pathlib import Path, PurePosixPath
from typing import Any

from ..content import Content, Source, display_path
from ..iid import Edition
from ..problems import WHOLE_FILE, Problem
from ..verification import BLOCK_START, expected_codeowners, verifiers
from .common import did_you_mean
from .schema import schema_problems
from .text import text_problems

#: Indicator entries of one record that are checked against the edition (the schema caps them at 60).
MAX_ENTRIES = 60


def innovation_slugs(content: Content) -> set[str]:
    """Slugs of the innovation files that were read as innovations."""
    return {PurePosixPath(s.path.replace("\\", "/")).stem for s in content.innovations
            if s.path.endswith(".yml") and isinstance(s.data, dict)}


def record_name_problems(source: Source, slugs: Collection[str]) -> list[Problem]:
    """The file is ``<slug>.yml`` of an innovation that exists."""
    name = PurePosixPath(source.path.replace("\\", "/")).name
    stem, dot, suffix = name.rpartition(".")
    if not dot or suffix != "yml":
        stem = name if not dot else stem
        return [source.problem((), f"nama berkas catatan verifikasi harus berakhiran .yml (sekarang '{name}'); "
                                   f"ganti menjadi {stem}.yml")]
    if stem in slugs:
        return []
    inovasi = display_path(Path(source.path).parent.parent / "inovasi" / f"{stem}.yml")
    rest = did_you_mean(stem, slugs) or "; bila inovasinya sudah dihapus atau berganti nama, hapus berkas ini atau ganti namanya"
    return [source.problem((), f"tidak ada inovasi '{stem}' ({inovasi}); nama berkas catatan verifikasi harus sama "
                               f"dengan nama berkas inovasinya{rest}")]


def _date_problems(source: Source, keypath: tuple[str, ...], value: Any, today: date | None) -> list[Problem]:
    if not isinstance(value, str) or len(value) != 10:
        return []  # the schema speaks about anything that is not TTTT-BB-HH
    try:
        when = date.fromisoformat(value)
    except ValueError:
        return [source.problem(keypath, f"'{value}' bukan tanggal yang ada di kalender; periksa bulan (01–12) dan hari")]
    if today is not None and when > today:
        return [source.problem(keypath, f"tanggal {value} masih di masa depan; tulis tanggal verifikasi yang sebenarnya",
                               "warning")]
    return []


def record_problems(source: Source, slugs: Collection[str], edition: Edition | None, today: date | None = None) -> list[Problem]:
    """Every problem of one verification file that could be read: name, schema, characters, indicator keys, dates.

    ``edition``: the edition in force (None: indicator keys are not checked).
    """
    out = record_name_problems(source, slugs)
    if not isinstance(source.data, dict):
        return out + [source.problem((), "isi berkas catatan verifikasi harus berupa kumpulan kolom 'kunci: nilai' "
                                         "(inovasi:, indikator:); tulis dengan perintah katalog verifikasi")]
    texts = text_problems(source)
    out += texts + schema_problems(source, "verifikasi", texts)
    entries: list[tuple[tuple[str, ...], Any]] = [(("inovasi",), source.data.get("inovasi"))]
    found = source.data.get("indikator")
    block: dict[str, Any] = found if isinstance(found, dict) else {}
    for key in list(block)[:MAX_ENTRIES]:
        entries.append((("indikator", key), block[key]))
        if edition is not None and edition.indicator(key) is None:
            out.append(source.problem(("indikator", key), unknown_indicator(key, edition), at_key=True))
    for keypath, entry in entries:
        if isinstance(entry, dict):
            out += _date_problems(source, (*keypath, "tanggal"), entry.get("tanggal"), today)
    return out


def unknown_indicator(key: str, edition: Edition) -> str:
    """The message for an indicator key the edition does not define, with the closest key."""
    keys = [i.kunci for i in edition.indikator]
    hint = did_you_mean(key, keys) or f"; kunci yang sah: {', '.join(keys)}"
    return f"indikator '{key}' tidak ada di edisi IID {edition.edisi}{hint}"


def verification_problems(content: Content, edition: Edition | None, today: date | None = None) -> list[Problem]:
    """Problems of every verification file of the catalog; ``edition``: the edition in force, if sound."""
    slugs = innovation_slugs(content)
    return [p for source in content.verifications if source.ok for p in record_problems(source, slugs, edition, today)]


def codeowners_problems(content: Content) -> list[Problem]:
    """The generated block of CODEOWNERS must say what ``iid.verifikator`` says (``katalog build`` writes it).

    Not part of :func:`~generator.rules.check_content`: the build, which writes
    the block, must not fail because it is out of date; ``katalog check`` (and so
    the pull-request check) reports it.
    """
    path, now, wanted = expected_codeowners(content)
    owners = " ".join(verifiers(content.katalog.data))
    if now == wanted and (now is not None or not owners):
        return []
    shown = display_path(path)
    if now is None:
        why = (f"berkas ini tidak dapat dibaca sebagai teks UTF-8 (atau tautan simbolik), jadi blok verifikator IID "
               f"({owners}) tidak dapat diperiksa; ganti dengan berkas teks biasa lalu jalankan katalog build")
        return [Problem(shown, 1, 1, "error", WHOLE_FILE, why)]
    lines = now.splitlines()
    line = lines.index(BLOCK_START) + 1 if BLOCK_START in lines else len(lines) + 1
    katalog = content.katalog.path
    if not owners:
        why = f"masih memuat blok verifikator IID padahal iid.verifikator tidak diisi di {katalog}"
    elif BLOCK_START not in lines:
        why = f"belum memuat blok verifikator IID ({owners}, dari iid.verifikator di {katalog})"
    else:
        why = f"blok verifikator IID tidak sesuai dengan iid.verifikator ({owners}) di {katalog}, atau tidak di akhir berkas"
    return [Problem(shown, line, 1, "error", WHOLE_FILE, f"{why}; jalankan katalog build lalu commit {shown}")]
