"""The command line: each command parses its options, calls the library, and formats.

Heavy modules (textual, sqlite_utils, rich) are imported inside the commands that need them, so
`dipterm search` starts fast.
"""

from __future__ import annotations

import sqlite3
import sys
from typing import Any

import click

from dipterm import __version__
from dipterm.errors import DiptermError, ExitCode

EXIT_CODES_HELP = (
    "Exit codes: 0 found / done; 1 nothing matched, or some inputs were skipped; "
    "2 error (usage, query, library); 130 interrupted."
)


def _error(message: str, code: ExitCode) -> None:
    click.echo(f"dipterm: {message}", err=True)
    sys.exit(int(code))


class DiptermGroup(click.Group):
    """Maps dipterm's errors to one line on stderr and an exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except DiptermError as exc:
            _error(str(exc), exc.exit_code)
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                _error(
                    "the library is busy (another dipterm is writing); try again", ExitCode.ERROR
                )
            raise
        except KeyboardInterrupt:
            _error("interrupted", ExitCode.INTERRUPTED)
        except BrokenPipeError:
            sys.stderr.close()  # the reader went away (| head): not an error
            sys.exit(int(ExitCode.OK))


def _announce(message: str) -> None:
    click.echo(message, err=True)


def _open(ctx: click.Context, *, must_exist: bool = True):
    from dipterm.workspace import open_library

    with _progress(False) as progress:  # shown only while a new default library is built
        return open_library(
            ctx.obj["db"], must_exist=must_exist, announce=_announce, progress=progress
        )


@click.group(cls=DiptermGroup, invoke_without_command=True, epilog=EXIT_CODES_HELP)
@click.option(
    "--db",
    metavar="PATH",
    help="Library file. Default: $DIPTERM_DB, else library.db in your data folder "
    "(built from the bundled corpus the first time).",
)
@click.version_option(__version__, prog_name="dipterm")
@click.pass_context
def cli(ctx: click.Context, db: str | None) -> None:
    """dipterm: a research library for DPRK state media (KCNA, Rodong Sinmun, Pyongyang Times, ...).

    With no command, opens the interactive interface.
    """
    ctx.ensure_object(dict)
    ctx.obj["db"] = db
    if ctx.invoked_subcommand is None:
        ctx.invoke(tui)


@cli.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--quiet", "-q", is_flag=True, help="Print only the summary line.")
@click.option(
    "--map",
    "mapping",
    metavar="FIELD=KEY,...",
    help="Which record keys or CSV columns hold the fields, e.g. --map body=content,date=pub "
    "(fields: title, date, body, source, url, lang, byline).",
)
@click.pass_context
def ingest(ctx: click.Context, paths: tuple[str, ...], quiet: bool, mapping: str | None) -> None:
    """Import articles from files and folders (recursively); - reads standard input.

    Text files (.txt), saved web pages (.html), and corpora of records: a JSON list (.json), JSON
    Lines (.jsonl), CSV (.csv). Record keys such as title/headline, date/published, body/text/content,
    source/publisher and url/link are recognised; --map names others. Encodings are detected.

    An article already held (the same text) is not stored twice: re-importing says "unchanged",
    the same story from another file or url is recorded as another origin. Prints a summary of
    what was imported, unchanged and skipped (with the reason for each skipped input or record);
    exits 1 if anything was skipped. Each batch is committed: an interrupted import keeps what it
    committed and finishes when run again.
    """
    from dipterm.ingest.pipeline import import_paths
    from dipterm.ingest.records import parse_mapping

    fields = parse_mapping(mapping)
    library = _open(ctx, must_exist=False)
    with library, _progress(quiet) as progress:
        summary = import_paths(library, paths, progress=progress, mapping=fields)
    click.echo(summary.line)
    for skipped in summary.skipped:
        click.echo(f"  skipped {skipped.origin}: {skipped.reason}", err=True)
    if summary.skipped:
        sys.exit(int(ExitCode.NO_MATCH))


class _progress:
    """A progress line on stderr while an import runs, when stderr is a terminal."""

    def __init__(self, quiet: bool) -> None:
        self.enabled = not quiet and sys.stderr.isatty()
        self.bar: Any = None

    def __enter__(self):
        if not self.enabled:
            return None
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        self.bar = Progress(
            SpinnerColumn(),
            TextColumn("{task.completed} articles"),
            TimeElapsedColumn(),
            TextColumn("[dim]{task.description}"),
            transient=True,
            console=__import__("dipterm.display", fromlist=["console"]).console(stderr=True),
        )
        self.bar.start()
        task = self.bar.add_task("", total=None)

        def update(done: int, origin: str) -> None:
            self.bar.update(task, completed=done, description=origin[-60:])

        return update

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()


@cli.command()
@click.argument("query", nargs=-1, required=True)
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="A JSON list: id, title, source, published, score, snippet.",
)
@click.option("--ids", is_flag=True, help="Only the ids, one a line.")
@click.option("--limit", "-n", default=20, show_default=True, type=click.IntRange(1, 100_000))
@click.option(
    "--sort",
    type=click.Choice(["rank", "date", "oldest"]),
    default="rank",
    show_default=True,
    help="Best match first, newest first, or oldest first.",
)
@click.option("--exact", is_flag=True, help="No typo correction: search the words as written.")
@click.pass_context
def search(
    ctx: click.Context,
    query: tuple[str, ...],
    as_json: bool,
    ids: bool,
    limit: int,
    sort: str,
    exact: bool,
) -> None:
    """Search the library. QUERY is words (all must match), "a phrase", a OR b, -excluded,
    prefix*, and filters: title:WORD source:NAME since:YYYY[-MM[-DD]] until:... lang:en.

    A word the library does not hold is replaced by the nearest one it does, and the change is
    shown on stderr ("lavrow -> lavrov"); --exact turns this off.
    """
    from dipterm import display

    library = _open(ctx)
    with library:
        result = library.search(
            " ".join(query),
            limit=limit,
            sort={"oldest": "-date"}.get(sort, sort),
            exact=exact,
            snippets=not ids,
        )
    for correction in result.corrections:
        click.echo(f"searched for {correction}", err=True)
    if as_json:
        display.print_json([display.hit_record(h) for h in result.hits])
    elif ids:
        click.echo("\n".join(str(h.id) for h in result.hits))
    elif result.hits:
        display.print_hits(result.hits, has_more=result.has_more, limit=limit)
    if not result.hits:
        if not as_json:
            click.echo("no match", err=True)
        sys.exit(int(ExitCode.NO_MATCH))


@cli.command()
@click.argument("article_id", metavar="ID")
@click.option("--json", "as_json", is_flag=True, help="A JSON object with every field.")
@click.pass_context
def show(ctx: click.Context, article_id: str, as_json: bool) -> None:
    """Print one article with its fields. ID is its number, or a prefix of its hash."""
    from dipterm import display

    with _open(ctx) as library:
        article = library.article(article_id)
        extracted = library.extraction(article.id)
    if as_json:
        display.print_json({**display.article_record(article), **extracted})
    else:
        display.print_article(article, extracted)


@cli.command()
@click.option(
    "--json", "as_json", is_flag=True, help="A JSON object: articles, sources, first, last, ..."
)
@click.pass_context
def stats(ctx: click.Context, as_json: bool) -> None:
    """Count the articles, their sources and the span of their dates."""
    with _open(ctx) as library:
        s = library.stats()
    if as_json:
        from dipterm import display

        display.print_json(
            {
                "path": s.path,
                "articles": s.articles,
                "sources": dict(s.sources),
                "first": s.first,
                "last": s.last,
                "schema_version": s.schema_version,
                "size_bytes": s.size_bytes,
            }
        )
        return
    click.echo(f"library   {s.path} ({s.size_bytes / 1e6:.1f} MB, schema {s.schema_version})")
    click.echo(f"articles  {s.articles}")
    click.echo(f"dates     {s.first or '-'} .. {s.last or '-'}")
    click.echo("sources")
    for name, n in s.sources:
        click.echo(f"  {n:>8}  {name}")


@cli.command()
@click.option(
    "--kind", type=click.Choice(["person", "org", "place", "country"]), help="Only this kind."
)
@click.option("--limit", "-n", default=50, show_default=True, type=click.IntRange(1, 1_000_000))
@click.option("--json", "as_json", is_flag=True, help="A JSON list: name, kind, articles.")
@click.pass_context
def entities(ctx: click.Context, kind: str | None, limit: int, as_json: bool) -> None:
    """List the people, organisations, places and countries named, most often named first."""
    with _open(ctx) as library:
        rows = library.entities(kind, limit)
    if as_json:
        from dipterm import display

        display.print_json([{"name": r.name, "kind": r.kind, "articles": r.articles} for r in rows])
        return
    for row in rows:
        click.echo(f"{row.articles:>7}  {row.kind:<8} {row.name}")


@cli.command()
@click.argument("name", nargs=-1, required=True)
@click.option(
    "--kind", type=click.Choice(["person", "org", "place", "country"]), help="Only this kind."
)
@click.option("--json", "as_json", is_flag=True, help="The dossier as a JSON object.")
@click.pass_context
def entity(ctx: click.Context, name: tuple[str, ...], kind: str | None, as_json: bool) -> None:
    """The dossier of a person, organisation, place or country: first and last seen, roles held
    over time, the people met most often, the articles in date order. Any romanisation works."""
    from dataclasses import asdict

    from dipterm import display

    with _open(ctx) as library:
        found = library.dossier(" ".join(name), kind)
    if as_json:
        display.print_json(asdict(found))
    else:
        display.print_dossier(found)


@cli.command()
@click.option(
    "--all",
    "everything",
    is_flag=True,
    help="Every article, not only those extracted by older rules.",
)
@click.pass_context
def extract(ctx: click.Context, everything: bool) -> None:
    """Run the extraction rules again over the library (after dipterm was upgraded)."""
    from dipterm.ingest.pipeline import reextract

    library = _open(ctx)
    with library, _progress(False) as progress:
        done = reextract(library, everything=everything, progress=progress)
    click.echo(f"{done} articles extracted again")


@cli.command(name="eval")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--articles",
    type=click.Path(exists=True, file_okay=False),
    help="Folder of the articles the gold file names (default: the gold file's folder).",
)
@click.option("--json", "as_json", is_flag=True, help="Scores and misses as JSON.")
@click.option("--misses", is_flag=True, help="Also list what was missed or extra, per article.")
def evaluate(gold: str, articles: str | None, as_json: bool, misses: bool) -> None:
    """Score extraction against hand annotations (JSON Lines in the format of eval/): precision,
    recall and F1 per field."""
    from pathlib import Path

    from dipterm import display
    from dipterm.extract.evaluate import evaluate as run_eval

    report = run_eval(Path(gold), Path(articles) if articles else Path(gold).parent)
    if as_json:
        display.print_json(report.as_dict())
        return
    click.echo(f"{report.records} articles")
    click.echo(f"{'field':<20} {'precision':>9} {'recall':>7} {'F1':>6}")
    for name, s in report.scores.items():
        click.echo(f"{name:<20} {s.precision:>9.3f} {s.recall:>7.3f} {s.f1:>6.3f}")
    if misses:
        import json

        for miss in report.misses:
            click.echo(json.dumps(miss, ensure_ascii=False))


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
    "-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write to FILE."
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
) -> None:
    """Export articles for a report: markdown with a table of contents and one citation line per
    article (source, "title", date, url), or JSON (every field; imports back) or CSV.

    Give article ids, or --query Q, or --selection NAME. The same input gives the same bytes.
    """
    from dipterm.export.items import gather

    with _open(ctx) as library:
        chosen = gather(library, ids=_ids(ids), query=query, selection=selection, limit=limit)
    if fmt == "markdown":
        from dipterm.export.markdown import render

        text = render(chosen, snippets=snippets)
    else:
        from dipterm.export.records import to_csv, to_json

        text = to_json(chosen) if fmt == "json" else to_csv(chosen)
    if output:
        from pathlib import Path

        Path(output).write_text(text, encoding="utf-8")
        click.echo(f"wrote {len(chosen.items)} articles to {output}", err=True)
    else:
        click.echo(text, nl=False)


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
    click.echo(f"{added} added to {name}")


@select.command(name="remove")
@click.argument("name")
@click.argument("ids", nargs=-1, required=True, metavar="ID...")
@click.pass_context
def select_remove(ctx: click.Context, name: str, ids: tuple[str, ...]) -> None:
    """Remove articles from a selection."""
    with _open(ctx) as library:
        removed = library.remove_from_selection(name, _ids(ids))
    click.echo(f"{removed} removed from {name}")


@select.command(name="delete")
@click.argument("name")
@click.pass_context
def select_delete(ctx: click.Context, name: str) -> None:
    """Delete a selection (its articles stay in the library)."""
    with _open(ctx) as library:
        library.delete_selection(name)
    click.echo(f"deleted {name}")


@select.command(name="list")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def select_list(ctx: click.Context, as_json: bool) -> None:
    """List the selections with their sizes."""
    with _open(ctx) as library:
        rows = library.selections()
    if as_json:
        from dipterm import display

        display.print_json(
            [{"name": r.name, "articles": r.articles, "created_at": r.created_at} for r in rows]
        )
        return
    for row in rows:
        click.echo(f"{row.articles:>6}  {row.name}")


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
        click.echo(
            "\t".join([str(a.id), a.published or "", display.safe(a.source), display.safe(a.title)])
        )


@cli.group()
def watch() -> None:
    """Saved searches: an analyst's standing questions, run as one command."""


@watch.command(name="add")
@click.argument("name")
@click.argument("query", nargs=-1, required=True)
@click.pass_context
def watch_add(ctx: click.Context, name: str, query: tuple[str, ...]) -> None:
    """Save a search under a name."""
    with _open(ctx) as library:
        library.add_watch(name, " ".join(query))
    click.echo(f"saved {name}")


@watch.command(name="remove")
@click.argument("name")
@click.pass_context
def watch_remove(ctx: click.Context, name: str) -> None:
    """Forget a saved search."""
    with _open(ctx) as library:
        library.remove_watch(name)
    click.echo(f"removed {name}")


@watch.command(name="list")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def watch_list(ctx: click.Context, as_json: bool) -> None:
    """List the saved searches and when each last ran."""
    with _open(ctx) as library:
        rows = library.watches()
    if as_json:
        from dataclasses import asdict

        from dipterm import display

        display.print_json([asdict(r) for r in rows])
        return
    for row in rows:
        click.echo(f"{row.name}\t{row.query}\tlast run {row.last_run_at or 'never'}")


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
        click.echo(f"nothing new for {name} ({saved.query})", err=True)
    if not result.hits:
        sys.exit(int(ExitCode.NO_MATCH))


@cli.command()
@click.option("--repair", is_flag=True, help="Rebuild the full-text index and the vocabulary.")
@click.pass_context
def doctor(ctx: click.Context, repair: bool) -> None:
    """Check the library: SQLite integrity, the full-text index against the articles, the schema
    version. Exits 1 when something is wrong; --repair rebuilds what can be rebuilt."""
    from dipterm.store import doctor as checks

    with _open(ctx) as library:
        if repair:
            if not library.writable:
                raise DiptermError(f"the library {library.path} is read-only: cannot repair it")
            for line in checks.repair(library.conn):
                click.echo(line)
        result = checks.check(library.conn)
    for note in result.notes:
        click.echo(f"ok       {note}")
    for problem in result.problems:
        click.echo(f"PROBLEM  {problem}")
    if not result.healthy:
        sys.exit(int(ExitCode.NO_MATCH))


@cli.command()
@click.pass_context
def tui(ctx: click.Context) -> None:
    """Open the interactive interface (also what `dipterm` alone does). Press ? for its keys."""
    library = _open(ctx, must_exist=False)
    path = library.path
    library.close()
    if not sys.stdin.isatty() or not sys.stdout.isatty():
        raise DiptermError("the interface needs a terminal; for scripts use dipterm search")
    from dipterm.tui.app import run

    run(path)


def main() -> None:
    cli(prog_name="dipterm")
