"""`[[kind:id]]` lines in pages: evidence boxes, icon arrays and timelines from data files."""

from __future__ import annotations

import re
from collections.abc import Callable

from sitegen.citations import mask_code
from sitegen.model import Content, Marker
from sitegen.problems import position

MARKER_KINDS = ("evidence", "icon-array", "timeline")
_MARKER_LINE = re.compile(r"^[ \t]*\[\[(?P<inner>[^\]\n]*)\]\][ \t]*$", re.M)
_MARKER = re.compile(r"(?P<kind>[a-z-]+):(?P<id>[a-z0-9][a-z0-9-]*)")


def find_markers(body: str, first_line: int) -> tuple[list[Marker], list[tuple[int, str]]]:
    """Markers in `body`, and (line, message) for each one written wrongly."""
    masked = mask_code(body)
    markers: list[Marker] = []
    mistakes: list[tuple[int, str]] = []
    for match in _MARKER_LINE.finditer(masked):
        line, _ = position(masked, match.start(), first_line)
        inner = match.group("inner").strip()
        parsed = _MARKER.fullmatch(inner)
        if parsed is None or parsed.group("kind") not in MARKER_KINDS:
            mistakes.append(
                (
                    line,
                    f"'[[{inner}]]' is not a marker: write [[evidence:id]],"
                    " [[icon-array:id]] or [[timeline:id]]",
                )
            )
            continue
        markers.append(Marker(parsed.group("kind"), parsed.group("id"), line))
    return markers, mistakes


def marker_targets(content: Content) -> dict[str, dict[str, list[str]]]:
    """For each marker kind, its known ids and the sources each one cites."""
    return {
        "evidence": {key: item.sources for key, item in content.evidence.items()},
        "icon-array": {key: item.sources for key, item in content.figures.icon_arrays.items()},
        "timeline": {key: item.sources for key, item in content.figures.timelines.items()},
    }


def expand_markers(body: str, render: Callable[[str, str], str]) -> str:
    """Replace each marker line with render(kind, id); code is left alone."""
    masked = mask_code(body)
    pieces: list[str] = []
    last = 0
    for match in _MARKER_LINE.finditer(masked):
        parsed = _MARKER.fullmatch(match.group("inner").strip())
        if parsed is None:
            continue
        pieces.append(body[last : match.start()])
        pieces.append(render(parsed.group("kind"), parsed.group("id")).strip("\n"))
        last = match.end()
    pieces.append(body[last:])
    return "".join(pieces)
