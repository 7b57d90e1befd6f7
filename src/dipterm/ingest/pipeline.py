"""Import: inputs -> drafts -> library, in batches committed one by one, with progress."""

from __future__ import annotations

import concurrent.futures
import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from itertools import islice
from typing import TypeVar

from dipterm import faults
from dipterm.extract.dates import DayOrder
from dipterm.extract.version import EXTRACTION_VERSION
from dipterm.ingest.files import (
    Item,
    Note,
    PageAsset,
    Skipped,
    Source,
    find_sources,
    leave_out,
    make_draft,
    read_items,
)
from dipterm.models import ArticleDraft, Extraction, PartialDate
from dipterm.store.library import AddOutcome, Library, Ready, ready

BATCH_SIZE = 500
T = TypeVar("T")
# (articles done so far, the origin at hand, the share of the work done where it is known)
Progress = Callable[[int, str, float | None], None]


@dataclass
class ImportSummary:
    imported: int = 0
    unchanged: int = 0
    merged: int = 0  # already held from another origin: stored once, the origin recorded
    revised: int = 0  # a new version of a held article; the one before kept as a revision
    missing: int = 0  # held articles a complete copy (--snapshot) lacks, marked missing
    dated: int = 0  # already held without a date, which this import gave
    undated: int = 0  # of those imported, the articles no date was found for
    page_assets: int = 0  # files of saved pages' asset folders, passed over
    skipped: list[Skipped] = field(default_factory=list)  # in the order of the inputs
    notes: list[Note] = field(default_factory=list)
    # For a snapshot: each outlet's first and last date among the articles read, and their ids.
    spans: dict[str, tuple[str, str, set[int]]] = field(default_factory=dict)

    def count(self, outcome: AddOutcome, draft: ArticleDraft) -> None:
        setattr(self, outcome.status, getattr(self, outcome.status) + 1)
        if outcome.status == "imported" and draft.published is None:
            self.undated += 1

    def saw(self, draft: ArticleDraft, article_id: int) -> None:
        if not (draft.source and draft.published):
            return
        day = draft.published.iso
        first, last, ids = self.spans.get(draft.source, (day, day, set()))
        ids.add(article_id)
        self.spans[draft.source] = (min(first, day), max(last, day), ids)

    @property
    def line(self) -> str:
        parts = [f"{self.imported} imported"]
        if self.undated:
            parts[0] += f" ({self.undated} without a date)"
        parts.append(f"{self.unchanged} unchanged")
        if self.merged:
            parts.append(f"{self.merged} already held from another source (origin recorded)")
        if self.revised:
            parts.append(f"{self.revised} revised (earlier versions kept)")
        if self.missing:
            parts.append(f"{self.missing} missing from the snapshot (marked, not deleted)")
        if self.dated:
            parts.append(f"{self.dated} held without a date now dated")
        if self.page_assets:
            parts.append(f"{self.page_assets} page assets ignored")
        parts.append(f"{len(self.skipped)} skipped")
        return ", ".join(parts)


def _items(
    sources: Iterable[Source | Skipped | PageAsset],
    summary: ImportSummary,
    mapping: dict[str, str],
    dates: DayOrder | None,
) -> Iterator[tuple[Item | Skipped, int]]:
    """Each item, or why one cannot be read, in the order of the inputs, with how many bytes of
    all the inputs were read once it was. A skip goes down the pipeline with the items, so that
    skips are reported in the order of the inputs whether reading or reading into an article
    found them."""
    before = 0  # the bytes of the inputs read through
    for source in sources:
        if isinstance(source, PageAsset):
            summary.page_assets += 1
            continue
        if isinstance(source, Skipped):
            yield source, before
            continue
        for item in read_items(source, mapping, dates):
            if isinstance(item, Note):
                summary.notes.append(item)
            else:
                yield item, before + (item.read_to if isinstance(item, Item) else 0)
        before += source.size or 0


def analyse(title: str, body: str, published: PartialDate | None) -> Extraction:
    """The extraction rules, loaded when first asked for: an import that only stores (--later,
    the interface's first start) is searchable sooner without them."""
    from dipterm.extract.analyse import analyse as rules

    return rules(title, body, published)


# Each item's draft (or why it was skipped), what storing it needs worked out (its content hash,
# url key, words), and what was extracted from it: nothing when extraction is off or the library
# held the article already.
Prepared = list[tuple[ArticleDraft | Skipped, Ready | None, Extraction | None]]


# The library an import adds to, as each process reads it, by its path and the process's id: a
# worker opens its own, and one forked never uses the connection of the process it came from.
_readers: dict[tuple[str, int], Library] = {}


def _reader(path: str) -> Library:
    key = (path, os.getpid())
    if key not in _readers:
        _readers[key] = Library.open(path, readonly=True)
    return _readers[key]


def _prepare(
    items: list[Item | Skipped], mapping: dict[str, str], extract: bool, library: str
) -> Prepared:
    """Drafts and extractions of items: the CPU work of an import, done in a worker. Articles the
    library holds already (committed before) are not extracted again: an import run a second
    time, or resumed after it stopped, goes through them at the speed of reading."""
    drafts = [make_draft(item, mapping) if isinstance(item, Item) else item for item in items]
    readied = [None if isinstance(d, Skipped) else ready(d) for d in drafts]
    held = _reader(library).held([r.digest for r in readied if r]) if extract else set()
    return [
        (
            draft,
            facts,
            None
            if facts is None or not extract or facts.digest in held
            else analyse(draft.title, draft.body, draft.published),
        )
        for draft, facts in zip(drafts, readied, strict=True)
    ]


def _analyse_drafts(drafts: list[ArticleDraft]) -> list[Extraction]:
    """Extractions of drafts: the CPU work of extracting again, done in a worker."""
    return [analyse(d.title, d.body, d.published) for d in drafts]


def _quiet_worker(parent: int) -> None:
    """Ctrl-C is the main process's to handle: a worker just stops with it. A worker dies with
    the process that started it, even by SIGKILL, rather than live on holding the library."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent()
    if os.getppid() != parent:  # it died before the wish was made
        os._exit(1)


_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    """Ask Linux for SIGKILL when the parent dies (prctl PR_SET_PDEATHSIG); elsewhere, a thread
    watches the parent and ends the worker when it is gone."""
    import sys

    if sys.platform.startswith("linux"):
        import ctypes

        try:
            libc = ctypes.CDLL(None, use_errno=True)
            if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0:
                return
        except (OSError, AttributeError):
            pass
    import threading
    import time

    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


IN_FLIGHT = 2  # batches being prepared while the one before is stored
MAX_WORKERS = 4


def free_cpus() -> int:
    """How many worker processes an import should start: the CPUs this process may run on less
    the ones other work keeps busy now (read from the kernel's idle time over a tenth of a
    second; the load average where that cannot be read, though it lags a minute behind and
    counts an import just finished as busy), at most MAX_WORKERS. Under 2 the work stays in this
    process: with a core busy elsewhere, a main process and two workers on two cores were slower
    than one process (1,004-1,075 against 1,186-1,213 real articles/s)."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cpus = os.cpu_count() or 1
    idle = _idle_share()
    if idle is not None:
        free = cpus * idle
    else:
        try:
            free = cpus - os.getloadavg()[0]
        except (AttributeError, OSError):
            free = float(cpus)
    return max(1, min(int(free + 0.5), MAX_WORKERS))


def _idle_share(window: float = 0.1) -> float | None:
    """The share of the machine's CPU time spent idle over window seconds (/proc/stat), or None
    where the kernel does not tell."""
    import time

    def read() -> tuple[int, int]:
        with open("/proc/stat", encoding="ascii") as stat:
            ticks = [int(v) for v in stat.readline().split()[1:]]
        return ticks[3] + (ticks[4] if len(ticks) > 4 else 0), sum(ticks)  # idle + iowait

    try:
        idle_before, total_before = read()
        time.sleep(window)
        idle_after, total_after = read()
    except (OSError, ValueError, IndexError):
        return None
    if total_after <= total_before:
        return None
    return (idle_after - idle_before) / (total_after - total_before)


class _Workers:
    """The CPU work on batches (work: a list in, a list as long out), in worker processes when
    there is enough to share.

    submit() returns at once and result() waits, so the main process reads and stores while the
    workers prepare. Small batches stay in one process, where starting workers would cost more."""

    CHUNK = 100

    def __init__(self, workers: int | None, work: Callable[[list], list]) -> None:
        self._workers = workers  # None: as many as CPUs are free when there is work to share
        self.work = work
        self.pool: concurrent.futures.ProcessPoolExecutor | None = None

    @property
    def workers(self) -> int:
        if self._workers is None:
            self._workers = free_cpus()  # read once, when a batch is large enough to share
        return self._workers

    def submit(self, batch: list) -> list:
        if len(batch) < self.CHUNK or self.workers < 2:
            return [self.work(batch)]
        if self.pool is None:
            method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
            self.pool = concurrent.futures.ProcessPoolExecutor(
                self.workers,
                mp_context=multiprocessing.get_context(method),
                initializer=_quiet_worker,
                initargs=(os.getpid(),),
            )
        return [
            self.pool.submit(self.work, batch[i : i + self.CHUNK])
            for i in range(0, len(batch), self.CHUNK)
        ]

    @staticmethod
    def result(pending: list) -> list:
        return [
            done
            for part in pending
            for done in (part.result() if isinstance(part, concurrent.futures.Future) else part)
        ]

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)

    def pipelined(
        self, batches: Iterable[tuple[list, T]], store: Callable[[list, T], None]
    ) -> None:
        """Each batch's work done while the one before is stored: store(its results, what came
        with it), batch after batch in order; the workers stop however it ends."""
        pending: deque[tuple[list, T]] = deque()
        try:
            for inputs, context in batches:
                pending.append((self.submit(inputs), context))
                if len(pending) >= IN_FLIGHT:
                    work, context = pending.popleft()
                    store(self.result(work), context)
            while pending:
                work, context = pending.popleft()
                store(self.result(work), context)
        finally:
            self.close()


def import_paths(
    library: Library,
    paths: Sequence[str],
    *,
    batch_size: int = BATCH_SIZE,
    progress: Progress | None = None,
    extract: bool = True,
    mapping: dict[str, str] | None = None,
    workers: int | None = None,
    snapshot: bool = False,
    dates: DayOrder | None = None,
) -> ImportSummary:
    """Import every article found in paths. Each batch is one transaction: a batch committed stays
    committed whatever happens after it, and running the same import again finishes the rest.

    snapshot: the inputs are a complete copy of each outlet they hold for the dates they span;
    held articles of those outlets and dates that they lack are marked missing. dates: how
    numeric dates ("03/02/2024") read, where the user said; else each file tells."""
    summary = ImportSummary()
    if progress:
        progress(0, "finding the articles…", None)
    sources = list(leave_out(find_sources(paths), library.files()))
    sizes = [s.size for s in sources if isinstance(s, Source)]
    total = sum(sizes) if sizes and None not in sizes else None  # standard input has no size
    items = _items(sources, summary, mapping or {}, dates)
    pool = _Workers(
        workers,
        partial(_prepare, mapping=mapping or {}, extract=extract, library=str(library.path)),
    )
    done = 0

    def batches() -> Iterator[tuple[list[Item | Skipped], int]]:  # with the bytes read through
        while batch := list(islice(items, batch_size)):
            yield [item for item, _ in batch], batch[-1][1]

    def store(prepared: Prepared, read: int) -> None:
        nonlocal done
        kept = [(d, r, x) for d, r, x in prepared if not isinstance(d, Skipped)]
        summary.skipped.extend(d for d, _, _ in prepared if isinstance(d, Skipped))
        if kept:
            drafts, readied, extractions = (list(column) for column in zip(*kept, strict=True))
            digests = [r.digest for r in readied]
            if extract:
                # Left out as held when the worker looked; extracted here if no longer so.
                unread = [k for k, x in enumerate(extractions) if x is None]
                held = library.held([digests[k] for k in unread]) if unread else set()
                for k in unread:
                    if digests[k] not in held:
                        d = drafts[k]
                        extractions[k] = analyse(d.title, d.body, d.published)
            outcomes = library.add(
                drafts,
                extractions if extract else None,
                extracted_with=EXTRACTION_VERSION,
                readied=readied,
            )
            for outcome, draft in zip(outcomes, drafts, strict=True):
                summary.count(outcome, draft)
                summary.saw(draft, outcome.article_id)
            # Events are dated against the article's date: those of an article an import dated
            # are found again.
            dated = [(o.article_id, d) for o, d in zip(outcomes, drafts, strict=True)
                     if o.status == "dated"]  # fmt: skip
            if extract and dated:
                library.replace_extraction(
                    [(i, d, analyse(d.title, d.body, d.published)) for i, d in dated],
                    EXTRACTION_VERSION,
                )
        done += len(prepared)
        faults.point("import:batch")  # the batch committed
        if progress and prepared:
            progress(done, prepared[-1][0].origin, min(read / total, 1.0) if total else None)

    _readers[(str(library.path), os.getpid())] = library  # work done here reads it itself
    try:
        pool.pipelined(batches(), store)
    finally:
        del _readers[(str(library.path), os.getpid())]
    if snapshot:
        for source, (first, last, seen) in summary.spans.items():
            summary.missing += len(library.mark_missing(source, first, last, seen))
    return summary


def reextract(
    library: Library,
    *,
    everything: bool = False,
    progress: Progress | None = None,
    workers: int | None = None,
    unextracted: bool = False,
) -> int:
    """Run the current extraction rules over articles extracted by older ones or not at all (or
    all; or, with unextracted, only those never extracted): the rules run in worker processes
    while the main process stores each batch, as at import."""
    done = 0
    # Rules versions count from 1: "older than 1" is never extracted.
    outdated = None if everything else 1 if unextracted else EXTRACTION_VERSION
    total = library.count_drafts(outdated_than=outdated)
    drafts = library.iter_drafts(outdated_than=outdated)
    pool = _Workers(workers, _analyse_drafts)

    def batches() -> Iterator[tuple[list[ArticleDraft], list[tuple[int, ArticleDraft]]]]:
        while batch := list(islice(drafts, BATCH_SIZE)):
            yield [d for _, d in batch], batch

    def store(extractions: list[Extraction], batch: list[tuple[int, ArticleDraft]]) -> None:
        nonlocal done
        library.replace_extraction(
            [(i, d, x) for (i, d), x in zip(batch, extractions, strict=True)], EXTRACTION_VERSION
        )
        done += len(batch)
        faults.point("extract:batch")  # the batch committed
        if progress:
            progress(done, batch[-1][1].title, min(done / total, 1.0) if total else None)

    pool.pipelined(batches(), store)
    return done
