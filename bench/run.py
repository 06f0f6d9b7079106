"""Benchmark: check, generate and build synthetic catalogs of growing size.

    .venv/bin/python bench/run.py                 # 100, 1,000 and 10,000 innovations
    .venv/bin/python bench/run.py 100 1000 30000  # any sizes

For each size it writes a sample catalog (`katalog sample`), then measures, each
in its own process: `katalog check` with an empty result cache (cold) and again
(warm: nothing changed); `katalog generate` (load + validate + render Markdown);
the full `katalog build` (check, generate, MkDocs + Material, Pagefind) with an
empty cache, as on a fresh CI runner; and a plain `mkdocs build` of the same
generated Markdown with the same theme and navigation but without the katalog
plugin or Pagefind (the engine's floor). Memory is the peak of the summed
proportional set size (PSS) of the whole process tree, sampled every 0.2 s, so
that processes running side by side (MkDocs, the render process, Pagefind) are
added up and memory a forked process shares is counted once. At 1,000 it also
times an edit in `katalog serve` (bench/serve_latency.py). Results are printed
as a Markdown table and written to docs/benchmarks.md. Not part of the test
suite: it takes minutes.
"""

from __future__ import annotations

import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
BIN = Path(sys.executable).parent
DOC = ROOT / "docs" / "benchmarks.md"


def _tree_pss(root: int) -> int:
    """Summed PSS (KiB) of ``root`` and every process below it."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                with open(f"/proc/{entry.name}/stat", "rb") as f:
                    ppid = int(f.read().rsplit(b")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    total, pending = 0, [root]
    while pending:
        pid = pending.pop()
        pending.extend(children.get(pid, []))
        try:
            with open(f"/proc/{pid}/smaps_rollup", "rb") as f:
                total += next(int(line.split()[1]) for line in f if line.startswith(b"Pss:"))
        except (OSError, StopIteration, ValueError):
            continue
    return total


def run(cmd: list[str], cwd: Path = ROOT, env: dict[str, str] | None = None) -> tuple[float, int, float]:
    """Run ``cmd``; return wall seconds, the peak summed PSS (MiB) of its process tree and the CPU seconds
    (user + system) of the whole tree, which other work on the machine does not lengthen."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **(env or {}))
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = [0]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.2):
            peak[0] = max(peak[0], _tree_pss(proc.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, stderr_bytes = proc.communicate()
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{stderr_bytes.decode()[-2000:]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return seconds, peak[0] // 1024, cpu


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def floor_config(work: Path, generated: Path, catalog_content: Path) -> Path:
    """mkdocs.yml for the same Markdown without the katalog plugin (the engine's floor)."""
    sys.path.insert(0, str(ROOT))
    from generator.content import load_content
    from generator.model import build_catalog
    from generator.plugin import site_nav

    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text())
    config.update(
        docs_dir=str(generated), site_dir=str(work / "site-floor"), plugins=[], site_name="Lantai",
        nav=site_nav(build_catalog(load_content(catalog_content))),
    )
    config["theme"]["custom_dir"] = str(ROOT / "docs_overrides")
    path = work / "mkdocs-floor.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True))
    return path


def search_bytes(site: Path, query: str = "pelayanan") -> int:
    """Bytes (gzipped, as GitHub Pages serves them) a browser downloads from /pagefind/ before its first result."""
    sys.path.insert(0, str(ROOT / "bench"))
    from playwright.sync_api import sync_playwright
    from search_payload import CHROMIUM, CHROMIUM_ARGS, measure, serve  # type: ignore[import-not-found]

    server = serve(site)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            result = measure(browser, server, site, query)
            browser.close()
    finally:
        server.shutdown()
    return sum(result.wire.values())


def bench(count: int, work: Path) -> dict[str, float | int | None]:
    content, generated, site = work / "content", work / "generated", work / "site"
    subprocess.run([str(BIN / "katalog"), "sample", "--count", str(count), "--out", str(content)], check=True,
                   capture_output=True)
    katalog = str(BIN / "katalog")
    cache = {"KATALOG_CACHE": str(work / "cache")}  # empty: the first check and the build start cold
    # `katalog check` exits 1 only on errors; the sample has warnings only.
    check_s, _, check_cpu = run([katalog, "check", "--content", str(content)], env=cache)
    warm_s, _, warm_cpu = run([katalog, "check", "--content", str(content)], env=cache)
    generate_s, _, _ = run([katalog, "generate", "--content", str(content), "--out", str(generated)],
                        env={"KATALOG_CACHE": str(work / "cache-generate")})
    build_s, build_mb, build_cpu = run([katalog, "build", "--content", str(content), "--site", str(site)],
                            env={"KATALOG_CACHE": str(work / "cache-build")})
    floor = floor_config(work, generated, content)
    floor_s, floor_mb, floor_cpu = run([str(BIN / "mkdocs"), "build", "--quiet", "-f", str(floor)])
    page = site / "inovasi" / "inovasi-sampel-00001" / "index.html"
    return {
        "n": count,
        "load": round(os.getloadavg()[1], 1),  # other work on the machine: wall-clock figures are only as good as this
        "check_s": round(check_s, 2),
        "check_warm_s": round(warm_s, 2),
        "generate_s": round(generate_s, 2),
        "build_s": round(build_s, 2),
        "floor_s": round(floor_s, 2),
        "check_cpu": round(check_cpu, 2),
        "check_warm_cpu": round(warm_cpu, 2),
        "build_cpu": round(build_cpu, 1),
        "floor_cpu": round(floor_cpu, 1),
        "peak_mb": build_mb,
        "floor_mb": floor_mb,
        "site_mb": round(folder_size(site) / 2**20, 1),
        "page_bytes": page.stat().st_size,
        "search_bytes": search_bytes(site),
        "pagefind_mb": round(folder_size(site / "pagefind") / 2**20, 1),
    }


def table(rows: list[dict[str, float | int | None]]) -> str:
    head = ("| innovations | `katalog check` cold | warm | generate | full build | per innovation | plain MkDocs (floor) "
            "| build / floor | peak memory (build) | peak memory (floor) | site size | one page "
            "| search bytes before first result | Pagefind index | load average (5 min) "
            "| CPU: check cold / warm | CPU: build / floor |")
    lines = [head, "|" + "---|" * (head.count("|") - 1)]
    for r in rows:
        per = 1000 * r["build_s"] / r["n"]
        lines.append(
            f"| {r['n']:,} | {r['check_s']} s | {r['check_warm_s']} s | {r['generate_s']} s | {r['build_s']} s | {per:.1f} ms "
            f"| {r['floor_s']} s | {r['build_s'] / r['floor_s']:.2f} | {r['peak_mb']} MiB | {r['floor_mb']} MiB "
            f"| {r['site_mb']} MiB | {r['page_bytes']:,} B | {r['search_bytes']:,} B | {r['pagefind_mb']} MiB | {r['load']} "
            f"| {r['check_cpu']} s / {r['check_warm_cpu']} s | {r['build_cpu']} s / {r['floor_cpu']} s |"
        )
    return "\n".join(lines)


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    mem = next((int(line.split()[1]) // 2**20 for line in Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal")), 0)
    versions = subprocess.run([str(BIN / "python"), "-m", "pip", "list", "--format", "json"],
                              check=True, capture_output=True, text=True).stdout
    pkgs = {p["name"].lower(): p["version"] for p in json.loads(versions)}
    return (f"{os.cpu_count()} cores ({cpu}), {mem} GiB RAM, Python {platform.python_version()}, "
            f"MkDocs {pkgs.get('mkdocs')}, Material {pkgs.get('mkdocs-material')}, Pagefind {pkgs.get('pagefind_bin')}")


def main(argv: list[str]) -> int:
    sizes = [int(a) for a in argv] or [100, 1000, 10000]
    rows = []
    serve = None
    for count in sizes:
        with tempfile.TemporaryDirectory(prefix=f"bench-{count}-") as tmp:
            rows.append(bench(count, Path(tmp)))
            print(json.dumps(rows[-1]), file=sys.stderr)
        if count == 1000:
            from serve_latency import measure as serve_latency  # type: ignore[import-not-found]

            with tempfile.TemporaryDirectory(prefix="bench-serve-") as tmp:
                serve = serve_latency(1000, 5, Path(tmp))
            print(json.dumps(serve), file=sys.stderr)
    result = table(rows)
    if serve is not None:
        edits = ", ".join(f"{s} s" for s in serve["edits_s"])  # type: ignore[attr-defined]
        result += (f"\n\nAn edit in `katalog serve` at 1,000 innovations (bench/serve_latency.py, 5 renames, save to page "
                   f"served): {edits}; median {serve['median_s']} s (first build {serve['first_build_s']} s).")
    print(result)
    DOC.parent.mkdir(exist_ok=True)
    marker = "<!-- hasil benchmark -->"
    text = DOC.read_text() if DOC.exists() else f"# Benchmarks\n\n{marker}\n"
    before, _, after = text.partition(marker)
    later = after[after.index("\n## "):] if "\n## " in after else ""  # the sections after the results stay
    measured = datetime.now().astimezone().date()  # the machine's own day, time zone aware
    DOC.write_text(f"{before}{marker}\nMeasured {measured.isoformat()} on {machine()} with `bench/run.py "
                   f"{' '.join(map(str, sizes))}`.\n\n{result}\n{later}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
