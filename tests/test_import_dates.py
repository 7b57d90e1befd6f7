"""Dates at import: found where outlets and archivers put them, their basis kept, none lost silently."""

import json
import sqlite3

import pytest
from test_entity_store import _old_library

from dipterm.ingest.html import parse_html
from dipterm.ingest.records import draft_from_record
from dipterm.ingest.text import parse_text
from dipterm.models import PartialDate
from dipterm.store.library import Library
from dipterm.store.schema import SCHEMA_VERSION

BODY = (
    "Talks were held between the delegations of the two countries at the Mansudae Assembly Hall. "
    "The talks proceeded in a friendly atmosphere, and the two sides exchanged views on matters "
    "of mutual concern and on the ways of developing the relations."
)


def page(head: str = "", before: str = "", url: str | None = None) -> str:
    canonical = f'<link rel="canonical" href="{url}">' if url else ""
    return (
        f"<html><head><title>Talks Held | News</title>{head}{canonical}</head><body>"
        f"<header>{before}</header><article><h1>Talks Held</h1><p>{BODY}</p></article></body></html>"
    )


@pytest.mark.parametrize(
    "html, basis",
    [
        (page('<meta property="article:published_time" content="2024-04-13T09:00:00+09:00">'),
         "meta article:published_time"),
        (page('<meta itemprop="datePublished" content="2024-04-13">'), "meta datePublished"),
        (page('<meta name="DC.date" content="2024-04-13">'), "meta DC.date"),
        (page('<meta name="dcterms.created" content="2024-04-13">'), "meta dcterms.created"),
        (page('<script type="application/ld+json">{"@context": "https://schema.org", "@graph": '
              '[{"@type": "WebPage"}, {"@type": "NewsArticle", "datePublished": "2024-04-13"}]}'
              "</script>"), "json-ld datePublished"),
        (page(before='<time datetime="2024-04-13T10:00">Saturday</time>'), "time element"),
        (page(before='<span class="publish-time">2024.04.13.</span>'),
         "span.publish-time element"),
        (page(before='<div class="date">www.kcna.kp (Juche113.4.13.)</div>'), "div.date element"),
        (page(before='<p class="news-date">Juche113(2024).4.13.</p>'), "p.news-date element"),
        (page(url="https://example.org/news/2024/04/13/talks-held"), "url"),
    ],
)  # fmt: skip
def test_a_page_is_dated_where_its_outlet_writes_the_date(html, basis):
    draft = parse_html(html, "/saved/talks.html")
    assert draft.published == PartialDate(2024, 4, 13)
    assert draft.published_from == basis
    assert draft.body.startswith("Talks were held")


def test_a_page_without_any_date_is_undated():
    draft = parse_html(page(), "/saved/talks.html")
    assert draft.published is None and draft.published_from is None


def test_a_text_dateline_takes_the_year_its_folder_names():
    text = f"Talks Held\n\nPyongyang, April 13 (KCNA) -- {BODY}\n"
    dated = parse_text(text, "/archive/kcna-2024/talks.txt")
    assert dated.published == PartialDate(2024, 4, 13)
    assert dated.published_from == "dateline, year from the path"
    assert parse_text(text, "/archive/talks.txt").published is None


def test_a_trailing_citation_dates_a_text():
    text = f"Talks Held\n\n{BODY}\n\n(Rodong Sinmun, June 3, 2020)\n"
    draft = parse_text(text, "/archive/talks.txt")
    assert (draft.published, draft.published_from) == (PartialDate(2020, 6, 3), "citation")


def test_a_record_dateline_takes_the_year_its_url_names():
    record = {
        "title": "Talks Held",
        "body": f"Pyongyang, April 13 (KCNA) -- {BODY}",
        "url": "https://example.org/2024/talks",
    }
    draft = draft_from_record(record, "/corpus/a.json#1", {})
    assert draft.published == PartialDate(2024, 4, 13)
    assert draft.published_from == "dateline, year from the url"
    # A year the record gives beside no date (as the Rodong Sinmun CSV's year column) comes first.
    given = draft_from_record({**record, "year": "2023"}, "/corpus/a.json#3", {})
    assert (given.published, given.published_from) == (
        PartialDate(2023, 4, 13),
        "dateline, year from the record",
    )
    dated = draft_from_record({**record, "Published": "2023-01-02"}, "/corpus/a.json#2", {})
    assert (dated.published, dated.published_from) == (PartialDate(2023, 1, 2), "record Published")


def test_undated_articles_are_imported_counted_and_found(run, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(3):
        (folder / f"u{n}.txt").write_text(f"Undated {n}\n\nItem {n}. {BODY}\n")
    (folder / "dated.html").write_text(
        page(before='<span class="publish-time">2024.04.13.</span>').replace("Talks were", "Now")
    )
    result = run("ingest", str(folder))
    assert result.exit_code == 0
    assert result.stdout.startswith("4 imported (3 without a date), 0 unchanged")
    found = json.loads(run("search", "--json", "is:undated").stdout)
    assert sorted(h["title"] for h in found) == ["Undated 0", "Undated 1", "Undated 2"]
    assert [
        h["title"] for h in json.loads(run("search", "--json", "is:undated", "Item 1").stdout)
    ] == ["Undated 1"]
    dated = json.loads(run("search", "--json", "title:talks").stdout)[0]["id"]
    shown = json.loads(run("show", str(dated), "--json").stdout)
    assert shown["published"] == "2024-04-13"
    assert shown["published_from"] == "span.publish-time element"
    assert "(from span.publish-time element)" in run("show", str(dated)).stdout


def csv_of(path, dates):
    rows = [f"Item {n},{d},Article {n} of the column. {BODY}" for n, d in enumerate(dates)]
    path.write_text("title,date,body\n" + "\n".join(rows) + "\n")
    return path


def published(db):
    with sqlite3.connect(db) as conn:
        return dict(conn.execute("SELECT title, published FROM articles"))


def test_a_column_of_day_first_dates_is_read_day_first_as_a_whole(run, tmp_path, db_path):
    path = csv_of(tmp_path / "days.csv", ["03/02/2024", "15/02/2024", "04/02/2024"])
    result = run("ingest", str(path))
    assert result.exit_code == 0 and "note" not in result.stderr
    assert published(db_path) == {
        "Item 0": "2024-02-03", "Item 1": "2024-02-15", "Item 2": "2024-02-04"
    }  # fmt: skip


def test_a_json_lines_column_of_month_first_dates_is_read_month_first(run, tmp_path, db_path):
    path = tmp_path / "days.jsonl"
    lines = [{"title": f"Item {n}", "date": d, "body": f"Article {n}. {BODY}"}
             for n, d in enumerate(["03/02/2024", "02/15/2024"])]  # fmt: skip
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    assert run("ingest", str(path)).exit_code == 0
    assert published(db_path) == {"Item 0": "2024-03-02", "Item 1": "2024-02-15"}


def test_an_ambiguous_column_is_reported_and_read_as_the_user_says(run, tmp_path, db_path):
    path = csv_of(tmp_path / "either.csv", ["03/02/2024", "04/02/2024", "05/05/2024"])
    result = run("ingest", str(path))
    assert result.stdout.startswith("3 imported (2 without a date)")
    assert "either.csv: 2 dates such as 03/02/2024 left undated" in result.stderr
    assert published(db_path) == {"Item 0": None, "Item 1": None, "Item 2": "2024-05-05"}
    again = run("ingest", "--dates", "day-first", str(path))
    assert "2 held without a date now dated" in again.stdout and "note" not in again.stderr
    assert published(db_path)["Item 0"] == "2024-02-03"
    assert run("search", "--ids", "is:undated").exit_code == 1  # none left


def test_a_library_of_schema_7_gains_the_date_basis_in_place(tmp_path):
    with Library.open(_old_library(tmp_path / "old.db", 7)) as lib:
        assert lib.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        old = lib.article(1)
        assert old.published is None and old.published_from is None
        assert [h.title for h in lib.search("is:undated").hits] == ["Old"]
