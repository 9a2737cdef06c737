"""The generator's flow: content_src/ -> load -> check -> render -> write docs/.

check() loads and checks everything and reports every problem; generate() writes docs/
only when check() found no error, and then only the files whose text changed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from sitegen.checks import Context, run_checks
from sitegen.checks.readability import PageScore, pages_read_easily, score_cache, score_pages
from sitegen.content.layout import DOCS_DIR, Project
from sitegen.content.load import load_content
from sitegen.content.model import Content, Page
from sitegen.output.stamp import hand_edits, stamp
from sitegen.output.tree import docs_problems
from sitegen.output.write import OutputError, WriteReport, write_outputs
from sitegen.problems import Location, Problems
from sitegen.render import SiteIndex, iter_site, page_markdown, render_cache

__all__ = ["Project", "Validation", "check", "generate"]


@dataclass
class Validation:
    """The outcome of checking content_src/: content is None when there are errors."""

    content: Content | None
    problems: Problems
    readability: list[PageScore] = field(default_factory=list)
    readability_limit: float = 8
    #: What rendering looks up, built once for checking and writing.
    index: SiteIndex | None = None


def readable_text(page: Page, content: Content, index: SiteIndex) -> str:
    """The Markdown a visitor reads on `page`, whose readability is scored: its key points
    and its body, with the boxes and pictures of its markers drawn."""
    points = "\n".join(f"- {index.inline(point)}" for point in page.meta.key_points)
    return f"{points}\n\n{page_markdown(page, content, index)}"


def _maker(page: Page, content: Content, index: SiteIndex) -> Callable[[], str]:
    return lambda: readable_text(page, content, index)


def check(project: Project, today: date, strict: bool = False, publish: bool = False) -> Validation:
    """Load and check everything, including each page's readability."""
    content, problems = load_content(project)
    result = Validation(None, problems)
    if content is not None:
        problems.add(run_checks(content, Context(project, today, strict, publish)))
        result.readability_limit = content.settings.readability_max_grade
    if content is not None and not problems.errors:
        # Scoring draws every page, which needs every reference in it to be sound.
        index = result.index = SiteIndex.of(content, render_cache(project.root, content.glossary))
        texts = [
            (Location(page.path, page.body_first_line), _maker(page, content, index))
            for page in content.pages
        ]
        result.readability = score_pages(texts, score_cache(project.root))
        problems.add(pages_read_easily(result.readability, result.readability_limit))
    problems.add(docs_problems(project.docs_dir, project.root))
    problems.add(hand_edits(project.docs_dir, project.root))
    if strict:
        problems.promote_warnings()
    result.content = None if problems.errors else content
    return result


def generate(
    project: Project, today: date, strict: bool = False
) -> tuple[WriteReport | None, Problems]:
    """Check, then write docs/. Nothing is written when any error is found."""
    result = check(project, today, strict)
    if result.content is None:
        return None, result.problems
    index = result.index or SiteIndex.of(result.content)
    outputs = (
        (page.output_name, stamp(text, page.path))
        for page, text in iter_site(result.content, index)
    )
    try:
        written = write_outputs(outputs, project.docs_dir)
    except OutputError as exc:
        where = Location(f"{DOCS_DIR}/{exc.path}", 1)
        result.problems.error(where, f"{exc.reason}; docs/ was left as it was")
        return None, result.problems
    index.cache.save()
    return written, result.problems
