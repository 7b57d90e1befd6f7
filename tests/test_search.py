"""The reading half of the library (store/search.py): snippets, the date-sorted page of a common
word, the estimate that chooses it, titles in order, event types."""

import pytest

from dipterm.models import ArticleDraft, PartialDate
from dipterm.store.library import Library
from dipterm.store.schema import DATE_INDEX
from dipterm.store.search import SNIPPET_TOKENS, _around, _opening


def _words(prefix, n):
    return [f"{prefix}{i}" for i in range(1, n + 1)]


def _marked(before, name, after, tail="."):
    """A sentence of the words before, the name and the words after, and where the name is."""
    head = " ".join(before) + (" " if before else "")
    sentence = head + name + (" " + " ".join(after) if after else "") + tail
    return sentence, len(head), len(head) + len(name)


def test_a_naming_sentence_keeps_a_third_of_its_words_before_the_name_and_the_rest_after():
    assert SNIPPET_TOKENS == 24
    before, after = _words("b", 40), _words("a", 40)
    sentence, start, end = _marked(before, "Ri Son Gwon", after)
    # 24 words less the name's three: 21, of which 7 before and 14 after
    expected = "…" + " ".join(before[-7:]) + " \x02Ri Son Gwon\x03 " + " ".join(after[:14]) + "…"
    assert _around(sentence, start, end) == expected


def test_a_naming_sentence_near_its_end_gives_the_words_unused_after_to_those_before():
    before, after = _words("b", 40), _words("a", 2)
    sentence, start, end = _marked(before, "Kim", after)
    expected = "…" + " ".join(before[-21:]) + " \x02Kim\x03 a1 a2."
    assert _around(sentence, start, end) == expected


def test_a_naming_sentence_near_its_start_gives_the_words_unused_before_to_those_after():
    before, after = _words("b", 3), _words("a", 40)
    sentence, start, end = _marked(before, "Kim", after)
    expected = "b1 b2 b3 \x02Kim\x03 " + " ".join(after[:20]) + "…"
    assert _around(sentence, start, end) == expected


def test_a_short_naming_sentence_is_whole_with_the_name_marked_where_it_stands():
    assert _around("Kim Jong Un met him.", 0, 11) == "\x02Kim Jong Un\x03 met him."
    assert _around("They met Kim.", 9, 12) == "They met \x02Kim\x03."
    # glued to what stands around it: no space is put in
    assert _around("(Kim's) visit", 1, 4) == "(\x02Kim\x03's) visit"
    assert _around("a name of 30 words", 2, 6) == "a \x02name\x03 of 30 words"


def test_a_name_longer_than_a_snippet_is_kept_whole_and_the_rest_elided():
    name = " ".join(_words("n", 30))
    sentence, start, end = _marked(["before"], name, ["after"])
    assert _around(sentence, start, end) == f"… \x02{name}\x03 …"


def test_an_opening_is_the_first_24_words_and_an_ellipsis_only_when_there_are_more():
    words = _words("w", 30)
    assert _opening(" ".join(words)) == " ".join(words[:24]) + "…"
    assert _opening(" ".join(words[:24])) == " ".join(words[:24])
    assert _opening(" ".join(words[:25])) == " ".join(words[:24]) + "…"
    assert _opening("One  short\nopening.") == "One short opening."


def _draft(title, body, source=None, published=None):
    return ArticleDraft(title=title, body=body, origin=title, source=source, published=published)


@pytest.fixture
def twenty(db_path):
    """Twenty articles: "talks" in the even ones (KCNA's the multiples of four), "meeting" in
    the first three, "rare" in the fifth only; dated out of their id order."""
    drafts = []
    for n in range(1, 21):
        words = ["report", f"number{n}"]
        words += ["talks"] if n % 2 == 0 else []
        words += ["meeting"] if n <= 3 else []
        words += ["rare"] if n == 5 else []
        source = "KCNA" if n % 4 == 0 else "Rodong Sinmun"
        day = PartialDate(2020, 1 + (n * 7) % 12, 1 + n)
        drafts.append(_draft(f"Item {n}", " ".join(words) + ".", source, day))
    with Library.open(db_path) as lib:
        lib.add(drafts)
    return db_path


def test_a_common_word_sorted_by_date_keeps_every_filter_and_both_directions(twenty):
    with Library.open(twenty) as lib:
        plan = lib.plan("talks source:kcna")
        assert lib.is_common(plan)  # the page walks the articles by date
        newest = lib.search("talks source:kcna", sort="date", snippets=False).hits
        oldest = lib.search("talks source:kcna", sort="-date", snippets=False).hits
    by_date = sorted(range(4, 21, 4), key=lambda n: (1 + (n * 7) % 12, 1 + n), reverse=True)
    assert [h.title for h in newest] == [f"Item {n}" for n in by_date]
    assert [h.title for h in oldest] == [f"Item {n}" for n in reversed(by_date)]


def test_the_estimate_of_a_query_is_the_sum_of_its_words_articles_for_each_alternative(twenty):
    with Library.open(twenty) as lib:
        either = lib.plan("talks OR meeting")
        lib.is_common(either)
        assert either.estimate == 10 + 3
        both = lib.plan("talks meeting")  # each required: the smaller bounds them
        lib.is_common(both)
        assert both.estimate == 3


def test_a_word_in_a_twentieth_of_the_articles_or_fewer_is_not_common(twenty):
    with Library.open(twenty) as lib:
        rare = lib.plan("rare")
        assert not lib.is_common(rare) and rare.estimate == 1  # 1 of 20: not more than 5%
        absent = lib.plan("zebra", exact=True)
        assert not lib.is_common(absent) and absent.estimate == 0
        assert lib.search("zebra", sort="date", exact=True).hits == []
        # a count the caller has stands: it is not estimated again
        counted = lib.plan("talks")
        counted.estimate = 1
        assert not lib.is_common(counted) and counted.estimate == 1
        # a query of no words (a filter alone) has no estimate: taken as broad
        assert lib.is_common(lib.plan("source:kcna"))


def test_titles_of_one_day_without_the_date_index_come_later_article_first(db_path):
    with Library.open(db_path) as lib:
        day = PartialDate(2024, 7, 1)
        lib.add([_draft("B first", "One.", published=day)])
        lib.add([_draft("A second", "Two.", published=day)])
        lib.add([_draft("C undated", "Three.")])
        lib.conn.execute(f"DROP INDEX {DATE_INDEX}")
        assert lib.titles()[1] == ["A second", "B first", "C undated"]


def _named(title, body, *people):
    """A draft and its extraction, naming people given as (name, spellings...)."""
    from dipterm.models import Extraction, Mention

    mentions = tuple(Mention(name, "person", spellings=spellings) for name, *spellings in people)
    return _draft(title, body), Extraction(people=mentions)


def test_a_person_filters_snippet_is_the_sentence_naming_them_in_any_spelling(db_path):
    lavrov = ("Sergei Lavrov", "Sergei Lavrov", "sergei", " ")  # a shorter, and a blank, spelling
    articles = [
        _named(
            "Talks", "The talks were held. Sergei Lavrov met them at noon. They parted.", lavrov
        ),
        _named("Lavrov visit", "A visit was made.", lavrov),  # named in the title alone
        _named("Press", "Guests came. In the evening sergei  lavrov spoke to the press.", lavrov),
        _named("Ri spoke", "The day was warm. Then Ri Son Gwon spoke.", ("Ri Son-gwon",)),
    ]
    with Library.open(db_path) as lib:
        lib.add([d for d, _ in articles], [x for _, x in articles])
        hits = lib.search("person:lavrov").hits
        assert {h.title: h.snippet for h in hits} == {
            "Talks": "\x02Sergei Lavrov\x03 met them at noon.",
            "Lavrov visit": "A visit was made.",
            "Press": "In the evening \x02sergei  lavrov\x03 spoke to the press.",
        }
        [ri] = lib.search('person:"Ri Son-gwon"').hits
        assert ri.snippet == "Then \x02Ri Son Gwon\x03 spoke."


def test_a_filter_of_two_people_marks_the_first_sentence_naming_either(db_path):
    both = _named(
        "Both", "Warm words. Ri Son Gwon arrived. Sergei Lavrov followed.",
        ("Sergei Lavrov",), ("Ri Son Gwon",),
    )  # fmt: skip
    lavrov = _named("Lavrov only", "Sergei Lavrov arrived.", ("Sergei Lavrov",))
    with Library.open(db_path) as lib:
        lib.add([both[0], lavrov[0]], [both[1], lavrov[1]])
        [hit] = lib.search('person:lavrov person:"Ri Son Gwon"').hits
        assert hit.snippet == "\x02Ri Son Gwon\x03 arrived."


def test_a_long_articles_snippet_comes_from_its_opening_pages(db_path):
    from dipterm.store.search import SNIPPET_WINDOW

    filler = "The farmers of the county worked hard in the fields all through the spring. "
    opening = "A zebra was seen near the farm at dawn. "
    body = opening + filler * (SNIPPET_WINDOW // len(filler)) + "zebra zebra zebra zebra herd."
    assert len(body) > SNIPPET_WINDOW
    with Library.open(db_path) as lib:
        lib.add([_draft("Long", body), _draft("Short", "One zebra here.")])
        lib.add([_draft("Longer", "Two " + body)])
        snippets = {h.title: h.snippet for h in lib.search("zebra").hits}
    assert snippets["Short"] == "One \x02zebra\x03 here."
    for title, opening in (("Long", "A"), ("Longer", "Two A")):
        assert snippets[title].startswith(
            f"{opening} \x02zebra\x03 was seen near the farm at dawn."
        )
        assert snippets[title].count("\x02") == 1


def test_a_timeline_counts_the_articles_of_the_query_corrected_per_month(twenty):
    from collections import Counter

    months = Counter(f"2020-{1 + (n * 7) % 12:02d}" for n in range(2, 21, 2))
    with Library.open(twenty) as lib:
        assert lib.timeline("talks") == sorted(months.items())
        assert lib.timeline("tlaks") == sorted(months.items())  # a typo corrected
        assert lib.timeline("tlaks", exact=True) == []


def test_a_typed_name_in_another_romanisation_is_spelt_as_the_librarys_people_spell_it(db_path):
    from dipterm.models import Correction

    articles = [
        _named("Talks", "Choe Son Hui met Kim Jong Il.", ("Choe Son Hui",), ("Kim Jong Il",)),
        _named("Other", "Kim Chong Il spoke.", ("Kim Chong Il",)),
    ]
    with Library.open(db_path) as lib:
        lib.add([d for d, _ in articles], [x for _, x in articles])
        assert lib.romanised_texts("Choi Sun-hee talks") == (
            ["Choe Son Hui talks"],
            [Correction("Choi Sun-hee", "Choe Son Hui", 100.0)],
        )
        # each time a name is written it is spelt each way, the others kept as they were
        texts, corrections = lib.romanised_texts("Kim Chong-il, son of Kim Chong-il")
        assert texts == [
            "Kim Chong Il, son of Kim Chong Il",
            "Kim Chong Il, son of Kim Jong Il",
            "Kim Jong Il, son of Kim Chong Il",
            "Kim Jong Il, son of Kim Jong Il",
        ]
        assert corrections == [Correction("Kim Chong-il", "Kim Chong Il, Kim Jong Il", 100.0)] * 2


def test_a_page_holds_20_hits_by_default_and_says_there_are_more(twenty):
    with Library.open(twenty) as lib:
        page = lib.search("report", snippets=False)
        assert len(page.hits) == 20 and not page.has_more
        lib.add([_draft("Item 21", "report number21.")])
        page = lib.search("report", snippets=False)
        assert len(page.hits) == 20 and page.has_more


def test_a_match_in_titles_alone_has_the_bodys_opening_for_snippet(db_path):
    # words of several tokens each: the opening is 24 words, not 24 tokens
    body = (
        "Kim Jong-un's well-known visit to the state-run farm's co-op came on a half-day tour; "
        "the leader's party, the KPA's men and the WPK's cadres were there, it's said, all day."
    )
    opening = " ".join(body.split()[:24]) + "…"
    with Library.open(db_path) as lib:
        lib.add([_draft("Summit held", body), _draft("Other", "Nothing of the kind.")])
        [hit] = lib.search("title:summit").hits
        assert hit.snippet == opening
        [hit] = lib.search("title:summit -zebra").hits  # through the join, not the index alone
        assert hit.snippet == opening


def test_a_filtered_query_is_ranked_and_scored_as_the_query_alone(db_path):
    with Library.open(db_path) as lib:
        lib.add([_draft("Notes", "The summit was noted once.", "KCNA", PartialDate(2024, 5, 1))])
        lib.add([_draft("Summit held", "Leaders met.", "KCNA", PartialDate(2001, 1, 1))])
        lib.add([_draft("Summit", "A summit.", "Rodong Sinmun", PartialDate(2010, 1, 1))])
        alone = lib.search("summit", scores=True).hits
        filtered = lib.search("summit source:kcna", scores=True).hits
        assert [h.title for h in filtered] == ["Summit held", "Notes"]  # the title outranks
        scores = {h.title: h.score for h in alone}
        assert [h.score for h in filtered] == [scores["Summit held"], scores["Notes"]]
        assert filtered[0].score < filtered[1].score < 0  # FTS5's rank: lower is better


def test_every_order_of_a_page(twenty):
    def titles(sort, query="report"):
        return [int(h.title.split()[1]) for h in lib.search(query, sort=sort).hits]

    day = {n: (1 + (n * 7) % 12, 1 + n) for n in range(1, 21)}
    with Library.open(twenty) as lib:
        assert titles("-date") == sorted(range(1, 21), key=day.get)
        assert titles("-date", "source:kcna") == sorted(range(4, 21, 4), key=day.get)
        kcna_first = sorted(range(1, 21), key=lambda n: (n % 4 != 0, [-x for x in day[n]]))
        assert titles("source") == kcna_first
        assert titles("title") == sorted(range(1, 21), key=lambda n: f"item {n}")


def test_facets_list_at_most_8_of_each_and_correct_the_query(db_path):
    with Library.open(db_path) as lib:
        lib.add([_draft(f"T{n}", f"talks {n}.", f"Outlet {n:02d}") for n in range(10)])
        sources = lib.facets("talks")["source"]
        assert sources == [(f"Outlet {n:02d}", 1) for n in range(8)]
        assert lib.facets("tlaks") == lib.facets("talks")


def test_a_timeline_is_per_month_over_up_to_4_years_and_per_year_beyond(db_path):
    with Library.open(db_path) as lib:
        lib.add([_draft("A", "talks.", published=PartialDate(2016, 3, 1))])
        lib.add([_draft("B", "talks again.", published=PartialDate(2020, 12, 1))])
        assert lib.timeline("talks") == [("2016-03", 1), ("2020-12", 1)]
        lib.add([_draft("C", "talks once more.", published=PartialDate(2021, 1, 1))])
        assert lib.timeline("talks") == [("2016", 1), ("2020", 1), ("2021", 1)]


def test_a_listing_of_many_articles_gives_each_in_the_order_asked(db_path):
    with Library.open(db_path) as lib:
        lib.add([_draft(f"Item {n}", f"Body {n}.") for n in range(1100)])
        ids = list(reversed(lib.titles()[0]))
        assert [row[1] for row in lib.listing(ids)] == [f"Item {n}" for n in range(1100)]


def test_an_inflection_of_a_word_the_library_holds_is_not_corrected(db_path):
    with Library.open(db_path) as lib:
        lib.add([_draft("Talks", "The meeting was held."), _draft("Other", "Meetups are rare.")])
        result = lib.search("meetings")
        assert result.corrections == [] and [h.title for h in result.hits] == ["Talks"]


@pytest.fixture
def corrected(db_path):
    """Two people in three romanisations, "talks" and "talk" in the body of one article and the
    title of another (dated), and a word of 13 letters."""
    articles = [
        _named(
            "Talks",
            "Choe Son Hui met Kim Jong Il for talks. The talk was long.",
            ("Choe Son Hui",),
            ("Kim Jong Il",),
        ),  # fmt: skip
        _named("Other", "Kim Chong Il spoke of abcdefghijklm and qrstuvwxy.", ("Kim Chong Il",)),
    ]
    with Library.open(db_path) as lib:
        lib.add([d for d, _ in articles], [x for _, x in articles])
        lib.add([_draft("Talks held", "Leaders met.", published=PartialDate(2020, 1, 2))])
    return db_path


def test_each_word_of_a_query_is_corrected_the_short_ones_and_phrases_left(corrected):
    from dipterm.models import Correction

    with Library.open(corrected) as lib:
        result = lib.search("kim tlaks")
        assert result.corrections == [Correction("tlaks", "talks", 80.0)]
        assert [h.title for h in result.hits] == ["Talks"]
        assert lib.search("tlak").corrections == [Correction("tlak", "talk", 75.0)]
        assert lib.search('"tlaks"').corrections == []  # a phrase is searched as written
        assert lib.search('"talk" tlaks').corrections == [Correction("tlaks", "talks", 80.0)]
        # a word of 10 letters is corrected to one of 8 to 12, not 13; one of 12 not to 9
        assert lib.search("abcdefghij").corrections == []
        assert lib.search("qrstuvwxyzab").corrections == []
        # a corrected word keeps its column: "leaders" is in a body, in no title
        assert [h.title for h in lib.search("leadres").hits] == ["Talks held"]
        assert lib.search("title:leadres").hits == []


def test_a_page_gives_each_hit_its_date_and_a_snippet_only_when_asked(corrected):
    with Library.open(corrected) as lib:
        [hit] = lib.search("title:held", snippets=False).hits
        assert (hit.title, hit.published, hit.snippet, hit.score) == (
            "Talks held", "2020-01-02", "", None,
        )  # fmt: skip
        assert lib.search("leaders -zebra", snippets=False).hits[0].snippet == ""


def test_words_and_a_person_mark_the_words_and_names_in_another_spelling_are_told(corrected):
    from dipterm.models import Correction

    with Library.open(corrected) as lib:
        [hit] = lib.search('talks person:"Choe Son Hui"').hits
        assert (
            hit.snippet
            == "Choe Son Hui met Kim Jong Il for \x02talks\x03. The \x02talk\x03 was long."
        )
        guessed = lib.search('person:"Choi Sun-hee"')
        assert guessed.corrections == [Correction("person:Choi Sun-hee", "Choe Son Hui", 0.0)]
        assert [h.title for h in lib.search('title:talks person:"Choe Son Hui"').hits] == ["Talks"]
        assert [h.title for h in lib.search('since:1900 person:"Choe Son Hui"').hits] == []
        assert lib.search("Choi Sun-hee Kim Chong-il talks").corrections == [
            Correction("Choi Sun-hee", "Choe Son Hui", 100.0),
            Correction("Kim Chong-il", "Kim Chong Il, Kim Jong Il", 100.0),
        ]


def test_a_query_planned_parsed_or_typed_finds_the_same_and_pages_on_after_an_id(twenty):
    from dipterm.store.query import parse

    with Library.open(twenty) as lib:
        typed = [h.id for h in lib.search("talks", limit=50).hits]
        assert [h.id for h in lib.search(parse("talks"), limit=50).hits] == typed
        assert lib.search("tlaks", exact=True).corrections == []
        after = sorted(typed)[4]
        later = [h.id for h in lib.search("talks", limit=50, after_id=after).hits]
        assert sorted(later) == sorted(typed)[5:]
        # a page without words to rank scores each hit 0, asked for scores
        for query in ("", "source:kcna"):
            assert {h.score for h in lib.search(query, scores=True).hits} == {0.0}, query
