"""The benchmark at a smoke size: it runs end to end and reports each measure beside its floor.
Figures come from real runs (benchmarks/RESULTS.md), never from tests."""

import json
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent / "benchmarks"


def test_generator_is_deterministic(tmp_path):
    sys.path.insert(0, str(BENCH))
    import generate

    first = generate.write(30, 7, tmp_path / "a").read_bytes()
    again = generate.write(30, 7, tmp_path / "b").read_bytes()
    assert first == again
    records = [json.loads(line) for line in first.decode().splitlines()]
    assert len(records) == 30 and all(len(r["text"].split()) >= 300 for r in records)
    assert generate.write(30, 8, tmp_path / "c").read_bytes() != first


def test_a_corpus_written_before_is_kept_and_a_different_one_written(tmp_path):
    sys.path.insert(0, str(BENCH))
    import generate

    path = generate.write(20, 7, tmp_path, text_files=True)
    path.write_text("kept\n", encoding="utf-8")  # were it written again, this would go
    assert generate.write(20, 7, tmp_path, text_files=True).read_text() == "kept\n"
    other = generate.write(21, 7, tmp_path, text_files=True).read_text().splitlines()
    assert len(other) == 21 and len(list((tmp_path / "text").iterdir())) == 21
    # Stopped while writing (no stamp yet): written again in full.
    (tmp_path / "corpus.stamp").unlink()
    assert len(generate.write(21, 7, tmp_path).read_text().splitlines()) == 21


def test_benchmark_runs_at_smoke_size(tmp_path):
    done = subprocess.run(
        [sys.executable, str(BENCH / "run.py"), "--n", "250", "--smoke", "--out", str(tmp_path)],
        capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    for measure in ("import with extraction", "search p95, rare word", "whole process",
                    "title filter as you type", "misspelt", "first screen", "keystroke",
                    "filtered titles, first session", "filtered titles, later sessions",
                    "peak memory after the title filter"):  # fmt: skip
        assert measure in done.stdout, measure
    assert "probe failed" not in done.stdout
    assert "250 imported" in done.stdout
    assert not (tmp_path / "RESULTS.md").exists()


def test_a_run_replaces_its_corpus_section_where_it_stands(monkeypatch):
    monkeypatch.syspath_prepend(str(BENCH))
    import run

    before = "# Results\n\nnotes\n\n## a\n\nold a\n\n## b\n\nold b\n"
    again = run._with_section(before, "a", "## a\n\nnew a\n")
    assert again == "# Results\n\nnotes\n\n## a\n\nnew a\n\n## b\n\nold b\n"
    added = run._with_section(again, "c", "## c\n\nc\n")
    assert added.endswith("## b\n\nold b\n\n## c\n\nc\n") and "new a" in added
    assert run._with_section("", "a", "## a\n\nx\n").startswith(run.HEADER)
