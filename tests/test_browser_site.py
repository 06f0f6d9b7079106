"""The public site as a visitor sees it, at 390 px (a phone) and 1280 px, light and dark.

On every kind of page: nothing wider than the screen, no visible text or control
covered by another element, no serious or critical axe violation, and the
site-wide notice while sample innovations are published (all shipped ones are).
"""

from __future__ import annotations

import pytest

from tests.conftest import AXE_JS, ROOT

#: axe-core as the tools server (conftest ``tools_url``) serves it, so the browser keeps it between pages.
AXE_PATH = AXE_JS.relative_to(ROOT / "node_modules").as_posix()

PAGES = {
    "beranda": "",
    "katalog": "katalog/",
    "inovasi": "inovasi/antrean-daring-kependudukan/",
    "unit": "perangkat-daerah/disdukcapil/",
    "perangkat-daerah": "perangkat-daerah/",
    "statistik": "statistik/",
    "iid": "iid/",  # the region's IID readiness; "inovasi" above carries a "Kesiapan IID" panel
    "data": "data/",
    "kontribusi": "cara-berkontribusi/",
    "tentang": "tentang/",
    "404": "404.html",  # what GitHub Pages serves for any unknown address (the test server serves no 404 page)
}
WIDTHS = {"ponsel": (390, 844), "lebar": (1280, 900)}

#: Visible things that must not be hidden under another element (the check samples each one's centre).
_COVERED = """() => {
  const picks = document.querySelectorAll(['.md-content a', '.md-content button', '.md-content h1', '.md-content h2',
    '.md-content p', '.md-content td', '.md-banner p', '.md-header__title', '.md-footer a'].join(', '));
  const covered = [];
  for (const el of picks) {
    const box = el.getBoundingClientRect();
    if (box.width < 2 || box.height < 2) continue;
    if (box.bottom < 0 || box.top > innerHeight || box.right < 0 || box.left > innerWidth) continue;
    // Inside a closed <details> an element keeps a box but is not rendered.
    if (!el.checkVisibility({visibilityProperty: true, contentVisibilityAuto: true})) continue;
    if (el.closest('details:not([open])') && !el.closest('summary')) continue;
    const x = Math.min(Math.max(box.left + box.width / 2, 0), innerWidth - 1);
    const y = Math.min(Math.max(box.top + Math.min(box.height, 40) / 2, 0), innerHeight - 1);
    const top = document.elementFromPoint(x, y);
    if (!top || el.contains(top) || top.contains(el)) continue;
    // Material's sticky header covers content scrolled beneath it by design; only the first screen is checked.
    if (top.closest('.md-header, .md-tabs') && box.top < 120) continue;
    covered.push(el.tagName + ' "' + (el.textContent || '').trim().slice(0, 40) + '" under ' + top.tagName + '.' + top.className);
  }
  return covered;
}"""


def _serious_violations(page) -> list[str]:
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes'][:3]]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def _settle(page) -> None:
    """Fonts loaded and Material's transitions (a scheme switch fades the colours) finished."""
    page.wait_for_function("() => document.fonts.status === 'loaded'"
                           " && document.getAnimations().every(a => a.playState === 'finished')")


def _fits_uncovered_and_accessible(page, scheme: str) -> None:
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth"), f"lebih lebar dari layar ({scheme})"
    assert page.evaluate(_COVERED) == [], scheme
    assert _serious_violations(page) == [], scheme


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("name", list(PAGES))
def test_page_fits_is_uncovered_accessible_and_says_it_holds_samples_in_light_and_dark(
        page, site_url: str, tools_url: str, name: str, width: str) -> None:
    """Light as the visitor's system asks, then dark through the header's switch, on the same page load. Both schemes
    are Material's ``data-md-color-scheme`` on the body, which is all the site's styles read (none uses the
    prefers-color-scheme media query), so a system that asks for dark gets the same page
    (:func:`test_a_system_asking_for_dark_gets_the_dark_scheme_on_load`)."""
    w, h = WIDTHS[width]
    page.set_viewport_size({"width": w, "height": h})
    page.emulate_media(color_scheme="light")
    page.goto(site_url + PAGES[name])
    _settle(page)  # goto() waited for the load event (styles, scripts, images)
    notice = page.locator(".md-banner .ki-banner-contoh")
    assert notice.is_visible() and "data contoh" in notice.inner_text()
    page.add_script_tag(url=tools_url + AXE_PATH)
    assert page.evaluate("document.body.dataset.mdColorScheme") == "default"
    _fits_uncovered_and_accessible(page, "terang")
    page.locator("label[title='Ganti ke mode gelap']").click()
    page.wait_for_function("document.body.dataset.mdColorScheme === 'slate'")
    _settle(page)
    _fits_uncovered_and_accessible(page, "gelap")
    if name != "404":
        assert page.errors == []


def test_a_system_asking_for_dark_gets_the_dark_scheme_on_load(page, site_url: str) -> None:
    page.emulate_media(color_scheme="dark")
    page.goto(site_url + PAGES["inovasi"])
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    assert page.locator("label[title='Ganti ke mode terang']").is_visible()
    assert not page.locator("label[title='Ganti ke mode gelap']").is_visible()


def test_phone_listing_shows_every_field_of_an_innovation_as_a_card(page, site_url: str) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site_url + "katalog/")
    row = page.locator(".ki-tabel tbody tr").first
    for cell in row.locator("td").all():
        box = cell.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390
    labels = row.evaluate("(tr) => Array.from(tr.cells, (td) => getComputedStyle(td, '::before').content)")
    assert '"Tahun: "' in labels and '"Perangkat daerah: "' in labels


def test_iid_panel_and_page_are_cards_on_a_phone(page, site_url: str) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site_url + "inovasi/antrean-daring-kependudukan/")
    row = page.locator(".ki-iid-tabel tbody tr").first
    assert row.evaluate("(tr) => getComputedStyle(tr).display") == "flex"
    for cell in row.locator("td").all():
        box = cell.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390
    labels = row.evaluate("(tr) => Array.from(tr.cells, (td) => getComputedStyle(td, '::before').content)")
    assert '"Bukti: "' in labels and '"Verifikasi: "' in labels
    assert page.locator(".ki-iid-tabel a[href*='bukti/']").first.is_visible()
    page.goto(site_url + "iid/")
    for table in (".ki-iid-daftar", ".ki-iid-simulasi .ki-iid-rekap"):
        first = page.locator(f"{table} tbody tr").first
        assert first.evaluate("(tr) => getComputedStyle(tr).display") == "flex", table
    assert page.locator(".ki-iid-simulasi h2", has_text="Simulasi dengan data contoh").is_visible()


def test_names_never_break_inside_a_word_on_a_phone(page, site_url: str) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    for path in ("katalog/", "perangkat-daerah/", "perangkat-daerah/disdukcapil/", "statistik/"):
        page.goto(site_url + path)
        broken = page.evaluate("""() => Array.from(document.querySelectorAll('.md-content td a, .md-content th'))
          .filter((el) => { const s = getComputedStyle(el); return s.wordBreak === 'break-all' || s.overflowWrap === 'anywhere'
             || el.scrollWidth > el.clientWidth + 1; }).map((el) => el.textContent.trim())""")
        assert broken == [], path


def test_unit_table_sorts_by_count_and_status(page, site_url: str) -> None:
    page.goto(site_url + "perangkat-daerah/")
    table = page.locator("table[data-ki-urutkan]")
    table.locator("th button", has_text="Semua inovasi").click()
    table.locator("th button", has_text="Semua inovasi").click()
    counts = [int(t) for t in table.locator("tbody td:nth-child(4)").all_inner_texts()]
    assert counts == sorted(counts, reverse=True) and counts[0] > 0
    assert table.locator("th[aria-sort=descending]").count() == 1


def test_home_has_search_targets_and_ways_in(page, site_url: str) -> None:
    page.goto(site_url)
    page.fill("#ki-cari-beranda", "posyandu")
    page.press("#ki-cari-beranda", "Enter")
    page.wait_for_url("**/katalog/?q=posyandu")
    page.wait_for_function("() => document.querySelectorAll('.ki-tabel tbody tr:not([hidden])').length === 1")
    page.goto(site_url)
    text = page.inner_text("article")
    assert "dari 100 inovasi tahun 2025" in text and "Dihitung dari inovasi resmi" in text
    for way in ("Menurut perangkat daerah", "Menurut urusan", "Menurut tahapan"):
        assert way in text


def test_breadcrumbs_lead_back_to_the_listing(page, site_url: str) -> None:
    for path, listing in (("inovasi/antrean-daring-kependudukan/", "Katalog"),
                          ("perangkat-daerah/disdukcapil/", "Perangkat daerah"),
                          ("urusan/administrasi_kependudukan/", "Urusan")):
        page.goto(site_url + path)
        crumbs = page.locator("nav.ki-remah li").all_inner_texts()
        assert crumbs[:2] == ["Beranda", listing], path
    # The trail starts at the text's edge, as the title under it does (phone walk: "Beranda" was indented 19 px).
    for width, height in WIDTHS.values():
        page.set_viewport_size({"width": width, "height": height})
        page.goto(site_url + "inovasi/antrean-daring-kependudukan/")
        first = page.locator("nav.ki-remah li").first.bounding_box()
        title = page.locator("article h1").first.bounding_box()
        assert first is not None and title is not None and abs(first["x"] - title["x"]) <= 1, (width, first, title)


def test_back_to_top_is_a_small_button_above_the_bottom_edge_on_a_phone(page, site_url: str) -> None:
    """Phone walk: Material writes the button's top into its style, so with the theme's bottom as well it stretched
    into a pill over the middle of the screen, hiding the text and catching taps meant for links."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site_url + "statistik/")
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_function("() => window.scrollY > 800")
    page.mouse.wheel(0, -400)  # Material shows the button when the visitor scrolls back up
    page.wait_for_function("() => { const b = document.querySelector('.md-top');"
                           " return b && !b.classList.contains('md-top--hidden') && !b.hidden; }")
    box = page.locator(".md-top").bounding_box()
    assert box is not None and box["height"] < 60 and box["y"] > 844 / 2, box


def test_404_is_indonesian_with_a_search_and_ways_on(page, site_url: str) -> None:
    page.goto(site_url + "404.html")
    assert page.locator("h1").inner_text() == "Halaman tidak ditemukan"
    assert page.get_by_role("search").count() >= 1
    assert page.get_by_role("link", name="Semua inovasi").count() == 1


def test_active_tab_stands_out(page, site_url: str) -> None:
    page.goto(site_url + "statistik/")
    active = page.locator(".md-tabs__item--active .md-tabs__link")
    assert active.inner_text() == "Statistik"
    style = active.evaluate("(el) => { const s = getComputedStyle(el); return [s.fontWeight, s.borderBottomStyle, s.opacity]; }")
    assert int(style[0]) >= 700 and style[1] == "solid" and float(style[2]) == 1


def test_filters_show_chips_and_one_tap_clears(page, site_url: str) -> None:
    page.goto(site_url + "katalog/?tahapan=penerapan&jenis=digital")
    page.wait_for_selector("[data-ki-katalog][data-ki-siap]", state="attached")
    chips = page.locator(".ki-chip-baris .ki-chip")
    assert chips.count() == 3  # two filters and "Hapus semua"
    page.locator(".ki-chip", has_text="Tahapan: Penerapan").click()
    assert "tahapan=" not in page.url and "jenis=digital" in page.url
    page.get_by_role("button", name="Hapus semua").click()
    assert "jenis=" not in page.url
    assert page.locator(".ki-chip-baris").is_hidden()
    # Long facets start folded, short ones open; each folds with one tap.
    unit = page.locator(".ki-facet__buka", has_text="Perangkat daerah")
    assert unit.get_attribute("aria-expanded") == "false"
    unit.click()
    assert unit.get_attribute("aria-expanded") == "true"


def test_home_shows_the_target_progress(page, site_url: str) -> None:
    page.goto(site_url)
    text = page.inner_text("article")
    assert "Katalog Inovasi Kota Pangkalpinang" in text
    assert "dari 100 inovasi tahun 2025" in text
