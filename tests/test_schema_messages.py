"""Every finding of every schema reaches the contributor in Indonesian: each keyword the schemas use has a message
in the table of generator/rules/schema.py, or only combines other keywords (never the validator library's English)."""

from __future__ import annotations

import json

from conftest import ROOT

from generator.rules.schema import MESSAGES, STRUCTURAL

SCHEMAS = sorted((ROOT / "generator" / "schema").glob("*.schema.json"))
#: Keys whose value maps names to schemas.
NAMED = {"properties", "$defs"}


def keywords(node: object, found: set[str]) -> set[str]:
    """The keywords of ``node`` and every schema inside it."""
    if isinstance(node, dict):
        for key, value in node.items():
            found.add(key)
            if key in NAMED and isinstance(value, dict):
                for inner in value.values():
                    keywords(inner, found)
            elif key in ("enum", "const", "required", "x-label", "x-pesan", "description", "title"):
                continue  # values, not schemas
            else:
                keywords(value, found)
    elif isinstance(node, list):
        for item in node:
            keywords(item, found)
    return found


def test_every_keyword_of_every_schema_has_an_indonesian_message_or_only_combines_others():
    used = set().union(*(keywords(json.loads(path.read_text(encoding="utf-8")), set()) for path in SCHEMAS))
    assert used - set(MESSAGES) - STRUCTURAL == set()


def test_the_keyword_walk_finds_what_a_schema_uses():
    schema = {"type": "object", "properties": {"a": {"minProperties": 1, "items": {"const": 2}}}, "$defs": {"b": {"oneOf": []}}}
    assert keywords(schema, set()) == {"type", "properties", "minProperties", "items", "const", "$defs", "oneOf"}
