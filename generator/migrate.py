"""``katalog migrasi-iid``: innovation files of the shape before 2026 to the 2026 ``indikator`` block.

What changes, in the file's own text (everything else stays as written: comments,
key order, quoting, line ends):

* an indicator key of an earlier edition gets its 2026 name (``kualitas`` →
  ``video``, :data:`generator.rules.iid.RENAMED_KEYS`);
* ``bukti`` written as a link (``http://`` or ``https://``) becomes a list of one
  item, ``url`` with ``keterangan: Tautan bukti``;
* ``bukti`` written as one evidence file name (``sk-tim.pdf``) becomes a list of one
  item, ``berkas`` with ``keterangan: Berkas bukti`` (the check then says whether the
  file is in ``content/media/<slug>/bukti/``);
* ``bukti`` written as text is not evidence (no file, no link): its key becomes
  ``catatan`` and the text is kept exactly as written. The indicator then has no
  evidence until the unit adds a file or a link; ``katalog check`` and the
  readiness panel say so.

Values are never changed: whether a ``nilai`` agrees with the 2026 parameter
texts is for the unit to judge, and the command says so. Without ``--tulis``
nothing is written (a dry run); with it each changed file is replaced
atomically, and only after the new text has been read back and holds exactly
the data expected.
"""

from __future__ import annotations

import json
import os
import secrets
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

import yaml

from .content import Unreadable, innovation_files, parse_text, read_bounded
from .rules.iid import RENAMED_KEYS, evidence_field

#: What a link ``bukti`` becomes: its description.
LINK_DESCRIPTION = "Tautan bukti"
#: What a ``bukti`` that is one evidence file name becomes: its description.
FILE_DESCRIPTION = "Berkas bukti"


def _single_item(written: str) -> tuple[str, str, str] | None:
    """The evidence item a one-line ``bukti`` stands for: (``url`` or ``berkas``, the value, its description), or None
    for text that is no evidence."""
    field = evidence_field(written)
    if field is None:
        return None
    return field, written.strip(), LINK_DESCRIPTION if field == "url" else FILE_DESCRIPTION


@dataclass(frozen=True)
class Change:
    """One edit of a file: where (for the report), what it does, and the text replaced."""

    line: int
    column: int
    key: str
    message: str
    start: int
    end: int
    text: str


@dataclass
class Migration:
    """What migrating one file does: its changes and new text, or why it is left alone."""

    path: Path
    changes: list[Change] = field(default_factory=list)
    text: str | None = None
    problem: str | None = None
    #: Line and column the problem is about (the first error of a file that cannot be read).
    at: tuple[int, int] = (1, 1)

    @property
    def shown(self) -> str:
        """The file as the user named it (or as ``--content`` and ``inovasi/`` make its path)."""
        return self.path.as_posix()


def _newline(text: str) -> str:
    return "\r\n" if "\r\n" in text else "\n"


def _pairs(node: yaml.Node) -> Iterator[tuple[yaml.ScalarNode, yaml.Node]]:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                yield key, value


def _find(node: yaml.Node, name: str) -> tuple[yaml.ScalarNode, yaml.Node] | None:
    return next(((k, v) for k, v in _pairs(node) if k.value == name), None)


def _at(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _rename(key: yaml.ScalarNode, new: str, where: str, message: str) -> Change:
    line, col = _at(key)
    return Change(line, col, where, message, key.start_mark.index, key.end_mark.index, new)


def _item_change(text: str, key: yaml.ScalarNode, value: yaml.ScalarNode, item: tuple[str, str, str], flow: bool,
                 where: str) -> Change:
    """The link or file name in ``bukti: <...>`` (``item``: :func:`_single_item`) as a list of one evidence item, in block
    style where the file is in block style."""
    field, written, description = item
    quoted = json.dumps(written, ensure_ascii=False)
    nl = _newline(text)
    line, col = _at(value)
    what = "tautan" if field == "url" else "nama berkas"
    message = f"{what} menjadi butir bukti ({field}, keterangan: {description})"
    colon = text.find(":", key.end_mark.index)
    between = text[colon + 1:value.start_mark.index] if colon >= 0 else "#"
    if flow or between.strip(" \t") or "\n" in between:
        return Change(line, col, where, message, value.start_mark.index, value.end_mark.index,
                      f"[{{{field}: {quoted}, keterangan: {description}}}]")
    indent = " " * (key.start_mark.column + 2)
    block = f"{nl}{indent}- {field}: {quoted}{nl}{indent}  keterangan: {description}"
    return Change(line, col, where, message, colon + 1, value.end_mark.index, block)


def _indicator_changes(text: str, name: str, key: yaml.ScalarNode, value: yaml.Node, siblings: set[str]) -> list[Change]:
    out = []
    new = RENAMED_KEYS.get(name)
    if new is not None and new not in siblings:
        out.append(_rename(key, new, f"indikator.{name}", f"kunci '{name}' menjadi '{new}'"))
    found = _find(value, "bukti")
    if found is None:
        return out
    bukti_key, bukti = found
    where = f"indikator.{name}.bukti"
    if not isinstance(bukti, yaml.ScalarNode) or bukti.tag != "tag:yaml.org,2002:str" or not bukti.value.strip():
        return out
    if (item := _single_item(bukti.value)) is not None:
        out.append(_item_change(text, bukti_key, bukti, item, bool(getattr(value, "flow_style", False)), where))
    elif _find(value, "catatan") is None:
        out.append(_rename(bukti_key, "catatan", where, "teks ini bukan bukti (bukan berkas atau tautan); dipindah ke 'catatan' "
                                                        "tanpa diubah: unggah dokumennya sebagai bukti"))
    return out


def changes_of(text: str) -> list[Change]:
    """The edits that bring ``text`` (an innovation file that parses) to the 2026 shape, in file order."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)  # pure Python: marks count characters
    found = _find(root, "indikator") if root is not None else None
    if found is None:
        return []
    block = found[1]
    names = {k.value for k, _ in _pairs(block)}
    out: list[Change] = []
    for key, value in _pairs(block):
        out += _indicator_changes(text, key.value, key, value, names)
    return sorted(out, key=lambda c: c.start)


def apply(text: str, changes: list[Change]) -> str:
    """``text`` with every change made (from the end, so earlier offsets stay valid)."""
    for change in sorted(changes, key=lambda c: c.start, reverse=True):
        text = text[:change.start] + change.text + text[change.end:]
    return text


def expected_data(data: dict[str, Any]) -> dict[str, Any]:
    """The data a migrated file must hold: ``data`` with the same changes made to the values."""
    block = data.get("indikator")
    if not isinstance(block, dict):
        return data
    out: dict[str, Any] = {}
    for name, item in block.items():
        new = RENAMED_KEYS.get(name)
        key = new if new is not None and new not in block else name
        if isinstance(item, dict) and isinstance(item.get("bukti"), str) and item["bukti"].strip():
            single = _single_item(item["bukti"])
            if single is not None:
                field, written, description = single
                item = {**item, "bukti": [{field: written, "keterangan": description}]}
            elif "catatan" not in item:
                item = {("catatan" if k == "bukti" else k): v for k, v in item.items()}
        out[key] = item
    return {**data, "indikator": out}


def plan(path: Path) -> Migration:
    """What migrating the innovation file ``path`` would do (nothing is written)."""
    migration = Migration(path)
    if path.is_symlink() or not path.is_file():
        migration.problem = "bukan berkas biasa (atau tautan simbolik); tidak diubah"
        return migration
    try:
        raw = read_bounded(path)
    except Unreadable as exc:
        migration.problem = f"{exc}; tidak diubah"
        return migration
    source = parse_text(str(path), raw)
    errors = [p for p in source.problems if p.severity == "error"]
    if not isinstance(source.data, dict) or errors:
        # The first error, where it is: the contributor fixes it here instead of looking for it with another command.
        why = f" ({errors[0].message})" if errors else ""
        migration.at = (errors[0].line, errors[0].column) if errors else (1, 1)
        migration.problem = f"berkas belum dapat dibaca tanpa kesalahan{why}; perbaiki dulu (katalog check), lalu jalankan lagi"
        return migration
    bom = raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    migration.changes = changes_of(text)
    if not migration.changes:
        return migration
    new = apply(text, migration.changes)
    after = parse_text(str(path), new.encode("utf-8"))
    if after.data != expected_data(source.data) or any(p.severity == "error" for p in after.problems):
        migration.problem = "perubahan otomatis tidak dapat dipastikan benar; ubah bagian indikator berkas ini dengan tangan"
        migration.changes = []
        return migration
    migration.text = ("\ufeff" if bom else "") + new
    return migration


def write(migration: Migration) -> None:
    """Replace the file with its migrated text atomically (a temporary file in the same folder, then a rename)."""
    assert migration.text is not None
    path = migration.path
    temp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        temp.write_bytes(migration.text.encode("utf-8"))
        os.chmod(temp, path.stat().st_mode & 0o777)
        os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)


def run(content_root: Path, files: list[str], *, tulis: bool, out: TextIO, err: TextIO) -> int:
    """The command: report (and with ``tulis`` make) the changes of the named files, or of every innovation file.

    Exit status 0 when every file is migrated or needs nothing, 1 when some file could not be migrated.
    """
    paths = [Path(f) for f in files] if files else [p for p in innovation_files(content_root) if p.suffix == ".yml"]
    changed = failed = 0
    for path in paths:
        migration = plan(path)
        if migration.problem:
            failed += 1
            print(f"{migration.shown}:{migration.at[0]}:{migration.at[1]}: {migration.problem}", file=out)
            continue
        for change in migration.changes:
            print(f"{migration.shown}:{change.line}:{change.column}: {change.key}: {change.message}", file=out)
        if migration.changes:
            changed += 1
            if tulis:
                write(migration)
    verb = "diubah" if tulis else "akan diubah"
    line = f"{changed} dari {len(paths)} berkas {verb}"
    if failed:
        line += f", {failed} tidak dapat diubah"
    if changed and not tulis:
        line += "; jalankan lagi dengan --tulis untuk menulis perubahannya"
    if changed:
        line += ". Periksa setiap nilai terhadap teks parameter edisi yang berlaku (content/iid/), lalu jalankan katalog check"
    print(line, file=err)
    return 1 if failed else 0
