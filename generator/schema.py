"""The JSON Schemas: kept once, as data, in ``generator/schema/``.

They drive validation here, the editor hints contributors see, the labels the
site shows for vocabulary ids (``x-label``) and the field reference in the docs.
"""

from __future__ import annotations

import copy
import json
import os
import re
import secrets
from collections.abc import Iterable, Iterator
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jsonschema_rs

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator, ValidationError

# Python's jsonschema (a twentieth of a second to import) is only imported once a file fails the Rust validator
# (:func:`fast_validator`): a clean check or build never needs it.

# --- `pattern` with ECMA 262 semantics ------------------------------------------------------
#
# JSON Schema patterns are ECMA 262 regular expressions, and the Rust validator
# treats them so. Python's `re` differs where it matters for names: `$` also
# matches before a final line break (so "dinkes\n" passed "^[a-z0-9-]+$"), `.`
# matches "\r", and `\d`, `\w`, `\s` are Unicode classes. A pattern is
# translated once into the Python expression that means what ECMA 262 means.

#: ECMA 262 WhiteSpace and LineTerminator: what `\s` matches there.
ECMA_SPACE = r"\t\n\x0b\x0c\r \xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
_CLASS_IN = {"d": "0-9", "w": "A-Za-z0-9_", "s": ECMA_SPACE}
_CLASS_OUT = {
    "d": "[0-9]", "D": "[^0-9]", "w": "[A-Za-z0-9_]", "W": "[^A-Za-z0-9_]",
    "s": f"[{ECMA_SPACE}]", "S": f"[^{ECMA_SPACE}]",
}


def ecma_regex(pattern: str) -> str:
    r"""The Python regular expression that matches what the ECMA 262 ``pattern`` matches.

    Outside a character class: ``$`` becomes ``\Z`` (only the very end of the
    text), ``.`` excludes every ECMA line terminator, ``\d \w \s`` and their
    negations become the ECMA classes (ASCII digits and word characters, ECMA
    white space); inside a class ``\d \w \s`` are expanded the same way.
    Everything else is copied.
    """
    out: list[str] = []
    in_class = False
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\" and i + 1 < len(pattern):
            escaped = pattern[i + 1]
            if in_class and escaped in _CLASS_IN:
                out.append(_CLASS_IN[escaped])
            elif not in_class and escaped in _CLASS_OUT:
                out.append(_CLASS_OUT[escaped])
            else:
                out.append(pattern[i: i + 2])
            i += 2
            continue
        if in_class:
            if char == "]":
                in_class = False
            out.append(char)
        elif char == "[":
            in_class = True
            out.append(char)
        elif char == "$":
            out.append(r"\Z")
        elif char == ".":
            out.append(r"[^\n\r\u2028\u2029]")
        else:
            out.append(char)
        i += 1
    return "".join(out)


@cache
def _ecma_compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(ecma_regex(pattern))


def _pattern(validator: Any, pattern: str, instance: Any, schema: dict[str, Any]) -> Iterator[ValidationError]:
    if validator.is_type(instance, "string") and not _ecma_compiled(pattern).search(instance):
        from jsonschema import ValidationError

        yield ValidationError(f"{instance!r} does not match {pattern!r}")


# --- `uniqueItems` in linear time -------------------------------------------------------------
#
# jsonschema compares unhashable items (mappings, lists, mixed types) pair by
# pair: a 256 KiB list of 20,000 mappings took minutes. Here every item gets a
# hashable key that is equal exactly when JSON Schema calls the items equal
# (1 == 1.0, true != 1, mappings regardless of key order), and one set finds the
# first repeat.


def json_key(value: Any) -> Any:
    """A hashable key, equal for two values exactly when JSON Schema calls them equal."""
    if isinstance(value, bool):
        return ("b", value)
    if isinstance(value, (int, float)):
        return ("n", value)  # 1 == 1.0 and hash(1) == hash(1.0)
    if isinstance(value, str):
        return ("s", value)
    if value is None:
        return ("z",)
    if isinstance(value, (list, tuple)):
        return ("l", tuple(json_key(item) for item in value))
    if isinstance(value, dict):
        return ("d", frozenset((json_key(k), json_key(v)) for k, v in value.items()))
    try:
        hash(value)
    except TypeError:
        return ("r", type(value).__name__, repr(value))
    return ("o", value)


def first_repeat(items: list[Any]) -> tuple[int, int] | None:
    """Indexes (earlier, later) of the first item equal to an earlier one, or None; linear time."""
    seen: dict[Any, int] = {}
    for index, item in enumerate(items):
        key = json_key(item)
        if key in seen:
            return seen[key], index
        seen[key] = index
    return None


def _unique_items(validator: Any, unique: bool, instance: Any, schema: dict[str, Any]) -> Iterator[ValidationError]:
    if not unique or not validator.is_type(instance, "array"):
        return
    repeat = first_repeat(instance)
    if repeat is not None:
        earlier, later = repeat
        from jsonschema import ValidationError

        # Reported at the repeated item (its own line), not at the whole list.
        yield ValidationError(f"item {later} repeats item {earlier}", path=[later])


@cache
def _validator_class() -> type[Draft202012Validator]:
    from jsonschema import Draft202012Validator, validators

    # YAML reads "25.000" (twenty-five thousand, Indonesian style) as the float 25.0;
    # JSON Schema would accept that as the integer 25. Here an integer is an int.
    types = Draft202012Validator.TYPE_CHECKER.redefine(
        "integer", lambda _checker, value: isinstance(value, int) and not isinstance(value, bool)
    )
    extended: type[Draft202012Validator] = validators.extend(
        Draft202012Validator, {"pattern": _pattern, "uniqueItems": _unique_items}, type_checker=types)
    return extended

SCHEMA_NAMES = ("inovasi", "katalog", "perangkat-daerah", "urusan", "halaman", "verifikasi", "iid", "iid-daerah")


@cache
def load_schema(name: str) -> dict[str, Any]:
    """The schema ``name`` as shipped in the package (do not mutate)."""
    text = resources.files("generator").joinpath("schema", f"{name}.schema.json").read_text("utf-8")
    return json.loads(text)


@cache
def validator(name: str) -> Draft202012Validator:
    """A compiled validator for ``name``; built once per process.

    The schemas are checked against the metaschema by the tests
    (tests/test_bounded.py), not here: that took 0.3 s of every check that
    found a problem.
    """
    return _validator_class()(load_schema(name))


@cache
def fast_validator(name: str) -> jsonschema_rs.Draft202012Validator:
    """A compiled Rust validator for ``name``: answers "valid?" about 100 times faster.

    Valid files (nearly all of them) are settled here; only invalid ones go
    through :func:`validator`, whose findings carry what the messages need.
    """
    return jsonschema_rs.Draft202012Validator(load_schema(name))


def subschema(schema: dict[str, Any], keypath: tuple[str | int, ...]) -> dict[str, Any]:
    """The part of ``schema`` that describes the value at ``keypath`` ({} if none)."""
    node: dict[str, Any] = schema
    for part in keypath:
        if isinstance(part, int):
            node = node.get("items", {})
        else:
            node = node.get("properties", {}).get(part, {})
        if not node:
            return {}
    return node


@cache
def pattern_of(keypath: tuple[str | int, ...], schema_name: str = "inovasi") -> re.Pattern[str]:
    """The schema's ``pattern`` for the value at ``keypath`` as a Python expression (:func:`ecma_regex`; use
    ``search``, as JSON Schema does), for code that must hold to it without a validator at hand."""
    return _ecma_compiled(subschema(load_schema(schema_name), keypath)["pattern"])


@cache
def labels(keypath: tuple[str | int, ...], schema_name: str = "inovasi") -> dict[str, str]:
    """Indonesian labels of a vocabulary, e.g. ``labels(('tahapan',))``."""
    return subschema(load_schema(schema_name), keypath).get("x-label", {})


def label(vocabulary: str, value: str | None) -> str:
    """Indonesian label of an innovation vocabulary value, e.g. ``label('tahapan', 'uji_coba')``."""
    if value is None:
        return ""
    return labels(tuple(vocabulary.split("."))).get(value, value)


def editor_schema(unit_ids: list[str], affair_ids: list[str], site_url: str | None = None) -> dict[str, Any]:
    """The innovation schema with the registries' ids as enums, for editors.

    The validator checks references against the registries itself (with "did
    you mean" hints); an editor can only know them if they are in the schema.
    """
    schema = copy.deepcopy(load_schema("inovasi"))
    props = schema["properties"]
    for target in (props["perangkat_daerah"], props["perangkat_daerah_lain"]["items"]):
        target["enum"] = list(unit_ids)
    for target in (props["urusan"]["properties"]["utama"], props["urusan"]["properties"]["irisan"]["items"]):
        target["enum"] = list(affair_ids)
    if site_url:
        schema["$id"] = site_url.rstrip("/") + "/data/inovasi.schema.json"
    return schema


# --- the editor schema kept in the repository -------------------------------------------------
#
# Editors read the schema from the working copy, so hints work offline and
# before the site is published. It lives beside the content folder (never in
# it: content/ is contributor input and the build does not write there), and
# every innovation file reaches it by the same relative path.

#: Where the editor schema lives, relative to the folder that holds content/.
EDITOR_SCHEMA_PATH = Path("skema") / "inovasi.schema.json"
#: First line of a new innovation file (content/inovasi/<slug>.yml): the YAML extension reads it.
EDITOR_SCHEMA_MODELINE = f"# yaml-language-server: $schema=../../{EDITOR_SCHEMA_PATH.as_posix()}"
_EDITOR_COMMENT = (
    "Dibuat oleh katalog build (dan katalog new) dari generator/schema/inovasi.schema.json dan id di "
    "content/perangkat-daerah.yml serta content/urusan.yml; jangan disunting."
)


def editor_schema_root(content_root: Path) -> Path:
    """The folder that holds the content folder: where ``skema/`` goes."""
    return content_root.absolute().parent


def editor_schema_text(unit_ids: Iterable[str], affair_ids: Iterable[str]) -> str:
    """The repository copy of the editor schema, as it is written: stable JSON, ids in registry order."""
    schema = editor_schema(list(dict.fromkeys(unit_ids)), list(dict.fromkeys(affair_ids)))
    # No $id: this copy is the working copy's, not the published one's (/data/inovasi.schema.json).
    schema.pop("$id", None)
    out = {"$schema": schema.pop("$schema"), "$comment": _EDITOR_COMMENT, **schema}
    return json.dumps(out, ensure_ascii=False, indent=2) + "\n"


def write_editor_schema(project_root: Path, unit_ids: Iterable[str], affair_ids: Iterable[str]) -> Path:
    """Write ``<project_root>/skema/inovasi.schema.json`` when its text changes; return its path.

    ``project_root`` is the folder holding the content folder
    (:func:`editor_schema_root`), so that the relative path in
    :data:`EDITOR_SCHEMA_MODELINE` finds it from ``<content>/inovasi/``. An
    unchanged file is left alone (no new modification time, no diff); a new
    text replaces the old one atomically. Raises ``OSError`` when it cannot write.
    """
    path = project_root / EDITOR_SCHEMA_PATH
    text = editor_schema_text(unit_ids, affair_ids)
    try:
        if path.read_bytes() == text.encode("utf-8"):
            return path
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        temp.write_bytes(text.encode("utf-8"))
        os.replace(temp, path)  # replaces a link itself, never the file it points to
    finally:
        temp.unlink(missing_ok=True)
    return path
