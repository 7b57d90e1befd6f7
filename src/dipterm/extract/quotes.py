"""Who said what: quotations in marks with their speaker, and first-person speech whose marks were
lost ("We remain unchanged ..., Kim Jong Un said")."""

from __future__ import annotations

import re

from dipterm.extract.context import Context
from dipterm.models import Quote

SPEECH = (
    r"said|says|saying|stressed|noted|added|adding|declared|emphasized|emphasised|underlined|"
    r"pointed\s+out|told|promised|quoting|quoted|wrote|stated|remarked|asked|urged|called|"
    r"affirmed|reaffirmed|expressed|hoped|assured|warned|clarified|recalled|continued"
)
_SPEECH = re.compile(rf"\b(?:{SPEECH})\b", re.I)
_MARKED = re.compile(r"\u201c(?P<a>[^\u201c\u201d]{3,2000})\u201d|\"(?P<b>[^\"]{3,2000})\"")
_FIRST_PERSON = re.compile(r"\b(?:[Ww]e|[Oo]urs?|us|I|[Mm]y|me)\b")  # not "US"
_UNMARKED = re.compile(
    rf"^(?P<text>[^\"\u201c\u201d]{{20,}}?),\s*(?P<who>[A-Z][\w'\u2019 .-]{{1,60}}?|he|she)\s+"
    rf"(?:{SPEECH})\b"
)
MIN_WORDS = 4


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().rstrip(",").strip()


def find_quotes(ctx: Context) -> list[Quote]:
    quotes: list[Quote] = []
    for index, sentence in enumerate(ctx.sentences):
        text = ctx.text[sentence.start : sentence.end]
        marked = list(_MARKED.finditer(text))
        for m in marked:
            words = _clean(m.group("a") or m.group("b"))
            if len(words.split()) < MIN_WORDS:
                continue  # scare quotes: "clean and treated water"
            outside = text[: m.start()] + " " * (m.end() - m.start()) + text[m.end() :]
            if not _SPEECH.search(outside):
                continue
            speaker = _speaker(ctx, index, sentence.start, m.start(), m.end(), sentence.end)
            if speaker:
                quotes.append(Quote(speaker, words, True))
        if marked:
            continue
        m = _UNMARKED.match(text.strip()) if "," in text else None  # it ends at a comma
        if m and _FIRST_PERSON.search(m.group("text")):
            offset = sentence.start + text.find(m.group("who"), len(m.group("text")))
            people = ctx.people_in(offset, offset + len(m.group("who")) + 1)
            speaker = people[0].name if people else None
            if speaker is None and m.group("who").lower() in ("he", "she"):
                speaker = ctx.subject_before(index)
            if speaker:
                quotes.append(Quote(speaker, _clean(m.group("text")), False))
    return quotes


def _speaker(
    ctx: Context, index: int, s_start: int, q_start: int, q_end: int, s_end: int
) -> str | None:
    """The person outside the quotation nearest to it; a he/she is the subject before."""
    before = ctx.people_in(s_start, s_start + q_start)
    after = ctx.people_in(s_start + q_end, s_end)
    # The quotation opens the sentence (or its main clause): the speaker follows it.
    if (q_start < 3 or not before) and after:
        return after[0].name
    if before:
        return before[-1].name
    return ctx.pronoun_person(index, s_start, s_end)
