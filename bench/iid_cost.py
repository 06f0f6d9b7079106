"""What the IID features cost a full build (issue 11: at most 5 % at 1,000 innovations).

    .venv/bin/python bench/iid_cost.py            # 1,000 innovations, 3 builds of each catalog
    .venv/bin/python bench/iid_cost.py 1000 5     # size, builds of each
    .venv/bin/python bench/iid_cost.py 1000 5 0   # evidence files of a few bytes (as in the first five measurements)

Writes three catalogs from the same ``katalog sample``: *tanpa* (the sample as it is, no
IID data), *hidup* (the 2026 edition in force with public scores, ten indicators filled on
every innovation with three evidence files of ``EVIDENCE_KB`` (third argument) and seven links, Bapperida's records for every
tenth innovation) and *mati* (the same data with the features off: no ``iid:`` in
katalog.yml). The issue's figure is *hidup* against *mati*: what the features add to a
build of the same content. Times ``katalog build`` of each, alternating, each in its
own process, and prints the medians of wall time and of processor time (of the whole process
tree: steadier than wall time when other work shares the machine); then, in this process, the
processor time of the parts that belong to the readiness pages alone: the verification
states of ``build_catalog``, and rendering the "Kesiapan IID" panels and the ``/iid/``
page (the catalog's pages with and without the IID setup). Not part of the test suite; results go into docs/benchmarks.md by hand.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT))

#: A valid PDF (the evidence rules read the first bytes).
PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
#: Size of each evidence file by default: a scanned two-page decree as a PDF (the rules allow 5 MiB a file).
EVIDENCE_KB = 500
FILES = ("regulasi", "sdm", "kecepatan")
LINKS = ("alat_kerja", "sosialisasi", "informasi_layanan", "jejaring", "kemanfaatan", "monev", "video")


def indicator_block(slug: str, n: int) -> str:
    lines = ["indikator:"]
    for key in FILES + LINKS:
        lines += [f"  {key}:", *(["    basis: a"] if key == "kemanfaatan" else []), f"    nilai: {1 + (n + len(key)) % 3}",
                  "    bukti:"]
        if key in FILES:
            lines += [f"      - berkas: {key}-{slug}.pdf", f"        keterangan: Dokumen {key} inovasi {n}"]
        else:
            lines += [f"      - url: https://bukti.sampel.example/{slug}/{key}", f"        keterangan: Tautan {key} inovasi {n}"]
    return "\n".join(lines) + "\n"


def with_iid(content: Path, evidence_kb: int = EVIDENCE_KB) -> None:
    """Turn a ``katalog sample`` folder into one that uses IID (in place)."""
    from generator.content import load_content
    from generator.verification import Record, Records, current_fingerprints, record_path, record_text

    shutil.copytree(ROOT / "content" / "iid", content / "iid", ignore=shutil.ignore_patterns("daerah-*"))
    with (content / "katalog.yml").open("a", encoding="utf-8") as f:
        f.write("iid:\n  edisi: 2026\n  skor_publik: true\n")
    files = sorted((content / "inovasi").glob("*.yml"))
    for n, path in enumerate(files):
        slug = path.stem
        text = path.read_text(encoding="utf-8").replace("contoh: true\n", "")
        path.write_text(text + indicator_block(slug, n) + "contoh: true\n", encoding="utf-8")
        folder = content / "media" / slug / "bukti"
        folder.mkdir(parents=True)
        for key in FILES:
            head = PDF + f"% {key} {slug}\n".encode()
            (folder / f"{key}-{slug}.pdf").write_bytes(head + os.urandom(max(0, evidence_kb * 1024 - len(head))))
    loaded = load_content(content)
    (content / "verifikasi").mkdir()
    for source in loaded.innovations[::10]:
        slug = Path(source.path).stem
        current = current_fingerprints(content, slug, 2026, source.data)
        records = Records(Record("diterima", "Sesuai.", "@bench", "2026-05-04", current.inovasi),
                          {k: Record("diterima", "Sesuai.", "@bench", "2026-05-04", s) for k, s in current.indikator.items()})
        record_path(content, slug).write_text(record_text(slug, records, FILES + LINKS), encoding="utf-8")


def build_seconds(content: Path, site: Path) -> tuple[float, float]:
    """Wall seconds of ``katalog build``, and processor seconds of its process tree (steadier on a busy machine)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    start = time.perf_counter()
    proc = subprocess.Popen([str(BIN / "katalog"), "build", "--content", str(content), "--site", str(site)], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        stderr = proc.stderr.read().decode() if proc.stderr else ""
        raise SystemExit(f"katalog build {content} gagal:\n{stderr[-2000:]}")
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime


def in_process(content: Path) -> tuple[float, float]:
    """Seconds of the verification states, and of rendering the panels and /iid/ (pages with IID minus without)."""
    from generator.content import load_content
    from generator.model import build_catalog
    from generator.pages import render_pages
    from generator.verification import catalog_verification

    loaded = load_content(content)
    start = time.process_time()
    catalog_verification(loaded, 2026)
    states = time.process_time() - start
    catalog = build_catalog(loaded)
    plain = dataclasses.replace(catalog, iid=None)

    def best(target: object) -> float:
        times = []
        for _ in range(3):
            start = time.process_time()
            render_pages(target)  # type: ignore[arg-type]
            times.append(time.process_time() - start)
        return min(times)

    return states, best(catalog) - best(plain)


def without_features(content: Path) -> None:
    """The same IID data with the features switched off: no ``iid:`` block in katalog.yml."""
    katalog = content / "katalog.yml"
    text = katalog.read_text(encoding="utf-8")
    katalog.write_text(text[:text.index("iid:\n")], encoding="utf-8")


VARIANTS = {"tanpa": "sampel tanpa data IID", "mati": "data IID, fitur IID mati (tanpa iid:)", "hidup": "data dan fitur IID"}


def main(argv: list[str]) -> int:
    count = int(argv[0]) if argv else 1000
    runs = int(argv[1]) if len(argv) > 1 else 3
    evidence_kb = int(argv[2]) if len(argv) > 2 else EVIDENCE_KB
    with tempfile.TemporaryDirectory(prefix="iid-biaya-") as tmp:
        work = Path(tmp)
        folders = {name: work / name / "content" for name in VARIANTS}
        subprocess.run([str(BIN / "katalog"), "sample", "--count", str(count), "--out", str(folders["tanpa"])], check=True,
                       capture_output=True)
        shutil.copytree(folders["tanpa"], folders["hidup"])
        with_iid(folders["hidup"], evidence_kb)
        shutil.copytree(folders["hidup"], folders["mati"])
        without_features(folders["mati"])
        wall: dict[str, list[float]] = {name: [] for name in VARIANTS}
        cpu: dict[str, list[float]] = {name: [] for name in VARIANTS}
        for round_number in range(runs):
            # Every other round in the reverse order: a build that follows another (its writes, its deleted site)
            # is not always the same one.
            for name, content in list(folders.items())[::1 if round_number % 2 == 0 else -1]:
                seconds, processor = build_seconds(content, work / name / "site")
                wall[name].append(seconds)
                cpu[name].append(processor)
        states, pages = in_process(folders["hidup"])
        print(f"{count} inovasi, bukti {evidence_kb} KB, {runs} build masing-masing; dinding {wall}; prosesor {cpu}")
        print("| katalog | dinding (terendah) | dinding (median) | prosesor (terendah) | prosesor (median) |")
        print("|---|---|---|---|---|")
        for name, what in VARIANTS.items():
            print(f"| {what} | {min(wall[name]):.2f} s | {statistics.median(wall[name]):.2f} s | {min(cpu[name]):.2f} s "
                  f"| {statistics.median(cpu[name]):.2f} s |")
        for label, base in (("fitur IID (hidup − mati)", "mati"), ("data + fitur IID (hidup − tanpa)", "tanpa")):
            parts = [f"{100 * (pick(values['hidup']) - pick(values[base])) / pick(values[base]):+.1f} %"
                     for values in (wall, cpu) for pick in (min, statistics.median)]
            print(f"| {label} | " + " | ".join(parts) + " |")
        # Each round builds the three catalogs one after another: the ratio within a round is spared the machine's
        # slower and faster minutes, which move all three.
        paired = [f"{100 * (statistics.median(h / m for h, m in zip(values['hidup'], values['mati'], strict=True)) - 1):+.1f} %"
                  for values in (wall, cpu)]
        print(f"fitur IID, median rasio per putaran (hidup / mati): dinding {paired[0]}, prosesor {paired[1]}")
        with_cpu = statistics.median(cpu["hidup"])
        print(f"status verifikasi: {states:.2f} s prosesor ({100 * states / with_cpu:.1f} %); panel + /iid/: {pages:.2f} s "
              f"({100 * pages / with_cpu:.1f} %)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
