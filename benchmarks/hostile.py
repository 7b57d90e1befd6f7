"""How long dipterm takes on hostile input, each case beside what it took before its limit, written
to benchmarks/RESULTS.md as the section "hostile input" (small libraries only: each case is one
article or one query).

    python benchmarks/hostile.py            # about a minute; --no-results prints only
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))

import run as bench  # noqa: E402

from dipterm.export.markdown import escape  # noqa: E402
from dipterm.ingest.html import MAX_HTML_DEPTH, parse_html  # noqa: E402
from dipterm.ingest.pipeline import import_paths  # noqa: E402
from dipterm.store.library import Library  # noqa: E402
from dipterm.store.schema import TOKENIZE  # noqa: E402

LABEL = "hostile input"
SEEDS = HERE.parent / "seeds"


def best(fn, repeat: int = 3) -> float:
    """The fastest of repeat runs, in ms: the case's own cost, the machine's noise least."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return min(times)


def dipterm(db: Path, *args: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "dipterm", "--db", str(db), *args],
        capture_output=True,
        check=False,
        env={**os.environ, "PYTHONPATH": str(HERE.parent / "src")},
    )


def raw_snippet_ms(words: int) -> float:
    """FTS5's snippet() over one article of one word said `words` times (what a search paid
    before snippets were read in a window)."""
    conn = sqlite3.connect(":memory:")
    conn.execute(f"CREATE VIRTUAL TABLE t USING fts5(title, body, tokenize='{TOKENIZE}')")
    conn.execute("INSERT INTO t VALUES ('x', ?)", ("juche " * words,))
    sql = "SELECT snippet(t, 1, '[', ']', '…', 24) FROM t WHERE t MATCH 'juche'"
    return best(lambda: conn.execute(sql).fetchall(), 1)


def nested(depth: int, blocks: int = 1) -> str:
    block = (
        "<div>" * depth
        + "<p>Pyongyang (KCNA) -- a delegation met officials.</p>"
        + "</div>" * depth
    )
    return "<html><head><title>Deep</title></head><body>" + block * blocks + "</body></html>"


def reader_ms(db: Path, article_id: int) -> float:
    from dipterm.tui.app import DiptermApp

    async def go() -> float:
        async with DiptermApp(db).run_test(size=(120, 35)) as pilot:
            await pilot.pause()
            await pilot.app.workers.wait_for_complete()
            start = time.perf_counter()
            pilot.app.screen.open_article(article_id)
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
            return (time.perf_counter() - start) * 1000

    return asyncio.run(go())


def measure(work: Path) -> list[bench.Row]:
    db = work / "library.db"
    one_word = {"title": "One word", "date": "2024-01-01", "text": "juche " * 200_000}
    (work / "long.jsonl").write_text(json.dumps(one_word) + "\n")
    with Library.open(db) as library:
        import_paths(library, [str(SEEDS), str(work / "long.jsonl")], workers=1)
    rows: list[bench.Row] = []

    def row(measure, ours, floor, unit, note):
        rows.append({"measure": measure, "dipterm": ours, "floor": floor, "unit": unit,
                     "target": "-", "met": "-", "note": note})  # fmt: skip

    raw = raw_snippet_ms(20_000)
    row("search a word said 200,000 times in a 1 MB article", best(lambda: dipterm(db, "search", "--json", "juche")),
        None, "ms",
        f"whole process, --json (a pipe's TSV has no snippets); FTS5 snippet() alone over 20,000 of the words (10x fewer) took {raw:,.0f} ms "
        "here, and grows with their square: such a search ran past a minute before")  # fmt: skip
    deep = nested(100_000)
    row("a page 100,000 elements deep, refused", best(lambda: _refused(deep)), None, "ms",
        "counting its tags; parsing took 4.1 s on 40,000 deep here on 2026-12-07 (issue #24: 10 s on 100,000)")  # fmt: skip
    soup = "<html><body>" + "<" + "a" * 2_000_000 + "<a " * 1_000_000 + "</body></html>"
    row("a 5 MB page of tags never closed (`<aaaa…`, `<a <a …`)", best(lambda: _refused(soup)),
        None, "ms", "the tag count took 34 s on a 40 kB such tag before its pattern was mended")  # fmt: skip
    lines = "a" + " \n" * 1_000_000 + "b"
    row("markdown escaping of a paragraph of 1,000,000 blank lines", best(lambda: escape(lines)),
        None, "ms", "a line's indent once read across lines: 20,000 of them took 36 s")  # fmt: skip
    wide = nested(MAX_HTML_DEPTH, 5_000_000 // len(nested(MAX_HTML_DEPTH)))
    row(f"a 5 MB page of blocks {MAX_HTML_DEPTH} deep, read", best(lambda: _refused(wide), 1), None,
        "ms", "the deepest page read, at the largest size read")  # fmt: skip
    conn = sqlite3.connect(db)
    body = "\n\n".join(
        f"Paragraph {i}: the delegation met officials in Pyongyang." for i in range(180_000)
    )
    conn.execute("UPDATE articles SET body = ? WHERE id = 1", (body,))
    conn.commit()
    conn.close()
    row(f"the reader opening a {len(body) / 1e6:.1f} MB article", reader_ms(db, 1), None, "ms",
        "run_test at 120x35; shows 100,000 characters (issue #24: 45 s on 10 MB, rendered whole)")  # fmt: skip
    bundled = work / "bundled.db"
    with Library.open(bundled) as library:
        from dipterm.workspace import bundled_inputs

        import_paths(library, bundled_inputs(), workers=1)
    with Library.open(bundled) as library:
        prefixes = " ".join(f"{c}*" for c in ["co", "st", "pa", "pr", "re", "de", "in", "ma"])
        row("8 prefix terms (the most a query holds)", best(lambda: library.search(prefixes)), None,
            "ms", f"`{prefixes}`, in process, over the bundled library's {library.count():,} articles")  # fmt: skip
        row("for comparison: a word in nearly every article", best(lambda: library.search("the")),
            None, "ms", "`the`, in process, the same library")  # fmt: skip
        words = " ".join(["kim"] * 64)
        row("64 terms (the most a query holds)", best(lambda: library.search(words)), None, "ms",
            "`kim` 64 times, in process")  # fmt: skip
    size = bundled.stat().st_size / 1e6
    conn = sqlite3.connect(bundled)
    check = best(lambda: conn.execute("PRAGMA quick_check(1)").fetchall())
    conn.close()
    row("the check before a command's first write", check, None, "ms",
        f"PRAGMA quick_check on the bundled library ({size:.1f} MB): {check / size:.1f} ms a MB")  # fmt: skip
    with Library.open(bundled, verdicts=work / "cache") as library:
        library.is_sound()  # checked in full once, the verdict kept

    def kept_verdict() -> None:
        with Library.open(bundled, verdicts=work / "cache") as library:
            library.is_sound()

    row("the same, the file as dipterm left it sound", best(kept_verdict), None, "ms",
        "opening the library and comparing its fingerprint with the verdict kept in the cache")  # fmt: skip
    return rows


def _refused(page: str) -> None:
    from dipterm.errors import InputError

    with contextlib.suppress(InputError):
        parse_html(page, "page.html")


def main() -> None:
    parser = argparse.ArgumentParser(description="Time dipterm on hostile input.")
    parser.add_argument("--no-results", action="store_true", help="print; do not write RESULTS.md")
    parser.add_argument("--results", type=Path, default=HERE / "RESULTS.md")
    args = parser.parse_args()
    measured = bench.code_version()
    with tempfile.TemporaryDirectory() as work:
        rows = measure(Path(work))
    context = [
        f"Measured {date.today().isoformat()} on {bench.machine()} with {measured}. Each figure "
        "is the fastest of three runs (one for the 5 MB page and the reader); the limits are in "
        "docs/import.md, docs/query.md and docs/interface.md.",
        f"Command: `python benchmarks/hostile.py`. Load average at the start: "
        f"{statistics.mean(os.getloadavg()[:1]):.1f} on {os.cpu_count()} cores.",
    ]
    report = bench.render(LABEL, rows, context)
    print(report)
    if not args.no_results:
        previous = args.results.read_text(encoding="utf-8") if args.results.exists() else ""
        args.results.write_text(bench._with_section(previous, LABEL, report), encoding="utf-8")
        print(f"wrote {args.results}", file=sys.stderr)


if __name__ == "__main__":
    main()
