"""The interface's one door to the library: every call is serialised, so workers in threads can
share one connection, and nothing in the widgets speaks SQL."""

from __future__ import annotations

import sqlite3
import threading
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

# Typo correction as you type needs rapidfuzz: load it with the interface (about 15 ms), not at
# the first misspelt letter. The one-line search loads it only when a word needs correcting.
import rapidfuzz.distance  # noqa: F401
import rapidfuzz.process  # noqa: F401

from dipterm.errors import DiptermError
from dipterm.models import Article, Hit
from dipterm.store.library import Library, Sort
from dipterm.store.search import Plan

PAGE = 60  # a screenful and more: the rest loads as the cursor nears the end
# Ranking costs FTS5 about 2 microseconds a match on this kind of machine: a word found in more
# articles than this is listed newest first at once while the ranking runs (see browse).
RANK_LATER = 20_000
CONCORDANCE_LINES = 2_000  # a screen's worth many times over; the CLI's dipterm kwic gives all


@dataclass(frozen=True)
class Results:
    """One page of what the list shows, and what the status line says of it."""

    query: str
    hits: list[Hit]
    total: int
    corrections: list[str]
    error: str | None = None
    offset: int = 0
    label: str = ""  # "Selection: russia", "Saved search lavrov: new since 2026-11-20"
    ranking: bool = False  # newest first for now: the ranked page is still to come
    note: str = ""  # what else the status line says of the list ("2 in earlier versions only")
    plan: Plan | None = field(default=None, repr=False, compare=False)  # what ranked() reads


class LibraryService:
    def __init__(self, path: Path) -> None:
        from dipterm import config

        self.path = path
        self.verdicts = config.cache_dir()
        self.library = Library.open(path, verdicts=self.verdicts)
        self._lock = threading.RLock()
        # The list's searches, and the facets and timeline, read on connections of their own, so
        # that a new query can interrupt what still runs for the one before (ranking a word found
        # in most of a million articles takes seconds) without touching an article being opened.
        self.lists = Library.open(path)
        self._lists_lock = threading.Lock()
        self.overview = Library.open(path)
        self._overview_lock = threading.Lock()
        self._title_ids = None  # a numpy array of the ids, beside the title index
        self._title_index = None

    def close(self) -> None:
        self.interrupt()
        with self._lock, self._lists_lock, self._overview_lock:
            # The writing connection last: the file is then as it leaves it, sound if it was.
            self.lists.close()
            self.overview.close()
            self.library.close()

    def check_soundness(self) -> None:
        """Whether the file is undamaged, asked before the first write needs it and on a
        connection of its own: a full check reads the whole file (`soundness`), which the
        interface's thread must not wait for, nor the articles opened meanwhile."""
        if not self.library.writable:
            return
        try:
            with Library.open(self.path, readonly=True, verdicts=self.verdicts) as checker:
                sound = checker.is_sound()
        except (DiptermError, sqlite3.Error):
            return  # the first write checks for itself, and says what it finds
        with self._lock:
            self.library.adopt_soundness(sound, time.time())

    def interrupt(self) -> None:
        """Stop the searches, facets and timeline under way: their answers are no longer wanted."""
        self.lists.conn.interrupt()
        self.overview.conn.interrupt()

    def refresh(self) -> None:
        """Forget cached titles, so articles imported meanwhile are seen."""
        with self._lock:
            self._title_index = None

    def browse(
        self,
        query: str,
        *,
        sort: Sort = "rank",
        offset: int = 0,
        limit: int = PAGE,
    ) -> Results | None:
        """A page of the list for query, and the count; None if interrupted (see interrupt).

        A word in most articles takes a while to rank (seconds at a million articles): its first
        page comes newest first at once, marked ranking, for the caller to ask ranked() next."""
        with self._lists_lock:
            try:
                sort_used: Sort = sort if query.strip() or sort != "rank" else "date"
                plan = self.lists.plan(query or None)  # once: the page and the count share it
                total = self.lists.count_matching(plan) if offset == 0 else -1
                if plan.match and total >= 0:
                    plan.estimate = total  # exact, where the vocabulary's was a bound
                ranking = sort_used == "rank" and total > RANK_LATER and self.lists.is_common(plan)
                result = self.lists.search(  # the list shows no snippets: none are made
                    plan,
                    limit=limit,
                    offset=offset,
                    sort="date" if ranking else sort_used,
                    snippets=False,
                )
            except (DiptermError, sqlite3.OperationalError) as exc:
                if _interrupted(exc):
                    return None
                return Results(query, [], 0, [], str(exc))
            return Results(
                query,
                result.hits,
                total,
                [str(c) for c in result.corrections],
                offset=offset,
                ranking=ranking,
                plan=plan if ranking else None,
            )

    def with_earlier_versions(self, results: Results) -> Results:
        """results with, first, the articles whose words only an earlier version held (titles
        marked so), and corrections saying how many; as they were for a first page of nothing."""
        if not results.query.strip() or results.offset or results.error:
            return results
        from dipterm.store.revisions import earlier_hits

        with self._lists_lock:
            try:
                earlier = earlier_hits(self.lists, results.query, limit=PAGE)
            except (DiptermError, sqlite3.OperationalError):
                return results
        if not earlier:
            return replace(results, note="none more in earlier versions")
        marked = [
            replace(hit, title=f"{hit.title} (earlier version {number} only)")
            for hit, number in earlier
        ]
        return replace(
            results,
            hits=[*marked, *results.hits],
            total=results.total + len(marked),
            note=f"{len(marked)} in earlier versions only, listed first",
        )

    def ranked(self, results: Results) -> Results | None:
        """The ranked page of results that browse listed newest first meanwhile, read with the
        same plan and count; None if interrupted."""
        if results.plan is None:
            return results  # not marked ranking: already as ranked as it will be
        with self._lists_lock:
            try:
                found = self.lists.search(results.plan, limit=PAGE, snippets=False)
            except (DiptermError, sqlite3.OperationalError) as exc:
                if _interrupted(exc):
                    return None
                return replace(results, hits=[], error=str(exc), ranking=False, plan=None)
        return replace(results, hits=found.hits, ranking=False, plan=None)

    @property
    def title_index_ready(self) -> bool:
        """Whether the titles are read for filtering (the first filter reads them all)."""
        return self._title_index is not None

    def title_filter(self, text: str, limit: int = 500) -> Results:
        """Titles nearest to what is typed, like fzf (see TitleIndex). The first call reads every
        title, and builds their index or loads the one kept from a session before; only the ids
        are kept beside it (7 MB for a million; their rows with dates and sources took 342 MB),
        and the rows of the titles shown are read when shown."""
        from dipterm.config import cache_dir
        from dipterm.store.title_cache import title_index

        with self._lock:
            if self._title_index is None:
                self._title_ids, self._title_index = title_index(
                    self.library.titles, self.path, cache_dir()
                )
            ids, index = self._title_ids, self._title_index
        typed = bool(text.strip())
        scores: dict[int, float] = {}
        corrections: list[str] = []
        if typed:
            # A Korean name in another romanisation is filtered as the library spells it.
            # (An ambiguous one, as each of the library's people it may be: the best of each.)
            with self._lock:
                texts, fixed = self.library.romanised_texts(text)
            corrections = [str(c) for c in fixed]
            found: dict[int, float] = {}
            for spelt in texts:
                for i, score in index.filter(spelt, limit):
                    found[i] = max(score, found.get(i, 0.0))
            best = sorted(found.items(), key=lambda hit: -hit[1])[:limit]
            shown = ids[[i for i, _ in best]].tolist()
            scores = dict(zip(shown, (score for _, score in best), strict=True))
        else:  # every title, newest first
            shown = ids[:limit].tolist()
        with self._lock:
            rows = self.library.listing(shown)
        hits = [Hit(*row, scores.get(row[0], 0.0), "") for row in rows]
        return Results(text, hits, len(hits) if typed else len(ids), corrections)

    def facets(self, query: str) -> dict:
        with self._overview_lock:
            try:
                return self.overview.facets(query or None)
            except (DiptermError, sqlite3.OperationalError):
                return {}  # interrupted, or a query that cannot run

    def timeline(self, query: str) -> list[tuple[str, int]]:
        with self._overview_lock:
            try:
                return self.overview.timeline(query or None)
            except (DiptermError, sqlite3.OperationalError):
                return []

    def trend(self, queries: list[str], by: str):
        """How often each query matched per period (store.wording.Trend); errors as DiptermError."""
        from dipterm.store.wording import trend

        with self._overview_lock:
            return trend(self.overview, queries, by=by)  # type: ignore[arg-type]

    def concordance(self, query: str, limit: int = CONCORDANCE_LINES):
        """The query's occurrences in context, oldest first (store.wording.Concordance)."""
        from dipterm.store.wording import concordance

        with self._overview_lock:
            return concordance(self.overview, query, width=60, limit=limit)

    def history(self, article_id: int):
        """Every version of an article, oldest first (store.revisions.History)."""
        with self._lock:
            return self.library.history(article_id)

    def awaiting_extraction(self) -> int:
        with self._lock:
            return self.library.awaiting_extraction()

    def article(self, article_id: int) -> tuple[Article, dict]:
        with self._lock:
            return self.library.article(article_id), self.library.extraction(article_id)

    def dossier(self, name: str):
        """A dossier with its first page of articles; entity_articles gives the pages after."""
        with self._lock:
            return self.library.dossier(name, limit=PAGE)

    def entity_articles(self, eid: int, offset: int) -> list[dict]:
        with self._lock:
            return self.library.entity_articles(eid, limit=PAGE, offset=offset)

    def office_holders(self, office: str) -> list:
        with self._lock:
            return self.library.office_holders(office)

    def selections(self) -> list[str]:
        with self._lock:
            return [s.name for s in self.library.selections()]

    def selection(self, name: str) -> Results:
        with self._lock:
            ids = self.library.selection(name)
            hits = [
                Hit(a.id, a.title, a.source, a.published, 0.0, "")
                for a in self.library.articles(ids)
            ]
        return Results("", hits, len(hits), [], label=f"Selection: {name}")

    def save_selection(self, name: str, ids: list[int]) -> int:
        with self._lock:
            return self.library.add_to_selection(name, ids)

    def watches(self) -> list[tuple[str, str]]:
        with self._lock:
            return [(w.name, w.query) for w in self.library.watches()]

    def run_watch(self, name: str) -> Results:
        with self._lock:
            watch, result = self.library.run_watch(name)
        label = f"Saved search {name} ({watch.query}): new since {watch.last_run_at or 'the start'}"
        return Results(watch.query, result.hits, len(result.hits), [], label=label)

    def export_markdown(self, ids: list[int], heading: str, path: Path) -> int:
        from dipterm.export.items import ExportSet, gather
        from dipterm.export.markdown import render
        from dipterm.export.output import write_report

        with self._lock:
            chosen = gather(self.library, ids=ids)
        chosen = ExportSet(heading, chosen.basis, chosen.items)
        # Whole or not at all, and never over the library this service holds open.
        write_report(path.expanduser(), render(chosen), library=self.library.path)
        return len(chosen.items)


def _interrupted(exc: Exception) -> bool:
    """Whether a query failed because interrupt() stopped it (SQLite says "interrupted", which
    the library passes on in its own error)."""
    return "interrupted" in str(exc)
