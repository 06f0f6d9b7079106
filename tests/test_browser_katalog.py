"""/katalog/ in a real browser, on the shipped site: the whole table without JavaScript; with it,
facet filters and their counts, text search, sorting, the state in the URL (shareable links,
back/forward), Material's instant navigation, and a phone-width layout.

Expected rows are computed from content/ itself, never hard-coded, so the tests follow the data.
"""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from conftest import ROOT

CONTENT = ROOT / "content"


# --- what content/ says -----------------------------------------------------------------------


def _load(path: Path) -> object:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


INNOVATIONS: dict[str, dict] = {p.stem: _load(p) for p in sorted((CONTENT / "inovasi").glob("*.yml"))}  # type: ignore[misc]
UNITS = {u["id"]: u for u in _load(CONTENT / "perangkat-daerah.yml")}  # type: ignore[union-attr]
AFFAIRS = {a["id"]: a for a in _load(CONTENT / "urusan.yml")}  # type: ignore[union-attr]
SCHEMA = json.loads((ROOT / "generator" / "schema" / "inovasi.schema.json").read_text(encoding="utf-8"))


def slugs_where(**facets: object) -> set[str]:
    """Slugs of the innovations whose top-level keys have the given values."""
    return {slug for slug, d in INNOVATIONS.items() if all(d.get(k) == v for k, v in facets.items())}


def fold(text: str) -> str:
    """Lower case without diacritics, as the search box compares."""
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)).lower()


def searchable(d: dict) -> str:
    """The text a row is searched in: what its cells show, the unit's full name and the tags."""
    unit = UNITS[d["perangkat_daerah"]]
    labels = [SCHEMA["properties"][k]["x-label"][d[k]] for k in ("bentuk", "jenis", "tahapan")]
    parts = [d["nama"], unit["nama"], unit.get("singkatan") or "", *labels,
             AFFAIRS[d["urusan"]["utama"]]["nama"], str(d["tahun"]), *d.get("tag", [])]
    return fold(" ".join(parts))


def slugs_matching(query: str) -> set[str]:
    words = fold(query).split()
    return {slug for slug, d in INNOVATIONS.items() if all(w in searchable(d) for w in words)}


# --- the page ------------------------------------------------------------------------------------


PUBLIC_URL = str(_load(CONTENT / "katalog.yml")["situs"])  # type: ignore[index]


def as_deployed(context, site_url: str) -> None:
    """Make the loopback server look like the public site to Material's scripts.

    - Material navigates instantly only to URLs listed in sitemap.xml, which names the public
      site (katalog.yml ``situs``). It maps those onto the current protocol and host name but
      keeps their port, so on a loopback server with a random port no link would qualify:
      serve the sitemap with the test server's base instead, as the public deployment has it.
    - Material's header asks api.github.com for the repository's stars; the test machine is
      offline. Answer locally, so that failed fetch is not counted as an error of this page.
    Any other request leaving the loopback site still fails and shows up in the errors.
    """
    def sitemap(route) -> None:
        response = route.fetch()
        route.fulfill(response=response, body=response.text().replace(PUBLIC_URL, site_url))

    context.route(f"{site_url}sitemap.xml", sitemap)
    context.route("https://api.github.com/**",
                  lambda route: route.fulfill(status=200, content_type="application/json", body="{}"))


def open_katalog(page, site_url: str, query: str = "") -> None:
    as_deployed(page.context, site_url)
    page.goto(f"{site_url}katalog/{query}")
    page.wait_for_selector("[data-ki-katalog][data-ki-siap]", state="attached")


def visible_slugs(page) -> list[str]:
    """Slugs of the table rows a reader sees, top to bottom."""
    return page.evaluate("""() => Array.from(document.querySelectorAll('.ki-tabel tbody tr'))
        .filter((tr) => tr.offsetParent !== null)
        .map((tr) => tr.querySelector('a').getAttribute('href').split('/').filter(Boolean).pop())""")


def visible_years(page) -> list[int]:
    return [int(INNOVATIONS[s]["tahun"]) for s in visible_slugs(page)]


def box(page, param: str, value: str):
    return page.locator(f'.ki-saring input[type="checkbox"][name="{param}"][value="{value}"]')


def count(page, param: str, value: str) -> int:
    return int(box(page, param, value).locator("xpath=..").locator(".ki-opsi__n").inner_text())


def status(page) -> str:
    return page.locator(".ki-hasil").inner_text().strip()


def query_of(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def checked(page) -> set[tuple[str, str]]:
    return set(map(tuple, page.evaluate("""() => Array.from(document.querySelectorAll('.ki-saring input:checked'))
        .map((b) => [b.name, b.value])""")))


def tab(page, name: str):
    """A navigation tab of Material's header."""
    return page.locator(".md-tabs").get_by_role("link", name=name, exact=True)


def sort_button(page, header: str):
    return page.locator(".ki-tabel thead th", has_text=header).locator("button.ki-urut")


# --- without JavaScript ------------------------------------------------------------------------


def test_without_javascript_the_table_lists_every_innovation(browser, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(f"{site_url}katalog/?tahapan=penerapan")
        assert sorted(visible_slugs(page)) == sorted(INNOVATIONS)
        names = page.locator(".ki-tabel tbody tr td:first-child a").all_inner_texts()
        assert sorted(names) == sorted(d["nama"] for d in INNOVATIONS.values())
        # Controls that would do nothing stay out of sight.
        assert not page.locator(".ki-saring").is_visible()
        assert not page.locator(".ki-hasil").is_visible()
    finally:
        context.unroute_all(behavior="ignoreErrors")  # a late sitemap request may still be in its handler
        context.close()


def test_every_row_carries_its_facet_ids(page, site_url: str) -> None:
    open_katalog(page, site_url)
    rows = page.evaluate("""() => Array.from(document.querySelectorAll('.ki-tabel tbody tr'), (tr) => ({
        slug: tr.querySelector('a').getAttribute('href').split('/').filter(Boolean).pop(),
        data: Object.assign({}, tr.dataset)}))""")
    for row in rows:
        d, data = INNOVATIONS[row["slug"]], row["data"]
        assert (data["unit"], data["bentuk"], data["jenis"], data["tahapan"], data["urusan"], data["tahun"]) == (
            d["perangkat_daerah"], d["bentuk"], d["jenis"], d["tahapan"], d["urusan"]["utama"], str(d["tahun"]))
        assert data["tematik"] == (d.get("tematik") or "")
        assert data["cari"] == data["cari"].lower() and fold(d["nama"]) in fold(data["cari"])
    assert page.errors == []


# --- filters and counts --------------------------------------------------------------------------


def test_choosing_tahapan_penerapan_shows_exactly_those_innovations(page, site_url: str) -> None:
    open_katalog(page, site_url)
    total = len(INNOVATIONS)
    assert status(page) == f"{total} dari {total} inovasi"
    expected = slugs_where(tahapan="penerapan")
    assert expected and len(expected) < total

    box(page, "tahapan", "penerapan").check()

    assert set(visible_slugs(page)) == expected
    assert status(page) == f"{len(expected)} dari {total} inovasi"
    assert query_of(page)["tahapan"] == ["penerapan"]
    assert page.locator(".ki-saring__aktif").inner_text() == "(1 aktif)"
    assert page.errors == []


def test_counts_follow_the_other_facets_filters(page, site_url: str) -> None:
    open_katalog(page, site_url)
    penerapan = slugs_where(tahapan="penerapan")
    all_stages = Counter(d["tahapan"] for d in INNOVATIONS.values())

    box(page, "tahapan", "penerapan").check()

    # Other facets count within the filtered rows ...
    jenis = Counter(INNOVATIONS[s]["jenis"] for s in penerapan)
    for value in ("digital", "non_digital"):
        assert count(page, "jenis", value) == jenis[value]
    units = Counter(INNOVATIONS[s]["perangkat_daerah"] for s in penerapan)
    page.locator(".ki-facet__buka", has_text="Perangkat daerah").click()  # long facets start folded
    for unit_id in {d["perangkat_daerah"] for d in INNOVATIONS.values()}:
        assert count(page, "perangkat_daerah", unit_id) == units[unit_id]
        # ... and a value that would leave nothing is shown, but cannot be ticked.
        assert box(page, "perangkat_daerah", unit_id).is_visible()
        assert box(page, "perangkat_daerah", unit_id).is_disabled() == (units[unit_id] == 0)
    # The facet's own counts ignore its own selection: what ticking another value would add.
    for stage in ("inisiatif", "uji_coba", "penerapan"):
        assert count(page, "tahapan", stage) == all_stages[stage]
    assert page.errors == []


def test_values_within_a_facet_are_alternatives_and_facets_combine(page, site_url: str) -> None:
    open_katalog(page, site_url)
    box(page, "tahapan", "penerapan").check()
    box(page, "tahapan", "uji_coba").check()
    either = slugs_where(tahapan="penerapan") | slugs_where(tahapan="uji_coba")
    assert set(visible_slugs(page)) == either

    box(page, "jenis", "digital").check()
    assert set(visible_slugs(page)) == either & slugs_where(jenis="digital")
    assert query_of(page) == {"tahapan": ["uji_coba", "penerapan"], "jenis": ["digital"]}
    assert page.errors == []


def test_filtered_link_opened_in_a_fresh_page_shows_the_same_rows(page, site_url: str, browser) -> None:
    open_katalog(page, site_url)
    box(page, "tahapan", "penerapan").check()
    box(page, "jenis", "digital").check()
    shared = page.url
    rows = visible_slugs(page)

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        as_deployed(context, site_url)
        fresh = context.new_page()
        errors: list[str] = []
        fresh.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        fresh.on("pageerror", lambda e: errors.append(str(e)))
        fresh.goto(shared)
        fresh.wait_for_selector("[data-ki-katalog][data-ki-siap]", state="attached")
        assert visible_slugs(fresh) == rows
        assert set(rows) == slugs_where(tahapan="penerapan", jenis="digital")
        assert checked(fresh) == {("tahapan", "penerapan"), ("jenis", "digital")}
        assert status(fresh) == f"{len(rows)} dari {len(INNOVATIONS)} inovasi"
        assert errors == []
    finally:
        context.unroute_all(behavior="ignoreErrors")  # a late sitemap request may still be in its handler
        context.close()
    assert page.errors == []


def test_link_with_unknown_values_is_tidied(page, site_url: str) -> None:
    open_katalog(page, site_url, "?tahapan=penerapan,tidak-ada&jenis=&urut=apa-asc")
    assert set(visible_slugs(page)) == slugs_where(tahapan="penerapan")
    assert query_of(page) == {"tahapan": ["penerapan"]}
    assert page.errors == []


def test_back_and_forward_restore_the_previous_filters(page, site_url: str) -> None:
    open_katalog(page, site_url)
    everything = set(INNOVATIONS)
    box(page, "tahapan", "penerapan").check()
    box(page, "jenis", "digital").check()
    both = slugs_where(tahapan="penerapan", jenis="digital")
    assert set(visible_slugs(page)) == both

    page.go_back()
    page.wait_for_function("() => !location.search.includes('jenis')")
    assert set(visible_slugs(page)) == slugs_where(tahapan="penerapan")
    assert checked(page) == {("tahapan", "penerapan")}

    page.go_back()
    page.wait_for_function("() => location.search === ''")
    assert set(visible_slugs(page)) == everything
    assert checked(page) == set()
    assert status(page) == f"{len(everything)} dari {len(everything)} inovasi"

    page.go_forward()
    page.wait_for_function("() => location.search.includes('tahapan')")
    assert set(visible_slugs(page)) == slugs_where(tahapan="penerapan")
    assert checked(page) == {("tahapan", "penerapan")}
    assert page.errors == []


# --- text search ----------------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["PÉRÍZINAN", "daring kependudukan", "antre"])
def test_typing_filters_rows_ignoring_case_and_diacritics(page, site_url: str, typed: str) -> None:
    open_katalog(page, site_url)
    expected = slugs_matching(typed)
    assert expected and expected != set(INNOVATIONS), f"{typed!r} is no useful probe of this content"

    entries = page.evaluate("history.length")
    page.get_by_label("Cari di tabel").fill(typed)

    assert set(visible_slugs(page)) == expected
    assert status(page) == f"{len(expected)} dari {len(INNOVATIONS)} inovasi"
    # The URL follows once typing pauses, without adding a history entry per keystroke.
    page.wait_for_function("(q) => new URLSearchParams(location.search).get('q') === q", arg=typed)
    assert page.evaluate("history.length") == entries
    assert page.errors == []


def test_search_and_facets_combine(page, site_url: str) -> None:
    open_katalog(page, site_url)
    page.get_by_label("Cari di tabel").fill("digital")
    box(page, "tahapan", "uji_coba").check()
    assert set(visible_slugs(page)) == slugs_matching("digital") & slugs_where(tahapan="uji_coba")
    assert page.errors == []


def test_search_without_match_says_so_and_offers_reset(page, site_url: str) -> None:
    open_katalog(page, site_url)
    page.get_by_label("Cari di tabel").fill("zzzz tidak ada")
    assert visible_slugs(page) == []
    assert status(page) == f"0 dari {len(INNOVATIONS)} inovasi"
    empty = page.locator(".ki-kosong")
    assert empty.is_visible()
    empty.get_by_role("button", name="Hapus filter").click()
    assert len(visible_slugs(page)) == len(INNOVATIONS)
    assert not empty.is_visible()
    assert page.errors == []


# --- sorting -----------------------------------------------------------------------------------------


def test_sorting_by_tahun_in_both_directions(page, site_url: str) -> None:
    open_katalog(page, site_url)
    header = page.locator(".ki-tabel thead th", has_text="Tahun")
    years = sorted(int(d["tahun"]) for d in INNOVATIONS.values())
    assert len(set(years)) > 1, "content has a single year: sorting by year proves nothing"

    sort_button(page, "Tahun").click()
    assert visible_years(page) == years
    assert header.get_attribute("aria-sort") == "ascending"
    assert query_of(page)["urut"] == ["tahun-asc"]

    sort_button(page, "Tahun").click()
    assert visible_years(page) == years[::-1]
    assert header.get_attribute("aria-sort") == "descending"
    assert query_of(page)["urut"] == ["tahun-desc"]
    # Only the sorted column claims an order.
    assert page.locator(".ki-tabel thead th[aria-sort]").count() == 1
    assert page.errors == []


def test_sorting_by_name_and_keeping_the_sort_with_filters(page, site_url: str) -> None:
    open_katalog(page, site_url, "?urut=tahun-desc&tahapan=penerapan")
    assert visible_years(page) == sorted((int(INNOVATIONS[s]["tahun"]) for s in slugs_where(tahapan="penerapan")),
                                         reverse=True)
    sort_button(page, "Inovasi").click()
    names = [fold(INNOVATIONS[s]["nama"]) for s in visible_slugs(page)]
    assert names == sorted(names)
    sort_button(page, "Inovasi").click()
    names = [fold(INNOVATIONS[s]["nama"]) for s in visible_slugs(page)]
    assert names == sorted(names, reverse=True)
    assert page.locator(".ki-tabel thead th", has_text="Inovasi").get_attribute("aria-sort") == "descending"
    assert page.errors == []


# --- reset ----------------------------------------------------------------------------------------


def test_reset_shows_everything_again(page, site_url: str) -> None:
    open_katalog(page, site_url, "?tahapan=penerapan&jenis=digital&q=a")
    assert len(visible_slugs(page)) < len(INNOVATIONS)

    page.locator(".ki-saring").get_by_role("button", name="Hapus filter").click()

    assert sorted(visible_slugs(page)) == sorted(INNOVATIONS)
    assert checked(page) == set()
    assert page.get_by_label("Cari di tabel").input_value() == ""
    assert status(page) == f"{len(INNOVATIONS)} dari {len(INNOVATIONS)} inovasi"
    assert query_of(page) == {}
    assert page.errors == []


# --- instant navigation ------------------------------------------------------------------------------


def test_instant_navigation_away_and_back_keeps_the_page_working(page, site_url: str) -> None:
    open_katalog(page, site_url)
    page.evaluate("window.__samaHalaman = true")  # survives only if the document is never reloaded

    tab(page, "Statistik").click()
    page.wait_for_url("**/statistik/")
    tab(page, "Katalog").click()
    page.wait_for_url("**/katalog/")
    page.wait_for_selector("[data-ki-katalog][data-ki-siap]", state="attached")
    assert page.evaluate("window.__samaHalaman === true"), "Material reloaded the page: not an instant navigation"

    # One set of controls, one sort button per sortable column.
    assert page.locator(".ki-saring").count() == 1
    assert page.locator(".ki-tabel thead th button.ki-urut").count() == 4
    assert page.locator(".ki-tabel thead th button.ki-urut").count() == page.locator(".ki-tabel thead th[data-ki-urut]").count()

    box(page, "tahapan", "penerapan").check()
    assert set(visible_slugs(page)) == slugs_where(tahapan="penerapan")
    assert query_of(page) == {"tahapan": ["penerapan"]}
    sort_button(page, "Tahun").click()
    assert page.locator(".ki-tabel thead th[aria-sort]").count() == 1
    assert visible_years(page) == sorted(int(INNOVATIONS[s]["tahun"]) for s in slugs_where(tahapan="penerapan"))
    assert page.errors == []


def test_back_to_the_filtered_katalog_from_another_page_restores_it(page, site_url: str) -> None:
    open_katalog(page, site_url)
    box(page, "jenis", "non_digital").check()
    tab(page, "Statistik").click()
    page.wait_for_url("**/statistik/")

    page.go_back()
    page.wait_for_url("**/katalog/?jenis=non_digital")
    page.wait_for_selector("[data-ki-katalog][data-ki-siap]", state="attached")
    assert set(visible_slugs(page)) == slugs_where(jenis="non_digital")
    assert checked(page) == {("jenis", "non_digital")}
    assert page.errors == []


def test_katalog_tab_on_the_filtered_katalog_shows_everything_and_back_returns(page, site_url: str) -> None:
    open_katalog(page, site_url, "?tahapan=penerapan")
    tab(page, "Katalog").click()
    page.wait_for_url("**/katalog/")
    page.wait_for_function("(n) => document.querySelectorAll('.ki-tabel tbody tr:not([hidden])').length === n",
                           arg=len(INNOVATIONS))
    assert sorted(visible_slugs(page)) == sorted(INNOVATIONS)
    assert checked(page) == set()

    page.go_back()
    page.wait_for_url("**/katalog/?tahapan=penerapan")
    page.wait_for_function("() => document.querySelector('.ki-saring input[value=penerapan]:checked') !== null")
    assert set(visible_slugs(page)) == slugs_where(tahapan="penerapan")
    assert page.errors == []


# --- phones ------------------------------------------------------------------------------------------


def test_phone_width_page_does_not_scroll_sideways(browser, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    try:
        as_deployed(context, site_url)
        page = context.new_page()
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(f"{site_url}katalog/?tahapan=penerapan")
        page.wait_for_selector("[data-ki-katalog][data-ki-siap]", state="attached")
        fits = "() => document.documentElement.scrollWidth <= window.innerWidth"

        # Folded by default, the active filter still announced on the fold.
        saring = page.locator(".ki-saring")
        assert saring.get_attribute("open") is None
        assert "1 aktif" in saring.locator("summary").inner_text()
        assert page.evaluate(fits)
        # Each innovation is a card as wide as the screen: nothing scrolls sideways.
        assert page.evaluate(
            "() => { const w = document.querySelector('.ki-tabel-wadah'); return w.scrollWidth <= w.clientWidth + 1; }")

        saring.locator("summary").click()
        assert page.get_by_label("Cari di tabel").is_visible()
        assert page.evaluate(fits)
        page.get_by_role("button", name="Lihat hasil").click()
        assert saring.get_attribute("open") is None
        assert set(visible_slugs(page)) == slugs_where(tahapan="penerapan")
        assert errors == []
    finally:
        context.unroute_all(behavior="ignoreErrors")  # a late sitemap request may still be in its handler
        context.close()


def test_controls_are_labelled(page, site_url: str) -> None:
    open_katalog(page, site_url)
    unlabelled = page.evaluate("""() => Array.from(document.querySelectorAll('.ki-katalog input, .ki-katalog button'))
        .filter((el) => !(el.labels && el.labels.length) && !el.textContent.trim())
        .map((el) => el.outerHTML)""")
    assert unlabelled == []
    legends = page.locator(".ki-saring fieldset legend").all_inner_texts()
    assert legends == ["Perangkat daerah", "Bentuk", "Jenis", "Tahapan", "Urusan utama", "Tahun", "Tematik"]
    live = page.locator(".ki-hasil")
    assert live.get_attribute("role") == "status" and live.get_attribute("aria-live") == "polite"
    assert page.errors == []
