"""Typo and romanisation tolerance: the nearest word of the library's vocabulary, with rapidfuzz."""

from __future__ import annotations

import bisect
from collections.abc import Sequence

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
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    terms = [term for term, _ in candidates]
    # OSA distance: a swap of two letters ("jagngu") is one edit, not two.
    found = process.extract(
        word, terms, scorer=OSA.normalized_similarity, processor=None, score_cutoff=SCORE_CUTOFF / 100,
        limit=8,
    )  # fmt: skip
    found = [(term, score * 100, index) for term, score, index in found]
    if not found:
        return None
    best = max(found, key=lambda hit: (round(hit[1], 1), candidates[hit[2]][1]))
    return best[0], best[1]


class TitleIndex:
    """Titles filtered as one types, like fzf: each query word is scored against the title's
    nearest word (an exact prefix counts fully), a title's score is the mean over the query words.

    Words are scored once against the vocabulary of all titles (rapidfuzz cdist), then gathered
    per title with numpy, so filtering stays fast on a large library.
    """

    MIN_SCORE = 70.0

    def __init__(self, titles: Sequence[str]) -> None:
        import numpy as np

        vocab: dict[str, int] = {}
        rows: list[list[int]] = []
        for title in titles:
            words = [w for w in _title_words(title) if w]
            rows.append([vocab.setdefault(w, len(vocab)) for w in words] or [-1])
        width = max((len(r) for r in rows), default=1)
        self._words = list(vocab)
        # The vocabulary sorted, and where each sorted word stands in it: prefixes by bisection.
        self._order = np.array(
            sorted(range(len(self._words)), key=self._words.__getitem__), dtype=np.int64
        )
        self._sorted = [self._words[i] for i in self._order]
        self._cache: dict[str, object] = {}
        # Each title's word ids, padded with a column that scores nothing.
        self._grid = np.full((len(rows), width), len(self._words), dtype=np.int32)
        for i, row in enumerate(rows):
            self._grid[i, : len(row)] = [w if w >= 0 else len(self._words) for w in row]

    def scores(self, text: str):
        import numpy as np

        query = [w for w in _title_words(text) if w]
        if not query or not self._words:
            return None
        total = np.zeros(self._grid.shape[0], dtype=np.float32)
        for word in query:
            total += self._word_scores(word)
        return total / len(query)

    def _word_scores(self, word: str):
        """Each title's score for one query word. Kept for the last few words: as one types, only
        the last word of the query is new."""
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        import numpy as np
        from rapidfuzz import fuzz
        from rapidfuzz.process import cdist

        per_word = cdist([word], self._words, scorer=fuzz.ratio, dtype=np.float32)[0]
        if len(word) >= 2:  # words that begin with what is typed count fully
            low = bisect.bisect_left(self._sorted, word)
            high = bisect.bisect_left(self._sorted, word + "\uffff")
            per_word[self._order[low:high]] = 100.0
        per_word = np.append(per_word, 0.0)  # the padding column
        scores = per_word[self._grid].max(axis=1)
        if len(self._cache) >= 16:
            self._cache.pop(next(iter(self._cache)))
        self._cache[word] = scores
        return scores

    def filter(self, text: str, limit: int = 500) -> list[tuple[int, float]]:
        """(title index, score) of the best titles, best first."""
        import numpy as np

        scores = self.scores(text)
        if scores is None:
            return []
        keep = np.flatnonzero(scores >= self.MIN_SCORE)
        if keep.size > limit:
            keep = keep[np.argpartition(-scores[keep], limit)[:limit]]
        order = keep[np.argsort(-scores[keep], kind="stable")]
        return [(int(i), float(scores[i])) for i in order]


def _title_words(text: str) -> list[str]:
    from dipterm.store.query import tokens

    return tokens(text)
