"""Dates written relative to the report: "on May 31", "in April", "on Tuesday", "last June".

Each is resolved against the publication date: "on May 31" in an article of Jun 1, 2018 is
2018-05-31; "on Tuesday" in one of Wednesday, Aug 28, 2024 is 2024-08-27.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from dipterm.extract.dates import MONTH_RE, make_date, month_number
from dipterm.models import PartialDate

_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


def _year(n: int) -> str:
    """A year after a month: "1963", or the Juche year the DPRK counts from 1912, "Juche 52
    (1963)" (the year in brackets is the same)."""
    return rf"(?:,?\s+(?:(?P<y{n}>\d{{4}})|Juche\s+(?P<j{n}>\d{{1,3}})(?:\s*\(\d{{4}}\))?))?"


_EXPRESSIONS = re.compile(
    rf"""
    (?P<mdy>(?P<m1>{MONTH_RE})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?{_year(1)})(?![\d:])
  | (?P<dmy>(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{MONTH_RE}){_year(2)})
  | (?P<month>\b(?P<rel>in|last|this|early|late|mid-?)\s+(?P<m3>{MONTH_RE}){_year(3)})
  | (?P<weekday>\b(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)
  | (?P<relday>\b(?P<rd>yesterday|today)\b)
    """,
    re.X,
)

# Each expression names a month, a weekday, yesterday or today: a plain search for those rules out
# most sentences faster than the expressions themselves, which open with groups.
MAY_BE_DATE = re.compile(
    r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Monday|Tuesday|Wednesday|Thursday|Friday"
    r"|Saturday|Sunday|yesterday|today"
)


# Where an expression may begin before its date word: the day's digits ("31st of May") or the
# word before a month ("in", "last", "this", "early", "late", "mid-").
_OPENS_BEFORE = frozenset("iltem")


def _expressions(text: str) -> Iterator[re.Match[str]]:
    """What _EXPRESSIONS.finditer(text) gives, tried only near the date words. Every expression
    holds a date word (what MAY_BE_DATE finds) and begins at it, or a little before it, at its
    day's digits or a word such as "in" (as far back as _earliest_start goes), with no date word
    between. So the next expression begins near the first date word after the last one, and if
    none begins there, none begins before that word does."""
    done = 0  # no expression begins before this
    word = MAY_BE_DATE.search(text)
    while word:
        at = word.start()
        found = None
        for start in range(max(done, _earliest_start(text, at)), at + 1):
            c = text[start]
            if (start == at or c.isdigit() or c in _OPENS_BEFORE) and (
                found := _EXPRESSIONS.match(text, start)
            ):
                break
        if found:
            yield found
            done = found.end()
        else:
            done = at + 1
        word = MAY_BE_DATE.search(text, done)


def _earliest_start(text: str, at: int) -> int:
    """Where an expression whose date word begins at at begins at the earliest: a word, its
    "of" and the spaces between them may stand before it ("31st of May", "in June")."""
    i = at
    while i and text[i - 1].isspace():
        i -= 1
    if i < at and text[i - 2 : i] == "of":
        j = i - 2
        while j and text[j - 1].isspace():
            j -= 1
        if j < i - 2:
            i = j
    while i and (text[i - 1].isalnum() or text[i - 1] == "-"):
        i -= 1
    return i


@dataclass(frozen=True)
class TimeRef:
    date: PartialDate
    text: str
    start: int
    relative: bool  # resolved against the publication date

    @property
    def basis(self) -> str:
        return f'text "{self.text}"' + (
            ", resolved against the publication date" if self.relative else ""
        )


def resolve_month_day(published: PartialDate, month: int, day: int | None) -> PartialDate | None:
    """The latest (month, day) on or before the publication date: a dateline's or "on May 31"."""
    return _before_or_on(published, month, day)


def _before_or_on(published: PartialDate, month: int, day: int | None) -> PartialDate | None:
    """The latest (month, day) on or before the publication date."""
    year = published.year
    if published.month is not None and (
        month > published.month
        or (
            month == published.month
            and day is not None
            and published.day is not None
            and day > published.day
        )
    ):
        year -= 1
    return make_date(year, month, day)


def _written_year(m: re.Match[str], n: int) -> int | None:
    if m.group(f"y{n}"):
        return int(m.group(f"y{n}"))
    return 1911 + int(m.group(f"j{n}")) if m.group(f"j{n}") else None


def find_time_refs(text: str, published: PartialDate | None) -> list[TimeRef]:
    """Every date expression in text that can be resolved (those needing a year need published)."""
    refs: list[TimeRef] = []
    for m in _expressions(text):
        resolved: PartialDate | None = None
        relative = False
        if m.group("mdy") or m.group("dmy"):
            month = month_number(m.group("m1") or m.group("m2"))
            day = int(m.group("d1") or m.group("d2"))
            year = _written_year(m, 1) or _written_year(m, 2)
            if month is None:
                continue
            if year:
                resolved = make_date(year, month, day)
            elif published is not None:
                resolved, relative = _before_or_on(published, month, day), True
        elif m.group("month"):
            month = month_number(m.group("m3"))
            if month is None:
                continue
            if year := _written_year(m, 3):
                resolved = make_date(year, month)
            elif published is not None:
                resolved, relative = _before_or_on(published, month, None), True
        elif m.group("weekday") and published is not None and published.day is not None:
            target = _WEEKDAYS.index(m.group("wd").lower())
            pub = date(published.year, published.month or 1, published.day)
            back = (pub.weekday() - target) % 7
            found = pub - timedelta(days=back)
            resolved, relative = PartialDate(found.year, found.month, found.day), True
        elif m.group("relday") and published is not None and published.day is not None:
            pub = date(published.year, published.month or 1, published.day)
            found = pub - timedelta(days=1 if m.group("rd").lower() == "yesterday" else 0)
            resolved, relative = PartialDate(found.year, found.month, found.day), True
        if resolved is not None:
            refs.append(TimeRef(resolved, m.group().strip(), m.start(), relative))
    return refs
