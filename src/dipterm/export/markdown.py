"""Markdown a report can paste: a title, a table of contents, and for each article a heading, one
citation line in one style, its people, places and events, then the text (or the matched passages).

Deterministic: the same articles give the same bytes. Article text is escaped so that a #, *, |, `
or < in it cannot break the document, and nothing that could drive a terminal survives.
"""

from __future__ import annotations

import re

from dipterm.export.items import ExportItem, ExportSet
from dipterm.ingest.clean import strip_terminal_controls

_INLINE = re.compile(r"([\\`*_\[\]<>|~&!])")
_LINE_START = re.compile(r"^(\s*)([#>+=-]|\d+[.)])", re.M)
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"]  # fmt: skip


def escape(text: str) -> str:
    """Text as markdown shows it literally."""
    text = strip_terminal_controls(text)
    text = _INLINE.sub(r"\\\1", text)
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


def human_date(iso: str | None) -> str:
    """2024-07-26 -> 26 July 2024; 2019-04 -> April 2019; None -> "undated"."""
    if not iso:
        return "undated"
    parts = iso.split("-")
    if len(parts) == 3:
        return f"{int(parts[2])} {_MONTHS[int(parts[1]) - 1]} {parts[0]}"
    if len(parts) == 2:
        return f"{_MONTHS[int(parts[1]) - 1]} {parts[0]}"
    return parts[0]


def citation(item: ExportItem) -> str:
    """Source, "Title", date, url. — the one style of every citation."""
    a = item.article
    parts = [
        escape(a.source or "Unknown source"),
        f"\u201c{escape(a.title)}\u201d",
        human_date(a.published),
    ]
    line = ", ".join(parts)
    if a.url:
        line += f", <{a.url.replace('>', '%3E').replace(' ', '%20')}>"
    line += "."
    if a.revisions:
        when = human_date(a.revised_at[:10]) if a.revised_at else "its last import"
        kept = f"{a.revisions} earlier version{'s' if a.revisions != 1 else ''} kept"
        line += (
            f" Text as imported on {when}, a revision of the article as first published ({kept})."
        )
    if a.missing_since:
        line += f" No longer in the outlet's archive as of {human_date(a.missing_since[:10])}."
    return line


def anchor(item: ExportItem) -> str:
    return f"article-{item.article.id}"


def _fields(item: ExportItem) -> list[str]:
    x = item.extracted
    lines = []
    people = [
        escape(p["name"]) + (f" ({escape('; '.join(p['roles']))})" if p["roles"] else "")
        for p in x.get("people", [])
    ]
    if people:
        lines.append("**People:** " + ", ".join(people))
    places = [escape(p["name"]) for p in x.get("places", [])]
    if places:
        lines.append("**Places:** " + ", ".join(places))
    events = []
    for e in x.get("events", []):
        where = f" at {escape(e['place'])}" if e.get("place") else ""
        who = ", ".join(escape(p) for p in e["participants"])
        events.append(
            f"{e.get('date') or 'undated'} {escape(e['type'])}{where}" + (f": {who}" if who else "")
        )
    if events:
        lines.append("**Events:** " + "; ".join(events))
    return lines


def _snippet(snippet: str) -> str:
    """A matched passage on one line, its terms in bold (marks survive escaping as private-use
    characters, which no article holds after cleaning)."""
    one_line = " ".join(snippet.replace("\x02", "\ue000").replace("\x03", "\ue001").split())
    return escape(one_line).replace("\ue000", "**").replace("\ue001", "**")


def render(export: ExportSet, *, snippets: bool = False) -> str:
    out: list[str] = [f"# {escape(export.heading)}", ""]
    count = len(export.items)
    out.append(f"{count} article{'s' if count != 1 else ''}, exported by dipterm.")
    out += ["", "## Contents", ""]
    for n, item in enumerate(export.items, 1):
        a = item.article
        out.append(
            f"{n}. [{escape(a.title)}](#{anchor(item)}) \u2014 {escape(a.source or 'Unknown source')}, {human_date(a.published)}"
        )
    for n, item in enumerate(export.items, 1):
        a = item.article
        out += [
            "",
            f'<a id="{anchor(item)}"></a>',
            "",
            f"## {n}. {escape(a.title)}",
            "",
            citation(item),
            "",
        ]
        fields = _fields(item)
        if fields:
            out += ["  \n".join(fields), ""]
        if snippets and item.snippet:
            out += ["> " + _snippet(item.snippet), ""]
        else:
            for paragraph in a.body.split("\n\n"):
                if paragraph.strip():
                    out += [escape(paragraph.strip()), ""]
        out.append(f"*dipterm article {a.id}*")
    return "\n".join(out).rstrip("\n") + "\n"
