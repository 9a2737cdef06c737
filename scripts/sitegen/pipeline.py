"""The generator's flow: content_src/ -> load -> check -> render -> write docs/.

check() loads and checks everything and reports every problem; generate() does the same
checks and writes docs/ only when they find no error, and then only the files whose text
changed. Readability is scored in forked children (see checks/readability.py) while
generate() writes the pages beside their places; they are put in place after the scores.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Callable, Iterator
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
from sitegen.output.write import OutputError, WriteReport, stage_outputs
from sitegen.problems import Location, Problems
from sitegen.render import SiteIndex, iter_site, page_markdown, render_cache

__all__ = ["Project", "Validation", "check", "generate"]


@dataclass
class Validation:
    """The outcome of checking content_src/: once checked, content is None when there are
    errors."""

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


def _readable_texts(content: Content, index: SiteIndex) -> list[Callable[[], str]]:
    """What makes each page's readable text."""
    return [partial(readable_text, page, content, index) for page in content.pages]


@contextlib.contextmanager
def _content_kept() -> Iterator[None]:
    """The collector paused while the content is loaded, and what was loaded frozen.

    Loading makes hundreds of thousands of objects and no reference cycles, and they live
    for the whole run: the collector's passes over them would find nothing to free (at 100x
    they took a tenth of a first run). Frozen objects are still freed when they are let go.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


@contextlib.contextmanager
def _run() -> Iterator[None]:
    """A run of check() or generate(): what it froze is unfrozen when it ends, so that the
    live preview's collector can free the rest of each rebuild. (When a caller froze
    objects before the run, nothing is unfrozen: a freeze cannot be undone in part.)"""
    frozen_before = gc.get_freeze_count() > 0
    try:
        yield
    finally:
        if not frozen_before:
            gc.unfreeze()


def _start(
    project: Project, today: date, strict: bool, publish: bool = False
) -> tuple[Validation, Scoring | None]:
    """Load and check everything (docs/ as it is too), and score each page's readability
    when the content has no error (scoring draws every page, which needs every reference
    in it to be sound; a warning made an error by --strict, or a problem in docs/, does
    not stop it). The scoring children get ready while the content loads; the caller
    cancels the scoring it does not finish."""
    scoring = Scoring(score_cache(project.root))
    try:
        result, sound = _checked(project, today, strict, publish)
        content = result.content
        if content is None or not sound:
            scoring.cancel()
            return result, None
        index = result.index = SiteIndex.of(content, render_cache(project.root, content.glossary))
        places = [Location(page.path, page.body_first_line) for page in content.pages]
        scoring.score(_readable_texts(content, index), places)
    except BaseException:
        scoring.cancel()
        raise
    return result, scoring


def _checked(project: Project, today: date, strict: bool, publish: bool) -> tuple[Validation, bool]:
    """The content loaded and checked, and docs/ as it is; and whether the content itself
    was found sound."""
    with _content_kept():
        content, problems = load_content(project)
    result = Validation(content, problems)
    if content is not None:
        problems.add(run_checks(content, Context(project, today, strict, publish)))
        result.readability_limit = content.settings.readability_max_grade
    sound = content is not None and not problems.errors
    problems.add(docs_problems(project.docs_dir, project.root))
    problems.add(hand_edits(project.docs_dir, project.root))
    if strict:
        problems.promote_warnings()
    return result, sound


def _finish(result: Validation, scoring: Scoring | None) -> None:
    """Add the readability scores; content is None when any error was found."""
    problems = result.problems
    if scoring is not None:
        result.readability = scoring.result()
        problems.add(pages_read_easily(result.readability, result.readability_limit))
    if problems.errors:
        result.content = None


def check(project: Project, today: date, strict: bool = False, publish: bool = False) -> Validation:
    """Load and check everything, including each page's readability."""
    with _run():
        result, scoring = _start(project, today, strict, publish)
        try:
            _finish(result, scoring)
        finally:
            if scoring is not None:
                scoring.cancel()
    return result


def generate(
    project: Project, today: date, strict: bool = False
) -> tuple[WriteReport | None, Problems]:
    """Check, then write docs/. Nothing is written when any error is found.

    The pages are made and written beside their places while the readability scores are
    (see Scoring), and put in place only once those scores and every other check pass."""
    with _run():
        result, scoring = _start(project, today, strict)
        try:
            return _write(project, result, scoring)
        finally:
            if scoring is not None:
                scoring.cancel()


def _write(
    project: Project, result: Validation, scoring: Scoring | None
) -> tuple[WriteReport | None, Problems]:
    content, index, problems = result.content, result.index, result.problems
    if scoring is None or content is None or index is None or problems.errors:
        _finish(result, scoring)
        return None, problems
    pages = iter_site(content, index)
    outputs = ((page.output_name, stamp(text, page.path)) for page, text in pages)
    try:
        staged = stage_outputs(outputs, project.docs_dir)
    except OutputError as exc:
        _not_written(problems, exc)
        _finish(result, scoring)
        return None, problems
    with staged:
        _finish(result, scoring)
        if result.content is None:
            return None, problems
        try:
            written = staged.commit()
        except OutputError as exc:
            _not_written(problems, exc)
            return None, problems
    index.cache.save()
    return written, problems


def _not_written(problems: Problems, exc: OutputError) -> None:
    where = Location(f"{DOCS_DIR}/{exc.path}", 1)
    problems.error(where, f"{exc.reason}; docs/ was left as it was")
