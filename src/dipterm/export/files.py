"""Where an export goes when the user names no file: a new file, never one already there."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path


def export_path(folder: Path, heading: str, today: date) -> Path:
    """A file in folder named for what is exported and the day, that is not there yet:
    dipterm-search-lavrov-2026-12-07.md, then ...-2.md, ...-3.md."""
    slug = re.sub(r"[^a-z0-9]+", "-", heading.lower()).strip("-")[:40].strip("-") or "articles"
    stem = f"dipterm-{slug}-{today.isoformat()}"
    path, number = folder / f"{stem}.md", 1
    while path.exists():
        number += 1
        path = folder / f"{stem}-{number}.md"
    return path
