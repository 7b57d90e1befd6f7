"""Export that a report can cite: markdown parsed back, escaping, determinism, round trip."""

import csv
import io
import json

from conftest import SEEDS, write_article
from markdown_it import MarkdownIt

from dipterm.export.markdown import escape, human_date

HOSTILE = (
    "# Not a heading | a * b _c_ `code` <script>x</script> [link](http://e)\n\n"
    "1. not a list\n\n> not a quote \x1b[31mred\x1b[0m &amp; done."
)


def tokens(markdown):
    return MarkdownIt("commonmark").parse(markdown)


def test_markdown_structure_parses_back(run):
    run("ingest", str(SEEDS))
    md = run("export", "1", "2").stdout
    toks = tokens(md)
    headings = [toks[i + 1].content for i, t in enumerate(toks) if t.type == "heading_open"]
    assert headings == [
        "Articles",
        "Contents",
        "1. Russian FM Received",
        "2. Visit opens a new chapter of DPRK-Russia ties",
    ]
    links = [
        c.attrs["href"]
        for t in toks
        if t.type == "inline"
        for c in t.children or []
        if c.type == "link_open"
    ]
    assert links[:2] == ["#article-1", "#article-2"]
    for target in ("article-1", "article-2"):
        assert f'<a id="{target}"></a>' in md
    assert (
        "Pyongyang Times, \u201cVisit opens a new chapter of DPRK-Russia ties\u201d, 21 May 2019."
        in md
    )
    assert "Unknown source, \u201cRussian FM Received\u201d, 1 June 2018." in md
    assert "**People:** Kim Jong Un (Chairman of the Workers' Party of Korea" in md


def test_hostile_text_cannot_break_the_document(run, tmp_path):
    write_article(tmp_path, "evil.txt", "Evil * Title\n\n" + HOSTILE)
    run("ingest", str(tmp_path))
    md = run("export", "1").stdout
    assert "\x1b" not in md
    toks = tokens(md)
    assert [t.tag for t in toks if t.type == "heading_open"] == ["h1", "h2", "h2"]
    assert not any(
        t.type
        in (
            "bullet_list_open",
            "ordered_list_open",
            "blockquote_open",
            "html_block",
            "code_inline",
            "em_open",
        )
        and t.level > 0
        for t in toks
        if t.map and t.map[0] > 8
    )
    text = "".join(
        c.content for t in toks if t.type == "inline" for c in t.children or [] if c.type == "text"
    )
    assert "# Not a heading | a * b _c_ `code` <script>x</script> [link](http://e)" in text
    assert "1. not a list" in text and "> not a quote red &amp; done." in text


def test_escape_round_trips_through_a_markdown_renderer():
    rendered = MarkdownIt("commonmark").render(
        escape(HOSTILE.replace("\x1b[31m", "").replace("\x1b[0m", ""))
    )
    assert "<h1>" not in rendered and "<script>" not in rendered and "<ol>" not in rendered
    assert "&lt;script&gt;" in rendered and "&amp;amp;" in rendered


def test_export_is_deterministic_and_writes_a_file(run, tmp_path):
    run("ingest", str(SEEDS))
    first = run("export", "--query", "Putin").stdout
    assert first == run("export", "--query", "Putin").stdout
    out = tmp_path / "report.md"
    result = run("export", "--query", "Putin", "-o", str(out))
    assert out.read_text() == first and "wrote 2 articles" in result.stderr


def test_snippets_bold_the_matched_terms(run):
    run("ingest", str(SEEDS))
    md = run("export", "--query", "Paekhwawon", "--snippets").stdout
    assert "> " in md and "**Paekhwawon**" in md
    assert "Both sides agreed to promote" not in md  # only the passage, not the full text


def test_json_round_trip_gives_the_same_articles_and_fields(run, tmp_path):
    run("ingest", str(SEEDS), str(SEEDS.parent / "eval" / "kcna-2024"))
    exported = tmp_path / "all.json"
    ids = run("search", "--ids", "--limit", "1000", "since:1900").stdout.split()
    run("export", *ids, "--format", "json", "-o", str(exported))
    original = {r["title"]: r for r in json.loads(exported.read_text())}
    other = tmp_path / "other.db"
    assert run("ingest", str(exported), db=other).exit_code == 0
    again = run("export", *ids, "--format", "json", db=other).stdout
    for record in json.loads(again):
        before = original[record["title"]]
        for key in (
            "source",
            "published",
            "published_precision",
            "byline",
            "body",
            "url",
            "urls",
            "content_hash",
            "people",
            "organizations",
            "places",
            "countries",
            "events",
            "quotes",
            "lang",
        ):
            assert record[key] == before[key], (record["title"], key)
    assert len(json.loads(again)) == len(original) == 28


def test_csv_export(run):
    run("ingest", str(SEEDS))
    rows = list(csv.DictReader(io.StringIO(run("export", "1", "--format", "csv").stdout)))
    assert rows[0]["title"] == "Russian FM Received"
    assert "Sergei Lavrov (Russian Foreign Minister)" in rows[0]["people"]
    assert rows[0]["events"].startswith("2018-05-31 meeting Paekhwawon State Guesthouse")


def test_export_needs_exactly_one_choice(run):
    run("ingest", str(SEEDS))
    assert run("export").exit_code == 2
    assert run("export", "1", "--query", "x").exit_code == 2
    assert run("export", "99").exit_code == 2


def test_selections(run):
    run("ingest", str(SEEDS))
    assert run("select", "add", "russia", "2", "1").stdout.strip() == "2 added to russia"
    assert run("select", "add", "russia", "1").stdout.strip() == "0 added to russia"
    assert [r["id"] for r in json.loads(run("select", "show", "russia", "--json").stdout)] == [2, 1]
    md = run("export", "--selection", "russia").stdout
    assert md.startswith("# Selection: russia") and md.index("article-2") < md.index("article-1")
    assert json.loads(run("select", "list", "--json").stdout)[0]["articles"] == 2
    run("select", "remove", "russia", "2")
    assert [r["id"] for r in json.loads(run("select", "show", "russia", "--json").stdout)] == [1]
    assert run("select", "add", "russia", "77").exit_code == 2
    run("select", "delete", "russia")
    assert run("select", "show", "russia").exit_code == 2


def test_saved_search_shows_only_what_is_new(run, tmp_path):
    run("ingest", str(SEEDS))
    run("watch", "add", "lavrov", "person:Lavrov")
    assert [h["id"] for h in json.loads(run("watch", "run", "lavrov", "--json").stdout)] == [1]
    assert run("watch", "run", "lavrov").exit_code == 1
    write_article(
        tmp_path,
        "new.txt",
        "Lavrov Visits\n\nMay 3, 2024\n\nRussian Foreign Minister "
        "Sergei Lavrov arrived in Pyongyang on Friday.",
    )
    run("ingest", str(tmp_path))
    assert [h["id"] for h in json.loads(run("watch", "run", "lavrov", "--json").stdout)] == [3]
    assert len(json.loads(run("watch", "run", "lavrov", "--all", "--json").stdout)) == 2
    assert run("watch", "add", "bad", '"unclosed').exit_code == 2
    assert json.loads(run("watch", "list", "--json").stdout)[0]["name"] == "lavrov"


def test_human_dates():
    assert human_date("2024-07-26") == "26 July 2024"
    assert human_date("2019-04") == "April 2019"
    assert human_date(None) == "undated"
