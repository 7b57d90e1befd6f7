"""The command line: each command parses its options, calls the library, and formats.

Heavy modules (textual, sqlite_utils, rich) are imported inside the commands that need them, so
`dipterm search` starts fast.
"""

from __future__ import annotations

import importlib
import sys
from typing import Any

import click

from dipterm import __version__, cli_search
from dipterm.argv import hoist
from dipterm.cli_args import QueryCommand, options_of
from dipterm.errors import DiptermError, ExitCode, LibraryError, exit_codes, fail
from dipterm.models import EVENT_TYPES

EXIT_CODES_HELP = (
    "Exit codes: 0 found / done; 1 nothing matched, or some inputs were skipped; "
    "2 error (usage, query, library); 130 interrupted."
)

_error = fail  # one line on stderr and an exit code, for a command to stop with


# Commands defined in other modules, loaded when named (or listed by --help), so that a one-liner
# such as `dipterm search` does not pay for them.
LAZY_COMMANDS = {
    "entities": "dipterm.cli_entities",
    "entity": "dipterm.cli_entities",
    "extract": "dipterm.cli_entities",
    "eval": "dipterm.cli_entities",
    "office": "dipterm.cli_entities",
    "export": "dipterm.cli_reports",
    "select": "dipterm.cli_reports",
    "watch": "dipterm.cli_reports",
    "history": "dipterm.cli_revisions",
    "changes": "dipterm.cli_revisions",
    "trend": "dipterm.cli_wording",
    "kwic": "dipterm.cli_wording",
}


class DiptermGroup(click.Group):
    """Maps dipterm's errors to one line on stderr and an exit code; loads commands when named."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        return super().parse_args(ctx, hoist(args, options_of(self, ctx)))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in LAZY_COMMANDS:
            importlib.import_module(LAZY_COMMANDS[cmd_name])  # registers its commands on cli
        return super().get_command(ctx, cmd_name)

    def list_commands(self, ctx: click.Context) -> list[str]:
        for module in set(LAZY_COMMANDS.values()):
            importlib.import_module(module)
        return super().list_commands(ctx)

    def invoke(self, ctx: click.Context) -> Any:
        # click's own (usage errors, --help, exits) go on to click.
        with exit_codes(passthrough=(click.ClickException, click.exceptions.Exit, click.Abort)):
            return super().invoke(ctx)


def _announce(message: str) -> None:
    click.echo(message, err=True)


def _open(
    ctx: click.Context,
    *,
    must_exist: bool = True,
    extract: bool = True,
    said: list[str] | None = None,
):
    """The library; what building it had to say is printed, or kept in said when given."""
    from dipterm.workspace import open_library

    kept: list[str] = [] if said is None else said
    with _progress(False) as progress:  # shown only while a new default library is built
        library = open_library(
            ctx.obj["db"],
            must_exist=must_exist,
            announce=kept.append,
            progress=progress,
            extract=extract,
        )
    if said is None:
        for message in kept:  # once the progress line is gone, not through it
            _announce(message)
    return library


@click.group(
    cls=DiptermGroup,
    invoke_without_command=True,
    epilog=EXIT_CODES_HELP,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.option(
    "--db",
    metavar="PATH",
    help="Library file, before or after the command. Default: $DIPTERM_DB, else library.db in "
    "your data folder (built from the bundled corpus the first time).",
)
@click.option(
    "--color",
    type=click.Choice(cli_search.COLORS),
    default="auto",
    show_default=True,
    help="Colour and styles: on a terminal unless NO_COLOR is set (auto), always, or never.",
)
@click.version_option(__version__, "-V", "--version", prog_name="dipterm")
@click.pass_context
def cli(ctx: click.Context, db: str | None, color: str) -> None:
    """dipterm: a research library for DPRK state media (KCNA, Rodong Sinmun, Pyongyang Times, ...).

    With no command, opens the interactive interface.
    """
    ctx.ensure_object(dict)
    ctx.obj["db"] = db
    from dipterm import display

    display.COLOR = color
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
@click.option(
    "--snapshot",
    is_flag=True,
    help="The inputs are a complete copy of each outlet they hold for the dates they span: held "
    "articles of that outlet and span that they lack are marked missing (never deleted).",
)
@click.option(
    "--later",
    is_flag=True,
    help="Store and index only: the articles are searchable at once, and their people, places "
    "and events are found by dipterm extract or the interface.",
)
@click.option(
    "--dates",
    type=click.Choice(["day-first", "month-first"]),
    help="How numeric dates such as 03/02/2024 read. Default: as each file's own dates tell; "
    "a file whose dates could be either leaves those undated and says so.",
)
@click.pass_context
def ingest(
    ctx: click.Context,
    paths: tuple[str, ...],
    quiet: bool,
    mapping: str | None,
    snapshot: bool,
    later: bool,
    dates: str | None,
) -> None:
    """Import articles from files and folders (recursively); - reads standard input.

    Text files (.txt), saved web pages (.html), and corpora of records: a JSON list (.json), JSON
    Lines (.jsonl), CSV (.csv). Record keys such as title/headline, date/published, body/text/content,
    source/publisher and url/link are recognised; --map names others. Dates are read from the
    record's date, a page's meta tags, JSON-LD, <time> and KCNA's date stamps, the url, a trailing
    citation or the dateline; an article without one is imported and counted ("3 without a date",
    found again with is:undated). Encodings are detected. A saved page's asset folder
    (page_files/) is passed over and counted.

    An article already held (the same text) is not stored twice, nor extracted again:
    re-importing says "unchanged", the same story from another file or url is recorded as another
    origin. A new text or title of a held article (the same url; without a url, the same outlet,
    date and nearly the same title) is a revision: it becomes the current text and the one before
    is kept (dipterm history ID, dipterm changes). Prints a summary of what was imported,
    unchanged and skipped (with the reason for each skipped input or record); exits 1 if
    anything was skipped. Each batch is committed: an interrupted import keeps what it committed
    and finishes when run again. On a terminal a progress line shows the articles done and, for
    files, the share of their bytes read and the time left.

    The articles are stored and indexed first, so that they can be searched at once; then their
    people, organisations, places and events are extracted (unless --later).
    """
    from dipterm.display import safe_line
    from dipterm.ingest.pipeline import import_paths, reextract
    from dipterm.ingest.records import parse_mapping

    fields = parse_mapping(mapping)
    library = _open(ctx, must_exist=False)
    with library:
        with _progress(quiet) as storing:
            summary = import_paths(
                library,
                paths,
                progress=storing,
                mapping=fields,
                snapshot=snapshot,
                dates=dates,  # type: ignore[arg-type]
                extract=False,
            )
        if not later:
            with _progress(quiet, "extracting") as extracting:
                reextract(library, progress=extracting, unextracted=True)
    click.echo(summary.line)
    if later and (summary.imported or summary.revised) and not quiet:
        click.echo(
            "searchable now; their people, places and events: dipterm extract, or the interface",
            err=True,
        )
    if not quiet:
        for skipped in summary.skipped:
            click.echo(
                f"  skipped {safe_line(skipped.origin)}: {safe_line(skipped.reason)}", err=True
            )
        for note in summary.notes:
            click.echo(f"  note {safe_line(note.origin)}: {safe_line(note.text)}", err=True)
    if summary.skipped:
        sys.exit(int(ExitCode.NO_MATCH))


class _progress:
    """A progress line on stderr while an import runs, when stderr is a terminal: the articles
    done, and where the share of the work done is known (not from standard input), a bar, the
    percentage and the time left. It appears at the import's first report, so a command that
    imports nothing (the library was built already) shows none."""

    def __init__(self, quiet: bool, doing: str = "") -> None:
        self.enabled = not quiet and sys.stderr.isatty()
        self.doing = doing  # what the articles counted are undergoing: "extracting"
        self.bar: Any = None
        self.task: Any = None

    def __enter__(self):
        if not self.enabled:
            return None
        from dipterm.display import safe_line

        def update(done: int, origin: str, share: float | None) -> None:
            if self.bar is None:
                self._start()
            self.bar.update(
                self.task,
                articles=done,
                description=safe_line(origin)[-60:],  # a file's name is data
                total=None if share is None else 1000,
                completed=0 if share is None else share * 1000,
            )

        return update

    def _start(self) -> None:
        from rich.progress import (
            BarColumn,
            Progress,
            SpinnerColumn,
            TaskProgressColumn,
            TextColumn,
            TimeElapsedColumn,
        )

        self.bar = Progress(
            SpinnerColumn(),
            TextColumn(
                f"{self.doing + ' ' if self.doing else ''}{{task.fields[articles]}} articles"
            ),
            BarColumn(bar_width=20),
            TaskProgressColumn(),
            TimeElapsedColumn(),
            _time_left_column(),
            TextColumn("{task.description}", style="dim", markup=False),
            transient=True,
            console=__import__("dipterm.display", fromlist=["console"]).console(stderr=True),
        )
        self.bar.start()
        self.task = self.bar.add_task("", total=None, articles=0)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()


def _time_left_column():
    """The time left, said as such; nothing until it can be told (the share of the work done
    unknown, or too little done yet)."""
    from rich.progress import TimeRemainingColumn
    from rich.text import Text

    class TimeLeft(TimeRemainingColumn):
        def render(self, task):  # type: ignore[no-untyped-def]
            if task.total is None or task.time_remaining is None:
                return Text("")
            return Text.assemble("left ", super().render(task))

    return TimeLeft()


SEARCH_HELP = f"""Search the library. QUERY is words (all must match), "a phrase", a OR b,
-excluded, prefix*, and filters: title:WORD source:NAME since:YYYY[-MM[-DD]] until:... lang:en,
person:NAME org:NAME place:NAME country:NAME (any romanisation), event:TYPE
({", ".join(EVENT_TYPES)}), and is:revised, is:missing or is:undated (changed after
publication, gone from the outlet, or no date found).

Search covers the current text of each article; --revisions also finds articles whose words
only an earlier version held, listed after the others and marked "earlier version".

A word the library does not hold is replaced by the nearest one it does, and the change is
shown on stderr ("lavrow -> lavrov"); --exact turns this off.
"""


@cli.command(cls=QueryCommand, help=SEARCH_HELP)
@click.argument("query", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(cli_search.FORMATS),
    help="table (on a terminal), tsv (in a pipe: id, date, source, title), csv (with a header "
    "and the snippet), or json.",
)
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="A JSON list: id, title, source, published, score, snippet (--format json).",
)
@click.option("--ids", is_flag=True, help="Only the ids, one a line (nothing when none match).")
@click.option(
    "--limit",
    "-n",
    default=cli_search.DEFAULT_LIMIT,
    show_default=True,
    type=click.IntRange(*cli_search.LIMIT_RANGE),
)
@click.option(
    "--sort",
    type=click.Choice(cli_search.SORTS),
    default="rank",
    show_default=True,
    help="Best match first, newest first, or oldest first.",
)
@click.option("--exact", is_flag=True, help="No typo correction: search the words as written.")
@click.option(
    "--revisions", is_flag=True, help="Also find text only an earlier version of an article held."
)
@click.pass_context
def search(
    ctx: click.Context,
    query: tuple[str, ...],
    fmt: str | None,
    as_json: bool,
    ids: bool,
    limit: int,
    sort: str,
    exact: bool,
    revisions: bool,
) -> None:
    """Search the library (the help: SEARCH_HELP). A plain search is answered before click is
    loaded (launch.py), through the same cli_search.run."""
    if as_json and fmt not in (None, "json"):
        raise click.UsageError(f"--json and --format {fmt} ask for two formats: give one")
    cli_search.run(
        _open(ctx),
        " ".join(query),
        fmt=cli_search.output_format(fmt, as_json),
        ids=ids,
        limit=limit,
        sort=sort,
        exact=exact,
        revisions=revisions,
    )


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
        with display.paged():
            display.print_article(article, extracted)


@cli.command()
@click.option(
    "--json", "as_json", is_flag=True, help="A JSON object: articles, sources, first, last, ..."
)
@click.pass_context
def stats(ctx: click.Context, as_json: bool) -> None:
    """Count the articles, their sources and the span of their dates."""
    from dipterm import display

    with _open(ctx) as library:
        s = library.stats()
        pending = library.awaiting_extraction()
    if as_json:
        display.print_json(
            {
                "path": s.path,
                "articles": s.articles,
                "sources": dict(s.sources),
                "first": s.first,
                "last": s.last,
                "schema_version": s.schema_version,
                "size_bytes": s.size_bytes,
                "awaiting_extraction": pending,
            }
        )
        return
    path = display.safe_line(s.path)
    click.echo(f"library   {path} ({s.size_bytes / 1e6:.1f} MB, schema {s.schema_version})")
    click.echo(f"articles  {s.articles}")
    click.echo(
        f"dates     {display.safe_line(s.first) or '-'} .. {display.safe_line(s.last) or '-'}"
    )
    if pending:
        click.echo(f"extract   {pending} articles await extraction (dipterm extract)")
    click.echo("sources")
    for name, n in s.sources:
        click.echo(f"  {n:>8}  {display.safe_line(name)}")


@cli.command()
@click.option("--repair", is_flag=True, help="Rebuild the full-text index and the vocabulary.")
@click.pass_context
def doctor(ctx: click.Context, repair: bool) -> None:
    """Check the library: SQLite integrity, the full-text index against the articles, the schema
    version, and how many articles older extraction rules read (`dipterm extract` updates them).
    Exits 1 when something is wrong; --repair rebuilds what can be rebuilt."""
    import sqlite3

    from dipterm.store import doctor as checks

    try:
        library = _open(ctx)
    except LibraryError as exc:
        if "malformed" not in str(exc.__cause__):  # SQLITE_CORRUPT: damaged, not another file
            raise
        from dipterm import config

        _report(checks.check_unopened(str(config.library_path(ctx.obj["db"])[0])))
        return
    with library:
        if repair:
            if not library.writable:
                raise DiptermError(f"the library {library.path} is read-only: cannot repair it")
            if not library.is_sound(afresh=True):
                raise DiptermError(checks.damaged_file(str(library.path)))
            for line in checks.repair(library.conn):
                click.echo(line)
        try:
            outdated = library.awaiting_extraction()
        except sqlite3.DatabaseError:
            outdated = None  # the damage it met is what the check says
        result = checks.check(
            library.conn, outdated, writable=library.writable, path=str(library.path)
        )
        if any(problem.startswith("SQLite integrity") for problem in result.problems):
            library.forget_soundness()  # damage that changed no file time: writes check again
    _report(result)


def _report(result: Any) -> None:
    """A checkup, a line each: what is right, then what is wrong; exit 1 when anything is."""
    for note in result.notes:
        click.echo(f"ok       {note}")
    for problem in result.problems:
        click.echo(f"PROBLEM  {problem}")
    if not result.healthy:
        sys.exit(int(ExitCode.NO_MATCH))


@cli.command()
@click.pass_context
def tui(ctx: click.Context) -> None:
    """Open the interactive interface (also what `dipterm` alone does). Press ? for its keys.

    Articles imported with --later, or a library built from the bundle on first start, are
    extracted behind the interface, which says how far it is."""
    from dipterm import config

    said: list[str] = []  # "Built your library...": the interface would hide it, so it says it
    path, is_default = config.library_path(ctx.obj["db"])
    build = None
    if is_default and sys.stdin.isatty() and sys.stdout.isatty():
        from dipterm.tui.extraction import FirstBuild

        # Forked before Textual loads: the build runs while the interface starts, which shows
        # how far it is and opens the list once the library is searchable.
        build = FirstBuild.start_if_needed(path)
    if build is None:
        library = _open(ctx, must_exist=False, extract=False, said=said)
        path = library.path
        library.close()
    if not sys.stdin.isatty() or not sys.stdout.isatty():
        for message in said:
            _announce(message)
        raise DiptermError("the interface needs a terminal; for scripts use dipterm search")
    from dipterm.tui.app import run

    run(path, notes=said, build=build)


def main() -> None:
    cli(prog_name="dipterm")
