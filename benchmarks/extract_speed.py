"""Extraction over the real articles: what it outputs (a canonical dump and its sha256) and the CPU
it takes an article, turn about with another revision of the code.

    python benchmarks/extract_speed.py                       # this checkout: sha256, ms an article
    python benchmarks/extract_speed.py --base main --rounds 2   # and main's, turn about
    python benchmarks/extract_speed.py --profile /tmp/x.prof    # cProfile of one pass
    python benchmarks/extract_speed.py --base HEAD~1 --this HEAD --dump   # two commits, dumps kept

The articles are the importer's: the KCNA 2011-2012 corpus read from ../shared (GPL-3, never
copied here) and the bundled data/corpus, read by find_sources, read_items and make_draft. Their
drafts are kept in --out (a pickle, outside git, named for the checkout's ingest code) so that
each pass times extraction alone. Each pass is a process of its own running `analyse` over every
draft in order, after one article extracted to load the gazetteer; its CPU time (process_time)
over the articles is the figure. With --base the two sides take turns, each first in every other
round. The dump is one line of sorted-key JSON per article, in the order read; two revisions
extract alike when the sha256 of their dumps is the same.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import os
import pickle
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KCNA_2011 = Path("corpus") / "kcna-2011-2012" / "kcna_2011_2012.jsonl"


def shared_corpus() -> Path:
    """The KCNA 2011-2012 file in ../shared, beside the checkout or beside the folder of
    worktrees that holds it."""
    for folder in (ROOT.parent, ROOT.parent.parent):
        if (folder / "shared" / KCNA_2011).exists():
            return folder / "shared" / KCNA_2011
    sys.exit(f"no shared/{KCNA_2011} beside {ROOT} or its parent")


def read_drafts(inputs: list[Path]) -> list[tuple[str, str, object]]:
    """(title, body, published) of every article the importer would extract, in its order."""
    from dipterm.ingest.files import Item, find_sources, make_draft, read_items
    from dipterm.models import ArticleDraft

    out = []
    for source in find_sources([str(p) for p in inputs]):
        if not hasattr(source, "open"):
            continue  # a skipped input or a page asset
        for item in read_items(source):
            if isinstance(item, Item):
                draft = make_draft(item)
                if isinstance(draft, ArticleDraft):
                    out.append((draft.title, draft.body, draft.published))
    return out


def _plain(value: object) -> object:
    if dataclasses.is_dataclass(value):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def one_pass(drafts_file: Path, dump: Path | None, profile: Path | None) -> dict[str, object]:
    """Extract every draft in this process: CPU ms an article, and the dump's sha256."""
    from dipterm.extract.analyse import analyse

    drafts = pickle.loads(drafts_file.read_bytes())
    analyse(*drafts[0])  # the gazetteer and patterns load once, as in an import's worker
    profiler = None
    if profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    start = time.process_time()
    results = [analyse(title, body, published) for title, body, published in drafts]
    cpu = time.process_time() - start
    if profiler:
        profiler.disable()
        profiler.dump_stats(str(profile))
    digest = hashlib.sha256()
    handle = dump.open("w", encoding="utf-8") if dump else None
    for result in results:
        line = json.dumps(_plain(result), sort_keys=True, ensure_ascii=False) + "\n"
        digest.update(line.encode("utf-8"))
        if handle:
            handle.write(line)
    if handle:
        handle.close()
    return {"articles": len(drafts), "ms": cpu * 1000 / len(drafts), "sha256": digest.hexdigest()}


def _base_src(rev: str, out: Path) -> Path:
    """The src folder of revision rev, unpacked under out with the data/ it reads (the
    gazetteer) beside it, as in a checkout."""
    commit = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", rev], capture_output=True, text=True, check=True
    ).stdout.strip()
    target = out / f"tree-{commit[:12]}"
    if not target.exists():
        with tempfile.TemporaryDirectory(dir=out) as tmp:
            archive = Path(tmp) / "tree.tar"
            paths = ["src", "data", "seeds", ":(exclude)data/corpus"]
            subprocess.run(
                ["git", "-C", str(ROOT), "archive", "-o", str(archive), commit, *paths], check=True
            )
            unpacked = Path(tmp) / "tree"
            with tarfile.open(archive) as tar:
                tar.extractall(unpacked, filter="data")
            unpacked.rename(target)
    return target / "src"


def _run(src: Path, drafts_file: Path, dump: Path | None, profile: Path | None) -> dict:
    command = [sys.executable, __file__, "--child", str(drafts_file)]
    if dump:
        command += ["--child-dump", str(dump)]
    if profile:
        command += ["--profile", str(profile)]
    env = {**os.environ, "PYTHONPATH": str(src)}
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0].replace("\n", " "))
    parser.add_argument("--base", help="a revision to time turn about with this checkout")
    parser.add_argument("--this", help="a revision to time in place of the checkout's files")
    parser.add_argument("--rounds", type=int, default=1, help="passes of each (default 1)")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "out" / "extract")
    parser.add_argument("--dump", action="store_true", help="keep each revision's dump in --out")
    parser.add_argument("--profile", type=Path, help="cProfile this checkout's pass to this file")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--child-dump", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(one_pass(args.child, args.child_dump, args.profile)))
        return

    args.out.mkdir(parents=True, exist_ok=True)
    # Named for the reading code that made them: read again when the importer reads otherwise.
    reading = hashlib.sha256()
    for path in sorted((ROOT / "src" / "dipterm" / "ingest").glob("*.py")):
        reading.update(path.read_bytes())
    drafts_file = args.out / f"drafts-{reading.hexdigest()[:12]}.pickle"
    if not drafts_file.exists():
        sys.path.insert(0, str(ROOT / "src"))
        drafts = read_drafts([shared_corpus(), ROOT / "data" / "corpus"])
        drafts_file.write_bytes(pickle.dumps(drafts))
    sides = {"this": _base_src(args.this, args.out) if args.this else ROOT / "src"}
    if args.base:
        sides = {"base": _base_src(args.base, args.out), **sides}
    seen: dict[str, list[dict]] = {name: [] for name in sides}
    for turn in range(args.rounds):
        # Turn about, each side first in every other round: base, this, this, base, ...
        for name, src in list(sides.items())[:: -1 if turn % 2 else 1]:
            dump = args.out / f"dump-{name}.jsonl" if args.dump and turn == 0 else None
            profile = args.profile if name == "this" and turn == 0 else None
            result = _run(src, drafts_file, dump, profile)
            seen[name].append(result)
            print(
                f"{name}: {result['ms']:.3f} ms an article, sha256 {result['sha256']}", flush=True
            )
    for name, results in seen.items():
        times = sorted(r["ms"] for r in results)
        print(
            f"{name}: {results[0]['articles']} articles, {times[0]:.3f}-{times[-1]:.3f} ms an "
            f"article (median {statistics.median(times):.3f}), sha256 {results[0]['sha256']}"
        )
    if args.base:
        same = len({r["sha256"] for rs in seen.values() for r in rs}) == 1
        print("output identical" if same else "OUTPUT DIFFERS")
        if not same:
            sys.exit(1)


if __name__ == "__main__":
    main()
