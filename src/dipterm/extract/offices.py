"""Offices from the roles written beside a name: one office however it is worded, ranks and
honorifics apart, fragments set aside; and a person's career, an office a line with its span."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache

from dipterm.extract.gazetteer import demonyms, entries_of_kind
from dipterm.extract.keys import name_key
from dipterm.extract.roles import TITLE_HEADS

OFFICE, RANK, FRAGMENT = "office", "rank", "fragment"

# Ranks and honorifics: what a person is called, not an office held.
_RANK = re.compile(
    r"^(?:(?:vice|army|colonel|lieutenant|major|rear|senior|junior|general|grand|full)[ -])?"
    r"(?:marshal|general|admiral|colonel|captain|lieutenant|major)(?:\s+of\s+.*)?$"
)
_HONORIFIC = re.compile(
    r"^(?:(?:supreme|great|dear|eternal|respected|beloved|esteemed|peerless|the)\s+)*"
    r"(?:leader|comrade|mr|mrs|ms|madam|h\.?e\.?|excellency)(?:\s+of\s+.*)?$"
)
# Words that qualify a head without saying what is headed ("first vice-chairman").
_QUALIFIERS = {"vice", "first", "deputy", "general", "supreme", "chief", "executive", "senior",
               "acting", "under", "ex", "former", "honorary", "standing", "second", "third",
               "top", "grand", "assistant", "permanent", "special", "head"}  # fmt: skip
# "minister of Foreign Affairs" is the foreign minister.
_PORTFOLIOS = {"foreign affairs": "foreign", "national defence": "defence",
               "national defense": "defence", "defence": "defence", "defense": "defence"}  # fmt: skip
_ABBREVIATIONS = {"c.c.": "Central Committee", "c.c": "Central Committee"}
# The rest of a list run into the role: "secretary of the ... and other senior officials".
_RUN_ON = re.compile(r"\s+and\s+(?:other|many|some|all|several|leading)\b.*$", re.I)
_ACRONYM = re.compile(r"\s*\([A-Z][A-Za-z.&-]{1,9}\)")  # "State Affairs Commission (SAC) of ..."
# A sentence a scraper glued on: "... of the People's Republic of China.At the talks".
_GLUED_SENTENCE = re.compile(r"(?<=[a-z])\.(?=[A-Z][a-z])")
_ITS = re.compile(r"\b(?:its|the\s+party's|the\s+Party's)\s+", re.I)
_PREFIX_HYPHEN = re.compile(r"\b(vice|deputy|first|under|ex)-", re.I)


@dataclass(frozen=True)
class Office:
    """A role read as an office: its title ("foreign minister"), the bodies it is of, innermost
    first (("Cabinet", "DPRK")), where it is accredited to, and whether it is an office at all."""

    title: str
    of: tuple[str, ...] = ()
    to: str = ""
    kind: str = OFFICE

    @property
    def label(self) -> str:
        text = self.title + "".join(f" of {_the(b)}" for b in self.of)
        return text + (f" to {_the(self.to)}" if self.to else "")

    @property
    def key(self) -> str:
        return _key(self.label)

    @property
    def country(self) -> str:
        """The country the office is of ("" when the wording does not say)."""
        return next((b for b in reversed(self.of) if b in _countries()), "")

    def within(self, other: Office) -> bool:
        """Whether this wording says less of the same office: the same title, and its bodies
        the other's first ones ("premier of the Cabinet" within "... of the Cabinet of the DPRK")."""
        return (
            _title_key(self.title) == _title_key(other.title)
            and self.of == other.of[: len(self.of)]
            and (not self.to or self.to == other.to)
            and (self.of, self.to) != (other.of, other.to)
        )


def _key(label: str) -> str:
    """What two wordings of one office share: 'Vice-Premier' and 'vice premier', 'of Pyongyang
    City Committee' and 'of the Pyongyang City Committee'."""
    return re.sub(r"\bthe\s+", "", _PREFIX_HYPHEN.sub(r"\1 ", label).lower())


def _title_key(title: str) -> str:
    return _PREFIX_HYPHEN.sub(r"\1 ", title).lower()


@cache
def _names() -> dict[str, tuple[str, str]]:
    """name key -> (canonical name, kind) of every organisation and country the gazetteer spells."""
    table: dict[str, tuple[str, str]] = {}
    for kind in ("country", "org"):
        for entry in entries_of_kind(kind):
            for spelling in entry.spellings:
                table.setdefault(name_key(spelling), (entry.name, kind))
    return table


@cache
def _countries() -> frozenset[str]:
    return frozenset(e.name for e in entries_of_kind("country"))


def _the(body: str) -> str:
    """A body as it follows 'of': 'the DPRK', 'the Cabinet', 'Russia', 'the United States'; one
    the gazetteer does not know as written ('the Korean Association of Cooks')."""
    if body in _countries() and not (body.isupper() or body.startswith("United ")):
        return body
    if body not in _known_names() or body.lower().startswith("the "):
        return body
    return "the " + body


def _canonical(words: list[str]) -> list[tuple[str, bool, str]]:
    """The words with the longest runs the gazetteer names replaced by its canonical name:
    (text, known, as written) items."""
    table, items, i = _names(), [], 0
    while i < len(words):
        for j in range(min(len(words), i + 12), i, -1):
            if words[i].lower() in {"of", "to", "the"}:
                continue
            written = " ".join(words[i:j])
            known = table.get(name_key(written))
            if known:
                items.append((known[0], True, written))
                i = j
                break
        else:
            items.append((words[i], False, words[i]))
            i += 1
    return items


def _bodies(text: str) -> tuple[tuple[str, ...], str]:
    """'the Presidium of the Political Bureau of the WPK' -> (bodies innermost first, to)."""
    words = [_ABBREVIATIONS.get(w.lower(), w) for w in text.split()]
    bodies: list[str] = []
    to = ""
    for _ in range(3):  # "Political Bureau of the WPK Central Committee" is a name once resolved
        parts: list[list[tuple[str, bool, str]]] = [[]]
        to_at = None
        for word, known, written in _canonical(words):
            if not known and word.lower() in {"of", "to"}:
                if word.lower() == "to" and to_at is None:
                    to_at = len(parts)
                parts.append([])
            else:
                parts[-1].append((word, known, written))
        segments = [[b for b in _segment(p) if b] for p in parts]
        bodies = [b for seg in segments[:to_at] for b in seg]
        to = " of ".join(b for seg in segments[to_at:] for b in seg) if to_at else ""
        rebuilt = " of ".join(_the(b) for b in bodies).split() + (["to", *to.split()] if to else [])
        if [w.lower() for w in rebuilt] == [w.lower() for w in words]:
            break
        words = rebuilt
    return tuple(bodies), to


def _segment(part: list[tuple[str, bool, str]]) -> list[str]:
    """One 'of' part as bodies: a name, words (with their 'the' as written), or an abbreviation
    or country before words ('KPA General Staff' is the General Staff of the KPA, 'DPRK armed
    forces' the armed forces of the DPRK; 'China Association for ...' stays a name)."""
    the = bool(part) and part[0][0].lower() == "the"
    while part and part[0][0].lower() == "the":
        part = part[1:]
    if not part:
        return []
    head, known, written = part[0]
    rest = part[1:]
    if known and rest and not any(k for _, k, _ in rest) and written.replace(".", "").isupper():
        words = " ".join(w for w, _, _ in rest)
        return [("the " + words) if the else words, head]
    text = " ".join(w for w, _, _ in part).strip(" ,")
    return [("the " + text) if the and not (known and len(part) == 1) else text]


@lru_cache(maxsize=1 << 14)
def read_office(role: str) -> Office:
    """One role as an office. 'its ...' stays unresolved here (see offices_of)."""
    text = re.sub(r"\s+", " ", role.replace("\u2019", "'")).split(";")[0]
    text = _ACRONYM.sub("", _GLUED_SENTENCE.split(text)[0])
    text = _RUN_ON.sub("", text).strip(" ,;:.")
    lower = text.lower()
    if _RANK.match(lower) and lower != "general":
        return Office(_capitalised(text), kind=RANK)
    if _HONORIFIC.match(lower):
        return Office(_capitalised(text), kind=RANK)
    country = ""
    words = text.split()
    for n in (3, 2, 1):  # "Russian Foreign Minister", "South African ambassador"
        adjective = " ".join(words[:n])
        if len(words) > n and adjective in demonyms() and demonyms()[adjective]:
            country, words = demonyms()[adjective], words[n:]
            break
    split = next((i for i, w in enumerate(words) if w.lower() in {"of", "to"}), len(words))
    title = " ".join(words[:split]).lower()
    rest = " ".join(words[split:])
    of, to = _bodies(rest) if rest else ((), "")
    head = _PREFIX_HYPHEN.sub(r"\1 ", title).split()
    portfolio_named = of and of[0] not in _known_names() and not of[0].lower().startswith("the ")
    if head and head[-1] == "minister" and portfolio_named:
        portfolio = of[0].lower()
        short = _PORTFOLIOS.get(portfolio)
        title = " ".join(head[:-1] + [short, "minister"] if short else [title, "of", portfolio])
        of = of[1:]
    elif head[-1:] == ["minister"] and len(head) > 1 and head[-2] in _PORTFOLIOS.values():
        title = " ".join(head)  # "vice-foreign minister" and "vice foreign minister" alike
    if country and country not in of:
        of = (*of, country)
    office = Office(title, of, to)
    if not of and not to and _generic(title):
        return Office(title, kind=FRAGMENT)
    return office


@cache
def _known_names() -> frozenset[str]:
    return frozenset(name for name, _ in _names().values())


def _generic(title: str) -> bool:
    """A title that does not say what is headed: 'chairman', 'general secretary', 'deputy'."""
    words = _PREFIX_HYPHEN.sub(r"\1 ", title).replace("-", " ").split()
    return bool(words) and all(w in _QUALIFIERS or w in TITLE_HEADS for w in words)


def _capitalised(text: str) -> str:
    return " ".join(
        w if w.lower() in {"of", "the"} else w[:1].upper() + w[1:] for w in text.split()
    )


def offices_of(roles: Sequence[str]) -> list[Office]:
    """The roles a person holds in one article, in the order written, as offices: 'its' and 'the
    party's' name the body of the office before ('general secretary of the WPK and chairman of its
    Central Military Commission')."""
    found: list[Office] = []
    for role in roles:
        if _ITS.search(role):
            party = bool(re.search(r"party's", role, re.I))
            earlier = next((o for o in reversed(found) if o.of), None)
            bodies = earlier.of if earlier else ()
            # the body referred to, with what it is of: "the Communist Party of Vietnam"
            at = [i for i, b in enumerate(bodies) if b not in _countries()
                  and (not party or "party" in b.lower() or b == "Workers' Party of Korea")]  # fmt: skip
            if not at:
                found.append(Office(read_office(_ITS.sub("", role)).title, kind=FRAGMENT))
                continue
            role = _ITS.sub("", role) + "".join(f" of {_the(b)}" for b in bodies[at[-1] :])
        found.append(read_office(role))
    return found


# ------------------------------------------------------------ careers


@dataclass
class CareerLine:
    """One office of a person's career: its span in dated articles and the wordings behind it."""

    office: str
    kind: str
    first: str | None
    last: str | None
    articles: int
    country: str = ""
    wordings: list[str] = field(default_factory=list)
    held: Office | None = field(default=None, repr=False, compare=False)  # what the line counts

    def as_dict(self) -> dict:
        return {
            "office": self.office,
            "kind": self.kind,
            "country": self.country,
            "first": self.first,
            "last": self.last,
            "articles": self.articles,
            "wordings": self.wordings,
        }


def career(held: Iterable[tuple[int, str | None, Sequence[str]]]) -> list[CareerLine]:
    """A person's offices, ranks and honorifics from (article id, date, roles in the order written)
    of each article naming them: one line an office however worded, in date order. A wording that
    says less of one of the person's offices (a bare 'General Secretary', 'premier of the Cabinet'
    beside '... of the Cabinet of the DPRK') counts for it; a fragment that fits none is left out."""
    seen: dict[str, tuple[Office, set[int], list[str], Counter[str]]] = {}
    for article_id, published, roles in held:
        for role, office in zip(roles, offices_of(roles), strict=True):
            entry = seen.setdefault(office.key, (office, set(), [], Counter()))
            entry[1].add(article_id)
            if published:
                entry[2].append(published)
            entry[3][role] += 1
            if office.kind != FRAGMENT:  # a line is shown in its fullest wordings only
                entry[3][f"\0{office.label}"] += 1
    fuller = [o for o, *_ in seen.values() if o.kind == OFFICE]
    lines: dict[str, tuple[Office, set[int], list[str], Counter[str]]] = {}
    for office, ids, dates, wordings in seen.values():
        target = office
        if office.kind != RANK:
            into = [o for o in fuller if office.within(o) and not any(o.within(p) for p in fuller)]
            if len({o.key for o in into}) == 1:
                target = into[0]
            elif office.kind == FRAGMENT:
                continue
        line = lines.setdefault(target.key, (target, set(), [], Counter()))
        line[1].update(ids)
        line[2].extend(dates)
        line[3].update(wordings)
    result = []
    for office, ids, dates, wordings in lines.values():
        labels = Counter(
            {
                w[1:]: n
                for w, n in wordings.items()
                if w.startswith("\0") and _key(w[1:]) == office.key
            }
        )
        shown = max(labels, key=lambda w: (labels[w], w)) if labels else office.label
        result.append(
            CareerLine(
                shown,
                office.kind,
                min(dates) if dates else None,
                max(dates) if dates else None,
                len(ids),
                office.country,
                sorted((w for w in wordings if not w.startswith("\0")), key=lambda w: -wordings[w]),
                office,
            )
        )
    return sorted(result, key=lambda c: (c.first or "9999", c.office))


def matches(office: Office, query: Office) -> bool:
    """Whether an office is one a query names: the same title, and every body the query names
    ('foreign minister' matches the foreign minister of any country, 'minister of Foreign Affairs
    of Russia' Russia's alone)."""
    return _title_key(office.title) == _title_key(query.title) and all(
        b in office.of for b in query.of
    )


def may_match(role: str, query: Office) -> bool:
    """Whether a role as written may count for an office the query names, however its 'its' is
    resolved: the same title."""
    return _title_key(read_office(_ITS.sub("", role)).title) == _title_key(query.title)


def within_dates(line: CareerLine, on: str) -> bool:
    """Whether a career line's span covers a date given as YYYY, YYYY-MM or YYYY-MM-DD."""
    if not line.first or not line.last:
        return False
    return line.first[: len(on)] <= on <= line.last[: len(on)]
