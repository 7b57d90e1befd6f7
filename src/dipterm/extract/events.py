"""What happened: meetings, summits, talks, visits, letters and messages, banquets, wreaths laid.

Each event has a type, a date (resolved against the publication date, with where it came from), a
place and participants. A sentence without its own date or place continues the one before it.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterator
from dataclasses import replace
from itertools import compress

from dipterm.extract.context import PRONOUN, Context
from dipterm.extract.gazetteer import words_at
from dipterm.extract.roles import is_leader_role
from dipterm.extract.spans import Span
from dipterm.extract.timeref import MAY_BE_DATE, find_time_refs
from dipterm.models import Event, PartialDate

_OBJECT_NOT_PERSON = r"(?!\s+(?:\w+\s+){0,3}?(?:message|letter|gift|greeting|card|report|congratulat|invitation|telegram|reply|answer|floral|basket|wreath|order|title|prize|medal|watch|award|commendation|certificate|diploma|decoration|badge|donation|aid))"
# What is laid in tribute: wreaths, baskets of flowers, a flower, bouquets.
_TRIBUTE = r"(?:wreaths?|floral\s+baskets?|flower(?:\s+baskets?|s)?|bouquets?)"
TRIGGERS: list[tuple[str, re.Pattern[str]]] = [
    ("wreath-laying", re.compile(
        # "laid the large floral basket": a word may describe it after the article
        rf"\b(?:laid|lay|lays|laying|placed|presented)\s+"
        rf"(?:(?:a|the|their|his|her)\s+(?:[a-z]+\s+)?)?{_TRIBUTE}\b|\bwreath-laying\b"
        # "Wreaths ... were placed at ...", "Laid before the photo of ... was a wreath"
        rf"|\b{_TRIBUTE}\b[^.]{{0,120}}?\b(?:was|were)\s+(?:laid|placed)\b"
        rf"|\b(?:laid|placed)\b[^.]{{0,120}}?\b(?:was|were)\s+(?:(?:a|the|also|their|his|her)\s+)?"
        rf"{_TRIBUTE}\b", re.I)),
    ("letter", re.compile(
        r"\b(?:conveyed|sent|sending|delivered|handed|received|forwarded|addressed|wrote)\b"
        r"[^.]{0,80}?\bletters?\b|\bletters?\b[^.]{0,160}?\b(?:was|were)\s+(?:[a-z]+\s+(?:and\s+)?){0,3}?"
        r"(?:conveyed|sent|delivered|handed)", re.I)),
    ("message", re.compile(
        r"\b(?:conveyed|sent|sending|delivered|received|forwarded|addressed)\b[^.]{0,80}?\bmessages?\b", re.I)),
    ("banquet", re.compile(r"(?<!will\s)\b(?:banquets?|dinner|luncheon|reception)\b(?!\s+room)", re.I)),
    ("talks", re.compile(
        r"\b(?:had|held)\s+(?:a\s+|an\s+)?(?:\w+\s+){0,2}talks?\b|\btalks?\s+(?:was|were)\s+held\b"
        r"|\bthere\s+(?:was|were)\s+(?:\w+\s+)?talks?\b|^(?:[\w-]+\s+)?talks?\s+between\b[^.]*?\b(?:took\s+place|(?:was|were)\s+held)\b", re.I)),
    ("summit", re.compile(
        r"\bsummit\s+(?:talks|meeting)s?\s+(?:was|were)\s+held\b|\bheld\s+(?:a\s+|the\s+)?summit\b", re.I)),
    ("meeting", re.compile(
        rf"\b(?:met|meets|received|receives){_OBJECT_NOT_PERSON}\b|\bpaid\s+a\s+(?:\w+\s+)?call\s+on\b"
        r"|\bpresented\s+(?:his|her|their)\s+credentials\b|\breceived\s+(?:the\s+)?credentials\b", re.I)),
    ("visit", re.compile(
        r"\b(?:visited|toured|paid\s+(?:a|an)\s+(?:\w+\s+){0,2}visit)\b", re.I)),
    ("signing", re.compile(r"\bsigned\b", re.I)),
    ("arrival", re.compile(
        r"\barrived\s+(?:in|here)\b|\b(?:returned|came\s+back)\s+home\b"
        # not at a spot nobody names: "When he arrived at the venue of the photo session"
        r"|\barrived\s+at\b(?!\s+the\s+(?-i:(?!airport|station|railway|port|border)[a-z]))", re.I)),
    ("departure", re.compile(r"\bleft\s+(?:here|Pyongyang|for)\b", re.I)),
]  # fmt: skip
# A party's or state's body in session is a meeting too ("The 4th Plenary Meeting of ... was
# convened"), not one a clause only speaks of ("which was held"). Searched for apart from the
# other meeting triggers: its words ("bureau", "session") stand in many sentences that meet nobody.
SESSION = re.compile(
    r"\b(?:(?:plenary|enlarged)\s+(?:plenary\s+)?meeting|sitting|politburo\s+meeting"
    r"|political\s+bureau\s+meeting|meeting\s+of\s+the\s+political\s+bureau"
    r"|(?:\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth"
    r"|ordinary|extraordinary|plenary)\s+session)\b(?:(?!\bwhich\b|\bthat\b)[^.]){0,160}?"
    r"\b(?:was|were)\s+(?:held|convened|opened)\b",
    re.I,
)
TRIGGERS.append(("meeting", SESSION))
NO_PLACE = {"letter", "message"}
# Events kept with nobody named (a banquet given, wreaths laid), so a sentence after one does not
# name its participants unless it says who else was there.
_KEPT_EMPTY = ("banquet", "wreath-laying")
_NEWS_WITHOUT_NAMES = (*_KEPT_EMPTY, "arrival", "departure")
_HERE = re.compile(r"\bhere\b")


class _Caseless:
    """A case-insensitive pattern of lower-case words, run case-sensitively over the lower-cased
    text where that is ASCII (re.IGNORECASE is several times slower); as written elsewhere, since
    lower-casing other scripts can move offsets."""

    def __init__(self, pattern: str) -> None:
        self.lower, self.any_case = re.compile(pattern), re.compile(pattern, re.I)

    def search(self, text: str, lowered: str | None) -> re.Match[str] | None:
        return self.lower.search(lowered) if lowered is not None else self.any_case.search(text)


# The words each trigger cannot match without, by its kind ("session": SESSION): a sentence is
# searched only with the triggers whose words it holds, as whole words, in any case.
_NEEDS = {
    "wreath-laying": ("wreath", "wreaths", "basket", "baskets", "bouquet", "bouquets", "flower",
                      "flowers"),
    "letter": ("letter", "letters"),
    "message": ("message", "messages"),
    "banquet": ("banquet", "banquets", "dinner", "luncheon", "reception"),
    "talks": ("talk", "talks"),
    "summit": ("summit",),
    "meeting": ("met", "meets", "received", "receives", "call", "credentials"),
    "session": ("plenary", "enlarged", "sitting", "politburo", "bureau", "session"),
    "visit": ("visit", "visited", "toured"),
    "signing": ("signed",),
    "arrival": ("arrived", "returned", "came"),
    "departure": ("left",),
}  # fmt: skip
_KIND_OF_WORD = {word: kind for kind, words in _NEEDS.items() for word in words}
_NEEDS_OF_TRIGGER = ["session" if pattern is SESSION else kind for kind, pattern in TRIGGERS]
_NEEDED_WORD = _Caseless(r"\b(?:" + "|".join(sorted(_KIND_OF_WORD, key=len, reverse=True)) + r")\b")
# A sentence that only says who else took part belongs to the event before it. An entourage
# ("was accompanied by ...") does not take part, as the seeds' annotations have it.
FOLLOW_ON = _Caseless(
    r"^(?:present\b[^.;]{0,100}?\bwere|on\s+hand\s+were|among\s+them\s+were)\b"
    r"|\b(?:was|were)\s+(?:warmly\s+)?(?:greeted|seen\s+off|sent\s+off|welcomed|received)\b"
    # "X and other officials were present there", "The delegation is headed by X"
    r"|\b(?:was|were)\s+(?:also\s+)?(?:present|on\s+hand)\b|\b(?:is|was)\s+(?:headed|led)\s+by\b"
)
# Who met the visitors as they came or went: "Kim Jong Gyu ... greeted the foreign minister".
GREETED_THEM = _Caseless(r"\b(?:warmly\s+)?(?:greeted|welcomed|saw\s+off)\s+(?:the|them|him|her)\b")
# Who visits where nobody is named: the people at large, before the trigger and with no pronoun
# or delegation between ("Officials, working people and schoolchildren across the country
# visited the statues"; not "They also toured", whose visitors were named before).
_CROWD = _Caseless(
    r"\b(?:officials|people|personnel|servicepersons|servicemen|youth|students|schoolchildren"
    r"|children|pupils|visitors|tourists|citizens|compatriots|residents|inhabitants)\b"
    r"(?:(?!\b(?:he|she|they|it|delegation|delegations|who|which|that)\b)[^.;])*$"
)
# A trigger inside such a clause reports an earlier past, not this article's event.
REPORTED_PAST = _Caseless(r"\b(?:fact|recall\w*|remember\w*|saying|noting|recollect\w*)\s+that\b")
# How many sentences on from an event one without a trigger may still name its people, where the
# event has none yet: "A delegation arrived. It was led by X." (one saying who else was there,
# "Present were ...", may be further on).
_NEAR = 2
FOLDED_INTO = {"talks": ("meeting", "summit")}  # talks held at a meeting are that meeting


def _follows_on(text: str, lowered: str | None, before: Event) -> bool:
    """Whether a sentence only says who else took part in the event before: FOLLOW_ON (every
    branch of which says "was", "were" or "... is headed by": most sentences are ruled out by
    looking for those), or, after an arrival or departure, who greeted or saw off the visitors."""
    if before.type in ("arrival", "departure") and GREETED_THEM.search(text, lowered):
        return True
    if lowered is not None and not ("was" in lowered or "were" in lowered or "ed by" in lowered):
        return False
    return FOLLOW_ON.search(text, lowered) is not None


def _triggers_in(text: str, lowered: str | None) -> list[tuple[str, re.Pattern[str]]]:
    """The triggers that may match in a sentence: in an ASCII one, those whose words it holds
    (one search of the lower-cased text); in any other, all of them if any word is there."""
    if lowered is None:
        return TRIGGERS if _NEEDED_WORD.search(text, None) else []
    return _triggers_of({_KIND_OF_WORD[word] for word in _NEEDED_WORD.lower.findall(lowered)})


def _triggers_of(kinds: set[str]) -> list[tuple[str, re.Pattern[str]]]:
    if not kinds:
        return []
    return [t for t, needs in zip(TRIGGERS, _NEEDS_OF_TRIGGER, strict=True) if needs in kinds]


def _needed_words(text: str) -> tuple[list[int], list[str]]:
    """Where in an ASCII text the words the triggers need begin, and the kind each is needed by:
    read from the text's words, split and keyed once for the gazetteer (a search of each sentence
    for them cost more)."""
    offsets, keys = words_at(text)
    found = list(compress(range(len(keys)), map(_KIND_OF_WORD.__contains__, keys)))
    return [offsets[2 * k] for k in found], [_KIND_OF_WORD[keys[k]] for k in found]


def find_events(ctx: Context, published: PartialDate | None) -> list[Event]:
    events: list[Event] = []
    narrative_date: tuple[PartialDate, str] | None = None
    narrative_place: str | None = None
    here: set[int] = set()  # the events that happened "here", by their index in events
    # Where date words are in the whole article: a sentence without one is not searched for
    # dates. Each match is at most 9 letters long, so a sentence's own first match begins at
    # most 8 letters before one found in the whole text begins, or at it.
    date_at = [m.start() for m in MAY_BE_DATE.finditer(ctx.text)]
    ascii_text = ctx.text.isascii()
    needed_at, needed = _needed_words(ctx.text) if ascii_text else ([], [])
    reported_at = 0  # the sentence of the last event found
    crowds: set[int] = set()  # visits by the people at large, by their index in events
    for index, sentence in enumerate(ctx.sentences):
        start = max(sentence.start, ctx.skip_until)
        if start >= sentence.end:
            continue
        text = ctx.text[start : sentence.end]
        i = bisect_left(date_at, start - 8)
        own_date = None  # the date this sentence gives
        if i < len(date_at) and date_at[i] < sentence.end:
            refs = find_time_refs(text, published)
            if refs:
                narrative_date = own_date = (refs[0].date, refs[0].basis)
        lowered = text.lower() if text.isascii() else None
        if ascii_text:  # the kinds of the needed words the sentence holds
            begin, stop = bisect_left(needed_at, start), bisect_left(needed_at, sentence.end)
            candidates = _triggers_of(set(needed[begin:stop]))
        else:
            candidates = _triggers_in(text, lowered)
        if not candidates and not events:
            continue  # nothing to report, nothing to join to
        found_types = []
        if candidates:
            reported = REPORTED_PAST.search(text, lowered)
            found_types = [
                (kind, m)
                for kind, pattern in candidates
                if (m := pattern.search(text)) and not (reported and m.start() > reported.start())
            ]
        if not found_types:
            # A sentence without a trigger adds its people to the event before it, if that one
            # has none yet or the sentence says who else was there.
            if not events or (
                (
                    events[-1].participants
                    or events[-1].type in _KEPT_EMPTY
                    or index - reported_at > _NEAR  # far on, the article speaks of other things
                )
                and not _follows_on(text, lowered, events[-1])
            ):
                continue
            people = _people(ctx, index, start, sentence.end)
            if people and events[-1].type not in NO_PLACE:
                absent = _sent_from_afar(ctx, start, sentence.end)
                people = [p for p in people if p not in absent]
            if people:
                places = ctx.within(start, sentence.end, "place")
                events = _join_same_sentence([*events[:-1], _joined(events[-1], people, places)])
            continue
        reported_at = index
        people = _people(ctx, index, start, sentence.end)
        absent = _sent_from_afar(ctx, start, sentence.end)
        places = [p for p in ctx.within(start, sentence.end, "place") if not _in_a_title(ctx, p)]
        for kind, m in found_types:
            after = [p for p in places if p.start >= start + m.start()]
            place = (after or places or [None])[0]
            place_name = place.name if place else None
            # The people at large visiting, nobody named: across the country, to the statues
            # of their own towns, over days; where and when are what this sentence says.
            crowd = (
                kind == "visit"
                and not people
                and not text.startswith(" by", m.end())  # "farms visited by him"
                # nor one someone named led: "Kim Jong Un, who ..., repeatedly visited"
                and not ctx.within(start, start + m.start(), "person")
                and _CROWD.search(
                    text[: m.start()], lowered[: m.start()] if lowered is not None else None
                )
                is not None
            )
            if kind in NO_PLACE or m.group().endswith(" home"):
                place_name = None  # "returned home after visiting Amur Region": not there
            elif ctx.here and (
                m.group().endswith("here") or (place is None and _HERE.search(text, m.start()))
            ):
                # "left here for Russia", "signed here": where the report was written, unless a
                # sentence after it says more ("greeted at the airport"). Other places in this
                # one are where the visitors came from or go to.
                place_name, narrative_place = None, ctx.here
                here.add(len(events))
            elif place_name is None:
                place_name = None if crowd else narrative_place or _embassy_city(ctx, text, start)
            else:
                narrative_place = place_name
            if kind in ("meeting", "talks") and _is_summit(ctx, people):
                kind = "summit"
            date, basis = (own_date if crowd else narrative_date) or (None, None)
            if crowd:
                crowds.add(len(events))
            present = people if kind in NO_PLACE else [p for p in people if p not in absent]
            parts = _letter_parts(ctx, index, start, sentence.end, start + m.start(), present)
            events.append(
                Event(
                    kind, date, basis, place_name, tuple(present), sentence.text.strip(),
                    parts if kind in NO_PLACE else (),
                )
            )  # fmt: skip
    events = [
        replace(e, place=ctx.here) if i in here and e.place is None else e
        for i, e in enumerate(events)
    ]
    # An event nobody is named in is kept where it is news without names: a banquet, wreaths
    # laid, a delegation come or gone, the people at large visiting.
    return _merge(
        [
            e
            for i, e in enumerate(events)
            if e.participants or e.type in _NEWS_WITHOUT_NAMES or i in crowds
        ]
    )


# Whom an event honours or mourns, not who took part in it: "condolences over the death of X",
# "paid tribute to the statues of President X and Chairman Y" (and the rest of such a list).
_HONOURED = re.compile(
    r"\b(?:birth|death|demise|passing(?:\s+away)?|memory|bier|funeral|graves?|tombs?|photos?|portraits?"
    r"|statues?|busts?|mosaics?|murals?|birthplace|native\s+home|old\s+home|(?:former\s+)?residence"
    r"|feats|exploits"
    # whose likeness it is: "the full-length paintings of X", "pictures of X", "images of X"
    r"|paintings?|pictures?|images?|likeness(?:es)?)"
    # "bust of war heroine X", "the busts of Kim Chaek, An Kil, X": names not known between
    r"\s+of\s+(?:[\w'\u2019.-]+,?\s+){0,6}$"
    r"|\b(?:depicting|portraying)\s+(?:[\w'\u2019.-]+\s+){0,4}$"  # "the mosaic depicting X"
    # the dead, after their honours: "the bier of winner of Kim Il Sung Order and ... X"
    r"|\b(?:bier|death|demise|funeral)\s+of\s+(?:[\w'\u2019.-]+\s+){0,14}$"
    # whose birthday is celebrated, the name next: not "the birthday of the DPRK led by X"
    r"|\b(?:birth\s+anniversary|birthday)\s+of\s+(?:[\w'\u2019.-]+\s+){0,2}$"
    r"|\bthe\s+late\s+(?:[\w'\u2019.-]+\s+){0,2}$"  # "flowers for the late X"
    # whose words or tasks are spoken of: "the tasks set forth by the respected Comrade X"
    r"|\b(?:set\s+forth|put\s+forward|advanced|indicated|clarified)\s+by\s+(?:[\w'\u2019.-]+\s+){0,4}$"
    # who founded or glorified what the sentence speaks of: "the DPRK, founded by X"
    r"|\b(?:founded|glorified|pioneered|created)\s+by\s+(?:[\w'\u2019.-]+\s+){0,4}$"
    # who once visited a place: "units which were visited by X for firsthand guidance"
    r"|\b(?:which|that)\s+(?:were|was|had\s+been|have\s+been|has\s+been)\s+visited\s+by\s+"
    r"(?:[\w'\u2019.-]+\s+){0,4}$"
    r"|\b(?:works?|speech|teachings?|instructions?|behests?|policy|ideas?|thoughts?|leadership)"
    r"\s+of\s+(?:[\w'\u2019.-]+\s+){0,4}$"
    # to whom the visitors bow: "made a bow to X", "paid homage to X", "paid tribute to X"
    r"|\b(?:bow(?:ed|s)?|tribute|homage|respects|reverence)\s+(?:to|before)\s+(?:[\w'\u2019.-]+\s+){0,4}$"
    # whom they trust, are loyal to, long for or are guided by: "boundless trust in X", "loyalty
    # to X", "yearning for X", "under the guidance of X", "the cause of X"
    r"|\b(?:(?:trust|faith|confidence|belief)\s+in|(?:loyalty|loyal|fidelity|faithful|devotion|devoted"
    r"|allegiance|true)\s+to|(?:reverence|yearning|longing|respect|admiration)\s+for"
    r"|(?:guidance|care|cause|esteem)\s+of)\s+(?:[\w'\u2019.-]+\s+){0,4}$"
    # whose day is marked: "the 10th anniversary of leader X's visit" (not "of the DPRK led by X")
    r"|\banniversary\s+of\s+(?:(?!(?:by|led|headed)\s)[\w'\u2019.-]+\s+){0,4}$"
)
# Whom people hold in esteem, named before it: "the forerunners who held X in high esteem".
_HELD_IN_ESTEEM = re.compile(r"\s+in\s+(?:(?:high|great|deep|boundless)\s+)?(?:esteem|reverence)\b")
_LIST_GOES_ON = re.compile(
    # names the extractor does not know may stand between: "the busts of X, Kim Il, Y"
    r"(?:\s*,\s*(?:and\s+)?|\s+and\s+)(?:[\w'\u2019.-]+,?\s+){0,6}$"
    # "the painting of X standing together with Y"
    r"|\s+standing\s+(?:together\s+)?with\s+(?:[\w'\u2019.-]+\s+){0,4}$"
    # "family members of X, a fighter in China, and of Y": "and of" goes on past an appositive
    r"|,[^.;]{0,100}?\band\s+of\s+(?:[\w'\u2019.-]+\s+){0,6}$"
)
# What someone said: the people named in it are spoken of, not there ("They said that the DPRK,
# founded by X, ... as it is led by Y").
_SAID_THAT = re.compile(
    r"\b(?:said|say|says|noted|notes|stressed|stresses|emphasi[sz]ed|pointed\s+out|added|declared"
    r"|expressed\s+the\s+(?:belief|hope|conviction))\s+that\b"
)
_LYING_IN_STATE = re.compile(r"\bwhere\s+[^.]{0,100}?\s+lies?\s+in\s+state\b")


# Whose greetings or gifts were brought, or on whose behalf: at a meeting, not there ("conveyed
# the greetings from Kim Jong Un to the king"); in a letter or message, its sender.
# Whose family came ("family members of X, Y and Z left here"): X, Y and Z, most often late, did
# not; a letter to or from the family is theirs too.
_FROM_AFAR = re.compile(
    r"\b(?:(?:greetings?|regards|wishes|message|letter|gifts?)\s+(?:of|from)|on\s+behalf\s+of"
    r"|(?P<family>(?:[Ff]amil(?:y|ies)(?:\s+members?)?|[Rr]elatives)\s+of))"
    r"\s+(?:[\w'\u2019.-]+\s+){0,4}$"
)


# Whose things a sentence speaks of, named in the possessive: "President X's autographic
# proposition left for the graduates", "X's old home": their own visit or talks, or a speech they
# gave there, excepted; a letter's or message's sender is read by its own rules.
_POSSESSOR = re.compile(
    r"['\u2019]s\s+(?!(?:[\w-]+\s+){0,3}?(?:visits?|trip|tour|stay|talks|speech\s+at|toast)\b)"
)
_NEW_CLAUSE = re.compile(r"\b(?:that|which|who|headed|led|while|when|whereas|for)\b|[;:]")


def _marked(
    ctx: Context, start: int, end: int, opens: Callable[[Span, int], bool]
) -> Iterator[tuple[Span, bool]]:
    """Each person a sentence names, and whether opens(span, end of the person before) marks
    them or a list a marked person opened goes on to them ("the statues of President X and
    Chairman Y", "the families of X, Y and Z")."""
    marked, previous = False, start
    for span in ctx.people_in(start, end):
        marked = bool(
            opens(span, previous)
            or (marked and _LIST_GOES_ON.match(ctx.text, previous, span.start))
        )
        previous = span.end
        yield span, marked


# What a letter's or message's people did, by the verb they are the subject of.
_LETTER_VERB = re.compile(
    r"\b(?P<sent>sent|sending|sends|wrote|writes|addressed)\b|\b(?P<got>received|receives)\b"
    r"|\b(?P<brought>conveyed|conveys|delivered|delivers|handed|hands|forwarded|carried|brought)\b"
)
_TO_OR_FROM = re.compile(r"\b(from|to)\s+(?:(?!(?:from|to)\s)[\w'\u2019.-]+\s+){0,5}$")
_BROUGHT_BY = re.compile(
    r"\b(?:conveyed|delivered|handed|forwarded|carried|brought)\s+(?:over\s+)?by\s+"
    r"(?:[\w'\u2019.-]+\s+){0,4}$"
)
_POSSESSIVE_LETTER = re.compile(r"['\u2019]s\s+(?:[\w-]+\s+){0,3}?(?:letters?|messages?)\b")


def _letter_parts(
    ctx: Context, index: int, start: int, end: int, trigger: int, people: list[str]
) -> tuple[tuple[str, str], ...]:
    """Who sent a letter or message, who it went to and who carried it: a name after "from" or
    "X's letter" sent it, one after "to" got it; the subject of "sent" or "wrote" sent it, of
    "received" got it, of "conveyed", "delivered", "handed" carried it when another sent it (else
    sent it), of "delivered by" carried it; one thanked "for sending" it sent it, who thanked them
    got it. Names the sentence gives no part stay without one."""
    verb = _LETTER_VERB.search(ctx.text, trigger, end)
    at: dict[str, tuple[int, int]] = {}  # where each is first named
    for span in ctx.people_in(start, end):
        at.setdefault(span.name, (span.start, span.end))
    pronoun = PRONOUN.search(ctx.text, start, end)
    subject = ctx.pronoun_person(index, start, end)
    if subject and subject not in at and pronoun:
        at[subject] = pronoun.span()
    parts: dict[str, str] = {}
    # "X thanked Y for sending a letter": Y sent it, X got it.
    thanked = verb is not None and ctx.text.endswith("for ", 0, verb.start())
    before = [n for n in people if n in at and at[n][0] < (verb.start() if verb else start)]
    for name in people:
        if name not in at:
            continue
        pos, after = at[name]
        cue = _TO_OR_FROM.search(ctx.text, max(start, pos - 60), pos)
        if thanked and name in before:
            parts[name] = "sender" if name == max(before, key=lambda n: at[n][0]) else "addressee"
        elif _BROUGHT_BY.search(ctx.text, max(start, pos - 60), pos):
            parts[name] = "carrier"
        elif cue:
            parts[name] = "sender" if cue.group(1) == "from" else "addressee"
        elif _POSSESSIVE_LETTER.match(ctx.text, after):
            parts[name] = "sender"
        elif verb and pos < verb.start():
            parts[name] = (
                "sender" if verb.group("sent") else "addressee" if verb.group("got") else "?"
            )
    for name, part in parts.items():
        if part == "?":  # who conveyed another's letter carried it
            parts[name] = "carrier" if "sender" in parts.values() else "sender"
    return tuple(parts.items())


def _reports_an_event(text: str) -> bool:
    """Whether a clause holds an event's trigger of its own."""
    lowered = text.lower() if text.isascii() else None
    return any(pattern.search(text) for _, pattern in _triggers_in(text, lowered))


def _sent_from_afar(ctx: Context, start: int, end: int) -> set[str]:
    """The people of a sentence whose greetings, family or things stand for them (and those
    listed after them: "the families of X, Y and Z"; "X's proposition"). Once a sentence speaks of
    families, whom it names after are theirs ("family members of martyr X, fighters in China Y
    and Z, and Chinese related to the struggle W")."""
    families = False

    def opens(span: Span, previous: int) -> bool:
        nonlocal families
        found = _FROM_AFAR.search(ctx.text, max(start, span.start - 80), span.start)
        if families and _NEW_CLAUSE.search(ctx.text, previous, span.start):
            families = False  # "... the families of X, for making sure that a delegation led by Y"
        families = families or bool(found and found.group("family"))
        return bool(found) or families or _POSSESSOR.match(ctx.text, span.end) is not None

    return {span.name for span, absent in _marked(ctx, start, end, opens) if absent}


def _people(ctx: Context, index: int, start: int, end: int) -> list[str]:
    """The people a sentence names who took part, a he/she first as the person it stands for."""
    lying = _LYING_IN_STATE.search(ctx.text, start, end)  # "the halls where X and Y lie in state"
    said = _SAID_THAT.search(ctx.text, start, end)
    if said and _reports_an_event(ctx.text[said.end() : end]):
        said = None  # "He said that X sent a message": what is said is the event, X its sender

    def opens(span: Span, previous: int) -> bool:
        return bool(
            _HONOURED.search(ctx.text, max(start, span.start - 100), span.start)
            or _HELD_IN_ESTEEM.match(ctx.text, span.end)
            or (lying and lying.start() < span.start < lying.end())
            or (said and span.start > said.end())
        )

    marked = list(_marked(ctx, start, end, opens))
    people = [span.name for span, honoured in marked if not honoured]
    subject = ctx.pronoun_person(index, start, end)
    # Not one the sentence honours: "portraits of X, recalling the feats he performed".
    if subject and all(span.name != subject for span, _ in marked):
        people.insert(0, subject)
    return list(dict.fromkeys(people))


_EMBASSY = re.compile(r"\b[Ee]mbassy\b")
_EMBASSY_IN = re.compile(r"\b[Ee]mbassy\s+in\s+$")


def _embassy_city(ctx: Context, text: str, start: int) -> str | None:
    """Where "the embassy" of a sentence that names no place is: the city an earlier sentence
    gave it ("the DPRK embassy in Phnom Penh ... visited the DPRK embassy")."""
    if not _EMBASSY.search(text):
        return None
    for place in ctx.within(0, start, "place"):
        if _EMBASSY_IN.search(ctx.text, max(0, place.start - 20), place.start):
            return place.name
    return None


def _in_a_title(ctx: Context, place: Span) -> bool:
    """Whether a place is named in the title of a person next to it, and so is no place where
    anything happens: "Kong Sam Ol, deputy prime minister in charge of the Royal Palace",
    "Governor of Tokyo Yuriko Koike"."""
    near = ctx.within(max(0, place.start - 150), min(len(ctx.text), place.end + 10), "person")
    return any(
        (person.end <= place.start or person.start >= place.end)
        and any(_domain_of(place.text, role) for role in ctx.found.roles.get(person.name, ()))
        and not _SENTENCE_GAP.search(
            ctx.text,
            min(person.end, place.end),
            max(person.start, place.start),
        )
        for person in near
    )


def _domain_of(place: str, role: str) -> bool:
    """Whether a place is what a role is of, to or for ("in charge of the Royal Palace", "consul
    general to Chongjin"), not where its holder was ("president of Laos at the Palace")."""
    at = role.find(place)
    return at > 0 and _OF_TO_FOR.search(role, 0, at) is not None


_OF_TO_FOR = re.compile(r"\b(?:of|to|for)\s+(?:the\s+)?$")
# What no title runs over: a sentence's end or a clause's verb.
_SENTENCE_GAP = re.compile(r"[.;:]\s|\b(?:visited|met|arrived|left|laid|attended|held)\b")


def _joined(event: Event, people: list[str], places: list) -> Event:
    """The event with the people (and, if it had none, the place) of a follow-on sentence."""
    place = event.place
    if place is None and places and event.type not in NO_PLACE:
        place = places[0].name
    return replace(
        event, participants=tuple(dict.fromkeys(event.participants + tuple(people))), place=place
    )


def _join_same_sentence(events: list[Event]) -> list[Event]:
    """Events of one sentence share what a follow-on sentence adds."""
    if len(events) < 2:
        return events
    last = events[-1]
    for i in range(len(events) - 2, -1, -1):
        if events[i].sentence != last.sentence:
            break
        extra = tuple(p for p in last.participants if p not in events[i].participants)
        events[i] = replace(events[i], participants=events[i].participants + extra)
    return events


# An office of the DPRK's own: two who hold such offices meeting make no summit.
_DPRK_OFFICE = re.compile(
    r"\b(?:DPRK|Democratic People's Republic of Korea|Workers' Party of Korea|WPK"
    r"|Supreme People's Assembly|State Affairs)\b"
)


def _is_summit(ctx: Context, people: list[str]) -> bool:
    """Two heads of state or party meet, not both of the DPRK."""
    leaders = [[r for r in ctx.found.roles.get(p, ()) if is_leader_role(r)] for p in people]
    leaders = [held for held in leaders if held]
    foreign = [held for held in leaders if not any(_DPRK_OFFICE.search(r) for r in held)]
    return len(leaders) >= 2 and len(foreign) >= 1


def _merge(events: list[Event]) -> list[Event]:
    """One event a (type, date, place); talks on the day of a meeting are part of it."""
    merged: dict[tuple, Event] = {}
    for event in events:
        key = (event.type, event.date, event.place)
        if key in merged:
            old = merged[key]
            merged[key] = replace(
                old,
                participants=tuple(dict.fromkeys(old.participants + event.participants)),
                parts=tuple(dict.fromkeys(old.parts + event.parts)),
            )
        else:
            merged[key] = event
    result = list(merged.values())
    for event in list(result):
        hosts = [
            e for e in result if e.type in FOLDED_INTO.get(event.type, ()) and e.date == event.date
        ]
        if hosts:
            result.remove(event)
            i = result.index(hosts[0])
            result[i] = replace(
                hosts[0],
                participants=tuple(dict.fromkeys(hosts[0].participants + event.participants)),
            )
    return result
