"""The extraction pipeline: a cleaned article in, plain records of who, what, where, when out."""

from __future__ import annotations

from dipterm.extract.context import Context
from dipterm.extract.dates import month_number
from dipterm.extract.entities import find_entities
from dipterm.extract.events import find_events
from dipterm.extract.gazetteer import matcher
from dipterm.extract.quotes import find_quotes
from dipterm.extract.roles import unglue_honorifics
from dipterm.extract.sources import canonical_outlet
from dipterm.extract.version import EXTRACTION_VERSION  # noqa: F401 (where it is asked for)
from dipterm.ingest.text import DATELINE
from dipterm.models import Dateline, Extraction, Mention, PartialDate

KINDS = ("person", "org", "place", "country")


def find_dateline(body: str) -> tuple[Dateline | None, int]:
    """The KCNA dateline opening the body, and where the article's own text starts after it."""
    m = DATELINE.match(body)
    if not m:
        return None, 0
    month = month_number(m.group("month"))
    if month is None:
        return None, 0
    source = canonical_outlet(m.group("src")) or m.group("src")
    return Dateline(m.group("place").strip(), month, int(m.group("day")), source), m.end()


def _title_mentions(title: str) -> dict[str, list[Mention]]:
    """Names in the headline: only what the gazetteer knows, since headlines capitalise every word."""
    result: dict[str, list[Mention]] = {k: [] for k in KINDS}
    for m in matcher(KINDS).find(title):
        result[m.entry.kind].append(Mention(m.entry.name, m.entry.kind, (), (m.text,), 1))
    return result


def _merge(body: list[Mention], title: list[Mention]) -> tuple[Mention, ...]:
    merged = {m.name: m for m in body}
    for m in title:
        if m.name in merged:
            old = merged[m.name]
            merged[m.name] = Mention(
                old.name,
                old.kind,
                old.roles,
                tuple(dict.fromkeys(old.spellings + m.spellings)),
                old.count + 1,
            )
        else:
            merged[m.name] = m
    return tuple(merged.values())


def analyse(title: str, body: str, published: PartialDate | None) -> Extraction:
    """Everything extracted from one article. Pure: no database, no network."""
    title, body = unglue_honorifics(title), unglue_honorifics(body)
    dateline, body_start = find_dateline(body)
    found = find_entities(body)
    if dateline:  # the dateline's city is where the report was filed, not a place of the story
        found.spans = [s for s in found.spans if s.start >= body_start or s.kind != "place"]
    # DPRK state media write from Pyongyang unless a dateline says otherwise: "left here".
    here = dateline.place if dateline else "Pyongyang"
    ctx = Context.of(body, found, skip_until=body_start, here=here)
    headline = _title_mentions(title)
    return Extraction(
        people=_merge(found.mentions("person"), headline["person"]),
        organizations=_merge(found.mentions("org"), headline["org"]),
        places=_merge(found.mentions("place"), headline["place"]),
        countries=_merge(found.mentions("country"), headline["country"]),
        events=tuple(find_events(ctx, published)),
        quotes=tuple(find_quotes(ctx)),
        dateline=dateline,
    )
