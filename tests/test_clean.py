from dipterm.ingest.clean import clean_text, content_hash, strip_terminal_controls


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


def test_content_hash_ignores_case_quotes_and_spacing():
    a = content_hash("T", "The Workers\u2019 Party  of Korea")
    b = content_hash("Other title", "the workers' party of\nkorea")
    assert a == b
    assert a != content_hash("T", "The Workers' Party of Japan")
