"""How long an edit takes to show in ``katalog serve``: from saving a file to the new page being served.

    .venv/bin/python bench/serve_latency.py            # 1,000 innovations, 5 edits
    .venv/bin/python bench/serve_latency.py 1000 --edits 5

Writes a sample catalog, starts ``katalog serve`` on a free loopback port, waits
for the first build, then renames one innovation several times; after each save
it asks for the innovation's page every 50 ms until the new name is in it. The
time is wall clock from the moment the file was written. Not part of the test
suite (tests/test_serve.py checks that an edit shows, without timing it).
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return None


def _wait_for(url: str, needle: str, seconds: float, every: float = 0.05) -> float | None:
    """Seconds until ``needle`` is in the page at ``url`` (None when it never was)."""
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        page = _get(url)
        if page is not None and needle in page:
            return time.perf_counter() - start
        time.sleep(every)
    return None


def measure(count: int, edits: int, work: Path) -> dict[str, object]:
    content = work / "content"
    subprocess.run([str(BIN / "katalog"), "sample", "--count", str(count), "--out", str(content)], check=True,
                   capture_output=True)
    port = _free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    server = subprocess.Popen([str(BIN / "katalog"), "serve", "--content", str(content), "--dev-addr", f"127.0.0.1:{port}"],
                              cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    path = content / "inovasi" / "inovasi-sampel-00001.yml"
    url = f"http://127.0.0.1:{port}/inovasi/inovasi-sampel-00001/"
    latencies: list[float] = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        at = next(i for i, line in enumerate(lines) if line.startswith("nama:"))
        first = _wait_for(url, json.loads(lines[at].split(":", 1)[1]), 600, every=0.5)
        if first is None:
            raise SystemExit("katalog serve tidak memulai pratinjau dalam 600 detik")
        time.sleep(5)  # the first build's search index is made in the background
        for n in range(edits):
            name = f"Nama Suntingan Uji {n + 1}"
            lines[at] = f"nama: {json.dumps(name)}\n"
            path.write_text("".join(lines), encoding="utf-8")
            seen = _wait_for(url, name, 120)
            if seen is None:
                raise SystemExit(f"suntingan {n + 1} tidak tampil dalam 120 detik")
            latencies.append(round(seen, 2))
            time.sleep(3)  # let the background search index of this rebuild finish, as a person reading the page would
    finally:
        server.terminate()
        server.wait(timeout=30)
    return {"n": count, "first_build_s": round(first, 1), "edits_s": latencies, "median_s": statistics.median(latencies),
            "max_s": max(latencies)}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", nargs="?", type=int, default=1000)
    parser.add_argument("--edits", type=int, default=5)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as tmp:
        print(json.dumps(measure(args.count, args.edits, Path(tmp))))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
