"""Gold records naming their articles by a line of a JSON Lines corpus (dipterm eval --corpus)."""

from __future__ import annotations

import json
from pathlib import Path

from dipterm.extract.gold_records import default_corpus

TEXT = (
    "Vice-Premier Jon Kwang Ho met Pedro Alvarez, minister of Culture of Peru, on Monday.\n"
    "The message said:\n"
    "We wish your people greater success in building a powerful nation."
)
QUOTE = "We wish your people greater success in building a powerful nation."


def _corpus(folder: Path) -> Path:
    path = folder / "corpus.jsonl"
    records = [
        {"title": "Other", "date": "2011-05-01", "language": "en", "link": "http://x/1",
         "text": "Nothing here."},
        {"title": "Vice-Premier Meets Peruvian Minister", "date": "2011-05-03", "language": "en",
         "link": "http://x/2", "text": TEXT},
    ]  # fmt: skip
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _gold(folder: Path, link: str = "http://x/2") -> Path:
    start = TEXT.index(QUOTE)
    record = {
        "record": {"line": 2, "link": link}, "published": "2011-05-03", "source": "KCNA",
        "people": [{"name": "Jon Kwang Ho", "roles": ["Vice-Premier"]},
                   {"name": "Pedro Alvarez", "roles": ["minister of Culture of Peru"]}],
        "organizations": [], "places": [], "countries": ["Peru"], "events": [],
        "quotes": [{"speaker": None, "span": [start, start + len(QUOTE)]}],
    }  # fmt: skip
    path = folder / "gold-corpus.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    return path


def test_eval_scores_an_article_read_from_the_corpus_line_the_gold_record_names(run, tmp_path):
    corpus, gold = _corpus(tmp_path), _gold(tmp_path)
    result = run("eval", str(gold), "--corpus", str(corpus), "--json", db=None)
    assert result.exit_code == 0, result.stderr
    fields = json.loads(result.stdout)["fields"]
    assert fields["people"]["tp"] == 2 and fields["countries"]["tp"] == 1  # line 2, not line 1


def test_a_quotation_named_by_span_is_compared_with_the_words_of_the_record(run, tmp_path):
    corpus, gold = _corpus(tmp_path), _gold(tmp_path)
    result = run("eval", str(gold), "--corpus", str(corpus), "--json", db=None)
    quotes = json.loads(result.stdout)["fields"]["quotes"]
    assert quotes["tp"] + quotes["fn"] == 1
    record = json.loads(gold.read_text())
    record["quotes"][0]["span"] = [0, 20]  # other words: no longer the quotation the text holds
    gold.write_text(json.dumps(record) + "\n", encoding="utf-8")
    again = run("eval", str(gold), "--corpus", str(corpus), "--json", db=None)
    assert json.loads(again.stdout)["fields"]["quotes"]["tp"] == 0


def test_the_corpus_may_be_named_by_its_folder(run, tmp_path):
    (tmp_path / "corpus").mkdir()
    _corpus(tmp_path / "corpus")
    gold = _gold(tmp_path)
    result = run("eval", str(gold), "--corpus", str(tmp_path / "corpus"), db=None)
    assert result.exit_code == 0 and result.stdout.startswith("1 articles")


def test_eval_stops_with_one_line_when_the_corpus_is_absent(run, tmp_path):
    gold = _gold(tmp_path)
    result = run("eval", str(gold), db=None)
    assert result.exit_code == 2
    assert "--corpus" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_eval_refuses_a_corpus_line_that_is_not_the_annotated_article(run, tmp_path):
    corpus, gold = _corpus(tmp_path), _gold(tmp_path, link="http://x/elsewhere")
    result = run("eval", str(gold), "--corpus", str(corpus), db=None)
    assert result.exit_code == 2 and "http://x/elsewhere" in result.stderr


def test_the_default_corpus_is_the_shared_one_beside_the_repository(tmp_path):
    shared = tmp_path / "shared" / "corpus" / "kcna-2011-2012"
    shared.mkdir(parents=True)
    (shared / "kcna.jsonl").write_text("", encoding="utf-8")
    for repo in (tmp_path / "main", tmp_path / "wt" / "branch"):  # a checkout, a worktree
        (repo / "eval").mkdir(parents=True)
        assert default_corpus(repo / "eval" / "gold-x.jsonl") == shared / "kcna.jsonl"


def test_eval_scores_event_dates_apart_from_the_events_type():
    from dipterm.extract.evaluate import Report, score

    gold = {"file": "a.txt", "events": [{"type": "talks", "date": "2011-05-03"},
                                        {"type": "banquet", "date": "2011-05-04"}]}  # fmt: skip
    found = {"events": [{"type": "meeting", "date": "2011-05-03"},
                        {"type": "banquet", "date": "2011-05-05"}]}  # fmt: skip
    report = Report()
    score(report, gold, found)
    dates, events = report.scores["event_dates"], report.scores["events"]
    assert (dates.tp, dates.fp, dates.fn) == (1, 1, 1)  # the 3rd read right, the 4th missed
    assert (events.tp, events.fn) == (0, 2)  # as (type, date) pairs, neither is right
