"""The spelling-insensitive key names are matched by, in the gazetteer, the library and queries.

A module of its own, so that what only compares names (a search's source: filter, the library's
entities) need not load the gazetteer.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_NOT_KEY = re.compile(r"[\W_]+")


@lru_cache(maxsize=1 << 16)
def name_key(name: str) -> str:
    """A spelling-insensitive key: case, diacritics, quotes, hyphens and spaces do not count.

    Kim Jong Un, Kim Jong-un and KIM JONGUN share one key.
    """
    if name.isascii():
        return _NOT_KEY.sub("", name).lower()
    decomposed = unicodedata.normalize("NFKD", name)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NOT_KEY.sub("", bare.casefold())
