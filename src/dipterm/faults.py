"""Faults injected at chosen points of a run, for the fault-injection tests; nothing otherwise.

DIPTERM_TEST_FAULT=WHERE:N:WHAT[,...] makes the Nth time the run passes the point WHERE do WHAT:
`kill` (SIGKILL to itself, as a power cut or `kill -9` would), `full` (an OSError ENOSPC, as a
full disk would), `interrupt` (SIGINT, as Ctrl-C), `terminate` (SIGTERM, as `kill` or a
shutdown), `hangup` (SIGHUP, as a closed terminal) or `stop` (SIGSTOP: the test looks at the
library while the run waits, then sends SIGCONT). Points: import:batch (a batch committed), extract:batch (likewise for
`dipterm extract`), export:write (half a report written, not yet in place), commit (a write
transaction about to commit). The variable is read here only.
"""

from __future__ import annotations

import errno
import os
import signal
from collections import Counter

ENVIRONMENT = "DIPTERM_TEST_FAULT"
_passed: Counter[str] = Counter()
_SIGNALS = {
    "kill": signal.SIGKILL,
    "interrupt": signal.SIGINT,
    "terminate": signal.SIGTERM,
    "hangup": signal.SIGHUP,
    "stop": signal.SIGSTOP,
}


def point(where: str) -> None:
    """The run is at the point where: do what DIPTERM_TEST_FAULT asks for there, if anything."""
    spec = os.environ.get(ENVIRONMENT)
    if not spec:
        return
    _passed[where] += 1
    for fault in spec.split(","):
        place, _, rest = fault.rpartition(":")
        place, _, nth = place.rpartition(":")
        if place == where and nth.isdigit() and int(nth) == _passed[where]:
            if rest in _SIGNALS:
                os.kill(os.getpid(), _SIGNALS[rest])
            if rest == "full":
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
