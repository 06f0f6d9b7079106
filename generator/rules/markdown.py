"""Rules for Markdown: the fields ``rancang_bangun``, ``tujuan``, ``manfaat``, ``hasil`` and hand-written pages.

Markdown is checked with the parser that renders it (markdown-it, CommonMark,
generator/text.py), not with patterns: what is code, a link or HTML here is
exactly what it is on the page. The checking parser keeps HTML and every link
as tokens (the rendering parser escapes the one and drops unsafe others), so
the contributor hears about both, at their line and column.
"""

from __future__ import annotations

import re
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.common.utils import unescapeAll
from markdown_it.token import Token

from ..content import KeyPath, Source, format_keypath
from ..problems import Problem
from .common import offset_position

_SAFE_LINK_RE = re.compile(r"^(https?://\S+|mailto:[^\s@]+@\S+)$", re.IGNORECASE)
#: Characters without which a text holds no HTML, link or image: most fields are never parsed.
_MARKUP_CHARS = ("<", "[", "](")
#: Where link destinations are written: [text](url), [ref]: url, <scheme:...>. Used only to locate a
#: link the parser found (the parser decides what is a link).
_DESTINATION_RES = (
    re.compile(r"\]\(\s*<?((?:[^()\s>]|\([^()\s]*\))*)"),
    re.compile(r"^[ ]{0,3}\[[^\]]+\]:\s*<?([^\s>]+)", re.MULTILINE),
    re.compile(r"<([A-Za-z][A-Za-z0-9+.-]*:[^>\s]*)>"),
)
_TAG_START_RE = re.compile(r"<(?:/?[A-Za-z][A-Za-z0-9-]*|!--|\?|!\[CDATA\[|![A-Za-z])")
HTML_HINT = "gunakan Markdown: **tebal**, *miring*, - daftar, [teks](https://...)"


@cache
def _checker() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True}).enable("table")
    md.validateLink = lambda url: True  # type: ignore[method-assign]  # keep javascript:, data:, relative links as links: they are reported
    return md


def _normalised(written: str) -> str:
    """A destination as written, the way the parser stores it (entities and escapes resolved, URL-encoded)."""
    return str(_checker().normalizeLink(unescapeAll(written)))


def _line_starts(text: str) -> list[int]:
    starts = [0]
    for i, char in enumerate(text):
        if char == "\n":
            starts.append(i + 1)
    return starts


class _Locator:
    """Finds where a token's text stands in the source, moving forward through one block."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = _line_starts(text)
        self.cursor = 0
        self._destinations: list[tuple[int, str]] | None = None

    def block(self, token: Token) -> None:
        if token.map:
            self.cursor = self.starts[min(token.map[0], len(self.starts) - 1)]

    def link(self, url: str) -> tuple[int, str]:
        """Where the destination of a link or image whose (normalised) URL is ``url`` is written, and how."""
        if self._destinations is None:
            self._destinations = sorted((m.start(1), m.group(1)) for r in _DESTINATION_RES for m in r.finditer(self.text))
        written = [(at, raw) for at, raw in self._destinations if _normalised(raw) == url]
        after = [(at, raw) for at, raw in written if at >= self.cursor]
        if after or written:
            at, raw = (after or written)[0]
            self.cursor = at + len(raw)
            return at, raw
        return self.cursor, _checker().normalizeLinkText(url)

    def find(self, needle: str) -> int:
        at = self.text.find(needle, self.cursor) if needle else -1
        if at < 0:
            at = self.text.find(needle) if needle else -1
        if at < 0:
            return self.cursor
        self.cursor = at + len(needle)
        return at


def markdown_problems(source: Source, keypath: KeyPath, text: str, *, images: frozenset[str] | None = None) -> list[Problem]:
    """HTML, links other than http(s)/mailto, and images in one Markdown text.

    ``images``: for a hand-written page, the images of content/halaman/ it may show
    (written as their bare file name); a Markdown field (None) shows no image at all.
    """
    if not any(mark in text for mark in _MARKUP_CHARS):
        return []
    key = format_keypath(keypath)
    where = _Locator(text)
    out: list[Problem] = []

    def add(offset: int, severity: str, message: str) -> None:
        line, col = offset_position(source, keypath, text, offset)
        out.append(Problem(source.path, line, col, severity, key, message))  # type: ignore[arg-type]

    for token in _checker().parse(text):
        where.block(token)
        if token.type == "html_block":  # every tag of the block, each where it is written
            for tag in _TAG_START_RE.finditer(token.content):
                offset = where.find(tag.group())
                snippet = text[offset: offset + 30].split("\n")[0]
                add(offset, "error", f"HTML tidak diizinkan ('{snippet}'); {HTML_HINT}")
            continue
        for child in token.children or ():
            if child.type == "html_inline":
                offset = where.find(child.content)
                snippet = text[offset: offset + 30].split("\n")[0]
                add(offset, "error", f"HTML tidak diizinkan ('{snippet}'); {HTML_HINT}")
            elif child.type in ("link_open", "image"):
                url = str(child.attrs.get("href" if child.type == "link_open" else "src") or "")
                if child.type == "link_open" and _SAFE_LINK_RE.match(url):
                    continue
                if child.type == "image" and images is not None and url in images:
                    continue  # a page showing its own image
                offset, written = where.link(url)
                if child.type == "image":
                    opening = text.rfind("![", 0, offset)
                    at = opening if opening >= 0 else offset
                    if images is not None:
                        add(at, "error", f"gambar '{written[:60]}' tidak ada di folder halaman/; simpan gambarnya di halaman/ "
                                         "lalu tulis ![keterangan](nama-gambar.png) (gambar dari situs lain tidak diizinkan)")
                        continue
                    add(at, "warning", "gambar di dalam teks tidak ditampilkan; masukkan gambar lewat kolom media")
                if not _SAFE_LINK_RE.match(url):
                    add(offset, "error", f"tautan '{written[:60]}' tidak diizinkan; tautan harus diawali https://, http:// atau "
                                         "mailto:")
    return out
