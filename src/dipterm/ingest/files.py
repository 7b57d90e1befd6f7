"""Finding inputs: files, folders (recursively) and standard input, each read as one or more drafts."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from dipterm.errors import InputError
from dipterm.ingest.decode import decode
from dipterm.ingest.text import parse_text
from dipterm.models import ArticleDraft

STDIN = "-"
STDIN_ORIGIN = "<stdin>"
MAX_TEXT_BYTES = 5 * 1024 * 1024  # one article; corpora of records may be larger
TEXT_SUFFIXES = {"", ".txt", ".text"}
SUFFIXES = TEXT_SUFFIXES


@dataclass(frozen=True)
class Skipped:
    """An input, or a record of one, that was not imported, and why."""

    origin: str
    reason: str


@dataclass(frozen=True)
class Source:
    """One input to read: a file, or standard input."""

    origin: str
    path: Path | None  # None for standard input

    def read_bytes(self) -> bytes:
        if self.path is None:
            return sys.stdin.buffer.read()
        return self.path.read_bytes()


def find_sources(paths: Sequence[str]) -> Iterator[Source | Skipped]:
    """Each file named or found below a named folder, in a stable order; '-' is standard input."""
    for raw in paths:
        if raw == STDIN:
            yield Source(STDIN_ORIGIN, None)
            continue
        path = Path(raw).expanduser()
        if path.is_dir():
            yield from _walk(path)
        elif path.is_file():
            yield Source(str(path.resolve()), path)
        elif path.exists():
            yield Skipped(str(path), "not a regular file")
        else:
            yield Skipped(str(path), "no such file or folder")


def _walk(folder: Path) -> Iterator[Source | Skipped]:
    def on_error(exc: OSError) -> None:
        raise InputError(f"cannot read {exc.filename}: {exc.strerror}")

    try:
        entries = list(os.walk(folder, onerror=on_error))
    except InputError as exc:
        yield Skipped(str(folder), str(exc).removeprefix(f"cannot read {folder}: "))
        return
    for root, dirs, files in sorted(entries):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            path = Path(root) / name
            if path.suffix.lower() in SUFFIXES:
                yield Source(str(path.resolve()), path)
            else:
                yield Skipped(str(path), f"not an article file ({path.suffix or 'no suffix'})")


def read_drafts(source: Source) -> Iterator[ArticleDraft | Skipped]:
    """The articles in one input. A file that cannot be read at all gives one Skipped."""
    try:
        if source.path is not None and source.path.stat().st_size > MAX_TEXT_BYTES:
            size = source.path.stat().st_size / 1024 / 1024
            raise InputError(
                f"too large for one article ({size:.0f} MB; at most {MAX_TEXT_BYTES >> 20} MB)"
            )
        data = source.read_bytes()
        if not data.strip():
            raise InputError("empty file")
        yield parse_text(decode(data), source.origin)
    except InputError as exc:
        yield Skipped(source.origin, str(exc))
    except OSError as exc:
        yield Skipped(source.origin, f"cannot read: {exc.strerror}")
