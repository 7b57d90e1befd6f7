import json
import sqlite3

from conftest import MIXED, MIXED_ORDERS, SEEDS

from dipterm.ingest.clean import content_hash
from dipterm.ingest.pipeline import import_paths, reextract
from dipterm.models import ArticleDraft, Event, Extraction, Mention, Quote
from dipterm.store import entities
from dipterm.store.library import Library
from dipterm.store.schema import MIGRATIONS, SCHEMA_VERSION


def test_person_filter_across_romanisations_and_typos(run):
    run("ingest", str(SEEDS))
    assert sorted(run("search", "--ids", 'person:"Kim Jong-un"').stdout.split()) == ["1", "2"]
    lavrow = run("search", "--ids", "person:lavrow")
    assert lavrow.stdout.split() == ["1"]
    assert "person:lavrow -> Sergei Lavrov" in lavrow.stderr
    assert sorted(run("search", "--ids", "person:Kimjongun").stdout.split()) == ["1", "2"]
    assert run("search", "--ids", "place:Baekhwawon").stdout.split() == ["1"]
    assert run("search", "--ids", "country:Russia event:wreath").stdout.split() == ["2"]
    assert run("search", "--ids", "person:Zzyzx").exit_code == 1


def test_show_json_carries_the_extracted_fields(run):
    run("ingest", str(SEEDS))
    article = json.loads(run("show", "1", "--json").stdout)
    assert {"name": "Sergei Lavrov", "roles": ["Russian Foreign Minister"]} in article["people"]
    assert {"name": "Paekhwawon State Guesthouse"} in article["places"]
    assert {"name": "Workers' Party of Korea"} in article["organizations"]
    assert {"name": "South Korea"} in article["countries"]
    [meeting] = [e for e in article["events"] if e["type"] == "meeting"]
    assert meeting["date"] == "2018-05-31" and meeting["date_precision"] == "day"
    assert set(meeting["participants"]) == {"Kim Jong Un", "Sergei Lavrov"}
    assert article["quotes"][0]["speaker"] == "Kim Jong Un"


def test_entities_and_dossier(run):
    run("ingest", str(SEEDS))
    listed = json.loads(run("entities", "--kind", "person", "--json").stdout)
    assert listed[0] == {"name": "Kim Jong Un", "kind": "person", "articles": 2}
    dossier = json.loads(run("entity", "Kim", "Jong-un", "--json").stdout)
    assert (dossier["first_seen"], dossier["last_seen"]) == ("2018-06-01", "2019-05-21")
    assert dossier["met_most"][0]["name"] == "Vladimir Putin"
    assert sorted(a["id"] for a in dossier["articles"]) == [1, 2]
    assert any(r["role"] == "Supreme Leader" and r["articles"] == 2 for r in dossier["roles"])
    missing = run("entity", "Nobody Known")
    assert missing.exit_code == 2 and "no person" in missing.stderr


def test_dossier_lists_a_persons_articles_oldest_first(run, mixed):
    dossier = json.loads(run("entity", "Sergei", "Lavrov", "--json").stdout)
    assert [a["id"] for a in dossier["articles"]] == MIXED_ORDERS["oldest"]
    assert [a["source"] for a in dossier["articles"]] == [
        MIXED[i - 1]["source"].removeprefix("The ") for i in MIXED_ORDERS["oldest"]
    ]
    assert (dossier["first_seen"], dossier["last_seen"]) == ("2018-01-15", "2024-06-01")
    # Kim Jong Un, not any Kim: Kim Yo Jong's article is not among his
    assert run("search", "--ids", "person:Kimjongun").stdout.split() == ["1"]
    assert run("search", "--ids", "person:Lavrov").stdout.split() == [
        str(i) for i in MIXED_ORDERS["newest"]
    ]


def test_a_dossier_tells_whom_a_person_met_wrote_to_heard_from_and_whose_letter_was_carried(
    db_path, tmp_path, run
):
    (tmp_path / "a.txt").write_text(
        "Talks Held\n\nMay 3, 2024\n\nChoe Son Hui met Sergei Lavrov in Moscow on Thursday.\n",
        encoding="utf-8",
    )
    (tmp_path / "b.txt").write_text(
        "Greetings\n\nMay 9, 2024\n\nChoe Son Hui on Monday sent a congratulatory message to "
        "Ana Ruiz Gomez upon her appointment as foreign minister of Peru.\n",
        encoding="utf-8",
    )
    (tmp_path / "c.txt").write_text(
        "Letter Conveyed\n\nJune 2, 2024\n\nSergei Lavrov on Friday conveyed a personal letter "
        "from Vladimir Putin to Choe Son Hui.\n",
        encoding="utf-8",
    )
    with Library.open(db_path) as lib:
        import_paths(lib, [str(tmp_path)])
        found = lib.dossier("Choe Son Hui")
        lavrov = lib.dossier("Sergei Lavrov")
    assert found.kind == "person"
    assert [m["name"] for m in found.met_most] == [
        "Sergei Lavrov"
    ]  # a letter carried is no meeting
    assert [m["name"] for m in found.wrote_to] == ["Ana Ruiz Gomez"]
    assert [m["name"] for m in found.received_from] == ["Vladimir Putin"]
    assert [m["name"] for m in lavrov.carried] == ["from Vladimir Putin to Choe Son Hui"]
    assert not lavrov.wrote_to and not lavrov.received_from and not found.wrote_most
    text = run("entity", "Sergei Lavrov").stdout
    assert "carried letters and messages\n     1  from Vladimir Putin to Choe Son Hui" in text
    assert (
        "received letters and messages from\n     1  Vladimir Putin"
        in run("entity", "Choe Son Hui").stdout
    )
    shown = json.loads(run("show", "3", "--json").stdout)["events"][0]
    assert shown["parts"] == {
        "Sergei Lavrov": "carrier", "Vladimir Putin": "sender", "Choe Son Hui": "addressee"
    }  # fmt: skip


def test_extracting_again_drops_a_spelling_older_rules_took_from_a_glued_honorific(
    db_path, tmp_path
):
    (tmp_path / "a.txt").write_text(
        "Thanks\n\nMay 3, 2024\n\nThe guests expressed thanks to the respected HEKim Jong Un, "
        "president of the State Affairs, on Thursday.\n",
        encoding="utf-8",
    )
    with Library.open(db_path) as lib:
        import_paths(lib, [str(tmp_path)])
        with lib.conn:  # as the rules of version 5 stored it
            lib.conn.execute(
                "INSERT INTO entity_variants (entity_id, variant, key) VALUES (1, 'HEKim Jong Un', "
                "'hekimjongun')"
            )
            lib.conn.execute("UPDATE articles SET extracted_with = 5")
        assert "HEKim Jong Un" in lib.dossier("Kim Jong Un").variants
        assert reextract(lib) == 1
        assert lib.dossier("Kim Jong Un").variants == ["Kim Jong Un"]


def _old_library(path, version: int):
    """A library as a dipterm of that schema version left it, holding one article, "Old"."""
    conn = sqlite3.connect(path, isolation_level=None)
    for migration in MIGRATIONS[:version]:
        migration(conn)
    conn.execute(f"PRAGMA user_version = {version}")
    conn.execute(
        "INSERT INTO articles (content_hash, title, body, imported_at) VALUES ('h', 'Old', "
        "'An old article about Lavrov.', 'now')"
    )
    conn.close()
    return path


def test_a_version_1_library_is_upgraded_in_place(tmp_path):
    with Library.open(_old_library(tmp_path / "old.db", 1)) as lib:
        assert lib.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert [h.title for h in lib.search("lavrov").hits] == ["Old"]
        assert lib.article(1).extracted_with is None


def test_reextract_fills_what_older_rules_left(db_path, run):
    with Library.open(db_path) as lib:
        import_paths(lib, [str(SEEDS)], extract=False)
        assert lib.entities() == []
    # doctor says so, as a note: the library is not damaged, and exits 0.
    checked = run("doctor")
    assert checked.exit_code == 0
    assert "2 articles were extracted by older rules or not at all" in checked.stdout
    result = run("extract")
    assert result.stdout.strip() == "2 articles extracted again"
    assert run("search", "--ids", "person:Lavrov").stdout.split() == ["1"]
    assert run("extract").stdout.strip() == "0 articles extracted again"
    assert "older rules" not in run("doctor").stdout


def test_extracting_again_drops_the_names_older_rules_found_and_the_new_ones_do_not(db_path):
    # An upgrade's rules may no longer find a name, or spell it otherwise: the entity older rules
    # stored, with its spellings and the event it took part in, must go, not stop the command.
    old_rules = Extraction(
        people=(Mention("Lee Myung Bak", "person", ("President",), ("Lee Myung Bak",)),),
        events=(Event("meeting", None, None, None, ("Lee Myung Bak",)),),
        quotes=(Quote("Lee Myung Bak", "We will talk.", True),),
    )
    with Library.open(db_path) as lib:
        import_paths(lib, [str(SEEDS)])
        lib.replace_extraction([(1, lib.iter_drafts().__next__()[1], old_rules)], version=1)

        def held() -> tuple[int, int]:
            return tuple(
                lib.conn.execute(
                    "SELECT (SELECT count(*) FROM entities WHERE name = 'Lee Myung Bak'), "
                    "(SELECT count(*) FROM entity_variants WHERE variant = 'Lee Myung Bak')"
                ).fetchone()
            )

        assert held() == (1, 1)
        assert reextract(lib) == 1
        assert held() == (0, 0)
        assert "Sergei Lavrov" in {p["name"] for p in lib.extraction(1)["people"]}
        assert lib.dossier("Sergei Lavrov").articles  # the names still found are untouched


def test_extracting_again_in_workers_stores_each_article_its_own_extraction(db_path, tmp_path):
    people = ["Sergei Lavrov", "Choe Son Hui", "Kim Jong Un", "Vladimir Putin", "Wang Yi"]
    lines = [
        json.dumps(
            {
                "title": f"Talks Held {n}",
                "body": f"Pyongyang, May {n % 28 + 1} (KCNA) -- {people[n % 5]} met {people[(n + 1) % 5]} "
                f"in Pyongyang on Tuesday. The talks number {n} were held in a friendly atmosphere.",
            }
        )  # fmt: skip
        for n in range(300)
    ]
    (tmp_path / "talks.jsonl").write_text("\n".join(lines), encoding="utf-8")
    with Library.open(db_path) as lib:
        import_paths(lib, [str(tmp_path / "talks.jsonl")], workers=1)
        ids = range(1, 301)
        first = [lib.extraction(i) for i in ids]
        assert {p["name"] for p in first[7]["people"]} == {people[2], people[3]}
        # Three chunks of 100 for two workers, whose results come back to the right articles.
        assert reextract(lib, everything=True, workers=2) == 300
        assert [lib.extraction(i) for i in ids] == first


def test_a_known_variant_resolves_exactly_not_as_a_guess(db_path):
    with Library.open(db_path) as lib:
        writer = entities.ExtractionWriter(lib.conn)
        eid = writer.entity_id("Choe Son Hui", "person", ("Choe Sun-hee",))
        other = writer.entity_id("Choe Son Hui", "org")  # same key, other kind
        assert other != eid
        assert entities.resolve(lib.conn, "person", "choe sun hee") == ([eid], None)
        assert entities.resolve(lib.conn, "person", "Choe Son-hui") == ([eid], None)


def test_a_version_4_library_indexes_new_articles(tmp_path):
    """Up to version 4 a trigger put each new article into the full-text index; from 5 on the
    library does it a batch at a time. An upgraded library finds old and new articles."""
    with Library.open(_old_library(tmp_path / "v4.db", 4)) as lib:
        lib.add([ArticleDraft("New", "A new article about Lavrov and Wang Yi.", "new.txt")])
        assert sorted(h.title for h in lib.search("lavrov").hits) == ["New", "Old"]
        assert [h.title for h in lib.search("wang").hits] == ["New"]
        lib.conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")


def _many_articles(folder, count: int) -> None:
    """count short articles naming Choe Son Hui, one a day from 2024-01-01."""
    from datetime import date, timedelta

    for n in range(count):
        day = date(2024, 1, 1) + timedelta(days=n)
        (folder / f"a{n:03}.txt").write_text(
            f"Talks No. {n}\n\n{day:%B} {day.day}, {day.year}\n\n"
            f"Choe Son Hui met Sergei Lavrov in Moscow on talks number {n}.\n",
            encoding="utf-8",
        )


def test_a_dossier_counts_and_lists_every_article_as_the_search_does(run, tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    _many_articles(folder, 205)
    run("ingest", str(folder))
    found = run("search", "--ids", "-n", "1000", 'person:"Choe Son Hui"').stdout.split()
    assert len(found) == 205
    dossier = json.loads(run("entity", "Choe", "Son", "Hui", "--json").stdout)
    assert dossier["articles_total"] == 205
    assert sorted(str(a["id"]) for a in dossier["articles"]) == sorted(found)
    dates = [a["published"] for a in dossier["articles"]]
    assert dates == sorted(dates) and dates[-1] == "2024-07-23"
    text = run("entity", "Choe", "Son", "Hui").stdout
    assert "in 205 articles" in text and "2024-07-23" in text


def test_the_dossier_article_list_pages_with_limit_and_offset(run, tmp_path):
    _many_articles(tmp_path, 12)
    run("ingest", str(tmp_path))
    whole = json.loads(run("entity", "Choe Son Hui", "--json").stdout)["articles"]
    page = json.loads(run("entity", "Choe Son Hui", "-n", "5", "--offset", "10", "--json").stdout)
    assert (page["articles_total"], page["articles_offset"]) == (12, 10)
    assert page["articles"] == whole[10:12]
    text = run("entity", "Choe Son Hui", "--limit", "4", "--offset", "2").stdout
    assert "articles 3-6 of 12" in text and "6 more (--offset 6)" in text
    assert whole[6]["title"] not in text and whole[2]["title"] in text


def _ministers(folder) -> None:
    texts = {
        "a.txt": ("Talks\n\nMarch 2, 2019\n\nRi Yong Ho, foreign minister of the DPRK, met Sergei "
                  "Lavrov, foreign minister of the Russian Federation, on Friday.\n"),
        "b.txt": ("Talks\n\nMay 9, 2019\n\nDPRK Foreign Minister Ri Yong Ho met Cuban Foreign "
                  "Minister Bruno Rodriguez Parrilla on Thursday.\n"),
        "c.txt": ("Message\n\nJuly 1, 2024\n\nChoe Son Hui, minister of Foreign Affairs of the "
                  "Democratic People's Republic of Korea, sent a message to Russian Foreign "
                  "Minister Sergei Lavrov on Monday.\n"),
    }  # fmt: skip
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")


def test_office_lists_who_held_it_by_country_in_date_order(run, tmp_path):
    _ministers(tmp_path)
    run("ingest", str(tmp_path))
    held = json.loads(run("office", "foreign", "minister", "--json").stdout)
    dprk = [(h["name"], h["first"], h["last"]) for h in held if h["country"] == "DPRK"]
    assert dprk == [
        ("Ri Yong Ho", "2019-03-02", "2019-05-09"),
        ("Choe Son Hui", "2024-07-01", "2024-07-01"),
    ]
    assert {(h["name"], h["country"]) for h in held} >= {
        ("Sergei Lavrov", "Russia"),
        ("Bruno Rodriguez Parrilla", "Cuba"),
    }
    lavrov = next(h for h in held if h["name"] == "Sergei Lavrov")
    assert (lavrov["first"], lavrov["last"], lavrov["articles"]) == ("2019-03-02", "2024-07-01", 2)
    text = run("office", "minister of Foreign Affairs").stdout
    assert text.index("DPRK") < text.index("Ri Yong Ho") < text.index("Choe Son Hui")
    assert "Russia\n" in text and "Sergei Lavrov, foreign minister of Russia (2)" in text
    on = json.loads(run("office", "foreign minister", "--on", "2024-07", "--json").stdout)
    assert {h["name"] for h in on} == {"Choe Son Hui", "Sergei Lavrov"}
    assert run("office", "foreign minister", "--on", "July").exit_code == 2
    assert run("office", "archbishop").exit_code == 2


def test_a_dossier_shows_a_career_and_keeps_the_wordings(run, tmp_path):
    _ministers(tmp_path)
    run("ingest", str(tmp_path))
    dossier = json.loads(run("entity", "Ri Yong Ho", "--json").stdout)
    [line] = dossier["career"]
    assert (line["office"], line["first"], line["last"], line["articles"]) == (
        "foreign minister of the DPRK", "2019-03-02", "2019-05-09", 2)  # fmt: skip
    assert {r["role"] for r in dossier["roles"]} == set(line["wordings"]) == {
        "foreign minister of the DPRK", "DPRK Foreign Minister"}  # fmt: skip
    text = run("entity", "Ri Yong Ho").stdout
    assert "offices held\n  2019-03-02 .. 2019-05-09 foreign minister of the DPRK (2)" in text
    assert "DPRK Foreign Minister" not in text
    assert "DPRK Foreign Minister" in run("entity", "Ri Yong Ho", "--roles").stdout


def test_a_version_9_library_has_its_scraped_repeats_mended_and_extracted_again(tmp_path):
    story = (
        "A delegation led by its chairman arrived here on Friday.Present at the airport were "
        "officials of the ministry and the ambassador of the country to the DPRK, who greeted them."
    )
    scraped = f"Former Prisoner {story} Outlet {story} Outlet {story[:150]}"
    path = _old_library(tmp_path / "old.db", 9)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(
        "INSERT INTO articles (content_hash, title, body, imported_at, extracted_with) "
        "VALUES ('r', 'Delegation Arrives', ?, 'now', 7)",
        (scraped,),
    )
    # Since schema 5 the library indexes what it inserts itself (no trigger): as it would.
    conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')")
    conn.close()
    with Library.open(path) as lib:
        mended = lib.article(2)
        assert mended.body == story.replace("Friday.Present", "Friday. Present") + " Outlet"
        assert mended.title == "Delegation Arrives Former Prisoner"  # the headline's end back
        assert mended.extracted_with is None  # to be extracted again from the mended text
        assert lib.article(1).body == "An old article about Lavrov."  # nothing else touched
        # The index holds the mended text: the glued words are found apart, once.
        assert [h.id for h in lib.search("present airport").hits] == [2]
    assert content_hash(mended.title, mended.body) == lib_hash(path, 2)


def lib_hash(path, article_id: int) -> str:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(
            "SELECT content_hash FROM articles WHERE id = ?", (article_id,)
        ).fetchone()[0]
    finally:
        conn.close()
