"""The generator's two jobs: validate content_src/, and render it into docs/."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sitegen.checks import check_content
from sitegen.load import load_content
from sitegen.model import Content
from sitegen.problems import Problems
from sitegen.render import render_site
from sitegen.write import WriteReport, write_outputs


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


def validate(
    project: Project, today: date, strict: bool = False
) -> tuple[Content | None, Problems]:
    """Load and check everything; content is None when there are errors."""
    content, problems = load_content(project.content_dir)
    if content is not None:
        check_content(content, problems, today, strict, project.mkdocs_config)
    if strict:
        problems.promote_warnings()
    if problems.errors:
        return None, problems
    return content, problems


def generate(
    project: Project, today: date, strict: bool = False
) -> tuple[WriteReport | None, Problems]:
    """Validate, then write docs/. Nothing is written when any error is found."""
    content, problems = validate(project, today, strict)
    if content is None:
        return None, problems
    outputs = render_site(content)
    return write_outputs(outputs, project.docs_dir), problems
