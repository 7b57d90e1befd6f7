"""The curated gazetteer (data/gazetteer.tsv, data/demonyms.tsv, data/nk_gazetteer.csv), read once.

Matching a gazetteer name ignores case (except for acronyms such as US), and treats spaces and
hyphens inside a name as optional: Kim Jong Un, Kim Jong-un and Kim Jongun are one person.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import accumulate, compress
from pathlib import Path
from typing import NamedTuple

from dipterm import config
from dipterm.extract.keys import name_key

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


WORLD_CITY = "world city"  # the notes of the world's capitals and big cities open with this


def _world_cities(path: Path) -> Iterator[GazetteerEntry]:
    """The world's capitals and cities of 500,000 people or more (GeoNames, CC BY 4.0)."""
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#") or not line.strip():
                continue
            name, country, _, what, ascii_name = line.rstrip("\n").split("\t")
            variants = (ascii_name,) if ascii_name else ()
            yield GazetteerEntry(name, "place", variants, f"{WORLD_CITY}: {what} ({country})")


@cache
def gazetteer() -> tuple[GazetteerEntry, ...]:
    """The bundled gazetteer (cached for the process). Curated entries win over admin places,
    and both over the world's cities; a city named as its country is the country."""
    entries: list[GazetteerEntry] = []
    path = config.gazetteer_path()
    if path.exists():
        entries.extend(load_gazetteer(path))
    known = {(e.kind, name_key(s)) for e in entries for s in e.spellings}
    countries = {key for kind, key in known if kind == "country"}
    for extra, read in (("nk_gazetteer.csv", _admin_places), ("world_cities.tsv", _world_cities)):
        extra_path = config.data_dir() / extra
        if not extra_path.exists():
            continue
        for entry in read(extra_path):
            key = ("place", name_key(entry.name))
            if key not in known and key[1] not in countries:
                known.add(key)
                entries.append(entry)
    return tuple(entries)


@cache
def entries_of_kind(kind: str) -> tuple[GazetteerEntry, ...]:
    return tuple(e for e in gazetteer() if e.kind == kind)


@cache
def keys_of_kind(kind: str) -> frozenset[str]:
    """The keys of every spelling of the gazetteer's names of a kind."""
    return frozenset(name_key(s) for e in entries_of_kind(kind) for s in e.spellings)


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


# Words: hyphens and spaces separate, dots and apostrophes stay inside. Captured, so that a split
# alternates gaps and words. In ASCII text the same words are a letter or digit and the run of
# letters, digits, dots and apostrophes after it (what the general pattern's groups spell out),
# which a search finds faster than "not a non-word character nor an underscore".
_TOKEN = re.compile(r"([^\W_]+(?:[.'\u2019][^\W_]*)*\.?)")
_ASCII_TOKEN = re.compile(r"([A-Za-z0-9][A-Za-z0-9.']*)")


def _split(text: str) -> tuple[list[int], list[str]]:
    """The words of a text and where each begins and ends: word k spans offsets[2k] to
    offsets[2k + 1]. The lengths of the split's gaps and words, summed, give the offsets."""
    parts = (_ASCII_TOKEN if text.isascii() else _TOKEN).split(text)
    return list(accumulate(map(len, parts))), parts[1::2]


def _words(text: str) -> list[str]:
    return _split(text)[1]


_DOTS_AND_QUOTES = str.maketrans("", "", ".'")


@lru_cache(maxsize=16)
def _tokenized(text: str) -> tuple[list[int], list[str]]:
    """Where the words begin and end, and their keys, kept for the few texts at hand: every
    matcher reads the same ones."""
    offsets, words = _split(text)
    if not text.isascii():
        return offsets, [name_key(w) for w in words]
    # An ASCII word's key is the word lower-cased without its dots and apostrophes (the only
    # other characters a word holds): done for all the words at once, joined by a newline,
    # which no word holds.
    keys = "\n".join(words).lower().translate(_DOTS_AND_QUOTES)
    return offsets, keys.split("\n") if words else []


def words_at(text: str) -> tuple[list[int], list[str]]:
    """Where a text's words begin and end (word k spans offsets[2k] to offsets[2k + 1]) and their
    keys (an ASCII word's is the word lower-cased without its dots and apostrophes): read once a
    text, as the matchers read them too."""
    return _tokenized(text)


def _exact_case(variant: str) -> bool:
    """Acronyms and very short names must match as written, so "us" is never the US."""
    letters = re.sub(r"[^A-Za-z]", "", variant)
    return (letters.isupper() and len(letters) <= 5) or len(letters) <= 2


_SPACES_AND_HYPHENS = re.compile(r"[\s\-\u2010\u2011,]+")


@lru_cache(maxsize=4096)
def _squash(text: str) -> str:
    """A name as written, without its spaces, hyphens and commas (asked of the same few often)."""
    return _SPACES_AND_HYPHENS.sub("", text)


class Match(NamedTuple):
    start: int
    end: int
    text: str
    entry: GazetteerEntry


class Matcher:
    """Finds the gazetteer's names of some kinds in a text, the longest spelling first.

    Each run of words is looked up by its spelling-insensitive key, so Kim Jong Un, Kim Jong-un and
    KIM JONGUN all match; acronyms and two-letter names must match their case.
    """

    def __init__(self, entries: tuple[GazetteerEntry, ...]) -> None:
        self._by_key: dict[str, list[tuple[GazetteerEntry, str | None]]] = {}
        self._first_keys: set[str] = set()
        self._max_words = 1
        for entry in entries:
            for spelling in entry.spellings:
                words = _words(spelling)
                if not words:
                    continue
                key = name_key(spelling)
                exact = _squash(spelling) if _exact_case(spelling) else None
                self._by_key.setdefault(key, []).append((entry, exact))
                self._first_keys.add(name_key(words[0]))
                self._max_words = max(self._max_words, len(words))
        # Every beginning of a key: a run of words whose keys joined are not one ends the search.
        self._prefixes = {key[:i] for key in self._by_key for i in range(1, len(key) + 1)}

    def runs(self, text: str) -> list[tuple[int, list[tuple[int, str]]]]:
        """Each word that opens a name, with the runs of words from it that spell one: (word,
        [(last word, key), ...]), shortest run first."""
        offsets, keys = _tokenized(text)
        found = []
        by_key, prefixes, most = self._by_key, self._prefixes, self._max_words
        count = len(keys)
        # Only words that can open a name are tried: most words of a text are not.
        for i in compress(range(count), map(self._first_keys.__contains__, keys)):
            key = keys[i]
            if key not in by_key and (i + 1 == count or key + keys[i + 1] not in prefixes):
                continue  # most: "the" opens names, but not "the people"
            # How many words from keys[i] on spell a known key: a run of words whose keys
            # joined do not begin one ends the walk.
            spelled, joined = [], ""
            for n in range(i, min(i + most, count)):
                joined += keys[n]
                if joined not in prefixes:
                    break
                if joined in by_key:
                    spelled.append((n, joined))
            if spelled:
                found.append((i, spelled))
        return found

    def find(self, text: str) -> list[Match]:
        """The names of these kinds in text, each the longest that begins where it does, none
        inside another. The runs are those of the whole gazetteer, read once for every kind."""
        offsets, keys = _tokenized(text)
        found: list[Match] = []
        end = -1
        by_key, firsts, most = self._by_key, self._first_keys, self._max_words
        for i, spelled in _runs(text):
            start = offsets[2 * i]
            if start < end or keys[i] not in firsts:
                continue  # inside the name found before, or opens none of these kinds
            for last, key in reversed(spelled):
                if last - i < most and key in by_key:
                    hit = self._pick(text, start, offsets[2 * last + 1], by_key[key])
                    if hit:
                        found.append(hit)
                        end = hit.end
                        break
        return found

    @staticmethod
    def _pick(text: str, start: int, stop: int, candidates: list) -> Match | None:
        written = text[start:stop] if candidates[0][1] else text[start:stop].rstrip(".")
        for entry, exact in candidates:
            if exact is None or _squash(written) == exact or _squash(written.rstrip(".")) == exact:
                return Match(start, start + len(written), written, entry)
        return None


@cache
def matcher(kinds: tuple[str, ...]) -> Matcher:
    return Matcher(tuple(e for e in gazetteer() if e.kind in kinds))


@lru_cache(maxsize=16)
def _runs(text: str) -> list[tuple[int, list[tuple[int, str]]]]:
    """The runs of words that spell a name of any kind, kept for the few texts at hand: a run
    that spells a name of some kinds is one of these, so each kind's matcher reads them."""
    return matcher(KINDS).runs(text)


@cache
def _glue_names() -> tuple[str, ...]:
    return tuple(sorted(
        {s for e in entries_of_kind("person") for s in e.spellings if " " in s and s[-1].isalpha()},
        key=len,
        reverse=True,
    ))  # fmt: skip


@lru_cache(maxsize=4096)
def _glue_regex(names: tuple[str, ...]) -> re.Pattern[str]:
    alternation = "|".join(re.escape(n) for n in names)
    return re.compile(rf"(?P<pre>[a-z,.;:])?(?P<name>{alternation})(?P<post>[a-z]|[A-Z](?=[a-z]))?")


def _unglue(m: re.Match[str]) -> str:
    pre, post = m.group("pre") or "", m.group("post") or ""
    return (pre + " " if pre else "") + m.group("name") + (" " + post if post else "")


_GLUE_BEFORE = frozenset("abcdefghijklmnopqrstuvwxyz,.;:")
_GLUE_AFTER = re.compile(r"[a-z]|[A-Z](?=[a-z])")  # as the pattern's "post"


def _glued(text: str, name: str) -> bool:
    """Whether some occurrence of name touches a letter or stop it should be spaced from."""
    at = text.find(name)
    while at >= 0:
        if (at and text[at - 1] in _GLUE_BEFORE) or _GLUE_AFTER.match(text, at + len(name)):
            return True
        at = text.find(name, at + 1)
    return False


@cache
def _glue_first_words() -> tuple[tuple[str, str], ...]:
    """The names to repair beside their first words, longest name first."""
    return tuple((name, name.split(" ", 1)[0]) for name in _glue_names())


@cache
def _glue_names_by_first() -> dict[str, tuple[tuple[int, str], ...]]:
    """The names to repair by their first word, each with its place in _glue_first_words()."""
    by_first: dict[str, list[tuple[int, str]]] = {}
    for k, (name, first) in enumerate(_glue_first_words()):
        by_first.setdefault(first, []).append((k, name))
    return {first: tuple(names) for first, names in by_first.items()}


@cache
def _glue_firsts() -> re.Pattern[str]:
    """The first words of those names, longest first, as one pattern. A search misses a word
    only where a longer one begins at its place (but a name's first word is followed by a space,
    which ends any other) or where one found before runs into it (capitalised words do not, bar
    "V.V.V."): the names it leads to are those a substring test of every first word finds, as
    was checked on 26,815 texts."""
    firsts = sorted({first for _, first in _glue_first_words()}, key=len, reverse=True)
    return re.compile("|".join(re.escape(first) for first in firsts))


def repair_glued_names(text: str) -> str:
    """Put back the spaces a scraper lost around known names: "ComradeKim Jong Unexpressed"."""
    # A name is looked for (a plain substring test) only where its first word is found: one
    # search finds those, and many names share one.
    firsts = set(_glue_firsts().findall(text))
    by_first = _glue_names_by_first()
    # In the order of _glue_first_words(), longest name first, as the pattern wants them.
    led_to = sorted(named for first in firsts for named in by_first.get(first, ()))
    present = tuple(name for _, name in led_to if name in text)
    # Most texts name people with proper spaces: then there is no pattern to build and run.
    if not any(_glued(text, n) for n in present):
        return text
    return _glue_regex(present).sub(_unglue, text)
