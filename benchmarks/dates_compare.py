"""dipterm's date finding against htmldate (pages) and dateparser (date values), on the bundle.

Not a dependency of dipterm: install the two where this script alone sees them, e.g.
    pip install --target /tmp/datelibs htmldate dateparser
    PYTHONPATH=src:/tmp/datelibs python benchmarks/dates_compare.py

Pages: each KCNA record of the bundle with text, written as pages in the forms outlets and
archivers use (the date in KCNA's publish-time element, as a Juche stamp, in a meta tag, in
JSON-LD, in <time>, only in the url, only in the dateline); the right answer is the record's own
date. Values: every date value the bundle's records hold, read by record_date and by
dateparser.parse; the right answer for the numeric ones is the record's other date field.
"""

from __future__ import annotations

import csv
import json
import sys
import time
import warnings
from collections import Counter
from pathlib import Path

from dipterm.ingest.html import parse_html
from dipterm.ingest.records import record_date
from dipterm.models import PartialDate

ROOT = Path(__file__).resolve().parent.parent
KCNA = ROOT / "data" / "corpus" / "kcna-2024" / "headlines_2024-11-11.json"
RODONG = ROOT / "data" / "corpus" / "rodong-2018-2021" / "rodong_sinmun_en_sample.csv"
PAGES_PER_FORM = 200


def forms(title: str, body: str, day: PartialDate, url: str) -> dict[str, tuple[str, str]]:
    """The same article as pages of each form: form -> (html, url given to the finders)."""
    y, m, d = day.year, day.month, day.day
    paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n") if p.strip())

    def page(head: str = "", top: str = "", text: str = paragraphs) -> str:
        return (
            f"<html><head><title>{title}</title>{head}</head><body><header>{top}</header>"
            f"<article><h1>{title}</h1>{text}</article></body></html>"
        )

    dateline = f"<p>Pyongyang, {day.month and _MONTHS[m - 1]} {d} (KCNA) -- </p>"
    return {
        "publish-time 2024.04.13.": (
            page(top=f'<span class="publish-time">{y}.{m:02d}.{d:02d}.</span>'),
            url,
        ),
        "Juche stamp": (page(top=f'<div class="date">Juche{y - 1911}.{m}.{d}.</div>'), url),
        "meta article:published_time": (
            page(f'<meta property="article:published_time" content="{day.iso}T08:00:00+09:00">'),
            url,
        ),
        "JSON-LD": (
            page(
                '<script type="application/ld+json">'
                + json.dumps({"@type": "NewsArticle", "datePublished": day.iso})
                + "</script>"
            ),
            url,
        ),
        "<time datetime>": (page(top=f'<time datetime="{day.iso}">{d}</time>'), url),
        "url only": (page(), f"https://example.org/news/{y}/{m:02d}/{d:02d}/item.html"),
        "dateline, year in url": (
            page(text=dateline + paragraphs),
            f"https://example.org/{y}/item.html",
        ),
    }


_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"]  # fmt: skip


def kcna_articles() -> list[tuple[str, str, PartialDate, str]]:
    out = []
    for record in json.loads(KCNA.read_text()):
        body = (record.get("story_text") or "").strip()
        day = record_date(record.get("date_str"))
        if body and day and day.day:
            out.append((record["headline"].split("\n")[0].strip(), body, day, record["link"]))
    return out[:PAGES_PER_FORM]


def compare_pages() -> None:
    from htmldate import find_date

    articles = kcna_articles()
    right: Counter[tuple[str, str]] = Counter()
    spent: Counter[str] = Counter()
    for title, body, day, url in articles:
        for form, (html, given_url) in forms(title, body, day, url).items():
            page = html.replace("<head>", f'<head><link rel="canonical" href="{given_url}">')
            start = time.perf_counter()
            ours = parse_html(page, "bench.html").published
            spent["dipterm"] += time.perf_counter() - start
            start = time.perf_counter()
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                theirs = find_date(page, url=given_url, original_date=True)
            spent["htmldate"] += time.perf_counter() - start
            right[(form, "dipterm")] += ours == day
            right[(form, "htmldate")] += theirs == day.iso
    n = len(articles)
    print(f"pages: {n} KCNA articles of the bundle, each in {len(right) // 2} forms")
    print(f"{'form':32} {'dipterm':>10} {'htmldate':>10}")
    for form in dict.fromkeys(f for f, _ in right):
        print(f"{form:32} {right[(form, 'dipterm')]:>6}/{n} {right[(form, 'htmldate')]:>6}/{n}")
    pages = n * (len(right) // 2)
    for who in ("dipterm", "htmldate"):
        what = "whole page parsed" if who == "dipterm" else "date only"
        print(f"{who}: {spent[who] / pages * 1000:.2f} ms a page ({what})")


def compare_values() -> None:
    import dateparser

    values: list[tuple[str, object, str]] = []  # (what, value, the right day)
    for record in json.loads(KCNA.read_text()):
        values.append(("KCNA date (epoch ms)", record["date"], record["date_str"]))
        values.append(("KCNA date_str", record["date_str"], record["date_str"]))
    with RODONG.open(newline="") as handle:
        for row in csv.DictReader(handle):
            values.append(("Rodong CSV date", row["date"], row["date"][:10]))
    # The same days written day-first, as a European archive's CSV column would.
    for record in json.loads(KCNA.read_text())[:500]:
        y, m, d = record["date_str"].split("-")
        values.append(("day-first 13/04/2024", f"{d}/{m}/{y}", record["date_str"]))
    right: Counter[tuple[str, str]] = Counter()
    total: Counter[str] = Counter()
    spent: Counter[str] = Counter()
    for what, value, day in values:
        total[what] += 1
        start = time.perf_counter()
        ours = record_date(value, "day-first" if what.startswith("day-first") else None)
        spent["dipterm"] += time.perf_counter() - start
        start = time.perf_counter()
        settings = {"DATE_ORDER": "DMY"} if what.startswith("day-first") else {}
        parsed = dateparser.parse(str(value), settings=settings)
        spent["dateparser"] += time.perf_counter() - start
        right[(what, "dipterm")] += bool(ours and ours.iso == day)
        right[(what, "dateparser")] += bool(parsed and parsed.date().isoformat() == day)
    print(f"\nvalues: {len(values)} date values of the bundle's records")
    print(f"{'value':28} {'dipterm':>12} {'dateparser':>12}")
    for what, n in total.items():
        print(f"{what:28} {right[(what, 'dipterm')]:>7}/{n} {right[(what, 'dateparser')]:>7}/{n}")
    for who in ("dipterm", "dateparser"):
        print(f"{who}: {spent[who] / len(values) * 1e6:.1f} µs a value")


if __name__ == "__main__":
    compare_pages() if "values" not in sys.argv else None
    compare_values() if "pages" not in sys.argv else None
