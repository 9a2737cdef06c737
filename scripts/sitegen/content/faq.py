"""The FAQ page's structure: every `## ` heading is a question, the text under it its answer."""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from sitegen.content.text import PageBody


@dataclass(frozen=True)
class FaqEntry:
    question: str
    answer: str
    line: int
    #: Whether the answer cites at least one source.
    cites: bool


def split_faq(body: PageBody) -> tuple[str, list[FaqEntry]]:
    """The text before the first question, and each question with its answer."""
    scan = body.scan
    questions = [heading for heading in scan.headings if heading.level == 2]
    if not questions:
        return str(body), []
    entries = []
    group_starts = [group.start for group in scan.groups]
    for index, heading in enumerate(questions):
        end = questions[index + 1].start if index + 1 < len(questions) else len(body)
        heading_end = body.find("\n", heading.start)
        heading_end = len(body) if heading_end == -1 else heading_end
        answer = body[heading_end:end].strip()
        first_group = bisect.bisect_left(group_starts, heading_end)
        cites = first_group < len(group_starts) and group_starts[first_group] < end
        entries.append(FaqEntry(heading.text, answer, heading.line, cites))
    return str(body[: questions[0].start]), entries
