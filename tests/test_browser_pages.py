"""The public pages in a real browser: accessible, usable on a phone, no console errors.

Runs axe-core (from npm, injected into the page) on the shipped site served on
loopback, with Debian's Chromium driven by Playwright.
"""

from __future__ import annotations

import pytest

from tests.conftest import AXE_JS

PAGES = ["", "katalog/", "inovasi/antrean-daring-kependudukan/", "statistik/", "perangkat-daerah/", "data/", "tentang/"]


def _serious_violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes'][:3]]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", PAGES)
def test_page_has_no_serious_accessibility_violation(page, site_url: str, path: str, scheme: str) -> None:
    page.emulate_media(color_scheme=scheme)
    page.goto(site_url + path)
    assert _serious_violations(page) == []
    assert page.errors == []


@pytest.mark.parametrize("path", PAGES)
def test_phone_width_has_no_horizontal_scrolling(page, site_url: str, path: str) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site_url + path)
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    assert page.errors == []


def test_home_shows_the_target_progress(page, site_url: str) -> None:
    page.goto(site_url)
    text = page.inner_text("article")
    assert "Katalog Inovasi Kota Pangkalpinang" in text
    assert "dari 100 inovasi tahun 2025" in text
