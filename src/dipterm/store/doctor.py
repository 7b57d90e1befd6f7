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


def damaged_file(path: str) -> str:
    return (
        "the file itself is damaged: dipterm cannot repair it. Restore a copy, or save what can "
        f"be read with: sqlite3 {path} .recover | sqlite3 NEW.db"
    )


def _integrity(conn: sqlite3.Connection, result: Checkup, path: str) -> bool:
    """Whether SQLite finds the file undamaged; if not, what it found is added to the problems."""
    try:
        rows = conn.execute("PRAGMA integrity_check(20)").fetchall()
    except sqlite3.DatabaseError as exc:
        rows = [(str(exc),)]
    found = [
        line
        for row in rows
        for line in str(row[0]).splitlines()
        if not line.startswith("*** in database")  # a heading, not a problem
    ]
    if found == ["ok"]:
        return True
    result.problems += [f"SQLite integrity: {line}" for line in found[:10]]
    result.problems.append(damaged_file(path))
    return False


def check_unopened(path: str) -> Checkup:
    """What SQLite finds in a library file too damaged to open as a library (its schema, on the
    first page, is among the damage), read without writing."""
    result = Checkup()
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.DatabaseError as exc:
        result.problems += [f"SQLite integrity: {exc}", damaged_file(path)]
        return result
    try:
        _integrity(conn, result, path)
    finally:
        conn.close()
    return result


def check(
    conn: sqlite3.Connection,
    outdated: int | None = 0,
    *,
    writable: bool = True,
    path: str = "LIBRARY",
) -> Checkup:
    """What is wrong with a library, and what is right; outdated, the articles older extraction
    rules read, is noted (not a fault: `dipterm extract` brings them up to date; None when it
    could not be counted). A library whose file is damaged is said to be so, with what SQLite
    found, and not read further. writable: whether the full-text index's own check (which
    SQLite runs as a write) can run."""
    result = Checkup()
    if not _integrity(conn, result, path):
        return result
    result.notes.append("SQLite integrity: ok")
    version = user_version(conn)
    if version != SCHEMA_VERSION:
        result.problems.append(f"schema version {version}, this dipterm writes {SCHEMA_VERSION}")
    else:
        result.notes.append(f"schema version {version}: current")
    if not writable:  # SQLite runs the index's check as a write, which a read-only file refuses
        result.notes.append("full-text index: not checked against the text (the file is read-only)")
    else:
        try:
            conn.execute(
                "INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)"
            )
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
