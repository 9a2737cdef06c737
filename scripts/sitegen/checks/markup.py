"""What a page's Markdown points at: markers at data, links at pages and headings."""

from __future__ import annotations

from collections.abc import Iterator

from sitegen.checks.context import Context
from sitegen.content.layout import ABOUT_PAGE, CONTENT_DIR, MARKER_FILES, SOURCES_PAGE
from sitegen.content.markdown import Link, slugify
from sitegen.content.model import Content, Page
from sitegen.content.options import CONDITION_NAMES, OPTION_SECTIONS
from sitegen.content.people import PEOPLE_HEADING, POLICIES_HEADING
from sitegen.content.text import MarkdownText
from sitegen.problems import Location, Problem, error, suggest

#: Headings every generated page gets, besides the ones written in the content.
GENERATED_ANCHORS = frozenset({"sources-for-this-page"})
_SCHEMES = ("http://", "https://", "mailto:", "tel:")


def markers_have_data(content: Content, context: Context) -> Iterator[Problem]:
    for page in content.pages:
        for marker in page.body.scan.markers:
            if content.marker_target(marker) is not None:
                continue
            if f"{CONTENT_DIR}/{MARKER_FILES[marker.kind]}" in content.unread_files:
                continue  # its data file has errors of its own
            if marker.kind == "option" and marker.id in content.option_files:
                continue  # the option's file has errors of its own
            known = content.marker_data(marker.kind)
            yield error(
                Location(page.path, marker.line),
                f"unknown {marker.kind} '{marker.id}'" + suggest(marker.id, known),
            )


def page_anchors(page: Page, content: Content) -> set[str]:
    """The ids a link may name after '#' on `page`."""
    anchors = {heading.anchor for heading in page.body.scan.headings} | GENERATED_ANCHORS
    anchors.add(slugify(page.meta.title))
    if page.name == SOURCES_PAGE:
        anchors |= set(content.sources)
    if page.name == ABOUT_PAGE:
        anchors |= {slugify(PEOPLE_HEADING), slugify(POLICIES_HEADING)}
    option = content.options.get(page.name)
    if option is not None:
        headings = [*OPTION_SECTIONS.values()]
        headings += [f"For {CONDITION_NAMES[condition]}" for condition in option.conditions]
        anchors |= {slugify(heading) for heading in headings}
    return anchors


def links_have_targets(content: Content, context: Context) -> Iterator[Problem]:
    """Every link to another page, or to a heading, must have a target: in pages, and in
    the texts of the data files."""
    anchors = {page.name: page_anchors(page, content) for page in content.pages}
    for page in content.pages:
        for link in page.body.scan.links:
            where = Location(page.path, link.line, link.column)
            yield from _link_problems(link, where, page.name, anchors, content)
    for field in content.data_texts:
        for link in MarkdownText(field.value).scan.links:
            yield from _link_problems(link, field.where, None, anchors, content)


def _link_problems(
    link: Link,
    where: Location,
    current: str | None,
    anchors: dict[str, set[str]],
    content: Content,
) -> Iterator[Problem]:
    target = link.target
    if target.startswith(_SCHEMES):
        return
    if target.startswith("#") and current is not None:
        name, anchor = current, target[1:]
    else:
        page_link = link.page_target()
        if page_link is None:
            yield error(
                where,
                f"link to '{target}': link to another page by its file name, as in"
                " (faq.md) or (faq.md#does-it-hurt), or to a full web address",
            )
            return
        name, anchor = page_link
        if name in content.page_files and name not in anchors:
            return  # the page has errors of its own, reported where they are
        if name not in anchors:
            yield error(
                where,
                f"link to a page that does not exist: '{name}.md'" + suggest(name, anchors),
            )
            return
    if anchor and anchor not in anchors[name]:
        yield error(
            where,
            f"link to a heading that does not exist: '#{anchor}' in {name}.md"
            + suggest(anchor, anchors[name]),
        )
