"""Search ranking on the shipped site: what a citizen types and the innovation they want in the first three.

Runs Pagefind in Chromium exactly as the header search does. Listing pages
(katalog, units, urusan, statistics) are not in the index, so innovations come
first; hand-written pages are indexed at half weight. Spelling variants come
from the synonym list in content/katalog.yml (``sinonim``).
"""

from __future__ import annotations

import pytest

#: (query, slug expected among the first three results)
RANKING = [
    ("antrean", "antrean-daring-kependudukan"),
    ("layanan kependudukan", "antrean-daring-kependudukan"),
    ("kesehatan", "posyandu-digital-tumbuh-kembang"),
    ("lansia", "jemput-bola-bantuan-lansia"),
    ("bantuan sosial", "jemput-bola-bantuan-lansia"),
    ("ktp-el", "antrean-daring-kependudukan"),
    ("puskesmas", "posyandu-digital-tumbuh-kembang"),
    ("balita", "posyandu-digital-tumbuh-kembang"),
    ("stunting", "posyandu-digital-tumbuh-kembang"),
    ("sampah", "bank-sampah-kelurahan"),
    ("plastik", "kantin-sehat-tanpa-plastik"),
    ("parkir", "parkir-tepi-jalan-nontunai"),
    ("pajak", "pembayaran-pbb-qris"),
    ("qris", "pembayaran-pbb-qris"),
    ("wisata", "kode-qr-destinasi-wisata"),
    ("literasi", "gerakan-literasi-pagi"),
    ("perpustakaan", "pojok-baca-ruang-publik"),
    ("banjir", "peringatan-dini-banjir"),
    ("perizinan", "klinik-perizinan-oss"),
    ("umkm", "klinik-perizinan-oss"),
    ("lowongan kerja", "bursa-kerja-daring"),
    ("kinerja pegawai", "e-kinerja-asn"),
    ("hidroponik", "pekarangan-pangan-lestari"),
    ("katalog inovasi", "repositori-katalog-inovasi"),
]
#: Spellings that only the synonym list of katalog.yml connects to the page's words.
SYNONYMS = [
    ("antri", "antrean-daring-kependudukan"),
    ("antrian", "antrean-daring-kependudukan"),
    ("e-ktp", "antrean-daring-kependudukan"),
    ("online", "bursa-kerja-daring"),  # 'daring' in its name; four innovations say daring
    ("pusat kesehatan masyarakat", "posyandu-digital-tumbuh-kembang"),
]
#: Listing and index pages never answer a search.
NOT_INDEXED = ["katalog", "perangkat-daerah", "urusan", "statistik", "data"]


_SEARCH = """async (q) => {
  const pf = await import(new URL('pagefind/pagefind.js', document.baseURI).href);
  await pf.init();
  const answer = await pf.search(q);
  const top = await Promise.all(answer.results.slice(0, 10).map((r) => r.data()));
  return top.map((d) => d.url);
}"""


def _top(page, query: str) -> list[str]:
    return [url.strip("/").split("/")[-1] if "/inovasi/" in url else url for url in page.evaluate(_SEARCH, query)]


@pytest.fixture
def home(page, site_url: str):
    page.goto(site_url)
    return page


def test_every_query_finds_its_innovation_in_the_first_three(home) -> None:
    misses = {q: _top(home, q)[:3] for q, slug in RANKING if slug not in _top(home, q)[:3]}
    assert misses == {}, f"{len(RANKING) - len(misses)} dari {len(RANKING)} kueri tepat"


def test_spelling_variants_find_the_same_innovation(home) -> None:
    misses = {q: _top(home, q)[:3] for q, slug in SYNONYMS if slug not in _top(home, q)[:3]}
    assert misses == {}


def test_innovations_come_before_anything_else(home) -> None:
    for query in ("layanan", "pelayanan", "data", "kependudukan"):
        urls = home.evaluate(_SEARCH, query)
        kinds = ["/inovasi/" in u for u in urls]
        assert kinds and kinds[0] and kinds == sorted(kinds, reverse=True), (query, urls)


def test_listing_pages_are_not_indexed_and_related_lists_are_not_page_text(home) -> None:
    for query in ("semua inovasi", "perangkat daerah", "statistik"):
        urls = home.evaluate(_SEARCH, query)
        assert not any(u.rstrip("/").endswith(tuple(f"/{name}" for name in NOT_INDEXED)) for u in urls), (query, urls)
    # "Jemput Bola ... Lansia" is listed as related on other pages; only pages whose own text speaks of
    # lansia (lanjut usia) answer, its own page first.
    found = _top(home, "lansia")
    assert found[0] == "jemput-bola-bantuan-lansia"
    assert set(found) <= {"jemput-bola-bantuan-lansia", "antrean-daring-kependudukan"}
