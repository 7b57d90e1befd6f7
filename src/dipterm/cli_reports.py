"""Commands for reports: export, named selections, saved searches."""

from __future__ import annotations

import sys

import click

from dipterm.cli import _open, cli
from dipterm.cli_args import QueryCommand
from dipterm.display import safe_line
from dipterm.errors import DiptermError, ExitCode


def _ids(values: tuple[str, ...]) -> list[int]:
    try:
        return [int(v) for v in values]
    except ValueError as exc:
        raise DiptermError(f"article ids are numbers: {exc}") from exc


@cli.command(name="export")
@click.argument("ids", nargs=-1, metavar="[ID...]")
@click.option("--query", "-q", help="Export the articles this search finds (best first).")
@click.option("--selection", "-s", help="Export a saved selection (in its order).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["markdown", "json", "csv"]),
    default="markdown",
    show_default=True,
)
@click.option("--snippets", is_flag=True, help="With --query: only the passages that matched.")
@click.option(
    "--kwic",
    "kwic_query",
    metavar="QUERY",
    help="A concordance of QUERY (as dipterm kwic), each article cited.",
)
@click.option(
    "--trend",
    "trend_queries",
    metavar="QUERY",
    multiple=True,
    help="A trend's table (as dipterm trend; repeat for several queries) with the articles behind "
    "each figure.",
)
@click.option(
    "--by",
    type=click.Choice(["year", "month", "week"]),
    default="year",
    show_default=True,
    help="With --trend: the period.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    help="Write to FILE (whole or not at all; never over the library or another SQLite file).",
)
@click.option("--limit", "-n", default=10_000, show_default=True, type=click.IntRange(1))
@click.pass_context
def export_command(
    ctx: click.Context,
    ids: tuple[str, ...],
    query: str | None,
    selection: str | None,
    fmt: str,
    snippets: bool,
    output: str | None,
    limit: int,
    kwic_query: str | None,
    trend_queries: tuple[str, ...],
    by: str,
) -> None:
    """Export articles for a report: markdown with a table of contents and one citation line per
    article (source, "title", date, url), or JSON (every field; imports back) or CSV.

    Give article ids, or --query Q, or --selection NAME; or --kwic Q or --trend Q for how the
    wording moved, in markdown. The same input gives the same bytes.
    """
    from dipterm.export.items import gather

    if kwic_query is not None or trend_queries:
        text, count = _wording_report(ctx, kwic_query, trend_queries, by)
        _deliver(ctx, text, count, output)
        return

    with _open(ctx) as library:
        chosen = gather(
            library,
            ids=_ids(ids),
            query=query,
            selection=selection,
            limit=limit,
            snippets=snippets and fmt == "markdown",  # the only format that shows them
        )
    if query is not None and not chosen.items:
        # As search does: nothing written, and an existing report is left as it was.
        click.echo(f"no match for {query}: nothing exported", err=True)
        sys.exit(int(ExitCode.NO_MATCH))
    if fmt == "markdown":
        from dipterm.export.markdown import render

        text = render(chosen, snippets=snippets)
    else:
        from dipterm.export.records import to_csv, to_json

        text = to_json(chosen) if fmt == "json" else to_csv(chosen)
    _deliver(ctx, text, len(chosen.items), output)


def _deliver(ctx: click.Context, text: str, count: int, output: str | None) -> None:
    """The export on standard output, or in the file output (never the library's)."""
    if output:
        from dipterm import config
        from dipterm.export.output import write_report

        write_report(output, text, library=config.library_path(ctx.obj["db"])[0])
        click.echo(f"wrote {count} articles to {output}", err=True)
    else:
        click.echo(text, nl=False)


def _wording_report(
    ctx: click.Context, kwic_query: str | None, trend_queries: tuple[str, ...], by: str
) -> tuple[str, int]:
    """The markdown of a concordance or a trend, and how many articles it cites."""
    from dipterm.export import wording as report
    from dipterm.store import wording

    if kwic_query is not None and trend_queries:
        raise DiptermError("export one thing at a time: --kwic or --trend")
    with _open(ctx) as library:
        if kwic_query is not None:
            found = wording.concordance(library, kwic_query)
            if not found.occurrences:
                _nothing_matched()
            ids = list(dict.fromkeys(o.id for o in found.occurrences))
            articles = {a.id: a for a in library.articles(ids)}
            return report.render_concordance(found, articles), len(articles)
        counted = wording.trend(library, list(trend_queries), by=by)  # type: ignore[arg-type]
        behind = {}
        cited: set[int] = set()
        for term in trend_queries:
            grouped = wording.articles_by_period(library, term, by=by)  # type: ignore[arg-type]
            everything = [i for ids in grouped.values() for i in ids]
            found_articles = {a.id: a for a in library.articles(everything)}
            behind[term] = {
                p: [found_articles[i] for i in ids if i in found_articles]
                for p, ids in grouped.items()
            }
            cited.update(found_articles)
        if not cited:
            _nothing_matched()
        return report.render_trend(counted, behind), len(cited)


def _nothing_matched() -> None:
    """Nothing to report: say so and write nothing (an existing report stays as it was)."""
    click.echo("no match", err=True)
    sys.exit(int(ExitCode.NO_MATCH))


@cli.group()
def select() -> None:
    """Named selections of articles, kept in the library (for export and the interface)."""


@select.command(name="add")
@click.argument("name")
@click.argument("ids", nargs=-1, required=True, metavar="ID...")
@click.pass_context
def select_add(ctx: click.Context, name: str, ids: tuple[str, ...]) -> None:
    """Add articles to a selection (made if new)."""
    with _open(ctx) as library:
        added = library.add_to_selection(name, _ids(ids))
    click.echo(f"{added} added to {safe_line(name)}")


@select.command(name="remove")
@click.argument("name")
@click.argument("ids", nargs=-1, required=True, metavar="ID...")
@click.pass_context
def select_remove(ctx: click.Context, name: str, ids: tuple[str, ...]) -> None:
    """Remove articles from a selection."""
    with _open(ctx) as library:
        removed = library.remove_from_selection(name, _ids(ids))
    click.echo(f"{removed} removed from {safe_line(name)}")


@select.command(name="delete")
@click.argument("name")
@click.pass_context
def select_delete(ctx: click.Context, name: str) -> None:
    """Delete a selection (its articles stay in the library)."""
    with _open(ctx) as library:
        library.delete_selection(name)
    click.echo(f"deleted {safe_line(name)}")


@select.command(name="list")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def select_list(ctx: click.Context, as_json: bool) -> None:
    """List the selections with their sizes."""
    from dipterm import display

    with _open(ctx) as library:
        rows = library.selections()
    if as_json:
        display.print_json(
            [{"name": r.name, "articles": r.articles, "created_at": r.created_at} for r in rows]
        )
        return
    for row in rows:
        click.echo(f"{row.articles:>6}  {display.safe_line(row.name)}")


@select.command(name="show")
@click.argument("name")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def select_show(ctx: click.Context, name: str, as_json: bool) -> None:
    """The articles of a selection, in order."""
    from dipterm import display

    with _open(ctx) as library:
        articles = library.articles(library.selection(name))
    if as_json:
        display.print_json(
            [
                {"id": a.id, "title": a.title, "source": a.source, "published": a.published}
                for a in articles
            ]
        )
        return
    for a in articles:
        click.echo(display.tsv_row(a.id, a.published, a.source, a.title), nl=False)


@cli.group()
def watch() -> None:
    """Saved searches: an analyst's standing questions, run as one command."""


@watch.command(name="add", cls=QueryCommand)
@click.argument("name")
@click.argument("query", nargs=-1, required=True)
@click.pass_context
def watch_add(ctx: click.Context, name: str, query: tuple[str, ...]) -> None:
    """Save a search under a name."""
    with _open(ctx) as library:
        library.add_watch(name, " ".join(query))
    click.echo(f"saved {safe_line(name)}")


@watch.command(name="remove")
@click.argument("name")
@click.pass_context
def watch_remove(ctx: click.Context, name: str) -> None:
    """Forget a saved search."""
    with _open(ctx) as library:
        library.remove_watch(name)
    click.echo(f"removed {safe_line(name)}")


@watch.command(name="list")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def watch_list(ctx: click.Context, as_json: bool) -> None:
    """List the saved searches and when each last ran."""
    from dipterm import display

    with _open(ctx) as library:
        rows = library.watches()
    if as_json:
        from dataclasses import asdict

        display.print_json([asdict(r) for r in rows])
        return
    for row in rows:
        ran = f"last run {row.last_run_at or 'never'}"
        click.echo(display.tsv_row(row.name, row.query, ran), nl=False)


@watch.command(name="run")
@click.argument("name")
@click.option("--all", "everything", is_flag=True, help="Every match, not only what is new.")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def watch_run(ctx: click.Context, name: str, everything: bool, as_json: bool) -> None:
    """Run a saved search: what was imported since its last run (or --all), newest first.
    Exits 1 when there is nothing new."""
    from dipterm import display

    with _open(ctx) as library:
        saved, result = library.run_watch(name, everything=everything)
    if as_json:
        display.print_json([display.hit_record(h) for h in result.hits])
    elif result.hits:
        display.print_hits(result.hits, has_more=result.has_more, limit=len(result.hits))
    else:
        click.echo(
            f"nothing new for {display.safe_line(name)} ({display.safe_line(saved.query)})",
            err=True,
        )
    if not result.hits:
        sys.exit(int(ExitCode.NO_MATCH))
