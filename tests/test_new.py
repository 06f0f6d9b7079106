"""``katalog new``: the file a contributor starts from, and the questions it asks in a terminal.

The tests run ``katalog new`` on the small catalog of ``conftest.py`` as a
contributor types it: most through the ``main`` the installed command calls, in
this process (it starts in a fraction of the command's time); the installed
command itself prints the next step and refuses bad usage, and the interactive
tests drive it through a real pseudo terminal.
"""

from __future__ import annotations

import json
import os
import pty
import re
import select
import signal
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import BIN, Catalog

from generator.content import parse_text
from generator.issue_form import to_innovation_yaml
from generator.scaffold import write_new_file
from generator.schema import EDITOR_SCHEMA_MODELINE, load_schema
from generator.vocabulary import slugify

#: The required fields that ``katalog new "..." --unit ID`` cannot fill in.
PLACEHOLDER_KEYS = {
    "ringkasan", "bentuk", "jenis", "tahapan", "inisiator.jenis", "urusan.utama", "rancang_bangun", "tujuan", "manfaat",
}
PLACEHOLDER_MESSAGE = "masih berisi teks isian dari templat"
#: Section 2 of the contract, in its order.
CONTRACT_ORDER = [
    "nama", "ringkasan", "perangkat_daerah", "perangkat_daerah_lain", "inisiator", "bentuk", "jenis", "tahapan",
    "urusan", "tematik", "tahun", "waktu", "rancang_bangun", "tujuan", "manfaat", "hasil", "anggaran", "tautan",
    "media", "kontak", "penghargaan", "indikator", "tag", "diperbarui", "contoh",
]
#: What a contributor writes in place of each placeholder (blocks as lines).
ANSWERS: dict[str, str | list[str]] = {
    "ringkasan": "Warga mengambil nomor antrean pelayanan dari ponsel dan datang sesuai jadwal.",
    "inisiator.jenis": "perangkat_daerah",
    "bentuk": "pelayanan_publik",
    "jenis": "digital",
    "tahapan": "inisiatif",
    "urusan.utama": "administrasi_kependudukan",
    "rancang_bangun": ["**Masalah.** Warga antre sejak subuh untuk mendapat nomor."]
    + ["Warga mengambil nomor antrean dari ponsel dan datang sesuai jadwal pelayanan."] * 30,
    "tujuan": ["- Mengurangi waktu tunggu."],
    "manfaat": ["- Warga tidak perlu datang subuh."],
}
TIMEOUT = 20.0
UNIT_PROMPT = "Nomor, id, nama atau singkatan perangkat daerah: "


# --- helpers ----------------------------------------------------------------------------------

def run(catalog: Catalog, *args: str) -> subprocess.CompletedProcess[str]:
    """``katalog ARGS`` in the project folder with no terminal on stdin, in this process (:meth:`Catalog.run_here`)."""
    return catalog.run_here(*args)


def run_installed(catalog: Catalog, *args: str) -> subprocess.CompletedProcess[str]:
    """The installed ``katalog ARGS`` in the project folder, with no terminal on stdin."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.run([str(BIN / "katalog"), *args], cwd=catalog.root, capture_output=True, text=True,
                          env=env, stdin=subprocess.DEVNULL, timeout=120, check=False)


def new(catalog: Catalog, *args: str) -> subprocess.CompletedProcess[str]:
    return run(catalog, "new", *args)


def problems_of(catalog: Catalog, relative: str) -> tuple[int, list[dict[str, Any]]]:
    """Exit code and problems of ``katalog check --format json FILE``."""
    result = run(catalog, "check", "--format", "json", relative)
    return result.returncode, json.loads(result.stdout)


def placeholder_keys(problems: list[dict[str, Any]]) -> set[str]:
    return {p["key"] for p in problems if p["severity"] == "error" and PLACEHOLDER_MESSAGE in p["message"]}


def other_errors(problems: list[dict[str, Any]]) -> list[str]:
    return [f"{p['key']}: "
            f"{p['message']}" for p in problems if p["severity"] == "error" and PLACEHOLDER_MESSAGE not in p["message"]]


def inovasi_files(catalog: Catalog) -> list[str]:
    """Every entry of content/inovasi/, hidden temporary files included."""
    return sorted(p.name for p in (catalog.content / "inovasi").iterdir())


def fill(text: str, answers: dict[str, str | list[str]]) -> str:
    """Replace the ``ISI:`` lines the way a person would: edit those lines, keep everything else."""
    out: list[str] = []
    parent = ""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        top = re.match(r"^([a-z_]+):", line)
        if top:
            parent = top.group(1)
        scalar = re.match(r'^(\s*)([a-z_]+): "ISI:.*"$', line)
        if scalar:
            indent, key = scalar.groups()
            answer = answers[f"{parent}.{key}" if indent else key]
            assert isinstance(answer, str)
            out.append(f"{indent}{key}: {answer}")
        elif line.startswith("  ISI:") and lines[i - 1].endswith(": |"):
            answer = answers[lines[i - 1].split(":")[0]]
            assert isinstance(answer, list)
            out.extend("  " + part for part in answer)
        else:
            out.append(line)
    return "\n".join(out)


def uncomment_all(text: str) -> str:
    """Remove one level of ``# `` from every commented-out field, as an editor's toggle would."""
    code = re.compile(r"^(\s*)# ((?:[a-z_]+:|\s|- ).*)$")
    return "\n".join(code.sub(r"\1\2", line) for line in text.split("\n"))


def schema_keypaths(node: dict[str, Any], prefix: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    """Every property of the schema, nested ones included (list items as index 0; where items have alternatives,
    ``oneOf`` [{required: [berkas]}, {required: [url]}], a key of alternative i as index i)."""
    out: list[tuple[str | int, ...]] = []
    for name, sub in node.get("properties", {}).items():
        out.append(prefix + (name,))
        out += schema_keypaths(sub, prefix + (name,))
        if "items" in sub:
            alternatives = [set(a.get("required", [])) for a in sub["items"].get("oneOf", [])]
            for path in schema_keypaths(sub["items"], prefix + (name, 0)):
                key = path[len(prefix) + 2]
                at = next((i for i, keys in enumerate(alternatives) if key in keys), 0)
                out.append(prefix + (name, at) + path[len(prefix) + 2:])
    return out


def dig(data: Any, keypath: tuple[str | int, ...]) -> Any:
    for part in keypath:
        data = data[part]
    return data


@pytest.fixture
def scaffold(catalog: Catalog) -> Path:
    """``katalog new "Pelayanan Jemput Bola" --unit disdukcapil --tahun 2025`` on the fixture catalog."""
    result = new(catalog, "Pelayanan Jemput Bola", "--unit", "disdukcapil", "--tahun", "2025")
    assert result.returncode == 0, result.stderr
    return catalog.content / "inovasi" / "pelayanan-jemput-bola.yml"


# --- the scaffold and katalog check -----------------------------------------------------------

def test_new_prints_the_path_and_the_next_step(catalog: Catalog) -> None:
    result = run_installed(catalog, "new", "Pelayanan Jemput Bola", "--unit", "disdukcapil")
    assert result.returncode == 0, result.stderr
    path = "content/inovasi/pelayanan-jemput-bola.yml"
    assert (catalog.root / path).is_file()
    assert f"Berkas dibuat: {path}" in result.stdout
    assert f"isi kolom bertanda ISI:, lalu jalankan katalog check {path}" in result.stdout
    assert inovasi_files(catalog) == ["antrean-daring.yml", "pelayanan-jemput-bola.yml"]  # no temporary file left


def test_scaffold_fails_check_with_a_placeholder_message_for_each_required_field(catalog: Catalog, scaffold: Path) -> None:
    code, problems = problems_of(catalog, "content/inovasi/pelayanan-jemput-bola.yml")
    assert code == 1
    assert placeholder_keys(problems) == PLACEHOLDER_KEYS
    for problem in problems:
        if PLACEHOLDER_MESSAGE in problem["message"]:
            assert "ganti dengan isi yang sebenarnya" in problem["message"]
            assert problem["path"] == "content/inovasi/pelayanan-jemput-bola.yml"


def test_scaffold_has_no_error_besides_its_placeholders(catalog: Catalog, scaffold: Path) -> None:
    _, problems = problems_of(catalog, "content/inovasi/pelayanan-jemput-bola.yml")
    assert other_errors(problems) == []


def test_scaffold_passes_check_once_the_placeholders_are_replaced(catalog: Catalog, scaffold: Path) -> None:
    text = scaffold.read_text(encoding="utf-8")
    scaffold.write_text(fill(text, ANSWERS), encoding="utf-8")
    result = run(catalog, "check", "content/inovasi/pelayanan-jemput-bola.yml")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""  # not even a warning
    filled = scaffold.read_text(encoding="utf-8")
    assert all(line.lstrip().startswith("#") for line in filled.split("\n") if "ISI:" in line)
    assert "# Tahapan inovasi saat ini." in filled  # the comments stay
    assert "tahapan: inisiatif" in filled


def test_scaffold_fills_name_unit_and_year_from_the_arguments(catalog: Catalog, scaffold: Path) -> None:
    source = parse_text("x.yml", scaffold.read_bytes())
    assert source.problems == []
    assert source.data["nama"] == "Pelayanan Jemput Bola"
    assert source.data["perangkat_daerah"] == "disdukcapil"
    assert source.data["tahun"] == 2025
    assert 'perangkat_daerah: "disdukcapil"  # Dinas Kependudukan dan Pencatatan Sipil' in scaffold.read_text("utf-8")


def test_year_defaults_to_this_year_and_is_checked(catalog: Catalog) -> None:
    assert new(catalog, "Pelayanan Jemput Bola", "--unit", "disdukcapil").returncode == 0
    data = parse_text("x.yml", (catalog.content / "inovasi" / "pelayanan-jemput-bola.yml").read_bytes()).data
    assert data["tahun"] == time.localtime().tm_year
    result = new(catalog, "Pelayanan Lain Lagi", "--unit", "disdukcapil", "--tahun", "1999")
    assert result.returncode == 2
    assert "--tahun harus antara 2000 dan 2100" in result.stderr


def test_first_line_points_editors_at_the_schema_in_the_working_copy(catalog: Catalog, scaffold: Path) -> None:
    first = scaffold.read_text(encoding="utf-8").split("\n", 1)[0]
    assert first == EDITOR_SCHEMA_MODELINE == "# yaml-language-server: $schema=../../skema/inovasi.schema.json"
    target = (scaffold.parent / first.split("$schema=", 1)[1]).resolve()
    assert target == (catalog.root / "skema" / "inovasi.schema.json").resolve()
    schema = json.loads(target.read_text("utf-8"))  # written by katalog new: it works offline, before any build
    assert schema["properties"]["perangkat_daerah"]["enum"] == ["disdukcapil", "diskominfo", "sdn-1"]
    assert "pendidikan" in schema["properties"]["urusan"]["properties"]["utama"]["enum"]
    assert not (catalog.content / "skema").exists()  # nothing is written into content/ but the new file


def test_editor_schema_follows_the_registry_and_is_rewritten_only_when_it_changes(catalog: Catalog) -> None:
    assert new(catalog, "Pelayanan Jemput Bola", "--unit", "disdukcapil").returncode == 0
    schema = catalog.root / "skema" / "inovasi.schema.json"
    os.utime(schema, (1_000_000_000, 1_000_000_000))
    assert new(catalog, "Pelayanan Jemput Bola Kedua", "--unit", "disdukcapil").returncode == 0
    assert schema.stat().st_mtime == 1_000_000_000  # same ids: left alone
    units = (catalog.content / "perangkat-daerah.yml").read_text("utf-8")
    catalog.write("perangkat-daerah.yml", units + "- id: dinkes\n  nama: Dinas Kesehatan\n  jenis: dinas\n")
    assert new(catalog, "Posyandu Keliling", "--unit", "dinkes").returncode == 0
    assert "dinkes" in json.loads(schema.read_text("utf-8"))["properties"]["perangkat_daerah"]["enum"]


def test_every_schema_property_is_in_the_scaffold_present_or_commented(scaffold: Path) -> None:
    text = scaffold.read_text(encoding="utf-8")
    source = parse_text("x.yml", uncomment_all(text).encode("utf-8"))
    assert source.problems == [], "uncommenting the optional fields must give valid YAML"
    for keypath in schema_keypaths(load_schema("inovasi")):
        try:
            dig(source.data, keypath)
        except (KeyError, IndexError, TypeError):
            pytest.fail(f"schema property {keypath} is missing from the scaffold")


def test_fields_come_in_contract_order_with_comments_from_the_schema(scaffold: Path) -> None:
    text = scaffold.read_text(encoding="utf-8")
    data = parse_text("x.yml", uncomment_all(text).encode("utf-8")).data
    # Schema order; the contract's fields in the contract's order, extra optional fields among them.
    assert list(data) == list(load_schema("inovasi")["properties"])
    assert [key for key in data if key in CONTRACT_ORDER] == CONTRACT_ORDER
    lines = text.split("\n")
    for name, node in load_schema("inovasi")["properties"].items():
        at = next(i for i, line in enumerate(lines) if re.match(rf"^(# )?{name}:", line))
        assert lines[at - 1].startswith("# " + node["description"]), name
    assert "# Tahapan inovasi saat ini. Pilihan: inisiatif (Inisiatif), uji_coba (Uji Coba), penerapan (Penerapan)" in lines
    assert 'bentuk: "ISI: tata_kelola | pelayanan_publik | urusan_lainnya"' in lines


def test_optional_fields_are_commented_out_and_long_texts_are_blocks(scaffold: Path) -> None:
    lines = scaffold.read_text(encoding="utf-8").split("\n")
    assert "# hasil: |" in lines
    assert "# tematik: \"ISI: digitalisasi_layanan | penanggulangan_kemiskinan | kemudahan_investasi | " \
           "prioritas_presiden | non_tematik\"" in lines
    at = lines.index("rancang_bangun: |")
    assert lines[at + 1].startswith("  ISI: ")
    data = parse_text("x.yml", "\n".join(lines).encode("utf-8")).data
    assert not {"hasil", "tematik", "waktu", "anggaran", "indikator", "contoh"} & set(data)


def test_names_with_yaml_syntax_are_quoted_and_read_back_unchanged(catalog: Catalog) -> None:
    name = "Layanan \"Cepat\": #1 & 'ya' – no: {x} [y] \\ *z"
    result = new(catalog, name, "--unit", "disdukcapil")
    assert result.returncode == 0, result.stderr
    path = catalog.content / "inovasi" / "layanan-cepat-1-ya-no-x-y-z.yml"
    assert parse_text("x.yml", path.read_bytes()).data["nama"] == name
    _, problems = problems_of(catalog, "content/inovasi/layanan-cepat-1-ya-no-x-y-z.yml")
    assert not any(p["key"] == "nama" for p in problems)


def test_spaces_in_names_are_tidied_and_invisible_characters_refused(catalog: Catalog) -> None:
    assert new(catalog, "  Pelayanan \t Jemput   Bola ", "--unit", "disdukcapil").returncode == 0
    data = parse_text("x.yml", (catalog.content / "inovasi" / "pelayanan-jemput-bola.yml").read_bytes()).data
    assert data["nama"] == "Pelayanan Jemput Bola"
    result = new(catalog, "Pelayanan\u200bMalam", "--unit", "disdukcapil")
    assert result.returncode == 1
    assert "karakter tak terlihat" in result.stderr


# --- slugs ------------------------------------------------------------------------------------

# The slug rule itself is tested in test_vocabulary.py; here, that katalog new follows it.

def test_the_file_is_named_after_the_derived_slug(catalog: Catalog) -> None:
    result = new(catalog, "Pelayanan Prima & Cepat (PPC) 2025!", "--unit", "disdukcapil")
    assert result.returncode == 0, result.stderr
    assert (catalog.content / "inovasi" / "pelayanan-prima-cepat-ppc-2025.yml").is_file()


def test_new_and_the_issue_form_give_the_same_slug(catalog: Catalog) -> None:
    name = "Jum'at Bersih & Sehat"
    assert new(catalog, name, "--unit", "disdukcapil").returncode == 0
    slug, _ = to_innovation_yaml({"nama": name})
    assert slug == "jumat-bersih-sehat"
    assert (catalog.content / "inovasi" / f"{slug}.yml").is_file()


def test_long_names_are_cut_at_a_hyphen_within_80_characters(catalog: Catalog) -> None:
    name = "Gerakan Bersama Masyarakat Kelurahan untuk Pengelolaan Sampah Rumah Tangga Terpadu Berbasis Bank Sampah Digital"
    slug = slugify(name)
    assert len(slug) <= 80
    result = new(catalog, name, "--unit", "disdukcapil")
    assert result.returncode == 0, result.stderr
    assert (catalog.content / "inovasi" / f"{slug}.yml").is_file()


def test_name_without_latin_letters_is_refused_unless_a_slug_is_given(catalog: Catalog) -> None:
    assert len(slugify("日本語の名前")) < 3
    result = new(catalog, "日本語の名前", "--unit", "disdukcapil")
    assert result.returncode == 1
    assert "tidak menghasilkan slug yang sah" in result.stderr and "--slug" in result.stderr
    assert inovasi_files(catalog) == ["antrean-daring.yml"]
    result = new(catalog, "日本語の名前", "--unit", "disdukcapil", "--slug", "inovasi-jepang")
    assert result.returncode == 0, result.stderr
    assert parse_text("x.yml", (catalog.content / "inovasi" / "inovasi-jepang.yml").read_bytes()).data["nama"] == "日本語の名前"


@pytest.mark.parametrize("slug", ["Antrean", "ab", "antrean--daring", "-antrean", "antrean_daring", "a" * 81])
def test_invalid_slug_option_is_refused(catalog: Catalog, slug: str) -> None:
    result = new(catalog, "Pelayanan Jemput Bola", "--unit", "disdukcapil", f"--slug={slug}")
    assert result.returncode == 1
    assert "tidak sah" in result.stderr
    assert inovasi_files(catalog) == ["antrean-daring.yml"]


@pytest.mark.parametrize("name", ["ab", "x" * 121])
def test_name_length_is_checked(catalog: Catalog, name: str) -> None:
    result = new(catalog, name, "--unit", "disdukcapil")
    assert result.returncode == 1
    assert "nama inovasi harus 3–120 karakter" in result.stderr
    assert inovasi_files(catalog) == ["antrean-daring.yml"]


# --- refusals ---------------------------------------------------------------------------------

def test_existing_file_is_refused_and_left_unchanged(catalog: Catalog) -> None:
    path = catalog.content / "inovasi" / "antrean-daring.yml"
    before = path.read_bytes()
    result = new(catalog, "Antrean Daring", "--unit", "disdukcapil")
    assert result.returncode == 1
    assert "katalog: berkas content/inovasi/antrean-daring.yml sudah ada" in result.stderr
    assert path.read_bytes() == before
    assert inovasi_files(catalog) == ["antrean-daring.yml"]
    assert result.stdout == ""


def test_unknown_unit_is_refused_with_a_suggestion(catalog: Catalog) -> None:
    result = new(catalog, "Pelayanan Jemput Bola", "--unit", "disdukcapl")
    assert result.returncode == 1
    assert "perangkat daerah 'disdukcapl' tidak ada di content/perangkat-daerah.yml; maksud Anda 'disdukcapil'?" in result.stderr
    assert inovasi_files(catalog) == ["antrean-daring.yml"]


@pytest.mark.parametrize("written", ["Dinas Kependudukan dan  Pencatatan Sipil", "DISDUKCAPIL", "disdukcapil "])
def test_unit_may_be_given_by_name_or_abbreviation_and_the_id_is_written(catalog: Catalog, written: str) -> None:
    result = new(catalog, "Pelayanan Jemput Bola", "--unit", written)
    assert result.returncode == 0, result.stderr
    assert "dibaca sebagai disdukcapil (Dinas Kependudukan dan Pencatatan Sipil)" in result.stdout
    data = parse_text("x.yml", (catalog.content / "inovasi" / "pelayanan-jemput-bola.yml").read_bytes()).data
    assert data["perangkat_daerah"] == "disdukcapil"


def test_unit_alias_from_the_registry_is_accepted(catalog: Catalog) -> None:
    units = (catalog.content / "perangkat-daerah.yml").read_text("utf-8")
    with_alias = units.replace("  singkatan: Diskominfo\n", "  singkatan: Diskominfo\n  alias: [Kominfo]\n")
    catalog.write("perangkat-daerah.yml", with_alias)
    result = new(catalog, "Pelayanan Jemput Bola", "--unit", "kominfo")
    assert result.returncode == 0, result.stderr
    assert "dibaca sebagai diskominfo" in result.stdout


@pytest.mark.parametrize(("written", "message"), [
    ("Puskesmas Taman Sari", "perangkat daerah 'Puskesmas Taman Sari' tidak ada di content/perangkat-daerah.yml; "
     "puskesmas dilaporkan atas nama dinas yang membidangi kesehatan; tulis nama puskesmas di inisiator.nama"),
    ("UPTD Pengelolaan Sampah", "UPTD dan UPT dilaporkan atas nama perangkat daerah induknya"),
    ("SD Negeri 4 Contoh", "sekolah yang belum terdaftar ditambahkan dulu ke perangkat-daerah.yml "
     "(id: sdn-4-contoh, jenis: sekolah, jenjang: sd)"),
    ("SD Negeri 1", "perangkat daerah 'SD Negeri 1' tidak ada di content/perangkat-daerah.yml; maksud Anda 'sdn-1'?"),
])
def test_organisations_that_are_not_units_get_guidance_not_another_unit(catalog: Catalog, written: str, message: str) -> None:
    result = new(catalog, "Pelayanan Jemput Bola", "--unit", written)
    assert result.returncode == 1
    assert message in result.stderr
    if "maksud Anda" not in message:
        assert "maksud Anda" not in result.stderr
    assert inovasi_files(catalog) == ["antrean-daring.yml"]


def test_name_already_used_by_another_innovation_is_refused(catalog: Catalog) -> None:
    result = new(catalog, "antrean daring  KEPENDUDUKAN", "--unit", "disdukcapil")
    assert result.returncode == 1
    assert "sudah dipakai oleh content/inovasi/antrean-daring.yml" in result.stderr
    assert inovasi_files(catalog) == ["antrean-daring.yml"]


def test_every_problem_of_the_command_line_is_reported_at_once(catalog: Catalog) -> None:
    result = new(catalog, "ab", "--unit", "tidak-ada")
    assert result.returncode == 1
    assert "nama inovasi harus" in result.stderr and "perangkat daerah 'tidak-ada'" in result.stderr


def test_usage_errors_exit_2(catalog: Catalog) -> None:
    no_name = run_installed(catalog, "new")
    assert no_name.returncode == 2
    assert 'sebutkan nama inovasi, misalnya: katalog new "Antrean Daring" --unit disdukcapil' in no_name.stderr
    no_unit = new(catalog, "Pelayanan Jemput Bola")
    assert no_unit.returncode == 2 and "--unit" in no_unit.stderr
    missing = new(catalog, "Pelayanan Jemput Bola", "--unit", "disdukcapil", "--content", "tidak-ada")
    assert missing.returncode == 2 and "folder konten 'tidak-ada' tidak ditemukan" in missing.stderr
    bad_year = new(catalog, "Pelayanan Jemput Bola", "--unit", "disdukcapil", "--tahun", "dua")
    assert bad_year.returncode == 2
    assert inovasi_files(catalog) == ["antrean-daring.yml"]


def test_other_content_folder_is_used(catalog: Catalog) -> None:
    moved = catalog.root / "daerah-lain"
    catalog.content.rename(moved)
    result = new(catalog, "Pelayanan Jemput Bola", "--unit", "diskominfo", "--content", "daerah-lain")
    assert result.returncode == 0, result.stderr
    assert "Berkas dibuat: daerah-lain/inovasi/pelayanan-jemput-bola.yml" in result.stdout


def test_writing_never_replaces_an_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "inovasi" / "ada.yml"
    target.parent.mkdir()
    target.write_text("nama: Lama\n", encoding="utf-8")
    with pytest.raises(FileExistsError):
        write_new_file(target, "nama: Baru\n")
    assert target.read_text(encoding="utf-8") == "nama: Lama\n"
    assert sorted(p.name for p in target.parent.iterdir()) == ["ada.yml"]
    write_new_file(tmp_path / "inovasi" / "baru.yml", "nama: Baru\n")
    assert sorted(p.name for p in target.parent.iterdir()) == ["ada.yml", "baru.yml"]


# --- interactive mode, in a real pseudo terminal ----------------------------------------------

class Terminal:
    """The installed ``katalog`` running with a pseudo terminal as its controlling terminal."""

    def __init__(self, cwd: Path, *args: str) -> None:
        exe = str(BIN / "katalog")
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONUTF8="1", TERM="dumb")
        pid, fd = pty.fork()
        if pid == 0:  # the child never returns into pytest
            try:
                os.chdir(cwd)
                # Start as from a shell in a terminal: Ctrl-C neither ignored nor blocked, whatever the test
                # process (an xdist worker, its threads) had; both would survive the exec.
                signal.signal(signal.SIGINT, signal.SIG_DFL)
                signal.pthread_sigmask(signal.SIG_SETMASK, set())
                os.execve(exe, [exe, *args], env)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        self.raw = b""
        self.seen = 0
        self.code: int | None = None

    @property
    def output(self) -> str:
        return self.raw.decode("utf-8", "replace").replace("\r\n", "\n")

    def _read(self, timeout: float) -> bool:
        """Read what is there within ``timeout``; False once the program has closed the terminal."""
        ready, _, _ = select.select([self.fd], [], [], max(timeout, 0))
        if not ready:
            return True
        try:
            chunk = os.read(self.fd, 4096)
        except OSError:  # EIO: the other side is closed
            chunk = b""
        self.raw += chunk
        return bool(chunk)

    def expect(self, text: str, timeout: float = TIMEOUT) -> None:
        """Wait until ``text`` appears after what earlier expectations consumed."""
        deadline = time.monotonic() + timeout
        while True:
            at = self.output.find(text, self.seen)
            if at >= 0:
                self.seen = at + len(text)
                return
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                pytest.fail(f"waited {timeout}s for {text!r}; the terminal shows:\n{self.output}")
            if not self._read(remaining):
                pytest.fail(f"the program ended before showing {text!r}; the terminal shows:\n{self.output}")

    def answer(self, line: str) -> None:
        os.write(self.fd, line.encode("utf-8") + b"\r")  # Enter sends a carriage return

    def send(self, control: bytes) -> None:
        os.write(self.fd, control)

    def poll(self, timeout: float) -> int | None:
        """Read until the program exits or ``timeout`` passes; its exit code, or None if still running."""
        deadline = time.monotonic() + timeout
        while self.code is None:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.code = os.waitstatus_to_exitcode(status)
                while self._read(0.2):  # what it printed last
                    pass
            elif time.monotonic() >= deadline:
                return None
            else:
                self._read(min(0.05, max(deadline - time.monotonic(), 0)))
        return self.code

    def wait(self, timeout: float = TIMEOUT) -> int:
        """The exit code; fails the test if the program does not exit within ``timeout``."""
        code = self.poll(timeout)
        if code is None:
            signals = self._signals()
            self.close()
            pytest.fail(f"the program did not exit within {timeout}s ({signals}); the terminal shows:\n{self.output}")
        return code

    def interrupt(self, timeout: float = TIMEOUT) -> int:
        """Press Ctrl-C until the program exits; its exit code.

        CPython loses a SIGINT that lands between printing the prompt and
        blocking in read(); a second Ctrl-C, as a person would press, gets through.
        """
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.send(b"\x03")
            code = self.poll(1.0)
            if code is not None:
                return code
        return self.wait(0)

    def _signals(self) -> str:
        """The child's signal masks (pending, blocked, ignored, caught), to tell why it did not react."""
        try:
            with open(f"/proc/{self.pid}/status", encoding="ascii") as status:
                wanted = ("SigPnd", "ShdPnd", "SigBlk", "SigIgn", "SigCgt")
                return " ".join(line.strip() for line in status if line.startswith(wanted))
        except OSError:
            return "tidak terbaca"

    def close(self) -> None:
        if self.code is None:
            try:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
            self.code = -9
        try:
            os.close(self.fd)
        except OSError:
            pass


@pytest.fixture
def terminal(catalog: Catalog) -> Iterator[Callable[..., Terminal]]:
    """Start ``katalog ARGS`` in a pseudo terminal in the project folder; killed at the end of the test."""
    started: list[Terminal] = []

    def start(*args: str) -> Terminal:
        started.append(Terminal(catalog.root, *args))
        return started[-1]

    yield start
    for term in started:
        term.close()


def test_interactive_mode_asks_and_writes_the_answers(catalog: Catalog, terminal: Callable[..., Terminal]) -> None:
    term = terminal("new", "--content", "content", "--tahun", "2025")
    term.expect("Nama inovasi (3–120 karakter): ")
    term.answer("ab")  # too short: asked again
    term.expect("nama inovasi harus 3–120 karakter")
    term.expect("Nama inovasi (3–120 karakter): ")
    term.answer("Posyandu Digital Keliling")
    term.expect("Berkas: content/inovasi/posyandu-digital-keliling.yml")
    term.expect("1. disdukcapil — Dinas Kependudukan dan Pencatatan Sipil")
    term.expect("3. sdn-1 — SD Negeri 1 Contoh")
    term.expect(UNIT_PROMPT)
    term.answer("diskominfoo")  # a typo: suggestion, asked again
    term.expect("maksud Anda 'diskominfo'?")
    term.expect(UNIT_PROMPT)
    term.answer("dinas komunikasi dan informatika")  # the full name is read as the id
    term.expect("dibaca sebagai diskominfo (Dinas Komunikasi dan Informatika)")
    term.expect("inisiator.jenis: Jenis inisiator.")
    term.expect("Pilih nomor atau id (Enter = isi nanti): ")
    term.answer("")  # left for later
    term.expect("bentuk: Bentuk inovasi daerah")
    term.expect("2. pelayanan_publik — Inovasi Pelayanan Publik")
    term.expect("Pilih nomor atau id (Enter = isi nanti): ")
    term.answer("pelayanan_publk")
    term.expect("maksud Anda 'pelayanan_publik'?")
    term.answer("pelayanan_publik")
    term.expect("jenis: Jenis inovasi.")
    term.expect("Pilih nomor atau id (Enter = isi nanti): ")
    term.answer("")
    term.expect("tahapan: Tahapan inovasi saat ini.")
    term.expect("2. uji_coba — Uji Coba")
    term.expect("Pilih nomor atau id (Enter = isi nanti): ")
    term.answer("2")
    term.expect("Berkas dibuat: content/inovasi/posyandu-digital-keliling.yml")
    assert term.wait() == 0, term.output

    path = catalog.content / "inovasi" / "posyandu-digital-keliling.yml"
    data = parse_text("x.yml", path.read_bytes()).data
    assert data["nama"] == "Posyandu Digital Keliling"
    assert data["perangkat_daerah"] == "diskominfo"
    assert data["bentuk"] == "pelayanan_publik"
    assert data["tahapan"] == "uji_coba"
    assert data["tahun"] == 2025
    # uji_coba needs its date: the scaffold asks for it instead of leaving a schema error.
    code, problems = problems_of(catalog, "content/inovasi/posyandu-digital-keliling.yml")
    assert code == 1
    assert placeholder_keys(problems) == {
        "ringkasan", "inisiator.jenis", "jenis", "urusan.utama", "rancang_bangun", "tujuan", "manfaat", "waktu.uji_coba",
    }


def test_interactive_answers_leave_no_error_besides_placeholders(catalog: Catalog, terminal: Callable[..., Terminal]) -> None:
    term = terminal("new")
    for prompt, reply in [
        ("Nama inovasi", "Posyandu Digital Keliling"),
        (UNIT_PROMPT, "disdukcapil"),
        ("Pilih nomor", "4"),  # inisiator.jenis: asn
        ("Pilih nomor", "1"),  # bentuk: tata_kelola
        ("Pilih nomor", "non_digital"),
        ("Pilih nomor", "3"),  # tahapan: penerapan
    ]:
        term.expect(prompt)
        term.answer(reply)
    assert term.wait() == 0, term.output
    path = catalog.content / "inovasi" / "posyandu-digital-keliling.yml"
    data = parse_text("x.yml", path.read_bytes()).data
    assert (data["inisiator"]["jenis"], data["bentuk"], data["jenis"], data["tahapan"]) == (
        "asn", "tata_kelola", "non_digital", "penerapan")
    _, problems = problems_of(catalog, "content/inovasi/posyandu-digital-keliling.yml")
    assert placeholder_keys(problems) == {
        "ringkasan", "urusan.utama", "rancang_bangun", "tujuan", "manfaat", "waktu.uji_coba", "waktu.penerapan",
    }
    assert other_errors(problems) == []


def test_interactive_mode_asks_only_for_what_is_missing(catalog: Catalog, terminal: Callable[..., Terminal]) -> None:
    term = terminal("new", "Sapa Warga Kelurahan")
    term.expect(UNIT_PROMPT)
    term.answer("1")
    assert term.wait() == 0, term.output
    assert "Pilih nomor" not in term.output
    assert (catalog.content / "inovasi" / "sapa-warga-kelurahan.yml").is_file()


def test_ctrl_d_at_the_first_question_writes_nothing(catalog: Catalog, terminal: Callable[..., Terminal]) -> None:
    term = terminal("new")
    term.expect("Nama inovasi")
    term.send(b"\x04")
    assert term.wait() == 1
    assert "dibatalkan; tidak ada berkas yang ditulis" in term.output
    assert inovasi_files(catalog) == ["antrean-daring.yml"]


def test_ctrl_c_during_the_questions_writes_nothing(catalog: Catalog, terminal: Callable[..., Terminal]) -> None:
    term = terminal("new")
    term.expect("Nama inovasi")
    term.answer("Posyandu Digital Keliling")
    term.expect(UNIT_PROMPT)
    assert term.interrupt() == 130
    assert "dibatalkan; tidak ada berkas yang ditulis" in term.output
    assert "Traceback" not in term.output
    assert inovasi_files(catalog) == ["antrean-daring.yml"]
