"""Commands on how the wording moves: trend (articles per period) and kwic (a concordance)."""

from __future__ import annotations

import csv
import sys

import click

from dipterm.cli import _open, cli
from dipterm.display import safe_line
from dipterm.errors import ExitCode
from dipterm.store.wording import PERIODS, Concordance, Trend

TREND_HELP = """How often each query's words appear over time: the articles each QUERY matches per
period, beside the period's total of articles.

Each QUERY is a whole query of the search language (quote it: '"hostile policy"',
'person:Lavrov source:KCNA', 'sanctions since:2019'). On a terminal the series are drawn as a
chart with the first and last dated article of each query; in a pipe, or with --json or --csv,
the numbers: one row per period and query (period, term, articles, total). Articles whose date
does not tell the period are counted apart (period "undated"; null in JSON), never dropped.
"""


@cli.command(help=TREND_HELP)
@click.argument("queries", nargs=-1, required=True, metavar="QUERY...")
@click.option(
    "--by", type=click.Choice(PERIODS), default="year", show_default=True, help="The period."
)
@click.option("--share", is_flag=True, help="Chart each period's share of articles, not the count.")
@click.option(
    "--json", "as_json", is_flag=True, help="A JSON list of period, term, articles, total."
)
@click.option(
    "--csv", "as_csv", is_flag=True, help="CSV with a header: period,term,articles,total."
)
@click.pass_context
def trend(
    ctx: click.Context,
    queries: tuple[str, ...],
    by: str,
    share: bool,
    as_json: bool,
    as_csv: bool,
) -> None:
    from dipterm.store.wording import trend as count_trend

    with _open(ctx) as library:
        found = count_trend(library, list(queries), by=by)  # type: ignore[arg-type]
    for series in found.series:
        for correction in series.corrections:
            click.echo(safe_line(f"{series.term}: searched for {correction}"), err=True)
    rows = trend_rows(found)
    if as_json:
        from dipterm import display

        display.print_json(rows)
    elif as_csv or not sys.stdout.isatty():
        _write_rows(rows, as_csv=as_csv)
    else:
        _print_chart(found, share)
    if not any(s.articles for s in found.series):
        click.echo("no match", err=True)
        sys.exit(int(ExitCode.NO_MATCH))


def trend_rows(found: Trend) -> list[dict]:
    """One record per period and query, periods in order, the undated last (period None)."""
    rows = []
    for series in found.series:
        for period in found.periods:
            rows.append(
                {
                    "period": period,
                    "term": series.term,
                    "articles": series.counts.get(period, 0),
                    "total": found.totals.get(period, 0),
                }
            )
        if series.undated or found.undated_total:
            rows.append(
                {
                    "period": None,
                    "term": series.term,
                    "articles": series.undated,
                    "total": found.undated_total,
                }
            )
    return rows


def _write_rows(rows: list[dict], *, as_csv: bool) -> None:
    """CSV with a header, or tab-separated lines (a tab or newline in a query becomes a space)."""
    from dipterm.display import safe

    values = [
        [row["period"] or "undated", safe(row["term"]), str(row["articles"]), str(row["total"])]
        for row in rows
    ]
    if as_csv:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(["period", "term", "articles", "total"])
        writer.writerows(values)
        return
    from dipterm.display import tsv_row

    for fields in values:
        sys.stdout.write(tsv_row(*fields))


def _print_chart(found: Trend, share: bool) -> None:
    import os
    import shutil

    from rich.text import Text

    from dipterm import display
    from dipterm.chart import draw

    out = display.console()
    width = min(shutil.get_terminal_size((80, 24)).columns, 160)
    colour = "NO_COLOR" not in os.environ
    if found.periods:
        chart = draw(found, width=width, share=share, colour=colour)
        out.print(Text.from_ansi(chart) if colour else Text(chart))
    else:
        out.print(Text("the library holds no dated article", style="dim"))
    for series in found.series:
        line = Text(f"{display.safe(series.term)}", style="bold")
        line.append(f"  {series.articles} articles")
        if series.undated:
            line.append(f" ({series.undated} undated by {found.by})", style="dim")
        out.print(line)
        for label, edge in (("first", series.first), ("last", series.last)):
            if edge:
                out.print(
                    Text(
                        f"  {label:<5} {edge.published:<10} {edge.id:>6}  "
                        f"{display.safe(edge.source or '(unknown)')}: {display.safe(edge.title)}"
                    )
                )


KWIC_HELP = """Every occurrence of the query's words or phrases in the articles it matches, one
line each, aligned on the match (keyword in context), oldest article first, with its date, source
and id. Stemmed as search is: '"hostile policy"' also finds "hostile policies". Filters narrow
the articles as in search ('"hostile policy" source:KCNA since:2019').
"""


@cli.command(help=KWIC_HELP)
@click.argument("query", nargs=-1, required=True)
@click.option(
    "--width",
    "-w",
    default=40,
    show_default=True,
    type=click.IntRange(5, 500),
    help="Characters of context on each side.",
)
@click.option(
    "--limit", "-n", default=None, type=click.IntRange(1), help="At most N lines (default: all)."
)
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="A JSON list: id, published, source, title, left, match, right.",
)
@click.pass_context
def kwic(
    ctx: click.Context, query: tuple[str, ...], width: int, limit: int | None, as_json: bool
) -> None:
    from dipterm.store.wording import concordance

    text = " ".join(query)
    with _open(ctx) as library:
        found = concordance(library, text, width=width, limit=limit)
    for correction in found.corrections:
        click.echo(f"searched for {safe_line(str(correction))}", err=True)
    if as_json:
        from dipterm import display

        display.print_json([kwic_record(o) for o in found.occurrences])
    else:
        _print_lines(found, width)
    if not found.occurrences:
        if not as_json:
            click.echo("no match", err=True)
        sys.exit(int(ExitCode.NO_MATCH))


def kwic_record(occurrence) -> dict:
    from dipterm.display import safe

    return {
        "id": occurrence.id,
        "published": occurrence.published,
        "source": occurrence.source,
        "title": safe(occurrence.title),
        "left": safe(occurrence.left),
        "match": safe(occurrence.match),
        "right": safe(occurrence.right),
    }


def _print_lines(found: Concordance, width: int) -> None:
    from dipterm.display import safe, tsv_row

    terminal = sys.stdout.isatty()
    if terminal:
        from rich.text import Text

        from dipterm import display

        out = display.console()
    for o in found.occurrences:
        published = safe_line(o.published) or "undated"
        head = f"{published:<10}  {safe_line(o.source or '(unknown)')[:13]:<13} {o.id:>6}"
        left, match, right = safe(o.left), safe(o.match), safe(o.right)
        if terminal:
            line = Text(head + "  ", style="dim")
            line.append(f"{left:>{width}} ")
            line.append(match, style="bold yellow")
            line.append(f" {right}")
            out.print(line, no_wrap=True, overflow="ellipsis", crop=True)
        else:
            sys.stdout.write(tsv_row(o.id, o.published, o.source, left, match, right))
    if terminal:
        more = "" if found.complete else " (more without --limit)"
        out.print(
            Text(
                f"{len(found.occurrences)} occurrences in {found.articles} articles{more}",
                style="dim",
            )
        )
