"""Dates written relative to the report (extract/timeref.py), resolved against its publication
date; a date that writes its year is resolved by that year alone."""

from dipterm.extract.timeref import TimeRef, find_time_refs, resolve_month_day
from dipterm.models import PartialDate

WEDNESDAY = PartialDate(2024, 8, 28)


def test_a_date_with_its_year_is_read_as_written_not_against_the_report():
    assert find_time_refs("on May 5, 1999", WEDNESDAY) == [
        TimeRef(PartialDate(1999, 5, 5), "May 5, 1999", 3, False)
    ]
    assert find_time_refs("on 5 May 1999", WEDNESDAY) == [
        TimeRef(PartialDate(1999, 5, 5), "5 May 1999", 3, False)
    ]
    assert find_time_refs("in April Juche 52 (1963)", WEDNESDAY) == [
        TimeRef(PartialDate(1963, 4), "in April Juche 52 (1963)", 0, False)
    ]


def test_a_date_without_its_year_is_the_latest_before_the_report_and_says_so():
    assert find_time_refs("on August 29", WEDNESDAY) == [
        TimeRef(PartialDate(2023, 8, 29), "August 29", 3, True)
    ]
    assert find_time_refs("on 28 August", WEDNESDAY) == [
        TimeRef(PartialDate(2024, 8, 28), "28 August", 3, True)
    ]
    assert find_time_refs("in September", WEDNESDAY) == [
        TimeRef(PartialDate(2023, 9), "in September", 0, True)
    ]
    assert find_time_refs("in August", WEDNESDAY) == [
        TimeRef(PartialDate(2024, 8), "in August", 0, True)
    ]


def test_a_later_day_of_the_reports_month_is_of_the_year_before():
    assert resolve_month_day(PartialDate(2018, 5, 5), 5, 31) == PartialDate(2017, 5, 31)
    assert resolve_month_day(PartialDate(2018, 5, 5), 5, 5) == PartialDate(2018, 5, 5)
    assert resolve_month_day(PartialDate(2018, 6, 1), 5, 31) == PartialDate(2018, 5, 31)
    assert resolve_month_day(PartialDate(2018, 5), 5, 31) == PartialDate(2018, 5, 31)  # no day


def test_weekdays_today_and_yesterday_are_days_of_the_reports_week():
    assert find_time_refs("on Tuesday", WEDNESDAY) == [
        TimeRef(PartialDate(2024, 8, 27), "Tuesday", 3, True)
    ]
    assert find_time_refs("on Wednesday", WEDNESDAY) == [
        TimeRef(PartialDate(2024, 8, 28), "Wednesday", 3, True)
    ]
    assert find_time_refs("today", WEDNESDAY) == [TimeRef(WEDNESDAY, "today", 0, True)]
    assert find_time_refs("yesterday", WEDNESDAY) == [
        TimeRef(PartialDate(2024, 8, 27), "yesterday", 0, True)
    ]


def test_a_relative_date_without_a_publication_day_is_left_out():
    for published in (None, PartialDate(2024, 8)):
        assert find_time_refs("today and yesterday, on Tuesday", published) == []
    assert find_time_refs("on May 31 and in June", None) == []


def test_a_date_after_spaces_at_the_start_of_the_text_is_found_where_it_begins():
    june = PartialDate(2024, 6, 1)
    assert find_time_refs(" 5 of May", june) == [
        TimeRef(PartialDate(2024, 5, 5), "5 of May", 1, True)
    ]
    assert find_time_refs("   5  of  May", june) == [
        TimeRef(PartialDate(2024, 5, 5), "5  of  May", 3, True)
    ]
