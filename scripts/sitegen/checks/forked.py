"""Work done in forked copies of this process, on the computer's other cores.

A forked child starts as an exact copy of this process, with the content already loaded
and checked, so nothing has to be sent to it: it runs a function and sends back the result
as JSON through a pipe, while this process goes on (writing the pages, say).

Forking is used only where it is safe: on Linux, with more than one core, while this
process runs a single thread (the live preview builds in threads, so it works in one
process). A child that fails, dies or sends something unreadable has its work done here
instead, by the same function: results never depend on where they were made, and a bug
shows here as a normal error.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import threading
from collections.abc import Callable
from typing import Any

#: Never more children than this, however many cores there are: each is a copy of a
#: process that holds the whole content.
MOST_CHILDREN = 4


def spare_cores() -> int:
    """How many children may work at once: 0 when forking is not safe here."""
    if not sys.platform.startswith("linux") or threading.active_count() != 1:
        return 0
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return min(cores, MOST_CHILDREN) if cores > 1 else 0


class Forked:
    """The JSON result of `work()`, made in a forked child, or here if `fork` is False."""

    def __init__(self, work: Callable[[], Any], fork: bool = True) -> None:
        self._work = work
        self._pid = 0
        self._pipe = -1
        if fork:
            self._start()

    def _start(self) -> None:
        sys.stdout.flush()
        sys.stderr.flush()
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: do the work, send it, and leave without cleaning up
            status = 1
            try:
                os.close(read_end)
                data = json.dumps(self._work()).encode("utf-8")
                with os.fdopen(write_end, "wb") as pipe:
                    pipe.write(data)
                status = 0
            finally:
                os._exit(status)
        os.close(write_end)
        self._pid, self._pipe = pid, read_end

    def result(self) -> Any:
        """The child's result, once it is done (or the work, done here)."""
        if not self._pid:
            return self._work()
        with os.fdopen(self._pipe, "rb") as pipe:
            data = pipe.read()
        _, status = os.waitpid(self._pid, 0)
        self._pid = 0
        if status == 0:
            try:
                return json.loads(data)
            except ValueError:
                pass
        return self._work()

    def cancel(self) -> None:
        """Stop the child if its result was not taken."""
        if self._pid:
            os.kill(self._pid, signal.SIGKILL)
            os.close(self._pipe)
            os.waitpid(self._pid, 0)
            self._pid = 0
