"""Shared fixtures: every test gets its own data, cache and config folders, so none touches a real
library or the user's settings."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import settings

# No property test is a speed test: on a loaded machine (CI, or two cores shared by many) an
# example may take longer than Hypothesis's default 200 ms deadline without anything being wrong.
settings.register_profile("dipterm", deadline=None)
settings.load_profile("dipterm")

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLD = ROOT / "eval" / "gold-seeds.jsonl"


def pytest_collection_modifyitems(config, items):
    """In a mutation run (docs/testing.md), a mutant outside tui/ skips the interface's tests: they
    reach every module through the library, and would make each surviving mutant cost a minute."""
    mutant = os.environ.get("MUTANT_UNDER_TEST", "")
    if mutant.startswith("dipterm.") and not mutant.startswith("dipterm.tui."):
        skipped = [item for item in items if item.path.name == "test_tui.py"]
        if skipped:
            config.hook.pytest_deselected(items=skipped)
            items[:] = [item for item in items if item.path.name != "test_tui.py"]


@pytest.fixture(autouse=True)
def isolated_data(tmp_path_factory, monkeypatch):
    home = tmp_path_factory.mktemp("xdg")
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.delenv("DIPTERM_DB", raising=False)
    return home


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "library.db"


@pytest.fixture
def seeded(db_path):
    """A library holding the two seeds."""
    from dipterm.ingest.pipeline import import_paths
    from dipterm.store.library import Library

    with Library.open(db_path) as library:
        import_paths(library, [str(SEEDS)])
    return db_path


@pytest.fixture
def run(db_path):
    """Run the CLI in process on the test's library: run('search', 'lavrov')."""
    from dipterm.cli import cli

    def invoke(*args: str, input: str | bytes | None = None, db: Path | None = db_path):
        runner = CliRunner()
        prefix = ["--db", str(db)] if db is not None else []
        return runner.invoke(cli, [*prefix, *args], input=input, catch_exceptions=False)

    return invoke


@pytest.fixture(scope="session")
def gold() -> dict[str, dict]:
    return {json.loads(line)["file"]: json.loads(line) for line in GOLD.read_text().splitlines()}


def write_article(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


# Three articles whose orders all differ, so a test can tell one order from another:
# by id 1 2 3; newest first 2 1 3; oldest first 3 1 2; by title 2 3 1; each from another source.
MIXED = [
    {
        "title": "Zeta Talks Held",
        "source": "KCNA",
        "date": "2020-03-01",
        "body": "Kim Jong Un met Sergei Lavrov in Pyongyang on Sunday. The talks covered trade.",
    },
    {
        "title": "Alpha Talks Reported",
        "source": "Rodong Sinmun",
        "date": "2024-06-01",
        "body": "Choe Son Hui held talks with Sergei Lavrov in Moscow on Saturday about trade.",
    },
    {
        "title": "Mid Talks Noted",
        "source": "The Pyongyang Times",
        "date": "2018-01-15",
        "body": "Kim Yo Jong received Sergei Lavrov in Pyongyang on Monday. The talks were friendly; more talks follow.",
    },
]
MIXED_ORDERS = {"id": [1, 2, 3], "newest": [2, 1, 3], "oldest": [3, 1, 2], "title": [2, 3, 1]}


@pytest.fixture
def mixed(db_path, tmp_path):
    """A library holding MIXED, imported in that order (ids 1, 2, 3)."""
    from dipterm.ingest.pipeline import import_paths
    from dipterm.store.library import Library

    records = tmp_path / "mixed.jsonl"
    records.write_text("".join(json.dumps(r) + "\n" for r in MIXED), encoding="utf-8")
    with Library.open(db_path) as library:
        import_paths(library, [str(records)])
    return db_path
