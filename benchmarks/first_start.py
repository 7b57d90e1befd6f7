"""The interface's first start on a fresh machine beside a bare Textual app's start, in one run.

    python benchmarks/first_start.py            # 5 runs each, turn about; writes RESULTS.md
    python benchmarks/first_start.py --smoke    # 1 run each; writes nothing

dipterm: a new process with empty data and cache folders opens the interface headless
(Textual's run_test) as `dipterm` does on a first start: the default library is built from the
bundle in a child process forked before Textual loads, the interface shows how far it is, and
the run ends when the list shows articles over the searchable library (the extraction goes on
behind it; quitting stops it once the library is stored). Floor: a new process opening a
bare Textual app (a header, a line of text, a footer) headless until it is mounted. Both whole
processes, wall time; the target is the issue's: within 5x of the floor.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import run  # noqa: E402

DIPTERM = """
import asyncio
from dipterm import config
from dipterm.tui.extraction import FirstBuild

path, _ = config.library_path(None)
build = FirstBuild.start_if_needed(path)  # as `dipterm` does, before it loads Textual

from dipterm.tui.app import DiptermApp
from dipterm.tui.widgets.article_list import ArticleList

async def main():
    app = DiptermApp(path, build=build)
    async with app.run_test(size=(120, 40)):
        while not (app.screen.query(ArticleList) and app.screen.query_one(ArticleList).row_count):
            await asyncio.sleep(0.005)

asyncio.run(main())
"""

BARE = """
import asyncio
from textual.app import App
from textual.widgets import Footer, Header, Static

class Bare(App):
    def compose(self):
        yield Header()
        yield Static("hello")
        yield Footer()

async def main():
    app = Bare()
    async with app.run_test(size=(120, 40)):
        while not app.screen.query(Static):
            await asyncio.sleep(0.005)

asyncio.run(main())
"""


def once(script: str) -> float:
    """Wall time in ms of a new process running script, with fresh data and cache folders."""
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "XDG_DATA_HOME": f"{home}/data", "XDG_CACHE_HOME": f"{home}/cache",
               "XDG_CONFIG_HOME": f"{home}/config"}  # fmt: skip
        env.pop("DIPTERM_DB", None)
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", script], env=env, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
        return (time.perf_counter() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--smoke", action="store_true")
    parser.add_argument("--results", type=Path, default=HERE / "RESULTS.md")
    args = parser.parse_args()
    repeat = 1 if args.smoke else args.repeat
    # As installed: pip compiles a package's bytecode (Textual's is), and an editable install
    # writes dipterm's on its first run unless PYTHONDONTWRITEBYTECODE is set, as it is on some
    # machines. Compiled here so that both are measured alike (run.py does the same).
    import compileall

    import dipterm

    compileall.compile_dir(Path(dipterm.__file__).parent, quiet=1)
    load = os.getloadavg()[0]  # before the run, as the section says
    ours, bare = [], []
    for _ in range(repeat):  # turn about, as run.py times a figure and its floor
        ours.append(once(DIPTERM))
        bare.append(once(BARE))
    mine, floor = statistics.median(ours), statistics.median(bare)
    rows = [{
        "measure": "first start: fresh data folders to the interface's list filled",
        "dipterm": mine, "floor": floor, "unit": "ms", "target": "<= 5x floor",
        "met": mine <= 5 * floor,
        "note": f"medians of {repeat}, turn about ({', '.join(f'{v:.0f}' for v in ours)} vs "
        f"{', '.join(f'{v:.0f}' for v in bare)}); floor: a bare Textual app, headless",
    }]  # fmt: skip
    context = [
        f"Measured {date.today().isoformat()} on {run.machine()} with {run.code_version()}; "
        "the bundled corpus, built anew each run; load average before the run: "
        f"{load:.1f}.",
        f"Command: `python benchmarks/first_start.py {' '.join(sys.argv[1:])}`.",
    ]
    report = run.render("first start", rows, context)
    print(report)
    if not args.smoke:
        previous = args.results.read_text(encoding="utf-8") if args.results.exists() else ""
        args.results.write_text(run._with_section(previous, "first start", report), "utf-8")


if __name__ == "__main__":
    main()
