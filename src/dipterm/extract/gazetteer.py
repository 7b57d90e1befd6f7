"""The curated gazetteer (data/gazetteer.tsv, data/demonyms.tsv, data/nk_gazetteer.csv), read once.

Matching a gazetteer name ignores case (except for acronyms such as US), and treats spaces and
hyphens inside a name as optional: Kim Jong Un, Kim Jong-un and Kim Jongun are one person.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from dipterm import config

KINDS = ("outlet", "person", "org", "place", "country")


@dataclass(frozen=True)
class GazetteerEntry:
    name: str
    kind: str
    variants: tuple[str, ...]
    notes: str = ""

    @property
    def spellings(self) -> tuple[str, ...]:
        return (self.name, *self.variants)


def name_key(name: str) -> str:
    """A spelling-insensitive key: case, diacritics, quotes, hyphens and spaces do not count.

    Kim Jong Un, Kim Jong-un and KIM JONGUN share one key.
    """
    decomposed = unicodedata.normalize("NFKD", name)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[\W_]+", "", bare.casefold())


def load_gazetteer(path: Path) -> list[GazetteerEntry]:
    entries: list[GazetteerEntry] = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            if cols[:2] == ["name", "kind"]:
                continue  # header
            cols += [""] * (4 - len(cols))
            variants = tuple(v.strip() for v in cols[2].split("|") if v.strip())
            entries.append(
                GazetteerEntry(cols[0].strip(), cols[1].strip(), variants, cols[3].strip())
            )
    return entries


# County names that are also common words or persons in DPRK texts; never matched as places.
_NOT_PLACES = {"chollima", "taean"}
_KOREAN_PERSON_LIKE = re.compile(r"^Kim ")


def _admin_places(path: Path) -> Iterator[GazetteerEntry]:
    """Provinces, counties and cities of the DPRK (open-admin-data, CC BY 4.0)."""
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            name = row["name_en"].strip()
            base = re.sub(r"\s+(?:City|Dist\.)$", "", name)
            if base.lower() in _NOT_PLACES or _KOREAN_PERSON_LIKE.match(base):
                continue
            variants = (name,) if base != name else ()
            yield GazetteerEntry(base, "place", variants, f"{row['type']} ({row['id']})")


@cache
def gazetteer() -> tuple[GazetteerEntry, ...]:
    """The bundled gazetteer (cached for the process). Curated entries win over admin places."""
    entries: list[GazetteerEntry] = []
    path = config.gazetteer_path()
    if path.exists():
        entries.extend(load_gazetteer(path))
    admin = config.data_dir() / "nk_gazetteer.csv"
    if admin.exists():
        known = {(e.kind, name_key(s)) for e in entries for s in e.spellings}
        for entry in _admin_places(admin):
            key = ("place", name_key(entry.name))
            if key not in known:
                known.add(key)
                entries.append(entry)
    return tuple(entries)


def entries_of_kind(kind: str) -> tuple[GazetteerEntry, ...]:
    return tuple(e for e in gazetteer() if e.kind == kind)


@cache
def demonyms() -> dict[str, str]:
    """Adjective of nationality -> country ("Russian" -> "Russia"); country may be ''."""
    path = config.data_dir() / "demonyms.tsv"
    result: dict[str, str] = {}
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#") or line.startswith("adjective\t"):
                continue
            adjective, _, country = line.partition("\t")
            result[adjective.strip()] = country.strip()
    return result


# ---------------------------------------------------------------- finding names in text


def _variant_pattern(variant: str) -> str:
    """A regex for one spelling: acronyms exact, words case-insensitive, spaces/hyphens optional."""
    words = re.split(r"[\s\-\u2010\u2011]+", variant.strip())
    parts = []
    for word in words:
        letters = re.sub(r"[^A-Za-z]", "", word)
        escaped = re.escape(word).replace("'", "['\u2019]").replace("\u2019", "['\u2019]")
        if letters.isupper() and len(letters) <= 5 or len(letters) <= 2:
            parts.append(escaped)  # US, DPRK, C.C., Xi: exact, so "us" is never the US
        else:
            parts.append(f"(?i:{escaped})")
    return r"[\s\-\u2010\u2011]*".join(parts)


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    text: str
    entry: GazetteerEntry


class Matcher:
    """Finds the gazetteer's names of some kinds in a text, longest spelling first."""

    def __init__(self, entries: tuple[GazetteerEntry, ...]) -> None:
        by_pattern: dict[str, GazetteerEntry] = {}
        for entry in entries:
            for spelling in entry.spellings:
                by_pattern.setdefault(_variant_pattern(spelling), entry)
        self._entries = list(by_pattern.values())
        patterns = sorted(by_pattern, key=len, reverse=True)
        self._regex = (
            re.compile(
                r"(?<![\w'\u2019])(?:"
                + "|".join(f"(?P<g{i}>{p})" for i, p in enumerate(patterns))
                + r")(?!\w)"
            )
            if patterns
            else None
        )
        self._group_entry = {f"g{i}": by_pattern[p] for i, p in enumerate(patterns)}

    def find(self, text: str) -> list[Match]:
        if self._regex is None:
            return []
        return [
            Match(m.start(), m.end(), m.group(), self._group_entry[m.lastgroup or ""])
            for m in self._regex.finditer(text)
        ]


@cache
def matcher(kinds: tuple[str, ...]) -> Matcher:
    return Matcher(tuple(e for e in gazetteer() if e.kind in kinds))


@cache
def _glue_regex() -> re.Pattern[str] | None:
    names = sorted(
        {s for e in entries_of_kind("person") for s in e.spellings if " " in s and s[-1].isalpha()},
        key=len,
        reverse=True,
    )
    if not names:
        return None
    alternation = "|".join(re.escape(n) for n in names)
    return re.compile(rf"(?P<pre>[a-z,.;:])?(?P<name>{alternation})(?P<post>[a-z]|[A-Z](?=[a-z]))?")


def _unglue(m: re.Match[str]) -> str:
    pre, post = m.group("pre") or "", m.group("post") or ""
    return (pre + " " if pre else "") + m.group("name") + (" " + post if post else "")


def repair_glued_names(text: str) -> str:
    """Put back the spaces a scraper lost around known names: "ComradeKim Jong Unexpressed"."""
    regex = _glue_regex()
    if regex is None:
        return text
    return regex.sub(_unglue, text)
