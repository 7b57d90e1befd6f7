"""Opening the user's library: which file, and building the default one from the bundle on first use."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from dipterm import config
from dipterm.errors import LibraryError
from dipterm.store.library import Library

if TYPE_CHECKING:  # the import itself is loaded only when a new library is built
    from dipterm.ingest.pipeline import ImportSummary, Progress

Announce = Callable[[str], None]


def bundled_inputs() -> list[str]:
    """What a new default library is built from: seeds/ and the corpora data/corpus/ ships."""
    inputs = [config.seeds_dir()] if config.seeds_dir().exists() else []
    corpus = config.data_dir() / "corpus"
    if corpus.is_dir():
        inputs += sorted(p for p in corpus.rglob("*") if p.suffix in (".json", ".jsonl", ".csv"))
    return [str(p) for p in inputs]


def open_library(
    explicit: str | None,
    *,
    must_exist: bool = False,
    announce: Announce | None = None,
    progress: Progress | None = None,
    extract: bool = True,
) -> Library:
    """The library named by --db, else $DIPTERM_DB, else the default one (built when new and empty).

    extract: find the people, places and events of a new default library before returning; the
    interface says False, shows the library searchable at once and extracts behind it."""
    path, is_default = config.library_path(explicit)
    if not is_default and must_exist and not path.exists():
        raise LibraryError(
            f"no library at {path} (make one with: dipterm --db {path} ingest FILES)"
        )
    library = Library.open(path, verdicts=config.cache_dir)  # named when a write asks
    if is_default and library.writable and library.is_empty():
        said = build_default(library, progress=progress)
        if extract:
            from dipterm.ingest.pipeline import reextract

            reextract(library, progress=progress, unextracted=True)
        if announce:
            announce(said)
    return library


def needs_building(path: Path) -> bool:
    """Whether the default library at path is still to be built from the bundle: it does not
    exist yet, or holds nothing (open_library builds it then)."""
    if not path.exists():
        return True
    with Library.open(path) as library:
        return library.writable and library.is_empty()


def build_default(
    library: Library, *, progress: Progress | None = None, workers: int | None = None
) -> str:
    """Import the bundle into the new default library, searchable and not extracted (reextract
    does that), as `dipterm ingest --later` would; returns what to tell the user of it."""
    from dipterm.ingest.pipeline import import_paths

    summary = import_paths(
        library, bundled_inputs(), progress=progress, extract=False, workers=workers
    )
    return f"Built your library at {library.path} from the bundled corpus: {_built(summary)}."


def _built(summary: ImportSummary) -> str:
    """What the first build did, in one line: the bundle's records without text are the
    headlines of KCNA's and Rodong Sinmun's photo and video items, not errors."""
    said = f"{summary.imported} articles"
    if summary.undated:
        said += f" ({summary.undated} without a date)"
    empty = sum(s.reason.endswith(" is empty") for s in summary.skipped)
    if empty:
        said += (
            f"; {empty} of its records, headlines of photo and video items without text, left out"
        )
    if len(summary.skipped) > empty:
        said += f"; {len(summary.skipped) - empty} records could not be read"
    return said
