"""Named selections of articles and saved searches, in the library (the SQL for both)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from dipterm.errors import DiptermError, NotFoundError


@dataclass(frozen=True)
class SelectionInfo:
    """A named selection and its size."""

    name: str
    articles: int
    created_at: str


@dataclass(frozen=True)
class Watch:
    """A saved search and how far its runs have read."""

    name: str
    query: str
    created_at: str
    last_run_at: str | None
    seen_up_to: int  # the highest article id a run has shown


def _selection_id(conn: sqlite3.Connection, name: str, *, create: bool, now: str = "") -> int:
    row = conn.execute("SELECT id FROM selections WHERE name = ?", (name,)).fetchone()
    if row:
        return row[0]
    if not create:
        raise NotFoundError(f"no selection named {name!r} (see: dipterm select list)")
    return int(
        conn.execute(
            "INSERT INTO selections (name, created_at) VALUES (?, ?)", (name, now)
        ).lastrowid
        or 0
    )


def add_to_selection(conn: sqlite3.Connection, name: str, ids: list[int], now: str) -> int:
    """Add articles (in order) to a selection, making it if new. Returns how many were new to it."""
    if not name.strip():
        raise DiptermError("a selection needs a name")
    sid = _selection_id(conn, name, create=True, now=now)
    missing = [
        i for i in ids if not conn.execute("SELECT 1 FROM articles WHERE id = ?", (i,)).fetchone()
    ]
    if missing:
        raise NotFoundError(f"no article {missing[0]} in the library")
    position = conn.execute(
        "SELECT coalesce(max(position), 0) FROM selection_items WHERE selection_id = ?", (sid,)
    ).fetchone()[0]
    added = 0
    for article_id in ids:
        position += 1
        added += conn.execute(
            "INSERT OR IGNORE INTO selection_items (selection_id, article_id, position, added_at) "
            "VALUES (?, ?, ?, ?)",
            (sid, article_id, position, now),
        ).rowcount
    return added


def remove_from_selection(conn: sqlite3.Connection, name: str, ids: list[int]) -> int:
    sid = _selection_id(conn, name, create=False)
    marks = ",".join("?" * len(ids))
    return conn.execute(
        f"DELETE FROM selection_items WHERE selection_id = ? AND article_id IN ({marks})",
        (sid, *ids),
    ).rowcount


def delete_selection(conn: sqlite3.Connection, name: str) -> None:
    sid = _selection_id(conn, name, create=False)
    conn.execute("DELETE FROM selection_items WHERE selection_id = ?", (sid,))
    conn.execute("DELETE FROM selections WHERE id = ?", (sid,))


def selection_ids(conn: sqlite3.Connection, name: str) -> list[int]:
    sid = _selection_id(conn, name, create=False)
    return [
        r[0]
        for r in conn.execute(
            "SELECT article_id FROM selection_items WHERE selection_id = ? ORDER BY position",
            (sid,),
        )
    ]


def list_selections(conn: sqlite3.Connection) -> list[SelectionInfo]:
    rows = conn.execute(
        "SELECT s.name, count(i.article_id), s.created_at FROM selections s "
        "LEFT JOIN selection_items i ON i.selection_id = s.id GROUP BY s.id ORDER BY s.name"
    ).fetchall()
    return [SelectionInfo(*row) for row in rows]


def add_watch(conn: sqlite3.Connection, name: str, query: str, now: str) -> None:
    if conn.execute("SELECT 1 FROM watches WHERE name = ?", (name,)).fetchone():
        raise DiptermError(f"a saved search named {name!r} exists already")
    conn.execute(
        "INSERT INTO watches (name, query, created_at, seen_up_to) VALUES (?, ?, ?, 0)",
        (name, query, now),
    )


def remove_watch(conn: sqlite3.Connection, name: str) -> None:
    if not conn.execute("DELETE FROM watches WHERE name = ?", (name,)).rowcount:
        raise NotFoundError(f"no saved search named {name!r} (see: dipterm watch list)")


def get_watch(conn: sqlite3.Connection, name: str) -> Watch:
    row = conn.execute(
        "SELECT name, query, created_at, last_run_at, seen_up_to FROM watches WHERE name = ?",
        (name,),
    ).fetchone()
    if row is None:
        raise NotFoundError(f"no saved search named {name!r} (see: dipterm watch list)")
    return Watch(row[0], row[1], row[2], row[3], row[4] or 0)


def list_watches(conn: sqlite3.Connection) -> list[Watch]:
    return [
        Watch(r[0], r[1], r[2], r[3], r[4] or 0)
        for r in conn.execute(
            "SELECT name, query, created_at, last_run_at, seen_up_to FROM watches ORDER BY name"
        )
    ]


def mark_watch_run(conn: sqlite3.Connection, name: str, now: str) -> None:
    top = conn.execute("SELECT coalesce(max(id), 0) FROM articles").fetchone()[0]
    conn.execute(
        "UPDATE watches SET last_run_at = ?, seen_up_to = ? WHERE name = ?", (now, top, name)
    )
