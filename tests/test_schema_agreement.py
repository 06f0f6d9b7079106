"""The schema an editor sees and `katalog check` agree: no "valid in the editor, rejected by CI".

The editor schema (published at /data/inovasi.schema.json) is the validator's
schema plus the registries' ids as enums. For every per-file rule it can
express, a file is accepted by one exactly when it is accepted by the other.
The rules it cannot express (another file's name, files on disk, the
calendar, HTML inside Markdown) are listed in CI_ONLY and checked separately.
"""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest

from generator.cli import main
from generator.content import load_content, parse_text
from generator.schema import editor_schema, fast_validator, validator
from tests.conftest import ROOT, VALID

# One broken variant of the valid fixture per rule the schema expresses.
INVALID = {
    "enum_value": ("tahapan: uji_coba", "tahapan: ujicoba"),
    "yes_in_enum": ("jenis: digital", "jenis: yes"),
    "unknown_key": ("tahun: 2025", "tahun: 2025\ntahapn: uji_coba"),
    "unknown_unit": ("perangkat_daerah: disdukcapil", "perangkat_daerah: disduk"),
    "unknown_partner_unit": ("perangkat_daerah_lain: [diskominfo]", "perangkat_daerah_lain: [kominfo]"),
    "unknown_urusan": ("  utama: administrasi_kependudukan", "  utama: adminduk"),
    "unknown_irisan": ("  irisan: [komunikasi_informatika]", "  irisan: [kominfo]"),
    "missing_required": ("tujuan: |\n  Mengurangi waktu tunggu.\n", ""),
    "short_name": ("nama: Antrean Daring Kependudukan", "nama: AD"),
    "number_as_text": ("nama: Antrean Daring Kependudukan", "nama: 12345"),
    "text_as_year": ("tahun: 2025", "tahun: dua ribu"),
    "date_format": ("  uji_coba: 2025-03-01", "  uji_coba: 01-03-2025"),
    "missing_date_for_stage": ("waktu:\n  uji_coba: 2025-03-01\n", ""),
    "bad_url": ("tahun: 2025", "tahun: 2025\ntautan:\n  - judul: Aplikasi\n    url: javascript:alert(1)"),
    "bad_email": ("tahun: 2025", "tahun: 2025\nkontak:\n  email: bukan-surel"),
    "bad_tag": ("tahun: 2025", "tahun: 2025\ntag: [Antrean Daring]"),
    "bad_indicator": ("tahun: 2025", "tahun: 2025\nindikator:\n  regulasi: {nilai: 4}"),
    "media_path": ("tahun: 2025", "tahun: 2025\nmedia:\n  - berkas: ../x.png\n    keterangan: Gambar"),
}

# Single-file rules only `katalog check` applies, with the reason. (Rules across
# files — duplicate names, media on disk, the file name as slug — are checked in
# tests/test_check_rules.py.) An editor accepts these; CI explains them.
CI_ONLY = {
    "float_as_year": (("tahun: 2025", "tahun: 2025.0"), "JSON Schema calls 2025.0 an integer"),
    "calendar_date": (("  uji_coba: 2025-03-01", "  uji_coba: 2025-02-30"), "JSON Schema has no calendar"),
    "html_in_markdown": (("  Mengurangi waktu tunggu.", "  Mengurangi <b>waktu</b> tunggu."), "needs Markdown parsing"),
    "dangerous_markdown_link": (("  Mengurangi waktu tunggu.", "  [Aplikasi](javascript:alert(1))"), "needs Markdown parsing"),
}


def _editor_validator(content_root: Path) -> jsonschema.Draft202012Validator:
    content = load_content(content_root)
    units = [u["id"] for u in content.units.data]
    affairs = [a["id"] for a in content.affairs.data]
    return jsonschema.Draft202012Validator(editor_schema(units, affairs))


@pytest.fixture
def check_errors(catalog, capsys):
    """Write ``text`` as the fixture's innovation and return the error lines of `katalog check` on it."""

    def run(text: str) -> list[str]:
        path = catalog.innovation("antrean-daring", text)
        capsys.readouterr()
        main(["check", "--content", str(catalog.content), str(path)])
        return [line for line in capsys.readouterr().out.splitlines() if ": error: " in line]

    return run


def test_every_shipped_innovation_is_valid_for_the_editor_schema():
    editor = _editor_validator(ROOT / "content")
    for path in sorted((ROOT / "content" / "inovasi").glob("*.yml")):
        data = parse_text(path.name, path.read_bytes()).data
        assert list(editor.iter_errors(data)) == [], path


@pytest.mark.parametrize("case", sorted(INVALID))
def test_editor_schema_and_check_reject_the_same_file(catalog, check_errors, case):
    old, new = INVALID[case]
    assert old in VALID
    text = VALID.replace(old, new, 1)
    data = parse_text("x.yml", text.encode()).data
    editor_errors = list(_editor_validator(catalog.content).iter_errors(data))
    assert editor_errors, f"the editor accepts {case}"
    assert check_errors(text), f"katalog check accepts {case}"


def test_editor_schema_and_check_accept_the_valid_fixture(catalog, check_errors):
    data = parse_text("x.yml", VALID.encode()).data
    assert list(_editor_validator(catalog.content).iter_errors(data)) == []
    assert check_errors(VALID) == []


def test_editor_schema_carries_the_registry_ids():
    schema = editor_schema(["disdukcapil", "diskominfo"], ["pendidikan"])
    props = schema["properties"]
    assert props["perangkat_daerah"]["enum"] == ["disdukcapil", "diskominfo"]
    assert props["perangkat_daerah_lain"]["items"]["enum"] == ["disdukcapil", "diskominfo"]
    assert props["urusan"]["properties"]["utama"]["enum"] == ["pendidikan"]
    assert props["urusan"]["properties"]["irisan"]["items"]["enum"] == ["pendidikan"]


@pytest.mark.parametrize("case", sorted(INVALID) + ["valid"])
def test_fast_and_detailed_validators_agree(case):
    """The Rust validator settles valid files; it must never accept what the Python one rejects."""
    text = VALID if case == "valid" else VALID.replace(*INVALID[case], 1)
    source = parse_text("x.yml", text.encode())
    detailed = validator("inovasi").is_valid(source.data)
    fast = fast_validator("inovasi").is_valid(source.data) and not source.has_float
    assert fast == detailed


@pytest.mark.parametrize("case", sorted(CI_ONLY))
def test_rules_beyond_the_schema_are_applied_by_check(catalog, check_errors, case):
    (old, new), _reason = CI_ONLY[case]
    assert old in VALID
    text = VALID.replace(old, new, 1)
    data = parse_text("x.yml", text.encode()).data
    assert list(_editor_validator(catalog.content).iter_errors(data)) == []  # why it is listed here
    assert check_errors(text)
