"""The user's settings: what the interface remembers between starts (for now, its theme)."""

from __future__ import annotations

import json
from typing import Any

from dipterm import config
from dipterm.whole_files import written_whole


def load() -> dict[str, Any]:
    """The settings saved before, or none: a missing or unreadable file is no settings."""
    try:
        saved = json.loads(config.settings_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return saved if isinstance(saved, dict) else {}


def save(changes: dict[str, Any]) -> None:
    """Merge changes into the saved settings; written whole to a new file, then moved into place."""
    path = config.settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    merged = {**load(), **changes}
    with written_whole(path) as out:
        out.write((json.dumps(merged, indent=2) + "\n").encode("utf-8"))
