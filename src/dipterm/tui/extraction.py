"""Work behind the interface, each in a child process so that typing never waits for it:
articles imported with --later are extracted by `dipterm extract`; on the first start the
default library is built from the bundle, then extracted, by a process forked before Textual
loads. The header says how far either is, and that facets and dossiers are incomplete until
then."""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
from multiprocessing.connection import Connection
from pathlib import Path


class BackgroundExtraction:
    """A `dipterm extract` of the library in its own process (so that typing never waits for it),
    stopped with the interface: every batch it committed stays, and the next start goes on."""

    def __init__(self, path: Path, pending: int) -> None:
        self.total = pending
        self.process = subprocess.Popen(
            self.command(path),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # Ctrl-C in the interface is the interface's
        )

    @staticmethod
    def command(path: Path) -> list[str]:
        return [sys.executable, "-m", "dipterm", "--db", str(path), "extract"]

    @property
    def running(self) -> bool:
        return self.process.poll() is None

    @property
    def failed(self) -> bool:
        return self.process.poll() not in (None, 0)

    def line(self, pending: int) -> str:
        done = max(0, self.total - pending)
        # Short enough for the header at 80 columns, beside the app's name.
        return f"extracting {done:,}/{self.total:,}: facets, dossiers incomplete"

    def stop(self) -> None:
        if self.running:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()


class FirstBuild(BackgroundExtraction):
    """The first start's work: the default library built from the bundle (as `dipterm ingest
    --later` would) and then extracted, in a process forked before the interface loads Textual,
    so that the build runs while the interface starts. It tells the interface how far the build
    is (articles stored, share of the bundle read) and when the library is searchable; from then
    on it is an extraction like BackgroundExtraction's."""

    # How long quitting waits for the build to be stored: a library left half built would not
    # be built again (it is no longer empty), so it is finished rather than cut.
    FINISH_STORING = 30.0

    def __init__(self, path: Path) -> None:  # not BackgroundExtraction's: no new interpreter
        self.path = path
        self.total = 0  # articles to extract: known once the build is stored
        self.stored = 0  # records of the bundle read and stored so far
        self.reading = ""  # "file 2 of 4 (name)": the bundle's file the last batch came from
        self.searchable = False
        self.said = ""  # "Built your library at ...", once it is
        self.error = ""
        self.heard_all = False  # the build closed its end of the pipe
        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
        context = multiprocessing.get_context(method)
        self._news, news = context.Pipe(duplex=False)
        self.process = context.Process(target=_build_and_extract, args=(str(path), news))
        self.process.start()
        news.close()

    @classmethod
    def start_if_needed(cls, path: Path) -> FirstBuild | None:
        """The build of the default library at path if it is still to be built, else None."""
        if path.exists():  # else nothing more is needed to know: fork at once
            from dipterm.workspace import needs_building

            if not needs_building(path):
                return None
        return cls(path)

    def poll(self) -> bool:
        """Read what the build said since the last poll; whether anything changed."""
        changed = False
        try:
            while self._news.poll():
                kind, *said = self._news.recv()
                changed = True
                if kind == "storing":
                    self.stored, self.reading = said
                elif kind == "searchable":
                    self.searchable, self.said = True, said[0]
                elif kind == "failed":
                    self.error = said[0]
        except (EOFError, OSError):  # the process ended: all it said was read
            self.heard_all = True
        return changed

    @property
    def news(self) -> int:
        """The file descriptor the build's news arrive on, for an event loop to watch."""
        return self._news.fileno()

    @property
    def running(self) -> bool:
        return self.process.is_alive()

    @property
    def failed(self) -> bool:
        return not self.running and self.process.exitcode != 0

    def building_line(self) -> str:
        if not self.reading:
            return "building the library: finding the bundle's files"
        return f"building the library: {self.stored:,} records stored, {self.reading}"

    def stop(self) -> None:
        import time

        deadline = time.monotonic() + self.FINISH_STORING
        while self.running and not self.searchable and time.monotonic() < deadline:
            self.process.join(0.05)
            self.poll()
        if self.running:
            self.process.terminate()
            self.process.join(5)
            if self.running:
                self.process.kill()


def _build_and_extract(path: str, news: Connection) -> None:
    """In the child: build the default library, say it is searchable, then extract it."""
    os.setsid()  # Ctrl-C in the interface's terminal is the interface's
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    blank = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):  # Textual draws on the terminal: nothing else may write there
        os.dup2(blank, fd)
    try:
        from dipterm.ingest.pipeline import reextract
        from dipterm.store.library import Library
        from dipterm.workspace import build_default, bundled_inputs

        inputs = bundled_inputs()

        def storing(done: int, origin: str, _share: float | None) -> None:
            at = next((k for k, p in enumerate(inputs) if origin.startswith(p)), None)
            if at is not None:  # not the first report, "finding the articles"
                where = f"file {at + 1} of {len(inputs)} ({Path(inputs[at]).name})"
                news.send(("storing", done, where))

        with Library.open(path) as library:
            said = ""
            if library.is_empty():  # another process may have built it meanwhile
                said = build_default(
                    library,
                    progress=storing,
                    workers=_build_workers(),
                )
            news.send(("searchable", said))
            reextract(library, unextracted=True)
    except Exception as exc:  # said to the interface, which shows it
        news.send(("failed", str(exc) or type(exc).__name__))
        raise
    finally:
        news.close()


def _build_workers() -> int:
    """Two worker processes where there are two CPUs, whatever else runs: the interface, which
    keeps one busy while it starts, then waits for the library, and the bundle is built in about
    half the time (the storing process stores, the workers clean and hash). Not the import's
    free_cpus(), which would count the starting interface as busy and costs a tenth of a second
    to read."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cpus = os.cpu_count() or 1
    return 2 if cpus >= 2 else 1
