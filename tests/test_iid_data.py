"""The innovations' IID data (issue 11, point 2): schema, model, validation and the corrected sample content.

The ``indikator`` part of generator/schema/inovasi.schema.json is derived from
the edition in force (content/iid/2026.yml): :func:`indicator_schema` below is
that derivation, and the first test holds the schema to it, so the edition's
``kunci`` list, names, parameter texts and evidence kinds are written once. When
the edition changes, regenerate the part with ``indicator_schema`` and the test
passes again.

Every bad input gets its exact located message, on real files in a real catalog,
through the command's own ``main`` (tests/test_check_support.py).
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import struct
import zlib
from pathlib import Path
from typing import Any

import pytest
from conftest import KATALOG, ROOT, VALID, Catalog
from test_check_support import APPENDED_LINE, INNOVATION, check

from generator.content import MAX_EVIDENCE_BYTES, MAX_EVIDENCE_TOTAL_BYTES, load_content, parse_text
from generator.iid import edition_from_data, eligibility
from generator.model import Evidence, Indicator, build_catalog
from generator.schema import load_schema

EDITION_FILE = ROOT / "content" / "iid" / "2026.yml"
SLUG = "antrean-daring"
BUKTI = f"content/media/{SLUG}/bukti/"


def edition_data() -> dict[str, Any]:
    """The shipped edition as the content loader reads it (dates stay text)."""
    return parse_text(str(EDITION_FILE), EDITION_FILE.read_bytes()).data


# --- minimal real files ------------------------------------------------------------------------


def minimal_pdf(title: str) -> bytes:
    """A valid one-page PDF saying "Dokumen contoh" and ``title`` (how the sample evidence was made)."""
    def escaped(text: str) -> str:
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    lines = ["Dokumen contoh", title, "Berkas ini data contoh Katalog Inovasi Daerah, bukan dokumen resmi."]
    stream = ("BT /F1 12 Tf 56 780 Td 16 TL " + " ".join(f"({escaped(line)}) Tj T*" for line in lines) + " ET").encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, obj in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + obj + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def minimal_png(width: int = 16, height: int = 12) -> bytes:
    """A valid grey PNG."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    rows = b"".join(b"\x00" + bytes([(x * y) % 256 for x in range(width)]) for y in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))


PDF = minimal_pdf("Peraturan Wali Kota Nomor 12 Tahun 2025")


# --- the schema is derived from the edition ------------------------------------------------------

JENIS = {"pdf": "PDF", "jpg": "JPG", "png": "PNG", "tautan": "tautan"}


def _bukti_schema() -> dict[str, Any]:
    return {
        "type": "array",
        "minItems": 1,
        "maxItems": 20,
        "description": "Daftar bukti. Setiap butir berisi berkas (nama berkas di content/media/<slug>/bukti/, PDF, JPG atau "
                       "PNG) atau url (alamat https://), ditambah keterangan singkat.",
        "items": {
            "type": "object",
            "additionalProperties": False,
            "required": ["keterangan"],
            "oneOf": [{"required": ["berkas"]}, {"required": ["url"]}],
            "x-pesan": "setiap butir bukti berisi tepat satu 'berkas' (nama berkas di content/media/<slug>/bukti/) atau "
                       "satu 'url' (alamat https://), ditambah 'keterangan'",
            "properties": {
                "berkas": {
                    "type": "string",
                    "maxLength": 100,
                    "pattern": "^[a-z0-9]+(-[a-z0-9]+)*\\.(pdf|jpg|jpeg|png)$",
                    "x-pesan": "nama berkas bukti saja (huruf kecil, angka dan tanda hubung), berakhiran .pdf, .jpg, .jpeg "
                               "atau .png, tanpa folder, misalnya perwako-12-2025.pdf",
                    "description": "Nama berkas di content/media/<slug>/bukti/. PDF, JPG atau PNG, paling besar 5 MiB.",
                },
                "url": {
                    "type": "string",
                    "maxLength": 2000,
                    "pattern": "^https://[^\\s<>\"]+$",
                    "x-pesan": "alamat bukti harus diawali https://",
                    "description": "Alamat bukti di web, diawali https://. Misalnya berita, video, atau dokumen di JDIH.",
                },
                "keterangan": {
                    "type": "string",
                    "minLength": 2,
                    "maxLength": 200,
                    "description": "Apa yang ditunjukkan bukti ini. 2–200 karakter, teks biasa (bukan Markdown).",
                },
            },
        },
    }


def _levels(texts: list[str]) -> str:
    return "; ".join(f"{n} = {t}" for n, t in enumerate(texts, start=1))


def indicator_schema(edition: dict[str, Any]) -> dict[str, Any]:
    """The ``indikator`` property of inovasi.schema.json, derived from an edition's data (content/iid/<edisi>.yml).

    To regenerate after the edition changes: load generator/schema/inovasi.schema.json, set
    ``properties.indikator`` to ``indicator_schema(edition_data())`` and write it back (indent 2, UTF-8).
    """
    props: dict[str, Any] = {}
    for ind in edition["indikator"]:
        count = len(ind["parameter"])
        jenis = ", ".join(JENIS.get(j, j) for j in ind["bukti"]["jenis"])
        node: dict[str, Any] = {
            "type": "object",
            "additionalProperties": False,
            "required": ["nilai"] + (["basis"] if "basis" in ind else []),
            "description": f"{ind['nomor']}. {ind['nama']} (bobot {ind['bobot']}{', wajib' if ind['wajib'] else ''}). "
                           f"Bukti: {ind['bukti']['keterangan']} ({jenis}).",
            "properties": {},
        }
        if "basis" in ind:
            node["properties"]["basis"] = {
                "type": "string",
                "enum": [b["kunci"] for b in ind["basis"]],
                "description": "Basis pengukuran kemanfaatan, pilih satu: "
                               + "; ".join(f"{b['kunci']} = {b['nama']}" for b in ind["basis"]) + ".",
                "x-label": {b["kunci"]: b["nama"] for b in ind["basis"]},
            }
            levels = " ".join(f"{b['kunci']}: {_levels(b['parameter'])}." for b in ind["basis"])
            node["properties"]["nilai"] = {"type": "integer", "enum": list(range(1, count + 1)),
                                           "description": f"Parameter yang dipilih (1–{count}) menurut basis. {levels}"}
        else:
            node["properties"]["nilai"] = {"type": "integer", "enum": list(range(1, count + 1)),
                                           "description": f"Parameter yang dipilih: {_levels(ind['parameter'])}."}
        node["properties"]["bukti"] = _bukti_schema()
        node["properties"]["catatan"] = {
            "type": "string",
            "minLength": 2,
            "maxLength": 500,
            "description": "Catatan unit, bukan bukti. Tidak dinilai; misalnya keterangan lama yang belum berupa berkas atau "
                           "tautan. Teks biasa (bukan Markdown).",
        }
        props[ind["kunci"]] = node
    first, last = edition["indikator"][0]["nomor"], edition["indikator"][-1]["nomor"]
    return {
        "type": "object",
        "additionalProperties": False,
        "description": f"Penilaian mandiri indikator Satuan Inovasi Daerah (IID {edition['edisi']}, nomor {first}–{last}): "
                       "untuk setiap indikator, nilai (parameter yang dipilih), bukti dan, khusus kemanfaatan, basis. Teks "
                       f"parameter lengkap: content/iid/{edition['edisi']}.yml.",
        "properties": props,
        "x-label": {ind["kunci"]: ind["nama"] for ind in edition["indikator"]},
    }


def test_the_indicator_keys_of_the_schema_are_the_editions_kunci_list():
    schema = load_schema("inovasi")["properties"]["indikator"]
    assert list(schema["properties"]) == [i["kunci"] for i in edition_data()["indikator"]]
    assert "kualitas" not in schema["properties"] and "video" in schema["properties"]


def test_the_indicator_schema_is_what_the_edition_says():
    """Names, weights, compulsory flags, parameter texts, bases and evidence kinds: all from content/iid/2026.yml."""
    assert load_schema("inovasi")["properties"]["indikator"] == indicator_schema(edition_data())


def test_the_edition_model_reads_the_same_keys_as_the_schema():
    edition = edition_from_data(edition_data())
    assert [d.kunci for d in edition.indikator] == list(load_schema("inovasi")["properties"]["indikator"]["properties"])
    assert [d.kunci for d in edition.wajib] == ["regulasi", "sdm", "kecepatan", "kemanfaatan", "video"]


def test_laporkan_iid_and_pengembangan_are_in_the_schema():
    props = load_schema("inovasi")["properties"]
    assert props["laporkan_iid"]["type"] == "boolean"
    assert list(props)[list(props).index("laporkan_iid") + 1] == "indikator"
    assert props["waktu"]["properties"]["pengembangan"]["pattern"] == props["waktu"]["properties"]["penerapan"]["pattern"]


# --- a catalog with the edition in force ---------------------------------------------------------------


def with_edition(catalog: Catalog, katalog_extra: str = "") -> Catalog:
    """The conftest catalog with the 2026 edition in force and the shipped urusan.yml (six basic-service affairs)."""
    catalog.write("katalog.yml", KATALOG + "iid:\n  edisi: 2026\n" + katalog_extra)
    catalog.write("iid/2026.yml", EDITION_FILE.read_bytes())
    catalog.write("urusan.yml", (ROOT / "content" / "urusan.yml").read_bytes())
    return catalog


@pytest.fixture
def iid(catalog: Catalog) -> Catalog:
    return with_edition(catalog)


def with_block(block: str, text: str = VALID) -> str:
    """The fixture innovation with ``block`` appended: its first line is line APPENDED_LINE (53)."""
    return text + block


def lines_of(catalog: Catalog) -> list[str]:
    return check(catalog).about(INNOVATION)


REGULASI = """\
indikator:
  regulasi:
    nilai: 2
    bukti:
      - berkas: perwako-12-2025.pdf
        keterangan: Peraturan Wali Kota Nomor 12 Tahun 2025
"""
#: Line and column of the first evidence file name in REGULASI.
BERKAS_AT = f"{APPENDED_LINE + 4}:17"


def test_a_valid_indicator_with_its_file_has_no_problem_but_the_missing_compulsory_ones(iid: Catalog):
    iid.write(f"media/{SLUG}/bukti/perwako-12-2025.pdf", PDF)
    iid.innovation(SLUG, with_block(REGULASI))
    assert lines_of(iid) == [
        f"{INNOVATION}:{APPENDED_LINE + 1}:3: warning: indikator: indikator wajib sdm (17), kecepatan (32), kemanfaatan (33), "
        "video (35) belum diisi; tanpa semua indikator wajib inovasi ini tidak memenuhi syarat IID",
    ]


def test_value_out_of_range_names_what_each_value_means(iid: Catalog):
    iid.innovation(SLUG, with_block(REGULASI.replace("nilai: 2", "nilai: 4").replace("    bukti:\n", "    catatan: Perwako\n")
                                    .replace("      - berkas: perwako-12-2025.pdf\n        keterangan: Peraturan Wali Kota "
                                             "Nomor 12 Tahun 2025\n", "")))
    assert f"{INNOVATION}:{APPENDED_LINE + 2}:12: error: indikator.regulasi.nilai: nilai 4 di luar rentang 1–3; pilih " \
           "parameter regulasi: 1 = SK Kepala Daerah, atau SK Kepala Perangkat Daerah atas nama Kepala Daerah; 2 = Peraturan " \
           "Kepala Daerah (Perkada); 3 = Peraturan Daerah (Perda)" in lines_of(iid)
    assert not [line for line in lines_of(iid) if "bukan pilihan yang sah" in line], "no second, schema message"


KEMANFAATAN = """\
indikator:
  kemanfaatan:
    nilai: 3
    catatan: 742 keluarga
"""


def test_kemanfaatan_without_a_basis_lists_the_bases(iid: Catalog):
    iid.innovation(SLUG, with_block(KEMANFAATAN))
    assert f"{INNOVATION}:{APPENDED_LINE + 2}:5: error: indikator.kemanfaatan.basis: kemanfaatan diukur pada tepat satu basis; " \
           "tambahkan baris 'basis: ...' dengan salah satu pilihan: a (Jumlah penerima manfaat (orang)), b (Cakupan sasaran " \
           "(persen unit sasaran)), c (Efisiensi belanja sebelum dan sesudah inovasi), d (Tambahan pendapatan sebelum dan " \
           "sesudah inovasi), e (Jumlah produk yang dihasilkan atau dijual), f (Tren kinerja positif)" in lines_of(iid)
    assert not [line for line in lines_of(iid) if "kolom wajib 'basis'" in line], "no second, schema message"


def test_a_value_out_of_range_on_kemanfaatan_uses_the_chosen_basis(iid: Catalog):
    iid.innovation(SLUG, with_block(KEMANFAATAN.replace("    nilai: 3\n", "    basis: e\n    nilai: 5\n")))
    assert f"{INNOVATION}:{APPENDED_LINE + 3}:12: error: indikator.kemanfaatan.nilai: nilai 5 di luar rentang 1–3; pilih " \
           "parameter kemanfaatan (basis e): 1 = 1–100 produk; 2 = 101–200 produk; 3 = Lebih dari 200 produk" in lines_of(iid)


def test_a_basis_on_another_indicator_is_refused_at_its_key(iid: Catalog):
    iid.innovation(SLUG, with_block("indikator:\n  regulasi:\n    basis: a\n    nilai: 1\n    catatan: SK\n"))
    lines = lines_of(iid)
    assert f"{INNOVATION}:{APPENDED_LINE + 2}:5: error: indikator.regulasi.basis: basis hanya diisi pada indikator " \
           "'kemanfaatan'; hapus baris ini" in lines
    assert not [line for line in lines if "tidak dikenal" in line]


def test_a_basis_in_capitals_is_answered_with_the_right_one(iid: Catalog):
    iid.innovation(SLUG, with_block(KEMANFAATAN.replace("    nilai: 3\n", "    basis: A\n    nilai: 3\n")))
    assert f"{INNOVATION}:{APPENDED_LINE + 2}:12: error: indikator.kemanfaatan.basis: 'A': tulis hurufnya saja, huruf " \
           "kecil: basis: a" in lines_of(iid)


def test_two_bases_are_refused(iid: Catalog):
    iid.innovation(SLUG, with_block(KEMANFAATAN.replace("    nilai: 3\n", "    basis: [a, b]\n    nilai: 3\n")))
    assert [line for line in lines_of(iid) if "basis" in line] == [
        f"{INNOVATION}:{APPENDED_LINE + 2}:12: error: indikator.kemanfaatan.basis: pilih satu basis saja; kemanfaatan diukur "
        "pada tepat satu basis: a (Jumlah penerima manfaat (orang)), b (Cakupan sasaran (persen unit sasaran)), c (Efisiensi "
        "belanja sebelum dan sesudah inovasi), d (Tambahan pendapatan sebelum dan sesudah inovasi), e (Jumlah produk yang "
        "dihasilkan atau dijual), f (Tren kinerja positif)",
    ]


def test_old_text_bukti_names_the_migration(iid: Catalog):
    iid.innovation(SLUG, with_block("indikator:\n  sdm:\n    nilai: 1\n    bukti: Surat tugas tim (6 orang)\n"))
    assert f"{INNOVATION}:{APPENDED_LINE + 3}:12: error: indikator.sdm.bukti: bukti sekarang berupa daftar butir, " \
           f"masing-masing 'berkas' (nama berkas di {BUKTI}) atau 'url' (alamat https://) dengan 'keterangan'; bukti lama " \
           "berupa teks atau tautan diubah otomatis oleh 'katalog migrasi-iid --tulis'" in lines_of(iid)


def test_the_old_kualitas_key_is_given_its_new_name(iid: Catalog):
    iid.innovation(SLUG, with_block("indikator:\n  kualitas:\n    nilai: 2\n    catatan: Survei kepuasan\n"))
    lines = lines_of(iid)
    assert f"{INNOVATION}:{APPENDED_LINE + 1}:3: error: indikator.kualitas: indikator 'kualitas' sekarang bernama 'video' " \
           "(35. Video inovasi daerah); ganti nama kuncinya, atau jalankan 'katalog migrasi-iid --tulis' yang mengubahnya " \
           "otomatis" in lines
    assert not [line for line in lines if "tidak dikenal" in line]


@pytest.mark.parametrize(("item", "message"), [
    ("      - berkas: a.pdf\n        url: https://contoh.go.id/a\n        keterangan: Dua-duanya\n",
     "butir bukti ini berisi 'berkas' dan 'url' sekaligus; pisahkan menjadi dua butir, masing-masing dengan keterangannya"),
    ("      - keterangan: Tanpa berkas atau tautan\n",
     f"butir bukti ini belum berisi 'berkas' (nama berkas di {BUKTI}) atau 'url' (alamat https://); tambahkan salah satunya"),
], ids=["berkas-dan-url", "tanpa-keduanya"])
def test_an_evidence_item_is_a_file_or_a_link(iid: Catalog, item: str, message: str):
    iid.innovation(SLUG, with_block(f"indikator:\n  regulasi:\n    nilai: 1\n    bukti:\n{item}"))
    lines = [line for line in lines_of(iid) if ": error: " in line]
    assert lines == [f"{INNOVATION}:{APPENDED_LINE + 4}:9: error: indikator.regulasi.bukti[0]: {message}"]


def test_an_http_link_is_refused(iid: Catalog):
    iid.innovation(SLUG, with_block("indikator:\n  regulasi:\n    nilai: 1\n    bukti:\n      - url: http://jdih.contoh.go.id/a\n"
                                    "        keterangan: Salinan\n"))
    assert [line for line in lines_of(iid) if ": error: " in line] == [
        f"{INNOVATION}:{APPENDED_LINE + 4}:14: error: indikator.regulasi.bukti[0].url: 'http://jdih.contoh.go.id/a': alamat "
        "bukti harus diawali https://, bukan http://; tulis 'https://jdih.contoh.go.id/a' (bila situsnya tidak dapat dibuka "
        "dengan https://, unduh dokumennya lalu unggah sebagai berkas)"]


@pytest.mark.parametrize(("url", "message"), [
    ("jdih.contoh.go.id/a", "'jdih.contoh.go.id/a': tambahkan https:// di depannya: 'https://jdih.contoh.go.id/a'"),
    ("perwako-12-2025.pdf", "'perwako-12-2025.pdf' adalah nama berkas, bukan alamat: tulis 'berkas: perwako-12-2025.pdf' "
                            "sebagai ganti 'url: ...'"),
    ("https://jdih.contoh.go.id/sk wali kota.pdf", "'https://jdih.contoh.go.id/sk wali kota.pdf': alamat tidak boleh berisi "
                                                   "spasi; salin alamatnya langsung dari bilah alamat peramban (spasi di "
                                                   "dalam alamat ditulis %20)"),
    ('"https://jdih.contoh.go.id/a "', "'https://jdih.contoh.go.id/a ': hapus spasi atau tanda kutip lengkung di awal dan "
                                       "akhir alamat: 'https://jdih.contoh.go.id/a'"),
])
def test_a_link_that_is_not_one_says_what_was_meant(iid: Catalog, url: str, message: str):
    iid.innovation(SLUG, with_block(f"indikator:\n  regulasi:\n    nilai: 1\n    bukti:\n      - url: {url}\n"
                                    "        keterangan: Salinan\n"))
    assert [line for line in lines_of(iid) if ": error: " in line] == [
        f"{INNOVATION}:{APPENDED_LINE + 4}:14: error: indikator.regulasi.bukti[0].url: {message}"]


def test_a_link_to_a_storage_service_is_a_warning(iid: Catalog):
    """Google Drive, Dropbox, OneDrive: opened only by whom the owner lets; files are what the export takes."""
    iid.innovation(SLUG, with_block("indikator:\n  regulasi:\n    nilai: 1\n    bukti:\n"
                                    "      - url: https://drive.google.com/file/d/1AbC/view?usp=sharing\n"
                                    "        keterangan: Salinan\n"))
    assert f"{INNOVATION}:{APPENDED_LINE + 4}:14: warning: indikator.regulasi.bukti[0].url: tautan ke drive.google.com hanya " \
           "dapat dibuka orang yang diberi akses: atur berbagi menjadi 'siapa saja yang memiliki link', atau lebih baik " \
           f"unggah dokumennya ke {BUKTI} dan tulis sebagai 'berkas': hanya berkas yang ikut diekspor untuk diunggah ke " \
           "portal IID" in lines_of(iid)


# --- evidence files ------------------------------------------------------------------------------


def test_a_missing_file_with_no_folder_says_where_to_upload(iid: Catalog):
    iid.innovation(SLUG, with_block(REGULASI))
    assert f"{INNOVATION}:{BERKAS_AT}: error: indikator.regulasi.bukti[0].berkas: berkas bukti 'perwako-12-2025.pdf' tidak " \
           f"ditemukan: unggah berkasnya ke {BUKTI}" in lines_of(iid)


def test_a_missing_file_lists_the_files_there_and_the_nearest(iid: Catalog):
    iid.write(f"media/{SLUG}/bukti/perwako-12-2025-final.pdf", PDF)
    iid.write(f"media/{SLUG}/bukti/foto-spanduk.png", minimal_png())
    iid.innovation(SLUG, with_block(REGULASI))
    lines = lines_of(iid)
    assert f"{INNOVATION}:{BERKAS_AT}: error: indikator.regulasi.bukti[0].berkas: berkas bukti 'perwako-12-2025.pdf' tidak " \
           f"ditemukan di {BUKTI} (yang ada: foto-spanduk.png, perwako-12-2025-final.pdf); maksud Anda " \
           "'perwako-12-2025-final.pdf'?" in lines


WRONG_CONTENT = [
    (minimal_png(), "isi berkas 'perwako-12-2025.pdf' adalah PNG, bukan PDF seperti akhiran namanya; ganti nama berkasnya "
                    "(dan baris ini) menjadi 'perwako-12-2025.png'"),
    (b"GIF89a\x01\x00\x01\x00", "isi berkas 'perwako-12-2025.pdf' adalah gambar GIF; bukti hanya PDF, JPG atau PNG: simpan "
                                "ulang sebagai PNG atau JPG"),
    (b"Peraturan Wali Kota (teks)\n", "isi berkas 'perwako-12-2025.pdf' bukan PDF (isinya tidak cocok dengan akhiran nama); "
                                      "simpan ulang dokumennya sebagai PDF, atau gambarnya sebagai JPG atau PNG"),
    (b"MZ\x90\x00\x03\x00\x00\x00", "'perwako-12-2025.pdf': isi berkas ini program Windows (EXE/DLL), padahal namanya berakhiran "
                                    ".pdf; program, skrip dan arsip tidak boleh diunggah: hapus berkas ini"),
    (b"\x7fELF\x02\x01\x01\x00", "'perwako-12-2025.pdf': isi berkas ini program Linux (ELF), padahal namanya berakhiran .pdf; "
                                 "program, skrip dan arsip tidak boleh diunggah: hapus berkas ini"),
    (b"#!/bin/sh\nrm -rf ~\n", "'perwako-12-2025.pdf': isi berkas ini skrip yang dapat dijalankan (#!), padahal namanya "
                               "berakhiran .pdf; program, skrip dan arsip tidak boleh diunggah: hapus berkas ini"),
    (b"PK\x03\x04\x14\x00\x00\x00", "'perwako-12-2025.pdf': isi berkas ini arsip ZIP, padahal namanya berakhiran .pdf; program, "
                                    "skrip dan arsip tidak boleh diunggah: hapus berkas ini"),
]


@pytest.mark.parametrize(("raw", "message"), WRONG_CONTENT, ids=["png", "gif", "teks", "exe", "elf", "skrip", "zip"])
def test_a_file_is_judged_by_its_content_not_its_name(iid: Catalog, raw: bytes, message: str):
    iid.write(f"media/{SLUG}/bukti/perwako-12-2025.pdf", raw)
    iid.innovation(SLUG, with_block(REGULASI))
    assert [line for line in lines_of(iid) if ": error: " in line] == [
        f"{INNOVATION}:{BERKAS_AT}: error: indikator.regulasi.bukti[0].berkas: {message}"]


def test_a_renamed_program_as_an_image_is_refused_too(iid: Catalog):
    iid.write(f"media/{SLUG}/bukti/spanduk.png", b"\x7fELF\x02\x01\x01\x00")
    iid.innovation(SLUG, with_block(REGULASI.replace("perwako-12-2025.pdf", "spanduk.png")))
    assert f"{INNOVATION}:{BERKAS_AT}: error: indikator.regulasi.bukti[0].berkas: 'spanduk.png': isi berkas ini program Linux " \
           "(ELF), padahal namanya berakhiran .png; program, skrip dan arsip tidak boleh diunggah: hapus berkas ini" \
           in lines_of(iid)


def _sparse(path: Path, head: bytes, size: int) -> None:
    """A file of ``size`` bytes that costs no disk (and no read: only its size and first bytes are looked at)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as f:
        f.write(head)
        f.truncate(size)


def test_a_file_over_five_mib_is_refused_without_being_read(iid: Catalog):
    _sparse(iid.content / "media" / SLUG / "bukti" / "perwako-12-2025.pdf", b"%PDF-1.4\n", MAX_EVIDENCE_BYTES + 1)
    iid.innovation(SLUG, with_block(REGULASI))
    assert [line for line in lines_of(iid) if ": error: " in line] == [
        f"{INNOVATION}:{BERKAS_AT}: error: indikator.regulasi.bukti[0].berkas: berkas bukti 'perwako-12-2025.pdf' terlalu besar "
        "(5 MiB); batasnya 5 MiB per berkas: perkecil berkasnya (misalnya simpan ulang PDF dengan ukuran diperkecil atau foto "
        "dengan resolusi lebih rendah), atau unggah dokumennya ke situs resmi dan tulis alamatnya di 'url'"]


def test_a_file_of_exactly_five_mib_is_accepted(iid: Catalog):
    _sparse(iid.content / "media" / SLUG / "bukti" / "perwako-12-2025.pdf", b"%PDF-1.4\n", MAX_EVIDENCE_BYTES)
    iid.innovation(SLUG, with_block(REGULASI))
    assert [line for line in lines_of(iid) if ": error: " in line] == []


def test_all_evidence_of_an_innovation_over_twenty_mib_is_refused(iid: Catalog):
    folder = iid.content / "media" / SLUG / "bukti"
    items = ""
    for n in range(5):  # 5 × 4.5 MiB = 22.5 MiB: each file within its cap, together over 20 MiB
        _sparse(folder / f"laporan-{n}.pdf", b"%PDF-1.7\n", MAX_EVIDENCE_BYTES * 9 // 10)
        items += f"      - berkas: laporan-{n}.pdf\n        keterangan: Laporan bagian {n + 1}\n"
    iid.innovation(SLUG, with_block(f"indikator:\n  monev:\n    nilai: 1\n    bukti:\n{items}"))
    assert [line for line in lines_of(iid) if ": error: " in line] == [
        f"{INNOVATION}:{APPENDED_LINE + 1}:3: error: indikator: berkas bukti inovasi ini seluruhnya 22,5 MiB; batasnya "
        f"{MAX_EVIDENCE_TOTAL_BYTES // 1024 // 1024} MiB per inovasi: perkecil berkasnya, atau unggah sebagian ke situs resmi "
        "dan tulis alamatnya di 'url'"]


def test_one_file_named_by_two_indicators_counts_once(iid: Catalog):
    folder = iid.content / "media" / SLUG / "bukti"
    _sparse(folder / "sk-tim.pdf", b"%PDF-1.7\n", MAX_EVIDENCE_BYTES)
    item = "    bukti:\n      - berkas: sk-tim.pdf\n        keterangan: SK tim\n"
    block = "indikator:\n" + "".join(f"  {k}:\n    nilai: 1\n{item}" for k in ("sdm", "pelaksana", "aktor", "jejaring", "monev"))
    iid.innovation(SLUG, with_block(block))
    assert [line for line in lines_of(iid) if ": error: " in line] == []


def test_a_link_to_a_file_outside_content_is_never_followed(iid: Catalog, tmp_path: Path):
    secret = tmp_path / "rahasia.pdf"
    secret.write_bytes(PDF)
    folder = iid.content / "media" / SLUG / "bukti"
    folder.mkdir(parents=True)
    (folder / "perwako-12-2025.pdf").symlink_to(secret)
    iid.innovation(SLUG, with_block(REGULASI))
    assert [line for line in lines_of(iid) if ": error: " in line] == [
        f"{INNOVATION}:{BERKAS_AT}: error: indikator.regulasi.bukti[0].berkas: 'perwako-12-2025.pdf' atau foldernya adalah "
        f"tautan simbolik (symlink); salin berkas buktinya ke {BUKTI}"]


def test_a_linked_evidence_folder_is_refused(iid: Catalog, tmp_path: Path):
    outside = tmp_path / "luar"
    outside.mkdir()
    (outside / "perwako-12-2025.pdf").write_bytes(PDF)
    (iid.content / "media" / SLUG).mkdir(parents=True)
    (iid.content / "media" / SLUG / "bukti").symlink_to(outside, target_is_directory=True)
    iid.innovation(SLUG, with_block(REGULASI))
    assert any("tautan simbolik (symlink)" in line and ": error: " in line for line in lines_of(iid))


def test_a_named_pipe_is_never_opened(iid: Catalog):
    folder = iid.content / "media" / SLUG / "bukti"
    folder.mkdir(parents=True)
    os.mkfifo(folder / "perwako-12-2025.pdf")
    iid.innovation(SLUG, with_block(REGULASI))
    assert [line for line in lines_of(iid) if ": error: " in line] == [
        f"{INNOVATION}:{BERKAS_AT}: error: indikator.regulasi.bukti[0].berkas: 'perwako-12-2025.pdf' bukan berkas biasa "
        "(misalnya folder, pipa bernama atau perangkat); unggah dokumennya sebagai berkas"]


def test_files_no_indicator_names_are_warned_about(iid: Catalog):
    folder = iid.content / "media" / SLUG / "bukti"
    iid.write(f"media/{SLUG}/bukti/perwako-12-2025.pdf", PDF)
    iid.write(f"media/{SLUG}/bukti/lama.pdf", PDF)
    (folder / "arsip").mkdir()
    iid.write(f"media/{SLUG}/bukti/.gitkeep", b"")
    iid.innovation(SLUG, with_block(REGULASI))
    at = f"{INNOVATION}:{APPENDED_LINE + 1}:3"
    assert [line for line in lines_of(iid) if "di content/media" in line] == [
        f"{at}: warning: indikator: 'arsip' di {BUKTI}: subfolder tidak dibaca; letakkan berkas bukti langsung di {BUKTI}",
        f"{at}: warning: indikator: 'lama.pdf' di {BUKTI}: tidak dirujuk indikator mana pun; tulis namanya di 'bukti' sebuah "
        "indikator, atau hapus berkasnya",
    ]


def test_evidence_uploaded_to_content_bukti_is_sent_to_its_innovations_folder(iid: Catalog):
    """content/bukti/ (the folder one level too high): its own line says where evidence goes, and the innovation's line
    says where its file is."""
    iid.write("bukti/perwako-12-2025.pdf", PDF)
    iid.innovation(SLUG, with_block(REGULASI))
    result = check(iid)
    assert result.about("content/bukti") == [
        "content/bukti:1:1: error: (berkas): bukti tidak dibaca di sini: berkas bukti IID diletakkan di folder inovasinya, "
        "content/media/<slug>/bukti/ (<slug> = nama berkas inovasi tanpa .yml); pindahkan berkasnya ke sana"]
    assert f"{INNOVATION}:{BERKAS_AT}: error: indikator.regulasi.bukti[0].berkas: berkas bukti 'perwako-12-2025.pdf' tidak ada " \
           f"di {BUKTI}, tetapi ada di content/bukti/: pindahkan berkas itu ke {BUKTI}" in result.about(INNOVATION)


def test_a_file_of_a_kind_the_indicator_does_not_ask_for_is_a_warning(iid: Catalog):
    iid.write(f"media/{SLUG}/bukti/perwako.png", minimal_png())
    iid.innovation(SLUG, with_block(REGULASI.replace("perwako-12-2025.pdf", "perwako.png")))
    assert f"{INNOVATION}:{BERKAS_AT}: warning: indikator.regulasi.bukti[0].berkas: indikator regulasi meminta bukti PDF " \
           "(Salinan regulasi yang ditandatangani); 'perwako.png' berkas PNG" in lines_of(iid)


def test_a_file_as_the_video_is_a_warning(iid: Catalog):
    iid.write(f"media/{SLUG}/bukti/video.png", minimal_png())
    iid.innovation(SLUG, with_block("indikator:\n  video:\n    nilai: 1\n    bukti:\n      - berkas: video.png\n"
                                    "        keterangan: Cuplikan video\n"))
    assert f"{INNOVATION}:{BERKAS_AT}: warning: indikator.video.bukti[0].berkas: indikator video meminta tautan (Tautan video " \
           "(misalnya YouTube) yang memuat unsur substansi); ganti butir ini dengan 'url: https://...'" in lines_of(iid)


# --- compulsory indicators and laporkan_iid ----------------------------------------------------------

PENERAPAN = (("tahapan: uji_coba", "tahapan: penerapan"),
             ("  uji_coba: 2025-03-01\n", "  uji_coba: 2025-03-01\n  penerapan: 2025-06-02\n"))


def in_use(text: str = VALID) -> str:
    for old, new in PENERAPAN:
        assert text.count(old) == 1
        text = text.replace(old, new)
    return text + "hasil: |\n  Antrean turun dari 112 menjadi 34 menit.\n"


def test_compulsory_indicators_missing_from_an_innovation_reported_to_iid_are_an_error(iid: Catalog):
    iid.write(f"media/{SLUG}/bukti/perwako-12-2025.pdf", PDF)
    text = in_use() + "laporkan_iid: true\n"
    iid.innovation(SLUG, text + REGULASI)
    line = text.count("\n") + 2
    assert lines_of(iid) == [
        f"{INNOVATION}:{line}:3: error: indikator: indikator wajib sdm (17), kecepatan (32), kemanfaatan (33), video (35) belum "
        "diisi; inovasi yang dilaporkan ke IID harus mengisi semua indikator wajib: tambahkan indikator-indikator itu dengan "
        "nilai dan bukti, atau hapus 'laporkan_iid: true'"]


def test_an_innovation_without_indicators_gets_no_iid_message(iid: Catalog):
    iid.innovation(SLUG, in_use())
    assert lines_of(iid) == []


def test_reporting_an_innovation_still_in_trial_is_an_error(iid: Catalog):
    iid.innovation(SLUG, VALID + "laporkan_iid: true\n")
    assert f"{INNOVATION}:{APPENDED_LINE}:15: error: laporkan_iid: hanya inovasi tahap penerapan yang dapat dilaporkan ke IID " \
           "(tahapan sekarang 'uji_coba'); hapus baris ini sampai inovasinya diterapkan" in lines_of(iid)


def test_a_tahapan_that_is_no_stage_does_not_also_say_to_delete_laporkan_iid(iid: Catalog):
    """Contributor walk: tahapan in Word's quotes also told the contributor to delete a line that was right."""
    iid.innovation(SLUG, in_use().replace("tahapan: penerapan", "tahapan: “penerapan”") + "laporkan_iid: true\n")
    found = lines_of(iid)
    assert any(": error: tahapan: '“penerapan”' bukan pilihan yang sah" in line for line in found), found
    assert not any("laporkan_iid: hanya inovasi tahap penerapan" in line for line in found), found


def test_a_reported_sample_is_an_error_on_a_production_site_only(catalog: Catalog):
    with_edition(catalog, "produksi: true\n")
    catalog.innovation(SLUG, in_use() + "contoh: true\nlaporkan_iid: true\n")
    line = in_use().count("\n") + 2
    assert f"{INNOVATION}:{line}:15: error: laporkan_iid: data contoh (contoh: true) tidak pernah dihitung dan tidak diekspor " \
           "ke IID; bila inovasinya sungguhan hapus baris 'contoh: true', bila bukan hapus baris ini" in lines_of(catalog)
    with_edition(catalog)  # a demonstration catalog (produksi: false): samples may show what reporting looks like
    assert not [line for line in lines_of(catalog) if ": laporkan_iid: " in line]
    assert lines_of(catalog) == [
        f"{INNOVATION}:{line}:15: error: indikator: indikator wajib regulasi (16), sdm (17), kecepatan (32), kemanfaatan (33), "
        "video (35) belum diisi; inovasi yang dilaporkan ke IID harus mengisi semua indikator wajib: tambahkan "
        "indikator-indikator itu dengan nilai dan bukti, atau hapus 'laporkan_iid: true'"]


def test_pengembangan_comes_after_penerapan_and_only_in_use(iid: Catalog):
    iid.innovation(SLUG, in_use().replace("  penerapan: 2025-06-02\n", "  penerapan: 2025-06-02\n  pengembangan: 2025-05-01\n"))
    assert f"{INNOVATION}:18:17: error: waktu.pengembangan: tanggal pengembangan (2025-05-01) sebelum tanggal penerapan " \
           "(2025-06-02); pengembangan terjadi setelah inovasi diterapkan" in lines_of(iid)
    iid.innovation(SLUG, VALID.replace("  uji_coba: 2025-03-01\n", "  uji_coba: 2025-03-01\n  pengembangan: 2025-05-01\n"))
    assert f"{INNOVATION}:17:17: error: waktu.pengembangan: tanggal pengembangan hanya untuk inovasi tahap penerapan; ubah " \
           "tahapan menjadi penerapan atau hapus tanggal ini" in lines_of(iid)
    iid.innovation(SLUG, in_use().replace("  penerapan: 2025-06-02\n", "  penerapan: 2025-06-02\n  pengembangan: 2025-02-30\n"))
    assert f"{INNOVATION}:18:17: error: waktu.pengembangan: '2025-02-30' bukan tanggal yang ada di kalender; periksa bulan " \
           "(01–12) dan hari" in lines_of(iid)


def test_without_an_edition_only_the_edition_free_rules_run(catalog: Catalog):
    catalog.innovation(SLUG, with_block("indikator:\n  regulasi:\n    nilai: 7\n    bukti:\n      - berkas: x.pdf\n"
                                        "        keterangan: Perwako\n"))
    lines = lines_of(catalog)
    assert f"{INNOVATION}:{APPENDED_LINE + 2}:12: error: indikator.regulasi.nilai: 7 bukan pilihan yang sah (1, 2, 3)" in lines
    assert f"{INNOVATION}:{APPENDED_LINE + 4}:17: error: indikator.regulasi.bukti[0].berkas: berkas bukti 'x.pdf' tidak " \
           f"ditemukan: unggah berkasnya ke {BUKTI}" in lines
    assert not [line for line in lines if "wajib" in line]


# --- the model and the page ---------------------------------------------------------------------------


def test_the_model_holds_indicators_and_evidence_frozen(iid: Catalog):
    iid.write(f"media/{SLUG}/bukti/perwako-12-2025.pdf", PDF)
    iid.innovation(SLUG, with_block(REGULASI + "  kemanfaatan:\n    basis: a\n    nilai: 3\n    catatan: 742 keluarga\n"
                                    "    bukti:\n      - url: https://contoh.go.id/rekap\n        keterangan: Rekap\n"))
    innovation = build_catalog(load_content(iid.content)).innovations[0]
    assert innovation.indikator == (
        Indicator("regulasi", 2, None, (Evidence("Peraturan Wali Kota Nomor 12 Tahun 2025", berkas="perwako-12-2025.pdf"),)),
        Indicator("kemanfaatan", 3, "a", (Evidence("Rekap", url="https://contoh.go.id/rekap"),), "742 keluarga"),
    )
    with pytest.raises(AttributeError):
        innovation.indikator[0].nilai = 3  # type: ignore[misc]
    assert innovation.laporkan_iid is False and innovation.pengembangan is None


def test_the_page_lists_evidence_as_inert_text_and_links_only_to_https(iid: Catalog):
    from generator.pages import render_pages

    iid.write(f"media/{SLUG}/bukti/perwako-12-2025.pdf", PDF)
    iid.innovation(SLUG, with_block(REGULASI.replace("Peraturan Wali Kota Nomor 12 Tahun 2025", "'<b>Perwako</b> | 12'")
                                    + "      - url: https://jdih.contoh.go.id/perwako\n        keterangan: Salinan di JDIH\n"))
    page = render_pages(build_catalog(load_content(iid.content)))[f"inovasi/{SLUG}.md"]
    # The "Kesiapan IID" panel: one table row per indicator (generator/templates/_kesiapan.md.j2).
    row = next(line for line in page.splitlines() if line.startswith("<tr") and "Regulasi Inovasi Daerah" in line)
    assert "<b>" not in row, "the description stays text"
    assert ">&#60;b&#62;Perwako&#60;&#47;b&#62; &#124; 12</a>" in row
    assert [html.unescape(h) for h in re.findall(r'href="([^"]+)"', row)] == ["bukti/perwako-12-2025.pdf",
                                                                             "https://jdih.contoh.go.id/perwako"]


def test_the_json_export_carries_the_new_shape(iid: Catalog):
    from generator.exports import innovation_record

    iid.write(f"media/{SLUG}/bukti/perwako-12-2025.pdf", PDF)
    iid.innovation(SLUG, with_block(REGULASI))
    catalog = build_catalog(load_content(iid.content))
    record = innovation_record(catalog, catalog.innovations[0])
    assert record["indikator"] == {"regulasi": {
        "label": "Regulasi Inovasi Daerah", "nilai": 2, "basis": None, "catatan": None,
        "bukti": [{"berkas": "perwako-12-2025.pdf", "url": None, "keterangan": "Peraturan Wali Kota Nomor 12 Tahun 2025"}]}}
    assert record["laporkan_iid"] is False and record["waktu"]["pengembangan"] is None


def test_the_scaffold_example_of_each_indicator_reads_back_as_the_schema_shape(catalog: Catalog):
    from test_check_support import run_main

    assert run_main(catalog, "new", "Antrean Baru", "--unit", "disdukcapil").code == 0
    text = (catalog.content / "inovasi" / "antrean-baru.yml").read_text(encoding="utf-8")
    block = text[text.index("# indikator:"):].split("\n\n", 1)[0]
    data = parse_text("x.yml", re.sub(r"(?m)^# ?", "", block).encode()).data["indikator"]
    assert list(data) == [i["kunci"] for i in edition_data()["indikator"]]
    assert data["kemanfaatan"]["basis"] == "ISI: a | b | c | d | e | f"
    assert [list(item) for item in data["regulasi"]["bukti"]] == [["berkas", "keterangan"], ["url", "keterangan"]]


# --- the shipped sample content ---------------------------------------------------------------------------

CONTENT = ROOT / "content"


def shipped() -> dict[str, dict[str, Any]]:
    """Every shipped innovation as the content loader reads it (dates stay text)."""
    return {p.stem: parse_text(str(p), p.read_bytes()).data for p in sorted((CONTENT / "inovasi").glob("*.yml"))}


def _eligibility(data: dict[str, Any]) -> Any:
    from datetime import date

    waktu = data.get("waktu") or {}
    day = (lambda v: date.fromisoformat(v) if isinstance(v, str) else None)  # noqa: E731
    edition = edition_from_data(edition_data())
    return eligibility(edition, day(waktu.get("penerapan")), day(waktu.get("pengembangan")), data["rancang_bangun"],
                       {k: _Filled(v) for k, v in (data.get("indikator") or {}).items()})


class _Filled:
    def __init__(self, v: dict[str, Any]) -> None:
        self.nilai, self.basis, self.bukti = v.get("nilai"), v.get("basis"), tuple(v.get("bukti", ()))


def test_shipped_samples_are_complete_eligible_incomplete_and_reported_as_designed():
    data = shipped()
    wajib = [i["kunci"] for i in edition_data()["indikator"] if i["wajib"]]
    complete = sorted(s for s, d in data.items() if all(k in (d.get("indikator") or {}) for k in wajib))
    assert complete == ["antrean-daring-kependudukan", "e-kinerja-asn", "klinik-perizinan-oss", "pembayaran-pbb-qris",
                        "pojok-baca-ruang-publik", "repositori-katalog-inovasi"]
    eligible = sorted(s for s, d in data.items() if _eligibility(d).layak)
    assert eligible == ["antrean-daring-kependudukan", "e-kinerja-asn", "klinik-perizinan-oss", "pembayaran-pbb-qris",
                        "pojok-baca-ruang-publik"]
    reported = sorted(s for s, d in data.items() if d.get("laporkan_iid") is True)
    assert len(reported) >= 3 and set(reported) <= set(eligible)
    incomplete = sorted(s for s, d in data.items() if d.get("indikator") and s not in complete)
    assert incomplete == ["bank-sampah-kelurahan", "bursa-kerja-daring", "pekarangan-pangan-lestari", "peringatan-dini-banjir",
                          "posyandu-digital-tumbuh-kembang"]


def test_shipped_values_agree_with_the_parameter_texts():
    """The notes of the reference that the first samples got wrong, as rules over every sample."""
    for slug, data in shipped().items():
        block = data.get("indikator") or {}
        units = 1 + len(data.get("perangkat_daerah_lain") or [])
        for key, item in block.items():
            assert item.get("bukti"), f"{slug}: {key} tanpa bukti"
            if key != "kemanfaatan":
                assert "basis" not in item, slug
        if "kemanfaatan" in block:
            assert block["kemanfaatan"]["basis"] in "abcdef", slug
        if "anggaran" in block:  # no. 18 counts APBD money only
            assert (data.get("anggaran") or {}).get("sumber") == "apbd", slug
        if "jejaring" in block:  # no. 24 counts perangkat daerah: 2 → 1, 3–4 → 2, 5 or more → 3
            assert block["jejaring"]["nilai"] == (1 if units <= 2 else 2 if units <= 4 else 3), slug
        if block.get("sosialisasi", {}).get("nilai") == 3:  # no. 25 level 3: media not owned by the pemda
            assert any(".go.id/" not in b.get("url", ".go.id/") for b in block["sosialisasi"]["bukti"]), slug
        if "video" in block:  # no. 35 is the video: a link
            assert all("url" in b for b in block["video"]["bukti"]), slug
        if block.get("regulasi", {}).get("nilai") == 2:  # no. 16 level 2 needs a Perkada
            assert any("Peraturan Wali Kota" in b["keterangan"] for b in block["regulasi"]["bukti"]), slug
        if "kecepatan" in block:  # no. 32 is how long the innovation took to create, in months
            assert all("bulan" in b["keterangan"] for b in block["kecepatan"]["bukti"]), slug
        assert "replikasi" not in block, f"{slug}: no sample was replicated by another region (no. 31)"


def test_shipped_evidence_files_are_small_real_and_all_named():
    total = 0
    for slug, data in shipped().items():
        named = {b["berkas"] for item in (data.get("indikator") or {}).values() for b in item.get("bukti", ()) if "berkas" in b}
        folder = CONTENT / "media" / slug / "bukti"
        present = {p.name for p in folder.iterdir()} if folder.is_dir() else set()
        assert present == named, slug
        for name in named:
            raw = (folder / name).read_bytes()
            total += len(raw)
            if name.endswith(".pdf"):
                assert raw.startswith(b"%PDF-1.4") and b"Dokumen contoh" in raw and raw.rstrip().endswith(b"%%EOF"), name
                xref = int(raw.rsplit(b"startxref\n", 1)[1].split(b"\n", 1)[0])
                assert raw[xref:xref + 4] == b"xref", name  # the cross-reference table is where the trailer says
            else:
                assert raw.startswith(b"\x89PNG\r\n\x1a\n"), name
    assert 0 < total < 300 * 1024


def test_shipped_content_checks_with_only_the_intended_warnings(tmp_path: Path):
    """No error, and each warning one the samples mean to show (short texts, missing compulsory indicators, targets)."""
    project = tmp_path / "proyek"
    shutil.copytree(CONTENT, project / "content")
    catalog = Catalog(project)
    result = check(catalog)
    assert [line for line in result.errors if line.startswith("content/")] == []
    intended = re.compile(r"rancang bangun baru \d+ kata|indikator wajib .* belum diisi; tanpa semua|"
                          r"perangkat daerah belum punya")
    assert [line for line in result.warnings if not intended.search(line)] == []
    missing = sorted(line.split(":")[0].rsplit("/", 1)[1] for line in result.warnings if "indikator wajib" in line)
    assert missing == ["bank-sampah-kelurahan.yml", "bursa-kerja-daring.yml", "pekarangan-pangan-lestari.yml",
                       "peringatan-dini-banjir.yml", "posyandu-digital-tumbuh-kembang.yml"]


def test_the_corpus_edition_is_the_shipped_one():
    """tests/corpus/cases-iid.toml runs with a copy of the shipped edition: the messages it expects are the real ones."""
    assert (ROOT / "tests" / "corpus" / "iid-edisi-2026.yml").read_bytes() == EDITION_FILE.read_bytes()


def test_caps_are_documented_where_contributors_and_developers_read():
    mib = MAX_EVIDENCE_BYTES // 1024 // 1024, MAX_EVIDENCE_TOTAL_BYTES // 1024 // 1024
    assert (mib) == (5, 20)
    for doc in ("CONTRIBUTING.md", "docs/iid-design.md"):
        text = (ROOT / doc).read_text(encoding="utf-8")
        assert f"{mib[0]} MiB" in text and f"{mib[1]} MiB" in text, doc


def test_schema_sample_json_round_trip():
    """The schema file is plain JSON with the indicator part in the edition's order (what editors show)."""
    raw = json.loads((ROOT / "generator" / "schema" / "inovasi.schema.json").read_text(encoding="utf-8"))
    assert list(raw["properties"]["indikator"]["x-label"]) == [i["kunci"] for i in edition_data()["indikator"]]


def test_a_hostile_block_costs_a_bounded_number_of_file_lookups(iid: Catalog, monkeypatch: pytest.MonkeyPatch):
    """300 indicator keys of 10 evidence files each: only the first MAX_INDICATOR_KEYS keys are looked at."""
    import generator.rules.iid as rules

    looked: list[str] = []
    real = rules._file_problem

    def counting(name: str, *args: Any) -> tuple[str | None, int]:
        looked.append(name)
        return real(name, *args)

    monkeypatch.setattr(rules, "_file_problem", counting)
    def items(k: int) -> str:
        return "".join(f"      - {{berkas: b{k}-{n}.pdf, keterangan: Bukti}}\n" for n in range(10))

    block = "indikator:\n" + "".join(f"  k{k}:\n    nilai: 1\n    bukti:\n{items(k)}" for k in range(300))
    iid.innovation(SLUG, with_block(block))
    result = check(iid)
    assert result.code == 1
    assert len(looked) == rules.MAX_INDICATOR_KEYS * 10 == 400  # not 3,000: each distinct name once, first 40 keys only
