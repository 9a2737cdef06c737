"""Links between pages: written as the content file's name (`faq.md#does-it-hurt`),
checked before MkDocs runs, and pointed at the generated file (`overview.md` -> `index.md`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from sitegen.citations import mask_code
from sitegen.model import Content, Page
from sitegen.problems import Problems, position, suggest

_LINK = re.compile(r"\]\((?P<target>[^)\s]+)(?P<title>\s+\"[^\"]*\")?\)")
_HEADING = re.compile(r"^#{1,6}[ \t]+(?P<text>.+?)[ \t]*#*[ \t]*$", re.M)
_EXPLICIT_ID = re.compile(r"\{[^}]*#(?P<id>[\w-]+)[^}]*\}\s*$")
_PAGE_LINK = re.compile(r"(?P<name>[a-z0-9][a-z0-9-]*)\.md(?P<anchor>#[^\s]*)?")
_SCHEMES = ("http://", "https://", "mailto:", "tel:")

#: Headings every generated page gets, besides the ones written in the content.
GENERATED_ANCHORS = frozenset({"sources-for-this-page"})


def slugify(value: str, separator: str) -> str:
    """The id MkDocs gives a heading: Python-Markdown's toc slugify, the default.

    The same steps as markdown.extensions.toc.slugify (tests compare the two), written
    here so that checking links does not import Markdown.
    """
    value = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    value = re.sub(r"[^\w\s-]", "", value).strip().lower()
    return re.sub(rf"[{separator}\s]+", separator, value)


@dataclass(frozen=True)
class Link:
    target: str
    line: int
    column: int


def links_in(page: Page) -> Iterator[Link]:
    masked = mask_code(page.body)
    for match in _LINK.finditer(masked):
        offset = match.start("target")
        line, column = position(masked, offset, page.body_first_line)
        yield Link(match.group("target"), line, column)


def heading_anchors(text: str) -> set[str]:
    """The ids MkDocs gives the headings in `text` (explicit `{ #id }` ids included)."""
    anchors: set[str] = set()
    for match in _HEADING.finditer(mask_code(text)):
        heading = match.group("text")
        explicit = _EXPLICIT_ID.search(heading)
        if explicit:
            anchors.add(explicit.group("id"))
            continue
        heading = re.sub(r"\[@[^\]]*\]", "", heading)
        heading = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading)
        anchors.add(slugify(heading.strip(), "-"))
    return anchors


def page_anchors(page: Page, content: Content) -> set[str]:
    anchors = heading_anchors(page.body) | GENERATED_ANCHORS
    anchors.add(slugify(page.meta.title, "-"))
    if page.name == "sources":
        anchors |= set(content.sources)
    return anchors


def check_links(content: Content, problems: Problems) -> None:
    """Every link to another page, or to a heading, must have a target."""
    pages = {page.name: page for page in content.pages}
    anchors = {page.name: page_anchors(page, content) for page in content.pages}
    for page in content.pages:
        for link in links_in(page):
            target = link.target
            if target.startswith(_SCHEMES):
                continue
            if target.startswith("#"):
                name, anchor = page.name, target[1:]
            else:
                match = _PAGE_LINK.fullmatch(target)
                if not match:
                    problems.error(
                        page.path,
                        link.line,
                        f"link to '{target}': link to another page by its file name, as in"
                        " (faq.md) or (faq.md#does-it-hurt), or to a full web address",
                        link.column,
                    )
                    continue
                name = match.group("name")
                anchor = (match.group("anchor") or "#")[1:]
                if name in content.page_files and name not in pages:
                    continue  # the page has errors of its own, reported where they are
                if name not in pages:
                    problems.error(
                        page.path,
                        link.line,
                        f"link to a page that does not exist: '{name}.md'" + suggest(name, pages),
                        link.column,
                    )
                    continue
            if anchor and anchor not in anchors[name]:
                problems.error(
                    page.path,
                    link.line,
                    f"link to a heading that does not exist: '#{anchor}' in {name}.md"
                    + suggest(anchor, anchors[name]),
                    link.column,
                )


_EXTERNAL_LINK = re.compile(r"(\]\(https?://[^)\s]+(?:\s+\"[^\"]*\")?\))(?!\{)")
EXTERNAL_LINK_ATTRIBUTES = '{ rel="noopener noreferrer" }'


def mark_external_links(text: str) -> str:
    """Links to other sites tell them nothing about this one (rel="noopener noreferrer")."""
    masked = mask_code(text)
    pieces: list[str] = []
    last = 0
    for match in _EXTERNAL_LINK.finditer(masked):
        pieces.append(text[last : match.end()])
        pieces.append(EXTERNAL_LINK_ATTRIBUTES)
        last = match.end()
    pieces.append(text[last:])
    return "".join(pieces)


def point_links_at_outputs(text: str, outputs: Mapping[str, str]) -> str:
    """Rewrite `(overview.md#x)` as `(index.md#x)`: links name content files, docs/ differs.

    `outputs` gives each page's file in docs/ by its name.
    """

    def rewrite(match: re.Match[str]) -> str:
        target = match.group("target")
        page_link = _PAGE_LINK.fullmatch(target)
        if not page_link or page_link.group("name") not in outputs:
            return match.group(0)
        new_target = outputs[page_link.group("name")] + (page_link.group("anchor") or "")
        return f"]({new_target}{match.group('title') or ''})"

    return _LINK.sub(rewrite, text)
