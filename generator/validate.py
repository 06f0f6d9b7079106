"""Where the rules used to live; they are in :mod:`generator.rules`, one module per kind of rule."""

from __future__ import annotations

from .rules import MARKDOWN_FIELDS, PLACEHOLDER_RE, SLUG_RE, check_content, suggest
from .rules.catalog import normal_name

__all__ = ["MARKDOWN_FIELDS", "PLACEHOLDER_RE", "SLUG_RE", "check_content", "normal_name", "suggest"]
