"""Gold records naming article files kept out of the repository by their sha256 (dipterm eval)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

TEXT = (
    "Kim Yong Nam Meets Delegation\n\n"
    "Pyongyang, May 3 (KCNA) -- Kim Yong Nam met Pedro Alvarez, minister of Culture of Peru, "
    "on Monday.\n"
    "He said: We wish your people greater success.\n"
)
QUOTE = "We wish your people greater success."


def _set(folder: Path, text: str = TEXT) -> Path:
    """A gold file eval/gold-x.jsonl naming eval/x/01.txt by sha256 (annotated on TEXT)."""
    (folder / "eval" / "x").mkdir(parents=True)
    (folder / "eval" / "x" / "01.txt").write_text(text, encoding="utf-8")
    start = TEXT.index(QUOTE)
    record = {
        "file": "01.txt", "url": "http://example.org/1", "published": "2011-05-03",
        "sha256": hashlib.sha256(TEXT.encode("utf-8")).hexdigest(),
        "people": [{"name": "Kim Yong Nam", "roles": []},
                   {"name": "Pedro Alvarez", "roles": ["minister of Culture of Peru"]}],
        "organizations": [], "places": [], "countries": ["Peru"], "events": [],
        "quotes": [{"speaker": "Kim Yong Nam", "span": [start, start + len(QUOTE)]}],
    }  # fmt: skip
    gold = folder / "eval" / "gold-x.jsonl"
    gold.write_text(json.dumps(record) + "\n", encoding="utf-8")
    return gold


def test_eval_scores_a_file_whose_text_is_the_one_annotated(run, tmp_path):
    gold = _set(tmp_path)
    result = run("eval", str(gold), "--json", db=None)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["fields"]["people"]["tp"] == 2


def test_a_quotation_named_by_span_is_read_from_the_article_file(run, tmp_path):
    gold = _set(tmp_path)
    record = json.loads(gold.read_text())
    record["quotes"][0]["speaker"] = "Nobody Named"  # missed, so its words are listed
    gold.write_text(json.dumps(record) + "\n", encoding="utf-8")
    result = run("eval", str(gold), "--json", db=None)
    (miss,) = json.loads(result.stdout)["misses"]
    assert miss["quotes"]["missed"] == [{"speaker": "Nobody Named", "text": QUOTE}]


def test_eval_stops_with_one_line_when_the_folder_of_texts_is_absent(run, tmp_path):
    gold = _set(tmp_path)
    (tmp_path / "eval" / "x" / "01.txt").unlink()
    (tmp_path / "eval" / "x").rmdir()
    result = run("eval", str(gold), db=None)
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "x/ is absent" in result.stderr and "README.md" in result.stderr


def test_eval_names_the_file_that_is_not_the_text_annotated(run, tmp_path):
    gold = _set(tmp_path, text=TEXT.replace("Monday", "Tuesday"))
    result = run("eval", str(gold), db=None)
    assert result.exit_code == 2
    assert "01.txt" in result.stderr and "not the text annotated" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_eval_names_the_missing_file_among_those_present(run, tmp_path):
    gold = _set(tmp_path)
    record = json.loads(gold.read_text())
    gold.write_text(
        json.dumps(record) + "\n" + json.dumps({**record, "file": "02.txt"}) + "\n",
        encoding="utf-8",
    )
    result = run("eval", str(gold), db=None)
    assert result.exit_code == 2 and "1 missing (02.txt)" in result.stderr
