"""Splitting a body into sentences that keep their offsets, without breaking at "Sept.", "U.S." or "V. V."."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_BOUNDARY = re.compile(r"(?<=[.!?])[\"\u201d\u2019)]*\s+(?=[\"\u201c\u2018(]?[A-Z0-9])|\n+")
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "st", "no", "nos", "gen", "lt", "col", "maj", "capt", "prof", "sr",
    "jr", "vol", "art", "vs", "etc", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "mt", "ft", "approx", "dept", "govt",
}  # fmt: skip


@dataclass(frozen=True)
class Sentence:
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
    return len(token) == 1 or "." in token or token.lower() in _ABBREVIATIONS


@lru_cache(maxsize=16)
def split_sentences(text: str) -> tuple[Sentence, ...]:
    result: list[Sentence] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        if "\n" not in m.group() and _is_abbreviation(text[start : m.start()]):
            continue
        piece = text[start : m.start()]
        if piece.strip():
            result.append(Sentence(start, m.start(), piece))
        start = m.end()
    if text[start:].strip():
        result.append(Sentence(start, len(text), text[start:]))
    return tuple(result)
