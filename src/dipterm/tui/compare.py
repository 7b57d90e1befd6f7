"""What two articles open side by side have in common, and how the main screen says it."""

from __future__ import annotations

from rich.text import Text

from dipterm.tui.widgets.reader import Entity, Reader


def shared(left: Reader, right: Reader) -> tuple[set[str], set[str], set[str]]:
    """Sentences the two articles share word for word or nearly, and the entities both mention."""
    from rapidfuzz import fuzz, process

    a, b = left.sentences(), right.sentences()
    shared_a, shared_b = set(), set()
    for sentence in a:
        if len(sentence.split()) < 4:
            continue
        found = process.extractOne(sentence, b, scorer=fuzz.ratio, score_cutoff=85)
        if found:
            shared_a.add(sentence)
            shared_b.add(found[0])

    names_left = {e.name for e in left.entities()}
    return shared_a, shared_b, names_left & {e.name for e in right.entities()}


def entity_label(entity: Entity, both: bool) -> Text:
    """A line of the entities dialog: the name (bold if both articles name it), kind, roles."""
    label = Text(entity.name, style="bold" if both else "")
    label.append(f"  {entity.kind}", "dim")
    if entity.roles:
        label.append(f": {entity.roles}", "dim")
    return label


def compare_line(sentences: int, names: list[str], width: int) -> Text:
    """What compare found, in one line of width: the entities both name as far as they fit, then
    how many more there are and where to see them all."""
    line = Text(f"compare: {sentences} sentences shared  ").append("both mention ", "dim")
    if not names:
        return line.append("nothing")
    room = width - line.cell_len - 2
    shown: list[str] = []
    for index, name in enumerate(names):
        rest = len(names) - index - 1
        more = f" +{rest} more (e lists all)" if rest else ""
        if len(", ".join([*shown, name])) + len(more) > room and shown:
            break
        shown.append(name)
    line.append(", ".join(shown))
    if len(shown) < len(names):
        line.append(f" +{len(names) - len(shown)} more (e lists all)", "dim")
    return line
