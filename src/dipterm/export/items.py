"""What is exported: articles with their extracted fields, gathered from the library once."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from dipterm.errors import DiptermError
from dipterm.models import Article
from dipterm.store.library import Library


@dataclass(frozen=True)
class ExportItem:
    article: Article
    extracted: dict
    snippet: str | None = None  # the matched passage, terms between \x02 and \x03


@dataclass(frozen=True)
class ExportSet:
    heading: str  # "Selection: Russia 2024", "Search: person:Lavrov"
    basis: str  # the query or selection it came from, as the user gave it
    items: list[ExportItem] = field(default_factory=list)


def gather(
    library: Library,
    *,
    ids: Sequence[int] = (),
    query: str | None = None,
    selection: str | None = None,
    limit: int = 10_000,
    snippets: bool = False,
) -> ExportSet:
    """The articles to export: ids, a query's results, or a saved selection (exactly one of them);
    with snippets, a query's matched passages too."""
    given = [bool(ids), query is not None, selection is not None]
    if sum(given) != 1:
        raise DiptermError("export what? give article ids, or --query Q, or --selection NAME")
    passages: dict[int, str] = {}
    if query is not None:
        result = library.search(query, limit=limit, snippets=snippets)
        ids = [h.id for h in result.hits]
        passages = {h.id: h.snippet for h in result.hits} if snippets else {}
        heading, basis = f"Search: {query}", query
    elif selection is not None:
        ids = library.selection(selection)
        heading, basis = f"Selection: {selection}", selection
    else:
        heading, basis = "Articles", ", ".join(map(str, ids))
    items = [
        ExportItem(a, library.extraction(a.id), passages.get(a.id)) for a in library.articles(ids)
    ]
    return ExportSet(heading, basis, items)
