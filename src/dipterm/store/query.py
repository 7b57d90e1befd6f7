"""The query language of `dipterm search` and the TUI: parsed to a small tree, rendered to FTS5 safely.

    word other      both words (porter-stemmed, case and diacritics ignored)
    "a phrase"      the words in this order
    a OR b          either
    -word -"phr"    not this
    pref*           words starting with pref
    title:word      in the title (also title:"a phrase", title:pref*)
    source:NAME     outlet (KCNA, "Rodong Sinmun", ...)
    since:2019-05   published in or after (YYYY, YYYY-MM or YYYY-MM-DD)
    until:2019      published in or before
    lang:en         language of the article
    is:revised      revised after it was first imported (is:missing: gone from its outlet;
                    is:undated: no date was found for it)
    person:NAME org:NAME place:NAME country:NAME   entities, in any romanisation
    event:TYPE      meeting, summit, talks, visit, letter, banquet, wreath-laying, ... (EVENT_TYPES)

User text never reaches FTS5 raw: every word is reduced to the tokens the index holds and each token
is double-quoted; SQL values travel as parameters.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from typing import Literal

from dipterm.errors import QueryError
from dipterm.extract.sources import canonical_outlet
from dipterm.models import EVENT_TYPES

TermKind = Literal["word", "phrase", "prefix"]

# What is: can ask of an article -> the SQL condition on it (alias a).
STATES: dict[str, str] = {
    "revised": "a.revised_at IS NOT NULL",  # an outlet changed it after it was first imported
    "missing": "a.missing_since IS NOT NULL",  # a complete copy of its outlet lacked it
    "undated": "a.published IS NULL",  # no date was found for it at import
}
# One source of truth for the filters: name -> what it takes (shown in errors and --help).
FILTERS: dict[str, str] = {
    "title": "words that must be in the title",
    "source": 'the outlet, e.g. source:KCNA or source:"Rodong Sinmun"',
    "since": "published in or after YYYY[-MM[-DD]]",
    "until": "published in or before YYYY[-MM[-DD]]",
    "lang": "the article's language, e.g. lang:en",
    "is": "a state of the article: " + ", ".join(sorted(STATES)),
}
# Filters on what extraction found; a name is resolved through its variants and typos.
ENTITY_FILTERS: dict[str, str] = {
    "person": 'a person named, e.g. person:Lavrov or person:"Kim Jong-un"',
    "org": "an organisation, e.g. org:WPK",
    "place": "a place, e.g. place:Vladivostok",
    "country": "a country, e.g. country:Russia",
    "event": "an event type: " + ", ".join(EVENT_TYPES),
}
MAX_QUERY_LENGTH = 2000
# Each term is a look-up in the index, and a prefix term (word*) reads every word it begins: a
# query of hundreds of them ran for minutes. These bound what one search can ask.
MAX_TERMS = 64
MAX_PREFIX_TERMS = 8
MIN_PREFIX = 2  # letters before the *: `a*` reads most of the index, four times a common word
_DATE_VALUE = re.compile(r"\d{4}(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?")
_TOKEN = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Term:
    """A word, phrase or prefix to look for; column is None for title and body alike."""

    text: str
    kind: TermKind = "word"
    column: str | None = None

    @property
    def tokens(self) -> list[str]:
        return tokens(self.text)


@dataclass(frozen=True)
class AnyOf:
    """Terms joined by OR: one of them must match."""

    terms: tuple[Term, ...]


@dataclass(frozen=True)
class Filter:
    """A filter of the query: its name (source, since, person...) and value."""

    name: str
    value: str


@dataclass(frozen=True)
class Query:
    """A parsed query: groups of terms that must match, excluded terms, filters."""

    required: tuple[AnyOf, ...] = ()
    excluded: tuple[Term, ...] = ()
    filters: tuple[Filter, ...] = ()

    @property
    def has_text(self) -> bool:
        return bool(self.required or self.excluded)

    def words(self) -> list[str]:
        """The positive words, for highlighting."""
        return [t.text for group in self.required for t in group.terms]


def fold(text: str) -> str:
    """Lower case without diacritics, as unicode61 remove_diacritics folds it."""
    if text.isascii():
        return text.lower()
    # Unicode's compatibility caseless form: a decomposition can give a capital again ("𝓐" -> "A").
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    if decomposed.casefold() != decomposed:
        decomposed = unicodedata.normalize("NFKD", decomposed.casefold())
    # Only the few characters outside ASCII can be combining marks: look at those alone.
    return _NOT_ASCII.sub(_drop_combining, decomposed)


_NOT_ASCII = re.compile(r"[^\x00-\x7f]+")


def _drop_combining(m: re.Match[str]) -> str:
    return "".join(c for c in m.group() if not unicodedata.combining(c))


# In lower-cased ASCII the same runs are what is left between the characters that are not
# letters or digits, once those are made spaces: a translation and a split find them faster.
_ASCII_GAPS = str.maketrans({c: " " for c in map(chr, range(128)) if not c.isalnum()})


def tokens(text: str) -> list[str]:
    """The index tokens of a text: runs of letters and digits, folded."""
    if text.isascii():
        return text.lower().translate(_ASCII_GAPS).split()
    return _TOKEN.findall(fold(text))


# ---------------------------------------------------------------- parsing

_LEX = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<neg>-(?=\S))
  | (?P<field>[A-Za-z]+):(?=\S)
  | (?P<bare_field>[A-Za-z]+):(?=\s|$)
  | (?P<quoted>"[^"]*")
  | (?P<unbalanced>")
  | (?P<bare>[^\s"]+)
    """,
    re.X,
)


@dataclass
class _Pending:
    """What the tokens before a term said of it: negated, or a filter's name."""

    negated: bool = False
    field: str | None = None


@dataclass
class _Builder:
    """The query as parsing builds it, token by token."""

    groups: list[list[Term]] = field(default_factory=list)
    excluded: list[Term] = field(default_factory=list)
    filters: list[Filter] = field(default_factory=list)
    join_next: bool = False  # the previous token was OR


def _term(raw: str, quoted: bool, column: str | None) -> Term | None:
    if quoted:
        text = raw[1:-1]
        return Term(text, "phrase", column) if tokens(text) else None
    text = raw.strip("()[]{}^+,;")
    kind: TermKind = "word"
    if text.endswith("*"):
        text, kind = text.rstrip("*"), "prefix"
    if not tokens(text):
        return None
    return Term(text, kind, column)


def parse(text: str) -> Query:
    """Parse a query. Raises QueryError, with a hint, for what it cannot understand."""
    if len(text) > MAX_QUERY_LENGTH:
        raise QueryError(f"query too long ({len(text)} characters; at most {MAX_QUERY_LENGTH})")
    b = _Builder()
    pending = _Pending()
    known = {**FILTERS, **ENTITY_FILTERS}
    for m in _LEX.finditer(text):
        kind, raw = m.lastgroup, m.group()
        if kind == "space":
            continue
        if kind == "unbalanced":
            raise QueryError('unbalanced quote: close the phrase with " or remove the quote')
        if kind == "neg":
            pending.negated = True
            continue
        if kind == "field":
            name = raw[:-1].lower()
            if name not in known:
                raise QueryError(
                    f"unknown filter {name}: (filters: {', '.join(f + ':' for f in known)})"
                )
            pending.field = name
            continue
        if kind == "bare_field" and raw[:-1].lower() in known:
            name = raw[:-1].lower()
            raise QueryError(f"{name}: needs a value right after the colon ({known[name]})")
        if kind == "bare" and pending.field is None and not pending.negated:
            if raw == "OR":
                if not b.groups:
                    raise QueryError("OR needs a term on each side")
                b.join_next = True
                continue
            if raw in ("AND", "NEAR"):
                continue  # words are ANDed anyway; NEAR is not offered
            if raw == "NOT":
                pending.negated = True
                continue
        _add(b, raw, kind == "quoted", pending)  # a bare_field not a filter's is a word
        pending = _Pending()
    if b.join_next:
        raise QueryError("OR needs a term on each side")
    if pending.field:
        raise QueryError(f"{pending.field}: needs a value, e.g. {pending.field}:something")
    query = Query(tuple(AnyOf(tuple(g)) for g in b.groups), tuple(b.excluded), tuple(b.filters))
    if not query.has_text and not query.filters:
        raise QueryError("nothing to search for: the query has no words")
    _check_size(query)
    return query


def _check_size(query: Query) -> None:
    terms = [t for group in query.required for t in group.terms] + list(query.excluded)
    if len(terms) > MAX_TERMS:
        raise QueryError(f"too many terms ({len(terms)}): a query holds at most {MAX_TERMS}")
    prefixes = [t for t in terms if t.kind == "prefix"]
    short = next((t for t in prefixes if len(t.text) < MIN_PREFIX), None)
    if short:
        raise QueryError(
            f"{short.text}* is too short a prefix: give at least {MIN_PREFIX} letters before the *"
        )
    if len(prefixes) > MAX_PREFIX_TERMS:
        raise QueryError(
            f"too many prefix terms such as word* ({len(prefixes)}): a query holds at most "
            f"{MAX_PREFIX_TERMS}"
        )


def _add(b: _Builder, raw: str, quoted: bool, pending: _Pending) -> None:
    name = pending.field
    if name is not None and name != "title":
        value = raw[1:-1] if quoted else raw
        value = value.strip()
        if not value:
            raise QueryError(f"{name}: needs a value")
        if name in ("since", "until") and not _DATE_VALUE.fullmatch(value):
            raise QueryError(f"{name}:{value} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD")
        if name == "is" and value.lower() not in STATES:
            raise QueryError(f"is:{value} is not known: use one of {', '.join(sorted(STATES))}")
        if pending.negated:
            raise QueryError(f"-{name}: is not supported: a filter cannot be negated")
        b.filters.append(Filter(name, value))
        b.join_next = False
        return
    term = _term(raw, quoted, "title" if name == "title" else None)
    if term is None:
        b.join_next = False
        return  # punctuation only, such as a stray * or (: nothing to look for
    if pending.negated:
        if b.join_next:
            raise QueryError("a negated term cannot be part of OR")
        b.excluded.append(term)
    elif b.join_next and b.groups:
        b.groups[-1].append(term)
        b.join_next = False
    else:
        b.groups.append([term])


def replace_term(query: Query, old: Term, new: Term) -> Query:
    """The query with one term replaced (by typo correction)."""
    required = tuple(AnyOf(tuple(new if t == old else t for t in g.terms)) for g in query.required)
    excluded = tuple(new if t == old else t for t in query.excluded)
    return replace(query, required=required, excluded=excluded)


# ---------------------------------------------------------------- rendering


def _fts_term(term: Term) -> str:
    quoted = '"' + " ".join(term.tokens) + '"'  # tokens are letters and digits: nothing to escape
    if term.kind == "prefix":
        quoted += "*"
    if term.column:
        quoted = f"{term.column} : {quoted}"
    return quoted


def _fts_any(terms: tuple[Term, ...] | list[Term]) -> str:
    parts = [_fts_term(t) for t in terms]
    return parts[0] if len(parts) == 1 else "(" + " OR ".join(parts) + ")"


def render_match(query: Query) -> tuple[str | None, str | None]:
    """(positive MATCH expression, negative MATCH expression); either may be None."""
    positive = " AND ".join(_fts_any(g.terms) for g in query.required) or None
    negative = _fts_any(query.excluded) if query.excluded else None
    if positive and negative:
        return f"{positive} NOT {negative}", None
    return positive, negative


@dataclass(frozen=True)
class RenderedFilters:
    """SQL conditions on the articles and their parameters."""

    sql: str  # conditions on the articles table, aliased a, joined by AND ("" for none)
    params: tuple[object, ...]


def render_filters(query: Query, resolved: dict[Filter, list] | None = None) -> RenderedFilters:
    """SQL conditions and parameters for the filters. resolved holds, for each entity filter, the
    entity ids (or, for event:, the event types) its value names."""
    clauses: list[str] = []
    params: list[object] = []
    for f in query.filters:
        if f.name in ENTITY_FILTERS:
            values = (resolved or {}).get(f, [])
            if not values:
                clauses.append("0")  # names nothing in this library
                continue
            marks = ",".join("?" * len(values))
            if f.name == "event":
                clauses.append(f"a.id IN (SELECT article_id FROM events WHERE type IN ({marks}))")
            else:
                clauses.append(
                    f"a.id IN (SELECT article_id FROM mentions WHERE entity_id IN ({marks}))"
                )
            params.extend(values)
            continue
        if f.name == "source":
            canonical = canonical_outlet(f.value)
            if canonical:
                clauses.append("a.source = ?")
                params.append(canonical)
            else:
                clauses.append("a.source LIKE ? ESCAPE '\\'")
                params.append("%" + _like_escape(f.value) + "%")
        elif f.name == "since":
            # A month or year-precision article counts if its period reaches the date.
            clauses.append("(a.published || '-99-99') >= ?")
            params.append(f.value)
        elif f.name == "until":
            clauses.append("a.published <= ?")
            params.append(f.value + "-99-99")
        elif f.name == "lang":
            clauses.append("lower(a.lang) = ?")
            params.append(f.value.lower())
        elif f.name == "is":
            clauses.append(STATES[f.value.lower()])
    return RenderedFilters(" AND ".join(clauses), tuple(params))


def _like_escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
