"""Work in forked children (readability scores here; loading in test_shares.py): the same
results as in one process, and a child that fails, dies or is no longer needed never
changes a result or leaves a process behind; the collector is paused while content loads."""

from __future__ import annotations

import gc
import os
import pickle
import re
import select
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import ROOT, TODAY, RunSitegen, tree
from sitegen import forked, pipeline
from sitegen.cache import ResultCache
from sitegen.checks import readability
from sitegen.checks.readability import Scoring
from sitegen.content.layout import Project
from sitegen.content.model import Content
from sitegen.forked import Fed, Forked, spare_cores
from sitegen.pipeline import _readable_texts
from sitegen.problems import Location
from sitegen.render import SiteIndex

LINUX = sys.platform.startswith("linux")
forks = pytest.mark.skipif(not LINUX, reason="forks only on Linux")


def _scores(content: Content, children: int) -> tuple[list[object], dict[str, object]]:
    """The scores of every page, and what the cache would keep of them."""
    index = SiteIndex.of(content)
    places = [Location(page.path, page.body_first_line) for page in content.pages]
    cache = ResultCache(None, "salt")
    scoring = Scoring(cache, children)
    scoring.score(_readable_texts(content, index), places)
    return list(scoring.result()), cache.used


@forks
def test_children_score_as_one_process_does(
    real_content: Content, monkeypatch: pytest.MonkeyPatch
) -> None:
    pids: list[int] = []
    real_share = readability._score_items

    def share(*args: object, **kwargs: object) -> object:
        pids.append(os.getpid())
        return real_share(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(readability, "_score_items", share)
    alone, stored_alone = _scores(real_content, children=0)
    assert pids == [os.getpid()]
    pids.clear()
    shared, stored_shared = _scores(real_content, children=3)
    assert pids == []  # every share was scored in a child
    assert shared == alone
    assert stored_shared == stored_alone  # the same scores and syllables kept for next time
    assert len(alone) == len(real_content.pages) and all(s.words for s in alone)  # type: ignore[attr-defined]


@forks
def test_a_child_that_fails_or_dies_has_its_work_done_here() -> None:
    parent = os.getpid()

    def fails() -> list[int]:
        if os.getpid() != parent:
            raise RuntimeError("only in the child")
        return [1, 2]

    def dies() -> list[int]:
        if os.getpid() != parent:
            os.kill(os.getpid(), signal.SIGKILL)
        return [3]

    def sent_in_part() -> list[object]:  # the child's result stops halfway through
        here = os.getpid() == parent
        return [os.getpid(), "x" * 300_000, None if here else (lambda: None)]

    assert Forked(fails).result() == [1, 2]
    assert Forked(dies).result() == [3]

    def unreadable_here() -> object:  # a class this process does not have
        if os.getpid() == parent:
            return "done here"
        kind = globals()["OnlyInTheChild"] = type("OnlyInTheChild", (), {"__module__": __name__})
        return ["x" * 300_000, kind()]

    assert Forked(sent_in_part).result() == [parent, "x" * 300_000, None]
    assert Forked(unreadable_here).result() == "done here"

    def always_fails() -> None:
        raise ValueError("a bug")

    with pytest.raises(ValueError, match="a bug"):  # shown here, as without children
        Forked(always_fails).result()


@forks
def test_a_child_no_longer_needed_is_stopped() -> None:
    job = Forked(lambda: time.sleep(60))
    pid = job._pid
    assert pid
    job.cancel()
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # stopped and reaped: no such child any more
    job.cancel()  # twice is harmless


@forks
def test_no_child_while_other_threads_run(monkeypatch: pytest.MonkeyPatch) -> None:
    threads = threading.active_count
    # As in a process of one thread (other tests may leave one running here).
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    monkeypatch.setattr(forked, "_cores", lambda: 8)
    assert spare_cores() == forked.MOST_CHILDREN
    monkeypatch.setattr(forked, "_cores", lambda: 1)
    assert spare_cores() == 0
    monkeypatch.setattr(forked, "_cores", lambda: 2)
    assert spare_cores() == 2
    monkeypatch.setattr(threading, "active_count", threads)
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert spare_cores() == 0
    finally:
        stop.set()
        thread.join()


def test_a_page_too_hard_to_read_stops_generate_with_docs_untouched(
    tmp_path: Path, run_sitegen: RunSitegen, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The pages are written beside their places while the children score; a page above the
    limit means none of them is put in place, and none is left beside it."""
    monkeypatch.setattr(readability, "spare_cores", lambda: 2 if LINUX else 0)
    project = tmp_path / "project"
    for name in ("content_src", "docs", "mkdocs.yml", "overrides"):
        source = ROOT / name
        copy = shutil.copytree if source.is_dir() else shutil.copy
        copy(source, project / name)
    args = ("generate", "--project", project, "--today", "2026-11-27")
    settings = project / "content_src/site.yml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(
        re.sub(r"(?m)^readability_max_grade: .*$", "readability_max_grade: 1", text),
        encoding="utf-8",
    )
    page = project / "content_src/pages/faq.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nA new line.\n", encoding="utf-8")
    before = tree(project / "docs")
    status, _, err = run_sitegen(*args)
    assert status == 1
    assert "reads at grade" in err
    assert tree(project / "docs") == before
    assert Project(project).docs_dir.is_dir()


@forks
def test_stored_scores_are_taken_here_and_no_page_is_sent(real_content: Content) -> None:
    index = SiteIndex.of(real_content)
    places = [Location(page.path, page.body_first_line) for page in real_content.pages]
    cache = ResultCache(None, "salt")
    texts = _readable_texts(real_content, index)
    cache.stored = {cache.key(make()): [99.0, 1.0, 7] for make in texts}  # as if stored
    scoring = Scoring(cache, children=2)
    assert len(scoring.jobs) == 2
    scoring.score(texts, places)
    assert scoring.sent == [[], []]
    scores = scoring.result()
    assert {(s.grade, s.ease, s.words) for s in scores} == {(99.0, 1.0, 7)}
    assert len(scores) == len(real_content.pages)


#: What a Fed's preparing did, in the process that did it.
_prepared: list[int] = []


def _prepare(wait: float = 0.0) -> None:
    time.sleep(wait)
    _prepared.append(os.getpid())


def _taken(items: Iterator[object]) -> tuple[int, list[object], list[int]]:
    return os.getpid(), list(items), list(_prepared)


@forks
def test_a_child_forked_before_its_input_gets_ready_then_takes_all_it_is_sent() -> None:
    parent = os.getpid()
    big = "é" * 1_500_000  # more than a pipe holds: sent while the child still gets ready
    fed = Fed(lambda: _prepare(0.2), _taken, lambda: "done here")
    for item in (1, big, {"a": [2]}):
        fed.send(item)
    pid, items, prepared = fed.result()
    assert pid != parent and prepared == [pid]  # got ready in the child, before it worked
    assert items == [1, big, {"a": [2]}]
    assert _prepared == []  # never here


@forks
def test_a_fed_child_that_dies_or_fails_has_its_work_done_here() -> None:
    def dies() -> None:
        os.kill(os.getpid(), signal.SIGKILL)

    def fails(items: Iterator[object]) -> None:
        raise RuntimeError("only in the child")

    dead = Fed(dies, _taken, lambda: "done here")
    time.sleep(0.2)
    dead.send("x" * 2_000_000)  # to a child that has ended: nothing is raised
    assert dead.result() == "done here"
    failed = Fed(lambda: None, fails, lambda: "done here too")
    failed.send(1)
    assert failed.result() == "done here too"


@forks
def test_a_child_forked_later_does_not_hold_a_fed_childs_input_open() -> None:
    """The input ends only when every copy of its sending end is closed: a child forked
    after the Fed one (a loading share, say) closes its copy."""
    fed = Fed(lambda: None, _taken, lambda: "done here")
    later = Forked(lambda: time.sleep(60))
    try:
        fed.send(1)
        fed.close()
        # The fed child sends its result once its input has ended: within seconds, not
        # when the later child ends.
        readable, _, _ = select.select([fed._pipe], [], [], 20)
        assert readable, "the fed child never saw the end of its input"
        pid, items, _ = fed.result()
    finally:
        later.cancel()
        fed.cancel()
    assert pid != os.getpid() and items == [1]


@forks
def test_a_fed_child_no_longer_needed_is_stopped(monkeypatch: pytest.MonkeyPatch) -> None:
    waiting = Fed(lambda: None, _taken, lambda: "done here")
    pid = waiting._pid
    assert pid
    waiting.cancel()  # while it waits for its input
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)

    def no_fork() -> int:
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_fork)
    alone = Fed(lambda: None, _taken, lambda: "done here")
    alone.send(1)  # nowhere to send it
    assert alone.result() == "done here"
    _mask_and_collector_restored()


@forks
def test_a_large_result_comes_whole_from_the_child() -> None:
    parent = os.getpid()
    pid, text = Forked(lambda: [os.getpid(), "é" * 300_000]).result()
    assert pid != parent and text == "é" * 300_000


@forks
def test_an_interrupted_wait_still_stops_and_reaps_the_child(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    started = tmp_path / "started"

    def work() -> None:
        try:
            started.touch()
            time.sleep(60)
        finally:
            started.unlink()  # a child asked to stop cleans up, as its temporary files

    job = Forked(work)
    pid, pipe = job._pid, job._pipe
    deadline = time.monotonic() + 10
    while not started.exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    assert started.exists()

    def interrupted(*args: object) -> object:
        raise KeyboardInterrupt

    with monkeypatch.context() as patch:
        patch.setattr(pickle, "load", interrupted)  # while the result is read
        with pytest.raises(KeyboardInterrupt):
            job.result()
    job.cancel()
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)
    with pytest.raises(OSError):
        os.fstat(pipe)  # closed
    assert not started.exists()


def _run_both_ways(
    project: Path, run_sitegen: RunSitegen, monkeypatch: pytest.MonkeyPatch, *args: object
) -> list[tuple[int, str, str]]:
    outcomes = []
    for children in (0, 2):
        monkeypatch.setattr(readability, "spare_cores", lambda n=children: n if LINUX else 0)
        shutil.rmtree(project / ".cache", ignore_errors=True)
        outcomes.append(run_sitegen(*args, "--project", project, "--today", "2026-11-22"))
    return outcomes


def test_problems_are_the_same_scored_here_or_in_children(
    minimal_project: Path, run_sitegen: RunSitegen, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = minimal_project / "content_src/site.yml"
    settings.write_text(
        settings.read_text(encoding="utf-8") + "readability_max_grade: 1\n", encoding="utf-8"
    )
    for command in ("check", "generate"):
        alone, shared = _run_both_ways(minimal_project, run_sitegen, monkeypatch, command)
        assert alone == shared
        assert alone[0] == 1 and "reads at grade" in alone[2]


def _hard_to_read(project: Path) -> None:
    settings = project / "content_src/site.yml"
    settings.write_text(
        settings.read_text(encoding="utf-8") + "readability_max_grade: 1\n", encoding="utf-8"
    )


def test_a_write_that_fails_still_reports_every_score(
    minimal_project: Path, run_sitegen: RunSitegen, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sitegen.output import write

    def full(path: Path, data: bytes, name: str) -> Path:
        raise write.OutputError(name, "cannot write it: No space left on device")

    monkeypatch.setattr(write, "_stage", full)
    _hard_to_read(minimal_project)
    status, _, err = run_sitegen("generate", "--project", minimal_project, "--today", "2026-11-22")
    assert status == 1
    assert "reads at grade" in err
    assert "No space left on device" in err
    assert not (minimal_project / "docs").exists()


def test_strict_warnings_stop_generate_before_any_page_is_written(
    minimal_project: Path, run_sitegen: RunSitegen, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sitegen.output import write

    staged: list[str] = []
    real_stage = write._stage
    monkeypatch.setattr(write, "_stage", lambda *args: staged.append(args[2]) or real_stage(*args))
    sources = minimal_project / "content_src/sources"
    page = (sources / "health-page.yml").read_text(encoding="utf-8")
    (sources / "uncited-2020.yml").write_text(
        page.replace("/back-pain/", "/neck-pain/"), encoding="utf-8"
    )
    _hard_to_read(minimal_project)
    args = ("generate", "--project", minimal_project, "--today", "2026-11-22")
    status, _, err = run_sitegen(*args)
    assert status == 1 and "warning: source 'uncited-2020' is not cited" in err
    assert "reads at grade" in err
    assert staged  # without --strict, the pages were written beside their places meanwhile
    staged.clear()
    status, _, err = run_sitegen(*args, "--strict")
    assert status == 1 and "reads at grade" in err
    assert "uncited-2020.yml:" in err and "warning:" not in err
    assert staged == []  # errors found before any page was written beside its place


def _mask_and_collector_restored() -> None:
    assert signal.SIGINT not in signal.pthread_sigmask(signal.SIG_BLOCK, [])
    assert gc.get_freeze_count() == 0


@forks
def test_when_no_child_can_be_made_the_work_is_done_here(monkeypatch: pytest.MonkeyPatch) -> None:
    parent = os.getpid()
    Forked(lambda: None).result()
    _mask_and_collector_restored()

    def no_fork() -> int:
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_fork)
    assert Forked(os.getpid).result() == parent
    _mask_and_collector_restored()


def test_the_containers_cpu_limit_is_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    limit = tmp_path / "cpu.max"
    monkeypatch.setattr(forked, "_CPU_LIMIT", limit)
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1, 2, 3}, raising=False)
    assert forked._cores() == 4  # no limit file
    limit.write_text("max 100000\n")
    assert forked._cores() == 4
    limit.write_text("150000 100000\n")  # one and a half cores: one whole one
    assert forked._cores() == 1
    limit.write_text("200000 100000\n")
    assert forked._cores() == 2


def test_a_run_stopped_while_scoring_leaves_docs_as_it_was(
    minimal_project: Path, run_sitegen: RunSitegen, monkeypatch: pytest.MonkeyPatch
) -> None:
    args = ("generate", "--project", minimal_project, "--today", "2026-11-22")
    assert run_sitegen(*args)[0] == 0
    page = minimal_project / "content_src/pages/faq.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nA new line.\n", encoding="utf-8")
    before = tree(minimal_project / "docs")

    def stopped(self: Scoring) -> None:
        assert any(p.name.endswith(".new") for p in (minimal_project / "docs").iterdir())
        raise KeyboardInterrupt  # Ctrl+C, or a terminate signal, while the pages wait

    monkeypatch.setattr(Scoring, "result", stopped)
    status, _, err = run_sitegen(*args)
    assert status == 130 and "sitegen: stopped; docs/ was not changed" in err
    assert tree(minimal_project / "docs") == before  # and nothing left beside the pages


@forks
def test_what_a_caller_froze_stays_frozen_across_a_fork() -> None:
    gc.freeze()
    try:
        assert Forked(os.getpid).result() != os.getpid()
        assert gc.get_freeze_count() > 0  # not unfrozen (unfreezing is all or nothing)
    finally:
        gc.unfreeze()


def test_the_content_is_frozen_for_the_run_and_let_go_after(
    minimal_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Loading pauses the collector and freezes what it loaded (the collector's passes over
    it find nothing); the run unfreezes it, so a live preview's rebuilds can be freed."""
    seen: list[tuple[bool, int]] = []
    real_load, real_checks = pipeline.load_content, pipeline.run_checks

    def load(*args: object) -> object:
        seen.append((gc.isenabled(), gc.get_freeze_count()))
        return real_load(*args)  # type: ignore[arg-type]

    def checks(*args: object) -> object:
        seen.append((gc.isenabled(), gc.get_freeze_count()))
        return real_checks(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "load_content", load)
    monkeypatch.setattr(pipeline, "run_checks", checks)
    project = Project(minimal_project)
    for run in (pipeline.check, pipeline.generate):
        run(project, TODAY)  # type: ignore[operator]
        (loading, _), (checking, frozen) = seen
        assert not loading  # the collector waits while the content loads
        assert checking and frozen > 1000  # then runs again, past every record loaded
        assert gc.get_freeze_count() == 0 and gc.isenabled()
        seen.clear()
    gc.freeze()  # what a caller froze stays frozen (unfreezing is all or nothing)
    try:
        pipeline.check(project, TODAY)
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


@forks
def test_an_interrupt_as_signals_are_let_through_stops_the_new_child(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Ctrl+C held back during the fork is taken when the mask is restored: the child that
    was just made must not be left running, though its Forked never reaches the caller."""
    children: list[int] = []
    real_fork, real_mask = os.fork, signal.pthread_sigmask

    def fork() -> int:
        pid = real_fork()
        if pid:
            children.append(pid)
        return pid

    def mask(how: int, signals: object) -> object:
        previous = real_mask(how, signals)  # type: ignore[arg-type]
        if how == signal.SIG_SETMASK and children and os.getpid() != children[0]:
            raise KeyboardInterrupt  # as the handler would, once SIGINT is let through
        return previous

    monkeypatch.setattr(os, "fork", fork)
    monkeypatch.setattr(signal, "pthread_sigmask", mask)
    with pytest.raises(KeyboardInterrupt):
        Forked(lambda: time.sleep(60))
    monkeypatch.undo()
    assert len(children) == 1
    with pytest.raises(ChildProcessError):
        os.waitpid(children[0], os.WNOHANG)  # stopped and reaped
    _mask_and_collector_restored()


@forks
def test_an_interrupt_while_children_start_stops_those_made(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    made: list[int] = []
    real_fork = os.fork

    def fork() -> int:
        if made:
            raise KeyboardInterrupt  # Ctrl+C as the second child starts
        pid = real_fork()
        if pid:
            made.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", fork)
    with pytest.raises(KeyboardInterrupt):
        forked.fork_each([lambda: time.sleep(60), lambda: time.sleep(60)])
    monkeypatch.undo()
    assert len(made) == 1
    with pytest.raises(ChildProcessError):
        os.waitpid(made[0], os.WNOHANG)  # the first child was stopped and reaped
    _mask_and_collector_restored()


def test_the_command_ends_without_the_collectors_last_pass(minimal_project: Path) -> None:
    """`sitegen` exits with main()'s status, everything left in memory frozen (so the
    interpreter's last collection skips it), and exit handlers still run."""
    code = (
        "import atexit, gc, sys; from sitegen.commands import cli;"
        " atexit.register(lambda: print('frozen at exit:', gc.get_freeze_count() > 0));"
        f" sys.argv = ['sitegen', 'check', '--project', {str(minimal_project)!r},"
        f" '--today', {TODAY.isoformat()!r}]; cli.run()"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "scripts")}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=env
    )
    assert done.returncode == 0, done.stderr
    assert "content is valid" in done.stdout and "frozen at exit: True" in done.stdout
    (minimal_project / "content_src" / "pages" / "faq.md").write_text("no front matter\n")
    failed = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=120, env=env)
    assert failed.returncode == 1 and b"frozen at exit: True" in failed.stdout
