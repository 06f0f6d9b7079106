"""Read content files into plain data that remembers where every value stood.

PyYAML's ``safe_load`` forgets positions, silently keeps the last of two
duplicate keys, expands aliases and turns ``2025-03-01`` into a date. Here we
compose the node tree ourselves (with libyaml where available) and walk it, so
that every problem can point at a line and column, duplicate keys and aliases
are refused, and dates stay the text the contributor wrote.
"""

from __future__ import annotations

import codecs
import functools
import os
import re
import stat
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .parallel import map_forked
from .problems import WHOLE_FILE, Problem, visible

try:  # libyaml is several times faster; fall back to pure Python.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

KeyPath = tuple[str | int, ...]

#: Files larger than this are refused before parsing (one innovation is a few KiB).
MAX_FILE_BYTES = 256 * 1024
#: Deeper nesting than this is refused (the contract needs four levels).
MAX_DEPTH = 12

#: At most this many alias problems are reported per file.
MAX_ALIAS_PROBLEMS = 20

_STD = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_STD + t for t in ("str", "int", "float", "bool", "null", "timestamp")}
_CONSTRUCTOR = yaml.constructor.SafeConstructor()

# Common libyaml complaints, said the way a contributor can act on them.
_YAML_HINTS = (
    ("found character '\\t'", "karakter tab tidak boleh dipakai; gunakan spasi untuk indentasi"),
    ("found a tab character", "karakter tab tidak boleh dipakai; gunakan spasi untuk indentasi"),
    ("mapping values are not allowed", "ada titik dua (:) yang tidak terduga; jika nilai mengandung ': ', apit nilai itu dengan "
                                       "tanda kutip"),
    ("while scanning a quoted scalar", "tanda kutip belum ditutup"),
    ("found unexpected end of stream", "tanda kutip atau kurung belum ditutup"),
    ("did not find expected key", "indentasi tidak konsisten; kunci pada tingkat yang sama harus sejajar"),
    ("expected <block end>", "indentasi tidak konsisten; kunci pada tingkat yang sama harus sejajar"),
    ("did not find expected '-' indicator", "indentasi daftar tidak konsisten; setiap butir diawali '- ' sejajar"),
    ("could not find expected ':'", "baris ini tidak berbentuk 'kunci: nilai'"),
    ("expected a single document", "berkas hanya boleh berisi satu dokumen; hapus pemisah '---' tambahan"),
    ("control characters are not allowed", "berkas mengandung karakter kendali yang tidak terlihat; hapus karakter itu"),
    ("did not find expected ',' or ']'", "daftar dalam kurung siku [ ] belum ditutup, atau butirnya tidak dipisah koma"),
    ("did not find expected ',' or '}'", "kurung kurawal { } belum ditutup, atau isinya tidak dipisah koma"),
    ("did not find expected node content", "nilai tidak lengkap; apit teks yang diawali { [ & * ! | > % @ atau ` dengan tanda "
                                           "kutip"),
    ("second occurrence", "anchor YAML (&nama) dipakai dua kali; anchor dan alias tidak diizinkan"),
    ("found character that cannot start any token", "ada karakter yang tidak boleh mengawali nilai (misalnya @ atau `); apit "
                                                    "nilai dengan tanda kutip"),
    ("exceeded maximum nesting depth", f"susunan terlalu dalam (lebih dari {MAX_DEPTH} tingkat kurung atau indentasi)"),
    ("found undefined alias", "alias YAML (*nama) tidak diizinkan; tulis nilainya langsung"),
    ("did not find expected alphabetic or numeric character",
     "tanda * atau & di awal nilai dibaca YAML sebagai alias atau anchor; apit seluruh nilai dengan tanda kutip"),
    ("found unknown escape character",
     "garis miring terbalik (\\) di dalam tanda kutip ganda dibaca sebagai kode khusus; pakai tanda kutip tunggal '...' atau "
     "tulis \\\\"),
    ("did not find expected hexdecimal number", "kode \\x atau \\u di dalam tanda kutip ganda tidak lengkap; pakai tanda kutip "
                                                "tunggal '...'"),
    ("found invalid Unicode character escape code", "kode \\u di dalam tanda kutip ganda tidak sah; pakai tanda kutip tunggal "
                                                    "'...'"),
    ("did not find expected whitespace or line break", "setelah tanda & atau ! harus ada spasi; apit nilai yang diawali & atau ! "
                                                       "dengan tanda kutip"),
    ("did not find expected comment or line break", "setelah tanda | atau > harus langsung baris baru; teksnya ditulis di baris "
                                                    "berikutnya, menjorok"),
    ("block sequence entries are not allowed", "butir daftar '- ' harus ditulis di baris baru di bawah kuncinya, menjorok"),
    ("tag", "tanda ! memulai tag YAML yang tidak diizinkan; apit nilai yang diawali ! dengan tanda kutip"),
    ("directive", "baris yang diawali % dibaca sebagai perintah YAML; apit nilai yang diawali % dengan tanda kutip"),
    ("expected <document start>", "ada teks setelah akhir dokumen ('---' atau '...'); hapus pemisah itu"),
    ("document", "berkas hanya boleh berisi satu dokumen; hapus pemisah '---' atau '...' tambahan"),
    ("indentation indicator", "angka setelah | atau > tidak sah; tulis | saja"),
    ("block scalar", "teks setelah | atau > harus menjorok lebih dalam dari kuncinya"),
)
#: What a contributor reads when libyaml says something no hint above covers: never the parser's English.
_YAML_FALLBACK = ("baris ini tidak dapat dibaca; periksa tanda kutip, titik dua ': ' dan indentasi (spasi) "
                  "baris ini dan baris sebelumnya")
#: Spaces that look like spaces but are not (pasted from Word or PDF): never indentation.
_ODD_SPACES = "\u00a0\u1680\u2000-\u200b\u202f\u205f\u3000"
_ODD_SPACE_RE = re.compile(rf"^[ \t]*([{_ODD_SPACES}])")
#: One character that looks like a space but is not (or is no width at all).
ODD_SPACE_RE = re.compile(rf"[{_ODD_SPACES}]")
#: ``kunci:`` followed by a space that only looks like one: YAML sees no ``kunci: nilai`` there.
_ODD_AFTER_COLON_RE = re.compile(rf"^( *(?:- )?)([A-Za-z_][A-Za-z0-9_]*):([{_ODD_SPACES}])")
#: ``kunci:nilai`` without the space YAML needs after the colon (or a full-width colon).
_NO_SPACE_RE = re.compile(r"^(\s*-?\s*)([A-Za-z_][A-Za-z0-9_]*)(:(?=\S)|\uff1a)")
#: ``kunci: nilai``, its indentation and, for the first key of a list item, the ``- `` before it.
_INDENT_RE = re.compile(r"^( *)(- )?([A-Za-z_][A-Za-z0-9_]*): +\S")
_KEY_RE = re.compile(r"^( *)([A-Za-z_][A-Za-z0-9_]*):(?: |$)")
#: ``kunci: “...`` : a value opened with a typographic quote (Word), which YAML reads as plain text.
_CURLY_VALUE_RE = re.compile(r"^( *(?:- )?)([A-Za-z_][A-Za-z0-9_]*): +([\u201c\u2018\u201e\u00ab\u201d])(.*?)\s*$")
_CURLY = "\u201c\u201d\u2018\u2019\u201e\u00ab\u00bb"
#: A quoted value whose own quote character comes again inside it.
_INNER_QUOTE_RE = re.compile(r"^\s*-?\s*(?:[A-Za-z_][A-Za-z0-9_]*:\s+)?(['\"])(?:[^'\"]*?)(\1)(?=[^\s,\]}#])")


@dataclass
class Source:
    """One content file: its data and the position of every key and value."""

    path: str
    data: Any = None
    values: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)
    keys: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)
    #: For literal block scalars (``|``): line and column of the first text line.
    blocks: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    #: The text as written of values YAML turned into numbers, booleans or null.
    raw: dict[KeyPath, str] = field(default_factory=dict)
    #: Whether any value is a float (JSON Schema calls 25.0 an integer; we do not).
    has_float: bool = False
    #: Hand-written pages only: the Markdown after the front matter (``data`` holds the front matter).
    body: str | None = None
    #: Plain (unquoted) values followed by `` #...`` on their line: the text YAML took as a comment.
    cut: dict[KeyPath, str] = field(default_factory=dict)
    #: Values written in YAML's folded style (``>`` or ``>-``) over several lines: their line breaks became spaces.
    folded: set[KeyPath] = field(default_factory=set)

    def where(self, keypath: KeyPath) -> tuple[int, int]:
        """Position of a value, or of its nearest ancestor that exists."""
        for end in range(len(keypath), -1, -1):
            pos = self.values.get(keypath[:end])
            if pos:
                return pos
        return (1, 1)

    def where_key(self, keypath: KeyPath) -> tuple[int, int]:
        """Position of a key itself (for unknown or duplicated keys)."""
        return self.keys.get(keypath) or self.where(keypath)

    def problem(self, keypath: KeyPath, message: str, severity: str = "error", *, at_key: bool = False) -> Problem:
        line, col = self.where_key(keypath) if at_key else self.where(keypath)
        return Problem(self.path, line, col, severity, format_keypath(keypath), message)  # type: ignore[arg-type]

    def add(self, keypath: KeyPath, message: str, severity: str = "error", *, at_key: bool = False) -> None:
        self.problems.append(self.problem(keypath, message, severity, at_key=at_key))

    @property
    def ok(self) -> bool:
        """True when the file could be read and parsed into data."""
        return self.data is not None


def format_keypath(keypath: KeyPath) -> str:
    """``('urusan', 'irisan', 1)`` → ``urusan.irisan[1]``; the empty path names the file."""
    out = ""
    for part in keypath:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + part
    return out or WHOLE_FILE


def content_name(root: Path, path: Path) -> str:
    """The name problems give ``path``, a file or folder inside the content folder ``root``: its path relative
    to ``root`` with ``/`` (``inovasi/x.yml``), whatever folder the command runs in (front ends show it as typed)."""
    return path.relative_to(root).as_posix()


def _decode(raw: bytes, source: Source) -> str | None:
    if raw.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        source.add((), "berkas tersimpan sebagai UTF-16/UTF-32; simpan ulang sebagai UTF-8 (tanpa BOM)")
        return None
    if raw.startswith(codecs.BOM_UTF8):
        source.add((), "berkas diawali penanda BOM; simpan ulang sebagai UTF-8 tanpa BOM", "warning")
        raw = raw[len(codecs.BOM_UTF8):]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before.rsplit(b"\n", 1)[-1].decode("utf-8", "replace")) + 1
        source.problems.append(
            Problem(source.path, line, col, "error", WHOLE_FILE,
                    "berkas bukan teks UTF-8 yang sah (mungkin tersimpan sebagai Windows-1252/ANSI); simpan ulang sebagai UTF-8")
        )
        return None


def _opened(path: str, raw: bytes, what: str) -> tuple[Source, str | None]:
    """A new source for ``path`` and its text, or None when it is too large or not UTF-8 (reported)."""
    source = Source(path)
    if len(raw) > MAX_FILE_BYTES:
        source.add((), f"{what} terlalu besar ({len(raw) // 1024} KiB); batasnya {MAX_FILE_BYTES // 1024} KiB")
        return source, None
    return source, _decode(raw, source)


def _yaml_message(exc: yaml.YAMLError, line_text: str = "") -> str:
    text = str(exc)
    if "\t" in line_text and "cannot start any token" in text:
        return "YAML tidak sah: karakter tab tidak boleh dipakai; gunakan spasi untuk indentasi"
    for needle, hint in _YAML_HINTS:
        if needle in text:
            return f"YAML tidak sah: {hint}"
    return f"YAML tidak sah: {_YAML_FALLBACK}"


def _odd_indentation(source: Source, lines: list[str]) -> bool:
    """Report indentation made of characters that only look like spaces; True if any was found."""
    from .rules.text import character_name  # the one way a message names an invisible character

    before = len(source.problems)
    for number, line in enumerate(lines, start=1):
        found = _ODD_SPACE_RE.match(line)
        if found:
            source.problems.append(Problem(source.path, number, found.start(1) + 1, "error", WHOLE_FILE,
                                           f"indentasi memakai karakter yang tampak seperti spasi tetapi bukan spasi "
                                           f"({character_name(found.group(1))}, biasanya terbawa dari Word atau PDF); "
                                           "hapus lalu ketik ulang spasinya"))
    return len(source.problems) > before


def _line(lines: list[str], number: int) -> str:
    return lines[number - 1] if 0 < number <= len(lines) else ""


def _indentation_cause(lines: list[str], line: int) -> tuple[int, int, str] | None:
    """A key deeper than the key above it (which already has a value), or the second key of a list item under its dash."""
    here, above = _line(lines, line), _line(lines, line - 1)
    deeper, parent = _INDENT_RE.match(here), _INDENT_RE.match(above)
    # Where the key above starts: after its indentation and, in a list item, after its '- '.
    parent_key = len(parent.group(1)) + len(parent.group(2) or "") if parent else 0
    if deeper and parent and len(deeper.group(1)) + len(deeper.group(2) or "") > parent_key:
        return line, len(deeper.group(1)) + 1, (f"baris ini menjorok lebih dalam ({len(deeper.group(1))} spasi) "
                                                f"dari baris di atasnya ({parent_key} spasi), "
                                                "padahal baris di atasnya sudah berisi nilai; "
                                                "kunci pada tingkat yang sama harus sejajar")
    second = _KEY_RE.match(here)
    if second and parent and parent.group(2) and len(second.group(1)) == len(parent.group(1)):
        return line, len(second.group(1)) + 1, (f"'{second.group(2)}' harus sejajar dengan '{parent.group(3)}' di baris "
                                                f"atasnya (menjorok {parent_key} spasi), bukan dengan tanda '-': kolom-kolom "
                                                "satu butir daftar ditulis lurus di bawah kolom pertamanya")
    return None


def _curly_quotes(text: str) -> tuple[int, str] | None:
    """A value opened with a typographic quote that holds ': ' (read as a new key): where, and the value with straight quotes."""
    found = _CURLY_VALUE_RE.match(text)
    inner = found.group(4).rstrip(_CURLY) if found else ""
    if not found or ": " not in inner:
        return None
    quoted = f'"{inner}"' if '"' not in inner else "'" + inner.replace("'", "''") + "'"
    example = f"{found.group(2)}: {quoted}" if len(quoted) <= 60 else f"{found.group(2)}: {quoted[:50]}...{quoted[-1]}"
    return found.start(3) + 1, (f"nilai ini diapit tanda kutip lengkung {found.group(3)} (dari Word) yang bagi YAML bukan "
                                "tanda kutip, sehingga ': ' di dalamnya dibaca sebagai kolom baru; ganti dengan tanda kutip "
                                f"lurus: {example}")


def _line_cause(text: str) -> tuple[int, str] | None:
    """A clearer column and message from one line: Word quotes, a quote closing its value early, a colon without a space."""
    curly = _curly_quotes(text)
    if curly:
        return curly
    quoted = _INNER_QUOTE_RE.match(text)
    if quoted:
        q = quoted.group(1)
        twice = "tulis '' (dua kali) untuk ' di dalamnya" if q == "'" else "tulis \\\" untuk \" di dalamnya"
        return quoted.start(2) + 1, (f"tanda kutip {q} di dalam nilai yang diapit {q}...{q} "
                                     f"menutup nilai terlalu awal; {twice}, "
                                     "atau apit nilai dengan tanda kutip jenis lain")
    odd = _ODD_AFTER_COLON_RE.match(text)
    if odd:
        from .rules.text import character_name  # the one way a message names an invisible character

        right = f"{odd.group(2)}: {text[odd.end(3):].strip()[:40]}"
        return odd.start(3) + 1, (f"setelah titik dua ada karakter yang tampak seperti spasi tetapi bukan spasi "
                                  f"({character_name(odd.group(3))}, biasanya terbawa dari Word atau PDF); hapus lalu ketik "
                                  f"ulang spasinya: '{right}'")
    missing = _NO_SPACE_RE.match(text)
    if missing:
        right = f"{missing.group(2)}: {text[missing.end(3):].strip()[:40]}"
        if missing.group(3) != ":":
            return missing.start(3) + 1, f"titik dua lebar (：) bukan titik dua YAML; tulis '{right}'"
        return missing.start(3) + 1, f"setelah titik dua harus ada spasi: tulis '{right}'"
    return None


#: A ``key: value`` line (or list item) whose value starts with a quote: the quote and where it is.
_QUOTED_VALUE_RE = re.compile(r"""^(\s*(?:-\s+)?[^\s#'"-][^:#]*:\s+)(["'])""")


def _unclosed_quote(lines: list[str], line: int) -> tuple[int, int, str] | None:
    """A value that opens a quote and does not close it on its own line, whose quoted text then ran on to the line of
    the error (``line``): YAML read everything up to the next quote of that kind as one value and only failed after
    it, far from the mistake. Word's closing quote (”) does not close a straight one."""
    for number, text in enumerate(lines[: line - 1], start=1):
        found = _QUOTED_VALUE_RE.match(text)
        if not found:
            continue
        quote, start = found.group(2), found.end()
        rest = text[start:].replace("\\\\", "").replace('\\"', "") if quote == '"' else text[start:].replace("''", "")
        if quote in rest:
            continue  # closed on its own line
        closing = next((n for n in range(number + 1, len(lines) + 1) if quote in _line(lines, n)), None)
        if closing != line:
            continue  # a value that goes on over lines and closes before the error: not this one
        curly = "”" if quote == '"' else "’"
        word = f" (di baris ini ada tanda kutip lengkung {curly} dari Word, yang tidak menutup tanda kutip lurus {quote})" \
            if curly in rest else ""
        return number, start, (f"tanda kutip {quote} dibuka di sini tetapi tidak ditutup di baris yang sama{word}; "
                               f"tutup dengan {quote} di akhir nilai, atau hapus tanda kutipnya")
    return None


#: A top-level key whose value is a block of text (``rancang_bangun: |``), or that has no value on its line.
_BLOCK_START_RE = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*):[ \t]*([|>][-+0-9]*)?[ \t]*(#.*)?$")
_TOP_KEY_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*:(\s|$)")


def _text_outside_its_block(lines: list[str], line: int) -> tuple[int, int, str] | None:
    """A line of a long text (rancang bangun, tujuan, manfaat, hasil) that lost its indentation, or a long text
    written without ``|``: YAML then fails somewhere after it (25 lines further on, or on a '*' that starts a line)
    with advice about quotes or keys (contributor walk). The line that left the text, or the key without ``|``."""
    from .rules.common import MARKDOWN_FIELDS

    start: tuple[int, str, bool] | None = None  # the text's key: line number, name, written with | or >
    for number in range(1, line + 1):
        text = _line(lines, number)
        if not text.strip():
            continue
        found = _BLOCK_START_RE.match(text)
        if found and found.group(1) in MARKDOWN_FIELDS:
            start = (number, found.group(1), bool(found.group(2)))
            continue
        if start is None or text[0] == " ":
            if start is not None and not start[2] and number == line:
                # Text under `rancang_bangun:` without '|': YAML read it as keys and values, and failed here.
                key_line, key, _ = start
                return key_line, len(key) + 2, (f"teks beberapa baris harus diawali tanda |: tulis '{key}: |' lalu "
                                                "teksnya di baris berikutnya, menjorok dua spasi")
            continue
        if _TOP_KEY_RE.match(text) or text.startswith(("---", "...", "%")):
            start = None  # the next field (or YAML's own markers, which their own messages explain)
            continue
        if text.startswith("#") and not _line(lines, _next_filled(lines, number)).startswith(" "):
            start = None  # a comment between two fields, where a comment may be
            continue
        key_line, key, _ = start
        what = "dibaca sebagai komentar YAML" if text.startswith("#") else "keluar dari teks itu"
        return number, 1, (f"baris ini bagian dari teks {key} (mulai baris {key_line}) tetapi tidak menjorok, sehingga "
                           f"{what}; tambahkan dua spasi di awal baris")
    return None


def _next_filled(lines: list[str], number: int) -> int:
    """The number of the first line after ``number`` that is not blank (past the end: one past the last line)."""
    number += 1
    while number <= len(lines) and not _line(lines, number).strip():
        number += 1
    return number


def _likely_cause(lines: list[str], line: int) -> tuple[int, int, str] | None:
    """A clearer place and message for a YAML error, from the line it was found on or the one before."""
    unclosed = _unclosed_quote(lines, line) or _text_outside_its_block(lines, line)
    if unclosed:
        return unclosed
    indentation = _indentation_cause(lines, line)
    if indentation:
        return indentation
    for number in (line, line - 1):
        cause = _line_cause(_line(lines, number))
        if cause:
            return number, *cause
    return None


class _Walker:
    """Turns a composed node tree into plain data, recording positions."""

    def __init__(self, source: Source, lines: list[str]) -> None:
        self.source = source
        self.lines = lines
        self.seen: set[int] = set()
        #: Alias problems in document order (see ``_place_aliases``).
        self.aliases: list[Problem] = []

    def pos(self, node: yaml.Node) -> tuple[int, int]:
        return node.start_mark.line + 1, node.start_mark.column + 1

    def walk(self, node: yaml.Node, keypath: KeyPath) -> Any:
        src = self.source
        if id(node) in self.seen:
            # An alias: the node is shared, so its mark is the anchor's; point at the key.
            src.values[keypath] = src.keys.get(keypath, self.pos(node))
            if len(self.aliases) < MAX_ALIAS_PROBLEMS:  # one bad idea, not thousands of lines
                src.add(keypath, "anchor dan alias YAML (&nama, *nama) tidak diizinkan; tulis nilainya langsung")
                self.aliases.append(src.problems[-1])
            return None
        src.values[keypath] = self.pos(node)
        self.seen.add(id(node))
        if len(keypath) > MAX_DEPTH:
            src.add(keypath, f"susunan terlalu dalam (lebih dari {MAX_DEPTH} tingkat)")
            return None
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, keypath)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _STD + "seq":
                return self.bad_tag(node, keypath)
            return [self.walk(item, keypath + (i,)) for i, item in enumerate(node.value)]
        assert isinstance(node, yaml.ScalarNode)
        return self.scalar(node, keypath)

    def bad_tag(self, node: yaml.Node, keypath: KeyPath) -> None:
        self.source.add(keypath, f"tag YAML '{node.tag}' tidak diizinkan; tulis nilai biasa tanpa tanda '!'")

    def scalar(self, node: yaml.ScalarNode, keypath: KeyPath) -> Any:
        if node.tag not in _SCALAR_TAGS:
            return self.bad_tag(node, keypath)
        if node.style == "|" and node.value:
            # The text starts on the line after the '|' indicator.
            line = node.start_mark.line + 1
            while line < len(self.lines) and not self.lines[line].strip():
                line += 1
            if line < len(self.lines):
                text_line = self.lines[line]
                self.source.blocks[keypath] = (line + 1, len(text_line) - len(text_line.lstrip(" ")) + 1)
        if node.style == ">" and node.end_mark.line > node.start_mark.line + 1:
            self.source.folded.add(keypath)
        if not node.style and node.value and node.end_mark.line < len(self.lines):  # plain: None, or "" from libyaml
            # In a plain value ' #' starts a comment: what follows on the line is not part of the value.
            rest = self.lines[node.end_mark.line][node.end_mark.column:]
            if rest[:1].isspace() and rest.lstrip().startswith("#"):
                self.source.cut[keypath] = rest.strip()
        if node.tag in (_STD + "str", _STD + "timestamp"):
            return node.value  # dates stay text; validation checks them
        self.source.raw[keypath] = node.value
        if node.tag == _STD + "float":
            self.source.has_float = True
        try:
            return _CONSTRUCTOR.construct_object(node)
        except (ValueError, OverflowError, yaml.YAMLError):
            return node.value

    def mapping(self, node: yaml.MappingNode, keypath: KeyPath) -> Any:
        src = self.source
        if node.tag != _STD + "map":
            return self.bad_tag(node, keypath)
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _STD + "merge":
                src.problems.append(Problem(src.path, *self.pos(key_node), "error", format_keypath(keypath),
                                            "kunci gabungan '<<' tidak diizinkan; tulis semua kunci langsung"))
                continue
            # A key written as a whole number (``16:``, ``1:``) is read as its text, like "16": the rules of the mapping
            # say what it should be (an indicator's key, an SPD row), instead of one vague line here.
            number = isinstance(key_node, yaml.ScalarNode) and key_node.tag == _STD + "int" and not key_node.style
            if not number and (not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _STD + "str"):
                shown = key_node.value if isinstance(key_node, yaml.ScalarNode) else "..."
                src.problems.append(Problem(src.path, *self.pos(key_node), "error", format_keypath(keypath),
                                            f"kunci '{shown}' harus berupa teks nama kolom"))
                continue
            key = key_node.value
            child = keypath + (key,)
            if key in out:
                first = src.keys[child][0]
                src.problems.append(Problem(src.path, *self.pos(key_node), "error", format_keypath(child),
                                            f"kunci '{key}' ditulis dua kali (pertama di baris {first}); hapus salah satunya"))
                continue
            src.keys[child] = self.pos(key_node)
            out[key] = self.walk(value_node, child)
        return out


#: What an empty file is told: an innovation's by default, a registry's own (:func:`load_content`).
_EMPTY_INNOVATION = "isi dengan kolom-kolom inovasi (lihat contoh di content/inovasi/)"
_EMPTY_REGISTRY = {
    "katalog.yml": "katalog.yml wajib berisi pengaturan katalog (daerah, penyelenggara, situs, target); lihat README",
    "perangkat-daerah.yml": "perangkat-daerah.yml wajib berisi daftar perangkat daerah (id, nama, jenis); lihat README",
    "urusan.yml": "urusan.yml wajib berisi daftar urusan pemerintahan (id, nama, kelompok); lihat README",
}


def parse_text(path: str, raw: bytes, *, empty_ok: bool = False, empty: str = _EMPTY_INNOVATION) -> Source:
    """Parse one file's bytes; never raises on bad content.

    ``empty_ok``: a text without data (front matter with only comments) is no problem; else ``empty`` says what
    an empty file should hold.
    """
    source, text = _opened(path, raw, "berkas")
    if text is None:
        return source
    if not text.strip():
        if not empty_ok:
            source.add((), f"berkas kosong; {empty}")
        return source
    lines = text.split("\n")
    if _odd_indentation(source, lines):
        return source
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        # For an unclosed quote the useful place is where it was opened.
        opened = exc.context and "quoted scalar" in exc.context
        mark = (exc.context_mark if opened else None) or exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        line_text = lines[line - 1] if 0 < line <= len(lines) else ""
        message = _yaml_message(exc, line_text)
        cause = _likely_cause(lines, line) if not opened else None
        if cause:
            line, col, hint = cause
            message = f"YAML tidak sah: {hint}"
        source.problems.append(Problem(path, line, col, "error", WHOLE_FILE, message))
        return source
    except (yaml.YAMLError, RecursionError) as exc:
        source.add((), _yaml_message(exc) if isinstance(exc, yaml.YAMLError) else "YAML tidak sah: susunan terlalu dalam")
        return source
    if node is None:
        if not empty_ok:
            source.add((), "berkas tidak berisi data (hanya komentar)")
        return source
    # Data is kept even after duplicate keys or refused tags, so that the rest
    # of the file is still checked in the same run.
    walker = _Walker(source, text.splitlines())
    source.data = walker.walk(node, ())
    if walker.aliases:
        _place_aliases(source, text, walker.aliases)
    if source.data is None and not any(p.severity == "error" for p in source.problems):
        source.add((), "berkas tidak berisi data (hanya '---', '~' atau 'null'); isi dengan kolom-kolom 'kunci: nilai'")
    return source


def _place_aliases(source: Source, text: str, problems: list[Problem]) -> None:
    """Move alias problems from the anchor's position to the alias itself.

    A composed alias is the anchored node, so it only knows the anchor's mark;
    the event stream, read only when an alias was found, has the alias's own.
    """
    marks = (e.start_mark for e in yaml.parse(text, Loader=_Loader) if isinstance(e, yaml.AliasEvent) and e.start_mark)
    # Not strict: problems stop at MAX_ALIAS_PROBLEMS while the file may hold more aliases (and the
    # lazy event stream is read no further than the last problem needs).
    moved = {id(p): Problem(p.path, m.line + 1, m.column + 1, p.severity, p.key, p.message)
             for p, m in zip(problems, marks, strict=False)}
    source.problems[:] = [moved.get(id(p), p) for p in source.problems]


class _Unreadable(Exception):
    """A content file that is not read at all: why, in Indonesian."""


#: What :func:`read_bounded` raises (its message says why, in Indonesian).
Unreadable = _Unreadable


def read_bounded(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes, or :class:`_Unreadable`.

    The size is checked before reading and again while reading, so a huge (or
    sparse, or growing) file costs no memory, and a named pipe or a device is
    never opened (reading one would wait forever).
    """
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise _Unreadable("bukan berkas biasa (misalnya pipa bernama atau perangkat); simpan isinya sebagai berkas teks "
                              "biasa")
        if info.st_size > limit:
            raise _Unreadable(f"berkas terlalu besar ({info.st_size // 1024} KiB); batasnya {limit // 1024} KiB")
        with path.open("rb") as f:
            # What stat promised and one byte more (a buffer of ``limit`` bytes per small file is slow);
            # more only when the file grew meanwhile, never past the limit.
            raw = f.read(info.st_size + 1)
            if len(raw) > info.st_size:
                raw += f.read(limit + 1 - len(raw))
    except OSError as exc:
        raise _Unreadable(f"berkas tidak dapat dibaca: {exc.strerror or exc}") from exc
    if len(raw) > limit:
        raise _Unreadable(f"berkas terlalu besar (lebih dari {limit // 1024} KiB); batasnya {limit // 1024} KiB")
    return raw


def _read(path: Path, parse: Callable[[str, bytes], Source], name: str | None) -> Source:
    """Read ``path`` within the limits and parse it; a file that cannot be read is one problem."""
    shown = path.as_posix() if name is None else name
    try:
        raw = read_bounded(path)
    except _Unreadable as exc:
        source = Source(shown)
        source.add((), str(exc))
        return source
    return parse(shown, raw)


def read_source(path: Path, name: str | None = None, parse: Callable[[str, bytes], Source] = parse_text) -> Source:
    """Read and parse one content file; its problems name it ``name`` (see :func:`content_name`; default: ``path``)."""
    return _read(path, parse, name)


#: Sources by (name, bytes) kept between loads of the same folder (``katalog serve``): see :func:`load_content`.
Parsed = dict[tuple[str, bytes], Source]


def _parse_reusing(parsed: Parsed, name: str, raw: bytes) -> Source:
    """:func:`parse_text`, or the source parsed before from the same bytes under the same name (sources are
    never changed after parsing: rules only read them)."""
    found = parsed.get((name, raw))
    if found is None:
        found = parsed[(name, raw)] = parse_text(name, raw)
    return found


@dataclass
class Content:
    """Every source file of one catalog, read and parsed but not yet validated."""

    root: Path
    katalog: Source
    units: Source
    affairs: Source
    innovations: list[Source]
    #: Hand-written pages (content/halaman/*.md) as sources: front matter as ``data``, Markdown as ``body``.
    page_sources: list[Source] = field(default_factory=list)
    #: Images of content/halaman/ that passed their checks, by file name.
    page_images: dict[str, Path] = field(default_factory=dict)
    #: content/iid/*.yml: IID editions (``<edisi>.yml``) and region files (``daerah-<edisi>.yml``), and refused entries.
    iid: list[Source] = field(default_factory=list)
    #: content/verifikasi/<slug>.yml: Bapperida's verification records (generator/verification.py), and refused entries.
    verifications: list[Source] = field(default_factory=list)
    #: Size and SHA-256 of files the check has just hashed, by path relative to ``root`` (``cache.tree_digest``; empty
    #: when there was no check cache). The evidence fingerprints use them instead of reading the files again.
    hashes: Mapping[str, tuple[int, str]] = field(default_factory=dict)

    @property
    def sources(self) -> list[Source]:
        return [self.katalog, self.units, self.affairs, *self.innovations, *self.page_sources, *self.iid, *self.verifications]


def _read_inside(root: Path, path: Path, parse: Callable[[str, bytes], Source] = parse_text) -> Source:
    """Read a content file, refusing symbolic links: content never reads outside its folder."""
    if path.is_symlink():
        source = Source(content_name(root, path))
        source.add((), "tautan simbolik (symlink) tidak diizinkan di folder konten; salin berkasnya ke sini")
        return source
    return read_source(path, content_name(root, path), parse)


#: What the content folder itself may hold; anything else is never published.
CONTENT_ENTRIES = frozenset({"katalog.yml", "perangkat-daerah.yml", "urusan.yml", "inovasi", "halaman", "media", "iid",
                             "verifikasi"})
#: Entries of content/iid/ read at most (a region keeps one or two files per edition).
MAX_IID_ENTRIES = 50


def _unknown_entries(root: Path) -> list[Source]:
    """Files and folders in content/ that the catalog never reads (an innovation left there is never published)."""
    from .location import placement

    out = []
    for path in sorted(root.iterdir()):
        if path.name in CONTENT_ENTRIES or path.name.startswith("."):
            continue
        source = Source(content_name(root, path))
        if path.name.lower() == EVIDENCE_FOLDER:  # the evidence folder, put two levels too high
            source.add((), f"{path.name} tidak dibaca di sini: berkas bukti IID diletakkan di folder inovasinya, "
                           f"{root.name}/media/<slug>/{EVIDENCE_FOLDER}/ (<slug> = nama berkas inovasi tanpa .yml); "
                           "pindahkan berkasnya ke sana")
        else:
            source.add((), placement(str(path), root).message)
        out.append(source)
    return out


#: How deep content/media/ is looked into for innovation files put there by mistake: media/, media/<slug>/ and
#: media/<slug>/bukti/ (where uploads go).
STRAY_YAML_DEPTH = 3


def _stray_yaml(root: Path) -> list[Source]:
    """Innovation files (``.yml``, ``.yaml``) that the catalog never reads although a contributor put them in content/:
    under media/ (uploaded with the pictures) and hidden in inovasi/ (``.slug.yml``). Each is reported, so that an
    innovation does not vanish from the site without a word."""
    from .location import placement

    found: list[Path] = []
    inovasi = root / "inovasi"
    if inovasi.is_dir() and not inovasi.is_symlink():
        found += [p for p in inovasi.iterdir() if p.name.startswith(".") and p.suffix.lower() in (".yml", ".yaml")]

    def look(folder: Path, depth: int) -> None:
        try:
            with os.scandir(folder) as entries:
                listed = sorted(entries, key=lambda e: e.name)
        except OSError:
            return
        for entry in listed:
            if entry.is_symlink():
                continue  # a link is never followed (the media rules report links they meet)
            if entry.is_dir() and depth < STRAY_YAML_DEPTH:
                look(Path(entry.path), depth + 1)
            elif Path(entry.name).suffix.lower() in (".yml", ".yaml") and entry.is_file():
                found.append(Path(entry.path))

    media = root / "media"
    if media.is_dir() and not media.is_symlink():
        look(media, 1)
    out = []
    for path in sorted(found):
        source = Source(content_name(root, path))
        source.add((), placement(str(path), root).message)
        out.append(source)
    return out


def _not_a_file(root: Path, path: Path) -> Source:
    """A folder, pipe or device inside content/inovasi/: nothing in it would ever be published."""
    source = Source(content_name(root, path))
    where = f"{path.parent.parent.name}/{path.parent.name}/"
    if path.is_dir():
        source.add((), f"hanya berkas .yml yang diizinkan langsung di {where}; berkas di dalam subfolder tidak diterbitkan: "
                       f"pindahkan setiap berkas inovasi ke {where}<slug>.yml dan hapus foldernya")
    else:
        source.add((), "bukan berkas biasa (misalnya pipa bernama atau perangkat); simpan inovasi sebagai berkas teks "
                       f"{where}<slug>.yml")
    return source


class ContentDirError(Exception):
    """The content folder is missing or unreadable (exit code 2)."""


def innovation_files(root: Path) -> list[Path]:
    """Every file in content/inovasi/ (YAML or not: a stray file is reported, not ignored)."""
    folder = root / "inovasi"
    if not folder.is_dir() or folder.is_symlink():
        return []
    return sorted(p for p in folder.iterdir() if not p.name.startswith("."))


def _read_innovation(root: Path, parse: Callable[[str, bytes], Source], path: Path) -> Source:
    """One entry of content/inovasi/ (load_content reads half of them in a second process: generator/parallel.py)."""
    return _read_inside(root, path, parse) if path.is_file() or path.is_symlink() else _not_a_file(root, path)


def load_content(root: Path, parsed: Parsed | None = None) -> Content:
    """Read every file of a catalog folder.

    ``parsed`` (``katalog serve`` keeps it between rebuilds): innovation files whose bytes are unchanged
    are not parsed again, and newly parsed ones are added to it.
    """
    if not root.is_dir():
        raise ContentDirError(f"folder konten '{root}' tidak ditemukan")
    try:
        files = innovation_files(root)
    except OSError as exc:
        raise ContentDirError(f"folder konten '{root}' tidak dapat dibaca: {exc.strerror or exc}") from exc

    def registry(name: str) -> Source:
        path = root / name
        if not path.exists():
            source = Source(content_name(root, path))
            source.add((), f"berkas {name} wajib ada di folder konten")
            return source
        return _read_inside(root, path, functools.partial(parse_text, empty=_EMPTY_REGISTRY[name]))

    halaman = root / "halaman"
    page_sources, page_images = _read_pages(root, halaman) if halaman.is_dir() and not halaman.is_symlink() else ([], {})
    folders = []
    folders.extend(_unknown_entries(root))
    folders.extend(_stray_yaml(root))
    for name in ("inovasi", "halaman", "media", "iid", "verifikasi"):
        folder = root / name
        if folder.is_symlink():
            source = Source(content_name(root, folder))
            source.add((), f"folder {name}/ adalah tautan simbolik (symlink); konten tidak boleh dibaca dari luar folder konten")
            folders.append(source)
    parse = parse_text if parsed is None else functools.partial(_parse_reusing, parsed)
    return Content(
        root=root,
        katalog=registry("katalog.yml"),
        units=registry("perangkat-daerah.yml"),
        affairs=registry("urusan.yml"),
        innovations=[*folders, *map_forked(functools.partial(_read_innovation, root, parse), files)],
        page_sources=page_sources,
        page_images=page_images,
        iid=_read_iid(root, root / "iid"),
        verifications=_read_verifications(root, root / "verifikasi"),
    )


def _read_verifications(root: Path, folder: Path) -> list[Source]:
    """content/verifikasi/: every file in it, read like an innovation (names are judged by rules/verification.py)."""
    if not folder.is_dir() or folder.is_symlink():
        return []  # a symlinked folder is reported with the other folders
    out = []
    for path in sorted(p for p in folder.iterdir() if not p.name.startswith(".")):
        if path.is_file() or path.is_symlink():
            out.append(_read_inside(root, path))
            continue
        source = Source(content_name(root, path))
        source.add((), "folder verifikasi/ hanya boleh berisi berkas <slug>.yml yang ditulis oleh katalog verifikasi; "
                       "pindahkan atau hapus entri ini")
        out.append(source)
    return out


def _read_iid(root: Path, folder: Path) -> list[Source]:
    """content/iid/: the ``.yml`` files in it (names are judged by rules/edition.py); anything else is refused."""
    if not folder.is_dir() or folder.is_symlink():
        return []  # a symlinked folder is reported with the other folders
    entries = sorted(p for p in folder.iterdir() if not p.name.startswith("."))
    out = []
    for path in entries[:MAX_IID_ENTRIES]:
        if path.is_file() and not path.is_symlink() and path.suffix == ".yml":
            out.append(_read_inside(root, path))
            continue
        source = Source(content_name(root, path))
        source.add((), "folder iid/ hanya boleh berisi berkas .yml: <tahun>.yml (definisi edisi) dan daerah-<tahun>.yml "
                       "(nilai SPD daerah); " + ("tautan simbolik (symlink) tidak diizinkan" if path.is_symlink()
                                                 else "pindahkan atau hapus entri ini"))
        out.append(source)
    if len(entries) > MAX_IID_ENTRIES:
        source = Source(content_name(root, folder))
        source.add((), f"folder iid/ berisi {len(entries)} entri; hanya {MAX_IID_ENTRIES} yang pertama dibaca: hapus edisi lama "
                       "yang tidak dipakai")
        out.append(source)
    return out


#: Uploaded files (images, IID evidence) by what their first bytes say they are.
FILE_KINDS: dict[str, tuple[bytes, ...]] = {
    "PDF": (b"%PDF-",),
    "PNG": (b"\x89PNG\r\n\x1a\n",),
    "JPEG": (b"\xff\xd8\xff",),
    "WEBP": (b"RIFF",),  # and b"WEBP" at bytes 8-12
    "GIF": (b"GIF87a", b"GIF89a"),
}
#: Images content/halaman/ may hold besides Markdown pages, with the bytes each kind starts with.
PAGE_IMAGES = {
    ".png": FILE_KINDS["PNG"],
    ".jpg": FILE_KINDS["JPEG"],
    ".jpeg": FILE_KINDS["JPEG"],
    ".webp": FILE_KINDS["WEBP"],
    ".gif": FILE_KINDS["GIF"],
}
PAGE_ASSETS = tuple(PAGE_IMAGES)
#: Largest image of a hand-written page.
MAX_PAGE_IMAGE_BYTES = 2 * 1024 * 1024
#: Page and image names: the innovation slug alphabet (they become URLs and edit links).
PAGE_NAME_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
#: Names a page may not take: the generator's own pages and what MkDocs, the theme and
#: the search index write at the top of the site.
RESERVED_PAGE_NAMES = frozenset({
    "index", "inovasi", "perangkat-daerah", "urusan", "katalog", "statistik", "data", "media", "feed",
    "404", "assets", "search", "pagefind", "sitemap", "robots", "halaman", "readme", "iid",
})


def _page_name_problem(name: str) -> str | None:
    """Why ``name`` (a file in content/halaman/) cannot be published, or None."""
    shown = visible(name)
    if name != name.strip() or shown != name or not name.isascii():
        return (f"nama berkas '{shown}' mengandung spasi, karakter tak terlihat atau huruf non-ASCII; "
                "gunakan huruf kecil, angka dan tanda hubung, misalnya tentang-kami.md")
    stem, dot, suffix = name.rpartition(".")
    suffix = dot + suffix.lower()
    if suffix != ".md" and suffix not in PAGE_IMAGES:
        # An innovation saved among the pages (contributor walk) is told where it belongs.
        moved = f"; berkas inovasi dipindahkan ke inovasi/{stem}.yml" if suffix in (".yml", ".yaml") else ""
        return f"berkas '{name}' tidak diizinkan di halaman/: hanya halaman .md dan gambar {', '.join(PAGE_IMAGES)}{moved}"
    if not PAGE_NAME_RE.fullmatch(stem) or not 3 <= len(stem) <= 80 or suffix != dot + name.rpartition(".")[2]:
        return (f"nama berkas '{name}' tidak sah; gunakan 3–80 huruf kecil, angka dan tanda hubung tunggal "
                f"dengan akhiran huruf kecil, misalnya {'tentang-kami.md' if suffix == '.md' else 'foto-kantor' + suffix}")
    if suffix == ".md" and stem in RESERVED_PAGE_NAMES:
        return f"nama halaman '{stem}' sudah dipakai situs (alamat /{stem}/ atau berkas buatan generator); pilih nama lain"
    return None


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """``(front matter or None, body, line of the body's first line)``.

    Front matter is a YAML block between a first line ``---`` and the next line
    ``---`` or ``...``; an unclosed block gives ``("", text, 1)`` and is reported.
    """
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip("\r\n") != "---":
        return None, text, 1
    for i, line in enumerate(lines[1:], start=1):
        if line.rstrip("\r\n").rstrip() in ("---", "..."):
            return "".join(lines[1:i]), "".join(lines[i + 1:]), i + 2
    return "", text, 1


def _parse_front_matter(source: Source, front: str) -> None:
    """Parse a page's front matter into ``source.data`` with positions as lines of the page."""
    parsed = parse_text(source.path, ("\n" + front).encode("utf-8"), empty_ok=True)
    source.problems.extend(parsed.problems)
    source.values, source.keys, source.raw = parsed.values, parsed.keys, parsed.raw
    source.has_float = parsed.has_float
    if parsed.data is None or isinstance(parsed.data, dict):
        source.data = parsed.data or {}
    else:
        source.data = {}
        source.add((), "front matter halaman (di antara dua baris '---') harus berupa kumpulan kolom 'kunci: nilai', misalnya "
                       "title: Tentang Katalog")


def read_page(path: Path, name: str | None = None) -> Source:
    """Read one hand-written page (see :func:`parse_page`); its problems name it ``name`` (default: ``path``)."""
    return _read(path, parse_page, name)


def parse_page(path: str, raw: bytes) -> Source:
    """One hand-written page's bytes: front matter as ``data``, the Markdown as ``body``; never raises."""
    source, text = _opened(path, raw, "halaman")
    if text is None:
        return source
    front, body, body_line = split_front_matter(text)
    if front == "" and body is text:
        source.add((), "front matter dibuka dengan '---' di baris 1 tetapi tidak ditutup; tambahkan baris '---' setelah kolom "
                       "terakhir")
        return source
    source.data = {}
    if front is not None and front.strip():
        _parse_front_matter(source, front)
    source.body = body
    source.values.setdefault((), (1, 1))
    source.blocks[()] = (body_line, 1)  # offsets in the body map to lines and columns of the file
    return source


#: First bytes of programs, scripts and archives: refused by content whatever the file is called.
PROGRAMS = (
    (b"\x7fELF", "program Linux (ELF)"),
    (b"MZ", "program Windows (EXE/DLL)"),
    (b"#!", "skrip yang dapat dijalankan (#!)"),
    (b"PK\x03\x04", "arsip ZIP"),
    (b"PK\x05\x06", "arsip ZIP"),
    (b"\xcf\xfa\xed\xfe", "program macOS (Mach-O)"),
    (b"\xca\xfe\xba\xbe", "program macOS atau Java"),
)
#: Largest IID evidence file (content/media/<slug>/bukti/), and all evidence files of one innovation together.
MAX_EVIDENCE_BYTES = 5 * 1024 * 1024
MAX_EVIDENCE_TOTAL_BYTES = 20 * 1024 * 1024
#: What the evidence of one innovation may come to once exported (``katalog laporan`` gives every indicator its own
#: copy of each file it names): bounds the export, else one 5 MiB file named by every item of 20 indicators came to 2 GiB.
MAX_EVIDENCE_EXPORT_BYTES = 50 * 1024 * 1024
#: Longest evidence file name (the schema's maxLength of ``bukti[].berkas``).
MAX_EVIDENCE_NAME = 100
#: The folder of an innovation's evidence files, inside its media folder.
EVIDENCE_FOLDER = "bukti"


def evidence_folder(root: Path, slug: str) -> Path:
    """``<content>/media/<slug>/bukti``: where the evidence files of innovation ``slug`` live."""
    return root / "media" / slug / EVIDENCE_FOLDER

#: Evidence file name endings and the kind their content must be.
EVIDENCE_KINDS = {".pdf": "PDF", ".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG"}


@dataclass(frozen=True)
class Upload:
    """What can be known of an uploaded file without reading it: whether it is a regular file, its size, its first bytes."""

    size: int = 0
    head: bytes = b""
    regular: bool = True
    #: Why it could not be read (the system's words), if it could not.
    error: str | None = None

    @property
    def kind(self) -> str | None:
        """The file kind its first bytes show (a key of FILE_KINDS), or None."""
        for kind, starts in FILE_KINDS.items():
            if self.head.startswith(starts) and (kind != "WEBP" or self.head[8:12] == b"WEBP"):
                return kind
        return None

    @property
    def program(self) -> str | None:
        """What program, script or archive its first bytes show, or None."""
        return next((name for magic, name in PROGRAMS if self.head.startswith(magic)), None)


def inspect_upload(path: Path, limit: int) -> Upload:
    """Size and first bytes of an uploaded file, bounded: a link is never followed, a pipe never opened,
    the size is known before any byte is read, and at most 16 bytes of a file within ``limit`` are read."""
    try:
        if not stat.S_ISREG(path.lstat().st_mode):
            return Upload(regular=False)
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                return Upload(regular=False)
            if info.st_size > limit:
                return Upload(size=info.st_size)
            return Upload(info.st_size, os.read(fd, 16))
        finally:
            os.close(fd)
    except OSError as exc:
        return Upload(error=str(exc.strerror or exc))


def program_problem(upload: Upload, suffix: str) -> str | None:
    """The message for a program, script or archive renamed to look like a document or an image, or None."""
    if upload.program is None:
        return None
    return (f"isi berkas ini {upload.program}, padahal namanya berakhiran {suffix}; program, skrip dan arsip tidak boleh "
            "diunggah: hapus berkas ini")


def image_problem(path: Path) -> str | None:
    """Why an image (of a page or an innovation) cannot be published, or None: size, kind of file, content."""
    upload = inspect_upload(path, MAX_PAGE_IMAGE_BYTES)
    if upload.error is not None:
        return f"gambar tidak dapat dibaca: {upload.error}"
    if not upload.regular:
        return "bukan berkas gambar biasa (misalnya pipa bernama atau perangkat)"
    if upload.size > MAX_PAGE_IMAGE_BYTES:
        return f"gambar terlalu besar ({upload.size // 1024} KiB); batasnya {MAX_PAGE_IMAGE_BYTES // 1024} KiB"
    suffix = path.suffix.lower()
    if suffix not in PAGE_IMAGES:
        return f"jenis gambar '{suffix}' tidak diizinkan; gunakan {', '.join(PAGE_IMAGES)}"
    if upload.program:
        return program_problem(upload, suffix)
    if not upload.head.startswith(PAGE_IMAGES[suffix]) or (suffix == ".webp" and upload.head[8:12] != b"WEBP"):
        return (f"isi berkas bukan gambar {suffix[1:].upper()} (isinya tidak cocok dengan akhiran nama); "
                "simpan ulang sebagai gambar yang benar")
    return None


def _read_pages(root: Path, folder: Path) -> tuple[list[Source], dict[str, Path]]:
    """content/halaman/: Markdown pages and images only, no folders, no symlinks.

    Returns the pages (and every refused entry) as sources, and the images that
    may be published, by name. Nothing here is ever handed to MkDocs as it is:
    pages are rendered by the generator (see ``pages.hand_page``).
    """
    sources = []
    images: dict[str, Path] = {}
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") and not path.is_symlink():
            continue  # editor and Git files (.gitkeep); never published
        source = Source(content_name(root, path))
        problem = None
        if path.is_symlink():
            problem = "tautan simbolik (symlink) tidak diizinkan di folder halaman/; salin berkasnya ke sini"
        elif path.is_dir():
            problem = "folder halaman/ tidak boleh berisi subfolder; letakkan halaman langsung di halaman/"
        elif not path.is_file():
            problem = "hanya berkas biasa yang diizinkan di folder halaman/"
        else:
            problem = _page_name_problem(path.name)
        if problem is None and path.suffix in PAGE_IMAGES:
            problem = image_problem(path)
            if problem is None:
                images[path.name] = path
                continue
        if problem is None:
            sources.append(read_page(path, content_name(root, path)))
            continue
        source.add((), problem)
        sources.append(source)
    return sources, images
