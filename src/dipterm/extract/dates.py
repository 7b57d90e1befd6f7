"""Dates as DPRK media write them: "Jun 1, 2018", "1 June 2018", "Sept. 17", "2018-06-01",
KCNA's "2024.04.13." and Juche-year stamps "Juche113(2024).4.13."; the order of a column of
numeric dates ("15/02/2024": day first)."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from typing import Literal

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

# The Juche calendar counts from 1912: Juche 113 is 2024. "Juche113.4.13.", "Juche 113 (2024).4.13."
JUCHE_OFFSET = 1911
_JUCHE = (
    r"Juche\s?(?P<juche>\d{1,3})\s?(?:\((?P<year>\d{4})\))?\.(?P<mnum>\d{1,2})\.(?P<day>\d{1,2})\.?"
)

_PATTERNS = [
    # Juche113.4.13. / Juche113(2024).4.13.
    re.compile(_JUCHE, re.I),
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
    # KCNA's old site: "December 24. 2008 Juche 97" (a stop after the day, the Juche year after).
    # Only a whole string: in running text "on June 3. 2000 people came" is no date.
    re.compile(
        rf"(?P<month>{MONTH_RE})\s+(?P<day>\d{{1,2}})[.,]?\s+(?P<year>\d{{4}})"
        r"(?:\s+Juch?e?\s?(?P<juche>\d{1,3}))?",
        re.I,
    ),
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
    if parts.get("juche"):
        year = int(parts["juche"]) + JUCHE_OFFSET
        if parts.get("year") and int(parts["year"]) != year:
            return None  # a stamp at odds with itself says nothing sure
    else:
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
    if candidate[-2:-1].isdigit() and candidate.endswith("."):
        candidate = candidate[:-1]  # KCNA's "2024.04.13."
    if not candidate or len(candidate) > 40:
        return None
    for pattern in _PATTERNS:
        m = pattern.fullmatch(candidate)
        if m:
            return _from_match(m)
    return None


def search_date(text: str) -> PartialDate | None:
    """The first full date (with a year) written anywhere in the text, or None."""
    for pattern in _PATTERNS[:4]:
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


# ---------------------------------------------------------------- numeric dates and their order

# "15/02/2024", "03.02.2024", "3-2-2024 10:30": which number is the day only the whole column tells.
_NUMERIC = re.compile(
    r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?:[ T,]+\d{1,2}:\d{2}\S*(?: ?[AP]M)?)?", re.I
)
DayOrder = Literal["day-first", "month-first"]


def _numeric_parts(text: str) -> tuple[int, int, int] | None:
    m = _NUMERIC.fullmatch(text.strip())
    return (int(m.group(1)), int(m.group(3)), int(m.group(4))) if m else None


def numeric_date(text: str, order: DayOrder | None) -> PartialDate | None:
    """The date of "15/02/2024" read in the given order; a value only one order reads is read so
    whatever the order. None when the text is not such a date, or when it is one that either
    order reads (03/02/2024) and no order is given."""
    parts = _numeric_parts(text)
    if parts is None:
        return None
    first, second, year = parts
    if first > 12 or (order == "day-first" and second <= 12):
        return make_date(year, second, first)
    if second > 12 or order == "month-first" or first == second:
        return make_date(year, first, second)
    return None


@dataclass
class DateOrder:
    """What the numeric dates of one column say of their order, from every value seen."""

    day_first: bool = False  # a value whose first number is over 12 (15/02/2024)
    month_first: bool = False  # a value whose second number is over 12 (02/15/2024)
    ambiguous: int = 0  # values either order reads as different days (03/02/2024)
    example: str | None = None  # the first of those

    def observe(self, value: object) -> None:
        if not isinstance(value, str):
            return
        parts = _numeric_parts(value)
        if parts is None:
            return
        first, second, _ = parts
        if first > 12:
            self.day_first = True
        elif second > 12:
            self.month_first = True
        elif first != second:
            self.ambiguous += 1
            self.example = self.example or value.strip()

    @property
    def order(self) -> DayOrder | None:
        """The column's order where its values rule one out, else None."""
        if self.day_first and not self.month_first:
            return "day-first"
        if self.month_first and not self.day_first:
            return "month-first"
        return None

    def problem(self) -> str | None:
        """What is wrong with the column's dates, said for the user, or None."""
        if not self.ambiguous or self.order is not None:
            return None
        if self.day_first and self.month_first:
            why = "its dates are written day-first and month-first alike"
        else:
            why = "no date in it rules out day-first or month-first"
        return (
            f"{self.ambiguous} dates such as {self.example} left undated: {why} "
            "(--dates day-first or --dates month-first reads them)"
        )


# ---------------------------------------------------------------- a year from the context

_YEAR = re.compile(r"(?<![\d.])((?:19[4-9]|20\d)\d)(?![\d])")
_RECORD_NUMBER = re.compile(r"#\d+\Z")


def year_of_path(origin: str | None) -> int | None:
    """The year the nearest part of a file's path names ("kcna-2024/item.txt": 2024), or None
    when the nearest part that names years names more than one."""
    if not origin or origin.startswith("<"):
        return None
    path = _RECORD_NUMBER.sub("", origin)  # "records.csv#4": the fourth record of records.csv
    parts = path.replace("\\", "/").split("/")
    for part in reversed(parts):
        years = set(_YEAR.findall(part))
        if len(years) == 1:
            return int(years.pop())
        if years:
            return None
    return None


def year_of_url(url: str | None) -> int | None:
    """The one year a url's path names ("/2024/04/..."), or None."""
    if not url:
        return None
    path = url.split("://", 1)[-1].partition("/")[2]
    years = set(_YEAR.findall(path))
    return int(years.pop()) if len(years) == 1 else None
