"""Pain on a 0-100 scale, drawn: the average with an option and with its comparator, or the
difference between them beside the change people notice. The same facts follow in words."""

from __future__ import annotations

from html import escape

_WIDTH = 440
_LEFT = 8
_SCALE = 4.0  # pixels for each point of the 0-100 scale
_BAR = 26


def _bar(y: int, value: float, label: str, kind: str) -> str:
    width = max(value * _SCALE, 2)
    return (
        f'<rect class="pain-scale__{kind}" x="{_LEFT}" y="{y}" width="{width:g}"'
        f' height="{_BAR}" rx="4"/>'
        f'<text class="pain-scale__label" x="{_LEFT}" y="{y - 6}">{escape(label)}</text>'
    )


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
        f'<svg viewBox="0 0 {_WIDTH} {height}" role="img" aria-label="{escape(name)}"'
        f' focusable="false">{body}</svg>'
    )


def pain_scores(key: str, title: str, bars: list[tuple[float, str]]) -> str:
    """Average pain (0 = none, 100 = worst) for each (score, label), as bars on one scale."""
    body = "".join(
        _bar(28 + index * 56, score, f"{label}: about {round(score)} out of 100", "bar")
        for index, (score, label) in enumerate(bars)
    )
    height = 28 + len(bars) * 56
    name = f"{title}: " + "; ".join(f"{label}, about {round(s)} out of 100" for s, label in bars)
    return _figure(key, title, _svg(height + 30, name, body + _ruler(height)))


def pain_difference(key: str, title: str, difference: float, noticeable: float | None) -> str:
    """How many points less (or more) pain, beside the change people notice."""
    points = abs(difference)
    body = _bar(28, points, f"Difference: about {round(points)} points", "bar")
    name = f"{title}: a difference of about {round(points)} points on a 0 to 100 scale"
    rows = 1
    if noticeable is not None:
        body += _bar(
            84, noticeable, f"A change people notice: {round(noticeable)} points", "notice"
        )
        name += f"; a change people notice is about {round(noticeable)} points"
        rows = 2
    height = 28 + rows * 56
    return _figure(key, title, _svg(height + 30, name, body + _ruler(height)))


def _figure(key: str, title: str, svg: str) -> str:
    return "\n".join(
        [
            f'<figure class="pain-scale" id="figure-{escape(key)}">',
            f'<figcaption class="pain-scale__title">{escape(title)}</figcaption>',
            svg,
            "</figure>",
        ]
    )
