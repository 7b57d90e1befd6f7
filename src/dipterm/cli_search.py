"""The search command's options and output, without click: the click command (cli.py) and the
quick path that answers a plain `dipterm search` before click is loaded (launch.py) share them."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from dipterm.errors import ExitCode

if TYPE_CHECKING:
    from dipterm.store.library import Library

FORMATS = ("table", "tsv", "csv", "json")
SORTS = ("rank", "date", "oldest")
COLORS = ("auto", "always", "never")
LIMIT_RANGE = (1, 100_000)
DEFAULT_LIMIT = 20
# The options by every name they answer to -> whether they take a value (a test holds these to
# the click commands' own).
ROOT_OPTIONS = {"--db": True, "--color": True, "--help": False, "-h": False, "--version": False,
                "-V": False}  # fmt: skip
SEARCH_OPTIONS = {"--format": True, "--json": False, "--ids": False, "--limit": True, "-n": True,
                  "--sort": True, "--exact": False, "--revisions": False, "--help": False,
                  "-h": False}  # fmt: skip


def output_format(fmt: str | None, as_json: bool) -> str:
    """The format asked for; else a table on a terminal and tab-separated lines in a pipe."""
    if as_json:
        return "json"
    return fmt or ("table" if sys.stdout.isatty() else "tsv")


def run(
    library: Library,
    query: str,
    *,
    fmt: str,
    ids: bool,
    limit: int,
    sort: str,
    exact: bool,
    revisions: bool = False,
) -> None:
    """Search and print; with revisions, then the articles only an earlier version of which
    matched, marked so. Exits 1 when nothing matched (grep's habit)."""
    from dipterm import display

    earlier: list = []
    with library:
        result = library.search(
            query,
            limit=limit,
            sort={"oldest": "-date"}.get(sort, sort),  # type: ignore[arg-type]
            exact=exact,
            snippets=fmt == "json" or (not ids and fmt != "tsv"),  # tsv and --ids show none
            scores=fmt == "json",
        )
        if revisions:
            from dipterm.store.revisions import earlier_hits

            earlier = earlier_hits(library, query, limit=limit)
    for correction in result.corrections:
        sys.stderr.write(f"searched for {display.safe_line(str(correction))}\n")
    if fmt == "json":
        records = [display.hit_record(h) for h in result.hits]
        if revisions:
            for record in records:
                record["found_in"] = "current"
            for hit, number in earlier:
                records.append({**display.hit_record(hit), "found_in": f"revision {number}"})
        display.print_json(records)
    elif ids:
        sys.stdout.write("".join(f"{h.id}\n" for h in [*result.hits, *(h for h, _ in earlier)]))
    elif result.hits or earlier:
        from dataclasses import replace

        marked = [
            replace(hit, title=f"{hit.title} (earlier version {number} only)")
            for hit, number in earlier
        ]
        display.print_hits([*result.hits, *marked], has_more=result.has_more, limit=limit, fmt=fmt)
    if not result.hits and not earlier:
        if fmt != "json":
            sys.stderr.write("no match\n")
        sys.exit(int(ExitCode.NO_MATCH))
