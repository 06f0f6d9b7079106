"""The catalog as plain, immutable data, built from content that passed validation."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
from typing import Any

from .content import Content
from .iid import IidSetup, setup_from_content
from .settings import SiteSettings, from_katalog
from .verification import VerificationState, catalog_verification


def unit_counts_toward_target(unit: Mapping[str, Any]) -> bool:
    """``wajib_target`` as written, else true for every jenis except sekolah."""
    value = unit.get("wajib_target")
    return value if isinstance(value, bool) else unit.get("jenis") != "sekolah"


@dataclass(frozen=True)
class Unit:
    id: str
    nama: str
    jenis: str
    singkatan: str | None = None
    jenjang: str | None = None
    wajib_target: bool = True

    @property
    def label(self) -> str:
        """Short name for tables: the abbreviation where there is one."""
        return self.singkatan or self.nama


@dataclass(frozen=True)
class Affair:
    id: str
    nama: str
    kelompok: str


@dataclass(frozen=True)
class Target:
    tahun: int
    jumlah: int
    minimal_per_unit: int = 1


@dataclass(frozen=True)
class Link:
    judul: str
    url: str


@dataclass(frozen=True)
class Media:
    berkas: str
    keterangan: str


@dataclass(frozen=True)
class Award:
    nama: str
    tahun: int


@dataclass(frozen=True)
class Evidence:
    """One evidence item of an indicator: a file in content/media/<slug>/bukti/ or an https link, and what it shows."""

    keterangan: str
    berkas: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Indicator:
    """The unit's answer to one IID indicator: the chosen parameter (1–3), the basis (kemanfaatan only), the evidence."""

    kunci: str
    nilai: int
    basis: str | None = None
    bukti: tuple[Evidence, ...] = ()
    #: The unit's note on this indicator (not evidence; e.g. an old text ``bukti`` kept by ``katalog migrasi-iid``).
    catatan: str | None = None


@dataclass(frozen=True)
class Innovation:
    slug: str
    #: Path of the YAML file relative to the content folder, e.g. ``inovasi/x.yml``.
    source: str
    nama: str
    ringkasan: str
    unit: Unit
    other_units: tuple[Unit, ...]
    inisiator_jenis: str
    inisiator_nama: str | None
    bentuk: str
    jenis: str
    tahapan: str
    affair: Affair
    irisan: tuple[Affair, ...]
    tematik: str | None
    tahun: int
    uji_coba: date | None
    penerapan: date | None
    rancang_bangun: str
    tujuan: str
    manfaat: str
    hasil: str | None
    anggaran_sumber: str | None
    anggaran_jumlah: int | None
    tautan: tuple[Link, ...]
    media: tuple[Media, ...]
    kontak: Mapping[str, str] | None  # read-only: the model is immutable all the way down
    penghargaan: tuple[Award, ...]
    indikator: tuple[Indicator, ...]
    tag: tuple[str, ...]
    diperbarui: date | None
    contoh: bool
    #: Date of a development of the innovation (IID eligibility counts it like penerapan).
    pengembangan: date | None = None
    #: The unit enters this innovation for IID reporting.
    laporkan_iid: bool = False

    @property
    def affair_ids(self) -> set[str]:
        """The main and the overlapping affairs."""
        return {self.affair.id, *(a.id for a in self.irisan)}

    @property
    def sort_key(self) -> tuple[str, str]:
        """Name order, as listings show innovations."""
        return (self.nama.casefold(), self.slug)

    @property
    def newest_date(self) -> date:
        """The latest date known for this innovation, for "newest" listings."""
        dates = [d for d in (self.diperbarui, self.penerapan, self.uji_coba) if d]
        return max(dates) if dates else date(self.tahun, 1, 1)


@dataclass(frozen=True)
class HandPage:
    """A hand-written page of content/halaman/: checked front matter and the Markdown body."""

    name: str  # the file name without .md: the page's URL
    body: str
    title: str | None = None
    description: str | None = None
    hide: tuple[str, ...] = ()

    @property
    def source(self) -> str:
        """Path inside content/, for the edit link."""
        return f"halaman/{self.name}.md"


@dataclass(frozen=True)
class Catalog:
    daerah: str
    penyelenggara: str
    situs: str
    repositori: str | None
    cabang: str
    targets: tuple[Target, ...]
    units: tuple[Unit, ...]
    affairs: tuple[Affair, ...]
    innovations: tuple[Innovation, ...]
    #: Path of the content folder relative to the repository root, for edit links.
    content_prefix: str = "content"
    halaman: tuple[HandPage, ...] = field(default=())
    #: How the site looks for this region (optional keys of katalog.yml: logo, warna, email, produksi, sinonim).
    tampilan: SiteSettings = field(default_factory=SiteSettings)
    #: Images of content/halaman/, published beside the pages.
    halaman_images: tuple[str, ...] = field(default=())
    #: The IID edition in force and the region's SPD values (katalog.yml → iid, content/iid/); None without ``iid:``.
    iid: IidSetup | None = None
    #: Bapperida's verification state of each innovation, by slug (computed once per build, reading evidence files
    #: only for innovations with a record); empty without ``iid``.
    verifikasi: Mapping[str, VerificationState] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def target(self) -> Target | None:
        """The latest year's target: the one reviewers track now."""
        return max(self.targets, key=lambda t: t.tahun) if self.targets else None

    @cached_property
    def _by_unit(self) -> dict[str, list[Innovation]]:
        index: dict[str, list[Innovation]] = {}
        for innovation in self.innovations:
            index.setdefault(innovation.unit.id, []).append(innovation)
        return index

    @cached_property
    def _by_affair(self) -> dict[str, list[Innovation]]:
        index: dict[str, list[Innovation]] = {}
        for innovation in self.innovations:
            index.setdefault(innovation.affair.id, []).append(innovation)
        return index

    @cached_property
    def _by_any_affair(self) -> dict[str, list[Innovation]]:
        index: dict[str, list[Innovation]] = {}
        for innovation in self.innovations:
            for affair_id in innovation.affair_ids:
                index.setdefault(affair_id, []).append(innovation)
        return index

    def by_affair(self, affair_id: str) -> list[Innovation]:
        """Innovations whose main affair is ``affair_id``, in name order."""
        return self._by_affair.get(affair_id, [])

    def by_any_affair(self, affair_id: str) -> list[Innovation]:
        """Innovations with ``affair_id`` as main or overlapping affair, in name order."""
        return self._by_any_affair.get(affair_id, [])

    def by_unit(self, unit_id: str) -> list[Innovation]:
        """A unit's innovations (indexed once: listings ask for every unit)."""
        return self._by_unit.get(unit_id, [])

    def count_for(self, unit_id: str, year: int) -> int:
        return sum(1 for i in self.by_unit(unit_id) if i.tahun == year)

    def target_units(self) -> list[Unit]:
        return [u for u in self.units if u.wajib_target]

    def edit_url(self, relative: str) -> str | None:
        """URL that opens ``content/<relative>`` in the repository's web editor."""
        if not self.repositori:
            return None
        return f"{self.repositori.rstrip('/')}/edit/{self.cabang}/{self.content_prefix}/{relative}"


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


def _date(value: Any) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else None


def indicators(block: Mapping[str, Any] | None) -> tuple[Indicator, ...]:
    """The ``indikator`` block of a valid innovation, in the order written."""
    return tuple(
        Indicator(kunci, v["nilai"], v.get("basis"),
                  tuple(Evidence(b["keterangan"], b.get("berkas"), b.get("url")) for b in v.get("bukti", ())),
                  v.get("catatan"))
        for kunci, v in (block or {}).items()
    )


def build_catalog(content: Content, content_prefix: str = "content") -> Catalog:
    """The model of a catalog whose content has no errors."""
    k = content.katalog.data
    iid = setup_from_content(content)
    units = tuple(
        Unit(id=u["id"], nama=u["nama"], jenis=u["jenis"], singkatan=u.get("singkatan"),
             jenjang=u.get("jenjang"), wajib_target=unit_counts_toward_target(u))
        for u in content.units.data
    )
    affairs = tuple(Affair(id=a["id"], nama=a["nama"], kelompok=a["kelompok"]) for a in content.affairs.data)
    unit_by_id = {u.id: u for u in units}
    affair_by_id = {a.id: a for a in affairs}
    innovations = []
    for source in content.innovations:
        d = source.data
        slug = Path(source.path).stem
        waktu = d.get("waktu") or {}
        anggaran = d.get("anggaran") or {}
        innovations.append(Innovation(
            slug=slug,
            source=f"inovasi/{slug}.yml",
            nama=d["nama"],
            ringkasan=d["ringkasan"],
            unit=unit_by_id[d["perangkat_daerah"]],
            other_units=tuple(unit_by_id[u] for u in d.get("perangkat_daerah_lain", [])),
            inisiator_jenis=d["inisiator"]["jenis"],
            inisiator_nama=d["inisiator"].get("nama"),
            bentuk=d["bentuk"],
            jenis=d["jenis"],
            tahapan=d["tahapan"],
            affair=affair_by_id[d["urusan"]["utama"]],
            irisan=tuple(affair_by_id[a] for a in d["urusan"].get("irisan", [])),
            tematik=d.get("tematik"),
            tahun=d["tahun"],
            uji_coba=_date(waktu.get("uji_coba")),
            penerapan=_date(waktu.get("penerapan")),
            rancang_bangun=d["rancang_bangun"],
            tujuan=d["tujuan"],
            manfaat=d["manfaat"],
            hasil=d.get("hasil"),
            anggaran_sumber=anggaran.get("sumber"),
            anggaran_jumlah=anggaran.get("jumlah"),
            tautan=tuple(Link(t["judul"], t["url"]) for t in d.get("tautan", [])),
            media=tuple(Media(m["berkas"], m["keterangan"]) for m in d.get("media", [])),
            kontak=MappingProxyType(dict(d["kontak"])) if d.get("kontak") else None,
            penghargaan=tuple(Award(p["nama"], p["tahun"]) for p in d.get("penghargaan", [])),
            indikator=indicators(d.get("indikator")),
            tag=tuple(d.get("tag", [])),
            diperbarui=_date(d.get("diperbarui")),
            contoh=bool(d.get("contoh", False)),
            pengembangan=_date(waktu.get("pengembangan")),
            laporkan_iid=d.get("laporkan_iid") is True,
        ))
    innovations.sort(key=lambda i: i.sort_key)  # every index below keeps this order
    return Catalog(
        daerah=k["daerah"],
        penyelenggara=k["penyelenggara"],
        situs=k["situs"],
        repositori=k.get("repositori"),
        cabang=k.get("cabang", "main"),
        targets=tuple(Target(t["tahun"], t["jumlah"], t.get("minimal_per_unit", 1)) for t in k["target"]),
        units=units,
        affairs=affairs,
        innovations=tuple(innovations),
        content_prefix=content_prefix,
        halaman=tuple(
            HandPage(name=Path(p.path).stem, body=p.body, title=p.data.get("title"), description=p.data.get("description"),
                     hide=tuple(p.data.get("hide", ())))
            for p in content.page_sources if p.body is not None and isinstance(p.data, dict)
        ),
        halaman_images=tuple(sorted(content.page_images)),
        tampilan=from_katalog(k),
        iid=iid,
        verifikasi=MappingProxyType(catalog_verification(content, iid.edition.edisi) if iid else {}),
    )
