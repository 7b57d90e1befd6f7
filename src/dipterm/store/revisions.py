"""What outlets changed after they published: an article's identity across imports, the versions
it replaced, the articles a complete copy of an outlet no longer holds, and the log of changes."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from dipterm.models import Hit

# Query parameters that say how a reader came to a page, not which page it is.
_TRACKING = re.compile(
    r"^(utm_\w+|fbclid|gclid|mc_cid|mc_eid|ref|referrer|source|from|share)$", re.I
)
_WORD = re.compile(r"\S+")
SAME_TITLE = 90  # rapidfuzz ratio over folded titles: the same article without a url


def url_key(url: str | None) -> str | None:
    """A url as an identity: no scheme, no www., no fragment, no trailing slash, no tracking
    parameters, the host in lower case, the remaining parameters sorted. None for no url."""
    if not url or not url.strip():
        return None
    text = url.strip()
    if "://" not in text:
        text = "http://" + text
    try:
        parts = urlsplit(text)
        port = parts.port  # read when asked: "::" or "a:b" raise here
    except ValueError:
        return text.lower()
    host = (parts.hostname or "").lower().removeprefix("www.")
    if port and port not in (80, 443):
        host = f"{host}:{port}"
    path = re.sub(r"/{2,}", "/", parts.path).rstrip("/")
    query = urlencode(
        sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
               if not _TRACKING.match(k))
    )  # fmt: skip
    return urlunsplit(("", host, path, query, "")).removeprefix("//") or None


def _fold_title(title: str) -> str:
    return " ".join(title.casefold().split())


def revised_article(
    conn: sqlite3.Connection,
    key: str | None,
    source: str | None,
    published: str | None,
    title: str,
) -> int | None:
    """The held article a new text is a version of: the one with the same url, or without a url
    the one of the same outlet and date whose title is nearly the same."""
    if key:
        row = conn.execute(
            "SELECT id FROM articles WHERE url_key = ? ORDER BY id LIMIT 1", (key,)
        ).fetchone()
        return row[0] if row else None
    if not (source and published):
        return None
    from rapidfuzz import fuzz

    folded = _fold_title(title)
    for article_id, held_title, held_key in conn.execute(
        "SELECT id, title, url_key FROM articles WHERE source = ? AND published = ?",
        (source, published),
    ):
        if held_key is None and fuzz.ratio(folded, _fold_title(held_title)) >= SAME_TITLE:
            return article_id
    return None


def kept(conn: sqlite3.Connection, article_id: int, digest: str, title: str) -> bool:
    """Whether this text and title are an earlier version the library keeps of the article (an
    older copy imported again: not a new revision)."""
    folded = _fold_title(title)
    return any(
        _fold_title(held) == folded
        for (held,) in conn.execute(
            "SELECT title FROM revisions WHERE article_id = ? AND content_hash = ?",
            (article_id, digest),
        )
    )


def names_of(conn: sqlite3.Connection, article_id: int) -> list[str] | None:
    """The people, organisations and places an article's current version names; None while it
    is not extracted (an import stores every article before it extracts any)."""
    extracted = conn.execute(
        "SELECT extracted_with FROM articles WHERE id = ?", (article_id,)
    ).fetchone()
    if extracted is None or extracted[0] is None:
        return None
    return [
        r[0]
        for r in conn.execute(
            "SELECT DISTINCT e.name FROM mentions m JOIN entities e ON e.id = m.entity_id "
            "WHERE m.article_id = ? AND e.kind IN ('person', 'org', 'place') ORDER BY e.name",
            (article_id,),
        )
    ]


def keep_version(conn: sqlite3.Connection, article_id: int, now: str) -> int:
    """Store the article's current version as a revision before a new one replaces it; its id."""
    row = conn.execute(
        "SELECT title, body, content_hash, origin, coalesce(revised_at, imported_at) "
        "FROM articles WHERE id = ?",
        (article_id,),
    ).fetchone()
    cursor = conn.execute(
        "INSERT INTO revisions (article_id, title, body, content_hash, origin, imported_at, "
        "superseded_at, names) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (article_id, *row, now, json.dumps(names_of(conn, article_id), ensure_ascii=False)),
    )
    revision_id = int(cursor.lastrowid or 0)
    conn.execute(
        "INSERT INTO revisions_fts (rowid, title, body) VALUES (?, ?, ?)",
        (revision_id, row[0], row[1]),
    )
    return revision_id


def log(conn: sqlite3.Connection, article_id: int, at: str, kind: str, summary: str,
        origin: str | None = None) -> None:  # fmt: skip
    conn.execute(
        "INSERT INTO article_changes (article_id, at, kind, origin, summary) VALUES (?, ?, ?, ?, ?)",
        (article_id, at, kind, origin, summary),
    )


# ------------------------------------------------------------------ reading versions


@dataclass(frozen=True)
class Version:
    number: int  # 1 for the first version imported
    title: str
    body: str
    origin: str | None
    imported_at: str
    names: list[str] | None  # None: never extracted, so not known
    current: bool = False
    superseded_at: str | None = None  # when the next version replaced it


@dataclass(frozen=True)
class Difference:
    """What changed from one version to the next."""

    removed: list[str]  # runs of words taken out, in text order
    added: list[str]  # runs of words put in
    words_removed: int
    words_added: int
    names_gone: list[str]
    names_new: list[str]
    title_before: str | None = None  # when the title changed
    title_after: str | None = None

    def line(self) -> str:
        """One line: 'Jang Song Thaek removed; 23 words removed, 0 added'."""
        parts = []
        if self.names_gone:
            parts.append(", ".join(self.names_gone) + " removed")
        if self.names_new:
            parts.append(", ".join(self.names_new) + " added")
        if self.title_before is not None:
            parts.append("title changed")
        parts.append(f"{self.words_removed} words removed, {self.words_added} added")
        return "; ".join(parts)


@dataclass(frozen=True)
class History:
    article_id: int
    versions: list[Version]  # oldest first, the current one last
    differences: list[Difference]  # between each version and the next
    missing_since: str | None = None
    changes: list[dict] = field(default_factory=list)  # the log: at, kind, summary


def has_revisions_table(conn: sqlite3.Connection) -> bool:
    """Whether the library knows revisions (schema 7 on; an older one read as it is does not)."""
    return bool(
        conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'revisions'"
        ).fetchone()
    )


def revision_count(conn: sqlite3.Connection, article_id: int) -> int:
    """How many earlier versions of the article are kept."""
    if not has_revisions_table(conn):
        return 0
    return conn.execute(
        "SELECT count(*) FROM revisions WHERE article_id = ?", (article_id,)
    ).fetchone()[0]


def history(conn: sqlite3.Connection, article_id: int) -> History:
    """Every version of an article, oldest first, and what changed between each."""
    current = conn.execute(
        "SELECT title, body, origin, coalesce(revised_at, imported_at), "
        + ("missing_since" if has_revisions_table(conn) else "NULL")
        + " FROM articles WHERE id = ?",
        (article_id,),
    ).fetchone()
    if current is None:
        from dipterm.errors import NotFoundError

        raise NotFoundError(f"no article {article_id} in the library")
    versions: list[Version] = []
    changes: list[dict] = []
    if has_revisions_table(conn):
        for n, (title, body, origin, imported, names, superseded) in enumerate(
            conn.execute(
                "SELECT title, body, origin, imported_at, names, superseded_at FROM revisions "
                "WHERE article_id = ? ORDER BY id",
                (article_id,),
            ),
            1,
        ):
            versions.append(
                Version(n, title, body, origin, imported, json.loads(names), False, superseded)
            )
        changes = [
            {"at": at, "kind": kind, "summary": summary, "origin": origin}
            for at, kind, summary, origin in conn.execute(
                "SELECT at, kind, summary, origin FROM article_changes WHERE article_id = ? "
                "ORDER BY id",
                (article_id,),
            )
        ]
    title, body, origin, imported, missing = current
    versions.append(
        Version(len(versions) + 1, title, body, origin, imported, names_of(conn, article_id),
                current=True)
    )  # fmt: skip
    differences = [difference(a, b) for a, b in zip(versions, versions[1:], strict=False)]
    return History(article_id, versions, differences, missing, changes)


def difference(before: Version, after: Version) -> Difference:
    """The words removed and added between two versions (a word diff), and the names that
    disappeared or appeared."""
    removed, added, n_removed, n_added = word_diff(before.body, after.body)
    known = before.names is not None and after.names is not None
    gone = sorted(set(before.names) - set(after.names)) if known else []  # type: ignore[arg-type]
    new = sorted(set(after.names) - set(before.names)) if known else []  # type: ignore[arg-type]
    retitled = before.title != after.title
    return Difference(
        removed, added, n_removed, n_added, gone, new,
        before.title if retitled else None, after.title if retitled else None,
    )  # fmt: skip


def word_diff(before: str, after: str) -> tuple[list[str], list[str], int, int]:
    """Runs of words removed and added from before to after (the fewest that turn one into the
    other: a longest common subsequence of words, in rapidfuzz's C++, where difflib took seconds
    over a long article), and how many words each way."""
    from rapidfuzz.distance import Indel

    a, b = _WORD.findall(before), _WORD.findall(after)
    removed: list[str] = []
    added: list[str] = []
    for op in Indel.opcodes(a, b):
        if op.tag == "delete":
            removed.append(" ".join(a[op.src_start : op.src_end]))
        elif op.tag == "insert":
            added.append(" ".join(b[op.dest_start : op.dest_end]))
    return removed, added, sum(len(r.split()) for r in removed), sum(len(r.split()) for r in added)


def summarise(conn: sqlite3.Connection, article_id: int, title: str, body: str,
              names: Sequence[str] | None) -> str:  # fmt: skip
    """The one line of a revision: what the newest kept version and the current text differ by.
    names: those the new text names (extracted, not yet stored)."""
    last = conn.execute(
        "SELECT title, body, origin, imported_at, names FROM revisions WHERE article_id = ? "
        "ORDER BY id DESC LIMIT 1",
        (article_id,),
    ).fetchone()
    before = Version(0, last[0], last[1], last[2], last[3], json.loads(last[4]))
    after = Version(0, title, body, None, "", None if names is None else list(names))
    return difference(before, after).line()


# ------------------------------------------------------------------ listing changes


@dataclass(frozen=True)
class Change:
    article_id: int
    at: str
    kind: str  # revised, missing, returned
    summary: str
    title: str
    source: str | None
    published: str | None


def changes(
    conn: sqlite3.Connection, *, since: str | None = None, source: str | None = None,
    limit: int = 1000,
) -> list[Change]:  # fmt: skip
    """Articles revised, gone missing or come back, newest change first."""
    if not has_revisions_table(conn):
        return []
    where, params = ["1"], []
    if since:
        where.append("c.at >= ?")
        params.append(since)
    if source:
        from dipterm.extract.sources import canonical_outlet

        where.append("a.source = ?")
        params.append(canonical_outlet(source) or source)
    rows = conn.execute(
        "SELECT c.article_id, c.at, c.kind, c.summary, a.title, a.source, a.published "
        "FROM article_changes c JOIN articles a ON a.id = c.article_id "
        f"WHERE {' AND '.join(where)} ORDER BY c.at DESC, c.id DESC LIMIT ?",
        (*params, limit),
    ).fetchall()
    histories: dict[int, History] = {}
    found = []
    for article_id, at, kind, summary, *rest in rows:
        if kind == "revised":
            # Said again from the versions as they stand: the names a new text gives are known
            # only once it is extracted, which an import does after storing it.
            if article_id not in histories:
                histories[article_id] = history(conn, article_id)
            summary = _revision_line(histories[article_id], at) or summary
        found.append(Change(article_id, at, kind, summary, *rest))
    return found


def _revision_line(found: History, at: str) -> str | None:
    """The one line of the revision made at `at`: the version it replaced against the next."""
    versions = found.versions
    for k, version in enumerate(versions[:-1]):
        if version.superseded_at == at:
            return found.differences[k].line()
    return None


def only_in_earlier(
    conn: sqlite3.Connection, match: str, limit: int = 100
) -> list[tuple[int, int]]:
    """(article id, revision number) of articles an earlier version of which matches the FTS5
    expression while the current text does not."""
    if not has_revisions_table(conn):
        return []
    rows = conn.execute(
        "SELECT r.article_id, (SELECT count(*) FROM revisions o WHERE o.article_id = r.article_id "
        "AND o.id <= r.id) FROM revisions_fts f JOIN revisions r ON r.id = f.rowid "
        "WHERE revisions_fts MATCH ? AND r.article_id NOT IN "
        "(SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?) "
        "ORDER BY r.article_id, r.id LIMIT ?",
        (match, match, limit * 4),
    ).fetchall()
    found: dict[int, int] = {}
    for article_id, number in rows:
        found.setdefault(article_id, number)
    return list(found.items())[:limit]


def earlier_hits(library, query: str, *, limit: int = 20) -> list[tuple[Hit, int]]:
    """Articles the query finds only in an earlier version, with that version's number and a
    snippet of it: what --revisions adds to a search. The query's filters apply as in search."""
    if not has_revisions_table(library.conn):
        return []
    plan = library.plan(query)
    if not plan.match:
        return []
    found = only_in_earlier(library.conn, plan.match, limit=limit * 4)
    if not found:
        return []
    numbers = dict(found)
    marks = ",".join("?" * len(numbers))
    # The plan's first condition is the match on the current text: the others (filters, words
    # excluded) are the article's own and apply here too.
    others = " AND ".join(["1", *plan.conditions[1:]])
    rows = library.conn.execute(
        f"SELECT a.id, a.title, a.source, a.published FROM articles a "
        f"WHERE a.id IN ({marks}) AND {others} ORDER BY a.published DESC, a.id DESC LIMIT ?",
        (*numbers, *plan.params[1:], limit),
    ).fetchall()
    hits = []
    for article_id, title, source, published in rows:
        hits.append(
            (Hit(article_id, title, source, published, None,
                 _earlier_snippet(library.conn, plan.match, article_id)),
             numbers[article_id])
        )  # fmt: skip
    return hits


def _earlier_snippet(conn: sqlite3.Connection, match: str, article_id: int) -> str:
    """The matched passage of the first earlier version that holds the query, as a search's
    snippet; of a version longer than SNIPPET_WINDOW, its opening (snippet() over a long text
    takes time growing with the square of the matches, see search.SNIPPET_WINDOW)."""
    from dipterm.store.search import SNIPPET_TOKENS, SNIPPET_WINDOW, _opening

    matching = (
        "FROM revisions_fts JOIN revisions r ON r.id = revisions_fts.rowid "
        "WHERE revisions_fts MATCH ? AND r.article_id = ?"
    )
    row = conn.execute(
        f"SELECT snippet(revisions_fts, 1, char(2), char(3), '…', {SNIPPET_TOKENS}) {matching} "
        "AND length(r.body) <= ? ORDER BY r.id LIMIT 1",
        (match, article_id, SNIPPET_WINDOW),
    ).fetchone()
    if row:
        return row[0]
    row = conn.execute(
        f"SELECT substr(r.body, 1, 400) {matching} ORDER BY r.id LIMIT 1", (match, article_id)
    ).fetchone()
    return _opening(row[0]) if row else ""
