"""The quick path: a plain `dipterm search` answered without click, parsed as click parses it,
printing what the click command prints, and loading only what a search needs."""

import json
import os
import subprocess
import sys

import pytest

from dipterm import cli_search
from dipterm.cli import cli
from dipterm.cli_args import options_of
from dipterm.launch import plain_search

# What a search that needs no correction must not load: the interface, the writer's library,
# fuzzy matching and its arrays, click itself, rich (JSON needs none), extraction's data, and the
# commands a search does not use.
NOT_FOR_A_SEARCH = (
    "textual", "sqlite_utils", "rapidfuzz", "numpy", "click", "rich", "hashlib",
    "dipterm.extract.gazetteer", "dipterm.ingest.pipeline", "dipterm.cli",
    "dipterm.cli_entities", "dipterm.cli_reports", "dipterm.store.entities",
    "dipterm.store.revisions", "dipterm.store.selections", "dipterm.faults",
)  # fmt: skip


def dipterm(*args: str, quick: bool = True) -> subprocess.CompletedProcess:
    """The command as a user runs it (python -m dipterm), or through click alone."""
    entry = ["-m", "dipterm"] if quick else ["-c", "from dipterm.cli import main; main()"]
    return subprocess.run(
        [sys.executable, *entry, *args], capture_output=True, text=True, check=False,
        env={**os.environ, "NO_COLOR": "1"},
    )  # fmt: skip


def test_a_plain_search_loads_only_what_it_needs(seeded):
    code = (
        "import sys\n"
        f"sys.argv = ['dipterm', '--db', {str(seeded)!r}, 'search', '--json', 'lavrov']\n"
        "from dipterm.launch import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        f"print(sorted(m for m in {NOT_FOR_A_SEARCH!r} if m in sys.modules), file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(done.stdout)[0]["title"] == "Russian FM Received"
    assert done.stderr.strip().splitlines()[-1] == "[]"


def test_the_option_tables_are_the_click_commands_own():
    ctx = cli.make_context("dipterm", ["search", "x"], resilient_parsing=True)
    assert options_of(cli, ctx) == cli_search.ROOT_OPTIONS
    search = cli.get_command(ctx, "search")
    assert (
        options_of(search, search.make_context("search", ["x"], parent=ctx))
        == cli_search.SEARCH_OPTIONS
    )


LINES = [
    ["search", "lavrov"],
    ["search", "russia", "-lavrov"],
    ["--db", "X", "search", "--json", "kim", "jong", "un"],
    ["search", "--db=X", "-n", "5", "putin", "--sort", "oldest"],
    ["search", "putin", "-n3", "--format", "csv", "--exact", "--db", "X"],
    ["--color", "never", "search", "--ids", "--limit=7", "a", "OR", "b", "-nuclear"],
    ["search", "--", "--json", "-n"],
    ["search", "--sort=date", "title:summit", "since:2018", "--format=json", "--json"],
    ["search", "--revisions", "--ids", "hostile", "policy"],
]


@pytest.mark.parametrize("line", LINES, ids=" ".join)
def test_a_plain_search_is_parsed_as_click_parses_it(line, monkeypatch):
    from click.testing import CliRunner

    from dipterm import display

    seen: dict = {}
    monkeypatch.setattr("dipterm.cli._open", lambda ctx: seen.update(db=ctx.obj["db"]))
    monkeypatch.setattr(cli_search, "run", lambda library, query, **kw: seen.update(kw, q=query))
    monkeypatch.setattr(display, "COLOR", "auto")
    assert CliRunner().invoke(cli, line, catch_exceptions=False).exit_code == 0
    quick = plain_search(line)
    assert quick is not None
    assert (quick.db, quick.color, quick.query) == (seen["db"], display.COLOR, seen["q"])
    assert cli_search.output_format(quick.fmt, quick.as_json) == seen["fmt"]
    assert (quick.ids, quick.limit, quick.sort, quick.exact, quick.revisions) == (
        seen["ids"], seen["limit"], seen["sort"], seen["exact"], seen["revisions"],
    )  # fmt: skip


@pytest.mark.parametrize(
    "line",
    [
        ["search", "--help"],
        ["search", "-h", "x"],
        ["-V"],
        ["stats"],
        ["search"],
        ["search", "x", "--limit", "0"],
        ["search", "x", "--sort", "newest"],
        ["search", "x", "--json", "--format", "csv"],
        ["search", "x", "--color", "pink"],
        ["search", "x", "--limit"],
        ["search", "x", "--json=yes"],
        ["--bogus", "search", "x"],
    ],
    ids=" ".join,
)
def test_anything_but_a_plain_search_goes_to_click(line):
    assert plain_search(line) is None


@pytest.mark.parametrize(
    "args",
    [
        ["search", "--json", "putin"],
        ["search", "putin", "-lavrov"],
        ["search", "--ids", "zebra"],
        ["search", "--format", "csv", "lavrow"],  # a correction, on stderr
        ["search", '"kim jong'],  # a query error: exit 2
        ["search", "title:"],
        ["search", "--format", "table", "person:Lavrov"],
    ],
    ids=" ".join,
)
def test_the_quick_path_prints_what_the_click_command_prints(seeded, args):
    line = ["--db", str(seeded), *args]
    quick, full = dipterm(*line), dipterm(*line, quick=False)
    assert (quick.returncode, quick.stdout, quick.stderr) == (
        full.returncode,
        full.stdout,
        full.stderr,
    )
