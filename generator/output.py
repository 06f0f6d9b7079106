"""Writing generated files to disk without touching what did not change.

Unchanged files keep their modification time, so MkDocs' dirty rebuilds (used
by ``katalog serve``) rebuild only the pages whose source changed.

A folder written by :func:`write_tree` holds a manifest (``MANIFEST``) of every
file the tool wrote there. Only files listed in it are ever removed, and a
folder that already holds files but no manifest is refused: the tool never
deletes or overwrites what it did not write.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import tempfile
from pathlib import Path, PurePosixPath

from .location import OutputDirError

#: The manifest of a folder written by ``katalog generate`` (and the preview folder of ``katalog serve``).
MANIFEST = ".katalog-berkas.json"


def write_if_changed(path: Path, data: str | bytes) -> bool:
    """Write ``data`` to ``path`` unless it already holds exactly that; True if written."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        if path.stat().st_size == len(raw) and path.read_bytes() == raw:
            return False
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(raw)
    os.replace(tmp, path)
    return True


def _safe_uri(uri: object) -> bool:
    """A relative path below the folder: no absolute path, no '..', no empty part."""
    if not isinstance(uri, str) or not uri or "\\" in uri or "\x00" in uri:
        return False
    parts = PurePosixPath(uri).parts
    return not PurePosixPath(uri).is_absolute() and all(p not in ("", ".", "..") for p in parts) and uri != MANIFEST


def read_manifest(out: Path) -> set[str]:
    """The files the tool wrote into ``out`` before; refuses a folder it did not write.

    An empty or missing folder has written nothing. A folder with files but no
    manifest, or with a manifest that cannot be read, raises OutputDirError.
    """
    if out.is_symlink() and not out.exists():
        raise OutputDirError(f"'{out}' adalah tautan simbolik yang rusak; pilih folder lain")
    if not out.exists():
        return set()
    if not out.is_dir():
        raise OutputDirError(f"'{out}' sudah ada dan bukan folder; pilih folder lain")
    manifest = out / MANIFEST
    if not manifest.is_file() or manifest.is_symlink():
        if any(out.iterdir()):
            raise OutputDirError(
                f"folder '{out}' sudah berisi berkas yang tidak ditulis oleh katalog (tidak ada daftar {MANIFEST}); "
                "katalog tidak menimpa atau menghapus berkas lain: pilih folder baru, atau kosongkan folder itu sendiri")
        return set()
    try:
        listed = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise OutputDirError(f"daftar berkas '{manifest}' tidak dapat dibaca ({exc}); katalog tidak tahu berkas mana "
                             "miliknya: pilih folder baru, atau kosongkan folder itu sendiri") from exc
    files = listed.get("berkas") if isinstance(listed, dict) else None
    if not isinstance(files, list):
        raise OutputDirError(f"daftar berkas '{manifest}' rusak (kolom 'berkas' tidak ada); "
                             "pilih folder baru, atau kosongkan folder itu sendiri")
    # Never trust a listed name to point outside the folder.
    return {uri for uri in files if _safe_uri(uri)}


def _write_manifest(out: Path, files: set[str]) -> None:
    text = json.dumps({"katalog": 1, "keterangan": "berkas yang ditulis katalog di folder ini; hanya berkas ini yang "
                       "akan diganti atau dihapus", "berkas": sorted(files)}, ensure_ascii=False, indent=0)
    write_if_changed(out / MANIFEST, text + "\n")


def _inside(path: Path, root: Path) -> bool:
    """``path``'s folder resolves inside ``root`` (resolved): removing it touches nothing outside."""
    try:
        return path.parent.resolve().is_relative_to(root)
    except OSError:
        return False


def write_tree(out: Path, texts: dict[str, str], copies: dict[str, Path] | None = None) -> int:
    """Write generated texts and copy files under ``out``; remove files it wrote before that are no longer generated.

    Files the tool did not write (not in the folder's manifest) are never
    removed; a non-empty folder without a manifest is refused (OutputDirError).
    Returns how many files were written or removed.
    """
    before = read_manifest(out)
    wanted = set(texts) | set(copies or {})
    out.mkdir(parents=True, exist_ok=True)
    # Listed first (old and new), so that a run killed half-way leaves nothing unlisted.
    _write_manifest(out, before | wanted)
    changed = 0
    for uri, text in texts.items():
        changed += write_if_changed(out / uri, text)
    for uri, source in (copies or {}).items():
        target = out / uri
        if (not target.exists() or target.stat().st_mtime < source.stat().st_mtime
                or target.stat().st_size != source.stat().st_size):
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
            changed += 1
    root = out.resolve()
    folders: set[Path] = set()
    for uri in sorted(before - wanted):
        path = out / uri
        if (path.is_file() or path.is_symlink()) and _inside(path, root):
            path.unlink()
            changed += 1
        folders.update(p for p in path.parents if p != out and out in p.parents)
    # Folders emptied by the removals go too; a folder that still holds anything stays.
    for folder in sorted(folders, key=lambda p: len(p.parts), reverse=True):
        try:
            if folder.is_dir() and not folder.is_symlink() and not any(folder.iterdir()):
                folder.rmdir()
        except OSError:
            pass
    _write_manifest(out, wanted)
    return changed


# --- staging folders ------------------------------------------------------------------------
#
# A site (``katalog build``) or a report (``katalog laporan``) is written into a staging folder beside its
# place and swapped in whole: ``.site-baru-<pid>-<host>-<random>`` (and ``.site-lama-`` for the folder it
# replaces), ``.laporan-baru-`` and ``.laporan-lama-`` likewise. A killed run leaves its staging folder
# behind; the next run beside it removes it (``make clean`` removes the site's too).

_STAGING_RE = re.compile(r"\.(?:site|laporan)-(?:baru|lama)-(?P<pid>[0-9]+)-(?P<host>[A-Za-z0-9.-]+)-[A-Za-z0-9_]+")


def _host() -> str:
    """This machine's name as it goes into a staging folder's name."""
    return re.sub(r"[^A-Za-z0-9.-]", "", socket.gethostname())[:60] or "mesin"


def staging_prefix(kind: str, tool: str = "site") -> str:
    """The name a staging folder of ``tool`` (site, laporan) starts with: ``kind`` (baru, lama), process, machine."""
    return f".{tool}-{kind}-{os.getpid()}-{_host()}-"


def _running(pid: int) -> bool:
    """Whether a process with this id exists on this machine (when unsure: yes)."""
    if pid <= 0:
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists but belongs to someone else, or we cannot tell
    return True


def remove_orphans(parent: Path) -> list[Path]:
    """Remove staging folders in ``parent`` whose process is gone (a killed build or report); returns them.

    Only folders named by this tool on this machine are looked at, and a folder
    whose process still runs (a build in progress) is never touched.
    """
    removed: list[Path] = []
    if not parent.is_dir():
        return removed
    host = _host()
    try:
        entries = list(parent.iterdir())
    except OSError:
        return removed
    for entry in entries:
        found = _STAGING_RE.fullmatch(entry.name)
        if not found or found["host"] != host or int(found["pid"]) == os.getpid() or _running(int(found["pid"])):
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
            removed.append(entry)
    return removed


def swap_in(staging: Path, place: Path, tool: str = "site") -> None:
    """Put the folder ``staging`` in the place of ``place``: the folder there before is moved aside and removed only
    after the swap, and put back if the swap fails."""
    old = None
    if os.path.lexists(place):
        old = Path(tempfile.mkdtemp(prefix=staging_prefix("lama", tool), dir=place.parent))
        old.rmdir()
        place.rename(old)
    try:
        staging.chmod(0o755)  # mkdtemp makes it private; a published folder is readable
        staging.rename(place)
    except OSError:
        if old is not None:
            old.rename(place)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
