"""Organisations and places named by their head noun ("External Policy Planning Department",
"Paekhwawon State Guesthouse", "Ministry of Foreign Affairs"), mountains by the word before them,
and towns the gazetteer lacks by the preposition before them."""

from __future__ import annotations

import re
from functools import lru_cache

from dipterm.extract import names, roles
from dipterm.extract.chinese import is_chinese_name
from dipterm.extract.gazetteer import KINDS, Match, demonyms, keys_of_kind, matcher, name_key
from dipterm.extract.spans import (
    CAPWORD,
    MONTHS,
    STOP_WORDS,
    WORD,
    Found,
    Span,
    Taken,
    capitalised_runs,
    words_of,
)

ORG_HEADS = {
    "Party", "Commission", "Committee", "Ministry", "Department", "Assembly", "Bureau", "Army",
    "Navy", "Fleet", "Forces", "Force", "Council", "Agency", "Association", "Union", "League",
    "Front", "Federation", "Organization", "Organisation", "Office", "Institute", "Academy",
    "Corporation", "Company", "Group", "Society", "Cabinet", "Secretariat", "Presidium",
    "Consulate", "Command", "Guard", "Government", "Court", "Bank", "Service",
    "Administration", "Alliance", "Troupe", "Ensemble", "Orchestra", "Duma", "Parliament",
    "Congress", "Politburo", "Directorate", "Corps", "Division", "Headquarters", "Foundation",
    "Studio", "Board", "Confederation", "Volunteers",
    # legislatures by the names they are called in their countries: "the State Great Hural"
    "Hural", "Khural", "Majlis", "Mejlis", "Sejm", "Senate", "Knesset", "Storting", "Riksdag",
    "Bundestag", "Bundesrat", "Rada", "Sabha", "Sangsad", "Seimas", "Saeima", "Sobranie",
    "Folketing", "Althing", "Diet", "Cortes",
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
HEAD_NOUNS = frozenset(ORG_HEADS | PLACE_HEADS)
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
_ARMED = re.compile(
    r"\b(?P<adj>[A-Z][a-z]+)\s+(?:[a-z]+\s+){0,2}(?:armed forces|army|navy|air force)\b"
)
# "\b(?:in|at|to|from|near)", with the word's start checked after its first letter (a negative
# lookbehind of fixed width): a leading "\b" made the search try every character, where the
# letters that open these words let it skip to the next "i", "a", "t", "f" or "n".
_PREPOSITION_PLACE = re.compile(
    r"(?:in(?<!\win)|at(?<!\wat)|to(?<!\wto)|from(?<!\wfrom)|near(?<!\wnear))"
    r"\s+(?P<name>[A-Z][a-z]{2,}(?:-[A-Z]?[a-z]+)?)(?=[\s,.;:)]|$)(?![\s]+[A-Z])"
)


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
# words, "the" before them only where _org_end allows it; on its line, as runs of capitalised
# words are ("... Institute for the Study of the Juche Idea\nFrancis F. Lyimo, chairman ...").
_ORG_PART = re.compile(
    rf"[ \t]+(of|for|with|in)[ \t]+(?P<the>the[ \t]+)?({CAPWORD}(?:[ \t]+(?:and[ \t]+)?{CAPWORD})*)"
)
_COUNTRY_OF = re.compile(rf"(?:\s+of\s+{CAPWORD}(?:\s+{CAPWORD})*)*")
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
    rf"{CAPWORD}(?:\s+{CAPWORD})*)+"
)
_OF = re.compile(r"\s+of\s")
# A party's faction in brackets, part of its name: "(Marxist-Leninist)", "(Maoist)", "(Red
# Motherland)"; not an acronym ("(CPC)").
_FACTION = re.compile(
    r"[ \t]*\([A-Z][a-z][\w'\u2019]*(?:(?:[ \t]+|[-\uff0d])[A-Z][a-z][\w'\u2019]*){0,2}\)"
)
_DANGLING = re.compile(r"(?:\s+(?:of|for|to|with|in|and|the))*\s*$")
_PURPOSE = re.compile(r"\s+for\s+(?:the\s+)?")
# One more word joined by "and" to the last of a place's "of" part, itself no head noun and not
# followed by another capitalised word: "University of Science and Technology" (not "University
# of Pyongyang and Kim Il Sung University").
_AND_ONE_MORE = re.compile(rf"\s+and\s+(?P<word>{CAPWORD})\b(?![ \t]+[A-Z\d])")


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
STATE_OF_COUNTRY = re.compile(rf"\s+of\s+the\s+{_STATE_WORDS}")


def _the_part_of(text: str, m: re.Match[str], head: str, country_keys: frozenset[str]) -> bool:
    """Whether "of the ...", "for the ...", "with the ..." or "in the ..." after a head noun is
    part of the name: "Ministry of the Interior", "Communist Party of the People of Spain",
    "Association for the Study of the Juche Idea", a party's country ("Party of Socialists in the
    Republic of Moldova"); not another organisation ("Central Committee of the Workers' Party of
    Korea": each is named) nor the country of anything else ("the Foreign Ministry of the DPRK"
    is the Foreign Ministry)."""
    words = m.group(3)
    split = words.split()
    a_country = name_key(_STATE_OF.sub("", words)) in country_keys  # "the Russian Federation"
    if (
        not words[0].isalpha()
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
    # What a society is for, and with whom: "Association for the Study of the Juche Idea",
    # "Committee for Solidarity with the World People".
    return m.group(1) != "in"


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
                for w in WORD.finditer(text, m.start(3), m.end())
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
    """end, or where the first weekday or month between start and end begins, less the spaces
    and linking words ("of", "for the", "to") before it."""
    for word in WORD.finditer(text, start, end):
        if word.group().strip(",.") in MONTHS:
            # "Group for the Study of February 16 Art": the name before it, less its "of"
            return len(_DANGLING.sub("", text[start : word.start()])) + start
    return end


def find_institutions(
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
    purpose = -1  # where the words a place is "for" begin: "Site for Party Foundation"
    for run, last in capitalised_runs(text):
        if run.start() == purpose:
            continue  # what the place is for, no institution ("of the Pacific Fleet" may be)
        if last not in _INSTITUTION_ENDS and (cut := _head_before_a_name(text, run)):
            run, last = cut  # "Chairman of the Wonsan City People's Committee Ri Il Sop"
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
        words = _strip_leading(words_of(run), _OPENS_INSTITUTIONS)
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
        if kind == "org" and (joined := _joined_before(text, start, taken, country_keys)):
            start = joined  # "the Propaganda and Agitation Department": one department
        if fixed_end is not None:
            end = fixed_end
        elif kind == "org":
            end = _org_end(text, run.end(), country_keys, last)
            if last == "Party" and (faction := _FACTION.match(text, end)):
                end = faction.end()  # "Communist Party of India (Marxist)", another party
        else:
            end = _extend(text, run.end(), _PLACE_OF)
            if end > run.end() and text[end - 1].isalpha() and last not in _LAND_AND_WATER:
                end = _and_one_more(text, end, country_keys)
        if end > run.end():  # "Thongil Street of Pyongyang Friday": no day or month ends a name
            end = _before_a_date_word(text, run.end(), end)
        # "Liaoning Province of China": the place, then where it is; but a building's town is
        # part of its name ("University of Kinshasa").
        within = ("country", "place") if last in _LAND_AND_WATER else ("country",)
        if (
            kind == "place"
            and end > run.end()
            and _names_a_country_or_place(text[run.end() : end], within)
        ):
            end = run.end()
        if kind == "place" and end > run.end():
            end = _before_an_adjective(text, run.end(), end)
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
            if kind == "org" or last not in _LAND_AND_WATER:
                # and a town in its "of" part: "Calligraphers' Association of Shanghai"
                inner += [
                    p for p in gazetteer
                    if p.kind == "place" and run.end() < p.start and p.end == end
                ]  # fmt: skip
            inner += [
                p
                for p in gazetteer
                if p.kind == "org"
                and p.start > start
                and p.end == run.end()
                and p.text == last
                and _qualifies_an_org(text[start : p.start])
            ]
            # A building's "of" part may name the organisation it belongs to, which stays one of
            # its own: "Museum of the Korean People's Army", "Training School of the WPK" (not a
            # region's or land's: "Liaoning Province of the Communist Party of China").
            nested = (
                [p for p in gazetteer if p.kind == "org" and run.end() < p.start < end]
                if kind == "place" and last not in _LAND_AND_WATER and _OF.match(text, run.end())
                else []
            )
            # A gazetteer organisation opening an organisation's name is its parent, named too:
            # "KPA Navy", "CPC Central Committee" (each is listed, as nested bodies are).
            nested += [
                p for p in gazetteer
                if kind == "org" and p.kind == "org" and p.start == start and p.end < run.end()
            ]  # fmt: skip
            if not (inner or nested) or not taken.only_by((start, end), inner + nested):
                continue
            absorbed.update(inner)
        found.append(Span(start, end, kind, name.replace("\u2019", "'"), name))
        if kind == "place" and (towards := _PURPOSE.match(text, run.end(), end)):
            purpose = towards.end()
    if not any(force in text for force in ("army", "navy", "armed forces", "air force")):
        return found, absorbed  # what _ARMED ends with
    for m in _ARMED.finditer(text):
        if m.group("adj") in demonyms() and not taken.overlaps((m.start(), m.end())):
            found.append(Span(m.start(), m.end(), "org", m.group(), m.group()))
    return found, absorbed


# Capitalised words and "and" right before an organisation's name, after "the": "the Propaganda
# and Agitation Department", "the Palestine-Korea Friendship and Solidarity Committee".
_JOINED_BEFORE = re.compile(
    r"\b[Tt]he[ \t]+(?P<words>(?:[A-Z][\w'\u2019-]*[ \t]+){0,2}[A-Z][\w'\u2019-]*)[ \t]+and[ \t]+$"
)


def _joined_before(text: str, start: int, taken: Taken, country_keys: frozenset[str]) -> int | None:
    """Where the words joined by "and" to the front of an organisation's name beginning at start
    begin, or None: words that no name found before holds, neither head nouns nor titles nor
    stop words, nor a country ("the DPRK and Cuban Government" are two)."""
    joined = _JOINED_BEFORE.search(text, max(0, start - 80), start)
    if joined is None:
        return None
    words = joined.group("words")
    if taken.overlaps((joined.start("words"), joined.end("words"))) or name_key(words) in (
        country_keys
    ):
        return None
    for word in words.split():
        if (
            word in ORG_HEADS
            or word in PLACE_HEADS
            or word in STOP_WORDS
            or word in MONTHS
            or roles.is_title_word(word)
            or name_key(word) in country_keys
        ):
            return None
    return joined.start("words")


_LAST_PART = re.compile(r"\s+(?:of|to|for)\s+(?:the\s+)?\S+$")
_LOWER_WORD_AFTER = re.compile(r"[ \t]+([a-z]+)\b")
# Words after a noun, not the noun an adjective qualifies: "of the DPRK and ...".
_FUNCTION_WORDS = frozenset(
    {"and", "or", "on", "in", "at", "to", "for", "with", "by", "from", "of", "as", "which", "who",
     "that", "was", "were", "is", "are", "has", "have", "had", "will", "this", "last", "here"}
)  # fmt: skip


def _before_an_adjective(text: str, head_end: int, end: int) -> int:
    """end, or where the last "of" part of a place's name begins if it is an adjective of
    nationality qualifying the word after it: "the Royal Palace of the Cambodian government" (not
    "the University of Technology of the DPRK")."""
    last = _LAST_PART.search(text, head_end, end)
    after = _LOWER_WORD_AFTER.match(text, end)
    if last and after and after.group(1) not in _FUNCTION_WORDS:
        return last.start() if text[last.start() : end].split()[-1] in demonyms() else end
    return end


_WHOLE = re.compile(r".+", re.S)


def _head_before_a_name(text: str, run: re.Match[str]) -> tuple[re.Match[str], str] | None:
    """The run up to a head noun that the name of a person ends ("... People's Committee Ri Il
    Sop": an office of a body right before its holder's name), and that head; None."""
    words = words_of(run)
    for index, word in enumerate(words[:-2]):
        if word.group() not in ORG_HEADS and word.group() not in PLACE_HEADS:
            continue
        rest = words[index + 1 :]
        at = run.start() + rest[0].start()
        korean = names.KOREAN_NAME.match(text, at)
        chinese = len(rest) == 2 and is_chinese_name(rest[0].group(), rest[1].group())
        if (korean and korean.end() == run.end()) or chinese:
            head = _WHOLE.match(text, run.start(), run.start() + word.end())
            return (head, word.group()) if head else None
    return None


@lru_cache(maxsize=4096)  # the same names recur from article to article
def orgs_inside(name: str) -> tuple[Match, ...]:
    """The organisations named inside a name, past its first letter."""
    return tuple(matcher(("org",)).find(name[1:]))


def _names_a_country_or_place(
    extension: str, kinds: tuple[str, ...] = ("country", "place")
) -> bool:
    """Whether "of the X" names a country or a gazetteer place (of the kinds given) on its own."""
    rest = re.sub(r"^\s*(?:of|to)(?:\s+the)?\s+", "", extension)
    return any(m.start == 0 and m.end == len(rest) for m in matcher(kinds).find(rest))


# A mountain by the word before its name: "Mt Paektu", "Mt. Kumgang", "Mount Myohyang".
_MOUNT = re.compile(r"\b(?:Mt\.?|Mount)[ \t]+(?P<name>[A-Z][a-z]+)(?![\w-])")


def find_mountains(text: str, taken: Taken) -> list[Span]:
    """Mountains, each named "Mt" and its name however the text writes the word before it."""
    if "Mt" not in text and "Mount " not in text:
        return []
    return [
        Span(m.start(), m.end(), "place", f"Mt {m.group('name')}", m.group())
        for m in _MOUNT.finditer(text)
        if not taken.overlaps((m.start(), m.end()))
    ]


def places_after_prepositions(
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
