"""Commands on what extraction found: entities, dossiers, re-extraction, evaluation."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import click

from dipterm.cli import _open, _progress, cli
from dipterm.errors import ExitCode


@cli.command()
@click.argument("name", nargs=-1)
@click.option(
    "--kind", type=click.Choice(["person", "org", "place", "country"]), help="Only this kind."
)
@click.option("--limit", "-n", default=50, show_default=True, type=click.IntRange(1, 1_000_000))
@click.option("--json", "as_json", is_flag=True, help="A JSON list: name, kind, articles.")
@click.pass_context
def entities(
    ctx: click.Context, name: tuple[str, ...], kind: str | None, limit: int, as_json: bool
) -> None:
    """List the people, organisations, places and countries named, most often named first; with
    NAME, those whose name holds it in any romanisation (jong-un finds Kim Jong Un). Exits 1
    when none is named."""
    with _open(ctx) as library:
        rows = library.entities(kind, limit, " ".join(name) if name else None)
    from dipterm import display

    if as_json:
        display.print_json([{"name": r.name, "kind": r.kind, "articles": r.articles} for r in rows])
    else:
        if rows and sys.stdout.isatty():  # a pipe gets the rows alone, for cut and sort
            click.echo(f"{'articles':>8}  {'kind':<8} name")
        for row in rows:
            click.echo(f"{row.articles:>8}  {row.kind:<8} {display.safe_line(row.name)}")
    if not rows:
        if not as_json:
            click.echo("no match", err=True)
        sys.exit(int(ExitCode.NO_MATCH))


@cli.command()
@click.argument("name", nargs=-1, required=True)
@click.option(
    "--kind", type=click.Choice(["person", "org", "place", "country"]), help="Only this kind."
)
@click.option(
    "--limit",
    "-n",
    type=click.IntRange(1),
    help="At most this many articles listed (default: all).",
)
@click.option("--offset", default=0, type=click.IntRange(0), help="Skip this many articles first.")
@click.option(
    "--roles", "wordings", is_flag=True, help="Also the roles as written, one line a wording."
)
@click.option("--json", "as_json", is_flag=True, help="The dossier as a JSON object.")
@click.pass_context
def entity(
    ctx: click.Context,
    name: tuple[str, ...],
    kind: str | None,
    limit: int | None,
    offset: int,
    wordings: bool,
    as_json: bool,
) -> None:
    """The dossier of a person, organisation, place or country: first and last seen, the career
    (each office one line however worded, with its first and last article; ranks and honorifics
    apart), the people met most often and those letters and messages went to or came from
    most often, the articles in date order. Any romanisation works."""
    from dataclasses import asdict

    from dipterm import display

    with _open(ctx) as library:
        found = library.dossier(" ".join(name), kind, limit=limit, offset=offset)
    if as_json:
        display.print_json(asdict(found))
    else:
        with display.paged():
            display.print_dossier(found, wordings=wordings)


@cli.command()
@click.argument("query", nargs=-1, required=True)
@click.option("--on", help="Only who held it on this date (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--json", "as_json", is_flag=True, help="A JSON list: name, office, country, span.")
@click.pass_context
def office(ctx: click.Context, query: tuple[str, ...], on: str | None, as_json: bool) -> None:
    """Who held an office ("foreign minister", "premier of the Cabinet"), each with the first and
    last article that gives it, in date order, by country. However the articles word it."""
    from dataclasses import asdict

    from dipterm import display
    from dipterm.errors import NotFoundError

    if on and not re.fullmatch(r"\d{4}(?:-\d{2}(?:-\d{2})?)?", on):
        raise click.BadParameter("a date as YYYY, YYYY-MM or YYYY-MM-DD", param_hint="--on")
    with _open(ctx) as library:
        holders = library.office_holders(" ".join(query), on)
    if not holders:
        raise NotFoundError(f"nobody holds an office named {' '.join(query)!r} in the library")
    if as_json:
        display.print_json([asdict(h) for h in holders])
    else:
        with display.paged():
            display.print_holders(holders)


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
    help="Folder of the articles the gold file names (default: the folder named as the gold "
    "file without gold-, beside it or one folder up, as eval/kcna-2024/ for "
    "eval/gold-kcna-2024.jsonl and seeds/ for eval/gold-seeds.jsonl; else the gold file's "
    "folder).",
)
@click.option(
    "--corpus",
    type=click.Path(path_type=Path),
    help="JSON Lines file (or its folder) of the corpus records a gold file names by line "
    "(default: ../shared/corpus/kcna-2011-2012/*.jsonl beside the repository).",
)
@click.option("--json", "as_json", is_flag=True, help="Scores and misses as JSON.")
@click.option("--misses", is_flag=True, help="Also list what was missed or extra, per article.")
def evaluate(
    gold: str, articles: str | None, corpus: Path | None, as_json: bool, misses: bool
) -> None:
    """Score extraction against hand annotations (JSON Lines in the format of eval/): precision,
    recall and F1 per field."""
    from dipterm import display
    from dipterm.extract.evaluate import evaluate as run_eval

    report = run_eval(
        Path(gold), Path(articles) if articles else _articles_of(Path(gold)), corpus=corpus
    )
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


def _articles_of(gold: Path) -> Path:
    """Where a gold file's articles are when no folder is given: for eval/gold-X.jsonl, eval/X/,
    else X/ beside eval/ (the seeds' annotations name seeds/), else eval/."""
    name = gold.stem.removeprefix("gold-")
    for folder in (gold.parent / name, gold.parent.parent / name):
        if folder.is_dir():
            return folder
    return gold.parent
