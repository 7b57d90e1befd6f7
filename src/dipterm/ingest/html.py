"""Pages saved from an outlet's site: the article's title, date, url and body, without navigation,
menus, captions, scripts or footers. Parsed with selectolax (Lexbor), never with regular expressions."""

from __future__ import annotations

import re

from dipterm.errors import InputError
from dipterm.extract.dates import date_of_url, parse_date, search_date
from dipterm.extract.sources import canonical_outlet, outlet_of_url
from dipterm.ingest.language import detect_language
from dipterm.ingest.records import record_date
from dipterm.ingest.text import article_from_fields
from dipterm.models import ArticleDraft

_DROP = (
    "script, style, noscript, nav, header, footer, aside, form, figure, figcaption, iframe, svg, "
    "button, select, input, template, object, embed, menu"
)
_BOILERPLATE = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|menu|footer|header|sidebar|share|social|breadcrumbs?|comments?|"
    r"related|advert|ads|banner|cookie|popup|modal|pagination|pager|toolbar|topbar|copyright|"
    r"caption|photo-?caption)(?:$|[\s_-])",
    re.I,
)
_DATE_META = (
    'meta[property="article:published_time"]', 'meta[name="pubdate"]', 'meta[name="date"]',
    'meta[name="publishdate"]', 'meta[itemprop="datePublished"]', 'meta[name="DC.date.issued"]',
    'meta[property="og:published_time"]',
)  # fmt: skip
_BLOCKS = "p, li, blockquote, h2, h3, h4"
MIN_WORDS = 25


def _meta(tree, selector: str) -> str | None:
    node = tree.css_first(selector)
    value = node.attributes.get("content") if node else None
    return value.strip() if value and value.strip() else None


def _text(node) -> str:
    return " ".join(node.text(separator=" ").split())


def _main_paragraphs(body) -> list[str]:
    """The paragraphs of the container that holds the most paragraph text."""
    scores: dict[int, tuple[int, object]] = {}
    for block in body.css(_BLOCKS):
        parent = block.parent
        if parent is None:
            continue
        old = scores.get(parent.mem_id, (0, parent))
        scores[parent.mem_id] = (old[0] + len(_text(block)), parent)
    if scores:
        best = max(scores.values(), key=lambda pair: pair[0])[1]
        paragraphs = [_text(b) for b in best.css(_BLOCKS) if _text(b)]  # type: ignore[attr-defined]
        if sum(len(p.split()) for p in paragraphs) >= MIN_WORDS:
            return paragraphs
    # Pages that separate paragraphs with <br> in one block: the largest text block, by lines.
    candidates = body.css("div, td, article, section, main") or [body]
    best = max(candidates, key=lambda n: len(n.text(deep=False, separator="\n")))
    text = best.text(separator="\n")
    return [" ".join(line.split()) for line in text.split("\n") if line.strip()]


def parse_html(text: str, origin: str) -> ArticleDraft:
    """Read a saved page. Raises InputError when the page holds no article."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(text)
    title = _meta(tree, 'meta[property="og:title"]') or ""
    heading = tree.css_first("h1")
    page_title = tree.css_first("title")
    if not title and heading is not None:
        title = _text(heading)
    if not title and page_title is not None:
        title = re.split(r"\s+[|\u2013\u2014-]\s+", _text(page_title))[0]
    url = None
    canonical = tree.css_first('link[rel="canonical"]')
    if canonical is not None:
        url = canonical.attributes.get("href")
    url = url or _meta(tree, 'meta[property="og:url"]')
    site = _meta(tree, 'meta[property="og:site_name"]')
    published = None
    for selector in _DATE_META:
        published = record_date(_meta(tree, selector))
        if published:
            break
    if published is None:
        stamp = tree.css_first("time[datetime]")
        if stamp is not None:
            published = record_date(stamp.attributes.get("datetime"))

    for node in tree.css(_DROP):
        node.decompose()
    for node in tree.css("[class], [id], [role]"):
        marker = " ".join(filter(None, [node.attributes.get("class"), node.attributes.get("id"),
                                        node.attributes.get("role")]))  # fmt: skip
        if node.tag not in ("body", "html", "main", "article") and _BOILERPLATE.search(marker):
            node.decompose()
    body_node = tree.css_first("article") or tree.css_first("main") or tree.body
    if body_node is None:
        raise InputError("no article in the page: it has no body")
    paragraphs = _main_paragraphs(body_node)
    if heading is not None and paragraphs and paragraphs[0] == title:
        paragraphs = paragraphs[1:]
    if published is None:
        for line in paragraphs[:3]:
            published = parse_date(line) or None
            if published:
                paragraphs.remove(line)
                break
    if published is None and paragraphs:
        published = search_date(" ".join(paragraphs[:2])[:300])
    published = published or date_of_url(url)
    if sum(len(p.split()) for p in paragraphs) < MIN_WORDS:
        raise InputError("no article in the page: too little text outside menus and captions")
    draft = article_from_fields(
        title=title,
        body="\n".join(paragraphs),
        origin=origin,
        published=published,
        source=canonical_outlet(site) or outlet_of_url(url) or site,
        url=url,
    )
    draft.lang = detect_language(draft.body)
    return draft
