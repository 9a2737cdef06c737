"""Every example of a command's output in MAINTAINING.md is what the command prints.

Each example follows a marker, `<!-- example: NAME -->`, and is a console block: the
command, then its output. This test makes each one happen on a copy of the small fixture
project and compares. Set UPDATE_EXAMPLES=1 to write the real output into MAINTAINING.md
after a deliberate change of wording.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shlex
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import FIXTURE_TODAY, FIXTURES, ROOT
from sitegen.authoring.online import FetchError
from sitegen.commands.cli import main
from test_lookup import Recorded

GUIDE = ROOT / "MAINTAINING.md"
_EXAMPLE = re.compile(r"<!-- example: (?P<name>[\w-]+) -->\n```console\n(?P<body>.*?)```\n", re.S)

Edit = Callable[[Path], None]


def _replace(file: str, old: str, new: str) -> Edit:
    def edit(project: Path) -> None:
        path = project / file
        text = path.read_text(encoding="utf-8")
        assert old in text, (file, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return edit


def _references(project: Path) -> None:
    shutil.copy2(FIXTURES / "references" / "zotero-library.bib", project / "zotero-library.bib")


def _offline(url: str) -> bytes:
    raise FetchError("could not connect", None)


def _new_page(project: Path) -> None:
    (project / "content_src" / "pages" / "costs.md").write_text(
        "---\ntitle: Costs\ndescription: What it costs.\nlast_reviewed: 2026-11-20\n"
        "reviewed_by: editors\n---\n\nIt costs money [@trial-2001].\n",
        encoding="utf-8",
    )


#: Each example: what is done to the fixture project first, and the command (as shown).
SCENARIOS: dict[str, tuple[list[Edit], str]] = {
    "check-passes": ([], "sitegen check"),
    "unknown-source": (
        [_replace("content_src/pages/faq.md", "[@trial-2001]", "[@trial-2010]")],
        "sitegen check",
    ),
    "pasted-tab": (
        [_replace("content_src/pages/faq.md", "It may help", "\tIt may help")],
        "sitegen check",
    ),
    "colon-in-a-value": (
        [_replace("content_src/pages/faq.md", "description: Short", "description: Botox: short")],
        "sitegen check",
    ),
    "page-not-in-nav": ([_new_page], "sitegen check"),
    "new-source": (
        [],
        'sitegen new-source who-2023 --kind guideline --title "WHO guideline on chronic'
        ' low back pain" --author "World Health Organization" --issued 2023',
    ),
    "review": ([], "sitegen review"),
    "new-source-doi": ([], "sitegen new-source --doi 10.1212/WNL.56.10.1290"),
    "new-source-offline": ([], "sitegen new-source --doi 10.1212/WNL.56.10.1290"),
    "import-refs": ([_references], "sitegen import-refs zotero-library.bib"),
    "import-refs-again": (
        [_references, lambda project: _run("sitegen import-refs zotero-library.bib", project)],
        "sitegen import-refs zotero-library.bib",
    ),
    "sign-off": ([], "sitegen sign-off faq --by sam-fixture"),
}


#: What the look-ups online are answered with: the recorded responses, or no network.
FETCH = {"new-source-offline": _offline}


def _run(command: str, project: Path, fetch: Callable[[str], bytes] | None = None) -> str:
    """What the command prints, as a terminal shows it (both streams, in order)."""
    out = io.StringIO()
    args = [*shlex.split(command)[1:], "--project", str(project), "--today", FIXTURE_TODAY]
    cwd = Path.cwd()
    os.chdir(project)  # files are given as a maintainer gives them, from the project folder
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
            main(args, fetch=fetch or Recorded())
    finally:
        os.chdir(cwd)
    return out.getvalue().replace(str(project) + os.sep, "")


def _example(name: str, tmp_path: Path) -> str:
    edits, command = SCENARIOS[name]
    project = tmp_path / name
    shutil.copytree(FIXTURES / "minimal", project)
    for edit in edits:
        edit(project)
    if command != "sitegen check":
        main(["generate", "--project", str(project), "--today", FIXTURE_TODAY])
    shown = command.replace("sitegen ", ".venv/bin/sitegen ", 1)
    return f"$ {shown}\n{_run(command, project, FETCH.get(name))}"


def test_every_example_is_a_known_scenario() -> None:
    names = [match["name"] for match in _EXAMPLE.finditer(GUIDE.read_text(encoding="utf-8"))]
    assert sorted(names) == sorted(SCENARIOS), "each example needs a scenario here, and back"


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_each_example_is_what_the_command_prints(name: str, tmp_path: Path) -> None:
    real = _example(name, tmp_path)
    text = GUIDE.read_text(encoding="utf-8")
    match = next(m for m in _EXAMPLE.finditer(text) if m["name"] == name)
    if os.environ.get("UPDATE_EXAMPLES"):
        text = text[: match.start("body")] + real + text[match.end("body") :]
        GUIDE.write_text(text, encoding="utf-8")
        return
    assert match["body"] == real
