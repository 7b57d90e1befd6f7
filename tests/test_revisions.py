"""Revisions and disappearances: a changed article is one article with its versions kept; a
complete copy of an outlet marks what it lacks as missing; nothing is deleted."""

from __future__ import annotations

import json
import sqlite3

import pytest
from tui_helpers import settle

from dipterm.ingest.pipeline import import_paths
from dipterm.models import ArticleDraft, PartialDate
from dipterm.store.library import Library
from dipterm.store.revisions import only_in_earlier, url_key, word_diff

URL = "http://www.kcna.co.jp/item/2013/201311/news20/20131120-01ee.html"
FIRST = (
    "Pyongyang, November 20 (KCNA) -- Kim Jong Un inspected the farm. He was accompanied by "
    "Jang Song Thaek, vice-chairman of the National Defence Commission, and Choe Ryong Hae. "
    "The farm workers pledged loyalty."
)
EDITED = (
    "Pyongyang, November 20 (KCNA) -- Kim Jong Un inspected the farm. He was accompanied by "
    "Choe Ryong Hae. The farm workers pledged loyalty."
)


def record(title: str, text: str, url: str | None = URL, date: str = "2013-11-20") -> dict:
    out = {"title": title, "date": date, "source": "KCNA", "text": text}
    if url:
        out["url"] = url
    return out


def write(path, *records: dict):
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (URL, URL.replace("http://www.", "https://")),
        (URL, URL + "/"),
        (URL, URL + "#top"),
        (URL, URL + "?utm_source=mail&utm_medium=x"),
        ("http://KCNA.co.jp/a?b=1&c=2", "http://kcna.co.jp/a?c=2&b=1"),
    ],
)
def test_url_variants_are_one_identity(a, b):
    assert url_key(a) == url_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (URL, URL.replace("01ee", "02ee")),
        (
            "http://www.rodong.rep.kp/en/index.php?strPageID=SF01_02_01&newsID=2018-01-29-0005",
            "http://www.rodong.rep.kp/en/index.php?strPageID=SF01_02_01&newsID=2018-01-29-0006",
        ),
    ],
)
def test_different_pages_keep_different_identities(a, b):
    assert url_key(a) != url_key(b)


def test_changed_text_is_a_revision_with_its_history(db_path, tmp_path):
    with Library.open(db_path) as lib:
        first = import_paths(lib, [write(tmp_path / "a.jsonl", record("Farm", FIRST))], workers=1)
        again = import_paths(
            lib, [write(tmp_path / "b.jsonl", record("Farm", EDITED, URL + "/"))], workers=1
        )
        assert (first.imported, again.imported, again.revised) == (1, 0, 1)
        assert lib.count() == 1
        (hit,) = lib.search("farm").hits
        found = lib.history(hit.id)
        assert [v.body for v in found.versions] == [FIRST, EDITED]
        assert found.versions[0].origin.endswith("a.jsonl#1")
        assert found.versions[1].current and found.versions[1].origin.endswith("b.jsonl#1")
        change = found.differences[0]
        assert change.words_removed == 10 and change.words_added == 0
        assert "Jang Song Thaek" in change.names_gone
        assert "Jang Song Thaek" in found.versions[0].names
        assert "Jang Song Thaek" not in found.versions[1].names
        # Search covers the current text; the earlier one is found on request, and is:revised.
        assert lib.search("Thaek").hits == []
        assert [i for i, _ in only_in_earlier(lib.conn, '"thaek"')] == [hit.id]
        assert [h.id for h in lib.search("is:revised").hits] == [hit.id]
        # The extraction is the new text's.
        people = [p["name"] for p in lib.extraction(hit.id)["people"]]
        assert "Jang Song Thaek" not in people and "Choe Ryong Hae" in people
        assert lib.article(hit.id).revisions == 1


def test_title_alone_changed_is_a_revision(db_path, tmp_path):
    with Library.open(db_path) as lib:
        import_paths(lib, [write(tmp_path / "a.jsonl", record("Talks Held", FIRST))], workers=1)
        again = import_paths(
            lib, [write(tmp_path / "b.jsonl", record("Talks Held in Pyongyang", FIRST))], workers=1
        )
        assert again.revised == 1 and lib.count() == 1
        (hit,) = lib.search("talks").hits
        assert hit.title == "Talks Held in Pyongyang"
        found = lib.history(hit.id)
        assert found.differences[0].title_before == "Talks Held"
        assert found.differences[0].words_removed == 0


def test_the_same_text_again_and_an_older_copy_again_change_nothing(db_path, tmp_path):
    old = write(tmp_path / "old.jsonl", record("Farm", FIRST))
    new = write(tmp_path / "new.jsonl", record("Farm", EDITED))
    with Library.open(db_path) as lib:
        import_paths(lib, [old], workers=1)
        import_paths(lib, [new], workers=1)
        same = import_paths(lib, [new], workers=1)
        older = import_paths(lib, [old], workers=1)
        assert (same.unchanged, same.revised) == (1, 0)
        assert older.revised == 0 and older.imported == 0
        (hit,) = lib.search("farm").hits
        assert len(lib.history(hit.id).versions) == 2
        assert lib.article(hit.id).body == EDITED


def test_another_url_is_another_article(db_path, tmp_path):
    with Library.open(db_path) as lib:
        import_paths(lib, [write(tmp_path / "a.jsonl", record("Farm", FIRST))], workers=1)
        other = record("Farm", EDITED, URL.replace("01ee", "02ee"))
        summary = import_paths(lib, [write(tmp_path / "b.jsonl", other)], workers=1)
        assert (summary.imported, summary.revised, lib.count()) == (1, 0, 2)


def test_without_a_url_outlet_date_and_title_make_the_identity(db_path):
    with Library.open(db_path) as lib:

        def draft(title, body, day=20):
            return ArticleDraft(title, body, f"{title}-{day}", PartialDate(2013, 11, day), "KCNA")

        lib.add([draft("Kim Jong Un Inspects Farm", FIRST)])
        outcome = lib.add([draft("Kim Jong Un Inspects a Farm", EDITED)])[0]
        assert outcome.status == "revised"
        other_day = lib.add([draft("Kim Jong Un Inspects Farm", EDITED + " More.", day=21)])[0]
        assert other_day.status == "imported"
        other_title = lib.add([draft("Banquet Given for Delegation", EDITED + " Again.")])[0]
        assert other_title.status == "imported"
        assert lib.count() == 3


def test_snapshot_marks_the_missing_and_records_their_return(db_path, tmp_path, run):
    day = [record(f"Item {n}", f"Text number {n} of the day.", f"http://kcna.kp/{n}",
                  f"2013-11-{20 + n}") for n in range(4)]  # fmt: skip
    with Library.open(db_path) as lib:
        import_paths(lib, [write(tmp_path / "all.jsonl", *day)], workers=1)
        # A complete copy of 11-20 .. 11-23 without item 2; item 0 stands outside nothing.
        copy = write(tmp_path / "copy.jsonl", day[0], day[1], day[3])
        summary = import_paths(lib, [copy], workers=1, snapshot=True)
        assert summary.missing == 1
        (gone,) = lib.search("is:missing").hits
        assert gone.title == "Item 2"
        assert lib.count() == 4  # marked, never deleted
        assert lib.article(gone.id).missing_since
        import_paths(lib, [write(tmp_path / "back.jsonl", day[2])], workers=1)
        assert lib.search("is:missing").hits == []
        kinds = [c.kind for c in lib.changes()]
        assert kinds == ["returned", "missing"]
    listed = json.loads(run("changes", "--json").output)
    assert [c["kind"] for c in listed] == ["returned", "missing"]
    assert listed[1]["id"] == gone.id and "2013-11-20 .. 2013-11-23" in listed[1]["summary"]
    assert run("changes", "--since", "2999").exit_code == 1


def test_a_snapshot_leaves_other_outlets_and_dates_alone(db_path, tmp_path):
    kcna = [record("A", "Alpha text.", "http://kcna.kp/a", "2013-11-20"),
            record("B", "Beta text.", "http://kcna.kp/b", "2013-12-25")]  # fmt: skip
    rodong = {**record("R", "Rodong text.", "http://rodong.rep.kp/r", "2013-11-20"),
              "source": "Rodong Sinmun"}  # fmt: skip
    with Library.open(db_path) as lib:
        import_paths(lib, [write(tmp_path / "all.jsonl", *kcna, rodong)], workers=1)
        copy = write(tmp_path / "copy.jsonl", record("C", "Gamma text.", "http://kcna.kp/c"))
        assert import_paths(lib, [copy], workers=1, snapshot=True).missing == 1  # A only
        assert [h.title for h in lib.search("is:missing").hits] == ["A"]


def test_history_command_json_and_export_citation(db_path, tmp_path, run):
    with Library.open(db_path) as lib:
        import_paths(lib, [write(tmp_path / "a.jsonl", record("Farm", FIRST))], workers=1)
        import_paths(lib, [write(tmp_path / "b.jsonl", record("Farm", EDITED))], workers=1)
    done = run("history", "1", "--json")
    assert done.exit_code == 0
    versions = json.loads(done.output)["revisions"]
    assert [v["revision"] for v in versions] == [1, 2] and versions[1]["current"]
    assert versions[1]["changes"]["words_removed"] == 10
    assert "Jang Song Thaek" in versions[1]["changes"]["names_gone"]
    text = run("history", "1").output
    assert "Jang Song Thaek" in text and "10 words removed" in text
    cited = run("export", "1").output
    assert "a revision of the article as first published (1 earlier version kept)" in cited
    found = json.loads(run("search", "--revisions", "--json", "Thaek").output)
    assert [(r["id"], r["found_in"]) for r in found] == [(1, "revision 1")]
    assert run("search", "Thaek").exit_code == 1


def test_an_older_library_upgrades_with_each_article_its_first_version(tmp_path):
    """A schema 6 library (made by running the first six migrations) opens, upgrades in place,
    keeps its articles whole, and then takes a revision."""
    from dipterm.store.schema import MIGRATIONS

    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    for n, migration in enumerate(MIGRATIONS[:6], 1):
        migration(conn)
        conn.execute(f"PRAGMA user_version = {n}")
    conn.execute(
        "INSERT INTO articles (content_hash, title, source, published, published_precision, url, "
        "origin, body, word_count, lang, imported_at) VALUES ('x', 'Farm', 'KCNA', '2013-11-20', "
        "'day', ?, 'old', ?, 30, 'en', '2013-11-21T00:00:00Z')",
        (URL, FIRST),
    )
    conn.execute("INSERT INTO articles_fts (rowid, title, body) VALUES (1, 'Farm', ?)", (FIRST,))
    conn.close()
    with Library.open(path) as lib:
        assert lib.article(1).url_key == url_key(URL)
        found = lib.history(1)
        assert [v.body for v in found.versions] == [FIRST] and found.versions[0].current
        outcome = lib.add([ArticleDraft("Farm", EDITED, "new", PartialDate(2013, 11, 20),
                                        "KCNA", url=URL)])[0]  # fmt: skip
        assert (outcome.status, outcome.article_id) == ("revised", 1)
        assert [v.body for v in lib.history(1).versions] == [FIRST, EDITED]


def test_word_diff_gives_runs_in_order():
    removed, added, n_removed, n_added = word_diff("a b c d e", "a x c e f")
    assert removed == ["b", "d"] and added == ["x", "f"]
    assert (n_removed, n_added) == (2, 2)


async def test_reader_v_sets_the_earlier_version_beside_the_current(db_path, tmp_path):
    from tui_helpers import plain

    from dipterm.tui.app import DiptermApp
    from dipterm.tui.widgets.reader import Reader

    with Library.open(db_path) as lib:
        import_paths(lib, [write(tmp_path / "a.jsonl", record("Farm", FIRST))], workers=1)
        import_paths(lib, [write(tmp_path / "b.jsonl", record("Farm", EDITED))], workers=1)
    async with DiptermApp(db_path).run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.pause()
        reader = pilot.app.screen.query_one("#reader-a", Reader)
        assert "v compares" in plain(reader.query_one(".reader-header").content)
        reader.focus()
        await pilot.press("v")
        await settle(pilot)
        await pilot.pause()
        left = pilot.app.screen.query_one("#reader-a", Reader)
        right = pilot.app.screen.query_one("#reader-b", Reader)
        assert left.article.body == FIRST and right.article.body == EDITED
        assert "version 1 of 2" in left.article.title
        status = str(pilot.app.screen.query_one("#status").render())
        assert "Jang Song Thaek" in status and "10 words removed" in status


async def test_the_interface_searches_earlier_versions_on_request(db_path, tmp_path):
    from dipterm.tui.app import DiptermApp
    from dipterm.tui.widgets.article_list import ArticleList

    with Library.open(db_path) as lib:
        import_paths(lib, [write(tmp_path / "a.jsonl", record("Farm", FIRST))], workers=1)
        import_paths(lib, [write(tmp_path / "b.jsonl", record("Farm", EDITED))], workers=1)
    async with DiptermApp(db_path).run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"Thaek")
        await settle(pilot)
        await pilot.pause()
        assert pilot.app.screen.query_one(ArticleList).visible_ids() == []
        await pilot.press("escape", "V")
        await settle(pilot)
        await pilot.pause()
        assert pilot.app.screen.query_one(ArticleList).visible_ids() == [1]
        status = str(pilot.app.screen.query_one("#status").render())
        assert "1 in earlier versions only" in status
