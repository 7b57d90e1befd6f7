"""Titles of office as DPRK media write them: before a name ("Russian Foreign Minister Sergei Lavrov")
or after it ("Igor Morgulov, vice-minister of Foreign Affairs"), alone or in chains joined by "and"."""

from __future__ import annotations

import re
from functools import lru_cache

from dipterm.extract.gazetteer import demonyms

# The word a title ends on or is built around (lower case; "vice-" and "deputy" forms included).
TITLE_HEADS = {
    "president", "premier", "minister", "secretary", "chairman", "chairwoman", "chairperson",
    "leader", "director", "ambassador", "envoy", "counsellor", "counselor", "consul", "attache",
    "chief", "head", "commander", "marshal", "general", "admiral", "officer", "representative",
    "spokesman", "spokesperson", "spokeswoman", "governor", "mayor", "king", "queen", "prince",
    "emperor", "sultan", "emir", "chancellor", "speaker", "member", "delegate", "adviser",
    "advisor", "aide", "editor", "correspondent", "professor", "academician", "councillor",
    "councilor", "manager", "president-elect", "chargé", "charge", "ministers", "secretaries",
    "members", "directors", "ambassadors", "vice-premiers", "premiers", "commanders", "colonel", "lieutenant", "captain", "dean", "rector", "curator", "founder",
    "mother", "father", "ceo", "deputy", "director-general", "administrator", "principal",
}  # fmt: skip
# Words that may stand in a title before its head ("First Vice", "Supreme", "Foreign").
TITLE_MODIFIERS = {
    "first", "vice", "deputy", "acting", "supreme", "general", "foreign", "prime", "executive",
    "senior", "special", "roving", "permanent", "chief", "state", "defence", "defense",
    "national", "political", "military", "trade", "honorary", "former", "top", "grand",
    "eternal", "standing", "extraordinary", "plenipotentiary", "assistant", "party", "army",
    "navy", "air", "force", "security", "federal", "people's", "people’s", "second", "third",
    "department", "division", "international", "external", "internal", "economic", "cultural",
    "interim", "affaires", "d'affaires", "d\u2019affaires",  # "Charge d'Affaires ad Interim"
    "rear", "major", "brigadier",  # the grades of a rank: "Rear Admiral", "Major General"
}  # fmt: skip
# Honorifics that are not offices.
HONORIFICS = {
    "comrade",
    "respected",
    "dear",
    "beloved",
    "great",
    "esteemed",
    "mr",
    "mrs",
    "ms",
    "h.e.",
}
# Honorifics a scraper glued to the name after them: "HEKim Jong Un", "H.E.Kim Jong Un",
# "ComradeKim Jong Un". As "\b(?:H\.\s?E\.|HE|Comrade|Mrs\.?|Mr\.?)" finds them, the word's start
# checked after its first letter: a leading "\b" made the search try every character.
_GLUED_HONORIFIC = re.compile(
    r"(?:H(?<!\wH)(?:\.\s?E\.|E)|C(?<!\wC)omrade|M(?<!\wM)(?:rs\.?|r\.?))(?=[A-Z][a-z])"
)


def unglue_honorifics(text: str) -> str:
    """The text with a space after each honorific glued to a name, so that it is not taken for
    part of the name ("HE Kim Jong Un": a word in capitals opens no name)."""
    if "HE" not in text and "H.E." not in text and "Comrade" not in text and "Mr" not in text:
        return text
    return _GLUED_HONORIFIC.sub(lambda m: m.group(0) + " ", text)


LEADER_WORDS = {
    "president",
    "chairman",
    "leader",
    "secretary",
    "king",
    "premier",
    "emperor",
    "sultan",
}
_PLURALS = {"secretaries": "secretary", "ministers": "minister", "members": "member",
            "directors": "director", "ambassadors": "ambassador", "vice-premiers": "vice-premier",
            "premiers": "premier", "commanders": "commander"}  # fmt: skip


def _base(word: str) -> str:
    word = word.lower().strip(",.;:")
    for prefix in ("vice-", "deputy-", "first-", "ex-", "under-"):
        if word.startswith(prefix):
            word = word[len(prefix) :]
    return word


@lru_cache(maxsize=1 << 14)  # asked of every capitalised word, and the same words recur
def is_title_word(word: str) -> bool:
    """A head of a title ("Minister", "vice-minister"), a modifier, or an adjective of nationality."""
    base = _base(word)
    return base in TITLE_HEADS or base in TITLE_MODIFIERS or word.strip(",.") in demonyms()


def is_title_head(word: str) -> bool:
    return _base(word) in TITLE_HEADS


def is_honorific(word: str) -> bool:
    return word.lower().strip(",.") in HONORIFICS


def is_leader_role(role: str) -> bool:
    """A head of state or party: "Russian President", "Chairman of the ...", "Supreme Leader"."""
    words = role.lower().replace("-", " ").split()
    if not words or words[0] in {"vice", "deputy", "first"} or "vice" in words[:2]:
        return False
    head = words[0] if len(words) > 1 and words[1] == "of" else None
    if head is None:
        stop = words.index("of") if "of" in words else len(words)
        head = words[stop - 1]
    if head in {"secretary"} and words[:2] != ["general", "secretary"]:
        return False
    body = words[words.index("of") + 1 :] if "of" in words else []
    if _NOT_OF_STATE.intersection(body):
        return False  # "president of the Asian Olympic Council", "chairman of the Hyundai Group"
    if _LEGISLATURES.intersection(body) and "presidium" not in body:
        return False  # "chairman of the Supreme People's Assembly": a legislature's speaker
    return head in LEADER_WORDS


# Words of a body whose head leads no state or party: firms, associations, sport, the press.
_NOT_OF_STATE = frozenset({
    "association", "group", "company", "co.", "corporation", "foundation", "university",
    "institute", "agency", "news", "holdings", "bank", "club", "society", "friendship",
    "olympic", "sport", "sports", "games",
})  # fmt: skip


# A legislature, whose chairman or president speaks for it and leads no state (a presidium of
# one, as the DPRK's, does).
_LEGISLATURES = frozenset({
    "assembly", "parliament", "senate", "duma", "hural", "khural", "majlis", "sejm", "knesset",
    "diet", "rada",
})  # fmt: skip


def singular(role: str) -> str:
    """The role of one person of a plural one: "secretaries of the C.C., WPK" -> "secretary of ..."."""
    first, _, rest = role.partition(" ")
    replacement = _PLURALS.get(first.lower())
    if replacement is None:
        return role
    return (replacement + (" " + rest if rest else "")).strip()


def is_plural_role(role: str) -> bool:
    return role.split(" ", 1)[0].lower() in _PLURALS


# ------------------------------------------------------------ roles after a name

# Where a role ends inside its chunk: a relative clause, a verb, "here", a date.
_CUT = re.compile(
    r"\s+(?:who|which|that|was|were|is|are|has|have|had|met|received|visited|arrived|left|said|"
    r"here|there|on|at\s+the\s+invitation|in\s+(?!charge\s+of\b)(?=[a-z])|"
    r"(?!armed\b|united\b|allied\b|retired\b|accredited\b|authorized\b|concerned\b)[a-z]+ed)\b.*$"
)
_WHO_IS = re.compile(r"\s+who\s+(?:is|was)\s+(?:also\s+)?(?:concurrently\s+)?")
_ABBREVIATION = re.compile(r"^(?:[A-Z]\.?){2,6}$|^(?:[A-Z]\.){1,4}[A-Z]?$")


def starts_role(text: str) -> bool:
    """Whether a phrase opens a title of office: "vice-minister of ...", "Russian ambassador to ..."."""
    words = text.strip().split()
    if words and words[0].lower() in {"the", "a", "an"}:
        words = words[1:]
    for word in words[:4]:
        clean = word.strip(",.;:")
        if is_title_head(clean):
            return True
        if not is_title_word(clean):
            return False
    return False


_OURS = re.compile(r"\b[Oo]ur\b")
_ABBREVIATED_WORDS = frozenset({"co", "ltd", "inc", "corp", "jr", "sr"})
_ACRONYM_AFTER = re.compile(r"\s*\([A-Z][A-Za-z.&-]{1,9}\)$")
_ACRONYM_INSIDE = re.compile(r"[ \t]*\([A-Z][A-Z.&-]*[A-Z.]\)(?=[ \t]+[A-Za-z])")


def normalise_role(role: str) -> str:
    role = role.strip(" ,;:").replace("\u2019", "'")
    last = role.rsplit(" ", 1)[-1]
    if role.endswith(".") and "." not in last[:-1] and last[:-1].lower() not in _ABBREVIATED_WORDS:
        role = role[:-1]  # the sentence's full stop, not an abbreviation's ("Co. Ltd.")
    role = re.sub(r"^(?:the|a|an)\s+", "", role, flags=re.I)
    role = _ACRONYM_AFTER.sub("", role)  # "... of the Communist Party of Vietnam (CPV)"
    role = _ACRONYM_INSIDE.sub("", role)  # "... of the Workers' Party of Korea (WPK) Central ..."
    return re.sub(r"\s+", " ", role)


# A list of modifiers before a title's head: "military, naval and air attache".
_LISTED_BRANCHES = re.compile(r"\s*(?:[a-z]+,[ \t]+)+[a-z]+,?[ \t]+and[ \t]+[a-z]+[ \t]+")


def roles_after(text: str) -> tuple[list[str], int]:
    """Roles in an appositive: text begins right after "Name," and runs to the end of the sentence.

    Returns the roles and how many characters they took (0 when the text does not open a role).
    """
    listed = _LISTED_BRANCHES.match(text)
    if listed and is_title_head(text[listed.end() :].split(None, 1)[0].strip(",.;:")):
        # "military, naval and air attache": the commas and "and" of the list are the title's
        found, consumed = roles_after(text[listed.end() :])
        if found:
            return [normalise_role(listed.group() + found[0]), *found[1:]], listed.end() + consumed
    if not starts_role(text):
        return [], 0
    roles: list[str] = []
    consumed = 0
    chunks = re.split(r"(,\s*)", text)
    pos = 0
    for i in range(0, len(chunks), 2):
        chunk = chunks[i]
        sep = chunks[i + 1] if i + 1 < len(chunks) else ""
        stripped = chunk.strip()
        if i > 0:
            first, _, rest = stripped.partition(" ")
            if roles and _ABBREVIATION.match(first.rstrip(".;:")):
                roles[-1] = roles[-1] + ", " + first.rstrip(";:")
                consumed = pos + chunk.find(first) + len(first)
                if not rest:
                    pos += len(chunk) + len(sep)
                    continue
                stripped = rest
            body = re.sub(r"^and\s+", "", stripped)
            if not starts_role(body) or is_plural_role(body):
                break  # "..., and members of the embassy": other people, not this one's role
            stripped = body
        offset = chunk.find(stripped)
        while True:
            cut = _CUT.search(stripped)
            piece = stripped[: cut.start()] if cut else stripped
            for part in re.split(r"\s+and\s+", piece):
                if roles and not starts_role(part):
                    roles[-1] = roles[-1] + " and " + part
                else:
                    roles.append(part)
            # "chief of the Branch who is vice-president of the Academy": a second office.
            more = _WHO_IS.match(stripped, cut.start()) if cut else None
            if not (more and starts_role(stripped[more.end() :])):
                break
            offset += more.end()
            stripped = stripped[more.end() :]
        consumed = pos + len(chunk) if not cut else pos + offset + cut.start()
        pos += len(chunk) + len(sep)
        if cut or stripped.endswith(";"):
            break
    # "founder and builders of our great Party": the country's own speaking, an epithet.
    return [normalise_role(r) for r in roles if r.strip() and not _OURS.search(r)], consumed
