"""Corpora of records: a JSON list, JSON Lines, CSV. One article a record, with the field names
common scrapers use, or those given by --map. Read as a stream: memory does not grow with the file."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import IO, Any

from dipterm.errors import InputError
from dipterm.extract.dates import (
    DateOrder,
    DayOrder,
    date_of_url,
    make_date,
    numeric_date,
    parse_date,
    search_date,
)
from dipterm.extract.sources import outlet_of_url
from dipterm.ingest.decode import detect_encoding
from dipterm.ingest.language import detect_language
from dipterm.ingest.text import article_from_fields
from dipterm.models import ArticleDraft, PartialDate

# Field -> the record keys that may hold it, most specific first (matched ignoring case).
FIELD_NAMES: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline", "heading", "subject", "name"),
    "date": ("date", "published", "pubdate", "pub_date", "publication_date", "date_published",
             "published_at", "datetime", "date_str", "time", "timestamp"),
    "body": ("body", "text", "content", "story_text", "article", "story", "full_text", "fulltext",
             "article_text", "contents", "paragraphs"),
    "source": ("source", "outlet", "publisher", "site_name", "site", "media", "newspaper"),
    "url": ("url", "link", "href", "permalink", "uri", "urls", "links"),
    "lang": ("language", "lang", "locale"),
    "byline": ("byline", "author", "authors"),
}  # fmt: skip
CONTAINER_KEYS = ("articles", "items", "data", "records", "results", "documents", "docs")
Record = tuple[str, dict[str, Any] | None, str | None]  # (origin, record, reason it is unusable)


def parse_mapping(text: str | None) -> dict[str, str]:
    """--map body=content,date=pub -> {"body": "content", "date": "pub"}."""
    mapping: dict[str, str] = {}
    for part in (text or "").split(","):
        if not part.strip():
            continue
        field, sep, key = part.partition("=")
        field = field.strip().lower()
        if not sep or not key.strip() or field not in FIELD_NAMES:
            raise InputError(
                f"--map takes FIELD=KEY pairs, FIELD one of {', '.join(FIELD_NAMES)}; got {part!r}"
            )
        mapping[field] = key.strip()
    return mapping


def _lowered(record: dict[str, Any]) -> dict[str, Any]:
    """A record under lower-cased keys: Title, TITLE and title are one field."""
    return {str(k).lower(): v for k, v in record.items()}


def _pick_key(
    lowered: dict[str, Any], field: str, mapping: dict[str, str]
) -> tuple[str | None, Any]:
    """The key that holds a field, and its value: the first key with a value, else the first key
    present (empty), else (None, None)."""
    if field in mapping:
        key = mapping[field].lower()
        return (key, lowered[key]) if key in lowered else (None, None)
    present = None
    for key in FIELD_NAMES[field]:
        value = lowered.get(key)
        if value not in (None, "", []):
            return key, value
        if key in lowered and present is None:
            present = key
    return present, None


def _pick(lowered: dict[str, Any], field: str, mapping: dict[str, str]) -> Any:
    return _pick_key(lowered, field, mapping)[1]


def date_value(record: dict[str, Any], mapping: dict[str, str]) -> Any:
    """What a record gives as its date, as written."""
    return _pick(_lowered(record), "date", mapping)


def record_date(
    value: Any, order: DayOrder | None = None, *, strict: bool = False
) -> PartialDate | None:
    """Epoch seconds or milliseconds, ISO dates and datetimes, "Jun 1, 2018", and "15/02/2024" in
    the order its column reads (order; a value only one order reads is read so anyway). A number
    beyond any calendar (1e300, Infinity) is None, or with strict (a record's own date field)
    an InputError that skips the record with its reason."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, str) and re.fullmatch(r"\s*-?\d{9,14}(?:\.\d+)?\s*", value):
        value = float(value)
    if isinstance(value, int | float):
        given = value
        try:
            if abs(value) >= 1e11:
                value = value / 1000
            if abs(value) >= 1e8:
                moment = datetime.fromtimestamp(value, UTC)
                return PartialDate(moment.year, moment.month, moment.day)
            return make_date(int(value)) if 1000 <= value <= 9999 else None
        except (OverflowError, OSError, ValueError) as exc:  # 1e300, Infinity, -99999999999
            if not strict:
                return None
            raise InputError(f"impossible date {str(given)[:24]}") from exc
    text = str(value).strip()
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})[T ]", text)
    if m:
        return make_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    return numeric_date(text, order) or parse_date(text) or search_date(text)


def _text(value: Any) -> str:
    if isinstance(value, list):
        return "\n\n".join(_text(v) for v in value if v)
    if isinstance(value, dict):
        return _text(value.get("text") or value.get("content") or "")
    return "" if value is None else str(value)


def _urls(lowered: dict[str, Any], mapping: dict[str, str]) -> list[str]:
    """Every url the record gives (a "url" and a list of "urls" alike), first one first."""
    keys = [mapping["url"].lower()] if "url" in mapping else FIELD_NAMES["url"]
    found: list[str] = []
    for key in keys:
        value = lowered.get(key)
        for url in value if isinstance(value, list) else [value]:
            if url and isinstance(url, str) and url not in found:
                found.append(url)
    return found


def draft_from_record(
    record: dict[str, Any],
    origin: str,
    mapping: dict[str, str],
    date_order: DayOrder | None = None,
) -> ArticleDraft:
    """One record as an article; date_order: how its file's numeric dates read. Raises
    InputError when the record holds no article text."""
    fields = _lowered(record)
    body_key, body_value = _pick_key(fields, "body", mapping)
    body = _text(body_value)
    if not body.strip():
        if body_key is not None:  # the text's key is there: --map cannot help
            raise InputError(f"{_original_key(record, body_key)} is empty")
        keys = ", ".join(map(str, list(record)[:8]))
        raise InputError(f"no article text (keys: {keys}; name the text with --map body=KEY)")
    urls = _urls(fields, mapping)
    url = urls[0] if urls else None
    source = _pick(fields, "source", mapping)
    lang = _pick(fields, "lang", mapping)
    date_key, date = _pick_key(fields, "date", mapping)
    published, published_from = (
        record_date(date, date_order, strict=True),
        f"record {_original_key(record, date_key)}",
    )
    if published is None:
        # A record without a date takes the one its url writes ("newsID=2021-07-08-0004").
        published, published_from = date_of_url(url), "url"
    draft = article_from_fields(
        title=_text(_pick(fields, "title", mapping)),
        body=body,
        origin=origin,
        published=published,
        published_from=published_from,
        source=str(source) if source else (outlet_of_url(url) if url else None),
        byline=_text(_pick(fields, "byline", mapping)) or None,
        url=url,
        urls=urls[1:],
        year=_year(fields.get("year")),
    )
    # A label can be wrong (Spanish items labelled English): trust the text where it is clear.
    draft.lang = detect_language(draft.body) or (str(lang).lower()[:8] if lang else None)
    return draft


def _year(value: Any) -> int | None:
    """A record's "year" (2024, "2024"), a context for its dateline."""
    text = str(value).strip() if isinstance(value, int | str) else ""
    return int(text) if re.fullmatch(r"(?:19[4-9]|20\d)\d", text) else None


def _original_key(record: dict[str, Any], lowered_key: str | None) -> str:
    """A key as the record writes it ("Story_Text"), from its lower-cased form."""
    return next((str(k) for k in record if str(k).lower() == lowered_key), str(lowered_key))


# ---------------------------------------------------------------- readers


# A line of JSON Lines that may hold a numeric date ("15/02/2024"): only those are read twice.
_NUMERIC_DATE_BYTES = re.compile(rb"\d{1,2}[/.-]\d{1,2}[/.-]\d{4}")


def read_json(
    handle: IO[bytes], origin: str, mapping: dict[str, str], dates: DateOrder
) -> Iterator[Record]:
    """The records of a JSON list; dates learns the order of their numeric dates first."""
    data = handle.read()
    try:
        from dipterm.ingest.decode import decode

        value = json.loads(decode(data))
    except json.JSONDecodeError as exc:
        raise InputError(f"not valid JSON (line {exc.lineno}: {exc.msg})") from exc
    except ValueError as exc:  # an integer of thousands of digits
        raise InputError("not valid JSON (a number too long to read)") from exc
    if isinstance(value, dict):
        inner = next((value[k] for k in CONTAINER_KEYS if isinstance(value.get(k), list)), None)
        value = inner if inner is not None else [value]
    if not isinstance(value, list):
        raise InputError("JSON holds no records: expected a list of objects")
    if value and not any(isinstance(item, dict) for item in value):
        raise InputError("JSON is a list, but not of records (objects)")
    for item in value:
        if isinstance(item, dict):
            dates.observe(date_value(item, mapping))
    for number, item in enumerate(value, 1):
        where = f"{origin}#{number}"
        if isinstance(item, dict):
            yield where, item, None
        else:
            yield where, None, "not a record (an object)"


def read_jsonl(
    handle: IO[bytes], origin: str, mapping: dict[str, str], dates: DateOrder
) -> Iterator[Record]:
    """The records of JSON Lines; dates learns the order of their numeric dates first (the lines
    that may hold one are read twice: the file, or standard input held in memory, is rewound)."""
    encoding = detect_encoding(handle.peek(65536)[:65536] if hasattr(handle, "peek") else b"")
    start = handle.tell()
    for raw in handle:
        if _NUMERIC_DATE_BYTES.search(raw):
            with contextlib.suppress(ValueError, RecursionError):
                item = json.loads(raw.decode(encoding))
                if isinstance(item, dict):
                    dates.observe(date_value(item, mapping))
    handle.seek(start)
    for number, raw in enumerate(handle, 1):
        where = f"{origin}#{number}"
        try:
            line = raw.decode(encoding).strip().lstrip("\ufeff")
        except UnicodeDecodeError as exc:
            yield where, None, f"invalid {encoding} text at byte {exc.start} of the line"
            continue
        if not line:
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            yield where, None, f"not JSON ({exc.msg})"
            continue
        except ValueError:  # an integer of thousands of digits
            yield where, None, "not JSON (a number too long to read)"
            continue
        if isinstance(item, dict):
            yield where, item, None
        else:
            yield where, None, "not a record (an object)"


def read_csv(
    handle: IO[bytes], origin: str, mapping: dict[str, str], dates: DateOrder
) -> Iterator[Record]:
    """The rows of a CSV file; dates learns the order of the date column first (the file, or
    standard input held in memory, is read twice)."""
    csv.field_size_limit(1 << 30)
    peeked = handle.peek(65536)[:65536] if hasattr(handle, "peek") else b""
    encoding = detect_encoding(peeked)
    stream = io.TextIOWrapper(handle, encoding=encoding, errors="strict", newline="")
    try:
        # The header line says the delimiter; quoting is the standard one (csv.Sniffer guesses
        # wrong on a sample that ends inside a quoted field).
        header = peeked.decode(encoding, errors="ignore").split("\n", 1)[0]
        delimiter = max(",;\t|", key=header.count) if header else ","
        start = handle.tell()
        # A row the reading below stops at (bad bytes) stops this first reading where it is.
        with contextlib.suppress(UnicodeDecodeError, csv.Error):
            for row in csv.DictReader(stream, delimiter=delimiter):
                dates.observe(date_value(row, mapping))
        stream.detach()
        handle.seek(start)
        stream = io.TextIOWrapper(handle, encoding=encoding, errors="strict", newline="")
        reader = csv.DictReader(stream, delimiter=delimiter)
        columns = [c.lower() for c in reader.fieldnames or []]
        body_keys = [mapping["body"].lower()] if "body" in mapping else list(FIELD_NAMES["body"])
        if not any(k in columns for k in body_keys):
            raise InputError(
                f"no column of article text (columns: {', '.join(reader.fieldnames or []) or 'none'}; "
                "name it with --map body=COLUMN)"
            )
        for number, row in enumerate(reader, 2):
            yield f"{origin}#{number}", row, None
    except UnicodeDecodeError as exc:
        raise InputError(f"invalid text encoding in the CSV ({exc.reason})") from exc
