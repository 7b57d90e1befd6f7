"""The curated gazetteer (data/gazetteer.tsv): canonical names, kinds and variants, read once."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from dipterm import config


@dataclass(frozen=True)
class GazetteerEntry:
    name: str
    kind: str
    variants: tuple[str, ...]
    notes: str = ""

    @property
    def spellings(self) -> tuple[str, ...]:
        return (self.name, *self.variants)


def name_key(name: str) -> str:
    """A spelling-insensitive key: case, diacritics, hyphens, apostrophes and spaces do not count.

    Kim Jong Un, Kim Jong-un and KIM JONGUN share one key.
    """
    decomposed = unicodedata.normalize("NFKD", name)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[\W_]+", "", bare.casefold())


def load_gazetteer(path: Path) -> list[GazetteerEntry]:
    entries: list[GazetteerEntry] = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            if cols[0] == "name" and len(cols) > 1 and cols[1] == "kind":
                continue  # header
            cols += [""] * (4 - len(cols))
            variants = tuple(v.strip() for v in cols[2].split("|") if v.strip())
            entries.append(
                GazetteerEntry(cols[0].strip(), cols[1].strip(), variants, cols[3].strip())
            )
    return entries


@cache
def gazetteer() -> tuple[GazetteerEntry, ...]:
    """The bundled gazetteer (cached for the process)."""
    path = config.gazetteer_path()
    return tuple(load_gazetteer(path)) if path.exists() else ()


def entries_of_kind(kind: str) -> tuple[GazetteerEntry, ...]:
    return tuple(e for e in gazetteer() if e.kind == kind)
