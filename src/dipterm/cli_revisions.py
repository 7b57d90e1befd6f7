"""Commands on what outlets changed after they published: history (an article's versions) and
changes (the articles revised, gone missing or come back)."""

from __future__ import annotations

import sys

import click

from dipterm.cli import _open, cli
from dipterm.errors import ExitCode


@cli.command()
@click.argument("article_id", metavar="ID")
@click.option("--json", "as_json", is_flag=True, help="A JSON object with a revisions list.")
@click.pass_context
def history(ctx: click.Context, article_id: str, as_json: bool) -> None:
    """Every version of an article, oldest first: when each was imported and from which file, the
    words removed and added between each pair, and the people, organisations and places that
    disappeared or appeared."""
    with _open(ctx) as library:
        article = library.article(article_id)
        found = library.history(article.id)
    if as_json:
        from dipterm import display

        display.print_json(history_record(found))
        return
    _print_history(found)


def history_record(found) -> dict:
    revisions = []
    for k, version in enumerate(found.versions):
        record = {
            "revision": version.number,
            "current": version.current,
            "imported_at": version.imported_at,
            "origin": version.origin,
            "title": version.title,
            "body": version.body,
            "names": version.names,
        }
        if k:
            d = found.differences[k - 1]
            record["changes"] = {
                "summary": d.line(),
                "removed": d.removed,
                "added": d.added,
                "words_removed": d.words_removed,
                "words_added": d.words_added,
                "names_gone": d.names_gone,
                "names_new": d.names_new,
                "title_before": d.title_before,
            }
        revisions.append(record)
    return {
        "id": found.article_id,
        "missing_since": found.missing_since,
        "revisions": revisions,
        "log": found.changes,
    }


def _print_history(found) -> None:
    from rich.text import Text

    from dipterm import display

    out = display.console()
    latest = found.versions[-1]
    out.print(Text(display.safe(latest.title), style="bold"))
    count = len(found.versions)
    line = f"article {found.article_id}: {count} version{'s' if count != 1 else ''}"
    if found.missing_since:
        line += f"; missing from its outlet since {found.missing_since}"
    out.print(Text(line, style="dim"))
    for k, version in enumerate(found.versions):
        head = Text(f"\n{version.number}. imported {version.imported_at}", style="bold")
        if version.origin:
            head.append(f" from {display.safe(version.origin)}", style="dim")
        if version.current:
            head.append("  (current)", style="green")
        out.print(head)
        if not k:
            continue
        d = found.differences[k - 1]
        if d.title_before is not None:
            out.print(Text(f"   title was: {display.safe(d.title_before)}"))
        out.print(Text(f"   {display.safe(d.line())}"))
        for run in d.removed:
            out.print(Text("   - ", style="red").append(display.safe(_short(run)), style="red"))
        for run in d.added:
            out.print(Text("   + ", style="green").append(display.safe(_short(run)), style="green"))


def _short(run: str, most: int = 300) -> str:
    return run if len(run) <= most else run[: most - 1] + "…"


@cli.command()
@click.option("--since", metavar="DATE", help="Changes found on or after DATE (YYYY[-MM[-DD]]).")
@click.option("--source", metavar="OUTLET", help="Only this outlet's articles (KCNA, ...).")
@click.option("--json", "as_json", is_flag=True, help="A JSON list of the changes.")
@click.pass_context
def changes(ctx: click.Context, since: str | None, source: str | None, as_json: bool) -> None:
    """The articles revised, gone missing from their outlet or come back, newest change first,
    each with what changed in one line ("Jang Song Thaek removed; 23 words removed, 0 added")."""
    with _open(ctx) as library:
        found = library.changes(since=since, source=source)
    if as_json:
        from dipterm import display

        display.print_json(
            [
                {
                    "id": c.article_id,
                    "at": c.at,
                    "kind": c.kind,
                    "summary": c.summary,
                    "title": c.title,
                    "source": c.source,
                    "published": c.published,
                }
                for c in found
            ]  # fmt: skip
        )
    else:
        from dipterm.display import tsv_row

        for c in found:
            row = tsv_row(c.at, c.kind, c.article_id, c.published, c.source, c.title, c.summary)
            click.echo(row, nl=False)
    if not found:
        if not as_json:
            click.echo("no change recorded", err=True)
        sys.exit(int(ExitCode.NO_MATCH))
