"""Shared helpers for the ``test_site_*`` modules (this file holds no tests).

Builds real catalogs in module-scoped folders and reads the generated HTML the
way a browser would: entities decoded, text as shown, elements as parsed.
Only the standard library's ``html.parser`` is used.
"""

from __future__ import annotations

import hashlib
import html as html_lib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from conftest import AFFAIRS, BIN, KATALOG, ROOT, UNITS, VALID, Catalog, new_catalog  # noqa: F401 (re-exported)

SITE_NAME = "Katalog Inovasi Kota Contoh"
REPO = "https://github.com/contoh/katalog-inovasi"

#: A tiny valid PNG (1x1), so media files are real images.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)

#: Elements whose content a browser reads as text only.
RCDATA = {"title", "textarea"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def innovation_text(**changes: object) -> str:
    """VALID with top-level keys replaced or added; values are written as JSON (valid YAML)."""
    lines = VALID.splitlines(keepends=True)
    kept: list[str] = []
    skipping = False
    for line in lines:
        key = line.split(":", 1)[0] if line[:1].isalpha() else None
        if key is not None:
            skipping = key in changes
        if not skipping:
            kept.append(line)
    text = "".join(kept)
    for key, value in changes.items():
        if value is not None:
            text += f"{key}: {json.dumps(value, ensure_ascii=False)}\n"
    return text


def mkdocs(cat: Catalog, *args: str):
    """Run the real ``mkdocs`` command in the project folder."""
    return cat.run_cmd(str(BIN / "mkdocs"), *args)


def require_ok(result, what: str) -> None:
    assert result.returncode == 0, f"{what} gagal (exit {result.returncode}):\n{result.stdout}\n{result.stderr}"


def tree_digest(root: Path) -> dict[str, str]:
    """Every file under ``root`` (relative path → sha256), for before/after comparisons."""
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


# ---------------------------------------------------------------------------
# HTML as a browser sees it


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    parent: Node | None = None
    children: list[Node | str] = field(default_factory=list)

    def iter(self) -> Iterator[Node]:
        """This element and every element below it, in document order."""
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter()

    def find_all(self, tag: str | None = None, **attrs: str) -> list[Node]:
        """Elements by tag name and exact attribute values (``class_`` for ``class``)."""
        wanted = {k.rstrip("_").replace("_", "-"): v for k, v in attrs.items()}
        return [
            n for n in self.iter()
            if (tag is None or n.tag == tag) and all(n.attrs.get(k) == v for k, v in wanted.items())
        ]

    def find(self, tag: str | None = None, **attrs: str) -> Node | None:
        found = self.find_all(tag, **attrs)
        return found[0] if found else None

    def has_class(self, name: str) -> bool:
        return name in self.attrs.get("class", "").split()

    def by_class(self, name: str) -> list[Node]:
        return [n for n in self.iter() if n.has_class(name)]

    @property
    def raw_text(self) -> str:
        parts: list[str] = []
        for child in self.children:
            parts.append(child if isinstance(child, str) else child.raw_text)
        return "".join(parts)

    @property
    def text(self) -> str:
        """The element's text with whitespace collapsed, as a reader sees it."""
        return re.sub(r"\s+", " ", self.raw_text).strip()

    def tag_sequence(self) -> list[str]:
        """The names of all elements below, in order: the page's structure without its text."""
        return [n.tag for n in self.iter()][1:]


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.current = self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: (v if v is not None else "") for k, v in attrs}, self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node
        if tag in RCDATA:
            self.set_cdata_mode(tag)  # like a browser: no tags inside, only text (entities decoded below)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.current.children.append(Node(tag, {k: (v if v is not None else "") for k, v in attrs}, self.current))

    def handle_endtag(self, tag: str) -> None:
        node: Node | None = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data: str) -> None:
        if self.current.tag in RCDATA:
            data = html_lib.unescape(data)
        self.current.children.append(data)


@dataclass
class Html:
    """One generated HTML file, parsed."""

    path: Path
    source: str
    doc: Node

    @classmethod
    def read(cls, path: Path) -> Html:
        source = path.read_text(encoding="utf-8")
        builder = _TreeBuilder()
        builder.feed(source)
        builder.close()
        return cls(path, source, builder.root)

    @property
    def article(self) -> Node:
        """The page's own content (Material's ``<article>``), without header, nav and footer."""
        node = self.doc.find("article")
        assert node is not None, f"{self.path}: tidak ada <article>"
        return node

    @property
    def title(self) -> str:
        """The ``<title>`` as a browser shows it (tags inside are text, entities decoded)."""
        node = self.doc.find("title")
        assert node is not None, f"{self.path}: tidak ada <title>"
        return node.text

    def meta(self, name: str) -> list[str]:
        return [m.attrs.get("content", "") for m in self.doc.find_all("meta") if m.attrs.get("name") == name]

    def edit_links(self) -> list[str]:
        return [a.attrs.get("href", "") for a in self.doc.find_all("a") if a.attrs.get("rel") == "edit"]

    def scripts(self) -> list[tuple[str, str]]:
        """Every ``<script>`` element as (src, body)."""
        return [(s.attrs.get("src", ""), s.raw_text) for s in self.doc.find_all("script")]

    def event_handler_attributes(self) -> list[tuple[str, str]]:
        return [(n.tag, k) for n in self.doc.iter() for k in n.attrs if k.lower().startswith("on")]


def read_page(site: Path, url: str) -> Html:
    """The HTML behind a site URL such as ``/inovasi/x/``."""
    rel = url.strip("/")
    path = site / rel / "index.html" if rel else site / "index.html"
    assert path.is_file(), f"halaman {url} tidak ada ({path})"
    return Html.read(path)


_SCHEME_RE = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")


def href_scheme(href: str) -> str | None:
    """The scheme a browser would use for ``href`` (tabs/newlines removed, leading controls stripped)."""
    cleaned = re.sub(r"[\t\n\r]", "", href).lstrip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f"
                                                    "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f ")
    found = _SCHEME_RE.match(cleaned)
    return found.group(1).lower() if found else None


#: The marker file of :func:`make_old_site`: no build writes it.
OLD_SITE_MARKER = "PENANDA-SITUS-LAMA.txt"


def make_old_site(root: Path) -> Path:
    """A previously published ``root/site`` holding files no build writes."""
    site = root / "site"
    (site / "inovasi" / "lama").mkdir(parents=True)
    (site / "index.html").write_text("<!doctype html><title>situs lama</title>\n", encoding="utf-8")
    (site / "inovasi" / "lama" / "index.html").write_text("<p>inovasi lama</p>\n", encoding="utf-8")
    (site / OLD_SITE_MARKER).write_text("situs yang sedang tayang\n", encoding="utf-8")
    # What every catalog site holds, so a build knows the folder is one it may replace.
    (site / "feed.xml").write_text("<feed/>\n", encoding="utf-8")
    (site / "data").mkdir()
    (site / "data" / "inovasi.json").write_text("[]\n", encoding="utf-8")
    return site
