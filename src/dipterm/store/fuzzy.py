"""Typo and romanisation tolerance: the nearest word of the library's vocabulary, with rapidfuzz."""

from __future__ import annotations

from collections.abc import Sequence

from rapidfuzz import fuzz, process

MIN_LENGTH = 4  # shorter words have too many near neighbours to correct safely
SCORE_CUTOFF = 75.0


def length_band(word: str) -> tuple[int, int]:
    """The lengths a correction of this word may have."""
    spread = 1 if len(word) <= 5 else 2
    return len(word) - spread, len(word) + spread


def nearest(word: str, candidates: Sequence[tuple[str, int]]) -> tuple[str, float] | None:
    """The candidate (term, document count) nearest to word, or None if none is near enough.

    Among equally near terms the more common one wins: a reader more likely means "lavrov" than a
    misspelling that occurs once.
    """
    if len(word) < MIN_LENGTH or word.isdigit() or not candidates:
        return None
    terms = [term for term, _ in candidates]
    found = process.extract(word, terms, scorer=fuzz.ratio, score_cutoff=SCORE_CUTOFF, limit=8)
    if not found:
        return None
    best = max(found, key=lambda hit: (round(hit[1], 1), candidates[hit[2]][1]))
    return best[0], best[1]
