"""Splitting a body into sentences that keep their offsets, without breaking at "Sept.", "U.S." or "V. V."."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

# A stop, closing quotes, then space before a capital or a figure; or newlines. Every match
# starts with one of four characters, which lets the search skip quickly to the next one; after
# a stop the boundary itself is the "gap" that follows it.
_BOUNDARY = re.compile(
    r"[.!?\n](?:(?<=\n)\n*|(?P<gap>[\"\u201d\u2019)]*\s+)(?=[\"\u201c\u2018(]?[A-Z0-9]))"
)
ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "st", "no", "nos", "gen", "lt", "col", "maj", "capt", "prof", "sr",
    "jr", "vol", "art", "vs", "etc", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "mt", "ft", "approx", "dept", "govt", "co", "ltd", "inc", "corp",
}  # fmt: skip


class Sentence(NamedTuple):
    start: int
    end: int
    text: str


_ENDS_WITH_DOT = re.compile(r"(\S+)\.[\"\u201d\u2019)]*")


def _is_abbreviation(before: str) -> bool:
    last = before.rsplit(None, 1)  # only the last word can end with the dot
    word = _ENDS_WITH_DOT.fullmatch(last[-1]) if last else None
    if not word:
        return False
    token = word.group(1)
    return len(token) == 1 or "." in token or token.lower() in ABBREVIATIONS


@lru_cache(maxsize=16)
def split_sentences(text: str) -> tuple[Sentence, ...]:
    result: list[Sentence] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        gap = m.group("gap")
        # The sentence keeps its closing marks: 'the slogan "Let us ...!"' ends after the mark.
        at = m.start("gap") + len(gap) - len(gap.lstrip('"\u201d\u2019)')) if gap else m.start()
        # Only a word ending in a dot can be an abbreviation, not one before a newline.
        if m.group()[0] == "." and "\n" not in m.group() and _is_abbreviation(text[start:at]):
            continue
        piece = text[start:at]
        if piece.strip():
            result.append(Sentence(start, at, piece))
        start = m.end()
    if text[start:].strip():
        result.append(Sentence(start, len(text), text[start:]))
    return tuple(result)


def sentence_at(text: str, pos: int, reach: int = 600) -> Sentence | None:
    """The sentence of split_sentences(text) that holds text[pos], found by splitting only about
    reach characters on each side of it (a snippet needs one sentence of a long article).

    Where a stop ends a sentence depends on the stop, what follows it and the word before it, so
    a window splits as the whole text does except near its edges: its first two sentences (the
    first may be cut, and the stop that ends it may be read from a cut word) and its last one.
    A sentence found there is looked up in the whole text instead."""
    low, high = max(0, pos - reach), min(len(text), pos + reach)
    if low > 0 or high < len(text):
        window = split_sentences(text[low:high])
        for i, s in enumerate(window):
            if s.start + low <= pos < s.end + low:
                if (i >= 2 or low == 0) and (i < len(window) - 1 or high == len(text)):
                    return Sentence(s.start + low, s.end + low, s.text)
                break
    return next((s for s in split_sentences(text) if s.start <= pos < s.end), None)
