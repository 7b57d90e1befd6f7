"""The library's spelling of a Korean name typed in another romanisation (Choi Sun-hee -> Choe Son
Hui), for person: filters, searched words and the title filter alike (see extract/romanisation)."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from dipterm.extract.keys import name_key
from dipterm.extract.romanisation import readings, reads_as_surname, reads_as_surname_key
from dipterm.store.query import AnyOf, Query, Term, tokens

MAX_NAME_WORDS = 4  # Kim Jong Un, Choe Son Hui; a longer run of words is read a word shorter
MAX_GIVEN_SYLLABLES = 3


@dataclass(frozen=True)
class NamedPerson:
    """A person of the library whose name (or a variant of it) a typed spelling may be."""

    id: int
    name: str


def held_as_typed(conn: sqlite3.Connection, text: str) -> bool:
    """Whether the library holds a person spelt so, in the same words (case and hyphens aside):
    Kim Jong-un is held as typed where Kim Jong Un is, Kim Jongun is not."""
    key = name_key(text)
    words = tokens(text)
    return any(
        tokens(spelling) == words
        for (spelling,) in conn.execute(
            "SELECT name FROM entities WHERE kind = 'person' AND key = ? UNION ALL "
            "SELECT v.variant FROM entity_variants v JOIN entities e ON e.id = v.entity_id "
            "WHERE v.key = ? AND e.kind = 'person'",
            (key, key),
        )
    )


def may_be_korean(text: str) -> bool:
    """Whether text reads as a Korean name: a surname and one to three syllables more."""
    words = tokens(text)
    if not words:
        return False
    if words[0].isascii():  # a romanised surname is a word of its own
        return reads_as_surname(words[0]) and _syllables_fit(readings(text))
    return _syllables_fit(k for k in readings(text) if reads_as_surname_key(k.split(" ")[0]))


def _syllables_fit(keys) -> bool:
    return any(1 <= k.count(" ") <= MAX_GIVEN_SYLLABLES for k in keys)


def first_words(conn: sqlite3.Connection) -> list[str]:
    """The first words of the library's people's names and variants, each once (their surnames,
    for a Korean name): what people() looks a typed name's surname up among."""
    return [
        word
        for (word,) in conn.execute(
            f"SELECT {_head('name')} FROM entities WHERE kind = 'person' UNION "
            f"SELECT {_head('v.variant')} FROM entity_variants v "
            "JOIN entities e ON e.id = v.entity_id WHERE e.kind = 'person'"
        )
        if word
    ]


def people(
    conn: sqlite3.Connection, text: str, heads: Callable[[], Sequence[str]] | None = None
) -> list[NamedPerson]:
    """The library's people whose names share a reading with text, best first: the exact spelling,
    then those read in more ways alike. Only the names whose first word may be the same surname
    are read, found by their keys through the index; heads gives the library's first_words (kept
    by the caller for the life of a Library), read from the library if not given."""
    typed = readings(text)
    if not typed:
        return []
    surnames = {k.split(" ", 1)[0] for k in readings(tokens(text)[0])}
    longest = max(k.count(" ") + 1 for k in typed)
    fitting = [
        head
        for head in (first_words(conn) if heads is None else heads())
        if not surnames.isdisjoint(k.split(" ", 1)[0] for k in readings(head, dprk=True))
    ]
    found: dict[int, tuple[int, str]] = {}
    key = name_key(text)
    for head in fitting:
        start = name_key(head)
        if not start:
            continue
        end = start[:-1] + chr(ord(start[-1]) + 1)  # every key that begins with start
        for eid, spelling, name in conn.execute(
            "SELECT id, name, name FROM entities WHERE kind = 'person' AND key >= ?1 AND key < ?2 "
            "UNION ALL SELECT e.id, v.variant, e.name FROM entity_variants v "
            "JOIN entities e ON e.id = v.entity_id WHERE v.key >= ?1 AND v.key < ?2 "
            "AND e.kind = 'person'",
            (start, end),
        ):
            if spelling.split(" ", 1)[0] != head or len(_WORDS.split(spelling)) > longest:
                continue  # another first word that begins alike; more words than syllables
            shared = len(typed & readings(spelling, dprk=True))
            if not shared:
                continue
            score = 1_000_000 if name_key(spelling) == key else shared
            if score > found.get(eid, (0, ""))[0]:
                found[eid] = (score, name)
    ranked = sorted(found.items(), key=lambda item: (-item[1][0], item[1][1]))
    return [NamedPerson(eid, name) for eid, (_, name) in ranked]


_WORDS = re.compile(r"[\s-]+")


def _head(column: str) -> str:
    """SQL for a name's first word (up to its first space)."""
    return f"substr({column}, 1, instr({column} || ' ', ' ') - 1)"


@dataclass(frozen=True)
class NameRun:
    """Consecutive required words (or one phrase) of a query that read as a Korean name."""

    start: int  # the first of the query's required groups it spans
    end: int  # one past the last
    text: str


def name_runs(query: Query) -> list[NameRun]:
    """The runs of a query's words that may be a Korean name, from each word the longest first:
    each a group of its own (no OR), a plain word or a phrase, in the same column. (The caller
    takes the first that names someone and skips the runs it overlaps.)"""
    runs: list[NameRun] = []
    groups = query.required
    for start in range(len(groups)):
        for end in range(min(len(groups), start + MAX_NAME_WORDS), start, -1):
            terms = [g.terms[0] for g in groups[start:end] if len(g.terms) == 1]
            if len(terms) < end - start or len({t.column for t in terms}) > 1:
                continue
            if any(t.kind == "prefix" for t in terms) or (end - start > 1 and any(
                t.kind == "phrase" for t in terms
            )):  # fmt: skip
                continue
            text = " ".join(t.text for t in terms)
            words = tokens(text)
            # One word is a name only in Hangul (최선희): a romanised name has its surname apart.
            if (len(words) >= 2 or not text.isascii()) and may_be_korean(text):
                runs.append(NameRun(start, end, text))
    return runs


def replace_run(query: Query, run: NameRun, names: list[str]) -> Query:
    """The query with a run of words replaced by any of these names, each a phrase."""
    column = query.required[run.start].terms[0].column
    group = AnyOf(tuple(Term(name, "phrase", column) for name in names))
    required = (*query.required[: run.start], group, *query.required[run.end :])
    return replace(query, required=required)
