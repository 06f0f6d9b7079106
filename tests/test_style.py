"""The code style CI enforces: ruff and mypy, configured in pyproject.toml, run by `make test`.

Both tools come from the same virtual environment as the tests (pinned in
requirements.lock, installed by `make install`).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent

#: What ruff checks: the package, the workflow scripts, the benchmarks and the tests.
RUFF_PATHS = ["generator", ".github/scripts", "bench", "tests"]


def run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600, check=False)


def test_ruff_finds_nothing():
    result = run(str(BIN / "ruff"), "check", "--no-cache", *RUFF_PATHS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_finds_nothing():
    # The packages to check and the options are in pyproject.toml [tool.mypy].
    result = run(str(BIN / "mypy"))
    assert result.returncode == 0, result.stdout + result.stderr
