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
    salvaged = data.decode("utf-8", errors="replace")
    if any(ord(c) > 127 and c != "\ufffd" for c in salvaged):
        raise InputError(f"invalid UTF-8 at byte {first_error}")
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is None or best.encoding is None:
        raise InputError("cannot tell the text encoding")
    try:
        return data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        raise InputError(f"cannot decode the text as {best.encoding}") from exc


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
    salvaged = sample.decode("utf-8", errors="replace")
    if any(ord(c) > 127 and c != "\ufffd" for c in salvaged):
        return "utf-8"  # damaged UTF-8: the bad record will say so
    from charset_normalizer import from_bytes

    best = from_bytes(sample).best()
    return best.encoding if best and best.encoding else "utf-8"
