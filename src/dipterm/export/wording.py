"""Markdown for a report of how the wording moved: a trend's table, a concordance, each line traced
to the articles behind it by a citation."""

from __future__ import annotations

from dipterm.export.items import ExportItem
from dipterm.export.markdown import citation, one_line
from dipterm.models import Article
from dipterm.store.wording import Concordance, Trend


def _cite(article: Article) -> str:
    return citation(ExportItem(article, {}))


def render_concordance(found: Concordance, articles: dict[int, Article]) -> str:
    """Each article with its occurrences, oldest first: the citation, then one line each."""
    out = [f"# Concordance: {one_line(found.query)}", ""]
    cited = sorted({o.id for o in found.occurrences}, key=[o.id for o in found.occurrences].index)
    out.append(
        f"{len(found.occurrences)} occurrences in {len(cited)} articles"
        + ("" if found.complete else f" (the first {len(found.occurrences)} only)")
        + ", exported by dipterm."
    )
    for article_id in cited:
        article = articles.get(article_id)
        if article is None:
            continue
        out += ["", _cite(article), ""]
        for o in found.occurrences:
            if o.id == article_id:
                where = " (title)" if o.in_title else ""
                out.append(
                    f"- \u2026{one_line(o.left)} **{one_line(o.match)}** {one_line(o.right)}\u2026{where}"
                )
        out.append(f"  \n*dipterm article {article_id}*")
    return "\n".join(out).rstrip("\n") + "\n"


def render_trend(found: Trend, behind: dict[str, dict[str, list[Article]]]) -> str:
    """The counts per period beside the totals, then for each query the articles of each period
    (behind: term -> period -> articles, oldest first), so that every figure can be checked."""
    terms = [s.term for s in found.series]
    out = [f"# Trend by {found.by}: " + "; ".join(one_line(t) for t in terms), ""]
    out.append("| " + " | ".join([found.by, *[one_line(t) for t in terms], "all articles"]) + " |")
    out.append("|" + " --- |" * (len(terms) + 2))
    for period in found.periods:
        cells = [str(s.counts.get(period, 0)) for s in found.series]
        out.append(f"| {period} | " + " | ".join(cells) + f" | {found.totals.get(period, 0)} |")
    if found.undated_total:
        cells = [str(s.undated) for s in found.series]
        out.append("| undated | " + " | ".join(cells) + f" | {found.undated_total} |")
    for series in found.series:
        out += ["", f"## {one_line(series.term)}", ""]
        out.append(f"{series.articles} articles.")
        for label, edge in (("First", series.first), ("Last", series.last)):
            if edge:
                out.append(f"{label} seen {edge.published}.  ")
        for period, articles in behind.get(series.term, {}).items():
            out += ["", f"### {period or 'undated'} ({len(articles)})", ""]
            out += [f"- {_cite(a)}" for a in articles]
    return "\n".join(out).rstrip("\n") + "\n"
