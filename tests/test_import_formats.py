"""Importing what analysts hold: JSON, JSON Lines, CSV, saved pages; encodings; the bundle."""

import contextlib
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dipterm.errors import InputError
from dipterm.ingest.decode import decode
from dipterm.ingest.html import parse_html
from dipterm.ingest.language import detect_language
from dipterm.ingest.records import parse_mapping, record_date
from dipterm.models import PartialDate

BODY = (
    "Pyongyang, March 5 (KCNA) -- Choe Son Hui, minister of Foreign Affairs of the DPRK, met "
    "the visiting delegation of the Ministry of Culture at the Mansudae Assembly Hall on "
    "Tuesday. The talk proceeded in a friendly atmosphere. -0-"
)


def shown(run, article_id):
    return json.loads(run("show", str(article_id), "--json").stdout)


def test_json_list_with_the_same_story_under_two_links(run, tmp_path):
    records = [
        {
            "headline": "Minister Meets Delegation",
            "story_text": BODY,
            "date": 1709596800000,
            "link": "http://www.kcna.kp/en/article/q/1.kcmsf",
            "topic": "Diplomacy",
        },
        {
            "headline": "Minister Meets Delegation",
            "story_text": BODY,
            "date": 1709596800000,
            "link": "http://www.kcna.kp/en/article/q/2.kcmsf",
            "topic": "Top News",
        },
        {"headline": "Photo", "story_text": "", "link": "http://www.kcna.kp/p/3"},
    ]
    path = tmp_path / "kcna.json"
    path.write_text(json.dumps(records))
    result = run("ingest", str(path))
    assert result.stdout.startswith("1 imported, 0 unchanged, 1 already held")
    assert result.exit_code == 1 and "kcna.json#3: story_text is empty" in result.stderr
    article = shown(run, 1)
    assert article["published"] == "2024-03-05" and article["source"] == "KCNA"
    assert article["urls"] == [
        "http://www.kcna.kp/en/article/q/1.kcmsf",
        "http://www.kcna.kp/en/article/q/2.kcmsf",
    ]
    assert not article["body"].endswith("-0-")
    assert article["lang"] == "en"
    assert run("ingest", str(path)).stdout.startswith("0 imported, 2 unchanged")


def test_json_lines_with_paragraph_lists_and_a_bad_line(run, tmp_path):
    path = tmp_path / "front.jsonl"
    good = {
        "url": "http://www.rodong.rep.kp/en/index.php?newsID=2021-07-12-0003",
        "title": "Meeting Held",
        "content": [
            "First paragraph of the article, long enough.",
            "Second paragraph follows here.",
        ],
    }
    path.write_text(json.dumps(good) + "\n{not json\n\n[1, 2]\n")
    result = run("ingest", str(path))
    assert result.stdout.startswith("1 imported")
    assert "front.jsonl#2: not JSON" in result.stderr
    assert "front.jsonl#4: not a record" in result.stderr
    article = shown(run, 1)
    assert article["source"] == "Rodong Sinmun"
    assert article["published"] == "2021-07-12"  # no date field: the one its url writes
    assert (
        article["body"]
        == "First paragraph of the article, long enough.\n\nSecond paragraph follows here."
    )


def test_csv_with_quoted_commas_and_newlines(run, tmp_path):
    path = tmp_path / "sample.csv"
    path.write_text(
        "doc_id,text,date,title,url\n"
        'a1,"He said, in short, that\n""peace"" matters.",2019-05-21,"Title, With Comma",http://x/1\n'
        "a2,Second body text here.,2020-01-02,Second,http://x/2\n",
        encoding="utf-8",
    )
    assert run("ingest", str(path)).exit_code == 0
    first = shown(run, 1)
    assert first["title"] == "Title, With Comma"
    assert first["body"] == 'He said, in short, that\n\n"peace" matters.'
    assert first["published"] == "2019-05-21"


def test_csv_without_a_text_column_and_map(run, tmp_path):
    path = tmp_path / "odd.csv"
    path.write_text("headline;pub;words\nA Title;2021-03-04;The words of the article are here.\n")
    refused = run("ingest", str(path))
    assert (
        refused.exit_code == 1
        and "no column of article text (columns: headline, pub, words" in refused.stderr
    )
    mapped = run("ingest", "--map", "body=words,date=pub", str(path))
    assert mapped.exit_code == 0
    assert shown(run, 1)["published"] == "2021-03-04"
    bad = run("ingest", "--map", "bodi=words", str(path))
    assert bad.exit_code == 2 and "--map takes FIELD=KEY" in bad.stderr


def test_json_that_is_not_records(run, tmp_path):
    path = tmp_path / "numbers.json"
    path.write_text("[1, 2, 3]")
    result = run("ingest", str(path))
    assert result.exit_code == 1 and "not of records" in result.stderr


PAGE = """<!doctype html><html><head><title>Talks Held | KCNA Watch</title>
<meta property="og:title" content="DPRK and Lao Officials Hold Talks">
<meta property="article:published_time" content="2024-10-24T08:00:00+09:00">
<link rel="canonical" href="http://www.kcna.kp/en/article/q/abc.kcmsf">
<script>var tracking = "Kim Jong Un";</script><style>p {color: red}</style></head>
<body><nav><ul><li>Home</li><li>Politics</li><li>Economy</li></ul></nav>
<div class="menu">Latest news Photo Video</div>
<article><h1>DPRK and Lao Officials Hold Talks</h1>
<p>Talks between Pak Sang Gil, vice-minister of Foreign Affairs of the DPRK, and a Lao delegation took place here on October 23.</p>
<figure><img src="x.jpg"><figcaption>Photo caption that is not text</figcaption></figure>
<p>Both sides discussed the issues of expanding exchange and cooperation in various fields.</p>
</article><footer>Copyright KCNA. All rights reserved.</footer></body></html>"""


def test_saved_page_keeps_the_article_and_drops_the_rest():
    draft = parse_html(PAGE, "page.html")
    assert draft.title == "DPRK and Lao Officials Hold Talks"
    assert draft.published == PartialDate(2024, 10, 24)
    assert draft.url == "http://www.kcna.kp/en/article/q/abc.kcmsf"
    assert draft.source == "KCNA"
    assert draft.body.startswith("Talks between Pak Sang Gil")
    for debris in ("Home", "Latest news", "caption", "Copyright", "tracking", "color"):
        assert debris not in draft.body


def test_page_without_an_article(run, tmp_path):
    path = tmp_path / "menu.html"
    path.write_text("<html><body><nav>Home About</nav><p>Short.</p></body></html>")
    result = run("ingest", str(path))
    assert result.exit_code == 1 and "no article in the page" in result.stderr


def test_encodings_are_detected():
    text = "Pyongyang, July 19 (KCNA) -- The Workers\u2019 Party of Korea \u00e9l\u00e8ve the caf\u00e9."
    assert decode(text.encode("utf-16")) == text
    assert decode(b"\xef\xbb\xbf" + text.encode("utf-8")) == text
    assert decode(text.encode("utf-16-le")) == text
    latin = "Caf\u00e9 cr\u00e8me, the d\u00e9l\u00e9gation arriv\u00e9e \u00e0 Pyongyang."
    assert decode(latin.encode("cp1252")) == latin
    with pytest.raises(InputError, match="invalid UTF-8 at byte"):
        decode("Kim Jong Un \u2019s visit".encode() + b"\xff\xfe broken")
    with pytest.raises(InputError, match="binary"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")


def test_mojibake_is_repaired(run, tmp_path):
    path = tmp_path / "moji.txt"
    path.write_text(
        "Title\n\nThe Workers\u00e2\u20ac\u2122 Party of Korea held a meeting in Pyongyang."
    )
    run("ingest", str(path))
    assert "Workers\u2019 Party" in shown(run, 1)["body"]


def test_language_detection():
    assert (
        detect_language(
            "The delegation of the ministry was received by the premier of the "
            "Cabinet and had a talk with him on the development of relations."
        )
        == "en"
    )
    assert (
        detect_language(
            "La delegación del ministerio fue recibida por el primer ministro y "
            "sostuvo una conversación con él sobre el desarrollo de las relaciones "
            "de amistad y cooperación entre los dos países."
        )
        == "es"
    )
    assert detect_language("too short") is None


@pytest.mark.parametrize(
    ("url", "date"),
    [
        ("http://www.rodong.rep.kp/en/index.php?strPageID=SF01_02_01&newsID=2021-07-08-0004",
         PartialDate(2021, 7, 8)),
        ("https://news.example/2018/06/01/summit.html", PartialDate(2018, 6, 1)),
        ("http://www.kcna.kp/en/article/q/20190613a2021.kcmsf", None),  # figures, no separators
        ("https://news.example/2019-13-01/x", None),  # no thirteenth month
        (None, None),
    ],
)  # fmt: skip
def test_the_date_a_url_writes(url, date):
    from dipterm.extract.dates import date_of_url

    assert date_of_url(url) == date


def test_record_dates():
    assert record_date(1703376000000) == PartialDate(2023, 12, 24)
    assert record_date("1703376000") == PartialDate(2023, 12, 24)
    assert record_date("2024-01-02T09:00:00Z") == PartialDate(2024, 1, 2)
    assert record_date("Sept. 17, 2024") == PartialDate(2024, 9, 17)
    assert record_date(None) is None and record_date("soon") is None


def test_map_parsing():
    assert parse_mapping("body=content, date=pub") == {"body": "content", "date": "pub"}
    with pytest.raises(InputError):
        parse_mapping("text")


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=400))
def test_html_parser_raises_only_its_own_error(text):
    with contextlib.suppress(InputError):
        parse_html(text, "fuzz.html")


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=300))
def test_decoder_raises_only_its_own_error(data):
    with contextlib.suppress(InputError):
        decode(data)


@given(st.text(alphabet="aZ9_'é- \n.\t,", max_size=60).filter(str.isascii))
def test_language_reads_ascii_words_as_any_words(text: str) -> None:
    from dipterm.ingest.language import _ASCII_NON_LETTERS, _WORD

    split = text.lower().translate(_ASCII_NON_LETTERS).split()
    assert split == [w.lower() for w in _WORD.findall(text)]
