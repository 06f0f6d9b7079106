"""Turn a GitHub "Usulan inovasi baru" issue into an innovation file.

GitHub renders a submitted issue form as Markdown, one section per field::

    ### Nama inovasi

    Antrean Daring

    ### Ringkasan

    _No response_

The form is `.github/ISSUE_TEMPLATE/usulan-inovasi.yml`; ``FIELDS`` below lists
its fields in the same order (a test keeps the two in step). The issue body is
contributor text that anyone can edit by hand, so everything here is total:
hostile or mangled bodies give a best-effort dict, never an exception, and the
YAML written is built with the YAML emitter (never by pasting text), so no
input can add keys, anchors, tags or documents. The converter does not decide
validity: the result goes through ``katalog check`` like any other file.

Usage::

    python -m generator.issue_form --body-env ISSUE_BODY --content content --issue 12
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from .content import read_source
from .rules.common import MARKDOWN_FIELDS
from .schema import EDITOR_SCHEMA_MODELINE, labels
from .vocabulary import SLUG_MAX, is_slug, registry_id, resolve_unit, shorten_slug, slugify

NO_RESPONSE = "_No response_"
#: GitHub caps an issue body at 65,536 characters; anything far larger is not a form.
MAX_BODY_BYTES = 1024 * 1024
#: Suffixes tried when the slug is taken: <slug>-2 ... <slug>-20.
MAX_SUFFIX = 20


@dataclass(frozen=True)
class FormField:
    """One field of the issue form: the key we use and the heading GitHub renders."""

    key: str
    label: str
    kind: str  # input | textarea | dropdown | checkboxes, as in the form's ``type``
    #: Schema key path of a dropdown's vocabulary (its options are the x-label texts).
    vocabulary: tuple[str, ...] = ()


FIELDS: tuple[FormField, ...] = (
    FormField("nama", "Nama inovasi", "input"),
    FormField("ringkasan", "Ringkasan", "textarea"),
    FormField("perangkat_daerah", "Perangkat daerah (id)", "input"),
    FormField("inisiator", "Inisiator", "dropdown", ("inisiator", "jenis")),
    FormField("inisiator_nama", "Nama inisiator", "input"),
    FormField("bentuk", "Bentuk inovasi", "dropdown", ("bentuk",)),
    FormField("jenis", "Jenis inovasi", "dropdown", ("jenis",)),
    FormField("tahapan", "Tahapan", "dropdown", ("tahapan",)),
    FormField("tematik", "Tema prioritas", "dropdown", ("tematik",)),
    FormField("urusan_utama", "Urusan utama (id)", "input"),
    FormField("tahun", "Tahun usulan", "input"),
    FormField("uji_coba", "Tanggal mulai uji coba", "input"),
    FormField("penerapan", "Tanggal mulai penerapan", "input"),
    FormField("rancang_bangun", "Rancang bangun", "textarea"),
    FormField("tujuan", "Tujuan", "textarea"),
    FormField("manfaat", "Manfaat", "textarea"),
    FormField("hasil", "Hasil", "textarea"),
    FormField("tautan", "Tautan", "textarea"),
    FormField("kontak_email", "Surel kontak resmi", "input"),
    FormField("pernyataan", "Pernyataan", "checkboxes"),
)

_BY_LABEL = {f.label.casefold(): f for f in FIELDS}
_ORDER = {f.key: i for i, f in enumerate(FIELDS)}
_SINGLE_LINE = {"input", "dropdown"}
#: Cost of reading a field as missing, against 1 for each other broken rule.
_MISSING = 2

_HEADING_RE = re.compile(r"^###[ \t]+(.+?)[ \t]*$")
_SURROGATE_RE = re.compile("[\ud800-\udfff]")
# Characters a reviewer cannot see in a diff (controls, bidi overrides, zero
# width, BOM) or that YAML treats as line breaks: written as \u escapes.
_HIDDEN_RE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]"
)
_URL_RE = re.compile(r"(?:https?://|mailto:)\S+", re.IGNORECASE)
_LIST_MARK_RE = re.compile(r"^(?:[-*+]|\d+[.)])\s+")
_MONTHS = {
    name: i + 1
    for i, names in enumerate((
        ("januari", "jan"), ("februari", "feb", "pebruari"), ("maret", "mar"), ("april", "apr"), ("mei",),
        ("juni", "jun"), ("juli", "jul"), ("agustus", "agu", "agt", "ags"), ("september", "sep", "sept"),
        ("oktober", "okt"), ("november", "nov", "nop", "nopember"), ("desember", "des"),
    ))
    for name in names
}


# --- parsing the rendered form -----------------------------------------------------------------

def _clean_text(text: str) -> str:
    """Line endings to ``\\n``; lone surrogates (undecodable bytes) to U+FFFD."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _SURROGATE_RE.sub("\ufffd", text)


def _value(kind: str, raw: str) -> str:
    """A field's text as the contributor meant it: trimmed, "_No response_" empty.

    Multi-line text also loses spaces at line ends (invisible, and they would
    force YAML into an unreadable quoted style).
    """
    if "\n" in raw.strip() or kind == "textarea":
        raw = "\n".join(line.rstrip(" \t") for line in raw.split("\n"))
    value = raw.strip()
    return "" if value == NO_RESPONSE else value


def parse_issue_body(body: str) -> dict[str, str]:
    """Map the sections of a rendered issue form to ``{key: text}``.

    Every field's heading appears once, in form order, but a textarea may
    itself contain a line such as ``### Tujuan``, and a hand-edited body may
    lose or reorder headings. Among the ways of reading the headings in form
    order, this picks the one that breaks fewest of GitHub's own rules (the
    body starts with the first heading; input and dropdown values are one
    line; no heading is missing) and, on a tie, reads the later heading of a
    label as the real one, so that a textarea keeps the subheadings written in
    it. Keys of fields whose heading is missing are absent.
    """
    text = _clean_text(body)
    lines = text.split("\n")
    starts = [0]  # character offset of each line, plus one past the end
    blank = [0]  # non-blank lines before each line
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
        blank.append(blank[-1] + bool(line.strip()))

    found: dict[str, list[int]] = {}
    for i, line in enumerate(lines):
        match = _HEADING_RE.match(line)
        field = _BY_LABEL.get(match.group(1).casefold()) if match else None
        if field:
            found.setdefault(field.key, []).append(i)
    # A hostile body may repeat a heading thousands of times; the first and the
    # last few occurrences are enough to choose from.
    candidates = [_trim(found.get(f.key, [])) for f in FIELDS]
    memo: dict[tuple[int, int], tuple[int, tuple[int | None, ...]]] = {}

    def best(j: int, end: int) -> tuple[int, tuple[int | None, ...]]:
        """Fewest broken rules when fields 0..j are read from the lines before ``end``."""
        if j < 0:
            return int(blank[end] > 0), ()  # text before the first heading
        if (j, end) in memo:
            return memo[(j, end)]
        result: tuple[int, tuple[int | None, ...]] | None = None
        for i in reversed(candidates[j]):  # later headings first: they win ties
            if i >= end:
                continue
            multi_line = blank[end] - blank[i + 1] >= 2
            cost, heads = best(j - 1, i)
            cost += int(FIELDS[j].kind in _SINGLE_LINE and multi_line)
            if result is None or cost < result[0]:
                result = (cost, heads + (i,))
        cost, heads = best(j - 1, end)
        if result is None or cost + _MISSING < result[0]:
            result = (cost + _MISSING, heads + (None,))
        memo[(j, end)] = result
        return result

    heads = best(len(FIELDS) - 1, len(lines))[1]
    placed = [(i, field) for i, field in zip(heads, FIELDS, strict=True) if i is not None]
    out = {}
    for n, (i, field) in enumerate(placed):
        end = placed[n + 1][0] if n + 1 < len(placed) else len(lines)
        out[field.key] = _value(field.kind, text[starts[i + 1]: starts[end] - 1] if i + 1 < end else "")
    return out


def _trim(positions: list[int], keep: int = 24) -> list[int]:
    return positions if len(positions) <= keep + 1 else positions[:1] + positions[-keep:]


# --- from fields to an innovation ----------------------------------------------------------------

def slug_for(name: str, fallback: str = "usulan-inovasi") -> str:
    """The slug of the innovation's name (:func:`vocabulary.slugify`), or ``fallback`` when it gives none."""
    slug = slugify(name)
    return slug if is_slug(slug) else fallback


def slug_with_suffix(slug: str, n: int) -> str:
    """``<slug>-n``, shortened so that it still fits in 80 characters."""
    suffix = f"-{n}"
    return shorten_slug(slug, SLUG_MAX - len(suffix)) + suffix


@cache
def _choices(vocabulary: tuple[str, ...]) -> dict[str, str]:
    """Label or id (case-insensitive) → id, from the schema's x-label."""
    out: dict[str, str] = {}
    for ident, label in labels(vocabulary).items():
        out[label.casefold()] = ident
        out[ident.casefold()] = ident
    return out


def choice_id(vocabulary: tuple[str, ...], text: str) -> str:
    """The vocabulary id of a dropdown label; unknown text is kept for ``katalog check`` to report."""
    return _choices(vocabulary).get(" ".join(text.split()).casefold(), text)


def parse_year(text: str) -> int | str:
    """``"2025"`` → 2025; anything else stays text for ``katalog check`` to report."""
    stripped = text.strip()
    return int(stripped) if re.fullmatch(r"[0-9]{4}", stripped) else text


def parse_date(text: str) -> date | str:
    """A real calendar date written as 2025-03-01, 01-03-2025, 01/03/2025 or 1 Maret 2025.

    Anything else (including impossible dates) stays text, so that ``katalog
    check`` reports it in its usual words.
    """
    s = " ".join(text.split()).casefold()
    parts: tuple[int, int, int] | None = None
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", s):
        parts = (int(m[1]), int(m[2]), int(m[3]))
    elif m := re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})", s):
        parts = (int(m[3]), int(m[2]), int(m[1]))
    elif (m := re.fullmatch(r"(\d{1,2}) ([a-z]+)\.? (\d{4})", s)) and m[2] in _MONTHS:
        parts = (int(m[3]), _MONTHS[m[2]], int(m[1]))
    if parts:
        try:
            return date(*parts)
        except ValueError:
            pass
    return text


def parse_links(text: str) -> list[dict[str, str]]:
    """One link per line: ``Judul - https://...`` or just the address.

    A line without an address is kept whole as the ``url`` so that ``katalog
    check`` asks for an https:// address instead of the line being lost.
    """
    links = []
    for line in text.split("\n"):
        line = _LIST_MARK_RE.sub("", line.strip())
        if not line:
            continue
        found = _URL_RE.search(line)
        if not found:
            links.append({"judul": "Tautan", "url": line})
            continue
        url = found.group().rstrip(").,;>")
        title = (line[: found.start()] + " " + line[found.start() + len(url):]).strip(" \t-–—:|()<>[]")
        if len(title) < 2:
            title = urlsplit(url).hostname or "Tautan"
        links.append({"judul": title, "url": url})
    return links


def innovation_data(fields: Mapping[str, str], units: Iterable[Any] = (), affairs: Iterable[Any] = ()) -> dict[str, Any]:
    """The innovation as data, keys in the contract's order; empty fields are left out.

    Dropdown labels become vocabulary ids, the unit and the affair may be
    given by id, name or abbreviation, ``tahun`` becomes a number and dates
    become dates when they are valid. Everything else is kept as written.
    """
    get = {k: v for k, v in fields.items() if isinstance(v, str) and v}
    data: dict[str, Any] = {key: get[key] for key in ("nama", "ringkasan") if key in get}
    data.update(_owner_data(get, units))
    data.update(_kind_data(get, affairs))
    data.update(_time_data(get))
    data.update(_text_data(get))
    return data


def _owner_data(get: Mapping[str, str], units: Iterable[Any]) -> dict[str, Any]:
    """``perangkat_daerah`` and ``inisiator``."""
    data: dict[str, Any] = {}
    if "perangkat_daerah" in get:
        # The same reading as katalog new; text naming no unit stays for katalog check to explain.
        data["perangkat_daerah"] = resolve_unit(get["perangkat_daerah"], units, limit=0).id or get["perangkat_daerah"]
    if "inisiator" in get or "inisiator_nama" in get:
        data["inisiator"] = {}
        if "inisiator" in get:
            data["inisiator"]["jenis"] = choice_id(("inisiator", "jenis"), get["inisiator"])
        if "inisiator_nama" in get:
            data["inisiator"]["nama"] = get["inisiator_nama"]
    return data


def _kind_data(get: Mapping[str, str], affairs: Iterable[Any]) -> dict[str, Any]:
    """``bentuk``, ``jenis``, ``tahapan``, ``urusan`` and ``tematik``, as vocabulary and registry ids."""
    data: dict[str, Any] = {key: choice_id((key,), get[key]) for key in ("bentuk", "jenis", "tahapan") if key in get}
    if "urusan_utama" in get:
        data["urusan"] = {"utama": registry_id(get["urusan_utama"], affairs) or get["urusan_utama"]}
    if "tematik" in get:
        data["tematik"] = choice_id(("tematik",), get["tematik"])
    return data


def _time_data(get: Mapping[str, str]) -> dict[str, Any]:
    """``tahun`` as a number and ``waktu`` with its dates."""
    data: dict[str, Any] = {}
    if "tahun" in get:
        data["tahun"] = parse_year(get["tahun"])
    waktu = {key: parse_date(get[key]) for key in ("uji_coba", "penerapan") if key in get}
    if waktu:
        data["waktu"] = waktu
    return data


def _text_data(get: Mapping[str, str]) -> dict[str, Any]:
    """The Markdown fields, ``tautan`` and ``kontak``."""
    # A literal block (|), like every other file.
    data: dict[str, Any] = {key: get[key] + "\n" for key in MARKDOWN_FIELDS if key in get}
    if "tautan" in get:
        data["tautan"] = parse_links(get["tautan"])
    if "kontak_email" in get:
        data["kontak"] = {"email": get["kontak_email"]}
    return data


# --- writing YAML that says exactly what the data says ---------------------------------------------

class _Dumper(yaml.SafeDumper):
    """Contract layout (indented lists, ``|`` blocks) with hidden characters escaped."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)

    def choose_scalar_style(self) -> str:
        value = getattr(self.event, "value", None)
        if isinstance(value, str) and _HIDDEN_RE.search(value):
            return '"'
        return super().choose_scalar_style()

    def write_double_quoted(self, text: str, split: bool = True) -> None:
        if not _HIDDEN_RE.search(text):
            super().write_double_quoted(text, split)
            return
        keep, self.allow_unicode = self.allow_unicode, False  # escape, so a reviewer sees \u202e
        try:
            super().write_double_quoted(text, split)
        finally:
            self.allow_unicode = keep


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    # The emitter falls back to a quoted style by itself when | cannot hold the text.
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)


_Dumper.add_representer(str, _represent_str)

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


def dump_yaml(data: dict[str, Any], header: str = "") -> str:
    """YAML for ``data``, verified to read back as exactly ``data`` (else ValueError)."""
    text = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=4096, default_flow_style=False)
    events = list(yaml.parse(text, Loader=_Loader))
    documents = sum(isinstance(e, yaml.DocumentStartEvent) for e in events)
    if documents != 1 or any(
        isinstance(e, yaml.AliasEvent) or getattr(e, "anchor", None) or getattr(e, "tag", None) for e in events
    ) or yaml.load(text, Loader=_Loader) != data:
        raise ValueError("isian formulir tidak dapat ditulis sebagai YAML yang setia; periksa isian secara manual")
    return header + text


def to_innovation_yaml(
    fields: Mapping[str, str], units: Iterable[Any] = (), affairs: Iterable[Any] = (), *, issue: int | None = None
) -> tuple[str, str]:
    """``(slug, yaml_text)`` for one innovation from parsed form fields.

    The slug comes from the name (``usulan-<issue>`` when the name has no
    usable letters). The text is safe whatever the fields hold; whether it is
    valid is for ``katalog check`` to say.
    """
    data = innovation_data(fields, units, affairs)
    fallback = f"usulan-{issue}" if isinstance(issue, int) and issue > 0 else "usulan-inovasi"
    slug = slug_for(fields.get("nama", "") or "", fallback)
    header = f"{EDITOR_SCHEMA_MODELINE}\n# Dibuat otomatis dari formulir usulan inovasi"
    header += f" #{issue}" if isinstance(issue, int) and issue > 0 else ""
    header += ". Periksa dan lengkapi sebelum digabung.\n"
    return slug, dump_yaml(data, header)


def write_new(out_dir: Path, slug: str, text: str) -> Path:
    """Write ``<slug>.yml`` in ``out_dir``, or ``<slug>-2.yml`` ...; never overwrite."""
    out_dir.mkdir(parents=True, exist_ok=True)
    for n in range(1, MAX_SUFFIX + 1):
        name = slug if n == 1 else slug_with_suffix(slug, n)
        path = out_dir / f"{name}.yml"
        try:
            with path.open("x", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
        except FileExistsError:
            continue
        return path
    raise FileExistsError(f"{out_dir}/{slug}.yml sampai {slug_with_suffix(slug, MAX_SUFFIX)}.yml sudah ada")


def _registry(path: Path) -> list[Any]:
    if not path.is_file():
        return []
    data = read_source(path).data
    return data if isinstance(data, list) else []


def _read_body(args: argparse.Namespace) -> str:
    if args.body_env:
        body = os.environ.get(args.body_env)
        if body is None:
            raise LookupError(f"variabel lingkungan {args.body_env} tidak ada")
        return body  # undecodable bytes arrive as lone surrogates; parsing replaces them
    raw = Path(args.body_file).read_bytes() if args.body_file != "-" else sys.stdin.buffer.read()
    if len(raw) > MAX_BODY_BYTES:
        raise ValueError("isi issue terlalu besar untuk sebuah formulir")
    return raw.decode("utf-8", "replace")


def main(argv: list[str] | None = None) -> int:
    """``python -m generator.issue_form``: write the innovation file of one issue and print its path."""
    parser = argparse.ArgumentParser(
        prog="python -m generator.issue_form",
        description="Ubah isi issue 'Usulan inovasi baru' menjadi berkas content/inovasi/<slug>.yml.",
    )
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--body-file", metavar="FILE", help="berkas berisi isi issue ('-' untuk stdin)")
    source.add_argument("--body-env", metavar="VAR", help="nama variabel lingkungan berisi isi issue")
    parser.add_argument("--content", default="content", metavar="DIR", help="folder konten (bawaan: content)")
    parser.add_argument("--out-dir", metavar="DIR", help="folder tujuan (bawaan: <content>/inovasi)")
    parser.add_argument("--issue", type=int, metavar="N", help="nomor issue (untuk catatan dan slug cadangan)")
    args = parser.parse_args(argv)

    try:
        body = _read_body(args)
    except (OSError, LookupError, ValueError) as exc:
        print(f"issue_form: {exc}", file=sys.stderr)
        return 2
    content = Path(args.content)
    fields = parse_issue_body(body)
    if not fields:
        print("issue_form: isi issue bukan formulir 'Usulan inovasi baru' (tidak ada judul bagian yang dikenal)", file=sys.stderr)
        return 1
    try:
        slug, text = to_innovation_yaml(fields, _registry(content / "perangkat-daerah.yml"),
                                        _registry(content / "urusan.yml"), issue=args.issue)
        path = write_new(Path(args.out_dir) if args.out_dir else content / "inovasi", slug, text)
    except (ValueError, OSError) as exc:
        print(f"issue_form: {exc}", file=sys.stderr)
        return 1
    print(path)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
