"""An article as events and quotes read it: its sentences, the mentions in each, and who "he" is."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from dipterm.extract.entities import Found, Span
from dipterm.extract.sentences import Sentence, split_sentences

PRONOUN = re.compile(r"\b(?:he|she|He|She)\b")


@dataclass
class Context:
    text: str
    found: Found
    sentences: tuple[Sentence, ...]
    skip_until: int = 0  # a dateline is the report's, not an event's
    here: str | None = None  # the place "here" means: the dateline's, or the outlets' Pyongyang
    _by_kind: dict[str, tuple[list[int], list[Span]]] = field(default_factory=dict, repr=False)

    @classmethod
    def of(cls, text: str, found: Found, skip_until: int = 0, here: str | None = None) -> Context:
        return cls(text, found, split_sentences(text), skip_until, here)

    def within(self, start: int, end: int, kind: str) -> list[Span]:
        """The mentions of a kind that lie between start and end, in order. Found by bisection,
        without reading every mention of the article: they are sorted by offset by then."""
        index = self._by_kind.get(kind)
        if index is None:
            spans = [s for s in self.found.spans if s.kind == kind]
            index = self._by_kind[kind] = ([s.start for s in spans], spans)
        starts, spans = index
        result = []
        for i in range(bisect_left(starts, start), len(spans)):
            span = spans[i]
            if span.start >= end:
                break
            if span.end <= end:
                result.append(span)
        return result

    def people_in(self, start: int, end: int) -> list[Span]:
        return self.within(max(start, self.skip_until), end, "person")

    def subject_before(self, index: int) -> str | None:
        """The person a sentence-initial "he" or "she" in sentence index refers to: the first person
        named in the nearest earlier sentence that names one."""
        for i in range(index - 1, -1, -1):
            people = self.people_in(self.sentences[i].start, self.sentences[i].end)
            if people:
                return people[0].name
        return None

    def pronoun_person(self, index: int, start: int, end: int) -> str | None:
        """The person a he/she between start and end stands for, if one is there."""
        if PRONOUN.search(self.text[start:end]):
            return self.subject_before(index)
        return None
