"""The header search (Pagefind) in a real browser on the shipped site.

A visitor types Indonesian words and finds pages that only use another form of
the word ("layanan" → "pelayanan"), sees the unit and tahapan of each
innovation, opens a result with Enter, keeps searching after Material's instant
navigation, and downloads nothing from /pagefind/ until the search is used.
"""

from __future__ import annotations

import functools
import html
import http.server
import re
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import pytest
import yaml
from conftest import AXE_JS, ROOT, VALID, Catalog, new_catalog, serve, serve_folder, shared_folder
from playwright.sync_api import TimeoutError as PlaywrightTimeout

BOX = "[data-ki-cari-input]"
STATUS = "[data-ki-cari-status]"
RESULT = "[data-ki-cari-daftar] > li"
LINK = "[data-ki-cari-daftar] .ki-cari__tautan"
MORE = "[data-ki-cari-lagi]"
HEADER_BUTTON = "label.md-header__button[for=__search]"

#: Bytes a visitor may download from /pagefind/ before the first result shows (measured: ~0.2 MB).
FIRST_RESULT_BUDGET = 400_000

#: Query word → a longer word with the same Indonesian stem.
STEMS = [("layanan", "pelayanan"), ("antre", "antrean"), ("daftar", "pendaftaran")]


# --- helpers ------------------------------------------------------------------------------


def words_of(markup: str) -> str:
    """The visible words of an HTML fragment."""
    return html.unescape(re.sub(r"<[^>]+>", " ", markup))


def has_word(text: str, word: str) -> bool:
    return re.search(rf"\b{re.escape(word)}\b", text, re.IGNORECASE) is not None


def article_of(page_html: str) -> str:
    """The part of a page Pagefind indexes (``--root-selector article.md-content__inner``), without the
    sections it is told to skip (``data-pagefind-ignore="all"``: related innovations)."""
    match = re.search(r'<article class="md-content__inner.*?</article>', page_html, re.DOTALL)
    assert match, "halaman tanpa article.md-content__inner"
    return re.sub(r'<section[^>]*data-pagefind-ignore="all".*?</section>', "", match.group(0), flags=re.DOTALL)


def innovation_page(site: Path, slug: str) -> str:
    return (site / "inovasi" / slug / "index.html").read_text(encoding="utf-8")


def pagefind_meta(page_html: str, key: str) -> str:
    match = re.search(rf'data-pagefind-meta="{key}">([^<]*)<', page_html)
    assert match, f"tidak ada data-pagefind-meta={key}"
    return html.unescape(match.group(1))


def find_witness(content: Path, site: Path, query: str, derived: str) -> str | None:
    """Slug of an innovation whose indexed text says ``derived`` but never the word ``query``.

    The innovations come from the content YAML; the built page decides, since the page
    also shows unit, urusan and label texts. For "layanan" the word must not appear
    anywhere on the page, so a match can only come from stemming.
    """
    for path in sorted((content / "inovasi").glob("*.yml")):
        if not isinstance(yaml.safe_load(path.read_text(encoding="utf-8")), dict):
            continue
        page = site / "inovasi" / path.stem / "index.html"
        if not page.is_file():
            continue
        markup = page.read_text(encoding="utf-8")
        indexed = words_of(article_of(markup))
        whole = words_of(markup) if query == "layanan" else indexed
        if has_word(indexed, derived) and not has_word(whole, query):
            return path.stem
    return None


def no_network_beyond_loopback(page) -> None:
    """Answer the GitHub API calls of Material's repository widget offline (the sandbox has no DNS)."""
    page.context.route(re.compile(r"^https?://(?!127\.0\.0\.1)"), lambda route: route.fulfill(json={}))


def sitemap_for_where_it_is_served(route) -> None:
    """Material's instant navigation only follows links listed in sitemap.xml, matched by host and port.

    The sitemap lists the public ``situs`` address; rewrite it to where the test serves the
    site, so that links behave as they do on the public site.
    """
    response = route.fetch()
    text = response.text()
    root = min(re.findall(r"<loc>([^<]+)</loc>", text), key=len)  # the home page
    served = route.request.url[: -len("sitemap.xml")]
    route.fulfill(response=response, body=text.replace(f"<loc>{root}", f"<loc>{served}"))


class Traffic:
    """Every request for /pagefind/ of a page and its web worker, with the bytes received."""

    def __init__(self, page, prefix: str = "/pagefind/") -> None:
        self.prefix = prefix
        self.started: list[str] = []
        self.finished: list = []
        page.on("request", lambda r: self.started.append(r.url) if prefix in r.url else None)
        page.on("requestfinished", lambda r: self.finished.append(r) if prefix in r.url else None)

    def bytes_since(self, mark: int) -> dict[str, int]:
        """URL → bytes received, for the requests finished after ``mark``.

        The loopback server compresses nothing, so the body length is what crossed the wire;
        Chromium reports no transfer size for the script of a web worker (pagefind-worker.js).
        """
        return {r.url: len(r.response().body()) for r in self.finished[mark:]}


def open_search(page) -> None:
    """Open the dialog the way a visitor does: the header box on a wide screen, the button on a phone."""
    target = HEADER_BUTTON if page.viewport_size["width"] < 960 else BOX
    focused = "document.activeElement && document.activeElement.matches('[data-ki-cari-input]')"
    # Right after an instant navigation Material may still be swapping the header: a click can land on
    # the outgoing one (seen once in ~10 runs on a loaded machine). A visitor clicks again; so does this.
    # A click that missed is known within a moment (the box takes focus at once on a click that landed), so the
    # next one comes soon; five tries bound the whole.
    for attempt in range(5):
        page.click(target)
        try:
            page.wait_for_function(focused, timeout=1500)
            return
        except PlaywrightTimeout:
            if attempt == 4:
                raise


def search(page, query: str) -> None:
    """Type ``query``, wait for the status line to report its results and for the dialog to finish opening.

    Material closes the search 125 ms after an instant navigation, whether or not it was open: a search opened
    within that time is closed under the visitor's hands (its results stay, transparent, beneath the tabs). A
    visitor opens it again; so does this, up to three times.
    """
    reported = "q => document.querySelector('[data-ki-cari-status]').textContent.endsWith('“' + q + '”')"
    for _attempt in range(3):
        open_search(page)
        page.fill(BOX, "")
        page.keyboard.type(query)
        # Either the status line reports the query, or the dialog was closed under the typing: the rest of the
        # query then went nowhere, or a letter of it was Material's search key ("f" and "s" open the search) and
        # the box holds only what came after it. Either way the status line would wait for the query forever.
        lost = "q => !document.getElementById('__search').checked || document.querySelector('[data-ki-cari-input]').value !== q"
        try:
            page.wait_for_function(f"q => ({lost})(q) || ({reported})(q)", arg=query)
        except PlaywrightTimeout:
            state = page.evaluate("""() => ({status: document.querySelector('[data-ki-cari-status]').textContent,
              value: document.querySelector('[data-ki-cari-input]').value, open: document.getElementById('__search').checked,
              active: document.activeElement && document.activeElement.outerHTML.slice(0, 200),
              ready: document.querySelectorAll('[data-ki-cari-siap]').length, url: location.href})""")
            raise AssertionError(f"pencarian '{query}' tidak melapor: {state}; galat: {page.errors}") from None
        page.wait_for_function(ANIMATIONS_DONE)
        if search_is_open(page) and page.evaluate(reported, query):
            return
    raise AssertionError(f"pencarian '{query}' tertutup sendiri tiga kali")


def result_for(page, url_path: str):
    """The result item linking to ``url_path``, loading more results until it shows."""
    item = page.locator(RESULT).filter(has=page.locator(f'a[href="{url_path}"]'))
    while not item.count():
        more = page.locator(MORE)
        if not more.is_visible():
            return None
        before = page.locator(RESULT).count()
        more.click()
        page.wait_for_function(f"n => document.querySelectorAll('{RESULT}').length > n", arg=before)
    return item


def mark_document(page) -> None:
    """A flag that only survives navigation without a reload (Material's instant navigation)."""
    page.evaluate("window.__tetap = true")


#: True once every CSS transition and animation on the page has run to its end.
ANIMATIONS_DONE = "() => document.getAnimations().every(a => a.playState === 'finished')"


def settle(page) -> None:
    """Wait for Material's own reaction to a navigation: it closes the search (125 ms later) and fades it out."""
    page.wait_for_function("() => !document.getElementById('__search').checked")
    page.wait_for_function(ANIMATIONS_DONE)


def still_same_document(page) -> bool:
    return page.evaluate("window.__tetap === true")


def search_is_open(page) -> bool:
    return page.evaluate("document.getElementById('__search').checked")


# --- fixtures -----------------------------------------------------------------------------


def as_visitor(page):
    """``page``, offline, with Material's instant navigation working on a loopback port."""
    no_network_beyond_loopback(page)
    page.context.route("**/sitemap.xml", sitemap_for_where_it_is_served)
    return page


@pytest.fixture
def visitor(page):
    """The conftest page as a visitor (:func:`as_visitor`)."""
    return as_visitor(page)


@pytest.fixture
def fresh_visitor(fresh_page):
    """A page in a context of its own, with nothing in its HTTP cache, as a visitor: for tests that count downloads."""
    return as_visitor(fresh_page)


class Witness(NamedTuple):
    base_url: str  # site root, ending in /
    slug: str
    page_html: str


def build_fixture_site(catalog: Catalog) -> Path:
    """The one-innovation catalog, its page saying pelayanan, antrean and pendaftaran, never the short words."""
    catalog.innovation("antrean-daring",
                       VALID.replace("Mengurangi waktu tunggu.", "Mempercepat pendaftaran dan mengurangi waktu tunggu."))
    site = catalog.root / "site"
    catalog.run("build", "--site", str(site), check=True)
    return site


@pytest.fixture(scope="session")
def stem_catalog(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    """The catalog of :func:`build_fixture_site`, built once per run and shared by every stem that needs it
    (read-only)."""
    return Catalog(shared_folder(tmp_path_factory, "cari-akar", lambda folder: build_fixture_site(
        new_catalog(folder / "proyek"))) / "proyek")


@pytest.fixture(params=STEMS, ids=[q for q, _ in STEMS])
def witness(request, shipped_site: Path, site_url: str) -> Iterator[tuple[str, str, Witness]]:
    """(query, derived word, page): from the shipped content, or a small catalog when it has none."""
    query, derived = request.param
    slug = find_witness(ROOT / "content", shipped_site, query, derived)
    if slug:
        yield query, derived, Witness(site_url, slug, innovation_page(shipped_site, slug))
        return
    catalog: Catalog = request.getfixturevalue("stem_catalog")
    site = catalog.root / "site"
    slug = find_witness(catalog.content, site, query, derived)
    assert slug, f"katalog uji tidak punya halaman yang memuat {derived!r} tanpa {query!r}"
    server = serve_folder(site, cache=True)  # read-only while served
    yield query, derived, Witness(f"http://127.0.0.1:{server.server_address[1]}/", slug, innovation_page(site, slug))
    server.shutdown()


# --- tests --------------------------------------------------------------------------------


def test_stemmed_query_finds_page_that_only_uses_the_longer_word(visitor, witness) -> None:
    query, derived, found = witness
    indexed = words_of(article_of(found.page_html))
    assert has_word(indexed, derived) and not has_word(indexed, query)
    if query == "layanan":
        assert not has_word(words_of(found.page_html), "layanan"), "kata 'layanan' ada di halaman"

    visitor.goto(found.base_url)
    search(visitor, query)

    item = result_for(visitor, f"/inovasi/{found.slug}/")
    assert item is not None, f"{query!r} tidak menemukan /inovasi/{found.slug}/ (hanya memuat {derived!r})"
    # Pagefind marks whole words with their punctuation: "pelayanan)."
    marked = [re.sub(r"\W", "", m).lower() for m in item.locator(".ki-cari__cuplikan mark").all_inner_texts()]
    assert derived in marked, f"cuplikan tidak menandai {derived!r}: {marked}"
    assert visitor.errors == []


def test_results_show_unit_and_tahapan_badges(visitor, shipped_site: Path, site_url: str) -> None:
    path = min((ROOT / "content" / "inovasi").glob("*.yml"))
    name = yaml.safe_load(path.read_text(encoding="utf-8"))["nama"]
    page_html = innovation_page(shipped_site, path.stem)
    unit, stage = pagefind_meta(page_html, "perangkat_daerah"), pagefind_meta(page_html, "tahapan")

    visitor.goto(site_url)
    search(visitor, name)

    item = result_for(visitor, f"/inovasi/{path.stem}/")
    assert item is not None, f"pencarian nama {name!r} tidak menemukan inovasinya"
    assert item.locator(".ki-cari__tautan").inner_text() == name
    assert item.locator(".ki-cari__badge--unit").text_content() == f"Perangkat daerah: {unit}"
    assert item.locator(".ki-cari__badge--tahapan").text_content() == f"Tahapan: {stage}"
    label = item.locator(".ki-cari__badge--unit .ki-cari__sr").bounding_box()
    assert label["width"] <= 1 and label["height"] <= 1, "'Perangkat daerah:' is for screen readers only"
    assert item.locator(".ki-cari__cuplikan").inner_text().strip()
    # Pages that are not innovations (units, urusan, lists) carry no badges.
    for other in visitor.locator(RESULT).all():
        if not other.locator('a[href^="/inovasi/"]').count():
            assert other.locator(".ki-cari__badge").count() == 0
    assert visitor.errors == []


def test_status_counts_results_and_says_when_there_are_none(visitor, site_url: str) -> None:
    visitor.goto(site_url)
    open_search(visitor)
    status = visitor.locator(STATUS)
    assert status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"
    assert status.inner_text() == "Ketik untuk mencari"

    search(visitor, "layanan")
    count = int(re.fullmatch(r"(\d+) hasil untuk “layanan”", status.inner_text()).group(1))
    shown = visitor.locator(RESULT).count()
    assert shown == min(count, 10)
    if count > 10:  # the rest comes on request: each result costs a download
        visitor.click(MORE)
        visitor.wait_for_function(f"document.querySelectorAll('{RESULT}').length > 10")
        assert visitor.locator(RESULT).count() == min(count, 20)

    search(visitor, "zzqxjw")
    assert status.inner_text() == "Tidak ada hasil untuk “zzqxjw”"
    assert visitor.locator(RESULT).count() == 0
    assert not visitor.locator(MORE).is_visible()
    assert visitor.errors == []


def test_enter_opens_the_first_result_with_instant_navigation(visitor, site_url: str) -> None:
    visitor.goto(site_url + "tentang/")
    mark_document(visitor)
    open_search(visitor)
    visitor.keyboard.type("antre")
    visitor.keyboard.press("Enter")  # before the debounced search has even started
    visitor.wait_for_url(re.compile(r"/inovasi/[^/]+/$"))
    settle(visitor)
    opened = visitor.url

    assert still_same_document(visitor), "hasil dibuka dengan memuat ulang halaman, bukan navigasi instan"
    assert not search_is_open(visitor)
    # It was the first result: the same search on the new page lists it first.
    search(visitor, "antre")
    assert visitor.locator(LINK).first.evaluate("a => a.href") == opened
    assert visitor.errors == []


def test_search_works_after_instant_navigation(visitor, site_url: str) -> None:
    visitor.goto(site_url)
    mark_document(visitor)
    for tab, url in (("Katalog", "/katalog/"), ("Beranda", "/"), ("Katalog", "/katalog/")):
        visitor.locator(".md-tabs__link", has_text=tab).first.click()
        visitor.wait_for_url(site_url.rstrip("/") + url)
        settle(visitor)
    assert still_same_document(visitor), "tab tidak memakai navigasi instan"
    assert visitor.locator("[data-ki-cari-siap]").count() == 1

    search(visitor, "daftar")
    first = visitor.locator(LINK).first
    href = first.get_attribute("href")
    assert href.startswith("/") and visitor.locator(RESULT).count() > 0
    first.click()
    visitor.wait_for_url(re.compile(re.escape(href) + "$"))
    assert still_same_document(visitor)
    assert not search_is_open(visitor)
    assert visitor.locator("h1").first.inner_text().strip()
    assert visitor.errors == []


def test_arrow_keys_move_through_results_and_escape_closes(visitor, site_url: str) -> None:
    visitor.goto(site_url)
    search(visitor, "layanan")
    links = visitor.locator(LINK)
    focused = "() => document.activeElement.getAttribute('href') || document.activeElement.tagName"

    visitor.keyboard.press("ArrowDown")
    assert visitor.evaluate(focused) == links.nth(0).get_attribute("href")
    visitor.keyboard.press("ArrowDown")
    assert visitor.evaluate(focused) == links.nth(1).get_attribute("href")
    visitor.keyboard.press("ArrowUp")
    visitor.keyboard.press("ArrowUp")
    assert visitor.evaluate(focused) == "INPUT"

    visitor.keyboard.press("Escape")
    assert not search_is_open(visitor)
    assert visitor.evaluate(focused) != "INPUT"

    # Material's shortcut opens it again, with the keyboard in the box.
    visitor.keyboard.press("/")
    assert search_is_open(visitor)
    assert visitor.evaluate(focused) == "INPUT"
    assert visitor.errors == []


def test_nothing_is_downloaded_from_pagefind_until_the_search_is_used(fresh_visitor, site_url: str) -> None:
    visitor = fresh_visitor
    traffic = Traffic(visitor)
    visitor.goto(site_url + "katalog/")
    visitor.wait_for_load_state("networkidle")
    assert traffic.started == [], f"diunduh sebelum pencarian dipakai: {traffic.started}"

    mark = len(traffic.finished)
    open_search(visitor)
    visitor.keyboard.type("layanan")
    visitor.wait_for_selector(LINK)
    visitor.evaluate("0")  # let the network events that came before the result reach us
    received = traffic.bytes_since(mark)

    assert any(u.endswith("/pagefind/pagefind.js") for u in received)
    assert any(u.endswith(".pf_index") for u in received)
    total = sum(received.values())
    assert 0 < total < FIRST_RESULT_BUDGET, f"{total} bytes sebelum hasil pertama: {received}"
    assert visitor.errors == []


def test_search_on_a_phone_opens_from_the_header_button(browser, site_url: str) -> None:
    context = browser.new_context(locale="id-ID", viewport={"width": 390, "height": 844}, has_touch=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    no_network_beyond_loopback(page)
    page.context.route("**/sitemap.xml", sitemap_for_where_it_is_served)
    try:
        page.goto(site_url)
        button = page.locator(HEADER_BUTTON)
        assert button.is_visible() and button.get_attribute("title") == "Cari inovasi"
        assert button.inner_text().strip() == "Cari inovasi"
        assert page.locator(".ki-cari .md-search__inner").bounding_box()["width"] == 0  # closed until asked
        search(page, "layanan")
        first = page.locator(RESULT).first.bounding_box()
        assert first["x"] >= 0 and first["x"] + first["width"] <= 390, "hasil lebih lebar dari layar"
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        assert errors == []
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_dialog_with_results_passes_axe(browser, site_url: str, scheme: str) -> None:
    context = browser.new_context(locale="id-ID", viewport={"width": 390, "height": 844}, color_scheme=scheme)
    page = context.new_page()
    no_network_beyond_loopback(page)
    try:
        page.goto(site_url)
        search(page, "layanan")
        page.wait_for_function(ANIMATIONS_DONE)  # Material fades the dialog in; axe measures the final colours
        page.add_script_tag(path=str(AXE_JS))
        violations = page.evaluate("""async () => (await axe.run(document.querySelector('.ki-cari'))).violations
            .map(v => `${v.id}: ${v.nodes.map(n => n.target.join(' ')).join(', ')}`)""")
        assert violations == []
    finally:
        context.close()


# --- a site served under a subpath (GitHub Pages project site) -----------------------------


SUBPATH = "/katalog-inovasi/"


def serve_under(folder: Path, prefix: str):
    """Serve ``folder`` at ``prefix`` only; everything else is 404."""

    class Prefixed(http.server.SimpleHTTPRequestHandler):
        def translate_path(self, path: str) -> str:
            if not path.startswith(prefix):
                return str(folder / "__tidak_ada__")
            return super().translate_path("/" + path[len(prefix):])

        def log_message(self, *args: object) -> None:
            pass

    return serve(functools.partial(Prefixed, directory=str(folder)))


def test_search_works_when_the_site_is_served_under_a_subpath(fresh_visitor, shipped_site: Path) -> None:
    visitor = fresh_visitor
    server = serve_under(shipped_site, SUBPATH)
    try:
        root = f"http://127.0.0.1:{server.server_address[1]}{SUBPATH}"
        traffic = Traffic(visitor, prefix=SUBPATH + "pagefind/")
        slug = min((ROOT / "content" / "inovasi").glob("*.yml")).stem
        visitor.goto(root + f"inovasi/{slug}/")  # a deep page: Material's base is "../.."
        search(visitor, "antre")
        href = visitor.locator(LINK).first.get_attribute("href")
        assert href.startswith(SUBPATH), href
        assert traffic.started and all(u.startswith(root + "pagefind/") for u in traffic.started)
        visitor.locator(LINK).first.click()
        visitor.wait_for_url(re.compile(re.escape(href) + "$"))
        assert visitor.locator("h1").first.inner_text().strip() != ""
        assert visitor.errors == []
    finally:
        server.shutdown()


def every_result(page, query: str) -> list[str]:
    """The links of every result for ``query``, loading more until there are no more."""
    search(page, query)
    while page.locator(MORE).is_visible():
        before = page.locator(RESULT).count()
        page.click(MORE)
        page.wait_for_function(f"n => document.querySelectorAll('{RESULT}').length > n", arg=before)
    return [link.get_attribute("href") for link in page.locator(LINK).all()]


def test_an_index_in_bundles_finds_what_the_one_index_finds(visitor, site_url: str, bundled_site: Path) -> None:
    """A large catalog's index comes in bundles (generator/search.py); the search merges them: the same pages for
    the same words as the shipped site's one index, from every bundle. Also for a word only some bundles hold
    ("sampah"), where the others would answer with similar words ("sampai"), and a word none holds ("sampak")."""
    from test_search_index import bundles, fragments

    holder = {url: n for n, folder in enumerate(bundles(bundled_site / "pagefind")) for url in fragments(folder)}
    server = serve_folder(bundled_site)
    try:
        split_url = f"http://127.0.0.1:{server.server_address[1]}/"
        for query in ("layanan", "inovasi", "sampah", "bank sampah", "pelayanan daring", "sampak"):
            visitor.goto(site_url)
            expected = every_result(visitor, query)
            visitor.goto(split_url)
            found = every_result(visitor, query)
            assert sorted(found) == sorted(expected) != [], (query, found, expected)
        assert len({holder[url] for url in found + expected}) > 1  # the answers came from several bundles
        assert visitor.errors == []
    finally:
        server.shutdown()


# --- data is text, never markup ------------------------------------------------------------


def test_page_text_that_looks_like_html_is_shown_as_text(visitor, catalog: Catalog) -> None:
    catalog.innovation("antrean-daring", VALID.replace(
        "nama: Antrean Daring Kependudukan", "nama: Tanda <b>Kurung</b> & Kode").replace(
        "Mengurangi waktu tunggu.", "Mengurangi waktu tunggu zxqkurung: nilai 3 < 5 dan 7 > 2, R&D."))
    site = catalog.root / "site"
    catalog.run("build", "--site", str(site), check=True)
    server = serve_folder(site)
    try:
        visitor.goto(f"http://127.0.0.1:{server.server_address[1]}/")
        search(visitor, "zxqkurung")
        item = visitor.locator(RESULT).first
        assert item.locator(".ki-cari__tautan").inner_text() == "Tanda <b>Kurung</b> & Kode"
        assert "nilai 3 < 5 dan 7 > 2, R&D" in item.locator(".ki-cari__cuplikan").inner_text()
        assert item.locator("b, img").count() == 0
        assert item.locator(".ki-cari__cuplikan mark").inner_text().lower().startswith("zxqkurung")
        assert visitor.errors == []
    finally:
        server.shutdown()
