"""Checks across files: citations against sources, pages against settings, review dates."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import yaml

from sitegen.citations import find_citations
from sitegen.drafts import check_drafts
from sitegen.faq import split_faq
from sitegen.links import check_links
from sitegen.model import FAQ_PAGE, PAGES_WITHOUT_CLAIMS, Content, format_day
from sitegen.problems import Problems, display_path, suggest


def check_citations(content: Content, problems: Problems) -> None:
    known = content.sources
    cited: set[str] = set()
    for page in content.pages:
        for citation in page.citations:
            cited.add(citation.key)
            if citation.key not in known and citation.key not in content.source_files:
                problems.error(
                    page.path,
                    citation.line,
                    f"unknown source '{citation.key}'"
                    + suggest(citation.key, content.source_files),
                    citation.column,
                )
        if not page.citations and page.name not in PAGES_WITHOUT_CLAIMS:
            problems.error(
                page.path,
                page.body_first_line,
                "this page cites no sources: every factual statement needs a citation such as"
                " [@foster-2001]",
            )
    for source_id in sorted(set(known) - cited):
        problems.warning(
            content.source_paths[source_id],
            1,
            f"source '{source_id}' is not cited on any page",
        )


def check_faq(content: Content, problems: Problems) -> None:
    page = content.page(FAQ_PAGE)
    if page is None:
        return
    _, entries = split_faq(page.body, page.body_first_line)
    if not entries:
        problems.error(
            page.path,
            page.body_first_line,
            "the FAQ has no questions: write each as a '## ' heading",
        )
    for entry in entries:
        if not entry.answer:
            problems.error(page.path, entry.line, f"the question '{entry.question}' has no answer")
        elif not find_citations(entry.answer)[0]:
            problems.error(
                page.path, entry.line, f"the answer to '{entry.question}' cites no source"
            )


def check_pages_and_settings(content: Content, problems: Problems) -> None:
    settings_path = content.settings_path
    names = content.page_files
    for name in content.settings.nav:
        if name not in names:
            problems.error(
                settings_path,
                1,
                f"nav lists '{name}' but there is no page content_src/pages/{name}.md"
                + suggest(name, names),
            )
    for page in content.pages:
        if page.name not in content.settings.nav:
            problems.error(page.path, 1, f"this page is not in the nav list in {settings_path}")
        if page.meta.reviewed_by not in content.settings.reviewers:
            problems.error(
                page.path,
                1,
                f"reviewed_by '{page.meta.reviewed_by}' is not one of the reviewers in"
                f" {settings_path}" + suggest(page.meta.reviewed_by, content.settings.reviewers),
            )


def check_review_dates(content: Content, problems: Problems, today: date, strict: bool) -> None:
    for page in content.pages:
        last, due = page.meta.last_reviewed, page.next_review_due
        if page.meta.next_review_due is not None and due <= last:
            problems.error(
                page.path,
                1,
                f"next_review_due ({due.isoformat()}) must be after last_reviewed"
                f" ({last.isoformat()})",
            )
        if last > today:
            problems.error(
                page.path,
                1,
                f"last_reviewed ({last.isoformat()}) is in the future (today is"
                f" {today.isoformat()})",
            )
        for change in page.meta.changes:
            if change.date > today:
                problems.error(
                    page.path,
                    1,
                    f"a change is dated {change.date.isoformat()}, in the future (today is"
                    f" {today.isoformat()})",
                )
        if due < today:
            message = (
                f"review overdue: the next review was due on {format_day(due)};"
                " review the page, then update last_reviewed"
            )
            if strict:
                problems.error(page.path, 1, message)
            else:
                problems.warning(page.path, 1, message)


def check_mkdocs_nav(content: Content, config_path: Path, problems: Problems) -> None:
    """mkdocs.yml's nav must list the pages in the same order, with their nav titles."""
    if not config_path.is_file():
        return
    shown = display_path(config_path, config_path.parent)
    try:
        loader = getattr(yaml, "CBaseLoader", yaml.BaseLoader)  # libyaml's, when installed
        config = yaml.load(config_path.read_text(encoding="utf-8"), Loader=loader)
    except yaml.YAMLError as exc:
        problems.error(shown, 1, f"invalid YAML: {exc}")
        return
    nav = config.get("nav") if isinstance(config, dict) else None
    expected = [{page.meta.nav_title: page.output_name} for page in content.pages]
    if nav != expected:
        lines = "\n".join(
            f"  - {page.meta.nav_title}: {page.output_name}" for page in content.pages
        )
        problems.error(
            shown,
            1,
            "the nav does not match the pages in content_src/site.yml; it should read:\n"
            f"nav:\n{lines}",
        )


def check_content(
    content: Content,
    problems: Problems,
    today: date,
    strict: bool = False,
    mkdocs_config: Path | None = None,
) -> None:
    """Every check across files, adding to `problems`."""
    check_pages_and_settings(content, problems)
    check_citations(content, problems)
    check_faq(content, problems)
    check_review_dates(content, problems, today, strict)
    check_links(content, problems)
    check_drafts(content, problems)
    if mkdocs_config is not None:
        check_mkdocs_nav(content, mkdocs_config, problems)
