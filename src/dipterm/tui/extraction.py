"""Extraction behind the interface: articles imported with --later, or a library built from the
bundle on first start, are extracted by `dipterm extract` in a child process while the interface
works; the header says how far it is, and that facets and dossiers are incomplete until then."""

from __future__ import annotations

import subprocess
import sys
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
