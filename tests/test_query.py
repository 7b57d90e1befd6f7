import sqlite3

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from dipterm.errors import QueryError
from dipterm.store.query import (
    ENTITY_FILTERS,
    FILTERS,
    AnyOf,
    Filter,
    Query,
    RenderedFilters,
    Term,
    parse,
    render_filters,
    render_match,
    replace_term,
)
from dipterm.store.schema import TOKENIZE


def match(text):
    return render_match(parse(text))


def test_words_are_all_required_and_quoted():
    assert match("lavrov putin") == ('"lavrov" AND "putin"', None)


def test_phrase_hyphen_and_apostrophe():
    assert match('"Workers\u2019 Party"') == ('"workers party"', None)
    assert match("Workers' Party") == ('"workers" AND "party"', None)
    assert match("DPRK-Russia") == ('"dprk russia"', None)


def test_or_prefix_and_exclusion():
    assert match("talks OR summit kim*") == ('("talks" OR "summit") AND "kim"*', None)
    assert match("putin -lavrov") == ('"putin" NOT "lavrov"', None)
    assert match("-lavrov") == (None, '"lavrov"')


def test_title_field_and_filters():
    q = parse('title:summit source:"Pyongyang Times" since:2019-05 until:2020')
    assert render_match(q) == ('title : "summit"', None)
    assert Filter("source", "Pyongyang Times") in q.filters
    rendered = render_filters(q)
    assert rendered.params == ("Pyongyang Times", "2019-05", "2020-99-99")


def test_is_undated_is_a_filter_on_the_date():
    q = parse("is:undated kim")
    assert Filter("is", "undated") in q.filters and render_match(q) == ('"kim"', None)
    assert render_filters(q) == RenderedFilters("a.published IS NULL", ())
    with pytest.raises(QueryError, match="use one of missing, revised, undated"):
        parse("is:late")


def test_fts_operators_typed_by_the_user_are_words_or_ignored():
    assert match("NEAR(kim putin)") == ('"near kim" AND "putin"', None)
    assert match("( ^ * foo") == ('"foo"', None)
    assert match("kim AND putin") == ('"kim" AND "putin"', None)


_FILTERS = ", ".join(f"{name}:" for name in [*FILTERS, *ENTITY_FILTERS])


@pytest.mark.parametrize(
    "text, message",
    [
        ('"kim jong', 'unbalanced quote: close the phrase with " or remove the quote'),
        ("OR kim", "OR needs a term on each side"),
        ("kim OR", "OR needs a term on each side"),
        ("bogus:x", f"unknown filter bogus: (filters: {_FILTERS})"),
        ("since:yesterday", "since:yesterday is not a date: use YYYY, YYYY-MM or YYYY-MM-DD"),
        ("kim until:2019-13", "until:2019-13 is not a date: use YYYY, YYYY-MM or YYYY-MM-DD"),
        ('kim source:" "', "source: needs a value"),
        ("-source:kcna", "-source: is not supported: a filter cannot be negated"),
        ("* ( )", "nothing to search for: the query has no words"),
        ("kim OR -putin", "a negated term cannot be part of OR"),
        ("x" * 2001, "query too long (2001 characters; at most 2000)"),
        ("kim is:gone", "is:gone is not known: use one of missing, revised, undated"),
        (
            "kim Title: x",
            "title: needs a value right after the colon (words that must be in the title)",
        ),
    ],
)
def test_malformed_queries_raise_query_error_with_a_hint(text, message):
    with pytest.raises(QueryError) as raised:
        parse(text)
    assert str(raised.value) == message


def test_the_operators_are_upper_case_words_and_the_longest_query_is_taken():
    kim, putin = Term("kim"), Term("putin")
    assert parse("NOT kim putin") == Query(required=(AnyOf((putin,)),), excluded=(kim,))
    assert parse("kim NEAR putin") == parse("kim AND putin") == parse("kim putin")
    lower = parse("kim not near putin").required
    assert [g.terms[0].text for g in lower] == ["kim", "not", "near", "putin"]
    assert parse("x" * 2000).required == (AnyOf((Term("x" * 2000),)),)
    # a word with a colon that names no filter is a word, even before a space
    assert parse("foo: bar").required == (AnyOf((Term("foo:"),)), AnyOf((Term("bar"),)))
    # after a field or a minus an operator is a word
    assert parse("title:NOT kim -OR MAX*") == Query(
        required=(
            AnyOf((Term("NOT", "word", "title"),)),
            AnyOf((kim,)),
            AnyOf((Term("MAX", "prefix"),)),
        ),
        excluded=(Term("OR"),),
    )


@pytest.fixture(scope="module")
def fts():
    conn = sqlite3.connect(":memory:")
    conn.execute(f"CREATE VIRTUAL TABLE t USING fts5(title, body, tokenize='{TOKENIZE}')")
    conn.execute("INSERT INTO t VALUES ('Kim Jong Un met Lavrov', 'Talks in Pyongyang')")
    return conn


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=80))
def test_any_string_either_renders_valid_fts5_or_raises_query_error(fts, text):
    try:
        query = parse(text)
    except QueryError:
        return
    positive, negative = render_match(query)
    for expression in (positive, negative):
        if expression:
            fts.execute("SELECT count(*) FROM t WHERE t MATCH ?", (expression,)).fetchone()
    filters = render_filters(query)
    assert filters.sql.count("?") == len(filters.params)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                '"',
                "-",
                "*",
                "OR",
                "AND",
                "NOT",
                "(",
                ")",
                ":",
                "title:",
                "since:2019",
                "kim",
                "jong-un",
                "^",
                "NEAR",
                "'",
                "\u2019",
            ]
        ),
        max_size=8,
    )
)
def test_operator_soup_never_crashes(fts, parts):
    test_any_string_either_renders_valid_fts5_or_raises_query_error.hypothesis.inner_test(
        fts, " ".join(parts)
    )


@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=40))
def test_ascii_text_has_the_tokens_any_text_has(text: str) -> None:
    from dipterm.store.query import _TOKEN, fold, tokens

    assert tokens(text) == _TOKEN.findall(fold(text))


@given(st.text())
@example("\U0001d4d0 \u210c")  # mathematical script A, black-letter H: both decompose to capitals
def test_folded_text_has_no_capitals(text: str) -> None:
    """Whatever a letter decomposes to is folded too (a mathematical capital is a capital)."""
    from dipterm.store.query import fold

    folded = fold(text)
    assert folded == folded.casefold()


def test_parse_builds_phrases_words_and_prefixes_with_their_columns():
    assert parse('title:"Kim Jong Un" -"Xi Jinping"') == Query(
        required=(AnyOf((Term("Kim Jong Un", "phrase", "title"),)),),
        excluded=(Term("Xi Jinping", "phrase"),),
    )
    # brackets and punctuation around a word are dropped, a trailing * (or **) makes a prefix
    assert parse("(Xinhua**) [putin], {talks}; ^summit+ Xi").required == tuple(
        AnyOf((t,))
        for t in (
            Term("Xinhua", "prefix"),
            Term("putin"),
            Term("talks"),
            Term("summit"),
            Term("Xi"),
        )
    )
    # a phrase or a word with no letters or digits is no term
    assert parse('"!!" kim ;;').required == (AnyOf((Term("kim"),)),)


def test_replace_term_replaces_only_that_term_wherever_it_is():
    query = parse("kim OR lavrow putin -lavrow -talks")
    fixed = replace_term(query, Term("lavrow"), Term("lavrov"))
    assert fixed.required == (
        AnyOf((Term("kim"), Term("lavrov"))),
        AnyOf((Term("putin"),)),
    )
    assert fixed.excluded == (Term("lavrov"), Term("talks"))
    assert fixed.filters == query.filters


def test_render_filters_for_every_kind_of_filter():
    person, place = Filter("person", "Lavrov"), Filter("place", "Nowhere")
    event, lang = Filter("event", "meeting"), Filter("lang", "KO")
    query = Query(filters=(place, Filter("since", "2019"), person, event, lang))
    rendered = render_filters(query, {person: [3, 5], event: ["meeting", "talks"]})
    assert rendered.sql == (
        "0 AND (a.published || '-99-99') >= ? "
        "AND a.id IN (SELECT article_id FROM mentions WHERE entity_id IN (?,?)) "
        "AND a.id IN (SELECT article_id FROM events WHERE type IN (?,?)) "
        "AND lower(a.lang) = ?"
    )
    assert rendered.params == ("2019", 3, 5, "meeting", "talks", "ko")
    # a known outlet is matched by its one name, another by a part of the name
    assert render_filters(parse("source:KCNA")) == RenderedFilters("a.source = ?", ("KCNA",))
    other = render_filters(parse("source:radio_1%"))
    assert other.params == ("%radio\\_1\\%%",) and "LIKE ? ESCAPE" in other.sql
    assert render_filters(Query()) == RenderedFilters("", ())
    states = render_filters(parse("is:REVISED is:missing since:2019"))
    assert states == RenderedFilters(
        "a.revised_at IS NOT NULL AND a.missing_since IS NOT NULL "
        "AND (a.published || '-99-99') >= ?",
        ("2019",),
    )
