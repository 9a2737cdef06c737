"""The generator's two jobs: check content_src/, and render it into docs/."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sitegen.checks import check_content
from sitegen.load import load_content
from sitegen.model import Content
from sitegen.problems import Problems, display_path
from sitegen.readability import PageScore, check_readability, score_cache
from sitegen.render import iter_site, render_cache
from sitegen.write import WriteReport, generated_files, hand_edit_source, write_outputs


@dataclass(frozen=True)
class Project:
    """Where the content, the generated pages and the MkDocs settings live."""

    root: Path

    @property
    def content_dir(self) -> Path:
        return self.root / "content_src"

    @property
    def docs_dir(self) -> Path:
        return self.root / "docs"

    @property
    def mkdocs_config(self) -> Path:
        return self.root / "mkdocs.yml"


@dataclass
class Validation:
    """The outcome of checking content_src/: content is None when there are errors."""

    content: Content | None
    problems: Problems
    readability: list[PageScore] = field(default_factory=list)
    readability_limit: float = 8


def report_hand_edits(project: Project, problems: Problems) -> None:
    """Generated pages changed by hand would lose the change on the next run: stop first."""
    if not project.docs_dir.is_dir():
        return
    for path in generated_files(project.docs_dir):
        source = hand_edit_source(path)
        if source is not None:
            problems.error(
                display_path(path, project.root),
                1,
                f"this generated file was edited by hand: make the change in {source}"
                " instead, then delete this file and run make site to write it again",
            )


def check(project: Project, today: date, strict: bool = False) -> Validation:
    """Load and check everything, including each page's readability."""
    content, problems = load_content(project.content_dir)
    result = Validation(None, problems)
    if content is not None:
        check_content(content, problems, today, strict, project.mkdocs_config)
        result.readability_limit = content.settings.readability_max_grade
    if content is not None and not problems.errors:
        # Scoring draws every page, which needs every reference in it to be sound.
        result.readability = check_readability(content, problems, score_cache(project.root))
    report_hand_edits(project, problems)
    if strict:
        problems.promote_warnings()
    result.content = None if problems.errors else content
    return result


def validate(
    project: Project, today: date, strict: bool = False
) -> tuple[Content | None, Problems]:
    """Load and check everything; content is None when there are errors."""
    result = check(project, today, strict)
    return result.content, result.problems


def generate(
    project: Project, today: date, strict: bool = False
) -> tuple[WriteReport | None, Problems]:
    """Check, then write docs/. Nothing is written when any error is found."""
    content, problems = validate(project, today, strict)
    if content is None:
        return None, problems
    stored = render_cache(project.root, content.glossary)
    report = write_outputs(iter_site(content, stored), project.docs_dir)
    stored.save()
    return report, problems
