"""The seed-style text importer, on the seeds (checked against their hand annotations) and on
articles written here in the same style."""

import re

import pytest
from conftest import SEEDS

from dipterm.errors import InputError
from dipterm.ingest.clean import clean_text
from dipterm.ingest.text import parse_text
from dipterm.models import PartialDate


def _seed(name):
    path = SEEDS / name
    return parse_text(path.read_text(encoding="utf-8"), str(path))


@pytest.mark.parametrize("name", sorted(p.name for p in SEEDS.iterdir()))
def test_seed_fields_match_the_annotations(name, gold):
    draft = _seed(name)
    expected = gold[name]
    assert draft.title == expected["title"]
    assert draft.published.iso == expected["published"]
    assert draft.source == expected["source"]
    assert draft.byline == expected["byline"]


@pytest.mark.parametrize("name", sorted(p.name for p in SEEDS.iterdir()))
def test_debris_is_removed_from_the_body(name, gold):
    draft = _seed(name)
    for line in gold[name]["boilerplate"]:
        assert line not in draft.body
        assert line in draft.debris


def _sentences(text):
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if len(s.split()) > 3]


def _squash(text):
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("name", sorted(p.name for p in SEEDS.iterdir()))
def test_no_sentence_of_a_seed_is_lost(name, gold):
    raw = (SEEDS / name).read_text(encoding="utf-8")
    debris = set(gold[name]["boilerplate"]) | {gold[name]["title"]}
    body = _squash(_seed(name).body)
    lines = [ln for ln in clean_text(raw).split("\n") if ln and ln not in debris]
    lines = [ln for ln in lines if not re.fullmatch(r"[A-Z][a-z]{2} \d{1,2}, \d{4}", ln)]
    checked = 0
    for line in lines:
        for sentence in _sentences(line):
            assert _squash(sentence) in body, sentence
            checked += 1
    assert checked > 10


def test_nbsp_does_not_reach_the_body():
    assert "\u00a0" not in _seed("000_565e87e98638243f.txt").body


def test_header_date_forms_and_byline_of_a_person():
    draft = parse_text(
        "Talks Held\n\n3 March 2021\n\nBy Kim Chol\n\nThe talks were held in a friendly "
        "atmosphere between the two delegations.",
        "x",
    )
    assert draft.published == PartialDate(2021, 3, 3)
    assert draft.byline == "Kim Chol"
    assert draft.source is None


def test_kcna_dateline_and_end_mark():
    text = (
        "Kim Jong Un Meets Delegation\n"
        "Pyongyang, July 19 (KCNA) -- Kim Jong Un met a delegation on Friday.\n"
        "The talk proceeded in a friendly atmosphere. -0-"
    )
    draft = parse_text(text, "x")
    assert draft.source == "KCNA"
    assert draft.body.endswith("friendly atmosphere.")
    assert "-0-" not in draft.body
    assert draft.body.startswith("Pyongyang, July 19 (KCNA) --")


def test_citation_with_a_comma_and_a_variant_outlet_name():
    text = "Editorial\n\nThe line of the Party is just and must be carried out to the end.\n\n(Nodong Sinmun, 2020-06-03)"
    draft = parse_text(text, "x")
    assert draft.source == "Rodong Sinmun"
    assert draft.published == PartialDate(2020, 6, 3)


def test_a_date_stamp_after_the_headline_is_not_the_title():
    from dipterm.ingest.text import article_from_fields

    stamped = article_from_fields(
        title="Floral Tribute Paid to Statues\n\n[Juche113.9.10.]",
        body="Pyongyang, September 10 (KCNA) -- Baskets were laid.",
        origin="x",
    )
    assert (stamped.title, stamped.debris[:1]) == (
        "Floral Tribute Paid to Statues",
        ["[Juche113.9.10.]"],
    )
    text = parse_text("Humor of Kim Jong Un [2024.02.11.]\n\nFeb 11, 2024\n\nA story.", "y")
    assert text.title == "Humor of Kim Jong Un"
    assert (
        parse_text("The Year [2024] in Review\n\nA story.", "z").title
        == "The Year [2024] in Review"
    )


def test_a_site_trail_above_the_headline_is_debris_and_its_date_dates_the_article():
    page = (
        "calendar>>May 3. 2007 Juche 96\n"
        "Vice-Premier Meets Delegation\n"
        "Pyongyang, May 2 (KCNA) -- A vice-premier met a delegation here on Wednesday.\n"
    )
    article = parse_text(page, "saved.txt")
    assert article.title == "Vice-Premier Meets Delegation"
    assert (article.published, article.published_from) == (PartialDate(2007, 5, 3), "page header")
    assert article.debris[0] == "calendar>>May 3. 2007 Juche 96"
    assert article.body.startswith("Pyongyang, May 2 (KCNA)")
    # A trail with no date is debris all the same; the dateline then dates nothing without a year.
    plain = parse_text("Home » News » Diplomacy\nTalks Held\nThe talks were held.", "t.txt")
    assert (plain.title, plain.published, plain.debris) == (
        "Talks Held",
        None,
        ["Home » News » Diplomacy"],
    )
    # A headline alone is kept as the title, whatever it holds.
    assert parse_text("Songs >> Poems", "s.txt").title == "Songs >> Poems"


def test_empty_text_is_an_input_error():
    with pytest.raises(InputError):
        parse_text(" \n\u00a0\n", "x")


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=500))
def test_text_importer_raises_only_its_own_error(text):
    try:
        draft = parse_text(text, "fuzz.txt")
    except InputError:
        return
    assert "\x1b" not in draft.body and "\x00" not in draft.body
