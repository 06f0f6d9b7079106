"""Near-duplicate innovations, found fast enough for a national catalog.

Comparing every pair of 10,000 innovations is 50 million string comparisons.
Instead, a set-similarity join with prefix filtering (Chaudhuri et al., 2006)
finds the few candidate pairs whose token sets overlap enough, and RapidFuzz
scores only those. The filter is exact for the Jaccard threshold: every pair
at or above it is a candidate, except pairs that share only very common words
and pairs beyond an item's first MAX_MATCHES_PER_ITEM matches.

The work is bounded for any input, however adversarial: a word in more than
COMMON_CAP items is never indexed, so an item is compared with at most
COMMON_CAP others per word of its prefix; an item stops looking once it has
MAX_MATCHES_PER_ITEM matches, so there are at most that many matches per item;
and :func:`neighbours` names at most MAX_NAMED others per item and field and
keeps at most MAX_REPORTED items in all. Time and memory grow linearly with
the number of items (times those constants), and so does the output.
"""

from __future__ import annotations

import difflib
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process, utils

#: RapidFuzz token-sort score (0–100) from which two names count as near-duplicates.
NAME_THRESHOLD = 90
#: The same for summaries, which are longer and share more words by chance.
SUMMARY_THRESHOLD = 85
#: Jaccard similarity of word sets that a candidate pair must reach before
#: RapidFuzz scores it: low for short names (one changed word of three still
#: passes), higher for summaries, which near-duplicates share almost whole.
NAME_JACCARD = 0.5
SUMMARY_JACCARD = 0.7

#: A word in more than this share of items (and more than COMMON_FLOOR items) is not indexed.
COMMON_SHARE = 0.02
COMMON_FLOOR = 50
#: ... nor a word in more than COMMON_CAP items, whatever the catalog's size.
COMMON_CAP = 500
#: An item stops collecting matches once it has this many (per field). More than
#: the 20 files ``berbeda_dari`` can acknowledge, so an acknowledged file cannot
#: hide the others.
MAX_MATCHES_PER_ITEM = 25
#: Other items named in one item's warning; the rest are counted.
MAX_NAMED = 3
#: Items (per field) that get a warning at all; the others are only counted.
MAX_REPORTED = 1000

_WORD_RE = re.compile(r"\w+")


@dataclass(frozen=True)
class Match:
    """Items ``a`` and ``b`` (indexes into the input) are close in ``field``."""

    a: int
    b: int
    field: str  # "nama" or "ringkasan"
    score: int


@dataclass(frozen=True)
class Neighbours:
    """The items most like ``item`` in ``field``: ``named`` (index, score), best first, and ``more`` besides.

    ``complete`` is false when the scan stopped early somewhere (MAX_MATCHES_PER_ITEM),
    so that ``more`` is a lower bound.
    """

    item: int
    field: str
    named: tuple[tuple[int, int], ...]
    more: int
    complete: bool


@dataclass(frozen=True)
class Report:
    """What :func:`neighbours` found: the warnings to give, and how many were left out."""

    warnings: list[Neighbours]
    left_out: int  # (item, field) warnings beyond ``limit``
    left_out_items: int  # distinct items among them
    limit: int  # MAX_REPORTED when the report was made


def _join(texts: Sequence[str], field: str, jaccard: float, threshold: int) -> tuple[list[Match], bool]:
    """Matches of ``field`` (Jaccard candidates that RapidFuzz confirms), and whether no item was cut short."""
    processed = [utils.default_process(t) for t in texts]
    token_sets = [set(_WORD_RE.findall(t)) for t in processed]
    frequency = Counter(token for tokens in token_sets for token in tokens)
    # Words in a large share of all items ("layanan", "sistem") say nothing about
    # duplication but would make every item a candidate of every other: they are
    # left out of the index. Pairs that share only such words are not compared.
    too_common = min(COMMON_CAP, max(COMMON_FLOOR, int(COMMON_SHARE * len(token_sets))))
    index: dict[str, list[int]] = defaultdict(list)
    found = [0] * len(token_sets)
    matches: list[Match] = []
    complete = True
    # Smallest sets first: a later set can only match an earlier one at least
    # ``threshold`` times its size (the size filter).
    for j in sorted(range(len(token_sets)), key=lambda k: len(token_sets[k])):
        tokens = token_sets[j]
        if not tokens:
            continue
        size = len(tokens)
        ordered = sorted(tokens, key=lambda t: (frequency[t], t))  # rarest first
        prefix = [t for t in ordered[: size - math.ceil(jaccard * size) + 1] if frequency[t] <= too_common]
        seen: set[int] = set()
        for token in prefix:
            for i in index[token]:
                if found[j] >= MAX_MATCHES_PER_ITEM:
                    complete = False  # enough for this item; later ones will still find it
                    break
                if i in seen:
                    continue
                seen.add(i)
                other = token_sets[i]
                if len(other) < jaccard * size:
                    continue
                shared = len(tokens & other)
                if shared < jaccard * (size + len(other) - shared):
                    continue
                score = fuzz.token_sort_ratio(processed[i], processed[j], processor=None, score_cutoff=threshold)
                if score:
                    found[i] += 1
                    found[j] += 1
                    matches.append(Match(i, j, field, round(score)) if i < j else Match(j, i, field, round(score)))
            index[token].append(j)
    return matches, complete


def near_duplicates(names: Sequence[str], summaries: Sequence[str]) -> list[Match]:
    """Pairs of items whose names or summaries are very close, best first.

    At most about MAX_MATCHES_PER_ITEM pairs per item and field (see the module).
    """
    found, _ = _join(names, "nama", NAME_JACCARD, NAME_THRESHOLD)
    more, _ = _join(summaries, "ringkasan", SUMMARY_JACCARD, SUMMARY_THRESHOLD)
    return sorted(found + more, key=lambda m: (-m.score, m.a, m.b, m.field))


def neighbours(names: Sequence[str], summaries: Sequence[str],
               ignore: Callable[[int, int], bool] = lambda _a, _b: False) -> Report:
    """For every item and field with near-duplicates, the closest others: one warning each, bounded in number.

    ``ignore(this, other)`` drops a pair for ``this`` only (e.g. ``this`` acknowledges
    ``other`` as different). At most MAX_REPORTED warnings per field, the items with
    the closest matches first; the rest are counted in the report.
    """
    warnings: list[Neighbours] = []
    left_out = 0
    left_out_items: set[int] = set()
    for texts, field, jaccard, threshold in ((names, "nama", NAME_JACCARD, NAME_THRESHOLD),
                                             (summaries, "ringkasan", SUMMARY_JACCARD, SUMMARY_THRESHOLD)):
        matches, complete = _join(texts, field, jaccard, threshold)
        per_item: dict[int, list[tuple[int, int]]] = defaultdict(list)
        for match in matches:
            for this, other in ((match.a, match.b), (match.b, match.a)):
                if not ignore(this, other):
                    per_item[this].append((other, match.score))
        found = []
        for item, others in per_item.items():
            others.sort(key=lambda pair: (-pair[1], pair[0]))
            named = tuple(others[:MAX_NAMED])
            found.append(Neighbours(item, field, named, len(others) - len(named), complete))
        found.sort(key=lambda n: (-n.named[0][1], n.item))
        warnings.extend(found[:MAX_REPORTED])
        left_out += len(found[MAX_REPORTED:])
        left_out_items.update(n.item for n in found[MAX_REPORTED:])
    return Report(warnings, left_out, len(left_out_items), MAX_REPORTED)


def closest(word: str, choices: Sequence[str], cutoff: float = 0.6) -> str | None:
    """What ``difflib.get_close_matches(word, choices, n=1, cutoff=cutoff)`` returns, found faster.

    difflib compares ``word`` with every choice in Python: with a registry of
    5,000 units, 10,000 files with an unknown unit id took minutes. difflib's
    ratio never exceeds RapidFuzz's Indel ratio (the characters difflib matches
    form a common subsequence), and RapidFuzz computes that for all choices in
    C. So choices are tried in order of that bound, and the search stops once
    no bound left can reach the best difflib ratio found: the same answer, ties
    included, after a few difflib comparisons instead of all.
    """
    bounded = process.extract(word, choices, scorer=fuzz.ratio, processor=None, limit=None, score_cutoff=cutoff * 100 - 1e-6)
    matcher = difflib.SequenceMatcher()
    matcher.set_seq2(word)
    best: tuple[float, str] | None = None
    for choice, bound, _ in bounded:
        if best is not None and bound / 100 + 1e-9 < best[0]:
            break
        matcher.set_seq1(choice)
        ratio = matcher.ratio()
        if ratio >= cutoff and (best is None or (ratio, choice) > best):
            best = (ratio, choice)
    return best[1] if best else None
