"""The one exception family of dipterm, and the exit codes the CLI maps it to."""

from __future__ import annotations

import errno
import os
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import IntEnum
from typing import NoReturn


class ExitCode(IntEnum):
    """Exit codes, as grep uses them."""

    OK = 0
    NO_MATCH = 1  # search found nothing; ingest skipped some inputs
    ERROR = 2  # usage, query or library error
    INTERRUPTED = 130


class DiptermError(Exception):
    """An error whose message is written for the user."""

    exit_code: ExitCode = ExitCode.ERROR


class QueryError(DiptermError):
    """The search query cannot be understood."""


class LibraryError(DiptermError):
    """The library file cannot be opened or used."""


class NotFoundError(DiptermError):
    """No article, entity or selection by that name."""


class InputError(DiptermError):
    """An input file or record cannot be imported."""


DISK_FULL = (
    "the disk is full: free some space and run the command again "
    "(what was committed before stays; a report being written was left as it was)"
)


def fail(message: str, code: ExitCode) -> NoReturn:
    """One line on stderr, and the exit code."""
    from dipterm.ingest.clean import one_line  # a message may name a record, a path, a query

    sys.stderr.write(f"dipterm: {one_line(message)}\n")
    sys.stderr.flush()
    sys.exit(int(code))


@contextmanager
def exit_codes(passthrough: tuple[type[BaseException], ...] = ()) -> Iterator[None]:
    """The one place errors become exit codes: dipterm's own as one line and their code, a busy
    library, a full disk, a damaged library, an interrupt (130), a closed pipe (| head: not an
    error), and anything else as one line naming a bug, its traceback with DIPTERM_DEBUG=1. What
    passthrough names (click's usage errors and exits) goes on up. What was committed stays
    committed: every write is a transaction."""
    try:
        yield
    except passthrough:
        raise
    except DiptermError as exc:
        fail(str(exc), exc.exit_code)
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            fail("the library is busy (another dipterm is writing); try again", ExitCode.ERROR)
        if "disk is full" in str(exc):  # SQLITE_FULL
            fail(DISK_FULL, ExitCode.ERROR)
        _unexpected(exc, "the library could not be read or written")
    except sqlite3.DatabaseError as exc:
        if "malformed" in str(exc):  # SQLITE_CORRUPT, met on the way
            fail(f"the library is damaged ({exc}); `dipterm doctor` says where", ExitCode.ERROR)
        _unexpected(exc, "the library could not be read or written")
    except KeyboardInterrupt:
        fail("interrupted", ExitCode.INTERRUPTED)
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(int(ExitCode.OK))
    except OSError as exc:
        if exc.errno == errno.ENOSPC:
            fail(DISK_FULL, ExitCode.ERROR)
        _unexpected(exc, "internal error, a bug of dipterm")
    except Exception as exc:
        _unexpected(exc, "internal error, a bug of dipterm")


def _unexpected(exc: Exception, what: str) -> NoReturn:
    if os.environ.get("DIPTERM_DEBUG"):
        raise exc
    fail(
        f"{what} ({type(exc).__name__}: {exc}). DIPTERM_DEBUG=1 shows where; please report it "
        "with the command you ran",
        ExitCode.ERROR,
    )
