"""Writing an export to a file: never over the library or any SQLite file, and never half-way:
the report is written beside its target and renamed over it (`whole_files`), so a full disk or a
kill leaves the previous report whole, and nothing of its own beside it once the next export ran."""

from __future__ import annotations

import contextlib
import errno
import os
from pathlib import Path

from dipterm import faults
from dipterm.errors import DiptermError
from dipterm.store.library import library_files
from dipterm.whole_files import written_whole

# How a file SQLite wrote starts: a database, or a write-ahead log (either byte order).
_SQLITE_HEADERS = (b"SQLite format 3\x00", b"\x37\x7f\x06\x82", b"\x37\x7f\x06\x83")


def write_report(target: str | os.PathLike[str], text: str, *, library: Path) -> Path:
    """Write text to target whole, or leave target as it was; the path written is returned."""
    path = Path(os.path.realpath(target))  # through a symlink to the file it names
    if not path.parent.is_dir():
        raise DiptermError(f"cannot write {target}: there is no folder {path.parent}")
    if path.is_dir():
        raise DiptermError(f"cannot write {target}: it is a folder")
    if path.exists():
        _refuse_database(path, target, library)
    data = text.encode("utf-8")
    try:
        with written_whole(path, _mode(path)) as out:
            out.write(data[: len(data) // 2])
            out.flush()
            faults.point("export:write")
            out.write(data[len(data) // 2 :])
    except OSError as exc:
        _cannot_write(target, exc)
        raise
    return path


def _refuse_database(path: Path, target: str | os.PathLike[str], library: Path) -> None:
    for companion in library_files(library):
        with contextlib.suppress(OSError):
            if companion.exists() and os.path.samefile(path, companion):
                raise DiptermError(
                    f"will not write the export over {target}: it is the library's own file"
                )
    try:
        with path.open("rb") as existing:  # not the library's file: its locks are not ours
            head = existing.read(16)
    except OSError:
        return  # unreadable: the write itself will say why, if it fails
    if head.startswith(_SQLITE_HEADERS):
        raise DiptermError(
            f"will not write the export over {target}: it is an SQLite database; choose another file"
        )


def _mode(path: Path) -> int:
    """The permissions of the report it replaces, else those a new file gets."""
    with contextlib.suppress(OSError):
        return path.stat().st_mode & 0o7777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _cannot_write(target: str | os.PathLike[str], exc: OSError) -> None:
    """Raise the failure to write as one line; a full disk goes up as itself, said once for
    every command by the CLI."""
    if exc.errno != errno.ENOSPC:
        raise DiptermError(f"cannot write {target}: {exc.strerror or exc}") from exc
