"""Bytes to text: BOMs, UTF-16 without BOM, UTF-8, and legacy single-byte encodings, detected."""

from __future__ import annotations

import codecs

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

    A Latin code page is taken where its reading is of one language (`code_pages`). Otherwise
    charset-normalizer ranks the code pages; it often ranks another Latin code page first for
    Western European text with letters of several languages (cp1257 reads "naïve" as "naďve"),
    so cp1252 is taken when it reads every byte beyond ASCII as a Western European letter and
    either the text's words are of a Western European language or charset-normalizer ranks
    cp1252 or Latin-1 about as well as its first."""
    from charset_normalizer import from_bytes

    from dipterm.ingest.code_pages import latin_reading
    from dipterm.ingest.language import detect_language

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
    """Whether the bytes read as Windows-1251 are nine tenths Cyrillic beyond ASCII, with no
    capital after a small letter nor sign after a letter (UTF-8 `Łódź` reads `ХЃГіdХєЂ`)."""
    from dipterm.ingest.code_pages import odd_signs

    try:
        text = data.decode("cp1251")
    except UnicodeDecodeError:
        return False
    beyond_ascii = [c for c in text if ord(c) > 127]
    cyrillic = sum(1 for c in beyond_ascii if "\u0400" <= c <= "\u04ff")
    return cyrillic * 10 >= len(beyond_ascii) * 9 and odd_signs(text) == 0


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
    try:
        korean = data.decode("cp949")
    except UnicodeDecodeError:
        korean = ""
    beyond_ascii = [c for c in korean if ord(c) > 127]
    hangul = sum(1 for c in beyond_ascii if "\uac00" <= c <= "\ud7a3")
    if korean and hangul * 2 >= len(beyond_ascii):
        return False
    if _reads_as_cyrillic(data):
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
