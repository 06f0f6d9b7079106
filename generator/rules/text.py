"""Rules for every string of every file: template placeholders and characters nobody can see."""

from __future__ import annotations

import re
import unicodedata

from ..content import Source
from ..problems import Problem
from .common import PLACEHOLDER_RE, shown, walk_strings

# Noncharacters (U+FDD0–U+FDEF and the last two code points of every plane) are not
# allowed in XML: one of them made /feed.xml unreadable.
_NONCHARACTERS = "\ufdd0-\ufdef" + "".join(f"{chr(plane + 0xFFFE)}{chr(plane + 0xFFFF)}" for plane in range(0, 0x110000, 0x10000))
#: Characters that are invisible, control the terminal or reorder text: a name that looks right but is not.
INVISIBLE_RE = re.compile("[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e"
                          "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\ud800-\udfff" + _NONCHARACTERS + "]")
#: The same for a text of ASCII only (most values): a small class scans several times faster.
_INVISIBLE_ASCII_RE = re.compile("[\u0000-\u0008\u000b-\u001f\u007f]")


def character_name(char: str) -> str:
    """``NO-BREAK SPACE, U+00A0``: how a message names a character the reader cannot see."""
    return f"{unicodedata.name(char, f'U+{ord(char):04X}')}, U+{ord(char):04X}"


def text_problems(source: Source) -> list[Problem]:
    """Placeholders left from ``katalog new`` and invisible or control characters, in every value."""
    out = []
    for keypath, text in walk_strings(source.data):
        if PLACEHOLDER_RE.match(text):
            out.append(source.problem(keypath, f"masih berisi teks isian dari templat ({shown(text.strip())}); ganti dengan isi "
                                               "yang sebenarnya"))
            continue
        found = (_INVISIBLE_ASCII_RE if text.isascii() else INVISIBLE_RE).search(text)
        if found:
            out.append(source.problem(keypath, "mengandung karakter tak terlihat atau karakter kendali "
                                               f"({character_name(found.group())}) pada posisi {found.start() + 1}; "
                                               "hapus karakter itu"))
    return out
