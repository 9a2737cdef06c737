"""Sources and pages loaded in forked children: the same records and problems as loaded in
one process, and a child that fails has its share loaded here."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from sitegen import forked
from sitegen.content import shares
from sitegen.content.layout import Project
from sitegen.content.load import load_content
from sitegen.content.model import Content

forks = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forks only on Linux")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The real content, with mistakes in files near the end of each kind (in a child's
    share) and near the start (in this process's)."""
    root = tmp_path / "project"
    shutil.copytree(ROOT / "content_src", root / "content_src")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    for folder, mistake in (("sources", "\nissued: someday\n"), ("pages", "")):
        paths = sorted((root / "content_src" / folder).iterdir())
        for path in (paths[1], paths[-2]):
            text = path.read_text(encoding="utf-8")
            broken = text + mistake if mistake else text.replace("---", "- - -", 2)
            path.write_text(broken, encoding="utf-8")
    return root


def _loaded(root: Path) -> tuple[Content | None, list[str], frozenset[str]]:
    """The content, its problems in the order they were found, and the unread files."""
    content, problems = load_content(Project(root))
    assert content is not None
    return content, [str(p) for p in problems.items], content.unread_files


@forks
def test_shares_loaded_in_children_are_what_one_process_loads(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(shares, "spare_cores", lambda: 0)
    alone, problems_alone, unread_alone = _loaded(project)
    assert len(problems_alone) >= 4 and len(unread_alone) == 4  # the four broken files

    children: list[int] = []

    class Counted(forked.Forked):
        def _start(self) -> None:
            super()._start()
            children.append(self._pid)

    parent, here = os.getpid(), []
    real_load_share = shares._load_share

    def load_share(*args: object) -> object:
        if os.getpid() == parent:
            here.append(args)
        return real_load_share(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(forked, "Forked", Counted)
    monkeypatch.setattr(shares, "_load_share", load_share)
    monkeypatch.setattr(shares, "spare_cores", lambda: 3)
    monkeypatch.setattr(shares, "SHARE_FILES", 1)
    shared, problems_shared, unread_shared = _loaded(project)
    assert len(children) == 2 and all(children)  # two children, each started
    assert len(here) == 1  # only the first share was loaded here: the children sent theirs
    assert shared == alone
    assert problems_shared == problems_alone
    assert unread_shared == unread_alone
    source = next(iter(shared.sources.values()))  # each record still knows its lines
    assert source.where("title") == next(iter(alone.sources.values())).where("title")


@forks
def test_a_child_that_fails_has_its_share_loaded_here(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(shares, "spare_cores", lambda: 0)
    alone = _loaded(project)
    parent = os.getpid()
    real_load_share = shares._load_share

    def dies_in_child(*args: object) -> object:
        if os.getpid() != parent:
            os._exit(3)
        return real_load_share(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(shares, "_load_share", dies_in_child)
    monkeypatch.setattr(shares, "spare_cores", lambda: 2)
    monkeypatch.setattr(shares, "SHARE_FILES", 1)
    assert _loaded(project) == alone
