"""The JSON Schemas: kept once, as data, in ``generator/schema/``.

They drive validation here, the editor hints contributors see, the labels the
site shows for vocabulary ids (``x-label``) and the field reference in the docs.
"""

from __future__ import annotations

import copy
import json
from functools import cache
from importlib import resources
from typing import Any

import jsonschema_rs
from jsonschema import Draft202012Validator, validators

# YAML reads "25.000" (twenty-five thousand, Indonesian style) as the float 25.0;
# JSON Schema would accept that as the integer 25. Here an integer is an int.
_TYPES = Draft202012Validator.TYPE_CHECKER.redefine(
    "integer", lambda _checker, value: isinstance(value, int) and not isinstance(value, bool)
)
_Validator = validators.extend(Draft202012Validator, type_checker=_TYPES)

SCHEMA_NAMES = ("inovasi", "katalog", "perangkat-daerah", "urusan", "halaman")


@cache
def load_schema(name: str) -> dict[str, Any]:
    """The schema ``name`` as shipped in the package (do not mutate)."""
    text = resources.files("generator").joinpath("schema", f"{name}.schema.json").read_text("utf-8")
    return json.loads(text)


@cache
def validator(name: str) -> Draft202012Validator:
    """A compiled validator for ``name``; built once per process."""
    schema = load_schema(name)
    Draft202012Validator.check_schema(schema)
    return _Validator(schema)


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
