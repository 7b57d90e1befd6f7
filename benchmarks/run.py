"""dipterm's speed at archive scale, each figure beside the floor it is measured against in the
same run, written to benchmarks/RESULTS.md.

    python benchmarks/run.py --n 100000                       # generated corpus (generate.py)
    python benchmarks/run.py --corpus ../shared/corpus/kcna-2011-2012/kcna_2011_2012.jsonl
    python benchmarks/run.py --n 300 --smoke                  # proves it works; writes no RESULTS.md

Floors: a bare sqlite3 executemany + FTS5 insert of the same articles; the best hand-written FTS5
SQL for each search on the same file; `python -c` running that SQL as a whole process; `rg -il` over
the corpus as text files; a title filter over the same titles.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import textwrap
import time
from datetime import date
from itertools import pairwise
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(HERE))

import generate  # noqa: E402

from dipterm.store.fuzzy import TitleIndex  # noqa: E402
from dipterm.store.library import Library  # noqa: E402
from dipterm.store.schema import TOKENIZE  # noqa: E402

Row = dict  # measure, dipterm, floor, unit, target, met, note


def timed(fn, repeat: int) -> tuple[float, float]:
    """p50 and p95 in ms of fn over repeat warm runs (one cold run discarded)."""
    return timed_side_by_side([fn], repeat)[0]


def timed_side_by_side(fns: list, repeat: int) -> list[tuple[float, float]]:
    """p50 and p95 in ms of each of fns, run in turn repeat times after one cold run each: a
    figure and its floor taken turn about, so the machine's drift from second to second (this
    kind of virtual machine's speed moves by a third within the hour) touches both alike."""
    for fn in fns:
        fn()
    samples: list[list[float]] = [[] for _ in fns]
    for _ in range(repeat):
        for fn, taken in zip(fns, samples, strict=True):
            start = time.perf_counter()
            fn()
            taken.append((time.perf_counter() - start) * 1000)
    result = []
    for taken in samples:
        taken.sort()
        p95 = taken[min(len(taken) - 1, int(round(0.95 * (len(taken) - 1))))]
        result.append((statistics.median(taken), p95))
    return result


# ---------------------------------------------------------------- the corpus


def prepare_corpus(args, out: Path) -> tuple[Path, Path | None, int]:
    """(JSON Lines to import, folder of text files for rg or None, number of records)."""
    if args.corpus:
        corpus = args.corpus.resolve()
        records = sum(1 for _ in corpus.open(encoding="utf-8"))
        text_dir = None
        if not args.skip_rg:
            text_dir = out / "text"
            shutil.rmtree(text_dir, ignore_errors=True)
            text_dir.mkdir(parents=True)
            with corpus.open(encoding="utf-8") as handle:
                for i, line in enumerate(handle):
                    r = json.loads(line)
                    (text_dir / f"{i:07d}.txt").write_text(
                        f"{r.get('title') or ''}\n\n{r.get('text') or ''}"
                    )
        return corpus, text_dir, records
    path = generate.write(args.n, args.seed, out, text_files=not args.skip_rg)
    return path, (out / "text") if not args.skip_rg else None, args.n


def records(corpus: Path):
    with corpus.open(encoding="utf-8") as handle:
        for line in handle:
            r = json.loads(line)
            yield r.get("title") or "", r.get("text") or r.get("body") or ""


# ---------------------------------------------------------------- import


def bench_import(corpus: Path, db: Path) -> dict:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "dipterm", "--db", str(db), "ingest", "-q", str(corpus)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    imported = int(done.stdout.split()[0]) if done.stdout[:1].isdigit() else 0
    return {"seconds": seconds, "imported": imported, "rss_mb": max(peak, before) / 1024,
            "size_mb": db.stat().st_size / 1e6, "summary": done.stdout.strip(),
            "stderr": done.stderr[-2000:]}  # fmt: skip


def bench_searchable(corpus: Path, db: Path) -> dict:
    """Time to searchable: a whole `dipterm ingest --later` into a new library, which exits once
    every article is stored, indexed and committed (searchable; extraction left for later)."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "dipterm", "--db", str(db), "ingest", "-q", "--later", str(corpus)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    seconds = time.perf_counter() - start
    imported = int(done.stdout.split()[0]) if done.stdout[:1].isdigit() else 0
    return {"seconds": seconds, "imported": imported}


def bench_reimport_revised(corpus: Path, db: Path, first: dict, share: float = 0.01) -> Row:
    """Importing the same corpus again with a share of its articles changed (one sentence added
    to each): the changed ones become revisions of the articles held, the rest are recognised as
    unchanged. Beside the first import of the same corpus, in the same run."""
    changed = corpus.with_name("corpus-revised.jsonl")
    every = max(1, round(1 / share))
    count = 0
    with corpus.open(encoding="utf-8") as src, changed.open("w", encoding="utf-8") as out:
        for k, line in enumerate(src):
            if k % every == every // 2:
                record = json.loads(line)
                key = "text" if "text" in record else "body"
                record[key] = (record.get(key) or "") + " The outlet revised this report later."
                line = json.dumps(record, ensure_ascii=False) + "\n"
                count += 1
            out.write(line)
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "dipterm", "--db", str(db), "ingest", "-q", str(changed)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    seconds = time.perf_counter() - start
    revised = re.search(r"(\d+) revised", done.stdout)
    return {
        "measure": f"import again, {share:.0%} of the articles changed", "dipterm": seconds,
        "floor": first["seconds"], "unit": "s", "target": "faster than the first import",
        "met": seconds < first["seconds"] and bool(revised) and int(revised.group(1)) == count,
        "note": f"{revised.group(1) if revised else 0} of {count} changed found revised; "
        f"floor: the first import; {done.stdout.strip()[:120]}",
    }  # fmt: skip


def bench_sqlite_utils(corpus: Path, db: Path) -> dict | None:
    """The peer a user would pick for plain full-text import: sqlite-utils insert of the JSON
    Lines, then enable-fts with the same tokenizer, as two whole commands."""
    exe = shutil.which("sqlite-utils")
    if exe is None:
        return None
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    start = time.perf_counter()
    for args in (
        ["insert", str(db), "articles", str(corpus), "--nl"],
        ["enable-fts", str(db), "articles", "title", "text", "--tokenize", TOKENIZE],
    ):
        subprocess.run([exe, *args], capture_output=True, check=True)
    seconds = time.perf_counter() - start
    conn = sqlite3.connect(db)
    n = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    conn.close()
    return {"seconds": seconds, "imported": n, "size_mb": db.stat().st_size / 1e6}


def bench_bare(corpus: Path, db: Path) -> dict:
    """The floor: executemany into a table and an FTS5 index of title and body, nothing else."""
    db.unlink(missing_ok=True)
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("CREATE TABLE articles (id INTEGER PRIMARY KEY, title TEXT, body TEXT)")
    conn.execute(f"CREATE VIRTUAL TABLE articles_fts USING fts5(title, body, content=articles, "
                 f"content_rowid=id, tokenize='{TOKENIZE}')")  # fmt: skip
    start = time.perf_counter()
    batch, n = [], 0
    for title, body in records(corpus):
        batch.append((title, body))
        if len(batch) == 500:
            n += _bare_batch(conn, batch)
            batch = []
    n += _bare_batch(conn, batch)
    seconds = time.perf_counter() - start
    conn.close()
    return {"seconds": seconds, "imported": n, "size_mb": db.stat().st_size / 1e6}


def _bare_batch(conn: sqlite3.Connection, batch: list) -> int:
    if not batch:
        return 0
    with conn:
        first = conn.execute("SELECT coalesce(max(id), 0) FROM articles").fetchone()[0] + 1
        conn.executemany("INSERT INTO articles (title, body) VALUES (?, ?)", batch)
        conn.executemany(
            "INSERT INTO articles_fts (rowid, title, body) VALUES (?, ?, ?)",
            [(first + i, t, b) for i, (t, b) in enumerate(batch)],
        )
    return len(batch)


# ---------------------------------------------------------------- search


def pick_words(lib: Library) -> dict[str, str]:
    """Words of the library by document frequency: rare, common, a phrase, a prefix, a title word."""
    total = lib.count()
    rows = lib.conn.execute(
        "SELECT term, docs FROM vocab WHERE len >= 6 AND term GLOB '[a-z]*' ORDER BY docs"
    ).fetchall()
    rare = next((t for t, d in rows if d >= max(3, total // 20000)), rows[0][0])
    common = max(rows, key=lambda r: r[1])[0]
    mid = [t for t, d in rows if total // 50 <= d <= total // 5] or [rows[len(rows) // 2][0]]
    random.Random(7).shuffle(mid)
    title_word = (
        lib.conn.execute("SELECT title FROM articles ORDER BY id LIMIT 1 OFFSET ?", (total // 2,))
        .fetchone()[0]
        .split()[1]
        .lower()
    )
    misspelt = rare[:2] + rare[3] + rare[2] + rare[4:]  # two letters swapped
    return {"rare": rare, "common": common, "phrase": _phrase(lib, set(mid)) or mid[0],
            "prefix": mid[0][:4], "title": title_word, "misspelt": misspelt}  # fmt: skip


def _phrase(lib: Library, middling: set[str]) -> str | None:
    """Two words as they stand in an article, the first of middling frequency: a phrase that
    matches (two such words picked apart seldom stand side by side, and match nothing)."""
    total = lib.count()
    for (body,) in lib.conn.execute(
        "SELECT body FROM articles ORDER BY id LIMIT 50 OFFSET ?", (total // 3,)
    ):
        words = re.findall(r"[A-Za-z]+|[^A-Za-z\s]", body.lower())
        for first, second in pairwise(words):
            if first in middling and len(second) >= 4 and second.isalpha():
                return f"{first} {second}"
    return None


def bench_search(db: Path, repeat: int) -> tuple[list[Row], dict]:
    lib = Library.open(db)
    words = pick_words(lib)
    raw = sqlite3.connect(db)
    first_year, last_year = lib.conn.execute(
        "SELECT substr(min(published), 1, 4), substr(max(published), 1, 4) FROM articles"
    ).fetchone()
    span = (first_year, str((int(first_year) + int(last_year)) // 2))
    kim = lib.conn.execute(
        "SELECT e.id FROM entities e JOIN mentions m ON m.entity_id = e.id WHERE e.kind = 'person' "
        "GROUP BY e.id ORDER BY count(*) DESC LIMIT 1"
    ).fetchone()
    person_id = kim[0] if kim else 0
    person = lib.conn.execute("SELECT name FROM entities WHERE id = ?", (person_id,)).fetchone()
    person_name = person[0] if person else "Nobody"
    top = "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rank LIMIT 20"
    snip = (
        "SELECT rowid, snippet(articles_fts, 1, '[', ']', '…', 24) FROM articles_fts "
        "WHERE articles_fts MATCH ? AND rowid IN ({})"
    )

    def raw_fts(match: str):
        def go():
            ids = [r[0] for r in raw.execute(top, (match,))]
            raw.execute(snip.format(",".join("?" * len(ids))), (match, *ids)).fetchall()

        return go

    cases = [
        ("rare word", words["rare"], raw_fts(f'"{words["rare"]}"'), 15.0),
        ("word in most articles", words["common"], raw_fts(f'"{words["common"]}"'), 200.0),
        ("phrase", f'"{words["phrase"]}"', raw_fts(f'"{words["phrase"]}"'), None),
        ("prefix", f"{words['prefix']}*", raw_fts(f'"{words["prefix"]}"*'), None),
        (
            "title: filter + date range",
            f"title:{words['title']} since:{span[0]} until:{span[1]}",
            lambda: raw.execute(
                "SELECT a.id FROM articles_fts f JOIN articles a ON a.id = f.rowid WHERE "
                "articles_fts MATCH ? AND a.published >= ? AND a.published <= ? ORDER BY f.rank LIMIT 20",
                (f'title : "{words["title"]}"', span[0], span[1] + "-99"),
            ).fetchall(),
            None,
        ),
        (
            "person: filter",
            f'person:"{person_name}"',
            lambda: raw.execute(
                "SELECT id, title FROM articles WHERE id IN (SELECT article_id FROM mentions "
                "WHERE entity_id = ?) ORDER BY published DESC LIMIT 20",
                (person_id,),
            ).fetchall(),
            None,
        ),
    ]
    rows: list[Row] = []
    for label, query, floor_fn, target in cases:
        (p50, p95), (f50, f95) = timed_side_by_side(
            [lambda q=query: lib.search(q, limit=20), floor_fn], repeat
        )
        met = p95 <= 1.25 * f95 and (target is None or p95 < target)
        rows.append({
            "measure": f"search p95, {label} (`{query}`)", "dipterm": p95, "floor": f95, "unit": "ms",
            "target": "<= 1.25x floor" + (f", < {target:g} ms" if target else ""),
            "met": met, "note": f"p50 {p50:.1f} vs {f50:.1f}",
        })  # fmt: skip
    # A misspelt word against its correct spelling.
    (c50, c95), (m50, m95) = timed_side_by_side(
        [
            lambda: lib.search(words["rare"], limit=20),
            lambda: lib.search(words["misspelt"], limit=20),
        ],
        repeat,
    )
    corrected = lib.search(words["misspelt"], limit=1).corrections
    rows.append({
        "measure": f"search p95, misspelt `{words['misspelt']}` vs correct `{words['rare']}`",
        "dipterm": m95, "floor": c95, "unit": "ms", "target": "< correct + 20 ms",
        "met": m95 < c95 + 20, "note": f"corrected to {corrected[0].replacement if corrected else 'nothing'}",
    })  # fmt: skip
    # The first page sorted by date for the commonest word: the instant path.
    d50, d95 = timed(lambda: lib.search(words["common"], limit=20, sort="date"), repeat)
    rows.append({
        "measure": f"search p95, `{words['common']}` sorted by date", "dipterm": d95, "floor": None,
        "unit": "ms", "target": "instant (< 50 ms)", "met": d95 < 50, "note": f"p50 {d50:.1f}",
    })  # fmt: skip
    lib.close()
    raw.close()
    return rows, words


def bench_wording(db: Path, repeat: int, words: dict[str, str]) -> list[Row]:
    """A trend of three queries by month against the same counts in hand-written SQL over the FTS5
    index; a concordance of a phrase found in about 1,000 articles, whole."""
    from dipterm.store.wording import concordance, trend

    lib = Library.open(db)
    raw = sqlite3.connect(db)
    terms = [words["rare"], f'"{words["phrase"]}"', words["common"]]
    by_month = (
        "SELECT substr(a.published, 1, 7) p, count(*) FROM articles_fts f JOIN articles a "
        "ON a.id = f.rowid WHERE articles_fts MATCH ? AND length(a.published) >= 7 GROUP BY p"
    )
    totals = "SELECT substr(published, 1, 7) p, count(*) FROM articles GROUP BY p"

    def hand_written():
        raw.execute(totals).fetchall()
        for term in terms:
            raw.execute(by_month, (term if term.startswith('"') else f'"{term}"',)).fetchall()

    (t50, t95), (f50, f95) = timed_side_by_side(
        [lambda: trend(lib, terms, by="month"), hand_written], max(5, repeat // 3)
    )
    rows: list[Row] = [{
        "measure": f"trend of three queries by month (`{'`, `'.join(terms)}`)", "dipterm": t95,
        "floor": f95, "unit": "ms", "target": "<= 1.5x floor", "met": t95 <= 1.5 * f95,
        "note": f"p50 {t50:.1f} vs {f50:.1f}; floor: GROUP BY month over FTS5 MATCH, and totals",
    }]  # fmt: skip
    phrase, matched = _phrase_near(lib, 1000)
    if phrase:
        ((k50, k95),) = timed_side_by_side([lambda: concordance(lib, f'"{phrase}"')], 3)
        lines = len(concordance(lib, f'"{phrase}"').occurrences)
        rows.append({
            "measure": f'concordance of `"{phrase}"` ({matched:,} articles, {lines:,} lines)',
            "dipterm": k95, "floor": None, "unit": "ms", "target": "< 1,000 ms",
            "met": k95 < 1000, "note": f"p50 {k50:.1f}, every occurrence, in date order",
        })  # fmt: skip
    lib.close()
    raw.close()
    return rows


def _phrase_near(lib: Library, wanted: int) -> tuple[str | None, int]:
    """A two-word phrase of the library matched by about `wanted` articles (the closest found in
    the bodies of a few articles)."""
    best: tuple[int, str | None, int] = (10**9, None, 0)
    total = lib.count()
    seen: set[str] = set()
    for (body,) in lib.conn.execute(
        "SELECT body FROM articles ORDER BY id LIMIT 20 OFFSET ?", (total // 4,)
    ):
        words = re.findall(r"[a-z]{4,}", body.lower())
        for first, second in pairwise(words):
            phrase = f"{first} {second}"
            if phrase in seen or len(seen) > 400:
                continue
            seen.add(phrase)
            n = lib.count_matching(f'"{phrase}"')
            if abs(n - wanted) < best[0]:
                best = (abs(n - wanted), phrase, n)
    return best[1], best[2]


def bench_title_filter(db: Path, repeat: int) -> Row:
    lib = Library.open(db)
    titles = lib.titles()[1]
    lib.close()
    start = time.perf_counter()
    index = TitleIndex(titles)
    build = (time.perf_counter() - start) * 1000
    sample = titles[len(titles) // 3].lower().split()
    typed = " ".join(sample[1:3]) if len(sample) > 2 else sample[0]
    prefixes = [typed[:k] for k in range(2, len(typed) + 1)]
    samples = []
    for _ in range(max(1, repeat // 5)):
        for prefix in prefixes:
            start = time.perf_counter()
            index.filter(prefix, 500)
            samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    p95 = samples[int(0.95 * (len(samples) - 1))]
    from rapidfuzz import fuzz, process

    start = time.perf_counter()
    process.extract(typed, titles, scorer=fuzz.WRatio, limit=500)
    plain = (time.perf_counter() - start) * 1000
    return {"measure": f"title filter as you type p95 (`{typed}`, {len(titles):,} titles)",
            "dipterm": p95, "floor": plain, "unit": "ms", "target": "< 50 ms",
            "met": p95 < 50, "note": f"floor: plain process.extract(WRatio); index built in {build:.0f} ms"}  # fmt: skip


# ---------------------------------------------------------------- whole commands


def walls_side_by_side(cmds: list[list[str]], repeat: int, **kwargs) -> list[tuple[float, float]]:
    """Median wall time and median CPU time (user + system) in ms of each whole command, run in
    turn repeat times (one of each, then again), so that the machine's drift touches them alike.
    CPU time says more than wall time when the machine's other work holds the cores."""
    runs: list[list[tuple[float, float]]] = [[] for _ in cmds]
    for _ in range(repeat):
        for cmd, taken in zip(cmds, runs, strict=True):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run(
                cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, **kwargs
            )
            wall_ms = (time.perf_counter() - start) * 1000
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
            taken.append((wall_ms, cpu * 1000))
    return [
        (statistics.median(w for w, _ in taken), statistics.median(c for _, c in taken))
        for taken in runs
    ]


def import_ms(cmd: list[str], repeat: int, env: dict) -> float:
    """What a command spends importing beyond Python's own start-up (`python -X importtime`: the
    modules imported after site, each counted with what it imports), median of repeat runs."""
    totals = []
    for _ in range(repeat):
        err = subprocess.run(
            [cmd[0], "-X", "importtime", *cmd[1:]], capture_output=True, text=True, env=env,
            check=False,
        ).stderr  # fmt: skip
        total, after_site = 0, False
        for line in err.splitlines():
            if not line.startswith("import time:") or "self [us]" in line:
                continue
            _, cumulative, name = line.split("|")
            if name.rstrip() == " site":
                after_site = True
            elif after_site and not name.startswith("  "):  # imported at the top level
                total += int(cumulative)
        totals.append(total / 1000)
    return statistics.median(totals)


def installed_python(out: Path, install: bool = True) -> tuple[list[str], str]:
    """The command that runs dipterm as a user's install has it, and a note on it: a virtual
    environment of its own with `pip install .` (bytecode compiled, dipterm's console script),
    made once per run. The machine's own Python may load more at each start than a user's does
    (on the machine of 2026-12-07 a `.pth` file of the sandbox imports certifi, 29 ms), which
    would weigh on the one-liner and its floor alike but not on rg. Without a package index the
    run falls back to this Python, and says so."""
    venv = out / "venv"
    if install:
        shutil.rmtree(venv, ignore_errors=True)
        made = subprocess.run([sys.executable, "-m", "venv", str(venv)], capture_output=True)
        pip = subprocess.run(
            [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", str(ROOT)],
            capture_output=True, text=True, check=False,
        ) if made.returncode == 0 else made  # fmt: skip
        if pip.returncode == 0:
            return [str(venv / "bin" / "python"), str(venv / "bin" / "dipterm")], (
                "run as installed: a fresh virtual environment, `pip install .`, its `dipterm` script"
            )
        print(f"no install in {venv}; measuring with this Python:\n{str(pip.stderr)[-500:]}")
    import compileall

    import dipterm

    compileall.compile_dir(Path(dipterm.__file__).parent, quiet=1)
    return [sys.executable, "-m", "dipterm"], (
        "run with the benchmark's own Python, `python -m dipterm`, bytecode compiled first"
    )


def bench_oneliner(
    db: Path,
    word: str,
    text_dir: Path | None,
    repeat: int,
    articles: int,
    out: Path,
    install: bool = True,
) -> list[Row]:
    dipterm_run, how = installed_python(out, install)
    python = dipterm_run[0]
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("PYTHONPATH", None)
    dipterm_cmd = [*dipterm_run, "--db", str(db), "search", "--json", word]
    code = textwrap.dedent(f"""
        import sqlite3, json
        c = sqlite3.connect({str(db)!r})
        ids = [r[0] for r in c.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rank LIMIT 20", ('"{word}"',))]
        print(json.dumps(c.execute("SELECT id, title FROM articles WHERE id IN (%s)" % ",".join("?" * len(ids)), ids).fetchall()))
    """)
    raw_cmd = [python, "-c", code]
    (ours, ours_cpu), (floor, floor_cpu) = walls_side_by_side(
        [dipterm_cmd, raw_cmd], repeat, env=env
    )
    modules = subprocess.run(
        [python, "-c", "import sys\n"
         f"sys.argv = ['dipterm', '--db', {str(db)!r}, 'search', '--json', {word!r}]\n"
         "from dipterm.launch import main\n"
         "try:\n    main()\nexcept SystemExit:\n    pass\n"
         "print([m for m in ('click', 'rich', 'textual', 'sqlite_utils', 'rapidfuzz', 'numpy') "
         "if m in sys.modules], file=sys.stderr)"],
        capture_output=True, text=True, check=False,
    ).stderr.strip().splitlines()[-1]  # fmt: skip
    rows = [{"measure": f"`dipterm search --json {word}` whole process", "dipterm": ours, "floor": floor,
             "unit": "ms", "target": "<= 2x floor", "met": ours <= 2 * floor,
             "note": f"{ours / floor:.2f}x; CPU {ours_cpu:.0f} vs {floor_cpu:.0f} ms; floor: python -c "
                     "with sqlite3 and the raw FTS5 query, "
                     f"turn about; {how}; heavy modules imported: {modules}"}]  # fmt: skip
    ours_imports = import_ms(dipterm_cmd, repeat, env)
    floor_imports = import_ms(raw_cmd, repeat, env)
    rows.append({"measure": "its imports (`python -X importtime`, after site)", "dipterm": ours_imports,
                 "floor": floor_imports, "unit": "ms", "target": "-", "met": True,
                 "note": "floor: the raw one-liner's (sqlite3, json)"})  # fmt: skip
    factor = 5 if articles >= 100_000 else 2
    target = f"dipterm at least {factor}x faster"
    if text_dir is not None and shutil.which("rg"):
        rg_cmd = ["rg", "-il", word, str(text_dir)]
        (ours_again, ours_cpu), (rg, rg_cpu) = walls_side_by_side(
            [dipterm_cmd, rg_cmd], max(3, repeat // 3), env=env
        )
        rows.append({"measure": f"`rg -il {word}` over the corpus as text files", "dipterm": ours_again,
                     "floor": rg, "unit": "ms", "target": target,
                     "met": ours_again * factor <= rg, "note": f"{rg / ours_again:.1f}x, turn about; CPU {ours_cpu:.0f} vs {rg_cpu:.0f} ms"})  # fmt: skip
    elif text_dir is not None:  # say so, rather than leave the row out unnoticed
        print("rg not found: the comparison with `rg -il` is left out (install ripgrep)")
        rows.append({"measure": f"`rg -il {word}` over the corpus as text files", "dipterm": ours,
                     "floor": None, "unit": "ms", "target": target,
                     "met": None, "note": "rg not installed on this machine"})  # fmt: skip
    return rows


TUI_PROBE = """
import asyncio, json, resource, sys, time
from pathlib import Path
from dipterm.tui.app import DiptermApp
from dipterm.tui.widgets.article_list import ArticleList

async def main(path, words):
    start = time.perf_counter()
    app = DiptermApp(Path(path))
    out = {}
    async with app.run_test(size=(140, 40)) as pilot:
        while True:
            screen = app.screen
            tables = screen.query(ArticleList) if screen is not None else []
            if tables and tables.first().row_count > 0:
                break
            await asyncio.sleep(0.005)
        out["first_screen_ms"] = (time.perf_counter() - start) * 1000
        await app.workers.wait_for_complete()
        await pilot.press("slash")
        box = app.screen.query_one("#query")
        out["typing"] = {}
        for word in words.split(","):
            box.value = ""
            await pilot.pause(0.5)  # the whole library listed again: not measured
            samples = []
            typed = ""
            for char in word:
                typed += char
                t = time.perf_counter()
                # pilot.press waits for the app to be idle (facet workers included): fire it as
                # a task and watch for the results instead, as a person would see them.
                press = asyncio.ensure_future(pilot.press(char))
                while True:
                    status = str(app.screen.query_one("#status").render())
                    if repr(typed) in status:
                        break
                    await asyncio.sleep(0.002)
                samples.append((time.perf_counter() - t) * 1000)
                if len(typed) == len(word):
                    # A word in most articles is listed newest first while it is ranked: the
                    # ranked page's arrival, from the last key.
                    while "while ranking" in str(app.screen.query_one("#status").render()):
                        await asyncio.sleep(0.002)
                    ranked = (time.perf_counter() - t) * 1000
                await press
            out["typing"][word] = {
                "keystroke_ms": sorted(samples), "last_ms": samples[-1], "ranked_ms": ranked
            }
    # This process's own peak (VmHWM): ru_maxrss of a child keeps the parent's size at the fork,
    # so it reported the benchmark's own memory (the title index it had built) as the interface's.
    try:
        hwm = [l for l in open("/proc/self/status") if l.startswith("VmHWM:")][0]
        out["rss_mb"] = int(hwm.split()[1]) / 1024
    except (OSError, IndexError):
        out["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(out))

asyncio.run(main(sys.argv[1], sys.argv[2]))
"""


def probe(measure: str, script: str, *args: str, env: dict | None = None) -> tuple[dict, list[Row]]:
    """An interface probe run in a process of its own: the JSON it prints last, or else a row
    saying it failed, under measure."""
    done = subprocess.run([sys.executable, "-c", script, *args],
                          capture_output=True, text=True, check=False, timeout=900, env=env)  # fmt: skip
    if done.returncode != 0:
        return {}, [{"measure": measure, "dipterm": None, "floor": None, "unit": "", "target": "",
                     "met": False, "note": "probe failed: " + done.stderr[-300:].replace("\n", " ")}]  # fmt: skip
    return json.loads(done.stdout.strip().splitlines()[-1]), []


TITLE_PROBE = """
import asyncio, json, sys, time
from pathlib import Path
from dipterm.tui.app import DiptermApp
from dipterm.tui.widgets.article_list import ArticleList

async def main(path, word):
    app = DiptermApp(Path(path))
    async with app.run_test(size=(140, 40)) as pilot:
        while not (app.screen.query(ArticleList) and app.screen.query_one(ArticleList).row_count):
            await asyncio.sleep(0.005)
        await app.workers.wait_for_complete()
        t = time.perf_counter()
        # pilot.press waits for the app to settle (its notice included): fire it as a task.
        press = asyncio.ensure_future(pilot.press("f2"))
        while not app.screen.title_mode:
            await asyncio.sleep(0.001)
        app.screen.query_one("#query").value = word  # as if pasted: one search
        while f"{word!r}  (titles)" not in str(app.screen.query_one("#status").render()):
            await asyncio.sleep(0.002)
        out = {"first_filter_ms": (time.perf_counter() - t) * 1000}
        await press
    hwm = [l for l in open("/proc/self/status") if l.startswith("VmHWM:")][0]
    out["rss_mb"] = int(hwm.split()[1]) / 1024
    print(json.dumps(out))

asyncio.run(main(sys.argv[1], sys.argv[2]))
"""


def bench_title_filter_first_use(db: Path, word: str, cache: Path) -> list[Row]:
    """The title filter's first use in a session: F2 and a word, to the filtered list; once with
    an empty cache folder (the index is built and kept), once more (the kept index is loaded)."""
    shutil.rmtree(cache, ignore_errors=True)
    runs = []
    for _ in range(2):
        out, failed = probe("interface: title filter", TITLE_PROBE, str(db), word,
                            env={**os.environ, "XDG_CACHE_HOME": str(cache)})  # fmt: skip
        if failed:
            return failed
        runs.append(out)
    first, later = runs
    return [
        {"measure": f"interface: F2 and `{word}` to filtered titles, first session", "dipterm": first["first_filter_ms"],
         "floor": None, "unit": "ms", "target": "-", "met": "-", "note": "reads every title, builds the index and keeps it"},
        {"measure": f"interface: F2 and `{word}` to filtered titles, later sessions", "dipterm": later["first_filter_ms"],
         "floor": None, "unit": "ms", "target": "-", "met": "-", "note": "reads every title, loads the kept index"},
        {"measure": "interface: peak memory after the title filter", "dipterm": max(first["rss_mb"], later["rss_mb"]),
         "floor": None, "unit": "MB", "target": "< 300 MB", "met": max(first["rss_mb"], later["rss_mb"]) < 300,
         "note": f"VmHWM; {first['rss_mb']:.0f} MB building the index, {later['rss_mb']:.0f} MB loading it"},
    ]  # fmt: skip


def bench_tui(db: Path, words: list[str]) -> list[Row]:
    """The interface, headless: its first screen, then each word typed letter by letter."""
    out, failed = probe("interface", TUI_PROBE, str(db), ",".join(words))
    if failed:
        return failed
    from dipterm.tui.screens.main import DEBOUNCE
    from dipterm.tui.service import RANK_LATER

    rows = [
        {"measure": "interface: start to first screen with the list filled", "dipterm": out["first_screen_ms"],
         "floor": None, "unit": "ms", "target": "< 1000 ms", "met": out["first_screen_ms"] < 1000, "note": "headless, Pilot"},
    ]  # fmt: skip
    for word, typing in out["typing"].items():
        keys = typing["keystroke_ms"]
        p95 = keys[int(0.95 * (len(keys) - 1))]
        note = f"median {statistics.median(keys):.0f} ms, includes the {DEBOUNCE * 1000:.0f} ms debounce"
        if typing["ranked_ms"] > typing["last_ms"] + 1:
            note += (f"; over {RANK_LATER:,} matches are listed newest first while ranked: the ranked "
                     f"page came {typing['ranked_ms']:.0f} ms after the last key")  # fmt: skip
        rows.append({"measure": f"interface: keystroke to updated results, p95 (typing `{word}`)",
                     "dipterm": p95, "floor": None, "unit": "ms", "target": "< 100 ms",
                     "met": p95 < 100, "note": note})  # fmt: skip
    rows.append(
        {"measure": "interface: peak memory with the whole library open", "dipterm": out["rss_mb"],
         "floor": None, "unit": "MB", "target": "< 300 MB", "met": out["rss_mb"] < 300, "note": "peak resident memory of the process (VmHWM)"},
    )  # fmt: skip
    return rows


# ---------------------------------------------------------------- report


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    return (f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, "
            f"SQLite {sqlite3.sqlite_version}")  # fmt: skip


def code_version() -> str:
    """The commit measured, marked where the code differs from it (RESULTS.md, which each run
    rewrites, aside)."""

    def git(*args: str) -> str:
        return subprocess.run(
            ["git", *args], cwd=ROOT, capture_output=True, text=True, timeout=10, check=True
        ).stdout.strip()

    try:
        commit = git("rev-parse", "--short", "HEAD")
        changed = git("status", "--porcelain", "--", ".", ":!benchmarks/RESULTS.md")
    except (OSError, subprocess.SubprocessError):
        return "code of no known commit (not a git checkout)"
    return f"the code of commit {commit}" + (" with uncommitted changes" if changed else "")


def fmt(value) -> str:
    if value is None:
        return "-"
    return f"{value:,.1f}" if value < 100 else f"{value:,.0f}"


def _met(met: bool | str | None) -> str:
    if isinstance(met, str):
        return met  # no target to meet
    return "not measured" if met is None else "yes" if met else "**no**"


def render(title: str, rows: list[Row], context: list[str]) -> str:
    lines = [f"## {title}", "", *context, "",
             "| measure | dipterm | floor | unit | target | met | note |", "| --- | --: | --: | --- | --- | --- | --- |"]  # fmt: skip
    for r in rows:
        lines.append(f"| {r['measure']} | {fmt(r['dipterm'])} | {fmt(r['floor'])} | {r['unit']} | "
                     f"{r['target']} | {_met(r['met'])} | {r.get('note', '')} |")  # fmt: skip
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description="Measure dipterm beside its floors.")
    parser.add_argument("--n", type=int, default=100_000, help="generated articles")
    parser.add_argument(
        "--corpus", type=Path, help="a JSON Lines corpus instead of a generated one"
    )
    parser.add_argument("--seed", type=int, default=20261123)
    parser.add_argument("--out", type=Path, default=HERE / "out")
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--smoke", action="store_true", help="small and quick; no RESULTS.md")
    parser.add_argument("--skip-rg", action="store_true")
    parser.add_argument("--skip-tui", action="store_true")
    parser.add_argument("--results", type=Path, default=HERE / "RESULTS.md")
    args = parser.parse_args()
    if args.smoke:
        args.repeat = min(args.repeat, 3)
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    # The code measured is the code at the start: a run takes up to an hour, and a commit made
    # meanwhile is not what was measured.
    measured = code_version()
    label = f"{args.corpus.name}" if args.corpus else f"{args.n:,} generated articles"
    print(f"corpus: {label}", file=sys.stderr)
    corpus, text_dir, n = prepare_corpus(args, out)
    db, bare_db = out / "library.db", out / "bare.db"

    print("import ...", file=sys.stderr)
    ours = bench_import(corpus, db)
    print("import, searchable only (--later) ...", file=sys.stderr)
    searchable = bench_searchable(corpus, out / "searchable.db")
    bare = bench_bare(corpus, bare_db)
    peer = bench_sqlite_utils(corpus, out / "sqlite-utils.db")
    rate = ours["imported"] / ours["seconds"]
    bare_rate = bare["imported"] / bare["seconds"]
    searchable_rate = searchable["imported"] / searchable["seconds"]
    rows = [
        {"measure": "import with extraction", "dipterm": rate, "floor": bare_rate, "unit": "articles/s",
         "target": ">= 1,500 and >= half the floor", "met": rate >= 1500 and rate >= bare_rate / 2,
         "note": f"{ours['imported']:,} imported in {ours['seconds']:.1f} s; floor: executemany + FTS5"},
        {"measure": "time to searchable: import --later, until all is committed", "dipterm": searchable_rate,
         "floor": bare_rate, "unit": "articles/s", "target": ">= 0.30x floor",
         "met": searchable_rate >= 0.30 * bare_rate,
         "note": f"{searchable_rate / bare_rate:.2f}x; {searchable['imported']:,} searchable in "
         f"{searchable['seconds']:.1f} s, whole command; floor: executemany + FTS5"},
        {"measure": "import with extraction, beside sqlite-utils", "dipterm": rate,
         "floor": peer["imported"] / peer["seconds"] if peer else None, "unit": "articles/s",
         "target": "-", "met": True,
         "note": "peer: sqlite-utils insert --nl + enable-fts (no extraction, no cleaning)"
         if peer else "sqlite-utils not on the PATH: not measured"},
        {"measure": "library size", "dipterm": ours["size_mb"], "floor": bare["size_mb"], "unit": "MB",
         "target": "-", "met": True, "note": "floor: articles and FTS5 only"},
        {"measure": "import peak memory", "dipterm": ours["rss_mb"], "floor": None, "unit": "MB",
         "target": "flat in N", "met": True, "note": "max RSS of the import and its workers"},
    ]  # fmt: skip
    print("import again with 1% changed ...", file=sys.stderr)
    rows.append(bench_reimport_revised(corpus, db, ours))
    print("search ...", file=sys.stderr)
    search_rows, words = bench_search(db, args.repeat)
    rows += search_rows
    rows.append(bench_title_filter(db, args.repeat))
    print("trend and concordance ...", file=sys.stderr)
    rows += bench_wording(db, args.repeat, words)
    print("whole commands ...", file=sys.stderr)
    rows += bench_oneliner(
        db, words["rare"], text_dir, max(5, args.repeat // 3), ours["imported"], out
    )
    if not args.skip_tui:
        print("interface ...", file=sys.stderr)
        rows += bench_tui(db, [words["rare"][:6], words["common"]])
        rows += bench_title_filter_first_use(db, words["title"], out / "cache")
    context = [
        f"Measured {date.today().isoformat()} on {machine()} with {measured}; {label}, "
        f"{n:,} records, {ours['imported']:,} articles in the library.",
        f"Command: `python benchmarks/run.py {' '.join(sys.argv[1:])}`. Search figures are warm, "
        f"in process, over {args.repeat} runs; whole-command figures are medians.",
        f"Import summary: {ours['summary']}",
    ]
    report = render(label, rows, context)
    print(report)
    if not args.smoke:
        previous = args.results.read_text(encoding="utf-8") if args.results.exists() else ""
        args.results.write_text(_with_section(previous, label, report), encoding="utf-8")
        print(f"wrote {args.results}", file=sys.stderr)


def _with_section(previous: str, label: str, report: str) -> str:
    """RESULTS.md with the run's section in the place of the same corpus's last one (at the end
    for a corpus new to it); the header and the other sections as they were."""
    sections = [s for s in re.split(r"(?m)^(?=## )", previous) if s.strip()]
    header = sections.pop(0) if sections and not sections[0].startswith("## ") else HEADER
    at = next((i for i, s in enumerate(sections) if s.startswith(f"## {label}\n")), None)
    if at is None:
        sections.append(report)
    else:
        sections[at] = report
    return header + "\n\n".join(s.rstrip() for s in sections) + "\n"


HEADER = """# Benchmark results

Written by `benchmarks/run.py`; each section is one run, replaced when the same corpus is measured
again. Floors are measured in the same run on the same machine. A target missed says **no**, and
the notes below the tables say why.

"""


if __name__ == "__main__":
    main()
