"""Cleaning text as scraped: odd spaces, control characters, terminal escapes, run-on punctuation."""

from __future__ import annotations

import re
import unicodedata

# Terminal escape sequences: CSI (ESC [ ... final), OSC (ESC ] ... BEL or ST), and two-byte escapes.
_ANSI = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"
    r"|\x1b[@-Z\\-_]?"
    r"|\x9b[0-?]*[ -/]*[@-~]"
)
# C0 and C1 controls except tab and newline; DEL.
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# NBSP, the typographic spaces, the ideographic space: all become a plain space.
_ODD_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t]")
# Zero-width characters, BOMs and private-use characters carry nothing a reader sees.
_ZERO_WIDTH = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad\ue000-\uf8ff]")
# Bidirectional controls can reorder what a terminal shows.
_BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069\u200e\u200f]")
_RUNS_OF_SPACES = re.compile(r" {2,}")
# "peninsula,Kim": a comma glued to the next word by the scraper (digits as in 1,000 are left alone).
_GLUED_COMMA = re.compile(r",(?<=[a-z],)(?=[A-Z][a-z])")  # the comma first: a search skips to it
# "on Friday.Present at": a sentence glued to the next where the scraper dropped a paragraph
# break; not inside an address ("www.Example.org", "kim.Ri@x.kp") or after initials ("U.S."):
# the word before holds two letters at least, the last one small, no dot, slash or @, and is no
# abbreviation ("Mt.Paektu"); the word after holds none of an address's marks.
_GLUED_STOP = re.compile(r"[.!?](?<=[A-Za-z][a-z][.!?])(?=[A-Z][a-z])")
_WORD_BEFORE = re.compile(r"[^\s.,;:/@]+$")
_WORD_AFTER = re.compile(r"\S{1,60}")
_BEFORE_A_WORD = frozenset(" \n([\"'\u201c\u2018")
_ADDRESS_PART = re.compile(r"[@/]|\.[a-z]")  # "Ri@x.kp", "Example.org": the rest of an address

_QUOTE_FOLD = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'",
                             "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2032": "'",
                             "\u2013": "-", "\u2014": "-"})  # fmt: skip


# The first character of anything strip_terminal_controls removes: an escape sequence begins
# with ESC or CSI, both controls.
_ANY_CONTROL = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f]"
)


def strip_terminal_controls(text: str) -> str:
    """Remove escape sequences, control and bidi characters, so nothing can drive a terminal."""
    if not _ANY_CONTROL.search(text):
        return text  # most texts: one search instead of three substitutions
    text = _ANSI.sub("", text)
    text = _CONTROLS.sub("", text)
    return _BIDI.sub("", text)


def one_line(text: str) -> str:
    """A field read or shown on one line (title, source, byline, url, language, origin): nothing
    that can drive a terminal, and each run of whitespace, tabs and newlines too, one space (a
    tab or newline in it would forge a row of tab-separated output)."""
    return " ".join(strip_terminal_controls(text).split())


def _clean_spaces(text: str) -> str:
    """Odd spaces made plain, zero-width characters dropped, runs of spaces made one. None of
    these crosses a newline, so a whole text is done at once rather than line by line."""
    if text.isascii():  # of the odd spaces and zero-width characters, ASCII has only the tab
        text = text.replace("\t", " ")
    else:
        text = _ZERO_WIDTH.sub("", _ODD_SPACES.sub(" ", text))
    if "," in text:
        text = _GLUED_COMMA.sub(", ", text)
    text = unglue_stops(text)
    return _RUNS_OF_SPACES.sub(" ", text) if "  " in text else text


def unglue_stops(text: str) -> str:
    """ "on Friday.Present at" -> "on Friday. Present at" (see _GLUED_STOP)."""
    return _GLUED_STOP.sub(_unglue_stop, text)


def _abbreviation(word: str) -> bool:
    from dipterm.extract.sentences import ABBREVIATIONS  # "Mt.Paektu", "Dr.Kim": as written

    return word.lower() in ABBREVIATIONS or word.lower() == "www"


def _unglue_stop(m: re.Match[str]) -> str:
    before = m.string[max(0, m.start() - 40) : m.start()]
    word = _WORD_BEFORE.search(before)
    after = _WORD_AFTER.match(m.string, m.end())
    glued = (
        word is not None
        # the whole word, after a space or a bracket: not the end of an address, nor the window's
        and (
            before[word.start() - 1 : word.start()] in _BEFORE_A_WORD
            if word.start()
            else m.start() < 40
        )
        and not _abbreviation(word.group())
        and not (after and _ADDRESS_PART.search(after.group()))
    )
    return f"{m.group()} " if glued else m.group()


_MOJIBAKE = re.compile("[\u00c2\u00c3][\u0080-\u00bf]|\u00e2\u20ac|\u00c3[\u00a0-\u00bf]")


def repair_mojibake(text: str) -> str:
    """UTF-8 read as Latin-1 or cp1252 ("Workersâ€™ Party"), put right where that is unambiguous."""
    if not _MOJIBAKE.search(text):
        return text
    import ftfy

    return ftfy.fix_encoding(text)


def clean_text(text: str) -> str:
    """Normalise a whole text: NFC, one kind of newline, no controls or odd spaces, trimmed lines.

    Curly quotes and apostrophes stay as written; search folds them (see fold_quotes).
    """
    is_ascii = text.isascii()  # ASCII is in NFC, holds neither mojibake nor Unicode line breaks
    if not is_ascii:
        text = unicodedata.normalize("NFC", repair_mojibake(text))
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not is_ascii:
        text = text.replace("\u2028", "\n").replace("\u2029", "\n")
    text = _clean_spaces(strip_terminal_controls(text))
    return "\n".join(line.strip() for line in text.split("\n")).strip("\n")


def fold_quotes(text: str) -> str:
    """Curly quotes and dashes to their ASCII forms (for comparison, never for storage)."""
    return text.translate(_QUOTE_FOLD)


def content_hash(title: str, body: str) -> str:
    """The identity of an article: its normalised body (the title when there is no body).

    Case, quote style and whitespace do not change it, so the same story from a page and from a
    JSON record is one article.
    """
    basis = body if body.strip() else title
    normal = " ".join(fold_quotes(unicodedata.normalize("NFKC", basis)).casefold().split())
    import hashlib  # here: OpenSSL's load is a search's cost otherwise, and only imports hash

    return hashlib.sha256(normal.encode("utf-8")).hexdigest()


def word_count(text: str) -> int:
    return len(re.findall(r"[^\W_]+(?:['\u2019][^\W_]+)*", text))
