"""People no gazetteer or name shape finds, known by their context: a title before them or a
role after them, names holding a particle, initials, Chinese names ending a run, greetings on an
occasion of office; a bare surname later on; and the title of office written right before a name."""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import takewhile

from dipterm.extract import names, roles
from dipterm.extract.chinese import is_chinese_name
from dipterm.extract.gazetteer import demonyms, keys_of_kind, name_key, words_at
from dipterm.extract.institutions import ORG_HEADS, PLACE_HEADS
from dipterm.extract.spans import (
    MONTHS,
    STOP_WORDS,
    WORD,
    Found,
    Span,
    Taken,
    capitalised_runs,
)

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
# The words of a ministry's portfolio, the domain of an office after its "of" ("Minister of
# Trade and Industry", "Vice-Minister of Higher Education"): never a person's name.
PORTFOLIO_WORDS = frozenset({
    "Affairs", "Foreign", "Home", "Interior", "Internal", "External", "Trade", "Industry",
    "Industries", "Commerce", "Culture", "Cultural", "Arts", "Heritage", "Education", "Higher",
    "Health", "Agriculture", "Finance", "Economy", "Economic", "Planning", "Development",
    "Defence", "Defense", "Justice", "Public", "Security", "Energy", "Power", "Electricity",
    "Labour", "Labor", "Employment", "Transport", "Transportation", "Communications",
    "Information", "Broadcasting", "Media", "Tourism", "Sport", "Sports", "Youth", "Fisheries",
    "Forestry", "Relations", "Science", "Technology", "Research", "Innovation", "Railways",
    "Land", "Environment", "Mines", "Mining", "Oil", "Petroleum", "Gas", "Water", "Construction",
    "Housing", "Social", "Welfare", "Women", "Children", "Family", "Religious", "Veterans",
    "Investment", "Cooperation", "International", "Works", "Posts", "Telecommunications",
    "Resources", "Natural", "National", "Regional", "Urban", "Rural", "Local", "Administration",
    "Coal", "Metal", "Chemical", "Machine", "Building", "Food", "Procurement", "Maritime",
    "Marine", "Aviation", "Civil", "Service", "Immigration", "Integration", "European",
    "Irrigation", "Livestock", "Nuclear", "Atomic", "Statistics", "Budget", "Treasury",
    "Customs", "Human", "Rights", "Reconstruction", "Reconciliation", "Unification", "Overseas",
    "Legal", "Parliamentary", "Endowments", "Gender", "Equality", "Population", "Physical",
    "Vocational", "Training", "Medical", "Infrastructure", "Roads", "Ports", "Shipping",
})  # fmt: skip
# A title's head and "of", then the words of a portfolio joined by commas and "and", up to the
# run of capitalised words that follows: "Minister of Trade and Industry [Pham Van An]".
_PORTFOLIO_BEFORE = re.compile(
    r"\b(?P<head>[A-Za-z-]+)[ \t]+of[ \t]+(?:the[ \t]+)?"
    r"(?P<words>(?:[A-Z][a-z]+,?[ \t]+(?:and[ \t]+)?)*)$"
)
# The lower-case words of the French title diplomats keep: "Charge d'Affaires ad Interim".
_DIPLOMATS_FRENCH = {"d'affaires", "d\u2019affaires", "ad", "interim", "a.i."}
_OF_BEFORE = re.compile(r"\b(?:of|for)\s+(?:the\s+)?$")
# "led by X", "led by member X", "led by national leader X": a lower-case title's head last
_LED_BY = re.compile(
    r"\b(?:led|headed|accompanied)\s+by\s+(?:(?:[a-z][\w-]*\s+)?(?P<title>[a-z][\w-]*)\s+)?$"
)


def title_before(text: str, start: int, bodies: bool = True) -> str | None:
    """The title of office written right before a name ("Russian Foreign Minister"); with bodies,
    also an office of a body ("Chairman of the Wonsan City People's Committee"), which titles a
    name found otherwise but is no sign of one: in title case it runs on over any words."""
    words = text[max(0, start - 160) : start].split()[-12:]
    while words and words[-1] in _SHEIKHS:
        words.pop()  # "Kuwaiti Emir Sheikh Sabah ...": the emir
    title: list[str] = []
    # "Vice-Minister of Fisheries Kim Chang Do": the domain of an office, capitalised words after
    # its "of", stands between a title and the name.
    domain = _domain_of_office(words) or _portfolio_of_office(words)
    if domain:
        title, words = words[-domain:], words[:-domain]
    for word in reversed(words):
        if (word in ("of", "the", "to") and title) or word.lower() in _DIPLOMATS_FRENCH:
            title.insert(0, word)
            continue
        if roles.is_honorific(word) or not (word[0].isupper() or word.startswith("vice-")):
            break
        if word.endswith(".") and word not in demonyms():
            break  # the end of the sentence before
        if word.endswith((",", ";", ":")):
            break
        if not roles.is_title_word(word) and not (title and _BODY_ACRONYM.fullmatch(word)):
            break
        title.insert(0, word)
    while title and title[0] in ("of", "the", "to"):
        title.pop(0)
    if not any(roles.is_title_head(w) for w in title):
        office = _office_of_body_before(text, start) if bodies else None
        return office or _national_title(words)
    return roles.normalise_role(" ".join(title))


_BODY_LINKS = {"of", "the", "and"}


def _office_of_body_before(text: str, start: int) -> str | None:
    """An office whose domain is a body, written right before a name: "Chief Secretary of the
    Wonsan City Committee of the Workers' Party of Korea Yom Pong Jin". Such titles run on in
    lists of officials, each before its name, so the one nearest the name is taken; it opens a
    clause (after a comma, "and", a lower-case word or nothing)."""
    words = text[max(0, start - 240) : start].split()[-24:]
    if not words or words[-1] in _BODY_LINKS:
        return None  # "Secretaries of the C.C. Kim Yong Il and Kim Yang Gon": a list of names
    # Back from the name over the capitalised words of the body and its "of", "the", "and".
    first = len(words)
    while first > 0 and (
        words[first - 1] in _BODY_LINKS
        or (words[first - 1][0].isupper() and words[first - 1][-1] not in ",;:.")
    ):
        first -= 1
    for at in range(len(words) - 2, first, -1):
        if words[at] != "of" or not roles.is_title_head(words[at - 1]):
            continue
        begin = at - 1
        while begin > first and roles.is_title_word(words[begin - 1]):
            begin -= 1
        before = words[begin - 1] if begin > 0 else ""
        opens = not before or before[-1] in ",;:" or before == "and" or before.islower()
        if not opens or (begin == at - 1 and not words[begin][0].isupper()):
            continue
        if any(w[0].isupper() for w in words[at + 1 :]):
            return roles.normalise_role(" ".join(words[begin:]))
    return None


# The acronym of a body before its office: "KPA Rear Admiral", "UN Secretary General".
_BODY_ACRONYM = re.compile(r"[A-Z]{2,5}")
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


def _portfolio_of_office(words: list[str]) -> int:
    """How many of the last words are "of" and a portfolio's words joined by commas and "and",
    with a title head right before ("Minister of Trade and Industry"): 0 if none."""
    n = 0
    while n < len(words) and (
        words[-n - 1].rstrip(",") in PORTFOLIO_WORDS or words[-n - 1] in ("and", "the")
    ):
        n += 1
    # "X, vice-minister of Foreign Affairs, Kim In Chol": after a comma the office is X's
    if n == 0 or n + 2 > len(words) or words[-1] in ("and", "the") or words[-1].endswith(","):
        return 0
    if words[-n - 1] != "of":
        return 0
    head = words[-n - 2]
    return n + 1 if head[0].isupper() and roles.is_title_head(head) else 0


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
# A particle in capitals, after a word of the name: "Ahmad Al Fahad Al Sabah" (not "Al Ahram").
_HAS_CAPITAL_PARTICLE = re.compile(r"[a-z][ \t]+(?:Al|El|Bin|Ibn)[ \t]+[A-Z]")
_SHEIKHS = frozenset({"Sheikh", "Sheik", "Shaikh", "Seikh"})  # a style before a name, not an office
_HONOURED_AS = _SHEIKHS | {"Sayyid", "Emir", "Sultan", "King", "Prince"}


def particle_people(text: str, taken: Taken) -> list[tuple[int, int, str]]:
    """Names holding a particle, with a role after them (their other words checked as a name's)."""
    if _PARTICLE_KEYS.isdisjoint(words_at(text)[1]):
        return []  # most texts hold none: their words, read already, tell
    found = []
    for m in _PARTICLE_NAME.finditer(text):
        words = list(WORD.finditer(text, m.start(), m.end()))
        while words and (
            not _name_words_ok([words[0].group()]) or words[0].group() in _HONOURED_AS
        ):
            words = words[1:]  # "Emir Tamim bin Hamad Al Thani": the title before is not the name
        if not words:
            continue
        start, end = words[0].start(), m.end()
        own = [w.group().split("-")[-1] for w in words if w.group() not in _PARTICLES]
        if (
            not (
                _HAS_PARTICLE.search(text, start - 1, end)
                or _HAS_CAPITAL_PARTICLE.search(text, start, end)
            )
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


def chinese_names(text: str) -> list[tuple[int, int]]:
    """Where Chinese names end runs of capitalised words ("Premier Wen Jiabao")."""
    found = []
    for run, last in capitalised_runs(text):
        if len(last) < len(run.group()):
            before = run.group()[: -len(last)].rstrip()  # spaces or tabs, one or more
            surname = before.rsplit(None, 1)[-1]
            if is_chinese_name(surname, last):
                found.append((run.start() + len(before) - len(surname), run.end()))
    return found


def initialled_people(text: str, taken: Taken) -> list[tuple[int, int, str]]:
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


def find_occasions(text: str) -> list[re.Match[str]]:
    """The greetings on an occasion of office in text, where the office opens a role."""
    if not any(word in text for word in _OCCASION_WORDS):
        return []
    return [m for m in _OCCASION.finditer(text) if roles.starts_role(m.group("role"))]


def _country_words(words: list[re.Match[str]]) -> int:
    """How many of the first words of a run (up to three, and fewer than all but two) name a
    country: 0 if none do."""
    keys = keys_of_kind("country") | {"korea"}  # "to Korea", as older reports write the DPRK
    return max(
        (n for n in range(1, min(3, len(words) - 2) + 1)
         if name_key(" ".join(w.group() for w in words[:n])) in keys),
        default=0,
    )  # fmt: skip


def _portfolio_words(text: str, start: int, words: list[re.Match[str]]) -> int:
    """How many of the first words of a run beginning at start end the portfolio of an office
    before it ("Minister of Trade and [Industry] Pham Van An", "Minister of [Culture] Rana
    Haddad"), leaving two to four words of a name: 0 if they do not."""
    count = 0
    while count < len(words) and words[count].group() in PORTFOLIO_WORDS:
        count += 1
    if not count or not 2 <= len(words) - count <= 4:
        return 0
    if not _name_words_ok([w.group() for w in words[count:]]):
        return 0  # "Director of the Rights and Welfare Department Im Kyong Ha": a body's
    before = _PORTFOLIO_BEFORE.search(text, max(0, start - 120), start)
    if before is None or not roles.is_title_head(before.group("head")):
        return 0
    if any(
        w.strip(",") not in PORTFOLIO_WORDS for w in before.group("words").split() if w != "and"
    ):
        return 0
    return count


def people_by_context(text: str, taken: Taken) -> list[tuple[int, int, str]]:
    """Names no gazetteer or name shape found, known by a title before or a role after them."""
    found: list[tuple[int, int, str]] = []
    for run, last in capitalised_runs(text):
        if len(last) == len(run.group()):
            continue  # one word: a name here has two or three
        read, last_title, titled_in_run = _read_run(run.group())
        words = list(read)
        candidates: list[list[re.Match[str]]] = []
        if portfolio := _portfolio_words(text, run.start(), words):
            # A portfolio, then the name: "Minister of Trade and Industry Pham Van Binh"
            candidates.append(words[portfolio:])
        elif 0 <= last_title < len(words) - 1:
            candidates.append(words[last_title + 1 :])
        elif last_title == -1:
            candidates.append(words)
            # The state an office is to, then the name: "ambassador to Korea Wan Yongxiang"
            if state := _country_words(words):
                candidates.append(words[state:])
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
            titled = titled_in_run or title_before(text, start, bodies=False) is not None
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


@lru_cache(maxsize=4096)  # the same runs ("Kim Jong Un", "Supreme People's Assembly") recur
def _read_run(run: str) -> tuple[tuple[re.Match[str], ...], int, bool]:
    """A run of capitalised words read alone, once for each text of one: its words, the last of
    them that is a title word (-1 if none is: "Russian Foreign Minister Sergei Lavrov", a title
    then a name), and whether a title's head is among the words up to that one (a title in the
    run needs its head: "Portuguese Language Speaking Countries" is none)."""
    words = tuple(WORD.finditer(run))
    last_title = max((i for i, w in enumerate(words) if roles.is_title_word(w.group())), default=-1)
    return words, last_title, any(roles.is_title_head(w.group()) for w in words[: last_title + 1])


def resolve_short_references(text: str, found: Found, taken: Taken) -> None:
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
