"""Screenshots of the public site for reviewers (not committed).

    .venv/bin/python bench/screenshots.py                 # builds content/ into a temp folder, writes to /tmp/katalog-layar/
    .venv/bin/python bench/screenshots.py --site site --out /tmp/layar --dark

Builds the shipped content/ with `katalog build` (unless --site names a built
site), serves it on loopback, and saves full-page PNGs of the home page, the
catalog, an innovation, a unit, the statistics, the IID readiness, the open-data, the contributing
and the 404 page at 390 px (a phone) and 1280 px, in light mode (and dark with
--dark), with Debian's Chromium. Written outside the repository (default: /tmp/katalog-layar/), never committed.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from conftest import CHROMIUM, CHROMIUM_ARGS, serve_folder  # noqa: E402

PAGES = {
    "beranda": "",
    "katalog": "katalog/",
    "inovasi": "inovasi/antrean-daring-kependudukan/",
    "unit": "perangkat-daerah/disdukcapil/",
    "perangkat-daerah": "perangkat-daerah/",
    "statistik": "statistik/",
    "iid": "iid/",
    "data": "data/",
    "kontribusi": "cara-berkontribusi/",
    "404": "tidak-ada/",
}
WIDTHS = {"ponsel": (390, 844), "lebar": (1280, 900)}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build content/ now)")
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "katalog-layar")
    parser.add_argument("--dark", action="store_true", help="also the dark colour scheme")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="layar-") as tmp:
        site = args.site
        if site is None:
            site = Path(tmp) / "site"
            subprocess.run([str(Path(sys.executable).parent / "katalog"), "build", "--site", str(site)], cwd=ROOT, check=True,
                           env=dict(os.environ, NO_MKDOCS_2_WARNING="1"), capture_output=True)
        server = serve_folder(site)
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        args.out.mkdir(parents=True, exist_ok=True)
        from playwright.sync_api import sync_playwright

        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                for scheme in ["light", "dark"] if args.dark else ["light"]:
                    for width_name, (width, height) in WIDTHS.items():
                        context = browser.new_context(locale="id-ID", viewport={"width": width, "height": height},
                                                      color_scheme=scheme)  # type: ignore[arg-type]
                        page = context.new_page()
                        for name, path in PAGES.items():
                            page.goto(base + path)
                            page.wait_for_load_state("networkidle")
                            target = args.out / f"{name}-{width_name}-{scheme}.png"
                            page.screenshot(path=str(target), full_page=True)
                            print(target)
                        context.close()
                browser.close()
        finally:
            server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
