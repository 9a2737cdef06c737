"""Pages: in the nav, reviewed by a known reviewer, sensibly dated, with text; the FAQ."""

from __future__ import annotations

from collections.abc import Iterator

from sitegen.checks.context import Context
from sitegen.content.faq import split_faq
from sitegen.content.fields import format_day
from sitegen.content.layout import FAQ_PAGE, HOME_PAGE, URGENT_FILE, URGENT_PAGE, output_name
from sitegen.content.model import Content
from sitegen.problems import Location, Problem, error, suggest, warning


def nav_lists_every_page(content: Content, context: Context) -> Iterator[Problem]:
    """mkdocs.yml's nav names each page once, and only pages that exist."""
    files = {output_name(name): name for name in content.page_files}
    listed: dict[str, Location] = {}
    for entry in content.nav:
        if entry.file in listed:
            yield error(
                entry.where,
                f"the nav lists {entry.file} twice (first on line {listed[entry.file].line})",
            )
            continue
        listed[entry.file] = entry.where
        if entry.file not in files:
            name = entry.file.removesuffix(".md")
            yield error(
                entry.where,
                f"the nav lists '{entry.file}' but there is no page"
                f" content_src/pages/{name}.md" + suggest(entry.file, files),
            )
    if not content.nav:
        return  # a missing nav is reported where it should be
    for page in content.pages:
        if page.output_name not in listed:
            yield error(
                page.meta.where("title"),
                f"this page is not in the nav in mkdocs.yml: add the line"
                f" '  - {page.meta.title}: {page.output_name}' where it belongs",
            )
    if "index" in content.page_files:
        yield error(
            Location("content_src/pages/index.md", 1),
            f"a page cannot be called index: the home page ({HOME_PAGE}.md) becomes"
            " docs/index.md; rename this page",
        )


def reviewers_are_known(content: Content, context: Context) -> Iterator[Problem]:
    """Pages name their writer and reviewer by an id in people.yml."""
    people = content.people
    for page in content.pages:
        for field in ("reviewed_by", "written_by"):
            key = getattr(page.meta, field)
            if key is not None and key not in people:
                yield error(
                    page.meta.where(field),
                    f"{field} '{key}' is not one of the people in content_src/people.yml"
                    + suggest(key, people),
                )


def urgent_help_is_known(content: Content, context: Context) -> Iterator[Problem]:
    """`urgent_help:` names a box in urgent-help.yml, and the page it links to exists."""
    for page in content.pages:
        key = page.meta.urgent_help
        if key is None or URGENT_FILE in content.unread_files:
            continue
        if key not in content.urgent_help:
            yield error(
                page.meta.where("urgent_help"),
                f"urgent_help '{key}' is not a box in content_src/{URGENT_FILE}"
                + suggest(key, content.urgent_help),
            )
        elif URGENT_PAGE not in content.page_files:
            yield error(
                page.meta.where("urgent_help"),
                f"the box links to every warning sign on content_src/pages/{URGENT_PAGE}.md,"
                " which does not exist",
            )


def review_dates_make_sense(content: Content, context: Context) -> Iterator[Problem]:
    today = context.today
    for page in content.pages:
        meta = page.meta
        last, due = meta.last_reviewed, page.next_review_due
        if meta.next_review_due is not None and due <= last:
            yield error(
                meta.where("next_review_due"),
                f"next_review_due ({due.isoformat()}) must be after last_reviewed"
                f" ({last.isoformat()})",
            )
        if last > today:
            yield error(
                meta.where("last_reviewed"),
                f"last_reviewed ({last.isoformat()}) is in the future (today is"
                f" {today.isoformat()})",
            )
        for change in meta.changes:
            if change.date > today:
                yield error(
                    change.where("date"),
                    f"a change is dated {change.date.isoformat()}, in the future (today is"
                    f" {today.isoformat()})",
                )
        if due < today:
            message = (
                f"review overdue: the next review was due on {format_day(due)};"
                " review the page, then update last_reviewed"
            )
            field = "next_review_due" if meta.next_review_due else "last_reviewed"
            make = error if context.strict else warning
            yield make(meta.where(field), message)


def pages_have_text(content: Content, context: Context) -> Iterator[Problem]:
    for page in content.pages:
        if not page.body.strip():
            yield error(
                Location(page.path, page.body_first_line),
                "the page has no text after its front matter",
            )


def faq_answers_cite_sources(content: Content, context: Context) -> Iterator[Problem]:
    """Every `## ` heading of the FAQ is a question; each needs an answer that cites."""
    page = content.page(FAQ_PAGE)
    if page is None:
        return
    _, entries = split_faq(page.body)
    if not entries:
        yield error(
            Location(page.path, page.body_first_line),
            "the FAQ has no questions: write each as a '## ' heading",
        )
    for entry in entries:
        where = Location(page.path, entry.line)
        if not entry.answer.strip():
            yield error(where, f"the question '{entry.question}' has no answer")
        elif not entry.cites:
            yield error(where, f"the answer to '{entry.question}' cites no source")
