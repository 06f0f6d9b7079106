"""Site search: Pagefind indexes the built HTML in small chunks.

Measured on this catalog (see docs/benchmarks.md): Material's built-in search
ships one lunr index that grows with the catalog and has no Indonesian
stemmer. Pagefind stems Indonesian (Snowball) on both the index and the
query, so "layanan" finds "pelayanan", and a browser downloads only the index
chunks a query needs.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


class SearchIndexError(Exception):
    """Pagefind could not index the site."""


def index_site(site_dir: Path) -> None:
    """Write the Pagefind index into ``site_dir/pagefind/``."""
    # Only the page content is indexed: not the header, tabs and footer every page repeats.
    cmd = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--root-selector", "article.md-content__inner", "--silent"]
    result = subprocess.run(cmd, check=False, capture_output=True, text=True)
    if result.returncode != 0:
        raise SearchIndexError(f"Pagefind gagal membuat indeks pencarian: {(result.stderr or result.stdout).strip()[-500:]}")
