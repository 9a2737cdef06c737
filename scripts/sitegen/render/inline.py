"""Rewriting a piece of Markdown at the places its scan found, in one pass.

- A citation `[@a; @b]` (with the spaces before it) becomes footnote references `[^a][^b]`.
- A marker line becomes the box or picture drawn from its data.
- A link to a content page (`overview.md#x`) points at the generated file (`index.md#x`).
- A link to another site gets rel="noopener noreferrer".
- A checklist item `- [ ] text` gets a box to tick on paper.

Code is left alone: the scan masked it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from sitegen.content.markdown import Marker, Scan
from sitegen.content.text import MarkdownText
from sitegen.render.references import EXTERNAL_LINK_ATTRIBUTES

_CHECKLIST_ITEM = re.compile(r"^([ \t]*[-*+][ \t]+)\[ \][ \t]+", re.M)
CHECKBOX = '<span class="checkbox" aria-hidden="true"></span>'

Edit = tuple[int, int, str]


#: The second and later references of a run: hidden from the first paint, so that the
#: page does not move when cites.js shows the run as one marker, [1-3].
CITE_MORE = '<span class="cite-more">'


def footnote_refs(keys: tuple[str, ...] | list[str]) -> str:
    refs = [f"[^{key}]" for key in keys]
    if len(refs) < 2:
        return "".join(refs)
    return f"{refs[0]}{CITE_MORE}{''.join(refs[1:])}</span>"


def start_of_gap(text: str, start: int, limit: int) -> int:
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


def _link_edits(text: str, scan: Scan, outputs: Mapping[str, str]) -> list[Edit]:
    edits: list[Edit] = []
    for link in scan.links:
        page_link = link.page_target()
        if page_link and page_link[0] in outputs:
            name, anchor = page_link
            target = outputs[name] + (f"#{anchor}" if anchor else "")
            edits.append((link.start, link.end, f"]({target}{link.title})"))
        elif link.is_external and not text.startswith("{", link.end):
            edits.append((link.end, link.end, EXTERNAL_LINK_ATTRIBUTES))
    return edits


def render_markdown(
    text: MarkdownText,
    outputs: Mapping[str, str],
    draw: Callable[[Marker], str] | None = None,
    checklists: bool = False,
) -> str:
    """`text` rewritten for docs/: see the module's description.

    `outputs` gives each page's file in docs/ by its name; `draw` draws a marker (None:
    markers are left as they are); `checklists` turns `- [ ]` items into boxes.
    """
    scan = text.scan
    edits: list[Edit] = _link_edits(text, scan, outputs)
    if draw is not None:
        edits += [(marker.start, marker.end, draw(marker).strip("\n")) for marker in scan.markers]
    if checklists and "[ ]" in scan.masked:
        edits += [
            (match.start(), match.end(), text[match.start(1) : match.end(1)] + CHECKBOX)
            for match in _CHECKLIST_ITEM.finditer(scan.masked)
        ]
    groups = {group.start: group for group in scan.groups}
    edits += [(group.start, group.end, footnote_refs(group.keys)) for group in scan.groups]
    edits.sort(key=lambda edit: (edit[0], edit[1]))
    pieces: list[str] = []
    last = 0
    for start, end, replacement in edits:
        if start < last:
            continue  # inside an earlier edit
        if start in groups and end == groups[start].end:
            start = start_of_gap(text, start, last)
        pieces.append(text[last:start])
        pieces.append(replacement)
        last = end
    pieces.append(text[last:])
    return "".join(pieces)
