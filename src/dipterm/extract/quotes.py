"""Who said what: quotations in marks with their speaker, first-person speech whose marks were
lost ("We remain unchanged ..., Kim Jong Un said"), messages printed whole after "The message
said:", each paragraph a quotation of the sender, and slogans in marks, quoted with no speaker."""

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
# A slogan in marks is quoted though nobody says it: 'this year's slogan "Let us ..."'.
_SLOGAN = re.compile(r"\bslogans?\s*(?:of\s+|reading\s+|saying\s+)?[,:]?\s*$", re.I)
# A message or letter printed whole after "The message said:" (as KCNA prints leaders' messages):
# its paragraphs are the words of whoever sent it.
_PRINTED = re.compile(
    r"\b(?:message|letter|telegram|greetings?)\s+(?:said|says|reads|read)\s*:[ \t]*", re.I
)
_END_MARK = re.compile(r"\s*-0-\s*$")
_FROM_BEFORE = re.compile(r"\b(?:from|sent\s+by)\s+(?:[A-Z][\w'\u2019.-]*\s+){0,4}$")
MAX_PRINTED_PARAGRAPHS = 20


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().rstrip(",").strip()


def find_quotes(ctx: Context) -> list[Quote]:
    quotes: list[Quote] = []
    for index, sentence in enumerate(ctx.sentences):
        text = ctx.text[sentence.start : sentence.end]
        # Most sentences hold no quotation mark, which a substring test tells at once.
        marked = list(_MARKED.finditer(text)) if '"' in text or "\u201c" in text else []
        for m in marked:
            words = _clean(m.group("a") or m.group("b"))
            if len(words.split()) < MIN_WORDS:
                continue  # scare quotes: "clean and treated water"
            if _SLOGAN.search(text, max(0, m.start() - 40), m.start()):
                quotes.append(Quote(None, words, True))  # the wording itself is the news
                continue
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
    if any(word in ctx.text for word in ("said:", "says:", "reads:", "read:")):
        said = {q.text for q in quotes}
        quotes += [q for q in _printed(ctx) if q.text not in said]
    return quotes


def _printed(ctx: Context) -> list[Quote]:
    """The paragraphs of messages printed whole, each a quotation of its sender."""
    quotes: list[Quote] = []
    for m in _PRINTED.finditer(ctx.text):
        sender = _sender(ctx, m.start())
        if sender is None:
            continue  # sent by a committee, an embassy: no person to quote
        rest, _, _ = ctx.text[m.end() :].partition("\n\n")
        if rest.strip():  # "The message said: I ...", on in the same paragraph
            paragraphs = [rest]
        else:
            paragraphs = ctx.text[m.end() :].strip().split("\n\n")[:MAX_PRINTED_PARAGRAPHS]
        for paragraph in paragraphs:
            text = _clean(_END_MARK.sub("", paragraph))
            if len(text.split()) >= MIN_WORDS:
                quotes.append(Quote(sender, text, False))
            if _END_MARK.search(paragraph):
                break  # the end of the report
    return quotes


def _sender(ctx: Context, at: int) -> str | None:
    """Who sent the message printed at: the person it came "from" (or was "sent by") in the two
    paragraphs before, else the person named there before "sent"; none where it came from a
    body."""
    start = ctx.text.rfind("\n\n", 0, max(0, ctx.text.rfind("\n\n", 0, at)))
    start = max(start, ctx.skip_until, 0)
    people = ctx.people_in(start, at)
    for span in people:
        if _FROM_BEFORE.search(ctx.text, max(start, span.start - 60), span.start):
            return span.name
    if re.search(r"\bfrom\b", ctx.text[start:at]):
        return None  # from a party, a committee
    sent = re.search(r"\bsen(?:t|ds|ding)\b", ctx.text[start:at])
    if sent and people and people[0].end <= start + sent.start():
        return people[0].name  # "Kim Jong Un sent ...", not "... sent ... over the death of X"
    return None


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
