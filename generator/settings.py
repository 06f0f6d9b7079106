"""How the public site looks and behaves for one region: optional keys of content/katalog.yml.

``logo``, ``warna``, ``email``, ``produksi`` and ``sinonim`` are read here into
plain data; pages, exports and the theme read them from :func:`of`. A region
that sets none of them gets a neutral look, no e-mail line, no synonyms and a
site that may still publish sample data.

The production switch (``produksi: true``) is enforced twice: the check reports
every published sample as an error (``generator/rules/catalog.py``,
``sample_problems``), and ``refuse_samples`` stops the page rendering, so no
build path can publish one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

#: A neutral blue-grey: no region's colours, white text on it at 8:1.
DEFAULT_PRIMARY = "#2b4c6f"
#: Hover and focus colour on white: 5.0:1 (Material's amber is 1.9:1).
DEFAULT_ACCENT = "#a34700"

_HEX_RE = re.compile(r"^#[0-9a-fA-F]{6}$")


@dataclass(frozen=True)
class SiteSettings:
    """Presentation settings of a catalog (all optional in katalog.yml)."""

    #: File name of an image in content/halaman/ (published beside the pages), or None.
    logo: str | None = None
    warna_utama: str = DEFAULT_PRIMARY
    warna_aksen: str = DEFAULT_ACCENT
    #: Where people without a GitHub account send proposals.
    email: str | None = None
    #: A production site refuses sample innovations (``contoh: true``).
    produksi: bool = False
    #: Groups of words a search treats as one (the first is the form pages use most).
    sinonim: tuple[tuple[str, ...], ...] = field(default=())


def from_katalog(data: Mapping[str, Any]) -> SiteSettings:
    """Settings from the (validated) data of katalog.yml."""
    found_warna, found_groups = data.get("warna"), data.get("sinonim")
    warna: Mapping[str, Any] = found_warna if isinstance(found_warna, Mapping) else {}
    groups: list[Any] = found_groups if isinstance(found_groups, list) else []
    return SiteSettings(
        logo=data.get("logo") if isinstance(data.get("logo"), str) else None,
        warna_utama=_colour(warna.get("utama"), DEFAULT_PRIMARY),
        warna_aksen=_colour(warna.get("aksen"), DEFAULT_ACCENT),
        email=data.get("email") if isinstance(data.get("email"), str) else None,
        produksi=data.get("produksi") is True,
        sinonim=tuple(tuple(w.strip().lower() for w in g if isinstance(w, str) and w.strip())
                      for g in groups if isinstance(g, list)),
    )


def _colour(value: object, default: str) -> str:
    return value.lower() if isinstance(value, str) and _HEX_RE.match(value) else default


def of(catalog: object) -> SiteSettings:
    """The settings a catalog model carries (``Catalog.tampilan``), or the neutral defaults."""
    found = getattr(catalog, "tampilan", None)
    return found if isinstance(found, SiteSettings) else SiteSettings()


# --- colours -----------------------------------------------------------------------------


def _luminance(hex_colour: str) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two ``#rrggbb`` colours."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def text_on(background: str) -> str:
    """White or near-black, whichever reads better on ``background``."""
    return "#ffffff" if contrast(background, "#ffffff") >= contrast(background, "#1a1a1a") else "#1a1a1a"


def theme_css(settings: SiteSettings) -> str:
    """``assets/tema.css``: the region's colours as Material's variables.

    The header text colour follows the primary colour's lightness, so a light
    brand colour never leaves white text unreadable; links and hover use the
    primary or accent colour only where it reaches 4.5:1 on the page.
    """
    primary, accent = settings.warna_utama, settings.warna_aksen
    link = primary if contrast(primary, "#ffffff") >= 4.5 else "#1a1a1a"
    hover = accent if contrast(accent, "#ffffff") >= 4.5 else link
    return (
        "/* Generated from content/katalog.yml (warna); do not edit. */\n"
        ":root, [data-md-color-scheme=\"default\"], [data-md-color-scheme=\"slate\"] {\n"
        f"  --md-primary-fg-color: {primary};\n"
        f"  --md-primary-fg-color--light: {primary};\n"
        f"  --md-primary-fg-color--dark: {primary};\n"
        f"  --md-primary-bg-color: {text_on(primary)};\n"
        f"  --md-primary-bg-color--light: {text_on(primary)}e6;\n"
        "}\n"
        "[data-md-color-scheme=\"default\"] {\n"
        f"  --md-typeset-a-color: {link};\n"
        f"  --md-accent-fg-color: {hover};\n"
        f"  --md-accent-fg-color--transparent: {hover}1a;\n"
        "}\n"
    )


# --- search ------------------------------------------------------------------------------


def synonym_terms(settings: SiteSettings, text: str) -> list[str]:
    """Every word of the synonym groups that ``text`` touches (for indexing beside the page text)."""
    lowered = text.lower()
    found: list[str] = []
    for group in settings.sinonim:
        if any(re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", lowered) for w in group):
            found.extend(w for w in group if w not in found)
    return found


# --- production -------------------------------------------------------------------------


class SampleDataError(ValueError):
    """A production catalog (``produksi: true``) holds sample innovations."""


def refuse_samples(settings: SiteSettings, slugs: Iterable[str]) -> None:
    """Raise SampleDataError when a production site would publish samples."""
    samples = sorted(slugs)
    if settings.produksi and samples:
        shown = ", ".join(samples[:5]) + (f" dan {len(samples) - 5} lainnya" if len(samples) > 5 else "")
        raise SampleDataError(f"katalog.yml berisi 'produksi: true', tetapi {len(samples)} inovasi masih data contoh "
                              f"(contoh: true): {shown}; hapus berkas contoh itu sebelum menerbitkan situs")
