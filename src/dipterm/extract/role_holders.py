"""Which roles each person of an article holds: the title before the name, the roles after it
("Name, role"), a plural role shared by a list of names, and "the ROLE" referring back to its
holder."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from functools import lru_cache

from dipterm.extract import roles
from dipterm.extract.gazetteer import demonyms
from dipterm.extract.institutions import STATE_OF_COUNTRY
from dipterm.extract.people import title_before
from dipterm.extract.sentences import split_sentences
from dipterm.extract.spans import Found, Span, Taken


def assign_roles(text: str, found: Found) -> None:
    """Give each person found the title written before the name and the roles after it up to the
    next person of a list or the sentence's end; share a plural role among the names it follows;
    keep the fullest of roles that say the same."""
    people = sorted(found.of_kind("person"), key=lambda s: s.start)
    ends = [s.end for s in split_sentences(text)]
    titles = {span.start: title_before(text, span.start) for span in people}
    for index, span in enumerate(people):
        before = titles[span.start]
        if before:
            add_role(found, span.name, before)
        # "X, vice-minister of ...", and "X who is commander of ..." with no comma
        opens = 1 if text[span.end : span.end + 1] == "," else 0
        if (
            not opens
            and (who := _WHO_IS.match(text, span.end))
            and not _COMRADE.search(text, max(0, span.start - 10), span.start)
        ):  # "... Committee for the Great Leader Comrade Kim Il Sung who is": the chairman
            opens = who.end() - span.end
        if opens:
            sentence_end = next((e for e in ends if e >= span.end), len(text))
            stop = _next_in_list(text, span.end, sentence_end, people[index + 1 :], titles)
            after, _ = roles.roles_after(text[span.end + opens : stop])
            for role in after:
                add_role(found, span.name, role)
    _share_plural_roles(text, people, found)
    for name, held in found.roles.items():
        found.roles[name] = drop_contained(held)


_COMRADE = re.compile(r"\bComrade\s+$")
_WHO_IS = re.compile(r"[ \t]+who[ \t]+is[ \t]+(?:also[ \t]+)?")
# A comma or "and", then nothing but capitalised words (a title, the diplomats' "Charge
# d'Affaires ad interim" too) up to a name: a list goes on.
_LISTED_BEFORE = re.compile(
    r"(?:,|\band)\s*(?:(?:the|respected|ad|interim|a\.i\.|d['\u2019][A-Za-z]+|[A-Z][\w'\u2019.-]*)\s+){0,6}$"
)


def _next_in_list(
    text: str, start: int, end: int, later: list[Span], titles: dict[int, str | None]
) -> int:
    """Where the roles after a name end: at the next person of a list ("X, vice-premier, Army
    General Y, minister of ...", "X, vice-chairman of ..., Chinese Ambassador to the DPRK Y":
    Y's title is not X's role), else at end."""
    for span in later:
        if span.start >= end:
            break
        if span.start > start and (m := _LISTED_BEFORE.search(text, start, span.start)):
            return m.start()
        title = titles.get(span.start)
        begins = text.rfind(title.split()[0], start, span.start) if title else -1
        if begins > start and (m := _LIST_GOES_ON.search(text, start, begins)):
            return m.start()  # the next name's title, after a comma or "and"
    return end


_LIST_GOES_ON = re.compile(r"(?:,|\band)\s*$")


def add_role(found: Found, name: str, role: str) -> None:
    """Give name the role, once."""
    if role and role not in found.roles[name]:
        found.roles[name].append(role)


def drop_contained(held: list[str]) -> list[str]:
    """ "President" says nothing "Russian President" or "president of X" does not: keep the fuller."""
    lowered = [r.lower() for r in held]
    kept = []
    for role, lower in zip(held, lowered, strict=True):
        if any(
            other != lower and (other.endswith(" " + lower) or other.startswith(lower + " of "))
            for other in lowered
        ):
            continue
        kept.append(role)
    return kept


def _share_plural_roles(text: str, people: list[Span], found: Found) -> None:
    """ "Kim Jae Ryong, Jon Hyon Chol, Pak Thae Song, secretaries of ...": each is a secretary."""
    group: list[Span] = []
    for span in people:
        if group and re.fullmatch(r",\s*(?:and\s+)?|\s+and\s+", text[group[-1].end : span.start]):
            group.append(span)
        else:
            group = [span]
        plural = [r for r in found.roles.get(span.name, []) if roles.is_plural_role(r)]
        if plural and len(group) > 1:
            for member in group:
                add_role(found, member.name, roles.singular(plural[0]))
        for role in plural:
            found.roles[span.name].remove(role)
            add_role(found, span.name, roles.singular(role))


def resolve_role_references(text: str, found: Found, taken: Taken) -> None:
    """ "the Russian President" is the person given that title in the article."""
    lowered, straight = text.lower(), text.replace("\u2019", "'")
    for name, held in list(found.roles.items()):
        for role in [short for written in held for short in _shorter_forms(written)]:
            if len(role.split()) < 2 or len(role) > 60:
                continue
            if role.lower() not in lowered:
                continue
            for span in _role_references(role, straight, lowered):
                if not taken.overlaps(span):
                    written = straight[span[0] : span[1]]
                    found.spans.append(Span(span[0], span[1], "person", name, written, True))
                    taken.append(span)


@lru_cache(maxsize=4096)
def _shorter_forms(role: str) -> tuple[str, ...]:
    """A role and the shorter forms an article refers back (or ahead) with: "president of the
    Islamic Republic of Pakistan" is "the president of Pakistan" and "the Pakistani president"."""
    forms = [role]
    head, of, country = STATE_OF_COUNTRY.sub(" of ", role).partition(" of ")
    if of and " " not in head.strip("-") and country:
        forms.append(f"{head} of {country}")
        forms += [f"{adjective} {head}" for adjective in _adjectives_of().get(country, ())]
    return tuple(dict.fromkeys(forms))


@lru_cache(maxsize=1)
def _adjectives_of() -> dict[str, list[str]]:
    """Country -> its adjectives of nationality."""
    by_country: dict[str, list[str]] = defaultdict(list)
    for adjective, country in demonyms().items():
        if country:
            by_country[country].append(adjective)
    return by_country


def _role_references(role: str, straight: str, lowered: str) -> Iterator[tuple[int, int]]:
    """Where "the ROLE" stands in a text (straight: its curly apostrophes made straight; lowered:
    the text lower-cased), the role's spans: "the" a word of its own, with a capital T or none,
    the role in any case and a whole word, no capitalised word after it. In ASCII, looked for as
    a lower-cased string and checked around: the pattern compiled for each role cost more on real
    articles, whose roles are seldom the same."""
    if not (role.isascii() and straight.isascii()) or role[0].isspace():
        for m in _role_reference(role).finditer(straight):
            yield m.start(1), m.end(1)
        return
    key, last = role.lower(), 0
    at = lowered.find(key)
    while at >= 0:
        stop = at + len(key)
        the = _the_before(straight, at)
        if the >= last and _word_ends(straight, stop) and not _capital_after(straight, stop):
            yield at, stop
            last = stop
        at = lowered.find(key, at + 1)


def _is_word(c: str) -> bool:  # as \w
    return c.isalnum() or c == "_"


def _the_before(text: str, at: int) -> int:
    """Where "the" or "The", a word of its own, begins before the spaces that end at at; -1."""
    i = at
    while i and text[i - 1].isspace():
        i -= 1
    if i == at or i < 3 or text[i - 2 : i] != "he" or text[i - 3] not in "Tt":
        return -1
    return -1 if i > 3 and _is_word(text[i - 4]) else i - 3


def _word_ends(text: str, stop: int) -> bool:  # a \b at stop, the text before it not empty
    return _is_word(text[stop - 1]) != (stop < len(text) and _is_word(text[stop]))


def _capital_after(text: str, stop: int) -> bool:  # (?=\s+[A-Z])
    j = stop
    while j < len(text) and text[j].isspace():
        j += 1
    return j > stop and j < len(text) and "A" <= text[j] <= "Z"


@lru_cache(maxsize=4096)
def _role_reference(role: str) -> re.Pattern[str]:
    # "\b[Tt]he" written with the letter first, so that a search skips to the next t or T.
    return re.compile(rf"[Tt](?<=\b[Tt])he\s+((?i:{re.escape(role)}))\b(?!\s+[A-Z])")
