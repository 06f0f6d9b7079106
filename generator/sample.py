"""``katalog sample``: a deterministic synthetic catalog for benchmarks and tests.

The text is Indonesian-looking and varied (a vocabulary of common words in a
Zipf-like distribution plus invented proper names), so search indexes, near-
duplicate detection and page sizes behave as they would on real content. The
same ``--count`` and ``--seed`` always produce the same files.
"""

from __future__ import annotations

import itertools
import json
import random
from pathlib import Path

from .schema import labels

_COMMON = [
    "pelayanan", "layanan", "warga", "masyarakat", "kota", "kelurahan", "kecamatan", "sekolah", "data", "digital", "aplikasi",
    "daring", "informasi", "sistem", "terpadu", "cepat", "mudah", "murah", "transparan", "akuntabel", "pengaduan", "antrean",
    "pendaftaran", "perizinan", "pajak", "retribusi", "kesehatan", "posyandu", "puskesmas", "gizi", "balita", "lansia",
    "disabilitas", "perempuan", "anak", "pemuda", "pelajar", "guru", "literasi", "perpustakaan", "arsip", "wisata", "budaya",
    "pasar", "usaha", "mikro", "koperasi", "nelayan", "petani", "pangan", "air", "bersih", "sampah", "banjir", "drainase",
    "jalan", "lampu", "parkir", "angkutan", "terminal", "pelabuhan", "bencana", "kebakaran", "keamanan", "ketertiban",
    "lingkungan", "hijau", "taman", "energi", "surya", "hemat", "kertas", "anggaran", "keuangan", "aset", "pegawai", "kinerja",
    "disiplin", "pelatihan", "evaluasi", "perencanaan", "penelitian", "statistik", "peta", "geospasial", "kependudukan", "akta",
    "identitas", "kartu", "keluarga", "bantuan", "sosial", "kemiskinan", "pekerjaan", "lowongan", "investasi", "promosi",
    "produk", "kerajinan", "timah", "lada", "pantai", "laut", "ikan", "mangrove",
]
_VERBS = [
    "meningkatkan", "mempercepat", "menyederhanakan", "memadukan", "mendekatkan", "memantau", "mencatat", "menyebarkan",
    "mengurangi", "memperluas",
]
_CONNECT = ["sehingga", "agar", "dengan", "melalui", "bersama", "untuk", "dalam", "setiap", "tanpa", "kepada"]
_SYLLABLES = [
    "ba", "be", "bi", "bo", "bu", "ka", "ke", "ki", "ko", "ku", "la", "li", "lo", "ma", "mi", "mo", "na", "ni", "no", "pa", "pi",
    "po", "ra", "ri", "ro", "sa", "si", "so", "ta", "ti", "to", "wa", "ya",
]
_UNIT_KINDS = (("dinas", "Dinas"), ("badan", "Badan"), ("kecamatan", "Kecamatan"), ("satuan", "Satuan"))
_GROUPS = ("wajib_pelayanan_dasar", "wajib_non_pelayanan_dasar", "pilihan", "penunjang")


class _Words:
    """Random Indonesian-looking text from a fixed seed."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        # Zipf-like weights: the first words are much more frequent than the last.
        self.cumulative = list(itertools.accumulate(1 / (rank + 1) ** 0.5 for rank in range(len(_COMMON))))

    def word(self) -> str:
        return self.rng.choices(_COMMON, cum_weights=self.cumulative)[0]

    def proper(self) -> str:
        return "".join(self.rng.choice(_SYLLABLES) for _ in range(self.rng.randint(2, 4))).capitalize()

    def sentence(self, low: int = 8, high: int = 16) -> str:
        parts = [self.word() for _ in range(self.rng.randint(low, high))]
        parts.insert(self.rng.randrange(len(parts)), self.rng.choice(_VERBS))
        parts.insert(self.rng.randrange(len(parts)), self.rng.choice(_CONNECT))
        for _ in range(self.rng.randint(0, 2)):
            parts.insert(self.rng.randrange(len(parts)), self.proper())
        return " ".join(parts).capitalize() + "."

    def paragraph(self, sentences: int) -> str:
        return " ".join(self.sentence() for _ in range(sentences))


def _dump(value: object) -> str:
    """A YAML scalar: JSON strings and numbers are valid YAML."""
    return json.dumps(value, ensure_ascii=False)


def _block(text: str, indent: str = "  ") -> str:
    return "|\n" + "\n".join(indent + line if line else "" for line in text.splitlines()) + "\n"


def _registries(rng: random.Random, words: _Words, units: int) -> tuple[list[str], list[str], str, str]:
    unit_ids, unit_lines = [], []
    for n in range(units):
        kind, title = _UNIT_KINDS[n % len(_UNIT_KINDS)]
        unit_id = f"{kind}-{n + 1}"
        unit_ids.append(unit_id)
        unit_lines.append(f"- id: {unit_id}\n  nama: {_dump(f'{title} {words.proper()} {words.word().capitalize()} {n + 1}')}\n  "
                          f"jenis: {kind}\n")
    affair_ids, affair_lines = [], []
    for n in range(38):
        affair_id = f"urusan_{n + 1}"
        affair_ids.append(affair_id)
        name = f"Urusan {words.word().capitalize()} dan {words.word().capitalize()} {n + 1}"
        affair_lines.append(f"- id: {affair_id}\n  nama: {_dump(name)}\n  kelompok: {_GROUPS[min(n // 10, 3)]}\n")
    return unit_ids, affair_ids, "".join(unit_lines), "".join(affair_lines)


def _innovation(n: int, rng: random.Random, words: _Words, unit_ids: list[str], affair_ids: list[str]) -> str:
    vocab = {key: list(labels((key,))) for key in ("bentuk", "jenis", "tahapan", "tematik")}
    stage = rng.choice(vocab["tahapan"])
    year = rng.choice((2023, 2024, 2025, 2025, 2025))
    name = f"{words.word().capitalize()} {words.word().capitalize()} {words.proper()} {n + 1}"
    summary = f"{words.proper()} {words.proper()}: {words.sentence(10, 16)}"[:295]
    design = "\n\n".join(words.paragraph(rng.randint(6, 8)) for _ in range(3))
    lines = [
        f"nama: {_dump(name)}",
        f"ringkasan: {_dump(summary)}",
        f"perangkat_daerah: {rng.choice(unit_ids)}",
        "inisiator:",
        f"  jenis: {rng.choice(list(labels(('inisiator', 'jenis'))))}",
        f"bentuk: {rng.choice(vocab['bentuk'])}",
        f"jenis: {rng.choice(vocab['jenis'])}",
        f"tahapan: {stage}",
        "urusan:",
        f"  utama: {rng.choice(affair_ids)}",
        f"tematik: {rng.choice(vocab['tematik'])}",
        f"tahun: {year}",
    ]
    if stage != "inisiatif":
        lines += ["waktu:", f"  uji_coba: {year}-{rng.randint(1, 6):02d}-{rng.randint(1, 28):02d}"]
        if stage == "penerapan":
            lines.append(f"  penerapan: {year}-{rng.randint(7, 12):02d}-{rng.randint(1, 28):02d}")
    lines += [
        "rancang_bangun: " + _block(design).rstrip("\n"),
        "tujuan: " + _block(words.paragraph(2)).rstrip("\n"),
        "manfaat: " + _block("\n".join(f"- {words.sentence(5, 9)}" for _ in range(3))).rstrip("\n"),
    ]
    if stage == "penerapan":
        lines.append("hasil: " + _block(words.paragraph(2)).rstrip("\n"))
    lines += [f"tag: [{words.word()}, {words.word()}-{n % 97}]", "contoh: true"]
    return "\n".join(lines) + "\n"


def write_sample(out: Path, count: int, seed: int = 1) -> None:
    """Write a valid content folder with ``count`` innovations into ``out``."""
    rng = random.Random(seed)
    words = _Words(rng)
    units = max(6, min(500, count // 3))
    unit_ids, affair_ids, units_yaml, affairs_yaml = _registries(rng, words, units)
    (out / "inovasi").mkdir(parents=True, exist_ok=True)
    (out / "halaman").mkdir(exist_ok=True)
    (out / "katalog.yml").write_text(
        "daerah: Kota Sampel\npenyelenggara: Bapperida Kota Sampel\nsitus: https://inovasi.sampel.example/\n"
        "repositori: https://github.com/contoh/katalog-sampel\n"
        f"target:\n  - tahun: 2025\n    jumlah: {max(count, 1)}\n    minimal_per_unit: 1\n",
        encoding="utf-8",
    )
    (out / "perangkat-daerah.yml").write_text(units_yaml, encoding="utf-8")
    (out / "urusan.yml").write_text(affairs_yaml, encoding="utf-8")
    (out / "halaman" / "tentang.md").write_text("# Tentang\n\nKatalog sampel untuk uji kinerja.\n", encoding="utf-8")
    for n in range(count):
        slug = f"inovasi-sampel-{n + 1:05d}"
        (out / "inovasi" / f"{slug}.yml").write_text(_innovation(n, rng, words, unit_ids, affair_ids), encoding="utf-8")
