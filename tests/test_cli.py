import json
import subprocess
import sys

from conftest import SEEDS, write_article


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
    body = "Pyongyang, May 3 (KCNA) -- The talks between the two delegations were held. " * 80
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


def test_search_sorted_by_date_and_limited(run):
    run("ingest", str(SEEDS))
    newest = run("search", "--ids", "--sort", "date", "putin").stdout.split()
    oldest = run("search", "--ids", "--sort", "oldest", "putin").stdout.split()
    assert newest == ["2", "1"] and oldest == ["1", "2"]
    assert len(run("search", "--ids", "--limit", "1", "putin").stdout.split()) == 1


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


def test_dipterm_db_environment_variable(run, tmp_path, monkeypatch):
    target = tmp_path / "env.db"
    monkeypatch.setenv("DIPTERM_DB", str(target))
    run("ingest", str(SEEDS), db=None)
    assert target.exists()


def test_hostile_text_never_reaches_the_terminal(run, tmp_path):
    write_article(
        tmp_path,
        "evil.txt",
        "Evil\x1b]0;owned\x07 title\n\nBody with \x1b[2J escape and "
        "\x07 bell, [bold]markup[/bold] too.",
    )
    run("ingest", str(tmp_path))
    for args in (["search", "escape"], ["search", "--json", "escape"], ["show", "1"]):
        out = run(*args).stdout
        assert "\x1b" not in out and "\x07" not in out
    assert "[bold]markup[/bold]" in run("show", "1").stdout


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


def test_help_lists_the_commands_and_exit_codes(run):
    out = run("--help").stdout
    for command in ("ingest", "search", "show", "stats"):
        assert command in out
    assert "Exit codes" in out


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
