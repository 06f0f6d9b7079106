"""Charts as inline SVG: pure functions from numbers to markup.

The statistics page draws its figures at build time, so they need no script,
work offline and print. Every chart is an accessible image (``role="img"``
named by its ``<title>`` and ``<desc>``), scales with its container (a
``viewBox`` and ``width="100%"``) and takes its colours from CSS classes
(``statistik.css``), so light and dark mode both keep their contrast. All
text comes from content (unit names, labels) and is XML-escaped here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from xml.sax.saxutils import escape as _xml_escape

from markupsafe import Markup

#: Width of every chart in SVG user units; the page scales it (see statistik.css).
WIDTH = 360
#: Font size of labels and values, in user units.
FONT = 14
#: Room kept right of the longest bar for its value.
VALUE_ROOM = 44
#: Labels longer than this are shortened in the chart (the table beside it has them in full).
MAX_LABEL = 44

_ROW = 44  # label line, bar, gap
_BAR = 16
# Presentation attributes are the fallback where statistik.css is absent (feed readers,
# saved pages); the stylesheet's classes override them.
_TRACK = 'fill="currentColor" fill-opacity="0.1"'
_FILL = 'fill="#00796b"'
_TEXT = 'fill="currentColor"'
_ID_RE = re.compile(r"^[a-z][a-z0-9-]*$")


@dataclass(frozen=True)
class Bar:
    """One bar: a short label for the chart, the full name for the table, the count."""

    label: str
    value: int
    nama: str = ""
    #: Source URI of the page the table row links to, if any.
    uri: str | None = None

    @property
    def name(self) -> str:
        return self.nama or self.label


@dataclass(frozen=True)
class Series:
    """The numbers of one figure: what is counted, by what, and the bars."""

    key: str  # id fragment, e.g. ``tahapan``
    title: str  # e.g. "Inovasi menurut tahapan"
    column: str  # table header of the label column, e.g. "Tahapan"
    bars: tuple[Bar, ...]
    #: What percentages are of: every innovation, even where the bars show only some.
    whole: int
    note: str = ""  # one sentence on how it is counted

    @property
    def total(self) -> int:
        return sum(b.value for b in self.bars)

    @property
    def complete(self) -> bool:
        """Whether the bars add up to the whole (a "top 10" does not)."""
        return self.total == self.whole

    def percent(self, bar: Bar) -> int:
        return round(100 * bar.value / self.whole) if self.whole else 0


def xml_text(value: object) -> str:
    """Text for an SVG element or attribute: the five XML specials escaped, whitespace collapsed."""
    text = " ".join(str(value).split())
    return _xml_escape(text, {'"': "&quot;", "'": "&#39;"})


def _short(label: str) -> str:
    label = " ".join(label.split())
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1].rstrip() + "…"


def _check_id(chart_id: str) -> str:
    if not _ID_RE.match(chart_id):  # ids are ours, never content; keep them attribute-safe
        raise ValueError(f"unsafe chart id {chart_id!r}")
    return chart_id


def _svg(chart_id: str, height: int, title: str, desc: str, body: list[str], css: str) -> Markup:
    # One line per element and no blank line: the SVG is a raw-HTML block inside Markdown.
    cid = _check_id(chart_id)
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="ki-grafik {css}" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" width="100%" preserveAspectRatio="xMinYMin meet" '
        f'font-size="{FONT}" aria-labelledby="{cid}-judul {cid}-desk">'
    )
    lines = [head, f'<title id="{cid}-judul">{xml_text(title)}</title>',
             f'<desc id="{cid}-desk">{xml_text(desc)}</desc>', *body, "</svg>"]
    return Markup("\n".join(lines))


def describe(series: Series, unit: str = "inovasi") -> str:
    """The numbers of a series as one sentence, for ``<desc>``."""
    parts = [f"{b.name}: {b.value}" for b in series.bars]
    text = "; ".join(parts) or "tidak ada data"
    return f"{text}. Jumlah {series.total} {unit}." if series.complete else f"{text}."


def bar_chart(chart_id: str, series: Series, unit: str = "inovasi") -> Markup:
    """A horizontal bar chart: each label above its bar, the value at the bar's end.

    Labels sit above the bars rather than beside them so long names stay
    readable on a phone, where the chart is only as wide as the screen.
    """
    top = max((b.value for b in series.bars), default=0)
    span = WIDTH - VALUE_ROOM
    body: list[str] = []
    for n, bar in enumerate(series.bars):
        y = n * _ROW
        length = round(span * bar.value / top, 1) if top else 0
        bar_y, label = y + 20, xml_text(_short(bar.label))
        body.append('<g class="ki-grafik__baris">')
        body.append(f'<text class="ki-grafik__label" x="0" y="{y + FONT}" {_TEXT}>{label}</text>')
        body.append(f'<rect class="ki-grafik__jalur" x="0" y="{bar_y}" width="{span}" height="{_BAR}" rx="2" {_TRACK}/>')
        if length:
            body.append(f'<rect class="ki-grafik__batang" x="0" y="{bar_y}" width="{length}" height="{_BAR}" rx="2" {_FILL}/>')
        body.append(f'<text class="ki-grafik__nilai" x="{length + 6}" y="{bar_y + _BAR - 3}" {_TEXT}>{bar.value}</text>')
        body.append("</g>")
    height = max(len(series.bars), 1) * _ROW
    return _svg(chart_id, height, series.title, describe(series, unit), body, "ki-grafik--batang")


def progress_chart(chart_id: str, title: str, value: int, total: int, caption: str) -> Markup:
    """One progress bar toward a target: a track for ``total`` filled up to ``value``.

    ``caption`` (e.g. "16 dari 100 inovasi") is written above the bar and is the
    image's description; values above the target fill the whole track.
    """
    share = min(1.0, value / total) if total > 0 else 1.0
    length = round(WIDTH * share, 1)
    percent = round(100 * value / total) if total > 0 else 100
    body = [
        (f'<text class="ki-grafik__label" x="0" y="{FONT + 2}" {_TEXT}>'
         f'<tspan class="ki-grafik__angka">{xml_text(caption)}</tspan></text>'),
        f'<text class="ki-grafik__nilai" x="{WIDTH}" y="{FONT + 2}" text-anchor="end" {_TEXT}>{percent}%</text>',
        f'<rect class="ki-grafik__jalur" x="0" y="26" width="{WIDTH}" height="20" rx="3" {_TRACK}/>',
    ]
    if length:
        body.append(f'<rect class="ki-grafik__batang" x="0" y="26" width="{length}" height="20" rx="3" {_FILL}/>')
    desc = f"{caption} ({percent}%)."
    return _svg(chart_id, 50, title, desc, body, "ki-grafik--progres")
