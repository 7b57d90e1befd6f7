"""The command line's shell habits: options anywhere, unquoted exclusions, output formats, the
pager and colour on a terminal, completion."""

import csv
import io
import json
import os
import pty
import subprocess
import sys

import pytest
from click.testing import CliRunner
from conftest import SEEDS, write_article

from dipterm.cli import cli

FILLER = "The farmers of the county worked hard in the fields all through the spring season. " * 4
LAVROV_LATE = (
    "Talks in Pyongyang\n\nMay 3, 2024\n\n"
    + FILLER
    + "In the afternoon Choe Son Hui, foreign minister of the DPRK, met Russian Foreign Minister "
    "Sergei Lavrov at the Paekhwawon State Guesthouse.\n\nThe talks were friendly."
)


def ids(result) -> list[str]:
    return result.stdout.split()


def test_words_after_the_query_that_begin_with_a_dash_are_excluded_words(run):
    run("ingest", str(SEEDS))
    unquoted = run("search", "--ids", "putin", "-lavrov")
    assert unquoted.exit_code == 0
    assert ids(unquoted) == ids(run("search", "--ids", "putin -lavrov"))
    assert set(ids(unquoted)) < set(ids(run("search", "--ids", "putin")))
    assert not set(ids(unquoted)) & set(ids(run("search", "--ids", "lavrov")))


def test_options_are_still_options_among_the_query_words(run):
    run("ingest", str(SEEDS))
    assert len(ids(run("search", "--ids", "putin"))) == 2
    # -n1 and -n 1 are --limit; -nuclear, which no article holds, is an excluded word.
    for args in (["putin", "-n1"], ["-n", "1", "putin", "-nuclear"], ["putin", "--limit=1"]):
        assert len(ids(run("search", "--ids", *args))) == 1, args
    # After -- everything is the query, options too.
    assert run("search", "--ids", "--", "putin", "--json").stdout.split() == ids(
        run("search", "--ids", "putin")
    )
    missing = run("search", "putin", "--limit")
    assert missing.exit_code == 2 and "requires an argument" in missing.stderr


def test_a_saved_search_keeps_its_unquoted_exclusions(run):
    run("ingest", str(SEEDS))
    assert run("watch", "add", "putin-alone", "putin", "-lavrov").exit_code == 0
    [saved] = json.loads(run("watch", "list", "--json").stdout)
    assert saved["query"] == "putin -lavrov"


def test_db_before_or_after_the_command(seeded):
    runner = CliRunner()
    for args in (
        ["--db", str(seeded), "search", "--ids", "lavrov"],
        ["search", "--db", str(seeded), "--ids", "lavrov"],
        ["search", "--ids", "lavrov", f"--db={seeded}"],
        ["stats", "--db", str(seeded), "--json"],
    ):
        result = runner.invoke(cli, args, catch_exceptions=False)
        assert result.exit_code == 0, (args, result.output)
    assert json.loads(result.stdout)["path"] == str(seeded)


def test_short_help_and_version(run):
    assert run("-h").stdout == run("--help").stdout and "Exit codes" in run("-h").stdout
    assert "--format" in run("search", "-h").stdout
    version = run("-V")
    assert version.exit_code == 0 and version.stdout.startswith("dipterm, version ")


def test_ids_with_no_match_print_nothing(run):
    run("ingest", str(SEEDS))
    result = run("search", "--ids", "zebra")
    assert result.exit_code == 1 and result.stdout == ""


@pytest.mark.parametrize(
    "name", ["title", "source", "since", "until", "lang", "person", "org", "place", "country"]
)
def test_an_empty_filter_is_an_error_with_a_hint(run, name):
    run("ingest", str(SEEDS))
    for query in ([f"{name}:"], ["putin", f"{name}:"], [f"{name}:", "putin"]):
        result = run("search", *query)
        assert result.exit_code == 2, query
        assert result.stderr.startswith(f"dipterm: {name}: needs a value")
        assert result.stderr.count("\n") == 1


def test_search_formats(run):
    run("ingest", str(SEEDS))
    expected = ids(run("search", "--ids", "putin"))
    tsv = run("search", "--format", "tsv", "putin").stdout.splitlines()
    assert [line.split("\t")[0] for line in tsv] == expected
    rows = list(csv.DictReader(io.StringIO(run("search", "--format", "csv", "putin").stdout)))
    assert [r["id"] for r in rows] == expected
    assert all(r["title"] and "putin" in r["snippet"].lower() for r in rows)
    as_json = json.loads(run("search", "--format", "json", "putin").stdout)
    assert as_json == json.loads(run("search", "--json", "putin").stdout)
    table = run("search", "--format", "table", "putin").stdout
    assert "title / snippet" in table and "Russian FM" not in table.split("\n")[0]
    both = run("search", "--json", "--format", "csv", "putin")
    assert both.exit_code == 2


def test_entity_filter_snippet_is_the_sentence_naming_the_entity(run, tmp_path):
    write_article(tmp_path, "talks.txt", LAVROV_LATE)
    run("ingest", str(tmp_path))
    [hit] = json.loads(run("search", "--json", "person:Lavrov").stdout)
    assert "Sergei Lavrov" in hit["snippet"] and "farmers" not in hit["snippet"]
    report = run("export", "--query", "person:Lavrov", "--snippets").stdout
    assert "**Sergei Lavrov**" in report


def test_export_of_nothing_exits_1_and_keeps_the_existing_file(run, tmp_path):
    run("ingest", str(SEEDS))
    report = tmp_path / "report.md"
    report.write_text("yesterday's report")
    result = run("export", "--query", "zebra", "-o", str(report))
    assert result.exit_code == 1 and "no match" in result.stderr
    assert report.read_text() == "yesterday's report"
    absent = tmp_path / "absent.md"
    assert run("export", "--query", "zebra", "-o", str(absent)).exit_code == 1
    assert not absent.exists()


def test_entities_filtered_by_name_in_any_romanisation(run):
    run("ingest", str(SEEDS))
    for spelling in ("jong-un", "JONG UN", "jongun"):
        lines = run("entities", spelling).stdout.splitlines()
        assert lines and all("Kim Jong Un" in line for line in lines), spelling
    assert lines[0].split()[0].isdigit()  # in a pipe, no header
    nothing = run("entities", "zebra")
    assert nothing.exit_code == 1 and nothing.stdout == ""


def _on_a_terminal(args: list[str], env: dict[str, str]) -> str:
    """What dipterm writes to a terminal (a pseudo-terminal as stdin and stdout)."""
    main, secondary = pty.openpty()
    done = subprocess.run(
        [sys.executable, "-m", "dipterm", *args],
        stdin=secondary, stdout=secondary, stderr=subprocess.PIPE,
        env={**os.environ, "COLUMNS": "100", **env}, timeout=60, check=False,
    )  # fmt: skip
    os.close(secondary)
    chunks = []
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(main)
    assert done.returncode == 0, done.stderr
    return b"".join(chunks).decode("utf-8", "replace")


def test_entities_header_on_a_terminal(seeded):
    out = _on_a_terminal(["--db", str(seeded), "entities", "-n", "2"], {})
    assert out.splitlines()[0].split() == ["articles", "kind", "name"]


def test_long_output_goes_through_the_pager_on_a_terminal_only(seeded, tmp_path):
    paged = tmp_path / "paged.txt"
    pager = f"sh -c 'cat > {paged}; echo LESS=$LESS >> {paged}'"
    _on_a_terminal(["--db", str(seeded), "show", "1"], {"PAGER": pager, "LESS": ""})
    text = paged.read_text()
    assert "Russian FM Received" in text and "Paekhwawon" in text
    paged.unlink()
    env = {k: v for k, v in os.environ.items() if k != "LESS"}
    _on_a_terminal(["--db", str(seeded), "entity", "Lavrov"], {**env, "PAGER": pager})
    assert "Lavrov" in paged.read_text() and "LESS=FRX" in paged.read_text()
    paged.unlink()
    piped = subprocess.run(
        [sys.executable, "-m", "dipterm", "--db", str(seeded), "show", "1"],
        capture_output=True, text=True, env={**os.environ, "PAGER": pager}, check=True,
    )  # fmt: skip
    assert "Russian FM Received" in piped.stdout and not paged.exists()


def test_color_always_never_and_no_color(run, seeded):
    assert "\x1b[" in run("--color", "always", "search", "--format", "table", "putin").stdout
    assert "\x1b[" not in run("search", "--format", "table", "putin").stdout  # a pipe: auto
    shown = ["--db", str(seeded), "show", "1"]
    assert "\x1b[" in _on_a_terminal(shown, {"PAGER": "cat"})
    assert "\x1b[" not in _on_a_terminal(["--color", "never", *shown], {"PAGER": "cat"})
    no_color = _on_a_terminal(shown, {"PAGER": "cat", "NO_COLOR": "1"})
    assert "\x1b[3" not in no_color  # no colour; bold is a style, which NO_COLOR leaves


def test_bash_completion_of_commands_and_choices(seeded):
    def complete(line: str) -> list[str]:
        words = line.split(" ")
        done = subprocess.run(
            [sys.executable, "-m", "dipterm"],
            capture_output=True, text=True, check=True,
            env={**os.environ, "_DIPTERM_COMPLETE": "bash_complete",
                 "COMP_WORDS": line, "COMP_CWORD": str(len(words) - 1)},
        )  # fmt: skip
        return [entry.split(",", 1)[1] for entry in done.stdout.splitlines()]

    assert "search" in complete("dipterm sea")
    assert complete("dipterm search --sort ") == ["rank", "date", "oldest"]
    assert complete(f"dipterm search --db {seeded} --format ") == ["table", "tsv", "csv", "json"]
    script = subprocess.run(
        [sys.executable, "-m", "dipterm"], capture_output=True, text=True, check=True,
        env={**os.environ, "_DIPTERM_COMPLETE": "bash_source"},
    ).stdout  # fmt: skip
    assert "complete -o nosort -F _dipterm_completion dipterm" in script
