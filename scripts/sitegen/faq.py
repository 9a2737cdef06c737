"""The FAQ page's structure: every `## ` heading is a question, the text under it its answer."""

from __future__ import annotations

import re

from sitegen.citations import mask_code
from sitegen.model import FaqEntry
from sitegen.problems import position

_QUESTION = re.compile(r"^##[ \t]+(.+?)[ \t]*#*[ \t]*$", re.M)


def split_faq(body: str, first_line: int) -> tuple[str, list[FaqEntry]]:
    """The text before the first question, and each question with its answer."""
    masked = mask_code(body)
    headings = list(_QUESTION.finditer(masked))
    if not headings:
        return body, []
    intro = body[: headings[0].start()]
    entries = []
    for index, heading in enumerate(headings):
        end = headings[index + 1].start() if index + 1 < len(headings) else len(body)
        line, _ = position(body, heading.start(), first_line)
        question = body[heading.start(1) : heading.end(1)]
        answer = body[heading.end() : end].strip()
        entries.append(FaqEntry(question, answer, line))
    return intro, entries
