"""Writing generated files to disk without touching what did not change.

Unchanged files keep their modification time, so MkDocs' dirty rebuilds (used
by ``katalog serve``) rebuild only the pages whose source changed.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path


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


def write_tree(out: Path, texts: dict[str, str], copies: dict[str, Path] | None = None) -> int:
    """Write generated texts and copy files under ``out``; remove files no longer generated.

    Returns how many files were written or removed.
    """
    changed = 0
    wanted = set(texts) | set(copies or {})
    for uri, text in texts.items():
        changed += write_if_changed(out / uri, text)
    for uri, source in (copies or {}).items():
        target = out / uri
        if not target.exists() or target.stat().st_mtime < source.stat().st_mtime or target.stat().st_size != source.stat().st_size:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
            changed += 1
    for path in sorted(out.rglob("*"), reverse=True):
        uri = path.relative_to(out).as_posix()
        if path.is_file() and uri not in wanted:
            path.unlink()
            changed += 1
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return changed
