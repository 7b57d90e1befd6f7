"""Export writes nothing live and destroys nothing: urls, markdown escapes checked against a
CommonMark parser, spreadsheet formulas, and where (and how) a report is written."""

import csv
import hashlib
import io
import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from dipterm import faults
from dipterm.export.markdown import escape, one_line

COMMONMARK = MarkdownIt("commonmark")
GFM = MarkdownIt("gfm-like")  # with linkify: bare urls and www. become links, as on GitHub


@pytest.fixture(autouse=True)
def fresh_faults(monkeypatch):
    monkeypatch.setattr(faults, "_passed", faults.Counter())


def set_fields(db, article_id, **fields):
    conn = sqlite3.connect(db)  # as a record from a stranger's repository may hold them
    for name, value in fields.items():
        conn.execute(f"UPDATE articles SET {name} = ? WHERE id = ?", (value, article_id))
    conn.commit()
    conn.close()


def links(markdown, parser=COMMONMARK):
    return [
        child.attrs["href"]
        for token in parser.parse(markdown)
        if token.type == "inline"
        for child in token.children or []
        if child.type == "link_open"
    ]


def headings(markdown):
    tokens = COMMONMARK.parse(markdown)
    return [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]


def test_a_url_that_is_not_plain_http_is_never_a_live_link(run, seeded):
    set_fields(seeded, 1, url="http://a\n\n# Owned\n\n[click](javascript:alert(1)) <javascript:x>")
    set_fields(seeded, 2, url="javascript:alert(document.cookie)//user@example.com")
    md = run("export", "1", "2").stdout
    for parser in (COMMONMARK, GFM):
        assert links(md, parser) == ["#article-1", "#article-2"], parser
    assert "Owned" not in headings(md) and len(headings(md)) == 4
    shown = COMMONMARK.render(md)
    assert "javascript:alert(document.cookie)//user@example.com" in shown  # still readable


def test_an_http_url_is_linked(run, seeded):
    set_fields(seeded, 2, url="https://kcna.kp/en/article/q/1.kcmsf?a=1&b=(2)")
    md = run("export", "2").stdout
    assert links(md) == ["#article-2", "https://kcna.kp/en/article/q/1.kcmsf?a=1&b=(2)"]


def test_one_line_fields_stay_on_their_line(run, seeded):
    set_fields(seeded, 1, title="Title\n\n# Forged heading\n1. item", source="KCNA\n---")
    md = run("export", "1").stdout
    assert headings(md) == ["Articles", "Contents", "1. Title # Forged heading 1. item"]
    assert "KCNA ---" in COMMONMARK.render(md)


def test_a_line_starting_with_a_number_and_dot_shows_without_a_backslash(run, seeded):
    set_fields(seeded, 1, body="First paragraph.\n\n1. Not a list item\n2) nor this")
    md = run("export", "1").stdout
    html = COMMONMARK.render(md)
    assert html.count("<ol>") == 1  # the table of contents only
    assert "<p>1. Not a list item\n2) nor this</p>" in html


# Pieces that start or end markdown constructs, mixed at random.
MARKDOWN_PIECES = st.sampled_from(
    list("ab1 #>+=-*_`[]()<>|~&!\\.:@;\n") + ["&amp;", "http://x", "1.", "---", "  ", "www.y"]
)


def plain_text(markdown):
    """The text a CommonMark reader shows for markdown that must be one paragraph of text."""
    tokens = COMMONMARK.parse(markdown)
    assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"]
    assert {c.type for c in tokens[1].children} <= {"text", "softbreak"}
    return "".join(c.content if c.type == "text" else "\n" for c in tokens[1].children)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(MARKDOWN_PIECES, max_size=16).map("".join))
def test_escaped_text_reads_back_as_written(text):
    """Whatever the text, CommonMark shows it as it was: no link, emphasis, code, heading, list
    or entity made of it, and no backslash of the escaping left visible."""
    words = text.split()
    if words:
        assert plain_text(one_line(text)) == " ".join(words)
        lines = "\n".join(line.strip() for line in text.splitlines() if line.strip())
        assert plain_text(escape(lines)).split() == words


def test_csv_cells_are_never_spreadsheet_formulas(run, seeded):
    set_fields(seeded, 1, title='=HYPERLINK("http://evil","x")', source="@SUM(A1)", url="-2+3")
    set_fields(seeded, 2, title="+cmd|'/c calc'!A0", source="\tTab", byline="\r=1")
    out = run("export", "1", "2", "--format", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(out, newline="")))
    cells = [rows[0]["title"], rows[0]["source"], rows[0]["url"], rows[1]["title"]]
    assert cells == ['\'=HYPERLINK("http://evil","x")', "'@SUM(A1)", "'-2+3", "'+cmd|'/c calc'!A0"]
    assert rows[1]["source"].startswith("'") and rows[1]["byline"].startswith("'")
    assert rows[0]["id"] == "1" and rows[0]["published"] == "2018-06-01"


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_export_refuses_to_write_over_the_library_or_any_sqlite_file(run, seeded, tmp_path):
    before = digest(seeded)
    result = run("export", "1", "-o", str(seeded))
    assert result.exit_code == 2 and "the library's own file" in result.stderr
    assert digest(seeded) == before
    other = tmp_path / "notes.sqlite"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.close()
    kept = digest(other)
    result = run("export", "1", "-o", str(other))
    assert result.exit_code == 2 and "it is an SQLite database" in result.stderr
    assert digest(other) == kept
    link = tmp_path / "report.md"
    link.symlink_to(seeded)
    assert run("export", "1", "-o", str(link)).exit_code == 2
    assert digest(seeded) == before


def test_export_into_a_missing_folder_is_one_line(run, seeded, tmp_path):
    result = run("export", "1", "-o", str(tmp_path / "no" / "such" / "r.md"))
    assert result.exit_code == 2
    assert (
        result.stderr
        == f"dipterm: cannot write {tmp_path}/no/such/r.md: there is no folder {tmp_path}/no/such\n"
    )


def test_export_replaces_a_report_whole(run, seeded, tmp_path):
    report = tmp_path / "report.md"
    report.write_text("the old report\n")
    report.chmod(0o640)
    result = run("export", "2", "-o", str(report))
    assert result.exit_code == 0
    assert report.read_text() == run("export", "2").stdout
    assert report.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["library.db", "report.md"]


def test_a_full_disk_leaves_the_previous_report_whole(run, seeded, tmp_path, monkeypatch):
    report = tmp_path / "report.md"
    report.write_text("the old report\n")
    monkeypatch.setenv(faults.ENVIRONMENT, "export:write:1:full")
    result = run("export", "1", "2", "-o", str(report))
    assert result.exit_code == 2
    assert result.stderr.startswith("dipterm: the disk is full")
    assert "bug" not in result.stderr
    assert report.read_text() == "the old report\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["library.db", "report.md"]


async def test_the_interface_will_not_export_over_its_own_library(seeded):
    from dipterm.store.library import Library
    from dipterm.tui.app import DiptermApp

    async with DiptermApp(seeded).run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.press("ctrl+e")
        await pilot.pause()
        pilot.app.screen.query_one("#answer").value = str(seeded)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("y")  # "is there already. Replace it?": yes, as a hurried user would
        await pilot.pause()
        said = [n.message for n in pilot.app._notifications]
    assert said[-1] == (
        f"Could not export: will not write the export over {seeded}: it is the library's own file"
    )
    with Library.open(seeded) as library:
        assert library.count() == 2 and library.is_sound()
