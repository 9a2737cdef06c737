"""Pandoc-style citations in Markdown: `[@foster-2001]`, `[@waseem-2011; @langevin-2011]`.

Citations inside code spans and fenced code blocks are text, not citations.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from dataclasses import dataclass

from sitegen.model import Citation
from sitegen.problems import position

CITATION_GROUP = re.compile(r"\[(@[^\]\[]{0,300})\]")
#: One cited id inside a citation group: `@foster-2001`.
CITATION_KEY = re.compile(r"@([a-z0-9][a-z0-9-]*)")
_FENCE = re.compile(r"^( {0,3})(`{3,}|~{3,})[^\n]*\n.*?(?:^\1?\2[ \t]*$|\Z)", re.M | re.S)
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.S)


@dataclass(frozen=True)
class MalformedCitation:
    text: str
    line: int
    column: int
    reason: str


def mask_code(text: str) -> str:
    """`text` with code blocks and code spans blanked out, keeping every offset."""
    if "`" not in text and "~~~" not in text:
        return text

    def blank(match: re.Match[str]) -> str:
        return re.sub(r"[^\n]", " ", match.group(0))

    return _CODE_SPAN.sub(blank, _FENCE.sub(blank, text))


def find_citations(
    text: str, first_line: int = 1
) -> tuple[list[Citation], list[MalformedCitation]]:
    """Every citation in `text` (which starts on line `first_line` of its file)."""
    masked = mask_code(text)
    found: list[Citation] = []
    malformed: list[MalformedCitation] = []
    for group in CITATION_GROUP.finditer(masked):
        line, column = position(masked, group.start(), first_line)
        parts = group.group(1).split(";")
        for part in parts:
            item = part.strip()
            key = CITATION_KEY.fullmatch(item)
            if key:
                # Interned: a large site cites the same few thousand ids many times over.
                found.append(Citation(sys.intern(key.group(1)), line, column))
                continue
            if not item.strip("@ "):
                reason = "an empty citation: write the source's id after @, as in [@foster-2001]"
            elif item.startswith("@ "):
                reason = "a space after @: write [@id] with no space, as in [@foster-2001]"
            elif not item.startswith("@"):
                reason = "each source in a citation starts with @ and they are separated by ;"
            else:
                reason = (
                    "a source id uses only lowercase letters, digits and hyphens,"
                    " as in [@foster-2001]"
                )
            malformed.append(MalformedCitation(group.group(0), line, column, reason))
    return found, malformed


def _start_of_gap(text: str, start: int, limit: int) -> int:
    """Where the spaces (and a single line break) before a citation begin.

    "less sure\n[@a]" renders as "less sure[1]", as Pandoc does for note citations.
    """
    while start > limit and text[start - 1] in " \t":
        start -= 1
    if start > limit + 1 and text[start - 1] == "\n" and text[start - 2] != "\n":
        line_start = text.rfind("\n", 0, start - 1) + 1
        if not text.startswith("#", line_start):
            start -= 1
            while start > limit and text[start - 1] in " \t":
                start -= 1
    return start


def replace_citations(text: str, render: Callable[[list[str]], str]) -> str:
    """Replace each well-formed citation group (and the spaces before it) with render(keys).

    Code is left alone.
    """
    masked = mask_code(text)
    pieces: list[str] = []
    last = 0
    for group in CITATION_GROUP.finditer(masked):
        keys = [m.group(1) for m in CITATION_KEY.finditer(group.group(1))]
        if not keys:
            continue
        start = _start_of_gap(text, group.start(), last)
        pieces.append(text[last:start])
        pieces.append(render(keys))
        last = group.end()
    pieces.append(text[last:])
    return "".join(pieces)
