"""The loader on its own (``generator.content.parse_text``): YAML edge cases, fast and without a catalog."""

from __future__ import annotations

import pytest

from generator.content import MAX_DEPTH, MAX_FILE_BYTES, parse_text


def parse(text: str | bytes):
    return parse_text("x.yml", text.encode("utf-8") if isinstance(text, str) else text)


def lines(source) -> list[str]:
    return [problem.text() for problem in source.problems]


# --- values ---------------------------------------------------------------------------------

def test_dates_stay_the_text_the_contributor_wrote():
    source = parse("uji_coba: 2025-03-01\ndiperbarui: 2025-03-01 10:00:00\n")
    assert source.data == {"uji_coba": "2025-03-01", "diperbarui": "2025-03-01 10:00:00"}
    assert source.problems == []


def test_plain_scalars_keep_their_yaml_types():
    source = parse("a: 2025\nb: yes\nc: ~\nd: 1.5\ne: teks\nf: '2025'\n")
    assert source.data == {"a": 2025, "b": True, "c": None, "d": 1.5, "e": "teks", "f": "2025"}


def test_explicit_standard_scalar_tags_are_allowed():
    assert parse("a: !!str 2025\nb: !!int '7'\n").data == {"a": "2025", "b": 7}


# --- positions ------------------------------------------------------------------------------

def test_values_and_keys_remember_one_based_line_and_column():
    source = parse("a:\n  b: [1, 2]\n  c:\n    - x\n    - y: z\n")
    assert source.data == {"a": {"b": [1, 2], "c": ["x", {"y": "z"}]}}
    assert source.values[("a", "b", 1)] == (2, 10)
    assert source.values[("a", "c", 1, "y")] == (5, 10)
    assert source.keys[("a", "c")] == (3, 3)
    assert source.keys[("a", "c", 1, "y")] == (5, 7)


def test_where_falls_back_to_the_nearest_existing_ancestor():
    source = parse("a:\n  b: 1\n")
    assert source.where(("a", "tidak_ada", 3)) == (2, 3)


def test_literal_block_position_is_its_first_text_line():
    source = parse("a: |\n\n  pertama\n  kedua\nb: x\n")
    assert source.data["a"] == "\npertama\nkedua\n"
    assert source.blocks[("a",)] == (3, 3)


def test_positions_are_right_with_windows_line_endings():
    source = parse(b"a: 1\r\nb: |\r\n  teks\r\n  lagi\r\n")
    assert source.data == {"a": 1, "b": "teks\nlagi\n"}
    assert source.values[("b",)] == (2, 4)
    assert source.blocks[("b",)] == (3, 3)


# --- duplicate keys -------------------------------------------------------------------------

def test_duplicate_key_keeps_the_first_value_and_names_the_first_line():
    source = parse("nama: Pertama\nlain: x\nnama: Kedua\n")
    assert source.data == {"nama": "Pertama", "lain": "x"}
    assert lines(source) == ["x.yml:3:1: error: nama: kunci 'nama' ditulis dua kali (pertama di baris 1); hapus salah satunya"]


def test_duplicate_key_in_a_list_item_names_its_key_path():
    assert lines(parse("- a: 1\n  a: 2\n")) == [
        "x.yml:2:3: error: [0].a: kunci 'a' ditulis dua kali (pertama di baris 1); hapus salah satunya"
    ]


def test_duplicate_key_in_flow_mapping_is_found():
    assert lines(parse("{a: 1, a: 2}\n")) == [
        "x.yml:1:8: error: a: kunci 'a' ditulis dua kali (pertama di baris 1); hapus salah satunya"
    ]


def test_keys_that_differ_only_in_case_are_different_keys():
    source = parse("a: 1\nA: 2\n")
    assert (source.data, source.problems) == ({"a": 1, "A": 2}, [])


# --- refused YAML features ------------------------------------------------------------------

def test_alias_is_refused_at_its_key():
    source = parse("a: &x {k: 1}\nb: *x\n")
    assert source.data == {"a": {"k": 1}, "b": None}
    assert lines(source) == ["x.yml:2:4: error: b: anchor dan alias YAML (&nama, *nama) tidak diizinkan; tulis nilainya langsung"]


def test_undefined_alias_is_a_yaml_error():
    assert lines(parse("a: *x\n")) == [
        "x.yml:1:4: error: (berkas): YAML tidak sah: alias YAML (*nama) tidak diizinkan; tulis nilainya langsung"
    ]


def test_merge_key_is_refused():
    source = parse("a:\n  <<: {b: 1}\n  c: 2\n")
    assert source.data == {"a": {"c": 2}}
    assert lines(source) == ["x.yml:2:3: error: a: kunci gabungan '<<' tidak diizinkan; tulis semua kunci langsung"]


@pytest.mark.parametrize(
    ("text", "tag", "position"),
    [
        ("a: !!python/object/apply:os.system ['true']\n", "tag:yaml.org,2002:python/object/apply:os.system", "1:4"),
        ("a: !!binary aGVsbG8=\n", "tag:yaml.org,2002:binary", "1:4"),
        ("a: !!set {x}\n", "tag:yaml.org,2002:set", "1:4"),
        ("a: !lokal teks\n", "!lokal", "1:4"),
        ("a:\n  - !lokal [1]\n", "!lokal", "2:5"),
    ],
    ids=["python-object", "binary", "set", "local-scalar", "local-sequence"],
)
def test_non_standard_tags_are_refused(text, tag, position):
    source = parse(text)
    assert len(source.problems) == 1
    assert source.problems[0].text().startswith(f"x.yml:{position}: error: a")
    assert source.problems[0].message == f"tag YAML '{tag}' tidak diizinkan; tulis nilai biasa tanpa tanda '!'"


def test_python_tag_is_never_executed(tmp_path):
    marker = tmp_path / "dijalankan"
    parse(f"a: !!python/object/apply:os.system ['touch {marker}']\n")
    assert not marker.exists()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("~: x\n", "x.yml:1:1: error: (berkas): kunci '~' harus berupa teks nama kolom"),
        ("? [a, b]\n: x\n", "x.yml:1:3: error: (berkas): kunci '...' harus berupa teks nama kolom"),
        ("1.5: x\n", "x.yml:1:1: error: (berkas): kunci '1.5' harus berupa teks nama kolom"),
    ],
    ids=["null", "list", "fraction"],
)
def test_keys_that_are_not_text_are_refused(text, expected):
    assert lines(parse(text)) == [expected]


def test_a_whole_number_key_is_read_as_its_text():
    """``16:`` under indikator (the indicator's number) or ``1:`` under spd: the mapping's rules say what is meant."""
    source = parse("indikator:\n  16:\n    nilai: 2\n")
    assert lines(source) == []
    assert source.data == {"indikator": {"16": {"nilai": 2}}}
    assert source.keys[("indikator", "16")] == (2, 3)


def test_second_document_is_refused():
    source = parse("a: 1\n---\nb: 2\n")
    assert source.data is None
    assert lines(source) == [
        "x.yml:2:1: error: (berkas): YAML tidak sah: berkas hanya boleh berisi satu dokumen; hapus pemisah '---' tambahan"
    ]


def test_nesting_deeper_than_the_limit_is_refused():
    source = parse("a: " + "[" * (MAX_DEPTH + 8) + "]" * (MAX_DEPTH + 8) + "\n")
    assert len(source.problems) == 1
    assert source.problems[0].message == f"susunan terlalu dalam (lebih dari {MAX_DEPTH} tingkat)"


def test_absurd_nesting_is_an_error_not_a_crash():
    source = parse("a: " + "[" * 5000 + "]" * 5000 + "\n")
    assert source.data is None
    assert source.problems[0].severity == "error"


def test_file_over_the_size_limit_is_refused_before_parsing():
    source = parse(b"a: " + b"x" * MAX_FILE_BYTES)
    assert source.data is None
    assert lines(source) == [f"x.yml:1:1: error: (berkas): berkas terlalu besar (256 KiB); batasnya {MAX_FILE_BYTES // 1024} KiB"]


# --- encodings and empty files --------------------------------------------------------------

def test_utf8_bom_is_a_warning_and_the_data_is_kept():
    source = parse(b"\xef\xbb\xbfa: 1\n")
    assert source.data == {"a": 1}
    assert lines(source) == ["x.yml:1:1: warning: (berkas): berkas diawali penanda BOM; simpan ulang sebagai UTF-8 tanpa BOM"]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_are_refused(encoding):
    raw = "a: 1\n".encode(encoding)
    if encoding == "utf-16-be":
        raw = b"\xfe\xff" + raw
    source = parse(raw)
    assert source.data is None
    assert lines(source) == ["x.yml:1:1: error: (berkas): berkas tersimpan sebagai UTF-16/UTF-32; simpan ulang sebagai UTF-8 "
                             "(tanpa BOM)"]


def test_utf16_without_bom_is_an_error():
    source = parse("a: 1\n".encode("utf-16-le"))
    assert source.data is None
    assert [p.severity for p in source.problems] == ["error"]


def test_latin1_byte_is_located_by_line_and_character_column():
    # 'é' (U+00E9) before the bad byte counts as one column, not two bytes.
    source = parse("a: 1\nb: é\nc: caf".encode() + b"\xe9\n")
    assert source.data is None
    assert lines(source) == [
        "x.yml:3:7: error: (berkas): berkas bukan teks UTF-8 yang sah (mungkin tersimpan sebagai Windows-1252/ANSI); simpan "
        "ulang sebagai UTF-8"
    ]


@pytest.mark.parametrize("raw", [b"", b"   \n\n", b"\xef\xbb\xbf"], ids=["empty", "blank", "bom-only"])
def test_empty_file_is_an_error(raw):
    source = parse(raw)
    assert source.data is None
    assert ("x.yml:1:1: error: (berkas): "
            "berkas kosong; isi dengan kolom-kolom inovasi (lihat contoh di content/inovasi/)") in lines(source)


def test_comments_only_is_an_error():
    assert lines(parse("# catatan\n# lagi\n")) == ["x.yml:1:1: error: (berkas): berkas tidak berisi data (hanya komentar)"]


def test_raw_control_character_is_an_error():
    assert lines(parse("a: b\x07c\n")) == [
        "x.yml:1:1: error: (berkas): YAML tidak sah: berkas mengandung karakter kendali yang tidak terlihat; hapus karakter itu"
    ]


# --- the loader never raises, and never fails silently --------------------------------------

GARBAGE = [b"\x00\x01", b"{", b"]]]", b"- - - -", b"? ? ?", b"&a [*a]", b"!<tag:x> a", b"a: &x 1\nb: &x 2\n",
           b"'", b'"\\', b"a: |\n", b"%YAML 1.1\n---\na: 1\n", b"\xff\xfe\x00", b"a:\n- b\n -c\n"]


@pytest.mark.parametrize("raw", GARBAGE, ids=[repr(g) for g in GARBAGE])
def test_any_bytes_give_data_or_problems_without_raising(raw):
    source = parse(raw)
    assert source.data is not None or source.problems


@pytest.mark.parametrize(
    "raw",
    [
        b"",
        b"{",
        b"a: 'tidak ditutup\n",
        b"\xe9",
        pytest.param(b"---\n"),
        pytest.param(b"~\n"),
    ],
    ids=["empty", "brace", "quote", "latin1", "document-marker", "tilde"],
)
def test_a_file_without_data_always_carries_an_error(raw):
    source = parse(raw)
    assert not source.ok
    assert any(p.severity == "error" for p in source.problems)
