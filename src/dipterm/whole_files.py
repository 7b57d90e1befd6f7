"""Files written whole or not at all: into a hidden part beside the target, renamed over it.

The part is locked while it is written. A part left by a writer that was killed (SIGKILL, a power
cut) is unlocked, and the next write to the same target removes it; one whose writer is still at
work is left alone. SIGTERM and SIGHUP in the middle of a write (from the main thread) remove the
part before the process ends as they would have ended it.
"""

from __future__ import annotations

import contextlib
import os
import signal
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

try:
    import fcntl
except ImportError:  # no advisory locks: parts of killed writers stay
    fcntl = None  # type: ignore[assignment]

_ENDING_SIGNALS = tuple(
    s for s in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None)) if s
)


def part_pattern(path: Path) -> str:
    """The glob that finds the parts of writes to path, in its folder."""
    return f".{path.name}.*.part"


def remove_stale_parts(path: Path) -> int:
    """Remove the parts of earlier writes to path whose writers are gone; how many went."""
    if fcntl is None:
        return 0
    removed = 0
    for part in path.parent.glob(part_pattern(path)):
        try:
            fd = os.open(part, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        except OSError:
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            continue  # its writer holds it: still at work
        try:
            part.unlink()
            removed += 1
        except OSError:
            pass
        finally:
            os.close(fd)  # closing lets go of the lock
    return removed


def _locked_part(path: Path) -> tuple[int, str]:
    """A new part beside path, open and locked. A part another writer's clean-up removed between
    its creation and the lock has no name left: another is made."""
    while True:
        fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
        if fcntl is None:
            return fd, name
        fcntl.flock(fd, fcntl.LOCK_EX)
        if os.fstat(fd).st_nlink > 0:
            return fd, name
        os.close(fd)


@contextlib.contextmanager
def _removed_on_ending_signals(part: str) -> Iterator[None]:
    """SIGTERM or SIGHUP while the block runs removes the part, then ends the process as the
    handler it replaced would (the default: ended by that signal)."""
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread may set handlers; a part left is removed next time
        return
    previous = {s: signal.getsignal(s) for s in _ENDING_SIGNALS}

    def remove_then_end(signum: int, frame: object) -> None:
        with contextlib.suppress(OSError):
            os.unlink(part)
        for s, handler in previous.items():
            signal.signal(s, handler)
        signal.raise_signal(signum)

    for s, handler in previous.items():
        if handler is not signal.SIG_IGN and handler is not None:
            signal.signal(s, remove_then_end)
    try:
        yield
    finally:
        for s, handler in previous.items():
            if handler is not None:
                signal.signal(s, handler)


@contextlib.contextmanager
def written_whole(path: Path, mode: int | None = None, *, sync: bool = True) -> Iterator[BinaryIO]:
    """A file to write path's new content into; when the block ends it replaces path (with the
    permissions mode, if given; on the disk first, if sync), and when the block raises it is
    removed and path left as it was. OSError from making the part goes up as itself."""
    remove_stale_parts(path)
    fd, part = _locked_part(path)
    try:
        with _removed_on_ending_signals(part), os.fdopen(fd, "wb") as out:
            yield out
            out.flush()
            if sync:
                os.fsync(out.fileno())
            if mode is not None:
                os.chmod(part, mode)
            os.replace(part, path)  # the lock goes with the file descriptor, closed next
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(part)
        raise
