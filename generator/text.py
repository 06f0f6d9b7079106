"""Text from content, made safe for the pages it lands in.

Two kinds of fields (contract §2): plain text is shown as text, never
interpreted; Markdown fields allow ordinary Markdown but no HTML and only
http, https and mailto links. Both guarantees hold here, in the generator,
whatever the validator let through and whatever site engine renders the pages.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import Markup

# Every ASCII punctuation character becomes a numeric entity: then nothing in
# a plain-text value can open Markdown syntax (emphasis, links, tables,
# headings, lists) or HTML, and every Markdown and HTML renderer shows it as is.
_PUNCT_RE = re.compile(r"[!-/:-@\[-`{-~]")
_SPACE_RE = re.compile(r"\s+")
_SAFE_URL_RE = re.compile(r"^(https?://|mailto:)[^\s]+$", re.IGNORECASE)

_ALLOWED_TAGS = {"p", "br", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li", "a",
                 "h3", "h4", "h5", "h6", "hr", "table", "thead", "tbody", "tr", "th", "td"}
_ALLOWED_ATTRS = {"a": {"href", "title"}, "ol": {"start"}, "th": {"align"}, "td": {"align"}}
_MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
           "September", "Oktober", "November", "Desember")


def plain(value: object) -> Markup:
    """A plain-text value as inert Markdown/HTML: one line, every punctuation mark an entity."""
    text = _SPACE_RE.sub(" ", str(value)).strip()
    return Markup(_PUNCT_RE.sub(lambda m: f"&#{ord(m.group())};", text))


def attr(value: object) -> Markup:
    """A value for an HTML attribute inside a generated raw-HTML block."""
    return plain(value)


@cache
def _renderer() -> MarkdownIt:
    """One CommonMark renderer, built once.

    CommonMark is what contributors see in GitHub's preview of their text.
    ``html: False`` escapes raw HTML instead of passing it through, and
    markdown-it refuses javascript:, vbscript: and data: links by itself.
    """
    return MarkdownIt("commonmark", {"html": False}).enable("table")


def markdown_html(text: str) -> Markup:
    """Render a Markdown field to sanitised HTML wrapped in one block-level element.

    Raw HTML in the field is escaped (not interpreted), links keep only the
    http, https and mailto schemes, and headings start at level 3 so a field
    cannot take over the page outline.
    """
    html = _renderer().render(text)
    html = re.sub(r"<(/?)h[12]>", r"<\1h3>", html)
    clean = nh3.clean(
        html,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRS,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener nofollow",
    )
    return Markup(_html_block(clean))


def _html_block(clean: str) -> str:
    """Sanitised HTML as one raw-HTML block that every Markdown engine passes through whole.

    A blank line would end the block for CommonMark engines; inside ``<pre>`` it is
    part of the code, so it becomes an empty comment line (shown as the empty line it was).
    """
    clean = re.sub(r"\n[ \t]*(?=\n)", "\n<!---->", clean.strip())
    return f'<div class="ki-teks">\n{clean}\n</div>'


def safe_url(value: str) -> Markup:
    """A URL for an ``href``: only http, https and mailto survive, as inert text."""
    if not _SAFE_URL_RE.match(value):
        return Markup("#")
    return plain(value)


_PAGE_TAGS = _ALLOWED_TAGS | {"h1", "h2", "img", "div", "span", "dl", "dt", "dd", "sup", "sub", "del", "details", "summary"}
_PAGE_ATTRS = {"*": {"id", "class", "title"}, "a": {"href", "title"}, "img": {"src", "alt", "title", "width", "height"},
               "ol": {"start"}, "th": {"align"}, "td": {"align"}}


def _heading_text(inline: Token) -> str:
    """The words of a heading as a reader sees them (no Markdown markers, no markup)."""
    parts = [child.content if child.type in ("text", "code_inline") else " "
             for child in inline.children or () if child.type in ("text", "code_inline", "softbreak", "hardbreak")]
    return " ".join("".join(parts).split())


#: An image a page may show: one of content/halaman/, named by its bare file name.
_PAGE_IMAGE_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\.(?:png|jpe?g|webp|gif)")


def _own_images_only(element: str, attribute: str, value: str) -> str | None:
    """nh3 attribute filter: an image of content/halaman/ (published beside the page's folder) or none.
    An image from another host would make every visitor's browser call that host."""
    if element == "img" and attribute == "src":
        return f"../{value}" if _PAGE_IMAGE_RE.fullmatch(value) else None
    return value


def page_markdown(text: str) -> tuple[str, str | None]:
    """A hand-written page as inert Markdown for the site engine, and the words of its first ``#`` heading.

    The page is parsed once with the CommonMark renderer the Markdown fields use
    (linear time on any input, unlike the site engine's own Markdown). Top-level
    headings become Markdown headings of plain text, so the engine still builds
    the page's table of contents; everything between them is rendered, sanitised
    and handed over as a raw-HTML block.
    """
    md = _renderer()
    env: dict[str, object] = {}
    tokens = md.parse(text, env)
    parts: list[str] = []
    first_title: str | None = None
    chunk: list[Token] = []

    def flush() -> None:
        if chunk:
            clean = nh3.clean(md.renderer.render(chunk, md.options, env), tags=_PAGE_TAGS, attributes=_PAGE_ATTRS,
                              url_schemes={"http", "https", "mailto"}, link_rel="noopener nofollow",
                              attribute_filter=_own_images_only)
            if clean.strip():
                parts.append(_html_block(clean))
            chunk.clear()

    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.type == "heading_open" and token.level == 0 and i + 1 < len(tokens):
            flush()
            words = _heading_text(tokens[i + 1])
            if words:
                parts.append(f"{'#' * int(token.tag[1])} {plain(words)}")
                if token.tag == "h1" and first_title is None:
                    first_title = words
            i += 3  # heading_open, inline, heading_close
            continue
        chunk.append(token)
        i += 1
    flush()
    return "\n\n".join(parts) + "\n", first_title


def sanitize_page(html: str) -> str:
    """The HTML of a hand-written page with scripts, event handlers and unsafe URLs removed."""
    return nh3.clean(html, tags=_PAGE_TAGS, attributes=_PAGE_ATTRS, url_schemes={"http", "https", "mailto"}, link_rel=None)


def tanggal(value: date | None) -> str:
    """``2025-03-01`` → ``1 Maret 2025``."""
    if value is None:
        return ""
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"


def rupiah(value: int | None) -> str:
    """``25000000`` → ``Rp25.000.000``."""
    if value is None:
        return ""
    return "Rp" + f"{value:,}".replace(",", ".")


def finalize(value: object) -> object:
    """Jinja ``finalize``: anything not marked safe is treated as plain text."""
    if value is None:
        return ""
    if isinstance(value, Markup):
        return value
    return plain(value)
