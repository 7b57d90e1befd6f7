"""A scraper's repeats: an article's text copied again after itself, as a page's nested blocks
read one by one give it ("A delegation ... Rodong Sinmun A delegation ... Rodong Sinmun"), cut to
its first copy. A copy is recognised by what it is made of, never by the words it holds: the
first copy's opening recurs, what follows opens with the whole first copy again (or with as much
of it as the record holds, when it was cut short), and all of it is pieces of the first copy with
at most a few words between them."""

from __future__ import annotations

import os.path
import re
from typing import NamedTuple

HEAD = 120  # characters of the opening that must recur for a copy to be looked for
OPENING = 300  # where the first copy may begin: after a headline run into the body
PIECE = 30  # the shortest piece of the first copy counted as repeated
GAPS = 40  # characters between the pieces allowed, or a tenth of the copies if more

# An opening starting at s < OPENING spans [s, s + HEAD), so it holds the piece at the first
# of these at or after s: s + HEAD >= at + PROBE whenever at - s <= HEAD - PROBE = 100.
PROBE = 20
PROBES = (0, 100, 200, 300)
_WORD = re.compile(r"\S+")


class Repeats(NamedTuple):
    run_in: str  # what came before the first copy: the end of a headline run into the body
    story: str  # the first copy
    repeats: str  # the copies after it, cut off ("" when there are none)


def split_repeats(body: str) -> Repeats:
    """The body's first copy apart from its repeats, and from the words before it that the copies
    do not repeat; the whole body as the story when it holds no copies."""
    if len(body) >= 2 * HEAD and _may_repeat(body):
        for word in _WORD.finditer(body, 0, OPENING):
            head = body[word.start() : word.start() + HEAD]
            again = body.find(head, word.start() + 1)
            if again < 0:
                continue
            first, rest = body[:again], body[again:]
            if _copies(first[word.start() :], rest) and _made_of(rest, first):
                return Repeats(body[: word.start()], first[word.start() :].rstrip(), rest)
            break  # the opening recurs, but what follows is more than copies: an article itself
    return Repeats("", body, "")


def _may_repeat(body: str) -> bool:
    """False when no opening of HEAD characters that starts before OPENING can recur: each such
    opening holds one of the PROBE-character pieces at PROBES, which would recur with it. Four
    searches instead of one a word."""
    return any(
        body.find(body[at : at + PROBE], at + 1) >= 0 for at in PROBES if at + PROBE <= len(body)
    )


def _copies(copy: str, rest: str) -> bool:
    """Whether rest opens with the whole copy, or (cut short) is the copy's opening, and is as long
    as half the copy at least: not a long title said twice."""
    if 2 * len(rest) < len(copy):
        return False
    same = len(os.path.commonprefix([copy, rest]))
    return same >= 0.9 * len(copy.rstrip()) or same == len(rest)


def _made_of(rest: str, first: str) -> bool:
    """Whether rest is pieces of first, with GAPS characters between them at most."""
    pos, gaps, allowed = 0, 0, max(GAPS, len(rest) // 10)
    while pos < len(rest):
        if rest[pos].isspace():
            pos += 1
            continue
        low, high = 0, min(len(rest) - pos, len(first))  # the longest piece of first at pos
        while low < high:
            mid = (low + high + 1) // 2
            if rest[pos : pos + mid] in first:
                low = mid
            else:
                high = mid - 1
        if low >= PIECE or (low and pos + low == len(rest)):
            pos += low
            continue
        word = _WORD.match(rest, pos)
        step = word.end() - pos if word else 1
        gaps, pos = gaps + step, pos + step
        if gaps > allowed:
            return False
    return True
