"""Checking a library, and repairing what can be rebuilt: the full-text index and the vocabulary."""

from __future__ import annotations

import sqlite3
from collections import Counter
from dataclasses import dataclass, field

from dipterm.store.query import tokens
from dipterm.store.schema import SCHEMA_VERSION, user_version


@dataclass
class Checkup:
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def healthy(self) -> bool:
        return not self.problems


def check(conn: sqlite3.Connection, outdated: int = 0) -> Checkup:
    """What is wrong with a library, and what is right; outdated, the articles older extraction
    rules read, is noted (not a fault: `dipterm extract` brings them up to date)."""
    result = Checkup()
    rows = conn.execute("PRAGMA integrity_check").fetchall()
    if [r[0] for r in rows] != ["ok"]:
        result.problems += [f"SQLite integrity: {r[0]}" for r in rows[:10]]
    else:
        result.notes.append("SQLite integrity: ok")
    version = user_version(conn)
    if version != SCHEMA_VERSION:
        result.problems.append(f"schema version {version}, this dipterm writes {SCHEMA_VERSION}")
    else:
        result.notes.append(f"schema version {version}: current")
    try:
        conn.execute("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)")
        result.notes.append("full-text index: consistent with the articles")
    except sqlite3.DatabaseError as exc:
        result.problems.append(f"full-text index: {exc} (dipterm doctor --repair rebuilds it)")
    articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    indexed = conn.execute("SELECT count(*) FROM articles_fts_docsize").fetchone()[0]
    if articles != indexed:
        result.problems.append(f"full-text index holds {indexed} articles of {articles}")
    orphans = conn.execute(
        "SELECT count(*) FROM mentions WHERE article_id NOT IN (SELECT id FROM articles)"
    ).fetchone()[0]
    if orphans:
        result.problems.append(f"{orphans} mentions of articles that are gone")
    vocab = conn.execute("SELECT count(*) FROM vocab").fetchone()[0]
    if articles and not vocab:
        result.problems.append("the typo-correction vocabulary is empty")
    result.notes.append(f"{articles} articles, {vocab} words in the vocabulary")
    if outdated:
        result.notes.append(
            f"{outdated} articles were extracted by older rules or not at all: "
            "`dipterm extract` brings them up to date"
        )
    return result


def repair(conn: sqlite3.Connection) -> list[str]:
    """Rebuild the full-text index and the vocabulary from the articles (one transaction)."""
    done = []
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')")
        done.append("rebuilt the full-text index")
        words: Counter[str] = Counter()
        for title, body in conn.execute("SELECT title, body FROM articles"):
            words.update(set(tokens(title + " " + body)))
        conn.execute("DELETE FROM vocab")
        conn.executemany(
            "INSERT INTO vocab (term, docs, len) VALUES (?, ?, ?)",
            ((w, n, len(w)) for w, n in words.items()),
        )
        done.append(f"rebuilt the vocabulary ({len(words)} words)")
        conn.execute("DELETE FROM mentions WHERE article_id NOT IN (SELECT id FROM articles)")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return done
