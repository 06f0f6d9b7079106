"""Texts of the issue-to-PR workflow: PR title, PR body and the comments on the issue.

Run from the project root with the project's Python::

    python .github/scripts/issue_reply.py title   --issue 12 --file content/inovasi/x.yml
    python .github/scripts/issue_reply.py pr-body --issue 12 --file content/inovasi/x.yml > body.md
    python .github/scripts/issue_reply.py comment --issue 12 --file content/inovasi/x.yml --pr-url URL > komentar.md
    python .github/scripts/issue_reply.py manual  --issue 12 --pr-url URL > komentar.md
    python .github/scripts/issue_reply.py failed  --issue 12 --run-url URL --error-file kesalahan.txt > komentar.md

Every value from the issue reaches GitHub only through these files, never
through a shell command line built from it.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pr_summary import cell, check_files, fenced, problem_line

from generator.content import read_source

TEMPLATE = Path(".github/pull_request_template.md")
GUIDE = "CONTRIBUTING.md, bagian *Arti pesan pemeriksaan*"
#: Characters removed from PR titles (and the commit message made from them): bidi
#: embeddings, overrides and isolates, directional marks, the Arabic letter mark,
#: and C0/C1 control characters. A title comes from issue text, so anyone could
#: otherwise make it display as something else or break the line it is shown on.
UNSAFE_IN_TITLE = re.compile(r"[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\x00-\x1f\x7f-\x9f]")


def _name(path: str) -> str | None:
    data = read_source(Path(path)).data
    name = data.get("nama") if isinstance(data, dict) else None
    return name if isinstance(name, str) else None


def clean_title(text: str) -> str:
    """One line of ``text``: whitespace runs become one space, invisible and control characters go."""
    return " ".join(UNSAFE_IN_TITLE.sub("", " ".join(text.split())).split())


def pr_title(issue: int, path: str) -> str:
    """``Usulan inovasi: <nama> (#12)`` on one line, at most ~100 characters."""
    name = clean_title(_name(path) or "") or Path(path).stem
    if len(name) > 80:
        name = name[:79].rstrip() + "…"
    return f"Usulan inovasi: {name} (#{issue})"


def _verdict(problems: list[dict[str, Any]]) -> str:
    errors = sum(p.get("severity") == "error" for p in problems)
    warnings = sum(p.get("severity") == "warning" for p in problems)
    if errors:
        return f"❌ `katalog check` menemukan {errors} kesalahan dan {warnings} peringatan."
    if warnings:
        return f"✅ `katalog check`: tidak ada kesalahan; ada {warnings} peringatan yang sebaiknya diperhatikan."
    return "✅ `katalog check`: tidak ada kesalahan maupun peringatan."


def _problems_block(problems: list[dict[str, Any]]) -> list[str]:
    if not problems:
        return []
    return ["", fenced("\n".join(problem_line(p) for p in problems)).rstrip("\n"), "",
            f"Arti setiap pesan dijelaskan di {GUIDE}."]


def pr_body(issue: int, path: str, problems: list[dict[str, Any]], template: str = "") -> str:
    """Body of the PR that carries the generated file; closes the issue when merged."""
    out = [
        f"Berkas `{Path(path).name}` dibuat otomatis dari formulir **Usulan inovasi baru** pada #{issue}.",
        f"Nama inovasi: {cell(_name(path), 200)}",
        "",
        f"Closes #{issue}",
        "",
        _verdict(problems),
        *_problems_block(problems),
        "",
        ("Catatan untuk penelaah: PR yang dibuat oleh bot tidak menjalankan pemeriksaan PR secara otomatis "
         "kecuali repositori memakai token `KATALOG_BOT_TOKEN`; tutup lalu buka kembali PR ini untuk menjalankannya."),
    ]
    if template.strip():
        out += ["", "---", "", template.strip()]
    return "\n".join(out) + "\n"


def comment(issue: int, path: str, problems: list[dict[str, Any]], pr_url: str) -> str:
    """Comment on the issue: where the file is and what the checker says."""
    out = [
        ("Terima kasih atas usulan Anda. Isian formulir telah dibuat menjadi berkas "
         f"`{path}` dalam usulan perubahan (pull request): {pr_url}"),
        "",
        _verdict(problems),
        *_problems_block(problems),
        "",
    ]
    if any(p.get("severity") == "error" for p in problems):
        out.append("Perbaiki isian dengan menyunting issue ini (menu **···** → **Edit**); berkas dan pemeriksaannya "
                   "dibuat ulang otomatis. Tim Bapperida juga dapat memperbaikinya langsung di pull request.")
    else:
        out.append("Tim Bapperida akan menelaah usulan ini dan menuliskan catatan di pull request "
                   "bila ada yang perlu dilengkapi.")
    return "\n".join(out) + "\n"


def manual_comment(pr_url: str) -> str:
    """Comment when the PR branch was edited by hand: the form no longer overwrites it."""
    return (
        "Isian issue ini telah diubah, tetapi berkas di pull request sudah disunting langsung oleh penelaah, "
        f"sehingga perubahan formulir **tidak** diterapkan otomatis agar suntingan itu tidak hilang: {pr_url}\n\n"
        "Mohon tuliskan perubahan yang diinginkan sebagai komentar di pull request tersebut.\n"
    )


def failed_comment(run_url: str, error: str) -> str:
    """Comment when the form could not be turned into a file at all."""
    out = ["Maaf, isian formulir ini belum dapat diubah menjadi berkas inovasi secara otomatis."]
    if error.strip():
        out += ["", fenced(error.strip()).rstrip("\n")]
    out += ["", f"Tim Bapperida akan memeriksanya. Catatan teknis: {run_url}"]
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Teks PR dan komentar untuk usulan dari formulir.")
    parser.add_argument("what", choices=("title", "pr-body", "comment", "manual", "failed"))
    parser.add_argument("--issue", type=int, required=True)
    parser.add_argument("--file", default="", help="berkas inovasi yang dibuat")
    parser.add_argument("--content", default="content", metavar="DIR")
    parser.add_argument("--pr-url", default="")
    parser.add_argument("--run-url", default="")
    parser.add_argument("--error-file", default="")
    args = parser.parse_args(argv)

    if args.what == "manual":
        text = manual_comment(args.pr_url)
    elif args.what == "failed":
        error = Path(args.error_file).read_text("utf-8", "replace") if args.error_file and Path(args.error_file).is_file() else ""
        text = failed_comment(args.run_url, error[-4000:])
    elif args.what == "title":
        text = pr_title(args.issue, args.file) + "\n"
    else:
        problems = check_files([args.file], args.content)
        if args.what == "pr-body":
            template = TEMPLATE.read_text("utf-8") if TEMPLATE.is_file() else ""
            text = pr_body(args.issue, args.file, problems, template)
        else:
            text = comment(args.issue, args.file, problems, args.pr_url)
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
