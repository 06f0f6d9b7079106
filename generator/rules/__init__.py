"""Every rule the content must follow, as problems: one module per kind of rule.

| module | rules |
|---|---|
| ``schema.py`` | JSON Schema findings, translated by a table of messages (``MESSAGES``) |
| ``text.py`` | every string: placeholders left by ``katalog new``, invisible and control characters |
| ``markdown.py`` | Markdown fields and pages: HTML, links, images (markdown-it tokens) |
| ``innovation.py`` | one innovation: file name, references, dates, media, lengths |
| ``pages.py`` | hand-written pages: front matter and Markdown |
| ``catalog.py`` | across files: registry ids, targets, duplicate and similar innovations |
| ``review.py`` | what a reviewer must see: cut text, Word quotes, personal data, samples in new files |
| ``iid.py`` | one innovation's IID data: indicator values and bases, evidence files, compulsory indicators, laporkan_iid |
| ``edition.py`` | IID files: an edition (content/iid/<edisi>.yml), the region's SPD values, katalog.yml ``iid:`` |
| ``verification.py`` | verification records: their innovation, indicator keys, shape; changes to verified indicators |

Each rule is a function from sources (and what they refer to) to a list of
:class:`~generator.problems.Problem`; none changes its input. Problems the
loader found while reading a file stay on its :class:`~generator.content.Source`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import date

from .. import clock
from ..content import Content, Source
from ..parallel import forking_helps, map_forked, start_forked
from ..problems import Problem, Severity, sort_problems
from .catalog import (
    duplicate_name_problems,
    registry_ids,
    sample_problems,
    similar_problems,
    target_problems,
    target_year_problems,
)
from .common import MARKDOWN_FIELDS, PLACEHOLDER_RE, SLUG_RE, suggest
from .edition import iid_problems
from .iid import IidContext, innovation_iid_problems
from .innovation import Registries, file_name_problems, innovation_problems
from .pages import page_problems
from .review import review_innovation
from .schema import schema_problems
from .text import text_problems
from .verification import verification_problems

__all__ = ["MARKDOWN_FIELDS", "PLACEHOLDER_RE", "SLUG_RE", "check_content", "suggest"]

#: Problem lines per file; past it, one line counts the rest.
MAX_PROBLEMS_PER_FILE = 500

_REGISTRY_SCHEMAS = {"katalog": "katalog", "units": "perangkat-daerah", "affairs": "urusan"}


def check_content(content: Content, *, every_unit: bool = False, today: date | None = None) -> list[Problem]:
    """Validate a whole catalog: every problem of every file, sorted by file and line.

    ``every_unit``: one warning per unit owing the target (``katalog check --semua``)
    instead of one summary line.
    """
    found: list[Problem] = []
    for attr, schema in _REGISTRY_SCHEMAS.items():
        source: Source = getattr(content, attr)
        if source.ok:
            texts = text_problems(source)
            found += texts + schema_problems(source, schema, texts)
    units, problems = registry_ids(content.units, "perangkat-daerah.yml")
    found += problems
    affairs, problems = registry_ids(content.affairs, "urusan.yml")
    found += problems
    found += target_year_problems(content.katalog)
    iid = iid_problems(content, affairs)  # iid.edition: the edition in force, for the rules that need it
    found += iid.problems

    registries = Registries(units, affairs, content.root, today or clock.today())
    produksi = isinstance(content.katalog.data, dict) and content.katalog.data.get("produksi") is True
    iid_context = IidContext(iid.edition, content.root, produksi)
    readable = [source for source in content.innovations if source.ok]
    # the ones whose data is a mapping: the cross-file rules read them
    innovations = [source for source in readable if isinstance(source.data, dict)]
    # The near-duplicate names (a comparison across all files, about a seventh of the check) are looked for by a
    # process of their own while two check each file's own rules, half of the files each (generator/parallel.py).
    similar: Callable[[], list[Problem]] = functools.partial(similar_problems, innovations, content.katalog)
    if forking_helps(len(innovations)):
        similar = start_forked(similar)
    for problems in map_forked(functools.partial(_innovation_file, registries=registries, iid_context=iid_context), readable):
        found += problems

    for page in content.page_sources:
        found += page_problems(page, frozenset(content.page_images))
    found += verification_problems(content, iid.edition, registries.today)
    found += duplicate_name_problems(innovations)
    found += similar()
    found += target_problems(content.katalog, content.units, units, innovations, every_unit=every_unit)
    found += sample_problems(content.katalog, innovations)

    by_file: dict[str, list[Problem]] = {}
    for problem in [p for s in content.sources for p in s.problems] + found:
        by_file.setdefault(problem.path, []).append(problem)
    return sort_problems(p for problems in by_file.values() for p in _capped(problems))


def _innovation_file(source: Source, registries: Registries, iid_context: IidContext) -> list[Problem]:
    """The rules of one readable innovation file."""
    found = file_name_problems(source)
    if not isinstance(source.data, dict):
        return [*found, source.problem((), "isi berkas inovasi harus berupa kumpulan kolom 'kunci: nilai' (lihat contoh di "
                                            "content/inovasi/)")]
    texts = text_problems(source)
    own = innovation_problems(source, registries)
    # A unit written by its name is explained by the reference rule ("maksud Anda 'dinkes'?"): no second,
    # vaguer message that it is not shaped like an id.
    explained = {p.key for p in own if p.key.startswith("perangkat_daerah")}
    indicators = innovation_iid_problems(source, iid_context)  # says better what the schema would say of some keys
    found += texts + [p for p in schema_problems(source, "inovasi", texts, explained) if p.key not in indicators.replaces]
    return found + own + indicators.problems + review_innovation(source)


def _capped(problems: list[Problem]) -> list[Problem]:
    """A file's first MAX_PROBLEMS_PER_FILE problems (in line order), and one line counting the rest."""
    if len(problems) <= MAX_PROBLEMS_PER_FILE:
        return problems
    ordered = sort_problems(problems)
    shown, hidden = ordered[:MAX_PROBLEMS_PER_FILE], ordered[MAX_PROBLEMS_PER_FILE:]
    if not hidden:
        return shown
    severity: Severity = "error" if any(p.severity == "error" for p in ordered) else "warning"
    first = hidden[0]
    return shown + [Problem(first.path, first.line, first.column, severity, first.key,
                            f"dan {len(hidden)} masalah lain di berkas ini tidak ditampilkan (paling banyak "
                            f"{MAX_PROBLEMS_PER_FILE} per berkas); perbaiki yang ditampilkan lalu periksa lagi")]
