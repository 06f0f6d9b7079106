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
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

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
    lines = [
        f"{key}: {json.dumps(html.escape(' '.join(str(value).split())), ensure_ascii=False)}"
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
    env.globals.update(rel=rel, innovation_uri=innovation_uri, unit_uri=unit_uri, affair_uri=affair_uri,
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
        "statistik/index.md": _render("statistik.md.j2", "statistik/index.md", c=catalog),
        "data/index.md": _render("data-terbuka.md.j2", "data/index.md", c=catalog),
    }
    for innovation in catalog.innovations:
        pages[innovation_uri(innovation)] = render_innovation(catalog, innovation)
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
