"""Shapes of personal names: Korean (Kim Jong Un, Choe Son-hui), and the canonical form of a name."""

from __future__ import annotations

import re
from functools import cache

from rapidfuzz import fuzz, process

from dipterm.extract.gazetteer import GazetteerEntry, entries_of_kind, name_key
from dipterm.extract.romanisation import KOREAN_SURNAMES

# A syllable of DPRK romanisation: an onset, one to three vowel letters, an optional final.
_ONSET = r"(?:[BCDGHJKLMNPRSTWY]h?|Tch|Ss|Kk|Tt|Pp|Jj)"
_SYL = rf"(?:{_ONSET}[aeiouwy]{{1,3}}|[AEIOU][aeiouwy]{{0,2}})(?:ng|n|m|l|k|p|t|r)?"
_SYL_LOWER = r"(?:(?:[bcdghjklmnprstwy]h?|tch|ss|kk|tt|pp|jj)[aeiouwy]{1,3}|[aeiou][aeiouwy]{0,2})(?:ng|n|m|l|k|p|t|r)?"
KOREAN_NAME = re.compile(  # (?=[A-Z]) first: a search then passes most places at once
    rf"(?=[A-Z])\b(?:{'|'.join(sorted(set(KOREAN_SURNAMES), key=len, reverse=True))})"
    rf"\s+{_SYL}(?:\s+{_SYL}|-{_SYL_LOWER})(?![\w-])"  # glued "Jongun" only via the gazetteer
)
_PATRONYMIC = re.compile(r"^[A-Z][a-z]+(?:ovich|evich|ich|ovna|evna|ichna)$")
FUZZY_PERSON_CUTOFF = 88.0


def canonical_korean(name: str) -> str:
    """Kim Jong-un -> Kim Jong Un (the spelling DPRK media use)."""
    parts = name.split()
    if len(parts) == 2 and "-" in parts[1]:
        first, second = parts[1].split("-", 1)
        return f"{parts[0]} {first} {second.capitalize()}"
    return " ".join(parts)


def drop_patronymic(name: str) -> str:
    """Vladimir Vladimirovich Putin -> Vladimir Putin."""
    parts = name.split()
    if len(parts) == 3 and _PATRONYMIC.match(parts[1]):
        return f"{parts[0]} {parts[2]}"
    return name


@cache
def _person_index() -> tuple[dict[str, GazetteerEntry], list[str], list[GazetteerEntry]]:
    keys: dict[str, GazetteerEntry] = {}
    choices: list[str] = []
    owners: list[GazetteerEntry] = []
    for entry in entries_of_kind("person"):
        for spelling in entry.spellings:
            keys.setdefault(name_key(spelling), entry)
            if " " in spelling:
                choices.append(name_key(spelling))
                owners.append(entry)
    return keys, choices, owners


def known_person(name: str, *, fuzzy: bool = True) -> GazetteerEntry | None:
    """The gazetteer person this spelling names, exactly or (with fuzzy) within a typo."""
    keys, choices, owners = _person_index()
    key = name_key(name)
    if key in keys:
        return keys[key]
    if fuzzy and " " in name.strip() and choices:
        found = process.extractOne(
            key, choices, scorer=fuzz.ratio, score_cutoff=FUZZY_PERSON_CUTOFF
        )
        if found:
            return owners[found[2]]
    return None


def canonical_person(name: str) -> str:
    name = re.sub(r"\s+", " ", name.strip().replace("\u2019", "'"))
    korean = KOREAN_NAME.fullmatch(name) is not None
    # A Korean name a letter away from a known one is most often another person: Kim Yong Il is
    # not Kim Jong Il, nor Kim Yong Chol Kim Yong Chun. Only its exact spelling is looked up.
    entry = known_person(name, fuzzy=not korean)
    if entry:
        return entry.name
    if korean:
        return canonical_korean(name)
    return drop_patronymic(name)


def surname(name: str) -> str:
    """The word a later bare reference uses: the last word of a Western name."""
    return name.split()[-1]


def is_korean(name: str) -> bool:
    return bool(KOREAN_NAME.fullmatch(name))
