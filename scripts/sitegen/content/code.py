"""Code in Markdown (fenced blocks and `code spans`), blanked out so that nothing inside it
is read as a citation, a link or a marker. Offsets and line breaks are kept.

Both passes run in time linear in the text: fences line by line, code spans by pairing each
run of backticks with the next run of the same length, as CommonMark does.
"""

from __future__ import annotations

import re

_FENCE_LINE = re.compile(r"^( {0,3})(`{3,}|~{3,})(.*)$")
_BACKTICKS = re.compile(r"`+")


def _blank(text: str) -> str:
    return "".join("\n" if char == "\n" else " " for char in text)


def unclosed_fence(text: str) -> int | None:
    """The number (from 0) of the line that opens a fenced code block never closed: it
    would run to the end of the page, over everything the generator adds after the text."""
    return _fences(text)[1]


def _mask_fences(text: str) -> str:
    """Fenced code blocks blanked out, line by line (an unclosed fence runs to the end)."""
    return _fences(text)[0]


def _fences(text: str) -> tuple[str, int | None]:
    lines = text.split("\n")
    fence: str | None = None
    opened = 0
    for index, line in enumerate(lines):
        match = _FENCE_LINE.match(line)
        if fence is None:
            if match and not (match[2][0] == "`" and "`" in match[3]):
                fence = match[2]
                opened = index
                lines[index] = _blank(line)
            continue
        lines[index] = _blank(line)
        if (
            match
            and match[2][0] == fence[0]
            and len(match[2]) >= len(fence)
            and not match[3].strip()
        ):
            fence = None
    return "\n".join(lines), (opened if fence is not None else None)


def _mask_code_spans(text: str) -> str:
    """Code spans blanked out: a run of backticks up to the next run of the same length."""
    runs = [(match.start(), match.end()) for match in _BACKTICKS.finditer(text)]
    by_length: dict[int, list[int]] = {}
    for number, (start, end) in enumerate(runs):
        by_length.setdefault(end - start, []).append(number)
    taken = [False] * len(runs)
    following = {length: 0 for length in by_length}
    pieces: list[str] = []
    last = 0
    for number, (start, end) in enumerate(runs):
        if taken[number] or start < last:
            continue
        same = by_length[end - start]
        position_in_same = following[end - start]
        while position_in_same < len(same) and same[position_in_same] <= number:
            position_in_same += 1
        following[end - start] = position_in_same
        if position_in_same == len(same):
            continue  # never closed: the backticks are text
        closing = same[position_in_same]
        taken[closing] = True
        close_end = runs[closing][1]
        pieces.append(text[last:start])
        pieces.append(_blank(text[start:close_end]))
        last = close_end
    pieces.append(text[last:])
    return "".join(pieces)


def mask_code(text: str) -> str:
    """`text` with code blocks and code spans blanked out, keeping every offset."""
    if "`" not in text and "~~~" not in text:
        return text
    return _mask_code_spans(_mask_fences(text))


_LIST_ITEM = re.compile(r"^ {0,3}([-*+]|\d{1,9}[.)])( |\t|$)")
_BLOCK_OPENER = re.compile(r"^ {0,3}(!!!|\?\?\?\+?|:::)")
_INDENTED = re.compile(r"^( {4,}|\t)")


def accidental_code_blocks(text: str) -> list[tuple[int, str]]:
    """Lines that Markdown would show as a grey box of code because they start with a tab or
    four spaces after a blank line, outside a list or a box: (line number from 0, what they
    start with). Text pasted from a word processor often starts a paragraph with a tab.
    Fenced code is never one (see _fences)."""
    found = []
    lines = _mask_fences(text).split("\n")
    container = False  # inside a list item or a box, where indented lines belong to it
    previous_blank = True
    for index, line in enumerate(lines):
        if not line.strip():
            previous_blank = True
            continue
        if _LIST_ITEM.match(line) or _BLOCK_OPENER.match(line):
            container = True
        elif _INDENTED.match(line):
            if previous_blank and not container:
                found.append((index, "a tab" if line.startswith("\t") else "four spaces"))
        elif previous_blank:
            container = False  # a paragraph at the left margin ends any list or box
        previous_blank = False
    return found
