"""What YAML's parser says of a mistake, in plain words where the mistake is a common one,
with the parser's own words after them."""

from __future__ import annotations

import re

import yaml

#: The parser's words for the mistakes people make most, and what to do, in plain words.
_PLAIN = (
    (
        ("'\\t'", "tab"),
        "a tab: YAML does not allow tabs for indentation, so use spaces (2 for each level)",
    ),
    (
        ("mapping values are not allowed here",),
        "a colon and a space inside a value: put the whole value in double quotes, as in"
        ' title: "Botox: what to know"',
    ),
    (
        ("could not find expected ':'",),
        "a line that is neither 'key: value' nor a list item: give a key a colon and a space"
        " after it, start a list item with '- ', and indent a long text under its key",
    ),
    (
        ("did not find expected '-' indicator", "but found '-'"),
        "a list item out of line: every '- ' of one list must start in the same column",
    ),
    (
        ("expected <block end>", "did not find expected key"),
        "the indentation does not line up: keys at the same level must start in the same"
        " column (use spaces, 2 for each level)",
    ),
    (
        ("while scanning a quoted scalar", "found unexpected end of stream"),
        'a quote that is never closed: every value that starts with " must end with "',
    ),
)


_KEY_LINE = re.compile(r"( *)[A-Za-z_][\w-]*:(?: |$)")
_INDENTED_KEY = (
    "this line is indented more than the line above, so it reads as part of that line's"
    " value: start it in the same column as the keys above it (if the colon belongs in the"
    ' text, put the whole value in double quotes, as in title: "Botox: what to know")'
)


def _indented_key(source: str, line: int) -> bool:
    """Whether line `line` (0-based) of `source` is a 'key:' indented past the line above."""
    lines = source.split("\n")
    above = next(
        (lines[i] for i in range(min(line, len(lines)) - 1, -1, -1) if lines[i].strip()), ""
    )
    here = _KEY_LINE.match(lines[line]) if line < len(lines) else None
    return here is not None and len(here.group(1)) > len(above) - len(above.lstrip(" "))


def describe_yaml_error(exc: yaml.MarkedYAMLError, source: str | None = None) -> str:
    """What the parser says, in plain words where they are known, with its own words after.
    With the `source` text, a key indented too far is told apart from a colon in a value."""
    parts = [p for p in (exc.context, exc.problem) if p]
    text = "; ".join(parts) if parts else "could not read this YAML"
    mark = exc.problem_mark
    if (
        "mapping values are not allowed" in text
        and source
        and mark
        and _indented_key(source, mark.line)
    ):
        return f"this YAML cannot be read here: {_INDENTED_KEY} (the parser said: {text})"
    for clues, plain in _PLAIN:
        if any(clue in text for clue in clues):
            return f"this YAML cannot be read here: {plain} (the parser said: {text})"
    return f"this YAML cannot be read here (the parser said: {text})"
