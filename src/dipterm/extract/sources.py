"""Outlets: which DPRK medium published an article, from its byline, citation or dateline."""

from __future__ import annotations

from functools import cache

from dipterm.extract.keys import name_key


@cache
def _outlet_keys() -> dict[str, str]:
    from dipterm.extract.gazetteer import entries_of_kind  # read when first needed

    keys: dict[str, str] = {}
    for entry in entries_of_kind("outlet"):
        for spelling in entry.spellings:
            keys[name_key(spelling)] = entry.name
    return keys


def canonical_outlet(text: str | None) -> str | None:
    """The canonical outlet named by the text as a whole ("The Pyongyang Times" -> "Pyongyang Times")."""
    if not text:
        return None
    return _outlet_keys().get(name_key(text))


def outlet_of_url(url: str | None) -> str | None:
    """The outlet whose site a url is on (www.kcna.kp -> KCNA): the gazetteer lists outlets' domains."""
    if not url:
        return None
    from urllib.parse import urlsplit

    host = (urlsplit(url if "//" in url else "//" + url).hostname or "").lower()
    parts = host.split(".")
    for i in range(len(parts) - 1):
        outlet = _outlet_keys().get(name_key(".".join(parts[i:])))
        if outlet and "." in ".".join(parts[i:]):
            return outlet
    return None
