"""Warnings a Bapperida reviewer needs before anything is published.

Each rule is a small function that takes one innovation's :class:`Source` and
returns problems (it never changes the source): text YAML cut off at `` #``,
curly quotes pasted from a word processor, personal data (NIK, private mobile
numbers, personal e-mail) in published fields, and ``contoh: true`` in a file a
pull request adds (``katalog check --dasar REV``, see :func:`added_since`).
"""

from __future__ import annotations

import difflib
import os
import re
import subprocess
from collections.abc import Iterable
from pathlib import Path, PurePosixPath
from typing import Any

from ..content import KeyPath, Source, format_keypath
from ..problems import Problem, visible
from ..schema import load_schema, subschema
from .common import CLOSING_QUOTES, MARKDOWN_FIELDS, OPENING_QUOTES, offset_position, walk_strings

#: Top-level key listing the key paths whose values are intentionally public.
PUBLIC_KEY = "data_publik"
#: At most this many warnings of one rule per file (then one line counting the rest).
MAX_PER_RULE = 20


def _capped(source: Source, problems: list[Problem], what: str) -> list[Problem]:
    """The first MAX_PER_RULE problems in file order, then one line counting the others."""
    problems = sorted(problems, key=lambda p: (p.line, p.column))
    if len(problems) <= MAX_PER_RULE:
        return problems
    rest = len(problems) - MAX_PER_RULE
    return [*problems[:MAX_PER_RULE], source.problem((), f"{rest} temuan {what} lain di berkas ini tidak ditampilkan; "
                                                         "tangani yang ditampilkan lalu periksa lagi", "warning")]

# --- text cut by ' #' --------------------------------------------------------------------------


def _value(data: Any, keypath: KeyPath) -> Any:
    for part in keypath:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _free_text(keypath: KeyPath) -> bool:
    """A field of free text: not a vocabulary, an id, a date, an address, a number or a yes/no (those have a fixed
    form, and their own rules say what a stray character in them means)."""
    node = subschema(load_schema("inovasi"), keypath)
    return node.get("type", "string") == "string" and "enum" not in node and "pattern" not in node


def cut_text(source: Source) -> list[Problem]:
    """Plain values followed on their line by `` #...``: YAML read the rest as a comment."""
    out = []
    for keypath, rest in source.cut.items():
        if isinstance(_value(source.data, keypath), str) and _free_text(keypath):
            lost = rest if len(rest) <= 60 else rest[:57] + "..."
            out.append(source.problem(keypath, f"teks terpotong: ' #' memulai komentar YAML sehingga '{lost}' tidak ikut terbit; "
                                               "apit seluruh nilai dengan tanda kutip (bila memang komentar, pindahkan ke baris "
                                               "sendiri)",
                                      "warning"))
    return _capped(source, out, "teks terpotong")


def folded_markdown(source: Source) -> list[Problem]:
    """A Markdown field (rancang bangun, tujuan, manfaat, hasil) written with ``>`` or ``>-``, as ``ringkasan`` is:
    YAML joins its lines with spaces, so paragraphs run together and a list is no longer a list on the page."""
    return [source.problem(keypath, "teks ini ditulis dengan '>' sehingga YAML menyambung baris-barisnya: paragraf "
                                    "menyatu dan daftar tidak lagi berupa daftar di halaman; ganti '>' atau '>-' "
                                    "dengan '|' (teks panjang selalu ditulis di bawah tanda |)", "warning")
            for keypath in sorted(source.folded) if len(keypath) == 1 and keypath[0] in MARKDOWN_FIELDS]


# --- curly quotes around a whole value ---------------------------------------------------------

def _strings(data: Any) -> Iterable[tuple[KeyPath, str]]:
    """Every published string (``data_publik`` itself lists key paths, not text)."""
    return ((keypath, text) for keypath, text in walk_strings(data) if keypath[:1] != (PUBLIC_KEY,))


def curly_quotes(source: Source, *, innovation: bool = False) -> list[Problem]:
    """Values wrapped whole in curly quotes (or a curly one at one end and a straight one at the other): the quotes would
    be published as part of the text. In an innovation
    only free-text fields are looked at: in a number, an id or an address the field's own rule names the quotes."""
    out = []
    for keypath, text in _strings(source.data):
        inner = text.strip()
        if innovation and not _free_text(keypath):
            continue
        # Also a Word quote at one end and a straight one at the other ("“Antrean Daring"", contributor walk).
        if len(inner) >= 2 and ((inner[0] in OPENING_QUOTES and inner[-1] in CLOSING_QUOTES + "\"'")
                                or (inner[0] in "\"'" and inner[-1] in CLOSING_QUOTES)):
            shown = visible(inner if len(inner) <= 60 else inner[:28] + "..." + inner[-28:])
            out.append(source.problem(keypath, f"nilai diapit tanda kutip lengkung ({shown}) "
                                               "yang ikut terbit sebagai bagian teks; "
                                               f"hapus tanda kutip {inner[0]} {inner[-1]} itu, "
                                               "atau ganti dengan tanda kutip lurus \"...\" yang tidak ikut terbit", "warning"))
    return _capped(source, out, "tanda kutip lengkung")


# --- personal data ---------------------------------------------------------------------------

#: 16 digits, optionally grouped by spaces or dots, not part of a longer number.
_NIK_RE = re.compile(r"(?<![0-9])(?<![0-9][ .])[1-9][0-9](?:[ .]?[0-9]){14}(?![0-9])(?![ .][0-9])")
#: An Indonesian mobile number (08x, 628x, +628x, (+62) 8x) with spaces, dots, hyphens or parentheses.
_MOBILE_RE = re.compile(r"(?<![\w+])(?<![0-9][ .-])(?:\(\+?62\)|\+62|62|0)[ .-]?\(?8[1-9](?:[ .)-]{0,2}[0-9]){6,11}"
                        r"(?![0-9])(?![ .-][0-9])")
#: Mail providers of private persons; an official unit writes from its own (.go.id) domain.
PERSONAL_MAIL_DOMAINS = (
    "gmail.com", "googlemail.com", "yahoo.com", "yahoo.co.id", "hotmail.com", "outlook.com", "live.com", "ymail.com",
    "icloud.com", "proton.me", "protonmail.com", "aol.com",
)
_MAIL_RE = re.compile(r"@(" + "|".join(re.escape(d) for d in PERSONAL_MAIL_DOMAINS) + r")(?![A-Za-z0-9-]|\.[A-Za-z0-9])",
                      re.IGNORECASE)
_LOCAL_PART_RE = re.compile(r"[A-Za-z0-9._%+-]{1,64}$")
#: Digits a text needs before a NIK (16) or a mobile number (0 + 8x + at least 6) can be in it.
_FEWEST_DIGITS = 9


def _mask(digits: str) -> str:
    return digits[:4] + "*" * 4 + digits[-4:]


def _national(written: str) -> str | None:
    """The digits of a mobile number as dialled at home (0812...), or None when it is not 10–13 digits."""
    digits = re.sub(r"[^0-9]", "", written)
    if digits.startswith("62"):
        digits = "0" + digits[2:]
    return digits if 10 <= len(digits) <= 13 else None


def _findings(text: str) -> Iterable[tuple[int, str, str]]:
    """``(offset, message, when it may be marked public)`` for each piece of personal data in ``text``."""
    # The patterns scan slowly; a text with too few digits or no @ cannot hold what they look for.
    numbers = sum(map(text.count, "0123456789")) >= _FEWEST_DIGITS
    for found in _NIK_RE.finditer(text) if numbers else ():
        digits = re.sub(r"[^0-9]", "", found.group())
        groups = re.split(r"[ .]", found.group())
        if 11 <= int(digits[:2]) <= 94 and not (len(groups) > 1 and all(len(g) == 3 for g in groups[1:])):  # not 1.234.567...
            yield found.start(), (f"memuat nomor yang tampak seperti NIK ({_mask(digits)}); NIK adalah data pribadi "
                                  "dan tidak boleh terbit: hapus nomor itu"), "bila itu bukan NIK (misalnya nomor register)"
    for found in _MOBILE_RE.finditer(text) if numbers else ():
        number = _national(found.group())
        if number:
            yield found.start(), (f"memuat nomor ponsel pribadi ({_mask(number)}); gunakan nomor telepon resmi unit, "
                                  "misalnya \"(0717) 123456\""), "bila nomor itu memang nomor layanan resmi yang boleh terbit"
    for found in _MAIL_RE.finditer(text) if "@" in text else ():
        local = _LOCAL_PART_RE.search(text, max(0, found.start() - 64), found.start())
        if local:
            name = local.group()
            shown = (name[:2] if len(name) > 2 else name[:1]) + "***@" + found.group(1).lower()
            yield local.start(), (f"memuat alamat surel pribadi ({shown}); gunakan alamat resmi unit, "
                                  "misalnya layanan@namadinas.go.id"), ("bila alamat itu memang alamat layanan resmi "
                                                                        "yang boleh terbit")


def public_paths(source: Source) -> dict[KeyPath, int]:
    """The key paths listed in ``data_publik``, with their index in that list."""
    listed = source.data.get(PUBLIC_KEY) if isinstance(source.data, dict) else None
    out: dict[KeyPath, int] = {}
    # Only the items the list may hold (maxItems 20): a longer list is already an error.
    for i, item in enumerate(listed[:MAX_PER_RULE] if isinstance(listed, list) else []):
        if isinstance(item, str) and re.fullmatch(r"[a-z_]+(\[[0-9]+\])*(\.[a-z_]+(\[[0-9]+\])*)*", item):
            out.setdefault(tuple(int(p[1:-1]) if p.startswith("[") else p for p in re.findall(r"\[[0-9]+\]|[a-z_]+", item)), i)
    return out


def personal_data(source: Source) -> list[Problem]:
    """NIK, private mobile numbers and personal e-mail in any published value, unless listed in ``data_publik``."""
    public = public_paths(source)
    values = list(_strings(source.data))
    # A number YAML read as a number (telepon: +6281234567890) is checked as written.
    values += [(k, raw) for k, raw in source.raw.items()
               if k[:1] != (PUBLIC_KEY,) and subschema(load_schema("inovasi"), k).get("type") == "string"]
    out: list[Problem] = []
    for keypath, text in values:
        if any(keypath[:len(p)] == p for p in public):
            continue
        for offset, message, unless in _findings(text):
            hint = f"; {unless}, tambahkan '{format_keypath(keypath)}' ke daftar {PUBLIC_KEY}"
            line, col = offset_position(source, keypath, text, offset)
            out.append(Problem(source.path, line, col, "warning", format_keypath(keypath), message + hint))
    return _capped(source, out, "data pribadi")


def review_page(page: Source) -> list[Problem]:
    """A hand-written page: Word quotes around front matter values, personal data anywhere in it."""
    texts = [*_strings(page.data), ((), page.body or "")]
    found = [Problem(page.path, *offset_position(page, keypath, text, offset), "warning", format_keypath(keypath), message)
             for keypath, text in texts for offset, message, _ in _findings(text)]
    return [*curly_quotes(page), *_capped(page, found, "data pribadi")]


def public_list(source: Source) -> list[Problem]:
    """Each ``data_publik`` entry must name a value written in this file."""
    written = {format_keypath(k) for k in source.values if k and k[0] != PUBLIC_KEY}
    out = []
    for keypath, i in public_paths(source).items():
        if keypath in source.values and keypath[0] != PUBLIC_KEY:
            continue
        shown = format_keypath(keypath)
        close = difflib.get_close_matches(shown, sorted(written), n=1, cutoff=0.6)
        hint = (f"; maksud Anda '{close[0]}'?" if close
                else "; tulis jalur kunci seperti pada pesan peringatan, misalnya kontak.telepon")
        out.append(source.problem((PUBLIC_KEY, i), f"'{shown}' tidak ada di berkas ini, "
                                                   f"sehingga tidak menandai apa pun{hint}", "warning"))
    return out


def review_innovation(source: Source) -> list[Problem]:
    """Every reviewer warning about one innovation file (its data must be a mapping)."""
    return [*cut_text(source), *folded_markdown(source), *curly_quotes(source, innovation=True), *personal_data(source),
            *public_list(source)]


# --- contoh: true in a new file --------------------------------------------------------------------


class GitError(Exception):
    """Git is missing, the content is not in a repository, or the base revision is unknown (exit code 2)."""


class _GitMissing(GitError):
    """No ``git`` command on PATH."""


def git_bytes(top: Path | str, *args: str, stdin: bytes | None = None) -> bytes:
    """What ``git -C top ARGS`` writes, as bytes; :class:`GitError` when it fails."""
    try:
        done = subprocess.run(["git", "--literal-pathspecs", "-C", str(top), *args], capture_output=True, input=stdin,
                              timeout=120, env={**os.environ, "LC_ALL": "C"})
    except FileNotFoundError as exc:
        raise _GitMissing("git tidak ditemukan; pasang Git, atau jalankan katalog check tanpa --dasar") from exc
    except subprocess.TimeoutExpired as exc:
        raise GitError("git tidak selesai dalam 120 detik") from exc
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "surrogateescape").strip()
        raise GitError(said.splitlines()[-1] if said else f"git {args[0]} gagal")
    return done.stdout


def _git(top: Path | str, *args: str) -> str:
    return git_bytes(top, *args).decode("utf-8", "surrogateescape")


def repository(content_root: Path, rev: str) -> Path:
    """The top folder of the Git repository holding ``content_root``, once ``rev`` is known to name a commit.

    Raises :class:`GitError` (exit code 2) with an Indonesian reason otherwise.
    """
    if not rev or rev.startswith("-"):
        raise GitError(f"rujukan Git '{rev}' tidak sah; tulis nama cabang atau commit, misalnya --dasar origin/main")
    try:
        top = Path(_git(content_root.resolve(), "rev-parse", "--show-toplevel").strip())
    except _GitMissing:
        raise
    except GitError as exc:
        raise GitError(f"folder konten '{content_root}' tidak berada di repositori Git; --dasar hanya dapat dipakai "
                       "di salinan repositori (hasil git clone)") from exc
    try:
        _git(top, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}")
    except GitError as exc:
        raise GitError(f"rujukan Git '{rev}' tidak dikenal; periksa nama cabang atau commit "
                       "(di GitHub Actions, ambil riwayatnya dengan actions/checkout fetch-depth: 0)") from exc
    return top


def added_since(content_root: Path, rev: str) -> set[str]:
    """Innovation files added since ``rev``, as problems name them (relative to the content folder: ``inovasi/x.yml``).

    Added means: committed since the merge base of ``rev`` and HEAD (``rev...HEAD``,
    what a pull request adds to its base branch), plus files added in the working
    tree and index that are not committed yet, tracked or untracked (ignored files
    excluded), so that a contributor sees the same warning before committing.
    Renames count as additions (``--no-renames``): a renamed file has a new slug.
    """
    folder = (content_root / "inovasi").resolve()
    top = repository(content_root, rev)
    try:
        spec = os.path.relpath(folder, top)
    except ValueError:  # another drive (Windows)
        return set()
    if spec.startswith(".."):
        return set()
    try:
        names = _git(top, "diff", "--name-only", "-z", "--no-renames", "--diff-filter=A", f"{rev}...HEAD", "--", spec).split("\0")
    except GitError as exc:
        raise GitError(f"perubahan sejak '{rev}' tidak dapat dibaca dari Git ({exc}); pastikan cabang ini dan '{rev}' "
                       "berbagi riwayat (di GitHub Actions: actions/checkout dengan fetch-depth: 0)") from exc
    try:
        names += _git(top, "diff", "--name-only", "-z", "--no-renames", "--diff-filter=A", "HEAD", "--", spec).split("\0")
    except GitError:
        pass  # no commit yet on HEAD: the first diff already failed or listed everything
    names += _git(top, "ls-files", "-z", "--others", "--exclude-standard", "--", spec).split("\0")
    # Git names files from the top of the repository; the content folder is the parent of ``spec``.
    return {"inovasi/" + PurePosixPath(name).relative_to(spec).as_posix() for name in names if name}


def new_sample(source: Source) -> list[Problem]:
    """``contoh: true`` in a file the pull request adds: sample data is not counted and carries the 'Contoh' badge."""
    if isinstance(source.data, dict) and source.data.get("contoh") is True:
        return [source.problem(("contoh",), "berkas baru ditandai contoh: true; data contoh tidak dihitung "
                                            "dan diberi lencana 'Contoh' — hapus baris ini bila inovasi ini sungguhan",
                               "warning")]
    return []


def new_samples(innovations: Iterable[Source], added: set[str]) -> list[Problem]:
    """:func:`new_sample` for each innovation whose file is in ``added`` (see :func:`added_since`)."""
    return [p for s in innovations if s.path in added for p in new_sample(s)]
