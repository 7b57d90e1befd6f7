"""The library's schema: one migration a version, run in order; PRAGMA user_version says where a file is."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from dipterm.errors import LibraryError

TOKENIZE = "porter unicode61 remove_diacritics 2"
TITLE_WEIGHT, BODY_WEIGHT = 10.0, 1.0


def _table(name: str, columns: str) -> str:
    """CREATE TABLE as sqlite-utils wrote it when it made the library's tables (the text stays in
    each file's schema, so a new file's schema reads the same as an older one's)."""
    body = ",\n".join(f"   {column}" for column in columns.split(", "))
    return f'CREATE TABLE "{name}" (\n{body}\n);'


def _index(table: str, *columns: str, unique: bool = False) -> str:
    """CREATE INDEX idx_TABLE_COLUMNS, as sqlite-utils' create_index wrote it."""
    name = "_".join(("idx", table, *columns))
    listed = ", ".join(f'"{c}"' for c in columns)
    kind = "UNIQUE INDEX" if unique else "INDEX"
    return f'CREATE {kind} "{name}"\n    ON "{table}" ({listed});'


def _run(conn: sqlite3.Connection, *statements: str) -> None:
    for statement in statements:
        conn.execute(statement)


def _references(table: str) -> str:
    return f'REFERENCES "{table}"("id")'


def _v1_articles(conn: sqlite3.Connection) -> None:
    _run(
        conn,
        _table(
            "articles",
            '"id" INTEGER PRIMARY KEY, "content_hash" TEXT NOT NULL, "title" TEXT NOT NULL, '
            '"source" TEXT, '
            '"published" TEXT, '  # ISO 8601 at its precision: 2019, 2019-05 or 2019-05-21
            '"published_precision" TEXT, '  # year, month, day
            '"byline" TEXT, "url" TEXT, '
            '"origin" TEXT, '  # the first file or record it came from
            '"body" TEXT NOT NULL, "word_count" INTEGER, "lang" TEXT, "imported_at" TEXT NOT NULL',
        ),
        _index("articles", "content_hash", unique=True),
        _index("articles", "published"),
        _index("articles", "source", "published"),
        # Every file, record and url an article came from: one story, many origins.
        _table(
            "origins",
            f'"article_id" INTEGER NOT NULL {_references("articles")}, "origin" TEXT NOT NULL, '
            '"url" TEXT NOT NULL, "added_at" TEXT',
        ),
        _index("origins", "article_id", "origin", "url", unique=True),
        # The words of the library, unstemmed, for typo correction (kept at import, not read
        # from fts5vocab).
        _table("vocab", '"term" TEXT PRIMARY KEY, "docs" INTEGER, "len" INTEGER'),
        _index("vocab", "len"),
    )
    _create_fts(conn)


# The same index and triggers as sqlite-utils' enable_fts(create_triggers=True), written out because
# enable_fts runs executescript, which commits: a migration must be one transaction.
FTS_DDL = (
    f"""CREATE VIRTUAL TABLE articles_fts USING fts5(title, body, content=[articles], content_rowid=id,
        tokenize='{TOKENIZE}')""",
    """CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
    END""",
    """CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, body)
        VALUES ('delete', old.id, old.title, old.body);
    END""",
    """CREATE TRIGGER articles_au AFTER UPDATE OF title, body ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, body)
        VALUES ('delete', old.id, old.title, old.body);
        INSERT INTO articles_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
    END""",
)


def _create_fts(conn: sqlite3.Connection) -> None:
    for statement in FTS_DDL:
        conn.execute(statement)
    conn.execute(
        "INSERT INTO articles_fts(articles_fts, rank) VALUES ('rank', ?)",
        [f"bm25({TITLE_WEIGHT}, {BODY_WEIGHT})"],
    )


def _v2_extraction(conn: sqlite3.Connection) -> None:
    """Who, what, where, when: entities with their variants, mentions with roles, events, quotes."""
    articles, entities = _references("articles"), _references("entities")
    _run(
        conn,
        'ALTER TABLE "articles" ADD COLUMN "dateline_place" TEXT;',
        'ALTER TABLE "articles" ADD COLUMN "dateline_date" TEXT;',
        'ALTER TABLE "articles" ADD COLUMN "extracted_with" INTEGER;',
        _table(
            "entities",
            '"id" INTEGER PRIMARY KEY, "name" TEXT NOT NULL, "kind" TEXT NOT NULL, '
            '"key" TEXT NOT NULL',
        ),
        _index("entities", "kind", "key", unique=True),
        _table(
            "entity_variants",
            f'"entity_id" INTEGER NOT NULL {entities}, "variant" TEXT NOT NULL, '
            '"key" TEXT NOT NULL',
        ),
        _index("entity_variants", "entity_id", "variant", unique=True),
        _index("entity_variants", "key"),
        _table(
            "mentions",
            f'"article_id" INTEGER NOT NULL {articles}, "entity_id" INTEGER NOT NULL {entities}, '
            '"role" TEXT NOT NULL, "count" INTEGER NOT NULL',
        ),
        _index("mentions", "article_id", "entity_id", "role", unique=True),
        _index("mentions", "entity_id"),
        _table(
            "events",
            f'"id" INTEGER PRIMARY KEY, "article_id" INTEGER NOT NULL {articles}, '
            '"seq" INTEGER NOT NULL, "type" TEXT NOT NULL, "date" TEXT, "date_precision" TEXT, '
            '"date_basis" TEXT, "place" TEXT, "sentence" TEXT',
        ),
        _index("events", "article_id"),
        _index("events", "type", "date"),
        _table(
            "event_participants",
            f'"event_id" INTEGER NOT NULL {_references("events")}, '
            f'"entity_id" INTEGER NOT NULL {entities}',
        ),
        _index("event_participants", "event_id", "entity_id", unique=True),
        _index("event_participants", "entity_id"),
        _table(
            "quotes",
            f'"id" INTEGER PRIMARY KEY, "article_id" INTEGER NOT NULL {articles}, '
            f'"seq" INTEGER NOT NULL, "speaker_id" INTEGER {entities}, "speaker" TEXT, '
            '"text" TEXT NOT NULL, "marked" INTEGER',
        ),
        _index("quotes", "article_id"),
        _index("quotes", "speaker_id"),
    )


def _v3_selections(conn: sqlite3.Connection) -> None:
    """Named selections of articles, and saved searches ("watches") with what they last saw."""
    _run(
        conn,
        _table(
            "selections",
            '"id" INTEGER PRIMARY KEY, "name" TEXT NOT NULL, "created_at" TEXT NOT NULL',
        ),
        _index("selections", "name", unique=True),
        _table(
            "selection_items",
            f'"selection_id" INTEGER NOT NULL {_references("selections")}, '
            f'"article_id" INTEGER NOT NULL {_references("articles")}, '
            '"position" INTEGER NOT NULL, "added_at" TEXT',
        ),
        _index("selection_items", "selection_id", "article_id", unique=True),
        _table(
            "watches",
            '"id" INTEGER PRIMARY KEY, "name" TEXT NOT NULL, "query" TEXT NOT NULL, '
            '"created_at" TEXT NOT NULL, "last_run_at" TEXT, "seen_up_to" INTEGER',
        ),
        _index("watches", "name", unique=True),
    )


def _v4_vocab_words(conn: sqlite3.Connection) -> None:
    """The vocabulary's words without digits, by length: all a typo is corrected against. A
    generated or statistical archive holds as many numbers as words, and reading them cost tens
    of milliseconds at the first typo of each length."""
    conn.execute(
        "CREATE INDEX IF NOT EXISTS idx_vocab_words ON vocab(len) WHERE term NOT GLOB '*[0-9]*'"
    )


def _v5_index_by_batch(conn: sqlite3.Connection) -> None:
    """New articles go into the full-text index a batch at a time (Library.add), not by a trigger
    one at a time: SQLite 3.40 flushes FTS5's pending terms at every trigger's savepoint, which
    wrote a segment an article and doubled the index's cost at import. Deleting and updating
    keep their triggers."""
    conn.execute("DROP TRIGGER IF EXISTS articles_ai")


DATE_INDEX = "idx_articles_by_date"  # schema 6's; the title filter reads through it


def _v6_titles_by_date(conn: sqlite3.Connection) -> None:
    """Every article's title and source beside its date, in the date index itself: listing by
    date reads it as before, and the title filter reads every title from it alone, in date
    order, instead of reading the whole table, bodies and all (a million titles from a cold
    disk cache: 1.2 s, not 12.6)."""
    conn.execute("DROP INDEX IF EXISTS idx_articles_published")
    conn.execute(
        f"CREATE INDEX IF NOT EXISTS {DATE_INDEX} ON articles(published, id, title, source)"
    )


def _v7_revisions(conn: sqlite3.Connection) -> None:
    """What an outlet changed after it published. The article row is the current version; each
    version it replaced is a row of revisions, with its own full-text index for --revisions.
    url_key is the article's normalised url, its identity across imports; revised_at the time
    the current version was imported (NULL: never revised); missing_since the import that found
    it gone from a complete copy of its outlet (--snapshot). article_changes logs each change."""
    have = {row[1] for row in conn.execute("PRAGMA table_info(articles)")}
    for column in ("url_key TEXT", "revised_at TEXT", "missing_since TEXT"):
        if column.split()[0] not in have:  # run again over a file that has it: as it is
            conn.execute(f"ALTER TABLE articles ADD COLUMN {column}")
    from dipterm.store.revisions import url_key

    conn.create_function("dipterm_url_key", 1, url_key, deterministic=True)
    conn.execute("UPDATE articles SET url_key = dipterm_url_key(url) WHERE url IS NOT NULL")
    conn.execute(
        "CREATE INDEX IF NOT EXISTS idx_articles_url_key ON articles(url_key) WHERE url_key IS NOT NULL"
    )
    conn.execute(
        "CREATE INDEX IF NOT EXISTS idx_articles_missing ON articles(missing_since) "
        "WHERE missing_since IS NOT NULL"
    )
    conn.execute(
        """CREATE TABLE IF NOT EXISTS revisions (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id),
            title TEXT NOT NULL,
            body TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            origin TEXT,
            imported_at TEXT NOT NULL,   -- when this version was imported
            superseded_at TEXT NOT NULL, -- when the next one replaced it
            names TEXT NOT NULL          -- JSON: the people, organisations and places it named
        )"""
    )
    conn.execute("CREATE INDEX IF NOT EXISTS idx_revisions_article ON revisions(article_id, id)")
    conn.execute(
        f"""CREATE VIRTUAL TABLE IF NOT EXISTS revisions_fts USING fts5(title, body, content=[revisions],
            content_rowid=id, tokenize='{TOKENIZE}')"""
    )
    conn.execute(
        """CREATE TABLE IF NOT EXISTS article_changes (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id),
            at TEXT NOT NULL,
            kind TEXT NOT NULL,          -- revised, missing, returned
            origin TEXT,
            summary TEXT NOT NULL
        )"""
    )
    conn.execute("CREATE INDEX IF NOT EXISTS idx_article_changes_at ON article_changes(at)")
    conn.execute(
        "CREATE INDEX IF NOT EXISTS idx_article_changes_article ON article_changes(article_id)"
    )


def _v8_date_basis(conn: sqlite3.Connection) -> None:
    """Where each article's date was found (a meta tag, the url, the dateline, ...): the importer
    says so from now on; articles stored before hold NULL, as an unknown basis."""
    have = {row[1] for row in conn.execute("PRAGMA table_info(articles)")}
    if "published_from" not in have:  # as the others, safe to run again
        conn.execute('ALTER TABLE "articles" ADD COLUMN "published_from" TEXT;')


def _v9_letter_parts(conn: sqlite3.Connection) -> None:
    """Who sent a letter or message, who got it and who carried it: each participant's part
    ('' where the text does not say, and in every other kind of event)."""
    have = {row[1] for row in conn.execute("PRAGMA table_info(event_participants)")}
    if "part" not in have:  # run again over a file that has it: as it is
        conn.execute("ALTER TABLE event_participants ADD COLUMN part TEXT NOT NULL DEFAULT ''")


def _v10_scraped_repeats(conn: sqlite3.Connection) -> None:
    """Texts stored before the importer cut a scraper's repeated copies of an article (taking
    back the headline's end they show run into the body) and split sentences glued together
    ("Friday.Present") are mended as an import now reads them; a mended
    article is extracted again (`dipterm extract`, or the interface behind itself). An article
    whose mended text another already holds is left as it was, not merged, so nothing is lost."""
    from dipterm.ingest.clean import content_hash, word_count
    from dipterm.ingest.text import mended

    rows = conn.execute("SELECT id, title, body FROM articles").fetchall()
    for article_id, title, body in rows:
        new_title, new_body = mended(title, body)
        if (new_title, new_body) == (title, body):
            continue
        digest = content_hash(new_title, new_body)
        held = conn.execute(
            "SELECT 1 FROM articles WHERE content_hash = ? AND id != ?", (digest, article_id)
        ).fetchone()
        if held:
            continue
        conn.execute(
            "UPDATE articles SET title = ?, body = ?, content_hash = ?, word_count = ?, "
            "extracted_with = NULL WHERE id = ?",
            (new_title, new_body, digest, word_count(new_body), article_id),
        )


MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [
    _v1_articles,
    _v2_extraction,
    _v3_selections,
    _v4_vocab_words,
    _v5_index_by_batch,
    _v6_titles_by_date,
    _v7_revisions,
    _v8_date_basis,
    _v9_letter_parts,
    _v10_scraped_repeats,
]
SCHEMA_VERSION = len(MIGRATIONS)
# A library that may not be written is read as it is from this version on: what came later only
# makes reading faster (indexes) or writing faster (v5), and every query works without it (the
# letters' parts of v9 are read as unknown where the column is not there).
READABLE_FROM = 3


def user_version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def check_version(conn: sqlite3.Connection) -> int:
    version = user_version(conn)
    if version > SCHEMA_VERSION:
        raise LibraryError(
            f"this library was written by a newer dipterm (schema {version}; this dipterm knows "
            f"up to {SCHEMA_VERSION}): upgrade dipterm to open it"
        )
    return version


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the library up to SCHEMA_VERSION, one version a transaction. Returns the old version."""
    old = check_version(conn)
    if old == SCHEMA_VERSION:
        return old
    for version in range(old, SCHEMA_VERSION):
        conn.execute("BEGIN IMMEDIATE")
        try:
            if user_version(conn) == version:  # another process may have migrated meanwhile
                MIGRATIONS[version](conn)
                conn.execute(f"PRAGMA user_version = {version + 1}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return old
