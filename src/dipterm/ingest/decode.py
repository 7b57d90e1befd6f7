"""Bytes to text: BOMs, UTF-16 without BOM, UTF-8, and legacy single-byte encodings, detected."""

from __future__ import annotations

import codecs
import re

from dipterm.errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text of mostly ASCII has a NUL in every other byte."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even_nuls = sample[0::2].count(0) / len(sample[0::2])
    odd_nuls = sample[1::2].count(0) / len(sample[1::2])
    encoding = "utf-16-le" if odd_nuls > 0.4 and even_nuls < 0.05 else None
    if even_nuls > 0.4 and odd_nuls < 0.05:
        encoding = "utf-16-be"
    if encoding is None:
        return None
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


# What Western European text in Windows-1252 or Latin-1 holds beyond ASCII: the letters of its
# languages (not Icelandic's ð and þ, which are Baltic and Polish letters read in the wrong code
# page) and the punctuation of its typesetting.
_WESTERN = frozenset(
    "àáâãäåæçèéêëìíîïñòóôõöøùúûüýÿœšžßÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜÝŸŒŠŽ“”‘’„‚–—…«»‹›€£©®°·§¡¿•™ºª "
)
_WESTERN_CODE_PAGES = ("cp1252", "latin_1", "iso8859_15")
_WESTERN_LANGUAGES = ("en", "fr", "es", "de")


def _western(sample: bytes) -> str | None:
    """cp1252 (else Latin-1, for the bytes cp1252 leaves undefined) where that reading of the
    sample gives only Western European letters and punctuation, else None."""
    for encoding in ("cp1252", "latin_1"):
        try:
            text = sample.decode(encoding)
        except UnicodeDecodeError:
            continue
        if all(c in _WESTERN for c in set(text) if ord(c) > 127):
            return encoding
    return None


def legacy_encoding(sample: bytes) -> str | None:
    """The single- or double-byte encoding of text that is not UTF-8, or None when none fits.

    A Latin code page is taken where its reading is of one language (`code_pages`), Windows-1251
    where its reading is Russian, Ukrainian or Bulgarian words, CP949 (a superset of EUC-KR)
    where its reading is mostly Hangul. Otherwise charset-normalizer ranks the code pages; it often ranks another Latin code page first for
    Western European text with letters of several languages (cp1257 reads "naïve" as "naďve"),
    so cp1252 is taken when it reads every byte beyond ASCII as a Western European letter and
    either the text's words are of a Western European language or charset-normalizer ranks
    cp1252 or Latin-1 about as well as its first."""
    from charset_normalizer import from_bytes

    from dipterm.ingest.code_pages import latin_reading
    from dipterm.ingest.language import detect_language

    # Korean, then Cyrillic, before Latin: Latin text never reads as either (its words are half
    # ASCII letters, and most of its accents do not read as CP949), while a short Bulgarian
    # "на е" reads as Slovak "íŕ ĺ", and Korean "해 수" as Cyrillic "ЗШ јц".
    if _reads_as_korean(sample):
        return "cp949"
    if _reads_as_cyrillic(sample):
        return "cp1251"
    latin = latin_reading(sample)
    if latin is not None:
        return latin.encoding
    matches = list(from_bytes(sample))
    best = matches[0] if matches else None
    western = _western(sample)
    if western and best is not None and best.encoding not in _WESTERN_CODE_PAGES:
        language = detect_language(sample.decode(western))
        close = any(
            m.encoding in _WESTERN_CODE_PAGES and m.chaos <= best.chaos + 0.1 for m in matches
        )
        if language in _WESTERN_LANGUAGES or close:
            return western
    if best is None or best.encoding is None:
        return western
    return best.encoding


def _reads_as_cyrillic(data: bytes) -> bool:
    """Whether the bytes read as Windows-1251 are words of Cyrillic letters: nine tenths of what
    is beyond ASCII Cyrillic, and a fifth of all letters; no word half Latin (`cafй` is Latin
    text misread), no capital after a small letter nor sign after a letter (UTF-8 `Łódź` reads
    `ХЃГіdХєЂ`)."""
    from dipterm.ingest.code_pages import odd_signs

    try:
        text = data.decode("cp1251")
    except UnicodeDecodeError:
        return False
    beyond_ascii = [c for c in text if ord(c) > 127]
    cyrillic = sum(1 for c in beyond_ascii if "\u0400" <= c <= "\u04ff")
    if not beyond_ascii or cyrillic * 10 < len(beyond_ascii) * 9 or odd_signs(text):
        return False
    letters = sum(1 for c in text if c.isalpha())
    return cyrillic * 5 >= letters and not _MIXED_WORD.search(text)


# A word with a Latin letter next to a Cyrillic one.
_MIXED_WORD = re.compile(r"[A-Za-z][\u0400-\u04ff]|[\u0400-\u04ff][A-Za-z]")


def _hangul(data: bytes) -> tuple[int, int, int, int, int]:
    """In the bytes read as CP949: the characters beyond ASCII, the Hangul syllables among them,
    those of them EUC-KR also has (the common ones), the spaces and the ASCII letters; zeros
    where the bytes do not read whole."""
    try:
        text = data.decode("cp949")
    except UnicodeDecodeError:
        return 0, 0, 0, 0, 0
    beyond_ascii = [c for c in text if ord(c) > 127]
    hangul = [c for c in beyond_ascii if "\uac00" <= c <= "\ud7a3"]
    common = sum(1 for c in hangul if _in_euc_kr(c))
    ascii_letters = sum(1 for c in text if c.isascii() and c.isalpha())
    return len(beyond_ascii), len(hangul), common, text.count(" "), ascii_letters


def _in_euc_kr(char: str) -> bool:
    try:
        char.encode("euc-kr")
    except UnicodeEncodeError:
        return False
    return True


def _reads_as_korean(data: bytes) -> bool:
    """Whether the bytes read as CP949 (or EUC-KR, which it holds) are Korean: nine tenths of what
    is beyond ASCII Hangul, nine tenths of that the common syllables EUC-KR has (Shift-JIS reads
    as rare ones), words spaced as Korean spaces them (Chinese in GBK reads as Hangul and Hanja,
    unspaced), and a syllable for every eight ASCII letters at least (German "Änderungen" in
    Windows-1252 reads "훞derungen"). Damaged UTF-8 is told from Korean by a looser rule: half
    Hangul."""
    beyond, hangul, common, spaces, ascii_letters = _hangul(data)
    return (
        beyond > 0
        and hangul * 10 >= beyond * 9
        and common * 10 >= hangul * 9
        and spaces * 10 >= hangul
        and hangul * 8 >= ascii_letters
    )


def _damaged_utf8(data: bytes) -> bool:
    """Whether bytes that are not UTF-8 are UTF-8 with broken bytes rather than a legacy encoding:
    some of what is beyond ASCII reads as UTF-8. Text in a legacy encoding has a pair of bytes
    that happens to be a UTF-8 character now and then (Korean about one for six broken bytes; a
    capital then `ł`, `š` or Ukrainian `і` in Windows-1250 or -1251), so bytes that read whole
    as CP949 mostly in Hangul, as Windows-1251 nearly all Cyrillic, or as one language in a Latin
    code page with no sign out of place are that text, not damaged UTF-8."""
    from dipterm.ingest.code_pages import latin_reading

    salvaged = data.decode("utf-8", errors="replace")
    if not any(ord(c) > 127 and c != "\ufffd" for c in salvaged):
        return False
    beyond, hangul, *_ = _hangul(data)
    if (beyond and hangul * 2 >= beyond) or _reads_as_cyrillic(data):
        return False
    latin = latin_reading(data)
    return latin is None or latin.odd > 0


def decode(data: bytes) -> str:
    """The text in data. Raises InputError for binary data or text in no encoding it can tell."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(f"invalid {encoding.upper()} text at byte {exc.start}") from exc
    if b"\x00" in data:
        text = _utf16_without_bom(data)
        if text is None:
            raise InputError("binary file, not text")
        return text
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        first_error = exc.start
    # Mostly UTF-8 with broken bytes is damaged UTF-8, not a legacy encoding: say so.
    if _damaged_utf8(data[:200_000]):
        raise InputError(f"invalid UTF-8 at byte {first_error}")
    encoding = legacy_encoding(data[:200_000])
    if encoding is None:
        raise InputError("cannot tell the text encoding")
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        raise InputError(f"cannot decode the text as {encoding}") from exc


def detect_encoding(sample: bytes) -> str:
    """The encoding of a stream, from its first bytes (a BOM, UTF-8, else a detected one)."""
    for bom, encoding in _BOMS:
        if sample.startswith(bom):
            return encoding
    if b"\x00" in sample and _utf16_without_bom(sample[: len(sample) // 2 * 2]) is not None:
        return "utf-16-le" if sample[1:2] == b"\x00" else "utf-16-be"
    try:
        sample.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        if exc.start >= len(sample) - 4:
            return "utf-8"  # a character cut at the end of the sample
    if _damaged_utf8(sample):
        return "utf-8"  # damaged UTF-8: the bad record will say so
    return legacy_encoding(sample) or "utf-8"
