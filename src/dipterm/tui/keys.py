"""The keys dipterm itself answers, pane by pane: what the help screen and the command palette list."""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding
from textual.dom import DOMNode
from textual.keys import format_key

NAMES = {"escape": "Esc", "enter": "Enter", "tab": "Tab"}  # where Textual shows a symbol


@dataclass(frozen=True)
class Key:
    """One of dipterm's bindings, where it answers, and the node whose action it runs."""

    keys: str  # as a person reads them: "space or x", "ctrl+e", "?"
    description: str
    pane: str
    action: str
    node: DOMNode


def readable(keys: str) -> str:
    """A binding's keys as a person reads them: 'question_mark' -> '?', 'space,x' -> 'space or x'."""
    shown = []
    for key in keys.split(","):
        *modifiers, name = key.strip().split("+")
        name = NAMES.get(name) or format_key(name)
        shown.append("+".join([*modifiers, name]))
    return " or ".join(shown)


def dipterm_keys(app: DOMNode, screen: DOMNode) -> list[Key]:
    """Every described binding of dipterm's own app, screen and widgets (none of Textual's own
    widgets' keys), each once a pane, in the order the panes are met."""
    found: list[Key] = []
    seen: set[tuple[str, str]] = set()
    for node in [app, screen, *screen.walk_children()]:
        cls = type(node)
        pane = getattr(cls, "PANE", None)
        if pane is None or not cls.__module__.startswith("dipterm."):
            continue
        for binding in cls.__dict__.get("BINDINGS", []):
            if not isinstance(binding, Binding) or not binding.description:
                continue
            if (pane, binding.action) in seen:
                continue
            seen.add((pane, binding.action))
            described = binding.tooltip or binding.description  # the footer has the short one
            found.append(Key(readable(binding.key), described, pane, binding.action, node))
    return found
