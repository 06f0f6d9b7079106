"""Hostile text in content stays text on the built site (contract §2).

Plain-text fields may contain any character; they must reach the visitor as
the literal characters typed, never as HTML, Markdown or template syntax.
Markdown fields may format text but never inject HTML or script links.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from xml.etree import ElementTree

import pytest
from conftest import UNITS, Catalog
from test_site_support import (
    PNG,
    SITE_NAME,
    Html,
    Node,
    _TreeBuilder,
    href_scheme,
    innovation_text,
    new_catalog,
    read_page,
    require_ok,
)

from generator.text import markdown_html

#: Text that would become markup if a plain field were interpreted anywhere on the way to the page.
PAYLOADS = {
    "script": "<script>alert(1)</script>",
    "img-onerror": "<img src=x onerror=alert(1)>",
    "bold": "**bold**",
    "link": "[x](https://evil.example)",
    "table": "| a | b |",
    "heading": "# heading",
    "jinja": "{{ 7*7 }}",
    "jinja-raw": "{% raw %}",
    "title-break": "</title><script>alert(3)</script>",
    "attr-break": '"><script>alert(4)</script>',
    "entity": "&lt;b&gt;x&lt;/b&gt; &amp;",
    "multiline": "baris\n# heading\n| a | b |\n|---|---|\n- daftar",
}
BENIGN = "teks biasa"
HOSTILE_UNIT = "Dinas <script>alert(5)</script> **Uji** [x](https://evil.example) {{ 7*7 }}"

#: Markdown that validation accepts but that is full of HTML-looking text and edge cases.
TRICKY_MARKDOWN = """\
Kode `<script>alert(1)</script>` sebaris dan **tebal** serta *miring*.

```
<script>alert(2)</script>
<img src=x onerror=alert(1)>
```

# Judul besar

## Sub judul

| a | b |
|---|---|
| 1 | 2 |

Tautan [aman](https://contoh.go.id/ "judul"), <https://contoh.go.id/>, [rujukan][r] dan [surel](mailto:a@contoh.go.id).

{{ 7*7 }} {% raw %} {% endraw %}

[r]: https://contoh.go.id/rujukan
"""


def shown(text: str) -> str:
    """How a value of one line is shown: whitespace collapsed."""
    return re.sub(r"\s+", " ", text).strip()


def hostile_innovation(p: str) -> str:
    """An innovation whose every plain-text field carries ``p``."""
    return innovation_text(
        nama=f"{p} uji nama",
        ringkasan=f"{p} ringkasan uji untuk halaman katalog",
        inisiator={"jenis": "perangkat_daerah", "nama": f"{p} bidang"},
        kontak={"nama": f"{p} kontak", "email": "pelayanan@contoh.go.id", "telepon": "(0717) 123456"},
        tautan=[{"judul": f"{p} tautan", "url": "https://contoh.go.id/aplikasi"}],
        media=[{"berkas": "gambar.png", "keterangan": f"{p} gambar"}],
        penghargaan=[{"nama": f"{p} penghargaan", "tahun": 2025}],
        indikator={"regulasi": {"nilai": 2, "bukti": [{"url": "https://contoh.go.id/bukti", "keterangan": f"bukti {p}"}]}},
    )


def _add(cat: Catalog, slug: str, text: str, media: bool = True) -> None:
    cat.innovation(slug, text)
    if media:
        cat.write(f"media/{slug}/gambar.png", PNG)


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory: pytest.TempPathFactory):
    cat = new_catalog(tmp_path_factory.mktemp("jahat") / "proyek")
    cat.write("perangkat-daerah.yml", UNITS + f"- id: dinas-uji\n  nama: '{HOSTILE_UNIT}'\n  jenis: dinas\n")
    _add(cat, "teks-biasa", hostile_innovation(BENIGN))
    for key, p in PAYLOADS.items():
        _add(cat, f"jahat-{key}", hostile_innovation(p))
    _add(cat, "markdown-sah", innovation_text(nama="Markdown Sah", rancang_bangun=TRICKY_MARKDOWN + "\n" + "kata " * 300),
         media=False)
    _add(cat, "milik-dinas-uji", innovation_text(nama="Milik Dinas Uji", perangkat_daerah="dinas-uji"), media=False)
    return cat, cat.run_here("build")


@pytest.fixture(scope="module")
def site(hostile_build) -> Path:
    cat, result = hostile_build
    require_ok(result, "katalog build (teks jahat)")
    return cat.root / "site"


def all_pages(site: Path) -> list[Html]:
    return [Html.read(p) for p in sorted(site.rglob("*.html"))]


def theme_reference(clean_site: Path, site: Path, html: Html) -> Html:
    """The clean page at the same path, or else at the same folder depth (same relative asset paths)."""
    rel = html.path.relative_to(site)
    if (clean_site / rel).is_file():
        return Html.read(clean_site / rel)
    depth = len(rel.parts) - 1
    return Html.read(next(p for p in sorted(clean_site.rglob("*.html")) if len(p.relative_to(clean_site).parts) - 1 == depth))


def innovation_row(html: Html, slug: str) -> Node | None:
    rows = [tr for tr in html.article.find_all("tr")
            if any(a.attrs.get("href", "").rstrip("/").endswith(f"inovasi/{slug}") for a in tr.find_all("a"))]
    assert len(rows) <= 1
    return rows[0] if rows else None


def innovation_link_text(row: Node, slug: str) -> str:
    return next(a.text for a in row.find_all("a") if a.attrs.get("href", "").rstrip("/").endswith(f"inovasi/{slug}"))


ids = list(PAYLOADS)


# --- validation lets plain text through -----------------------------------------


def test_hostile_plain_text_passes_validation_and_builds(hostile_build) -> None:
    _, result = hostile_build
    require_ok(result, "katalog build (teks jahat)")


# --- the innovation page ------------------------------------------------------------


@pytest.mark.parametrize("key", ids)
def test_plain_fields_are_shown_as_literal_text_on_innovation_page(site: Path, key: str) -> None:
    p = shown(PAYLOADS[key])
    article = read_page(site, f"/inovasi/jahat-{key}/").article
    assert [h.text for h in article.find_all("h1")] == [f"{p} uji nama"]
    text = article.text
    for expected in (f"{p} ringkasan uji untuk halaman katalog", f"{p} bidang", f"{p} kontak", f"{p} penghargaan"):
        assert expected in text
    assert [a.text for a in article.find_all("a") if a.attrs.get("href") == "https://contoh.go.id/aplikasi"] == [f"{p} tautan"]
    assert [img.attrs.get("alt") for img in article.find_all("img")] == [f"{p} gambar"]
    assert [f.text for f in article.find_all("figcaption")] == [f"{p} gambar"]


@pytest.mark.parametrize("key", ids)
def test_plain_fields_add_no_markup_to_innovation_page(site: Path, key: str) -> None:
    article = read_page(site, f"/inovasi/jahat-{key}/").article
    twin = read_page(site, "/inovasi/teks-biasa/").article
    # Same elements in the same order as the page of an innovation with harmless text:
    # no script, img, strong, link, table cell, heading or list item came from the payload.
    assert article.tag_sequence() == twin.tag_sequence()
    assert not article.find_all("script")
    assert not [k for n in article.iter() for k in n.attrs if k.lower().startswith("on")]
    assert not [a for a in article.find_all("a") if "evil.example" in a.attrs.get("href", "")]
    assert "bold" not in [n.text for n in article.find_all("strong") + article.find_all("em")]
    assert "49" not in article.find("h1").text


# --- listings -------------------------------------------------------------------------


LISTINGS = ["/katalog/", "/perangkat-daerah/disdukcapil/", "/urusan/administrasi_kependudukan/",
            "/urusan/komunikasi_informatika/"]


@pytest.mark.parametrize("url", LISTINGS)
@pytest.mark.parametrize("key", ids)
def test_listing_shows_name_as_literal_link_text(site: Path, key: str, url: str) -> None:
    html = read_page(site, url)
    row, twin_row = innovation_row(html, f"jahat-{key}"), innovation_row(html, "teks-biasa")
    assert row is not None and twin_row is not None
    assert innovation_link_text(row, f"jahat-{key}") == f"{shown(PAYLOADS[key])} uji nama"
    assert row.tag_sequence() == twin_row.tag_sequence()


def test_home_page_lists_newest_names_literally(site: Path, clean_site: Path) -> None:
    html = read_page(site, "/")
    reference = innovation_row(read_page(clean_site, "/"), "antrean-daring")  # a harmless row of the same table
    assert reference is not None
    listed = [(key, innovation_row(html, f"jahat-{key}")) for key in ids]
    listed = [(key, row) for key, row in listed if row is not None]
    assert len(listed) >= 3, "beranda tidak menampilkan inovasi uji"
    for key, row in listed:
        assert innovation_link_text(row, f"jahat-{key}") == f"{shown(PAYLOADS[key])} uji nama"
        assert row.tag_sequence() == reference.tag_sequence()


def test_hostile_unit_name_is_literal_text_in_content(site: Path) -> None:
    unit = read_page(site, "/perangkat-daerah/dinas-uji/").article
    assert unit.find("h1").text == HOSTILE_UNIT
    index = read_page(site, "/perangkat-daerah/").article
    assert HOSTILE_UNIT in [a.text for a in index.find_all("a")]
    innovation = read_page(site, "/inovasi/milik-dinas-uji/").article
    assert HOSTILE_UNIT in [a.text for a in innovation.find_all("a")]
    for article in (unit, index, innovation):
        assert not article.find_all("script")
        assert "Uji" not in [n.text for n in article.find_all("strong")]
        assert not [a for a in article.find_all("a") if "evil.example" in a.attrs.get("href", "")]


def test_content_area_of_every_page_has_no_injected_markup(site: Path) -> None:
    for html in all_pages(site):
        article = html.doc.find("article")
        if article is None:
            continue
        assert not article.find_all("script"), html.path
        assert not [k for n in article.iter() for k in n.attrs if k.lower().startswith("on")], html.path
        assert not [a for a in article.find_all("a") if "evil.example" in a.attrs.get("href", "")], html.path


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def test_open_data_carries_names_literally(site: Path) -> None:
    exported = json.loads((site / "data" / "inovasi.json").read_text(encoding="utf-8"))
    values = set(_strings(exported))
    for key, p in PAYLOADS.items():
        assert f"{p} uji nama" in values or f"{shown(p)} uji nama" in values, key


def test_feed_is_well_formed_and_carries_names_literally(site: Path) -> None:
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ElementTree.parse(site / "feed.xml").getroot()
    titles = {re.sub(r"\s+", " ", e.findtext(f"{atom}title") or "").strip() for e in feed.iter(f"{atom}entry")}
    for key, p in PAYLOADS.items():
        assert f"{shown(p)} uji nama" in titles, key


# --- the page head and header (title, description) --------------------------------------------


def test_page_title_shows_name_literally(site: Path) -> None:
    wrong = {}
    for key, p in PAYLOADS.items():
        title = read_page(site, f"/inovasi/jahat-{key}/").title
        if title != f"{shown(p)} uji nama - {SITE_NAME}":
            wrong[key] = title
    unit_title = read_page(site, "/perangkat-daerah/dinas-uji/").title
    if unit_title != f"{HOSTILE_UNIT} - {SITE_NAME}":
        wrong["unit"] = unit_title
    assert wrong == {}


def test_meta_description_shows_summary_literally(site: Path) -> None:
    twin_head = read_page(site, "/inovasi/teks-biasa/").doc.find("head").tag_sequence()
    wrong = {}
    for key, p in PAYLOADS.items():
        html = read_page(site, f"/inovasi/jahat-{key}/")
        description = [shown(d) for d in html.meta("description")]
        head = html.doc.find("head").tag_sequence()
        if description != [f"{shown(p)} ringkasan uji untuk halaman katalog"] or head != twin_head:
            wrong[key] = description
    assert wrong == {}


def test_page_header_shows_name_literally(site: Path) -> None:
    twin_header = read_page(site, "/inovasi/teks-biasa/").doc.find("header").tag_sequence()
    wrong = {}
    for key, p in PAYLOADS.items():
        header = read_page(site, f"/inovasi/jahat-{key}/").doc.find("header")
        topics = [n.text for n in header.by_class("md-header__topic")]
        if topics != [SITE_NAME, f"{shown(p)} uji nama"] or header.tag_sequence() != twin_header:
            wrong[key] = topics
    assert wrong == {}


def test_no_page_gets_scripts_or_event_handlers_from_content(site: Path, clean_site: Path) -> None:
    wrong = {}
    for html in all_pages(site):
        reference = theme_reference(clean_site, site, html)
        if html.scripts() != reference.scripts() or html.event_handler_attributes():
            wrong[html.path.relative_to(site).as_posix()] = (len(html.scripts()), html.event_handler_attributes())
    assert wrong == {}


# --- Markdown fields ------------------------------------------------------------------


def test_markdown_fields_add_no_script_to_the_page(site: Path, clean_site: Path) -> None:
    html = read_page(site, "/inovasi/markdown-sah/")
    assert html.scripts() == theme_reference(clean_site, site, html).scripts()
    assert html.event_handler_attributes() == []
    assert all(href_scheme(a.attrs.get("href", "")) in (None, "http", "https", "mailto") for a in html.doc.find_all("a"))


def test_markdown_fields_keep_formatting_but_not_html(site: Path) -> None:
    article = read_page(site, "/inovasi/markdown-sah/").article
    text = article.text
    assert "<script>alert(1)</script>" in text  # shown as code, not run
    assert "tebal" in [n.text for n in article.find_all("strong")]
    assert not article.find_all("img")
    hrefs = {a.attrs["href"] for a in article.find_all("a") if a.attrs.get("href", "").startswith(("https://contoh", "mailto"))}
    assert hrefs == {"https://contoh.go.id/", "https://contoh.go.id/rujukan", "mailto:a@contoh.go.id"}
    assert "{{ 7*7 }}" in text and "{% raw %}" in text


def test_markdown_field_cannot_take_over_the_page_outline(site: Path) -> None:
    article = read_page(site, "/inovasi/markdown-sah/").article
    twin = read_page(site, "/inovasi/antrean-daring/").article
    assert [h.text for h in article.find_all("h1")] == ["Markdown Sah"]
    assert [h.text for h in article.find_all("h2")] == [h.text for h in twin.find_all("h2")]
    assert {"Judul besar", "Sub judul"} <= {h.text for h in article.find_all("h3")}


# --- the Markdown renderer on its own (defence in depth) -----------------------------------------

DANGEROUS_MARKDOWN = {
    "script": "<script>alert(1)</script>",
    "inline-script": "teks <script>alert(1)</script> sebaris",
    "iframe": "<iframe src='https://evil.example'></iframe>",
    "img-onerror": "<img src=x onerror=alert(1)>",
    "svg-onload": "<svg onload=alert(1)>",
    "div-onclick": "<div onclick=alert(1)>x</div>",
    "style": "<style>body{display:none}</style>",
    "javascript-link": "[a](javascript:alert(1))",
    "javascript-mixed-case": "[a](JaVaScRiPt:alert(1))",
    "javascript-spaces": "[a](  javascript:alert(1))",
    "javascript-tab": "[a](java\tscript:alert(1))",
    "javascript-entity": "[a](&#106;avascript:alert(1))",
    "javascript-angle": "[a](<javascript:alert(1)>)",
    "javascript-image": "![x](javascript:alert(1))",
    "data-link": "[a](data:text/html,<script>alert(1)</script>)",
    "data-base64": "[a](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "vbscript-html": '<a href="vbscript:msgbox(1)">x</a>',
    "vbscript-link": "[a](vbscript:msgbox(1))",
    "javascript-html": "<a href='javascript:alert(1)'>x</a>",
    "reference-javascript": "[a][r]\n\n[r]: javascript:alert(1)",
    "reference-javascript-angle": "[a][r]\n\n[r]: <javascript:alert(1)>",
    "reference-data": "[a][r]\n\n[r]: data:text/html;base64,PHNjcmlwdD4=",
    "autolink-javascript": "<javascript:alert(1)>",
    "title-attribute": '[a](https://ok.example "t" onclick=alert(1))',
    "heading": "# Judul\n\n## Sub",
}


def parse_fragment(html: str) -> Node:
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


@pytest.mark.parametrize("key", list(DANGEROUS_MARKDOWN))
def test_markdown_renderer_never_emits_active_html(key: str) -> None:
    root = parse_fragment(str(markdown_html(DANGEROUS_MARKDOWN[key])))
    tags = {n.tag for n in root.iter()}
    assert not tags & {"script", "iframe", "object", "embed", "style", "svg", "img", "form", "input", "h1", "h2"}
    assert not [k for n in root.iter() for k in n.attrs if k.lower().startswith("on")]
    assert not [n for n in root.iter() if "src" in n.attrs or "style" in n.attrs]
    for a in root.find_all("a"):
        assert href_scheme(a.attrs.get("href", "")) in (None, "http", "https", "mailto"), a.attrs


@pytest.mark.parametrize("key", ["script", "iframe", "img-onerror", "vbscript-html"])
def test_markdown_renderer_shows_raw_html_as_text(key: str) -> None:
    root = parse_fragment(str(markdown_html(DANGEROUS_MARKDOWN[key])))
    assert DANGEROUS_MARKDOWN[key] in root.text


def test_markdown_renderer_keeps_safe_links() -> None:
    root = parse_fragment(str(markdown_html("[web](https://ok.example/) [surel](mailto:a@ok.example) <https://ok.example/x>")))
    hrefs = [a.attrs.get("href") for a in root.find_all("a")]
    assert hrefs == ["https://ok.example/", "mailto:a@ok.example", "https://ok.example/x"]
