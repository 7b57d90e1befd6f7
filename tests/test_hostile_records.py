"""Records from strangers: fields holding markup, terminal escapes, controls, bidi overrides,
tabs, newlines and impossible dates are data. Nothing acts on the terminal or in the interface,
nothing crashes, and one bad record loses only itself."""

import io
import json
import re
import sqlite3
import sys
from pathlib import Path

import pytest
from conftest import SEEDS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dipterm import display
from dipterm.ingest.pipeline import import_paths
from dipterm.store.library import Library
from dipterm.tui.app import DiptermApp
from dipterm.tui.screens.dialogs import ChooseDialog
from dipterm.tui.screens.dossier import DossierScreen
from dipterm.tui.widgets.article_list import ArticleList

# What a terminal acts on: ESC, the other C0 controls but newline (tab: checked per output),
# DEL, C1 controls (CSI, OSC, ST), bidi overrides and isolates.
ACTS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f]")
FRAGMENTS = [
    "[@click=app.quit]X[/]",
    "[@click=app.screenshot('x.txt','/tmp')]shot[/]",
    "[/]",
    "[b]bold",
    "[link=javascript:alert(1)]l[/link]",
    "\x1b[2J",
    "\x1b[31m",
    "\x1b]0;pwned\x07",
    "\x1b]52;c;aGVsbG8=\x07",
    "\x1b]8;;http://evil.example\x1b\\link\x1b]8;;\x1b\\",
    "\x9b2J",
    "\x9d0;title\x9c",
    "\x85",
    "\u202egnp.exe",
    "\u2066",
    "\x00",
    "\x07",
    "\x7f",
    "\t",
    "\n",
    "\r\n",
    "Kim Jong Un",
]
hostile = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=4)), min_size=1, max_size=5
).map("".join)
odd_dates = st.sampled_from(
    [
        1e300,
        -99999999999,
        float("inf"),
        float("-inf"),
        float("nan"),
        10**30,
        -(10**30),
        1e20,
        "Infinity",
        "1e300",
        "-99999999999",
        "0000-00-00",
        "9999-99-99",
        [1],
        {"a": 1},
        True,
        None,
        "2024-05-01",
        1714521600,
    ]  # fmt: skip
)


def record(**fields) -> dict:
    body = fields.pop("text", "a delegation arrived for talks on cooperation.")
    return {"title": "Talks", "text": f"Pyongyang, May 1 (KCNA) -- {body}", **fields}


def write_records(path: Path, records: list[dict]) -> Path:
    with path.open("w") as out:
        for r in records:
            out.write(json.dumps(r) + "\n")  # Infinity and NaN as Python's json writes them
    return path


@pytest.fixture
def run(db_path):
    """The CLI in process, as conftest's run, but with click's stripping of CSI sequences (done
    when output is not a terminal) off: what dipterm writes is what is checked."""
    from click.testing import CliRunner

    from dipterm.cli import cli

    def invoke(*args: str, db: Path | None = db_path):
        prefix = ["--db", str(db)] if db is not None else []
        return CliRunner().invoke(cli, [*prefix, *args], catch_exceptions=False, color=True)

    return invoke


def assert_inert(text: str, what: object = "") -> None:
    assert not ACTS.search(text), (what, ACTS.findall(text)[:5])


def raw_fields(db: Path, article_id: int, **fields: str) -> None:
    """Fields stored as an importer before this one let them through."""
    conn = sqlite3.connect(db)
    marks = ", ".join(f"{k} = ?" for k in fields)
    conn.execute(f"UPDATE articles SET {marks} WHERE id = ?", (*fields.values(), article_id))
    conn.commit()
    conn.close()


# ---------------------------------------------------------------- one bad record


@pytest.mark.parametrize(
    "date",
    [
        "1e300",
        "-99999999999",
        "Infinity",
        "-Infinity",
        "1e20",
        '"-99999999999"',
        pytest.param("1" + "0" * 5000, id="5001-digits"),
    ],  # fmt: skip
)
def test_an_impossible_date_loses_only_its_record(run, tmp_path, date):
    """The date as JSON writes it: the line holding it is the second of three."""
    path = tmp_path / "in.jsonl"
    second = json.dumps(record(title="B", text="second", date=0)).replace("0}", date + "}")
    path.write_text(
        "\n".join(
            [json.dumps(record(title="A")), second, json.dumps(record(title="C", text="third"))]
        )
    )
    result = run("ingest", str(path))
    assert result.exit_code == 1
    assert "2 imported" in result.stdout
    skipped = [line for line in result.stderr.splitlines() if "skipped" in line]
    assert len(skipped) == 1 and f"{path}#2" in skipped[0]
    assert "internal error" not in result.stderr
    assert run("search", "--ids", "third").stdout.split() == ["2"]


def test_a_record_that_breaks_reading_is_skipped_with_its_reason(tmp_path, monkeypatch):
    """Whatever a record holds that reading it did not foresee: that record only, named."""
    from dipterm.ingest import records

    real = records.draft_from_record

    def fragile(item, *args):
        if "boom" in item.get("title", ""):
            raise RecursionError("nested too deep")
        return real(item, *args)

    monkeypatch.setattr(records, "draft_from_record", fragile)
    path = write_records(
        tmp_path / "in.jsonl", [record(title="A"), record(title="boom", text="second")]
    )
    with Library.open(tmp_path / "lib.db") as library:
        summary = import_paths(library, [str(path)], workers=0)
    assert summary.imported == 1
    assert [(s.origin, s.reason) for s in summary.skipped] == [
        (f"{path}#2", "unreadable record (RecursionError: nested too deep)")
    ]


@pytest.mark.parametrize("url", ["::", "http://kcna.kp:x/1", "http://a:99999999/"])
def test_an_url_with_an_odd_port_is_kept_and_loses_nothing(tmp_path, url):
    path = write_records(
        tmp_path / "in.jsonl", [record(title="A", url=url), record(title="B", text="second")]
    )
    with Library.open(tmp_path / "lib.db") as library:
        summary = import_paths(library, [str(path)], workers=0)
        assert summary.imported == 2 and not summary.skipped
        assert library.article(1).url == url


def test_an_url_that_cannot_be_parsed_loses_only_its_record(tmp_path):
    path = write_records(
        tmp_path / "in.jsonl",
        [record(title="A", url="http://[::1/"), record(title="B", text="second")],
    )
    with Library.open(tmp_path / "lib.db") as library:
        summary = import_paths(library, [str(path)], workers=0)
    assert summary.imported == 1
    assert [(s.origin, s.reason) for s in summary.skipped] == [
        (f"{path}#1", "unreadable record (ValueError: Invalid IPv6 URL)")
    ]


# ---------------------------------------------------------------- cleaned at import


def test_every_field_is_cleaned_at_import(tmp_path):
    evil = "\x1b]0;t\x07K\x1b[31mC\x9b1mN\x00A\u202e\tx\ny"
    path = write_records(
        tmp_path / "in.jsonl",
        [
            record(
                title=f"Talks {evil}",
                source=evil,
                byline=evil,
                url=f"http://a/{evil}",
                urls=["http://a/1", f"http://b/{evil}"],
                language=evil,
            )
        ],  # fmt: skip
    )
    with Library.open(tmp_path / "lib.db") as library:
        assert import_paths(library, [str(path)], workers=0).imported == 1
        article = library.article(1)
    for name in ("title", "source", "byline", "url", "lang", "origin"):
        value = getattr(article, name)
        assert value is None or not re.search(r"[\x00-\x1f\x7f-\x9f\u202e]", value), name
    assert article.source == "KCNA x y" and article.byline == "KCNA x y"
    assert article.url == "http://a/KCNA x y"
    assert all("\n" not in u and "\x1b" not in u for u in article.urls)


# ---------------------------------------------------------------- shown safely


@pytest.fixture
def raw(seeded) -> Path:
    """The seeds with fields stored raw, as a library made before cleaning holds them."""
    raw_fields(
        seeded,
        1,
        source="KC\x1b]52;c;aGk=\x07NA\tforged\t1\nx",
        title="T\x1b[2Jitle\x9b31m \u202eevil\nrow",
        byline="B\x1b]8;;http://x\x1b\\y",
        url="http://a\n\x1b[1mb",
        published="2024\x1b]0;x\x07\x1b[0m",
    )
    return seeded


def test_stored_escapes_never_reach_the_terminal_from_any_command(run, raw):
    for args in (
        ["search", "lavrov"],
        ["search", "--json", "lavrov"],
        ["show", "1"],
        ["show", "--json", "1"],
        ["stats"],
        ["stats", "--json"],
        ["entities"],
        ["entity", "Lavrov"],
        ["select", "add", "s\x1b[2J", "1"],
        ["select", "list"],
        ["select", "show", "s\x1b[2J"],
        ["search", "lavrow"],  # corrected: said on stderr
        ["kwic", "lavrow"],
        ["trend", "lavrow"],
        ["history", "1"],
        ["changes"],
        ["show", "\x1b]0;x\x07"],  # an error message naming what was typed
    ):
        result = run(*args)
        assert result.exit_code in (0, 1, 2) and "internal error" not in result.stderr, args
        assert_inert(result.stdout.replace("\t", " "), args)
        assert_inert(result.stderr, args)


def test_a_tab_or_newline_in_a_field_forges_no_row(run, raw):
    lines = run("search", "lavrov").stdout.splitlines()
    assert len(lines) == 1 and lines[0].count("\t") == 3
    assert lines[0].split("\t")[2] == "KCNA forged 1 x"


def test_json_escapes_c1_controls_and_reads_back_the_same(run, raw, monkeypatch):
    raw_fields(raw, 1, source="A\x9b2J\u202eB\x85C")
    out = run("search", "--json", "lavrov").stdout
    assert_inert(out)
    assert json.loads(out)[0]["source"] == "A\x9b2J\u202eB\x85C"


def test_the_table_on_a_terminal_holds_no_escape(raw, monkeypatch):
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    out = Terminal()
    monkeypatch.setattr(sys, "stdout", out)
    with Library.open(raw) as library:
        display.print_hits(library.search("lavrov").hits, has_more=False, limit=20)
        display.print_article(library.article(1))
    assert "evil" in out.getvalue() and "forged" in out.getvalue()
    assert_inert(re.sub(r"\x1b\[[0-9;]*m", "", out.getvalue()))  # rich's own styles only


# ---------------------------------------------------------------- the interface


def click_actions(app) -> set[str]:
    """The @click actions of everything on the screen."""
    found = set()
    for strip in app.screen._compositor.render_strips():
        for segment in strip:
            meta = segment.style.meta if segment.style else {}
            if "@click" in meta:
                found.add(str(meta["@click"]))
    return found


def screen_text(app) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


MARKUP = "[@click=app.quit]X[/]"


async def test_record_markup_shows_literally_and_does_nothing(seeded):
    raw_fields(seeded, 1, source=MARKUP, title="Lavrov [/] talks [b]", byline="[/]")
    raw_fields(seeded, 2, source="[@click=app.screenshot('x.txt','/tmp')]S[/]")
    with Library.open(seeded) as library:
        library.add_to_selection("[/] sel [@click=app.quit]q[/]", [1])
        library.add_watch("[/]watch", "lavrov")
    async with DiptermApp(seeded).run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        listing = pilot.app.screen.query_one(ArticleList)
        assert str(listing.get_row("1")[3]) == MARKUP
        text = screen_text(pilot.app)
        assert "Lavrov [/] talks [b]" in text and "[@click=app.qu" in text  # list, facets
        assert not any("quit" in a or "screenshot" in a for a in click_actions(pilot.app))
        pilot.app.screen.open_article(1)
        await settle(pilot)
        assert "Lavrov [/] talks [b]" in screen_text(pilot.app)  # the reader's header

        pilot.app.screen.load_dossier("Lavrov")
        await settle(pilot)
        assert isinstance(pilot.app.screen, DossierScreen)
        articles = pilot.app.screen.query_one("#dossier-articles")
        assert str(articles.get_row("1")[1]) == MARKUP  # the source cell, as text
        assert "[@click=app" in screen_text(pilot.app)  # shown literally (the column cuts it)
        assert not any("quit" in a for a in click_actions(pilot.app))
        await pilot.press("escape")
        await settle(pilot)

        await pilot.press("o")  # the selections, named with markup
        await pilot.pause()
        assert isinstance(pilot.app.screen, ChooseDialog)
        assert "[/] sel [@click=app.quit]q[/]" in screen_text(pilot.app)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("w")  # the saved searches
        await pilot.pause()
        assert "[/]watch" in screen_text(pilot.app)
        await pilot.press("enter")
        await settle(pilot)

        listing.focus()
        await pilot.press("space", "s")
        await pilot.pause()
        await pilot.press(*"[/]x", "enter")  # a name typed with markup, said in a toast
        await settle(pilot)
        assert pilot.app.is_running
    with Library.open(seeded) as library:
        assert library.selection("[/]x") == [1]


# ---------------------------------------------------------------- every field, any text

SLOW = settings(
    deadline=None,
    max_examples=30,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@SLOW
@given(
    title=hostile, source=hostile, byline=hostile, url=hostile, lang=hostile, body=hostile,
    date=st.one_of(odd_dates, hostile),
)  # fmt: skip
def test_hostile_fields_through_import_and_every_command(
    run, tmp_path_factory, title, source, byline, url, lang, body, date
):
    folder = tmp_path_factory.mktemp("hostile")
    db = folder / "lib.db"
    fields = {"title": title, "source": source, "byline": byline, "url": url, "language": lang}
    path = write_records(
        folder / "in.jsonl",
        [
            record(title="Plain", text="Kim Jong Un inspected a farm."),
            record(**fields, text=f"Kim Jong Un met the delegation. {body}", date=date),
        ],  # fmt: skip
    )
    result = run("ingest", str(path), db=db)
    assert result.exit_code in (0, 1) and "internal error" not in result.stderr
    ids = ["1", "2"] if "2 imported" in result.stdout else ["1"]
    assert sorted(run("search", "--ids", "kim", db=db).stdout.split()) == ids
    outputs = [result]
    for args in (
        ["search", "kim"],
        ["search", "--json", "kim"],
        ["show", ids[-1]],
        ["show", "--json", ids[-1]],
        ["stats"],
        ["stats", "--json"],
        ["entities"],
        ["entity", "Kim Jong Un"],
        ["kwic", "kim"],
        ["trend", "kim"],
        ["history", ids[-1]],
        ["export", *ids],
    ):
        outcome = run(*args, db=db)
        assert outcome.exit_code == 0, (args, outcome.stderr)
        outputs.append(outcome)
    for outcome in outputs:
        assert_inert(outcome.stderr)
    for outcome in outputs[1:]:
        assert_inert(outcome.stdout.replace("\t", " "))
    for line in outputs[1].stdout.splitlines():  # the search's tab-separated rows
        assert line.count("\t") == 3


@settings(deadline=None, max_examples=3, suppress_health_check=list(HealthCheck))
@given(source=hostile, title=hostile, byline=hostile)
async def test_hostile_fields_in_the_interface(tmp_path_factory, source, title, byline):
    db = tmp_path_factory.mktemp("tui") / "lib.db"
    with Library.open(db) as library:
        import_paths(library, [str(SEEDS)], workers=0)
    raw_fields(db, 1, source=source, title=title or "x", byline=byline)  # stored raw
    async with DiptermApp(db).run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        pilot.app.screen.open_article(1)
        await settle(pilot)
        pilot.app.screen.load_dossier("Lavrov")
        await settle(pilot)
        assert isinstance(pilot.app.screen, DossierScreen)
        assert_inert(screen_text(pilot.app))
        assert not any("quit" in a or "screenshot" in a for a in click_actions(pilot.app))
        await pilot.press("escape")
        await settle(pilot)
        assert_inert(screen_text(pilot.app))
        assert pilot.app.is_running
