"""Limits stated and enforced: what an import will not open or read, how deep a page may nest,
how much of an article a snippet reads, how many terms a query holds."""

import json
import os
import socket
import sqlite3

import pytest
from reading import open_in_reader

from dipterm.ingest.files import MAX_TEXT_BYTES
from dipterm.ingest.html import MAX_HTML_DEPTH
from dipterm.store.library import Library
from dipterm.store.query import MAX_PREFIX_TERMS, MAX_TERMS, MIN_PREFIX
from dipterm.store.search import SNIPPET_WINDOW

ARTICLE = (
    "Pyongyang, May 3 (KCNA) -- A delegation of the Ministry of Culture left for Moscow on "
    "Tuesday to attend a festival of friendship between the two peoples, officials said."
)


def count(db):
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    finally:
        conn.close()


def skipped_reasons(stderr):
    return {
        line.split(": ", 1)[0].rsplit("/", 1)[-1]: line.split(": ", 1)[1]
        for line in stderr.strip().splitlines()
    }


def test_pipes_sockets_devices_and_symlink_loops_are_skipped_never_opened(run, tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "good.txt").write_text("A good article\n\nMay 3, 2024\n\n" + ARTICLE)
    os.mkfifo(folder / "pipe.txt")  # opened for reading, it would wait for a writer for ever
    unix = socket.socket(socket.AF_UNIX)
    unix.bind(str(folder / "socket.txt"))
    (folder / "zero.txt").symlink_to("/dev/zero")
    (folder / "loop1.txt").symlink_to("loop2.txt")
    (folder / "loop2.txt").symlink_to("loop1.txt")
    (folder / "dirloop").symlink_to("dirloop")
    try:
        result = run("ingest", str(folder))
    finally:
        unix.close()
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.stdout.strip() == "1 imported, 0 unchanged, 6 skipped"
    assert skipped_reasons(result.stderr) == {
        "dirloop": "a symlink loop: not read",
        "loop1.txt": "a symlink loop: not read",
        "loop2.txt": "a symlink loop: not read",
        "pipe.txt": "a named pipe (FIFO), not a file: not read",
        "socket.txt": "a socket, not a file: not read",
        "zero.txt": "a device, not a file: not read",
    }
    named = run("ingest", str(folder / "pipe.txt"), str(folder / "loop1.txt"))
    assert named.exit_code == 1
    assert set(skipped_reasons(named.stderr).values()) == {
        "a named pipe (FIFO), not a file: not read",
        "a symlink loop: not read",
    }


def test_a_record_over_the_size_limit_is_skipped_and_the_rest_imported(run, tmp_path):
    corpus = tmp_path / "records.jsonl"
    with corpus.open("w") as out:
        out.write(json.dumps({"title": "Huge", "date": "2024-01-01", "text": "x" * MAX_TEXT_BYTES}))
        out.write("\n" + json.dumps({"title": "Small", "date": "2024-01-02", "text": ARTICLE}))
        paragraphs = ["y" * 1000] * (MAX_TEXT_BYTES // 1000 + 1)  # a body given as paragraphs
        out.write("\n" + json.dumps({"title": "Long", "date": "2024-01-03", "text": paragraphs}))
        out.write("\n")
    result = run("ingest", str(corpus))
    assert result.exit_code == 1
    assert result.stdout.strip() == "1 imported, 0 unchanged, 2 skipped"
    assert result.stderr.splitlines() == [
        f"  skipped {corpus}#{n}: too large for one article (over 5 MB)" for n in (1, 3)
    ]


def nested_page(depth):
    return (
        '<html><head><title>Deep page</title><meta property="article:published_time" '
        'content="2024-05-03"></head><body>'
        + "<div>" * depth
        + f"<p>{ARTICLE}</p>"
        + "</div>" * depth
        + "</body></html>"
    )


def test_a_page_nested_too_deep_is_refused_and_a_deep_one_read(run, tmp_path):
    (tmp_path / "deep.html").write_text(nested_page(100_000))
    (tmp_path / "fine.html").write_text(nested_page(MAX_HTML_DEPTH - 10))
    result = run("ingest", str(tmp_path / "deep.html"), str(tmp_path / "fine.html"))
    assert result.stdout.strip() == "1 imported, 0 unchanged, 1 skipped"
    assert f"deep.html: elements nested over {MAX_HTML_DEPTH} deep" in result.stderr
    assert run("search", "--ids", "festival").stdout.split() == ["1"]


@pytest.fixture
def long_articles(db_path, tmp_path):
    """A 1 MB article of one word said over and over, one holding its only rare word past the
    snippet window, and a short one."""
    corpus = tmp_path / "long.jsonl"
    records = [
        {"title": "One word", "date": "2024-01-01", "text": "juche " * 200_000},
        {
            "title": "Late word",
            "date": "2024-01-02",
            "text": "The opening says little. " + "filler " * SNIPPET_WINDOW + "songun at last.",
        },
        {"title": "Short", "date": "2024-01-03", "text": ARTICLE + " The juche idea."},
    ]
    corpus.write_text("".join(json.dumps(r) + "\n" for r in records))
    with Library.open(db_path) as library:
        from dipterm.ingest.pipeline import import_paths

        import_paths(library, [str(corpus)], extract=False)
    return db_path


def test_snippets_of_a_long_article_come_from_its_window(long_articles, monkeypatch):
    with Library.open(long_articles) as library:
        hits = {h.id: h.snippet for h in library.search("juche", limit=5).hits}
        late = library.search("songun").hits
    assert set(hits) == {1, 3}
    assert hits[1].count("\x02juche\x03") > 10 and len(hits[1]) < 400
    assert "\x02juche\x03 idea" in hits[3]
    # The word is past the window: the article is found, and shows its opening.
    assert [h.id for h in late] == [2] and late[0].snippet.startswith("The opening says little.")
    real_access = os.access  # a read-only library makes its window too
    monkeypatch.setattr(
        os, "access", lambda p, mode: False if mode == os.W_OK else real_access(p, mode)
    )
    with Library.open(long_articles) as library:
        assert not library.writable
        assert "\x02juche\x03" in library.search("juche", limit=1).hits[0].snippet


def test_a_query_of_too_many_terms_is_refused_naming_the_limit(run, seeded):
    result = run("search", " ".join(["ab*"] * 331), db=seeded)
    assert result.exit_code == 2
    assert result.stderr == (f"dipterm: too many terms (331): a query holds at most {MAX_TERMS}\n")
    result = run("search", " ".join(f"{c}e*" for c in "abcdefghij"), db=seeded)
    assert result.exit_code == 2
    assert result.stderr == (
        f"dipterm: too many prefix terms such as word* (10): a query holds at most "
        f"{MAX_PREFIX_TERMS}\n"
    )
    within = run("search", "--ids", *["lavr*"] * MAX_PREFIX_TERMS, db=seeded)
    assert within.exit_code == 0 and within.stdout.split() == ["1"]
    short = run("search", "lavrov", "a*", db=seeded)
    assert short.exit_code == 2
    assert short.stderr == (
        f"dipterm: a* is too short a prefix: give at least {MIN_PREFIX} letters before the *\n"
    )
    assert run("search", "--ids", "la*", "vladivostok", db=seeded).stdout.split() == ["2"]


async def test_the_reader_shows_a_huge_article_in_part_and_says_how_much_is_left(seeded):
    from dipterm.tui.app import DiptermApp
    from dipterm.tui.widgets.reader import SHOWN_PARAGRAPHS, Paragraph

    paragraphs = [f"Paragraph {i} of a page that goes on and on." for i in range(20_000)]
    body = "\n\n".join(paragraphs)  # 900 kB in 20,000 paragraphs, as another tool may store
    conn = sqlite3.connect(seeded)
    conn.execute("UPDATE articles SET body = ? WHERE id = 1", (body,))
    conn.commit()
    conn.close()
    async with DiptermApp(seeded).run_test(size=(120, 35)) as pilot:
        reader = await open_in_reader(pilot, 1)
        shown = [str(p.render()) for p in reader.query(Paragraph)]
        assert len(shown) == SHOWN_PARAGRAPHS and shown[-1] == paragraphs[SHOWN_PARAGRAPHS - 1]
        left = len("\n\n".join(paragraphs[SHOWN_PARAGRAPHS:]))
        note = str(reader.children[-1].render())
        assert note.startswith(f"… {left:,} more characters not shown here")
        assert "dipterm show 1" in note


def test_an_earlier_version_too_long_for_the_window_shows_its_opening(run, tmp_path):
    first = {"title": "Rally", "date": "2024-01-02", "url": "http://kcna.kp/a/1",
             "text": "The rally opened. " + "songun " * SNIPPET_WINDOW}  # fmt: skip
    later = {**first, "text": ARTICLE}
    for n, record in enumerate((first, later)):
        (tmp_path / f"v{n}.jsonl").write_text(json.dumps(record) + "\n")
        assert run("ingest", "-q", str(tmp_path / f"v{n}.jsonl")).exit_code == 0
    found = json.loads(run("search", "--revisions", "--json", "songun").stdout)
    assert [(h["id"], h["found_in"]) for h in found] == [(1, "revision 1")]
    assert found[0]["snippet"].startswith("The rally opened. songun songun")
