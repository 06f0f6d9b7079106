"""Compiled Jinja templates kept between builds, beside ``katalog check``'s results.

Every build renders through two Jinja environments, MkDocs' theme (Material's
templates and ``docs_overrides/``) and the generator's own page templates; without
a cache each build parses and compiles every template again, which is about 40 %
of a small catalog's build. The entries live in the user's cache folder
(:func:`generator.cache.cache_dir`, under ``templat/``; ``KATALOG_CACHE=0`` turns
them off with the results), never in a checkout a pull request can write to.
"""

from __future__ import annotations

import hashlib

from jinja2 import BytecodeCache, Environment, FileSystemBytecodeCache
from jinja2.bccache import Bucket

from .cache import cache_dir

#: Settings of an environment that change the code Jinja compiles a template into.
_COMPILE_SETTINGS = ("block_start_string", "block_end_string", "variable_start_string", "variable_end_string",
                     "comment_start_string", "comment_end_string", "line_statement_prefix", "line_comment_prefix",
                     "trim_blocks", "lstrip_blocks", "newline_sequence", "keep_trailing_newline", "optimized",
                     "is_async", "finalize", "autoescape")


class _FileCache(FileSystemBytecodeCache):
    """Jinja's file cache, where an entry that cannot be read or written only costs compiling the template again."""

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # noqa: BLE001 - a damaged entry is compiled again and rewritten
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


def _setting(value: object) -> str:
    if callable(value):
        return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', type(value).__qualname__)}"
    return repr(value)


def template_cache(env: Environment) -> BytecodeCache | None:
    """A cache for ``env``'s compiled templates, or None when caching is off or its folder cannot be made.

    Jinja reuses an entry only for the same template file with the same source (a checksum), Jinja and Python.
    The compiled code also depends on the environment's settings, so each combination of settings and
    extensions has a folder of its own.
    """
    folder = cache_dir()
    if folder is None:
        return None
    settings = [_setting(getattr(env, name)) for name in _COMPILE_SETTINGS] + sorted(env.extensions)
    folder = folder / "templat" / hashlib.sha256("\0".join(settings).encode()).hexdigest()[:16]
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return None
    return _FileCache(str(folder))
