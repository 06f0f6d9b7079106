"""Shared helpers for the ``test_check_*`` modules (this file holds no tests).

``check(catalog, ...)`` runs ``katalog check`` in-process (``generator.cli.main``)
from the project folder, as a contributor would type it, and returns what they
would see: the exit code, the problem lines on stdout and the summary on stderr.
Running in-process keeps the many small cases fast; a handful of end-to-end
tests elsewhere run the installed command as a subprocess.
"""

from __future__ import annotations

from dataclasses import dataclass

from conftest import VALID, Catalog

#: The fixture innovation, as the problem lines name it (relative to the project folder).
INNOVATION = "content/inovasi/antrean-daring.yml"
UNITS_FILE = "content/perangkat-daerah.yml"
AFFAIRS_FILE = "content/urusan.yml"
KATALOG_FILE = "content/katalog.yml"

#: The one warning the conftest catalog has: Diskominfo owns no innovation in 2025 (one summary line
#: at the target; `katalog check --semua` gives one line per unit, UNIT_WARNING).
DISKOMINFO_WARNING = (
    "content/katalog.yml:6:12: warning: target[0].tahun: 1 perangkat daerah belum punya 1 inovasi tahun 2025 "
    "(diskominfo); jalankan 'katalog check --semua' untuk daftar lengkapnya"
)
UNIT_WARNING = (
    "content/perangkat-daerah.yml:5:7: warning: [1].id: Dinas Komunikasi dan Informatika "
    "baru punya 0 inovasi tahun 2025; target minimal 1 per perangkat daerah"
)

#: Line 53 is the first line after VALID: keys appended to VALID start there.
APPENDED_LINE = VALID.count("\n") + 1


@dataclass
class Checked:
    """What ``katalog check`` showed the user."""

    code: int
    out: str
    err: str

    @property
    def lines(self) -> list[str]:
        return self.out.splitlines()

    @property
    def errors(self) -> list[str]:
        return [line for line in self.lines if ": error: " in line]

    @property
    def warnings(self) -> list[str]:
        return [line for line in self.lines if ": warning: " in line]

    def about(self, path: str) -> list[str]:
        """Problem lines of one file."""
        return [line for line in self.lines if line.startswith(path + ":")]


def check(catalog: Catalog, *args: str) -> Checked:
    """Run ``katalog check ARGS`` in the catalog's project folder, in this process."""
    return run_main(catalog, "check", *args)


def run_main(catalog: Catalog, *args: str) -> Checked:
    """Run ``katalog ARGS`` (any command) in the catalog's project folder, in this process (:meth:`Catalog.run_here`)."""
    shown = catalog.run_here(*args)
    return Checked(shown.returncode, shown.stdout, shown.stderr)


def edit(text: str, old: str, new: str) -> str:
    """``text`` with ``old`` replaced once; fails loudly if the fixture no longer has ``old``."""
    assert text.count(old) == 1, f"fixture text changed: {old!r} not found exactly once"
    return text.replace(old, new)


def variant(old: str, new: str) -> str:
    """The valid innovation with one change."""
    return edit(VALID, old, new)


NAMA = "nama: Antrean Daring Kependudukan"
RINGKASAN = "ringkasan: Warga mengambil nomor antrean pelayanan Disdukcapil dari ponsel."


def another(nama: str, text: str = VALID) -> str:
    """A second innovation: its own name and summary, so that it is not a near-duplicate of the first."""
    text = edit(text, NAMA, f"nama: {nama}")
    return edit(text, RINGKASAN, f"ringkasan: Ringkasan tersendiri untuk {nama.lower()}, berbeda dari inovasi lain.")
