"""IID readiness of a catalog: the edition, the innovations and their verification states, glued into one report.

The ``/iid/`` page, the "Kesiapan IID" panel of an innovation page and the
internal report (``katalog laporan``) all read the same frozen
:class:`Readiness`, so the site and the workbook never disagree. Everything
here is pure: the verification states come in computed
(``verification.catalog_verification``, once per build) and the day comes in
as a date (``clock.today()``).

Words used below:

* *filled* (``diisi``): the unit chose a parameter 1–3 for the indicator;
* *gap* (``kurang``): a filled indicator without enough evidence (none at all,
  or fewer items than the parameter needs where the edition asks for one item
  per year or per method: parameter *n* needs *n* items), or a compulsory
  indicator not filled;
* *reported* (``dilaporkan``): the unit entered the innovation for IID
  reporting (``laporkan_iid: true``);
* *counted* (``dihitung``): the innovation counts in the claimed projection
  (eligible, and not a sample unless samples are counted for a simulation).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from functools import cached_property
from typing import Literal

from .iid import (
    LEVELS,
    Assessment,
    Basis,
    Candidate,
    Edition,
    IndicatorDef,
    Projection,
    Projections,
    assess,
    basic_affairs,
    days_left,
    indicator_points,
    projections,
    reporting_text,
)
from .model import Catalog, Evidence, Indicator, Innovation, Unit
from .verification import UNVERIFIED, Verdict, VerificationState

#: Where the reporting window stands: before it opens, while open, after it closed.
Window = Literal["belum_dibuka", "dibuka", "ditutup"]

#: What a window state is called on the site.
WINDOW_LABELS: Mapping[str, str] = {"belum_dibuka": "belum dibuka", "dibuka": "sedang dibuka", "ditutup": "sudah ditutup"}


@dataclass(frozen=True)
class IndicatorReadiness:
    """One edition indicator of one innovation: what the unit filled in, its evidence, its verification, its gap."""

    definisi: IndicatorDef
    #: The chosen parameter (1–3), or None when the unit did not fill the indicator in.
    nilai: int | None
    #: The chosen basis (kemanfaatan), or None.
    basis: Basis | None
    #: The official text of the chosen parameter (of the basis for kemanfaatan); "" when not filled.
    teks: str
    bukti: tuple[Evidence, ...]
    verifikasi: Verdict
    #: Claimed points of this row: weight × parameter (0 when not filled).
    poin: Decimal
    #: Why the evidence falls short (Indonesian), or None.
    kurang: str | None

    @property
    def diisi(self) -> bool:
        return self.nilai is not None

    @property
    def lengkap(self) -> bool:
        """Filled, with enough evidence."""
        return self.diisi and self.kurang is None


@dataclass(frozen=True)
class InnovationReadiness:
    """One innovation in the edition: assessment, verification, indicators in number order, gaps."""

    inovasi: Innovation
    penilaian: Assessment
    verifikasi: VerificationState
    #: Every indicator of the edition, in number order (filled or not).
    indikator: tuple[IndicatorReadiness, ...]
    #: Left out of the projections as a sample (``contoh: true``, unless samples are counted for a simulation).
    contoh: bool

    @property
    def slug(self) -> str:
        return self.inovasi.slug

    @property
    def dilaporkan(self) -> bool:
        """The unit entered this innovation for IID reporting (``laporkan_iid: true``)."""
        return self.inovasi.laporkan_iid

    @property
    def layak(self) -> bool:
        return self.penilaian.kelayakan.layak

    @property
    def dihitung(self) -> bool:
        """Counts in the claimed projection: eligible and not left out as a sample."""
        return self.layak and not self.contoh

    @cached_property  # read by the order, the recap and the templates
    def kurang(self) -> tuple[IndicatorReadiness, ...]:
        """The indicators with a gap (missing or too little evidence, a compulsory indicator not filled)."""
        return tuple(i for i in self.indikator if i.kurang is not None)

    @cached_property  # read by the order, the recap and the templates
    def diisi(self) -> int:
        """How many indicators are filled."""
        return sum(1 for i in self.indikator if i.diisi)

    @cached_property  # read by the order, the recap and the templates
    def lengkap(self) -> int:
        """How many indicators are filled with enough evidence (the completeness shown when scores are not public)."""
        return sum(1 for i in self.indikator if i.lengkap)

    @cached_property  # read by the order, the recap and the templates
    def diterima(self) -> int:
        """How many indicators are accepted and current."""
        return len(self.verifikasi.verified_keys & {i.definisi.kunci for i in self.indikator})

    @property
    def siap(self) -> bool:
        """Eligible, and every indicator filled with enough evidence."""
        return self.layak and self.lengkap == len(self.indikator)

    def candidate(self) -> Candidate:
        """This innovation as :func:`iid.projections` counts it."""
        return self.penilaian.candidate(self.inovasi.affair.id, self.contoh, self.verifikasi.innovation_verified)


@dataclass(frozen=True)
class UnitRecap:
    """One perangkat daerah in the recap."""

    unit: Unit
    #: Its innovations in the report (samples only in a simulation).
    inovasi: int
    #: Of those, entered for IID reporting (``laporkan_iid``).
    dilaporkan: int
    #: Of those, counted in the claimed projection.
    dihitung: int
    #: Average claimed SID score of its innovations in the report; None without any.
    rata_rata: Decimal | None
    #: Gaps (indicators short of evidence, compulsory indicators not filled) over its innovations.
    bukti_kurang: int

    @property
    def belum_melapor(self) -> bool:
        """A unit that owes innovations (``wajib_target``) and has reported none."""
        return self.unit.wajib_target and self.dilaporkan == 0


@dataclass(frozen=True)
class Readiness:
    """The region's IID readiness: what the ``/iid/`` page and the internal report show."""

    edition: Edition
    hari_ini: date
    #: Numeric scores may be shown on the public site (``iid.skor_publik``).
    skor_publik: bool
    #: The region's SPD values are samples (``contoh: true`` in the region file); None SPD: no region file.
    spd_contoh: bool
    #: Samples were counted as if real (the "Simulasi dengan data contoh" block; never on a production site).
    contoh_dihitung: bool
    #: Every innovation, most ready first (:func:`readiness_order`).
    inovasi: tuple[InnovationReadiness, ...]
    #: Units with an innovation in the report, and target units (which then have not reported), in registry order.
    unit: tuple[UnitRecap, ...]
    proyeksi: Projections

    @property
    def diklaim(self) -> Projection:
        return self.proyeksi.diklaim

    @property
    def terverifikasi(self) -> Projection:
        return self.proyeksi.terverifikasi

    @property
    def sisa_hari(self) -> int:
        """Days the reporting window is open, today included (:func:`iid.days_left`)."""
        return days_left(self.edition, self.hari_ini)

    @property
    def pelaporan(self) -> Window:
        window = self.edition.pelaporan
        if self.hari_ini < window.mulai:
            return "belum_dibuka"
        return "ditutup" if self.hari_ini > window.selesai else "dibuka"

    @property
    def pelaporan_teks(self) -> str:
        """One Indonesian sentence on the reporting window (:func:`iid.reporting_text`)."""
        return reporting_text(self.edition, self.hari_ini)

    @property
    def belum_melapor(self) -> tuple[Unit, ...]:
        """Target units without any reported innovation."""
        return tuple(r.unit for r in self.unit if r.belum_melapor)

    @property
    def bukti_kurang(self) -> int:
        """Gaps over every innovation in the report."""
        return sum(len(i.kurang) for i in self.inovasi if not i.contoh)


# --- one innovation ------------------------------------------------------------------------------


def evidence_gap(definition: IndicatorDef, nilai: int | None, bukti: tuple[object, ...]) -> str | None:
    """Why an indicator's evidence falls short, in Indonesian, or None.

    Not filled: a gap only for a compulsory indicator. Filled: at least one
    item; where the edition asks for one item per year or per method
    (``bukti.per``), parameter *n* needs *n* items (1, 2 or 3 years; 1, 2 or 3
    methods).
    """
    if nilai is None:
        return "indikator wajib belum diisi" if definition.wajib else None
    if not bukti:
        return "belum ada bukti"
    per = definition.bukti.per
    if per and len(bukti) < nilai:
        what = "tahun" if per == "tahun" else "cara" if per == "metode" else per
        return f"parameter {nilai} butuh {nilai} bukti (satu per {what}); baru {len(bukti)}"
    return None


def _indicator(definition: IndicatorDef, filled: Indicator | None, verdict: Verdict) -> IndicatorReadiness:
    nilai = filled.nilai if filled is not None and filled.nilai in LEVELS else None
    basis = definition.basis_of(filled.basis) if filled is not None else None
    bukti = tuple(filled.bukti) if filled is not None else ()
    return IndicatorReadiness(
        definisi=definition, nilai=nilai, basis=basis,
        teks=definition.parameter_text(nilai, basis.kunci if basis else None),
        bukti=bukti, verifikasi=verdict, poin=indicator_points(definition, filled),
        kurang=evidence_gap(definition, nilai, bukti),
    )


def innovation_readiness(edition: Edition, innovation: Innovation, state: VerificationState | None = None,
                         contoh_dihitung: bool = False) -> InnovationReadiness:
    """One innovation's readiness: :func:`iid.assess` with its verified keys, and each of the edition's indicators.

    ``state`` None: nothing verified yet. ``contoh_dihitung``: a sample counts as
    if it were real (only for the simulation of a demo site).
    """
    state = state or UNVERIFIED
    filled = {i.kunci: i for i in innovation.indikator}
    assessment = assess(edition, innovation.penerapan, innovation.pengembangan, innovation.rancang_bangun, filled,
                        state.verified_keys)
    rows = tuple(_indicator(d, filled.get(d.kunci), state.of(d.kunci)) for d in edition.indikator)
    return InnovationReadiness(innovation, assessment, state, rows, innovation.contoh and not contoh_dihitung)


def readiness_order(item: InnovationReadiness) -> tuple[object, ...]:
    """Most ready first: eligible; fewer gaps; more indicators complete; more accepted; then by name.

    Scores are left out on purpose: the order is the same whether or not the
    scores are public, so it never gives them away.
    """
    return (not item.layak, len(item.kurang), -item.lengkap, -item.diterima, item.inovasi.sort_key)


# --- the region ----------------------------------------------------------------------------------


def _recap(units: Iterable[Unit], items: Iterable[InnovationReadiness]) -> tuple[UnitRecap, ...]:
    by_unit: dict[str, list[InnovationReadiness]] = {}
    for item in items:
        by_unit.setdefault(item.inovasi.unit.id, []).append(item)
    out = []
    for unit in units:
        mine = by_unit.get(unit.id, [])
        if not mine and not unit.wajib_target:
            continue
        scores = [i.penilaian.diklaim for i in mine]
        out.append(UnitRecap(
            unit=unit, inovasi=len(mine), dilaporkan=sum(1 for i in mine if i.dilaporkan),
            dihitung=sum(1 for i in mine if i.dihitung),
            rata_rata=sum(scores, Decimal(0)) / len(scores) if scores else None,
            bukti_kurang=sum(len(i.kurang) for i in mine),
        ))
    return tuple(out)


def readiness(catalog: Catalog, states: Mapping[str, VerificationState], today: date, contoh_dihitung: bool = False,
              dinilai: Iterable[InnovationReadiness] | None = None) -> Readiness | None:
    """The catalog's IID readiness on ``today``; None when the catalog has no IID setup (no ``iid:`` in katalog.yml).

    ``states``: :func:`verification.catalog_verification` by slug (an innovation
    missing from it has nothing verified). Samples never count and are left
    out of the recap, unless ``contoh_dihitung`` (the demo site's simulation:
    see :func:`simulation_wanted`). ``dinilai``: every innovation already assessed,
    in :func:`readiness_order` (another report's ``inovasi`` when making the
    simulation, or the panels' assessments), so that no innovation is assessed
    twice; None assesses them here.
    """
    setup = catalog.iid
    if setup is None:
        return None
    edition = setup.edition
    if dinilai is None:
        items = sorted((innovation_readiness(edition, i, states.get(i.slug), contoh_dihitung) for i in catalog.innovations),
                       key=readiness_order)
    else:  # the order does not depend on being a sample
        items = [i if i.contoh == (sample := i.inovasi.contoh and not contoh_dihitung) else replace(i, contoh=sample)
                 for i in dinilai]
    in_report = [i for i in items if not i.contoh]
    return Readiness(
        edition=edition, hari_ini=today, skor_publik=setup.skor_publik, spd_contoh=setup.spd_contoh,
        contoh_dihitung=contoh_dihitung, inovasi=tuple(items), unit=_recap(catalog.units, in_report),
        proyeksi=projections(edition, [i.candidate() for i in items], basic_affairs(catalog.affairs), setup.spd),
    )


def simulation_wanted(catalog: Catalog) -> bool:
    """Whether the ``/iid/`` page adds the "Simulasi dengan data contoh" block: a site that is not in production
    (``produksi`` false) and publishes samples, which the real projection never counts."""
    return catalog.iid is not None and not catalog.tampilan.produksi and any(i.contoh for i in catalog.innovations)
