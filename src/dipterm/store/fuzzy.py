"""Typo and romanisation tolerance: the nearest word of the library's vocabulary, with rapidfuzz."""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Sequence
from itertools import count

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
        limit=None,  # all: the commonest of many equally near terms may come after any eighth
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
    # A title is filtered on its first words only: the index holds as many word positions for
    # every title as the longest has (real titles have up to about 30 words), so one "title"
    # that is a whole scraped page would otherwise cost gigabytes at a million articles.
    MAX_WORDS = 64

    def __init__(self, titles: Sequence[str]) -> None:
        import numpy as np

        words, ids, per_title = _title_words_by_id(titles)
        # The vocabulary sorted, and where each sorted word stands in it: prefixes by bisection.
        order = np.array(sorted(range(len(words)), key=words.__getitem__), dtype=np.int64)
        # Each title's word ids, one row per word position (a column per title), padded with an
        # id that scores nothing: a row at a time is read straight through memory. Filled a row
        # at a time too: indexing all the words at once took three arrays as long as the words
        # (220 MB for a million titles).
        width = max(min(int(per_title.max(initial=0)), self.MAX_WORDS), 1)
        positions = np.full((width, len(per_title)), len(words), dtype=np.int32)
        firsts = np.cumsum(per_title) - per_title
        for k in range(width):
            longer = np.flatnonzero(per_title > k)
            positions[k, longer] = ids[firsts[longer] + k]
        self._ready(words, order, positions)

    @classmethod
    def restore(cls, words: list[str], order, positions) -> TitleIndex:
        """The index whose parts() these are (kept in a file between sessions)."""
        index = cls.__new__(cls)
        index._ready(words, order, positions)
        return index

    def parts(self) -> tuple[list[str], object, object]:
        """What the index is made of: its vocabulary, the vocabulary's sorted order, and each
        title's word ids by position; the rest is derived from them."""
        return self._words, self._order, self._positions

    def _ready(self, words: list[str], order, positions) -> None:
        import numpy as np

        self._words, self._order, self._positions = words, order, positions
        as_array = np.array(words, dtype=object)
        self._sorted = _pick(as_array, order)
        # The vocabulary by length, and numbers apart: a word can be near only words of a length
        # near its own, and a word without digits shares no letter with a number.
        self._groups = _by_length_and_digits(as_array)
        self._cache: dict[tuple[str, float], object] = {}

    @property
    def size(self) -> int:
        """How many titles the index holds."""
        return int(self._positions.shape[1])

    def scores(self, text: str, at_least: float = 0.0):
        """Each title's score for text. Scores of at_least or more are exact; a title under it
        may be given less than its score, which lets the query's words skip the vocabulary's
        words too far from them to lift a title to at_least."""
        import numpy as np

        query = [w for w in _title_words(text) if w]
        if not query or not self._words:
            return None
        # A title's mean reaches at_least only if each word scores at least this much, the others
        # scoring 100.
        cutoff = max(0.0, at_least * len(query) - 100.0 * (len(query) - 1))
        total = np.zeros(self._positions.shape[1], dtype=np.float32)
        for word in query:
            total += self._word_scores(word, cutoff)
        return total / len(query)

    def _word_scores(self, word: str, cutoff: float):
        """Each title's score for one query word, exact where it is cutoff or more (0 where it
        is less). Kept for the last few words: as one types, only the last word is new."""
        cached = self._cache.get((word, cutoff))
        if cached is not None:
            return cached
        import numpy as np
        from rapidfuzz import fuzz
        from rapidfuzz.process import cdist

        per_word = np.zeros(len(self._words) + 1, dtype=np.float32)  # the last: the padding
        for words, ids in self._near(word, cutoff):
            per_word[ids] = cdist(
                [word], words, scorer=fuzz.ratio, dtype=np.float32, score_cutoff=cutoff
            )[0]
        if len(word) >= 2:  # words that begin with what is typed count fully
            low = bisect.bisect_left(self._sorted, word)
            high = bisect.bisect_left(self._sorted, word + "\uffff")
            per_word[self._order[low:high]] = 100.0
        scores = per_word.take(self._positions[0])
        column = np.empty_like(scores)
        for position in self._positions[1:]:
            np.maximum(scores, per_word.take(position, out=column), out=scores)
        if len(self._cache) >= 16:
            self._cache.pop(next(iter(self._cache)))
        self._cache[(word, cutoff)] = scores
        return scores

    def _near(self, word: str, cutoff: float):
        """The vocabulary's words (and ids) that may score cutoff or more against word: of a length
        near its own (fuzz.ratio is at most 200 * min(a, b) / (a + b)), and numbers only if word
        has a digit (with no character in common, the ratio is 0)."""
        if cutoff <= 0:
            return self._groups.values()
        shortest = int(len(word) * cutoff / (200.0 - cutoff)) - 1  # a letter's margin either way
        longest = int(len(word) * (200.0 - cutoff) / cutoff) + 1
        digits = any(c.isdigit() for c in word)
        return [
            group
            for (n, number), group in self._groups.items()
            if shortest <= n <= longest and (digits or not number)
        ]

    def filter(self, text: str, limit: int = 500) -> list[tuple[int, float]]:
        """(title index, score) of the best titles, best first."""
        import numpy as np

        scores = self.scores(text, self.MIN_SCORE)
        if scores is None:
            return []
        keep = np.flatnonzero(scores >= self.MIN_SCORE)
        if keep.size > limit:
            # The limit best: those above the limit-th best score, then those at it, first
            # titles first. (A word typed may leave most titles on one score.)
            kept = scores[keep]
            threshold = np.partition(kept, kept.size - limit)[kept.size - limit]
            above = keep[kept > threshold]
            keep = np.sort(np.concatenate([above, keep[kept == threshold][: limit - above.size]]))
        order = keep[np.argsort(-scores[keep], kind="stable")]
        return [(int(i), float(scores[i])) for i in order]


def _title_words(text: str) -> list[str]:
    from dipterm.store.query import tokens

    return tokens(text)


# Lower-cases ASCII letters, keeps digits, the title mark and every byte of UTF-8's multi-byte
# characters (all 0x80 or more), makes any other ASCII character a space: what query.tokens does
# to ASCII text, over all titles at once.
_MARK = "\x01"
_BYTE_GAPS = bytes(
    b if chr(b).isalnum() or b >= 0x80 or chr(b) == _MARK else 0x20 for b in range(256)
).lower()


def _title_words_by_id(titles: Sequence[str]):
    """The vocabulary of the titles (each word once, in the order first seen), every title's word
    ids one title after the other, and how many words each title has: query.tokens of each title,
    found with one translation and one split of all titles (a million titles in about a second,
    where tokenising each title alone took five).
    """
    import numpy as np

    if not titles:
        return [], np.zeros(0, np.int32), np.zeros(0, np.int64)
    # Each word's id, the first time it is seen: the next number.
    vocab: defaultdict[str, int] = defaultdict(count().__next__)
    vocab[_MARK]  # seen first: the mark's id is 0
    # A chunk of titles at a time: a million titles hold nine million words, each a string while
    # it is looked up (a gigabyte at once).
    ids = np.concatenate([
        _chunk_word_ids(titles[i : i + _CHUNK], vocab) for i in range(0, len(titles), _CHUNK)
    ])  # fmt: skip
    marks = np.flatnonzero(ids == 0)
    per_title = np.diff(marks, append=len(ids)) - 1
    del vocab[_MARK]
    return list(vocab), ids[ids > 0] - 1, per_title.astype(np.int64)


_CHUNK = 50_000


def _chunk_word_ids(titles: Sequence[str], vocab: defaultdict[str, int]):
    """The ids of the titles' words, the mark's before each title's."""
    import numpy as np

    # Titles outside plain ASCII (or holding the mark) are replaced by their tokens; what remains
    # of the other titles' characters after translation is exactly their tokens too.
    plain = [t if t.isascii() and _MARK not in t else " ".join(_title_words(t)) for t in titles]
    text = f" {_MARK} " + f" {_MARK} ".join(plain)  # ... the mark before each title
    words = text.encode("utf-8").translate(_BYTE_GAPS).decode("utf-8").split()
    return np.fromiter(map(vocab.__getitem__, words), dtype=np.int32, count=len(words))


def _by_length_and_digits(words) -> dict[tuple[int, bool], tuple[list[str], object]]:
    """The words (an array of objects) and their ids of each length, numbers apart from words
    with letters."""
    import numpy as np

    if len(words) == 0:
        return {}
    n = len(words)
    keys = np.fromiter(map(len, words), np.int64, n) * 2 + np.fromiter(
        map(str.isdigit, words), bool, n
    )
    ids = np.argsort(keys, kind="stable")
    starts = np.flatnonzero(np.diff(keys[ids], prepend=-1))
    return {
        (int(keys[group[0]]) // 2, bool(keys[group[0]] % 2)): (_pick(words, group), group)
        for group in np.split(ids, starts[1:])
    }


def _pick(words, ids) -> list[str]:
    """The words (an array of objects) at these positions."""
    return words[ids].tolist()
