"""Where things live: the library path, the bundled corpus, the gazetteer. Computed, never at import."""

from __future__ import annotations

import os
from pathlib import Path

DB_ENV = "DIPTERM_DB"
LIBRARY_FILENAME = "library.db"


def default_library_path() -> Path:
    """The library in the user's data directory (XDG_DATA_HOME on Linux)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("dipterm", appauthor=False)) / LIBRARY_FILENAME


def settings_path() -> Path:
    """What the interface remembers between starts, in the user's config folder (XDG_CONFIG_HOME)."""
    from platformdirs import user_config_dir

    return Path(user_config_dir("dipterm", appauthor=False)) / "settings.json"


def cache_dir() -> Path:
    """Where dipterm keeps what it can always rebuild (XDG_CACHE_HOME on Linux)."""
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("dipterm", appauthor=False))


def library_path(explicit: str | os.PathLike[str] | None) -> tuple[Path, bool]:
    """The library to open and whether it is the default one (which is built on first use)."""
    if explicit:
        return Path(explicit).expanduser(), False
    env = os.environ.get(DB_ENV)
    if env:
        return Path(env).expanduser(), False
    return default_library_path(), True


def _bundled_root() -> Path:
    """seeds/ and data/: inside the package when installed from a wheel, else the checkout's top."""
    here = Path(__file__).resolve().parent
    packaged = here / "_bundled"
    if packaged.is_dir():
        return packaged
    return here.parent.parent


def seeds_dir() -> Path:
    return _bundled_root() / "seeds"


def data_dir() -> Path:
    return _bundled_root() / "data"


def gazetteer_path() -> Path:
    return data_dir() / "gazetteer.tsv"
