"""Whether a library file is undamaged before dipterm writes to it, without reading the whole file
each time: SQLite's quick_check reads every page (about 2 ms a MB), so its verdict is kept, with
the file's fingerprint, in the cache folder, and a check runs again only when the file is not as
dipterm last left it sound, or the verdict is a day old.

A write of dipterm's own goes through SQLite and leaves the file sound; anything else that
changes the file (another program, a copy over it, a truncation, an editor) changes its size,
modification or status-change time, or inode, and the next write checks it in full. Damage that
changes none of them (a failing disk) is met by SQLite as it reads the page (SQLITE_CORRUPT,
said with the doctor hint) or by the full check within a day.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import time
from pathlib import Path

MAX_AGE = 24 * 3600  # seconds a kept verdict stands without a full check


def check(conn: sqlite3.Connection) -> bool:
    """Whether SQLite finds the file undamaged: PRAGMA quick_check, which reads every page once."""
    try:
        rows = conn.execute("PRAGMA quick_check(1)").fetchall()
    except sqlite3.DatabaseError:
        return False
    return [tuple(row) for row in rows] == [("ok",)]


def fingerprint(library: Path) -> list[list[int] | None]:
    """What changes when anything writes the library's file or its write-ahead log (an empty log,
    which opening the library makes, is no log)."""
    prints: list[list[int] | None] = []
    for path in (library, Path(f"{library}-wal")):
        try:
            st = os.stat(path)
        except FileNotFoundError:
            st = None
        if st is None or (path != library and st.st_size == 0):
            prints.append(None)
        else:
            prints.append([st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns])
    return prints


def _verdict_path(library: Path, cache: Path) -> Path:
    name = hashlib.sha256(str(library.resolve()).encode()).hexdigest()[:16]
    return cache / f"sound-{name}.json"


def known_sound(library: Path, cache: Path) -> bool:
    """Whether the file is as dipterm last left it sound, less than a day ago."""
    try:
        kept = json.loads(_verdict_path(library, cache).read_text(encoding="utf-8"))
        fresh = 0 <= time.time() - kept["checked"] < MAX_AGE
        return fresh and kept["fingerprint"] == fingerprint(library)
    except (OSError, ValueError, KeyError, TypeError):
        return False


def remember_sound(library: Path, cache: Path, *, checked: float | None = None) -> None:
    """Keep that the file, as it is now, is sound: checked then (now, by default), or written
    since by dipterm alone. A cache folder that cannot be written only means a check next time."""
    from dipterm.whole_files import written_whole

    path = _verdict_path(library, cache)
    record = {"checked": checked or time.time(), "fingerprint": fingerprint(library)}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with written_whole(path, sync=False) as out:
            out.write(json.dumps(record).encode("utf-8"))
    except OSError:
        pass


def checked_at(library: Path, cache: Path) -> float | None:
    """When the kept verdict's full check ran, if one is kept."""
    try:
        kept = json.loads(_verdict_path(library, cache).read_text(encoding="utf-8"))
        return float(kept["checked"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def forget(library: Path, cache: Path) -> None:
    """Drop the kept verdict (the file was found damaged, or doctor asks afresh)."""
    with contextlib.suppress(OSError):
        _verdict_path(library, cache).unlink()
