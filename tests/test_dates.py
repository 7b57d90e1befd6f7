from hypothesis import given
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
