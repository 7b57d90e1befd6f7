"""The shortcuts extraction takes for speed give what the plain way gives: a pattern rewritten so
that a search can skip ahead finds what its plain form finds, and a test that passes over a
sentence passes over none that the pattern would match."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st


@given(st.text(alphabet="ab \"\u201c\u201d\u2018\u2019'.,\n", max_size=60))
def test_a_sentence_without_opening_quotation_marks_holds_no_marked_quotation(text: str) -> None:
    from dipterm.extract.quotes import _MARKED

    if '"' not in text and "\u201c" not in text:
        assert _MARKED.search(text) is None


def test_quotations_in_marks_are_still_found_with_their_speaker() -> None:
    from dipterm.extract.analyse import analyse

    body = (
        'Kim Yong Nam said, "Our friendship will grow stronger year after year." '
        "The talks were held in a friendly atmosphere, he noted."
    )
    quotes = analyse("T", body, None).quotes
    assert [(q.speaker, q.marked) for q in quotes] == [("Kim Yong Nam", True)]


_WORDS = [
    "in", "at", "to", "from", "near", "into", "Latin", "Berlin", "Moscow", "Kim", "H.E.", "HE",
    "H. E.", "Comrade", "Mr", "Mrs", "Mr.", "Mrs.", "Kim", "Jong", "Un", "x", "Hanoi-Nam",
]  # fmt: skip
_GAPS = ["", " ", "  ", "\n", ",", ".", "-", "_", "\u00e9", ")"]


@settings(max_examples=500)
@given(st.lists(st.tuples(st.sampled_from(_WORDS), st.sampled_from(_GAPS)), max_size=10))
def test_patterns_opening_with_a_words_start_find_what_a_leading_boundary_finds(parts) -> None:
    from dipterm.extract.institutions import _PREPOSITION_PLACE
    from dipterm.extract.roles import _GLUED_HONORIFIC

    text = "".join(word + gap for word, gap in parts)
    plain = {
        _PREPOSITION_PLACE: r"\b(?:in|at|to|from|near)\s+(?P<name>[A-Z][a-z]{2,}"
        r"(?:-[A-Z]?[a-z]+)?)(?=[\s,.;:)]|$)(?![\s]+[A-Z])",
        _GLUED_HONORIFIC: r"\b(?:H\.\s?E\.|HE|Comrade|Mrs\.?|Mr\.?)(?=[A-Z][a-z])",
    }
    for pattern, written in plain.items():
        expected = [m.span() for m in re.finditer(written, text)]
        assert [m.span() for m in pattern.finditer(text)] == expected


# Runs of capitalised words, as articles hold them: titles, heads of bodies, names.
_RUN_WORDS = [
    "Kim", "Jong", "Un", "Ri", "Il", "Sop", "Wen", "Jiabao", "Sergei", "Lavrov", "Committee",
    "Party", "People's", "Minister", "Foreign", "Russian", "Chairman", "President",
    "Vice-Premier", "II", "Trade", "Industry", "Korea", "The", "June", "Secretary", "General",
    "Ma.Luisa", "C.P",
]  # fmt: skip


@given(st.lists(st.sampled_from(_RUN_WORDS), min_size=1, max_size=6), st.sampled_from([" ", "\t"]))
def test_a_run_read_once_for_its_text_is_read_as_it_would_be_anew(words, gap) -> None:
    from dipterm.extract.people import _read_run

    run = gap.join(words)

    def plain(reading):
        found, last_title, titled = reading
        return [m.span() for m in found], last_title, titled

    for _ in range(2):  # the second time from what was kept
        assert plain(_read_run(run)) == plain(_read_run.__wrapped__(run))
    assert [m.group() for m in _read_run(run)[0]] == run.split()
