"""Korean names in any romanisation: the model measured on hand-written pairs of real names, and
applied to person: filters, searched words and the title filter."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from dipterm.extract.romanisation import readings, same_name
from dipterm.store.library import Library
from dipterm.tui.widgets.article_list import ArticleList

DATA = Path(__file__).resolve().parent / "data"
# What the model reaches on the tables (see test_precision_and_recall_on_real_name_pairs):
# a change that loses any of it fails.
MIN_RECALL = 0.996
MIN_PRECISION = 1.0
MIN_HANGUL_RECALL = 0.994


def _table(name: str) -> list[dict[str, str]]:
    lines = [line for line in (DATA / name).read_text("utf-8").splitlines() if line[:1] != "#"]
    return list(csv.DictReader(lines, delimiter="\t"))


PAIRS = _table("romanisation_pairs.tsv")
NEGATIVES = _table("romanisation_negatives.tsv")


def test_the_tables_hold_enough_real_names() -> None:
    assert len(PAIRS) >= 150
    assert len(NEGATIVES) >= 50
    assert len({p["hangul"] for p in PAIRS}) >= 100
    assert all(n["typed_hangul"] != n["held_hangul"] for n in NEGATIVES)


def test_precision_and_recall_on_real_name_pairs() -> None:
    missed = [(p["typed"], p["held"]) for p in PAIRS if not same_name(p["typed"], p["held"])]
    wrong = [(n["typed"], n["held"]) for n in NEGATIVES if same_name(n["typed"], n["held"])]
    found = len(PAIRS) - len(missed)
    recall = found / len(PAIRS)
    precision = found / (found + len(wrong) * len(PAIRS) / len(NEGATIVES))  # as if as many
    print(f"\nrecall {recall:.3f} ({found}/{len(PAIRS)}), missed: {missed}")
    print(f"precision {precision:.3f}, negatives matched {len(wrong)}/{len(NEGATIVES)}: {wrong}")
    assert recall >= MIN_RECALL
    assert precision >= MIN_PRECISION


def test_each_spelling_reads_as_its_hangul() -> None:
    """Stricter than a pair matching: each spelling, typed or held, has its Hangul among its
    readings (so two spellings cannot match through a wrong reading they share)."""
    spellings = [(p["hangul"], p["typed"], False) for p in PAIRS]
    spellings += [(p["hangul"], p["held"], True) for p in PAIRS]
    wrong = [s for h, s, held in spellings if readings(h).isdisjoint(readings(s, dprk=held))]
    recall = 1 - len(wrong) / len(spellings)
    print(f"\nspellings read as their Hangul {recall:.3f}, not: {sorted(set(wrong))}")
    assert recall >= MIN_HANGUL_RECALL


@pytest.mark.parametrize(
    ("typed", "held"),
    [
        ("Choi Sun-hee", "Choe Son Hui"),  # ㅓ as u, ㅢ as ee, ㅚ as oi
        ("Ch'oe Sŏn-hŭi", "Choe Son Hui"),  # MR's apostrophe and breves
        ("Ri Byong-chol", "Ri Pyong Chol"),  # the voiced b of a p
        ("Kim Jongun", "Kim Jong Un"),  # a given name written as one word
        ("Lee Il-hwan", "Ri Il Hwan"),  # the South's surname without its r
        ("김정은", "Kim Jong Un"),  # Hangul
    ],
)
def test_spellings_of_one_name_in_different_systems_match(typed: str, held: str) -> None:
    assert same_name(typed, held)


@pytest.mark.parametrize(
    ("typed", "held"),
    [
        ("Kim Yong Il", "Kim Jong Il"),
        ("Kim Yong-chol", "Kim Yong Chun"),
        ("Kim Jong Il", "Kim Chong Il"),  # in the DPRK's spelling ch is ㅊ, never ㅈ
        ("Kim Jae-yong", "Kim Jae Ryong"),  # only a surname drops its r in the South
        ("Kim Jong Un", "Kim Jong"),
        ("Pyongyang", "Pak Yong"),
    ],
)
def test_different_names_do_not_match(typed: str, held: str) -> None:
    assert not same_name(typed, held)


def test_mcc_une_reischauer_may_mean_either_dprk_spelling() -> None:
    # MR writes 정 Chong: in a DPRK library that is Jong (정) or Chong (청, 총), both read.
    assert same_name("Kim Chong-il", "Kim Jong Il") and same_name("Kim Chong-il", "Kim Chong Il")


def test_text_that_is_no_korean_name_has_no_reading() -> None:
    assert not readings("Sergei Lavrov") and not readings("Xi Jinping")


# ---------------------------------------------------------------- in the library

ARTICLES = {
    "1": ("Foreign Minister Meets Russian President", "Choe Son Hui met Vladimir Putin."),
    "2": ("Ri Yong Ho Speaks at Meeting", "Ri Yong Ho spoke at the meeting in Pyongyang."),
    "3": ("Inspection", "Jo Yong Won and Ri Pyong Chol accompanied the inspection."),
    "4": ("Kim Jong Il Remembered", "Kim Jong Il was remembered. Ri Il Hwan laid a wreath."),
    "5": ("Reception Held", "Kim Yong Il hosted a reception for the delegation."),
    "6": ("Letter Sent", "Kim Jong Un sent a letter to the President of Laos."),
    "7": ("Building Opens", "Choe Song Won spoke at the opening of the building."),
    "8": ("Kim Chong Il Shows Farm", "Kim Chong Il, manager of the farm, showed the fields."),
}


@pytest.fixture
def named(tmp_path, db_path) -> Path:
    from dipterm.ingest.pipeline import import_paths

    folder = tmp_path / "articles"
    folder.mkdir()
    for number, (title, body) in ARTICLES.items():
        (folder / f"{number}.txt").write_text(f"{title}\n\nMay {number}, 2024\n\n{body}\n", "utf-8")
    with Library.open(db_path) as library:
        import_paths(library, [str(folder)], workers=1)
    return db_path


def _titles(result) -> set[str]:
    return {line.split("\t")[-1] for line in result.stdout.splitlines()}


@pytest.mark.parametrize(
    ("typed", "held", "title"),
    [
        ("Choi Sun-hee", "Choe Son Hui", "Foreign Minister Meets Russian President"),
        ("Lee Yong-ho", "Ri Yong Ho", "Ri Yong Ho Speaks at Meeting"),
        ("Cho Yong-won", "Jo Yong Won", "Inspection"),
        ("Ri Byong-chol", "Ri Pyong Chol", "Inspection"),
        ("Lee Il-hwan", "Ri Il Hwan", "Kim Jong Il Remembered"),
        ("Kim Chong-un", "Kim Jong Un", "Letter Sent"),
        ("최선희", "Choe Son Hui", "Foreign Minister Meets Russian President"),  # Hangul
    ],
)
def test_a_person_filter_in_another_romanisation_finds_the_dprk_spellings_articles(
    named, run, typed, held, title
) -> None:
    found = run("search", f'person:"{typed}"')
    assert _titles(found) == {title} == _titles(run("search", f'person:"{held}"'))
    assert f"person:{typed} -> {held}" in found.stderr


def test_searched_words_in_another_romanisation_are_the_librarys_spelling(named, run) -> None:
    found = run("search", "Choi Sun-hee")
    assert _titles(found) == {"Foreign Minister Meets Russian President"}
    assert "Choi Sun-hee -> Choe Son Hui" in found.stderr
    assert "choi -> choe" not in found.stderr
    joined = run("search", "Kim Jongun letter")
    assert _titles(joined) == {"Letter Sent"}
    assert "Kim Jongun -> Kim Jong Un" in joined.stderr
    hangul = run("search", "리용호")
    assert _titles(hangul) == {"Ri Yong Ho Speaks at Meeting"}
    assert "리용호 -> Ri Yong Ho" in hangul.stderr


def test_another_persons_name_is_never_what_a_korean_name_means(named, run) -> None:
    # Cho Yong-won is Jo Yong Won, not Choe Song Won, the nearest name by letters.
    assert "Building Opens" not in _titles(run("search", 'person:"Cho Yong-won"'))
    # Kim Yong Il and Kim Jong Il stay apart both ways.
    assert _titles(run("search", 'person:"Kim Yeong-il"')) == {"Reception Held"}
    assert _titles(run("search", 'person:"Kim Jeong-il"')) == {"Kim Jong Il Remembered"}


def test_a_spelling_the_systems_read_apart_finds_every_reading_the_librarys_first(
    named, run
) -> None:
    # MR's Chong is 정 (DPRK Jong) or 청 (DPRK Chong): both people are meant.
    found = run("search", 'person:"Kim Chong-il"')
    assert _titles(found) == {"Kim Jong Il Remembered", "Kim Chong Il Shows Farm"}
    assert "person:Kim Chong-il -> Kim Chong Il, Kim Jong Il" in found.stderr
    words = run("search", "Kim Chong-il")
    assert _titles(words) == {"Kim Jong Il Remembered", "Kim Chong Il Shows Farm"}
    assert "Kim Chong-il -> Kim Chong Il, Kim Jong Il" in words.stderr
    # In the DPRK's own spelling, Chong is 청 alone.
    assert _titles(run("search", 'person:"Kim Chong Il"')) == {"Kim Chong Il Shows Farm"}


def test_a_name_spelt_as_the_library_spells_it_is_left_alone(named) -> None:
    with Library.open(named) as library:
        result = library.search("Kim Jong Un")
        assert not result.corrections
        assert library.search('person:"Kim Jong-un"').corrections == []


def test_the_title_filter_reads_a_name_in_another_romanisation(named) -> None:
    from dipterm.tui.service import LibraryService

    service = LibraryService(named)
    try:
        found = service.title_filter("Lee Yong-ho")
        assert found.hits and found.hits[0].title == "Ri Yong Ho Speaks at Meeting"
        assert found.corrections == ["Lee Yong-ho -> Ri Yong Ho"]
        both = {h.title for h in service.title_filter("Kim Chong-il").hits[:2]}
        assert both == {"Kim Jong Il Remembered", "Kim Chong Il Shows Farm"}
    finally:
        service.close()


async def test_the_status_line_says_what_a_name_was_searched_as(named) -> None:
    from dipterm.tui.app import DiptermApp

    async with DiptermApp(named).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"Choi", "space", *"Sun-hee")
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        status = str(pilot.app.screen.query_one("#status").render())
        assert "searched for Choi Sun-hee -> Choe Son Hui" in status
        assert pilot.app.screen.query_one(ArticleList).visible_ids() == [1]
