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


# Real phrases in the legacy encodings researchers' files come in, each of which must decode exactly.
LEGACY_PHRASES = [
    ("cp1252", "The Caf\u00e9 served a na\u00efve r\u00e9sum\u00e9 of the \u201ctalks\u201d \u2014 d\u00e9j\u00e0 vu for the attach\u00e9."),
    ("cp1252", "Der Au\u00dfenminister traf sich mit der Delegation f\u00fcr Gespr\u00e4che \u00fcber die Zusammenarbeit."),
    ("latin-1", "Le caf\u00e9 \u00e9tait plein: na\u00efve, r\u00e9sum\u00e9, \u00e9l\u00e8ve, gar\u00e7on, \u00e0 c\u00f4t\u00e9 du th\u00e9\u00e2tre."),
    ("latin-1", "El ministro se reuni\u00f3 con la delegaci\u00f3n en Pyongyang el mi\u00e9rcoles, se\u00f1al\u00f3 la agencia."),
    ("cp1251", "\u041c\u0438\u043d\u0438\u0441\u0442\u0440 \u0438\u043d\u043e\u0441\u0442\u0440\u0430\u043d\u043d\u044b\u0445 \u0434\u0435\u043b \u0420\u043e\u0441\u0441\u0438\u0438 \u0421\u0435\u0440\u0433\u0435\u0439 \u041b\u0430\u0432\u0440\u043e\u0432 \u043f\u0440\u043e\u0432\u0451\u043b \u043f\u0435\u0440\u0435\u0433\u043e\u0432\u043e\u0440\u044b \u0432 \u041f\u0445\u0435\u043d\u044c\u044f\u043d\u0435."),
    ("euc-kr", "\uc870\uc120\uc911\uc559\ud1b5\uc2e0\uc740 \uae40\uc815\uc740 \ub3d9\uc9c0\uaed8\uc11c \ud3c9\uc591\uc5d0\uc11c \ud68c\ub2f4\uc744 \uc9c4\ud589\ud558\uc168\ub2e4\uace0 \ubcf4\ub3c4\ud558\uc600\ub2e4."),
    ("cp949", "\ub85c\ub3d9\uc2e0\ubb38\uc740 \uc624\ub298 \uc0ac\uc124\uc5d0\uc11c \uc778\ubbfc\uacbd\uc81c\uc758 \ubc1c\uc804\uc744 \uac15\uc870\ud558\uc600\ub2e4. \ub620\ubc29\uac01\ud558"),
    ("cp1250", "Prezydent spotkał się w Łodzi z delegacją; rozmowy w Łódź dotyczyły współpracy."),
    ("cp1250", "Antonín Dvořák napsal Novosvětskou symfonii; koncert v Praze byl vyprodán."),
    ("cp1250", "A magyar külügyminiszter tárgyalásokat folytatott a delegációval Budapesten."),
    ("cp1250", "Zagrebački gradonačelnik je primio izaslanstvo iz Pjongjanga u četvrtak."),
    ("cp1257", "Šiauliai ir Ūdrių kaimas buvo paminėti pranešime apie delegacijos vizitą."),
    ("cp1257", "Latvijas ārlietu ministrs tikās ar vēstnieku Rīgā otrdien."),
    ("cp1257", "Eesti välisminister kohtus suursaadikuga Tallinnas teisipäeval; šokolaadi ei olnud."),
]  # fmt: skip


@pytest.mark.parametrize("encoding, phrase", LEGACY_PHRASES)
def test_legacy_encodings_decode_exactly(encoding, phrase):
    assert decode((phrase + "\n").encode(encoding)) == phrase + "\n"


@pytest.mark.parametrize(
    "encoding, phrase",
    [
        ("cp1250", "Delegacja z Korei P\u00d3\u0141NOCNEJ przyby\u0142a do \u0141odzi."),
        ("cp1250", "\u010cTK: P\u0159edseda \u010c\u00cdNSK\u00c9 delegace p\u0159ijel do Brna."),
        (
            "cp1251",
            "\u041f\u0456\u0434\u0442\u0440\u0438\u043c\u043a\u0430 \u0440\u043e\u0437\u0448\u0438\u0440\u0435\u043d\u043d\u044f \u043d\u0435 \u0443\u0432\u0456\u043c\u043a\u043d\u0435\u043d\u0430.",
        ),
    ],
)
def test_legacy_text_with_a_utf8_looking_byte_pair_is_not_damaged_utf8(encoding, phrase):
    # P\u00d3\u0141 in Windows-1250 and \u041f\u0456 in Windows-1251 are two bytes that are also one UTF-8
    # character: the text is still that code page's, not broken UTF-8.
    data = phrase.encode(encoding)
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert decode(data) == phrase


@pytest.mark.parametrize(
    "encoding, phrase",
    [
        ("cp1251", "\u0414\u0430, \u043d\u0430 5 \u043c\u0430\u0439."),
        ("cp1251", "\u041d\u0435\u0442 \u0432\u044b\u0437\u043e\u0432\u0430"),
        ("cp1251", "# \u0442\u0440\u044f\u0431\u0432\u0430 \u0432\u0445\u043e\u0434"),
        ("euc-kr", "\ud3c9\uc591 \ub3c4\ucc29"),
        ("euc-kr", "\ud1b5\uc2e0\uc740 \uc804\ud588\ub2e4"),
        ("euc-kr", "* \uae30\ubcf8\uac12 \uc124\uc815"),
    ],
)
def test_a_few_words_of_russian_bulgarian_or_korean_decode_exactly(encoding, phrase):
    # Too short for charset-normalizer, which read them as Latin, CJK or other code pages.
    assert decode((phrase + "\n").encode(encoding)) == phrase + "\n"


@pytest.mark.parametrize(
    "text, encoding",
    [
        ("Il va \u00e0 Paris, \u00e0 pied.", "cp1252"),  # \u00e0 alone reads as Cyrillic \u0430
        ("Die \u00c4nderungen sind gespeichert.", "cp1252"),  # \u00c4n reads as one CP949 syllable
        (
            "\u671d\u9bae\u4e2d\u592e\u901a\u4fe1\u306f\u3001\u91d1\u6b63\u6069\u7dcf\u66f8\u8a18\u304c\u5e73\u58cc\u3067\u30ed\u30b7\u30a2\u306e\u30e9\u30d6\u30ed\u30d5\u5916\u76f8\u3068\u4f1a\u8ac7\u3057\u305f\u3068\u5831\u3058\u305f\u3002",
            "shift_jis",  # reads as rare Hangul in CP949
        ),
    ],
)
def test_text_that_reads_as_another_script_in_part_is_not_taken_for_it(text, encoding):
    assert decode((text + "\n").encode(encoding)) == text + "\n"


@pytest.mark.parametrize(
    "damaged",
    [
        "Workers\u2019 Party".encode() + b"\xff",
        "Caf\u00e9 and na\u00efve".encode() + b" \xe9 broken",
        "\u0141\u00f3d\u017a".encode() + b"\x80",
    ],
)
def test_utf8_with_a_broken_byte_is_still_refused(damaged):
    with pytest.raises(InputError, match="invalid UTF-8"):
        decode(damaged)


def test_a_windows_1252_file_is_found_by_its_unaccented_words(run, tmp_path):
    path = tmp_path / "cafe.txt"
    path.write_bytes(f"Caf\u00e9 Talks\n\n{LEGACY_PHRASES[0][1]}\n".encode("cp1252"))
    assert run("ingest", str(path)).exit_code == 0
    assert run("search", "--ids", "title:cafe").stdout.split() == ["1"]
    assert run("search", "--ids", "naive").stdout.split() == ["1"]


def test_a_saved_pages_asset_folder_is_ignored_and_counted_once(run, tmp_path):
    tmp_path = tmp_path / "saved"
    tmp_path.mkdir()
    (tmp_path / "Talks Held.html").write_text(PAGE)
    assets = tmp_path / "Talks Held_files"
    (assets / "fonts").mkdir(parents=True)
    for name in ["app.js", "style.css", "logo.png", "frame.html", "fonts/a.woff"]:
        (assets / name).write_bytes(b"\x89PNG\x00" if name.endswith(".png") else b"x")
    (tmp_path / "notes_files").mkdir()  # no notes.html beside it: not a page's assets
    (tmp_path / "notes_files" / "a.js").write_text("x")
    result = run("ingest", str(tmp_path))
    assert result.stdout.startswith("1 imported, 0 unchanged, 5 page assets ignored, 1 skipped")
    assert result.stderr.count("skipped") == 1 and "notes_files/a.js" in result.stderr
    (tmp_path / "notes_files" / "a.js").unlink()
    again = run("ingest", str(tmp_path))
    assert again.exit_code == 0
    assert again.stdout == "0 imported, 1 unchanged, 5 page assets ignored, 0 skipped\n"
    # Named with its page, as a shell's saved/* names it, the folder is passed over all the same.
    named = run("ingest", *(str(p) for p in sorted(tmp_path.iterdir())))
    assert named.exit_code == 0
    assert named.stdout == "0 imported, 1 unchanged, 5 page assets ignored, 0 skipped\n"


def test_skips_are_exact_and_in_the_order_of_the_input(run, tmp_path):
    path = tmp_path / "mixed.jsonl"
    lines = [
        json.dumps({"headline": "Photo", "story_text": ""}),
        json.dumps({"title": "Good", "body": BODY}),
        "{not json",
        json.dumps({"headline": "Video", "Content": "  "}),
        json.dumps({"headline": "Nothing", "topic": "x"}),
    ]
    path.write_text("\n".join(lines) + "\n")
    result = run("ingest", str(path))
    assert result.exit_code == 1
    assert [line.split("mixed.jsonl")[1] for line in result.stderr.splitlines()] == [
        "#1: story_text is empty",
        "#3: not JSON (Expecting property name enclosed in double quotes)",
        "#4: Content is empty",
        "#5: no article text (keys: headline, topic; name the text with --map body=KEY)",
    ]
    quiet = run("ingest", "-q", str(path))
    assert quiet.stdout == "0 imported, 1 unchanged, 4 skipped\n" and quiet.stderr == ""
    assert quiet.exit_code == 1
