import hashlib

from hypothesis import example, given
from hypothesis import strategies as st

from dipterm.ingest.clean import clean_text, content_hash, repair_mojibake, strip_terminal_controls


def test_odd_spaces_become_one_space():
    assert (
        clean_text("Supreme Leader\u00a0 Kim Jong Un\u00a0 was") == "Supreme Leader Kim Jong Un was"
    )
    assert clean_text("a\u2009b\u3000c\u200bd") == "a b cd"


def test_terminal_escapes_and_controls_are_removed():
    hostile = "Title\x1b[31m red\x1b[0m\x1b]0;pwned\x07 end\x07\x08\u202e"
    assert clean_text(hostile) == "Title red end"
    assert strip_terminal_controls("ok\x1b[2Jcleared") == "okcleared"


def test_curly_quotes_are_kept_in_text():
    assert clean_text("Workers\u2019 Party") == "Workers\u2019 Party"


def test_glued_comma_is_split_but_numbers_are_not():
    assert clean_text("the peninsula,Kim Jong Un said") == "the peninsula, Kim Jong Un said"
    assert clean_text("1,000 tons") == "1,000 tons"


def test_a_sentence_glued_to_the_next_is_split_but_addresses_and_initials_are_not():
    glued = "welcomed on Friday.Present at the ceremony were officials.Rodong Sinmun"
    assert clean_text(glued) == (
        "welcomed on Friday. Present at the ceremony were officials. Rodong Sinmun"
    )
    assert clean_text("Is it so?Yes, he said.") == "Is it so? Yes, he said."
    assert clean_text("under Kim Jong Un.He said") == "under Kim Jong Un. He said"
    for kept in ("see www.Example.org", "the U.S.President", "e.g.The", "mail kim.Ri@x.kp",
                 "http://kcna.kp/en/article/q/News.Item", "No.1 and Mt.Paektu", "www.Kcna.Kp",
                 "/News.Item", "see WWW.Kcna"):  # fmt: skip
        assert clean_text(kept) == kept
    # at the very start of a text, as anywhere
    assert clean_text("Friday.Present at the ceremony") == "Friday. Present at the ceremony"


def test_a_tab_in_plain_ascii_text_is_a_space():
    assert clean_text("Pyongyang,\tMay 3\t\t(KCNA)") == "Pyongyang, May 3 (KCNA)"


def test_content_hash_ignores_case_quotes_and_spacing():
    a = content_hash("T", "The Workers\u2019 Party  of Korea")
    b = content_hash("Other title", "the workers' party of\nkorea")
    assert a == b
    assert a != content_hash("T", "The Workers' Party of Japan")


def test_content_hash_is_the_sha256_of_the_folded_words_one_space_apart():
    # libraries already hold these hashes: the recipe cannot change without a migration
    expected = hashlib.sha256(b"the workers' party of korea").hexdigest()
    assert content_hash("T", "The  Workers\u2019 Party\nof Korea ") == expected


def test_line_ends_of_every_system_become_one_newline():
    assert clean_text("\nXi Jinping arrived X\n\n") == "Xi Jinping arrived X"
    assert (
        clean_text("line one\r\nline two\rline three\nend") == "line one\nline two\nline three\nend"
    )


def test_mojibake_is_repaired_and_clean_text_left_alone():
    assert repair_mojibake("Workers\u00e2\u20ac\u2122 Party") == "Workers\u2019 Party"
    assert repair_mojibake("Caf\u00c3\u00a9 talks") == "Caf\u00e9 talks"
    for text in ("Workers\u2019 Party", "\u00c3 la carte", "Pyongyang"):
        assert repair_mojibake(text) == text


def test_content_hash_takes_compatibility_forms_as_the_same_article():
    # full-width letters (as East Asian pages write Latin text), a ligature, a circled digit,
    # the same text in decomposed accents: NFKC makes each what a reader sees
    plain = content_hash("T", "Kim Jong Un inspected the final 1 site in Mongolia")
    assert (
        content_hash("T", "\uff2bim Jong Un inspected the \ufb01nal \u2460 site in Mongolia")
        == plain
    )
    assert content_hash("T", "Caf\u00e9 talks") == content_hash("T", "Cafe\u0301 talks")
    assert content_hash("T", "Kim Jong Un inspected the final 2 site in Mongolia") != plain
    # with no body the title is the article
    assert content_hash("Talks Held", "  ") == content_hash("talks  held", "")
    assert content_hash("Talks Held", "") != content_hash("Talks Delayed", "")


# clean_text skips steps that cannot change a text (ASCII needs no NFC, holds no odd spaces; a
# text without controls needs no escape removal). The steps in full, one after the other:
def _clean_step_by_step(text: str) -> str:
    import re
    import unicodedata

    from dipterm.ingest import clean

    text = unicodedata.normalize("NFC", clean.repair_mojibake(text))
    for old in ("\r\n", "\r", "\u2028", "\u2029"):
        text = text.replace(old, "\n")
    for pattern in (clean._ANSI, clean._CONTROLS, clean._BIDI):
        text = pattern.sub("", text)
    text = clean._ZERO_WIDTH.sub("", clean._ODD_SPACES.sub(" ", text))
    text = re.sub(r" {2,}", " ", re.sub(r"(?<=[a-z]),(?=[A-Z][a-z])", ", ", text))
    return "\n".join(line.strip() for line in text.split("\n")).strip("\n")


_ALPHABET = (
    "ab,Z 1\t\n\r\x1b[0m\x07\x9b\u00a0\u2009\u200b\u202e\u2028\u2029e\u0301\u00c3\u00a9\u2019"
)


@given(st.text(alphabet=_ALPHABET, max_size=60))
@example("1,Zab,Zb\t\u2029b")
def test_clean_text_skips_only_what_changes_nothing(text: str) -> None:
    assert clean_text(text) == _clean_step_by_step(text)
