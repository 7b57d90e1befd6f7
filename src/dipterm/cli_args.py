"""How the shell's words reach the commands: --db and --color anywhere on the line, and a query's
-excluded words typed unquoted (`dipterm search russia -lavrov`) kept as part of the query."""

from __future__ import annotations

import click


def _takes_value(param: click.Parameter) -> bool:
    return isinstance(param, click.Option) and not param.is_flag and not param.count


def _options(command: click.Command, ctx: click.Context) -> dict[str, click.Parameter]:
    """Every name an option of the command answers to, help included."""
    named: dict[str, click.Parameter] = {}
    for param in command.get_params(ctx):
        if isinstance(param, click.Option):
            for name in [*param.opts, *param.secondary_opts]:
                named[name] = param
    return named


def _is_value_of(param: click.Parameter, text: str, ctx: click.Context) -> bool:
    """Whether text is a value the option takes (-n5 is --limit 5; -nuclear is a word)."""
    try:
        param.type.convert(text, param, ctx)
    except click.BadParameter:
        return False
    return True


def split_query_words(
    command: click.Command, ctx: click.Context, args: list[str]
) -> tuple[list[str], list[str]]:
    """The options (with their values) and the query's words, in the order typed. A word that
    begins with - is an option only if the command has it; everything after -- is query."""
    named = _options(command, ctx)
    options: list[str] = []
    words: list[str] = []
    rest = iter(args)
    for arg in rest:
        if arg == "--":
            words.extend(rest)
            break
        name, eq, _ = arg.partition("=")
        param = named.get(arg) or (named.get(name) if eq and arg.startswith("--") else None)
        if param is not None:
            options.append(arg)
            if _takes_value(param) and not eq:
                value = next(rest, None)
                if value is None:
                    raise click.BadOptionUsage(arg, f"Option '{arg}' requires an argument.", ctx)
                options.append(value)
            continue
        short = named.get(arg[:2]) if len(arg) > 2 and not arg.startswith("--") else None
        if short is not None and _takes_value(short) and _is_value_of(short, arg[2:], ctx):
            options.append(arg)
            continue
        words.append(arg)
    return options, words


class QueryCommand(click.Command):
    """A command whose last argument is a query: words that begin with - and are not its options
    are the query's exclusions, as the query language writes them."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if ctx.resilient_parsing:  # completing a word: the line as typed so far, as click reads it
            return super().parse_args(ctx, args)
        options, words = split_query_words(self, ctx, args)
        return super().parse_args(ctx, [*options, "--", *words] if words else options)


def hoist(args: list[str], root: click.Command, ctx: click.Context) -> list[str]:
    """The root's options (--db, --color) moved before the command, wherever they were typed
    (`dipterm search --db X q`, as sqlite-utils and datasette users write it); nothing after --
    is touched."""
    named = {
        name: param
        for name, param in _options(root, ctx).items()
        if _takes_value(param) and name.startswith("--")
    }
    moved: list[str] = []
    kept: list[str] = []
    rest = iter(args)
    for arg in rest:
        if arg == "--":
            kept += [arg, *rest]
            break
        name, eq, _ = arg.partition("=")
        if name in named:
            value = [] if eq else [next(rest, None)]
            if None in value:  # no value: left where it is for click to say so
                kept.append(arg)
                continue
            moved += [arg, *value]
            continue
        kept.append(arg)
    return [*moved, *kept]
