"""Trends and concordances: counts that agree with search, every occurrence in date order."""

from __future__ import annotations

import json
import random

import pytest

from dipterm.models import ArticleDraft, PartialDate
from dipterm.store.library import Library
from dipterm.store.wording import concordance, in_context, trend

FILLER = [
    "the",
    "delegation",
    "discussed",
    "cooperation",
    "in",
    "agriculture",
    "and",
    "the",
    "weather",
    "in",
    "the",
    "region",
]


def _body(rng: random.Random, phrases: list[str]) -> str:
    words = [rng.choice(FILLER) for _ in range(40)]
    for phrase in phrases:
        words.insert(rng.randrange(len(words)), phrase)
    return " ".join(words) + "."


@pytest.fixture
def spread(db_path):
    """Articles of 2015-2020 stored out of date order, none in 2017, some dated to the year or
    month only, some undated; 'hostile policy' and 'hostile policies' in some, 'denuclearization'
    in others."""
    rng = random.Random(7)
    dates: list[PartialDate | None] = []
    for year in (2015, 2016, 2018, 2019, 2020):
        for _ in range(rng.randint(3, 9)):
            dates.append(PartialDate(year, rng.randint(1, 12), rng.randint(1, 28)))
    dates += [PartialDate(2016), PartialDate(2019, 3), None, None]
    rng.shuffle(dates)
    drafts = []
    for k, published in enumerate(dates):
        phrases = []
        if k % 3 == 0:
            phrases.append(rng.choice(["hostile policy", "hostile policies"]))
        if k % 4 == 1:
            phrases.append("denuclearization")
        drafts.append(
            ArticleDraft(
                title=f"Report number {k}",
                body=_body(rng, phrases),
                origin=f"a{k}",
                published=published,
                source="KCNA" if k % 2 else "Rodong Sinmun",
            )
        )
    with Library.open(db_path) as lib:
        lib.add(drafts)
    return db_path


def _count(lib, query: str) -> int:
    return lib.count_matching(query)


@pytest.mark.parametrize("by", ["year", "month"])
def test_trend_counts_equal_search_per_period_with_empty_and_undated(spread, by):
    with Library.open(spread) as lib:
        found = trend(lib, ['"hostile policy"', "denuclearization source:KCNA"], by=by)
        width = 4 if by == "year" else 7
        for series in found.series:
            for period in found.periods:
                expected = _count(lib, f"{series.term} since:{period} until:{period}")
                # since:/until: of a year also take articles dated to that year alone: the
                # trend counts those apart when it is by month.
                if by == "month":
                    expected = sum(
                        1
                        for h in lib.search(series.term, limit=1000).hits
                        if h.published and h.published[:width] == period
                    )
                assert series.counts.get(period, 0) == expected, (series.term, period)
            assert series.articles == _count(lib, series.term)
        assert "2017" in {p[:4] for p in found.periods}  # an empty year is shown, not skipped
        assert all(found.totals.get(p, 0) == 0 for p in found.periods if p.startswith("2017"))
        assert found.undated_total == sum(
            1
            for h in lib.search("", limit=1000).hits
            if not h.published or len(h.published) < width
        )
        assert sum(found.totals.values()) + found.undated_total == _count(lib, "")


def test_trend_by_week_uses_iso_weeks(db_path):
    with Library.open(db_path) as lib:
        lib.add(
            [
                ArticleDraft("a", "summit", "a", PartialDate(2024, 12, 30)),  # ISO 2025-W01
                ArticleDraft("b", "summit talks", "b", PartialDate(2024, 12, 23)),
                ArticleDraft("c", "talks", "c", PartialDate(2025, 1, 5)),  # 2025-W01, a Sunday
            ]
        )
        found = trend(lib, ["summit"], by="week")
    assert found.periods == ["2024-W52", "2025-W01"]
    assert found.series[0].counts == {"2024-W52": 1, "2025-W01": 1}
    assert found.totals == {"2024-W52": 1, "2025-W01": 2}


def test_trend_span_narrows_to_the_dates_every_query_asks_for(spread):
    with Library.open(spread) as lib:
        found = trend(lib, ["denuclearization since:2016 until:2018-06"], by="year")
    assert found.periods == ["2016", "2017", "2018"]


def test_trend_first_and_last_seen_are_the_oldest_and_newest_dated(spread):
    with Library.open(spread) as lib:
        found = trend(lib, ["denuclearization"], by="year")
        dated = sorted(
            (h.published, h.id)
            for h in lib.search("denuclearization", limit=1000).hits
            if h.published
        )
    series = found.series[0]
    assert (series.first.published, series.first.id) == dated[0]
    assert (series.last.published, series.last.id) == max(dated, key=lambda d: (d[0], d[1]))


def test_kwic_lines_hold_the_phrase_stemmed_and_come_in_date_order(spread):
    with Library.open(spread) as lib:
        found = concordance(lib, '"hostile policy"', width=25)
        matched = lib.count_matching('"hostile policy"')
    assert found.complete and found.articles == matched
    assert len({o.id for o in found.occurrences}) == matched
    assert {o.match.lower() for o in found.occurrences} == {"hostile policy", "hostile policies"}
    dates = [o.published for o in found.occurrences]
    dated = [d for d in dates if d]
    assert dated == sorted(dated)
    assert dates[len(dated) :] == [None] * (len(dates) - len(dated))  # undated last
    for o in found.occurrences:
        assert len(o.left) <= 25 and len(o.right) <= 25


def test_kwic_finds_every_occurrence_within_an_article(db_path):
    body = "Sanctions first. " + "filler words here. " * 30 + "More sanctions, then sanction."
    with Library.open(db_path) as lib:
        lib.add([ArticleDraft("Sanctions and talks", body, "x", PartialDate(2020, 1, 2))])
        found = concordance(lib, "sanctions", width=12)
    in_body = [o for o in found.occurrences if not o.in_title]
    assert [o.match for o in in_body] == ["Sanctions", "sanctions", "sanction"]
    assert in_body[1].left == "words here. More"[-12:].lstrip()
    assert [o.match for o in found.occurrences if o.in_title] == ["Sanctions"]


def test_kwic_limit_says_the_list_is_not_complete(spread):
    with Library.open(spread) as lib:
        found = concordance(lib, '"hostile policy"', limit=2)
    assert len(found.occurrences) == 2 and not found.complete


def test_in_context_is_one_line_and_cut_to_width():
    marked = "line one\n\nand  two \x02key\x03 three\tfour five six"
    assert list(in_context(marked, 8)) == [("and two", "key", "three fo")]


def test_trend_command_json_and_tsv_agree_with_the_counts(spread, run):
    as_json = json.loads(run("trend", "--json", '"hostile policy"', "--by", "year").output)
    assert set(as_json[0]) == {"period", "term", "articles", "total"}
    with Library.open(spread) as lib:
        for row in as_json:
            if row["period"]:
                q = f'"hostile policy" since:{row["period"]} until:{row["period"]}'
                assert row["articles"] == lib.count_matching(q)
    lines = run("trend", '"hostile policy"').output.splitlines()
    assert [line.split("\t") for line in lines] == [
        [r["period"] or "undated", r["term"], str(r["articles"]), str(r["total"])] for r in as_json
    ]


def test_trend_chart_fits_80_columns(spread):
    from dipterm.chart import draw

    with Library.open(spread) as lib:
        found = trend(lib, ['"hostile policy"', "denuclearization", "weather"], by="month")
    text = draw(found, width=80, colour=False)
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert found.periods[0] in text and '"hostile policy"' in text
    assert "\x1b" not in text


def test_kwic_command_json_fields_and_no_match_exit(spread, run):
    done = run("kwic", "--json", "denuclearization")
    rows = json.loads(done.output)
    assert rows and set(rows[0]) == {"id", "published", "source", "title", "left", "match", "right"}
    assert all(r["match"].lower() == "denuclearization" for r in rows)
    assert run("kwic", "zzyzx").exit_code == 1
    assert run("kwic", "source:KCNA").exit_code == 2  # filters alone: nothing to show in context


def test_export_kwic_cites_each_article_and_writes_nothing_without_a_match(spread, run, tmp_path):
    out = tmp_path / "report.md"
    done = run("export", "--kwic", "denuclearization", "-o", str(out))
    assert done.exit_code == 0
    text = out.read_text()
    with Library.open(spread) as lib:
        ids = {h.id for h in lib.search("denuclearization", limit=1000).hits}
    assert {
        int(line.split()[-1].rstrip("*"))
        for line in text.splitlines()
        if line.startswith("*dipterm article")
    } == ids
    assert text.count("**denuclearization**") == len(ids)
    out.write_text("previous report")
    assert run("export", "--kwic", "zzyzx", "-o", str(out)).exit_code == 1
    assert out.read_text() == "previous report"


def test_export_trend_table_and_the_articles_behind_each_figure(spread, run):
    text = run("export", "--trend", "denuclearization", "--by", "year").output
    with Library.open(spread) as lib:
        for year in ("2015", "2016", "2018", "2019", "2020"):
            n = lib.count_matching(f"denuclearization since:{year} until:{year}")
            row = next(line for line in text.splitlines() if line.startswith(f"| {year} |"))
            assert row.split("|")[2].strip() == str(n)
            if n:
                assert f"### {year} ({n})" in text


@pytest.fixture
def long_one(spread):
    """The spread library and one long article whose phrase stands near its end."""
    body = "\n\n".join(
        [" ".join(["The session heard reports on agriculture and the weather."] * 12)] * 6
        + ["At last the speaker condemned the hostile policy of the enemies once more."]
    )
    with Library.open(spread) as lib:
        lib.add([ArticleDraft("A long report", body, "long", PartialDate(2021, 6, 1))])
    return spread


async def _settle(pilot) -> None:
    from tui_helpers import settle

    await settle(pilot)


async def _search(pilot, text: str) -> None:
    await pilot.press("slash")
    for char in text:
        await pilot.press({" ": "space", '"': "quotation_mark"}.get(char, char))
    await _settle(pilot)
    await pilot.press("escape")


async def test_trend_screen_charts_the_query_and_a_query_added_to_it(spread):
    from dipterm.tui.app import DiptermApp
    from dipterm.tui.screens.wording import TrendScreen

    async with DiptermApp(spread).run_test(size=(100, 35)) as pilot:
        await _settle(pilot)
        await _search(pilot, "denuclearization")
        await pilot.press("G")
        await _settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, TrendScreen)
        assert [s.term for s in screen.found.series] == ["denuclearization"]
        await pilot.press("a", *"weather", "enter")
        await _settle(pilot)
        assert [s.term for s in screen.found.series] == ["denuclearization", "weather"]
        with Library.open(spread) as lib:
            assert screen.found.series[1].articles == lib.count_matching("weather")
        await pilot.press("b")  # by month
        await _settle(pilot)
        assert screen.found.by == "month"
        edges = str(screen.query_one("#trend-edges").render())
        assert "denuclearization" in edges and "weather" in edges
        await pilot.press("escape")
        assert not isinstance(pilot.app.screen, TrendScreen)


async def test_concordance_line_opens_the_article_at_that_place(long_one):
    from dipterm.tui.app import DiptermApp
    from dipterm.tui.screens.wording import ConcordanceScreen

    async with DiptermApp(long_one).run_test(size=(100, 35)) as pilot:
        await _settle(pilot)
        await _search(pilot, '"hostile policy"')
        await pilot.press("K")
        await _settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, ConcordanceScreen)
        places = list(screen.places.values())
        with Library.open(long_one) as lib:
            assert len({p.article_id for p in places}) == lib.count_matching('"hostile policy"')
            long_id = next(h.id for h in lib.search("title:long", limit=1).hits)
        row = next(k for k, p in enumerate(places) if p.article_id == long_id)
        for _ in range(row):
            await pilot.press("j")
        await pilot.press("enter")
        await _settle(pilot)
        await pilot.pause(0.3)
        reader = pilot.app.screen.query_one("#reader-a")
        assert reader.article.id == long_id
        assert reader.find_text.lower() == "hostile policy"
        assert reader.scroll_y > 0 and reader.scroll_y == reader.max_scroll_y  # near the end
