"""The click side of how the shell's words reach the commands (argv.py): a query command that
keeps unquoted -excluded words in its query, and the options a command answers to."""

from __future__ import annotations

import click

from dipterm.argv import MissingValue, split_query_words


def options_of(command: click.Command, ctx: click.Context) -> dict[str, bool]:
    """Every name an option of the command answers to (help included) -> whether it takes a
    value."""
    named: dict[str, bool] = {}
    for param in command.get_params(ctx):
        if isinstance(param, click.Option):
            takes_value = not param.is_flag and not param.count
            for name in [*param.opts, *param.secondary_opts]:
                named[name] = takes_value
    return named


class QueryCommand(click.Command):
    """A command whose last argument is a query: words that begin with - and are not its options
    are the query's exclusions, as the query language writes them."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if ctx.resilient_parsing:  # completing a word: the line as typed so far, as click reads it
            return super().parse_args(ctx, args)
        params = {name: p for p in self.get_params(ctx) for name in getattr(p, "opts", ())}

        def accepts(option: str, value: str) -> bool:
            try:
                params[option].type.convert(value, params[option], ctx)
            except click.BadParameter:
                return False
            return True

        try:
            options, words = split_query_words(args, options_of(self, ctx), accepts)
        except MissingValue as exc:
            raise click.BadOptionUsage(exc.option, str(exc), ctx) from exc
        return super().parse_args(ctx, [*options, "--", *words] if words else options)
