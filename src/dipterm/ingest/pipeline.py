"""Import: inputs -> drafts -> library, in batches committed one by one, with progress."""

from __future__ import annotations

import concurrent.futures
import multiprocessing
import os
import signal
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice

from dipterm.extract.analyse import EXTRACTION_VERSION, analyse
from dipterm.ingest.files import Skipped, Source, find_sources, read_drafts
from dipterm.models import ArticleDraft, Extraction
from dipterm.store.library import AddOutcome, Library

BATCH_SIZE = 500
Progress = Callable[[int, str], None]  # (articles done so far, the origin at hand)


@dataclass
class ImportSummary:
    imported: int = 0
    unchanged: int = 0
    merged: int = 0  # already held from another origin: stored once, the origin recorded
    skipped: list[Skipped] = field(default_factory=list)
    outcomes: list[AddOutcome] = field(default_factory=list)

    def count(self, outcome: AddOutcome) -> None:
        setattr(self, outcome.status, getattr(self, outcome.status) + 1)

    @property
    def line(self) -> str:
        parts = [f"{self.imported} imported", f"{self.unchanged} unchanged"]
        if self.merged:
            parts.append(f"{self.merged} already held from another source (origin recorded)")
        parts.append(f"{len(self.skipped)} skipped")
        return ", ".join(parts)


def _drafts(
    sources: Iterable[Source | Skipped], skipped: list[Skipped], mapping: dict[str, str]
) -> Iterator[ArticleDraft]:
    for source in sources:
        if isinstance(source, Skipped):
            skipped.append(source)
            continue
        for item in read_drafts(source, mapping):
            if isinstance(item, Skipped):
                skipped.append(item)
            else:
                yield item


def _quiet_worker() -> None:
    """Ctrl-C is the main process's to handle: a worker just stops with it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _analyse_many(drafts: list[ArticleDraft]) -> list[Extraction]:
    return [analyse(d.title, d.body, d.published) for d in drafts]


class _Extractor:
    """Extraction of batches, in worker processes when there is enough work to share.

    The main process reads and stores while the workers extract: submit() returns at once and
    result() waits. Small imports stay in one process, where starting workers would cost more."""

    CHUNK = 100

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self.pool: concurrent.futures.ProcessPoolExecutor | None = None

    def submit(
        self, batch: list[ArticleDraft]
    ) -> list[concurrent.futures.Future] | list[Extraction]:
        if self.workers < 2 or len(batch) < self.CHUNK:
            return _analyse_many(batch)
        if self.pool is None:
            method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
            self.pool = concurrent.futures.ProcessPoolExecutor(
                self.workers,
                mp_context=multiprocessing.get_context(method),
                initializer=_quiet_worker,
            )
        return [
            self.pool.submit(_analyse_many, batch[i : i + self.CHUNK])
            for i in range(0, len(batch), self.CHUNK)
        ]

    @staticmethod
    def result(pending: list) -> list[Extraction]:
        if pending and isinstance(pending[0], concurrent.futures.Future):
            return [x for future in pending for x in future.result()]
        return pending

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)


def import_paths(
    library: Library,
    paths: Sequence[str],
    *,
    batch_size: int = BATCH_SIZE,
    progress: Progress | None = None,
    keep_outcomes: bool = False,
    extract: bool = True,
    mapping: dict[str, str] | None = None,
    workers: int | None = None,
) -> ImportSummary:
    """Import every article found in paths. Each batch is one transaction: a batch committed stays
    committed whatever happens after it, and running the same import again finishes the rest."""
    summary = ImportSummary()
    drafts = _drafts(find_sources(paths), summary.skipped, mapping or {})
    extractor = _Extractor(workers if workers is not None else min(os.cpu_count() or 1, 4))
    done = 0
    pending: tuple[list[ArticleDraft], list] | None = None
    try:
        while True:
            batch = list(islice(drafts, batch_size))  # read on while the workers extract
            if pending is not None:
                previous, work = pending
                extractions = extractor.result(work) if extract else None
                for outcome in library.add(
                    previous, extractions, extracted_with=EXTRACTION_VERSION
                ):
                    summary.count(outcome)
                    if keep_outcomes:
                        summary.outcomes.append(outcome)
                done += len(previous)
                if progress:
                    progress(done, previous[-1].origin)
            if not batch:
                break
            pending = (batch, extractor.submit(batch) if extract else [])
    finally:
        extractor.close()
    return summary


def reextract(
    library: Library, *, everything: bool = False, progress: Progress | None = None
) -> int:
    """Run the current extraction rules again over articles extracted by older ones (or all)."""
    done = 0
    pending = library.iter_drafts(outdated_than=None if everything else EXTRACTION_VERSION)
    while batch := list(islice(pending, BATCH_SIZE)):
        library.replace_extraction(
            [(i, d, analyse(d.title, d.body, d.published)) for i, d in batch], EXTRACTION_VERSION
        )
        done += len(batch)
        if progress:
            progress(done, batch[-1][1].title)
    return done
