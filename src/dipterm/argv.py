"""The shell's words as dipterm reads them, without click: --db and --color anywhere on the line,
and a query's -excluded words typed unquoted (`dipterm search russia -lavrov`) kept in the query.
The click commands (cli_args.py) and the quick search (quick.py) both read a line through these.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

# An option's names -> whether it takes a value.
Options = Mapping[str, bool]
# Whether a value written onto a short option (-n5) is one it takes: -n5 is --limit 5, but
# -nuclear is an excluded word.
Accepts = Callable[[str, str], bool]


class MissingValue(ValueError):
    """An option that takes a value ends the line."""

    def __init__(self, option: str) -> None:
        super().__init__(f"Option '{option}' requires an argument.")
        self.option = option


def split_query_words(
    args: list[str], options: Options, accepts: Accepts
) -> tuple[list[str], list[str]]:
    """The options (with their values) and the query's words, each in the order typed. A word
    that begins with - is an option only if the command has it; everything after -- is query."""
    found: list[str] = []
    words: list[str] = []
    rest = iter(args)
    for arg in rest:
        if arg == "--":
            words.extend(rest)
            break
        name, eq, _ = arg.partition("=")
        if arg in options or (eq and arg.startswith("--") and name in options):
            found.append(arg)
            if options.get(arg) and not eq:
                value = next(rest, None)
                if value is None:
                    raise MissingValue(arg)
                found.append(value)
            continue
        short = arg[:2]
        attached = len(arg) > 2 and not arg.startswith("--") and options.get(short)
        if attached and accepts(short, arg[2:]):
            found.append(arg)
            continue
        words.append(arg)
    return found, words


def hoist(args: list[str], root_options: Options) -> list[str]:
    """The root's options that take a value (--db, --color) moved before the command, wherever
    they were typed (`dipterm search --db X q`, as sqlite-utils and datasette users write it).
    Nothing after -- is touched; an option missing its value stays where it is, for the parser
    to say so."""
    moved: list[str] = []
    kept: list[str] = []
    rest = iter(args)
    for arg in rest:
        if arg == "--":
            kept += [arg, *rest]
            break
        name, eq, _ = arg.partition("=")
        if root_options.get(name) and name.startswith("--"):
            value = [] if eq else [next(rest, None)]
            if None in value:
                kept.append(arg)
                continue
            moved += [arg, *value]  # type: ignore[list-item]
            continue
        kept.append(arg)
    return [*moved, *kept]
