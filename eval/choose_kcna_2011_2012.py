"""Which KCNA 2011-2012 records the gold-kcna-2011-2012 set annotates (eval/README.md).

Prints line number, link and headline of the chosen records of the shared corpus (GPL-3, read
where it lies, never copied): English items whose headline names a diplomatic occasion and whose
text runs 300 to 1,500 characters, sixteen of them drawn with a fixed seed.
"""

import json
import random
import re
import sys
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2] / "shared/corpus/kcna-2011-2012/kcna_2011_2012.jsonl"
HEADLINE = re.compile(
    r"\b(meets|met|talks|visits?|visited|delegations?|arrives?|leaves?|left|banquets?|"
    r"receptions?|wreaths?|floral|letters?|messages?|greetings|credentials|receives?|"
    r"envoys?|ambassadors?|condolences|sympathy)\b",
    re.IGNORECASE,
)


def chosen(path: Path = CORPUS, count: int = 16, seed: int = 2011) -> list[tuple[int, dict]]:
    pool = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            record = json.loads(line)
            if (
                record.get("language") == "en"
                and HEADLINE.search(record.get("title") or "")
                and 300 <= len(record.get("text") or "") <= 1500
            ):
                pool.append((number, record))
    return sorted(random.Random(seed).sample(pool, count), key=lambda item: item[0])


if __name__ == "__main__":
    for number, record in chosen(Path(sys.argv[1]) if len(sys.argv) > 1 else CORPUS):
        print(number, record["link"], record["title"], sep="\t")
