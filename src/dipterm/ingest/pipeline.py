"""Import: inputs -> drafts -> library, in batches committed one by one, with progress."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice

from dipterm.extract.analyse import EXTRACTION_VERSION, analyse
from dipterm.ingest.files import Skipped, Source, find_sources, read_drafts
from dipterm.models import ArticleDraft
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


def _drafts(sources: Iterable[Source | Skipped], skipped: list[Skipped]) -> Iterator[ArticleDraft]:
    for source in sources:
        if isinstance(source, Skipped):
            skipped.append(source)
            continue
        for item in read_drafts(source):
            if isinstance(item, Skipped):
                skipped.append(item)
            else:
                yield item


def import_paths(
    library: Library,
    paths: Sequence[str],
    *,
    batch_size: int = BATCH_SIZE,
    progress: Progress | None = None,
    keep_outcomes: bool = False,
    extract: bool = True,
) -> ImportSummary:
    """Import every article found in paths. Each batch is one transaction: a batch committed stays
    committed whatever happens after it, and running the same import again finishes the rest."""
    summary = ImportSummary()
    drafts = _drafts(find_sources(paths), summary.skipped)
    done = 0
    while batch := list(islice(drafts, batch_size)):
        extractions = [analyse(d.title, d.body, d.published) for d in batch] if extract else None
        for outcome in library.add(batch, extractions, extracted_with=EXTRACTION_VERSION):
            summary.count(outcome)
            if keep_outcomes:
                summary.outcomes.append(outcome)
        done += len(batch)
        if progress:
            progress(done, batch[-1].origin)
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
