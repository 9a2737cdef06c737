"""Readability scored in forked children: the same scores as in one process, and a child
that fails, dies or is no longer needed never changes a result or leaves a process behind."""

from __future__ import annotations

import os
import re
import shutil
import signal
import sys
import threading
import time
from pathlib import Path

import pytest

from conftest import ROOT, RunSitegen, tree
from sitegen.cache import ResultCache
from sitegen.checks import readability
from sitegen.checks.forked import Forked, spare_cores
from sitegen.checks.readability import Scoring
from sitegen.content.layout import Project
from sitegen.content.model import Content
from sitegen.pipeline import _readable_texts
from sitegen.problems import Location
from sitegen.render import SiteIndex

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forks on Linux")


def _scores(content: Content, children: int) -> tuple[list[object], dict[str, object]]:
    """The scores of every page, and what the cache would keep of them."""
    index = SiteIndex.of(content)
    places = [Location(page.path, page.body_first_line) for page in content.pages]
    cache = ResultCache(None, "salt")
    scores = Scoring(lambda: _readable_texts(content, index), places, cache, children).result()
    return list(scores), cache.used


def test_children_score_as_one_process_does(
    real_content: Content, monkeypatch: pytest.MonkeyPatch
) -> None:
    pids: list[int] = []
    real_share = readability._score_share

    def share(*args: object) -> object:
        pids.append(os.getpid())
        return real_share(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(readability, "_score_share", share)
    alone, stored_alone = _scores(real_content, children=0)
    assert pids == [os.getpid()]
    pids.clear()
    shared, stored_shared = _scores(real_content, children=3)
    assert pids == []  # every share was scored in a child
    assert shared == alone
    assert stored_shared == stored_alone  # the same scores and syllables kept for next time
    assert len(alone) == len(real_content.pages) and all(s.words for s in alone)


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

    assert Forked(fails).result() == [1, 2]
    assert Forked(dies).result() == [3]

    def always_fails() -> None:
        raise ValueError("a bug")

    with pytest.raises(ValueError, match="a bug"):  # shown here, as without children
        Forked(always_fails).result()


def test_a_child_no_longer_needed_is_stopped() -> None:
    job = Forked(lambda: time.sleep(60))
    pid = job._pid
    assert pid
    job.cancel()
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # stopped and reaped: no such child any more
    job.cancel()  # twice is harmless


def test_no_child_while_other_threads_run() -> None:
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
    monkeypatch.setattr(readability, "spare_cores", lambda: 2)
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
