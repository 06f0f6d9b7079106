"""Near-duplicate innovations, found fast enough for a national catalog.

Comparing every pair of 10,000 innovations is 50 million string comparisons.
Instead, a set-similarity join with prefix filtering (Chaudhuri et al., 2006)
finds the few candidate pairs whose token sets overlap enough, and RapidFuzz
scores only those. The filter is exact for the Jaccard threshold: every pair
at or above it is a candidate.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, utils

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

_WORD_RE = re.compile(r"\w+")


@dataclass(frozen=True)
class Match:
    """Items ``a`` and ``b`` (indexes into the input) are close in ``field``."""

    a: int
    b: int
    field: str  # "nama" or "ringkasan"
    score: int


def _candidates(token_sets: Sequence[set[str]], threshold: float) -> list[tuple[int, int]]:
    """Pairs (i, j) whose Jaccard similarity reaches ``threshold``, verified exactly."""
    frequency = Counter(token for tokens in token_sets for token in tokens)
    # Words in a large share of all items ("layanan", "sistem") say nothing about
    # duplication but would make every item a candidate of every other: they are
    # left out of the index. Pairs that share only such words are not compared.
    too_common = max(COMMON_FLOOR, int(COMMON_SHARE * len(token_sets)))
    index: dict[str, list[int]] = defaultdict(list)
    pairs: list[tuple[int, int]] = []
    # Smallest sets first: a later set can only match an earlier one at least
    # ``threshold`` times its size (the size filter).
    for j in sorted(range(len(token_sets)), key=lambda k: len(token_sets[k])):
        tokens = token_sets[j]
        if not tokens:
            continue
        size = len(tokens)
        ordered = sorted(tokens, key=lambda t: (frequency[t], t))  # rarest first
        seen: set[int] = set()
        for token in ordered[: size - math.ceil(threshold * size) + 1]:
            if frequency[token] > too_common:
                break  # the rest of the prefix is more frequent still
            for i in index[token]:
                if i in seen:
                    continue
                seen.add(i)
                other = token_sets[i]
                if len(other) < threshold * size:
                    continue
                shared = len(tokens & other)
                if shared >= threshold * (size + len(other) - shared):
                    pairs.append((i, j) if i < j else (j, i))
            index[token].append(j)
    return pairs


def _join(texts: Sequence[str], field: str, jaccard: float, threshold: int) -> list[Match]:
    processed = [utils.default_process(t) for t in texts]
    matches = []
    for i, j in _candidates([set(_WORD_RE.findall(t)) for t in processed], jaccard):
        score = fuzz.token_sort_ratio(processed[i], processed[j], processor=None, score_cutoff=threshold)
        if score:
            matches.append(Match(i, j, field, round(score)))
    return matches


def near_duplicates(names: Sequence[str], summaries: Sequence[str]) -> list[Match]:
    """Pairs of items whose names or summaries are very close, best first."""
    found = _join(names, "nama", NAME_JACCARD, NAME_THRESHOLD) + _join(summaries, "ringkasan", SUMMARY_JACCARD, SUMMARY_THRESHOLD)
    return sorted(found, key=lambda m: (-m.score, m.a, m.b, m.field))
