"""A trend drawn for the terminal: one line per query over aligned periods (plotext)."""

from __future__ import annotations

from dipterm.store.wording import Trend

# Told apart without colour: one marker per series, in this order.
_MARKERS = ("•", "+", "x", "o", "*", "#")
_COLOURS = ("cyan", "magenta", "green", "orange", "blue", "red")


def values(trend: Trend, *, share: bool) -> list[list[float]]:
    """Each series' value per period: its articles, or their percentage of the period's total."""
    rows = []
    for series in trend.series:
        row = []
        for period in trend.periods:
            n = series.counts.get(period, 0)
            total = trend.totals.get(period, 0)
            if share:
                row.append(100.0 * n / total if total else 0.0)
            else:
                row.append(float(n))
        rows.append(row)
    return rows


def draw(
    trend: Trend, *, width: int = 80, height: int = 18, share: bool = False, colour: bool = True
) -> str:
    """The chart as text, at most width columns wide (plotext, drawn off screen)."""
    import plotext as plt

    plt.clear_figure()
    plt.plotsize(width, height)
    plt.theme("clear")
    plot_into(plt, trend, width=width, share=share, colour=colour)
    text = f"{caption(trend, share)}\n{plt.build()}"
    if not colour:
        text = plt.uncolorize(text)
    # plotext closes each line with a reset code; without colour those are gone, and lines end
    # with no trailing space.
    return "\n".join(line.rstrip() for line in text.splitlines())


def plot_into(plt, trend: Trend, *, width: int, share: bool, colour: bool = True) -> None:
    """Draw the series on a plotext plot (the module, or textual-plotext's widget.plt)."""
    xs = list(range(1, len(trend.periods) + 1))
    rows = values(trend, share=share)
    for k, (series, row) in enumerate(zip(trend.series, rows, strict=True)):
        plt.plot(
            xs,
            row,
            label=_label(series.term, width // 2),
            marker="braille" if colour else _MARKERS[k % len(_MARKERS)],
            color=_COLOURS[k % len(_COLOURS)],
        )
    ticks = _ticks(len(xs), width)
    plt.xticks([xs[i] for i in ticks], [trend.periods[i] for i in ticks])
    top = max((max(r) for r in rows if r), default=0.0)
    plt.yticks(*_integer_ticks(top, share))


def caption(trend: Trend, share: bool) -> str:
    what = f"% of each {trend.by}'s articles" if share else f"articles per {trend.by}"
    return f"{what}, {trend.periods[0]} .. {trend.periods[-1]}" if trend.periods else what


def _label(term: str, most: int) -> str:
    return term if len(term) <= most else term[: most - 1] + "…"


def _ticks(count: int, width: int) -> list[int]:
    """Which periods get a label: as many as fit with room between them (a label is at most 8
    characters, 2024-W15), always the first and the last."""
    if count == 0:
        return []
    room = max(1, (width - 10) // 10)
    if count <= room:
        return list(range(count))
    step = -(-count // room)
    picked = list(range(0, count, step))
    if picked[-1] != count - 1:
        if count - 1 - picked[-1] < step / 2:
            picked[-1] = count - 1
        else:
            picked.append(count - 1)
    return picked


def _integer_ticks(top: float, share: bool) -> tuple[list[float], list[str]]:
    """Y ticks at whole counts (or whole percentages), five at most."""
    top = max(top, 1.0)
    step = max(1, round(top / 4))
    ticks = [float(v) for v in range(0, int(top) + step, step)]
    return ticks, [f"{int(v)}%" if share else str(int(v)) for v in ticks]
