"""Bounded work for every input, and strict patterns (issue 9; docs/fuzzing.md, "Bounded work").

These tests assert behaviour and the SIZE of the output, never timings: the
figures come from bench/adversarial.py. Sizes are modest so that they run fast.
"""

from __future__ import annotations

import difflib
import random
import re
import string

import jsonschema
import jsonschema_rs
import pytest
from conftest import VALID, Catalog
from jsonschema import _utils as jsonschema_utils
from test_check_support import INNOVATION, KATALOG_FILE, check, edit

from generator import similar
from generator.rules import MAX_PROBLEMS_PER_FILE
from generator.rules.innovation import MAX_REFERENCES
from generator.rules.schema import MAX_SCHEMA_PROBLEMS
from generator.schema import SCHEMA_NAMES, ecma_regex, fast_validator, first_repeat, json_key, load_schema, validator

#: Line 53 is the first line after VALID.
APPENDED = VALID.count("\n") + 1


def _patterns() -> set[str]:
    found: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("pattern"), str):
                found.add(node["pattern"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for name in SCHEMA_NAMES:
        walk(load_schema(name))
    return found


# --- patterns: ECMA 262, as the Rust validator reads them -------------------------------------------


def test_schemas_are_valid_json_schemas():
    """generator.schema.validator no longer checks the schemas at run time: this test does."""
    for name in SCHEMA_NAMES:
        jsonschema.Draft202012Validator.check_schema(load_schema(name))


@pytest.mark.parametrize("value", ["dinkes\n", "dinkes\r\n", "\ndinkes", "din\nkes", "dinkes\u2028"])
def test_a_line_break_never_passes_an_id_pattern(value):
    assert not validator("perangkat-daerah").is_valid([{"id": value, "nama": "Dinas Kesehatan", "jenis": "dinas"}])
    assert not fast_validator("perangkat-daerah").is_valid([{"id": value, "nama": "Dinas Kesehatan", "jenis": "dinas"}])


def test_dollar_means_the_end_of_the_text():
    assert ecma_regex(r"^[a-z]+$") == r"^[a-z]+\Z"
    assert ecma_regex(r"^a\$[$]$") == r"^a\$[$]\Z"  # an escaped dollar and one in a class stay literal
    assert re.search(ecma_regex(r"^[a-z0-9-]+$"), "dinkes\n") is None
    assert re.search(ecma_regex(r"^[a-z0-9-]+$"), "dinkes")


CHARACTERS = [chr(c) for c in range(0x3100) if not 0xD800 <= c < 0xE000] + ["\ufeff", "\uff10", "\U0001d7ce", "\U00010400"]


@pytest.mark.parametrize("pattern", [r"^\s$", r"^\S$", r"^\d$", r"^\D$", r"^\w$", r"^\W$", r"^.$", r"^[\s]$", r"^[^\s<]$",
                                     r"^[\d\w]$"])
def test_character_classes_agree_with_the_rust_validator(pattern):
    rust = jsonschema_rs.Draft202012Validator({"pattern": pattern})
    compiled = re.compile(ecma_regex(pattern))
    differ = [hex(ord(c)) for c in CHARACTERS if rust.is_valid(c) != bool(compiled.search(c))]
    assert differ == []


@pytest.mark.parametrize("pattern", sorted(_patterns()))
def test_every_schema_pattern_agrees_with_the_rust_validator(pattern):
    rust = jsonschema_rs.Draft202012Validator({"pattern": pattern})
    compiled = re.compile(ecma_regex(pattern))
    samples = ["dinkes", "urusan_1", "foto.png", "2025-03-01", "https://contoh.go.id/a", "mailto:a@b.id", "a@b.id",
               "0812 3456", "main", "a b", "Teks biasa", "javascript:alert(1)", ""]
    for base in samples:
        for text in (base, base + "\n", base + "\r", "\n" + base, base + "\u2028", base + "\u00a0", base + "\ufeff",
                     base + "\x85"):
            if "(?" in pattern and text[-1:] in "\ufeff\x85":
                # jsonschema_rs quirk: with a lookaround it uses another engine, whose \s is Unicode's
                # White_Space (U+0085, not U+FEFF). The check falls back on the Rust finding then
                # (test_a_rust_only_finding_is_still_reported).
                continue
            assert rust.is_valid(text) == bool(compiled.search(text)), (pattern, text)


# --- uniqueItems in linear time ----------------------------------------------------------------------


def test_json_equality_of_items():
    assert json_key(1) == json_key(1.0)
    assert json_key(True) != json_key(1) and json_key(False) != json_key(0)
    assert json_key("1") != json_key(1)
    assert json_key({"a": 1, "b": [2]}) == json_key({"b": [2.0], "a": 1})
    assert json_key([1, [True]]) != json_key([1, [1]])
    assert json_key(None) != json_key(0)


def test_first_repeat_agrees_with_jsonschema_on_random_lists():
    rng = random.Random(9)
    atoms = [0, 1, 1.0, True, False, None, "a", "1", "", 2.5]

    def value(depth: int = 0) -> object:
        kind = rng.randrange(4 if depth < 2 else 1)
        if kind == 0:
            return rng.choice(atoms)
        if kind == 1:
            return [value(depth + 1) for _ in range(rng.randrange(3))]
        return {rng.choice("ab"): value(depth + 1) for _ in range(rng.randrange(3))}

    for _ in range(2000):
        items = [value() for _ in range(rng.randrange(6))]
        assert (first_repeat(items) is None) == jsonschema_utils.uniq(items), items


def test_unique_items_names_the_repeated_item_at_its_line(catalog: Catalog):
    catalog.innovation("antrean-daring", VALID + "tag:\n  - antrean\n  - daring\n  - antrean\n")
    result = check(catalog)
    assert (f"{INNOVATION}:{APPENDED + 3}:5: error: tag[2]: "
            "ada nilai yang ditulis lebih dari sekali; cukup tulis sekali") in result.lines


def test_unique_items_on_thousands_of_mappings(catalog: Catalog):
    """jsonschema compared unhashable items pair by pair; the repeat is still found, at its line."""
    items = "".join(f"  - {{a: {i}}}\n" for i in range(3000)) + "  - {a: 7}\n"
    catalog.innovation("antrean-daring", VALID + "tag:\n" + items)
    result = check(catalog)
    assert (f"{INNOVATION}:{APPENDED + 3001}:5: error: tag[3000]: "
            "ada nilai yang ditulis lebih dari sekali; cukup tulis sekali") in result.lines


# --- per-file output bounds -----------------------------------------------------------------------------


def test_schema_findings_stop_at_the_cap(catalog: Catalog):
    items = "".join(f"  - {{nama: x, tahun: {i}}}\n" for i in range(1000))
    catalog.innovation("antrean-daring", VALID + "penghargaan:\n" + items)
    about = check(catalog).about(INNOVATION)
    assert (f"{INNOVATION}:1:1: error: (berkas): lebih dari {MAX_SCHEMA_PROBLEMS} masalah isi; "
            f"hanya {MAX_SCHEMA_PROBLEMS} yang pertama ditampilkan, perbaiki lalu periksa lagi") in about
    assert len(about) == MAX_SCHEMA_PROBLEMS + 1
    assert any(": error: penghargaan: daftar ini terlalu panjang (1000 butir)" in line for line in about)


def test_unknown_keys_stop_at_the_cap(catalog: Catalog):
    catalog.innovation("antrean-daring", VALID + "".join(f"kolom{i}: 1\n" for i in range(MAX_SCHEMA_PROBLEMS + 50)))
    about = check(catalog).about(INNOVATION)
    unknown = [line for line in about if "tidak dikenal" in line]
    assert len(unknown) == MAX_SCHEMA_PROBLEMS + 1
    assert (f"{INNOVATION}:1:1: error: (berkas): "
            "dan 50 kolom lain yang tidak dikenal; hapus atau perbaiki kolom-kolom itu") in about


def test_problem_lines_per_file_stop_at_the_cap(catalog: Catalog):
    catalog.innovation("antrean-daring", VALID + "tag:\n" + "".join("  - 'ISI: "
                                                                    f"{i}'\n" for i in range(MAX_PROBLEMS_PER_FILE + 100)))
    result = check(catalog)
    about = result.about(INNOVATION)
    assert len(about) == MAX_PROBLEMS_PER_FILE + 1
    assert re.search(r": dan \d+ masalah lain di berkas ini tidak ditampilkan \(paling banyak 500 per berkas\)", about[-1])
    assert result.code == 1


def test_references_are_looked_up_only_up_to_max_items(catalog: Catalog):
    units = "".join(f"  - dinas-x{i}\n" for i in range(300))
    catalog.innovation("antrean-daring", edit(VALID, "perangkat_daerah_lain: [diskominfo]\n", "perangkat_daerah_lain:\n" + units))
    about = check(catalog).about(INNOVATION)
    assert len([line for line in about if "tidak ada di perangkat-daerah.yml" in line]) == MAX_REFERENCES
    assert any("perangkat_daerah_lain: daftar ini terlalu panjang (300 butir)" in line for line in about)


# --- "did you mean": difflib's answer, found faster ---------------------------------------------------------


def test_closest_is_difflibs_answer():
    rng = random.Random(3)
    for _ in range(3000):
        alphabet = rng.choice(["ab", "abc-", string.ascii_lowercase[:6] + "-_", "aé-"])
        choices = list({"".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12))) for _ in range(rng.randint(0, 40))})
        word = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        expected = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
        assert similar.closest(word, choices, 0.6) == (expected[0] if expected else None), (word, choices)


# --- near-duplicates: at most one line per file and field, a global cap ----------------------------------------


def near(n: int) -> str:
    """Innovation ``n`` of a family: names and summaries differ only in a number."""
    text = edit(VALID, "nama: Antrean Daring Kependudukan", f"nama: Antrean Daring Kependudukan Kelurahan {n}")
    return edit(text, "ringkasan: Warga mengambil nomor antrean pelayanan Disdukcapil dari ponsel.",
                f"ringkasan: Warga kelurahan {n} mengambil nomor antrean pelayanan Disdukcapil dari ponsel.")


def near_family(catalog: Catalog, count: int) -> list[str]:
    (catalog.content / "inovasi" / "antrean-daring.yml").unlink()
    slugs = [f"antrean-{n:03d}" for n in range(count)]
    for n, slug in enumerate(slugs):
        catalog.innovation(slug, near(n))
    return slugs


def test_two_near_duplicates_warn_each_other(catalog: Catalog):
    near_family(catalog, 2)
    result = check(catalog)
    first = [line for line in result.warnings if line.startswith("content/inovasi/antrean-000.yml:1:7: warning: nama: ")]
    assert first == [
        "content/inovasi/antrean-000.yml:1:7: warning: nama: nama sangat mirip dengan content/inovasi/antrean-001.yml "
        f"(kemiripan {first[0].split('(kemiripan ')[1].split('%')[0]}%); periksa apakah ini inovasi yang sama, "
        "atau bila memang berbeda tambahkan 'berbeda_dari: [antrean-001]'"
    ]
    assert any(line.startswith("content/inovasi/antrean-001.yml:1:7: warning: nama: nama sangat mirip dengan "
                               "content/inovasi/antrean-000.yml")
               for line in result.warnings)


def test_a_family_of_near_duplicates_gets_one_line_per_file_and_field(catalog: Catalog):
    slugs = near_family(catalog, 40)
    result = check(catalog)
    similar_lines = [line for line in result.warnings if "sangat mirip dengan" in line]
    for slug in slugs:
        mine = [line for line in similar_lines if line.startswith(f"content/inovasi/{slug}.yml:")]
        fields = [line.split(": warning: ")[1].split(":")[0] for line in mine]
        assert sorted(fields) == ["nama", "ringkasan"], mine  # at least one warning, at most one per field
        for line in mine:
            assert line.count("content/inovasi/antrean-") == similar.MAX_NAMED + 1  # itself and the three named
            assert re.search(r" dan (sedikitnya )?\d+ berkas lain yang mirip; ", line), line
    assert len(similar_lines) == 2 * len(slugs)


def test_berbeda_dari_silences_one_side_only(catalog: Catalog):
    near_family(catalog, 2)
    catalog.innovation("antrean-000", near(0) + "berbeda_dari: [antrean-001]\n")
    result = check(catalog)
    assert not [line for line in result.warnings if line.startswith("content/inovasi/antrean-000.yml:") and "sangat "
                                                                                                            "mirip" in line]
    assert [line for line in result.warnings if line.startswith("content/inovasi/antrean-001.yml:") and "sangat mirip" in line]


def test_the_global_cap_leaves_one_summary_line(catalog: Catalog, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(similar, "MAX_REPORTED", 10)
    near_family(catalog, 30)
    result = check(catalog)
    similar_lines = [line for line in result.warnings if "sangat mirip dengan" in line]
    assert len(similar_lines) == 2 * 10
    summary = [line for line in result.warnings if line.startswith(KATALOG_FILE + ":") and "peringatan kemiripan lain" in line]
    assert summary == [f"{KATALOG_FILE}:1:1: warning: (berkas): 40 peringatan kemiripan lain tentang 20 berkas inovasi tidak "
                       "ditampilkan (paling banyak 10 per kolom); tangani yang ditampilkan lalu periksa lagi"]


def test_the_scan_keeps_a_bounded_number_of_matches_per_item():
    """1,000 names all alike (every word shared by all, the index cap raised so they are indexed)."""
    names = [f"Antrean Daring Kependudukan Kelurahan Nomor {n}" for n in range(1000)]
    matches, complete = similar._join(names, "nama", similar.NAME_JACCARD, similar.NAME_THRESHOLD)
    assert complete  # every word is too common: nothing indexed, nothing compared
    assert matches == []
    old = similar.COMMON_CAP, similar.COMMON_FLOOR
    try:
        similar.COMMON_CAP = similar.COMMON_FLOOR = 10_000
        matches, complete = similar._join(names, "nama", similar.NAME_JACCARD, similar.NAME_THRESHOLD)
    finally:
        similar.COMMON_CAP, similar.COMMON_FLOOR = old
    assert not complete
    assert len(matches) <= similar.MAX_MATCHES_PER_ITEM * len(names)
    involved = {m.a for m in matches} | {m.b for m in matches}
    assert involved == set(range(len(names)))  # still every item has a near-duplicate


def test_neighbours_report_is_bounded():
    names = [f"Antrean Daring Grup{n // 50} Kelurahan Nomor{n}" for n in range(500)]
    report = similar.neighbours(names, [""] * len(names))
    assert len(report.warnings) <= similar.MAX_REPORTED
    assert all(len(w.named) <= similar.MAX_NAMED for w in report.warnings)
    assert {w.item for w in report.warnings} == set(range(len(names)))


def test_a_rust_only_finding_is_still_reported(catalog: Catalog, monkeypatch: pytest.MonkeyPatch):
    """Should the validators ever disagree, a file the Rust validator refuses is never accepted."""
    import generator.rules.schema as validate_module

    class Lenient:
        def iter_errors(self, data):
            return iter(())

    monkeypatch.setattr(validate_module, "validator", lambda name: Lenient())
    catalog.innovation("antrean-daring", edit(VALID, "tahapan: uji_coba", "tahapan: ujicoba"))
    result = check(catalog)
    assert result.code == 1
    assert f"{INNOVATION}:10:10: error: tahapan: nilai ini tidak sah menurut skema" in "\n".join(result.lines)
