"""Writing docs/: a run that dies midway leaves every file whole."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sitegen.fileio import write_atomically
from sitegen.output.write import write_outputs


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
    report = write_outputs([("a.md", b"A\n"), ("b.md", b"B\n")], tmp_path)
    assert report.written == ["a.md", "b.md"]
    assert (tmp_path / "a.md").read_text(encoding="utf-8") == "A\n"
