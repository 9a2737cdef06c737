"""Work done in forked copies of this process, on all the computer's cores.

A forked child starts as an exact copy of this process, with everything made so far, so
nothing has to be sent to it: it runs a function and sends back the result, pickled,
through a pipe, while this process goes on (loading other files, or writing the pages).
Only this program's own children write to the pipe, so what comes through is unpickled.

Forking is used only where it is safe: on Linux, with more than one core for this process
(as the scheduler and a container's CPU limit allow), while this process runs a single
thread (the live preview rebuilds in threads, so those builds work in one process). A child that
fails, dies or sends something unreadable has its work done here instead, by the same
function: results never depend on where they were made, and a bug shows here as a normal
error. A child that is no longer wanted is stopped, and its exit is waited for.
"""

from __future__ import annotations

import collections
import contextlib
import gc
import os
import pickle
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from pathlib import Path
from typing import Any, NoReturn, TypeVar

JobT = TypeVar("JobT", bound="Forked")
#: Never more children than this, however many cores there are: each is a copy of a
#: process that holds the whole content.
MOST_CHILDREN = 4
#: How long a child asked to stop may take to clean up before it is killed.
_STOP_WAIT = 1.0
_CPU_LIMIT = Path("/sys/fs/cgroup/cpu.max")
#: The pipes this process reads children's results from: a new child closes them.
_open_pipes: set[int] = set()


def _cores() -> int:
    """The cores this process may use: those the scheduler allows, within the container's
    CPU limit in whole cores (cgroup v2 cpu.max, "quota period" or "max period")."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    try:
        quota, period = _CPU_LIMIT.read_text(encoding="ascii").split()
        if quota != "max":
            cores = min(cores, max(1, int(quota) // int(period)))
    except (OSError, ValueError):
        pass
    return cores


def spare_cores() -> int:
    """How many children may work at once: 0 when forking is not safe here."""
    if not sys.platform.startswith("linux") or threading.active_count() != 1:
        return 0
    cores = _cores()
    return min(cores, MOST_CHILDREN) if cores > 1 else 0


def _stop_quietly(signum: int, frame: object) -> None:
    """In a child asked to stop (or interrupted): no second signal cuts its cleaning up."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    raise SystemExit(1)  # so that the child's `finally` blocks clean up


class Forked:
    """The result of `work()`, made in a forked child, or here if `fork` is False or
    no child can be made; when the work done here differs (see Fed), `here()` does it."""

    def __init__(
        self, work: Callable[[], Any], fork: bool = True, here: Callable[[], Any] | None = None
    ) -> None:
        self._work = work
        self._here = here or work
        self._pid = 0
        self._pipe = -1
        if fork:
            try:
                self._start()
            except BaseException:
                # An interrupt is taken when signals are let through again, after the
                # fork: the caller never gets this object, so its child is stopped here.
                self.cancel()
                raise

    def _start(self) -> None:
        sys.stdout.flush()
        sys.stderr.flush()
        try:
            read_end, write_end = os.pipe()
        except OSError:
            return  # the work is done here
        # No signal between the fork and the child's `try`, nor before this process has
        # noted its child: the child must never run on as a copy of this process, nor be
        # left running unnoticed.
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
        # Objects made so far are left alone by the collector, so that the child does
        # not copy the memory it shares with this process just to look at them. (What a
        # caller froze before, it unfreezes itself.)
        frozen_before = gc.get_freeze_count() > 0
        gc.freeze()
        try:
            try:
                pid = os.fork()
            except OSError:
                os.close(read_end)
                os.close(write_end)
                return
            if pid == 0:
                self._child(read_end, write_end, blocked)
            self._pid, self._pipe = pid, read_end
            _open_pipes.add(read_end)
            os.close(write_end)
        finally:
            if not frozen_before:
                gc.unfreeze()
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)

    def _child(self, read_end: int, write_end: int, blocked: set[int | signal.Signals]) -> NoReturn:
        """Do the work, send it, and leave without running any of the parent's cleanup."""
        status = 1
        try:
            signal.signal(signal.SIGTERM, _stop_quietly)
            signal.signal(signal.SIGINT, _stop_quietly)
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
            for pipe in (read_end, *_open_pipes):
                os.close(pipe)
            result = self._work()
            with os.fdopen(write_end, "wb") as out:
                pickle.dump(result, out, pickle.HIGHEST_PROTOCOL)
            status = 0
        finally:
            os._exit(status)

    def _close_pipe(self) -> None:
        if self._pipe != -1:
            _open_pipes.discard(self._pipe)
            pipe, self._pipe = self._pipe, -1
            os.close(pipe)

    def result(self) -> Any:
        """The child's result, once it is done (or the work, done here). It is read as it
        comes, never gathered whole first: on a large site the records run to megabytes."""
        if not self._pid:
            return self._here()
        sent, whole = None, False
        with os.fdopen(self._pipe, "rb", closefd=False) as stream:
            try:
                sent = pickle.load(stream)
                whole = not stream.read(1)
            except Exception:  # anything unreadable: the work is done here
                pass
            # What was not read is read to its end, so that a child still writing is never
            # left blocked on a full pipe.
            while stream.read(1 << 16):
                whole = False
        self._close_pipe()
        _, status = os.waitpid(self._pid, 0)
        self._pid = 0
        if status == 0 and whole:
            return sent
        return self._here()

    def cancel(self) -> None:
        """Stop the child if its result was not taken, and wait for it to end."""
        try:
            self._close_pipe()
        finally:
            if self._pid:
                pid, self._pid = self._pid, 0
                _stop(pid)


class Fed(Forked):
    """A child forked before its input is ready, so that it gets ready while this process
    goes on: it runs `prepare()`, takes every object sent to it with send() until close(),
    and sends back `work(taken)`, `taken` giving them in order. When no child could be made,
    or it failed, result() gives `here()`, done in this process: what was sent is not kept
    here, so `here` makes it again.

    The child reads all it is sent before it works, so that send() seldom waits for it.
    """

    def __init__(
        self,
        prepare: Callable[[], object],
        work: Callable[[Iterator[Any]], Any],
        here: Callable[[], Any],
    ) -> None:
        self._prepare, self._fed_work = prepare, work
        self._inbox = self._taken = -1
        super().__init__(self._take_and_work, fork=True, here=here)

    def _start(self) -> None:
        try:
            self._taken, inbox = os.pipe()
        except OSError:
            return  # the work is done here
        _widen(inbox)
        self._inbox = inbox
        try:
            super()._start()  # (the child never comes back from it)
        finally:
            os.close(self._taken)
            if self._pid:
                _open_pipes.add(inbox)  # a child forked later closes it
            else:
                self.close()

    def _take_and_work(self) -> Any:
        """In the child: get ready, take all that is sent, then work on it (each item let
        go once the work has taken it)."""
        os.close(self._inbox)  # this process's end: with it open, the input would never end
        self._prepare()
        taken: collections.deque[Any] = collections.deque()
        with os.fdopen(self._taken, "rb") as stream:
            while True:
                try:
                    taken.append(pickle.load(stream))
                except EOFError:
                    break
        return self._fed_work(_emptied(taken))

    def send(self, item: object) -> None:
        """Send `item` to the child (nothing, when there is none or it has ended)."""
        if self._inbox == -1:
            return
        data = memoryview(pickle.dumps(item, pickle.HIGHEST_PROTOCOL))
        try:
            while data:
                data = data[os.write(self._inbox, data) :]
        except OSError:  # the child has ended: result() does its work here
            self.close()

    def close(self) -> None:
        """Tell the child that nothing more will be sent."""
        if self._inbox != -1:
            inbox, self._inbox = self._inbox, -1
            _open_pipes.discard(inbox)
            os.close(inbox)

    def result(self) -> Any:
        self.close()
        return super().result()

    def cancel(self) -> None:
        try:
            super().cancel()
        finally:
            self.close()  # after the child is stopped, so that it never starts to work


def _emptied(items: collections.deque[Any]) -> Iterator[Any]:
    """Each of `items`, in order, let go as it is taken."""
    while items:
        yield items.popleft()


def _widen(pipe: int) -> None:
    """Let `pipe` hold up to 1 MiB where Linux allows it, so that what is sent to a child
    that is still getting ready seldom has to wait for it."""
    import fcntl

    with contextlib.suppress(OSError, AttributeError):
        fcntl.fcntl(pipe, fcntl.F_SETPIPE_SZ, 1 << 20)


def fork_each(works: Iterable[Callable[[], Any]], fork: bool = True) -> list[Forked]:
    """A Forked for each of `works` (see start_each)."""
    return start_each(partial(Forked, work, fork) for work in works)


def start_each(starts: Iterable[Callable[[], JobT]]) -> list[JobT]:
    """What each of `starts` makes (a Forked or a Fed); if making one fails (an interrupt,
    say), those already made are cancelled first."""
    jobs: list[JobT] = []
    try:
        for start in starts:
            jobs.append(start())
    except BaseException:
        cancel_all(jobs)
        raise
    return jobs


def cancel_all(jobs: Iterable[Forked]) -> None:
    """Cancel every one of `jobs`, even if cancelling one fails."""
    with contextlib.ExitStack() as stack:
        for job in jobs:
            stack.callback(job.cancel)


def _stop(pid: int) -> None:
    """Ask child `pid` to stop, kill it if it has not within _STOP_WAIT, and reap it."""
    try:
        if os.waitpid(pid, os.WNOHANG)[0]:
            return  # it had ended
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + _STOP_WAIT
        while time.monotonic() < deadline:
            if os.waitpid(pid, os.WNOHANG)[0]:
                return
            time.sleep(0.005)
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    except (ChildProcessError, ProcessLookupError):
        pass  # already reaped
