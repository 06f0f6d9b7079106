"""Rules for Bapperida's verification records (``content/verifikasi/<slug>.yml``).

A record must belong to an innovation that exists (its file name is the
innovation's), name only indicators of the edition in force, and have the
shape of ``generator/schema/verifikasi.schema.json``. A record whose
fingerprint no longer matches is not a problem here: it is a state
(``generator/verification.py``), shown on the site as waiting for verification again.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date
from pathlib import Path, PurePosixPath
from typing import Any

from ..content import Content, Source, display_path
from ..iid import edition_file, iid_source
from ..problems import Problem
from .common import did_you_mean
from .schema import schema_problems
from .text import text_problems

#: Indicator entries of one record that are checked against the edition (the schema caps them at 60).
MAX_ENTRIES = 60


def edition_keys(content: Content) -> tuple[int, tuple[str, ...]] | None:
    """The edition in force (``iid.edisi`` in katalog.yml) and its indicator keys, read without trusting the files."""
    settings = content.katalog.data.get("iid") if isinstance(content.katalog.data, dict) else None
    edisi = settings.get("edisi") if isinstance(settings, dict) else None
    if not isinstance(edisi, int) or isinstance(edisi, bool):
        return None
    source = iid_source(content, edition_file(edisi))
    items = source.data.get("indikator") if source is not None and isinstance(source.data, dict) else None
    if not isinstance(items, list):
        return None
    return edisi, tuple(i["kunci"] for i in items if isinstance(i, dict) and isinstance(i.get("kunci"), str))


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


def record_problems(source: Source, slugs: Collection[str], keys: Sequence[str] | None, edisi: int | None,
                    today: date | None = None) -> list[Problem]:
    """Every problem of one verification file that could be read: name, schema, characters, indicator keys, dates.

    ``keys`` and ``edisi``: the edition in force (None: indicator keys are not checked).
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
        if keys is not None and key not in keys:
            hint = did_you_mean(key, keys) or f"; kunci yang sah: {', '.join(keys)}"
            out.append(source.problem(("indikator", key), f"indikator '{key}' tidak ada di edisi IID {edisi}{hint}",
                                      at_key=True))
    for keypath, entry in entries:
        if isinstance(entry, dict):
            out += _date_problems(source, (*keypath, "tanggal"), entry.get("tanggal"), today)
    return out


def verification_problems(content: Content, today: date | None = None) -> list[Problem]:
    """Problems of every verification file of the catalog."""
    slugs = innovation_slugs(content)
    edition = edition_keys(content)
    edisi, keys = edition if edition else (None, None)
    return [p for source in content.verifications if source.ok
            for p in record_problems(source, slugs, keys, edisi, today)]
