"""Pure functions from the catalog model to Markdown pages.

``render_pages(catalog)`` returns ``{src_uri: markdown}``; nothing here knows
about MkDocs, so any engine that reads Markdown (and ``mkdocs.yml``) can build
the site from the same output.
"""

from __future__ import annotations

import functools
import hashlib
import heapq
import html
import json
import operator
import os
import posixpath
import re
import stat
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from . import clock, exports, settings
from .charts import Bar, Series, bar_chart, progress_chart
from .content import EVIDENCE_FOLDER
from .iid import IidSetup, angka, poin
from .model import Affair, Catalog, HandPage, Innovation, Progress, Unit, progress
from .readiness import (
    IndicatorReadiness,
    InnovationReadiness,
    Readiness,
    innovation_readiness,
    readiness,
    readiness_order,
    simulation_wanted,
)
from .rules.iid import EVIDENCE_NAME_RE
from .schema import label, labels, pattern_of
from .settings import SiteSettings
from .template_cache import template_cache
from .text import finalize, markdown_html, page_markdown, plain, rupiah, safe_url, tanggal
from .verification import Verdict

_URI_RE = re.compile(r"^[a-z0-9_./-]+$")

#: How many innovations the home page lists as newest.
NEWEST = 6

GROUP_ORDER = ("wajib_pelayanan_dasar", "wajib_non_pelayanan_dasar", "pilihan", "penunjang")


def _relative(target: str, start: str) -> str:
    """``posixpath.relpath`` for site-relative paths, without touching the file system."""
    to, frm = [p for p in target.split("/") if p], [p for p in start.split("/") if p]
    common = 0
    while common < min(len(to), len(frm)) and to[common] == frm[common]:
        common += 1
    return "/".join([".."] * (len(frm) - common) + to[common:]) or "."


def rel(here: str, target: str) -> Markup:
    """Relative Markdown link from page ``here`` to page ``target`` (both src URIs)."""
    link = _relative(target, posixpath.dirname(here))
    if not _URI_RE.match(link):  # slugs and ids are validated; never emit anything else
        raise ValueError(f"unsafe page link {link!r}")
    return Markup(link)


def innovation_uri(innovation: Innovation) -> str:
    return f"inovasi/{innovation.slug}.md"


def unit_uri(unit: Unit) -> str:
    return f"perangkat-daerah/{unit.id}.md"


def affair_uri(affair: Affair) -> str:
    return f"urusan/{affair.id}.md"


def affair_alias(affair: Affair) -> str | None:
    """The hyphenated address of an affair page (``urusan/administrasi-kependudukan/``), when it differs.

    The contract's address is ``/urusan/<id>/`` with the id of urusan.yml (underscores):
    that page stays where it is, and the hyphenated address redirects to it.
    """
    hyphenated = affair.id.replace("_", "-")
    return None if hyphenated == affair.id else f"urusan/{hyphenated}/index.html"


def redirect_page(target: str, title: str) -> str:
    """A small HTML page that sends the browser (and search engines) to ``target``, a relative URL."""
    if not _URI_RE.match(target):
        raise ValueError(f"unsafe redirect {target!r}")
    name = html.escape(title)
    return (f'<!doctype html>\n<html lang="id">\n<head>\n<meta charset="utf-8">\n<title>{name}</title>\n'
            f'<meta name="robots" content="noindex">\n<link rel="canonical" href="{target}">\n'
            f'<meta http-equiv="refresh" content="0; url={target}">\n</head>\n'
            f'<body>\n<p>Halaman ini pindah ke <a href="{target}">{name}</a>.</p>\n</body>\n</html>\n')


def page_url(here: str, target: str) -> Markup:
    """Relative directory URL (``../inovasi/slug/``) from page ``here`` to page ``target``.

    For links inside raw HTML, which MkDocs does not rewrite the way it
    rewrites Markdown links (the site uses directory URLs: contract §4).
    """
    def directory(uri: str) -> str:
        stem = uri.removesuffix(".md")
        return "" if stem == "index" else stem.removesuffix("/index") + "/"

    link = _relative(directory(target), directory(here))
    link = "./" if link == "." else link + "/"
    if not _URI_RE.match(link):
        raise ValueError(f"unsafe page link {link!r}")
    return Markup(link)


def vocabulary(key: str) -> list[tuple[str, str]]:
    """``(id, label)`` pairs of an innovation vocabulary in the schema's order, e.g. ``vocabulary('tahapan')``."""
    return list(labels(tuple(key.split("."))).items())


def tanggal_iso(value: str) -> str:
    """A date written as text (a verification record's ``tanggal``) as the site says dates; other text as it is."""
    try:
        return tanggal(date.fromisoformat(value))
    except ValueError:
        return value


def unit_jenis(value: str) -> str:
    """Label of a unit's ``jenis`` (perangkat-daerah.yml)."""
    return labels((0, "jenis"), "perangkat-daerah").get(value, value)


def label_kelompok(value: str) -> str:
    """Label of an affair's ``kelompok`` (urusan.yml)."""
    return labels((0, "kelompok"), "urusan").get(value, value)


def official(catalog: Catalog) -> Catalog:
    """The catalog without sample innovations (``contoh: true``): what targets count."""
    if not any(i.contoh for i in catalog.innovations):
        return catalog
    return replace(catalog, innovations=tuple(i for i in catalog.innovations if not i.contoh))


def site_meta(catalog: Catalog, tampilan: SiteSettings) -> dict[str, object]:
    """Front-matter keys every page carries for the theme (docs_overrides/main.html):
    the publisher for the footer, the number of published samples for the site-wide
    notice, and the logo. The 404 page reads them from the home page's front matter."""
    samples = sum(1 for i in catalog.innovations if i.contoh)
    return {
        "ki_penyelenggara": catalog.penyelenggara,
        "ki_contoh": samples or None,
        "ki_semua": len(catalog.innovations) if samples else None,
        "ki_logo": tampilan.logo if tampilan.logo in catalog.halaman_images else None,
    }


def front_matter(**fields: object) -> Markup:
    """YAML front matter, HTML-escaped: themes print ``page.meta`` values into
    ``<title>``, ``<meta>`` and the header without escaping them. JSON strings
    are valid YAML, so no value can break out of its line."""
    def clean(value: object) -> str:
        return html.escape(" ".join(str(value).split()))

    lines = [
        f"{key}: {json.dumps([clean(v) for v in value] if isinstance(value, list | tuple) else clean(value), ensure_ascii=False)}"
        for key, value in fields.items()
        if value is not None
    ]
    return Markup("---\n" + "\n".join(lines) + "\n---\n")


#: Raw HTML between a start line and the end line is final: an engine may hand it on without reading it
#: (:func:`set_aside`). A block that starts with ``RAW_START`` is left out of the search index; one that starts with
#: ``RAW_INDEXED_START`` is indexed like the rest of the page.
RAW_START, RAW_INDEXED_START, RAW_END = "<!--ki-mentah-->", "<!--ki-mentah-cari-->", "<!--/ki-mentah-->"
_RAW_OPEN, _RAW_CLOSE = "<!--ki-mentah", "\n" + RAW_END
_SLOT_RE = re.compile(r"<!--ki-mentah:(\d+)-->")


class RawBlock(NamedTuple):
    html: str
    indexed: bool


def set_aside(markdown: str) -> tuple[str, list[RawBlock]]:
    """The Markdown with every marked raw-HTML block (``RAW_START`` or ``RAW_INDEXED_START`` … ``RAW_END``, each on
    its own line) replaced by a numbered slot, and the blocks.

    A Markdown engine passes raw HTML through unchanged, but Python-Markdown (and MkDocs after it) first reads every
    tag and entity of it, about 25 µs each: the HTML the generator already made of an innovation (its panels, the
    Markdown fields it converted, the IID panel's 20 rows) would cost more than the rest of the conversion.
    The MkDocs plugin sets the blocks aside before the conversion and puts them back after it (:func:`put_back`);
    any other engine reads the markers as HTML comments and the blocks as the raw HTML they are.

    The search index reads a page with its indexed blocks only (``put_back(indexed_only=True)``): mark with
    ``RAW_START`` only what is not indexed (``data-pagefind-ignore="all"``, or a page the index skips).
    tests/test_search_index.py compares the index with Pagefind's crawl of the site.
    """
    blocks: list[RawBlock] = []
    out: list[str] = []
    copied = at = 0  # markdown[:copied] is in out; the next start marker is looked for from at
    while (start := markdown.find(_RAW_OPEN, at)) >= 0:
        at = start + 1
        if start and markdown[start - 1] != "\n":
            continue  # a marker only opens a block at the start of a line
        indexed = markdown.startswith(RAW_INDEXED_START + "\n", start)
        if not indexed and not markdown.startswith(RAW_START + "\n", start):
            continue
        body = start + len(RAW_INDEXED_START if indexed else RAW_START) + 1
        end = _block_end(markdown, body)
        if end < 0:
            break  # no end line after this one: none after a later start either
        out += [markdown[copied:start], f"<!--ki-mentah:{len(blocks)}-->"]
        blocks.append(RawBlock(markdown[body:end], indexed))
        copied = at = end + len(_RAW_CLOSE)
    return "".join([*out, markdown[copied:]]) if blocks else markdown, blocks


def _block_end(markdown: str, body: int) -> int:
    """Where the first end line after ``body`` starts (its line break included), or -1: the end line is
    ``RAW_END`` alone on its line. A string search: a regular expression tried it at every character of the page."""
    end = markdown.find(_RAW_CLOSE, body)
    while end >= 0:
        after = end + len(_RAW_CLOSE)
        if after == len(markdown) or markdown[after] == "\n":
            return end
        end = markdown.find(_RAW_CLOSE, end + 1)
    return -1


def put_back(html: str, blocks: list[RawBlock], indexed_only: bool = False) -> str:
    """The converted page with each slot of :func:`set_aside` replaced by its block (a slot of no block, or with
    ``indexed_only`` a block the index skips: nothing)."""
    if not blocks:
        return html

    def block(found: re.Match[str]) -> str:
        n = int(found.group(1))
        return blocks[n].html if n < len(blocks) and (blocks[n].indexed or not indexed_only) else ""

    return _SLOT_RE.sub(block, html)


@cache
def _env() -> Environment:
    env = Environment(
        loader=PackageLoader("generator", "templates"),
        # ``finalize`` turns every value not marked safe into inert text (entities for
        # all punctuation); autoescape keeps macro output marked safe.
        autoescape=True,
        finalize=finalize,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.bytecode_cache = template_cache(env)
    env.filters.update(md=markdown_html, url=safe_url, tanggal=tanggal, rupiah=rupiah, unit_jenis=unit_jenis,
                       label_kelompok=label_kelompok, poin=poin, angka=angka, tanggal_iso=tanggal_iso,
                       label=lambda value, vocabulary: label(vocabulary, value))
    env.globals.update(rel=rel, page_url=page_url, vocabulary=vocabulary, innovation_uri=innovation_uri, unit_uri=unit_uri,
                       mentah=Markup(RAW_START), mentah_cari=Markup(RAW_INDEXED_START), akhir_mentah=Markup(RAW_END),
                       affair_uri=affair_uri,
                       front_matter=front_matter, group_order=GROUP_ORDER, tally=tally)
    return env


def tally(items: Iterable[object], attribute: str) -> Counter[object]:
    """How many of ``items`` have each value of ``attribute`` (dotted: ``affair.id``): one pass, for the
    templates' counts (a ``selectattr`` per value would read every innovation once per value)."""
    get = operator.attrgetter(attribute)
    return Counter(get(item) for item in items)


def _render(template: str, here: str, **context: object) -> str:
    return _env().get_template(template).render(here=here, **context)


def affairs_in_use(catalog: Catalog) -> list[Affair]:
    """Affairs that at least one innovation supports (as main affair or overlap)."""
    used = {i.affair.id for i in catalog.innovations} | {a.id for i in catalog.innovations for a in i.irisan}
    return [a for a in catalog.affairs if a.id in used]


#: How many related innovations an innovation page lists.
RELATED = 5
#: How many units the statistics page charts.
TOP_UNITS = 10


def related_innovations(catalog: Catalog, innovation: Innovation, limit: int = RELATED) -> list[Innovation]:
    """Up to ``limit`` other innovations of the same unit or government affair, closest first.

    Closest: same unit and same main affair; then same unit sharing an
    overlapping affair; then same unit or same main affair; then sharing any
    affair. Ties go by name. Read from name-ordered indexes, stopping as soon
    as ``limit`` are found, so a page costs the same at 100 or 30,000 innovations.
    """
    me, mine = innovation, innovation.affair_ids
    same_unit = catalog.by_unit(me.unit.id)
    found: list[Innovation] = []
    seen = {me.slug}

    def take(candidates: Iterable[Innovation], keep: Callable[[Innovation], bool] = lambda _: True) -> None:
        for other in candidates:
            if len(found) >= limit:
                return
            if other.slug not in seen and keep(other):
                seen.add(other.slug)
                found.append(other)

    def by_name(*lists: list[Innovation]) -> Iterable[Innovation]:
        return heapq.merge(*lists, key=lambda i: i.sort_key)

    take(same_unit, lambda o: o.affair.id == me.affair.id)
    take(same_unit, lambda o: bool(mine & o.affair_ids))
    take(by_name(same_unit, catalog.by_affair(me.affair.id)))
    take(by_name(*(catalog.by_any_affair(a) for a in sorted(mine))))
    return found


def progress_by_year(catalog: Catalog) -> list[Progress]:
    """Progress toward every year's target in katalog.yml, newest year first."""
    # ``progress`` reads the latest target; give it one target at a time so the rule lives once.
    targets = sorted(catalog.targets, key=lambda t: t.tahun, reverse=True)
    return [p for t in targets if (p := progress(replace(catalog, targets=(t,)))) is not None]


def statistik_series(catalog: Catalog) -> list[Series]:
    """The figures of the statistics page: innovations counted by one property each."""
    items = catalog.innovations
    whole = len(items)

    def by(key: str, title: str, column: str) -> Series:
        counts = Counter(getattr(i, key) for i in items)
        return Series(key, title, column, tuple(Bar(text, counts[value]) for value, text in vocabulary(key)), whole)

    groups = Counter(i.affair.kelompok for i in items)
    per_unit = Counter(i.unit.id for i in items)
    top = sorted((u for u in catalog.units if per_unit[u.id]), key=lambda u: (-per_unit[u.id], u.nama.casefold()))
    years = Counter(i.tahun for i in items)
    return [
        by("tahapan", "Inovasi menurut tahapan", "Tahapan"),
        by("bentuk", "Inovasi menurut bentuk", "Bentuk"),
        by("jenis", "Inovasi menurut jenis", "Jenis"),
        Series("urusan", "Inovasi menurut kelompok urusan", "Kelompok urusan",
               tuple(Bar(label_kelompok(g), groups[g]) for g in GROUP_ORDER), whole,
               note="Setiap inovasi dihitung sekali, menurut urusan utamanya."),
        Series("perangkat-daerah",
               f"{TOP_UNITS} perangkat daerah dengan inovasi terbanyak" if len(top) > TOP_UNITS
               else "Inovasi menurut perangkat daerah", "Perangkat daerah",
               tuple(Bar(u.label, per_unit[u.id], u.nama, unit_uri(u)) for u in top[:TOP_UNITS]), whole,
               note="Inovasi dihitung pada perangkat daerah pemiliknya (bukan mitra kerja sama)."),
        Series("tahun", "Inovasi menurut tahun diusulkan", "Tahun",
               tuple(Bar(str(y), years[y]) for y in sorted(years)), whole),
    ]


def open_data(export_sizes: dict[str, int]) -> dict[str, object]:
    """What the open-data page says about the exported files: sizes, version, CSV columns."""
    return {
        "sizes": export_sizes,
        "versi_skema": exports.SCHEMA_VERSION,
        "csv_columns": exports.CSV_COLUMNS,
        "list_separator": exports.LIST_SEPARATOR,
        "feed_size": exports.FEED_SIZE,
    }


def _innovation_page(catalog: Catalog, innovation: Innovation, memo: dict[bytes, str] | None, ctx: dict[str, object],
                     assessed: Callable[[Innovation], InnovationReadiness | None], panel_later: bool = False) -> str:
    """One innovation's page (its IID panel from ``assessed``, or with ``panel_later`` :data:`PANEL_SLOT` where the
    panel goes: :func:`innovation_panel`); with ``memo``, reused when nothing it shows has changed."""
    related = related_innovations(catalog, innovation)
    tampilan: SiteSettings = ctx["tampilan"]  # type: ignore[assignment]
    words = " ".join([innovation.nama, innovation.ringkasan, innovation.rancang_bangun, innovation.tujuan,
                      innovation.manfaat, innovation.hasil or "", innovation.unit.nama, innovation.unit.singkatan or "",
                      " ".join(innovation.tag)])
    synonyms = settings.synonym_terms(tampilan, words)
    state = catalog.verifikasi.get(innovation.slug)
    later = Markup(PANEL_SLOT) if panel_later and catalog.iid is not None else None
    kesiapan = None if later else assessed(innovation)

    def render() -> str:
        return _render("inovasi.md.j2", innovation_uri(innovation), c=catalog, i=innovation, related=related,
                       synonyms=synonyms, kesiapan=kesiapan, kesiapan_nanti=later, **ctx)
    if memo is None:
        return render()
    # Everything the page shows: the innovation, its related list, the site-wide keys and synonyms, its IID
    # verification state and the IID setup (the edition's texts, whether scores are public).
    shown = (catalog.daerah, innovation, [(r.slug, r.nama, r.unit.label, r.tahapan, r.contoh) for r in related],
             sorted(ctx["meta"].items()), synonyms, state, ctx["iid_sidik"])  # type: ignore[attr-defined]
    key = _digest(shown)
    if key not in memo:
        memo[key] = render()
    return memo[key]


#: A page to render: its text when called (see :func:`plan_pages`).
Render = Callable[[], str]

#: Where an innovation page whose panel is rendered later (``plan_pages(panels=…)``) has its "Kesiapan IID" panel: an
#: HTML comment inside a raw-HTML block, which nothing from content can write (its ``<`` is always an entity).
PANEL_SLOT = "<!--ki-kesiapan-->"


def innovation_panel(innovation: Innovation, kesiapan: InnovationReadiness, sel: PanelCells) -> str:
    """An innovation's "Kesiapan IID" panel as it stands in the page's HTML, for :data:`PANEL_SLOT`."""
    marked = _env().get_template("_kesiapan.md.j2").module.panel(  # type: ignore[attr-defined]
        kesiapan, sel.setup, innovation_uri(innovation), sel)
    return set_aside(marked)[1][0].html


def fill_panel(page_html: str, panel: str) -> str:
    """A written page with its panel (:func:`innovation_panel`) in :data:`PANEL_SLOT`."""
    return page_html.replace(PANEL_SLOT, panel, 1)

#: The region's IID readiness page (only with ``iid:`` in katalog.yml).
IID_PAGE = "iid/index.md"


def _digest(value: object) -> bytes:
    return hashlib.blake2b(repr(value).encode("utf-8"), digest_size=16).digest()


def evidence_list(items: Iterable[Any]) -> Markup:
    """An indicator's evidence as its panel lists it: each link or file (published in bukti/ beside the page) with
    its description, every value inert (``finalize``, ``safe_url``); "Belum ada bukti" when there is none."""
    if not items:
        return Markup('<span class="ki-iid-kosong">Belum ada bukti</span>')
    parts = ['<ul class="ki-iid-bukti">']
    for b in items:
        if b.url:
            parts.append(f'<li><a href="{safe_url(b.url)}" rel="noopener nofollow">{finalize(b.keterangan)}</a> '
                         '<span class="ki-iid-jenis">(tautan)</span></li>')
        else:
            parts.append(f'<li><a href="{EVIDENCE_FOLDER}/{finalize(b.berkas)}">{finalize(b.keterangan)}</a> '
                         f'<span class="ki-iid-jenis">({finalize(b.berkas)})</span></li>')
    parts.append("</ul>")
    return Markup("".join(parts))


def _evidence_cell(row: IndicatorReadiness) -> Markup:
    """An indicator row's evidence cell: the list, and what it lacks."""
    gap = f'<span class="ki-iid-peringatan">Kurang: {finalize(row.kurang)}</span>' if row.kurang else ""
    return Markup(f'<td data-label="Bukti">{evidence_list(row.bukti)}{gap}</td>')


class PanelCells:
    """The parts of the "Kesiapan IID" panel's rows that repeat from page to page (an indicator's name and chosen
    parameter, a verification state and the points, a row not filled in), each rendered once per build by the
    macros of ``_kesiapan.md.j2`` and reused: the panel costs little more than its evidence lists."""

    def __init__(self, setup: IidSetup) -> None:
        self._macros: Any = _env().get_template("_kesiapan.md.j2").module
        self.setup = setup
        self._done: dict[tuple[object, ...], Markup] = {}

    def _once(self, key: tuple[object, ...], render: Callable[[], Markup]) -> Markup:
        found = self._done.get(key)
        if found is None:
            found = self._done[key] = render()
        return found

    def awal(self, row: IndicatorReadiness) -> Markup:
        """``<tr>``, the name cell and the chosen-parameter cell."""
        key = ("awal", row.definisi.nomor, row.kurang is not None, row.nilai, row.basis)
        return self._once(key, lambda: self._macros.awal(row))

    def akhir(self, row: IndicatorReadiness) -> Markup:
        """The verification cell, the points cell (with public scores) and ``</tr>``."""
        key = ("akhir", row.definisi.nomor, row.nilai, row.verifikasi)
        return self._once(key, lambda: self._macros.akhir(row, self.setup.skor_publik))

    def baris(self, k: InnovationReadiness) -> Markup:
        """The indicator table's rows, each followed by a line break: the repeating parts above, and each filled
        indicator's evidence (:func:`evidence_list`) and gap. Put together here, not in a template loop: a loop of
        macro calls over 20 rows was most of the panel's time."""
        out: list[str] = []
        for row in k.indikator:
            out += [self.awal(row), _evidence_cell(row), self.akhir(row)] if row.diisi else [self.kosong(row)]
            out.append("\n")
        return Markup("".join(out))

    def kosong(self, row: IndicatorReadiness) -> Markup:
        """A whole row for an indicator not filled in (no evidence: the schema asks every indicator given for its
        parameter)."""
        key = ("kosong", row.definisi.nomor, row.kurang, row.verifikasi)
        return self._once(key, lambda: self.awal(row) + _evidence_cell(row) + self.akhir(row))

    def edisi(self) -> Markup:
        """The edition's name and source."""
        return self._once(("edisi",), lambda: self._macros.edisi(self.setup.edition))

    def kepala_tabel(self, total: int) -> Markup:
        """The indicator table's heading, caption and column heads."""
        return self._once(("kepala", total), lambda: self._macros.kepala_tabel(total, self.setup.skor_publik))

    def status(self, verdict: Verdict) -> Markup:
        """A verification state with its note."""
        return self._once(("status", verdict), lambda: self._macros.status(verdict))

    def teks(self, value: str) -> Markup:
        """A sentence the scoring writes (a reason, an improvement), escaped: the same ones recur on many pages."""
        return self._once(("teks", value), lambda: plain(value))


def _panel_of(innovation: Innovation, assessed: Callable[[Innovation], InnovationReadiness | None],
              sel: PanelCells) -> str:
    kesiapan = assessed(innovation)
    assert kesiapan is not None  # planned only for a catalog with IID
    return innovation_panel(innovation, kesiapan, sel)


def _iid_page(catalog: Catalog, page: Callable[..., Render], report: Callable[[], Readiness | None]) -> str:
    """/iid/: the readiness report, and on a demo site the simulation that counts the samples."""
    real = report()
    assert real is not None  # the page is planned only for a catalog with IID
    simulation = readiness(catalog, catalog.verifikasi, real.hari_ini, contoh_dihitung=True, dinilai=real.inovasi) \
        if simulation_wanted(catalog) else None
    return page("iid.md.j2", IID_PAGE, k=real, sim=simulation)()


def plan_pages(catalog: Catalog, export_sizes: Callable[[], dict[str, int]] | None = None,
               memo: dict[bytes, str] | None = None, panels: dict[str, Render] | None = None) -> dict[str, Render]:
    """Every generated page of the site, by source URI, as a call that renders it.

    The pages are known (and the catalog's settings refused or accepted) at once;
    each is rendered only when called, so a build can hand the rendering to
    another process and take the pages in the order the engine reads them.
    ``export_sizes`` gives the bytes of each file of :func:`exports.render_exports`,
    shown on the open-data page. ``memo`` (a live preview keeps one between
    rebuilds) lets innovation pages whose content did not change be reused. With ``panels`` (a dict to fill), an
    innovation page of a catalog with IID holds :data:`PANEL_SLOT` instead of its "Kesiapan IID" panel, and the
    panel's rendering goes into ``panels`` under the page's URI (:func:`fill_panel` puts it in the written page).

    Targets count official innovations only (``official``): samples are listed
    with their badge but never counted toward a target.
    """
    tampilan = settings.of(catalog)
    settings.refuse_samples(tampilan, (i.slug for i in catalog.innovations if i.contoh))
    resmi = official(catalog)
    prog = progress(resmi)
    used = affairs_in_use(catalog)
    samples = len(catalog.innovations) - len(resmi.innovations)
    ctx: dict[str, object] = {"meta": site_meta(catalog, tampilan), "tampilan": tampilan, "r": resmi, "samples": samples,
                              "iid_sidik": _digest(catalog.iid)}
    sizes = export_sizes or dict
    today = clock.today()

    done: dict[str, InnovationReadiness] = {}

    def assessed(innovation: Innovation) -> InnovationReadiness | None:
        """An innovation's IID readiness (None without IID), assessed once for its panel and the /iid/ page, in
        whichever process renders them. One at a time: the first page does not wait for the whole catalog."""
        if catalog.iid is None:
            return None
        if innovation.slug not in done:
            done[innovation.slug] = innovation_readiness(catalog.iid.edition, innovation,
                                                         catalog.verifikasi.get(innovation.slug))
        return done[innovation.slug]

    @functools.cache
    def report() -> Readiness | None:
        """The IID readiness of the region, for the /iid/ page (planned after the innovation pages, whose panels
        have assessed every innovation by then)."""
        items = sorted((item for i in catalog.innovations if (item := assessed(i)) is not None), key=readiness_order)
        return readiness(catalog, catalog.verifikasi, today, dinilai=items)

    cells = PanelCells(catalog.iid) if catalog.iid is not None else None
    if cells is not None:
        ctx["sel"] = cells

    def page(template: str, here: str, **context: object) -> Render:
        return functools.partial(_render, template, here, c=catalog, **context, **ctx)

    def home() -> str:
        newest = sorted(catalog.innovations, key=lambda i: (i.newest_date, i.nama), reverse=True)[:NEWEST]
        return page("beranda.md.j2", "index.md", p=prog, used=used, newest=newest)()

    pages: dict[str, Render] = {
        "index.md": home,
        "katalog/index.md": page("katalog.md.j2", "katalog/index.md"),
        "perangkat-daerah/index.md": page("perangkat-daerah.md.j2", "perangkat-daerah/index.md", p=prog),
        "urusan/index.md": page("urusan-indeks.md.j2", "urusan/index.md", used=used),
        "statistik/index.md": lambda: page("statistik.md.j2", "statistik/index.md", years=progress_by_year(resmi),
                                           series=statistik_series(catalog), bar_chart=bar_chart,
                                           progress_chart=progress_chart)(),
        "data/index.md": lambda: page("data-terbuka.md.j2", "data/index.md", data=open_data(sizes()))(),
    }
    for innovation in catalog.innovations:
        uri = innovation_uri(innovation)
        pages[uri] = functools.partial(_innovation_page, catalog, innovation, memo, ctx, assessed, panels is not None)
        if panels is not None and cells is not None:  # cells: a catalog with IID
            panels[uri] = functools.partial(_panel_of, innovation, assessed, cells)
    if catalog.iid is not None:
        pages[IID_PAGE] = functools.partial(_iid_page, catalog, page, report)
    for unit in catalog.units:
        pages[unit_uri(unit)] = page("unit.md.j2", unit_uri(unit), u=unit, p=prog, items=catalog.by_unit(unit.id))
    for affair in used:
        pages[affair_uri(affair)] = page("urusan.md.j2", affair_uri(affair), a=affair, items=catalog.by_any_affair(affair.id))
        alias = affair_alias(affair)
        if alias:
            pages[alias] = functools.partial(redirect_page, f"../{affair.id}/", affair.nama)
    for hand in catalog.halaman:
        pages[f"{hand.name}.md"] = functools.partial(hand_page, hand, catalog, ctx["meta"])  # type: ignore[arg-type]
    return pages


def render_pages(catalog: Catalog, export_sizes: dict[str, int] | None = None,
                 memo: dict[bytes, str] | None = None) -> dict[str, str]:
    """Every generated page of the site, by source URI (:func:`plan_pages`, rendered)."""
    return {uri: render() for uri, render in plan_pages(catalog, lambda: export_sizes or {}, memo).items()}


#: The hand-written page that explains how to propose an innovation; the generator
#: puts the quickest ways (issue form, web editor, e-mail from katalog.yml) at its top.
CONTRIBUTE_PAGE = "cara-berkontribusi"
#: The issue form of .github/ISSUE_TEMPLATE/ that proposes a new innovation.
ISSUE_FORM = "usulan-inovasi.yml"


def hand_page(page: HandPage, catalog: Catalog | None = None, meta: dict[str, object] | None = None) -> str:
    """A hand-written page as inert Markdown: the title and description the theme
    prints come from our escaped front matter, never from the file as written."""
    body, heading = page_markdown(page.body)
    title = page.title or heading or page.name.replace("-", " ").capitalize()
    if catalog is not None and page.name == CONTRIBUTE_PAGE:
        body = _contribute_paths(body, catalog)
    head = front_matter(title=title, description=page.description, hide=list(page.hide) or None,
                        ki_cari="halaman", **(meta or {}))
    return f"{head}\n{body}"


def _contribute_paths(body: str, catalog: Catalog) -> str:
    """The contributing page with the quickest ways to propose first, right under its title."""
    box = _render("kontribusi.md.j2", f"{CONTRIBUTE_PAGE}.md", c=catalog, email=settings.of(catalog).email,
                  form=(f"{catalog.repositori.rstrip('/')}/issues/new?template={ISSUE_FORM}" if catalog.repositori else None),
                  editor=catalog.edit_url("inovasi/"), new_file=(
                      f"{catalog.repositori.rstrip('/')}/new/{catalog.cabang}/{catalog.content_prefix}/inovasi"
                      if catalog.repositori else None))
    first, sep, rest = body.partition("\n\n")
    return f"{first}{sep}{box}\n{rest}" if first.startswith("# ") else f"{box}\n{body}"


def plan_site(catalog: Catalog, memo: dict[bytes, str] | None = None,
              panels: dict[str, Render] | None = None) -> dict[str, Render]:
    """Every generated file of the site, by path, as calls (:func:`plan_pages`, ``memo`` and ``panels`` as there): the
    pages, the open-data exports, the theme's colours and robots.txt. The exports are made at once (the open-data page
    shows their sizes, and their names are only known then); the rest when called."""
    files = exports.render_exports(catalog)
    sizes = {path: len(text.encode("utf-8")) for path, text in files.items()}
    extra: dict[str, Render] = {
        "assets/tema.css": lambda: settings.theme_css(settings.of(catalog)),
        "robots.txt": lambda: (f"User-agent: *\nAllow: /\nDisallow: /pagefind/\n\n"
                               f"Sitemap: {catalog.situs.rstrip('/')}/sitemap.xml\n"),
    }
    return {**plan_pages(catalog, lambda: sizes, memo, panels),
            **{path: functools.partial(str, text) for path, text in files.items()}, **extra}


def render_site(catalog: Catalog, memo: dict[bytes, str] | None = None) -> dict[str, str]:
    """Every generated file of the site, by path (:func:`plan_site`, rendered)."""
    return {path: render() for path, render in plan_site(catalog, memo).items()}


def media_files(catalog: Catalog, content_root: Path, evidence: bool = True) -> dict[str, Path]:
    """Files to copy into the site: ``inovasi/<slug>/<berkas>`` → file in content/media/ (images, under the names the
    schema allows: never an .html, whatever got past the check), the images of hand-written pages beside them and,
    unless ``evidence`` is false, the IID evidence files (:func:`evidence_files`)."""
    image = pattern_of(("media", 0, "berkas")).search
    wanted = {
        **{f"inovasi/{i.slug}/{m.berkas}": content_root / "media" / i.slug / m.berkas
           for i in catalog.innovations for m in i.media if image(m.berkas)},
        **{name: content_root / "halaman" / name for name in catalog.halaman_images},
    }
    return {**_inside(wanted, content_root), **(evidence_files(catalog, content_root) if evidence else {})}


def evidence_files(catalog: Catalog, content_root: Path) -> dict[str, Path]:
    """The IID evidence files of a catalog with IID, beside the page in bukti/ where its panel links them
    (``inovasi/<slug>/bukti/<berkas>``; only a catalog with IID has the panel), under the names the schema allows."""
    return _inside({f"inovasi/{i.slug}/{EVIDENCE_FOLDER}/{b.berkas}": content_root / "media" / i.slug / EVIDENCE_FOLDER / b.berkas
                    for i in (catalog.innovations if catalog.iid else ()) for ind in i.indikator for b in ind.bukti
                    if b.berkas and EVIDENCE_NAME_RE.fullmatch(b.berkas)}, content_root)


def _inside(wanted: dict[str, Path], content_root: Path) -> dict[str, Path]:
    """``wanted`` without what a build must never copy (:func:`_regular_file_inside`). The validator has refused
    anything else already; a build still never copies a file from outside content/ whatever a name says (links, '..',
    line breaks)."""
    links: dict[Path, bool] = {}  # folders looked at once, not once per file (an innovation may have many)
    return {uri: path for uri, path in wanted.items() if _regular_file_inside(path, content_root, links)}


def _regular_file_inside(path: Path, content_root: Path, links: dict[Path, bool] | None = None) -> bool:
    """A regular file reached from ``content_root`` without a symbolic link (the content folder's own
    path may go through links: a project opened through a linked folder is still the project).
    ``links`` remembers which folders are links between calls."""
    try:
        relative = path.relative_to(content_root)
    except ValueError:
        return False
    known = {} if links is None else links
    steps = [content_root.joinpath(*relative.parts[:n]) for n in range(1, len(relative.parts))]

    def link(folder: Path) -> bool:
        if folder not in known:
            known[folder] = folder.is_symlink()
        return known[folder]

    if ".." in relative.parts or any(link(p) for p in steps):
        return False
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)  # a regular file, not a link to one: one look
    except (OSError, ValueError):
        return False
