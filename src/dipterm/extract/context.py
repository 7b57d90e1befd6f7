"""An article as events and quotes read it: its sentences, the mentions in each, and who "he" is."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from dipterm.extract.sentences import Sentence, split_sentences
from dipterm.extract.spans import Found, Span

PRONOUN = re.compile(r"\b(?:he|she|He|She)\b")
_OPENS_WITH_PRONOUN = re.compile(r"\s*(?:He|She)\b")
# A sentence whose subject is a title alone: "The respected General Secretary was greeted ... by X".
TITLE_SUBJECT = re.compile(
    r"\s*(?:The\s+)?(?:respected\s+|dear\s+)?(?P<title>(?:[A-Z][a-z]+\s+){0,2}[A-Z][a-z]+)\s+[a-z]"
)


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
        named in the nearest earlier sentence that names one, or the one person holding the title
        that sentence opens with as its subject (the people it names after that are others). A
        sentence that itself opens with "he" or "she" goes on with the same subject ("He recalled
        the exploits of X. He met ...": not X), and is passed over."""
        for i in range(index - 1, -1, -1):
            sentence = self.sentences[i]
            people = self.people_in(sentence.start, sentence.end)
            if people and not _OPENS_WITH_PRONOUN.match(self.text, sentence.start, people[0].start):
                return self._title_holder(sentence.start, people[0].start) or people[0].name
        return None

    def _title_holder(self, start: int, first_name: int) -> str | None:
        """The person whose title alone opens the text from start, before any name (at first_name):
        the only one of the article holding it ("General Secretary": "general secretary of the
        Workers' Party of Korea"), or None."""
        found = TITLE_SUBJECT.match(self.text, start, first_name)
        if not found:
            return None
        title = found.group("title").lower()
        holders = {
            name
            for name, roles in self.found.roles.items()
            if any(r.lower() == title or r.lower().startswith(title + " of ") for r in roles)
        }
        return holders.pop() if len(holders) == 1 else None

    def pronoun_person(self, index: int, start: int, end: int) -> str | None:
        """The person a he/she between start and end stands for, if one is there."""
        if PRONOUN.search(self.text[start:end]):
            return self.subject_before(index)
        return None
