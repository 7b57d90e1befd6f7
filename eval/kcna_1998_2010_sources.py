"""Where the texts of gold-kcna-1998-2010.jsonl come from, and whether each is here as annotated.

The texts are "All Rights Reserved" and stay out of the repository (eval/README.md): this lists,
for each gold record, its file, whether eval/kcna-1998-2010/ holds it with the sha256 annotated,
its url and a web archive address to fetch it from by hand.
"""

import hashlib
import json
import sys
from pathlib import Path

EVAL = Path(__file__).resolve().parent
GOLD = EVAL / "gold-kcna-1998-2010.jsonl"
TEXTS = EVAL / "kcna-1998-2010"


def sources(gold: Path = GOLD, texts: Path = TEXTS) -> list[tuple[str, str, str, str]]:
    """(file, status, url, web archive url) of each record: status ok, missing or different."""
    rows = []
    for line in gold.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        path = texts / record["file"]
        if not path.is_file():
            status = "missing"
        elif hashlib.sha256(path.read_bytes()).hexdigest() != record["sha256"]:
            status = "different"
        else:
            status = "ok"
        archived = (
            f"https://web.archive.org/web/{record['published'].replace('-', '')}/{record['url']}"
        )
        rows.append((record["file"], status, record["url"], archived))
    return rows


if __name__ == "__main__":
    rows = sources()
    for row in rows:
        print(*row, sep="\t")
    sys.exit(0 if all(status == "ok" for _, status, _, _ in rows) else 1)
