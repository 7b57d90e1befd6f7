"""Title filtering as one types: the fast index against the plain definition of its scores."""

from unittest.mock import patch

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

import dipterm.store.fuzzy as fuzzy
from dipterm.store.fuzzy import TitleIndex, _title_words_by_id
from dipterm.store.query import tokens

_WORDS = ["kim", "kimjong", "jong", "un", "summit", "summits", "sum", "talks", "talk", "2018",
          "201", "18", "putin", "pyongyang", "py", "a", "visit", "visits", "vist"]  # fmt: skip


def _plain_filter(titles: list[str], text: str, limit: int) -> list[tuple[int, float]]:
    """Every query word scored against every word of every title, in float32 as the index
    scores: a word that begins with the typed one counts 100; best titles first, first titles
    first among equals."""
    query = tokens(text)
    if not query:
        return []
    total = np.zeros(len(titles), dtype=np.float32)
    for word in query:
        best = np.zeros(len(titles), dtype=np.float32)
        for i, title in enumerate(titles):
            for other in tokens(title):
                score = (
                    100.0 if len(word) >= 2 and other.startswith(word) else fuzz.ratio(word, other)
                )
                best[i] = max(best[i], np.float32(score))
        total += best
    scores = total / len(query)
    kept = sorted((i for i in range(len(titles)) if scores[i] >= 70), key=lambda i: (-scores[i], i))
    return [(i, float(scores[i])) for i in kept[:limit]]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.lists(st.sampled_from(_WORDS), max_size=5).map(" ".join),
        min_size=1,
        max_size=12,
    ),
    st.lists(st.sampled_from(_WORDS + ["su", "k", "pu", "vis", "20"]), min_size=1, max_size=4).map(
        " ".join
    ),
    st.sampled_from([1, 3, 500]),
)
def test_title_filter_finds_what_scoring_every_word_finds(titles, text, limit) -> None:
    assert TitleIndex(titles).filter(text, limit) == _plain_filter(titles, text, limit)


def test_title_filter_as_one_types_finds_the_title() -> None:
    index = TitleIndex(["Visit opens a new chapter", "Talks held in Pyongyang", "A summit"])
    assert [i for i, _ in index.filter("chaptr vist")] == [0]
    assert [i for i, _ in index.filter("pyong")] == [1]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.text(),  # any character, the mark between titles among them
            st.text(st.characters(max_codepoint=127)),
            st.lists(st.sampled_from(_WORDS + ["Kim", "Jong-un", "Ri Son Gwon's", "\x01"])).map(
                " ".join
            ),
        ),
        max_size=12,
    )
)
def test_titles_are_split_into_the_words_the_index_finds(titles) -> None:
    """All titles split at once (or a few at a time) give each title the tokens it has alone."""
    for chunk in (fuzzy._CHUNK, 3):
        with patch.object(fuzzy, "_CHUNK", chunk):
            words, ids, lengths = _title_words_by_id(titles)
        assert len(set(words)) == len(words)
        ends = np.cumsum(lengths)
        assert [
            [words[i] for i in ids[end - n : end]] for n, end in zip(lengths, ends, strict=True)
        ] == [tokens(title) for title in titles]


def test_a_title_as_long_as_a_page_is_indexed_by_its_first_words_only() -> None:
    words = ["Opening"] + ["filler"] * (TitleIndex.MAX_WORDS - 2) + ["Lastone", "Zebra"] * 2000
    index = TitleIndex(["Talks held in Pyongyang", " ".join(words)])
    assert index._positions.shape == (TitleIndex.MAX_WORDS, 2)
    assert [i for i, _ in index.filter("opening")] == [1]
    assert [i for i, _ in index.filter("lastone")] == [1]  # the 64th word
    assert index.filter("zebra") == []  # the 65th on
    assert [i for i, _ in index.filter("pyongyang")] == [0]


def test_nearest_prefers_the_more_common_of_equally_near_terms_in_any_order() -> None:
    # lavrov and lavros are each one letter from lavrow
    for candidates in ([("lavrov", 1), ("lavros", 10)], [("lavros", 10), ("lavrov", 1)]):
        assert fuzzy.nearest("lavrow", candidates)[0] == "lavros"
    for candidates in ([("lavrov", 10), ("lavros", 1)], [("lavros", 1), ("lavrov", 10)]):
        assert fuzzy.nearest("lavrow", candidates)[0] == "lavrov"


def test_nearest_prefers_the_nearer_term_to_the_more_common_one() -> None:
    term, score = fuzzy.nearest("pyongyng", [("pyongyang", 1), ("pyonyng", 500)])
    assert term == "pyongyang" and score == fuzzy.nearest("pyongyng", [("pyongyang", 1)])[1]
    assert 75.0 <= score < 100.0
    # a swap of two letters is one edit (OSA), so jagngu is as near janggu as one typo
    assert fuzzy.nearest("jagngu", [("janggu", 3)])[0] == "janggu"


def test_nearest_corrects_nothing_too_short_too_far_or_a_number() -> None:
    assert fuzzy.nearest("lavrov", [("lavrov", 5)]) == ("lavrov", 100.0)
    assert fuzzy.nearest("kmi", [("kim", 50)]) is None  # under MIN_LENGTH letters
    assert fuzzy.nearest("2018", [("2019", 50)]) is None
    assert fuzzy.nearest("lavrov", [("putin", 50)]) is None
    assert fuzzy.nearest("lavrov", []) is None
    # just at the cutoff (75): one edit in four letters is 75; two in six, 66.7, is too far
    assert fuzzy.nearest("kimx", [("kimy", 1)]) == ("kimy", 75.0)
    assert fuzzy.nearest("kimxyz", [("kimabz", 1)]) is None


def test_nearest_finds_the_commonest_of_many_equally_near_terms() -> None:
    # nine words one letter from "abcd", the commonest last: every one is weighed
    candidates = [(f"abc{c}", 1) for c in "efghijkl"] + [("abcm", 50)]
    assert fuzzy.nearest("abcd", candidates) == ("abcm", 75.0)


def test_nearest_prefers_a_nearer_term_by_less_than_a_point() -> None:
    # one letter changed in 16 (93.75) against one put in, in 17 (94.1): the nearer wins
    word = "internationalist"
    changed, inserted = "internationalisx", "internationalists"
    assert fuzzy.nearest(word, [(changed, 500), (inserted, 1)]) == (inserted, 100 * (1 - 1 / 17))


def test_nearest_corrects_nothing_less_alike_than_75_in_long_words() -> None:
    # nine edits in 35 letters: 74.3, under the cutoff however long the word
    assert fuzzy.nearest("a" * 35, [("a" * 26 + "b" * 9, 50)]) is None
    assert fuzzy.nearest("a" * 36, [("a" * 27 + "b" * 9, 50)]) == ("a" * 27 + "b" * 9, 75.0)


def test_a_correction_may_be_a_letter_shorter_or_longer_for_short_words_two_for_longer() -> None:
    assert fuzzy.length_band("kimx") == (3, 5)
    assert fuzzy.length_band("kimxy") == (4, 6)
    assert fuzzy.length_band("lavrow") == (4, 8)


def test_nearest_counts_terms_nearer_by_under_a_tenth_of_a_point_as_equally_near() -> None:
    # one letter changed in 34 (97.06) and one put in, in 35 (97.14): the commoner wins
    word = "a" * 34
    changed, inserted = "a" * 33 + "b", "a" * 34 + "b"
    assert fuzzy.nearest(word, [(changed, 50), (inserted, 1)])[0] == changed
    assert fuzzy.nearest(word, [(changed, 1), (inserted, 50)])[0] == inserted


def test_a_query_or_library_without_words_scores_nothing() -> None:
    index = TitleIndex(["Talks held", "Visit"])
    assert index.scores("") is None and index.scores("!! --") is None
    assert index.filter("!! --") == []
    assert TitleIndex([]).scores("talks") is None and TitleIndex([]).filter("talks") == []


def test_title_words_just_long_or_short_enough_to_reach_the_score_are_scored() -> None:
    # reunion (7 letters) in reunification (13) scores exactly 70, the least a title keeps;
    # 2018 and 2019 share three digits of four (75); visti and visit four letters of five (80)
    titles = ["Family reunion", "Reunification talks", "Report 2018", "Visit"]
    cases = (("reunification", [1, 0]), ("reunion", [0, 1]), ("2019", [2]), ("visti", [3]))
    for text, expected in cases:
        found = TitleIndex(titles).filter(text)
        assert found == _plain_filter(titles, text, 500), text
        assert [i for i, _ in found] == expected, text
    # words are scored by their length and digits: "visit" is no number, and is scored
    titles = ["Report 2018", "Family 2019", "Visit", "Talks"]
    assert TitleIndex(titles).filter("visti") == _plain_filter(titles, "visti", 500) != []


def test_filtering_as_one_types_many_words_scores_each_as_the_first_time() -> None:
    titles = ["Talks held in Pyongyang", "Visit to the farm", "Summit of leaders", "Kim met Putin"]
    index = TitleIndex(titles)
    typed = [_WORDS[k % len(_WORDS)] + "s" * (k // len(_WORDS)) for k in range(40)]
    for text in typed + typed[:5]:  # more words than it keeps, then the first again
        assert index.filter(text) == _plain_filter(titles, text, 500), text


def test_title_filter_gives_at_most_500_titles_by_default() -> None:
    index = TitleIndex(["Talks"] * 501)
    assert [i for i, _ in index.filter("talks")] == list(range(500))


def test_title_filter_gives_the_best_first_and_first_titles_first_among_equals() -> None:
    titles = ["Talk", "Talks"] * 300  # talks scores 100 on Talks (a prefix), 88.9 on Talk
    index = TitleIndex(titles)
    near = round(fuzz.ratio("talks", "talk"), 4)
    found = [(i, round(score, 4)) for i, score in index.filter("talks")]
    assert found == [(i, 100.0) for i in range(1, 600, 2)] + [(i, near) for i in range(0, 400, 2)]
    # the limit takes the best, then as many of the next score as there is room for
    found = [(i, round(score, 4)) for i, score in index.filter("talks", limit=3)]
    assert found == [(1, 100.0), (3, 100.0), (5, 100.0)]
    assert [i for i, _ in TitleIndex(["Talks", "Talks", "Talk", "Talk"]).filter("talks", 3)] == [
        0, 1, 2,
    ]  # fmt: skip
