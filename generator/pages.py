"""Pure functions from the catalog model to Markdown pages.

``render_pages(catalog)`` returns ``{src_uri: markdown}``; nothing here knows
about MkDocs, so any engine that reads Markdown (and ``mkdocs.yml``) can build
the site from the same output.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from collections import Counter
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from .charts import Bar, Series, bar_chart, progress_chart
from .model import Affair, Catalog, Innovation, Unit
from .schema import labels
from .text import finalize, markdown_html, rupiah, safe_url, tanggal

_URI_RE = re.compile(r"^[a-z0-9_./-]+$")

#: How many innovations the home page lists as newest.
NEWEST = 6

GROUP_ORDER = ("wajib_pelayanan_dasar", "wajib_non_pelayanan_dasar", "pilihan", "penunjang")


@dataclass(frozen=True)
class Progress:
    """Where a year's target stands."""

    tahun: int
    jumlah: int
    minimal_per_unit: int
    count: int
    met: tuple[Unit, ...]
    owing: tuple[Unit, ...]

    @property
    def percent(self) -> int:
        return min(100, round(100 * self.count / self.jumlah)) if self.jumlah else 100


def progress(catalog: Catalog) -> Progress | None:
    """Progress toward the latest year's target."""
    target = catalog.target
    if target is None:
        return None
    per_unit = Counter(i.unit.id for i in catalog.innovations if i.tahun == target.tahun)
    units = catalog.target_units()
    return Progress(
        tahun=target.tahun,
        jumlah=target.jumlah,
        minimal_per_unit=target.minimal_per_unit,
        count=sum(per_unit.values()),
        met=tuple(u for u in units if per_unit[u.id] >= target.minimal_per_unit),
        owing=tuple(u for u in units if per_unit[u.id] < target.minimal_per_unit),
    )


def rel(here: str, target: str) -> Markup:
    """Relative Markdown link from page ``here`` to page ``target`` (both src URIs)."""
    link = posixpath.relpath(target, posixpath.dirname(here) or ".")
    if not _URI_RE.match(link):  # slugs and ids are validated; never emit anything else
        raise ValueError(f"unsafe page link {link!r}")
    return Markup(link)


def innovation_uri(innovation: Innovation) -> str:
    return f"inovasi/{innovation.slug}.md"


def unit_uri(unit: Unit) -> str:
    return f"perangkat-daerah/{unit.id}.md"


def affair_uri(affair: Affair) -> str:
    return f"urusan/{affair.id}.md"


def page_url(here: str, target: str) -> Markup:
    """Relative directory URL (``../inovasi/slug/``) from page ``here`` to page ``target``.

    For links inside raw HTML, which MkDocs does not rewrite the way it
    rewrites Markdown links (the site uses directory URLs: contract §4).
    """
    def directory(uri: str) -> str:
        stem = uri.removesuffix(".md")
        return "" if stem == "index" else stem.removesuffix("/index") + "/"

    base = directory(here)
    link = posixpath.relpath(directory(target) or ".", base or ".")
    link = "./" if link == "." else link + "/"
    if not _URI_RE.match(link):
        raise ValueError(f"unsafe page link {link!r}")
    return Markup(link)


def vocabulary(key: str) -> list[tuple[str, str]]:
    """``(id, label)`` pairs of an innovation vocabulary in the schema's order, e.g. ``vocabulary('tahapan')``."""
    return list(labels(tuple(key.split("."))).items())


def label(vocabulary: str, value: str | None) -> str:
    """Indonesian label of an innovation vocabulary value, e.g. ``label('uji_coba', 'tahapan')``."""
    if value is None:
        return ""
    return labels(tuple(vocabulary.split("."))).get(value, value)


def unit_jenis(value: str) -> str:
    """Label of a unit's ``jenis`` (perangkat-daerah.yml)."""
    return labels((0, "jenis"), "perangkat-daerah").get(value, value)


def label_kelompok(value: str) -> str:
    """Label of an affair's ``kelompok`` (urusan.yml)."""
    return labels((0, "kelompok"), "urusan").get(value, value)


def front_matter(**fields: object) -> Markup:
    """YAML front matter, HTML-escaped: themes print ``page.meta`` values into
    ``<title>``, ``<meta>`` and the header without escaping them. JSON strings
    are valid YAML, so no value can break out of its line."""
    def clean(value: object) -> str:
        return html.escape(" ".join(str(value).split()))

    lines = [
        f"{key}: {json.dumps([clean(v) for v in value] if isinstance(value, (list, tuple)) else clean(value), ensure_ascii=False)}"
        for key, value in fields.items()
        if value is not None
    ]
    return Markup("---\n" + "\n".join(lines) + "\n---\n")


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
    env.filters.update(md=markdown_html, url=safe_url, tanggal=tanggal, rupiah=rupiah, unit_jenis=unit_jenis, label_kelompok=label_kelompok,
                       label=lambda value, vocabulary: label(vocabulary, value))
    env.globals.update(rel=rel, page_url=page_url, vocabulary=vocabulary, innovation_uri=innovation_uri, unit_uri=unit_uri, affair_uri=affair_uri,
                       front_matter=front_matter, group_order=GROUP_ORDER)
    return env


def _render(template: str, here: str, **context: object) -> str:
    return _env().get_template(template).render(here=here, **context)


def affairs_in_use(catalog: Catalog) -> list[Affair]:
    """Affairs that at least one innovation supports (as main affair or overlap)."""
    used = {i.affair.id for i in catalog.innovations} | {a.id for i in catalog.innovations for a in i.irisan}
    return [a for a in catalog.affairs if a.id in used]


def render_innovation(catalog: Catalog, innovation: Innovation) -> str:
    """The page of one innovation."""
    return _render("inovasi.md.j2", innovation_uri(innovation), c=catalog, i=innovation)


#: How many related innovations an innovation page lists.
RELATED = 5
#: How many units the statistics page charts.
TOP_UNITS = 10


def page_href(here: str, target: str) -> Markup:
    """Relative URL from page ``here`` to page ``target`` (src URIs), for raw-HTML blocks.

    MkDocs rewrites links only in Markdown, so raw HTML needs the final
    directory URL (``use_directory_urls``, contract §4).
    """

    def url(uri: str) -> str:
        path = uri.removesuffix(".md")
        path = "" if path == "index" else path.removesuffix("/index")
        return path + "/" if path else ""

    start, goal = url(here), url(target)
    link = posixpath.relpath(goal or ".", start.rstrip("/") or ".")
    link = "./" if link == "." else link + "/"
    if not _URI_RE.match(link):
        raise ValueError(f"unsafe page link {link!r}")
    return Markup(link)


def related_innovations(catalog: Catalog, innovation: Innovation, limit: int = RELATED) -> list[Innovation]:
    """Up to ``limit`` other innovations of the same unit or government affair, closest first.

    Same unit and same main affair weigh most; sharing any affair (main or
    overlapping) counts less. Ties go by name, so the order is stable.
    """
    affairs = {innovation.affair.id, *(a.id for a in innovation.irisan)}

    def score(other: Innovation) -> int:
        points = 2 * (other.unit.id == innovation.unit.id) + 2 * (other.affair.id == innovation.affair.id)
        if other.affair.id != innovation.affair.id and affairs & {other.affair.id, *(a.id for a in other.irisan)}:
            points += 1
        return points

    scored = [(score(o), o) for o in catalog.innovations if o.slug != innovation.slug]
    ranked = sorted((so for so in scored if so[0]), key=lambda so: (-so[0], so[1].nama.casefold(), so[1].slug))
    return [o for _, o in ranked[:limit]]


def progress_by_year(catalog: Catalog) -> list[Progress]:
    """Progress toward every year's target in katalog.yml, newest year first."""
    # ``progress`` reads the latest target; give it one target at a time so the rule lives once.
    targets = sorted(catalog.targets, key=lambda t: t.tahun, reverse=True)
    return [p for t in targets if (p := progress(replace(catalog, targets=(t,)))) is not None]


def statistik_series(catalog: Catalog) -> list[Series]:
    """The figures of the statistics page: innovations counted by one property each."""
    items = catalog.innovations
    whole = len(items)

    def vocabulary(key: str, title: str, column: str) -> Series:
        counts = Counter(getattr(i, key) for i in items)
        return Series(key, title, column, tuple(Bar(text, counts[value]) for value, text in labels((key,)).items()), whole)

    groups = Counter(i.affair.kelompok for i in items)
    per_unit = Counter(i.unit.id for i in items)
    top = sorted((u for u in catalog.units if per_unit[u.id]), key=lambda u: (-per_unit[u.id], u.nama.casefold()))
    years = Counter(i.tahun for i in items)
    return [
        vocabulary("tahapan", "Inovasi menurut tahapan", "Tahapan"),
        vocabulary("bentuk", "Inovasi menurut bentuk", "Bentuk"),
        vocabulary("jenis", "Inovasi menurut jenis", "Jenis"),
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


def open_data(catalog: Catalog) -> dict[str, object]:
    """What the open-data page says about the exported files: sizes, version, CSV columns."""
    from . import exports  # exports imports this module; import it only when called

    # Any fixed time gives the same sizes as the build's own (timestamps have one length).
    files = exports.render_exports(catalog, datetime(2000, 1, 1, tzinfo=UTC))
    return {
        "sizes": {path: len(text.encode("utf-8")) for path, text in files.items()},
        "versi_skema": exports.SCHEMA_VERSION,
        "csv_columns": exports.CSV_COLUMNS,
        "list_separator": exports.LIST_SEPARATOR,
        "feed_size": exports.FEED_SIZE,
    }


def render_pages(catalog: Catalog) -> dict[str, str]:
    """Every generated page of the site, by source URI."""
    prog = progress(catalog)
    used = affairs_in_use(catalog)
    pages = {
        "index.md": _render("beranda.md.j2", "index.md", c=catalog, p=prog,
                            newest=sorted(catalog.innovations, key=lambda i: (i.newest_date, i.nama), reverse=True)[:NEWEST]),
        "katalog/index.md": _render("katalog.md.j2", "katalog/index.md", c=catalog),
        "perangkat-daerah/index.md": _render("perangkat-daerah.md.j2", "perangkat-daerah/index.md", c=catalog, p=prog),
        "urusan/index.md": _render("urusan-indeks.md.j2", "urusan/index.md", c=catalog, used=used),
        "statistik/index.md": _render("statistik.md.j2", "statistik/index.md", c=catalog, years=progress_by_year(catalog),
                                      series=statistik_series(catalog), bar_chart=bar_chart,
                                      progress_chart=progress_chart, href=page_href),
        "data/index.md": _render("data-terbuka.md.j2", "data/index.md", c=catalog, data=open_data(catalog)),
    }
    for innovation in catalog.innovations:
        here = innovation_uri(innovation)
        pages[here] = _render("inovasi.md.j2", here, c=catalog, i=innovation, href=page_href,
                              related=related_innovations(catalog, innovation))
    for unit in catalog.units:
        pages[unit_uri(unit)] = _render("unit.md.j2", unit_uri(unit), c=catalog, u=unit, p=prog,
                                        items=catalog.by_unit(unit.id))
    for affair in used:
        items = [i for i in catalog.innovations if i.affair == affair or affair in i.irisan]
        pages[affair_uri(affair)] = _render("urusan.md.j2", affair_uri(affair), c=catalog, a=affair, items=items)
    return pages


def media_files(catalog: Catalog, content_root: Path) -> dict[str, Path]:
    """Media to copy into the site: ``inovasi/<slug>/<berkas>`` → file in content/media/."""
    return {
        f"inovasi/{i.slug}/{m.berkas}": content_root / "media" / i.slug / m.berkas
        for i in catalog.innovations
        for m in i.media
    }
