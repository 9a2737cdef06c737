"""Writing docs/: a run that dies midway leaves every file whole."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sitegen.fileio import write_atomically
from sitegen.output.write import OutputError, stage_outputs


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = tmp_path / "page.md"
    page.write_text("old text\n", encoding="utf-8")

    def killed(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", killed)
    with pytest.raises(KeyboardInterrupt):
        write_atomically(page, "new text that never fully lands\n" * 1000)
    assert page.read_text(encoding="utf-8") == "old text\n"
    assert [p.name for p in tmp_path.iterdir()] == ["page.md"]


def test_outputs_are_written_whole(tmp_path: Path) -> None:
    with stage_outputs([("a.md", b"A\n"), ("b.md", b"B\n")], tmp_path) as staged:
        report = staged.commit()
    assert report.written == ["a.md", "b.md"]
    assert (tmp_path / "a.md").read_text(encoding="utf-8") == "A\n"


def test_staged_files_not_committed_leave_docs_as_they_were(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_bytes(b"old\n")
    with stage_outputs([("a.md", b"new\n"), ("b.md", b"B\n")], tmp_path) as staged:
        assert len(list(tmp_path.iterdir())) == 3  # a.md, and the two written beside
    assert [p.name for p in tmp_path.iterdir()] == ["a.md"]
    assert (tmp_path / "a.md").read_bytes() == b"old\n"
    with stage_outputs([("a.md", b"new\n")], tmp_path) as staged:
        report = staged.commit()
    assert report.written == ["a.md"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md"]
    assert (tmp_path / "a.md").read_bytes() == b"new\n"


def test_a_file_that_cannot_be_staged_leaves_none_behind(tmp_path: Path) -> None:
    (tmp_path / "b.md").mkdir()
    with pytest.raises(OutputError):
        stage_outputs([("a.md", b"A\n"), ("b.md", b"B\n")], tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["b.md"]
