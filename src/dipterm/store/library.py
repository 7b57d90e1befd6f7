"""The article library: a SQLite file with an FTS5 index. The only module that writes SQL for articles.

with Library.open(path) as library:
    library.add(drafts)
    result = library.search('person:lavrov since:2018')
"""

from __future__ import annotations

import os
import re
import sqlite3
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from dipterm.errors import LibraryError, NotFoundError
from dipterm.ingest.clean import content_hash, word_count
from dipterm.models import (
    Article,
    ArticleDraft,
    Extraction,
    PartialDate,
    SearchResult,
)
from dipterm.store.query import (
    parse,
    tokens,
)
from dipterm.store.schema import (
    READABLE_FROM,
    SCHEMA_VERSION,
    check_version,
    migrate,
    user_version,
)
from dipterm.store.search import Plan, Searching, Sort  # noqa: F401 (Sort: part of the API)

if TYPE_CHECKING:  # imported where used: a plain search needs none of them
    from dipterm.store import entities, revisions, selections

_SIDE_FILES = ("-wal", "-shm", "-journal")
SQLITE_NOTADB = 26  # "file is not a database": its header is not SQLite's
BUSY_TIMEOUT_MS = 30_000
AddStatus = Literal["imported", "unchanged", "merged", "revised", "dated"]


@dataclass(frozen=True)
class AddOutcome:
    """What became of one article given to add()."""

    origin: str
    # merged: the story was there already, this origin was added to it; revised: a new version
    # of a held article (same url, or same outlet, date and title), the old one kept; dated: it
    # was there without a date, and this import gave it one.
    status: AddStatus
    article_id: int
    title: str


@dataclass(frozen=True)
class Stats:
    """The library's size, sources and span of dates."""

    path: str
    articles: int
    sources: list[tuple[str, int]]
    first: str | None
    last: str | None
    schema_version: int
    size_bytes: int


def _now() -> str:
    from datetime import UTC, datetime  # here: only writers need it

    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


# An apostrophe between two letters or digits: word_count counts "Party's" as one word, the index
# as two tokens, "party" and "s".
_JOINING_APOSTROPHE = re.compile(r"'(?<=[^\W_]')(?=[^\W_])")


def _retitled(held: str, new: str) -> bool:
    """Whether a title differs from the one held by more than case, spaces or quote style."""
    from dipterm.ingest.clean import fold_quotes

    def fold(title: str) -> str:
        return " ".join(fold_quotes(title).casefold().split())

    return fold(held) != fold(new)


def _article_words(title: str, body: str) -> tuple[set[str], int]:
    """The distinct index tokens of an article's title and body, and the body's word count (as
    word_count gives it). An ASCII article's body is read once for both: its words are its tokens
    less the apostrophes that join two of them."""
    if not (title.isascii() and body.isascii()):
        return set(tokens(title + " " + body)), word_count(body)
    body_tokens = tokens(body)
    joined = len(_JOINING_APOSTROPHE.findall(body)) if "'" in body else 0
    return set(body_tokens).union(tokens(title)), len(body_tokens) - joined


@dataclass(frozen=True)
class Ready:
    """What add() works out from a draft before storing it, none of it read from the library:
    an import works it out in its worker processes, beside the draft, so that the process that
    stores does not."""

    digest: str  # content_hash(title, body)
    url_key: str | None
    words: frozenset[str]  # the distinct index tokens of the title and body, for the vocabulary
    word_count: int


def ready(draft: ArticleDraft, digest: str | None = None) -> Ready:
    from dipterm.store.revisions import url_key

    words, count = _article_words(draft.title, draft.body)
    return Ready(
        digest or content_hash(draft.title, draft.body),
        url_key(draft.url or (draft.urls[0] if draft.urls else None)),
        frozenset(words),
        count,
    )


class Library(Searching):
    """An open library file. Use Library.open(path); close it, or use it as a context manager."""

    def __init__(self, conn: sqlite3.Connection, path: Path, writable: bool) -> None:
        self.conn = conn
        self.path = path
        self.writable = writable
        self._vocab: dict[int, list[tuple[str, int]]] = {}
        self._first_words: list[str] | None = None  # of people's names (search.py)
        self._sound: bool | None = None  # whether SQLite found the file undamaged, once asked
        self._checked: float | None = None  # when that verdict's full check ran
        # The folder where verdicts are kept between runs, or what names it (asked only to write).
        self._verdicts: Path | Callable[[], Path] | None = None
        self._vouch = False  # whether to keep the verdict at close: checked or written here

    # ------------------------------------------------------------ opening

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str],
        *,
        readonly: bool = False,
        verdicts: Path | Callable[[], Path] | None = None,
    ) -> Library:
        """Open (and create or upgrade, if it may write) the library at path. verdicts: the
        folder where whether the file is undamaged is kept between runs (`soundness`), or a
        function that names it when a write asks; without it, the first write of the connection
        checks the whole file."""
        path = Path(path)
        if path.is_dir():
            raise LibraryError(f"{path} is a directory, not a library file")
        if path.exists():
            _check_readable(path)
            writable = not readonly and os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)
        else:
            if readonly:
                raise LibraryError(f"no library at {path}")
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise LibraryError(f"cannot create the library at {path}: {exc.strerror}") from exc
            writable = True
        deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
        while True:
            conn = None
            try:
                conn = _connect(path, writable)
                library = cls(conn, path, writable)
                library._verdicts = verdicts
                library._prepare()
                return library
            except LibraryError as exc:
                if conn is not None:
                    conn.close()
                # Setting WAL mode, or a first migration, can meet another process doing the
                # same, and SQLite then answers "locked" without waiting: wait here instead.
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
            except BaseException:
                if conn is not None:
                    conn.close()
                raise

    def _prepare(self) -> None:
        try:
            version = check_version(self.conn)
            if version == 0 and self._has_foreign_tables():
                raise LibraryError(f"{self.path} is an SQLite file but not a dipterm library")
            if version < SCHEMA_VERSION:
                if not self.writable and version >= READABLE_FROM:
                    return  # read as it is: nothing it lacks is needed for reading
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

    def close(self, *, vouch: bool = True) -> None:
        """Close the connection. What this connection checked or wrote is as sound as it found
        the file: kept so (vouch), with the file's fingerprint once SQLite let go of it."""
        self.conn.close()
        verdicts = self._verdict_folder() if vouch and self._vouch and self._sound else None
        if verdicts is not None:
            from dipterm.store import soundness

            soundness.remember_sound(self.path, verdicts, checked=self._checked)

    def files(self) -> list[Path]:
        """The library's file and those SQLite keeps beside it, which nothing but SQLite may open
        while a connection exists (see _check_readable)."""
        return library_files(self.path)

    def __enter__(self) -> Library:
        return self

    def __exit__(self, exc_type: object, exc: BaseException | None, tb: object) -> None:
        self.close(vouch=not _met_damage(exc))

    def is_sound(self, *, afresh: bool = False) -> bool:
        """Whether SQLite finds the file undamaged, asked once for the life of the connection: a
        verdict kept from before stands while the file is as dipterm left it (`soundness`), else
        (or afresh) PRAGMA quick_check reads every page."""
        if self._sound is not None and not afresh:
            return self._sound
        from dipterm.store import soundness

        verdicts = self._verdict_folder()
        if not afresh and verdicts is not None and soundness.known_sound(self.path, verdicts):
            self.adopt_soundness(True, soundness.checked_at(self.path, verdicts))
            return True
        self._sound, self._checked = soundness.check(self.conn), time.time()
        if verdicts is not None:
            if self._sound:
                soundness.remember_sound(self.path, verdicts, checked=self._checked)
            else:
                soundness.forget(self.path, verdicts)
        self._vouch = self._vouch or self._sound
        return self._sound

    def forget_soundness(self) -> None:
        """Drop the verdict kept between runs: the next write checks the whole file."""
        self._vouch = False
        verdicts = self._verdict_folder()
        if verdicts is not None:
            from dipterm.store import soundness

            soundness.forget(self.path, verdicts)

    def _verdict_folder(self) -> Path | None:
        return self._verdicts() if callable(self._verdicts) else self._verdicts

    def adopt_soundness(self, sound: bool, checked: float | None) -> None:
        """Take the verdict of a check run on another connection (the interface runs it in a
        worker), unless this one has its own."""
        if self._sound is None:
            self._sound, self._checked = sound, checked

    @contextmanager
    def _write(self) -> Iterator[None]:
        from dipterm import faults

        if not self.writable:
            raise LibraryError(f"the library {self.path} is read-only")
        if not self.is_sound():  # writing into damaged pages can spread the damage
            raise LibraryError(
                f"the library {self.path} is damaged: nothing was written to it. "
                "`dipterm doctor` says what is wrong"
            )
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
            faults.point("commit")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")
        self._vouch = True

    # ------------------------------------------------------------ writing

    def add(
        self,
        drafts: Sequence[ArticleDraft],
        extractions: Sequence[Extraction | None] | None = None,
        *,
        extracted_with: int | None = None,
        digests: Sequence[str] | None = None,
        readied: Sequence[Ready] | None = None,
    ) -> list[AddOutcome]:
        """Store drafts (and what was extracted from each) in one transaction. An article already
        held (same normalised body) is not stored again; its new origins are recorded. digests:
        each draft's content_hash, where the caller has it already; readied: each draft's
        ready(), where the caller has that."""
        from dipterm.store import entities, revisions

        outcomes: list[AddOutcome] = []
        new_words: Counter[str] = Counter()
        self._vocab.clear()
        self._first_words = None
        now = _now()
        extractions = extractions or [None] * len(drafts)
        writer = entities.ExtractionWriter(self.conn)
        indexed: list[tuple[int, str, str]] = []  # (id, title, body) for the full-text index
        unnamed: set[int] = set()  # entities a revised article's old version named
        with self._write():
            for k, (draft, extraction) in enumerate(zip(drafts, extractions, strict=True)):
                if readied:
                    digest = readied[k].digest
                else:
                    digest = digests[k] if digests else content_hash(draft.title, draft.body)
                row = self.conn.execute(
                    "SELECT id, title, url_key, missing_since, published FROM articles "
                    "WHERE content_hash = ?",
                    (digest,),
                ).fetchone()
                key = (
                    readied[k].url_key
                    if readied
                    else revisions.url_key(draft.url or (draft.urls[0] if draft.urls else None))
                )
                if row:
                    article_id, status = row[0], "unchanged"
                    if (
                        key
                        and key == row[2]
                        and _retitled(row[1], draft.title)
                        and not revisions.kept(self.conn, article_id, digest, draft.title)
                    ):
                        writer.flush()  # the names kept with the old version are read back
                        self._index(indexed)  # the index is updated by trigger: it must hold it
                        self._retitle(article_id, draft, now)
                        status = "revised"
                    if row[3]:
                        self._returned(article_id, draft.origin, now)
                    if row[4] is None and draft.published is not None:
                        self.conn.execute(
                            "UPDATE articles SET published = ?, published_precision = ?, "
                            "published_from = ? WHERE id = ?",
                            (draft.published.iso, draft.published.precision,
                             draft.published_from, article_id),
                        )  # fmt: skip
                        status = "dated" if status == "unchanged" else status
                else:
                    if readied:
                        words, count = readied[k].words, readied[k].word_count
                    else:
                        words, count = _article_words(draft.title, draft.body)
                    target = revisions.revised_article(
                        self.conn, key, draft.source,
                        draft.published.iso if draft.published else None, draft.title,
                    )  # fmt: skip
                    if target is not None and revisions.kept(
                        self.conn, target, digest, draft.title
                    ):
                        article_id, status = target, "unchanged"  # an earlier version again
                        extraction = None
                    elif target is not None:
                        article_id, status = target, "revised"
                        writer.flush()
                        self._index(indexed)
                        unnamed |= self._revise(
                            target, draft, digest, now, count, extraction, extracted_with
                        )
                    else:
                        article_id = self._insert(
                            draft, digest, now, count, extraction, extracted_with, key
                        )
                        indexed.append((article_id, draft.title, draft.body))
                        status = "imported"
                    if extraction is not None:
                        writer.save(article_id, extraction)
                    new_words.update(words)
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
            writer.flush()
            self._index(indexed)
            # Names only a replaced version gave leave no entity behind (after the flush: the
            # writer looked entities up once for the whole batch).
            entities.drop_unnamed(self.conn, unnamed)
            if new_words:
                self.conn.executemany(
                    "INSERT INTO vocab (term, docs, len) VALUES (?, ?, ?) "
                    "ON CONFLICT(term) DO UPDATE SET docs = docs + excluded.docs",
                    ((term, n, len(term)) for term, n in new_words.items()),
                )
        return outcomes

    def _index(self, indexed: list[tuple[int, str, str]]) -> None:
        """Put the articles stored so far into the full-text index, in one statement (as
        schema._v5_index_by_batch explains), and empty the list."""
        if indexed:
            self.conn.executemany(
                "INSERT INTO articles_fts (rowid, title, body) VALUES (?, ?, ?)", indexed
            )
            indexed.clear()

    def _revise(
        self,
        article_id: int,
        draft: ArticleDraft,
        digest: str,
        now: str,
        words: int,
        extraction: Extraction | None,
        version: int | None,
    ) -> set[int]:
        """A new text of a held article: the current version is kept as a revision, the new one
        takes its place (the full-text index follows by trigger) with its own extraction. The
        entities the old version named, for the caller to drop if nothing names them now."""
        from dipterm.store import entities, revisions

        revisions.keep_version(self.conn, article_id, now)
        names = (
            sorted(
                {m.name for m in (extraction.people + extraction.organizations + extraction.places)}
            )
            if extraction
            else None
        )  # fmt: skip  (not extracted yet: not known)
        missing = self.conn.execute(
            "SELECT missing_since FROM articles WHERE id = ?", (article_id,)
        ).fetchone()[0]
        named_before = entities.clear_extraction(self.conn, article_id)
        self.conn.execute(
            "UPDATE articles SET title = ?, body = ?, content_hash = ?, word_count = ?, "
            "origin = ?, revised_at = ?, extracted_with = ?, dateline_place = ?, "
            "dateline_date = ? WHERE id = ?",
            (draft.title, draft.body, digest, words, draft.origin, now,
             version if extraction is not None else None, *self._dateline(draft, extraction),
             article_id),
        )  # fmt: skip
        summary = revisions.summarise(self.conn, article_id, draft.title, draft.body, names)
        revisions.log(self.conn, article_id, now, "revised", summary, draft.origin)
        if missing:
            self._returned(article_id, draft.origin, now)
        return named_before

    def _retitle(self, article_id: int, draft: ArticleDraft, now: str) -> None:
        """The same text under a new title: a revision of its own."""
        from dipterm.store import revisions

        revisions.keep_version(self.conn, article_id, now)
        self.conn.execute(
            "UPDATE articles SET title = ?, origin = ?, revised_at = ? WHERE id = ?",
            (draft.title, draft.origin, now, article_id),
        )
        body = self.conn.execute("SELECT body FROM articles WHERE id = ?", (article_id,))
        summary = revisions.summarise(
            self.conn, article_id, draft.title, body.fetchone()[0],
            revisions.names_of(self.conn, article_id),
        )  # fmt: skip
        revisions.log(self.conn, article_id, now, "revised", summary, draft.origin)

    def _returned(self, article_id: int, origin: str, now: str) -> None:
        from dipterm.store import revisions

        self.conn.execute("UPDATE articles SET missing_since = NULL WHERE id = ?", (article_id,))
        revisions.log(self.conn, article_id, now, "returned", "found again", origin)

    def mark_missing(self, source: str, first: str, last: str, seen: set[int]) -> list[int]:
        """A complete copy of an outlet for the dates first..last was imported: its held articles
        of those dates that the copy lacks are marked missing (never deleted). Their ids."""
        from dipterm.store import revisions

        now = _now()
        gone = []
        with self._write():
            for (article_id,) in self.conn.execute(
                "SELECT id FROM articles WHERE source = ? AND published >= ? AND published <= ? "
                "AND missing_since IS NULL",
                (source, first, last),
            ).fetchall():
                if article_id in seen:
                    continue
                self.conn.execute(
                    "UPDATE articles SET missing_since = ? WHERE id = ?", (now, article_id)
                )
                revisions.log(
                    self.conn, article_id, now, "missing",
                    f"not in a complete copy of {source} for {first} .. {last}",
                )  # fmt: skip
                gone.append(article_id)
        return gone

    def history(self, article_id: int) -> revisions.History:
        from dipterm.store import revisions

        return revisions.history(self.conn, article_id)

    def changes(self, *, since: str | None = None, source: str | None = None) -> list:
        from dipterm.store import revisions

        return revisions.changes(self.conn, since=since, source=source)

    def held(self, digests: Sequence[str]) -> set[str]:
        """Those of the content hashes given whose articles the library holds."""
        found: set[str] = set()
        for i in range(0, len(digests), 500):
            part = digests[i : i + 500]
            found.update(
                row[0]
                for row in self.conn.execute(
                    "SELECT content_hash FROM articles WHERE content_hash IN "
                    f"({','.join('?' * len(part))})",
                    part,
                )
            )
        return found

    @staticmethod
    def _dateline(
        draft: ArticleDraft, extraction: Extraction | None
    ) -> tuple[str | None, str | None]:
        """Where the report was filed, and on which day (the dateline's month and day, resolved)."""
        dateline = extraction.dateline if extraction else None
        if dateline is None:
            return None, None
        dateline_date = None
        if draft.published:
            from dipterm.extract.timeref import resolve_month_day

            found = resolve_month_day(draft.published, dateline.month, dateline.day)
            dateline_date = found.iso if found else None
        return dateline.place, dateline_date

    def replace_extraction(
        self, items: Sequence[tuple[int, ArticleDraft, Extraction]], version: int
    ) -> None:
        """Store a new extraction for articles already held (after the rules improved)."""
        from dipterm.store import entities

        self._first_words = None
        writer = entities.ExtractionWriter(self.conn)
        named_before: set[int] = set()
        with self._write():
            for article_id, draft, extraction in items:
                named_before |= entities.clear_extraction(self.conn, article_id)
                writer.save(article_id, extraction)
                self.conn.execute(
                    "UPDATE articles SET dateline_place = ?, dateline_date = ?, extracted_with = ? "
                    "WHERE id = ?",
                    (*self._dateline(draft, extraction), version, article_id),
                )
            writer.flush()
            # A name the new rules no longer find, or spell otherwise, leaves no entity behind,
            # and a spelling they clean ("HEKim Jong Un") no variant.
            entities.drop_unnamed(self.conn, named_before)
            from dipterm.extract.roles import unglue_honorifics

            entities.drop_variants(self.conn, named_before, lambda v: unglue_honorifics(v) == v)

    def awaiting_extraction(self) -> int:
        """Articles not extracted yet, or extracted by rules older than these."""
        from dipterm.extract.version import EXTRACTION_VERSION

        return self.count_drafts(outdated_than=EXTRACTION_VERSION)

    def count_drafts(self, *, outdated_than: int | None = None) -> int:
        """How many articles iter_drafts gives."""
        where, params = _outdated(outdated_than)
        return self.conn.execute(f"SELECT count(*) FROM articles {where}", params).fetchone()[0]

    def iter_drafts(
        self, *, outdated_than: int | None = None
    ) -> Iterator[tuple[int, ArticleDraft]]:
        """Every article as a draft (for re-extraction), optionally only those extracted before."""
        where, params = _outdated(outdated_than)
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

    def _insert(
        self,
        draft: ArticleDraft,
        digest: str,
        now: str,
        words: int,
        extraction: Extraction | None,
        version: int | None,
        key: str | None,
    ) -> int:
        published = draft.published
        cursor = self.conn.execute(
            "INSERT INTO articles (content_hash, title, source, published, published_precision, "
            "byline, url, origin, body, word_count, lang, imported_at, dateline_place, "
            "dateline_date, extracted_with, url_key, published_from) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
                words,
                draft.lang,
                now,
                *self._dateline(draft, extraction),
                version if extraction is not None else None,
                key,
                draft.published_from if published else None,
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
        from dipterm.store import revisions

        origins = self.conn.execute(
            "SELECT origin, url FROM origins WHERE article_id = ? ORDER BY rowid", (row["id"],)
        ).fetchall()
        return Article(
            **{k: row[k] for k in row.keys()},  # noqa: SIM118 (sqlite3.Row iterates values)
            origins=tuple(dict.fromkeys(o["origin"] for o in origins)),
            urls=tuple(dict.fromkeys(o["url"] for o in origins if o["url"])),
            revisions=(
                revisions.revision_count(self.conn, row["id"])
                if "revised_at" in row.keys() and row["revised_at"]  # noqa: SIM118
                else 0
            ),
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

    # ------------------------------------------------------------ entities

    def entities(
        self, kind: str | None = None, limit: int = 100, name: str | None = None
    ) -> list[entities.EntityRow]:
        from dipterm.store import entities

        return entities.list_entities(self.conn, kind, limit, name)

    def dossier(
        self, name: str, kind: str | None = None, *, limit: int | None = None, offset: int = 0
    ) -> entities.Dossier:
        """The dossier of the entity a name means, the one named in most articles if several; its
        article list from offset on, limit of them (all if None)."""
        from dipterm.store import entities

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
        return entities.dossier(
            self.conn, best[0] if best else candidates[0], limit=limit, offset=offset
        )

    def office_holders(self, query: str, on: str | None = None) -> list[entities.Holder]:
        """Who held an office a query names, with the span the articles give, first held first."""
        from dipterm.store import entities

        return entities.office_holders(self.conn, query, on)

    def entity_articles(self, eid: int, *, limit: int | None = None, offset: int = 0) -> list[dict]:
        """A page of the articles naming an entity, in date order (a dossier's list, paged on)."""
        from dipterm.store import entities

        return entities.entity_articles(self.conn, eid, limit=limit, offset=offset)

    def extraction(self, article_id: int) -> dict:
        from dipterm.store import entities

        return entities.article_extraction(self.conn, article_id)

    def articles(self, ids: Sequence[int]) -> list[Article]:
        """Articles by id, in the order given. Raises NotFoundError for an unknown id."""
        return [self.article(i) for i in ids]

    # ------------------------------------------------------------ selections and saved searches

    def add_to_selection(self, name: str, ids: Sequence[int]) -> int:
        from dipterm.store import selections

        with self._write():
            return selections.add_to_selection(self.conn, name, list(ids), _now())

    def remove_from_selection(self, name: str, ids: Sequence[int]) -> int:
        from dipterm.store import selections

        with self._write():
            return selections.remove_from_selection(self.conn, name, list(ids))

    def delete_selection(self, name: str) -> None:
        from dipterm.store import selections

        with self._write():
            selections.delete_selection(self.conn, name)

    def selection(self, name: str) -> list[int]:
        from dipterm.store import selections

        return selections.selection_ids(self.conn, name)

    def selections(self) -> list[selections.SelectionInfo]:
        from dipterm.store import selections

        return selections.list_selections(self.conn)

    def add_watch(self, name: str, query: str) -> None:
        from dipterm.store import selections

        parse(query)  # refuse a query that cannot run, now rather than at every run
        with self._write():
            selections.add_watch(self.conn, name, query, _now())

    def remove_watch(self, name: str) -> None:
        from dipterm.store import selections

        with self._write():
            selections.remove_watch(self.conn, name)

    def watches(self) -> list[selections.Watch]:
        from dipterm.store import selections

        return selections.list_watches(self.conn)

    def run_watch(
        self, name: str, *, everything: bool = False, limit: int = 1000
    ) -> tuple[selections.Watch, SearchResult]:
        """A saved search's articles imported since its last run (or all), newest first; the run is
        remembered unless the library is read-only."""
        from dipterm.store import selections

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


def _outdated(version: int | None) -> tuple[str, tuple[int, ...]]:
    """The WHERE clause of articles extracted by rules older than version (all, for None)."""
    if not version:
        return "", ()
    return "WHERE (extracted_with IS NULL OR extracted_with < ?)", (version,)


def _met_damage(exc: BaseException | None) -> bool:
    """Whether an error is, or came of, SQLite meeting a damaged page (SQLITE_CORRUPT)."""
    seen = 0
    while exc is not None and seen < 10:
        if isinstance(exc, sqlite3.DatabaseError) and "malformed" in str(exc):
            return True
        exc, seen = exc.__cause__ or exc.__context__, seen + 1
    return False


def library_files(path: Path) -> list[Path]:
    """The library file at path and those SQLite keeps beside it (write-ahead log, shared
    memory, journal), whether they exist or not."""
    return [path, *(path.with_name(path.name + s) for s in _SIDE_FILES)]


def _check_readable(path: Path) -> None:
    """Refuse a file this process may not read. Only asked of the system: the file is never
    opened but by SQLite (whose first read checks the header), since closing any descriptor of
    it would drop every POSIX lock this process's connections hold on it, and another process
    could then checkpoint and delete the WAL under them (sqlite.org/howtocorrupt.html, 2.2)."""
    if not os.access(path, os.R_OK):
        raise LibraryError(f"cannot read the library {path}: Permission denied")


def _connect(path: Path, writable: bool) -> sqlite3.Connection:
    conn = None
    try:
        if writable:
            conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        else:
            conn = _connect_readonly(path)
        conn.row_factory = sqlite3.Row
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        # The first read, before anything is written: SQLite checks the file's header here.
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        if writable:
            if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        return conn
    except sqlite3.DatabaseError as exc:
        if conn is not None:
            conn.close()
        if getattr(exc, "sqlite_errorcode", None) == SQLITE_NOTADB:
            raise LibraryError(f"{path} is not a dipterm library (not an SQLite file)") from exc
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
