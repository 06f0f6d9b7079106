"""Rules for one innovation file beyond its schema: its name, references, dates, media and lengths."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path, PurePosixPath
from typing import Any

from ..content import KeyPath, Source, image_problem
from ..problems import Problem
from ..vocabulary import RegistryIndex, is_slug, registry_index, resolve, slugify, unit_hint
from .common import MARKDOWN_FIELDS, PLACEHOLDER_RE, SLUG_RE, did_you_mean
from .markdown import markdown_problems

MIN_DESIGN_WORDS = 300
#: References checked per list (perangkat_daerah_lain, urusan.irisan): their schemas' largest maxItems.
MAX_REFERENCES = 20
_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
_MEDIA_NAME_RE = re.compile(r"[a-z0-9][a-z0-9._-]*")


@dataclass(frozen=True)
class Registries:
    """What an innovation may refer to: unit and affair ids (from the registries), and the content folder."""

    units: Mapping[str, Mapping[str, Any]]
    affairs: Mapping[str, Mapping[str, Any]]
    root: Path
    today: date

    @cached_property
    def unit_index(self) -> RegistryIndex:
        """Units by id, name, abbreviation and alias: what a contributor may have written instead of the id."""
        return registry_index(list(self.units.values()))

    @cached_property
    def affair_index(self) -> RegistryIndex:
        """Affairs by id, name and alias (built once per check, not once per reference)."""
        return registry_index(list(self.affairs.values()))


def file_name_problems(source: Source) -> list[Problem]:
    """The file name is the innovation's permanent URL: a slug, ending in .yml."""
    name = PurePosixPath(source.path).name
    stem, suffix = name.rsplit(".", 1) if "." in name else (name, "")
    if suffix != "yml" and stem.lower().endswith((".yml", ".yaml")):
        stem = stem.rsplit(".", 1)[0]  # x.yml.txt: the name is x, and it becomes x.yml
    out = []
    if suffix != "yml":
        out.append(source.problem((), f"nama berkas harus berakhiran .yml (sekarang '{name}'); ganti menjadi {stem}.yml"))
    if not SLUG_RE.fullmatch(stem) or not 3 <= len(stem) <= 80:
        # The name it should have, when the name written gives one (contributor walk: spaces, capitals, "_", " (1)").
        meant = slugify(stem)
        todo = f"ganti menjadi {meant}.yml" if is_slug(meant) and meant != stem else "misalnya antrean-daring-kependudukan"
        out.append(source.problem((), f"nama berkas '{stem}' bukan slug yang sah; gunakan 3–80 huruf kecil, angka "
                                      f"dan tanda hubung tunggal, tanpa spasi: {todo}"))
    return out


def _reference(source: Source, keypath: KeyPath, value: Any, known: Mapping[str, Any], what: str, registry: str,
               hint: str | None = None) -> list[Problem]:
    if isinstance(value, str) and value not in known and not PLACEHOLDER_RE.match(value):
        return [source.problem(keypath, f"{what} '{value}' tidak ada di "
                                        f"{registry}{did_you_mean(value, known) if hint is None else hint}")]
    return []


def _affair_hint(value: str, reg: Registries) -> str:
    """"Did you mean" for an affair: its id from a name written out, or the closest ids (several when unsure)."""
    if value in reg.affairs:
        return ""  # a known id: no hint is shown, so none is searched for
    found = resolve(value, reg.affair_index)
    if found.id is not None:
        return f"; maksud Anda '{found.id}'?"
    if found.candidates:
        return "; maksud Anda " + " atau ".join(f"'{c}'" for c in found.candidates[:3]) + "?"
    return ""


def _unit(source: Source, keypath: KeyPath, value: Any, reg: Registries) -> list[Problem]:
    """A unit reference: a full name, abbreviation or alias is answered with the unit's id (generator/vocabulary.py)."""
    if not isinstance(value, str) or value in reg.units:
        return []
    return _reference(source, keypath, value, reg.units, "perangkat daerah", "perangkat-daerah.yml",
                      unit_hint(value, reg.unit_index))


def reference_problems(source: Source, reg: Registries) -> list[Problem]:
    """Units and affairs named by an innovation exist, and none is named twice."""
    data = source.data
    out = _unit(source, ("perangkat_daerah",), data.get("perangkat_daerah"), reg)
    others = data.get("perangkat_daerah_lain")
    # Only the items a list may hold (maxItems): an over-long list is already an error,
    # and each reference costs a 'did you mean' search of the registry.
    for i, unit in enumerate(others[:MAX_REFERENCES] if isinstance(others, list) else []):
        out += _unit(source, ("perangkat_daerah_lain", i), unit, reg)
        if unit == data.get("perangkat_daerah"):
            out.append(source.problem(("perangkat_daerah_lain", i), f"'{unit}' sudah menjadi perangkat_daerah utama; hapus dari "
                                                                    "daftar ini"))
    urusan = data.get("urusan")
    if isinstance(urusan, dict):
        utama = urusan.get("utama")
        out += _reference(source, ("urusan", "utama"), utama, reg.affairs, "urusan", "urusan.yml",
                          _affair_hint(utama, reg) if isinstance(utama, str) else None)
        irisan = urusan.get("irisan")
        for i, affair in enumerate(irisan[:MAX_REFERENCES] if isinstance(irisan, list) else []):
            out += _reference(source, ("urusan", "irisan", i), affair, reg.affairs, "urusan", "urusan.yml",
                              _affair_hint(affair, reg) if isinstance(affair, str) else None)
            if affair == urusan.get("utama"):
                out.append(source.problem(("urusan", "irisan", i), f"'{affair}' sudah menjadi urusan utama; hapus dari irisan"))
    return out


def _date(value: Any) -> date | None:
    if isinstance(value, str) and _DATE_RE.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def date_problems(source: Source, today: date) -> list[Problem]:
    """Dates exist in the calendar, come in order, agree with tahapan and are not in the future."""
    data = source.data
    waktu = data.get("waktu") if isinstance(data.get("waktu"), dict) else {}
    written = {("waktu", "uji_coba"): waktu.get("uji_coba"), ("waktu", "penerapan"): waktu.get("penerapan"),
               ("waktu", "pengembangan"): waktu.get("pengembangan"), ("diperbarui",): data.get("diperbarui")}
    out = []
    for keypath, value in written.items():
        if isinstance(value, str) and _DATE_RE.fullmatch(value) and _date(value) is None:
            out.append(source.problem(keypath, f"'{value}' bukan tanggal yang ada di kalender; periksa bulan (01–12) dan hari"))
    trial, launch = _date(waktu.get("uji_coba")), _date(waktu.get("penerapan"))
    if trial and launch and launch < trial:
        out.append(source.problem(("waktu", "penerapan"), f"tanggal penerapan ({launch.isoformat()}) sebelum tanggal uji coba "
                                                          f"({trial.isoformat()}); penerapan tidak boleh mendahului uji coba"))
    stage = data.get("tahapan")
    if stage == "inisiatif" and (waktu.get("uji_coba") or waktu.get("penerapan")):
        key = "uji_coba" if waktu.get("uji_coba") else "penerapan"
        out.append(source.problem(("waktu", key), "tahapan masih 'inisiatif' tetapi tanggal ini sudah diisi; "
                                                  "ubah tahapan menjadi uji_coba/penerapan atau hapus tanggalnya"))
    if stage == "uji_coba" and waktu.get("penerapan"):
        out.append(source.problem(("waktu", "penerapan"), "tahapan masih 'uji_coba' tetapi tanggal penerapan sudah diisi; "
                                                          "ubah tahapan menjadi penerapan atau hapus tanggal ini"))
    out += _development_problems(source, stage, launch, _date(waktu.get("pengembangan")))
    for keypath, value in written.items():
        when = _date(value)
        if when and when > today:
            out.append(source.problem(keypath, f"tanggal {when.isoformat()} masih di masa depan; tulis tanggal yang sudah "
                                               "terjadi", "warning"))
    return out


def _development_problems(source: Source, stage: Any, launch: date | None, development: date | None) -> list[Problem]:
    """``waktu.pengembangan`` (IID): a development of an innovation in use, after it was first put in use."""
    keypath: KeyPath = ("waktu", "pengembangan")
    if development is None:
        return []
    if stage != "penerapan":
        return [source.problem(keypath, "tanggal pengembangan hanya untuk inovasi tahap penerapan; ubah tahapan menjadi "
                                        "penerapan atau hapus tanggal ini")]
    if launch is not None and development < launch:
        return [source.problem(keypath, f"tanggal pengembangan ({development.isoformat()}) sebelum tanggal penerapan "
                                        f"({launch.isoformat()}); pengembangan terjadi setelah inovasi diterapkan")]
    return []


def media_problems(source: Source, root: Path) -> list[Problem]:
    """Every image named in ``media`` is a regular file in content/media/<slug>/ (no symlink on the way)."""
    media = source.data.get("media")
    slug = PurePosixPath(source.path).stem
    folder = root / "media" / slug
    out = []
    for i, item in enumerate(media if isinstance(media, list) else []):
        berkas = item.get("berkas") if isinstance(item, dict) else None
        # A name outside the schema's pattern is reported by the schema; nothing is looked up for it.
        if not isinstance(berkas, str) or not _MEDIA_NAME_RE.fullmatch(berkas) or ".." in berkas:
            continue
        path = folder / berkas
        if any(p.is_symlink() for p in (folder.parent, folder, path)):
            out.append(source.problem(("media", i, "berkas"), f"'{berkas}' atau foldernya adalah tautan simbolik (symlink); "
                                                              f"salin berkas gambarnya ke {root.name}/media/{slug}/"))
        elif not path.exists():
            out.append(source.problem(("media", i, "berkas"), f"berkas gambar tidak ditemukan: letakkan '{berkas}' di "
                                                              f"{root.name}/media/{slug}/"))
        elif problem := image_problem(path):
            out.append(source.problem(("media", i, "berkas"), f"'{berkas}': {problem}"))
    return out


def content_problems(source: Source) -> list[Problem]:
    """Markdown fields, the length of the design, and results once in use."""
    data = source.data
    out = []
    for field in MARKDOWN_FIELDS:
        if isinstance(data.get(field), str):
            out += markdown_problems(source, (field,), data[field])
    design = data.get("rancang_bangun")
    if isinstance(design, str) and not PLACEHOLDER_RE.match(design):
        words = len(design.split())
        if words < MIN_DESIGN_WORDS:
            out.append(source.problem(("rancang_bangun",), f"rancang bangun baru {words} kata; formulir IID meminta minimal "
                                                           f"{MIN_DESIGN_WORDS} kata (masalah, perubahan, cara "
                                                           "kerja)", "warning"))
    if data.get("tahapan") == "penerapan" and not data.get("hasil"):
        out.append(source.problem(("hasil",), "inovasi sudah tahap penerapan tetapi kolom 'hasil' belum diisi; "
                                              "tuliskan hasil yang sudah dicapai, sebaiknya dengan angka", "warning"))
    return out


def innovation_problems(source: Source, reg: Registries) -> list[Problem]:
    """Every per-file rule of one innovation whose data is a mapping."""
    return [*reference_problems(source, reg), *date_problems(source, reg.today), *media_problems(source, reg.root),
            *content_problems(source)]
