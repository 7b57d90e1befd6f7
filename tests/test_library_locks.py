"""Nothing the interface writes is lost while other dipterm commands use the library: no file of
it is opened by anything but SQLite, whose POSIX locks closing any other descriptor would drop."""

import json
import subprocess
import sys
from pathlib import Path

from dipterm.ingest.pipeline import import_paths
from dipterm.store.library import Library
from dipterm.tui.service import LibraryService


def _articles(path: Path, n: int) -> Path:
    with path.open("w") as out:
        for i in range(n):
            text = f"Pyongyang (KCNA) -- Delegation {i} of Kim Il Sung University met officials."
            out.write(json.dumps({"title": f"Visit {i}", "date": "2024-05-01", "text": text}))
            out.write("\n")
    return path


def _dipterm(db: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "dipterm", "--db", str(db), *args],
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_a_write_held_open_survives_other_commands(seeded, tmp_path):
    service = LibraryService(seeded)  # three connections, as the interface holds them
    try:
        assert service.library.count() == 2
        for args in (
            ["search", "kim"],
            ["stats"],
            ["ingest", str(_articles(tmp_path / "more.jsonl", 5))],
            ["search", "delegation"],
        ):
            assert _dipterm(seeded, *args).returncode in (0, 1), args
        service.library.add_to_selection("kept", [1, 2])
        assert _dipterm(seeded, "search", "kim").returncode in (0, 1)
        service.library.add_to_selection("kept", [3])
    finally:
        service.close()
    with Library.open(seeded) as library:
        assert library.selection("kept") == [1, 2, 3]
        assert library.count() == 7
        assert library.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_an_import_never_reads_the_library_it_writes(tmp_path):
    """A library named as an article file would be (no suffix), in the folder imported, is left
    out with its journals, and the import's own writes are all kept."""
    folder = tmp_path / "articles"
    folder.mkdir()
    _articles(folder / "visits.jsonl", 3)
    db = folder / "library"
    with Library.open(db) as library:
        import_paths(library, [str(folder / "visits.jsonl")])
        summary = import_paths(library, [str(folder), str(db)], workers=0)
        left_out = {Path(s.origin).name for s in summary.skipped if "library itself" in s.reason}
        assert "library" in left_out
        assert summary.imported == 0 and summary.unchanged == 3
    with Library.open(db) as library:
        assert library.count() == 3
