"""Finding inputs: files, folders (recursively) and standard input, each read as one or more drafts."""

from __future__ import annotations

import errno
import io
import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import IO

from dipterm.errors import InputError
from dipterm.extract.dates import DateOrder, DayOrder
from dipterm.ingest import records
from dipterm.ingest.clean import one_line
from dipterm.ingest.decode import decode
from dipterm.ingest.text import parse_text
from dipterm.models import ArticleDraft

STDIN = "-"
STDIN_ORIGIN = "<stdin>"
# One article: a text file or a page of at most this many bytes, a record of at most this many
# characters (its fields together); corpora of records may be larger.
MAX_TEXT_BYTES = 5 * 1024 * 1024
FORMATS = {
    "": "text", ".txt": "text", ".text": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".tsv": "csv",
}  # fmt: skip
SUFFIXES = set(FORMATS)
_NOT_ARTICLES = re.compile(
    r"^(?:LICEN[CS]E|COPYING|README|NOTICE|AUTHORS|CHANGELOG|Makefile)", re.I
)


@dataclass(frozen=True)
class Skipped:
    """An input, or a record of one, that was not imported, and why."""

    origin: str
    reason: str


@dataclass(frozen=True)
class PageAsset:
    """A file of a saved page's asset folder ("page_files/app.js"): not an article, not an error."""

    origin: str


@dataclass(frozen=True)
class Note:
    """Something the user should know of an input that was imported (dates it could not read)."""

    origin: str
    text: str


@dataclass(frozen=True)
class Source:
    """One input to read: a file, or standard input."""

    origin: str
    path: Path | None  # None for standard input

    def open(self) -> IO[bytes]:
        if self.path is None:
            return io.BufferedReader(io.BytesIO(sys.stdin.buffer.read()))
        # Without blocking: a named pipe put where the file was found would wait for a writer
        # for ever. What was opened is checked to be a file before a byte is read.
        fd = os.open(self.path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
        try:
            why = _not_a_file(os.fstat(fd).st_mode)
            if why:
                raise InputError(why)
            os.set_blocking(fd, True)
            return os.fdopen(fd, "rb")
        except BaseException:
            os.close(fd)
            raise

    @property
    def format(self) -> str | None:
        return FORMATS.get(self.path.suffix.lower()) if self.path else None

    @cached_property
    def size(self) -> int | None:
        """Its bytes, where known before reading (not for standard input); asked once, both for
        the whole import's bytes and for those read through."""
        if self.path is None:
            return None
        try:
            return self.path.stat().st_size
        except OSError:
            return None


def find_sources(paths: Sequence[str]) -> Iterator[Source | Skipped | PageAsset]:
    """Each file named or found below a named folder, in a stable order; '-' is standard input."""
    for raw in paths:
        if raw == STDIN:
            yield Source(STDIN_ORIGIN, None)
            continue
        path = Path(raw).expanduser()
        why = _unreadable(path)
        if why:
            yield Skipped(str(path), why)
        elif path.is_dir() and _is_page_assets(path.resolve().name, _names(path.resolve().parent)):
            # Named with its page ("saved/*"): passed over as when found below a folder.
            yield from (PageAsset(str(Path(r) / n)) for r, _, names in os.walk(path) for n in names)
        elif path.is_dir():
            yield from _walk(path)
        else:
            yield Source(str(path.resolve()), path)


def _unreadable(path: Path) -> str | None:
    """Why path is neither a file nor a folder to read, without opening it; None if it is one."""
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "a symlink loop: not read"
        if exc.errno == errno.ENOENT:
            return "a broken symlink" if path.is_symlink() else "no such file or folder"
        return f"cannot read: {exc.strerror or exc}"
    return None if stat.S_ISDIR(mode) else _not_a_file(mode)


def _not_a_file(mode: int) -> str | None:
    """Why what has this mode is not read as an article file (it could block or never end)."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO), not a file: not read"
    if stat.S_ISSOCK(mode):
        return "a socket, not a file: not read"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device, not a file: not read"
    return "not a regular file"


def leave_out(
    sources: Iterable[Source | Skipped | PageAsset], files: Sequence[Path]
) -> Iterator[Source | Skipped | PageAsset]:
    """The sources, less any of the files given (the library being imported into and its
    journals): reading one would close a descriptor of it, which drops this process's locks."""
    names = {os.path.realpath(f) for f in files}
    held = {(s.st_dev, s.st_ino) for s in map(_stat, files) if s is not None}
    for source in sources:
        if isinstance(source, Source) and source.path is not None:
            found = _stat(source.path)
            if os.path.realpath(source.path) in names or (
                found is not None and (found.st_dev, found.st_ino) in held
            ):
                yield Skipped(source.origin, "the library itself, or a file SQLite keeps beside it")
                continue
        yield source


def _stat(path: Path) -> os.stat_result | None:
    try:
        return path.stat()
    except OSError:
        return None


def _names(folder: Path) -> list[str]:
    try:
        return os.listdir(folder)
    except OSError:
        return []


def _is_page_assets(folder: str, siblings: Sequence[str]) -> bool:
    """Whether a folder is the one a browser's "Save Page As… (complete)" puts beside the page:
    "Report_files" beside "Report.html"."""
    stem = folder.removesuffix("_files")
    return stem != folder and any(
        name.startswith(stem + ".") and FORMATS.get(Path(name).suffix.lower()) == "html"
        for name in siblings
    )


def _walk(folder: Path) -> Iterator[Source | Skipped | PageAsset]:
    def on_error(exc: OSError) -> None:
        raise InputError(f"cannot read {exc.filename}: {exc.strerror}")

    try:
        entries = list(os.walk(folder, onerror=on_error))
    except InputError as exc:
        yield Skipped(str(folder), str(exc).removeprefix(f"cannot read {folder}: "))
        return
    assets: list[Path] = []  # the asset folders of saved pages met so far
    for root, dirs, files in sorted(entries):
        if any(Path(root).is_relative_to(a) for a in assets):
            yield from (PageAsset(str(Path(root) / name)) for name in sorted(files))
            continue
        assets += [Path(root) / d for d in dirs if _is_page_assets(d, files)]
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            path = Path(root) / name
            if not path.suffix and _NOT_ARTICLES.match(name):
                continue  # a LICENSE or README beside the articles
            why = _unreadable(path)
            if why:
                yield Skipped(str(path), why)
            elif path.suffix.lower() in SUFFIXES:
                yield Source(str(path.resolve()), path)
            else:
                yield Skipped(str(path), f"not an article file ({path.suffix or 'no suffix'})")


def _sniff(head: bytes, handle: IO[bytes]) -> str:
    """The format of standard input, from how it starts (head: its first bytes). Standard input
    is held in memory, so its first records are read whole, however long, and the reading
    rewound."""
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:200].lower()
    if start.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<!--", b"<div", b"<p")):
        return "html"
    if start.startswith(b"["):
        return "json"
    if start.startswith(b"{"):
        # JSON Lines: a first line that is a whole object ("{" alone opens a JSON document laid
        # out on several lines), and another object on a line after it.
        at = handle.tell()
        lines = (line.strip() for line in handle)
        first, second = (next((x for x in lines if x), b"") for _ in range(2))
        handle.seek(at)
        return "jsonl" if first.endswith(b"}") and second.startswith(b"{") else "json"
    return "text"


@dataclass(frozen=True)
class Item:
    """One article as read, before any cleaning: a record, or the bytes of a text file or page.

    Reading (I/O) and making drafts (CPU) are apart, so that drafts can be made in worker processes.
    """

    origin: str
    kind: str  # record, text, html
    payload: object  # a dict for a record, bytes for a file
    read_to: int = 0  # how many bytes of its input were read once it was (for progress)
    date_order: DayOrder | None = None  # how the numeric dates of its file read


def read_items(
    source: Source, mapping: dict[str, str] | None = None, dates: DayOrder | None = None
) -> Iterator[Item | Skipped | Note]:
    """What one input holds. A file that cannot be read at all gives one Skipped. dates: how
    numeric dates read ("15/02/2024"), where the user said; else each file's own tell."""
    mapping = mapping or {}
    order = DateOrder()
    try:
        with source.open() as handle:
            head = handle.peek(4096)[:4096] if hasattr(handle, "peek") else b""
            kind = source.format or _sniff(head, handle)
            if kind in ("text", "html"):
                data = handle.read(MAX_TEXT_BYTES + 1)
                if len(data) > MAX_TEXT_BYTES:
                    raise InputError(_TOO_LARGE)
                if not data.strip():
                    raise InputError("empty file")
                yield Item(source.origin, kind, data, handle.tell())
                return
            if not head.strip():
                raise InputError("empty file")
            reader = {"json": records.read_json, "jsonl": records.read_jsonl}.get(
                kind, records.read_csv
            )
            for origin, record, reason in reader(handle, source.origin, mapping, order):
                if record is None:
                    yield Skipped(origin, reason or "unusable record")
                elif _record_size(record) > MAX_TEXT_BYTES:
                    yield Skipped(origin, _TOO_LARGE)
                else:
                    yield Item(origin, "record", record, handle.tell(), dates or order.order)
            if dates is None and order.problem():
                yield Note(source.origin, order.problem())  # type: ignore[arg-type]
    except InputError as exc:
        yield Skipped(source.origin, str(exc))
    except OSError as exc:
        yield Skipped(source.origin, f"cannot read: {exc.strerror or exc}")


_TOO_LARGE = f"too large for one article (over {MAX_TEXT_BYTES >> 20} MB)"


def _record_size(value: object) -> int:
    """A record's characters, its text fields together, those in lists (a body given as a list
    of paragraphs) and nested objects too."""
    if isinstance(value, str):
        return len(value)
    if isinstance(value, dict):
        return sum(_record_size(v) for v in value.values())
    if isinstance(value, list):
        return sum(_record_size(v) for v in value)
    return 0


def make_draft(item: Item, mapping: dict[str, str] | None = None) -> ArticleDraft | Skipped:
    """An item cleaned and read into an article, or why it cannot be one."""
    try:
        draft = _draft(item, mapping or {})
    except InputError as exc:
        return Skipped(item.origin, str(exc))
    except Exception as exc:
        if item.kind != "record":
            raise
        # A record is a stranger's data: whatever one holds that the reading of it did not
        # foresee loses that record, named with the reason, not the import.
        return Skipped(item.origin, f"unreadable record ({type(exc).__name__}: {exc})")
    return clean_fields(draft)


def _draft(item: Item, mapping: dict[str, str]) -> ArticleDraft:
    if item.kind == "record":
        return records.draft_from_record(
            item.payload,  # type: ignore[arg-type]
            item.origin,
            mapping,
            item.date_order,
        )
    text = decode(item.payload)  # type: ignore[arg-type]
    if item.kind == "html":
        from dipterm.ingest.html import parse_html

        return parse_html(text, item.origin)
    draft = parse_text(text, item.origin)
    from dipterm.ingest.language import detect_language

    draft.lang = detect_language(draft.body)
    return draft


def clean_fields(draft: ArticleDraft) -> ArticleDraft:
    """The one-line fields of a draft as its body is cleaned: no controls, escapes or bidi
    overrides, no tabs or newlines (the body and title are cleaned where they are read)."""

    def line(value: str | None) -> str | None:
        return (one_line(value) or None) if value is not None else None

    draft.title = one_line(draft.title)
    draft.origin = one_line(draft.origin)
    draft.source, draft.byline = line(draft.source), line(draft.byline)
    draft.url, draft.lang = line(draft.url), line(draft.lang)
    draft.urls = [u for u in map(one_line, draft.urls) if u]
    return draft
