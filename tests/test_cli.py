import json
import re
import sqlite3
import subprocess
import sys

from conftest import MIXED_ORDERS, SEEDS, write_article


def test_ingest_then_reingest_reports_unchanged(run):
    first = run("ingest", str(SEEDS))
    assert first.exit_code == 0
    assert first.stdout.strip() == "2 imported, 0 unchanged, 0 skipped"
    again = run("ingest", str(SEEDS))
    assert again.stdout.strip() == "0 imported, 2 unchanged, 0 skipped"


def test_ingest_names_each_skipped_input_and_exits_1(run, tmp_path):
    empty = write_article(tmp_path, "empty.txt", "  \n")
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01")
    result = run("ingest", str(SEEDS), str(empty), str(binary), str(tmp_path / "missing.txt"))
    assert result.exit_code == 1
    assert result.stdout.strip() == "2 imported, 0 unchanged, 3 skipped"
    assert "empty.txt: empty file" in result.stderr
    assert "photo.txt: binary file" in result.stderr
    assert "missing.txt: no such file or folder" in result.stderr
    assert "Traceback" not in result.output


def test_ingest_from_standard_input(run):
    text = (
        "Talks Held\n\nMarch 3, 2021\n\nThe talks between the two delegations were held on Tuesday."
    )
    result = run("ingest", "-", input=text)
    assert result.exit_code == 0
    shown = json.loads(run("show", "1", "--json").stdout)
    assert shown["origin"] == "<stdin>" and shown["published"] == "2021-03-03"


def test_standard_input_is_read_as_json_lines_or_json_whatever_a_records_length(run):
    body = " ".join(
        f"Round {k} of the talks between the two delegations was held." for k in range(100)
    )
    records = [{"title": f"Talks Held {n}", "body": f"{n} {body}"} for n in range(3)]
    assert len(json.dumps(records[0])) > 5000  # longer than what is peeked at to tell the format
    lines = "\n".join(json.dumps(r) for r in records) + "\n"
    assert run("ingest", "-", input=lines).stdout.startswith("3 imported")
    # The same records as one JSON document, laid out on several lines or on one.
    again = [{"title": f"Talks Again {n}", "body": f"again {n} {body}"} for n in range(2)]
    laid_out = json.dumps({"articles": again}, indent=1)
    assert run("ingest", "-", input=laid_out).stdout.startswith("2 imported")
    one = {"title": "One Record", "body": "one " + body}
    assert run("ingest", "-", input=json.dumps(one)).stdout.startswith("1 imported")


def test_search_json_shape_and_exit_codes(run):
    run("ingest", str(SEEDS))
    result = run("search", "--json", "Paekhwawon")
    assert result.exit_code == 0
    [hit] = json.loads(result.stdout)
    assert set(hit) >= {"id", "title", "source", "published", "score", "snippet"}
    assert isinstance(hit["score"], float)
    assert hit["title"] == "Russian FM Received"
    assert "\x02" not in hit["snippet"]
    nothing = run("search", "--json", "zebra")
    assert nothing.exit_code == 1 and json.loads(nothing.stdout) == []


def test_search_reports_the_correction_on_stderr(run):
    run("ingest", str(SEEDS))
    result = run("search", "--ids", "lavrow")
    assert result.stdout.split() == ["1"]
    assert "lavrow -> lavrov" in result.stderr
    assert run("search", "--exact", "lavrow").exit_code == 1


def test_search_sorted_by_date_and_limited(run, mixed):
    ids = lambda *args: [int(i) for i in run("search", "--ids", *args).stdout.split()]  # noqa: E731
    # a word in every article, and filters alone: the two ways a search reads its matches
    for query in ("talks", "person:Lavrov", "since:2000"):
        assert ids("--sort", "date", query) == MIXED_ORDERS["newest"], query
        assert ids("--sort", "oldest", query) == MIXED_ORDERS["oldest"], query
    assert ids("--sort", "date", "--limit", "2", "talks") == MIXED_ORDERS["newest"][:2]
    assert ids("--sort", "oldest", "--limit", "1", "talks") == MIXED_ORDERS["oldest"][:1]


def test_malformed_query_is_one_line_and_exit_2(run):
    run("ingest", str(SEEDS))
    for query in ['"kim jong', "bogus:x", "since:soon"]:
        result = run("search", query)
        assert result.exit_code == 2
        assert result.stderr.count("\n") == 1 and result.stderr.startswith("dipterm: ")


def test_show_and_stats_json(run):
    run("ingest", str(SEEDS))
    article = json.loads(run("show", "2", "--json").stdout)
    assert {"id", "title", "source", "published", "byline", "url", "body"} <= set(article)
    assert article["source"] == "Pyongyang Times" and article["published"] == "2019-05-21"
    stats = json.loads(run("stats", "--json").stdout)
    assert stats["articles"] == 2
    assert stats["sources"] == {"Pyongyang Times": 1, "(unknown)": 1}
    assert (stats["first"], stats["last"]) == ("2018-06-01", "2019-05-21")
    missing = run("show", "42")
    assert missing.exit_code == 2 and "no article 42" in missing.stderr


def test_missing_library_for_search_is_a_clear_error(run, tmp_path):
    result = run("search", "kim", db=tmp_path / "nope.db")
    assert result.exit_code == 2 and "no library at" in result.stderr
    assert not (tmp_path / "nope.db").exists()


def test_default_library_is_built_from_the_bundle_on_first_use(run, isolated_data, monkeypatch):
    from dipterm.workspace import open_library

    result = run("stats", "--json", db=None)  # not on a terminal: the line is there all the same
    (line,) = result.stderr.splitlines()
    assert line.startswith("Built your library at")
    # The bundle's records without text are said to be what they are, not errors.
    assert line.endswith("headlines of photo and video items without text, left out.")
    stats = json.loads(result.stdout)
    assert stats["path"].startswith(str(isolated_data))
    assert stats["articles"] >= 2
    again = run("stats", "--json", db=None)
    assert "Built" not in again.stderr
    reports: list = []
    open_library(None, progress=lambda *report: reports.append(report)).close()
    assert reports == []  # nothing built: no progress to show


def test_the_progress_line_appears_only_when_an_import_reports(monkeypatch):
    from dipterm.cli import _progress

    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    progress = _progress(False)
    with progress as update:
        assert progress.bar is None
        update(0, "finding the articles…", None)
        assert progress.bar is not None


def test_dipterm_db_environment_variable_names_the_library_used(run, tmp_path, monkeypatch):
    target = tmp_path / "env.db"
    monkeypatch.setenv("DIPTERM_DB", str(target))
    assert run("ingest", str(SEEDS), db=None).stdout.startswith("2 imported")
    stats = json.loads(run("stats", "--json", db=None).stdout)
    assert stats["path"] == str(target) and stats["articles"] == 2
    # --db still wins over the variable
    other = tmp_path / "other.db"
    run("ingest", str(SEEDS / "000_565e87e98638243f.txt"), db=other)
    assert json.loads(run("stats", "--json", db=other).stdout)["articles"] == 1


def test_hostile_text_never_reaches_the_terminal(run, tmp_path, db_path):
    write_article(tmp_path, "plain.txt", "Plain title\n\nBody with an escape word.")
    run("ingest", str(tmp_path))
    # Import cleans what it stores, so the escapes are put into the library afterwards (as an older
    # dipterm or a hand edit could leave them): the output must remove them on its own.
    with sqlite3.connect(db_path) as db:
        db.execute(
            "UPDATE articles SET title = ?, body = ?, source = ? WHERE id = 1",
            (
                "Evil\x1b]0;owned\x07 title",
                "Body with \x1b[2J escape and \x07 bell, [bold]markup[/bold] too.\n\nSecond \u202epart.",
                "KC\x1b[31mNA",
            ),
        )
    listed = run("search", "escape").stdout
    assert listed == "1\t\tKCNA\tEvil title\n"
    shown = run("show", "1").stdout
    assert shown.startswith("Evil title\n    source  KCNA\n")
    assert "\nBody with  escape and  bell, [bold]markup[/bold] too.\n\nSecond part.\n" in shown
    as_json = run("search", "--json", "escape").stdout
    assert not any(c in as_json for c in "\x1b\x07\u202e")  # JSON writes them as \\u001b etc.
    [hit] = json.loads(as_json)
    assert hit["snippet"] == "Body with  escape and  bell, [bold]markup[/bold] too.\n\nSecond part."


HEAVY_FOR_A_ONE_LINER = (
    "textual",
    "sqlite_utils",
    "dipterm.extract.gazetteer",  # the extraction rules' data
    "dipterm.cli_entities",  # commands a search does not use
    "dipterm.cli_reports",
)


def test_search_imports_neither_textual_nor_sqlite_utils_nor_other_commands(seeded):
    code = (
        "import sys\n"
        "from dipterm.cli import cli\n"
        f"try:\n    cli(['--db', {str(seeded)!r}, 'search', '--json', 'lavrov'], prog_name='dipterm')\n"
        "except SystemExit:\n    pass\n"
        f"print(sorted(m for m in {HEAVY_FOR_A_ONE_LINER!r} if m in sys.modules), file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(done.stdout)[0]["title"] == "Russian FM Received"
    assert done.stderr.strip().endswith("[]")


def test_commands_loaded_when_named_are_all_listed():
    import dipterm.cli_entities
    import dipterm.cli_reports
    from dipterm.cli import LAZY_COMMANDS, cli

    for module in (dipterm.cli_entities, dipterm.cli_reports):
        defined = {
            name for name, c in cli.commands.items() if c.callback.__module__ == module.__name__
        }
        assert defined and defined == {n for n, m in LAZY_COMMANDS.items() if m == module.__name__}


def test_help_lists_every_command_with_its_summary(run):
    import click

    from dipterm.cli import cli

    out = run("--help").stdout
    listed = dict(
        line.split(None, 1) for line in out.split("Commands:\n")[1].split("\n\n")[0].splitlines()
    )
    names = cli.list_commands(click.Context(cli))
    assert sorted(listed) == sorted(names) and len(names) >= 13
    for name in names:
        summary = cli.get_command(click.Context(cli), name).get_short_help_str(limit=1000)
        shown = listed[name].removesuffix("...")  # cut to the terminal's width
        assert len(shown.split()) >= 3 and summary.startswith(shown), name
        own = run(name, "--help")
        assert own.exit_code == 0 and own.stdout.startswith(f"Usage: cli {name} "), name


def test_help_gives_the_exit_codes_dipterm_uses(run, tmp_path):
    from dipterm.errors import ExitCode

    text = " ".join(run("--help").stdout.split("Exit codes:")[1].split())
    assert {int(n) for n in re.findall(r"(\d+) [a-z]", text)} == {int(c) for c in ExitCode}
    run("ingest", str(SEEDS))
    assert run("search", "lavrov").exit_code == ExitCode.OK == 0 and "0 found" in text
    assert (
        run("search", "zebra").exit_code == ExitCode.NO_MATCH == 1 and "1 nothing matched" in text
    )
    skipped = run("ingest", str(tmp_path / "missing.txt"))
    assert skipped.exit_code == 1 and "some inputs were skipped" in text
    assert run("search", '"unclosed').exit_code == ExitCode.ERROR == 2 and "2 error" in text
    assert run("show", "99").exit_code == 2


def test_search_help_names_every_filter_of_the_grammar(run):
    from dipterm.store.query import ENTITY_FILTERS, FILTERS

    text = " ".join(run("search", "--help").stdout.split())
    for name in [*FILTERS, *ENTITY_FILTERS]:
        assert f"{name}:" in text, name


def test_search_help_names_every_event_type_extraction_reports(run):
    from dipterm.extract.events import TRIGGERS
    from dipterm.models import EVENT_TYPES

    assert {kind for kind, _ in TRIGGERS} == set(EVENT_TYPES)
    text = " ".join(run("search", "--help").stdout.split())
    for event_type in EVENT_TYPES:
        assert event_type in text, event_type
