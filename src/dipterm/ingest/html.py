"""Pages saved from an outlet's site: the article's title, date, url and body, without navigation,
menus, captions, scripts or footers. Parsed with selectolax (Lexbor), never with regular expressions
(one counts the tags, to refuse a page nested too deep before it is parsed)."""

from __future__ import annotations

import json
import re

from dipterm.errors import InputError
from dipterm.extract.dates import date_of_url, parse_date, search_date
from dipterm.extract.sources import canonical_outlet, outlet_of_url
from dipterm.ingest.language import detect_language
from dipterm.ingest.records import record_date
from dipterm.ingest.text import article_from_fields
from dipterm.models import ArticleDraft, PartialDate

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
# Where outlets and archivers write the day a page was published, most specific first (names
# matched ignoring case): Open Graph, schema.org, Dublin Core, Highwire, the older custom ones.
_DATE_META = (
    'meta[property="article:published_time" i]', '[itemprop="datePublished" i]',
    'meta[name="DC.date.issued" i]', 'meta[name="dcterms.issued" i]', 'meta[name="DC.date" i]',
    'meta[name="dcterms.date" i]', 'meta[name="dcterms.created" i]',
    'meta[name="citation_publication_date" i]', 'meta[property="og:published_time" i]',
    'meta[name="pubdate" i]', 'meta[name="publishdate" i]', 'meta[name="date" i]',
)  # fmt: skip
# Elements that hold a page's date as text: KCNA's <span class="publish-time">2024.04.13.</span>.
# A bare "time" is left out: it is as often a clock in the page's header.
_DATE_ELEMENTS = re.compile(
    r"^(?:(?:publish|pub|post|article|news|entry)[-_]?(?:time|date)|date|dateline)$", re.I
)
_BLOCKS = "p, li, blockquote, h2, h3, h4"
MIN_WORDS = 25
# How deep elements may nest in a page that is read. An article's page is some tens deep; the
# parser's time grows with the square of the depth (100,000 deep took 10 s), so deeper pages are
# refused, after a count of the tags that takes time in proportion to the page.
MAX_HTML_DEPTH = 256
# The name ends where its letters do, and a tag never reaches past a "<": one pass, linear.
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)(?![A-Za-z0-9-])[^<>]*?(/?)>")
# Elements that hold nothing, or whose end the parser supplies itself: they add no depth.
_FLAT = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
     "track", "wbr", "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody",
     "tfoot", "colgroup", "rt", "rp", "html", "head", "body"}
)  # fmt: skip


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


def _date_of_page(tree) -> tuple[PartialDate | None, str | None]:
    """The date the page's markup states, and where: a meta tag, JSON-LD, a <time> element, an
    element whose class says it holds the date. Read before scripts and headers are dropped."""
    for selector in _DATE_META:
        node = tree.css_first(selector)
        if node is None:
            continue
        value = node.attributes.get("content") or node.attributes.get("datetime") or node.text()
        found = record_date(value)
        if found:
            name = next(
                v for k, v in node.attributes.items() if k in ("property", "name", "itemprop")
            )
            return found, f"meta {name}" if node.tag == "meta" else f"{node.tag} {name}"
    for script in tree.css('script[type="application/ld+json" i]'):
        found = _json_ld_date(script.text())
        if found:
            return found, "json-ld datePublished"
    stamps = tree.css("time")
    for stamp in sorted(stamps, key=lambda n: "pubdate" not in n.attributes):
        found = record_date(stamp.attributes.get("datetime") or stamp.text())
        if found:
            return found, "time element"
    for node in tree.css("[class], [id]"):
        marker = f"{node.attributes.get('class') or ''} {node.attributes.get('id') or ''}"
        if any(_DATE_ELEMENTS.match(word) for word in marker.split()):
            found = search_date(node.text(separator=" ")[:200])
            if found:
                return found, f"{node.tag}.{marker.split()[0]} element"
    return None, None


def _json_ld_date(text: str) -> PartialDate | None:
    """datePublished of the first JSON-LD object that has one (objects nest in lists, @graph)."""
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        return None
    pending, seen = [value], 0
    while pending and seen < 1000:
        item, seen = pending.pop(0), seen + 1
        if isinstance(item, list):
            pending.extend(item)
        elif isinstance(item, dict):
            found = record_date(item.get("datePublished") or item.get("dateCreated"))
            if found:
                return found
            pending.extend(v for v in item.values() if isinstance(v, list | dict))
    return None


def _check_depth(text: str) -> None:
    """Raise InputError when the page's elements nest deeper than MAX_HTML_DEPTH."""
    depth = 0
    for m in _TAG.finditer(text):
        closing, name, empty = m.groups()
        if empty or name.lower() in _FLAT:
            continue
        if closing:
            depth = max(depth - 1, 0)
        else:
            depth += 1
            if depth > MAX_HTML_DEPTH:
                raise InputError(
                    f"elements nested over {MAX_HTML_DEPTH} deep: not read as an article"
                )


def parse_html(text: str, origin: str) -> ArticleDraft:
    """Read a saved page. Raises InputError when the page holds no article."""
    from selectolax.lexbor import LexborHTMLParser

    _check_depth(text)
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
    published, published_from = _date_of_page(tree)

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
                published_from = "date line"
                break
    if published is None:
        published, published_from = date_of_url(url), "url"
    if sum(len(p.split()) for p in paragraphs) < MIN_WORDS:
        raise InputError("no article in the page: too little text outside menus and captions")
    draft = article_from_fields(
        title=title,
        body="\n".join(paragraphs),
        origin=origin,
        published=published,
        published_from=published_from if published else None,
        source=canonical_outlet(site) or outlet_of_url(url) or site,
        url=url,
    )
    if draft.published is None:
        # Last, a date the opening mentions: as often the day of what it reports as the day
        # it was published, so only where neither the markup, the url, a citation nor the
        # dateline says.
        draft.published = search_date(" ".join(paragraphs[:2])[:300])
        draft.published_from = "page text" if draft.published else None
    draft.lang = detect_language(draft.body)
    return draft
