"""A `sitegen generate` with nothing to do replays the last run, and only then."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import sitegen.pipeline
from conftest import FIXTURE_TODAY, RunSitegen
from sitegen.output.lastrun import entries
from sitegen.output.stamp import stamp
from sitegen.signing import read_signed, write_signed

#: A day on which the fixture's FAQ is overdue for review: the run warns about it.
OVERDUE_DAY = "2027-09-01"


@pytest.fixture
def generated(minimal_project: Path, run_sitegen: RunSitegen) -> Path:
    status, out, _ = run_sitegen("generate", "--project", minimal_project, "--today", FIXTURE_TODAY)
    assert status == 0 and "wrote 6 files" in out
    return minimal_project


@pytest.fixture
def generate_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The runs that did the work (the rest were replayed)."""
    calls: list[str] = []
    real = sitegen.pipeline.generate

    def counted(*args: object, **kwargs: object) -> object:
        calls.append("generate")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(sitegen.pipeline, "generate", counted)
    return calls


def _generate(run: RunSitegen, project: Path, today: str = FIXTURE_TODAY) -> tuple[int, str, str]:
    return run("generate", "--project", project, "--today", today)


def test_nothing_changed_is_replayed_without_generating(
    generated: Path, run_sitegen: RunSitegen, generate_calls: list[str]
) -> None:
    docs = {path: path.read_bytes() for path in (generated / "docs").rglob("*.md")}
    status, out, err = _generate(run_sitegen, generated)
    assert (status, out, err) == (0, "sitegen: wrote 0 files, 6 unchanged, 0 removed\n", "")
    assert generate_calls == []
    assert {path: path.read_bytes() for path in (generated / "docs").rglob("*.md")} == docs


def test_the_warnings_of_the_last_run_are_printed_again(
    generated: Path, run_sitegen: RunSitegen, generate_calls: list[str]
) -> None:
    first = _generate(run_sitegen, generated, OVERDUE_DAY)
    again = _generate(run_sitegen, generated, OVERDUE_DAY)
    assert "warning: review overdue" in first[2]
    assert again == first
    assert generate_calls == ["generate"]


@pytest.mark.parametrize(
    "change",
    [
        "edit a page",
        "add a file",
        "edit mkdocs.yml",
        "edit a generated page",
        "delete a generated page",
        "another day",
        "strict",
    ],
)
def test_any_change_is_generated_again(
    generated: Path, run_sitegen: RunSitegen, generate_calls: list[str], change: str
) -> None:
    args: list[str | Path] = ["generate", "--project", generated, "--today", FIXTURE_TODAY]
    faq = generated / "content_src" / "pages" / "faq.md"
    if change == "edit a page":
        faq.write_text(faq.read_text(encoding="utf-8") + "\nOne more sentence.\n", "utf-8")
    elif change == "add a file":
        (generated / "content_src" / "notes.txt").write_text("notes\n", "utf-8")
    elif change == "edit mkdocs.yml":
        config = generated / "mkdocs.yml"
        config.write_text(config.read_text(encoding="utf-8") + "\n# a comment\n", "utf-8")
    elif change == "edit a generated page":
        page = generated / "docs" / "faq.md"
        page.write_text(page.read_text(encoding="utf-8") + "\nBy hand.\n", "utf-8")
    elif change == "delete a generated page":
        (generated / "docs" / "faq.md").unlink()
    elif change == "another day":
        args[-1] = "2026-11-23"
    else:
        args.append("--strict")
    run_sitegen(*args)
    assert generate_calls == ["generate"]


def test_a_hand_edit_is_reported_every_time(generated: Path, run_sitegen: RunSitegen) -> None:
    page = generated / "docs" / "faq.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nBy hand.\n", "utf-8")
    for _ in range(2):
        status, _, err = _generate(run_sitegen, generated)
        assert status == 1 and "edited by hand" in err


def test_a_run_with_errors_is_not_recorded(
    generated: Path, run_sitegen: RunSitegen, generate_calls: list[str]
) -> None:
    record = generated / ".cache" / "sitegen" / "last-run.json"
    recorded = record.read_bytes()
    faq = generated / "content_src" / "pages" / "faq.md"
    text = faq.read_text(encoding="utf-8")
    faq.write_text(text + "\nSee [@no-such-source].\n", "utf-8")
    for _ in range(2):
        assert _generate(run_sitegen, generated)[0] == 1
    assert record.read_bytes() == recorded
    # Back as it was when the record was made: nothing to do.
    faq.write_text(text, "utf-8")
    assert _generate(run_sitegen, generated)[0] == 0
    assert generate_calls == ["generate", "generate"]


def test_an_edit_saved_during_a_run_is_generated_by_the_next(
    generated: Path, run_sitegen: RunSitegen, monkeypatch: pytest.MonkeyPatch
) -> None:
    faq = generated / "content_src" / "pages" / "faq.md"
    faq.write_text(faq.read_text(encoding="utf-8") + "\nA first edit.\n", "utf-8")
    real = sitegen.pipeline.generate

    def edited_meanwhile(*args: object, **kwargs: object) -> object:
        result = real(*args, **kwargs)  # type: ignore[arg-type]
        faq.write_text(faq.read_text(encoding="utf-8") + "\nA second edit.\n", "utf-8")
        return result

    monkeypatch.setattr(sitegen.pipeline, "generate", edited_meanwhile)
    assert _generate(run_sitegen, generated)[0] == 0
    monkeypatch.setattr(sitegen.pipeline, "generate", real)
    status, out, _ = _generate(run_sitegen, generated)
    assert (status, "wrote 1 files" in out) == (0, True)
    assert "A second edit." in (generated / "docs" / "faq.md").read_text(encoding="utf-8")


def test_a_damaged_record_means_a_full_run(
    generated: Path, run_sitegen: RunSitegen, generate_calls: list[str]
) -> None:
    record = generated / ".cache" / "sitegen" / "last-run.json"
    for text in ("{not json", '{"fingerprint": 1}', "[]", '{"warnings": 1, "pages": []}'):
        write_signed(record, text)  # signed by this user: still checked
        assert _generate(run_sitegen, generated)[0] == 0
    record.write_text("unsigned\n{}", encoding="utf-8")
    assert _generate(run_sitegen, generated)[0] == 0
    assert generate_calls == ["generate"] * 5


def test_a_pipe_in_the_content_is_not_read(generated: Path) -> None:
    """Opening a named pipe would wait for a writer for ever: the fingerprint never does."""
    os.mkfifo(generated / "content_src" / "pipe")
    argv = ["generate", "--project", str(generated), "--today", FIXTURE_TODAY]
    run = subprocess.run(
        [sys.executable, "-m", "sitegen", *argv],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert "content_src/pipe:1: warning: unexpected file" in run.stderr


def _record_and_cache(project: Path) -> Path:
    return project / ".cache" / "sitegen"


def test_a_record_or_store_signed_with_another_key_is_not_trusted(
    generated: Path,
    run_sitegen: RunSitegen,
    generate_calls: list[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    """As if a pull request added .cache/ to the repository: a record that says the last
    run was fine, and stored scores that say every page reads at grade 99."""
    cache = _record_and_cache(generated)
    planted = {
        "last-run.json": read_signed(cache / "last-run.json"),
        "readability.json": read_signed(cache / "readability.json"),
    }
    assert all(text is not None for text in planted.values())
    scores = json.loads(planted["readability.json"] or "")
    for key, value in scores["results"].items():
        if isinstance(value, list):
            scores["results"][key] = [99.0, 0.0, value[2]]
    planted["readability.json"] = json.dumps(scores)
    with monkeypatch.context() as another_machine:
        another_machine.setenv("XDG_CACHE_HOME", str(tmp_path / "another-machine"))
        for name, text in planted.items():
            write_signed(cache / name, text or "")
    status, out, err = _generate(run_sitegen, generated)
    assert generate_calls == ["generate"]
    assert (status, "wrote 0 files" in out, "grade 99" in err) == (0, True, False)


def test_an_edit_through_a_linked_content_folder_or_menu_is_generated(
    generated: Path, run_sitegen: RunSitegen, generate_calls: list[str], tmp_path: Path
) -> None:
    for name in ("content_src", "mkdocs.yml"):
        moved = tmp_path / "elsewhere" / name
        moved.parent.mkdir(exist_ok=True)
        (generated / name).rename(moved)
        (generated / name).symlink_to(moved)
    assert _generate(run_sitegen, generated)[0] == 0
    assert _generate(run_sitegen, generated)[0] == 0
    assert generate_calls == ["generate"]
    faq = tmp_path / "elsewhere" / "content_src" / "pages" / "faq.md"
    faq.write_text(faq.read_text(encoding="utf-8") + "\nOne more sentence.\n", "utf-8")
    assert "wrote 1 files" in _generate(run_sitegen, generated)[1]
    config = tmp_path / "elsewhere" / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\n# a comment\n", "utf-8")
    _generate(run_sitegen, generated)
    assert generate_calls == ["generate"] * 3


def test_a_change_to_docs_by_anything_else_during_a_run_is_not_recorded(
    generated: Path, run_sitegen: RunSitegen, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = sitegen.pipeline.generate
    page = generated / "docs" / "faq.md"

    def edited_by_hand_meanwhile(*args: object, **kwargs: object) -> object:
        result = real(*args, **kwargs)  # type: ignore[arg-type]
        page.write_text(page.read_text(encoding="utf-8") + "\nBy hand.\n", "utf-8")
        return result

    faq = generated / "content_src" / "pages" / "faq.md"
    faq.write_text(faq.read_text(encoding="utf-8") + "\nA new sentence.\n", "utf-8")
    monkeypatch.setattr(sitegen.pipeline, "generate", edited_by_hand_meanwhile)
    assert _generate(run_sitegen, generated)[0] == 0
    monkeypatch.setattr(sitegen.pipeline, "generate", real)
    status, _, err = _generate(run_sitegen, generated)
    assert status == 1 and "edited by hand" in err


def test_a_replay_loads_nothing_of_the_generator(generated: Path) -> None:
    code = (
        "import sys; from sitegen.commands.cli import main;"
        f" status = main(['generate', '--project', {str(generated)!r}, '--today',"
        f" {FIXTURE_TODAY!r}]);"
        " print(sorted(m for m in sys.modules if m.startswith(('sitegen.', 'pydantic', 'yaml'))))"
    )
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    assert "wrote 0 files, 6 unchanged" in run.stdout
    loaded = run.stdout.strip().splitlines()[-1]
    assert "sitegen.commands.cli" in loaded
    for heavy in ("sitegen.pipeline", "sitegen.content.load", "sitegen.render", "pydantic"):
        assert f"'{heavy}" not in loaded


def test_a_folder_that_cannot_be_read_is_marked_not_raised(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "locked").mkdir()
    (tmp_path / "open.txt").write_text("x", encoding="utf-8")
    scandir = os.scandir

    def refusing(path: str | os.PathLike[str]) -> object:
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refusing)
    found = entries(tmp_path)
    assert found["locked"] == "folder" and found["locked/"] == "unreadable"
    assert found["open.txt"].startswith("file ")


def test_a_run_that_removed_a_page_is_replayed_after(
    generated: Path, run_sitegen: RunSitegen, generate_calls: list[str]
) -> None:
    (generated / "docs" / "old.md").write_bytes(
        stamp("---\ntitle: Old\n---\n\nA page since deleted.\n", "content_src/pages/old.md")
    )
    assert "1 removed" in _generate(run_sitegen, generated)[1]
    assert _generate(run_sitegen, generated)[0] == 0
    assert generate_calls == ["generate"]


def test_a_folder_that_appears_in_docs_is_reported_every_time(
    generated: Path, run_sitegen: RunSitegen
) -> None:
    (generated / "docs" / "__pycache__").mkdir()
    for _ in range(2):
        status, _, err = _generate(run_sitegen, generated)
        assert status == 1 and "docs/__pycache__:1:" in err


@pytest.mark.parametrize("where", ["nowhere", "in the project"])
def test_without_a_key_of_its_own_nothing_is_kept_or_trusted(
    generated: Path,
    run_sitegen: RunSitegen,
    generate_calls: list[str],
    monkeypatch: pytest.MonkeyPatch,
    where: str,
) -> None:
    if where == "nowhere":
        (generated / "a-file").write_text("", encoding="utf-8")
        monkeypatch.setenv("XDG_CACHE_HOME", str(generated / "a-file" / "cache"))
    else:
        monkeypatch.setenv("XDG_CACHE_HOME", str(generated / ".cache"))
    for _ in range(2):
        status, out, err = _generate(run_sitegen, generated)
        assert (status, "wrote 0 files" in out, err) == (0, True, "")
    assert generate_calls == ["generate", "generate"]
    assert not (generated / ".cache" / "sitegen" / "signing-key").exists()
