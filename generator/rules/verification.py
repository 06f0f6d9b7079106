"""Rules for Bapperida's verification records (``content/verifikasi/<slug>.yml``).

A record must belong to an innovation that exists (its file name is the
innovation's), name only indicators of the edition in force, and have the
shape of ``generator/schema/verifikasi.schema.json``. A record whose
fingerprint no longer matches is not a problem here: it is a state
(``generator/verification.py``), shown on the site as waiting for verification again.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePosixPath
from typing import Any

from ..content import EVIDENCE_FOLDER, MAX_EVIDENCE_BYTES, MAX_FILE_BYTES, Content, Source, parse_text
from ..iid import Edition
from ..problems import WHOLE_FILE, Problem, in_content, visible
from ..verification import (
    BLOCK_START,
    CODEOWNERS_PLACES,
    INNOVATION_FIELDS,
    RECORD_FOLDER,
    Fingerprints,
    Record,
    Records,
    current_fingerprints,
    evidence_digest,
    evidence_names,
    expected_codeowners,
    indicator_fingerprint,
    innovation_fingerprint,
    innovation_slug,
    read_records,
    record_slug,
    verifiers,
)
from .common import did_you_mean, shown
from .iid import unknown_indicator
from .review import GitError, _git, git_bytes, repository
from .schema import schema_problems
from .text import text_problems

#: Indicator entries of one record that are checked against the edition (the schema caps them at 60).
MAX_ENTRIES = 60


def innovation_slugs(content: Content) -> set[str]:
    """Slugs of the innovation files, read or not: a record of a file with a YAML error still has its innovation
    (the file's own error says what to fix; the record must not be called an orphan and deleted for it)."""
    return {PurePosixPath(s.path.replace("\\", "/")).stem for s in content.innovations if s.path.endswith(".yml")}


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
    inovasi = in_content(f"inovasi/{stem}.yml")
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
    texts = text_problems(source) + _size_problems(source)
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


def _size_problems(source: Source) -> list[Problem]:
    """A record without entries, or with more indicator entries than an edition can have (said here, in a line of its
    own, instead of the schema's finding that would print the whole mapping)."""
    block = source.data.get("indikator")
    if not source.data:
        return [source.problem((), "berkas catatan verifikasi ini kosong; tulis catatannya dengan perintah katalog "
                                   "verifikasi, atau hapus berkas ini")]
    if isinstance(block, dict) and len(block) > MAX_ENTRIES:
        return [source.problem(("indikator",), f"{len(block)} catatan indikator; paling banyak {MAX_ENTRIES} (satu per "
                                               "indikator edisi): hapus catatan yang tidak dipakai", at_key=True)]
    return []


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
    # A repository file: named relative to the content folder, like every problem's file.
    relative = "../" + path.relative_to(content.root.absolute().parent).as_posix()
    if now is None:
        why = (f"berkas ini tidak dapat dibaca sebagai teks UTF-8 (atau berkas atau foldernya tautan simbolik), jadi blok "
               f"verifikator IID ({owners}) tidak dapat diperiksa; ganti dengan berkas teks biasa di folder biasa lalu "
               "jalankan katalog build")
        return [Problem(relative, 1, 1, "error", WHOLE_FILE, why)]
    lines = now.splitlines()
    line = lines.index(BLOCK_START) + 1 if BLOCK_START in lines else len(lines) + 1
    katalog = in_content(content.katalog.path)
    if not owners:
        why = f"masih memuat blok verifikator IID padahal iid.verifikator tidak diisi di {katalog}"
    elif BLOCK_START not in lines:
        why = f"belum memuat blok verifikator IID ({owners}, dari iid.verifikator di {katalog})"
    else:
        why = f"blok verifikator IID tidak sesuai dengan iid.verifikator ({owners}) di {katalog}, atau tidak di akhir berkas"
    return [Problem(relative, line, 1, "error", WHOLE_FILE, f"{why}; jalankan katalog build lalu commit {in_content(relative)}")]


# --- what a pull request changes in verified indicators (katalog check --dasar REV) -------------------


def _edisi(katalog: Any) -> int | None:
    """``iid.edisi`` of katalog.yml's data, if it is a year."""
    settings = katalog.get("iid") if isinstance(katalog, dict) else None
    edisi = settings.get("edisi") if isinstance(settings, dict) else None
    return edisi if isinstance(edisi, int) and not isinstance(edisi, bool) else None


def _blobs(top: Path, specs: Sequence[str], limit: int) -> dict[str, bytes | None]:
    """The bytes of ``REV:path`` objects that exist and are at most ``limit`` bytes (None for the others).

    Two Git processes whatever the number: sizes first (``--batch-check``), then only the blobs within the limit.
    """
    if not specs:
        return {}
    checked = git_bytes(top, "cat-file", "--batch-check=%(objecttype) %(objectsize)",
                        stdin="".join(f"{s}\n" for s in specs).encode("utf-8", "surrogateescape")).decode().splitlines()
    wanted = [s for s, line in zip(specs, checked, strict=True)
              if line.startswith("blob ") and int(line.split()[1]) <= limit]
    out: dict[str, bytes | None] = dict.fromkeys(specs)
    if not wanted:
        return out
    raw = git_bytes(top, "cat-file", "--batch", stdin="".join(f"{s}\n" for s in wanted).encode("utf-8", "surrogateescape"))
    at = 0
    for spec in wanted:
        header_end = raw.index(b"\n", at)
        size = int(raw[at:header_end].split()[2])
        out[spec] = raw[header_end + 1: header_end + 1 + size]
        at = header_end + 1 + size + 1  # the blob is followed by a line break
    return out


@dataclass(frozen=True)
class _Base:
    """What the base revision holds for the innovations a pull request may have changed."""

    top: Path
    rev: str
    prefix: str
    edisi: int | None
    blobs: dict[str, bytes | None]
    #: Paths (from the top of the repository) under the content folder that the change touches.
    changed: frozenset[str] = frozenset()
    #: katalog.yml at the base revision (None when it was missing or unreadable).
    katalog: Any = None
    #: Innovations with a record at the base revision whose files the change touches.
    slugs: tuple[str, ...] = ()

    def spec(self, relative: str) -> str:
        return f"{self.rev}:{self.prefix}{relative}"

    def data(self, relative: str) -> Any:
        raw = self.blobs.get(self.spec(relative))
        return parse_text(relative, raw).data if raw is not None else None


def _changed_paths(top: Path, base: str, prefix: str) -> set[str]:
    """Paths under the content folder that differ between ``base`` and the working tree (untracked ones included)."""
    spec = prefix.rstrip("/") or "."
    names = _git(top, "diff", "--name-only", "-z", "--no-renames", base, "--", spec).split("\0")
    names += _git(top, "ls-files", "-z", "--others", "--exclude-standard", "--", spec).split("\0")
    return {n for n in names if n}


def _compare(content: Content, rev: str) -> _Base | None:
    """The base revision (the merge base of ``rev`` and HEAD), what the change touches, and the base's records of the
    innovations whose files it touches; None when the content folder is outside the repository."""
    top = repository(content.root, rev)
    try:
        base = _git(top, "merge-base", rev, "HEAD").strip()
    except GitError:
        base = rev  # no common history (or no HEAD yet): compare with the revision itself
    relative = os.path.relpath(content.root.resolve(), top)
    if relative.startswith(".."):
        return None
    prefix = "" if relative == "." else relative.replace(os.sep, "/") + "/"
    listed = _git(top, "ls-tree", "-z", "--name-only", base, "--", f"{prefix}{RECORD_FOLDER}/").split("\0")
    with_record = [PurePosixPath(n).stem for n in listed if n.endswith(".yml") and n.count("/") == prefix.count("/") + 1
                   and "\n" not in n]
    changed = _changed_paths(top, base, prefix)
    everything = f"{prefix}katalog.yml" in changed
    slugs = [slug for slug in with_record
             if everything or {f"{prefix}inovasi/{slug}.yml", f"{prefix}{RECORD_FOLDER}/{slug}.yml"} & changed
             or any(p.startswith(f"{prefix}media/{slug}/{EVIDENCE_FOLDER}/") for p in changed)]
    records = [f"{prefix}{p}" for p in changed_records(changed, prefix)[:MAX_PROTECTED]]
    specs = list(dict.fromkeys([f"{base}:{prefix}katalog.yml"] + [f"{base}:{prefix}{folder}/{slug}.yml" for slug in slugs
                                                                  for folder in ("inovasi", RECORD_FOLDER)]
                               + [f"{base}:{path}" for path in records]))
    blobs = _blobs(top, specs, MAX_FILE_BYTES)
    katalog = blobs[specs[0]]
    katalog_data = parse_text("katalog.yml", katalog).data if katalog is not None else None
    return _Base(top, base, prefix, _edisi(katalog_data), blobs, frozenset(changed), katalog_data, tuple(slugs))


def _base_digests(base: _Base, slug: str, names: Iterable[str]) -> dict[str, str | None]:
    """Hex SHA-256 of evidence files as they were at the base revision (bounded like the working tree's)."""
    specs = {name: base.spec(f"media/{slug}/{EVIDENCE_FOLDER}/{name}") for name in dict.fromkeys(names)
             if "\n" not in name}  # one Git request line per name
    blobs = _blobs(base.top, list(specs.values()), MAX_EVIDENCE_BYTES)
    return {name: (hashlib.sha256(raw).hexdigest() if (raw := blobs[spec]) is not None else None)
            for name, spec in specs.items()}


def _what_changed(before: Any, after: Any, digests: tuple[Mapping[str, str | None], Mapping[str, str | None]],
                  editions: tuple[int | None, int]) -> str:
    """What differs in one indicator between the base and now, said plainly."""
    if after is None:
        return "indikator ini dihapus"
    parts = []
    if editions[0] != editions[1]:
        parts.append(f"edisi IID berubah ({editions[0]} → {editions[1]})")
    was, now = (e if isinstance(e, dict) else {} for e in (before, after))
    for name in ("nilai", "basis"):
        if was.get(name) != now.get(name):
            parts.append(f"{name} berubah ({shown(was.get(name))} → {shown(now.get(name))})")
    if indicator_fingerprint(0, "", {"bukti": was.get("bukti")}, digests[0]) != \
            indicator_fingerprint(0, "", {"bukti": now.get("bukti")}, digests[1]):
        parts.append(f"bukti berubah ({_evidence_change(was.get('bukti'), now.get('bukti'), digests)})")
    return " dan ".join(parts) or "nilai atau buktinya berubah"


#: Changes of evidence items named in one warning; past it, a count.
MAX_CHANGES_NAMED = 3


def _evidence_items(bukti: Any, digests: Mapping[str, str | None]) -> list[tuple[str, str, str | None]]:
    """``(kind, file name or link, digest)`` of each evidence item, in order (the schema caps them at 20)."""
    out = []
    for item in bukti[:MAX_ENTRIES] if isinstance(bukti, list) else []:
        if isinstance(item, dict) and isinstance(item.get("berkas"), str):
            out.append(("berkas", item["berkas"], digests.get(item["berkas"])))
        elif isinstance(item, dict) and isinstance(item.get("url"), str):
            out.append(("tautan", item["url"], None))
    return out


def _evidence_change(was: Any, now: Any, digests: tuple[Mapping[str, str | None], Mapping[str, str | None]]) -> str:
    """Which evidence changed, for the reviewer: a file's content, a file or link added or removed, or only their order."""
    before, after = _evidence_items(was, digests[0]), _evidence_items(now, digests[1])
    old_files = {name: digest for kind, name, digest in before if kind == "berkas"}
    parts = [f"isi berkas '{visible(name)}' berubah" for kind, name, digest in after
             if kind == "berkas" and name in old_files and old_files[name] != digest]
    kept = {(kind, name) for kind, name, _ in before}
    added = {(kind, name) for kind, name, _ in after}
    parts += [f"{kind} '{visible(name)}' ditambahkan" for kind, name, _ in after if (kind, name) not in kept]
    parts += [f"{kind} '{visible(name)}' dihapus" for kind, name, _ in before if (kind, name) not in added]
    if not parts:
        return "urutan butir bukti berubah"
    more = f", dan {len(parts) - MAX_CHANGES_NAMED} perubahan lain" if len(parts) > MAX_CHANGES_NAMED else ""
    return ", ".join(parts[:MAX_CHANGES_NAMED]) + more


def _who(record: Record) -> str:
    return f"diterima oleh {record.oleh}, {record.tanggal}"


def _indicator_changes(root: Path, source: Source, base: _Base, edisi: int, now: Fingerprints,
                       kept: Records) -> list[Problem]:
    slug = innovation_slug(source)
    base_data = base.data(f"inovasi/{slug}.yml")
    base_block = base_data.get("indikator") if isinstance(base_data, dict) else None
    base_block = base_block if isinstance(base_block, dict) else {}
    records = read_records(base.data(f"{RECORD_FOLDER}/{slug}.yml"))
    stale = {k: r for k, r in records.indikator.items() if r.status == "diterima" and now.indikator.get(k) != r.sidik
             and not (k in kept.indikator and kept.indikator[k].sidik == now.indikator.get(k))}
    if not stale:
        return []
    digests = _base_digests(base, slug, [n for k in stale for n in evidence_names(base_block.get(k))])
    block = source.data.get("indikator") if isinstance(source.data.get("indikator"), dict) else {}
    here = {n: evidence_digest(root, slug, n) for k in stale for n in evidence_names(block.get(k))}
    out = []
    for key, record in stale.items():
        if base.edisi is None or indicator_fingerprint(base.edisi, key, base_block.get(key), digests) != record.sidik:
            continue  # already waiting for verification again before this change
        what = _what_changed(base_block.get(key), block.get(key), (digests, here), (base.edisi, edisi))
        keypath: tuple[str, ...] = ("indikator", key) if key in block else ("indikator",) if block else ()
        out.append(source.problem(keypath, f"indikator {key} sudah diverifikasi ({_who(record)}) tetapi {what}; "
                                           "verifikasi akan diulang", "warning", at_key=True))
    return out


def _innovation_change(source: Source, slug: str, base: _Base, now: Fingerprints, kept: Records) -> list[Problem]:
    record = read_records(base.data(f"{RECORD_FOLDER}/{slug}.yml")).inovasi
    if record is None or record.status != "diterima" or record.sidik == now.inovasi or base.edisi is None:
        return []
    if kept.inovasi is not None and kept.inovasi.sidik == now.inovasi:
        return []  # verified again in this change
    before = base.data(f"inovasi/{slug}.yml")
    if innovation_fingerprint(base.edisi, before) != record.sidik:
        return []
    was = before if isinstance(before, dict) else {}
    fields = [name for name in INNOVATION_FIELDS if was.get(name) != source.data.get(name)]
    what = f"{', '.join(fields)} berubah" if fields else "edisi IID berubah"
    keypath: tuple[str, ...] = (fields[0],) if fields and fields[0] in source.data else ()
    return [source.problem(keypath, f"inovasi ini sudah diverifikasi ({_who(record)}) tetapi {what}; verifikasi akan diulang",
                           "warning", at_key=True)]


def changed_verified(content: Content, rev: str) -> list[Problem]:
    """Warnings, at their lines, for what a change does to verification: files only the verifiers may change
    (:func:`protected_changes`), and verified items (accepted and current at ``rev``) that the change makes stale.

    ``rev`` is compared through its merge base with HEAD, as ``--dasar`` does; the
    working tree counts as the change. An item verified again in the same change
    (its record matches again) is not listed. Raises :class:`GitError` like
    :func:`~generator.rules.review.added_since`.
    """
    base = _compare(content, rev)
    if base is None:
        return []
    out = protected_changes(content, base)
    edisi = _edisi(content.katalog.data)
    if edisi is None:
        return out
    sources = {innovation_slug(s): s for s in content.innovations if s.path.endswith(".yml") and isinstance(s.data, dict)}
    kept = {record_slug(s): read_records(s.data) for s in content.verifications if s.ok}
    for slug in base.slugs:
        source = sources.get(slug)
        if source is None:
            continue  # the innovation is gone: nothing left to annotate
        now = current_fingerprints(content.root, slug, edisi, source.data)
        mine = kept.get(slug, Records())
        out += _innovation_change(source, slug, base, now, mine)
        out += _indicator_changes(content.root, source, base, edisi, now, mine)
    return out


# --- changes to what only the verifiers may change (katalog check --dasar REV) --------------------------------

#: Entries named in one warning about a record; the rest are counted.
MAX_ENTRIES_NAMED = 6
#: Changed files of content/verifikasi/ (and of content/iid/) named one by one; one line counts the rest.
MAX_PROTECTED = 100


def changed_records(changed: Iterable[str], prefix: str) -> list[str]:
    """Content-relative paths of the verification records among ``changed`` (paths from the top of the repository)."""
    folder = f"{prefix}{RECORD_FOLDER}/"
    return sorted(p[len(prefix):] for p in changed if p.startswith(folder) and "/" not in p[len(folder):])


def _owners(base: _Base, content: Content) -> str:
    """Who may change the protected files: the verifiers named at the base revision (a change cannot name itself)."""
    named = verifiers(base.katalog) or verifiers(content.katalog.data)
    return " ".join(named) if named else "verifikator Bapperida; iid.verifikator di katalog.yml belum diisi"


def _guard(owners: str, what: str) -> str:
    return (f"hanya verifikator IID ({owners}) yang boleh mengubah {what}: pastikan pengusul perubahan ini verifikator "
            "IID; CODEOWNERS hanya mencegah perubahan lain bila cabang utama dilindungi (branch protection)")


def _entries(records: Records) -> dict[str, Record]:
    return {**({"inovasi": records.inovasi} if records.inovasi else {}), **records.indikator}


def _named(keys: Sequence[str], entries: Mapping[str, Record], before: Mapping[str, Record] | None = None) -> str:
    """``regulasi (diterima), sdm (dikembalikan → diterima)``: the entries and their decisions (``before``: as they were)."""
    def status(k: str) -> str:
        was = before[k].status if before is not None else None
        return f"{was} → {entries[k].status}" if was is not None and was != entries[k].status else entries[k].status

    listed = [f"{k} ({status(k)})" for k in keys[:MAX_ENTRIES_NAMED]]
    return ", ".join(listed) + (f" dan {len(keys) - MAX_ENTRIES_NAMED} lainnya" if len(keys) > MAX_ENTRIES_NAMED else "")


def _record_change(source: Source | None, path: str, before: Records, owners: str) -> Problem:
    """One warning about a record the change adds, edits or deletes: which decisions it adds, changes or removes."""
    now = _entries(read_records(source.data)) if source is not None and source.ok else {}
    was = _entries(before)
    added = [k for k in now if k not in was]
    edited = [k for k in now if k in was and now[k] != was[k]]
    removed = [k for k in was if k not in now]
    parts = [f"{verb}: {_named(keys, entries, before)}" for verb, keys, entries, before in
             (("ditambah", added, now, None), ("diubah", edited, now, was), ("dihapus", removed, was, None)) if keys]
    what = "; ".join(parts) or "isi berkas"
    deed = "dihapus" if source is None else "ditambahkan" if not was else "diubah"
    message = (f"catatan verifikasi Bapperida {deed} dalam perubahan ini ({what}); "
               f"{_guard(owners, in_content(RECORD_FOLDER) + '/')}, dan catatannya ditulis dengan katalog verifikasi")
    first = next(iter(added + edited), None)
    if source is None or not isinstance(source.data, dict) or first is None:
        return Problem(path, 1, 1, "warning", WHOLE_FILE, message)
    keypath: tuple[str, ...] = ("inovasi",) if first == "inovasi" else ("indikator", first)
    return source.problem(keypath, message, "warning", at_key=True)


def _iid_change(path: str, deed: str, owners: str) -> Problem:
    name = PurePosixPath(path).name
    what = "nilai SPD daerah" if name.startswith("daerah-") else "definisi edisi IID"
    return Problem(path, 1, 1, "warning", WHOLE_FILE,
                   f"{what} ({name}) {deed} dalam perubahan ini: bobot, parameter, syarat dan nilai di {in_content('iid')}/ "
                   f"menentukan setiap skor dan proyeksi; {_guard(owners, in_content('iid') + '/')}")


def _katalog_change(content: Content, base: _Base, owners: str) -> list[Problem]:
    """The ``iid:`` block of katalog.yml (edition in force, public scores, verifiers) as the change leaves it."""
    before = base.katalog.get("iid") if isinstance(base.katalog, dict) else None
    now = content.katalog.data.get("iid") if isinstance(content.katalog.data, dict) else None
    if before == now:
        return []
    was, here = (v if isinstance(v, dict) else {} for v in (before, now))
    keys = [k for k in dict.fromkeys([*was, *here]) if was.get(k) != here.get(k)] if was or here else []
    what = "; ".join(f"{k}: {shown(was.get(k))} → {shown(here.get(k))}" for k in keys[:MAX_ENTRIES_NAMED]) or "bentuknya"
    message = (f"blok iid diubah dalam perubahan ini ({what}): blok ini memilih edisi yang berlaku, menampilkan skor dan "
               f"menentukan verifikator; {_guard(owners, 'blok iid di ' + in_content(content.katalog.path))}")
    if now is None:
        return [Problem(content.katalog.path, 1, 1, "warning", WHOLE_FILE, message)]
    return [content.katalog.problem(("iid",), message, "warning", at_key=True)]


def _codeowners_change(content: Content, base: _Base, owners: str) -> list[Problem]:
    """CODEOWNERS (wherever GitHub reads it) as the change leaves it."""
    places = [p.as_posix() for p in CODEOWNERS_PLACES]
    names = _git(base.top, "diff", "--name-only", "-z", "--no-renames", base.rev, "--", *places).split("\0")
    names += _git(base.top, "ls-files", "-z", "--others", "--exclude-standard", "--", *places).split("\0")
    out = []
    for name in sorted({n for n in names if n}):
        relative = Path(os.path.relpath(base.top / name, content.root.resolve())).as_posix()
        out.append(Problem(relative, 1, 1, "warning", WHOLE_FILE,
                           f"CODEOWNERS diubah dalam perubahan ini: berkas ini menentukan siapa yang harus menyetujui "
                           f"catatan verifikasi, definisi IID dan katalog.yml; {_guard(owners, 'berkas ini')}"))
    return out


def protected_changes(content: Content, base: _Base) -> list[Problem]:
    """One warning per file the change touches that only the verifiers may change: a verification record (which
    decisions it adds, changes or removes), a file of content/iid/, the ``iid:`` block of katalog.yml, CODEOWNERS.

    Who proposes a pull request is not known here; the warning asks the reviewer to make sure, since CODEOWNERS
    stops nobody without branch protection. A record that matches its fingerprint is trusted whoever wrote it.
    At most :data:`MAX_PROTECTED` files of each folder are named; one more line counts the rest.
    """
    owners = _owners(base, content)
    here = {s.path: s for s in content.verifications}
    records = changed_records(base.changed, base.prefix)
    out = []
    for path in records[:MAX_PROTECTED]:
        raw = base.blobs.get(base.spec(path))
        before = read_records(parse_text(path, raw).data) if raw is not None else Records()
        out.append(_record_change(here.get(path), path, before, owners))
    out += _more(records, RECORD_FOLDER, owners)
    folder = f"{base.prefix}iid/"
    changed = sorted(p for p in base.changed if p.startswith(folder))
    if changed:
        known = set(_git(base.top, "ls-tree", "-r", "-z", "--name-only", base.rev, "--", folder).split("\0"))
        for path in changed[:MAX_PROTECTED]:
            relative = path[len(base.prefix):]
            deed = "dihapus" if not os.path.lexists(content.root / relative) else "diubah" if path in known else "ditambahkan"
            out.append(_iid_change(relative, deed, owners))
        out += _more([p[len(base.prefix):] for p in changed], "iid", owners)
    if f"{base.prefix}katalog.yml" in base.changed:
        out += _katalog_change(content, base, owners)
    return out + _codeowners_change(content, base, owners)


def _more(paths: Sequence[str], folder: str, owners: str) -> list[Problem]:
    """One line for the changed files of ``folder`` past the first :data:`MAX_PROTECTED`."""
    if len(paths) <= MAX_PROTECTED:
        return []
    return [Problem(paths[MAX_PROTECTED], 1, 1, "warning", WHOLE_FILE,
                    f"dan {len(paths) - MAX_PROTECTED} berkas lain di {in_content(folder)}/ berubah dalam perubahan ini; "
                    f"{_guard(owners, in_content(folder) + '/')}")]
