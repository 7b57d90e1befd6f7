from hypothesis import example, given, settings
from hypothesis import strategies as st

from dipterm.extract.dates import (
    DateOrder,
    date_of_url,
    make_date,
    month_number,
    numeric_date,
    parse_date,
    search_date,
    year_of_path,
    year_of_url,
)
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
        "2019X",
    ]:
        assert parse_date(text) is None, text


def test_search_date_inside_text():
    assert search_date("(Pyongyang Times- May 21, 2019)") == PartialDate(2019, 5, 21)
    assert search_date("no date here") is None
    # only a full date counts: a year and month alone, as in a file number, is not one
    assert search_date("report 2019-05 filed") is None
    assert search_date("filed 2019-05, published 3 June 2019") == PartialDate(2019, 6, 3)


def test_month_names_in_any_case_and_abbreviation():
    assert [month_number(w) for w in ("june", "SEPT.", "Sept", "dec.", "May")] == [6, 9, 9, 12, 5]
    assert month_number("Jux") is None and month_number("Mayday") is None


def test_make_date_takes_years_1_to_9999_and_no_day_without_a_month():
    assert make_date(1) == PartialDate(1) and make_date(9999, 12, 31) == PartialDate(9999, 12, 31)
    assert make_date(0) is None and make_date(10000) is None
    assert make_date(2019).iso == "2019" and make_date(2019, None, 5) is None
    assert make_date(2024, 2, 29) == PartialDate(2024, 2, 29) and make_date(2023, 2, 29) is None


def test_a_date_is_at_most_40_characters():
    padded = "September" + " " * 24 + "1, 2018"  # \s+ takes any number of spaces
    assert len(padded) == 40 and parse_date(padded) == PartialDate(2018, 9, 1)
    assert parse_date(padded.replace("r ", "r  ", 1)) is None


def test_a_date_in_brackets_or_spaces_is_the_date():
    assert parse_date(" (Jun 1, 2018) ") == PartialDate(2018, 6, 1)
    assert parse_date("[2019-05]") == PartialDate(2019, 5)


def test_date_of_url_reads_year_month_and_day_between_the_same_separators():
    assert date_of_url("http://kcna.kp/en/article/q/2021-07-08-0004.kcmsg") == PartialDate(
        2021, 7, 8
    )
    assert date_of_url("https://rodong.rep.kp/2018/06/01/story") == PartialDate(2018, 6, 1)
    assert date_of_url("https://e.kp/news_2019_12_31_a") == PartialDate(2019, 12, 31)
    for url in (None, "", "https://e.kp/2019-06/01/x", "https://e.kp/2019-02-30-x",
                "https://e.kp/12019-06-01", "https://e.kp/2019-06-011"):  # fmt: skip
        assert date_of_url(url) is None, url


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
@example([" ", "5", " ", "of ", "May"])  # spaces from the text's start to the day
@example(["  ", "5", "  ", "of", " ", "  ", "May"])
def test_date_expressions_are_found_as_a_search_of_every_position_finds_them(pieces):
    from dipterm.extract.timeref import _EXPRESSIONS, _expressions

    text = "".join(pieces)
    expected = [(m.start(), m.end()) for m in _EXPRESSIONS.finditer(text)]
    assert [(m.start(), m.end()) for m in _expressions(text)] == expected


def test_kcna_dotted_dates_and_juche_stamps():
    assert parse_date("2024.04.13.") == PartialDate(2024, 4, 13)
    assert parse_date("Juche113(2024).4.13.") == PartialDate(2024, 4, 13)
    assert parse_date("Juche113.4.13.") == PartialDate(2024, 4, 13)
    assert parse_date("Juche 113 (2024).4.13") == PartialDate(2024, 4, 13)
    # A stamp whose two years disagree dates nothing.
    assert parse_date("Juche112(2024).4.13.") is None
    assert search_date("www.kcna.kp (Juche113.4.13.)") == PartialDate(2024, 4, 13)
    # KCNA's old site dated its pages "December 24. 2008 Juche 97"; a typo in the era's word
    # still dates it, but not two years at odds.
    assert parse_date("December 24. 2008 Juche 97") == PartialDate(2008, 12, 24)
    assert parse_date("October 4. 2010 Juch 99") == PartialDate(2010, 10, 4)
    assert parse_date("May 3. 2007") == PartialDate(2007, 5, 3)
    assert parse_date("December 24. 2008 Juche 98") is None
    # In running text a stop after a day ends a sentence: "June 3. 2000 people" is no date.
    assert search_date("They met on June 3. 2000 people came.") is None


def test_numeric_dates_read_in_the_order_given_or_the_only_one_possible():
    assert numeric_date("15/02/2024", None) == PartialDate(2024, 2, 15)
    assert numeric_date("02/15/2024", None) == PartialDate(2024, 2, 15)
    assert numeric_date("03/02/2024", None) is None
    assert numeric_date("03/02/2024", "day-first") == PartialDate(2024, 2, 3)
    assert numeric_date("03/02/2024", "month-first") == PartialDate(2024, 3, 2)
    assert numeric_date("05.05.2024", None) == PartialDate(2024, 5, 5)
    assert numeric_date("03-02-2024 10:30", "day-first") == PartialDate(2024, 2, 3)
    assert numeric_date("2024-02-03", "day-first") is None  # not this form


def test_a_column_is_day_first_when_any_value_rules_out_month_first():
    order = DateOrder()
    for value in ["03/02/2024", "15/02/2024", "04/02/2024", None, 1700000000]:
        order.observe(value)
    assert order.order == "day-first" and order.problem() is None
    ambiguous = DateOrder()
    for value in ["03/02/2024", "04/02/2024", "01/01/2024"]:
        ambiguous.observe(value)
    assert ambiguous.order is None
    assert ambiguous.problem().startswith("2 dates such as 03/02/2024 left undated")
    mixed = DateOrder()
    for value in ["15/02/2024", "02/15/2024", "03/02/2024"]:
        mixed.observe(value)
    assert mixed.order is None and "day-first and month-first alike" in mixed.problem()


def test_the_year_a_path_or_url_names():
    assert year_of_path("/home/a/kcna-2024/item.txt") == 2024
    assert year_of_path("/home/a/2019/05/item.txt") == 2019  # the nearest part that names one
    assert year_of_path("/home/a/rodong-2018-2021/x.csv#4") is None  # two years: no telling
    assert year_of_path("/home/a/item.txt") is None
    assert year_of_path("<stdin>#3") is None
    assert year_of_url("http://example.org/news/2024/04/talks") == 2024
    assert year_of_url("http://www.kcna.kp/en/article/q/1.kcmsf") is None


def test_a_number_over_12_is_the_day_and_12_itself_may_be_either():
    # 12 and 13 are the edge: 13 can only be a day, 12 can be a month.
    assert numeric_date("13/05/2024", None) == PartialDate(2024, 5, 13)
    assert numeric_date("12/05/2024", None) is None
    assert numeric_date("05/13/2024", None) == PartialDate(2024, 5, 13)
    assert numeric_date("05/12/2024", None) is None
    assert numeric_date("03/12/2024", "day-first") == PartialDate(2024, 12, 3)
    assert numeric_date("03/13/2024", "day-first") == PartialDate(2024, 3, 13)  # only one reading
    assert numeric_date("13/03/2024", "month-first") == PartialDate(2024, 3, 13)


def test_a_column_learns_its_order_only_from_a_number_over_12():
    def order_of(*values):
        order = DateOrder()
        for value in values:
            order.observe(value)
        return order.order, order.ambiguous

    assert order_of("13/05/2024", "03/02/2024") == ("day-first", 1)
    assert order_of("05/13/2024", "03/02/2024") == ("month-first", 1)
    assert order_of("12/05/2024", "03/02/2024") == (None, 2)
    assert order_of("05/12/2024", "03/02/2024") == (None, 2)


def test_a_column_whose_dates_cannot_be_read_says_why_and_what_reads_them():
    ambiguous = DateOrder()
    for value in ["03/02/2024", "04/02/2024"]:
        ambiguous.observe(value)
    assert ambiguous.problem() == (
        "2 dates such as 03/02/2024 left undated: no date in it rules out day-first or "
        "month-first (--dates day-first or --dates month-first reads them)"
    )
    mixed = DateOrder()
    for value in ["15/02/2024", "02/15/2024", " 03/02/2024 ", "04/02/2024"]:
        mixed.observe(value)
    assert mixed.problem() == (
        "2 dates such as 03/02/2024 left undated: its dates are written day-first and "
        "month-first alike (--dates day-first or --dates month-first reads them)"
    )


def test_kcna_dotted_dates_without_leading_zeros():
    assert parse_date("2024.4.3.") == PartialDate(2024, 4, 3)
    assert parse_date("2024.12.3.") == PartialDate(2024, 12, 3)


def test_the_year_of_a_path_with_spaces_backslashes_or_a_record_number():
    assert year_of_path(None) is None and year_of_path("") is None
    assert year_of_path("<stdin 2024>") is None  # a name in angle brackets is no file's path
    assert year_of_path("C:\\Users\\a\\kcna 2017\\2019\\item.txt") == 2019
    assert year_of_path("/home/a/kcna 2017/2019/item.txt") == 2019
    # "#4" is the record's number in its file, never a year; a "#" in a folder's name is kept.
    assert year_of_path("/home/a/kcna-2019/records.csv#2020") == 2019
    assert year_of_path("/home/a/issue #2018/records.csv#3") == 2018


def test_the_year_of_a_url_is_in_its_path_not_its_host():
    assert year_of_url("http://localhost:2020/news/2024/04/talks") == 2024
    assert year_of_url("example.org/news/2024/04/talks") == 2024  # no scheme
    # an archived copy names the year of the copy and of the page: no telling which
    assert year_of_url("https://web.archive.org/web/2019/http://kcna.kp/2018/x") is None
