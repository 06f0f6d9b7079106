"""Job summary of a pull request: the innovations it adds or changes, checked, and the other content files it touches.

Run from the project root with the project's Python (``.venv/bin/python``)::

    python .github/scripts/pr_summary.py --base <sha> >> "$GITHUB_STEP_SUMMARY"

Names and other values come from contributors, so every table cell is
escaped (no Markdown, HTML or table syntax gets through) and problem lines
are shown in a code block whose fence no value can close.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.content import read_source
from generator.schema import labels

#: Outcome of the workflow's check step (success | failure | cancelled | skipped).
OUTCOME_ENV = "CHECK_OUTCOME"
_HIDDEN = {"Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"}
_MARKDOWN_PUNCT = re.compile(r"([\\`*_{}\[\]()#+\-.!|~:$])")


# --- Markdown helpers (also used by issue_reply.py) -----------------------------------------------

def cell(value: Any, limit: int = 100) -> str:
    """Text that stays plain inside one Markdown table cell, whatever it holds."""
    text = "" if value is None else str(value)
    text = " ".join(text.split())  # newlines and tabs would end the row
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MARKDOWN_PUNCT.sub(r"\\\1", text)
    text = visible(text)  # bidi overrides and zero-width characters
    return text.replace("@", "@\u200b") or "—"  # no @mentions from contributor text


def fenced(text: str, info: str = "text") -> str:
    """A fenced code block that no backtick run inside ``text`` can close."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    body = text if text.endswith("\n") or not text else text + "\n"
    return f"{fence}{info}\n{body}{fence}\n"


def visible(text: str) -> str:
    """``text`` with control, bidi and zero-width characters written as ⟨U+XXXX⟩."""
    return "".join(f"⟨U+{ord(c):04X}⟩" if unicodedata.category(c) in _HIDDEN and c != "\n" else c for c in text)


def problem_line(problem: dict[str, Any]) -> str:
    """The contract's ``PATH:LINE:COLUMN: severity: KEY: message`` line of a JSON problem, made visible."""
    return visible("{path}:{line}:{column}: {severity}: {key}: {message}".format(**problem))


# --- what changed and what the checker says about it ---------------------------------------------------

def changed_files(base: str, head: str = "HEAD", content: str = "content", cwd: Path | None = None) -> list[tuple[str, str]]:
    """``(status, path)`` of every file under <content>/ that ``head`` adds (A), changes (M, T) or deletes (D) relative
    to ``base``, by path. Renames count as a deletion and an addition (``--no-renames``): a renamed file is a new slug."""
    result = subprocess.run(
        ["git", "diff", "-z", "--no-renames", "--name-status", base, head, "--", content.rstrip("/") + "/"],
        capture_output=True, check=True, cwd=cwd,
    )
    fields = [raw.decode("utf-8", "surrogateescape") for raw in result.stdout.split(b"\0") if raw]
    return sorted(((status[:1], path) for status, path in zip(fields[::2], fields[1::2], strict=False)),
                  key=lambda pair: pair[1])


def _proposed_innovation(status: str, path: str, content: str) -> bool:
    """A file directly in <content>/inovasi/ that the pull request adds or changes (the summary's table)."""
    folder = content.rstrip("/") + "/inovasi/"
    return status in ("A", "M") and path.startswith(folder) and "/" not in path[len(folder):]


def proposed_innovations(changed: list[tuple[str, str]], content: str = "content") -> list[str]:
    """The entries of :func:`changed_files` the summary's table lists: innovations added or changed."""
    return [path for status, path in changed if _proposed_innovation(status, path, content)]


def changed_innovations(base: str, head: str = "HEAD", content: str = "content", cwd: Path | None = None) -> list[str]:
    """Files directly in <content>/inovasi/ that ``head`` adds or modifies relative to ``base``."""
    return proposed_innovations(changed_files(base, head, content, cwd), content)


#: What ``git diff --name-status`` letters mean, for the list of other files.
_STATUS = {"A": "ditambah", "M": "diubah", "D": "dihapus", "T": "diubah"}
#: Files of the content folder whose change Bapperida reviews with care: the site's settings, the registries, the IID
#: edition and region values, and the verification records (only Bapperida writes those).
_REVIEWED_FILES = ("katalog.yml", "perangkat-daerah.yml", "urusan.yml")
_REVIEWED_FOLDERS = ("iid/", "verifikasi/")
#: Other files listed in the summary at most (a pull request may touch thousands).
MAX_OTHER_SHOWN = 50


def other_files(changed: list[tuple[str, str]], content: str = "content") -> list[tuple[str, str]]:
    """The entries of :func:`changed_files` the table does not list: everything but the innovations added or changed
    (a deleted innovation is listed here)."""
    return [(status, path) for status, path in changed if not _proposed_innovation(status, path, content)]


def needs_review(status: str, path: str, content: str = "content") -> bool:
    """A deletion, or a change to a file only Bapperida should change (:data:`_REVIEWED_FILES`, :data:`_REVIEWED_FOLDERS`)."""
    relative = path[len(content.rstrip("/")) + 1:]
    return status == "D" or relative in _REVIEWED_FILES or relative.startswith(_REVIEWED_FOLDERS)


def katalog_command() -> str:
    """The ``katalog`` next to this Python (the project's .venv), else the one on PATH."""
    beside = Path(sys.executable).parent / "katalog"
    return str(beside) if beside.exists() else "katalog"


def check_files(files: list[str], content: str = "content", cwd: Path | None = None,
                base: str | None = None) -> list[dict[str, Any]]:
    """Problems of ``files`` from ``katalog check --format json FILE...``.

    With ``base`` (``--dasar``), also the warnings a reviewer needs about the change itself:
    sample data in a new file, verified IID indicators whose value or evidence changed.
    """
    if not files:
        return []
    since = ["--dasar", base] if base else []
    result = subprocess.run(
        [katalog_command(), "check", "--content", content, "--format", "json", *since, *files],
        capture_output=True, text=True, cwd=cwd, check=False,
    )
    if result.returncode not in (0, 1):
        raise RuntimeError(f"katalog check gagal dijalankan (kode {result.returncode}): {result.stderr.strip()}")
    problems = json.loads(result.stdout or "[]")
    return problems if isinstance(problems, list) else []


@dataclass(frozen=True)
class Row:
    """One line of the summary table."""

    path: str
    name: Any
    unit: Any
    stage: Any
    errors: int
    warnings: int


def _same_file(a: str, b: str, cwd: Path) -> bool:
    return (cwd / a).resolve() == (cwd / b).resolve()


def rows_for(files: list[str], problems: list[dict[str, Any]], cwd: Path | None = None) -> list[Row]:
    """Name, unit and stage of each file (read without trusting it) with its problem counts."""
    here = cwd or Path.cwd()
    stage_labels = labels(("tahapan",))
    rows = []
    for path in files:
        data = read_source(here / path).data
        data = data if isinstance(data, dict) else {}
        stage = data.get("tahapan")
        mine = [p for p in problems if isinstance(p, dict) and _same_file(str(p.get("path", "")), path, here)]
        rows.append(Row(
            path=path,
            name=data.get("nama") if isinstance(data.get("nama"), str) else None,
            unit=data.get("perangkat_daerah") if isinstance(data.get("perangkat_daerah"), str) else None,
            stage=stage_labels.get(stage, stage) if isinstance(stage, str) else None,
            errors=sum(p.get("severity") == "error" for p in mine),
            warnings=sum(p.get("severity") == "warning" for p in mine),
        ))
    return rows


def summary_markdown(rows: list[Row], problems: list[dict[str, Any]], outcome: str | None = None,
                     others: list[tuple[str, str]] | None = None, content: str = "content") -> str:
    """The job summary: overall verdict, the table, then every problem line, then the other files of the content
    folder the pull request touches (``others``, from :func:`other_files`)."""
    return _innovations_part(rows, problems, outcome) + _others_part(others or [], content)


def _others_part(others: list[tuple[str, str]], content: str) -> str:
    if not others:
        return ""
    out = ["", f"### Berkas lain di {cell(content)}/ yang diubah PR ini ({len(others)})", ""]
    for status, path in others[:MAX_OTHER_SHOWN]:
        mark = " — **perlu ditinjau Bapperida**" if needs_review(status, path, content) else ""
        out.append(f"- {cell(path, 200)} ({_STATUS.get(status, cell(status))}){mark}")
    if len(others) > MAX_OTHER_SHOWN:
        out.append(f"- dan {len(others) - MAX_OTHER_SHOWN} berkas lainnya")
    return "\n".join(out) + "\n"


def _innovations_part(rows: list[Row], problems: list[dict[str, Any]], outcome: str | None) -> str:
    out = ["## Ringkasan usulan inovasi", ""]
    if outcome == "success":
        out.append("✅ `katalog check` untuk seluruh katalog: tidak ada kesalahan.")
    elif outcome == "failure":
        out.append("❌ `katalog check` menemukan kesalahan. Perbaiki setiap baris `error` (lihat anotasi pada berkas "
                   "dan rincian di bawah); arti setiap pesan dijelaskan di CONTRIBUTING.md, bagian *Arti pesan pemeriksaan*.")
    elif outcome:
        out.append(f"⚠️ Langkah `katalog check` berakhir dengan status {cell(outcome)}.")
    out.append("")
    if not rows:
        out.append("PR ini tidak menambah atau mengubah berkas inovasi di `content/inovasi/`.")
        return "\n".join(out) + "\n"
    out += [
        "| berkas | nama | perangkat daerah | tahapan | kesalahan | peringatan |",
        "|---|---|---|---|---:|---:|",
    ]
    for row in rows:
        out.append(f"| {cell(row.path)} | {cell(row.name)} | {cell(row.unit)} | {cell(row.stage)} "
                   f"| {'❌ ' if row.errors else ''}{row.errors} | {row.warnings} |")
    lines = [problem_line(p) for p in problems if isinstance(p, dict)]
    if lines:
        out += ["", "<details open><summary>Pesan pemeriksaan untuk berkas di atas</summary>", "",
                fenced("\n".join(lines)), "</details>"]
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Ringkasan PR: inovasi yang ditambah atau diubah.")
    parser.add_argument("--base", required=True, help="commit dasar PR (github.event.pull_request.base.sha)")
    parser.add_argument("--head", default="HEAD", help="commit PR (bawaan: HEAD)")
    parser.add_argument("--content", default="content", metavar="DIR")
    args = parser.parse_args(argv)
    changed = changed_files(args.base, args.head, args.content)
    files = proposed_innovations(changed, args.content)
    problems = check_files(files, args.content, base=args.base)
    others = other_files(changed, args.content)
    sys.stdout.write(summary_markdown(rows_for(files, problems), problems, os.environ.get(OUTCOME_ENV), others, args.content))
    return 0


if __name__ == "__main__":
    sys.exit(main())
