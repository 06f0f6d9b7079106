"""Rules across files: registry ids, targets, duplicate and near-duplicate innovations, units owing their target."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from pathlib import PurePosixPath
from typing import Any

from ..content import Source
from ..model import unit_counts_toward_target
from ..problems import Problem, in_content
from ..similar import neighbours
from .common import PLACEHOLDER_RE


def normal_name(name: str) -> str:
    """The form in which two innovation names are compared (case and spaces ignored)."""
    return " ".join(name.casefold().split())


def registry_ids(source: Source, what: str) -> tuple[dict[str, dict[str, Any]], list[Problem]]:
    """A registry indexed by id, and the problems of ids used twice or of a registry that is not a list."""
    index: dict[str, dict[str, Any]] = {}
    if not isinstance(source.data, list):
        if source.data is None:
            return index, []
        return index, [source.problem((), f"isi {what} harus berupa daftar (setiap butir diawali '- ')")]
    out = []
    for i, item in enumerate(source.data):
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            if item["id"] in index:
                out.append(source.problem((i, "id"), f"id '{item['id']}' sudah dipakai butir lain; setiap id harus unik"))
            else:
                index[item["id"]] = item
    return index, out


def target_year_problems(katalog: Source) -> list[Problem]:
    """Each year has one target."""
    data = katalog.data
    if not isinstance(data, dict) or not isinstance(data.get("target"), list):
        return []
    years = Counter(t.get("tahun") for t in data["target"] if isinstance(t, dict))
    return [katalog.problem(("target", i, "tahun"), f"target tahun {t.get('tahun')} ditulis lebih dari sekali")
            for i, t in enumerate(data["target"]) if isinstance(t, dict) and years[t.get("tahun")] > 1]


def duplicate_name_problems(innovations: list[Source]) -> list[Problem]:
    """Two innovations with the same name: both files hear of it, so that checking either alone finds it."""
    first: dict[str, Source] = {}
    out = []
    for source in innovations:
        name = source.data.get("nama")
        if not isinstance(name, str):
            continue
        key = normal_name(name)
        if key in first:
            other = first[key]
            unique = "setiap inovasi harus bernama unik"
            out.append(source.problem(("nama",), f"nama inovasi sama dengan {in_content(other.path)}; {unique}"))
            out.append(other.problem(("nama",), f"nama inovasi sama dengan {in_content(source.path)}; {unique}"))
        else:
            first[key] = source
    return out


def similar_problems(innovations: list[Source], katalog: Source) -> list[Problem]:
    """Warn on each file whose name or summary is nearly that of others (at most one line per field).

    Bounded for any catalog (generator/similar.py): the three closest files are
    named, the others counted; past similar.MAX_REPORTED warnings, one summary line.
    """
    items = [s for s in innovations if isinstance(s.data.get("nama"), str)]
    slugs = [PurePosixPath(s.path).stem for s in items]
    names = [normal_name(s.data["nama"]) for s in items]
    acknowledged = [
        {v for v in s.data["berbeda_dari"] if isinstance(v, str)} if isinstance(s.data.get("berbeda_dari"), list) else set()
        for s in items
    ]
    summaries = [
        s.data["ringkasan"] if isinstance(s.data.get("ringkasan"), str) and not PLACEHOLDER_RE.match(s.data["ringkasan"]) else ""
        for s in items
    ]

    def ignore(this: int, other: int) -> bool:
        # The same name is already an error; a file acknowledged in berbeda_dari is not a duplicate.
        return names[this] == names[other] or slugs[other] in acknowledged[this]

    report = neighbours([s.data["nama"] for s in items], summaries, ignore)
    out = []
    for found in report.warnings:
        others = ", ".join(f"{in_content(items[i].path)} (kemiripan {score}%)" for i, score in found.named)
        if found.more:
            others += f" dan {'' if found.complete else 'sedikitnya '}{found.more} berkas lain yang mirip"
        listed = ", ".join(slugs[i] for i, _ in found.named)
        out.append(items[found.item].problem((found.field,), f"{found.field} sangat mirip dengan {others}; "
                                             "periksa apakah ini inovasi yang sama, "
                                             f"atau bila memang berbeda tambahkan 'berbeda_dari: [{listed}]'", "warning"))
    if report.left_out:
        out.append(katalog.problem((), f"{report.left_out} peringatan kemiripan lain tentang {report.left_out_items} "
                                       f"berkas inovasi tidak ditampilkan (paling banyak {report.limit} per kolom); "
                                       "tangani yang ditampilkan lalu periksa lagi",
                                   "warning"))
    return out


def sample_problems(katalog: Source, innovations: list[Source]) -> list[Problem]:
    """With ``produksi: true`` in katalog.yml, each sample innovation is an error at its ``contoh`` key."""
    data = katalog.data
    if not isinstance(data, dict) or data.get("produksi") is not True:
        return []
    return [source.problem(("contoh",), "situs produksi (katalog.yml: produksi: true) tidak boleh menerbitkan data contoh; "
                                        "hapus berkas ini, atau ganti isinya dengan inovasi resmi "
                                        "lalu hapus baris 'contoh: true'")
            for source in innovations if source.data.get("contoh") is True]


def target_problems(katalog: Source, units: Source, index: Mapping[str, Mapping[str, Any]], innovations: list[Source],
                    *, every_unit: bool) -> list[Problem]:
    """Units that still owe the latest year's target: one summary line, or (``every_unit``) one line per unit."""
    data = katalog.data
    targets = [(i, t) for i, t in enumerate(data["target"]) if isinstance(t, dict) and isinstance(t.get("tahun"), int)] \
        if isinstance(data, dict) and isinstance(data.get("target"), list) else []
    if not targets or not isinstance(units.data, list):
        return []
    at, target = max(targets, key=lambda pair: pair[1]["tahun"])
    minimum, year = target.get("minimal_per_unit", 1), target["tahun"]
    if not isinstance(minimum, int) or minimum <= 0:
        return []
    counts = Counter((s.data.get("perangkat_daerah"), s.data.get("tahun")) for s in innovations
                     if isinstance(s.data.get("perangkat_daerah"), str) and isinstance(s.data.get("tahun"), int))
    owing = [(i, item) for i, item in enumerate(units.data)
             if isinstance(item, dict) and isinstance(item.get("id"), str) and index.get(item["id"]) is item
             and unit_counts_toward_target(item) and counts[(item["id"], year)] < minimum]
    if every_unit:
        return [units.problem((i, "id"), f"{item.get('nama', item['id'])} baru punya {counts[(item['id'], year)]} "
                                         f"inovasi tahun {year}; target minimal {minimum} per perangkat daerah", "warning")
                for i, item in owing]
    if not owing:
        return []
    named = ", ".join(str(item["id"]) for _, item in owing[:5]) + (f" dan {len(owing) - 5} lainnya" if len(owing) > 5 else "")
    return [katalog.problem(("target", at, "tahun"), f"{len(owing)} perangkat daerah belum punya {minimum} inovasi tahun {year} "
                                                     f"({named}); jalankan 'katalog check --semua' "
                                                     "untuk daftar lengkapnya", "warning")]
