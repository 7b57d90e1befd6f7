"""The article library: a SQLite file with an FTS5 index. The only module that writes SQL for articles.

with Library.open(path) as library:
    library.add(drafts)
    result = library.search('person:lavrov since:2018')
"""

from __future__ import annotations

import os
import sqlite3
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from dipterm.errors import LibraryError, NotFoundError
from dipterm.ingest.clean import content_hash, word_count
from dipterm.models import (
    Article,
    ArticleDraft,
    Correction,
    Extraction,
    Hit,
    PartialDate,
    SearchResult,
)
from dipterm.store import entities, fuzzy, selections
from dipterm.store.query import (
    ENTITY_FILTERS,
    Filter,
    Query,
    Term,
    parse,
    render_filters,
    render_match,
    replace_term,
    tokens,
)
from dipterm.store.schema import SCHEMA_VERSION, check_version, migrate, user_version

SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 30_000
SNIPPET_TOKENS = 24
Sort = Literal["rank", "date", "-date", "source", "title"]
AddStatus = Literal["imported", "unchanged", "merged"]


@dataclass(frozen=True)
class AddOutcome:
    origin: str
    status: AddStatus  # merged: the story was there already; this origin was added to it
    article_id: int
    title: str


@dataclass
class Plan:
    """The FROM, WHERE and parameters that find a query's articles (alias a)."""

    source: str
    conditions: list[str]
    params: list[object]
    score: str
    match: str | None  # the positive FTS5 expression, for snippets
    corrections: list[Correction]

    @property
    def where(self) -> str:
        return " AND ".join(self.conditions) or "1"


@dataclass(frozen=True)
class Stats:
    path: str
    articles: int
    sources: list[tuple[str, int]]
    first: str | None
    last: str | None
    schema_version: int
    size_bytes: int


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class Library:
    """An open library file. Use Library.open(path); close it, or use it as a context manager."""

    def __init__(self, conn: sqlite3.Connection, path: Path, writable: bool) -> None:
        self.conn = conn
        self.path = path
        self.writable = writable

    # ------------------------------------------------------------ opening

    @classmethod
    def open(cls, path: str | os.PathLike[str], *, readonly: bool = False) -> Library:
        """Open (and create or upgrade, if it may write) the library at path."""
        path = Path(path)
        if path.is_dir():
            raise LibraryError(f"{path} is a directory, not a library file")
        if path.exists():
            _check_is_sqlite(path)
            writable = not readonly and os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)
        else:
            if readonly:
                raise LibraryError(f"no library at {path}")
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise LibraryError(f"cannot create the library at {path}: {exc.strerror}") from exc
            writable = True
        conn = _connect(path, writable)
        library = cls(conn, path, writable)
        try:
            library._prepare()
        except BaseException:
            conn.close()
            raise
        return library

    def _prepare(self) -> None:
        try:
            version = check_version(self.conn)
            if version == 0 and self._has_foreign_tables():
                raise LibraryError(f"{self.path} is an SQLite file but not a dipterm library")
            if version < SCHEMA_VERSION:
                if not self.writable:
                    raise LibraryError(
                        f"{self.path} needs an upgrade (schema {version} -> {SCHEMA_VERSION}) "
                        "but is read-only"
                    )
                migrate(self.conn)
        except sqlite3.DatabaseError as exc:
            raise LibraryError(f"cannot open the library {self.path}: {exc}") from exc

    def _has_foreign_tables(self) -> bool:
        return bool(self.conn.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchone())

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[None]:
        if not self.writable:
            raise LibraryError(f"the library {self.path} is read-only")
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    # ------------------------------------------------------------ writing

    def add(
        self,
        drafts: Sequence[ArticleDraft],
        extractions: Sequence[Extraction | None] | None = None,
        *,
        extracted_with: int | None = None,
    ) -> list[AddOutcome]:
        """Store drafts (and what was extracted from each) in one transaction. An article already
        held (same normalised body) is not stored again; its new origins are recorded."""
        outcomes: list[AddOutcome] = []
        new_words: Counter[str] = Counter()
        now = _now()
        extractions = extractions or [None] * len(drafts)
        with self._write():
            for draft, extraction in zip(drafts, extractions, strict=True):
                digest = content_hash(draft.title, draft.body)
                row = self.conn.execute(
                    "SELECT id FROM articles WHERE content_hash = ?", (digest,)
                ).fetchone()
                if row:
                    article_id, status = row[0], "unchanged"
                else:
                    article_id = self._insert(draft, digest, now)
                    status = "imported"
                    if extraction is not None:
                        self._save_extraction(article_id, draft, extraction, extracted_with)
                    new_words.update(set(tokens(draft.title + " " + draft.body)))
                urls = [u for u in (draft.url, *draft.urls) if u] or [""]
                added = 0
                for url in dict.fromkeys(urls):
                    added += self.conn.execute(
                        "INSERT OR IGNORE INTO origins (article_id, origin, url, added_at) "
                        "VALUES (?, ?, ?, ?)",
                        (article_id, draft.origin, url, now),
                    ).rowcount
                if status == "unchanged" and added:
                    status = "merged"
                outcomes.append(AddOutcome(draft.origin, status, article_id, draft.title))
            if new_words:
                self.conn.executemany(
                    "INSERT INTO vocab (term, docs, len) VALUES (?, ?, ?) "
                    "ON CONFLICT(term) DO UPDATE SET docs = docs + excluded.docs",
                    ((term, n, len(term)) for term, n in new_words.items()),
                )
        return outcomes

    def _save_extraction(
        self, article_id: int, draft: ArticleDraft, extraction: Extraction, version: int | None
    ) -> None:
        entities.save_extraction(self.conn, article_id, extraction)
        dateline = extraction.dateline
        dateline_date = None
        if dateline and draft.published:
            from dipterm.extract.timeref import resolve_month_day

            found = resolve_month_day(draft.published, dateline.month, dateline.day)
            dateline_date = found.iso if found else None
        self.conn.execute(
            "UPDATE articles SET dateline_place = ?, dateline_date = ?, extracted_with = ? WHERE id = ?",
            (dateline.place if dateline else None, dateline_date, version, article_id),
        )

    def replace_extraction(
        self, items: Sequence[tuple[int, ArticleDraft, Extraction]], version: int
    ) -> None:
        """Store a new extraction for articles already held (after the rules improved)."""
        with self._write():
            for article_id, draft, extraction in items:
                entities.clear_extraction(self.conn, article_id)
                self._save_extraction(article_id, draft, extraction, version)
            self.conn.execute(
                "DELETE FROM entities WHERE id NOT IN (SELECT entity_id FROM mentions) "
                "AND id NOT IN (SELECT entity_id FROM event_participants)"
            )

    def iter_drafts(
        self, *, outdated_than: int | None = None
    ) -> Iterator[tuple[int, ArticleDraft]]:
        """Every article as a draft (for re-extraction), optionally only those extracted before."""
        where = "WHERE (extracted_with IS NULL OR extracted_with < ?)" if outdated_than else ""
        params = (outdated_than,) if outdated_than else ()
        last = 0
        while True:
            rows = self.conn.execute(
                f"SELECT id, title, body, published, origin FROM articles {where} "
                f"{'AND' if where else 'WHERE'} id > ? ORDER BY id LIMIT 500",
                (*params, last),
            ).fetchall()
            if not rows:
                return
            for row in rows:
                published = PartialDate.from_iso(row["published"]) if row["published"] else None
                yield (
                    row["id"],
                    ArticleDraft(
                        row["title"], row["body"], row["origin"] or "", published=published
                    ),
                )
            last = rows[-1]["id"]

    def _insert(self, draft: ArticleDraft, digest: str, now: str) -> int:
        published = draft.published
        cursor = self.conn.execute(
            "INSERT INTO articles (content_hash, title, source, published, published_precision, "
            "byline, url, origin, body, word_count, lang, imported_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                digest,
                draft.title,
                draft.source,
                published.iso if published else None,
                published.precision if published else None,
                draft.byline,
                draft.url or (draft.urls[0] if draft.urls else None),
                draft.origin,
                draft.body,
                word_count(draft.body),
                draft.lang,
                now,
            ),
        )
        return int(cursor.lastrowid or 0)

    # ------------------------------------------------------------ reading

    def count(self) -> int:
        return self.conn.execute("SELECT count(*) FROM articles").fetchone()[0]

    def is_empty(self) -> bool:
        return self.conn.execute("SELECT 1 FROM articles LIMIT 1").fetchone() is None

    def article(self, ref: int | str) -> Article:
        """An article by its id, or by a prefix (6+ hex digits) of its content hash."""
        text = str(ref).strip()
        if text.isdigit():
            row = self.conn.execute("SELECT * FROM articles WHERE id = ?", (int(text),)).fetchone()
        elif len(text) >= 6 and all(c in "0123456789abcdef" for c in text.lower()):
            rows = self.conn.execute(
                "SELECT * FROM articles WHERE content_hash >= ? AND content_hash < ? LIMIT 2",
                (text.lower(), text.lower() + "g"),
            ).fetchall()
            if len(rows) > 1:
                raise NotFoundError(f"{text} names more than one article: give more of the hash")
            row = rows[0] if rows else None
        else:
            raise NotFoundError(f"{text!r} is not an article id (a number, or a hash prefix)")
        if row is None:
            raise NotFoundError(f"no article {text} in the library")
        return self._article_from_row(row)

    def _article_from_row(self, row: sqlite3.Row) -> Article:
        origins = self.conn.execute(
            "SELECT origin, url FROM origins WHERE article_id = ? ORDER BY rowid", (row["id"],)
        ).fetchall()
        return Article(
            **{k: row[k] for k in row.keys()},  # noqa: SIM118 (sqlite3.Row iterates values)
            origins=tuple(dict.fromkeys(o["origin"] for o in origins)),
            urls=tuple(dict.fromkeys(o["url"] for o in origins if o["url"])),
        )

    def stats(self) -> Stats:
        total, first, last = self.conn.execute(
            "SELECT count(*), min(published), max(published) FROM articles"
        ).fetchone()
        sources = self.conn.execute(
            "SELECT coalesce(source, '(unknown)'), count(*) AS n FROM articles "
            "GROUP BY 1 ORDER BY n DESC, 1"
        ).fetchall()
        return Stats(
            path=str(self.path),
            articles=total,
            sources=[(s, n) for s, n in sources],
            first=first,
            last=last,
            schema_version=user_version(self.conn),
            size_bytes=self.path.stat().st_size if self.path.exists() else 0,
        )

    # ------------------------------------------------------------ searching

    def plan(
        self, query: str | Query | None, *, exact: bool = False, after_id: int | None = None
    ) -> Plan:
        """How to find a query's articles: the FROM, WHERE and parameters every reader of a result
        (search, count, facets, timeline) shares. An empty query is every article."""
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
            plan = Plan("articles a", [], [], "0.0", positive, corrections)
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
        query: str | Query | None,
        *,
        limit: int = 20,
        offset: int = 0,
        sort: Sort = "rank",
        exact: bool = False,
        snippets: bool = True,
        after_id: int | None = None,
    ) -> SearchResult:
        """Articles matching the query, best first (or by date). Raises QueryError."""
        plan = self.plan(query, exact=exact, after_id=after_id)
        positive = plan.match
        order = {
            "rank": f"{plan.score}, a.published DESC"
            if positive
            else "a.published DESC, a.id DESC",
            "date": "a.published DESC, a.id DESC",
            "-date": "a.published ASC, a.id ASC",
            "source": "a.source ASC, a.published DESC, a.id DESC",
            "title": "a.title COLLATE NOCASE ASC, a.id ASC",
        }[sort]
        sql = (
            f"SELECT a.id, a.title, a.source, a.published, {plan.score} AS score FROM {plan.source} "
            f"WHERE {plan.where} ORDER BY {order} LIMIT ? OFFSET ?"
        )
        rows = self._read(sql, (*plan.params, limit + 1, offset))
        has_more = len(rows) > limit
        rows = rows[:limit]
        texts = self._snippets([r[0] for r in rows], positive) if snippets else {}
        hits = [Hit(r[0], r[1], r[2], r[3], float(r[4]), texts.get(r[0], "")) for r in rows]
        return SearchResult(hits, plan.corrections, has_more)

    def count_matching(self, query: str | Query | None, *, exact: bool = False) -> int:
        plan = self.plan(query, exact=exact)
        return self._read(f"SELECT count(*) FROM {plan.source} WHERE {plan.where}", plan.params)[0][
            0
        ]

    def facets(self, query: str | Query | None, *, per_facet: int = 8, exact: bool = False) -> dict:
        """For the articles a query finds: the commonest sources, years, people and places."""
        plan = self.plan(query, exact=exact)
        matched = f"SELECT a.id FROM {plan.source} WHERE {plan.where}"
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
            result[kind] = self._read(
                f"SELECT e.name, count(DISTINCT m.article_id) n FROM mentions m "
                f"JOIN entities e ON e.id = m.entity_id WHERE e.kind = ? AND m.article_id IN ({matched}) "
                "GROUP BY e.id ORDER BY n DESC, e.name LIMIT ?",
                (kind, *plan.params, per_facet),
            )
        return {k: [(str(v), int(n)) for v, n in rows] for k, rows in result.items()}

    def timeline(self, query: str | Query | None, *, exact: bool = False) -> list[tuple[str, int]]:
        """Articles a query finds per month (per year when they span more than four years)."""
        plan = self.plan(query, exact=exact)
        matched = f"SELECT a.id FROM {plan.source} WHERE {plan.where}"
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

    def titles(self) -> list[tuple[int, str, str | None, str | None]]:
        """Every article's id, title, date and source (for filtering titles as one types)."""
        return [
            tuple(r)
            for r in self.conn.execute(
                "SELECT id, title, published, source FROM articles ORDER BY published DESC, id DESC"
            )
        ]

    def _resolve_filters(self, query: Query, corrections: list[Correction]) -> dict[Filter, list]:
        resolved: dict[Filter, list] = {}
        for f in query.filters:
            if f.name not in ENTITY_FILTERS:
                continue
            if f.name == "event":
                resolved[f] = self.event_types(f.value)
                continue
            ids, guess = entities.resolve(self.conn, f.name, f.value)
            resolved[f] = ids
            if guess:
                corrections.append(Correction(f"{f.name}:{f.value}", guess, 0.0))
        return resolved

    def event_types(self, text: str) -> list[str]:
        """The stored event types a user's word names: exact, or those it begins."""
        known = [r[0] for r in self.conn.execute("SELECT DISTINCT type FROM events")]
        word = text.strip().lower()
        return [t for t in known if t == word] or [t for t in known if t.startswith(word)]

    # ------------------------------------------------------------ entities

    def entities(self, kind: str | None = None, limit: int = 100) -> list[entities.EntityRow]:
        return entities.list_entities(self.conn, kind, limit)

    def dossier(self, name: str, kind: str | None = None) -> entities.Dossier:
        """The dossier of the entity a name means; the one named in most articles if several."""
        candidates: list[int] = []
        for k in [kind] if kind else ["person", "org", "place", "country"]:
            ids, guessed = entities.resolve(self.conn, k, name)
            if ids and not guessed:
                candidates = ids  # an exact name of this kind wins over a guess of another
                break
            if ids and not candidates:
                candidates = ids
        if not candidates:
            raise NotFoundError(f"no person, organisation, place or country named {name!r}")
        marks = ",".join("?" * len(candidates))
        best = self.conn.execute(
            f"SELECT entity_id FROM mentions WHERE entity_id IN ({marks}) GROUP BY entity_id "
            "ORDER BY count(DISTINCT article_id) DESC LIMIT 1",
            candidates,
        ).fetchone()
        return entities.dossier(self.conn, best[0] if best else candidates[0])

    def extraction(self, article_id: int) -> dict:
        return entities.article_extraction(self.conn, article_id)

    def articles(self, ids: Sequence[int]) -> list[Article]:
        """Articles by id, in the order given. Raises NotFoundError for an unknown id."""
        return [self.article(i) for i in ids]

    # ------------------------------------------------------------ selections and saved searches

    def add_to_selection(self, name: str, ids: Sequence[int]) -> int:
        with self._write():
            return selections.add_to_selection(self.conn, name, list(ids), _now())

    def remove_from_selection(self, name: str, ids: Sequence[int]) -> int:
        with self._write():
            return selections.remove_from_selection(self.conn, name, list(ids))

    def delete_selection(self, name: str) -> None:
        with self._write():
            selections.delete_selection(self.conn, name)

    def selection(self, name: str) -> list[int]:
        return selections.selection_ids(self.conn, name)

    def selections(self) -> list[selections.SelectionInfo]:
        return selections.list_selections(self.conn)

    def add_watch(self, name: str, query: str) -> None:
        parse(query)  # refuse a query that cannot run, now rather than at every run
        with self._write():
            selections.add_watch(self.conn, name, query, _now())

    def remove_watch(self, name: str) -> None:
        with self._write():
            selections.remove_watch(self.conn, name)

    def watches(self) -> list[selections.Watch]:
        return selections.list_watches(self.conn)

    def run_watch(
        self, name: str, *, everything: bool = False, limit: int = 1000
    ) -> tuple[selections.Watch, SearchResult]:
        """A saved search's articles imported since its last run (or all), newest first; the run is
        remembered unless the library is read-only."""
        watch = selections.get_watch(self.conn, name)
        result = self.search(
            watch.query,
            limit=limit,
            sort="date",
            after_id=None if everything else watch.seen_up_to,
        )
        if self.writable:
            with self._write():
                selections.mark_watch_run(self.conn, name, _now())
        return watch, result

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
        if match:
            sql = (
                f"SELECT rowid, snippet(articles_fts, 1, char(2), char(3), '…', {SNIPPET_TOKENS}) "
                f"FROM articles_fts WHERE articles_fts MATCH ? AND rowid IN ({marks})"
            )
            found = dict(self._read(sql, (match, *ids)))
        else:
            found = {}
        missing = [i for i in ids if not found.get(i)]
        if missing:
            marks = ",".join("?" * len(missing))
            for article_id, body in self._read(
                f"SELECT id, substr(body, 1, 400) FROM articles WHERE id IN ({marks})", missing
            ):
                words = body.split()
                found[article_id] = " ".join(words[:SNIPPET_TOKENS]) + (
                    "…" if len(words) > SNIPPET_TOKENS else ""
                )
        return found

    def correct(self, query: Query) -> tuple[Query, list[Correction]]:
        """Replace each word the library does not hold by the nearest word it does."""
        corrections: list[Correction] = []
        terms = [t for g in query.required for t in g.terms] + list(query.excluded)
        for term in terms:
            if term.kind != "word" or len(term.tokens) != 1:
                continue
            word = term.tokens[0]
            if len(word) < fuzzy.MIN_LENGTH or self._known(word):
                continue
            low, high = fuzzy.length_band(word)
            candidates = self.conn.execute(
                "SELECT term, docs FROM vocab WHERE len BETWEEN ? AND ?", (low, high)
            ).fetchall()
            found = fuzzy.nearest(word, candidates)
            if found:
                replacement, score = found
                query = replace_term(query, term, Term(replacement, term.kind, term.column))
                corrections.append(Correction(word, replacement, score))
        return query, corrections

    def _known(self, word: str) -> bool:
        if self.conn.execute("SELECT 1 FROM vocab WHERE term = ?", (word,)).fetchone():
            return True
        # An inflection the porter stemmer maps onto an indexed word ("meetings") is known too.
        hit = self.conn.execute(
            "SELECT 1 FROM articles_fts WHERE articles_fts MATCH ? LIMIT 1", (f'"{word}"',)
        ).fetchone()
        return hit is not None


def _check_is_sqlite(path: Path) -> None:
    try:
        with path.open("rb") as handle:
            head = handle.read(16)
    except OSError as exc:
        raise LibraryError(f"cannot read the library {path}: {exc.strerror}") from exc
    if head and head != SQLITE_MAGIC:
        raise LibraryError(f"{path} is not a dipterm library (not an SQLite file)")


def _connect(path: Path, writable: bool) -> sqlite3.Connection:
    try:
        if writable:
            conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        else:
            conn = _connect_readonly(path)
        conn.row_factory = sqlite3.Row
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if writable:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        return conn
    except sqlite3.DatabaseError as exc:
        raise LibraryError(f"cannot open the library {path}: {exc}") from exc


def _connect_readonly(path: Path) -> sqlite3.Connection:
    """Read-only: mode=ro, or, where a WAL library's folder cannot be written (no -shm file can
    be made), immutable=1, which reads the file as it stands."""
    uri = path.resolve().as_uri()
    conn = sqlite3.connect(
        f"{uri}?mode=ro", uri=True, isolation_level=None, check_same_thread=False
    )
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError:
        conn.close()
        return sqlite3.connect(
            f"{uri}?immutable=1", uri=True, isolation_level=None, check_same_thread=False
        )
