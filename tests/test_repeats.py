"""A scraper's repeated copies of an article are cut to the first; text that only says something
twice is left whole. Articles written here in the style of the bundled Rodong Sinmun sample."""

from hypothesis import given
from hypothesis import strategies as st

from dipterm.ingest.repeats import split_repeats
from dipterm.ingest.text import article_from_fields

STORY = (
    "A delegation of the Korean Students' Union led by its vice-chairman met a veteran of the "
    "reunification movement on Wednesday. The veteran said that he had kept his faith for decades "
    "in prison. He said that former prisoners are leading a worthy life today. He expressed the "
    "belief that the members of the delegation would keep to the road of patriotism."
)
SENTENCES = STORY.split(". ")


def without_repeats(body: str) -> tuple[str, str]:
    """(what import keeps of the body, the copies it cuts off)."""
    found = split_repeats(body)
    return found.run_in + found.story, found.repeats


def test_copies_after_the_first_are_cut_and_kept_as_debris():
    # As scraped: the end of the headline run in, the story three times with the outlet's name
    # between, then the story again from its second and third sentences, cut short.
    tail = ". ".join(SENTENCES[1:]) + " Outlet " + ". ".join(SENTENCES[2:])[:90]
    scraped = f"Former Prisoner {STORY} Outlet {STORY} Outlet {STORY} Outlet {tail}"
    kept, cut = without_repeats(scraped)
    assert kept == f"Former Prisoner {STORY} Outlet"
    assert scraped == f"{kept} {cut}"  # nothing but the copies is taken away
    # The words before the first copy, which no copy repeats, are the headline's end.
    article = article_from_fields(title="Delegation Meets", body=scraped, origin="x.csv")
    assert article.title == "Delegation Meets Former Prisoner"
    assert article.body == f"{STORY} Outlet" and cut in article.debris


def test_words_before_the_first_copy_stay_in_the_body_unless_they_read_as_a_headline():
    opening = "The veteran spoke first. He thanked the guests at length. "
    scraped = f"{opening}{STORY} Outlet {STORY} Outlet {STORY}"
    article = article_from_fields(title="Delegation Meets", body=scraped, origin="x.csv")
    assert article.title == "Delegation Meets"  # two sentences: no headline's end
    assert article.body == f"{opening}{STORY} Outlet"
    numbered = article_from_fields(title="Talks", body=f"7 {STORY} {STORY}", origin="x.csv")
    assert (numbered.title, numbered.body) == ("Talks", f"7 {STORY}")  # no headline's capitals


def test_a_long_title_said_twice_is_no_copy():
    text = (
        "Kim Jong Un sent a floral basket to Thongloun Sisoulith, general secretary of the Central "
        "Committee of the Lao People's Revolutionary Party and president of the Lao People's "
        "Democratic Republic, on his birthday. The ambassador handed it over on November 8 to the "
        'chairman of the Committee for External Affairs. Written on the ribbons was "I wish '
        "Thongloun Sisoulith, general secretary of the Central Committee of the Lao People's "
        "Revolutionary Party and president of the Lao People's Democratic Republic, good health\"."
    )
    assert without_repeats(text) == (text, "")


def test_an_opening_said_again_before_new_text_is_no_copy():
    text = (
        f"{STORY} Then the delegation visited a school and a farm, and left for home by train " * 1
    )
    text = text + STORY[:200] + " but this time the words went on to say quite other things " * 3
    assert without_repeats(text) == (text, "")


words = st.sampled_from(["the", "delegation", "met", "Kim", "on", "Friday.", "said", "that",
                         "people", "of", "Korea", "and", "\n\n", "Rodong", "Sinmun"])  # fmt: skip


@given(st.lists(words, min_size=60, max_size=200), st.integers(0, 3), st.integers(0, 400))
def test_what_is_cut_is_only_the_end_and_only_copies(parts, copies, cut_at):
    story = " ".join(parts)
    scraped = " Outlet ".join([story] * (copies + 1))[: len(story) * (copies + 1) - cut_at]
    kept, cut = without_repeats(scraped)
    assert scraped.startswith(kept)
    if cut:
        assert scraped[len(kept) :].strip() == cut.strip()
        assert len(kept) >= len(scraped) // (copies + 2)  # never less than the first copy


@given(st.lists(words, min_size=60, max_size=200), st.integers(0, 290))
def test_a_copy_is_found_wherever_before_the_opening_limit_the_story_starts(parts, run_in):
    story = " ".join(f"{word}{k}" for k, word in enumerate(parts))  # no passage said twice
    lead = " ".join(f"Head{k}" for k in range(60))[:run_in]
    kept, cut = without_repeats(f"{lead}{story} {story}")
    assert cut  # the quick check before the search never passes a copy by
