"""What every rule shares: placeholders, how values are quoted in messages, "did you mean"."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from ..content import KeyPath, Source
from ..problems import visible
from ..similar import closest

#: Text that ``katalog new`` writes where the contributor must fill something in.
PLACEHOLDER_RE = re.compile(r"^\s*ISI:")
#: Innovation slugs (file names) and page names: lower-case ASCII letters, digits, single hyphens.
SLUG_RE = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
#: The Markdown fields of an innovation (contract §2).
MARKDOWN_FIELDS = ("rancang_bangun", "tujuan", "manfaat", "hasil")
#: Opening and closing typographic quotes (English “…” ‘…’, German „…“ ‚…‘, Swedish ”…”): what Word puts for " and '.
OPENING_QUOTES = "\u201c\u2018\u201e\u201a\u201d"
CLOSING_QUOTES = "\u201d\u2019\u201c\u2018"

TYPE_NAMES = {
    "string": "teks", "integer": "bilangan bulat", "number": "angka", "boolean": "true/false",
    "array": "daftar (butir diawali '- ')", "object": "kumpulan kolom (kunci: nilai)", "null": "kosong",
}


def type_of(value: Any) -> str:
    """The JSON Schema type name of a loaded value (a bool is not an integer here)."""
    if isinstance(value, bool):
        return "boolean"
    for kind, name in ((int, "integer"), (float, "number"), (str, "string"), (list, "array"), (dict, "object")):
        if isinstance(value, kind):
            return name
    return "null"


def suggest(word: str, choices: Iterable[str]) -> str | None:
    """The closest of ``choices`` to ``word``, if any is close enough."""
    choices = list(choices)
    lowered = {c.lower(): c for c in choices}
    norm = str(word).strip().lower().replace(" ", "_")
    if norm in lowered:
        return lowered[norm]
    found = closest(norm, list(lowered), cutoff=0.6)  # difflib's answer, without comparing with every choice
    return lowered[found] if found else None


def did_you_mean(word: Any, choices: Iterable[str]) -> str:
    """``; maksud Anda 'x'?`` when a choice is close to ``word``, else ``""``."""
    hit = suggest(str(word), choices) if isinstance(word, str) else None
    return f"; maksud Anda '{hit}'?" if hit else ""


def shown(value: Any) -> str:
    """A value quoted in a message: short, one line, invisible characters made visible."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        text = value if len(value) <= 60 else value[:57] + "..."
        return f"'{visible(text)}'"
    if value is None:
        return "kosong"
    return str(value)


def choices(values: Iterable[Any]) -> str:
    return ", ".join(str(v) for v in values)


def walk_strings(data: Any, keypath: KeyPath = ()) -> Iterator[tuple[KeyPath, str]]:
    """Every string in ``data`` with its key path (iteratively: nesting depth is bounded by the loader)."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from walk_strings(value, keypath + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from walk_strings(value, keypath + (i,))
    elif isinstance(data, str):
        yield keypath, data


def offset_position(source: Source, keypath: KeyPath, text: str, offset: int) -> tuple[int, int]:
    """Line and column of ``text[offset]`` inside a literal block (``|``) or a page, else of the value."""
    block = source.blocks.get(keypath)
    if not block:
        return source.where(keypath)
    before = text[:offset]
    line = block[0] + before.count("\n")
    col = (block[1] + len(before)) if "\n" not in before else (block[1] + len(before.rsplit("\n", 1)[1]))
    return line, col
