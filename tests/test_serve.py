"""`katalog serve`: the live preview shows an edited innovation on reload."""

from __future__ import annotations

import os
import socket
import subprocess
import time
import urllib.request

from tests.conftest import BIN


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def _wait_for(url: str, needle: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        page = _get(url)
        if page and needle in page:
            return True
        time.sleep(0.3)
    return False


def test_edit_to_an_innovation_shows_up_in_the_preview(catalog):
    port = _free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    server = subprocess.Popen([str(BIN / "katalog"), "serve", "--dev-addr", f"127.0.0.1:{port}"], cwd=catalog.root,
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}/inovasi/antrean-daring/"
    try:
        assert _wait_for(url, "Antrean Daring Kependudukan", 120), "preview did not start"
        path = catalog.content / "inovasi" / "antrean-daring.yml"
        path.write_text(path.read_text().replace("nama: Antrean Daring Kependudukan", "nama: Antrean Daring Baru"))
        assert _wait_for(url, "Antrean Daring Baru", 60), "the edit did not reach the preview"
        # The listing that shows the name is regenerated too.
        assert "Antrean Daring Baru" in (_get(f"http://127.0.0.1:{port}/katalog/") or "")
        time.sleep(1.5)  # a rebuild reads every content file: reading must not look like an edit (a rebuild loop)
    finally:
        server.terminate()
        _, said = server.communicate(timeout=30)
    assert said.count("Detected file changes") == 1, said[-2000:]
