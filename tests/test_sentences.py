"""Sentences: the splitter's stops, and finding one sentence of a long text without splitting it all."""

from hypothesis import example, given
from hypothesis import strategies as st

from dipterm.extract.sentences import sentence_at, split_sentences


def test_abbreviations_initials_and_closing_quotes_do_not_end_a_sentence():
    text = (
        'Gen. Ri met the U.S. envoy on Sept. 30. He said "Let us go!" Then V. V. Putin spoke.\n'
        "A new line starts a sentence"
    )
    assert [s.text for s in split_sentences(text)] == [
        "Gen. Ri met the U.S. envoy on Sept. 30.",
        'He said "Let us go!"',
        "Then V. V. Putin spoke.",
        "A new line starts a sentence",
    ]
    for s in split_sentences(text):
        assert text[s.start : s.end] == s.text


# Words chosen to put every kind of stop next to every other: abbreviations, initials, quotes,
# brackets, figures, newlines and runs of spaces.
WORDS = st.sampled_from(
    [
        "Kim",
        "met",
        "the",
        "U.S.",
        "Gen.",
        "V.",
        "No.",
        "Sept.",
        "3.",
        "him.",
        "end!",
        "why?",
        '"Go!"',
        "(Pyongyang).",
        "\u201cyes.\u201d",
        "\n",
        "\n\n",
        "  ",
        "A",
        "It",
        "\u2018so.\u2019",
        "etc.",
        "2024.",
        "x",
    ]  # fmt: skip
)


@given(st.lists(WORDS, max_size=80), st.integers(min_value=0), st.integers(1, 40))
@example(["x", "Gen.", "Ri", "met", "him", "here.", "It", "x"], 15, 10)  # a window cuts "Gen."
def test_the_sentence_at_a_place_is_the_one_the_whole_split_gives(words, at, reach):
    text = " ".join(words)
    if not text:
        return
    pos = at % len(text)
    whole = next((s for s in split_sentences(text) if s.start <= pos < s.end), None)
    assert sentence_at(text, pos, reach=reach) == whole
