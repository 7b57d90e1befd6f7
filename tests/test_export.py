"""Export that a report can cite: markdown parsed back, escaping, determinism, round trip."""

import csv
import dataclasses
import io
import json

from conftest import SEEDS, write_article
from markdown_it import MarkdownIt

from dipterm.export.items import ExportItem, ExportSet
from dipterm.export.markdown import citation, escape, human_date, render
from dipterm.models import Article

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


# Each line or phrase would be markdown if it were not escaped: a list item at a line start (-, +,
# 1., 2)), a setext underline (=), a table (|), strikethrough (~), emphasis, code, html, links.
MARKUP = (
    "- a dash item\n+ a plus item\nA setext title\n===\n1. not a list\n2) nor this\n\n"
    "| a | b |\n| --- | --- |\n| c | d |\n\n"
    "~~struck~~ *em* _em_ **strong** `code` <b>html</b> ![img](x.png) [link](http://e)"
)
# What the export's own frame holds: its three headings, the contents (an ordered list of links),
# the anchor (<a id=...></a>), the footer in italics. Anything else came from the article's text.
FRAME = {
    "heading_open": 3,
    "ordered_list_open": 1,
    "list_item_open": 1,
    "link_open": 1,
    "html_inline": 2,
    "em_open": 1,
}


def all_tokens(toks):
    for t in toks:
        yield t
        yield from all_tokens(t.children or [])


def shown_lines(toks):
    """The lines of text a reader sees, block by block, with the escapes resolved."""
    for t in toks:
        if t.type == "inline":
            shown = "".join(
                "\n" if c.type == "softbreak" else c.content for c in all_tokens(t.children)
            )
            yield from shown.split("\n")


def test_hostile_text_cannot_break_the_document(run, tmp_path):
    write_article(tmp_path, "evil.txt", "Evil * Title\n\n" + HOSTILE + "\n\n" + MARKUP)
    run("ingest", str(tmp_path))
    md = run("export", "1").stdout
    assert "\x1b" not in md
    toks = list(all_tokens(MarkdownIt("commonmark").enable(["table", "strikethrough"]).parse(md)))
    structure = {}
    for t in toks:
        if t.nesting == 1 or t.type in ("html_block", "html_inline", "code_inline", "image", "hr"):
            structure[t.type] = structure.get(t.type, 0) + 1
    structure.pop("paragraph_open")
    assert structure == FRAME
    written = HOSTILE.replace("\x1b[31m", "").replace("\x1b[0m", "") + "\n" + MARKUP
    shown = list(shown_lines(toks))
    for line in filter(None, written.split("\n")):
        assert line in shown


def test_escape_round_trips_through_a_markdown_renderer():
    rendered = MarkdownIt("commonmark").render(
        escape(HOSTILE.replace("\x1b[31m", "").replace("\x1b[0m", ""))
    )
    assert "<h1>" not in rendered and "<script>" not in rendered and "<ol>" not in rendered
    assert "&lt;script&gt;" in rendered and "&amp;amp;" in rendered


def test_escape_leaves_nothing_a_renderer_reads_as_markup():
    # The whole of MARKUP as one block, so its lines can form a setext heading or a table.
    toks = MarkdownIt("commonmark").enable(["table", "strikethrough"]).parse(escape(MARKUP))
    assert {t.type for t in all_tokens(toks)} == {
        "paragraph_open", "paragraph_close", "inline", "text", "softbreak"
    }  # fmt: skip
    assert list(shown_lines(toks)) == MARKUP.replace("\n\n", "\n").split("\n")


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
    assert human_date("") == "undated"
    assert human_date("2019") == "2019"
    assert human_date("2024-01-05") == "5 January 2024"
    assert human_date("2024-12") == "December 2024"


def _article(id, title, source, published, url, body):
    return Article(id=id, content_hash="h", title=title, source=source, published=published,
                   published_precision=None, byline=None, url=url, origin=None, body=body,
                   word_count=0, lang="en", imported_at="2024-01-01")  # fmt: skip


TALKS = ExportItem(
    _article(7, "Talks Held", "KCNA", "2024-07-06", "http://kcna.kp/en/article/q/1.kcmsg",
             "First paragraph.\n\n  \n\nSecond - paragraph."),
    {
        "people": [{"name": "Kim Jong Un", "roles": ["General Secretary", "President*"]},
                   {"name": "Choe Son Hui", "roles": []}],
        "places": [{"name": "Pyongyang"}, {"name": "Moscow [Russia]"}],
        "events": [{"type": "talks", "date": "2024-07-05", "place": "Kumsusan_Palace",
                    "participants": ["Kim Jong Un", "Sergei Lavrov <FM>"]},
                   {"type": "visit|trip", "date": None, "participants": []}],
    },
)  # fmt: skip
YEAR_ONLY = ExportItem(
    _article(3, "Year Only", None, "2019", None, "Only text."),
    {},
    "before \x02Lavrov\x03 and   \x02talks\x03\nafter",
)


def test_render_writes_every_part_of_each_article_in_order():
    assert render(ExportSet("Search: x", "x", [TALKS, YEAR_ONLY])) == (
        "# Search: x\n\n"
        "2 articles, exported by dipterm.\n\n"
        "## Contents\n\n"
        "1. [Talks Held](#article-7) \u2014 KCNA, 6 July 2024\n"
        "2. [Year Only](#article-3) \u2014 Unknown source, 2019\n\n"
        '<a id="article-7"></a>\n\n'
        "## 1. Talks Held\n\n"
        "KCNA, \u201cTalks Held\u201d, 6 July 2024, <http://kcna.kp/en/article/q/1.kcmsg>.\n\n"
        "**People:** Kim Jong Un (General Secretary; President\\*), Choe Son Hui  \n"
        "**Places:** Pyongyang, Moscow \\[Russia\\]  \n"
        "**Events:** 2024-07-05 talks at Kumsusan\\_Palace: Kim Jong Un, Sergei Lavrov \\<FM\\>; "
        "undated visit\\|trip\n\n"
        "First paragraph.\n\n"
        "Second - paragraph.\n\n"
        "*dipterm article 7*\n\n"
        '<a id="article-3"></a>\n\n'
        "## 2. Year Only\n\n"
        "Unknown source, \u201cYear Only\u201d, 2019.\n\n"
        "Only text.\n\n"
        "*dipterm article 3*\n"
    )


def test_citation_tells_of_revisions_and_of_an_article_gone_from_its_outlet():
    revised = dataclasses.replace(
        TALKS.article,
        url=None,
        revisions=2,
        revised_at="2024-07-09T10:00:00",
        missing_since="2024-08-01T12:00:00",
    )
    assert citation(dataclasses.replace(TALKS, article=revised)) == (
        "KCNA, \u201cTalks Held\u201d, 6 July 2024. Text as imported on 9 July 2024, a revision of "
        "the article as first published (2 earlier versions kept). No longer in the outlet's "
        "archive as of 1 August 2024."
    )
    once = dataclasses.replace(revised, revisions=1, revised_at=None, missing_since=None)
    assert citation(dataclasses.replace(TALKS, article=once)) == (
        "KCNA, \u201cTalks Held\u201d, 6 July 2024. Text as imported on its last import, a revision "
        "of the article as first published (1 earlier version kept)."
    )


def test_render_of_no_articles_ends_with_one_newline():
    assert render(ExportSet("Selection: empty", "empty", [])) == (
        "# Selection: empty\n\n0 articles, exported by dipterm.\n\n## Contents\n"
    )


def test_render_with_snippets_writes_the_passage_on_one_line_with_its_terms_in_bold():
    md = render(ExportSet("One", "x", [YEAR_ONLY]), snippets=True)
    assert md.startswith("# One\n\n1 article, exported by dipterm.\n")
    assert md.endswith("\n\n> before **Lavrov** and **talks** after\n\n*dipterm article 3*\n")
    assert "Only text." not in md
    # without a passage the text is written in full even when snippets are asked for
    no_passage = dataclasses.replace(YEAR_ONLY, snippet=None)
    assert "\n\nOnly text.\n\n" in render(ExportSet("One", "x", [no_passage]), snippets=True)
