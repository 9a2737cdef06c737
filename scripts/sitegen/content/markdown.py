"""One scan of a piece of Markdown: what it cites, links to, marks and heads, and where.

Code (fenced blocks and code spans) is masked once, and everything inside it is text, not
citations, links or markers. The scan keeps offsets, so that rendering can rewrite the
text at the places found here without scanning it again, and lines and columns for
messages.

- Citations, Pandoc style: `[@foster-2001]`, `[@waseem-2011; @langevin-2011]`.
- Markers, a line of their own: `[[evidence:low-back-pain]]`, `[[icon-array:id]]`,
  `[[timeline:id]]`, drawn from the data files.
- Links: `[text](target "title")`.
- Headings: `## Text` and their ids as MkDocs makes them.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from sitegen.content.code import accidental_code_blocks, mask_code, unclosed_fence
from sitegen.content.fields import ID_PATTERN
from sitegen.content.layout import MARKER_FILES
from sitegen.problems import position

CITATION_GROUP = re.compile(r"\[(@[^\]\[]{0,300})\]")
#: One cited id inside a citation group: `@foster-2001`.
CITATION_KEY = re.compile(rf"@({ID_PATTERN})")
MARKER_KINDS = tuple(MARKER_FILES)
_MARKER_LINE = re.compile(r"^[ \t]*\[\[(?P<inner>[^\]\n]*)\]\][ \t]*$", re.M)
_MARKER = re.compile(rf"(?P<kind>[a-z-]+):(?P<id>{ID_PATTERN})")
#: A link to another page by its content file's name, with an optional heading: faq.md#cost
PAGE_LINK = re.compile(rf"(?P<name>{ID_PATTERN})\.md(?P<anchor>#[^\s]*)?")
# Every pattern here runs in time linear in the text: no part of one can scan past the next
# bracket, parenthesis or line break and back, so a page made to be slow is read as fast as
# any other. A link's target may hold spaces and line breaks, as Markdown allows.
_LINK = re.compile(
    r"\]\([ \t]*(?P<target>(?:[^()]|\([^()]*\))+?)"
    r"(?P<title>[ \t]+\"[^\"\n]{0,300}\")?[ \t]*\)"
)
_HEADING = re.compile(r"^(?P<level>#{1,6})[ \t]+(?P<text>[^\n]*)$", re.M)
_EXPLICIT_ID = re.compile(r"\{[^{}]*#(?P<id>[\w-]+)[^{}]*\}\s*$")
_LINK_TEXT = re.compile(r"\[([^\[\]]*)\]\([^()]*\)")


def slugify(value: str, separator: str = "-") -> str:
    """The id MkDocs gives a heading: Python-Markdown's toc slugify, the default.

    The same steps as markdown.extensions.toc.slugify (a test compares the two).
    """
    value = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    value = re.sub(r"[^\w\s-]", "", value).strip().lower()
    return re.sub(rf"[{separator}\s]+", separator, value)


@dataclass(frozen=True, slots=True)
class Citation:
    """One `@key` inside a `[@...]` citation, where it stands in its file."""

    key: str
    line: int
    column: int


@dataclass(frozen=True, slots=True)
class CitationGroup:
    """One `[@a; @b]`: its span in the text and the ids it cites."""

    start: int
    end: int
    keys: tuple[str, ...]
    line: int
    column: int


@dataclass(frozen=True, slots=True)
class Mistake:
    """Something written wrongly: where, and what to do."""

    line: int
    column: int | None
    message: str


@dataclass(frozen=True, slots=True)
class Marker:
    """A `[[kind:id]]` line, replaced by a box or a picture."""

    kind: str
    id: str
    line: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Link:
    """`](target "title")`: the span of the whole `](...)`, and where its target starts."""

    target: str
    title: str
    start: int
    end: int
    line: int
    column: int

    @property
    def is_external(self) -> bool:
        return self.target.startswith(("http://", "https://"))

    def page_target(self) -> tuple[str, str] | None:
        """(page name, heading id or '') for a link to another page by its file name."""
        match = PAGE_LINK.fullmatch(self.target)
        return (match["name"], (match["anchor"] or "#")[1:]) if match else None


@dataclass(frozen=True, slots=True)
class Heading:
    level: int
    text: str
    anchor: str
    line: int
    start: int


@dataclass(frozen=True, slots=True)
class Scan:
    """Everything found in one piece of Markdown."""

    citations: tuple[Citation, ...]
    groups: tuple[CitationGroup, ...]
    markers: tuple[Marker, ...]
    links: tuple[Link, ...]
    headings: tuple[Heading, ...]
    mistakes: tuple[Mistake, ...]
    #: The text with code blanked out, for rules that look for more.
    masked: str


def _citation_reason(item: str) -> str:
    if not item.strip("@ "):
        return "an empty citation: write the source's id after @, as in [@foster-2001]"
    if item.startswith("@ "):
        return "a space after @: write [@id] with no space, as in [@foster-2001]"
    if not item.startswith("@"):
        return "each source in a citation starts with @ and they are separated by ;"
    return "a source id uses only lowercase letters, digits and hyphens, as in [@foster-2001]"


def _heading_anchor(text: str) -> str:
    explicit = _EXPLICIT_ID.search(text)
    if explicit:
        return explicit.group("id")
    text = CITATION_GROUP.sub("", text)
    text = _LINK_TEXT.sub(r"\1", text)
    return slugify(text.strip())


#: Deeper nesting of [brackets] than any page needs (Markdown's own reading slows down
#: sharply with depth).
MAX_BRACKET_DEPTH = 10


def _bracket_mistakes(masked: str, first_line: int) -> Iterator[Mistake]:
    """A '[' left open to the end of its paragraph, or nested too deep. Markdown reads ahead
    to the paragraph's end for every open bracket: a few thousand of them take minutes."""
    start = 0
    for paragraph in re.split(r"(\n[ \t]*\n)", masked):
        if "[" not in paragraph:
            start += len(paragraph)
            continue
        opened: list[int] = []
        too_deep: int | None = None
        for match in re.finditer(r"\\.|[\[\]]", paragraph):
            if match[0] == "[":
                opened.append(match.start())
                if len(opened) > MAX_BRACKET_DEPTH and too_deep is None:
                    too_deep = match.start()
            elif match[0] == "]" and opened:
                opened.pop()
        if too_deep is not None:
            line, column = position(masked, start + too_deep, first_line)
            yield Mistake(line, column, f"brackets [ ] nested more than {MAX_BRACKET_DEPTH} deep")
        elif opened:
            line, column = position(masked, start + opened[0], first_line)
            yield Mistake(
                line,
                column,
                "a '[' that is never closed: close it with ']', or write \\[ for a bracket"
                " shown as text",
            )
        start += len(paragraph)


def scan(text: str, first_line: int = 1) -> Scan:
    """Scan `text`, which starts on line `first_line` of its file."""
    if not any(mark in text for mark in "[#`~"):
        return Scan((), (), (), (), (), (), text)  # no citation, marker, link, heading or code
    masked = mask_code(text)
    citations: list[Citation] = []
    groups: list[CitationGroup] = []
    mistakes: list[Mistake] = []
    for group in CITATION_GROUP.finditer(masked):
        line, column = position(masked, group.start(), first_line)
        keys: list[str] = []
        for part in group.group(1).split(";"):
            item = part.strip()
            key = CITATION_KEY.fullmatch(item)
            if key:
                # One string for each id, however often it is cited.
                cited = sys.intern(key.group(1))
                keys.append(cited)
                citations.append(Citation(cited, line, column))
            else:
                reason = _citation_reason(item)
                mistakes.append(
                    Mistake(line, column, f"malformed citation {group.group(0)}: {reason}")
                )
        if keys:
            groups.append(CitationGroup(group.start(), group.end(), tuple(keys), line, column))
    markers: list[Marker] = []
    if "[[" in masked:
        for match in _MARKER_LINE.finditer(masked):
            line, _ = position(masked, match.start(), first_line)
            inner = match.group("inner").strip()
            parsed = _MARKER.fullmatch(inner)
            if parsed is None or parsed.group("kind") not in MARKER_KINDS:
                mistakes.append(
                    Mistake(
                        line,
                        None,
                        f"'[[{inner}]]' is not a marker: write "
                        + ", ".join(f"[[{kind}:id]]" for kind in MARKER_KINDS[:-1])
                        + f" or [[{MARKER_KINDS[-1]}:id]]",
                    )
                )
                continue
            markers.append(Marker(parsed["kind"], parsed["id"], line, match.start(), match.end()))
    if "[" in masked:
        mistakes.extend(_bracket_mistakes(masked, first_line))
    if "```" in text or "~~~" in text:
        fence = unclosed_fence(text)
        if fence is not None:
            mistakes.append(
                Mistake(
                    first_line + fence,
                    None,
                    "this code block is never closed: end it with a line of the same backticks"
                    " or tildes",
                )
            )
    for index, start in accidental_code_blocks(text) if "\n" in text else ():
        mistakes.append(
            Mistake(
                first_line + index,
                1,
                f"this line starts with {start}, so the site would show it as a grey box of"
                " code: remove the space at its start (text pasted from a word processor often"
                " brings a tab)",
            )
        )
    links = []
    for match in _LINK.finditer(masked):
        line, column = position(masked, match.start("target"), first_line)
        links.append(
            Link(
                text[match.start("target") : match.end("target")],
                text[match.start("title") : match.end("title")] if match["title"] else "",
                match.start(),
                match.end(),
                line,
                column,
            )
        )
    headings = []
    if "#" in masked:
        for match in _HEADING.finditer(masked):
            line, _ = position(masked, match.start(), first_line)
            heading_text = text[match.start("text") : match.end("text")]
            heading_text = heading_text.rstrip(" \t").rstrip("#").rstrip(" \t")
            if not heading_text:
                continue
            headings.append(
                Heading(
                    len(match["level"]),
                    heading_text,
                    _heading_anchor(heading_text),
                    line,
                    match.start(),
                )
            )
    return Scan(
        tuple(citations),
        tuple(groups),
        tuple(markers),
        tuple(links),
        tuple(headings),
        tuple(mistakes),
        masked,
    )
