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
# What starts a block at a line's start: the mark itself is escaped, and for an ordered list the
# dot or parenthesis after the number (CommonMark shows a backslash before the number as such).
_LINE_START = re.compile(r"^([ \t]*)(?:([#>+=-])|(\d+)([.)]))", re.M)  # [ \t]: never across lines
# A url is linked only when it is http(s) and holds nothing a link could be broken out of.
_LINKABLE_URL = re.compile(r"https?://[^\s<>\x00-\x1f\x7f]+\Z", re.I)
_INERT_URL = re.compile(r"([:@])")  # no scheme: nor email autolink (GFM) forms in it
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"]  # fmt: skip


def escape(text: str) -> str:
    """Text as markdown shows it literally."""
    text = strip_terminal_controls(text)
    text = _INLINE.sub(r"\\\1", text)
    return _LINE_START.sub(_escape_line_start, text)


def _escape_line_start(m: re.Match[str]) -> str:
    indent, mark, number, delimiter = m.groups()
    return indent + ("\\" + mark if mark else number + "\\" + delimiter)


def one_line(text: str) -> str:
    """A one-line field (title, source, url) escaped, its line breaks made spaces: a newline in
    it could otherwise start a heading or a paragraph of its own."""
    return escape(" ".join(text.split()))


def url_text(url: str) -> str:
    """An http(s) url as an autolink; any other (javascript:, data:, one with spaces or line
    breaks in it) as inert text that no markdown reader links."""
    if _LINKABLE_URL.match(url):
        return f"<{url}>"
    return _INERT_URL.sub(r"\\\1", one_line(url))


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
        one_line(a.source or "Unknown source"),
        f"\u201c{one_line(a.title)}\u201d",
        human_date(a.published),
    ]
    line = ", ".join(parts)
    if a.url:
        line += f", {url_text(a.url)}"
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
        one_line(p["name"]) + (f" ({one_line('; '.join(p['roles']))})" if p["roles"] else "")
        for p in x.get("people", [])
    ]
    if people:
        lines.append("**People:** " + ", ".join(people))
    places = [one_line(p["name"]) for p in x.get("places", [])]
    if places:
        lines.append("**Places:** " + ", ".join(places))
    events = []
    for e in x.get("events", []):
        where = f" at {one_line(e['place'])}" if e.get("place") else ""
        who = ", ".join(one_line(p) for p in e["participants"])
        events.append(
            f"{e.get('date') or 'undated'} {one_line(e['type'])}{where}"
            + (f": {who}" if who else "")
        )
    if events:
        lines.append("**Events:** " + "; ".join(events))
    return lines


def _snippet(snippet: str) -> str:
    """A matched passage on one line, its terms in bold (marks survive escaping as private-use
    characters, which no article holds after cleaning)."""
    marked = snippet.replace("\x02", "\ue000").replace("\x03", "\ue001")
    return one_line(marked).replace("\ue000", "**").replace("\ue001", "**")


def render(export: ExportSet, *, snippets: bool = False) -> str:
    out: list[str] = [f"# {one_line(export.heading)}", ""]
    count = len(export.items)
    out.append(f"{count} article{'s' if count != 1 else ''}, exported by dipterm.")
    out += ["", "## Contents", ""]
    for n, item in enumerate(export.items, 1):
        a = item.article
        out.append(
            f"{n}. [{one_line(a.title)}](#{anchor(item)}) \u2014 {one_line(a.source or 'Unknown source')}, {human_date(a.published)}"
        )
    for n, item in enumerate(export.items, 1):
        a = item.article
        out += [
            "",
            f'<a id="{anchor(item)}"></a>',
            "",
            f"## {n}. {one_line(a.title)}",
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
