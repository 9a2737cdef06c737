"""Content that could run code or load things in a visitor's browser is refused.

Pages are Markdown: raw HTML that scripts, embeds or styles the page, event-handler
attributes, and javascript: or data: links have no place in them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from sitegen.citations import mask_code
from sitegen.problems import position

#: Each pattern, the message for its matches, and text that every match contains (in
#: case-folded form): a page without that text is not searched with the pattern.
_UNSAFE = (
    (
        re.compile(r"<\s*(script|iframe|object|embed|style|link|meta|base|form)\b", re.I),
        "raw <{0}> is not allowed in content: pages are Markdown only",
        "<",
    ),
    (
        re.compile(r"<[^>\n]*\s(on[a-z]+)\s*=", re.I),
        "event-handler attributes such as {0}= are not allowed in content",
        "<",
    ),
    (
        re.compile(r"(javascript|vbscript)\s*:", re.I),
        "{0}: links are not allowed in content",
        "script",
    ),
    (
        re.compile(r"(?:\]\(|<|\b(?:src|href)\s*=\s*[\"']?)\s*(data)\s*:", re.I),
        "data: links are not allowed in content: link to a file or web page instead",
        "data",
    ),
)


def unsafe_content(text: str, first_line: int) -> Iterator[tuple[int, int, str]]:
    """(line, column, message) for each unsafe construct outside code."""
    masked = mask_code(text)
    folded = masked.casefold()
    for pattern, message, needle in _UNSAFE:
        if needle not in folded:
            continue
        for match in pattern.finditer(masked):
            offset = match.start(1)
            line, column = position(masked, offset, first_line)
            yield line, column, message.format(match.group(1).lower())
