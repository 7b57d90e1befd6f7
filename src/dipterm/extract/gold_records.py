"""Gold records that name an article by its line in a JSON Lines corpus (a "record" key).

A corpus whose licence keeps its texts out of the repository (the GPL-3 KCNA 2011-2012 records)
is annotated where it lies: each gold record names the corpus line and its link, and quotations
name character spans of the record's text instead of copying the words.
"""

from __future__ import annotations

import json
from pathlib import Path

from dipterm.errors import InputError
from dipterm.ingest.records import draft_from_record
from dipterm.models import ArticleDraft

# Where the shared corpus lies beside a checkout: ../shared/corpus/kcna-2011-2012/ (or further up,
# for a worktree kept in a subfolder).
SHARED_CORPUS = Path("shared") / "corpus" / "kcna-2011-2012"


def names_records(gold: list[dict]) -> bool:
    """Whether any gold record names its article by corpus record."""
    return any("record" in record for record in gold)


def default_corpus(gold_path: Path) -> Path | None:
    """The shared corpus's JSON Lines file nearest above the gold file's repository, if any."""
    for folder in gold_path.resolve().parents[1:]:
        files = sorted((folder / SHARED_CORPUS).glob("*.jsonl"))
        if files:
            return files[0]
    return None


def corpus_file(path: Path) -> Path:
    """A corpus given as its file or as the folder holding exactly one JSON Lines file."""
    if path.is_dir():
        files = sorted(path.glob("*.jsonl"))
        if len(files) != 1:
            raise InputError(f"{path} holds {len(files)} .jsonl files; name one with --corpus")
        return files[0]
    if not path.is_file():
        raise InputError(f"no corpus file {path} (name it with --corpus)")
    return path


def corpus_articles(
    gold_path: Path, gold: list[dict], corpus: Path | None
) -> dict[int, tuple[ArticleDraft, str]]:
    """The articles the gold records name by corpus line, read from corpus (a file or its folder)
    or the shared corpus beside the repository; none if no record names one."""
    if not names_records(gold):
        return {}
    corpus = corpus or default_corpus(gold_path)
    if corpus is None:
        raise InputError(
            f"{gold_path.name} names records of a corpus that is not here "
            f"(../{SHARED_CORPUS}/*.jsonl); name its file with --corpus"
        )
    return read_corpus_records(corpus_file(corpus), gold)


def read_corpus_records(corpus: Path, gold: list[dict]) -> dict[int, tuple[ArticleDraft, str]]:
    """The articles of the corpus lines the gold records name, checked against their links, each
    with its record's raw text (which quotation spans count in)."""
    wanted = {record_line(r): r["record"].get("link") for r in gold if "record" in r}
    found: dict[int, tuple[ArticleDraft, str]] = {}
    with corpus.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if number not in wanted:
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"{corpus}:{number}: not JSON ({exc.msg})") from exc
            link = wanted[number]
            if link and record.get("link") != link:
                raise InputError(
                    f"{corpus}:{number} is {record.get('link')}, not the annotated {link} "
                    "(another edition of the corpus?)"
                )
            draft = draft_from_record(record, f"{corpus}#{number}", {})
            found[number] = (draft, str(record.get("text") or ""))
    missing = sorted(set(wanted) - set(found))
    if missing:
        raise InputError(f"{corpus} has no line {missing[0]} (another edition of the corpus?)")
    return found


def quotes_of(record: dict, text: str) -> list[dict]:
    """The gold record's quotations, spans resolved to the words of the record's text."""
    quotes = []
    for quote in record.get("quotes") or []:
        if "span" in quote:
            start, end = quote["span"]
            quote = {"speaker": quote.get("speaker"), "text": text[start:end]}
        quotes.append(quote)
    return quotes


def record_line(record: dict) -> int:
    """The corpus line a gold record names."""
    line = record["record"].get("line") if isinstance(record["record"], dict) else None
    if not isinstance(line, int) or line < 1:
        raise InputError('a gold "record" needs a "line" number (and the record\'s "link")')
    return line
