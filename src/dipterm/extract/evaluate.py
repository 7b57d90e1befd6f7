"""Scoring extraction against hand annotations (the gold format of eval/gold-seeds.jsonl).

Per field, precision, recall and F1 over all records: people (names), roles (person, role),
offices (person, the office a role reads as: both sides read by extract/offices.py, so the field
measures role extraction whatever the wording, fragments and ranks left out), organizations, places, countries, events (type, date), event dates, event places and participants, quotes
(speaker and words; near-identical words count).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz

from dipterm.errors import InputError
from dipterm.extract import gold_files, gold_records
from dipterm.extract.analyse import analyse
from dipterm.extract.gazetteer import name_key
from dipterm.extract.offices import OFFICE, offices_of
from dipterm.ingest.clean import fold_quotes
from dipterm.ingest.decode import decode
from dipterm.ingest.text import parse_text
from dipterm.models import Extraction

FIELDS = (
    "people", "roles", "offices", "organizations", "places", "countries", "events", "event_dates",
    "event_places", "event_participants", "quotes",
)  # fmt: skip
QUOTE_SIMILARITY = 90.0


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    scores: dict[str, Score] = field(default_factory=lambda: {f: Score() for f in FIELDS})
    misses: list[dict] = field(default_factory=list)  # per record: what was missed or extra
    records: int = 0

    def as_dict(self) -> dict:
        return {
            "records": self.records,
            "fields": {
                name: {"precision": round(s.precision, 4), "recall": round(s.recall, 4),
                       "f1": round(s.f1, 4), "tp": s.tp, "fp": s.fp, "fn": s.fn}
                for name, s in self.scores.items()
            },
            "misses": self.misses,
        }  # fmt: skip


def _norm(text: str | None) -> str:
    return " ".join(fold_quotes(text or "").casefold().split())


def _sets(record: dict) -> dict[str, set]:
    people = record.get("people") or []
    events = record.get("events") or []
    return {
        "people": {name_key(p["name"]) for p in people},
        "roles": {(name_key(p["name"]), _norm(r)) for p in people for r in p.get("roles") or []},
        "offices": {
            (name_key(p["name"]), office.key)
            for p in people
            for office in offices_of(p.get("roles") or [])
            if office.kind == OFFICE
        },
        "organizations": {name_key(_name(o)) for o in record.get("organizations") or []},
        "places": {name_key(_name(o)) for o in record.get("places") or []},
        "countries": {name_key(_name(o)) for o in record.get("countries") or []},
        "events": {(e["type"], e.get("date")) for e in events},
        # The days events took place on, whatever the event was called: a date read right counts
        # even where the event's type was not.
        "event_dates": {e["date"] for e in events if e.get("date")},
        "event_places": {
            (e["type"], e.get("date"), name_key(e.get("place") or "")) for e in events
        },
        "event_participants": {
            (e["type"], e.get("date"), name_key(p))
            for e in events
            for p in e.get("participants") or []
        },
    }


def _name(item: str | dict) -> str:
    return item["name"] if isinstance(item, dict) else item


def extraction_record(extraction: Extraction) -> dict:
    """An extraction in the gold format."""
    return {
        "people": [{"name": p.name, "roles": list(p.roles)} for p in extraction.people],
        "organizations": [o.name for o in extraction.organizations],
        "places": [o.name for o in extraction.places],
        "countries": [o.name for o in extraction.countries],
        "events": [
            {"type": e.type, "date": e.date.iso if e.date else None, "place": e.place,
             "participants": list(e.participants)}
            for e in extraction.events
        ],
        "quotes": [{"speaker": q.speaker, "text": q.text} for q in extraction.quotes],
    }  # fmt: skip


def _match_quotes(gold: list[dict], found: list[dict]) -> tuple[int, list, list]:
    left = list(found)
    tp = 0
    missed = []
    for g in gold:
        match = next(
            (f for f in left
             if name_key(f.get("speaker") or "") == name_key(g.get("speaker") or "")
             and fuzz.ratio(_norm(f["text"]), _norm(g["text"])) >= QUOTE_SIMILARITY),
            None,
        )  # fmt: skip
        if match:
            tp += 1
            left.remove(match)
        else:
            missed.append(g)
    return tp, missed, left


def score(report: Report, gold: dict, found: dict) -> None:
    report.records += 1
    want, got = _sets(gold), _sets(found)
    miss: dict = {"file": gold.get("file")} if "file" in gold else {"record": gold.get("record")}
    for name, expected in want.items():
        s = report.scores[name]
        s.tp += len(expected & got[name])
        s.fp += len(got[name] - expected)
        s.fn += len(expected - got[name])
        if expected != got[name]:
            miss[name] = {"missed": sorted(map(str, expected - got[name])),
                          "extra": sorted(map(str, got[name] - expected))}  # fmt: skip
    tp, missed, extra = _match_quotes(gold.get("quotes") or [], found.get("quotes") or [])
    q = report.scores["quotes"]
    q.tp, q.fn, q.fp = q.tp + tp, q.fn + len(missed), q.fp + len(extra)
    if missed or extra:
        miss["quotes"] = {"missed": missed, "extra": extra}
    if len(miss) > 1:
        report.misses.append(miss)


def read_gold(path: Path) -> list[dict]:
    records = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}:{number}: not JSON ({exc.msg})") from exc
        if not isinstance(record, dict) or not ("file" in record or "record" in record):
            raise InputError(f'{path}:{number}: a gold record needs a "file" or "record" field')
        records.append(record)
    return records


def evaluate(gold_path: Path, articles: Path, corpus: Path | None = None) -> Report:
    """Extract each gold record's article (a text file under articles, or a line of the JSON
    Lines corpus) and score it."""
    report = Report()
    gold = read_gold(gold_path)
    in_corpus = gold_records.corpus_articles(gold_path, gold, corpus)
    gold_files.check_article_files(gold_path, gold, articles)
    for record in gold:
        if "record" in record:
            draft, text = in_corpus[gold_records.record_line(record)]
            extraction = analyse(draft.title, draft.body, draft.published)
            score(report, {**record, "quotes": gold_records.quotes_of(record, text)},
                  extraction_record(extraction))  # fmt: skip
            continue
        path = articles / record["file"]
        if not path.is_file():
            raise InputError(
                f"no article file {path} for a gold record (name their folder with --articles)"
            )
        text = decode(path.read_bytes())
        draft = parse_text(text, str(path))
        extraction = analyse(draft.title, draft.body, draft.published)
        score(report, {**record, "quotes": gold_records.quotes_of(record, text)},
              extraction_record(extraction))  # fmt: skip
    return report
