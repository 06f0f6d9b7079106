"""Benchmark: `katalog check` on the worst inputs we know how to build.

    .venv/bin/python bench/adversarial.py              # every case
    .venv/bin/python bench/adversarial.py --single     # only the single-file cases (under a minute)
    .venv/bin/python bench/adversarial.py --write      # also put the table into docs/fuzzing.md

Two kinds of case, each checked in its own process (wall time, peak RSS of that
process from os.wait4, number of output lines):

- one innovation file of at most 256 KiB (content.MAX_FILE_BYTES, the largest
  the loader reads) built to be as expensive as possible for one class of work:
  long lists, many keys, deep nesting, pathological Markdown; the rest of the
  catalog is a one-innovation `katalog sample`;
- 10,000 small innovation files (`katalog sample --count 10000`, then rewritten)
  that attack the cross-file passes: names and summaries near-identical in
  groups as large as the near-duplicate index still indexes, names differing
  only in a number, one name shared by every file, every file with problems.

Two more, which the test suite runs for their results but does not time (issue 13:
no timing assertions in the suite, the benchmark is the judge):

- the corpus's `bounded` cases (tests/corpus/), each installed in the test
  fixture's catalog, `katalog check --semua`: processor time (the target of 2 s
  the suite once asserted) and peak RSS;
- functions fed hostile text in this process (processor time): the issue form
  parser on 12,000 repeated headings, the unit resolver on names built to be slow.

Targets (issue 9): a single file under 2 s and 1 GiB; 10,000 files under 60 s
and 1 GiB; output lines bounded (a fixed number per file at most); a corpus case
under 2 s; a function under 5 s. Not part of the test suite;
tests/test_bounded.py asserts the output bounds at small sizes.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
DOC = ROOT / "docs" / "fuzzing.md"
MARK_START, MARK_END = "<!-- bounded-work:start -->", "<!-- bounded-work:end -->"

MAX_BYTES = 256 * 1024
MANY = 10_000
SINGLE_SECONDS, MANY_SECONDS, MEMORY_MIB = 2.0, 60.0, 1024
CORPUS_SECONDS, FUNCTION_SECONDS = 2.0, 5.0

#: The head of every single-file case: a valid innovation without tag (the sample's).
HEAD = """\
nama: "Antrean Daring Kependudukan"
ringkasan: "Warga mengambil nomor antrean pelayanan dari ponsel dan datang sesuai jadwal."
perangkat_daerah: dinas-1
inisiator:
  jenis: perangkat_daerah
bentuk: pelayanan_publik
jenis: digital
tahapan: uji_coba
urusan:
  utama: urusan_1
tematik: non_tematik
tahun: 2025
waktu:
  uji_coba: 2025-03-01
rancang_bangun: |
""" + "".join("  Warga mengambil nomor antrean dari ponsel dan datang sesuai jadwal pelayanan.\n" for _ in range(30)) + """\
tujuan: |
  Mengurangi waktu tunggu.
manfaat: |
  - Warga tidak perlu datang subuh.
"""


def fit(head: str, item: Callable[[int], str], tail: str = "", limit: int = MAX_BYTES) -> str:
    """``head`` + item(0) + item(1) + ... + ``tail``, as many items as fit in ``limit`` bytes."""
    parts, size, i = [head], len(head.encode()) + len(tail.encode()), 0
    while True:
        piece = item(i)
        if size + len(piece.encode()) > limit:
            break
        parts.append(piece)
        size += len(piece.encode())
        i += 1
    return "".join(parts) + tail


def markdown_fields(unit: str) -> str:
    """HEAD with its four Markdown fields each holding ``unit`` repeated to 20,000 characters (the schema's maxLength)."""
    text = (unit * (20_000 // len(unit) + 1))[:20_000]
    head = HEAD.split("rancang_bangun:")[0]
    return head + "".join(f"{field}: {quoted(text)}\n" for field in ("rancang_bangun", "tujuan", "manfaat", "hasil"))


def quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def backtick_runs() -> str:
    """Runs of 1, 2, 3, ... backticks separated by a letter: every run length different, no code span closes."""
    out, k = [], 1
    while sum(len(p) for p in out) < 19_000:
        out.append("`" * k + "a")
        k += 1
    return "".join(out)


#: name -> (what it is, the file's text)
SINGLE: dict[str, tuple[str, Callable[[], str]]] = {
    "tag-strings": ("`tag:` with ~30,000 distinct short strings", lambda: fit(HEAD + "tag:\n", lambda i: f"- t{i}\n")),
    "tag-mappings": ("`tag:` with ~20,000 distinct mappings (type errors, uniqueItems on unhashable items)",
                     lambda: fit(HEAD + "tag:\n", lambda i: f"- {{a: {i}}}\n")),
    "tag-mixed-types": ("`tag:` alternating strings and numbers (jsonschema's uniqueItems cannot sort them)",
                        lambda: fit(HEAD + "tag:\n", lambda i: f"- {i}\n" if i % 2 else f"- t{i}\n")),
    "tag-lists": ("`tag:` with ~25,000 one-item lists", lambda: fit(HEAD + "tag:\n", lambda i: f"- [{i}]\n")),
    "penghargaan-mappings": ("`penghargaan:` with ~8,000 wrong mappings (short name, year out of range, unknown key)",
                             lambda: fit(HEAD + "penghargaan:\n", lambda i: f"- {{nama: x, tahun: {i}, k{i}: 1}}\n")),
    "unit-references": ("`perangkat_daerah_lain:` with ~15,000 unknown unit ids (each a 'did you mean' search)",
                        lambda: fit(HEAD + "perangkat_daerah_lain:\n", lambda i: f"- dinas-x{i}\n")),
    "affair-references": ("`urusan.irisan:` with ~15,000 unknown urusan ids",
                          lambda: fit(HEAD.replace("urusan:\n  utama: urusan_1\n", "")
                                      + "urusan:\n  utama: urusan_1\n  irisan:\n",
                                      lambda i: f"  - urusan_x{i}\n")),
    "unknown-keys": ("~20,000 unknown top-level keys (each a 'did you mean' search of the known keys)",
                     lambda: fit(HEAD, lambda i: f"kolom{i}: 1\n")),
    "placeholders": ("`tag:` with ~20,000 'ISI:' placeholders", lambda: fit(HEAD + "tag:\n", lambda i: f"- 'ISI: {i}'\n")),
    "deep-flow": ("256 KiB of '[' (nested flow lists)", lambda: fit(HEAD + "tag: ", lambda i: "[")),
    "deep-block": ("block mappings nested as deep as 256 KiB allows", lambda: fit(HEAD, lambda i: "  " * i + "a:\n")),
    "long-line": ("one 256 KiB `nama:` value", lambda: fit('nama: "', lambda i: "a", '"\n' + HEAD.split("\n", 1)[1])),
    "markdown-brackets": ("four Markdown fields of 20,000 '['", lambda: markdown_fields("[")),
    "markdown-links": ("four Markdown fields of '[a](' repeated", lambda: markdown_fields("[a](")),
    "markdown-emphasis": ("four Markdown fields of '*_' nesting", lambda: markdown_fields("*_")),
    "markdown-html": ("four Markdown fields of '<b>' (an HTML error each)", lambda: markdown_fields("<b>")),
    "markdown-open-tags": ("four Markdown fields of '<a ' (tags never closed)", lambda: markdown_fields("<a ")),
    "markdown-backticks": ("four Markdown fields of backtick runs of every length", lambda: markdown_fields(backtick_runs())),
    "invisible": ("`tag:` with ~40,000 zero-width characters in strings",
                  lambda: fit(HEAD + "tag:\n", lambda i: "- \"a\\u200b\"\n")),
}


def _words(prefix: str, group: int, count: int) -> list[str]:
    return [f"{prefix}{chr(97 + group % 26)}{chr(97 + group // 26 % 26)}{k}" for k in range(count)]


def rewrite(content: Path, change: Callable[[int, str], str]) -> None:
    for n, path in enumerate(sorted((content / "inovasi").glob("*.yml"))):
        path.write_text(change(n, path.read_text("utf-8")), encoding="utf-8")


def set_line(text: str, key: str, value: str) -> str:
    return re.sub(rf"^{key}: .*$", lambda _m: f"{key}: {quoted(value)}", text, count=1, flags=re.MULTILINE)


#: Files per group in `near_groups`: the most files a word may be in and still be indexed.
GROUP = 200


def near_groups(n: int, text: str) -> str:
    """Groups of GROUP files (200 at 10,000: the most a word may be shared and still indexed): names and
    summaries that differ only in one number, every pair inside a group a near-duplicate."""
    group = n // GROUP
    name = " ".join(_words("nama", group, 3)).capitalize() + f" {n}"
    summary = " ".join(_words("ringkas", group, 20)).capitalize() + f" {n}."
    return set_line(set_line(text, "nama", name), "ringkasan", summary)


def number_only(n: int, text: str) -> str:
    """All 10,000 names and summaries the same words, only a number differs."""
    return set_line(set_line(text, "nama", f"Layanan Antrean Daring Kependudukan {n}"), "ringkasan",
                    f"Warga mengambil nomor antrean pelayanan dari ponsel dan datang sesuai jadwal {n}.")


def same_name(n: int, text: str) -> str:
    return set_line(text, "nama", "Layanan Antrean Daring Kependudukan")


def problems(n: int, text: str) -> str:
    """Every file: an unknown unit id (a 'did you mean' search of 500 units), an unknown key, a wrong type, a bad date."""
    text = re.sub(r"^perangkat_daerah: .*$", f"perangkat_daerah: dinas-x{n}", text, count=1, flags=re.MULTILINE)
    text = re.sub(r"^tahun: .*$", "tahun: dua ribu", text, count=1, flags=re.MULTILINE)
    return text + f"kolom_{n}: 1\ndiperbarui: 2025-02-30\n"


MANY_CASES: dict[str, tuple[str, Callable[[int, str], str]]] = {
    "near-duplicate-groups": ("10,000 files, near-identical names and summaries in groups of 200 (the largest still "
                              "indexed)", near_groups),
    "number-only-names": ("10,000 files whose names and summaries differ only in a number", number_only),
    "one-name": ("10,000 files with the same name", same_name),
    "every-file-wrong": ("10,000 files, each with an unknown unit, an unknown key, a wrong type and a bad date", problems),
}


@dataclass
class Result:
    case: str
    about: str
    seconds: float
    rss_mib: float
    lines: int
    code: int | None
    limit: float

    @property
    def within(self) -> bool:
        return self.code in (0, 1) and self.seconds < self.limit and self.rss_mib < MEMORY_MIB


def measure(project: Path, case: str, about: str, limit: float, timeout: float) -> Result:
    """`katalog check` in ``project``: wall time, peak RSS of the process, output lines."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    out_path = project / "keluaran.txt"
    start = time.perf_counter()
    with out_path.open("wb") as out:
        proc = subprocess.Popen([str(BIN / "katalog"), "check"], cwd=project, env=env, stdout=out, stderr=subprocess.DEVNULL)
        code: int | None = None
        rss = 0
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                code, rss = os.waitstatus_to_exitcode(status), usage.ru_maxrss
                break
            if time.perf_counter() - start > timeout:
                proc.kill()
                _, _, usage = os.wait4(proc.pid, 0)
                rss = usage.ru_maxrss
                break
            time.sleep(0.01)
        proc.returncode = code if code is not None else -9
    seconds = time.perf_counter() - start
    with out_path.open("rb") as f:
        lines = sum(1 for _ in f)
    return Result(case, about, seconds, rss / 1024, lines, code, limit)


def sample(folder: Path, count: int) -> Path:
    subprocess.run([str(BIN / "katalog"), "sample", "--count", str(count), "--out", str(folder / "content")],
                   check=True, capture_output=True)
    return folder


def run_single(work: Path, only: list[str]) -> list[Result]:
    base = sample(work / "dasar", 1)
    results = []
    for name, (about, build) in SINGLE.items():
        if only and name not in only:
            continue
        project = work / name
        shutil.copytree(base, project)
        target = project / "content" / "inovasi" / "inovasi-sampel-00001.yml"
        text = build()
        assert len(text.encode()) <= MAX_BYTES, (name, len(text.encode()))
        target.write_text(text, encoding="utf-8")
        results.append(measure(project, name, about, SINGLE_SECONDS, timeout=120))
        print(row(results[-1]), flush=True)
        shutil.rmtree(project)
    return results


def run_many(work: Path, only: list[str], count: int = MANY) -> list[Result]:
    global GROUP
    sys.path.insert(0, str(ROOT))
    from generator.similar import COMMON_CAP, COMMON_FLOOR, COMMON_SHARE

    GROUP = min(COMMON_CAP, max(COMMON_FLOOR, int(COMMON_SHARE * count)))
    base = sample(work / "dasar-banyak", count)
    results = []
    for name, (about, change) in MANY_CASES.items():
        if only and name not in only:
            continue
        project = work / name
        shutil.copytree(base, project)
        rewrite(project / "content", change)
        if count != MANY:
            about = about.replace(f"{MANY:,}", f"{count:,}")
        results.append(measure(project, name, about, MANY_SECONDS, timeout=600))
        print(row(results[-1]), flush=True)
        shutil.rmtree(project)
    return results


def run_corpus(work: Path, only: list[str]) -> list[Result]:
    """The corpus's bounded cases, each in the fixture catalog of tests/conftest.py, as tests/test_corpus.py runs
    them; ``seconds`` is the processor time of the `katalog check` process."""
    sys.path[:0] = [str(ROOT / "tests"), str(ROOT)]
    from conftest import new_catalog  # type: ignore[import-not-found]
    from test_corpus import CASES, install, run_installed  # type: ignore[import-not-found]

    results = []
    for case in CASES:
        if not case.bounded or (only and case.name not in only):
            continue
        catalog = new_catalog(work / "korpus" / case.name)
        install(case, catalog)
        run = run_installed(catalog, "check", "--semua", timeout=120)
        results.append(Result(case.name, f"corpus: {case.name} (processor time)", run.seconds, run.peak_rss / 2**20,
                              len(run.lines), run.code, CORPUS_SECONDS))
        print(row(results[-1]), flush=True)
    return results


def _issue_form_headings() -> None:
    from generator.issue_form import parse_issue_body

    parse_issue_body("\n\n".join(["### Nama inovasi", "Pojok Baca", "### Rancang bangun",
                                   *["### Tujuan", "x", "### Nama inovasi", "y"] * 3000]))


def _hostile_unit_names() -> None:
    from test_vocabulary import HOSTILE_NAMES  # type: ignore[import-not-found]

    from generator.content import read_source
    from generator.vocabulary import registry_index, resolve_unit, unit_hint

    index = registry_index(read_source(ROOT / "content" / "perangkat-daerah.yml").data)
    for text in HOSTILE_NAMES:
        resolve_unit(text, index)
        unit_hint(text, index)


FUNCTION_CASES: dict[str, tuple[str, Callable[[], None]]] = {
    "issue-form-repeated-headings": ("issue form body with 12,000 repeated headings (parse_issue_body)",
                                     _issue_form_headings),
    "hostile-unit-names": ("unit names of 256,000 characters, 50,000 combining marks, 40,000 school prefixes "
                           "(resolve_unit, unit_hint)", _hostile_unit_names),
}


def run_functions(only: list[str]) -> list[Result]:
    """Each function case in this process: processor time, and the process's peak RSS so far."""
    sys.path[:0] = [str(ROOT / "tests"), str(ROOT)]
    results = []
    for name, (about, work) in FUNCTION_CASES.items():
        if only and name not in only:
            continue
        start = time.process_time()
        work()
        seconds = time.process_time() - start
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        results.append(Result(name, about, seconds, rss, 0, 0, FUNCTION_SECONDS))
        print(row(results[-1]), flush=True)
    return results


def row(r: Result) -> str:
    seconds = f"{r.seconds:.2f} s" if r.code is not None else f"> {r.seconds:.0f} s (stopped)"
    bound = f"{r.limit:g} s, {MEMORY_MIB} MiB"
    verdict = "yes" if r.within else "**no**"
    return f"| {r.about} | {seconds} | {r.rss_mib:.0f} MiB | {r.lines:,} | {bound} | {verdict} |"


def table(results: list[Result]) -> str:
    head = "| input | `katalog check` | peak memory | output lines | bound | within |\n|---|---|---|---|---|---|\n"
    return head + "\n".join(row(r) for r in results) + "\n"


def machine() -> str:
    cpu = (next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                 if line.startswith("model name")), platform.processor())
           if Path("/proc/cpuinfo").exists() else platform.processor())
    return f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}"


def write_doc(text: str) -> None:
    doc = DOC.read_text("utf-8")
    start, end = doc.index(MARK_START) + len(MARK_START), doc.index(MARK_END)
    DOC.write_text(doc[:start] + "\n" + text + doc[end:], "utf-8")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("cases", nargs="*", help="only these cases (names as in SINGLE and MANY_CASES)")
    parser.add_argument("--single", action="store_true", help="only the single-file cases")
    parser.add_argument("--write", action="store_true", help="write the table into docs/fuzzing.md")
    parser.add_argument("--count", type=int, default=MANY, help=f"files in the many-file cases (default {MANY:,})")
    args = parser.parse_args(argv)
    print(table([]), end="", flush=True)
    with tempfile.TemporaryDirectory(prefix="katalog-adversarial-") as tmp:
        work = Path(tmp)
        results = run_single(work, args.cases)
        results += run_corpus(work, args.cases) + run_functions(args.cases)
        if not args.single and (not args.cases or set(args.cases) & set(MANY_CASES)):
            results += run_many(work, args.cases, args.count)
    measured = datetime.now().astimezone().date()  # the machine's own day, time zone aware
    text = f"Measured {measured.isoformat()} on {machine()} with `bench/adversarial.py`.\n\n" + table(results)
    if args.write:
        write_doc(text)
    return 0 if all(r.within for r in results) else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
