"""A deterministic synthetic corpus in the styles of DPRK state media, for benchmarks.

Words are drawn with the frequencies of the bundled real corpus (data/corpus/), so the vocabulary
and the spread of common and rare words look like KCNA's; each article also gets a KCNA dateline or
a seed-style header, people from the gazetteer in their romanisation variants with titles of
office, places, dates, and an outlet. The same --seed gives the same bytes. No network.

    python benchmarks/generate.py --n 100000 --out /tmp/corpus   # corpus.jsonl and text/
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from dipterm.extract.gazetteer import entries_of_kind  # noqa: E402

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]  # fmt: skip
ROLES = ["minister of Foreign Affairs", "vice-premier of the Cabinet", "ambassador to the DPRK",
         "director of the International Department", "chairman of the Standing Committee",
         "secretary of the Central Committee", "first vice-minister of National Defence"]  # fmt: skip
EVENTS = ["met {a} at {p} on {d}", "had talks with {a} in {p} on {d}",
          "received a letter from {a} on {d}", "laid a wreath at {p} on {d}",
          "visited {p} together with {a} on {d}"]  # fmt: skip
SOURCES = ["KCNA", "Rodong Sinmun", "Pyongyang Times", "Voice of Korea", "Naenara"]


def vocabulary() -> tuple[list[str], np.ndarray]:
    """Words of the bundled corpus and their probabilities."""
    counts: Counter[str] = Counter()
    corpus = ROOT / "data" / "corpus" / "kcna-2024" / "headlines_2024-11-11.json"
    for record in json.loads(corpus.read_text(encoding="utf-8")):
        counts.update(re.findall(r"[A-Za-z][a-z'-]+|[A-Z]{2,}", record.get("story_text") or ""))
    words = [w for w, n in counts.items() if n >= 2]
    freq = np.array([counts[w] for w in words], dtype=np.float64)
    return words, freq / freq.sum()


def people() -> list[tuple[str, ...]]:
    return [e.spellings for e in entries_of_kind("person")]


def places() -> list[str]:
    return [e.name for e in entries_of_kind("place")][:120]


def articles(n: int, seed: int, min_words: int = 300, max_words: int = 700) -> Iterator[dict]:
    rng = np.random.default_rng(seed)
    words, prob = vocabulary()
    names, where = people(), places()
    lengths = rng.integers(min_words, max_words + 1, size=n)
    for i in range(n):
        body_words = np.asarray(words, dtype=object)[
            rng.choice(len(words), size=int(lengths[i]), p=prob)
        ]
        year = 2000 + int(rng.integers(0, 25))
        month, day = int(rng.integers(1, 13)), int(rng.integers(1, 29))
        person = names[int(rng.integers(len(names)))]
        spelling = person[int(rng.integers(len(person)))]  # a romanisation variant
        other = names[int(rng.integers(len(names)))][0]
        place = where[int(rng.integers(len(where)))]
        event = EVENTS[int(rng.integers(len(EVENTS)))].format(
            a=other, p=place, d=f"{MONTHS[(month - 2) % 12]} {day}"
        )
        role = ROLES[int(rng.integers(len(ROLES)))]
        sentences = [" ".join(body_words[j : j + 18]) for j in range(0, len(body_words), 18)]
        paragraphs = [
            ". ".join(s.capitalize() for s in sentences[k : k + 4]) + "."
            for k in range(0, len(sentences), 4)
        ]
        lead = f"{spelling}, {role}, {event}."
        source = SOURCES[int(rng.integers(len(SOURCES)))]
        if source == "KCNA":
            lead = f"Pyongyang, {MONTHS[month - 1]} {day} (KCNA) -- {lead}"
        yield {
            "title": f"{spelling.split()[-1]} {' '.join(body_words[:6]).title()} {i}",
            "date": f"{year}-{month:02d}-{day:02d}",
            "source": source,
            "url": f"http://example.invalid/{source.replace(' ', '').lower()}/{i}",
            "text": "\n\n".join([lead, *paragraphs]),
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=20261123)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--text-files", action="store_true", help="Also one .txt file per article.")
    args = parser.parse_args()
    write(args.n, args.seed, args.out, text_files=args.text_files)


def write(n: int, seed: int, out: Path, *, text_files: bool = False) -> Path:
    """The corpus in out (and its articles as text files); kept from an earlier call with the
    same arguments and the same generator, which a stamp file records (a million articles take
    ten minutes to write)."""
    out.mkdir(parents=True, exist_ok=True)
    text_dir = out / "text"
    path, stamp = out / "corpus.jsonl", out / "corpus.stamp"
    wanted = json.dumps({"n": n, "seed": seed, "text_files": text_files,
                         "generator": hashlib.sha256(Path(__file__).read_bytes()).hexdigest()})  # fmt: skip
    if path.exists() and stamp.exists() and stamp.read_text(encoding="utf-8") == wanted:
        return path
    stamp.unlink(missing_ok=True)
    if text_files:
        text_dir.mkdir(exist_ok=True)
    with path.open("w", encoding="utf-8") as jsonl:
        for i, record in enumerate(articles(n, seed)):
            jsonl.write(json.dumps(record, ensure_ascii=False) + "\n")
            if text_files:
                (text_dir / f"{i:07d}.txt").write_text(
                    f"{record['title']}\n\n{record['date']}\n\n{record['text']}\n", encoding="utf-8"
                )
    stamp.write_text(wanted, encoding="utf-8")
    return path


if __name__ == "__main__":
    main()
