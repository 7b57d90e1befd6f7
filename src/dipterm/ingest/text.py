"""Seed-style text articles: a title line, header lines (date, byline), the body, footer debris.

The fields come from what the text says, never from guesses: a date line, "By <outlet>", a trailing
citation "(Pyongyang Times- May 21, 2019)", a KCNA dateline "Pyongyang, July 19 (KCNA) --".
"""

from __future__ import annotations

import re

from dipterm.errors import InputError
from dipterm.extract.dates import (
    MONTH_RE,
    make_date,
    month_number,
    parse_date,
    year_of_path,
    year_of_url,
)
from dipterm.extract.gazetteer import repair_glued_names
from dipterm.extract.sources import canonical_outlet
from dipterm.ingest.clean import clean_text, unglue_stops
from dipterm.ingest.repeats import split_repeats
from dipterm.models import ArticleDraft, PartialDate

_BYLINE = re.compile(r"^by\s+(?P<who>[^\W\d_][\w .'’&-]{1,80})$", re.I)
# "(Pyongyang Times- May 21, 2019)", "(Rodong Sinmun, June 3, 2020)", "(KCNA — 2024-01-02)"
_CITATION = re.compile(r"^\((?P<inner>[^()]{6,90})\)$")
_CITATION_SPLIT = re.compile(r"[\s,:;–—-]+")
# "Russian FM Received - Image", "... - Photo": caption placeholders a scraper leaves.
_CAPTION = re.compile(r"^.{1,300}\s[-–—]\s(?:image|photo|picture|video)s?$", re.I)
_NAVIGATION = re.compile(
    r"^(?:(?:previous|next|prev|older|newer)\s+(?:post|article|page|story|news)\s*[|/»«<>]*\s*)+$"
    r"|^(?:share(?:\s+this)?|print|back\s+to\s+top|top|home|more|read more|email)$",
    re.I,
)
_END_MARK = re.compile(r"\s*-0-\s*$")
# "Pyongyang, July 19 (KCNA) --" at the start of a KCNA item.
DATELINE = re.compile(
    rf"^(?P<place>[A-Z][\w.'’ -]{{1,40}}?),\s+(?P<month>{MONTH_RE})\s+(?P<day>\d{{1,2}})\s+"
    r"\((?P<src>[A-Za-z][\w ]{1,40})\)\s*(?:--|[-–—])\s*"
)
_HEADER_MAX_WORDS = 12
RUN_IN_WORDS = 12  # the most words of a headline's end run into the body taken back to the title
_STOP = re.compile(r"[.!?]\s|[.!?]$")
# A site's trail above the headline, which a saved page's text keeps: "calendar>>December 24.
# 2008 Juche 97" (KCNA's old site: the day's date), "Home » News".
_TRAIL = re.compile(r"^(?:[^>»]{0,40}(?:>>|\s»)\s*)+(?P<last>.*)$")


def _is_debris(line: str, title: str) -> bool:
    if _NAVIGATION.match(line):
        return True
    return bool(
        _CAPTION.match(line)
        and (line.lower().startswith(title.lower()[:40]) or len(line.split()) <= 15)
    )


def _citation(line: str) -> tuple[str | None, PartialDate | None]:
    m = _CITATION.match(line)
    if not m:
        return None, None
    inner = m.group("inner")
    # The outlet and the date are split at some separator: the leftmost split whose right side is
    # a date gives the fullest date ("May 21, 2019" rather than "2019").
    for sep in _CITATION_SPLIT.finditer(inner):
        source, rest = inner[: sep.start()].strip(), inner[sep.end() :]
        date = parse_date(rest)
        if source and date is not None and source[0].isalpha():
            return source, date
    return None, None


def parse_text(raw: str, origin: str) -> ArticleDraft:
    """Read one seed-style article. Raises InputError when there is no article in the text."""
    text = repair_glued_names(clean_text(raw))
    lines = [line for line in text.split("\n") if line]
    if not lines:
        raise InputError("empty file: no text to import")
    published: PartialDate | None = None
    published_from: str | None = None
    trail = []
    while len(lines) > 1 and len(lines[0].split()) <= _HEADER_MAX_WORDS:
        m = _TRAIL.match(lines[0])
        if m is None:
            break
        date = parse_date(m.group("last"))
        if date is not None and published is None:
            published, published_from = date, "page header"
        trail.append(lines.pop(0))
    title, debris = _without_stamp(lines[0])
    debris = trail + debris
    rest = lines[1:]
    source: str | None = None
    byline: str | None = None

    # Header: short lines right after the title that are a date, a byline, or debris.
    while rest and len(rest[0].split()) <= _HEADER_MAX_WORDS:
        line = rest[0]
        date = parse_date(line)
        by = _BYLINE.match(line)
        if date is not None and published is None:
            published, published_from = date, "date line"
        elif by:
            byline = by.group("who").strip()
            source = source or canonical_outlet(byline)
        elif canonical_outlet(line) and source is None:
            source = canonical_outlet(line)
        elif not _is_debris(line, title):
            break
        debris.append(line)
        rest.pop(0)

    return _finish(title, rest, origin, published, source, byline, debris, published_from)


def _finish(
    title: str,
    rest: list[str],
    origin: str,
    published: PartialDate | None,
    source: str | None,
    byline: str | None,
    debris: list[str],
    published_from: str | None,
    year: int | None = None,
    **fields: object,
) -> ArticleDraft:
    """The body from its cleaned lines: footer citation, debris, end mark and a scraper's repeated
    copies out, dateline read (and dated, when nothing else dates the article, with the year its
    url or path names)."""
    rest = list(rest)
    # Footer: citation and navigation lines at the end.
    while rest:
        line = rest[-1]
        cited_source, cited_date = _citation(line)
        if cited_date is not None:
            source = source or canonical_outlet(cited_source) or cited_source
            if published is None:
                published, published_from = cited_date, "citation"
        elif not _is_debris(line, title) and not _END_MARK.fullmatch(line):
            break
        debris.append(line)
        rest.pop()

    # Caption placeholders and navigation anywhere else are debris too.
    body_lines = []
    for line in rest:
        if _is_debris(line, title):
            debris.append(line)
        else:
            body_lines.append(line)
    if body_lines and _END_MARK.search(body_lines[-1]):
        body_lines[-1] = _END_MARK.sub("", body_lines[-1])
        debris.append("-0-")
        if not body_lines[-1]:
            body_lines.pop()

    if body_lines:
        m = DATELINE.match(body_lines[0])
        if m and source is None:
            source = canonical_outlet(m.group("src"))
        if m and published is None:
            published, published_from = _dated_by_dateline(m, origin, fields.get("url"), year)

    title, body = _without_repeats(title, "\n\n".join(body_lines), debris)
    if not body and not title:
        raise InputError("no article text found")
    return ArticleDraft(
        title=title,
        body=body,
        origin=origin,
        published=published,
        source=source,
        byline=byline,
        debris=debris,
        published_from=published_from if published else None,
        **fields,  # type: ignore[arg-type]
    )


def _without_repeats(title: str, body: str, debris: list[str]) -> tuple[str, str]:
    """(title, body) with a scraper's repeated copies cut off, kept as debris; and a headline's
    end the copies show to stand before the story ("... Meets" + "Former Prisoner A delegation")
    put back on the title when it reads as one: a few words, a capital, no full stop."""
    found = split_repeats(body)
    if not found.repeats:
        return title, body
    debris.append(found.repeats)
    run_in = found.run_in.strip()
    if (
        len(run_in.split()) <= RUN_IN_WORDS
        and not _STOP.search(run_in)
        and any(word[0].isupper() for word in run_in.split())  # a headline's capitals
    ):
        return f"{title} {run_in}".strip(), found.story
    return title, found.run_in + found.story


def mended(title: str, body: str) -> tuple[str, str]:
    """A title and body stored before schema 10 as an import reads them now: sentences glued
    together split, repeated copies cut, a headline's end taken back from the body."""
    return _without_repeats(unglue_stops(title), unglue_stops(body), [])


def _dated_by_dateline(
    dateline: re.Match[str], origin: str, url: object, record_year: int | None
) -> tuple[PartialDate | None, str | None]:
    """The dateline's month and day in the year the record gives, else the one its url, else
    its file's path, names."""
    for year, where in (
        (record_year, "record"),
        (year_of_url(str(url) if url else None), "url"),
        (year_of_path(origin), "path"),
    ):
        if year is not None:
            month = month_number(dateline.group("month"))
            found = make_date(year, month, int(dateline.group("day"))) if month else None
            if found:
                return found, f"dateline, year from the {where}"
    return None, None


def article_from_fields(
    *,
    title: str,
    body: str,
    origin: str,
    published: PartialDate | None = None,
    published_from: str | None = None,
    source: str | None = None,
    byline: str | None = None,
    url: str | None = None,
    urls: list[str] | None = None,
    lang: str | None = None,
    year: int | None = None,
) -> ArticleDraft:
    """An article whose fields a record or a page gave: its body cleaned as a text file's is.
    year: the year a record gives beside no date, for its dateline."""
    title, debris = _without_stamp(" ".join(repair_glued_names(clean_text(title)).split()))
    lines = [line for line in repair_glued_names(clean_text(body)).split("\n") if line]
    if not lines:
        raise InputError("no article text")
    if not title:
        title = lines[0][:120]
    outlet = canonical_outlet(source) or (source.strip() if source else None)
    return _finish(
        title, lines, origin, published, outlet, byline, debris, published_from, year,
        url=url, urls=urls or [], lang=lang,
    )  # fmt: skip


# The date stamp KCNA's site puts after some headlines: "... Kim Jong Il [Juche113.9.10.]",
# "[2024.02.11.]". Not part of the title a citation gives.
_STAMP = re.compile(r"\s*\[(?:Juche\s?\d{1,3}|\d{4})\.\d{1,2}\.\d{1,2}\.?\]\s*$")


def _without_stamp(title: str) -> tuple[str, list[str]]:
    """The title without a date stamp at its end, and the stamp as debris (none: [])."""
    m = _STAMP.search(title)
    if m is None or m.start() == 0:
        return title, []
    return title[: m.start()], [m.group().strip()]
