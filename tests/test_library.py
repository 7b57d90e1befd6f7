import json
import sqlite3

import pytest
from conftest import MIXED_ORDERS, SEEDS
from hypothesis import given
from hypothesis import strategies as st

from dipterm.errors import LibraryError, NotFoundError
from dipterm.ingest import pipeline
from dipterm.ingest.pipeline import import_paths
from dipterm.models import ArticleDraft, PartialDate
from dipterm.store.library import Library
from dipterm.store.schema import DATE_INDEX, SCHEMA_VERSION
from dipterm.store.search import TITLES_NEWEST_FIRST_SQL


def draft(title, body, **kw):
    return ArticleDraft(title=title, body=body, origin=kw.pop("origin", title), **kw)


def test_reimport_changes_nothing(db_path):
    with Library.open(db_path) as lib:
        first = import_paths(lib, [str(SEEDS)])
        second = import_paths(lib, [str(SEEDS)])
        assert (first.imported, second.imported, second.unchanged) == (2, 0, 2)
        assert lib.count() == 2


def _records(path, numbers):
    path.write_text(
        "".join(
            json.dumps(
                {"title": f"Report {n}", "body": f"Kim Jong Un met delegation {n} in Pyongyang."}
            )
            + "\n"
            for n in numbers
        ),
        encoding="utf-8",
    )
    return str(path)


@pytest.mark.parametrize("workers", [1, 2])
def test_an_import_run_again_extracts_only_the_articles_not_held(
    db_path, tmp_path, monkeypatch, workers
):
    """A second run, or one resumed after it stopped, goes through what the library holds
    without extracting it again (in the workers too: forked, they call the patched function)."""
    analysed = []
    analyse = pipeline.analyse
    monkeypatch.setattr(
        pipeline, "analyse", lambda title, *rest: (analysed.append(title), analyse(title, *rest))[1]
    )
    with Library.open(db_path) as lib:
        import_paths(lib, [_records(tmp_path / "a.jsonl", range(150))], workers=1)
        assert len(analysed) == 150

        def refuse(title, *rest):
            assert title == "Report 150", f"{title} extracted again"
            return analyse(title, *rest)

        monkeypatch.setattr(pipeline, "analyse", refuse)
        again = import_paths(lib, [_records(tmp_path / "b.jsonl", range(151))], workers=workers)
        assert (again.imported, again.merged) == (1, 150)  # held, from another file
        assert ("Kim Jong Un", 151) in lib.facets(None)["person"]


def test_an_article_the_workers_saw_held_but_is_not_is_extracted_all_the_same(
    db_path, tmp_path, monkeypatch
):
    class SeesEverythingHeld:
        def held(self, digests):
            return set(digests)

    monkeypatch.setattr(pipeline, "_reader", lambda path: SeesEverythingHeld())
    with Library.open(db_path) as lib:
        import_paths(lib, [_records(tmp_path / "a.jsonl", range(3))], workers=1)
        assert lib.count() == 3 and ("Kim Jong Un", 3) in lib.facets(None)["person"]


def test_same_story_from_two_origins_is_stored_once_with_both(db_path):
    with Library.open(db_path) as lib:
        lib.add([draft("A", "Kim Jong Un met Lavrov.", origin="a.txt", url="http://x/1")])
        [outcome] = lib.add(
            [draft("A", "kim jong un  met LAVROV.", origin="b.json", url="http://y/2")]
        )
        assert outcome.status == "merged"
        article = lib.article(outcome.article_id)
        assert article.origins == ("a.txt", "b.json")
        assert article.urls == ("http://x/1", "http://y/2")
        assert lib.count() == 1


def test_schema_wal_and_fts_in_sync(seeded):
    with Library.open(seeded) as lib:
        assert lib.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert lib.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        lib.conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")
        n = lib.conn.execute("SELECT count(*) FROM articles_fts").fetchone()[0]
        assert n == lib.count() == 2


def test_title_outranks_body(db_path):
    with Library.open(db_path) as lib:
        for i in range(5):
            lib.add([draft(f"Filler {i}", f"Unrelated text number {i} about cooperation.")])
        lib.add([draft("Notes", "The summit was mentioned once in this long body of text.")])
        lib.add([draft("Summit Held", "Leaders met in the capital.")])
        hits = lib.search("summit").hits
        assert [h.title for h in hits] == ["Summit Held", "Notes"]
        # Scores only when asked for, and in the order of the ranking (FTS5: lower is better).
        assert {h.score for h in hits} == {None}
        for query in ("summit", '"summit was"', "summit -zebra"):
            scored = lib.search(query, scores=True).hits
            assert all(isinstance(h.score, float) for h in scored)
            assert [h.score for h in scored] == sorted(h.score for h in scored)
            assert scored and (len(scored) == 1 or scored[0].score < scored[-1].score)


def test_date_filters_respect_precision(db_path):
    with Library.open(db_path) as lib:
        lib.add(
            [
                draft("Day", "talks one", published=PartialDate(2019, 5, 21)),
                draft("Month", "talks two", published=PartialDate(2019, 5)),
                draft("Year", "talks three", published=PartialDate(2018)),
                draft("None", "talks four"),
            ]
        )
        titles = lambda q: sorted(h.title for h in lib.search(q).hits)  # noqa: E731
        assert titles("talks since:2019-05-10") == ["Day", "Month"]
        assert titles("talks since:2019-05-22") == ["Month"]
        assert titles("talks until:2018") == ["Year"]
        assert titles("talks until:2019-05-01") == ["Month", "Year"]
        assert titles("since:2019") == ["Day", "Month"]


def test_source_filter_by_variant_name(mixed):
    with Library.open(mixed) as lib:
        ids = lambda q: sorted(h.id for h in lib.search(q).hits)  # noqa: E731
        assert ids('source:"The Pyongyang Times"') == [3]
        assert ids("source:pyongyang") == [3]
        assert ids("source:kcna") == [1]
        assert ids('source:"Rodong Sinmun" talks') == [2]


def test_each_sort_gives_its_own_order(mixed):
    with Library.open(mixed) as lib:
        for sort, order in (("date", "newest"), ("-date", "oldest"), ("title", "title")):
            assert [h.id for h in lib.search("talks", sort=sort).hits] == MIXED_ORDERS[order], sort


def test_source_filter_takes_like_wildcards_literally(db_path):
    with Library.open(db_path) as lib:
        sources = ["Radio 100% Live", "Radio 1000 Live", "Radio_One", "RadioXOne", "Back\\slash"]
        lib.add([draft(f"Talks {n}", f"talks number {n}", source=s) for n, s in enumerate(sources)])
        sources_of = lambda q: sorted(h.source for h in lib.search(q).hits)  # noqa: E731
        assert sources_of('source:"100%"') == ["Radio 100% Live"]
        assert sources_of("source:radio_o") == ["Radio_One"]
        assert sources_of("source:k\\s") == ["Back\\slash"]
        assert sources_of("source:%") == ["Radio 100% Live"]
        assert sources_of("source:_") == ["Radio_One"]


def test_negation_alone_and_with_terms(seeded):
    with Library.open(seeded) as lib:
        assert [h.title for h in lib.search("-lavrov").hits] == [
            "Visit opens a new chapter of DPRK-Russia ties"
        ]
        assert lib.search("putin -vladivostok").hits[0].title == "Russian FM Received"


def test_typo_correction_and_exact(seeded):
    with Library.open(seeded) as lib:
        result = lib.search("lavrow")
        assert [str(c) for c in result.corrections] == ["lavrow -> lavrov"]
        assert len(result.hits) == 1
        assert lib.search("lavrow", exact=True).hits == []
        # Inflections the stemmer handles are not "corrected".
        assert lib.search("meetings").corrections == []


def test_snippets_mark_the_matched_words(seeded):
    with Library.open(seeded) as lib:
        [hit] = lib.search("Paekhwawon").hits
        assert "\x02Paekhwawon\x03" in hit.snippet


def test_curly_and_straight_apostrophes_match_alike(seeded):
    with Library.open(seeded) as lib:
        assert len(lib.search('"Workers\' Party of Korea"').hits) == 1
        assert len(lib.search('"Korea\u2019s liberation"').hits) == 1


def test_article_by_id_and_hash_prefix(seeded):
    with Library.open(seeded) as lib:
        a = lib.article(1)
        assert lib.article(a.content_hash[:8]).id == 1
        with pytest.raises(NotFoundError):
            lib.article(99)
        with pytest.raises(NotFoundError):
            lib.article("zz")


def test_not_sqlite_file(tmp_path):
    bad = tmp_path / "notes.db"
    bad.write_text("hello, this is not a database")
    with pytest.raises(LibraryError, match="not an SQLite file"):
        Library.open(bad)


def test_foreign_sqlite_file(tmp_path):
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE x (y)")
    conn.commit()
    conn.close()
    with pytest.raises(LibraryError, match="not a dipterm library"):
        Library.open(other)


def test_newer_schema_is_refused(seeded):
    conn = sqlite3.connect(seeded)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(LibraryError, match="newer dipterm"):
        Library.open(seeded)


def test_vocab_counts_documents(seeded):
    with Library.open(seeded) as lib:
        docs = dict(
            lib.conn.execute("SELECT term, docs FROM vocab WHERE term IN ('putin', 'lavrov')")
        )
        assert docs == {"putin": 2, "lavrov": 1}


def test_a_plan_is_read_several_ways_without_planning_again(seeded):
    with Library.open(seeded) as lib:
        plan = lib.plan("lavrow")
        assert [str(c) for c in plan.corrections] == ["lavrow -> lavrov"]
        assert (
            [h.id for h in lib.search(plan).hits]
            == [h.id for h in lib.search("lavrow").hits]
            == [1]
        )
        assert lib.count_matching(plan) == lib.count_matching("lavrow") == 1
        conditions = list(plan.conditions)
        assert lib.search(plan, after_id=1).hits == []
        assert plan.conditions == conditions  # after_id did not change the plan given


def test_snippets_mark_body_words_and_open_the_body_for_title_matches(db_path):
    body = "Opening words of the report. " + "Filler sentence here. " * 20 + "The summit ended."
    with Library.open(db_path) as lib:
        lib.add([draft("Summit in Hanoi", body, published=PartialDate(2019, 2, 27))])
        by_body = lib.search("ended").hits[0].snippet
        assert "\x02ended\x03" in by_body  # the matched word marked where it stands
        # Ranked by the index alone, with a filter, sorted by date, and with no words at all:
        # each way of reading the page gives the opening.
        for query, sort in [
            ("title:Hanoi", "rank"),
            ("title:Hanoi since:2000", "rank"),
            ("title:Hanoi", "date"),
            ("since:2000", "rank"),
        ]:
            by_title = lib.search(query, sort=sort).hits[0].snippet
            assert by_title.startswith("Opening words of the report. Filler"), query
            assert by_title.endswith("…") and "\x02" not in by_title
            assert len(by_title[:-1].split()) == 24


def test_an_opening_ends_in_an_ellipsis_only_when_words_are_left_out(db_path):
    from dipterm.store.search import SNIPPET_TOKENS

    words = [f"word{n}" for n in range(SNIPPET_TOKENS + 1)]
    bodies = {"Short": "Talks were held.", "Exact": " ".join(words[:-1]), "Longer": " ".join(words)}
    with Library.open(db_path) as lib:
        lib.add([draft(title, body) for title, body in bodies.items()])
        opening = {
            h.title: h.snippet
            for h in lib.search("title:short OR title:exact OR title:longer").hits
        }
    assert opening == {
        "Short": "Talks were held.",
        "Exact": " ".join(words[:-1]),
        "Longer": " ".join(words[:-1]) + "\u2026",
    }


def test_facets_count_articles_per_person_and_place_among_the_matches(seeded):
    with Library.open(seeded) as lib:
        everything = lib.facets(None)
        assert ("Kim Jong Un", 2) in everything["person"]
        lavrov = lib.facets("lavrov")
        assert ("Sergei Lavrov", 1) in lavrov["person"] and ("Kim Jong Un", 1) in lavrov["person"]
        assert lib.facets("nosuchwordanywhere")["person"] == []


def test_facets_count_each_article_once_among_only_the_matches(mixed):
    with Library.open(mixed) as lib:
        assert lib.facets("talks") == {
            "source": [("KCNA", 1), ("Pyongyang Times", 1), ("Rodong Sinmun", 1)],
            "year": [("2024", 1), ("2020", 1), ("2018", 1)],
            "person": [
                ("Sergei Lavrov", 3),
                ("Choe Son Hui", 1),
                ("Kim Jong Un", 1),
                ("Kim Yo Jong", 1),
            ],
            "place": [("Pyongyang", 2), ("Moscow", 1)],
        }
        pyongyang = lib.facets("pyongyang until:2019")
        assert pyongyang["person"] == [("Kim Yo Jong", 1), ("Sergei Lavrov", 1)]
        assert pyongyang["source"] == [("Pyongyang Times", 1)]
        assert pyongyang["place"] == [("Pyongyang", 1)]


def test_counts_and_facets_agree_with_the_matches_however_planned(db_path):
    """A match alone is counted from the index; with filters, through the articles: the same."""
    with Library.open(db_path) as lib:
        lib.add(
            [
                draft(
                    f"Talks {i}",
                    f"talks number {i} held in year {2000 + i % 3}"
                    + (" on trade" if i % 2 else ""),
                    published=PartialDate(2000 + i % 3),
                )
                for i in range(12)
            ]
            + [draft("Other", "nothing of the kind", published=PartialDate(1999))]
        )
        for query in (
            "talks",
            '"held in year"',
            "talks -trade",
            "talks since:2001",
            "trade OR kind",
        ):
            found = lib.search(query, limit=100).hits
            assert lib.count_matching(query) == len(found) > 1, query
            years = dict(lib.facets(query)["year"])
            assert sum(years.values()) == len(found), query
        assert lib.plan("talks").fts_only and not lib.plan("talks since:2001").fts_only


_ASCII_WORDS = st.text(alphabet="ab Z'_1.-\n", max_size=60)
_ANY_WORDS = st.text(alphabet="ab Z'_1.-\n\u2019\u00e9\u00bd", max_size=60)


def test_a_word_in_most_articles_is_walked_by_date_and_a_rare_one_is_not(db_path):
    """The vocabulary's counts decide, read only when a dated page asks (a ranked one never)."""
    with Library.open(db_path) as lib:
        lib.add(
            [
                draft(f"Report {i}", f"talks number {i}" + (" on fisheries" if i == 7 else ""))
                for i in range(40)
            ]
        )
        assert lib.is_common(lib.plan("talks")) and lib.is_common(lib.plan("tal*"))
        assert not lib.is_common(lib.plan("fisheries"))
        assert not lib.is_common(lib.plan("talks fisheries"))  # bounded by its rarest word
        assert [h.id for h in lib.search("fisheries", sort="date").hits] == [8]
        newest = [h.id for h in lib.search("talks", sort="date", limit=3).hits]
        assert newest == [40, 39, 38]  # none dated: the latest stored first


@given(st.one_of(_ASCII_WORDS, _ANY_WORDS), st.one_of(_ASCII_WORDS, _ANY_WORDS))
def test_an_articles_words_are_its_tokens_and_its_word_count(title: str, body: str) -> None:
    from dipterm.ingest.clean import word_count
    from dipterm.store.library import _article_words
    from dipterm.store.query import tokens

    assert _article_words(title, body) == (set(tokens(title + " " + body)), word_count(body))


def test_titles_newest_first_undated_last_and_later_first_on_one_day(db_path):
    with Library.open(db_path) as lib:
        lib.add([draft("Undated", "No date here at all.")])
        lib.add([draft("Old", "From long ago.", published=PartialDate(2001, 5, 1))])
        lib.add([draft("New A", "Recent news.", published=PartialDate(2024, 7, 1))])
        lib.add([draft("New B", "Recent news too.", published=PartialDate(2024, 7, 1))])
        lib.add([draft("Middle", "Some years back.", published=PartialDate(2018))])
        ids, titles = lib.titles()
        assert titles == ["New B", "New A", "Middle", "Old", "Undated"]
        assert [row[:2] for row in lib.listing(ids)] == list(zip(ids, titles, strict=True))
        assert lib.listing([ids[2], 999, ids[0]]) == [
            (ids[2], "Middle", None, "2018"), (ids[0], "New B", None, "2024-07-01")
        ]  # fmt: skip
        # Read from the date index alone, which holds them in order, not from the table with its
        # bodies, and not sorted apart.
        plan = str(
            [tuple(r) for r in lib.conn.execute(f"EXPLAIN QUERY PLAN {TITLES_NEWEST_FIRST_SQL}")]
        )
        assert "COVERING INDEX" in plan and "TEMP B-TREE" not in plan
        # A library without that index (an older one, read as it is) gives them in the same order.
        lib.conn.execute(f"DROP INDEX {DATE_INDEX}")
        assert lib.titles() == (ids, titles)
