"""The spans of an article's text the entity rules read and mark: the mentions found (Span,
Found), the stretches already named (Taken), the runs of capitalised words, and the words that
open no name."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from dipterm.models import Mention

# Capitalised words that open sentences or clauses but never names.
STOP_WORDS = {
    "The", "A", "An", "At", "In", "On", "Both", "This", "That", "These", "Those", "Its", "His",
    "Her", "Their", "Our", "Also", "And", "But", "For", "From", "To", "With", "By", "As",
    "Meanwhile", "Present", "Then", "When", "After", "Before", "During", "Amid", "Amidst", "He",
    "She", "They", "It", "We", "I", "You", "There", "Here", "Such", "All", "Each", "Every",
    "Some", "Many", "Other", "Another", "If", "While", "Quoting", "Noting", "Saying", "Upon",
    "Under", "Over", "Through", "Against", "Among", "Between", "Without", "Within", "Of", "Now",
    "Today", "Yesterday", "Recently", "Later", "Earlier", "However", "Thus", "So", "Yet", "Not",
    "No", "Yes", "Why", "What", "Who", "How", "Where", "Which", "Whose", "Whom", "Despite",
    "Since", "Until", "Following", "According", "Accompanying", "Comrade", "Respected", "Dear",
    "Mr", "Mrs", "Ms", "Mr.", "Mrs.", "Ms.", "Juche", "Songun", "Korean", "Korea",
}  # fmt: skip
MONTHS = {
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep",
    "Sept", "Oct", "Nov", "Dec", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
    "Saturday", "Sunday",
}  # fmt: skip
WORD = re.compile(r"\S+")
# A plural's apostrophe inside a name belongs to its word: "Workers' Party", "Koreans' Affairs".
_PLURAL_OF = r"(?:(?<=s)['\u2019](?=[ \t]+[A-Z]))?"
CAPWORD = rf"(?:[A-Z][\w'\u2019.-]*[\w]{_PLURAL_OF}|[A-Z]|\d+)"
# The same runs as f"{CAPWORD}(?:[ \t]+{CAPWORD})*" finds: the first character first, alone,
# lets a search skip to the next capital or figure (a lookahead for it was a third faster than
# none, this a tenth to a quarter faster again); what follows it depends on what it was.
_RUN = re.compile(
    rf"[A-Z\d](?:(?<=[A-Z])(?:[\w'\u2019.-]*\w{_PLURAL_OF})?|\d*)(?:[ \t]+{CAPWORD})*"
)


class Span(NamedTuple):
    """A mention's place in the text. (A named tuple, as Match and Sentence are: dozens are made
    for each article, and a tuple is made several times faster than a frozen dataclass.)"""

    start: int
    end: int
    kind: str
    name: str
    text: str
    reference: bool = False  # "the Russian President": the person, but not a spelling of the name


@dataclass
class Found:
    """All mentions in one text, in order, and the roles each person was given."""

    spans: list[Span] = field(default_factory=list)
    roles: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def of_kind(self, kind: str) -> list[Span]:
        return [s for s in self.spans if s.kind == kind]

    def mentions(self, kind: str) -> list[Mention]:
        counts: dict[str, int] = defaultdict(int)
        spellings: dict[str, list[str]] = defaultdict(list)
        for span in self.of_kind(kind):
            counts[span.name] += 1
            if not span.reference and span.text not in spellings[span.name]:
                spellings[span.name].append(span.text)
        return [
            Mention(
                name,
                kind,
                tuple(self.roles.get(name, ())) if kind == "person" else (),
                tuple(spellings[name]),
                counts[name],
            )
            for name in counts
        ]


@lru_cache(maxsize=4)
def capitalised_runs(text: str) -> list[tuple[re.Match[str], str]]:
    """Runs of capitalised words, each with its last word, read once for organisations, places
    and people. Words are separated by spaces and tabs alone, and most runs have one."""
    runs = []
    for run in _RUN.finditer(text):
        words = run.group()
        runs.append((run, words.rsplit(None, 1)[-1] if " " in words or "\t" in words else words))
    return runs


def words_of(run: re.Match[str]) -> list[re.Match[str]]:
    """A run's words, with their offsets inside the run."""
    return list(WORD.finditer(run.group()))


class Taken:
    """The stretches of a text already named, which a mention found later may not overlap. Each
    character is marked, so a check reads only the characters of the span it asks about (a
    mention always has some)."""

    __slots__ = ("_marks",)

    def __init__(self, text: str) -> None:
        self._marks = bytearray(len(text))

    def append(self, span: tuple[int, int]) -> None:
        start, end = span
        self._marks[start:end] = b"\x01" * (end - start)

    def overlaps(self, span: tuple[int, int]) -> bool:
        return 1 in self._marks[span[0] : span[1]]

    def only_by(self, span: tuple[int, int], inner: list[Span]) -> bool:
        """Whether what is taken of span is taken by the inner spans (which lie inside it)."""
        marks = self._marks[span[0] : span[1]]
        for other in inner:
            marks[other.start - span[0] : other.end - span[0]] = bytes(other.end - other.start)
        return 1 not in marks
