"""Rules for hand-written pages (content/halaman/<nama>.md): front matter like a content file, body like Markdown."""

from __future__ import annotations

from ..content import Source
from ..problems import Problem
from .markdown import markdown_problems
from .schema import schema_problems
from .text import text_problems


def page_problems(page: Source) -> list[Problem]:
    """Front matter against generator/schema/halaman.schema.json, its values' characters, and the Markdown."""
    if page.body is None:
        return []  # refused as a whole (name, symlink, encoding): already reported by the loader
    texts = text_problems(page)
    return [*texts, *schema_problems(page, "halaman", texts), *markdown_problems(page, (), page.body, images=True)]
