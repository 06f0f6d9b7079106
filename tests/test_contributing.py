"""CONTRIBUTING.md's message table is what `katalog check` really prints (issues 10 and 14).

Each row of the table "Daftar pesan (diuji otomatis)" names a line of the example
innovation (shown in the guide, equal to tests/conftest.py VALID), what a
contributor wrote there, and the problem lines they see. Each row is run
through the installed `katalog check` and compared line for line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest

from tests.conftest import KATALOG, ROOT, VALID, Catalog
from tests.test_check_support import check

GUIDE = ROOT / "CONTRIBUTING.md"
EXAMPLE = "content/inovasi/antrean-daring.yml"
#: A row whose place ends with this runs in a catalog with the IID edition 2026 in force (as the shipped one).
IID_MARK = " (IID 2026)"
_ROW_RE = re.compile(r"^\| (?P<where>[^|]+?) \| (?P<written>.+?) \| (?P<lines>`content/.+`) \|$")


@dataclass(frozen=True)
class Row:
    where: str
    written: str
    lines: tuple[str, ...]

    @property
    def iid(self) -> bool:
        return self.where.endswith(IID_MARK)

    def apply(self, text: str) -> str:
        """The example innovation after the contributor's change."""
        lines = text.split("\n")
        new = self.written.replace("⏎", "\n").replace("⍽", "\u00a0")
        where = self.where.removesuffix(IID_MARK)
        if where == "akhir berkas":
            return text + new + "\n"
        first, _, last = where.partition("–")
        start, end = int(first), int(last or first)
        lines[start - 1:end] = [] if new == "(hapus baris)" else new.split("\n")
        return "\n".join(lines)


def _section() -> str:
    text = GUIDE.read_text(encoding="utf-8")
    return text.split("### Daftar pesan (diuji otomatis)", 1)[1].split("\n### ", 1)[0]


def load_rows() -> list[Row]:
    rows = []
    for line in _section().splitlines():
        found = _ROW_RE.match(line)
        if found:
            written = found["written"].strip("`")
            lines = tuple(part.strip("`") for part in found["lines"].split("<br>"))
            rows.append(Row(found["where"], written, lines))
    return rows


ROWS = load_rows()


def test_the_table_has_a_row_for_each_common_mistake():
    assert len(ROWS) >= 30
    assert len({row.lines for row in ROWS}) == len(ROWS), "dua baris tabel dengan pesan yang sama"


def test_the_example_in_the_guide_is_the_example_the_table_is_run_on():
    shown = re.search(r"```yaml\n(.*?)```\n\n</details>", _section(), re.DOTALL)
    assert shown and shown.group(1) == VALID


@pytest.mark.parametrize("row", ROWS, ids=[f"{r.where}:{r.written[:30]}" for r in ROWS])
def test_each_row_is_what_katalog_check_prints(catalog: Catalog, row: Row) -> None:
    if row.iid:  # the edition in force, its file, and the urusan.yml that has its six basic-service affairs
        catalog.write("katalog.yml", KATALOG + "iid:\n  edisi: 2026\n")
        catalog.write("iid/2026.yml", (ROOT / "content" / "iid" / "2026.yml").read_bytes())
        catalog.write("urusan.yml", (ROOT / "content" / "urusan.yml").read_bytes())
    catalog.innovation("antrean-daring", row.apply(VALID))
    result = check(catalog, EXAMPLE)  # the command's own main(), in this process (the installed command is the same code)
    printed = [line for line in result.out.splitlines() if line.startswith(EXAMPLE + ":")]
    assert printed == list(row.lines)
    assert result.code == (1 if any(": error: " in line for line in row.lines) else 0)


def test_the_installed_command_prints_the_same_line(catalog: Catalog) -> None:
    row = ROWS[0]
    catalog.innovation("antrean-daring", row.apply(VALID))
    result = catalog.run("check", EXAMPLE)
    assert [line for line in result.stdout.splitlines() if line.startswith(EXAMPLE + ":")] == list(row.lines)
