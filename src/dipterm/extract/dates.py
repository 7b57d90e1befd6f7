"""Dates as DPRK media write them: "Jun 1, 2018", "1 June 2018", "Sept. 17", "2018-06-01"."""

from __future__ import annotations

import calendar
import re

from dipterm.models import PartialDate

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip

# January, Jan, Jan., Sept., Sept: the first three letters decide.
MONTH_RE = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)

_PATTERNS = [
    # Jun 1, 2018 / June 1 2018 / Sept. 17, 2024
    re.compile(
        rf"(?P<month>{MONTH_RE})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})", re.I
    ),
    # 1 June 2018 / 1st of June, 2018
    re.compile(
        rf"(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{MONTH_RE}),?\s+(?P<year>\d{{4}})",
        re.I,
    ),
    # 2018-06-01 / 2018/06/01 / 2018.06.01
    re.compile(r"(?P<year>\d{4})([-/.])(?P<mnum>\d{1,2})\2(?P<day>\d{1,2})"),
    # 2018-06
    re.compile(r"(?P<year>\d{4})-(?P<mnum>\d{1,2})"),
    # June 2018
    re.compile(rf"(?P<month>{MONTH_RE}),?\s+(?P<year>\d{{4}})", re.I),
    # 2018
    re.compile(r"(?P<year>\d{4})"),
]


def month_number(word: str) -> int | None:
    """1-12 for a month name or abbreviation, else None."""
    key = word.strip(".").lower()[:3]
    if not re.fullmatch(rf"{MONTH_RE}", word.strip(), re.I):
        return None
    return MONTHS.get(key)


def make_date(year: int, month: int | None = None, day: int | None = None) -> PartialDate | None:
    """A PartialDate if the parts form a real date, else None."""
    if not 1 <= year <= 9999:
        return None
    if month is None:
        return PartialDate(year) if day is None else None
    if not 1 <= month <= 12:
        return None
    if day is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return PartialDate(year, month, day)


def _from_match(m: re.Match[str]) -> PartialDate | None:
    parts = m.groupdict()
    year = int(parts["year"])
    if parts.get("month"):
        month = month_number(parts["month"])
    elif parts.get("mnum"):
        month = int(parts["mnum"])
    else:
        month = None
    day = int(parts["day"]) if parts.get("day") else None
    return make_date(year, month, day)


def parse_date(text: str) -> PartialDate | None:
    """The date a whole string states ("Jun 1, 2018", "2019-05", "2019"), or None.

    Never raises: anything that is not wholly a date gives None.
    """
    candidate = text.strip().strip("()[]").strip()
    if not candidate or len(candidate) > 40:
        return None
    for pattern in _PATTERNS:
        m = pattern.fullmatch(candidate)
        if m:
            return _from_match(m)
    return None


def search_date(text: str) -> PartialDate | None:
    """The first full date (with a year) written anywhere in the text, or None."""
    for pattern in _PATTERNS[:3]:
        m = pattern.search(text)
        if m:
            found = _from_match(m)
            if found:
                return found
    return None


# "newsID=2021-07-08-0004", "/2018/06/01/": a year, month and day between the same separators.
_URL_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)([-/_])(0[1-9]|1[0-2])\2(0[1-9]|[12]\d|3[01])(?!\d)")


def date_of_url(url: str | None) -> PartialDate | None:
    """The date a url writes (the day its page was filed, on most news sites), or None."""
    m = _URL_DATE.search(url or "")
    return make_date(int(m.group(1)), int(m.group(3)), int(m.group(4))) if m else None
