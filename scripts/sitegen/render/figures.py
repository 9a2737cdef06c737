"""Evidence boxes, icon arrays and timelines, drawn from data as Markdown and inline SVG.

Every picture has a short accessible name and is followed by the same facts as text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape

from sitegen.content.schema import EvidenceClaim, IconArray, Timeline
from sitegen.content.text import MarkdownText
from sitegen.render.escaping import escape as md
from sitegen.render.escaping import html_line
from sitegen.render.inline import footnote_refs, start_of_gap

#: Renders a Markdown field of the data for the page (its citations become footnotes).
Inline = Callable[[MarkdownText], str]

CERTAINTY_MEANING = {
    "high": ("High", 4, "Further research is very unlikely to change this."),
    "moderate": ("Moderate", 3, "Further research may change this."),
    "low": ("Low", 2, "Further research is likely to change this."),
    "very low": ("Very low", 1, "We are very uncertain about this."),
}


#: Footnote references that already end a sentence, before its full stop.
_ENDING_REFS = re.compile(r"(?:\[\^([^\]\s]+)\]|<span class=\"cite-more\">|</span>)+$")


def cited(sentence: str, sources: list[str]) -> str:
    """The sentence with its footnote references before the final full stop; a source
    the sentence already cites at its end is not cited twice."""
    sentence = sentence.rstrip()
    stop = sentence[-1] if sentence[-1:] in ".!?" else "."
    base = f"{sentence.rstrip('.!?')} "
    base = base[: start_of_gap(base, len(base), 0)]
    ending = _ENDING_REFS.search(base)
    present = set(re.findall(r"\[\^([^\]\s]+)\]", ending.group(0))) if ending else set()
    return f"{base}{footnote_refs([key for key in sources if key not in present])}{stop}"


def _indent(lines: list[str]) -> str:
    return "\n".join(f"    {line}" if line else "" for line in lines)


def evidence_box(claim: EvidenceClaim, inline: Inline) -> str:
    label, level, meaning = CERTAINTY_MEANING[claim.certainty]
    lines = [
        f"**What the research shows:** {cited(inline(claim.claim), claim.sources)}",
        "",
        f"**How sure we are:** {label} certainty ({level} out of 4). {meaning}",
        "",
        f"**Based on:** {inline(claim.based_on)}",
        "",
        f"**Why:** {inline(claim.why)}",
    ]
    return f'!!! info evidence-box "How sure are we?"\n\n{_indent(lines)}\n'


_ICON_CELL = 22
_ICON_COLUMNS = 10


_PERSON = '<circle cx="11" cy="5.5" r="4"/><path d="M4 20v-4.5a5 5 0 0 1 5-5h4a5 5 0 0 1 5 5V20z"/>'


def _rows(first: int, last: int) -> str:
    """Rectangles that cover the cells first..last-1 of the 10-by-10 grid, row by row: at
    most three (a part row, whole rows, a part row)."""
    rects = []
    cell = first
    while cell < last:
        row, column = divmod(cell, _ICON_COLUMNS)
        count = min(_ICON_COLUMNS - column, last - cell)
        if column == 0 and last - cell >= _ICON_COLUMNS:
            count = (last - cell) // _ICON_COLUMNS * _ICON_COLUMNS
        rows = max(1, count // _ICON_COLUMNS)
        width = min(count, _ICON_COLUMNS) * _ICON_CELL
        rects.append(
            f'<rect x="{column * _ICON_CELL}" y="{row * _ICON_CELL}" width="{width}"'
            f' height="{rows * _ICON_CELL}"/>'
        )
        cell += count
    return "".join(rects)


def _icon_panel(count: int, label: str, symbol: str) -> str:
    """100 people in a 10-by-10 grid, the first `count` filled: drawn with two patterns
    (a filled and an outlined person) over a few rectangles, not 100 shapes."""
    size = _ICON_CELL * _ICON_COLUMNS
    name = html_line(f"{count} out of 100 people {label}")
    tile = f'width="{_ICON_CELL}" height="{_ICON_CELL}" patternUnits="userSpaceOnUse"'
    return (
        '<div class="icon-array__panel">'
        f'<svg viewBox="0 0 {size} {size}" role="img" aria-label="{name}" focusable="false">'
        f'<defs><pattern id="{symbol}-hit" {tile}><g class="icon-array__hit">{_PERSON}</g>'
        f'</pattern><pattern id="{symbol}-miss" {tile}><g class="icon-array__miss">{_PERSON}'
        "</g></pattern></defs>"
        f'<g fill="url(#{symbol}-hit)">{_rows(0, count)}</g>'
        f'<g fill="url(#{symbol}-miss)">{_rows(count, 100)}</g>'
        "</svg>"
        f'<p class="icon-array__label"><strong>{count} in 100</strong> {html_line(label)}</p>'
        "</div>"
    )


def icon_figure(key: str, title: str, groups: list[tuple[int, str]]) -> str:
    """Out of 100 people, how many had an outcome, side by side for each group: the HTML."""
    panels = "".join(
        _icon_panel(count, label, f"person-{key}-{index}")
        for index, (count, label) in enumerate(groups)
    )
    return "\n".join(
        [
            f'<figure class="icon-array" id="figure-{escape(key)}">',
            f'<figcaption class="icon-array__title">{html_line(title)}</figcaption>',
            f'<div class="icon-array__panels">{panels}</div>',
            "</figure>",
        ]
    )


def icon_array(key: str, figure: IconArray, inline: Inline) -> str:
    first, *others = figure.groups
    parts = [f"about {first.per_100} {md(figure.outcome)} {md(first.label)}"]
    parts += [f"about {group.per_100} {md(group.label)}" for group in others]
    joined = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + f", and {parts[-1]}"
    text = f"Out of 100 people like those in the study, {joined}."
    groups = [(group.per_100, group.label) for group in figure.groups]
    return "\n".join(
        [
            icon_figure(key, figure.title, groups),
            "",
            f"**In words:** {cited(text, figure.sources)}",
            "",
            f"**The study:** {inline(figure.study_size)}",
            "",
            f"**Its limits:** {inline(figure.limits)}",
            "",
        ]
    )


_AXIS_X = 96
_TOP = 24
_STEP = 30
_LABEL_X = 124


def timeline(key: str, figure: Timeline, inline: Inline) -> str:
    height = _TOP * 2 + figure.length * _STEP
    unit = figure.unit.rstrip("s")
    ticks = []
    tick_every = 2 if figure.length > 8 else 1
    value = 0.0
    while value <= figure.length:
        y = _TOP + value * _STEP
        ticks.append(
            f'<line class="timeline__tick" x1="{_AXIS_X - 6}" y1="{y:g}"'
            f' x2="{_AXIS_X + 6}" y2="{y:g}"/>'
            f'<text class="timeline__scale" x="{_AXIS_X - 12}" y="{y + 5:g}"'
            f' text-anchor="end">{unit.capitalize()} {value:g}</text>'
        )
        value += tick_every
    marks = []
    previous_label_y = -1000.0
    for event in figure.events:
        y_start = _TOP + event.start * _STEP
        if event.end is not None:
            y_end = _TOP + event.end * _STEP
            marks.append(
                f'<rect class="timeline__range" x="{_AXIS_X - 7}" y="{y_start:g}"'
                f' width="14" height="{y_end - y_start:g}" rx="7"/>'
            )
            anchor = (y_start + y_end) / 2
        else:
            marks.append(f'<circle class="timeline__point" cx="{_AXIS_X}" cy="{y_start:g}" r="8"/>')
            anchor = y_start
        label_y = max(anchor, previous_label_y + 44)
        previous_label_y = label_y
        marks.append(
            f'<text class="timeline__label" x="{_LABEL_X}" y="{label_y:g}">'
            f"{html_line(event.label)}</text>"
            f'<text class="timeline__when" x="{_LABEL_X}" y="{label_y + 20:g}">'
            f"{html_line(event.text)}</text>"
        )
        height = max(height, label_y + 40)
    name = html_line(f"{figure.title}: a timeline, described in the list below it")
    svg = (
        f'<svg viewBox="0 0 440 {height:g}" role="img" aria-label="{name}" focusable="false">'
        f'<line class="timeline__axis" x1="{_AXIS_X}" y1="{_TOP}" x2="{_AXIS_X}"'
        f' y2="{_TOP + figure.length * _STEP:g}"/>' + "".join(ticks) + "".join(marks) + "</svg>"
    )
    items = [f"- **{md(event.label)}:** {md(event.text)}." for event in figure.events]
    if figure.note:
        ending = cited(inline(figure.note), figure.sources)
    else:
        items[-1] = (
            f"- **{md(figure.events[-1].label)}:**"
            f" {cited(md(figure.events[-1].text), figure.sources)}"
        )
        ending = ""
    return "\n".join(
        [
            f'<figure class="timeline" id="figure-{escape(key)}">',
            f'<figcaption class="timeline__title">{html_line(figure.title)}</figcaption>',
            svg,
            "</figure>",
            "",
            *items,
            "",
            ending,
            "",
        ]
    )
