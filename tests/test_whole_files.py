"""Files written whole: the target replaced at the end or left as it was, and no part left
beside it by this write or by an earlier one whose writer was killed."""

from __future__ import annotations

import fcntl
import json
import os

import pytest

from dipterm import settings
from dipterm.whole_files import part_pattern, written_whole


def beside(path):
    return sorted(p.name for p in path.parent.glob(part_pattern(path)))


def stale_part(path, name="x1y2z3"):
    """A part as a writer killed half-way leaves it: written, unlocked."""
    part = path.parent / f".{path.name}.{name}.part"
    part.write_bytes(b"half a rep")
    return part


def test_the_target_is_replaced_when_the_block_ends(tmp_path):
    target = tmp_path / "report.md"
    target.write_text("old\n")
    with written_whole(target, 0o640) as out:
        out.write(b"new\n")
        assert target.read_text() == "old\n" and len(beside(target)) == 1
    assert target.read_text() == "new\n"
    assert target.stat().st_mode & 0o777 == 0o640
    assert beside(target) == []


def test_a_write_that_fails_leaves_the_target_and_no_part(tmp_path):
    target = tmp_path / "report.md"
    target.write_text("old\n")
    with pytest.raises(KeyboardInterrupt), written_whole(target) as out:
        out.write(b"half")
        raise KeyboardInterrupt
    assert target.read_text() == "old\n"
    assert beside(target) == []


def test_the_part_of_a_killed_writer_goes_and_a_working_writers_stays(tmp_path):
    target = tmp_path / "report.md"
    stale_part(target, "dead00")
    working = stale_part(target, "alive0")
    fd = os.open(working, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # as its writer holds it
        with written_whole(target) as out:
            out.write(b"new\n")
        assert beside(target) == [working.name]
    finally:
        os.close(fd)
    with written_whole(target) as out:
        out.write(b"newer\n")
    assert beside(target) == []
    assert target.read_text() == "newer\n"


def test_settings_are_saved_whole_and_clear_a_killed_save(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    settings.save({"theme": "nord"})
    path = next((tmp_path / "config").rglob("*.json"))
    stale_part(path)
    settings.save({"theme": "gruvbox"})
    assert json.loads(path.read_text()) == {"theme": "gruvbox"}
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]
