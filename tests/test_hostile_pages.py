"""Hostile hand-written pages, built together into one real site and opened in the browser.

Every accepted case of tests/corpus/cases-halaman.toml (titles and descriptions
that decode to tags, headings whose entities decode to tags, pathological
Markdown) is installed as its own page of one catalog, built with the real
``katalog build``, and each page is opened in headless Chromium: no dialog may
open, no navigation may happen, no element may carry an event handler or a
``javascript:`` URL, and the hostile text must be shown as the text it is.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import Catalog, new_catalog
from tests.test_corpus import CASES, Case

HOSTILE = [c for c in CASES if c.accepted and c.install.startswith("halaman/") and c.install.endswith(".md")]

#: What the browser must not find: any event handler attribute, script URL, or element a payload would create.
_DOM_PROBE = """() => {
  const bad = [];
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      if (/^on/i.test(a.name)) bad.push(`${el.tagName} ${a.name}`);
      if (/^\\s*(javascript|vbscript|data):/i.test(a.value) && /^(href|src|action|formaction|xlink:href)$/i.test(a.name))
        bad.push(`${el.tagName} ${a.name}=${a.value}`);
    }
  }
  for (const el of document.querySelectorAll('article svg, article img, article iframe, article object, article embed'))
    if (!el.closest('.md-content__button')) bad.push(`element ${el.tagName} in the article`);
  for (const s of document.querySelectorAll('script:not([src])'))
    if (/alert\\(/.test(s.textContent)) bad.push('inline script with alert(');
  return bad;
}"""


def page_name(case: Case) -> str:
    return f"uji-{case.name}"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    catalog: Catalog = new_catalog(tmp_path_factory.mktemp("halaman-jahat") / "proyek")
    for case in HOSTILE:
        catalog.write(f"halaman/{page_name(case)}.md", case.data())
    result = catalog.run("build", "--site", "site")
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    return catalog.root / "site"


@pytest.fixture(scope="module")
def hostile_url(hostile_site: Path):
    from tests.conftest import serve_folder

    server = serve_folder(hostile_site, cache=True)  # read-only while served
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def test_every_hostile_page_case_is_published(hostile_site: Path) -> None:
    assert len(HOSTILE) >= 10
    for case in HOSTILE:
        assert (hostile_site / page_name(case) / "index.html").is_file(), case.name


@pytest.mark.parametrize("case", HOSTILE, ids=[c.name for c in HOSTILE])
def test_hostile_page_stays_inert_in_the_browser(page, hostile_url: str, case: Case) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    url = f"{hostile_url}{page_name(case)}/"
    page.goto(url)
    page.wait_for_load_state("load")
    page.mouse.move(640, 30)  # over the header, where a title's onmouseover would sit
    assert dialogs == []
    assert page.url == url
    assert page.evaluate(_DOM_PROBE) == []


def _expected_titles() -> dict[str, str]:
    """Case → the literal text its title must show (the hostile markup as text)."""
    return {
        "halaman-fm-title-yaml-escape": "<img src=x onerror=alert(1)> Tentang",
        "halaman-fm-title-breakout": "</title><script>alert(1)</script>",
        "halaman-fm-unicode-escape": "<svg onload=alert(1)>",
        "halaman-heading-entities": "<img src=x onerror=alert(1)>",
        "halaman-heading-title-breakout": "</title><script>alert(1)</script>",
        "halaman-heading-setext-entities": "Judul <script>alert(1)</script>",
    }


@pytest.mark.parametrize("name,title", _expected_titles().items())
def test_hostile_title_is_shown_as_text_in_tab_header_and_navigation(page, hostile_url: str, name: str, title: str) -> None:
    page.goto(f"{hostile_url}uji-{name}/")
    assert page.title().startswith(title + " - ")
    assert page.locator(".md-header__topic").last.inner_text().strip() == title
    nav_texts = page.locator(".md-nav__link").all_inner_texts()
    assert any(text.strip() == title for text in nav_texts), nav_texts


def test_hostile_heading_reaches_the_table_of_contents_as_text(page, hostile_url: str) -> None:
    page.goto(f"{hostile_url}uji-halaman-heading-title-breakout/")
    toc = page.locator("nav.md-nav--secondary .md-nav__link").all_inner_texts()
    assert "<svg onload=alert(2)> &lt;b&gt;" in [t.strip() for t in toc], toc


def test_hostile_description_stays_inside_its_meta_attribute(hostile_site: Path) -> None:
    html = (hostile_site / "uji-halaman-fm-title-breakout" / "index.html").read_text("utf-8")
    metas = re.findall(r'<meta name="description" content="([^"]*)"', html)
    assert metas == ['&#34; onmouseover=&#34;alert(1)&#34; data-x=&#34;'] or metas == ["&quot; onmouseover=&quot;alert(1)&quot; "
                                                                                       "data-x=&quot;"], metas
