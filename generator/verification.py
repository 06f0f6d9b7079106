"""Bapperida's verification records, bound to fingerprints of what was verified.

A reviewer's decision about an indicator (``diterima`` or ``dikembalikan``)
is kept in ``content/verifikasi/<slug>.yml`` together with the *fingerprint*
(``sidik``) of what the reviewer saw: the edition, the indicator's value, its
basis and the bytes of every evidence file. When the unit later changes any of
those, the fingerprint no longer matches and the indicator is waiting for
verification again: nobody has to remember to reset it, and nobody can keep a
verification while changing what was verified. Descriptions (``keterangan``)
are not part of a fingerprint, so rewording them undoes nothing.

The functions here are pure except where they say they read files:

* :func:`indicator_fingerprint`, :func:`innovation_fingerprint`: the fingerprints;
* :func:`verification_state`: one innovation's state from its record and its
  current fingerprints (what the pages and the scoring read);
* :func:`catalog_verification`: every innovation's state, reading evidence files;
* :func:`write_verification`: what ``katalog verifikasi`` does;
* :func:`codeowners_text`, :func:`write_codeowners`: the generated CODEOWNERS block.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path, PurePosixPath
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Literal

import yaml

from .content import (
    EVIDENCE_FOLDER,
    MAX_EVIDENCE_BYTES,
    Content,
    Source,
    Unreadable,
    content_name,
    evidence_folder,
    read_bounded,
)

if TYPE_CHECKING:
    from .iid import Edition

#: Folder of content/ holding the records, one file per innovation: ``verifikasi/<slug>.yml``.
RECORD_FOLDER = "verifikasi"
#: The two decisions a reviewer records.
STATUSES = ("diterima", "dikembalikan")
#: Profile fields an innovation-level verification covers (with the edition).
INNOVATION_FIELDS = ("nama", "perangkat_daerah", "tahapan", "waktu", "urusan", "rancang_bangun")
#: Largest evidence file that is hashed (the validator refuses larger ones: rules/iid.py).
#: A fingerprint as written in a record.
SIDIK_RE = re.compile(r"sha256:[0-9a-f]{64}")
#: Evidence file names: the slug alphabet with an extension (never a path).
_EVIDENCE_NAME_RE = re.compile(r"[a-z0-9][a-z0-9._-]*")

State = Literal["diterima", "dikembalikan", "menunggu", "kedaluwarsa"]

#: What the site and the reports call each state.
STATE_LABELS: Mapping[str, str] = MappingProxyType({
    "diterima": "Diterima",
    "dikembalikan": "Dikembalikan",
    "menunggu": "Menunggu verifikasi",
    "kedaluwarsa": "Menunggu verifikasi ulang",
})


# --- fingerprints (pure) ------------------------------------------------------------------------


def canonical_json(value: Any) -> bytes:
    """The one byte form a fingerprint is taken of: sorted keys, no spaces, UTF-8."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def fingerprint(value: Any) -> str:
    """``sha256:`` and the hex SHA-256 of :func:`canonical_json` of ``value``."""
    return "sha256:" + hashlib.sha256(canonical_json(value)).hexdigest()


def evidence_names(entry: Any) -> list[str]:
    """The evidence file names (``bukti[].berkas``) of one indicator entry, in order."""
    items = entry.get("bukti") if isinstance(entry, Mapping) else None
    return [item["berkas"] for item in items if isinstance(item, Mapping) and isinstance(item.get("berkas"), str)] \
        if isinstance(items, list) else []


def indicator_fingerprint(edisi: int, kunci: str, entry: Any, digests: Mapping[str, str | None]) -> str:
    """The fingerprint of one indicator as the unit filled it.

    ``entry`` is the indicator's mapping (``nilai``, ``basis``, ``bukti``);
    ``digests`` maps each evidence file name to the hex SHA-256 of its bytes
    (None for a file that could not be read: such an indicator never matches a
    record made while the file was there). Descriptions (``keterangan``) are left out.
    """
    data: Mapping[str, Any] = entry if isinstance(entry, Mapping) else {}
    found = data.get("bukti")
    items: list[Any] = found if isinstance(found, list) else []
    bukti: list[dict[str, Any]] = []
    for item in items:
        if not isinstance(item, Mapping):
            bukti.append({"lain": _plain(item)})
        elif isinstance(item.get("berkas"), str):
            bukti.append({"berkas": item["berkas"], "sha256": digests.get(item["berkas"])})
        elif isinstance(item.get("url"), str):
            bukti.append({"url": item["url"]})
        else:  # neither: an error for the validator, still part of what would be verified
            bukti.append({"lain": _plain({k: v for k, v in item.items() if k != "keterangan"})})
    return fingerprint({"edisi": edisi, "kunci": kunci, "nilai": _plain(data.get("nilai")),
                        "basis": _plain(data.get("basis")), "bukti": bukti})


def innovation_fingerprint(edisi: int, data: Any) -> str:
    """The fingerprint of an innovation's profile as IID reads it (:data:`INNOVATION_FIELDS`)."""
    values = data if isinstance(data, Mapping) else {}
    return fingerprint({"edisi": edisi, **{name: _plain(values.get(name)) for name in INNOVATION_FIELDS}})


def _plain(value: Any) -> Any:
    """A loaded YAML value as JSON can hold it (the loader keeps dates as text; anything else becomes text)."""
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return str(value)


# --- evidence bytes (reads files) ------------------------------------------------------------------


def _safe_folder(root: Path, slug: str) -> Path | None:
    """``<content>/media/<slug>/bukti`` when no symbolic link is on the way to it, else None."""
    if not _EVIDENCE_NAME_RE.fullmatch(slug):
        return None
    folder = evidence_folder(root, slug)
    return None if any(p.is_symlink() for p in (root / "media", folder.parent, folder)) else folder


def _read_in(folder: Path | None, name: str) -> bytes | None:
    """The bytes of the plain file ``name`` of an evidence folder (not a link, at most the cap), or None."""
    if folder is None or not _EVIDENCE_NAME_RE.fullmatch(name) or ".." in name:
        return None
    path = folder / name
    if path.is_symlink():
        return None
    try:
        return read_bounded(path, MAX_EVIDENCE_BYTES)
    except Unreadable:
        return None


def _digest(folder: Path | None, name: str, known: tuple[int, str] | None = None) -> str | None:
    """:func:`_read_in`'s bytes, hashed; or ``known``, the size and hash the check has just made of the same file
    (reached without a symbolic link, as :func:`_read_in` requires), under the same size cap."""
    if known is not None and folder is not None and _EVIDENCE_NAME_RE.fullmatch(name) and ".." not in name:
        return known[1] if known[0] <= MAX_EVIDENCE_BYTES else None
    raw = _read_in(folder, name)
    return None if raw is None else hashlib.sha256(raw).hexdigest()


def read_evidence(root: Path, slug: str, name: str) -> bytes | None:
    """The bytes of an evidence file, or None when it is not a readable file of its folder.

    Only a plain file name is looked up, inside ``<content>/media/<slug>/bukti/``,
    with no symbolic link on the way (so nothing outside content/ is ever read),
    and at most :data:`MAX_EVIDENCE_BYTES` are read.
    """
    return _read_in(_safe_folder(root, slug), name)


def evidence_digest(root: Path, slug: str, name: str) -> str | None:
    """Hex SHA-256 of an evidence file's bytes (:func:`read_evidence`), or None when it cannot be read."""
    return _digest(_safe_folder(root, slug), name)


@dataclass(frozen=True)
class Fingerprints:
    """The current fingerprints of one innovation: of its profile, and of each filled indicator."""

    inovasi: str
    indikator: Mapping[str, str]


def current_fingerprints(root: Path, slug: str, edisi: int, data: Any, only: Collection[str] | None = None,
                         hashes: Mapping[str, tuple[int, str]] | None = None) -> Fingerprints:
    """Fingerprints of an innovation as it stands in ``root`` (reads its evidence files).

    ``only``: fingerprint just these indicators (the ones with a record; the others need no file read).
    ``hashes``: what the check hashed (``Content.hashes``): those files are not read again.
    """
    block = data.get("indikator") if isinstance(data, Mapping) else None
    block = {str(k): v for k, v in block.items() if only is None or str(k) in only} if isinstance(block, Mapping) else {}
    folder = _safe_folder(root, slug)
    # each file read once, however many items name it
    names = dict.fromkeys(name for entry in block.values() for name in evidence_names(entry))
    under = os.path.join("media", slug, EVIDENCE_FOLDER, "")  # where ``hashes`` has the folder's files
    digests = {name: _digest(folder, name, hashes.get(under + name) if hashes else None) for name in names}
    return Fingerprints(
        inovasi=innovation_fingerprint(edisi, data),
        indikator=MappingProxyType({k: indicator_fingerprint(edisi, k, v, digests) for k, v in block.items()}),
    )


# --- records and states (pure) ---------------------------------------------------------------------


@dataclass(frozen=True)
class Record:
    """One entry of a verification file: a reviewer's decision about what had the fingerprint ``sidik``."""

    status: str
    catatan: str
    oleh: str
    tanggal: str
    sidik: str

    def as_data(self) -> dict[str, Any]:
        """The entry as it is written (``tanggal`` as a date, so YAML shows it unquoted)."""
        return {"status": self.status, "catatan": self.catatan, "oleh": self.oleh,
                "tanggal": _date_or_text(self.tanggal), "sidik": self.sidik}


def _date_or_text(value: str) -> date | str:
    try:
        return date.fromisoformat(value)
    except ValueError:
        return value


def _record(value: Any) -> Record | None:
    """A record entry read from loaded data; None unless every field has its form (the rules report why)."""
    if not isinstance(value, Mapping):
        return None
    fields = {name: value.get(name) for name in ("status", "catatan", "oleh", "tanggal", "sidik")}
    written = {name: text for name, text in fields.items() if isinstance(text, str)}
    if len(written) < len(fields) or written["status"] not in STATUSES or not SIDIK_RE.fullmatch(written["sidik"]):
        return None
    return Record(**written)


@dataclass(frozen=True)
class Records:
    """A verification file's entries: for the innovation as a whole, and per indicator key."""

    inovasi: Record | None = None
    indikator: Mapping[str, Record] = field(default_factory=lambda: MappingProxyType({}))


def read_records(data: Any) -> Records:
    """The well-formed entries of a verification file's data (malformed ones are left out)."""
    if not isinstance(data, Mapping):
        return Records()
    block = data.get("indikator")
    entries = {str(k): r for k, v in (block.items() if isinstance(block, Mapping) else ()) if (r := _record(v))}
    return Records(_record(data.get("inovasi")), MappingProxyType(entries))


@dataclass(frozen=True)
class Verdict:
    """Where one item (the innovation, or one indicator) stands with verification."""

    state: State
    #: The record behind the state (None while nothing was recorded): who, when, the note.
    record: Record | None = None

    @property
    def label(self) -> str:
        """``Diterima``, ``Dikembalikan``, ``Menunggu verifikasi`` or ``Menunggu verifikasi ulang``."""
        return STATE_LABELS[self.state]

    @property
    def catatan(self) -> str | None:
        """The reviewer's note (for ``dikembalikan``: what to fix)."""
        return self.record.catatan if self.record else None

    @property
    def verified(self) -> bool:
        """Accepted, and nothing changed since."""
        return self.state == "diterima"


WAITING = Verdict("menunggu")


def verdict(record: Record | None, current: str | None) -> Verdict:
    """The state of one item: its record, unless what it verified has changed since (``kedaluwarsa``)."""
    if record is None:
        return WAITING
    if current is None or record.sidik != current:
        return Verdict("kedaluwarsa", record)
    return Verdict("diterima" if record.status == "diterima" else "dikembalikan", record)


@dataclass(frozen=True)
class VerificationState:
    """One innovation's verification: of the innovation as a whole, and of each filled indicator."""

    inovasi: Verdict = WAITING
    #: One verdict per indicator the unit filled, in the innovation's order.
    indikator: Mapping[str, Verdict] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def verified_keys(self) -> frozenset[str]:
        """The indicators accepted and unchanged since: the verified score counts only these."""
        return frozenset(k for k, v in self.indikator.items() if v.verified)

    @property
    def innovation_verified(self) -> bool:
        """Whether the innovation-level record is ``diterima`` and its profile unchanged since."""
        return self.inovasi.verified

    def of(self, key: str) -> Verdict:
        """The verdict of indicator ``key`` (``menunggu`` for one not filled)."""
        return self.indikator.get(key, WAITING)


#: The state of an innovation nobody has verified yet.
UNVERIFIED = VerificationState()


def verification_state(records: Records, current: Fingerprints) -> VerificationState:
    """One innovation's state from its records and its current fingerprints (pure)."""
    return VerificationState(
        inovasi=verdict(records.inovasi, current.inovasi),
        indikator=MappingProxyType({k: verdict(records.indikator.get(k), fp) for k, fp in current.indikator.items()}),
    )


# --- the whole catalog (reads evidence files) ---------------------------------------------------


def record_slug(source: Source) -> str:
    """The innovation a verification file belongs to: its file name without ``.yml``."""
    return Path(source.path).name.removesuffix(".yml")


def innovation_slug(source: Source) -> str:
    return Path(source.path).stem


def catalog_verification(content: Content, edisi: int) -> dict[str, VerificationState]:
    """Every innovation's verification state, by slug.

    Evidence files are read (bounded) only for indicators that have a record:
    every other indicator is ``menunggu`` whatever its files hold.
    """
    records = {record_slug(s): read_records(s.data) for s in content.verifications if s.ok}
    out: dict[str, VerificationState] = {}
    for source in content.innovations:
        if not isinstance(source.data, dict):
            continue
        slug = innovation_slug(source)
        block = source.data.get("indikator")
        keys = [str(k) for k in block] if isinstance(block, dict) else []
        found = records.get(slug)
        if found is None or (found.inovasi is None and not found.indikator):
            out[slug] = VerificationState(WAITING, MappingProxyType(dict.fromkeys(keys, WAITING)))
            continue
        state = verification_state(found, current_fingerprints(content.root, slug, edisi, source.data, only=found.indikator,
                                                               hashes=content.hashes))
        out[slug] = VerificationState(state.inovasi, MappingProxyType({k: state.of(k) for k in keys}))
    return out


# --- writing a record: katalog verifikasi -------------------------------------------------------


class VerificationError(Exception):
    """``katalog verifikasi`` refused: one Indonesian line; ``usage`` for a bad argument (exit 2), else exit 1."""

    def __init__(self, message: str, *, usage: bool = False) -> None:
        super().__init__(message)
        self.usage = usage


@dataclass(frozen=True)
class Decision:
    """What a reviewer decided, as given to ``katalog verifikasi``."""

    status: str
    catatan: str
    oleh: str
    tanggal: date


def _suggestion(word: str, choices: Iterable[str]) -> str:
    from .rules.common import did_you_mean

    return did_you_mean(word, choices)


def decision_problem(decision: Decision, today: date) -> str | None:
    """Why a decision cannot be written (a note too short, a name on two lines, a date to come, a hidden character), or None.

    The same characters the check refuses in every value (``rules.text``): a record the command writes always validates.
    """
    from .rules.text import INVISIBLE_RE, character_name

    if decision.status not in STATUSES:
        return f"--status '{decision.status}' tidak sah; tulis diterima atau dikembalikan"
    if not 2 <= len(decision.catatan.strip()) <= 1000:
        return "--catatan harus berisi 2–1000 karakter; tulis alasan keputusan, misalnya \"Perwako sesuai\""
    if not 2 <= len(decision.oleh.strip()) <= 100 or "\n" in decision.oleh or "\r" in decision.oleh:
        return "--oleh harus berisi 2–100 karakter dalam satu baris, misalnya @rina-bapperida"
    if decision.tanggal > today:
        return f"--tanggal {decision.tanggal.isoformat()} masih di masa depan; tulis tanggal verifikasi (bawaan: hari ini)"
    for option, text in (("--catatan", decision.catatan), ("--oleh", decision.oleh)):
        found = INVISIBLE_RE.search(text)
        if found:
            return (f"{option} mengandung karakter tak terlihat atau karakter kendali ({character_name(found.group())}) "
                    f"pada posisi {found.start() + 1}; hapus karakter itu")
    return None


def record_path(root: Path, slug: str) -> Path:
    """``<content>/verifikasi/<slug>.yml``."""
    return root / RECORD_FOLDER / f"{slug}.yml"


_HEADER = """\
# Catatan verifikasi IID Bapperida untuk {inovasi}.
# Ditulis oleh perintah katalog verifikasi; hanya verifikator Bapperida (CODEOWNERS)
# yang menyetujui perubahan berkas ini. Setiap catatan terikat pada sidik dari yang
# diperiksa: bila nilai, basis atau berkas bukti indikator berubah, indikator itu
# kembali menunggu verifikasi dengan sendirinya.
"""


def record_text(innovation: str, records: Records, order: Sequence[str]) -> str:
    """A verification file's text: the innovation entry first, then the indicators in the edition's order."""
    rank = {key: i for i, key in enumerate(order)}
    data: dict[str, Any] = {}
    if records.inovasi:
        data["inovasi"] = records.inovasi.as_data()
    if records.indikator:
        keys = sorted(records.indikator, key=lambda k: (rank.get(k, len(rank)), k))
        data["indikator"] = {k: records.indikator[k].as_data() for k in keys}
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=False, width=4096)
    return _HEADER.format(inovasi=innovation) + body


def _write_atomically(path: Path, text: str) -> None:
    """Replace ``path`` by ``text`` at once: a temporary file beside it, then a rename."""
    temp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        temp.write_bytes(text.encode("utf-8"))
        os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)


def _innovation(content: Content, slug: str) -> Source:
    """The innovation ``slug``, or a usage refusal naming the closest slug."""
    from .location import display_path

    sources = {innovation_slug(s): s for s in content.innovations if s.path.endswith(".yml")}
    if slug in sources and isinstance(sources[slug].data, dict):
        return sources[slug]
    if slug in sources:  # the file is there but could not be read as an innovation (a YAML error, a list)
        _refuse_errors(content, {sources[slug].path}, slug)
    shown = display_path(content.root / "inovasi" / f"{slug}.yml")
    raise VerificationError(f"inovasi '{slug}' tidak ada ({shown} tidak ditemukan){_suggestion(slug, sources)}", usage=True)


def innovation_named(content: Content, written: str) -> str:
    """The slug a reviewer meant: ``x``, or the file name ``x.yml`` or its path (``content/inovasi/x.yml``) when that
    file is an innovation of ``content``; anything else is returned as written (and refused as unknown)."""
    path = PurePosixPath(written.replace("\\", "/"))
    if path.suffix == ".yml" and path.stem in {innovation_slug(s) for s in content.innovations}:
        return path.stem
    return written


def _chosen_keys(edition: Edition, filled: Sequence[str], wanted: Sequence[str] | None, shown: str) -> list[str]:
    """The indicators to record: ``wanted`` (each in the edition and filled), or every filled one."""
    from .rules.verification import unknown_indicator

    keys = [i.kunci for i in edition.indikator]
    if wanted is None:
        return [k for k in keys if k in filled]
    for key in wanted:
        if "," in key and key not in keys:
            listed = " ".join(k.strip() for k in key.split(",") if k.strip())
            raise VerificationError(f"beberapa indikator ditulis dipisah spasi, bukan koma: --indikator {listed}", usage=True)
        if key not in keys:
            raise VerificationError(unknown_indicator(key, edition), usage=True)
        if key not in filled:
            listed = ", ".join(k for k in keys if k in filled) or "belum ada"
            raise VerificationError(f"indikator '{key}' belum diisi di {shown}; hanya indikator yang sudah diisi yang dapat "
                                    f"diverifikasi (yang sudah diisi: {listed})")
    return list(dict.fromkeys(wanted))


def _refuse_errors(content: Content, paths: Collection[str], slug: str) -> None:
    """Refuse while the innovation, katalog.yml, an IID file or the record file has an error."""
    from .location import typed_paths
    from .problems import shown
    from .rules import check_content

    errors = [p for p in check_content(content) if p.severity == "error" and (p.path in paths or p.path.startswith("iid/"))]
    if errors:
        first = shown(errors[0], typed_paths(content.root))
        raise VerificationError(f"{first.path} masih punya kesalahan (baris {first.line}: {first.message}); "
                                f"jalankan katalog check, perbaiki, lalu verifikasi {slug} lagi")


def write_verification(content: Content, slug: str, decision: Decision, *, indicators: Sequence[str] | None = None,
                       whole: bool = False, today: date | None = None) -> list[str]:
    """Record ``decision`` for an innovation and write ``content/verifikasi/<slug>.yml``; return one line per entry written.

    ``indicators``: these indicators; ``whole``: the innovation as a whole; neither:
    the innovation and every indicator it fills. Entries already kept for other
    indicators stay. Raises :class:`VerificationError` for an unknown innovation
    or indicator, a decision that cannot be written, errors in the innovation,
    katalog.yml, the IID files or the record file, a catalog without an IID
    edition, or an indicator the unit has not filled.
    """
    from . import clock
    from .iid import setup_from_content
    from .location import display_path

    slug = innovation_named(content, slug)
    source = _innovation(content, slug)
    problem = decision_problem(decision, today or clock.today())
    if problem:
        raise VerificationError(problem, usage=True)
    path = record_path(content.root, slug)
    _refuse_errors(content, {source.path, content.katalog.path, content_name(content.root, path)}, slug)
    setup = setup_from_content(content)
    if setup is None:
        katalog = display_path(content.root / content.katalog.path)
        raise VerificationError(f"{katalog} belum menyebut edisi IID yang berlaku (iid: edisi: 2026, dengan "
                                "definisinya di content/iid/2026.yml); verifikasi selalu terikat pada satu edisi")
    block = source.data.get("indikator")
    filled = [str(k) for k in block] if isinstance(block, dict) else []
    chosen = [] if whole else _chosen_keys(setup.edition, filled, indicators, display_path(content.root / source.path))
    if path.is_symlink() or path.parent.is_symlink() or (os.path.lexists(path.parent) and not path.parent.is_dir()):
        raise VerificationError(f"{display_path(path.parent)} harus berupa folder biasa dan {display_path(path)} berkas biasa "
                                "(bukan tautan simbolik); perbaiki lalu ulangi")
    found = next((s for s in content.verifications if s.path == content_name(content.root, path)), None)
    existing = read_records(found.data) if found else Records()
    current = current_fingerprints(content.root, slug, setup.edition.edisi, source.data)
    entry = {"status": decision.status, "catatan": decision.catatan.strip(), "oleh": decision.oleh.strip(),
             "tanggal": decision.tanggal.isoformat()}
    with_innovation = whole or indicators is None
    inovasi = Record(**entry, sidik=current.inovasi) if with_innovation else existing.inovasi
    indikator = {**existing.indikator, **{key: Record(**entry, sidik=current.indikator[key]) for key in chosen}}
    path.parent.mkdir(exist_ok=True)
    order = [i.kunci for i in setup.edition.indikator]
    innovation = f"{content.root.absolute().name}/inovasi/{slug}.yml"
    _write_atomically(path, record_text(innovation, Records(inovasi, MappingProxyType(indikator)), order))
    done = (["inovasi"] if with_innovation else []) + chosen
    return [f"{display_path(path)}: {name}: {decision.status}" for name in done]


def default_reviewer(root: Path) -> str | None:
    """``git config user.name`` where the content is, or None (no Git, or no name set)."""
    import subprocess

    try:
        done = subprocess.run(["git", "-C", str(root), "config", "user.name"], capture_output=True, text=True, timeout=30,
                              check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    name = done.stdout.strip()
    return name if done.returncode == 0 and name else None


# --- CODEOWNERS: only the verifiers approve changes to their records ----------------------------------

#: Where the catalog writes code owners, relative to the folder that holds content/.
CODEOWNERS_PATH = Path(".github") / "CODEOWNERS"
BLOCK_START = "# >>> katalog: verifikator IID"
BLOCK_END = "# <<< katalog: verifikator IID"
_BLOCK_NOTE = ("# Dibuat oleh katalog build dari iid.verifikator di {katalog}; jangan disunting di sini.\n"
               "# Baris di luar blok ini tetap; blok ini selalu di akhir berkas agar tidak tertimpa aturan lain.\n")
#: A GitHub user (@name), team (@org/team) or e-mail address: nothing that could add a line or a pattern.
OWNER_RE = re.compile(r"@[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:/[A-Za-z0-9][A-Za-z0-9._-]{0,99})?"
                      r"|[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,200}\.[A-Za-z]{2,20}")
#: Largest CODEOWNERS file read (GitHub itself ignores files over 3 MB).
MAX_CODEOWNERS_BYTES = 3 * 1024 * 1024


def verifiers(katalog: Any) -> tuple[str, ...]:
    """The owners named by ``iid.verifikator`` in katalog.yml's data (one or a list); malformed ones are left out."""
    iid = katalog.get("iid") if isinstance(katalog, Mapping) else None
    named = iid.get("verifikator") if isinstance(iid, Mapping) else None
    listed = [named] if isinstance(named, str) else named if isinstance(named, list) else []
    return tuple(dict.fromkeys(o for o in listed if isinstance(o, str) and OWNER_RE.fullmatch(o)))


def codeowners_block(content_name: str, owners: Sequence[str], codeowners: str = CODEOWNERS_PATH.as_posix()) -> str:
    """The generated block: the records, the edition data, katalog.yml and CODEOWNERS itself belong to ``owners``.

    Owning katalog.yml (which names the verifiers) and this file closes the loop: a
    pull request cannot make someone else a verifier without the verifiers' approval.
    """
    who = " ".join(owners)
    paths = [f"/{content_name}/{RECORD_FOLDER}/", f"/{content_name}/iid/", f"/{content_name}/katalog.yml",
             f"/{codeowners}"]
    rules = "".join(f"{p} {who}\n" for p in paths)
    return f"{BLOCK_START}\n{_BLOCK_NOTE.format(katalog=f'{content_name}/katalog.yml')}{rules}{BLOCK_END}\n"


def codeowners_text(existing: str, block: str | None) -> str:
    """``existing`` with its generated block replaced by ``block`` (at the end), or removed when ``block`` is None.

    Lines outside the block are kept as they are, in their order.
    """
    lines = existing.splitlines(keepends=True)
    kept: list[str] = []
    inside = False
    for line in lines:
        text = line.rstrip("\r\n")
        if text == BLOCK_START:
            inside = True
        elif inside and text == BLOCK_END:
            inside = False
        elif not inside:
            kept.append(line)
    outside = "".join(kept).rstrip("\n")
    if block is None:
        return outside + "\n" if outside else ""
    return (outside + "\n\n" if outside else "") + block


#: Where GitHub looks for the file, in its order: the first that exists is the one it reads.
CODEOWNERS_PLACES = (CODEOWNERS_PATH, Path("CODEOWNERS"), Path("docs") / "CODEOWNERS")


def codeowners_path(content_root: Path) -> Path:
    """The CODEOWNERS file GitHub reads for the repository holding content/ (``.github/CODEOWNERS`` when none exists)."""
    top = content_root.absolute().parent
    return next((top / place for place in CODEOWNERS_PLACES if os.path.lexists(top / place)), top / CODEOWNERS_PATH)


def _read_codeowners(path: Path, top: Path) -> str | None:
    """The file's text, "" when it does not exist, or None when it cannot be read as a text file (never rewritten).

    A symbolic link below the repository folder ``top``, as the file or as its folder (``.github`` pointing
    elsewhere), makes it unreadable: the build never writes through a link to a place outside the repository.
    """
    parts = path.relative_to(top).parts
    if any(top.joinpath(*parts[:n]).is_symlink() for n in range(1, len(parts) + 1)):
        return None
    if not os.path.lexists(path):
        return ""
    try:
        return read_bounded(path, MAX_CODEOWNERS_BYTES).decode("utf-8")
    except (Unreadable, UnicodeDecodeError):
        return None


def expected_codeowners(content: Content) -> tuple[Path, str | None, str | None]:
    """(path of CODEOWNERS, its text now or None when unreadable, the text it should have)."""
    path = codeowners_path(content.root)
    owners = verifiers(content.katalog.data)
    relative = path.relative_to(content.root.absolute().parent).as_posix()
    block = codeowners_block(content.root.absolute().name, owners, relative) if owners else None
    now = _read_codeowners(path, content.root.absolute().parent)
    return path, now, (codeowners_text(now, block) if now is not None else None)


def write_codeowners(content: Content) -> Path | None:
    """Bring the generated block of ``.github/CODEOWNERS`` up to date; return the path when the file was written.

    An unchanged file is left alone; a file that would be empty is not created.
    Raises ``OSError`` when it cannot write.
    """
    path, now, wanted = expected_codeowners(content)
    if now is None or wanted is None or wanted == now:
        return None
    path.parent.mkdir(parents=True, exist_ok=True)
    _write_atomically(path, wanted)
    return path
