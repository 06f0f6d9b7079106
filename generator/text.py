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
    # Blank lines would end the raw-HTML block for some Markdown engines.
    clean = re.sub(r"\n\s*\n", "\n", clean).strip()
    return Markup(f'<div class="ki-teks">\n{clean}\n</div>')


def safe_url(value: str) -> Markup:
    """A URL for an ``href``: only http, https and mailto survive, as inert text."""
    if not _SAFE_URL_RE.match(value):
        return Markup("#")
    return plain(value)


_PAGE_TAGS = _ALLOWED_TAGS | {"h1", "h2", "img", "div", "span", "dl", "dt", "dd", "sup", "sub", "del", "details", "summary"}


def sanitize_page(html: str) -> str:
    """The HTML of a hand-written page with scripts, event handlers and unsafe URLs removed."""
    return nh3.clean(
        html,
        tags=_PAGE_TAGS,
        attributes={"*": {"id", "class", "title"}, "a": {"href", "title"}, "img": {"src", "alt", "title", "width", "height"},
                    "ol": {"start"}, "th": {"align"}, "td": {"align"}},
        url_schemes={"http", "https", "mailto"},
        link_rel=None,
    )


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
