"""Citations: well formed, naming sources that exist, on every page that makes claims."""

from __future__ import annotations

from collections.abc import Iterator

from sitegen.checks.context import Context
from sitegen.content.layout import PAGES_WITHOUT_CLAIMS
from sitegen.content.model import Content
from sitegen.content.schema import PageMeta
from sitegen.content.text import MarkdownText
from sitegen.content.walk import listed_sources
from sitegen.problems import Location, Problem, error, suggest, warning


def _unknown(key: str, content: Content) -> str | None:
    """The message for a citation of `key`, or None when the source exists (or exists but
    could not be read: its own problem is reported at its file)."""
    if key in content.sources or key in content.source_files:
        return None
    return f"unknown source '{key}'" + suggest(key, content.source_files)


def markdown_is_well_formed(content: Content, context: Context) -> Iterator[Problem]:
    """Citations and markers are written as the site reads them."""
    for page in content.pages:
        for mistake in page.body.scan.mistakes:
            yield error(Location(page.path, mistake.line, mistake.column), mistake.message)
    for field in content.data_texts:
        for mistake in MarkdownText(field.value).scan.mistakes:
            yield error(field.where, mistake.message)


def pages_cite_known_sources(content: Content, context: Context) -> Iterator[Problem]:
    for page in content.pages:
        for citation in page.key_point_citations() + list(page.body.scan.citations):
            message = _unknown(citation.key, content)
            if message:
                yield error(Location(page.path, citation.line, citation.column), message)


def data_cite_known_sources(content: Content, context: Context) -> Iterator[Problem]:
    """The sources lists of evidence and figures, and citations in any data text."""
    for record in content.records():
        for key, where in listed_sources(record):
            message = _unknown(key, content)
            if message:
                yield error(where, message)
    for field in content.data_texts:
        if isinstance(field.record, PageMeta):
            continue  # key points: see pages_cite_known_sources
        for citation in MarkdownText(field.value).scan.citations:
            message = _unknown(citation.key, content)
            if message:
                yield error(field.where, message)


def pages_cite_something(content: Content, context: Context) -> Iterator[Problem]:
    for page in content.pages:
        if page.name not in PAGES_WITHOUT_CLAIMS and not content.citations(page):
            yield error(
                Location(page.path, page.body_first_line),
                "this page cites no sources: every factual statement needs a citation such as"
                " [@foster-2001]",
            )


def every_source_is_cited(content: Content, context: Context) -> Iterator[Problem]:
    """A source no page cites is probably a mistake (unless a page could not be read)."""
    if len(content.pages) < len(content.page_files):
        return
    cited = {key for page in content.pages for key in content.cited_keys(page)}
    for source_id, source in sorted(content.sources.items()):
        if source_id not in cited:
            yield warning(source.where("title"), f"source '{source_id}' is not cited on any page")
