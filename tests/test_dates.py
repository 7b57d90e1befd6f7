from hypothesis import example, given, settings
from hypothesis import strategies as st

from dipterm.extract.dates import parse_date, search_date
from dipterm.models import PartialDate


def test_forms_of_a_day():
    for text in [
        "Jun 1, 2018",
        "June 1, 2018",
        "1 June 2018",
        "2018-06-01",
        "Jun. 1, 2018",
        "June 1 2018",
        "1st June, 2018",
        "2018/06/01",
    ]:
        assert parse_date(text) == PartialDate(2018, 6, 1), text


def test_sept_abbreviation_and_precision():
    d = parse_date("Sept. 17, 2024")
    assert d == PartialDate(2024, 9, 17) and d.precision == "day"
    assert parse_date("May 2019").precision == "month"
    assert parse_date("May 2019").iso == "2019-05"
    assert parse_date("2019").precision == "year"


def test_not_dates():
    for text in [
        "",
        "Russian FM Received",
        "Feb 30, 2019",
        "2019-13-01",
        "By Pyongyang Times",
        "June 1",
        "12345",
    ]:
        assert parse_date(text) is None, text


def test_search_date_inside_text():
    assert search_date("(Pyongyang Times- May 21, 2019)") == PartialDate(2019, 5, 21)
    assert search_date("no date here") is None


@given(st.text(max_size=60))
def test_parse_date_never_raises(text):
    result = parse_date(text)
    assert result is None or isinstance(result, PartialDate)


# Date expressions are matched only around the words they must hold: they must come out as a
# search of every position finds them, whatever stands around those words.
_DATE_PIECES = [
    "May", "Mar", "March", "Marshal", "June", "Sept.", "Sunday", "today", "yesterday", "Today",
    "5", "31", "2019", "1st", "th", "of", "of ", " ", "  ", "\n", "in", "last", "this", "mid-",
    "early", "Juche", "52", "(1963)", ",", ":", "x", "t", "-", "\u0661\u0662",
]  # fmt: skip


@settings(max_examples=500)
@given(st.lists(st.sampled_from(_DATE_PIECES), max_size=12))
@example(["5", " ", "of ", "May"])
@example(["Jan", "5", " ", "May"])
@example(["1st", "  ", "of", "\n", "Sept.", ",", " ", "2019"])
@example(["2019", " ", "May", " ", "31", " ", "in", "  ", "June"])
@example(["mid-", " ", "March", " ", "Marshal", " ", "today", "x", "Sunday"])
@example(["\u0661\u0662", " ", "May", ":", "31", " ", "May", " ", "5"])
def test_date_expressions_are_found_as_a_search_of_every_position_finds_them(pieces):
    from dipterm.extract.timeref import _EXPRESSIONS, _expressions

    text = "".join(pieces)
    expected = [(m.start(), m.end()) for m in _EXPRESSIONS.finditer(text)]
    assert [(m.start(), m.end()) for m in _expressions(text)] == expected
