"""Reading a query's articles: the plan every reader of a result shares, ranked or dated pages,
counts, facets, timelines, titles, and the typo correction that comes before them."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from dipterm.errors import LibraryError, QueryError
from dipterm.extract.romanisation import dprk_style
from dipterm.models import Correction, Hit, SearchResult
from dipterm.store import fuzzy, romanised
from dipterm.store.query import (
    ENTITY_FILTERS,
    Filter,
    Query,
    Term,
    parse,
    render_filters,
    render_match,
    replace_term,
)
from dipterm.store.schema import DATE_INDEX, TOKENIZE

SNIPPET_TOKENS = 24
MAX_SPELLINGS = 8  # the title filter's texts for the names a query may spell another way
# A snippet is looked for in an article's first characters only: FTS5's snippet() weighs every
# place the terms occur against every other (its time grows with the square of the hits in the
# article: 20,000 of one word took 5 s), so a long article is read through this window, in a
# temporary index of the page's long articles.
SNIPPET_WINDOW = 10_000
# What titles() reads: schema 6's date index holds these columns, in this order, so SQLite reads
# it alone and sorts nothing.
TITLES_SQL = "SELECT id, title, published FROM articles"
TITLES_NEWEST_FIRST_SQL = f"{TITLES_SQL} ORDER BY published DESC, id DESC"
Sort = Literal["rank", "date", "-date", "source", "title"]
# An article's opening, the snippet of a hit with nothing in its body to mark: read as a column
# of the page's articles (alias a).
_OPENING = ", substr(a.body, 1, 400)"


def _opening(body: str) -> str:
    words = body.split(None, SNIPPET_TOKENS)  # a last, whole rest: there are more words
    return " ".join(words[:SNIPPET_TOKENS]) + ("…" if len(words) > SNIPPET_TOKENS else "")


def _around(sentence: str, start: int, end: int) -> str:
    """The sentence with sentence[start:end] marked as snippet() marks a match, cut to about
    SNIPPET_TOKENS words: up to a third of them before the mark, the rest after it, and what the
    end of the sentence leaves unused before it."""
    before, after = sentence[:start].split(), sentence[end:].split()
    room = max(SNIPPET_TOKENS - len(sentence[start:end].split()), 0)
    keep_after = min(len(after), room - min(len(before), room // 3))
    keep_before = min(len(before), room - keep_after)
    head = ("…" if keep_before < len(before) else "") + " ".join(
        before[len(before) - keep_before :]
    )
    tail = " ".join(after[:keep_after]) + ("…" if keep_after < len(after) else "")
    gap_before = " " if head and sentence[:start][-1:].isspace() else ""
    gap_after = " " if tail and sentence[end : end + 1].isspace() else ""
    return f"{head}{gap_before}\x02{sentence[start:end]}\x03{gap_after}{tail}".strip()


@dataclass
class Plan:
    """The FROM, WHERE and parameters that find a query's articles (alias a)."""

    source: str
    conditions: list[str]
    params: list[object]
    score: str
    match: str | None  # the positive FTS5 expression, for snippets
    corrections: list[Correction]
    # Articles the words may match: an exact count where a caller has one, else read from the
    # vocabulary when first asked (is_common), since a ranked page never needs it. None: unknown.
    estimate: int | None = None
    title_only: bool = False  # every word asked for is in title: (snippets: the body's opening)
    query: Query | None = None  # the words, corrected, for the estimate while it is not known
    named: list[int] = field(default_factory=list)  # entities person:, org:... resolved to

    @property
    def fts_only(self) -> bool:
        """Only the full-text match decides: no exclusion, filter or other condition."""
        return self.conditions == ["articles_fts MATCH ?"]

    @property
    def where(self) -> str:
        return " AND ".join(self.conditions) or "1"

    @property
    def matched(self) -> str:
        """SQL for the ids of the matched articles (taking the plan's parameters). When the match
        alone decides, the index answers without a look at each article: counting a word's
        56,000 articles at 100k takes 3 ms so, 76 ms through the articles."""
        if self.fts_only:
            return "SELECT rowid AS id FROM articles_fts WHERE articles_fts MATCH ?"
        return f"SELECT a.id FROM {self.source} WHERE {self.where}"


Searchable = str | Query | Plan | None  # a query as typed, parsed, or already planned


class Searching:
    """The reading half of the Library (a mixin: it needs self.conn, self._vocab and
    self._first_words)."""

    conn: sqlite3.Connection
    _vocab: dict[int, list[tuple[str, int]]]
    _first_words: list[str] | None

    def plan(self, query: Searchable, *, exact: bool = False, after_id: int | None = None) -> Plan:
        """How to find a query's articles: the FROM, WHERE and parameters every reader of a result
        (search, count, facets, timeline) shares. An empty query is every article. A plan given is
        used as it is, so a caller reading one result several ways corrects and resolves it once."""
        if isinstance(query, Plan):
            if after_id is None:
                return query
            return replace(
                query, conditions=[*query.conditions, "a.id > ?"], params=[*query.params, after_id]
            )
        if query is None or (isinstance(query, str) and not query.strip()):
            plan = Plan("articles a", [], [], "0.0", None, [])
        else:
            parsed = parse(query) if isinstance(query, str) else query
            corrections: list[Correction] = []
            if not exact:
                parsed, corrections = self.correct(parsed)
            resolved = self._resolve_filters(parsed, corrections)
            positive, negative = render_match(parsed)
            filters = render_filters(parsed, resolved)
            plan = Plan("articles a", [], [], "0.0", positive, corrections, query=parsed)
            plan.named = [i for f, ids in resolved.items() if f.name != "event" for i in ids]
            plan.title_only = all(t.column == "title" for g in parsed.required for t in g.terms)
            if positive:
                plan.source = "articles_fts f JOIN articles a ON a.id = f.rowid"
                plan.conditions.append("articles_fts MATCH ?")
                plan.params.append(positive)
                plan.score = "f.rank"
            if negative:
                plan.conditions.append(
                    "a.id NOT IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)"
                )
                plan.params.append(negative)
            if filters.sql:
                plan.conditions.append(filters.sql)
                plan.params.extend(filters.params)
        if after_id is not None:
            plan.conditions.append("a.id > ?")
            plan.params.append(after_id)
        return plan

    def search(
        self,
        query: Searchable,
        *,
        limit: int = 20,
        offset: int = 0,
        sort: Sort = "rank",
        exact: bool = False,
        snippets: bool = True,
        scores: bool = False,
        after_id: int | None = None,
    ) -> SearchResult:
        """Articles matching the query, best first (or by date). Raises QueryError.

        A hit's score is its FTS5 rank when scores is asked for, else None: reading a phrase's
        rank out costs a second pass over the phrase's matches, which ordering by it does not."""
        plan = self.plan(query, exact=exact, after_id=after_id)
        positive = plan.match
        # A match in titles alone has nothing to mark in the body: its opening is the snippet.
        match = None if plan.title_only else positive
        # A page ranked by the index alone reads its articles by id, and their openings with
        # them; a page sorted among its matches reads them apart (read with the matches, each
        # match's body would be read: person:"Kim Jong Il" at 22k, 19 ms against 13).
        by_index = bool(positive) and sort == "rank" and plan.fts_only
        opening = snippets and match is None and by_index
        if positive and by_index:
            rows = self._ranked_by_fts(positive, limit + 1, offset, scores, opening)
        elif positive and sort in ("date", "-date") and self.is_common(plan):
            rows = self._by_date_probing(plan, sort, limit + 1, offset)
        else:
            rows = self._joined(plan, sort, limit + 1, offset, scores)
        has_more = len(rows) > limit
        rows = rows[:limit]
        if opening:
            texts = {r[0]: _opening(r[5]) for r in rows}
        elif snippets and match is None and plan.named:
            # Nothing in the body to mark: the sentence that names the person (org, place) asked for.
            texts = self._naming_sentences([r[0] for r in rows], plan.named)
            texts.update(self._snippets([r[0] for r in rows if r[0] not in texts], None))
        else:
            texts = self._snippets([r[0] for r in rows], match) if snippets else {}
        hits = [
            Hit(r[0], r[1], r[2], r[3], float(r[4]) if scores else None, texts.get(r[0], ""))
            for r in rows
        ]
        return SearchResult(hits, plan.corrections, has_more)

    def _ranked_by_fts(
        self, match: str, limit: int, offset: int, scores: bool, opening: bool = False
    ) -> list[tuple]:
        """Best first through FTS5 alone, whose ORDER BY rank LIMIT is its fast path; then the
        articles of that page."""
        ranked = self._read(
            f"SELECT rowid, {'rank' if scores else '0.0'} FROM articles_fts "
            "WHERE articles_fts MATCH ? ORDER BY rank LIMIT ? OFFSET ?",
            (match, limit, offset),
        )
        ranks = dict(ranked)
        return [
            (*row[:4], ranks[row[0]], *row[4:])
            for row in self.listing(list(ranks), opening=opening)
        ]

    def is_common(self, plan: Plan) -> bool:
        """Whether the words match so many articles that walking the articles by date and probing
        the index for each is quicker than sorting every match (from the plan's estimate: the
        vocabulary's counts, or the exact count where a caller has it)."""
        if plan.estimate is None and plan.query is not None:
            plan.estimate, plan.query = self._estimate(plan.query), None
        if plan.estimate is None:
            return True  # a prefix or an OR of unknown breadth: assume broad
        total = self.conn.execute("SELECT max(id) FROM articles").fetchone()[0] or 1
        return plan.estimate > 0.05 * total

    def _by_date_probing(self, plan: Plan, sort: Sort, limit: int, offset: int) -> list[tuple]:
        direction = "DESC" if sort == "date" else "ASC"
        # The positive match is always the plan's first condition and parameter.
        others, params = plan.conditions[1:], plan.params[1:]
        where = " AND ".join(
            [
                *others,
                "EXISTS (SELECT 1 FROM articles_fts WHERE articles_fts MATCH ? AND rowid = a.id)",
            ]
        )
        return self._read(
            f"SELECT a.id, a.title, a.source, a.published, 0.0 FROM articles a WHERE {where} "
            f"ORDER BY a.published {direction}, a.id {direction} LIMIT ? OFFSET ?",
            (*params, plan.match, limit, offset),
        )

    def _joined(self, plan: Plan, sort: Sort, limit: int, offset: int, scores: bool) -> list[tuple]:
        order = {
            "rank": plan.score if plan.match else "a.published DESC, a.id DESC",
            "date": "a.published DESC, a.id DESC",
            "-date": "a.published ASC, a.id ASC",
            "source": "a.source ASC, a.published DESC, a.id DESC",
            "title": "a.title COLLATE NOCASE ASC, a.id ASC",
        }[sort]
        # The rank as a column is computed apart from the rank it is ordered by: only if asked.
        score = plan.score if scores else "0.0"
        sql = (
            f"SELECT a.id, a.title, a.source, a.published, {score} FROM {plan.source} "
            f"WHERE {plan.where} ORDER BY {order} LIMIT ? OFFSET ?"
        )
        return self._read(sql, (*plan.params, limit, offset))

    def _estimate(self, query: Query) -> int | None:
        """How many articles the required words may match at most: for each AND-ed group the sum of
        its words' document counts, the smallest group bounding the whole. None when a group holds
        a prefix (its breadth is unknown)."""
        bounds = []
        for group in query.required:
            total = 0
            for term in group.terms:
                if term.kind == "prefix":
                    return None
                counts = [self._docs(t) for t in term.tokens]
                total += min(counts) if counts else 0
            bounds.append(total)
        return min(bounds) if bounds else None

    def _docs(self, word: str) -> int:
        row = self.conn.execute("SELECT docs FROM vocab WHERE term = ?", (word,)).fetchone()
        return row[0] if row else 0

    def count_matching(self, query: Searchable, *, exact: bool = False) -> int:
        plan = self.plan(query, exact=exact)
        return self._read(f"SELECT count(*) FROM ({plan.matched})", plan.params)[0][0]

    def facets(self, query: Searchable, *, per_facet: int = 8, exact: bool = False) -> dict:
        """For the articles a query finds: the commonest sources, years, people and places."""
        plan = self.plan(query, exact=exact)
        matched = plan.matched
        result: dict[str, list[tuple[str, int]]] = {}
        result["source"] = self._read(
            f"SELECT coalesce(source, '(unknown)'), count(*) n FROM articles WHERE id IN ({matched}) "
            "GROUP BY 1 ORDER BY n DESC, 1 LIMIT ?",
            (*plan.params, per_facet),
        )
        result["year"] = self._read(
            f"SELECT substr(published, 1, 4) y, count(*) n FROM articles WHERE id IN ({matched}) "
            "AND published IS NOT NULL GROUP BY y ORDER BY y DESC LIMIT ?",
            (*plan.params, per_facet),
        )
        for kind in ("person", "place"):
            # From the matched articles to their mentions (CROSS JOIN keeps that order): left to
            # itself SQLite went from every entity of the kind to each matched article, 6 to 14
            # times slower at 100k articles.
            result[kind] = self._read(
                f"SELECT e.name, count(DISTINCT m.article_id) n FROM ({matched}) x "
                "CROSS JOIN mentions m ON m.article_id = x.id CROSS JOIN entities e "
                "ON e.id = m.entity_id WHERE e.kind = ? GROUP BY e.id ORDER BY n DESC, e.name LIMIT ?",
                (*plan.params, kind, per_facet),
            )
        return {k: [(str(v), int(n)) for v, n in rows] for k, rows in result.items()}

    def timeline(self, query: Searchable, *, exact: bool = False) -> list[tuple[str, int]]:
        """Articles a query finds per month (per year when they span more than four years)."""
        plan = self.plan(query, exact=exact)
        matched = plan.matched
        first, last = self._read(
            f"SELECT min(published), max(published) FROM articles WHERE id IN ({matched})",
            plan.params,
        )[0]
        if not first:
            return []
        width = 7 if int(last[:4]) - int(first[:4]) <= 4 else 4
        rows = self._read(
            f"SELECT substr(published, 1, {width}) p, count(*) FROM articles WHERE id IN ({matched}) "
            "AND length(published) >= ? GROUP BY p ORDER BY p",
            (*plan.params, width),
        )
        return [(p, n) for p, n in rows]

    def titles(self) -> tuple[list[int], list[str]]:
        """Every article's id and title, newest first, undated last (for filtering titles as one
        types). SQLite reads them in that order from the date index, which holds them all (a
        million in 0.6 s here). A library read as it is, without that index, is read
        straight through the table and sorted here rather than hopping about it by date (a
        million from a cold disk: 9 s, not 55)."""
        cursor = self.conn.cursor()
        cursor.row_factory = None  # plain tuples: a million rows take a third less time
        if self.conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?", (DATE_INDEX,)
        ).fetchone():
            rows = cursor.execute(TITLES_NEWEST_FIRST_SQL)
            ids: list[int] = []
            titles: list[str] = []
            for article_id, title, _ in rows:
                ids.append(article_id)
                titles.append(title)
            return ids, titles
        unsorted = cursor.execute(TITLES_SQL).fetchall()
        unsorted.sort(key=lambda r: (r[2] is not None, r[2] or "", r[0]), reverse=True)
        return [r[0] for r in unsorted], [r[1] for r in unsorted]

    def listing(self, ids: Sequence[int], *, opening: bool = False) -> list[tuple]:
        """The id, title, source and date of these articles (as a Hit holds them), and with
        opening the body's opening, in the order given (those that are gone are left out)."""
        found: dict[int, tuple] = {}
        for start in range(0, len(ids), 500):
            part = list(ids[start : start + 500])
            marks = ",".join("?" * len(part))
            found.update(
                (r[0], tuple(r))
                for r in self._read(
                    f"SELECT a.id, a.title, a.source, a.published{_OPENING if opening else ''} "
                    f"FROM articles a WHERE a.id IN ({marks})",
                    part,
                )
            )
        return [found[i] for i in ids if i in found]

    def _resolve_filters(self, query: Query, corrections: list[Correction]) -> dict[Filter, list]:
        resolved: dict[Filter, list] = {}
        for f in query.filters:
            if f.name not in ENTITY_FILTERS:
                continue
            if f.name == "event":
                resolved[f] = self.event_types(f.value)
                continue
            from dipterm.store import entities  # only a search by an entity needs it

            ids, guess = entities.resolve(self.conn, f.name, f.value, self._people_first_words)
            resolved[f] = ids
            if guess:
                corrections.append(Correction(f"{f.name}:{f.value}", guess, 0.0))
        return resolved

    def event_types(self, text: str) -> list[str]:
        """The stored event types a user's word names: exact, or those it begins."""
        known = [r[0] for r in self.conn.execute("SELECT DISTINCT type FROM events")]
        word = text.strip().lower()
        return [t for t in known if t == word] or [t for t in known if t.startswith(word)]

    def _read(self, sql: str, params: Sequence[object]) -> list[tuple]:
        try:
            return self.conn.execute(sql, params).fetchall()
        except sqlite3.OperationalError as exc:
            raise LibraryError(f"search failed: {exc}") from exc

    def _snippets(self, ids: list[int], match: str | None) -> dict[int, str]:
        """Snippets for the page of hits only: computing them before the LIMIT costs far more."""
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        found: dict[int, str] = {}
        if match:
            long = {
                row[0]
                for row in self._read(
                    f"SELECT id FROM articles WHERE id IN ({marks}) AND length(body) > ?",
                    (*ids, SNIPPET_WINDOW),
                )
            }
            short = [i for i in ids if i not in long]
            if short:
                found.update(self._snippets_in("articles_fts", short, match))
            if long:
                found.update(self._snippets_in_window(sorted(long), match))
        missing = [i for i in ids if not found.get(i)]
        if missing:
            marks = ",".join("?" * len(missing))
            for article_id, body in self._read(
                f"SELECT a.id{_OPENING} FROM articles a WHERE a.id IN ({marks})", missing
            ):
                found[article_id] = _opening(body)
        return found

    def _naming_sentences(self, ids: list[int], entity_ids: list[int]) -> dict[int, str]:
        """For each article, the first sentence naming one of the entities by any spelling they
        are stored with, the name marked and the sentence cut to about SNIPPET_TOKENS words."""
        if not ids:
            return {}
        from dipterm.extract.sentences import sentence_at

        marks = ",".join("?" * len(entity_ids))
        spellings = {
            r[0]
            for r in self._read(
                f"SELECT name FROM entities WHERE id IN ({marks}) UNION "
                f"SELECT variant FROM entity_variants WHERE entity_id IN ({marks})",
                [*entity_ids, *entity_ids],
            )
            if r[0] and r[0].strip()
        }
        if not spellings:
            return {}
        # Longest first, so "Kim Jong Un" is marked whole rather than as "Kim"; a space or a hyphen
        # between the parts of a name matches either (Kim Jong-un, Kim Jong Un).
        names = sorted(spellings, key=len, reverse=True)
        parts = ("[\\s-]+".join(map(re.escape, n.replace("-", " ").split())) for n in names)
        naming = re.compile(r"\b(?:" + "|".join(parts) + r")\b", re.IGNORECASE)
        found: dict[int, str] = {}
        id_marks = ",".join("?" * len(ids))
        for article_id, body in self._read(
            f"SELECT id, body FROM articles WHERE id IN ({id_marks})", ids
        ):
            m = naming.search(body or "")
            if m is None:
                continue
            sentence = sentence_at(body, m.start())
            at, text = (sentence.start, sentence.text) if sentence else (0, body)
            found[article_id] = _around(text, m.start() - at, m.end() - at)
        return found

    def _snippets_in(
        self, table: str, ids: list[int], match: str, schema: str = "main"
    ) -> dict[int, str]:
        marks = ",".join("?" * len(ids))
        sql = (
            f"SELECT rowid, snippet({table}, 1, char(2), char(3), '…', {SNIPPET_TOKENS}) "
            f"FROM {schema}.{table} WHERE {table} MATCH ? AND rowid IN ({marks})"
        )
        return dict(self._read(sql, (match, *ids)))

    def _snippets_in_window(self, ids: list[int], match: str) -> dict[int, str]:
        """Snippets of long articles from their first SNIPPET_WINDOW characters, indexed for the
        while in a temporary table of this connection (which a read-only library may make too)."""
        marks = ",".join("?" * len(ids))
        self._read(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.snippet_window "
            f"USING fts5(title, body, tokenize='{TOKENIZE}')",
            (),
        )
        try:
            self._read(
                "INSERT INTO temp.snippet_window (rowid, title, body) "
                f"SELECT id, title, substr(body, 1, ?) FROM articles WHERE id IN ({marks})",
                (SNIPPET_WINDOW, *ids),
            )
            return self._snippets_in("snippet_window", ids, match, schema="temp")
        finally:
            self._read("DELETE FROM temp.snippet_window", ())

    def correct(self, query: Query) -> tuple[Query, list[Correction]]:
        """Replace a Korean name in another romanisation by the library's spellings of it (see
        romanise), then each word the library does not hold by the nearest word it does."""
        query, corrections = self.romanise(query)
        terms = [t for g in query.required for t in g.terms] + list(query.excluded)
        for term in terms:
            if term.kind != "word" or len(term.tokens) != 1:
                continue
            word = term.tokens[0]
            if len(word) < fuzzy.MIN_LENGTH or self._known(word):
                continue
            low, high = fuzzy.length_band(word)
            candidates = [c for n in range(low, high + 1) for c in self._words_of_length(n)]
            found = fuzzy.nearest(word, candidates)
            if found:
                replacement, score = found
                query = replace_term(query, term, Term(replacement, term.kind, term.column))
                corrections.append(Correction(word, replacement, score))
        return query, corrections

    def romanise(self, query: Query) -> tuple[Query, list[Correction]]:
        """Replace each run of words that reads as a Korean name in another romanisation than the
        library's (Choi Sun-hee, Kim Jongun, Kim Chong-il) by the names of the library's people
        that it may read as (Choe Son Hui; Kim Chong Il and Kim Jong Il), the library's spelling
        as typed first."""
        corrections: list[Correction] = []
        found = self._korean_names(query)
        for run, names in reversed(found):  # from the end: the earlier runs keep their place
            query = romanised.replace_run(query, run, names)
            corrections.insert(0, Correction(run.text, ", ".join(names), 100.0))
        return query, corrections

    def _korean_names(self, query: Query) -> list[tuple[romanised.NameRun, list[str]]]:
        """The runs of the query's words that name the library's people in another spelling,
        with their names."""
        found: list[tuple[romanised.NameRun, list[str]]] = []
        taken = -1  # the groups up to here belong to a run settled
        for run in romanised.name_runs(query):
            if run.start <= taken:
                continue
            held = romanised.held_as_typed(self.conn, run.text)
            if held and dprk_style(run.text):  # the library's own spelling means what it says
                taken = run.end - 1
                continue
            people = romanised.people(self.conn, run.text, self._people_first_words)
            if len(people) > held:  # more than the name as typed: other readings too
                found.append((run, [p.name for p in people]))
            if people or held:
                taken = run.end - 1
        return found

    def romanised_texts(self, text: str) -> tuple[list[str], list[Correction]]:
        """Text as typed in the title filter, with each Korean name in another romanisation
        spelt as the library's people it may name spell it: one text for each (the closest
        first), or the text itself."""
        try:
            query = parse(text)
        except QueryError:
            return [text], []
        texts, corrections = [text], []
        for run, names in self._korean_names(query):
            words = re.compile(r"\s+".join(re.escape(w) for w in run.text.split()))
            texts = [
                words.sub(lambda _, name=name: name, t, count=1) for t in texts for name in names
            ][:MAX_SPELLINGS]
            corrections.append(Correction(run.text, ", ".join(names), 100.0))
        return texts, corrections

    def _people_first_words(self) -> list[str]:
        """The first words of the people's names, read once for the life of this Library."""
        if self._first_words is None:
            self._first_words = romanised.first_words(self.conn)
        return self._first_words

    def _words_of_length(self, n: int) -> list[tuple[str, int]]:
        """The library's words (letters only: numbers are never a typo's answer) of a length,
        kept for the life of this Library: a query corrects against memory, not the disk."""
        if n not in self._vocab:
            self._vocab[n] = self.conn.execute(
                "SELECT term, docs FROM vocab WHERE len = ? AND term NOT GLOB '*[0-9]*'", (n,)
            ).fetchall()
        return self._vocab[n]

    def _known(self, word: str) -> bool:
        if self.conn.execute("SELECT 1 FROM vocab WHERE term = ?", (word,)).fetchone():
            return True
        # An inflection the porter stemmer maps onto an indexed word ("meetings") is known too.
        hit = self.conn.execute(
            "SELECT 1 FROM articles_fts WHERE articles_fts MATCH ? LIMIT 1", (f'"{word}"',)
        ).fetchone()
        return hit is not None
