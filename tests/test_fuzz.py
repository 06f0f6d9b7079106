"""Property-based fuzzing of the loader, the validator and the text renderers (Hypothesis).

The normal test run uses the "katalog" profile: a fixed, derandomised 200 examples per
property, so it is fast and repeatable. Maintainers run the long profile from time to time:

    HYPOTHESIS_PROFILE=long .venv/bin/python -m pytest tests/test_fuzz.py

(20,000 random examples per property; see docs/fuzzing.md). A failure prints the smallest
input found; add it to tests/corpus/ as a case before fixing the code.
"""

from __future__ import annotations

import html
import json
import os
import re
from pathlib import Path
from xml.etree import ElementTree

import markdown as python_markdown
import pytest
import yaml
from conftest import AFFAIRS, KATALOG, UNITS, VALID, Catalog
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from test_check_support import check
from test_corpus import PROBLEM_RE, RUNAWAY_LIMIT, UNPRINTABLE_RE
from test_guarantees import assert_inert_fragment, dangerous, scan_html, time_limit
from test_site_support import new_catalog

from generator.content import Content, Source, _page_name_problem, parse_page, parse_text
from generator.model import HandPage
from generator.pages import hand_page
from generator.problems import Problem, visible
from generator.rules import check_content
from generator.schema import load_schema
from generator.text import markdown_html, plain

settings.register_profile(
    "katalog", max_examples=200, deadline=None, derandomize=True, database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "long", max_examples=20_000, deadline=None, database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "katalog"))

INNOVATION = "content/inovasi/antrean-daring.yml"
REGISTRIES = {"content/katalog.yml": KATALOG, "content/perangkat-daerah.yml": UNITS, "content/urusan.yml": AFFAIRS}
SCHEMA_KEYS = list(load_schema("inovasi")["properties"])

# --- strategies -----------------------------------------------------------------------------------

#: Pieces of YAML that trip parsers: indicators, indentation, anchors, tags, escapes, odd Unicode.
YAML_TOKENS = [
    "\n", "\n", "  ", "    ", "\t", "- ", ": ", ":", "{", "}", "[", "]", ", ", "'", '"', "\\", "\\n", "\\u202e", "\\0",
    "&a ", "*a", "&b ", "*b", "!tag ", "!!str ", "!!binary ", "!!python/object/apply:os.system ", "!<x> ", "<<: ", "? ",
    "|", "|-", ">", ">+", "#", " # c", "---", "...", "%YAML 1.1\n", "%TAG ! x:\n", "~", "null", "yes", "off", "0x1F",
    "1e3", ".inf", "2025-03-01", "01-03-2025", "nama", "tahapan", "uji_coba", "tag", "media", "berkas", "../x.png",
    "javascript:alert(1)", "<script>", "\ufeff", "\u200b", "\u2028", "\x85", "\x00", "\x07", "\r", "é", "\u201c",
]
yaml_like = st.lists(st.sampled_from(YAML_TOKENS) | st.text(max_size=6), max_size=60).map("".join)

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(10**30), max_value=10**30), st.floats(allow_nan=True),
    st.text(max_size=40),
    st.sampled_from(["yes", "no", "on", "off", "~", "2025-03-01", "2025/03/01", "01-03-2025", "2025-02-30", "0o17", "1_000",
                     ".inf", "uji_coba", "penerapan", "disdukcapil", "https://contoh.go.id/", "javascript:alert(1)",
                     "<script>alert(1)</script>", "{{ 7*7 }}", "x" * 500]),
)
json_values = st.recursive(
    scalars, lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=12,
)
#: A value as it may be written after "key:": JSON (valid YAML flow), or a raw plain scalar.
yaml_values = st.one_of(
    json_values.map(json.dumps),
    st.tuples(json_values, st.booleans()).map(lambda v: json.dumps(v[0], ensure_ascii=v[1])),
    st.sampled_from(YAML_TOKENS),
    st.text(max_size=20),
)
keys = st.sampled_from(SCHEMA_KEYS) | st.text(max_size=12)
#: Markdown, HTML and URL fragments that turn text into active content if interpreted.
MARKUP_TOKENS = [
    "<script>", "</script>", "<img src=x onerror=alert(1)>", "<svg onload=alert(1)>", "<iframe src=//x>", "<a href=", "<!--",
    "-->", "javascript:", "JaVaScRiPt:", " javascript:", "java\tscript:", "data:text/html,", "vbscript:", "&#106;", "&#x09;",
    "&colon;", "[", "]", "](", ")", "![", "<", ">", "`", "```", "\n", "\n\n", "# ", "## ", "> ", "- ", "1. ", "|", "---",
    '"', "'", " onclick=", "http://", "https://", "mailto:", "\\", "*", "_", "{{", "}}", "{%", "%}", "\x00", "\u2028", " ",
    "x", "alert(1)",
]
markup_like = st.lists(st.sampled_from(MARKUP_TOKENS) | st.text(max_size=4), max_size=50).map("".join)


@st.composite
def mutated_innovation(draw: st.DrawFn) -> str:
    """The conftest innovation after a few random edits of the kinds contributors make by accident."""
    lines = VALID.split("\n")
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        op = draw(st.sampled_from(["delete", "duplicate", "swap", "indent", "unicode", "value", "rename", "append"]))
        i = draw(st.integers(min_value=0, max_value=max(len(lines) - 1, 0)))
        line = lines[i] if lines else ""
        if op == "delete" and lines:
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, line)
        elif op == "swap" and lines:
            j = draw(st.integers(min_value=0, max_value=len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "indent":
            lines[i] = " " * draw(st.integers(min_value=0, max_value=6)) + line.lstrip(" ")
        elif op == "unicode":
            at = draw(st.integers(min_value=0, max_value=len(line)))
            lines[i] = line[:at] + draw(st.text(min_size=1, max_size=3)) + line[at:]
        elif op == "value" and ":" in line:
            lines[i] = line.split(":", 1)[0] + ": " + draw(yaml_values)
        elif op == "rename" and ":" in line:
            indent = line[: len(line) - len(line.lstrip(" "))]
            lines[i] = indent + draw(keys) + ":" + line.split(":", 1)[1]
        elif op == "append":
            lines.append(f"{draw(keys)}: {draw(yaml_values)}")
    return "\n".join(lines)


# --- what every problem must look like --------------------------------------------------------------


def assert_problems_well_formed(problems: list[Problem], paths: set[str]) -> None:
    for p in problems:
        assert isinstance(p, Problem)
        assert p.path in paths, p
        assert isinstance(p.line, int) and p.line >= 1, p
        assert isinstance(p.column, int) and p.column >= 1, p
        assert p.severity in ("error", "warning"), p
        assert isinstance(p.key, str) and p.key, p
        assert isinstance(p.message, str) and p.message.strip(), p
        assert PROBLEM_RE.match(p.text()), p.text()
        assert not UNPRINTABLE_RE.search(p.text()), p.text()


def assert_source_sane(source: Source) -> None:
    assert_problems_well_formed(source.problems, {source.path})
    if source.data is None:
        assert any(p.severity == "error" for p in source.problems), "berkas tanpa data tetapi tanpa galat"


# --- (a) the loader on anything ---------------------------------------------------------------------


@given(yaml_like)
def test_loader_never_raises_on_yaml_like_text(text: str) -> None:
    assert_source_sane(parse_text(INNOVATION, text.encode("utf-8", "surrogatepass")))


@given(st.binary(max_size=400))
def test_loader_never_raises_on_random_bytes(raw: bytes) -> None:
    assert_source_sane(parse_text(INNOVATION, raw))


@given(st.text(max_size=200))
def test_loader_never_raises_on_arbitrary_unicode(text: str) -> None:
    assert_source_sane(parse_text(INNOVATION, text.encode("utf-8", "surrogatepass")))


# --- (b) the whole check on damaged innovations -------------------------------------------------------


@pytest.fixture(scope="module")
def content_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("fuzz") / "content"
    (root / "media" / "antrean-daring").mkdir(parents=True)
    return root


def check_in_memory(root: Path, innovation: str | bytes) -> list[Problem]:
    """parse_text + check_content on an in-memory catalog (fresh sources: checking adds problems to them)."""
    registries = {path: parse_text(path, text.encode()) for path, text in REGISTRIES.items()}
    raw = innovation if isinstance(innovation, bytes) else innovation.encode("utf-8", "surrogatepass")
    content = Content(root=root, katalog=registries["content/katalog.yml"], units=registries["content/perangkat-daerah.yml"],
                      affairs=registries["content/urusan.yml"], innovations=[parse_text(INNOVATION, raw)])
    problems = check_content(content)
    assert_problems_well_formed(problems, {INNOVATION, *REGISTRIES})
    order = [(p.path, p.line, p.column) for p in problems]
    assert order == sorted(order)
    return problems


@given(mutated_innovation())
def test_damaged_innovation_gives_well_formed_problems(content_root: Path, text: str) -> None:
    check_in_memory(content_root, text)


@given(st.sampled_from(SCHEMA_KEYS), json_values)
def test_any_value_in_any_field_gives_well_formed_problems(content_root: Path, key: str, value: object) -> None:
    lines = [line for line in VALID.split("\n") if not line.startswith(f"{key}:")]
    check_in_memory(content_root, "\n".join(lines) + f"\n{key}: {json.dumps(value)}\n")


#: Text without control, format or line-separator characters (which the check refuses): mostly accepted.
visible_text = st.text(alphabet=st.characters(exclude_categories=("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp")))


def _texts(low: int, high: int) -> st.SearchStrategy[str]:
    return (visible_text | markup_like | st.text()).filter(lambda t: low <= len(t) <= high and t.strip())


plain_fields = st.one_of(
    st.tuples(st.just("nama"), _texts(3, 120)),
    st.tuples(st.just("ringkasan"), _texts(20, 300)),
    _texts(2, 120).map(lambda t: ("kontak", {"nama": t})),
    _texts(2, 200).map(lambda t: ("penghargaan", [{"nama": t, "tahun": 2025}])),
    _texts(2, 120).map(lambda t: ("tautan", [{"judul": t, "url": "https://contoh.go.id/"}])),
    _texts(2, 200).map(lambda t: ("indikator", {"regulasi": {
        "nilai": 1, "bukti": [{"url": "https://contoh.go.id/", "keterangan": t}], "catatan": t}})),
)


@given(plain_fields)
def test_accepted_text_always_renders_without_markup(content_root: Path, field: tuple[str, object]) -> None:
    """Whatever the check accepts in a plain-text field, the generator renders, as text."""
    from generator.exports import render_exports
    from generator.model import build_catalog
    from generator.pages import render_pages

    key, value = field
    lines = [line for line in VALID.split("\n") if not line.startswith(f"{key}:")]
    # Raw characters, not \u escapes: libyaml refuses the surrogate pairs JSON writes for emoji.
    text = "\n".join(lines) + f"\n{key}: {json.dumps(value, ensure_ascii=False)}\n"
    registries = {path: parse_text(path, raw.encode()) for path, raw in REGISTRIES.items()}
    content = Content(root=content_root, katalog=registries["content/katalog.yml"],
                      units=registries["content/perangkat-daerah.yml"], affairs=registries["content/urusan.yml"],
                      innovations=[parse_text(INNOVATION, text.encode("utf-8", "surrogatepass"))])
    refused = any(p.severity == "error" for p in check_content(content))
    event("ditolak" if refused else "diterima")
    if refused:
        return
    catalog = build_catalog(content, content_prefix="content")
    for uri, page in render_pages(catalog).items():
        assert not re.search(r"<script|<[a-zA-Z][^<>]*\son[a-z]+\s*=", page, re.IGNORECASE), uri
    exports = render_exports(catalog)
    json.loads(exports["data/inovasi.json"])
    ElementTree.fromstring(exports["feed.xml"].encode())


@pytest.fixture(scope="module")
def fuzz_catalog(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    return new_catalog(tmp_path_factory.mktemp("fuzz-cli") / "proyek")


@given(mutated_innovation())
def test_damaged_innovation_through_the_command(fuzz_catalog: Catalog, text: str) -> None:
    fuzz_catalog.innovation("antrean-daring", text.encode("utf-8", "surrogatepass"))
    result = check(fuzz_catalog)
    assert result.code in (0, 1), result.err
    assert "Traceback" not in result.out + result.err
    assert result.out.endswith("\n") or not result.out


@given(st.text(alphabet="ab \n\r\t:\x00\x1b\x85\u2028\u2029\u202e\u2066", min_size=1, max_size=8))
def test_problem_line_stays_one_line_whatever_the_key(content_root: Path, key: str) -> None:
    """Line breaks, control and bidi characters in a key are shown as ⟨U+XXXX⟩, in key path and message."""
    problems = check_in_memory(content_root, VALID + f"{json.dumps(key)}: 1\n")
    assert problems
    for p in problems:
        assert "\n" not in p.text() and "\r" not in p.text(), p.text()
        assert not UNPRINTABLE_RE.search(p.text()), p.text()


@given(st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=12))
def test_problem_line_stays_one_line_whatever_the_path(path_part: str) -> None:
    """A file name is printed through the same escaping as keys and messages."""
    path = f"content/inovasi/{path_part}.yml"
    for p in parse_text(path, b"nama: [\n").problems:
        assert p.text().startswith(visible(path) + ":"), p.text()
        assert PROBLEM_RE.match(p.text()) and not UNPRINTABLE_RE.search(p.text()), p.text()


# --- (c) text from content through the renderers ----------------------------------------------------


@given(markup_like | st.text())
def test_plain_text_is_inert_and_loses_nothing(text: str) -> None:
    shown = str(plain(text))
    assert not set(shown) & set("<>\"'`[]|*_{}\n")
    assert html.unescape(shown) == re.sub(r"\s+", " ", text).strip()


@given(markup_like | st.text())
def test_markdown_field_never_renders_active_html(text: str) -> None:
    with time_limit(RUNAWAY_LIMIT):
        rendered = str(markdown_html(text))
    assert_inert_fragment(rendered)


# --- (d) hand-written pages: front matter, Markdown and file names -----------------------------------

PAGE = "content/halaman/uji-halaman.md"
FRONT_KEYS = [*load_schema("halaman")["properties"], "template", "subtitle", "icon", "status", "search", "hide"]
front_matter_like = st.one_of(
    st.dictionaries(st.sampled_from(FRONT_KEYS) | st.text(max_size=8), yaml_values, max_size=4).map(
        lambda d: "".join(f"{k}: {v}\n" for k, v in d.items())),
    st.tuples(st.sampled_from(["title", "description"]), markup_like | st.text(max_size=60)).map(
        lambda kv: f"{kv[0]}: {json.dumps(kv[1])}\n"),
    yaml_like,
)
PAGE_TAGS_NEVER = {"iframe", "object", "embed", "style", "svg", "form", "input", "base", "meta", "link", "script"}


def assert_inert_page_html(html_text: str) -> None:
    found = scan_html(html_text)
    assert found.scripts == [] and found.handlers == [], (found.scripts, found.handlers)
    assert [u for u in found.urls if dangerous(u[2])] == []
    assert not set(found.tags) & PAGE_TAGS_NEVER, found.tags


@given(front_matter_like, markup_like | st.text(max_size=200))
def test_hand_written_page_is_refused_or_published_inert(content_root: Path, front: str, body: str) -> None:
    raw = f"---\n{front}---\n{body}".encode("utf-8", "surrogatepass")
    source = parse_page(PAGE, raw)
    registries = {path: parse_text(path, text.encode()) for path, text in REGISTRIES.items()}
    content = Content(root=content_root, katalog=registries["content/katalog.yml"],
                      units=registries["content/perangkat-daerah.yml"], affairs=registries["content/urusan.yml"],
                      innovations=[], page_sources=[source])
    problems = check_content(content)
    assert_problems_well_formed(problems, {PAGE, *REGISTRIES})
    if any(p.severity == "error" and p.path == PAGE for p in problems):
        event("halaman ditolak")
        return
    event("halaman diterima")
    data = source.data or {}
    page = HandPage(name="uji-halaman", body=source.body or "", title=data.get("title"), description=data.get("description"),
                    hide=tuple(data.get("hide", ())))
    with time_limit(RUNAWAY_LIMIT):
        markdown = hand_page(page)
        rendered = python_markdown.markdown(markdown.split("---\n", 2)[2], extensions=["tables", "toc"])
    meta = yaml.safe_load(markdown.split("---\n", 2)[1])
    assert set(meta) <= {"title", "description", "hide", "ki_cari"}  # ki_cari: the generator's own (search weighting)
    for key in ("title", "description"):
        assert not set(str(meta.get(key, ""))) & set("<>\"\n"), meta
    assert_inert_page_html(rendered)


@given(st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=24)
       | st.sampled_from(["tentang.md", "README.md", "feed.xml.md", "index.md", "404.md", "foto.png", "a.md", "x.svg"]))
def test_page_file_name_is_published_only_when_it_is_a_safe_slug(name: str) -> None:
    problem = _page_name_problem(name)
    if problem is None:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*\.(md|png|jpg|jpeg|webp|gif)", name), name
        return
    line = Problem(f"content/halaman/{name}", 1, 1, "error", "(berkas)", problem).text()
    assert PROBLEM_RE.match(line) and not UNPRINTABLE_RE.search(line), line
