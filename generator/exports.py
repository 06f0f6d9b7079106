"""Open data: the catalog as JSON, CSV, JSON Schema and an Atom feed.

Pure functions from the model to file contents; the MkDocs plugin writes
them into ``site/data/`` and ``site/feed.xml``.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any
from xml.etree import ElementTree as ET

from .model import Affair, Catalog, Innovation, Progress, Unit, progress
from .schema import editor_schema, label, labels

#: Version of the export format; bump on incompatible changes.
SCHEMA_VERSION = "2.0"
#: How many innovations the feed carries.
FEED_SIZE = 30
#: The open-data licence (also explained on the /data/ page).
LICENCE = {"id": "CC-BY-4.0", "url": "https://creativecommons.org/licenses/by/4.0/deed.id"}


def build_time() -> datetime:
    """Now, or ``SOURCE_DATE_EPOCH`` for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC)
    return datetime.now(UTC).replace(microsecond=0)


def page_url(catalog: Catalog, innovation: Innovation) -> str:
    return f"{catalog.situs.rstrip('/')}/inovasi/{innovation.slug}/"


def _vocab(field: str, value: str | None) -> dict[str, str] | None:
    return None if value is None else {"id": value, "label": label(field, value)}


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _affair(affair: Affair) -> dict[str, Any]:
    return {"id": affair.id, "nama": affair.nama,
            "kelompok": {"id": affair.kelompok, "label": labels((0, "kelompok"), "urusan").get(affair.kelompok, affair.kelompok)}}


def innovation_record(catalog: Catalog, i: Innovation) -> dict[str, Any]:
    """Every field of one innovation, with resolved labels beside the ids."""
    return {
        "slug": i.slug,
        "url": page_url(catalog, i),
        "nama": i.nama,
        "ringkasan": i.ringkasan,
        "perangkat_daerah": {"id": i.unit.id, "nama": i.unit.nama, "singkatan": i.unit.singkatan},
        "perangkat_daerah_lain": [{"id": u.id, "nama": u.nama} for u in i.other_units],
        "inisiator": {"jenis": _vocab("inisiator.jenis", i.inisiator_jenis), "nama": i.inisiator_nama},
        "bentuk": _vocab("bentuk", i.bentuk),
        "jenis": _vocab("jenis", i.jenis),
        "tahapan": _vocab("tahapan", i.tahapan),
        "urusan": {
            "utama": _affair(i.affair),
            "irisan": [_affair(a) for a in i.irisan],
        },
        "tematik": _vocab("tematik", i.tematik),
        "tahun": i.tahun,
        "waktu": {"uji_coba": _iso(i.uji_coba), "penerapan": _iso(i.penerapan), "pengembangan": _iso(i.pengembangan)},
        "rancang_bangun": i.rancang_bangun,
        "tujuan": i.tujuan,
        "manfaat": i.manfaat,
        "hasil": i.hasil,
        "anggaran": (
            {"sumber": _vocab("anggaran.sumber", i.anggaran_sumber), "jumlah": i.anggaran_jumlah} if i.anggaran_sumber else None
        ),
        "tautan": [{"judul": t.judul, "url": t.url} for t in i.tautan],
        "media": [{"berkas": m.berkas, "keterangan": m.keterangan, "url": f"{page_url(catalog, i)}{m.berkas}"} for m in i.media],
        "kontak": dict(i.kontak) if i.kontak else None,
        "penghargaan": [{"nama": p.nama, "tahun": p.tahun} for p in i.penghargaan],
        "laporkan_iid": i.laporkan_iid,
        "indikator": {
            ind.kunci: {
                "label": label("indikator", ind.kunci), "nilai": ind.nilai, "basis": ind.basis,
                "bukti": [{"berkas": e.berkas, "url": e.url, "keterangan": e.keterangan} for e in ind.bukti],
                "catatan": ind.catatan,
            } for ind in i.indikator
        },
        "tag": list(i.tag),
        "diperbarui": _iso(i.diperbarui),
        "contoh": i.contoh,
    }


def official_progress(catalog: Catalog) -> Progress | None:
    """Progress toward the latest target, counting official innovations only (never ``contoh: true``)."""
    return progress(replace(catalog, innovations=tuple(i for i in catalog.innovations if not i.contoh)))


def _document_head(catalog: Catalog, built: datetime) -> dict[str, Any]:
    """What every JSON export starts with: its format version, when it was built, and whose it is."""
    return {
        "versi_skema": SCHEMA_VERSION,
        "dibangun": built.isoformat().replace("+00:00", "Z"),
        "daerah": catalog.daerah,
        "penyelenggara": catalog.penyelenggara,
    }


def export_json(catalog: Catalog, built: datetime) -> str:
    """``/data/inovasi.json``: every innovation, every field."""
    prog = official_progress(catalog)
    doc = {
        **_document_head(catalog, built),
        "situs": catalog.situs,
        "skema": f"{catalog.situs.rstrip('/')}/data/inovasi.schema.json",
        "lisensi": {**LICENCE, "atribusi": catalog.penyelenggara},
        "target": {"tahun": prog.tahun, "jumlah": prog.jumlah, "tercapai": prog.count} if prog else None,
        "jumlah": len(catalog.innovations),
        "inovasi": [innovation_record(catalog, i) for i in catalog.innovations],
    }
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


CSV_COLUMNS = (
    "slug", "url", "nama", "ringkasan", "perangkat_daerah", "perangkat_daerah_nama", "perangkat_daerah_lain",
    "inisiator_jenis", "inisiator_nama", "bentuk", "jenis", "tahapan", "urusan_utama", "urusan_utama_nama",
    "urusan_irisan", "tematik", "tahun", "waktu_uji_coba", "waktu_penerapan", "anggaran_sumber", "anggaran_jumlah",
    "tautan", "penghargaan", "tag", "diperbarui", "contoh",
)
#: Separator inside one cell for list fields (a semicolon never appears in ids or URLs).
LIST_SEPARATOR = "; "


def _csv_cell(value: str) -> str:
    # A cell starting with = + - @ is a formula to Excel: neutralise it.
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def export_csv(catalog: Catalog) -> str:
    """``/data/inovasi.csv``: one row per innovation; UTF-8 with BOM so Excel reads it right."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for i in catalog.innovations:
        row = [
            i.slug, page_url(catalog, i), i.nama, i.ringkasan, i.unit.id, i.unit.nama,
            LIST_SEPARATOR.join(u.id for u in i.other_units),
            label("inisiator.jenis", i.inisiator_jenis), i.inisiator_nama or "",
            label("bentuk", i.bentuk), label("jenis", i.jenis), label("tahapan", i.tahapan),
            i.affair.id, i.affair.nama, LIST_SEPARATOR.join(a.id for a in i.irisan),
            label("tematik", i.tematik), str(i.tahun), _iso(i.uji_coba) or "", _iso(i.penerapan) or "",
            label("anggaran.sumber", i.anggaran_sumber), "" if i.anggaran_jumlah is None else str(i.anggaran_jumlah),
            LIST_SEPARATOR.join(t.url for t in i.tautan),
            LIST_SEPARATOR.join(f"{p.nama} ({p.tahun})" for p in i.penghargaan),
            LIST_SEPARATOR.join(i.tag), _iso(i.diperbarui) or "", "ya" if i.contoh else "tidak",
        ]
        writer.writerow([_csv_cell(v) for v in row])
    return "\ufeff" + out.getvalue()


def export_schema(catalog: Catalog) -> str:
    """``/data/inovasi.schema.json``: the validator's schema with the registries' ids, for editors."""
    schema = editor_schema([u.id for u in catalog.units], [a.id for a in catalog.affairs], catalog.situs)
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


# Characters XML 1.0 does not allow at all (ElementTree writes them anyway, and the
# feed is then unreadable). The check refuses them in content; this is the last guard.
_XML_INVALID_RE = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    """``text`` without the characters XML 1.0 forbids."""
    return _XML_INVALID_RE.sub("", text)


def export_feed(catalog: Catalog, built: datetime) -> str:
    """``/feed.xml``: an Atom feed of the newest innovations."""
    ns = "http://www.w3.org/2005/Atom"
    ET.register_namespace("", ns)
    base = catalog.situs.rstrip("/")

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        el = ET.SubElement(parent, f"{{{ns}}}{tag}", {k: xml_text(v) for k, v in attrs.items()})
        if text is not None:
            el.text = xml_text(text)
        return el

    feed = ET.Element(f"{{{ns}}}feed", {"xml:lang": "id"})
    sub(feed, "id", f"{base}/")
    sub(feed, "title", f"Katalog Inovasi {catalog.daerah}")
    sub(feed, "subtitle", f"Inovasi daerah terbaru, diselenggarakan {catalog.penyelenggara}")
    sub(feed, "link", href=f"{base}/")
    sub(feed, "link", rel="self", href=f"{base}/feed.xml")
    sub(feed, "updated", built.isoformat().replace("+00:00", "Z"))
    sub(feed, "rights", f"{LICENCE['id']}: {catalog.penyelenggara}")
    author = sub(feed, "author")
    sub(author, "name", catalog.penyelenggara)
    newest = sorted(catalog.innovations, key=lambda i: (i.newest_date, i.slug), reverse=True)[:FEED_SIZE]
    for i in newest:
        entry = sub(feed, "entry")
        sub(entry, "id", page_url(catalog, i))
        sub(entry, "title", i.nama)
        sub(entry, "link", href=page_url(catalog, i))
        sub(entry, "updated", f"{i.newest_date.isoformat()}T00:00:00Z")
        sub(entry, "summary", i.ringkasan)
        writer = sub(entry, "author")
        sub(writer, "name", i.unit.nama)
        sub(entry, "category", term=i.tahapan, label=label("tahapan", i.tahapan))
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


#: Columns of /data/perangkat-daerah.csv (and keys of each unit in the JSON).
UNIT_COLUMNS = ("id", "nama", "singkatan", "jenis", "jenjang", "url", "wajib_target", "tahun_target",
                "inovasi_tahun_target", "minimal_per_unit", "status", "inovasi_semua", "inovasi_contoh")
#: Status of a unit toward the latest target: id → label.
UNIT_STATUS = {"memenuhi": "Memenuhi", "belum_memenuhi": "Belum memenuhi", "tidak_wajib": "Tidak wajib target",
               "tanpa_target": "Tanpa target"}


def unit_status(unit: Unit, prog: Progress | None, count: int) -> str:
    """``memenuhi``, ``belum_memenuhi``, ``tidak_wajib`` or ``tanpa_target`` (no target in katalog.yml)."""
    if prog is None:
        return "tanpa_target"
    if not unit.wajib_target:
        return "tidak_wajib"
    return "memenuhi" if count >= prog.minimal_per_unit else "belum_memenuhi"


def unit_records(catalog: Catalog) -> list[dict[str, Any]]:
    """Every unit with its count of official innovations in the target year and its status."""
    prog = official_progress(catalog)
    records = []
    for u in catalog.units:
        items = catalog.by_unit(u.id)
        count = sum(1 for i in items if not i.contoh and prog is not None and i.tahun == prog.tahun)
        records.append({
            "id": u.id, "nama": u.nama, "singkatan": u.singkatan, "jenis": u.jenis, "jenjang": u.jenjang,
            "url": f"{catalog.situs.rstrip('/')}/perangkat-daerah/{u.id}/", "wajib_target": u.wajib_target,
            "tahun_target": prog.tahun if prog else None, "inovasi_tahun_target": count,
            "minimal_per_unit": prog.minimal_per_unit if prog else None,
            "status": unit_status(u, prog, count), "inovasi_semua": len(items),
            "inovasi_contoh": sum(1 for i in items if i.contoh),
        })
    return records


def export_units_json(catalog: Catalog, built: datetime) -> str:
    """``/data/perangkat-daerah.json``: every unit, its count toward the latest target and its status."""
    prog = official_progress(catalog)
    doc = {
        **_document_head(catalog, built),
        "lisensi": {**LICENCE, "atribusi": catalog.penyelenggara},
        "definisi": (f"inovasi_tahun_target: inovasi resmi (bukan data contoh) milik perangkat daerah itu dengan "
                     f"tahun diusulkan {prog.tahun}, semua tahapan; status memenuhi bila paling sedikit "
                     f"{prog.minimal_per_unit}") if prog else None,
        "status": UNIT_STATUS,
        "perangkat_daerah": unit_records(catalog),
    }
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


def export_units_csv(catalog: Catalog) -> str:
    """``/data/perangkat-daerah.csv``: one row per unit; UTF-8 with BOM."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(UNIT_COLUMNS)
    for r in unit_records(catalog):
        row = {**r, "wajib_target": "ya" if r["wajib_target"] else "tidak", "status": UNIT_STATUS[r["status"]]}
        writer.writerow([_csv_cell("" if row[k] is None else str(row[k])) for k in UNIT_COLUMNS])
    return "\ufeff" + out.getvalue()


def render_exports(catalog: Catalog, built: datetime | None = None) -> dict[str, str]:
    """Every open-data file of the site, by path."""
    built = built or build_time()
    return {
        "data/inovasi.json": export_json(catalog, built),
        "data/inovasi.csv": export_csv(catalog),
        "data/perangkat-daerah.json": export_units_json(catalog, built),
        "data/perangkat-daerah.csv": export_units_csv(catalog),
        "data/inovasi.schema.json": export_schema(catalog),
        "feed.xml": export_feed(catalog, built),
    }
