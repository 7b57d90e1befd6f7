"""The `dipterm` command. A plain search (`dipterm search lavrov`, its options, --db, --color) is
answered without loading click, which costs more to import than the search takes; every other
line, and any search click has something to say about (--help, a bad value, a library to build),
goes to the click group in cli.py, which parses it the same way."""

from __future__ import annotations

import sys
from typing import NamedTuple

from dipterm import cli_search
from dipterm.argv import MissingValue, hoist, split_query_words


class PlainSearch(NamedTuple):  # not a dataclass: making one costs a search more than this
    db: str | None
    color: str
    query: str
    fmt: str | None
    as_json: bool
    ids: bool
    limit: int
    sort: str
    exact: bool
    revisions: bool


def _accepts(option: str, value: str) -> bool:
    return option != "-n" or _limit(value) is not None


def _limit(value: str) -> int | None:
    try:
        n = int(value)
    except ValueError:
        return None
    low, high = cli_search.LIMIT_RANGE
    return n if low <= n <= high else None


def _root_options(args: list[str]) -> tuple[dict[str, str], list[str]] | None:
    """--db and --color from the front of the line (hoisted there), and the rest."""
    root: dict[str, str] = {}
    while args:
        name, eq, value = args[0].partition("=")
        if name not in ("--db", "--color"):
            break
        if not eq:
            if len(args) < 2:
                return None
            value, args = args[1], args[1:]
        root[name], args = value, args[1:]
    return root, args


def _search_options(options: list[str]) -> dict[str, str | bool] | None:
    """The search options given, by their long names; None if one asks for help or is written
    in a way only click has an answer to."""
    given: dict[str, str | bool] = {}
    taken = iter(options)
    for option in taken:
        name, eq, value = option.partition("=")
        if not option.startswith("--") and len(option) > 2:  # -n5
            name, eq, value = option[:2], "=", option[2:]
        takes_value = cli_search.SEARCH_OPTIONS[name]
        if name in ("--help", "-h") or (eq and not takes_value):
            return None
        if takes_value and not eq:
            value = next(taken)
        given[{"-n": "--limit"}.get(name, name)] = value if takes_value else True
    return given


def plain_search(args: list[str]) -> PlainSearch | None:
    """The search a line asks for, if it is a plain one; None for anything else."""
    split = _root_options(hoist(args, cli_search.ROOT_OPTIONS))
    if split is None or not split[1] or split[1][0] != "search":
        return None
    root, args = split
    try:
        options, words = split_query_words(args[1:], cli_search.SEARCH_OPTIONS, _accepts)
    except MissingValue:
        return None
    given = _search_options(options)
    if given is None or not words:
        return None
    limit = _limit(str(given.get("--limit", cli_search.DEFAULT_LIMIT)))
    color, fmt, sort = (
        root.get("--color", "auto"),
        given.get("--format"),
        given.get("--sort", "rank"),
    )
    as_json = bool(given.get("--json"))
    if (
        limit is None
        or color not in cli_search.COLORS
        or sort not in cli_search.SORTS
        or (fmt is not None and fmt not in cli_search.FORMATS)
        or (as_json and fmt not in (None, "json"))
    ):
        return None
    return PlainSearch(
        db=root.get("--db"),
        color=color,
        query=" ".join(words),
        fmt=str(fmt) if fmt else None,
        as_json=as_json,
        ids=bool(given.get("--ids")),
        limit=limit,
        sort=str(sort),
        exact=bool(given.get("--exact")),
        revisions=bool(given.get("--revisions")),
    )


def _quick(search: PlainSearch) -> bool:
    """Run a plain search; False if it needs the full command (a library to build first)."""
    from dipterm import config, display
    from dipterm.errors import exit_codes
    from dipterm.workspace import open_library

    path, is_default = config.library_path(search.db)
    if is_default and not path.exists():
        return False  # built with a progress line: the click command does it
    with exit_codes():
        display.COLOR = search.color
        library = open_library(search.db, must_exist=True)
        cli_search.run(
            library,
            search.query,
            fmt=cli_search.output_format(search.fmt, search.as_json),
            ids=search.ids,
            limit=search.limit,
            sort=search.sort,
            exact=search.exact,
            revisions=search.revisions,
        )
    return True


def main() -> None:
    import os

    search = None if "_DIPTERM_COMPLETE" in os.environ else plain_search(sys.argv[1:])
    if search is not None and _quick(search):
        return
    from dipterm.cli import main as click_main

    click_main()
