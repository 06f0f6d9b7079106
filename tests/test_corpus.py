"""`katalog check` on the bad-input corpus (tests/corpus/, described in docs/fuzzing.md).

Every case is one file on disk plus the problem lines it must produce, listed in
tests/corpus/cases.toml. Each case is copied into a fresh copy of the conftest
catalog and checked the way a contributor would check it. Cases the code gets
wrong today stay in the corpus asserting the right behaviour, marked as strict
xfails whose reason starts with "BUG:".

This module also holds the corpus helpers that tests/test_guarantees.py reuses.
"""

from __future__ import annotations

import os
import re
import resource
import shutil
import signal
import subprocess
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conftest import BIN, Catalog
from test_check_support import check

CORPUS = Path(__file__).resolve().parent / "corpus"
#: The manifests: cases.toml plus one cases-<theme>.toml per attack class added later.
MANIFESTS = sorted(CORPUS.glob("cases*.toml"))
#: The fixture's only innovation; a case installed under content/inovasi/ replaces it.
FIXTURE_INNOVATION = "inovasi/antrean-daring.yml"

#: Bounds for `bounded` cases: address space and peak RSS of the `katalog check` process. Their processor time
#: (target: under 2 s each) is measured by the benchmark (bench/adversarial.py, "corpus" rows), not asserted here.
MEMORY_LIMIT = 1 << 30
RSS_LIMIT = 300 * 1024 * 1024
#: Processor seconds after which a bounded case that runs away is stopped (SIGXCPU) instead of holding up the
#: suite: a guard against a hang, fifteen times the target, not a measure of speed.
RUNAWAY_LIMIT = 30
#: Wall time after which a run that does not finish (one blocked waiting, using no processor time) is stopped.
WALL_LIMIT = 60.0

#: A file that a case's YAML tries to create through a code-execution tag.
EXECUTED_MARKER = "korpus-dijalankan"

#: The contract's problem line: PATH:LINE:COLUMN: error|warning: KEY.PATH: message.
PROBLEM_RE = re.compile(
    r"^(?P<path>.+?):(?P<line>[1-9][0-9]*):(?P<col>[1-9][0-9]*): (?P<severity>error|warning): (?P<key>.+?): (?P<message>.+)$"
)
#: Characters that must never reach a problem line raw: they break it into several
#: lines for line-based tools or reorder what a terminal shows (tab is allowed).
UNPRINTABLE_RE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_EXPECT_RE = re.compile(r"^(?P<line>\d+):(?P<col>\d+): (?P<severity>error|warning): (?P<key>.*?): (?P<message>.*)$", re.DOTALL)


@dataclass(frozen=True)
class Expected:
    """One expected problem line: exact position, severity and key; a substring of the message."""

    line: int
    col: int
    severity: str
    key: str
    message: str

    @classmethod
    def parse(cls, text: str) -> Expected:
        found = _EXPECT_RE.match(text)
        assert found, f"expect {text!r} is not 'LINE:COL: SEVERITY: KEY: MESSAGE'"
        return cls(int(found["line"]), int(found["col"]), found["severity"], found["key"], found["message"])

    def shown(self, path: str) -> str:
        return f"{path}:{self.line}:{self.col}: {self.severity}: {self.key}: …{self.message}…"

    def matches(self, line: str, path: str | None, folder: str) -> bool:
        """``line`` is this problem about ``path`` (or, when ``path`` is None, about some file in ``folder``)."""
        middle = f":{self.line}:{self.col}: {self.severity}: {self.key}: "
        if path is not None:
            return line.startswith(path + middle) and self.message in line[len(path + middle):]
        at = line.find(middle)
        return line.startswith(folder) and at > 0 and self.message in line[at + len(middle):]


@dataclass(frozen=True)
class Case:
    """One corpus case as described in tests/corpus/cases.toml."""

    name: str
    about: str
    expect: tuple[Expected, ...]
    file: str
    install: str
    at: str
    exit: int
    only: bool = True
    path_free: bool = False
    bounded: bool = False
    symlink: str | None = None
    inside: str | None = None
    marker: str | None = None
    extra: dict[str, str] = field(default_factory=dict)
    fill: tuple[tuple[str, str, int], ...] = ()
    xfail: str | None = None
    hangs: str | None = None
    build: str | None = None
    render: str | None = None

    @property
    def accepted(self) -> bool:
        """The validator must accept this input (no error about it)."""
        return self.exit == 0

    @property
    def shown_path(self) -> str:
        return f"content/{self.at}"

    def data(self) -> bytes:
        raw = (CORPUS / self.file).read_bytes()
        for token, text, count in self.fill:
            assert raw.count(token.encode()) == 1, f"{self.name}: token {token} not found once"
            raw = raw.replace(token.encode(), text.encode() * count)
        return raw

    def param(self, *reasons: str | None):
        """A pytest param, strict xfail when one of ``reasons`` (manifest fields) is set."""
        reason = next((r for r in reasons if r), None)
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        return pytest.param(self, id=self.name, marks=marks)


def load_cases() -> list[Case]:
    manifest: dict = {}
    for path in MANIFESTS:
        entries = tomllib.loads(path.read_text(encoding="utf-8"))
        clash = set(entries) & set(manifest)
        assert not clash, f"{path.name}: case names used twice: {sorted(clash)}"
        manifest.update(entries)
    cases = []
    for name, entry in manifest.items():
        expect = tuple(Expected.parse(e) for e in entry["expect"])
        install = entry.get("install", FIXTURE_INNOVATION)
        cases.append(Case(
            name=name,
            about=entry["about"],
            expect=expect,
            file=entry.get("file", f"{name}.yml"),
            install=install,
            at=entry.get("at", install),
            exit=entry.get("exit", 1 if any(e.severity == "error" for e in expect) else 0),
            only=entry.get("only", True),
            path_free=entry.get("path_free", False),
            bounded=entry.get("bounded", False),
            symlink=entry.get("symlink"),
            inside=entry.get("inside"),
            marker=entry.get("marker"),
            extra=entry.get("extra", {}),
            fill=tuple((f["token"], f["text"], f["count"]) for f in entry.get("fill", [])),
            xfail=entry.get("xfail"),
            hangs=entry.get("hangs"),
            build=entry.get("build"),
            render=entry.get("render"),
        ))
    return cases


CASES = load_cases()
BY_NAME = {case.name: case for case in CASES}


def outside_folder(catalog: Catalog) -> Path:
    """A folder beside the project, outside content/: targets of the symlink cases."""
    folder = catalog.root.parent / "luar-konten"
    folder.mkdir(exist_ok=True)
    return folder


def install(case: Case, catalog: Catalog) -> None:
    """Put the case into the catalog at ``case.install`` (as a file, or a symlink to outside content/)."""
    content = catalog.content
    if case.install == "inovasi" or case.install.startswith("inovasi/"):
        (content / FIXTURE_INNOVATION).unlink()
    for dest, source in case.extra.items():
        catalog.write(dest, (CORPUS / source).read_bytes())
    target = content / case.install
    target.parent.mkdir(parents=True, exist_ok=True)
    if case.symlink == "file":
        outside = outside_folder(catalog) / case.file
        outside.write_bytes(case.data())
        target.unlink(missing_ok=True)
        target.symlink_to(outside)
    elif case.symlink == "dir":
        outside = outside_folder(catalog) / case.name
        inside = outside / (case.inside or case.file)
        inside.parent.mkdir(parents=True)
        inside.write_bytes(case.data())
        if target.is_dir():
            shutil.rmtree(target)
        target.symlink_to(outside, target_is_directory=True)
    else:
        target.write_bytes(case.data())


@dataclass
class Run:
    """What one `katalog check` showed: exit code (None when it did not finish in time), output, processor time, peak RSS."""

    code: int | None
    out: str
    err: str
    #: Processor time (user + system) of the `katalog check` process (in-process runs: of this process).
    seconds: float
    peak_rss: int = 0

    @property
    def lines(self) -> list[str]:
        # Only "\n" ends a problem line; str.splitlines() would also split at U+2028 and friends.
        return [line for line in self.out.split("\n") if line]


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def _limit_work() -> None:
    _limit_memory()
    # The kernel stops the process (SIGXCPU) once it has run away.
    resource.setrlimit(resource.RLIMIT_CPU, (RUNAWAY_LIMIT, RUNAWAY_LIMIT))


def run_installed(catalog: Catalog, *args: str, timeout: float = WALL_LIMIT, limit_work: bool = False) -> Run:
    """Run the installed `katalog ARGS` in the project folder; stop it after ``timeout`` seconds of wall time.

    The child is reaped with os.wait4 so that its own processor time and peak RSS are known; with
    ``limit_work`` its address space and processor time are capped (it is stopped beyond them).
    """
    out_path, err_path = catalog.root.parent / "keluaran.txt", catalog.root.parent / "galat.txt"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    start = time.monotonic()
    with out_path.open("wb") as out, err_path.open("wb") as err:
        # preexec_fn is safe here: the test process runs no threads.
        proc = subprocess.Popen([str(BIN / "katalog"), *args], cwd=catalog.root, stdout=out, stderr=err, env=env,
                                preexec_fn=_limit_work if limit_work else None)  # noqa: PLW1509
        code: int | None = None
        rss = 0
        cpu = 0.0
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                code, rss = os.waitstatus_to_exitcode(status), usage.ru_maxrss * 1024
                cpu = usage.ru_utime + usage.ru_stime
                break
            if time.monotonic() - start > timeout:
                proc.kill()
                os.wait4(proc.pid, 0)
                break
            time.sleep(0.01)
        proc.returncode = code if code is not None else -9  # reaped here, not by Popen
    return Run(code, out_path.read_text("utf-8", "replace"), err_path.read_text("utf-8", "replace"), cpu, rss)


def run_check(case: Case, catalog: Catalog, *args: str, installed: bool = False) -> Run:
    """`katalog check --semua` on the catalog: in-process, or as a bounded subprocess for `bounded` cases.

    ``--semua``: units owing their target are warned about in perangkat-daerah.yml, one line each, as the
    registry cases expect, instead of one summary line in katalog.yml."""
    args = ("--semua", *args)
    if case.bounded:
        return run_installed(catalog, "check", *args, limit_work=True)
    if installed:
        return run_installed(catalog, "check", *args)
    start = time.process_time()
    result = check(catalog, *args)
    return Run(result.code, result.out, result.err, time.process_time() - start)


def assert_well_formed(run: Run) -> None:
    """Finished, exit 0/1/2, no traceback, and every output line a contract problem line."""
    assert run.code is not None, f"katalog check tidak selesai dalam {WALL_LIMIT} detik"
    assert run.code != -signal.SIGXCPU, f"katalog check tidak selesai dalam {RUNAWAY_LIMIT} detik waktu prosesor"
    assert "Traceback" not in run.out + run.err, run.err[-3000:]
    assert run.code in (0, 1, 2), run.code
    bad = [line for line in run.lines if not PROBLEM_RE.match(line) or UNPRINTABLE_RE.search(line)]
    assert bad == [], "baris yang tidak mengikuti kontrak:\n" + "\n".join(repr(line) for line in bad[:10])


def lines_about(case: Case, run: Run) -> list[str]:
    if case.path_free:
        folder = "content/" + case.at.rsplit("/", 1)[0] + "/"
        return [line for line in run.lines if line.startswith(folder)]
    return [line for line in run.lines if line.startswith(case.shown_path + ":")]


def assert_expected_lines(case: Case, run: Run) -> None:
    """Every expected line is printed; with ``only``, nothing else about the case's file."""
    path = None if case.path_free else case.shown_path
    folder = "content/" + case.at.rsplit("/", 1)[0] + "/"
    about = lines_about(case, run)
    missing = [e.shown(case.shown_path) for e in case.expect if not any(e.matches(line, path, folder) for line in run.lines)]
    assert missing == [], "baris yang diharapkan tidak ada:\n" + "\n".join(missing) + "\n--- keluaran:\n" + run.out[-3000:]
    if case.only and not case.path_free:
        extra = [line for line in about if not any(e.matches(line, path, folder) for e in case.expect)]
        assert extra == [], "masalah lain tentang berkas ini:\n" + "\n".join(extra[:10])


def corpus_params(*fields: str) -> list:
    """Every case as a pytest param, strict xfail when one of the named manifest fields gives a BUG reason."""
    return [case.param(*(getattr(case, f) for f in fields)) for case in CASES]


# --- the corpus itself -------------------------------------------------------------------------


def test_corpus_has_at_least_sixty_cases_each_with_its_file():
    assert len(CASES) >= 60
    for case in CASES:
        assert (CORPUS / case.file).is_file(), case.name
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", case.name) and len(case.name) <= 80, case.name
        assert case.accepted or case.expect, case.name
        for reason in (case.xfail, case.hangs, case.build, case.render):
            assert reason is None or reason.startswith("BUG: "), case.name


def test_every_corpus_file_belongs_to_a_case():
    used = {case.file for case in CASES} | {f for case in CASES for f in case.extra.values()} | {path.name for path in MANIFESTS}
    assert sorted(p.name for p in CORPUS.iterdir()) == sorted(used)


# --- each case, as a contributor runs it ---------------------------------------------------------


@pytest.mark.parametrize("case", corpus_params("xfail", "hangs"))
def test_corpus_case_gives_its_problem_lines(case: Case, catalog: Catalog) -> None:
    install(case, catalog)
    run = run_check(case, catalog)
    assert_well_formed(run)
    assert run.code == case.exit, run.out[-3000:]
    assert_expected_lines(case, run)
    assert not (catalog.root / EXECUTED_MARKER).exists(), "YAML tag dijalankan"
    if case.bounded:
        assert run.peak_rss < RSS_LIMIT, f"RSS puncak {run.peak_rss // 2**20} MiB"


#: Cases also run through the installed command, one per kind of failure, to prove that
#: nothing reaches stderr but the summary (no traceback) in a real process.
SUBPROCESS_SAMPLE = [
    "yaml-unclosed-flow-map", "enc-utf16-be-bom", "enc-cp1252-smart-quotes", "shape-empty-file", "tag-python-object-apply",
    "size-one-megabyte-line", "deep-nesting-10000-brackets", "key-typo", "symlink-innovation-file", "url-link-javascript",
    "html-script-tag", "plain-script-in-nama",
]


#: Cases holding more aliases than the check reports (content.MAX_ALIAS_PROBLEMS per file).
ALIAS_FLOODS = ["alias-billion-laughs", "alias-flood", "registry-units-billion-laughs"]


@pytest.mark.parametrize("name", ALIAS_FLOODS)
def test_alias_problems_stop_at_the_cap(name: str, catalog: Catalog) -> None:
    """One problem per alias, each at its own place, but never more than MAX_ALIAS_PROBLEMS lines per file."""
    from generator.content import MAX_ALIAS_PROBLEMS

    case = BY_NAME[name]
    install(case, catalog)
    run = run_check(case, catalog)
    assert_well_formed(run)
    aliases = [line for line in lines_about(case, run) if "anchor dan alias YAML" in line]
    assert len(aliases) == MAX_ALIAS_PROBLEMS == 20, aliases
    places = [PROBLEM_RE.match(line).group("line", "col") for line in aliases]  # type: ignore[union-attr]
    assert len(set(places)) == len(places), "dua masalah alias di tempat yang sama"


@pytest.mark.parametrize("name", SUBPROCESS_SAMPLE)
def test_installed_command_prints_only_problem_lines_and_a_summary(name: str, catalog: Catalog) -> None:
    case = BY_NAME[name]
    install(case, catalog)
    run = run_installed(catalog, "check")
    assert run.code == case.exit
    assert "Traceback" not in run.err
    # stderr holds the one-line summary, nothing else.
    assert [line for line in run.err.splitlines() if line.strip()] == [run.err.strip()], run.err[-2000:]
    assert all(PROBLEM_RE.match(line) for line in run.lines)
    assert not (catalog.root / EXECUTED_MARKER).exists()
    if not case.xfail:
        assert_expected_lines(case, run)


def test_subprocess_sample_covers_every_kind_of_failure():
    kinds = {name.split("-")[0] for name in SUBPROCESS_SAMPLE}
    assert {"yaml", "enc", "shape", "tag", "size", "deep", "key", "symlink", "url", "html", "plain"} <= kinds
    assert set(SUBPROCESS_SAMPLE) <= set(BY_NAME)


def test_file_argument_checks_a_corpus_case_alone(catalog: Catalog) -> None:
    """`katalog check FILE` reports the same line as the full check."""
    case = BY_NAME["type-date-day-month-year"]
    install(case, catalog)
    run = run_check(case, catalog, f"content/{case.install}")
    assert run.code == 1
    assert_expected_lines(case, run)


# --- docs/fuzzing.md states the limits the code enforces -------------------------------------------

DOC = Path(__file__).resolve().parent.parent / "docs" / "fuzzing.md"
_LIMIT_ROW = re.compile(r"^\| `([\w-]+)` \| `([^`]*)` \| (?:([\d,]+)–)?([\d,]+) (characters|items) \|$", re.MULTILINE)


def _schema_node(schema: dict, field: str) -> dict:
    node = schema  # "(daftar)": the file's list itself
    for part in re.findall(r"[^.\[\]]+|\[\]", field.replace("(daftar)", "")):
        node = node["items"] if part == "[]" else node["properties"][part]
    return node


def test_limits_in_the_fuzzing_doc_match_the_code():
    from generator.content import MAX_ALIAS_PROBLEMS, MAX_DEPTH, MAX_FILE_BYTES, MAX_PAGE_IMAGE_BYTES
    from generator.schema import load_schema

    text = DOC.read_text(encoding="utf-8")
    assert f"**{MAX_FILE_BYTES // 1024} KiB**" in text and f"**{MAX_DEPTH} levels**" in text
    assert f"**{MAX_ALIAS_PROBLEMS} alias problems**" in text
    assert f"**{MAX_PAGE_IMAGE_BYTES // 1024 // 1024} MiB**" in text
    rows = _LIMIT_ROW.findall(text)
    assert len(rows) >= 30

    def number(v):
        return int(v.replace(",", "")) if v else None

    for schema_name, field_path, low, high, unit in rows:
        node = _schema_node(load_schema(schema_name), field_path)
        if unit == "characters":
            assert (node.get("minLength") if low else None, node["maxLength"]) == (number(low), number(high)), field_path
        else:
            assert (node.get("minItems") if low else None, node["maxItems"]) == (number(low), number(high)), field_path
