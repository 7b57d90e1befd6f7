"""Gold records whose article files are kept out of the repository, named by their sha256.

A set whose texts may not be committed ("All Rights Reserved") keeps its annotations in the
repository and its texts in a git-ignored folder each developer fetches: each gold record names
its file, its url and the sha256 of the text as annotated, and quotations name character spans
of that text instead of copying the words.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from dipterm.errors import InputError

SHOWN = 4  # file names listed in the one-line message before "..."


def check_article_files(gold_path: Path, gold: list[dict], articles: Path) -> None:
    """Stop with one line naming the files that are missing from articles or differ from the text
    annotated, when the gold records give their sha256; nothing when all are as annotated."""
    named = [r for r in gold if "file" in r and "sha256" in r]
    if not named:
        return
    missing, different = [], []
    for record in named:
        path = articles / record["file"]
        if not path.is_file():
            missing.append(record["file"])
        elif hashlib.sha256(path.read_bytes()).hexdigest() != record["sha256"]:
            different.append(record["file"])
    if not missing and not different:
        return
    fetch = f"see {gold_path.parent.name}/README.md on fetching them"
    if len(missing) == len(named):
        own = gold_path.parent / gold_path.stem.removeprefix("gold-")
        where = f"{own}/ is absent" if not own.is_dir() else f"none is in {articles}/"
        raise InputError(
            f"the {len(named)} articles of {gold_path.name} are not here: {where} "
            f"(their texts are not in the repository); {fetch}"
        )
    parts = []
    if missing:
        parts.append(f"{len(missing)} missing ({_listed(missing)})")
    if different:
        parts.append(f"{len(different)} not the text annotated ({_listed(different)})")
    raise InputError(
        f"{articles}/: of the {len(named)} articles of {gold_path.name}, "
        f"{' and '.join(parts)}: {fetch}"
    )


def _listed(files: list[str]) -> str:
    shown = ", ".join(files[:SHOWN])
    return shown + (", ..." if len(files) > SHOWN else "")
