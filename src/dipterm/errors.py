"""The one exception family of dipterm, and the exit codes the CLI maps it to."""

from __future__ import annotations

from enum import IntEnum


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
