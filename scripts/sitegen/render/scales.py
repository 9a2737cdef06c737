"""Pain on a 0-100 scale, drawn: the average with an option and with its comparator, or the
difference between them beside the change people notice. The same facts follow in words."""

from __future__ import annotations

import textwrap
from html import escape

from sitegen.render.escaping import html_line

_WIDTH = 440
_LEFT = 8
_SCALE = 4.0  # pixels for each point of the 0-100 scale
_BAR = 26
#: Characters of a label on one line: longer labels wrap, so none is cut off at the edge.
_LABEL_CHARACTERS = 42
_LINE = 20


def _label_lines(label: str) -> list[str]:
    return textwrap.wrap(label, _LABEL_CHARACTERS) or [""]


def _bar(y: int, value: float, label: str, kind: str) -> str:
    """A bar whose top is at `y`, with its label in lines above it."""
    width = max(value * _SCALE, 2)
    lines = _label_lines(label)
    top = y - 6 - _LINE * (len(lines) - 1)
    spans = "".join(
        f'<tspan x="{_LEFT}" y="{top + index * _LINE}">{html_line(line)}</tspan>'
        for index, line in enumerate(lines)
    )
    return (
        f'<rect class="pain-scale__{kind}" x="{_LEFT}" y="{y}" width="{width:g}"'
        f' height="{_BAR}" rx="4"/>'
        f'<text class="pain-scale__label">{spans}</text>'
    )


def _rows(labels: list[str]) -> tuple[list[int], int]:
    """The top of each bar, and the height they take, for labels of any length."""
    tops, y = [], 0
    for label in labels:
        y += 28 + _LINE * (len(_label_lines(label)) - 1)
        tops.append(y)
        y += _BAR + 2
    return tops, y + 2


def _ruler(y: int) -> str:
    ticks = "".join(
        f'<line class="pain-scale__tick" x1="{_LEFT + v * _SCALE:g}" y1="{y}"'
        f' x2="{_LEFT + v * _SCALE:g}" y2="{y + 6}"/>'
        f'<text class="pain-scale__scale" x="{_LEFT + v * _SCALE:g}" y="{y + 20}"'
        f' text-anchor="middle">{v}</text>'
        for v in range(0, 101, 20)
    )
    return (
        f'<line class="pain-scale__axis" x1="{_LEFT}" y1="{y}" x2="{_LEFT + 100 * _SCALE:g}"'
        f' y2="{y}"/>{ticks}'
    )


def _svg(height: int, name: str, body: str) -> str:
    return (
        f'<svg viewBox="0 0 {_WIDTH} {height}" role="img" aria-label="{html_line(name)}"'
        f' focusable="false">{body}</svg>'
    )


def pain_scores(key: str, title: str, bars: list[tuple[float, str]]) -> str:
    """Average pain (0 = none, 100 = worst) for each (score, label), as bars on one scale."""
    labels = [f"{label}: average pain about {round(score)}" for score, label in bars]
    tops, height = _rows(labels)
    body = "".join(
        _bar(top, score, text, "bar")
        for top, (score, _), text in zip(tops, bars, labels, strict=True)
    )
    name = f"{title}: " + "; ".join(f"{label}, about {round(s)} out of 100" for s, label in bars)
    title = f"{title} (pain from 0, none, to 100, the worst: lower is better)"
    return _figure(key, title, _svg(height + 30, name, body + _ruler(height)))


def pain_difference(key: str, title: str, difference: float, noticeable: float | None) -> str:
    """How many points less (or more) pain, beside the change people notice."""
    points = abs(difference)
    labels = [f"Difference: about {round(points)} points"]
    if noticeable is not None:
        labels.append(f"A change people notice: {round(noticeable)} points")
    tops, height = _rows(labels)
    body = _bar(tops[0], points, labels[0], "bar")
    name = f"{title}: a difference of about {round(points)} points on a 0 to 100 scale"
    if noticeable is not None:
        body += _bar(tops[1], noticeable, labels[1], "notice")
        name += f"; a change people notice is about {round(noticeable)} points"
    return _figure(key, title, _svg(height + 30, name, body + _ruler(height)))


def _figure(key: str, title: str, svg: str) -> str:
    return "\n".join(
        [
            f'<figure class="pain-scale" id="figure-{escape(key)}">',
            f'<figcaption class="pain-scale__title">{html_line(title)}</figcaption>',
            svg,
            "</figure>",
        ]
    )
