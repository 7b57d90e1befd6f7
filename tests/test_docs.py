"""The documentation and the commands kept in step, as sqlite-utils' test_docs.py keeps its own:
docs/commands.md holds every command's --help as the commands print it, and every option the
pages name is an option some command has."""

import re
from pathlib import Path

import click
import pytest
from cogapp import Cog

from dipterm.cli import cli

ROOT = Path(__file__).resolve().parent.parent
COMMANDS_PAGE = ROOT / "docs" / "commands.md"
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def every_command(group: click.Group = cli, path: tuple[str, ...] = ()):
    ctx = click.Context(group, info_name="dipterm")
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        yield (*path, name), command
        if isinstance(command, click.Group):
            yield from every_command(command, (*path, name))


def option_names() -> set[str]:
    names = {"--help", "-h", "--version", "-V", "--db", "--color"}
    for _, command in every_command():
        for param in command.params:
            if isinstance(param, click.Option):
                names.update(param.opts + param.secondary_opts)
    return names


def test_the_commands_page_holds_every_commands_help_as_it_is():
    status = Cog().main(["cog", "--check", "--diff", "--verbosity=0", str(COMMANDS_PAGE)])
    assert status == 0, "docs/commands.md is out of date: run cog -r docs/commands.md"


def test_every_command_has_its_help_on_the_page():
    page = COMMANDS_PAGE.read_text(encoding="utf-8")
    for path, _ in every_command():
        assert f"### dipterm {' '.join(path)}\n" in page, path


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_option_a_page_names_is_one_a_command_has(page):
    # Options written as such: --word, or -x before a space, in code (the table of --help output
    # included); NO_COLOR-style words and query syntax (-lavrov) are not options.
    text = page.read_text(encoding="utf-8")
    code = " ".join(re.findall(r"`[^`\n]+`|```.*?```", text, re.S))
    named = set(re.findall(r"(?<![\w-])(--[a-z][a-z-]*)", code))
    unknown = named - option_names()
    assert not unknown, f"{page.name} names options no command has: {sorted(unknown)}"
