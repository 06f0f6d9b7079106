"""Rules for hand-written pages (content/halaman/<nama>.md): front matter like a content file, body like Markdown."""

from __future__ import annotations

from ..content import Source
from ..problems import Problem
from .markdown import markdown_problems
from .review import review_page
from .schema import schema_problems
from .text import text_problems


def page_problems(page: Source, images: frozenset[str]) -> list[Problem]:
    """Front matter against generator/schema/halaman.schema.json, its values' characters, the Markdown
    (which may show the images of content/halaman/, named in ``images``), and what a reviewer must see."""
    if page.body is None:
        return []  # refused as a whole (name, symlink, encoding): already reported by the loader
    texts = text_problems(page)
    return [*texts, *schema_problems(page, "halaman", texts), *markdown_problems(page, (), page.body, images=images),
            *review_page(page)]
