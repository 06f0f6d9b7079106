"""Page weight of the home page and /katalog/ for a synthetic catalog.

    .venv/bin/python bench/page_weight.py            # 1,000 innovations
    .venv/bin/python bench/page_weight.py 100 1000   # any sizes

For each size it writes a sample catalog (`katalog sample`), builds it with
`katalog build`, and adds up what a first visit to each page downloads from the
site itself: the HTML and every stylesheet, script and image the page links
(Material's bundles included), raw and gzipped (GitHub Pages serves gzip).
Pagefind is not counted: nothing of it is fetched before the search box is used.
Prints one JSON line per size and page. Not part of the test suite.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urljoin, urlparse

BIN = Path(sys.executable).parent
PAGES = {"beranda": "index.html", "katalog": "katalog/index.html"}
_REF_RE = re.compile(r'<(?:link[^>]*\brel="(?:stylesheet|icon)"[^>]*\bhref|script[^>]*\bsrc|img[^>]*\bsrc)="([^"]+)"')


def weigh(site: Path, page: str) -> dict[str, int]:
    """Bytes of ``page`` and of every same-site file it links, raw and gzipped."""
    html = (site / page).read_text(encoding="utf-8")
    files = [site / page]
    base = "http://situs/" + page
    for ref in _REF_RE.findall(html):
        url = urlparse(urljoin(base, ref.replace("&amp;", "&")))
        if url.netloc == "situs":
            path = site / url.path.lstrip("/")
            if path.is_file() and path not in files:
                files.append(path)
    raw = [p.read_bytes() for p in files]
    return {
        "html": len(raw[0]),
        "html_gzip": len(gzip.compress(raw[0], 9)),
        "total": sum(map(len, raw)),
        "total_gzip": sum(len(gzip.compress(b, 9)) for b in raw),
        "files": len(files),
    }


def main(argv: list[str]) -> int:
    sizes = [int(a) for a in argv] or [1000]
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1764547200")
    for count in sizes:
        with tempfile.TemporaryDirectory(prefix=f"bobot-{count}-") as tmp:
            content, site = Path(tmp) / "content", Path(tmp) / "site"
            subprocess.run([str(BIN / "python"), "-m", "generator", "sample", "--count", str(count), "--out", str(content)],
                           check=True, capture_output=True, env=env)
            subprocess.run([str(BIN / "python"), "-m", "generator", "build", "--content", str(content), "--site", str(site)],
                           check=True, capture_output=True, env=env)
            for name, page in PAGES.items():
                print(json.dumps({"n": count, "halaman": name, **weigh(site, page)}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
