"""People (with their roles), organisations, places and countries named in an article body.

Found by the gazetteer and by rules on the texts' own patterns: a title before a name, "Name, role"
appositives and lists, head nouns of organisations ("... Ministry") and places ("... Guesthouse"),
the shape of Korean names. Each mention keeps its offsets, for events and quotes.

This module runs the passes in order, each claiming what it names; the rules are beside it:
institutions.py (head nouns), people.py (names known by their context), role_holders.py (who
holds which role), over the spans of spans.py.
"""

from __future__ import annotations

import re

from dipterm.extract import names, roles
from dipterm.extract.gazetteer import WORLD_CITY, Match, keys_of_kind, matcher, words_at
from dipterm.extract.institutions import (
    ADMIN_HEADS,
    HEAD_NOUNS,
    find_institutions,
    find_mountains,
    orgs_inside,
    places_after_prepositions,
)
from dipterm.extract.people import (
    chinese_names,
    find_occasions,
    initialled_people,
    particle_people,
    people_by_context,
    resolve_short_references,
)
from dipterm.extract.role_holders import (
    add_role,
    assign_roles,
    drop_contained,
    resolve_role_references,
)
from dipterm.extract.spans import MONTHS, STOP_WORDS, Found, Span, Taken


def find_entities(text: str) -> Found:
    """Every mention of a person, organisation, place or country in text."""
    found = Found()
    countries = matcher(("country",)).find(text)
    for m in countries:
        found.spans.append(Span(m.start, m.end, "country", m.entry.name, m.text))
    country_keys = keys_of_kind("country")

    taken = Taken(text)
    for m in matcher(("org", "place")).find(text):
        if _inside_a_longer_korean_name(text, m) or _a_name_not_a_city(text, m, countries):
            continue  # "Kim Hwa Sik" is a man, not the county Kimhwa and "Sik"
        found.spans.append(Span(m.start, m.end, m.entry.kind, m.entry.name, m.text))
        taken.append((m.start, m.end))
        for inner in orgs_inside(m.text):  # the WPK inside "WPK Central Committee"
            if inner.entry != m.entry:
                start = m.start + 1 + inner.start
                found.spans.append(
                    Span(start, start + len(inner.text), "org", inner.entry.name, inner.text)
                )
    gazetteer = [span for span in found.spans if span.kind in ("place", "org")]
    institutions, absorbed = find_institutions(text, taken, country_keys, gazetteer)
    if absorbed:
        found.spans = [span for span in found.spans if span not in absorbed]
    for span in institutions + find_mountains(text, taken):
        found.spans.append(span)
        taken.append((span.start, span.end))
    found.spans = _no_place_inside_an_org(text, found.spans, institutions)

    # People: the gazetteer, then the shape of Korean names, then names known by their context.
    people: list[tuple[int, int, str]] = []
    for m in matcher(("person",)).find(text):
        if (
            not taken.overlaps((m.start, m.end))
            and not _inside_a_longer_korean_name(text, m)
            and not _DECORATION.match(text, m.end)
        ):
            people.append((m.start, m.end, m.text))
            taken.append((m.start, m.end))
    for m in names.KOREAN_NAME.finditer(text):
        if not taken.overlaps((m.start(), m.end())) and not _DECORATION.match(text, m.end()):
            people.append((m.start(), m.end(), m.group()))
            taken.append((m.start(), m.end()))
    for start, end, written in particle_people(text, taken):
        people.append((start, end, written))
        taken.append((start, end))
    for start, end, written in people_by_context(text, taken) + initialled_people(text, taken):
        people.append((start, end, written))
        taken.append((start, end))
    for span in chinese_names(text):  # after the others: "Truong Tan Sang" is not "Tan Sang"
        if not taken.overlaps(span):
            people.append((*span, text[span[0] : span[1]]))
            taken.append(span)
    occasions = find_occasions(text)
    for m in occasions:
        span = (m.start("name"), m.end("name"))
        if not taken.overlaps(span):
            people.append((*span, m.group("name")))
            taken.append(span)
    for start, end, written in sorted(people):
        found.spans.append(Span(start, end, "person", names.canonical_person(written), written))

    places_after_prepositions(text, found, taken, country_keys)
    resolve_short_references(text, found, taken)
    assign_roles(text, found)
    for m in occasions:  # the office the occasion was: "... on his appointment as premier"
        named = next((p for p in found.spans if p.start == m.start("name")), None)
        if named is not None and named.kind == "person":
            # "as general secretary of the WPK on behalf of ...": where a role after a name ends
            for role in roles.roles_after(m.group("role"))[0]:
                add_role(found, named.name, role)
            found.roles[named.name] = drop_contained(found.roles[named.name])
    resolve_role_references(text, found, taken)
    found.spans.sort(key=lambda s: (s.start, s.end))
    return found


# A name that names a decoration: "winner of Kim Il Sung Order", "the Kim Jong Il Prize".
_DECORATION = re.compile(r"[ \t]+(?:Order|Prize|Medal|Award|Badge|Youth\s+Honou?r\s+Prize)\b")


def _no_place_inside_an_org(text: str, spans: list[Span], institutions: list[Span]) -> list[Span]:
    """The spans less the places inside the name of an organisation found by its head noun that
    name no place it is at: one before its head noun (the "Tokyo-Pyongyang Friendship Bridge
    Association" is at no bridge), or a ministry's or department's portfolio (the "Ministry of
    Royal Palace"). A building in its "of" part is one: the "Institute of Kim Il Sung
    University" is at the university."""
    orgs = [(s.start, s.end) for s in institutions if s.kind == "org"]
    if not orgs:
        return spans
    return [
        s
        for s in spans
        if s.kind != "place"
        or not any(
            start <= s.start
            and s.end <= end
            and end - start > s.end - s.start
            and (
                not _LINK.search(text, start, s.start)
                or _PORTFOLIO_OF.search(text, max(start, s.start - 30), s.start) is not None
            )
            for start, end in orgs
        )
    ]


_LINK = re.compile(r"\s(?:of|for|in|to|with)\s")
_PORTFOLIO_OF = re.compile(r"\b(?:Ministry|Department|Bureau)\s+of\s+(?:the\s+)?$")


_OPEN_NO_NAME = frozenset(STOP_WORDS | MONTHS)
# Words after a city that keep it one: a head noun ("Beijing Hotel"), its region or its rule.
_CITY_GOES_ON = HEAD_NOUNS | ADMIN_HEADS | {
    "Prefectural", "Prefectures", "Municipality", "Municipal", "Metropolitan", "Metropolis",
}  # fmt: skip
# A capitalised word right after a name, or before it on its line ("Wang Wuwei", not "in
# Wuwei").
_CAPITALISED_AFTER = re.compile(r"[ \t]+([A-Z][\w'\u2019-]*)")
_CAPITALISED_BEFORE = re.compile(r"(?:^|[^\w.'\u2019-])([A-Z][a-z]+)[ \t]+$")


def _a_name_not_a_city(text: str, m: Match, countries: list[Match]) -> bool:
    """Whether a world city's name is part of another name: a person's, written apart where the
    city's is one word ("Jin An" in "Kim Jin An" is not Jinan), after a capitalised word no stop
    word or month ("Wang Wuwei" is a man, "in Wuwei" the city) or before one no head noun ("Aba
    Sadik Abubakr", "Milan Locen"; "Aba City" is the city); or a country's ("Sao Tome and
    Principe")."""
    if not m.entry.notes.startswith(WORLD_CITY):
        return False
    if not m.text[0].isupper():
        return True  # "por la paz", "hail": words, not La Paz or Ha'il
    if len(words_at(m.text)[1]) > min(len(words_at(s)[1]) for s in m.entry.spellings):
        return True
    if any(c.start <= m.start and m.end <= c.end for c in countries):
        return True
    after = _CAPITALISED_AFTER.match(text, m.end)
    if after and after.group(1) not in _OPEN_NO_NAME and after.group(1) not in _CITY_GOES_ON:
        return True
    before = _CAPITALISED_BEFORE.search(text, max(0, m.start - 40), m.start)
    return before is not None and before.group(1) not in _OPEN_NO_NAME


def _inside_a_longer_korean_name(text: str, m: Match) -> bool:
    """Whether a gazetteer name of two or more words opens a longer Korean name: "Kim Song Il" is
    not the gazetteer's Kim Song, nor "Kim Hwa Sik" the county Kimhwa."""
    if " " not in m.text:
        return False
    korean = names.KOREAN_NAME.match(text, m.start)
    return korean is not None and korean.end() > m.end
