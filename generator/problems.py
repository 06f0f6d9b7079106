"""Problems are values: where, how bad, which key, what is wrong and what is right.

A problem names its file relative to the content folder (``inovasi/x.yml``),
and a message names another content file with :func:`in_content`, so that a
problem is the same value whatever folder the command runs in. Front ends
decide how to print them: :func:`shown` names the files as their reader would
type them (``content/inovasi/x.yml`` for the command line), then this module
knows the three formats of the contract (text lines, GitHub workflow
annotations, JSON).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, replace
from typing import Literal

Severity = Literal["error", "warning"]

#: Key path used for problems about a whole file rather than one key.
WHOLE_FILE = "(berkas)"


# Characters that would split a problem line or reorder it on screen.
_UNSAFE_RE = re.compile("[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def visible(text: str, *, keep_line_breaks: bool = False) -> str:
    """``text`` with line breaks, control and bidi characters written as ``⟨U+XXXX⟩``."""
    return _UNSAFE_RE.sub(lambda m: m.group() if keep_line_breaks and m.group() in "\r\n" else f"⟨U+{ord(m.group()):04X}⟩", text)


#: A content file named inside a message is written between these two characters (see :func:`in_content`).
#: Control characters: YAML refuses them in content, and :func:`visible` would show a stray one.
_MENTION_START, _MENTION_END = "\x1a", "\x1b"
_MENTION_RE = re.compile(f"{_MENTION_START}([^{_MENTION_START}{_MENTION_END}]*){_MENTION_END}")


def in_content(relative: str = "") -> str:
    """A content file or folder (relative to the content folder; ``""`` is the folder itself) named in a message.

    The front end writes it as its reader would (:func:`shown`): ``in_content("inovasi/x.yml")``
    becomes ``content/inovasi/x.yml`` on the command line run from the project folder.
    """
    return f"{_MENTION_START}{relative}{_MENTION_END}"


@dataclass(frozen=True, order=True)
class Problem:
    """One finding of the validator, in the contract's terms."""

    #: The file, relative to the content folder (POSIX separators): ``inovasi/x.yml``, ``katalog.yml``;
    #: ``../x.yml`` for a file outside it (a file named on the command line, a repository file).
    path: str
    line: int
    column: int
    severity: Severity
    key: str
    message: str

    def text(self) -> str:
        """``PATH:LINE:COLUMN: error|warning: KEY.PATH: message``, always one line."""
        return f"{visible(self.path)}:{self.line}:{self.column}: {self.severity}: {visible(self.key)}: {visible(self.message)}"


def shown(problem: Problem, name: Callable[[str], str]) -> Problem:
    """``problem`` as a front end prints it: its file and the content files its message names, as ``name`` names
    a path relative to the content folder (for the command line: :func:`generator.location.typed_paths`)."""
    return replace(problem, path=name(problem.path), message=_MENTION_RE.sub(lambda m: name(m.group(1)), problem.message))


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Sort by path, then line and column; errors before warnings at one place."""
    return sorted(set(problems), key=lambda p: (p.path, p.line, p.column, p.severity, p.key, p.message))


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github_annotation(problem: Problem) -> str:
    """A workflow command that GitHub shows as an inline annotation."""
    props = ",".join(
        f"{name}={_escape_property(visible(str(value)))}"
        for name, value in (
            ("file", problem.path),
            ("line", problem.line),
            ("col", problem.column),
            ("title", problem.key),
        )
    )
    # Line breaks are escaped for the workflow command; bidi and control characters shown.
    return f"::{problem.severity} {props}::{_escape_data(visible(problem.message, keep_line_breaks=True))}"


def format_problems(problems: list[Problem], fmt: str, name: Callable[[str], str] | None = None) -> str:
    """Render problems as ``text``, ``github`` or ``json`` output, their files named by ``name`` (see :func:`shown`)."""
    if name is not None:
        problems = [shown(p, name) for p in problems]
    if fmt == "json":
        return json.dumps([asdict(p) for p in problems], ensure_ascii=False, indent=2) + "\n"
    lines = []
    for problem in problems:
        if fmt == "github":
            lines.append(github_annotation(problem))
        lines.append(problem.text())
    return "".join(line + "\n" for line in lines)


def summary(problems: list[Problem], files: int) -> str:
    """One Indonesian line that counts errors and warnings."""
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    if not problems:
        return f"Tidak ada kesalahan maupun peringatan dalam {files} berkas."
    return f"{errors} kesalahan, {warnings} peringatan dalam {files} berkas."
