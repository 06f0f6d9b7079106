"""One slug rule and one unit resolver for ``katalog check``, ``katalog new`` and the issue form.

Also the editor schema kept in the repository (``skema/inovasi.schema.json``)
and the VS Code settings that map it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import ROOT

from generator.content import read_source
from generator.model import Unit
from generator.schema import EDITOR_SCHEMA_MODELINE, editor_schema_root, editor_schema_text, write_editor_schema
from generator.vocabulary import is_slug, name_key, registry_index, resolve, resolve_unit, slugify, unit_hint

SHIPPED_UNITS = read_source(ROOT / "content" / "perangkat-daerah.yml").data
#: Unit names built to be expensive: long, repetitive, combining marks only, many school prefixes.
HOSTILE_NAMES = ("a" * 256_000, "puskesmas-" * 20_000, "\u0301" * 50_000, "sd " * 40_000)
SHIPPED_AFFAIRS = read_source(ROOT / "content" / "urusan.yml").data


# --- slugs ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "slug"), [
    ("Jum'at Bersih & Sehat", "jumat-bersih-sehat"),
    ("Jum\u2019at Bersih & Sehat", "jumat-bersih-sehat"),  # a typographic apostrophe from a word processor
    ("Antrean Daring Layanan Kependudukan", "antrean-daring-layanan-kependudukan"),
    ("  Kafé Ñusantara — Layanan   Sehat!  ", "kafe-nusantara-layanan-sehat"),
    ("Pelayanan Prima & Cepat (PPC) 2025!", "pelayanan-prima-cepat-ppc-2025"),
    ("SI-CANTIK 2.0 (Sistem Cerdas)", "si-cantik-2-0-sistem-cerdas"),
    ("ﬁle ① Ｆｕｌｌｗｉｄｔｈ", "file-1-fullwidth"),
    ("Straße nach København, İzmir", "strasse-nach-kobenhavn-izmir"),
    ("  --Sapa Warga--  ", "sapa-warga"),
    ("Rock 'n' Roll", "rock-n-roll"),
])
def test_slug_rule(name: str, slug: str) -> None:
    assert slugify(name) == slug
    assert is_slug(slug)


def test_long_names_are_cut_at_a_word_boundary_within_80_characters() -> None:
    name = "Gerakan Bersama Masyarakat Kelurahan untuk Pengelolaan Sampah Rumah Tangga Terpadu Berbasis Bank Sampah Digital"
    full = name_key(name)
    slug = slugify(name)
    assert len(full) > 80 >= len(slug) >= 70
    assert full.startswith(slug) and full[len(slug)] == "-"
    assert slugify("a" * 100) == "a" * 80  # one endless word: cut where it must be
    assert slugify("kata-" * 16 + "akhir") == ("kata-" * 16).rstrip("-")  # a hyphen at 80 is a boundary


def test_a_name_without_latin_letters_gives_no_valid_slug() -> None:
    assert slugify("日本語の名前") == ""
    assert not is_slug(slugify("ab"))


# --- units --------------------------------------------------------------------------------------

@pytest.mark.parametrize(("written", "unit", "how"), [
    ("dinkes", "dinkes", "id"),
    ("DINKES", "dinkes", "id"),
    ("kec. taman sari", "kec-taman-sari", "id"),
    ("Dinas Kesehatan", "dinkes", "nama"),
    ("  dinas   KESEHATAN ", "dinkes", "nama"),
    ("Dinas Perindustrian, Perdagangan, Koperasi dan Usaha Mikro, Kecil dan Menengah", "disperindagkop", "nama"),
    ("Satpol PP dan Damkar", "satpol-pp", "singkatan"),
    ("Disperindagkop UKM", "disperindagkop", "singkatan"),
    ("RSUD Depati Hamzah", "rsud-depati-hamzah", "id"),  # its singkatan is its id in slug form
    ("Bappeda", "bapperida", "alias"),
    ("DP3AKB", "dpppakb", "alias"),
    ("Dinas PUPR", "dpupr", "alias"),
    ("Dukcapil", "disdukcapil", "alias"),
    ("SD Negeri 7 Pangkalpinang", "sdn-7-pangkalpinang", "nama"),
])
def test_unit_is_found_by_id_name_abbreviation_or_alias(written: str, unit: str, how: str) -> None:
    found = resolve_unit(written, SHIPPED_UNITS)
    assert (found.id, found.matched_by) == (unit, how)
    assert found.exact == (written == unit)


def test_puskesmas_is_told_to_report_under_the_health_office() -> None:
    found = resolve_unit("Puskesmas Gerunggang", SHIPPED_UNITS)
    assert found.id is None and found.candidates == () and found.parent == "dinkes"
    assert found.guidance == "puskesmas dilaporkan atas nama Dinas Kesehatan (dinkes); tulis nama puskesmas di inisiator.nama"
    assert resolve_unit("UPTD Puskesmas Taman Sari", SHIPPED_UNITS).kind == "puskesmas"


@pytest.mark.parametrize(("written", "kind", "words"), [
    ("UPTD Pengelolaan Sampah", "uptd", "perangkat daerah induknya"),
    ("UPT Perparkiran", "uptd", "tulis nama UPTD di inisiator.nama"),
    ("Kelurahan Bukit Besar", "kelurahan", "misalnya kec-taman-sari untuk Kecamatan Taman Sari"),
    ("SD Negeri 12 Pangkalpinang", "sekolah", "(id: sdn-12-pangkalpinang, jenis: sekolah, jenjang: sd)"),
    ("SMPN 10 Pangkalpinang", "sekolah", "(id: smpn-10-pangkalpinang, jenis: sekolah, jenjang: smp)"),
    ("Sekolah Dasar Negeri 40", "sekolah", "(id: sdn-40, jenis: sekolah, jenjang: sd)"),
    ("SD IT Al-Kautsar", "sekolah", "(id: sd-it-al-kautsar, jenis: sekolah, jenjang: sd)"),
])
def test_organisations_that_are_not_units_get_guidance_and_never_another_unit(written: str, kind: str, words: str) -> None:
    found = resolve_unit(written, SHIPPED_UNITS)
    assert found.id is None and found.candidates == ()
    assert found.kind == kind and found.guidance and words in found.guidance
    assert unit_hint(written, SHIPPED_UNITS) == f"; {found.guidance}"
    assert "maksud Anda" not in unit_hint(written, SHIPPED_UNITS)


def test_a_registered_school_written_differently_is_suggested() -> None:
    found = resolve_unit("SD Negeri 1", SHIPPED_UNITS)
    assert found.id is None and found.candidates == ("sdn-1-pangkalpinang",) and found.guidance is None
    assert unit_hint("SMP Negeri 5", SHIPPED_UNITS) == "; maksud Anda 'smpn-5-pangkalpinang'?"


def test_a_misspelt_id_gets_the_closest_ids_best_first() -> None:
    found = resolve_unit("disdukcapl", SHIPPED_UNITS)
    assert found.id is None and found.candidates[0] == "disdukcapil" and len(found.candidates) <= 3
    assert resolve_unit("Dinas Kesehtan", SHIPPED_UNITS).candidates[0] == "dinkes"
    assert resolve_unit("qwxz", SHIPPED_UNITS).candidates == ()


@pytest.mark.parametrize(("written", "hint"), [
    ("dinkes", ""),
    ("Dinkes", "; maksud Anda 'dinkes'?"),
    ("Dinas Kesehatan", "; maksud Anda 'dinkes'? Tulis id unit, bukan nama lengkapnya"),
    ("Dispusip ", "; maksud Anda 'dispusip'?"),
    ("Satpol PP dan Damkar", "; maksud Anda 'satpol-pp'? Tulis id unit, bukan singkatannya"),
    ("Bappeda", "; maksud Anda 'bapperida' (Badan Perencanaan Pembangunan, Riset dan Inovasi Daerah)? Tulis id unit"),
    ("disdukcapl", "; maksud Anda 'disdukcapil'?"),
    ("qwxz", ""),
])
def test_unit_hint_is_the_suffix_of_the_check_message(written: str, hint: str) -> None:
    assert unit_hint(written, SHIPPED_UNITS) == hint


def test_unit_hint_takes_the_registry_in_any_shape_and_any_value() -> None:
    by_id = {u["id"]: u for u in SHIPPED_UNITS}
    index = registry_index(SHIPPED_UNITS)
    models = [Unit(id="dinkes", nama="Dinas Kesehatan", jenis="dinas", singkatan="Dinkes")]
    for units in (SHIPPED_UNITS, by_id, index):
        assert unit_hint("Dinas Kesehatan", units) == "; maksud Anda 'dinkes'? Tulis id unit, bukan nama lengkapnya"
    assert unit_hint("Dinkes", models) == "; maksud Anda 'dinkes'?"
    assert unit_hint(12, SHIPPED_UNITS) == "" and unit_hint(None, SHIPPED_UNITS) == ""
    assert unit_hint("dinkes", [{"nama": "tanpa id"}, "bukan butir", {"id": "dinkes"}]) == ""


def test_a_name_shared_by_two_units_is_not_guessed() -> None:
    units = [{"id": "a", "nama": "Unit A", "alias": ["Bersama"]}, {"id": "b", "nama": "Unit B", "alias": ["Bersama"]}]
    found = resolve_unit("bersama", units)
    assert found.id is None and found.ambiguous and found.candidates == ("a", "b")
    assert unit_hint("bersama", units) == "; nama itu dipakai beberapa unit ('a', 'b'); tulis id salah satunya"
    assert registry_index(units).clashes() == {"bersama": ("a", "b")}


def test_an_id_wins_over_another_units_alias() -> None:
    units = [{"id": "dinkes", "nama": "Dinas Kesehatan"}, {"id": "x", "nama": "Unit X", "alias": ["Dinkes"]}]
    assert resolve_unit("DINKES", units).id == "dinkes"


def test_the_shipped_registry_names_every_unit_once() -> None:
    index = registry_index(SHIPPED_UNITS)
    assert index.clashes() == {}
    for unit in SHIPPED_UNITS:
        for name in [unit["nama"], unit.get("singkatan"), *unit.get("alias", [])]:
            if name:
                assert resolve_unit(name, index).id == unit["id"], name


def test_urusan_are_resolved_by_id_or_name_without_unit_guidance() -> None:
    assert resolve("Administrasi Kependudukan dan Pencatatan Sipil", SHIPPED_AFFAIRS).id == "administrasi_kependudukan"
    assert resolve("administrasi kependudukan", SHIPPED_AFFAIRS).id == "administrasi_kependudukan"
    assert resolve("Puskesmas", SHIPPED_AFFAIRS).guidance is None


@pytest.mark.parametrize(("written", "unit"), [
    ("Disdukcapil Kota Pangkalpinang", "disdukcapil"), ("Dinas Sosial Kota Pangkalpinang", "dinsos"),
    ("Bapperida Kota Pangkalpinang", "bapperida"), ("Dinas Kesehatan Pemkot Pangkalpinang", "dinkes"),
    ("DPUPR Kab. Bangka Tengah", "dpupr"),
])
def test_a_unit_written_with_its_region_after_it_is_offered_without_the_region(written: str, unit: str) -> None:
    """Contributor walk: "Disdukcapil Kota Pangkalpinang" was offered a hospital's id (the closest to the whole text)."""
    index = registry_index(SHIPPED_UNITS)
    assert resolve_unit(written, index).id == unit
    assert unit_hint(written, index) in (f"; maksud Anda '{unit}'? Tulis id unit, bukan nama lengkapnya",
                                         f"; maksud Anda '{unit}'? Tulis id unit, bukan singkatannya")


def test_hostile_text_resolves_to_no_unit() -> None:
    # Its processor time is the benchmark's (bench/adversarial.py: registry-hostile-names), not a test's.
    index = registry_index(SHIPPED_UNITS)
    for text in HOSTILE_NAMES:
        assert resolve_unit(text, index).id is None, text[:20]
        unit_hint(text, index)


# --- the editor schema in the repository -------------------------------------------------------

def test_committed_editor_schema_is_what_the_build_writes_for_the_shipped_content() -> None:
    committed = (ROOT / "skema" / "inovasi.schema.json").read_text("utf-8")
    expected = editor_schema_text([u["id"] for u in SHIPPED_UNITS], [a["id"] for a in SHIPPED_AFFAIRS])
    assert committed == expected, "jalankan katalog build (atau katalog new) dan commit skema/inovasi.schema.json"


def test_editor_schema_is_written_beside_the_content_folder_only_when_it_changes(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    root = editor_schema_root(content)
    assert root == tmp_path.absolute()
    path = write_editor_schema(root, ["dinkes", "dinkes", "dlh"], ["kesehatan"])
    assert path == tmp_path / "skema" / "inovasi.schema.json"
    schema = json.loads(path.read_text("utf-8"))
    assert schema["properties"]["perangkat_daerah"]["enum"] == ["dinkes", "dlh"]
    assert "$id" not in schema  # no published address: the working copy's own file
    os.utime(path, (1_000_000_000, 1_000_000_000))
    write_editor_schema(root, ["dinkes", "dlh"], ["kesehatan"])
    assert path.stat().st_mtime == 1_000_000_000
    write_editor_schema(root, ["dinkes"], ["kesehatan"])
    assert json.loads(path.read_text("utf-8"))["properties"]["perangkat_daerah"]["enum"] == ["dinkes"]
    assert sorted(p.name for p in path.parent.iterdir()) == ["inovasi.schema.json"]  # no temporary file left


def test_modeline_reaches_the_committed_schema_from_an_innovation_file() -> None:
    relative = EDITOR_SCHEMA_MODELINE.split("$schema=", 1)[1]
    assert (ROOT / "content" / "inovasi" / relative).resolve() == ROOT / "skema" / "inovasi.schema.json"


def test_vscode_maps_the_schemas_and_recommends_the_yaml_extension() -> None:
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text("utf-8"))
    schemas = settings["yaml.schemas"]
    assert schemas["./skema/inovasi.schema.json"] == ["content/inovasi/*.yml"]
    for schema, files in schemas.items():
        assert (ROOT / schema).is_file(), schema
        for pattern in files:
            assert list(ROOT.glob(pattern)), pattern
    extensions = json.loads((ROOT / ".vscode" / "extensions.json").read_text("utf-8"))
    assert "redhat.vscode-yaml" in extensions["recommendations"]
