"""How the CLI shows things: rich tables on a terminal, plain lines in a pipe, JSON for scripts.

Every string from the library passes strip_terminal_controls before it is printed (one_line for
a field shown on one line, and in JSON, escaped), so nothing an article holds can drive the
terminal or forge a row; rich gets Text objects, never markup made from article text.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from typing import Any

from dipterm.ingest.clean import one_line, strip_terminal_controls
from dipterm.models import Article, Hit

MARK_START, MARK_END = "\x02", "\x03"
# --color: "auto" colours a terminal unless NO_COLOR is set (rich reads it); "always", "never".
COLOR = "auto"
_page: Any = None  # while paged(): where stdout's rich output is gathered for the pager


# What JSON leaves raw that a terminal acts on: C1 controls (CSI, OSC), DEL, bidi overrides.
_RAW_IN_JSON = re.compile(r"[\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f]")


def safe(text: str | None) -> str:
    return strip_terminal_controls(text or "")


def safe_line(text: str | None) -> str:
    """A field for one line or one cell of tab-separated output."""
    return one_line(text or "")


def tsv_row(*cells: object) -> str:
    """One line of tab-separated output: no cell can forge another cell or row."""
    return "\t".join(safe_line("" if c is None else str(c)) for c in cells) + "\n"


def plain_snippet(snippet: str) -> str:
    return safe(snippet.replace(MARK_START, "").replace(MARK_END, ""))


def highlighted(snippet: str, style: str = "bold yellow"):
    """A rich Text of a snippet with its matched terms styled."""
    from rich.text import Text

    text = Text()
    rest = snippet
    while MARK_START in rest:
        before, _, tail = rest.partition(MARK_START)
        match, _, rest = tail.partition(MARK_END)
        text.append(safe(before))
        text.append(safe(match), style=style)
    text.append(safe(rest.replace(MARK_END, "")))
    return text


def print_json(value: Any) -> None:
    """JSON as it is (C0 controls escaped by json), and what else could act escaped too: the
    same data, read back."""
    text = json.dumps(value, ensure_ascii=False, indent=2)
    sys.stdout.write(_RAW_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n")


def hit_record(hit: Hit) -> dict[str, Any]:
    return {
        "id": hit.id,
        "title": hit.title,
        "source": hit.source,
        "published": hit.published,
        "score": None if hit.score is None else round(hit.score, 4),
        "snippet": plain_snippet(hit.snippet),
    }


def article_record(article: Article) -> dict[str, Any]:
    record = asdict(article)
    record["origins"] = list(article.origins)
    record["urls"] = list(article.urls)
    return record


def console(stderr: bool = False):
    from rich.console import Console

    stream = sys.stderr if stderr else sys.stdout
    colour: dict[str, Any] = {}
    if _page is not None and not stderr:  # the pager shows what a terminal would
        import shutil

        colour.update(file=_page, force_terminal=True, width=shutil.get_terminal_size().columns)
    if COLOR == "always":
        colour.update(force_terminal=True, no_color=False)
    elif COLOR == "never":
        colour["color_system"] = None
    # On a terminal rich wraps to its width; in a pipe each line stays whole.
    return Console(stderr=stderr, highlight=False, soft_wrap=not stream.isatty(), **colour)


def pager_command() -> str | None:
    """The pager long output goes through on a terminal, as git chooses it: $DIPTERM_PAGER, else
    $PAGER, else less; none in a pipe, when set empty or to cat, or when it is not installed."""
    import os
    import shlex
    import shutil

    if not sys.stdout.isatty():  # as git: less reads its keys from the terminal, not stdin
        return None
    command = os.environ.get("DIPTERM_PAGER", os.environ.get("PAGER", "less")).strip()
    words = shlex.split(command) if command else []
    if not words or words == ["cat"] or shutil.which(words[0]) is None:
        return None
    return command


@contextmanager
def paged() -> Iterator[None]:
    """What is printed through console() inside goes through the pager (less -FRX unless LESS
    says otherwise: a page that fits is printed as it is, colours kept, the screen not cleared)."""
    global _page
    command = pager_command()
    if command is None:
        yield
        return
    import io
    import os
    import subprocess

    _page = io.StringIO()
    try:
        yield
        text = _page.getvalue()
    finally:
        _page = None
    env = {**os.environ, "LESS": os.environ.get("LESS", "FRX"), "LV": os.environ.get("LV", "-c")}
    pager = subprocess.Popen(command, shell=True, stdin=subprocess.PIPE, env=env)
    try:
        pager.communicate(text.encode("utf-8", "replace"))
    except BrokenPipeError:
        pass  # the reader quit before the end
    except KeyboardInterrupt:
        pager.wait()


def print_hits(hits: Iterable[Hit], *, has_more: bool, limit: int, fmt: str | None = None) -> None:
    """Hits as a table (fmt None: on a terminal), tab-separated lines (in a pipe) or CSV."""
    hits = list(hits)
    fmt = fmt or ("table" if sys.stdout.isatty() else "tsv")
    if fmt == "tsv":
        for hit in hits:
            sys.stdout.write(tsv_row(hit.id, hit.published, hit.source, hit.title))
        return
    if fmt == "csv":
        import csv

        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(["id", "published", "source", "title", "snippet"])
        for hit in hits:
            writer.writerow(
                [hit.id, hit.published or "", safe(hit.source), safe(hit.title),
                 plain_snippet(hit.snippet)]
            )  # fmt: skip
        return
    from rich.table import Table
    from rich.text import Text

    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False, expand=True)
    table.add_column("id", justify="right", style="dim", no_wrap=True)
    table.add_column("date", no_wrap=True)
    table.add_column("source", style="cyan", no_wrap=True, max_width=16)
    table.add_column("title / snippet", ratio=1)
    for hit in hits:
        cell = Text()
        cell.append(safe_line(hit.title), style="bold")  # the title only: not the snippet below it
        if hit.snippet:
            cell.append("\n")
            cell.append_text(highlighted(hit.snippet))
        table.add_row(str(hit.id), safe_line(hit.published), safe_line(hit.source), cell)
    out = console()
    out.print(table)
    more = f" (more with --limit {limit * 2})" if has_more else ""
    out.print(Text(f"{len(hits)} shown{more}", style="dim"))


def print_article(article: Article, extracted: dict | None = None) -> None:
    from rich.text import Text

    out = console()
    out.print(Text(safe_line(article.title), style="bold"))
    fields = [
        ("source", article.source),
        ("published", _published(article)),
        ("byline", article.byline),
        ("url", article.url),
        ("id", f"{article.id}  (hash {article.content_hash[:12]})"),
        ("from", ", ".join(article.origins)),
        ("versions", versions_line(article)),
    ]
    extracted = extracted or {}
    people = [
        p["name"] + (f" ({'; '.join(p['roles'])})" if p["roles"] else "")
        for p in extracted.get("people", [])
    ]
    fields += [
        ("people", "\n".join(people)),
        ("places", ", ".join(p["name"] for p in extracted.get("places", []))),
        ("countries", ", ".join(p["name"] for p in extracted.get("countries", []))),
        ("events", "\n".join(event_line(e) for e in extracted.get("events", []))),
    ]
    for name, value in fields:
        if value:
            for i, part in enumerate(str(value).split("\n")):
                line = Text(f"{name if i == 0 else '':>10}  ", style="dim")
                line.append(safe_line(part))
                out.print(line)
    out.print()
    for paragraph in article.body.split("\n\n"):
        out.print(Text(safe(paragraph)))
        out.print()


def versions_line(article: Article) -> str:
    """'3 (this text imported 2026-12-07; dipterm history 12)', and when it went missing."""
    parts = []
    if article.revisions:
        parts.append(
            f"{article.revisions + 1} (this text imported {(article.revised_at or '')[:10]}; "
            f"dipterm history {article.id})"
        )
    if article.missing_since:
        parts.append(f"missing from its outlet since {article.missing_since[:10]}")
    return "; ".join(parts)


def _published(article: Article) -> str | None:
    """ "2024-04-13  (from meta article:published_time)": the date and where it was found."""
    if not article.published:
        return "undated"
    found = f"  (from {article.published_from})" if article.published_from else ""
    return article.published + found


def event_line(event: dict) -> str:
    """2024-11-01 wreath-laying at Tomb of the Unknown Soldiers: Choe Son Hui"""
    where = f" at {event['place']}" if event.get("place") else ""
    who = ", ".join(event["participants"])
    return f"{event.get('date') or 'undated'} {event['type']}{where}" + (f": {who}" if who else "")


def span(first: str | None, last: str | None) -> str:
    """'2019-01-08 .. 2024-11-08', one date when both are one, '?' for none; 24 wide."""
    first, last = safe_line(first), safe_line(last)
    text = first if first == last else f"{first or '?'} .. {last or '?'}"
    return f"{text or '?':<24}"


def career_line(line: dict) -> str:
    """'2024-07-26 .. 2024-11-10  foreign minister of the DPRK (36)'"""
    return f"{span(line['first'], line['last'])} {safe_line(line['office'])} ({line['articles']})"


def career_sections(career: list[dict]) -> list[tuple[str, list[dict]]]:
    """A career under its headings: the offices held, then ranks and honorifics."""
    sections = [
        ("offices held", [c for c in career if c["kind"] == "office"]),
        ("ranks and honorifics", [c for c in career if c["kind"] != "office"]),
    ]
    return [(heading, lines) for heading, lines in sections if lines]


def print_dossier(dossier, *, wordings: bool = False) -> None:
    """A dossier on the console; wordings adds the roles as the articles wrote them."""
    from rich.text import Text

    out = console()
    out.print(Text(f"{safe_line(dossier.name)}  ({dossier.kind})", style="bold"))
    others = [v for v in dossier.variants if v != dossier.name]
    if others:
        out.print(Text("also written  " + safe_line(", ".join(others)), style="dim"))
    first, last = safe_line(dossier.first_seen) or "?", safe_line(dossier.last_seen) or "?"
    out.print(Text(f"seen {first} .. {last} in {dossier.articles_total} articles"))
    for heading, lines in career_sections(dossier.career):
        out.print(Text(f"\n{heading}", style="bold"))
        for line in lines:
            out.print(Text(f"  {career_line(line)}"))
    if wordings and dossier.roles:
        out.print(Text("\nroles as written", style="bold"))
        for role in dossier.roles:
            out.print(
                Text(
                    f"  {span(role['first'], role['last'])} {safe_line(role['role'])} "
                    f"({role['articles']})"
                )
            )
    for heading, others in dossier.counterparts:
        if others:
            out.print(Text(f"\n{heading}", style="bold"))
            for other in others:
                out.print(Text(f"  {other['events']:>4}  {safe_line(other['name'])}"))
    if dossier.quotes:
        out.print(Text("\nquoted", style="bold"))
        for quote in dossier.quotes[:5]:
            out.print(Text(f"  [{quote['article_id']}] \u201c{safe_line(quote['text'])}\u201d"))
        if len(dossier.quotes) > 5:
            out.print(Text(f"  \u2026 {len(dossier.quotes) - 5} more quotes (--json)", style="dim"))
    out.print(Text("\n" + articles_heading(dossier), style="bold"))
    for article in dossier.articles:
        out.print(
            Text(
                f"  {article['id']:>6}  {safe_line(article['published']):<10}  "
                f"{safe_line(article['source']):<16} {safe_line(article['title'])}"
            )
        )
    rest = dossier.articles_total - dossier.articles_offset - len(dossier.articles)
    if rest > 0:
        after = dossier.articles_offset + len(dossier.articles)
        out.print(Text(f"  \u2026 {rest} more (--offset {after})", style="dim"))


def articles_heading(dossier) -> str:
    """'articles' over a whole list; 'articles 201-400 of 713' over a page of it."""
    shown, start = len(dossier.articles), dossier.articles_offset
    if start == 0 and shown == dossier.articles_total:
        return "articles"
    if not shown:
        return f"articles: none from {start + 1} of {dossier.articles_total}"
    return f"articles {start + 1}-{start + shown} of {dossier.articles_total}"


def holders_by_country(holders: list) -> list[tuple[str, list]]:
    """Office holders under their country, the country with most articles first; those whose
    country the wording does not give last."""
    groups: dict[str, list] = {}
    for holder in holders:
        groups.setdefault(holder.country, []).append(holder)
    return sorted(groups.items(), key=lambda g: (not g[0], -sum(h.articles for h in g[1]), g[0]))


def holder_line(holder) -> str:
    """'2018-08-07 .. 2019-09-04 Ri Yong Ho, foreign minister of the DPRK (5)'"""
    return f"{span(holder.first, holder.last)} {safe_line(holder.name)}, {safe_line(holder.office)} ({holder.articles})"


def print_holders(holders: list) -> None:
    from rich.text import Text

    out = console()
    for country, group in holders_by_country(holders):
        out.print(Text(country or "country not given", style="bold"))
        for holder in group:
            out.print(Text(f"  {holder_line(holder)}"))
