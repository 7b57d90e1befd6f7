"""Progress on long work: how far an import or a re-extraction is, in articles and in share."""

import io
import json
import sys

from conftest import write_article

from dipterm.ingest.pipeline import import_paths, reextract
from dipterm.store.library import Library

BODY = (
    "Pyongyang, March {n} (KCNA) -- Choe Son Hui, minister of Foreign Affairs of the DPRK, met "
    "delegation number {n} at the Mansudae Assembly Hall. The talk proceeded in a friendly "
    "atmosphere."
)


def write_records(path, count, start=0):
    lines = [
        json.dumps({"title": f"Minister Meets Delegation {n}", "body": BODY.format(n=n)})
        for n in range(start, start + count)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def calls_of(run):
    """The reports of an import after the first, which says only that it started."""
    seen = []
    run(lambda done, origin, share: seen.append((done, origin, share)))
    assert seen[0] == (0, "finding the articles…", None)
    return seen[1:]


def test_an_import_reports_articles_and_its_share_of_the_bytes(db_path, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    small = write_records(folder / "a.jsonl", 40)
    big = write_records(folder / "b.jsonl", 260, start=40)
    text = write_article(folder, "c.txt", "A Text File\n\n" + BODY.format(n=999))
    with Library.open(db_path) as lib:
        seen = calls_of(
            lambda p: import_paths(lib, [str(folder)], batch_size=50, progress=p, workers=1)
        )
    done = [d for d, _, _ in seen]
    shares = [s for _, _, s in seen]
    assert done == sorted(done) and done[-1] == 301
    assert shares == sorted(shares) and shares[-1] == 1.0
    # After the first file's 40 records and 10 of the next's, about that share of the bytes.
    whole = small.stat().st_size + big.stat().st_size + text.stat().st_size
    first = seen[0]
    assert first[0] == 50 and first[1].endswith("b.jsonl#10")
    assert abs(first[2] - (small.stat().st_size + big.stat().st_size * 10 / 260) / whole) < 0.02


def test_an_import_from_standard_input_has_no_share(db_path, tmp_path, monkeypatch):
    data = write_records(tmp_path / "a.jsonl", 30).read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    with Library.open(db_path) as lib:
        seen = calls_of(lambda p: import_paths(lib, ["-"], batch_size=10, progress=p, workers=1))
    assert [d for d, _, _ in seen] == [10, 20, 30]
    assert {s for _, _, s in seen} == {None}


def test_extracting_again_reports_its_share_of_the_articles(db_path, tmp_path):
    path = write_records(tmp_path / "a.jsonl", 1200)
    with Library.open(db_path) as lib:
        import_paths(lib, [str(path)], extract=False, workers=1)
        assert lib.count_drafts(outdated_than=10**6) == 1200
        seen = []
        reextract(lib, everything=True, progress=lambda d, o, s: seen.append((d, o, s)))
        assert lib.count_drafts(outdated_than=1) == 0  # all extracted by the current rules now
    assert [(d, s) for d, _, s in seen] == [(500, 500 / 1200), (1000, 1000 / 1200), (1200, 1.0)]
