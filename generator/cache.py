"""What ``katalog check`` found, kept between runs and reused only when nothing it read has changed.

The key of a result is a SHA-256 over everything the check reads: every entry of
the content folder (the bytes of each file, where each link points), the
CODEOWNERS file the whole-catalog check compares, the day in WIB, the options,
the current folder (problem paths are shown relative to it), and the code that
checks (every file of the ``generator`` package and the versions of the
libraries it checks with). Any change to any of them is a different key, so a
result is never trusted because of a name or a time stamp.

Results live outside the project, in the user's cache folder
(``$XDG_CACHE_HOME/katalog`` or ``~/.cache/katalog``; ``KATALOG_CACHE=DIR`` to
choose another, ``KATALOG_CACHE=0`` for none). A pull request can add any file
to a checkout, so a result stored inside the project could be planted to make
a bad file pass; nothing from a checkout is ever read as a result. Results are
JSON (never pickled) and a damaged entry is simply recomputed.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date
from functools import cache, cached_property
from importlib import metadata
from pathlib import Path
from typing import Any

from . import clock
from .content import Content, load_content
from .problems import Problem, sort_problems

#: Environment variable naming the cache folder; "0" or empty turns caching off.
CACHE_ENV = "KATALOG_CACHE"
#: Results kept at most; the oldest go first.
MAX_ENTRIES = 64
#: Files larger than this are known by size and time instead of their bytes (content files are far smaller).
HASH_LIMIT = 32 * 1024 * 1024
#: Libraries whose behaviour decides what the check finds.
_LIBRARIES = ("PyYAML", "jsonschema", "jsonschema-rs", "markdown-it-py", "RapidFuzz", "nh3", "Jinja2")


def cache_dir() -> Path | None:
    """The folder results are kept in, or None when caching is off."""
    chosen = os.environ.get(CACHE_ENV)
    if chosen is not None:
        return None if chosen.strip() in ("", "0") else Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "katalog"


@cache
def code_version() -> str:
    """A digest of the checking code: every file of the package and the versions of its libraries."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    for name in _LIBRARIES:
        try:
            digest.update(f"{name}={metadata.version(name)}\0".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=-\0".encode())
    return digest.hexdigest()


#: A file changed less than this long before it was read may change again within the same time stamp.
_RACY_NS = 2_000_000_000

#: ``relative path -> [size, mtime_ns, ctime_ns, inode, sha256]`` of files read before (see :func:`tree_digest`).
Seen = dict[str, list[Any]]


#: ``relative path -> (size, sha256)`` of the regular files a check hashed or found unchanged (:func:`tree_digest`).
Hashes = dict[str, tuple[int, str]]


def _entry_digest(path: str, info: os.stat_result, seen: Seen | None = None, name: str = "",
                  hashes: Hashes | None = None) -> bytes:
    if stat.S_ISLNK(info.st_mode):
        return b"l" + os.fsencode(os.readlink(path))
    if not stat.S_ISREG(info.st_mode):
        return b"o%d" % stat.S_IFMT(info.st_mode)
    if info.st_size > HASH_LIMIT:
        return b"b%d:%d" % (info.st_size, info.st_mtime_ns)
    signature = [info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino]
    known = seen.get(name) if seen is not None else None
    if known is not None and known[:4] == signature:
        if hashes is not None:
            hashes[name] = (info.st_size, known[4])
        return b"f" + bytes.fromhex(known[4])
    with open(path, "rb") as f:
        digest = hashlib.sha256(f.read()).digest()
    if hashes is not None:
        hashes[name] = (info.st_size, digest.hex())
    if seen is not None:
        if time.time_ns() - max(info.st_mtime_ns, info.st_ctime_ns) > _RACY_NS:
            seen[name] = [*signature, digest.hex()]
        else:
            seen.pop(name, None)
    return b"f" + digest


def _valid_seen(value: object) -> bool:
    """An entry of :data:`Seen` as this version writes it (a damaged or older file's entries are dropped)."""
    return (isinstance(value, list) and len(value) == 5 and all(type(v) is int for v in value[:4])
            and isinstance(value[4], str) and re.fullmatch(r"[0-9a-f]{64}", value[4]) is not None)


def tree_digest(root: Path, seen: Seen | None = None, hashes: Hashes | None = None) -> str:
    """SHA-256 over every entry under ``root``: names, kinds, file bytes, link targets (links are not followed).

    With ``seen`` (kept between runs), a file whose size, times and inode are those it had when its
    bytes were last hashed is not read again, as Git does for its index; a file changed within two
    seconds of being read is always read again. The inode's change time is compared too: a file
    rewritten in place with its old modification time put back (``cp -p``, ``rsync --inplace -t``, an
    archive unpacked over the checkout) keeps its size, mtime and inode, and only the change time tells.
    The price: a build's hard links into the site change the change time of every IID evidence file,
    so the next check reads and hashes the evidence again (docs/benchmarks.md, IID).
    ``hashes`` receives the size and SHA-256 of every regular file hashed or found unchanged, each reached
    without a symbolic link (the walk follows none); the build reuses them for the evidence fingerprints.
    """
    digest = hashlib.sha256()
    pending = [str(root)]
    start = len(os.path.join(str(root), ""))
    while pending:
        folder = pending.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            digest.update(f"!{folder}:{exc.errno}\0".encode())
            continue
        for entry in entries:
            name = entry.path[start:]
            try:
                info = entry.stat(follow_symlinks=False)
                if stat.S_ISDIR(info.st_mode):
                    pending.append(entry.path)
                    part = b"d"
                else:
                    part = _entry_digest(entry.path, info, seen, name, hashes)
            except OSError as exc:
                part = b"!%d" % (exc.errno or 0)
            digest.update(os.fsencode(name) + b"\0" + part + b"\0")
    return digest.hexdigest()


def _file_digest(path: Path) -> str:
    try:
        return _entry_digest(str(path), path.lstat()).hex()
    except OSError:
        return "-"


@dataclass
class Checked:
    """The problems of a whole catalog and how many files it has; the content itself is read only when asked for."""

    root: Path
    problems: list[Problem]
    count: int
    _content: Content | None = field(default=None, repr=False)
    #: What the check hashed (:func:`tree_digest`), handed to the content (``Content.hashes``).
    hashes: Hashes = field(default_factory=dict, repr=False)

    @cached_property
    def content(self) -> Content:
        content = self._content if self._content is not None else load_content(self.root)
        content.hashes = self.hashes
        return content


class CheckCache:
    """Stored check results of one content folder, one JSON file per key."""

    def __init__(self, folder: Path | None, root: Path) -> None:
        self.folder = folder
        self.root = root
        self._seen: Seen = {}
        self._seen_before: Seen = {}
        #: The files :meth:`key` hashed or found unchanged (:func:`tree_digest`).
        self.hashes: Hashes = {}
        if folder is not None:
            self._seen_path = folder / f"berkas-{hashlib.sha256(str(root.absolute()).encode()).hexdigest()[:32]}.json"
            try:
                loaded = json.loads(self._seen_path.read_text(encoding="utf-8"))
                self._seen = {k: v for k, v in loaded.items() if _valid_seen(v)}
            except (OSError, ValueError, AttributeError, RecursionError):  # RecursionError: nested past Python's limit
                self._seen = {}
            self._seen_before = dict(self._seen)

    def key(self, options: dict[str, object], today: date) -> str:
        self.hashes = {}
        parts = {"kode": code_version(), "konten": tree_digest(self.root, self._seen, self.hashes),
                 "akar": str(self.root.absolute()),
                 "cwd": os.getcwd(), "hari": today.isoformat(), **options}
        return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()

    def _write(self, path: Path, text: str) -> None:
        assert self.folder is not None
        self.folder.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=self.folder, prefix=".tulis-", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(temporary, path)

    def save_seen(self) -> None:
        """Remember the files' hashes for the next run (only when they changed)."""
        if self.folder is None or self._seen == self._seen_before:
            return
        try:
            self._write(self._seen_path, json.dumps(self._seen))
            self._seen_before = dict(self._seen)
        except OSError:
            pass

    def get(self, key: str) -> tuple[list[Problem], int] | None:
        if self.folder is None:
            return None
        try:
            stored = json.loads((self.folder / f"periksa-{key}.json").read_text(encoding="utf-8"))
            if stored.get("kunci") != key:
                return None
            return [Problem(**p) for p in stored["masalah"]], int(stored["berkas"])
        except (OSError, ValueError, TypeError, KeyError, RecursionError):
            return None

    def put(self, key: str, problems: list[Problem], count: int) -> None:
        if self.folder is None:
            return
        try:
            self._write(self.folder / f"periksa-{key}.json", json.dumps(
                {"kunci": key, "berkas": count, "masalah": [asdict(p) for p in problems]}, ensure_ascii=False))
            self._trim()
        except OSError:
            pass  # a read-only or full disk only costs the next run its time

    def _trim(self) -> None:
        assert self.folder is not None
        for pattern in ("periksa-*.json", "berkas-*.json"):
            entries = sorted(self.folder.glob(pattern), key=lambda p: p.stat().st_mtime_ns)
            for old in entries[:-MAX_ENTRIES]:
                old.unlink(missing_ok=True)


def check_folder(root: Path, check: Callable[[Content], list[Problem]], *, options: dict[str, object] | None = None,
                 extra_inputs: dict[str, Path] | None = None) -> Checked:
    """``check(load_content(root))`` and the number of files, from the cache when nothing it reads has changed.

    ``options`` are whatever else decides the result (command-line flags); ``extra_inputs`` are files
    outside the content folder that ``check`` reads. Raises what :func:`load_content` raises for a
    missing or unreadable folder.
    """
    store = CheckCache(cache_dir() if root.is_dir() else None, root)

    def key() -> str:
        extra = {f"berkas:{name}": _file_digest(path) for name, path in (extra_inputs or {}).items()}
        return store.key({**(options or {}), **extra}, clock.today())

    before = key() if store.folder else ""
    found = store.get(before) if before else None
    if found is not None:
        store.save_seen()
        return Checked(root, found[0], found[1], hashes=store.hashes)
    content = load_content(root)
    problems = sort_problems(check(content))
    count = len(content.sources)
    if before and key() == before:  # nothing changed while it was read: the result belongs to this key
        store.put(before, problems, count)
        store.save_seen()
        return Checked(root, problems, count, content, hashes=store.hashes)
    return Checked(root, problems, count, content)
