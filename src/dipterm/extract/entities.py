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
from dipterm.extract.gazetteer import Match, keys_of_kind, matcher
from dipterm.extract.institutions import (
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
from dipterm.extract.spans import Found, Span, Taken


def find_entities(text: str) -> Found:
    """Every mention of a person, organisation, place or country in text."""
    found = Found()
    countries = matcher(("country",)).find(text)
    for m in countries:
        found.spans.append(Span(m.start, m.end, "country", m.entry.name, m.text))
    country_keys = keys_of_kind("country")

    taken = Taken(text)
    for m in matcher(("org", "place")).find(text):
        if _inside_a_longer_korean_name(text, m):
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


def _inside_a_longer_korean_name(text: str, m: Match) -> bool:
    """Whether a gazetteer name of two or more words opens a longer Korean name: "Kim Song Il" is
    not the gazetteer's Kim Song, nor "Kim Hwa Sik" the county Kimhwa."""
    if " " not in m.text:
        return False
    korean = names.KOREAN_NAME.match(text, m.start)
    return korean is not None and korean.end() > m.end
