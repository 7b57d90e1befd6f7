"""Entities, mentions, events and quotes in the library: saving an article's extraction, resolving a
name as a user types it (any romanisation, a typo), listing entities, and an entity's dossier."""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import groupby

from dipterm.extract.keys import name_key
from dipterm.extract.romanisation import dprk_style
from dipterm.models import Extraction
from dipterm.store import romanised

ENTITY_KINDS = {"person": "person", "org": "org", "place": "place", "country": "country"}
FUZZY_CUTOFF = 80.0


@dataclass(frozen=True)
class EntityRow:
    """An entity and the number of articles naming it."""

    id: int
    name: str
    kind: str
    articles: int


WRITTEN = frozenset({"letter", "message"})  # the events that are no meeting


@dataclass
class Dossier:
    """What the library knows of one entity: names, roles, counterparts, articles."""

    id: int
    name: str
    kind: str
    variants: list[str]
    first_seen: str | None
    last_seen: str | None
    roles: list[dict]  # role, first, last, articles: the wordings as written
    # name, events: the meetings, talks, visits, banquets... taken part in together
    met_most: list[dict]
    articles: list[dict]  # id, published, source, title: one page of the whole list
    events: list[dict] = field(default_factory=list)
    quotes: list[dict] = field(default_factory=list)
    # name, events: letters and messages with those the text gives no direction for
    wrote_most: list[dict] = field(default_factory=list)
    articles_total: int = 0  # every article naming the entity, however many `articles` holds
    articles_offset: int = 0  # where the page in `articles` starts in the whole list
    # office, kind (office or rank), country, first, last, articles, wordings: in date order
    career: list[dict] = field(default_factory=list)
    # name, events: letters and messages it sent to them, got from them, carried ("from X to Y")
    wrote_to: list[dict] = field(default_factory=list)
    received_from: list[dict] = field(default_factory=list)
    carried: list[dict] = field(default_factory=list)

    @property
    def counterparts(self) -> list[tuple[str, list[dict]]]:
        """The people dealt with most often, each list under the heading it is shown with."""
        return [
            ("met most often", self.met_most),
            ("wrote to", self.wrote_to),
            ("received letters and messages from", self.received_from),
            ("carried letters and messages", self.carried),
            ("letters and messages, who wrote not read, with", self.wrote_most),
        ]


def clear_extraction(conn: sqlite3.Connection, article_id: int) -> set[int]:
    """Delete an article's mentions, events and quotes; the entities they named, by id."""
    named = {
        row[0]
        for row in conn.execute(
            "SELECT entity_id FROM mentions WHERE article_id = ? "
            "UNION SELECT entity_id FROM event_participants WHERE event_id IN "
            "(SELECT id FROM events WHERE article_id = ?) "
            "UNION SELECT speaker_id FROM quotes WHERE article_id = ? AND speaker_id IS NOT NULL",
            (article_id, article_id, article_id),
        )
    }
    conn.execute(
        "DELETE FROM event_participants WHERE event_id IN (SELECT id FROM events WHERE article_id = ?)",
        (article_id,),
    )
    for table in ("events", "quotes", "mentions"):
        conn.execute(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))
    return named


def drop_unnamed(conn: sqlite3.Connection, candidates: set[int]) -> None:
    """Delete those of the candidate entities that no article names any more, with their
    spellings (each looked up by the indexes on entity ids: the tables are not scanned)."""
    unnamed = [
        (eid,)
        for eid in candidates
        if not conn.execute(
            "SELECT EXISTS (SELECT 1 FROM mentions WHERE entity_id = ?1) "
            "OR EXISTS (SELECT 1 FROM event_participants WHERE entity_id = ?1) "
            "OR EXISTS (SELECT 1 FROM quotes WHERE speaker_id = ?1)",
            (eid,),
        ).fetchone()[0]
    ]
    conn.executemany("DELETE FROM entity_variants WHERE entity_id = ?", unnamed)
    conn.executemany("DELETE FROM entities WHERE id = ?", unnamed)


def drop_variants(
    conn: sqlite3.Connection, candidates: set[int], kept: Callable[[str], bool]
) -> None:
    """Delete the spellings of the candidate entities that kept refuses (a spelling older rules
    took from a glued honorific, "HEKim Jong Un"), never an entity's own name."""
    for eid in candidates:
        for (variant,) in conn.execute(
            "SELECT v.variant FROM entity_variants v JOIN entities e ON e.id = v.entity_id "
            "WHERE v.entity_id = ? AND v.variant != e.name",
            (eid,),
        ).fetchall():
            if not kept(variant):
                conn.execute(
                    "DELETE FROM entity_variants WHERE entity_id = ? AND variant = ?",
                    (eid, variant),
                )


class ExtractionWriter:
    """Stores extractions inside one transaction of the caller's.

    An entity is looked up once per transaction, and mentions, participants and quotes are written
    together by flush(), which the caller runs before it commits or reads them back."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self._ids: dict[tuple[str, str], int] = {}  # (kind, key) -> entity id
        self._variants: set[tuple[int, str]] = set()
        self._mentions: list[tuple[int, int, str, int]] = []
        self._participants: list[tuple[int, int, str]] = []
        self._quotes: list[tuple[int, int, int | None, str | None, str, int]] = []

    def entity_id(self, name: str, kind: str, spellings: tuple[str, ...] = ()) -> int:
        key = name_key(name)
        found = self._ids.get((kind, key))
        if found is None:
            row = self.conn.execute(
                "SELECT id FROM entities WHERE kind = ? AND key = ?", (kind, key)
            ).fetchone()
            found = (
                row[0]
                if row
                else self.conn.execute(
                    "INSERT INTO entities (name, kind, key) VALUES (?, ?, ?)", (name, kind, key)
                ).lastrowid
            )
            self._ids[(kind, key)] = found = int(found)
        for spelling in dict.fromkeys((name, *spellings)):
            if (found, spelling) not in self._variants:
                self._variants.add((found, spelling))
                self.conn.execute(
                    "INSERT OR IGNORE INTO entity_variants (entity_id, variant, key) VALUES (?, ?, ?)",
                    (found, spelling, name_key(spelling)),
                )
        return found

    def save(self, article_id: int, extraction: Extraction) -> None:
        ids: dict[tuple[str, str], int] = {}
        for mention in extraction.mentions:
            eid = self.entity_id(mention.name, mention.kind, mention.spellings)
            ids[(mention.kind, mention.name)] = eid
            for role in mention.roles or ("",):
                self._mentions.append((article_id, eid, role, mention.count))
        for seq, event in enumerate(extraction.events):
            event_id = self.conn.execute(
                "INSERT INTO events (article_id, seq, type, date, date_precision, date_basis, place, sentence) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    article_id,
                    seq,
                    event.type,
                    event.date.iso if event.date else None,
                    event.date.precision if event.date else None,
                    event.date_basis,
                    event.place,
                    event.sentence,
                ),
            ).lastrowid
            parts = dict(event.parts)
            for name in event.participants:
                eid = ids.get(("person", name)) or self.entity_id(name, "person")
                self._participants.append((int(event_id or 0), eid, parts.get(name, "")))
        for seq, quote in enumerate(extraction.quotes):
            speaker_id = ids.get(("person", quote.speaker)) if quote.speaker else None
            self._quotes.append(
                (article_id, seq, speaker_id, quote.speaker, quote.text, int(quote.marked))
            )

    def flush(self) -> None:
        self.conn.executemany(
            "INSERT OR REPLACE INTO mentions (article_id, entity_id, role, count) VALUES (?, ?, ?, ?)",
            self._mentions,
        )
        self.conn.executemany(
            "INSERT OR IGNORE INTO event_participants (event_id, entity_id, part) VALUES (?, ?, ?)",
            self._participants,
        )
        self.conn.executemany(
            "INSERT INTO quotes (article_id, seq, speaker_id, speaker, text, marked) VALUES (?, ?, ?, ?, ?, ?)",
            self._quotes,
        )
        self._mentions, self._participants, self._quotes = [], [], []


def resolve(
    conn: sqlite3.Connection,
    kind: str,
    text: str,
    heads: Callable[[], Sequence[str]] | None = None,
) -> tuple[list[int], str | None]:
    """The entities of a kind a user's name means: (ids, the name used instead if it was a guess).

    Any spelling that shares the key (Kim Jong-un, Kim Jongun), any known variant, a Korean name in
    another romanisation (Choi Sun-hee for Choe Son Hui), a single word of the name ("Lavrov"),
    then the nearest name within a typo ("lavrow"). heads: see romanised.people.
    """
    key = name_key(text)
    if not key:
        return [], None
    rows = conn.execute(  # two index lookups (an OR across the join would read every entity)
        "SELECT id FROM entities WHERE kind = ? AND key = ? UNION "
        "SELECT v.entity_id FROM entity_variants v JOIN entities e ON e.id = v.entity_id "
        "WHERE v.key = ? AND e.kind = ? ORDER BY 1",
        (kind, key, key, kind),
    ).fetchall()
    held = [r[0] for r in rows]
    if kind == "person" and romanised.may_be_korean(text) and not dprk_style(text):
        # A Korean name in another romanisation than the library's (Choi Sun-hee, Choe Son
        # Hui): every person whose name it may read as (Kim Chong-il is Kim Jong Il and Kim
        # Chong Il), before a typo's nearest name, which would be another person's (Cho Yong-
        # won is not Choe Song Won). A name in the DPRK's spelling means what the library means.
        found = [p for p in romanised.people(conn, text, heads) if p.id not in held]
        if found:
            ids = sorted({*held, *(p.id for p in found)})
            return ids, ", ".join([*_names(conn, held), *(p.name for p in found)])
    if held:
        return held, None
    names = conn.execute(
        "SELECT e.id, e.name, group_concat(v.variant, '|') FROM entities e "
        "LEFT JOIN entity_variants v ON v.entity_id = e.id WHERE e.kind = ? GROUP BY e.id",
        (kind,),
    ).fetchall()
    words: dict[str, set[int]] = {}
    for eid, name, variants in names:
        for spelling in {name, *(variants or "").split("|")}:
            for word in spelling.split():
                if len(name_key(word)) >= 3:
                    words.setdefault(name_key(word), set()).add(eid)
    if key in words:
        return sorted(words[key]), None
    from rapidfuzz import fuzz, process

    choices = {name_key(name): (eid, name) for eid, name, _ in names}
    best = process.extractOne(key, list(choices), scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
    word_best = process.extractOne(key, list(words), scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
    if word_best and (not best or word_best[1] > best[1]):
        ids = sorted(words[word_best[0]])
        label = ", ".join(n for eid, n, _ in names if eid in ids)
        return ids, label
    if best:
        eid, name = choices[best[0]]
        return [eid], name
    return [], None


def _names(conn: sqlite3.Connection, ids: list[int]) -> list[str]:
    return [
        conn.execute("SELECT name FROM entities WHERE id = ?", (eid,)).fetchone()[0] for eid in ids
    ]


def list_entities(
    conn: sqlite3.Connection, kind: str | None, limit: int, name: str | None = None
) -> list[EntityRow]:
    """Entities by the articles naming them, most first; of a kind, and with name those whose name
    or a spelling of it holds that name in any romanisation (jong-un finds Kim Jong Un)."""
    conditions, params = (["e.kind = ?"], [kind]) if kind else ([], [])
    if name is not None:
        conditions.append(
            "(instr(e.key, ?) OR EXISTS (SELECT 1 FROM entity_variants v "
            "WHERE v.entity_id = e.id AND instr(v.key, ?)))"
        )
        params += [name_key(name) or name] * 2
    where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
    rows = conn.execute(
        f"SELECT e.id, e.name, e.kind, count(DISTINCT m.article_id) AS n FROM entities e "
        f"JOIN mentions m ON m.entity_id = e.id {where} GROUP BY e.id ORDER BY n DESC, e.name LIMIT ?",
        (*params, limit),
    ).fetchall()
    return [EntityRow(*row) for row in rows]


def entity_articles(
    conn: sqlite3.Connection, eid: int, *, limit: int | None = None, offset: int = 0
) -> list[dict]:
    """The articles naming an entity in date order, from offset on, limit of them (all if None)."""
    return [
        {"id": i, "published": p, "source": s, "title": t}
        for i, p, s, t in conn.execute(
            "SELECT a.id, a.published, a.source, a.title FROM articles a WHERE a.id IN "
            "(SELECT article_id FROM mentions WHERE entity_id = ?) "
            "ORDER BY a.published, a.id LIMIT ? OFFSET ?",
            (eid, -1 if limit is None else limit, offset),
        )
    ]


def dossier(
    conn: sqlite3.Connection, eid: int, *, limit: int | None = None, offset: int = 0
) -> Dossier:
    """An entity's dossier; its article list from offset on, limit of them (all if None)."""
    name, kind = conn.execute("SELECT name, kind FROM entities WHERE id = ?", (eid,)).fetchone()
    variants = [
        r[0]
        for r in conn.execute(
            "SELECT variant FROM entity_variants WHERE entity_id = ? ORDER BY variant", (eid,)
        )
    ]
    first, last = conn.execute(
        "SELECT min(a.published), max(a.published) FROM mentions m JOIN articles a ON a.id = m.article_id "
        "WHERE m.entity_id = ?",
        (eid,),
    ).fetchone()
    roles = [
        {"role": role, "first": f, "last": la, "articles": n}
        for role, f, la, n in conn.execute(
            "SELECT m.role, min(a.published), max(a.published), count(DISTINCT a.id) FROM mentions m "
            "JOIN articles a ON a.id = m.article_id WHERE m.entity_id = ? AND m.role != '' "
            "GROUP BY m.role ORDER BY min(a.published), m.role",
            (eid,),
        )
    ]
    held = _career(conn, eid)
    # Who was met in person: a letter is no meeting.
    met: Counter[str] = Counter()
    for (other,) in conn.execute(
        "SELECT e.name FROM event_participants p "
        "JOIN event_participants q ON q.event_id = p.event_id "
        "JOIN events ev ON ev.id = p.event_id "
        "JOIN entities e ON e.id = q.entity_id WHERE p.entity_id = ? AND q.entity_id != ? "
        f"AND ev.type NOT IN ({','.join('?' * len(WRITTEN))})",
        (eid, eid, *sorted(WRITTEN)),
    ):
        met[other] += 1
    letters = _letters(conn, eid)
    total = conn.execute(
        "SELECT count(DISTINCT article_id) FROM mentions WHERE entity_id = ?", (eid,)
    ).fetchone()[0]
    articles = entity_articles(conn, eid, limit=limit, offset=offset)
    events = [
        {"article_id": a, "type": t, "date": d, "place": pl}
        for a, t, d, pl in conn.execute(
            "SELECT e.article_id, e.type, e.date, e.place FROM event_participants p "
            "JOIN events e ON e.id = p.event_id WHERE p.entity_id = ? ORDER BY e.date, e.id",
            (eid,),
        )
    ]
    quotes = [
        {"article_id": a, "text": t}
        for a, t in conn.execute(
            "SELECT article_id, text FROM quotes WHERE speaker_id = ? ORDER BY article_id, seq",
            (eid,),
        )
    ]
    return Dossier(
        eid, name, kind, variants, first, last, roles,
        [{"name": n, "events": c} for n, c in met.most_common(10)], articles, events, quotes,
        _most(letters["with"]), total, offset, [line.as_dict() for line in held],
        _most(letters["wrote to"]), _most(letters["received from"]), _most(letters["carried"]),
    )  # fmt: skip


def _part_column(conn: sqlite3.Connection, table: str = "p") -> str:
    """The column of a participant's part in a letter, or '' where a library of schema 6 or
    before, opened read-only, has none."""
    columns = {row[1] for row in conn.execute("PRAGMA table_info(event_participants)")}
    return f"{table}.part" if "part" in columns else "''"


def _most(counted: Counter[str]) -> list[dict]:
    return [{"name": n, "events": c} for n, c in counted.most_common(10)]


def _letters(conn: sqlite3.Connection, eid: int) -> dict[str, Counter[str]]:
    """An entity's letters and messages by direction: whom it wrote to, whom it received them
    from, whose it carried to whom ("from X to Y"), and those with others the text gives no
    direction for."""
    rows = conn.execute(
        f"SELECT p.event_id, {_part_column(conn)}, e.name, {_part_column(conn, 'q')} "
        "FROM event_participants p "
        "JOIN event_participants q ON q.event_id = p.event_id "
        "JOIN events ev ON ev.id = p.event_id "
        "JOIN entities e ON e.id = q.entity_id WHERE p.entity_id = ? AND q.entity_id != ? "
        f"AND ev.type IN ({','.join('?' * len(WRITTEN))}) ORDER BY p.event_id",
        (eid, eid, *sorted(WRITTEN)),
    ).fetchall()
    found: dict[str, Counter[str]] = {
        k: Counter() for k in ("wrote to", "received from", "carried", "with")
    }
    for _, grouped in groupby(rows, key=lambda row: row[0]):
        group = list(grouped)
        others = [(name, their) for _, _, name, their in group]
        mine = group[0][1]
        senders = [n for n, their in others if their == "sender"]
        addressees = [n for n, their in others if their == "addressee"]
        counted: list[str] = []
        if mine == "sender" and addressees:
            found["wrote to"].update(addressees)
            counted = addressees
        elif mine == "addressee" and senders:
            found["received from"].update(senders)
            counted = senders
        elif mine == "carrier" and (senders or addressees):
            found["carried"][
                f"from {', '.join(senders) or '?'} to {', '.join(addressees) or '?'}"
            ] += 1
            counted = senders + addressees
        if mine:  # those whose part is read too are placed: a carrier is no correspondent
            counted += [n for n, their in others if their]
        found["with"].update(n for n, _ in others if n not in counted)
    return found


def _career(conn: sqlite3.Connection, eid: int) -> list:
    """A person's career from the roles the articles give them, in the order written (the rules
    load the gazetteer: imported here, so that a search, which reads this module, does not)."""
    from dipterm.extract.offices import career

    return career(
        (article_id, published, [r for _, _, r in rows])
        for (article_id, published), rows in groupby(
            conn.execute(
                "SELECT m.article_id, a.published, m.role FROM mentions m JOIN articles a "
                "ON a.id = m.article_id WHERE m.entity_id = ? AND m.role != '' "
                "ORDER BY m.article_id, m.rowid",
                (eid,),
            ),
            key=lambda row: (row[0], row[1]),
        )
    )


@dataclass(frozen=True)
class Holder:
    """A person who held an office, and when the articles say so."""

    name: str
    office: str
    country: str
    first: str | None
    last: str | None
    articles: int
    wordings: tuple[str, ...]


def office_holders(conn: sqlite3.Connection, query: str, on: str | None = None) -> list[Holder]:
    """The people who held an office a query names ('foreign minister', 'premier of the
    Cabinet'), each office's span from their career, in the order they first held it; on a date
    only those whose span covers it."""
    from dipterm.extract.offices import OFFICE, matches, may_match, read_office, within_dates

    wanted = read_office(query)
    roles = [
        r for (r,) in conn.execute("SELECT DISTINCT role FROM mentions WHERE role != ''")
        if may_match(r, wanted)
    ]  # fmt: skip
    if not roles:
        return []
    marks = ",".join("?" * len(roles))
    people = conn.execute(
        f"SELECT DISTINCT e.id, e.name FROM mentions m JOIN entities e ON e.id = m.entity_id "
        f"WHERE e.kind = 'person' AND m.role IN ({marks})",
        roles,
    ).fetchall()
    found = [
        Holder(name, line.office, line.country, line.first, line.last, line.articles,
               tuple(line.wordings))
        for eid, name in people
        for line in _career(conn, eid)
        if line.kind == OFFICE and line.held and matches(line.held, wanted)
        and (on is None or within_dates(line, on))
    ]  # fmt: skip
    return sorted(found, key=lambda h: (h.first or "9999", h.name))


def article_extraction(conn: sqlite3.Connection, article_id: int) -> dict:
    """An article's extracted fields, in the shape `dipterm show --json` gives them."""
    by_kind: dict[str, dict[str, list[str]]] = {k: {} for k in ENTITY_KINDS}
    for name, kind, role in conn.execute(
        "SELECT e.name, e.kind, m.role FROM mentions m JOIN entities e ON e.id = m.entity_id "
        "WHERE m.article_id = ? ORDER BY m.rowid",
        (article_id,),
    ):
        held = by_kind[kind].setdefault(name, [])
        if role:
            held.append(role)
    events = []
    for eid, etype, date, precision, basis, place in conn.execute(
        "SELECT id, type, date, date_precision, date_basis, place FROM events WHERE article_id = ? "
        "ORDER BY seq",
        (article_id,),
    ):
        taking_part = conn.execute(
            f"SELECT e.name, {_part_column(conn)} FROM event_participants p "
            "JOIN entities e ON e.id = p.entity_id WHERE p.event_id = ? ORDER BY p.rowid",
            (eid,),
        ).fetchall()
        participants = [name for name, _ in taking_part]
        events.append(
            {
                "type": etype,
                "date": date,
                "date_precision": precision,
                "date_basis": basis,
                "place": place,
                "participants": participants,
                # who sent, got or carried a letter or message, where the text says
                "parts": {name: part for name, part in taking_part if part},
            }
        )
    quotes = [
        {"speaker": s, "text": t}
        for s, t in conn.execute(
            "SELECT speaker, text FROM quotes WHERE article_id = ? ORDER BY seq", (article_id,)
        )
    ]
    return {
        "people": [{"name": n, "roles": r} for n, r in by_kind["person"].items()],
        "organizations": [{"name": n} for n in by_kind["org"]],
        "places": [{"name": n} for n in by_kind["place"]],
        "countries": [{"name": n} for n in by_kind["country"]],
        "events": events,
        "quotes": quotes,
    }  # fmt: skip
