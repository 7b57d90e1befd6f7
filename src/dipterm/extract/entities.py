"""People (with their roles), organisations, places and countries named in an article body.

Found by the gazetteer and by rules on the texts' own patterns: a title before a name, "Name, role"
appositives and lists, head nouns of organisations ("... Ministry") and places ("... Guesthouse"),
the shape of Korean names. Each mention keeps its offsets, for events and quotes.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import takewhile
from typing import NamedTuple

from dipterm.extract import names, roles
from dipterm.extract.chinese import is_chinese_name
from dipterm.extract.gazetteer import (
    KINDS,
    Match,
    demonyms,
    keys_of_kind,
    matcher,
    name_key,
    words_at,
)
from dipterm.extract.sentences import split_sentences
from dipterm.models import Mention

ORG_HEADS = {
    "Party", "Commission", "Committee", "Ministry", "Department", "Assembly", "Bureau", "Army",
    "Navy", "Fleet", "Forces", "Force", "Council", "Agency", "Association", "Union", "League",
    "Front", "Federation", "Organization", "Organisation", "Office", "Institute", "Academy",
    "Corporation", "Company", "Group", "Society", "Cabinet", "Secretariat", "Presidium",
    "Consulate", "Command", "Guard", "Government", "Court", "Bank", "Service",
    "Administration", "Alliance", "Troupe", "Ensemble", "Orchestra", "Duma", "Parliament",
    "Congress", "Politburo", "Directorate", "Corps", "Division", "Headquarters", "Foundation",
    "Studio", "Board", "Confederation", "Volunteers",
}  # fmt: skip
PLACE_HEADS = {
    "Guesthouse", "Hotel", "Palace", "Hall", "Square", "Monument", "Tower", "Stadium", "Airport",
    "Station", "Port", "Harbour", "Harbor", "Street", "Park", "Cemetery", "Museum", "Theatre",
    "Theater", "Restaurant", "Factory", "Complex", "Farm", "Mine", "Cosmodrome", "Arch",
    "Bridge", "Island", "River", "Mountain", "Memorial", "House", "Centre", "Center", "Plant",
    "Works", "Zone", "Base", "Province", "County", "City", "District", "Village", "Region",
    "Sea", "Bay", "Strait", "Lake", "Gate", "Exhibition", "Garden", "Gardens", "Hospital",
    "School", "Kindergarten", "Library", "Pavilion", "Shrine", "Mausoleum", "Site", "Gallery",
    "Ground", "Range", "Shipyard", "Dockyard", "Peak", "Pass", "Valley", "Beach", "Resort",
    "University", "College", "Club", "Tomb", "Embassy", "Temple", "Church", "Cathedral",
    "Mosque", "Pagoda", "Hill", "Camp", "Enterprise",
}  # fmt: skip
# The last words of the runs of capitalised words that may name an institution.
_INSTITUTION_ENDS = frozenset(ORG_HEADS | PLACE_HEADS | {"No", "Co"})
# Heads of the administrative places the gazetteer names without them ("North Hamgyong").
ADMIN_HEADS = {"Province", "County", "City", "District", "Region", "Village", "Prefecture"}
# Heads of regions, land and water, whose "of" part is where they are ("Maritime Province of
# Siberia", "East Sea of Korea"): an "and" after it joins another place, not more of the name.
_LAND_AND_WATER = ADMIN_HEADS | {
    "Sea", "Bay", "Strait", "Lake", "River", "Mountain", "Island", "Peak", "Pass", "Valley",
    "Beach", "Zone", "Street", "Square", "Park", "Bridge", "Port", "Harbour", "Harbor",
}  # fmt: skip
# Words of state and institution names, never of a person's name ("Syrian Arab Republic").
NOT_NAME_WORDS = {
    "Republic", "Kingdom", "Federation", "Democratic", "People's", "People\u2019s", "Socialist",
    "Islamic", "Arab", "United", "Union", "States", "Emirates", "Commonwealth", "Sultanate",
    "Principality", "Confederation", "Grand", "Duchy", "Autonomous", "Special", "Provincial",
    "Party", "Republica", "República", "Popular", "Democratica", "Democrática", "République",
    "Populaire", "Démocratique",  # the DPRK's name in Spanish and French articles
    "War", "Liberation", "Revolution", "Festival", "Anniversary", "Games", "Championship",
    "Championships", "Cup", "Olympics",  # "the Fatherland Liberation War, President X ..."
}  # fmt: skip
# Capitalised words that open sentences or clauses but never names.
STOP_WORDS = {
    "The", "A", "An", "At", "In", "On", "Both", "This", "That", "These", "Those", "Its", "His",
    "Her", "Their", "Our", "Also", "And", "But", "For", "From", "To", "With", "By", "As",
    "Meanwhile", "Present", "Then", "When", "After", "Before", "During", "Amid", "Amidst", "He",
    "She", "They", "It", "We", "I", "You", "There", "Here", "Such", "All", "Each", "Every",
    "Some", "Many", "Other", "Another", "If", "While", "Quoting", "Noting", "Saying", "Upon",
    "Under", "Over", "Through", "Against", "Among", "Between", "Without", "Within", "Of", "Now",
    "Today", "Yesterday", "Recently", "Later", "Earlier", "However", "Thus", "So", "Yet", "Not",
    "No", "Yes", "Why", "What", "Who", "How", "Where", "Which", "Whose", "Whom", "Despite",
    "Since", "Until", "Following", "According", "Accompanying", "Comrade", "Respected", "Dear",
    "Mr", "Mrs", "Ms", "Mr.", "Mrs.", "Ms.", "Juche", "Songun", "Korean", "Korea",
}  # fmt: skip
MONTHS = {
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep",
    "Sept", "Oct", "Nov", "Dec", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
    "Saturday", "Sunday",
}  # fmt: skip
_WORD = re.compile(r"\S+")
_OF_BEFORE = re.compile(r"\b(?:of|for)\s+(?:the\s+)?$")
_LED_BY = re.compile(r"\b(?:led|headed|accompanied)\s+by\s+(?:(?P<title>[a-z][\w-]*)\s+)?$")
# A plural's apostrophe inside a name belongs to its word: "Workers' Party", "Koreans' Affairs".
_PLURAL_OF = r"(?:(?<=s)['\u2019](?=[ \t]+[A-Z]))?"
_CAPWORD = rf"(?:[A-Z][\w'\u2019.-]*[\w]{_PLURAL_OF}|[A-Z]|\d+)"
# The same runs as f"{_CAPWORD}(?:[ \t]+{_CAPWORD})*" finds: the first character first, alone,
# lets a search skip to the next capital or figure (a lookahead for it was a third faster than
# none, this a tenth to a quarter faster again); what follows it depends on what it was.
_RUN = re.compile(
    rf"[A-Z\d](?:(?<=[A-Z])(?:[\w'\u2019.-]*\w{_PLURAL_OF})?|\d*)(?:[ \t]+{_CAPWORD})*"
)
_ARMED = re.compile(
    r"\b(?P<adj>[A-Z][a-z]+)\s+(?:[a-z]+\s+){0,2}(?:armed forces|army|navy|air force)\b"
)
_PREPOSITION_PLACE = re.compile(
    r"\b(?:in|at|to|from|near)\s+(?P<name>[A-Z][a-z]{2,}(?:-[A-Z]?[a-z]+)?)(?=[\s,.;:)]|$)(?![\s]+[A-Z])"
)


class Span(NamedTuple):
    """A mention's place in the text. (A named tuple, as Match and Sentence are: dozens are made
    for each article, and a tuple is made several times faster than a frozen dataclass.)"""

    start: int
    end: int
    kind: str
    name: str
    text: str
    reference: bool = False  # "the Russian President": the person, but not a spelling of the name


@dataclass
class Found:
    """All mentions in one text, in order, and the roles each person was given."""

    spans: list[Span] = field(default_factory=list)
    roles: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def of_kind(self, kind: str) -> list[Span]:
        return [s for s in self.spans if s.kind == kind]

    def mentions(self, kind: str) -> list[Mention]:
        counts: dict[str, int] = defaultdict(int)
        spellings: dict[str, list[str]] = defaultdict(list)
        for span in self.of_kind(kind):
            counts[span.name] += 1
            if not span.reference and span.text not in spellings[span.name]:
                spellings[span.name].append(span.text)
        return [
            Mention(
                name,
                kind,
                tuple(self.roles.get(name, ())) if kind == "person" else (),
                tuple(spellings[name]),
                counts[name],
            )
            for name in counts
        ]


@lru_cache(maxsize=4)
def _capitalised_runs(text: str) -> list[tuple[re.Match[str], str]]:
    """Runs of capitalised words, each with its last word, read once for organisations, places
    and people. Words are separated by spaces and tabs alone, and most runs have one."""
    runs = []
    for run in _RUN.finditer(text):
        words = run.group()
        runs.append((run, words.rsplit(None, 1)[-1] if " " in words or "\t" in words else words))
    return runs


def _words_of(run: re.Match[str]) -> list[re.Match[str]]:
    """A run's words, with their offsets inside the run."""
    return list(_WORD.finditer(run.group()))


class Taken:
    """The stretches of a text already named, which a mention found later may not overlap. Each
    character is marked, so a check reads only the characters of the span it asks about (a
    mention always has some)."""

    __slots__ = ("_marks",)

    def __init__(self, text: str) -> None:
        self._marks = bytearray(len(text))

    def append(self, span: tuple[int, int]) -> None:
        start, end = span
        self._marks[start:end] = b"\x01" * (end - start)

    def overlaps(self, span: tuple[int, int]) -> bool:
        return 1 in self._marks[span[0] : span[1]]

    def only_by(self, span: tuple[int, int], inner: list[Span]) -> bool:
        """Whether what is taken of span is taken by the inner spans (which lie inside it)."""
        marks = self._marks[span[0] : span[1]]
        for other in inner:
            marks[other.start - span[0] : other.end - span[0]] = bytes(other.end - other.start)
        return 1 not in marks


def _strip_leading(
    words: list[re.Match[str]], keep: frozenset[str] = frozenset()
) -> list[re.Match[str]]:
    while (
        words
        and words[0].group() not in keep
        and (words[0].group() in STOP_WORDS or words[0].group() in MONTHS)
    ):
        words = words[1:]
    return words


def _extend(text: str, end: int, pattern: re.Pattern[str]) -> int:
    m = pattern.match(text, end)
    return m.end() if m else end


# A part of an organisation's name after its head noun: "of", "for", "with" or "in" and capitalised
# words, "the" before them only where _org_end allows it.
_ORG_PART = re.compile(
    rf"\s+(of|for|with|in)\s+(?P<the>the\s+)?({_CAPWORD}(?:\s+(?:and\s+)?{_CAPWORD})*)"
)
_COUNTRY_OF = re.compile(rf"(?:\s+of\s+{_CAPWORD}(?:\s+{_CAPWORD})*)*")
_NUMBERED = re.compile(r"\.[ \t]?\d+\b")  # after "No": "School No. 1"
# What a number after it names: "Factory 326", "Hill 351" (not "Hotel 25" years, "Street 5")
_NUMBERED_HEADS = frozenset({"Factory", "Plant", "Works", "Mine", "Hill"})
_COMPANY = re.compile(r"\.(?:,?[ \t]+Ltd\.?)?")  # after "Co": "Co.", "Co. Ltd.", "Co., Ltd"
_TRAILING_AND = re.compile(r"(?:\s+and)?\s*$")
_AND_WORD = re.compile(r"\s+and\s+(\S+)")
# "Korean" opens no person's name, but it does open names of institutions: "Korean Central News
# Agency", "Korean Committee for Solidarity with Cuba", "Korean Revolution Museum".
_OPENS_INSTITUTIONS = frozenset({"Korean", "Korea"})
# What a place's head noun is of, to or for: "Monument to Party Founding", "Revolutionary Site for
# Party Foundation" (a word, not a figure, after "for": "School for 25 ...").
_PLACE_OF = re.compile(
    rf"(?:\s+(?:(?:of|to)(?:\s+the)?\s+|for(?:\s+the)?\s+(?=[A-Z]))"
    rf"{_CAPWORD}(?:\s+{_CAPWORD})*)+"
)
# One more word joined by "and" to the last of a place's "of" part, itself no head noun and not
# followed by another capitalised word: "University of Science and Technology" (not "University
# of Pyongyang and Kim Il Sung University").
_AND_ONE_MORE = re.compile(rf"\s+and\s+(?P<word>{_CAPWORD})\b(?![ \t]+[A-Z\d])")


# Articles of other languages, which open no qualifier of a head noun ("El Presidium").
_ARTICLES = frozenset({"El", "La", "Los", "Las", "Le", "Les", "Il", "Die", "Der", "Das"})


def _qualifies_an_org(words: str) -> bool:
    """Whether up to three capitalised words before a head noun name which one it is ("Joint",
    "Federal Political"), not whose ("Prime Minister Noda's", "Kim Jong Il", "El")."""
    split = words.split()
    return (
        0 < len(split) <= 3
        and not any(
            w in STOP_WORDS
            or w in _ARTICLES
            or w.endswith(("'s", "\u2019s"))
            or roles.is_title_head(w)
            for w in split
        )
        and not names.KOREAN_NAME.match(words)
    )


# Heads of organisations that are not ORG_HEADS alone (a "conference" is most often an event).
_NESTED_HEADS = frozenset({"Conference", "Movement", "Network"})
_ABBREVIATED = re.compile(r"[A-Z][A-Z.&-]*[A-Z.]")
# The words of a state's official name before its country: "Federal Democratic Republic of".
_STATE_WORDS = (
    r"(?:(?:Republic|Kingdom|Federation|Federal|Democratic|People's|Socialist|Islamic|Arab|"
    r"United|Plurinational|Bolivarian|Oriental|Co-operative|Cooperative|Hashemite|Sultanate|"
    r"Principality|State|Commonwealth|Union)\s+)+of\s+"
)
_STATE_OF = re.compile(rf"^{_STATE_WORDS}(?:the\s+)?")
# "of the Islamic Republic of", "of the Federal Democratic Republic of": the state before its name.
_STATE_OF_COUNTRY = re.compile(rf"\s+of\s+the\s+{_STATE_WORDS}")


def _the_part_of(text: str, m: re.Match[str], head: str, country_keys: frozenset[str]) -> bool:
    """Whether "of the ..." or "in the ..." after a head noun is part of the name: "Ministry of
    the Interior", "Communist Party of the People of Spain", a party's country ("Party of
    Socialists in the Republic of Moldova"); not another organisation ("Central Committee of the
    Workers' Party of Korea": each is named) nor the country of anything else ("the Foreign
    Ministry of the DPRK" is the Foreign Ministry)."""
    words = m.group(3)
    split = words.split()
    a_country = name_key(_STATE_OF.sub("", words)) in country_keys  # "the Russian Federation"
    if (
        m.group(1) not in ("of", "in")
        or not words[0].isalpha()
        or _ABBREVIATED.fullmatch(words)  # "of the C.C., WPK", "of the CCP"
        or words in demonyms()  # "the Department of the Iranian Foreign Ministry"
        or name_key(words) in keys_of_kind("org")  # "of the United Nations"
        or names.KOREAN_NAME.search(words)  # "of the DPRK Kim Jong Il", "Comrade Kim Il Sung"
        or (
            not a_country
            and any(
                w in ORG_HEADS
                or w in _NESTED_HEADS
                or roles.is_title_head(w)
                or roles.is_honorific(w)
                for w in split
            )
        )
    ):
        return False
    # A country ("the Republic of Moldova" too) is part of a party's name only; a country first is
    # the country of what follows ("of the DPRK Foreign Ministry", "of China Wen Jiabao").
    phrase = (words + _COUNTRY_OF.match(text, m.end()).group()).split()
    country = max(
        (
            n
            for n in range(1, len(phrase) + 1)
            if name_key(_STATE_OF.sub("", " ".join(phrase[:n]))) in country_keys
        ),
        default=0,
    )
    if country:
        return head == "Party" and country == len(phrase)
    return m.group(1) == "of"


def _org_end(text: str, end: int, country_keys: frozenset[str], head: str = "") -> int:
    """Where an organisation's name ends, its head noun ending at end: through its parts "of" and
    "for" ("Union of Agricultural Workers of Korea"), "with" after "for" ("Committee for
    Solidarity with Cuba"), and "in" a country ("Union of Korean Students in Japan")."""
    before = None
    while m := _ORG_PART.match(text, end):
        word = m.group(1)
        if m.group("the"):
            if not _the_part_of(text, m, head, country_keys):
                break
        elif (word == "with" and before != "for") or (
            word == "in" and name_key(m.group(3)) not in country_keys
        ):
            break
        for joined in _AND_WORD.finditer(m.group(3)):
            if joined.group(1) in demonyms():
                # "the Workers' Party of Bangladesh and Bangladeshi personages": it ends first
                return m.start(3) + joined.start()
        # "Chairman of the Committee for Cultural Relations with Foreign Countries So Ho Won": in
        # a part after the first, a person's name or a title ends the name before it. (The first
        # part may hold one: "Committee for Remembering President Kim Il Sung".)
        cut = before and next(
            (
                w.start()
                for w in _WORD.finditer(text, m.start(3), m.end())
                if roles.is_title_head(w.group()) or names.KOREAN_NAME.match(text, w.start())
            ),
            None,
        )
        if cut:
            kept = _TRAILING_AND.sub("", text[m.start(3) : cut])
            return m.start(3) + len(kept) if kept else end
        end, before = m.end(), word
    return end


def _and_one_more(text: str, end: int, country_keys: frozenset[str]) -> int:
    """end, or the end of a word "and" joins to the place's name ending there: neither word a
    head noun, the one after it no country nor a name the gazetteer knows."""
    last = text[text.rfind(" ", 0, end) + 1 : end]
    m = _AND_ONE_MORE.match(text, end)
    if not m or last in ORG_HEADS or last in PLACE_HEADS or name_key(last) in country_keys:
        return end
    if matcher(("country", "place")).find(last) or _whole_gazetteer_name(text, end):
        return end  # "West Sea of Korea and ...", "Tower of the Juche Idea and ...": complete
    word = m.group("word")
    if word.isupper() or word in ORG_HEADS or word in PLACE_HEADS:
        return end  # an acronym, or another name's head
    if name_key(word) in country_keys or matcher(KINDS).find(word):
        return end
    return m.end()


def _whole_gazetteer_name(text: str, end: int) -> bool:
    """Whether a name the gazetteer knows ends at end."""
    start = max(0, end - 80)
    return any(start + m.end == end for m in matcher(("place", "org")).find(text[start:end]))


def _names_what(text: str, end: int, kind: str, country_keys: frozenset[str]) -> bool:
    """Whether a head noun ending at end goes on to say what it is the head of."""
    if kind == "place":
        return _PLACE_OF.match(text, end) is not None
    part = _ORG_PART.match(text, end)
    if part is None or part.group(1) not in ("of", "for"):
        return False
    head = text[:end].rsplit(None, 1)[-1]
    return not part.group("the") or _the_part_of(text, part, head, country_keys)


def _before_a_date_word(text: str, start: int, end: int) -> int:
    """end, or where the first weekday or month between start and end begins, less spaces."""
    for word in _WORD.finditer(text, start, end):
        if word.group().strip(",.") in MONTHS:
            return len(text[: word.start()].rstrip())
    return end


def _institutions(
    text: str, taken: Taken, country_keys: frozenset[str], gazetteer: list[Span]
) -> tuple[list[Span], set[Span]]:
    """Organisations and places by their head noun: "External Policy Planning Department",
    "Monument to Military Glory of the Pacific Fleet", "Ministry of Foreign Affairs". A place the
    gazetteer found at the front of one is part of its name ("Pyongyang Municipal People's
    Committee", "Tokyo Metropolitan Headquarters"), and so is a gazetteer organisation that is
    only its head noun ("Central Secretariat"): those mentions (of the gazetteer's places and
    organisations given) are given back, to be dropped."""
    found: list[Span] = []
    absorbed: set[Span] = set()
    for run, last in _capitalised_runs(text):
        # Leading stop words are stripped from the front: the last word stays the head, and most
        # runs end in no head noun at all.
        if last.endswith(("'s", "\u2019s")):
            last = last[:-2]  # "the Foreign Ministry's spokesman"
        if last not in _INSTITUTION_ENDS and not last.isdigit():
            continue  # no head noun, nor a number or "No." or "Co." before which one may stand
        fixed_end = None  # where a number or a company's "Co. Ltd." ends the name
        before_last = run.group().rsplit(None, 2)[-2] if " " in run.group() else None
        if last == "No" and before_last and (numbered := _NUMBERED.match(text, run.end())):
            last, fixed_end = before_last, numbered.end()  # "Moranbong Secondary School No. 1"
        elif last.isdigit() and not 1900 <= int(last) <= 2100 and before_last in _NUMBERED_HEADS:
            last, fixed_end = before_last, run.end()  # "Pyongyang Electric Cable Factory 326"
        if last == "Co" and (company := _COMPANY.match(text, run.end())):
            last, fixed_end = "Company", company.end()  # "Dandong Shenpu Technology Co. Ltd."
        kind = "org" if last in ORG_HEADS else "place" if last in PLACE_HEADS else None
        if kind is None:
            continue
        words = _strip_leading(_words_of(run), _OPENS_INSTITUTIONS)
        first = words[0].group() if len(words) > 1 else ""
        if first.endswith(("'s", "\u2019s")) and name_key(first[:-2]) in country_keys:
            words = words[1:]  # "China's Yanbian Yiqiao Commercial Co. Ltd.": whose, not its name
        if words and words[0].group() in _OPENS_INSTITUTIONS:
            first = (run.start() + words[0].start(), run.start() + words[0].end())
            if taken.overlaps(first):  # the end of a name before: "Workers' Party of Korea"
                words = _strip_leading(words[1:])
        if not words:
            continue
        start = run.start() + words[0].start()
        # A lone head noun ("Party", "Hall") names nothing in particular, unless "of ..." (or, for
        # an organisation, "for ...") follows.
        if len(words) == 1 and not _names_what(text, run.end(), kind, country_keys):
            continue
        if fixed_end is not None:
            end = fixed_end
        elif kind == "org":
            end = _org_end(text, run.end(), country_keys, last)
        else:
            end = _extend(text, run.end(), _PLACE_OF)
            if end > run.end() and text[end - 1].isalpha() and last not in _LAND_AND_WATER:
                end = _and_one_more(text, end, country_keys)
        if end > run.end():  # "Thongil Street of Pyongyang Friday": no day or month ends a name
            end = _before_a_date_word(text, run.end(), end)
        if kind == "place" and end > run.end() and _names_a_country_or_place(text[run.end() : end]):
            end = run.end()  # "Liaoning Province of China": the province, then the country
        if text.endswith(("'s", "\u2019s"), start, end):
            end -= 2  # the possessive of a name: "the Workers' Party of Korea's line"
        name = text[start:end]
        if name_key(name) in country_keys:
            continue
        if taken.overlaps((start, end)):
            # A gazetteer place opening the name is part of it, but "North Hamgyong Province"
            # is the place the gazetteer names; so is a gazetteer organisation that is only the
            # head noun ("Central Secretariat" of a party, not the WPK's "Secretariat").
            inner = [p for p in gazetteer if start <= p.start and p.end < end and p.kind == "place"]
            if inner and last in ADMIN_HEADS:
                inner = []
            inner += [
                p
                for p in gazetteer
                if p.kind == "org"
                and p.start > start
                and p.end == run.end()
                and p.text == last
                and _qualifies_an_org(text[start : p.start])
            ]
            if not inner or not taken.only_by((start, end), inner):
                continue
            absorbed.update(inner)
        found.append(Span(start, end, kind, name.replace("\u2019", "'"), name))
    if not any(force in text for force in ("army", "navy", "armed forces", "air force")):
        return found, absorbed  # what _ARMED ends with
    for m in _ARMED.finditer(text):
        if m.group("adj") in demonyms() and not taken.overlaps((m.start(), m.end())):
            found.append(Span(m.start(), m.end(), "org", m.group(), m.group()))
    return found, absorbed


@lru_cache(maxsize=4096)  # the same names recur from article to article
def _orgs_inside(name: str) -> tuple[Match, ...]:
    """The organisations named inside a name, past its first letter."""
    return tuple(matcher(("org",)).find(name[1:]))


def _names_a_country_or_place(extension: str) -> bool:
    """Whether "of the X" names a country or a gazetteer place on its own."""
    rest = re.sub(r"^\s*(?:of|to)(?:\s+the)?\s+", "", extension)
    return any(
        m.start == 0 and m.end == len(rest) for m in matcher(("country", "place")).find(rest)
    )


def _title_before(text: str, start: int) -> str | None:
    """The title of office written right before a name ("Russian Foreign Minister")."""
    words = text[max(0, start - 160) : start].split()[-12:]
    while words and words[-1] in _SHEIKHS:
        words.pop()  # "Kuwaiti Emir Sheikh Sabah ...": the emir
    title: list[str] = []
    # "Vice-Minister of Fisheries Kim Chang Do": the domain of an office, capitalised words after
    # its "of", stands between a title and the name.
    domain = _domain_of_office(words)
    if domain:
        title, words = words[-domain:], words[:-domain]
    for word in reversed(words):
        if word in ("of", "the", "to") and title:
            title.insert(0, word)
            continue
        if roles.is_honorific(word) or not (word[0].isupper() or word.startswith("vice-")):
            break
        if word.endswith(".") and word not in demonyms():
            break  # the end of the sentence before
        if word.endswith((",", ";", ":")) or not roles.is_title_word(word):
            break
        title.insert(0, word)
    while title and title[0] in ("of", "the", "to"):
        title.pop(0)
    if not any(roles.is_title_head(w) for w in title):
        return _national_title(words)
    return roles.normalise_role(" ".join(title))


_TO_THE_STATE = re.compile(r"^to(?: the)? [A-Z][\w.]*$")


def _national_title(words: list[str]) -> str | None:
    """An office in lower case after an adjective of nationality, right before a name: "Russian
    ambassador to the DPRK Alexandr Timonin" (not "leader Kim Jong Il", an epithet)."""
    last = words[-1] if words else ","
    if last[-1] in ",;:" or (last.endswith(".") and "." not in last[:-1]):
        return None  # the name opens a new clause or sentence: the office is another's
    for n in range(2, min(len(words), 6) + 1):
        if words[-n] not in demonyms():
            continue
        rest = words[-n + 1 :]
        office = list(takewhile(lambda w: w.islower() and roles.is_title_word(w), rest))
        tail = " ".join(rest[len(office) :])
        if office and roles.is_title_head(office[-1]) and (not tail or _TO_THE_STATE.match(tail)):
            return roles.normalise_role(" ".join(words[-n:]))
    return None


def _domain_of_office(words: list[str]) -> int:
    """How many of the last words are "of" and the capitalised words of an office's domain after
    it ("of Foreign Affairs", "of the Interior"), with a title head right before: 0 if none."""
    capitalised = 0
    for n in range(1, 6):
        if len(words) < n + 2:
            return 0
        word = words[-n]
        if word in ("of", "the"):
            if word == "of" and capitalised and roles.is_title_head(words[-n - 1]):
                return n
            if word == "the":
                continue
            return 0
        if not word[0].isupper() or word.endswith((",", ";", ":", ".", "-")) or word in STOP_WORDS:
            return 0
        capitalised += 1
    return 0


def _name_words_ok(words: list[str]) -> bool:
    return all(
        w[0].isupper()
        and w not in STOP_WORDS
        and w not in MONTHS
        and not roles.is_title_word(w)
        and w not in ORG_HEADS
        and w not in PLACE_HEADS
        and (not w.isupper() or (i > 0 and _REGNAL.fullmatch(w) is not None))
        and w not in NOT_NAME_WORDS
        for i, w in enumerate(words)
    )


# Names that hold a particle, in lower case or joined by a hyphen ("Tamim bin Hamad Al Thani",
# "Hamad Bin Isa al-Khalifa", "Luiz Inacio Lula da Silva"), which runs of capitalised words break
# at: known, as other names, by the role after them.
_PARTICLE_WORDS = (
    "bin", "ibn", "bint", "al", "el", "da", "de", "do", "dos", "das", "del", "di", "du", "van",
    "von", "der", "la", "le",
)  # fmt: skip
_PARTICLE = "(?:" + "|".join(_PARTICLE_WORDS) + ")"
_PARTICLES = frozenset(_PARTICLE_WORDS) | {"Bin", "Ibn", "Al", "El"}  # "Hamad Bin Isa"
_PARTICLE_KEYS = frozenset(p.lower() for p in _PARTICLES)
_PARTICLE_NAME = re.compile(
    rf"[A-Z][a-z]+(?:[ \t]+(?:{_PARTICLE}[ \t]+)?(?:(?:al|el|Al|El)-)?[A-Z][a-z]+)+(?=,)"
)
_HAS_PARTICLE = re.compile(rf"[ \t](?:{_PARTICLE}[ \t]+[A-Z]|(?:al|el|Al|El)-[A-Z])")
_SHEIKHS = frozenset({"Sheikh", "Sheik", "Shaikh", "Seikh"})  # a style before a name, not an office
_HONOURED_AS = _SHEIKHS | {"Sayyid", "Emir", "Sultan", "King", "Prince"}


def _particle_people(text: str, taken: Taken) -> list[tuple[int, int, str]]:
    """Names holding a particle, with a role after them (their other words checked as a name's)."""
    if _PARTICLE_KEYS.isdisjoint(words_at(text)[1]):
        return []  # most texts hold none: their words, read already, tell
    found = []
    for m in _PARTICLE_NAME.finditer(text):
        words = list(_WORD.finditer(text, m.start(), m.end()))
        while words and (
            not _name_words_ok([words[0].group()]) or words[0].group() in _HONOURED_AS
        ):
            words = words[1:]  # "Emir Tamim bin Hamad Al Thani": the title before is not the name
        if not words:
            continue
        start, end = words[0].start(), m.end()
        own = [w.group().split("-")[-1] for w in words if w.group() not in _PARTICLES]
        if (
            not _HAS_PARTICLE.search(text, start - 1, end)
            or not 2 <= len(own) <= 5
            or not _name_words_ok(own)
            or taken.overlaps((start, end))
            or not roles.starts_role(text[end + 1 : end + 200])
        ):
            continue
        found.append((start, end, text[start:end]))
    return found


# A monarch's or pope's number after the name: "Mohammed VI", "Carl XVI Gustaf".
_REGNAL = re.compile(r"(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3})")
# A name with initials: "U. Khurelsukh, president of Mongolia", "C.P. Mainali".
# (A capital first, not "\b": a search then skips to the next capital.)
_INITIALLED = re.compile(r"[A-Z]\.(?:[ \t]?[A-Z]\.){0,2}[ \t]?[A-Z][a-z]+(?:-[A-Z]?[a-z]+)?(?=,)")


def _chinese_names(text: str) -> list[tuple[int, int]]:
    """Where Chinese names end runs of capitalised words ("Premier Wen Jiabao")."""
    found = []
    for run, last in _capitalised_runs(text):
        if len(last) < len(run.group()):
            before = run.group()[: -len(last)].rstrip()  # spaces or tabs, one or more
            surname = before.rsplit(None, 1)[-1]
            if is_chinese_name(surname, last):
                found.append((run.start() + len(before) - len(surname), run.end()))
    return found


def _initialled_people(text: str, taken: Taken) -> list[tuple[int, int, str]]:
    """Names of initials and a word ("C.P. Mainali"), known by a role after them."""
    return [
        (m.start(), m.end(), m.group())
        for m in _INITIALLED.finditer(text)
        if (m.start() == 0 or not (text[m.start() - 1].isalnum() or text[m.start() - 1] == "."))
        and not taken.overlaps((m.start(), m.end()))
        and name_key(m.group()) not in keys_of_kind("country")
        and roles.starts_role(text[m.end() + 1 : m.end() + 200])
    ]


# Greetings on an occasion of office: "sent a congratulatory message to Mohammad Ghazi al-Jalai on
# his appointment as prime minister of the Syrian Arab Republic". The name may be one word
# ("Sugiono") or hold particles ("al-", "bin", "da"), and the occasion says the office.
_OCCASION_WORDS = ("appointment", "election", "accession", "inauguration", "assumption of office")
_NAME_WORD = rf"(?:[A-Z][\w'\u2019.-]*|{_PARTICLE}(?:-[A-Z][\w'\u2019.-]*)?)"
_OCCASION = re.compile(
    rf"\bto\s+(?P<name>[A-Z][\w'\u2019.-]*(?:[ \t]+{_NAME_WORD}){{0,11}})"
    r",?\s+(?:up)?on\s+(?:his|her)\s+(?:re-?)?(?:election|appointment|accession|inauguration|"
    r"assumption\s+of\s+office|swearing-in)\s+(?:as|to\s+the\s+post\s+of|to)\s+"
    r"(?P<role>(?:the\s+)?[a-zA-Z][^.,;:()]{2,100})"
)


def _occasions(text: str) -> list[re.Match[str]]:
    """The greetings on an occasion of office in text, where the office opens a role."""
    if not any(word in text for word in _OCCASION_WORDS):
        return []
    return [m for m in _OCCASION.finditer(text) if roles.starts_role(m.group("role"))]


def _people_by_context(text: str, taken: Taken) -> list[tuple[int, int, str]]:
    """Names no gazetteer or name shape found, known by a title before or a role after them."""
    found: list[tuple[int, int, str]] = []
    for run, last in _capitalised_runs(text):
        if len(last) == len(run.group()):
            continue  # one word: a name here has two or three
        words = _words_of(run)
        # Title then name inside one run: "Russian Foreign Minister Sergei Lavrov".
        last_title = max(
            (i for i, w in enumerate(words) if roles.is_title_word(w.group())), default=-1
        )
        candidates: list[list[re.Match[str]]] = []
        if 0 <= last_title < len(words) - 1:
            candidates.append(words[last_title + 1 :])
        elif last_title == -1:
            candidates.append(words)
        for name_words in candidates:
            # Two or three words; four only with a role after them ("Abdulla Juma Abdulla
            # Saadalla, vice general secretary of ..."), checked below.
            if not 2 <= len(name_words) <= 4 or not _name_words_ok([w.group() for w in name_words]):
                continue
            start = run.start() + name_words[0].start()
            end = run.start() + name_words[-1].end()
            if taken.overlaps((start, end)):
                continue
            if name_key(text[start:end]) in keys_of_kind("country"):
                continue  # "the president of Burkina Faso"
            after = text[end : end + 400]
            # A title in the run needs its head: "Portuguese Language Speaking Countries" is none.
            titled = any(roles.is_title_head(w.group()) for w in words[: last_title + 1])
            titled = titled or _title_before(text, start) is not None
            appositive = after.startswith(",") and roles.starts_role(after[1:])
            if name_words[-1].group().isupper() and _OF_BEFORE.search(
                text, max(0, start - 12), start
            ):
                continue  # "veterans of World War II": a monarch's number, not after "of"
            if len(name_words) == 4 and (
                not appositive
                or _OF_BEFORE.search(text, max(0, start - 12), start)
                or any("." in w.group() for w in name_words)
            ):
                continue  # "Minister of Regional Development Viktor Basargin, ..."
            led = _LED_BY.search(text[max(0, start - 40) : start])
            if led and led.group("title"):  # "led by member Glyn Ford", not "led by late X"
                led = roles.is_title_head(led.group("title"))
            if titled or appositive or led:
                found.append((start, end, text[start:end]))
    return found


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
        for inner in _orgs_inside(m.text):  # the WPK inside "WPK Central Committee"
            if inner.entry != m.entry:
                start = m.start + 1 + inner.start
                found.spans.append(
                    Span(start, start + len(inner.text), "org", inner.entry.name, inner.text)
                )
    gazetteer = [span for span in found.spans if span.kind in ("place", "org")]
    institutions, absorbed = _institutions(text, taken, country_keys, gazetteer)
    if absorbed:
        found.spans = [span for span in found.spans if span not in absorbed]
    for span in institutions + _mountains(text, taken):
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
    for start, end, written in _particle_people(text, taken):
        people.append((start, end, written))
        taken.append((start, end))
    for start, end, written in _people_by_context(text, taken) + _initialled_people(text, taken):
        people.append((start, end, written))
        taken.append((start, end))
    for span in _chinese_names(text):  # after the others: "Truong Tan Sang" is not "Tan Sang"
        if not taken.overlaps(span):
            people.append((*span, text[span[0] : span[1]]))
            taken.append(span)
    occasions = _occasions(text)
    for m in occasions:
        span = (m.start("name"), m.end("name"))
        if not taken.overlaps(span):
            people.append((*span, m.group("name")))
            taken.append(span)
    for start, end, written in sorted(people):
        found.spans.append(Span(start, end, "person", names.canonical_person(written), written))

    _places_after_prepositions(text, found, taken, country_keys)
    _resolve_short_references(text, found, taken)
    _assign_roles(text, found)
    for m in occasions:  # the office the occasion was: "... on his appointment as premier"
        named = next((p for p in found.spans if p.start == m.start("name")), None)
        if named is not None and named.kind == "person":
            # "as general secretary of the WPK on behalf of ...": where a role after a name ends
            for role in roles.roles_after(m.group("role"))[0]:
                _add_role(found, named.name, role)
            found.roles[named.name] = _drop_contained(found.roles[named.name])
    _resolve_role_references(text, found, taken)
    found.spans.sort(key=lambda s: (s.start, s.end))
    return found


# A name that names a decoration: "winner of Kim Il Sung Order", "the Kim Jong Il Prize".
_DECORATION = re.compile(r"[ \t]+(?:Order|Prize|Medal|Award|Badge|Youth\s+Honou?r\s+Prize)\b")


# A mountain by the word before its name: "Mt Paektu", "Mt. Kumgang", "Mount Myohyang".
_MOUNT = re.compile(r"\b(?:Mt\.?|Mount)[ \t]+(?P<name>[A-Z][a-z]+)(?![\w-])")


def _mountains(text: str, taken: Taken) -> list[Span]:
    """Mountains, each named "Mt" and its name however the text writes the word before it."""
    if "Mt" not in text and "Mount " not in text:
        return []
    return [
        Span(m.start(), m.end(), "place", f"Mt {m.group('name')}", m.group())
        for m in _MOUNT.finditer(text)
        if not taken.overlaps((m.start(), m.end()))
    ]


def _inside_a_longer_korean_name(text: str, m: Match) -> bool:
    """Whether a gazetteer name of two or more words opens a longer Korean name: "Kim Song Il" is
    not the gazetteer's Kim Song, nor "Kim Hwa Sik" the county Kimhwa."""
    if " " not in m.text:
        return False
    korean = names.KOREAN_NAME.match(text, m.start)
    return korean is not None and korean.end() > m.end


def _places_after_prepositions(
    text: str, found: Found, taken: Taken, country_keys: frozenset[str]
) -> None:
    """A lone capitalised word after "in", "at", "to", "from": a town the gazetteer lacks."""
    for m in _PREPOSITION_PLACE.finditer(text):
        word = m.group("name")
        span = (m.start("name"), m.end("name"))
        if (
            word in STOP_WORDS
            or word in MONTHS
            or roles.is_title_word(word)
            or name_key(word) in country_keys
            or word in demonyms()
            or taken.overlaps(span)
            or word in ORG_HEADS
            or word in PLACE_HEADS
            or word.isupper()
        ):
            continue
        if any(s.kind == "person" and names.surname(s.name) == word for s in found.spans):
            continue
        found.spans.append(Span(span[0], span[1], "place", word, word))
        taken.append(span)


def _resolve_short_references(text: str, found: Found, taken: Taken) -> None:
    """A later bare surname ("Lavrov") is the person named in full earlier in the article."""
    by_surname: dict[str, str] = {}
    for span in found.of_kind("person"):
        if " " in span.name and not names.is_korean(span.name):
            by_surname.setdefault(names.surname(span.name), span.name)
    if not by_surname:
        return
    for start, end, word in _whole_words(text, list(by_surname)):
        if not taken.overlaps((start, end)):
            found.spans.append(Span(start, end, "person", by_surname[word], word))
            taken.append((start, end))


_CAPITAL_NEXT = re.compile(r"\s+[A-Z]")


def _is_word_char(text: str, at: int) -> bool:
    return 0 <= at < len(text) and (text[at].isalnum() or text[at] == "_")


def _whole_words(text: str, words: list[str]) -> list[tuple[int, int, str]]:
    """Where words occur in text as whole words not followed by a capitalised word, left to
    right, as a regex alternation of them would find them (the first word listed wins at one
    place), without compiling a pattern for each article's words."""
    hits = []
    for order, word in enumerate(words):
        at = text.find(word)
        while at >= 0:
            end = at + len(word)
            if (
                (_is_word_char(text, at - 1) != _is_word_char(text, at))
                and (_is_word_char(text, end - 1) != _is_word_char(text, end))
                and not _CAPITAL_NEXT.match(text, end)
            ):
                hits.append((at, order, end, word))
            at = text.find(word, at + 1)
    result: list[tuple[int, int, str]] = []
    for start, _, end, word in sorted(hits):
        if not result or start >= result[-1][1]:
            result.append((start, end, word))
    return result


def _assign_roles(text: str, found: Found) -> None:
    people = sorted(found.of_kind("person"), key=lambda s: s.start)
    ends = [s.end for s in split_sentences(text)]
    for index, span in enumerate(people):
        before = _title_before(text, span.start)
        if before:
            _add_role(found, span.name, before)
        if text[span.end : span.end + 1] == ",":
            sentence_end = next((e for e in ends if e >= span.end), len(text))
            stop = _next_in_list(text, span.end, sentence_end, people[index + 1 :])
            after, _ = roles.roles_after(text[span.end + 1 : stop])
            for role in after:
                _add_role(found, span.name, role)
    _share_plural_roles(text, people, found)
    for name, held in found.roles.items():
        found.roles[name] = _drop_contained(held)


# A comma or "and", then nothing but capitalised words (a title) up to a name: a list goes on.
_LISTED_BEFORE = re.compile(r"(?:,|\band)\s*(?:(?:the|respected|[A-Z][\w'\u2019.-]*)\s+){0,6}$")


def _next_in_list(text: str, start: int, end: int, later: list[Span]) -> int:
    """Where the roles after a name end: at the next person of a list ("X, vice-premier, Army
    General Y, minister of ...": Y's title is not X's role), else at end."""
    for span in later:
        if span.start >= end:
            break
        if span.start > start and (m := _LISTED_BEFORE.search(text, start, span.start)):
            return m.start()
    return end


def _add_role(found: Found, name: str, role: str) -> None:
    if role and role not in found.roles[name]:
        found.roles[name].append(role)


def _drop_contained(held: list[str]) -> list[str]:
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
                _add_role(found, member.name, roles.singular(plural[0]))
        for role in plural:
            found.roles[span.name].remove(role)
            _add_role(found, span.name, roles.singular(role))


def _resolve_role_references(text: str, found: Found, taken: Taken) -> None:
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
    head, of, country = _STATE_OF_COUNTRY.sub(" of ", role).partition(" of ")
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
