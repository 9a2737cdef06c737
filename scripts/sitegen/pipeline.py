"""The generator's flow: content_src/ -> load -> check -> render -> write docs/.

check() loads and checks everything and reports every problem; generate() writes docs/
only when check() found no error, and then only the files whose text changed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import partial

from sitegen.checks import Context, run_checks
from sitegen.checks.readability import PageScore, Scoring, pages_read_easily, score_cache
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
    #: What rendering looks up, made once for scoring and writing.
    index: SiteIndex | None = None


def readable_text(page: Page, content: Content, index: SiteIndex) -> str:
    """The Markdown a visitor reads on `page`, whose readability is scored: its key points
    and its body, with the boxes and pictures of its markers drawn."""
    points = "\n".join(f"- {index.inline(point)}" for point in page.meta.key_points)
    return f"{points}\n\n{page_markdown(page, content, index)}"


def _readable_texts(content: Content, index: SiteIndex) -> list[tuple[Location, Callable[[], str]]]:
    """What makes each page's readable text."""
    return [
        (Location(page.path, page.body_first_line), partial(readable_text, page, content, index))
        for page in content.pages
    ]


def _start(
    project: Project, today: date, strict: bool, publish: bool = False
) -> tuple[Validation, Scoring | None]:
    """Load and check everything (docs/ as it is too), and start scoring each page's
    readability when the content has no error (scoring draws every page, which needs every
    reference in it to be sound)."""
    content, problems = load_content(project)
    result = Validation(content, problems)
    scoring = None
    if content is not None:
        problems.add(run_checks(content, Context(project, today, strict, publish)))
        result.readability_limit = content.settings.readability_max_grade
    if content is not None and not problems.errors:
        index = result.index = SiteIndex.of(content, render_cache(project.root, content.glossary))
        places = [Location(page.path, page.body_first_line) for page in content.pages]
        make = partial(_readable_texts, content, index)
        scoring = Scoring(make, places, score_cache(project.root))
    problems.add(docs_problems(project.docs_dir, project.root))
    problems.add(hand_edits(project.docs_dir, project.root))
    return result, scoring


def _finish(result: Validation, scoring: Scoring | None, strict: bool) -> None:
    """The readability scores; content is None when any error was found."""
    problems = result.problems
    if scoring is not None:
        result.readability = scoring.result()
        problems.add(pages_read_easily(result.readability, result.readability_limit))
    if strict:
        problems.promote_warnings()
    if problems.errors:
        result.content = None


def check(project: Project, today: date, strict: bool = False, publish: bool = False) -> Validation:
    """Load and check everything, including each page's readability."""
    result, scoring = _start(project, today, strict, publish)
    _finish(result, scoring, strict)
    return result


def generate(
    project: Project, today: date, strict: bool = False
) -> tuple[WriteReport | None, Problems]:
    """Check, then write docs/. Nothing is written when any error is found.

    The pages are made while the readability scores are (see Scoring), and put in place
    only once those scores and every other check pass."""
    result, scoring = _start(project, today, strict)
    content, index = result.content, result.index
    if scoring is None or content is None or index is None or result.problems.errors:
        _finish(result, scoring, strict)
        return None, result.problems

    def checked() -> bool:
        _finish(result, scoring, strict)
        return result.content is not None

    outputs = (
        (page.output_name, stamp(text, page.path)) for page, text in iter_site(content, index)
    )
    try:
        written = write_outputs(outputs, project.docs_dir, checked)
    except OutputError as exc:
        where = Location(f"{DOCS_DIR}/{exc.path}", 1)
        result.problems.error(where, f"{exc.reason}; docs/ was left as it was")
        return None, result.problems
    finally:
        scoring.cancel()
    if written is not None:
        index.cache.save()
    return written, result.problems
