"""Reading YAML so that every value keeps the line it came from.

Dates stay text (the models check them), duplicate keys are mistakes, and every
syntax error carries a line and column.

Parsing uses libyaml (PyYAML's C parser, about 15 times faster) when PyYAML has it. Any
file libyaml finds a problem in is parsed again by PyYAML's Python parser, so every
message, line and column is the Python parser's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

KeyPath = tuple[str | int, ...]


class _TextDatesLoader(yaml.SafeLoader):
    """A safe loader that leaves dates as the text the person wrote."""


_TextDatesLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

_FastLoader: type[yaml.CSafeLoader] | None = None
if yaml.__with_libyaml__:

    class _CTextDatesLoader(yaml.CSafeLoader):
        """The same loader on libyaml."""

    _CTextDatesLoader.yaml_implicit_resolvers = _TextDatesLoader.yaml_implicit_resolvers
    _FastLoader = _CTextDatesLoader


class YamlError(Exception):
    """A YAML mistake, with the 1-based line and column where it was found."""

    def __init__(self, message: str, line: int, column: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


@dataclass
class YamlDocument:
    """Parsed YAML data and the line of every key and item in it."""

    data: Any
    lines: dict[KeyPath, int] = field(default_factory=dict)
    first_line: int = 1

    def line_of(self, path: KeyPath) -> int:
        """The line of `path`, or of its nearest parent that has one."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.first_line


def _describe(exc: yaml.MarkedYAMLError) -> str:
    parts = [p for p in (exc.context, exc.problem) if p]
    text = "; ".join(parts) if parts else "could not read this YAML"
    if "\\t" in text or "'\\t'" in text or "tab" in text:
        text += " (YAML does not allow tabs for indentation: use spaces)"
    return f"invalid YAML: {text}"


def _walk(node: Node, path: KeyPath, lines: dict[KeyPath, int], offset: int) -> None:
    if isinstance(node, MappingNode):
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value) if isinstance(key_node, ScalarNode) else "?"
            line = key_node.start_mark.line + 1 + offset
            if key in seen:
                raise YamlError(
                    f"duplicate key '{key}' (first given on line {seen[key]})",
                    line,
                    key_node.start_mark.column + 1,
                )
            seen[key] = line
            lines[(*path, key)] = line
            _walk(value_node, (*path, key), lines, offset)
    elif isinstance(node, SequenceNode):
        for index, item in enumerate(node.value):
            lines[(*path, index)] = item.start_mark.line + 1 + offset
            _walk(item, (*path, index), lines, offset)


def _parse_fast(text: str, first_line: int) -> YamlDocument | None:
    """`text` parsed by libyaml, or None when libyaml is missing or finds any problem.

    Text with characters the Python parser refuses, or with tabs (which it refuses in
    places where libyaml takes them), is left to the Python parser.
    """
    if _FastLoader is None or "\t" in text or yaml.reader.Reader.NON_PRINTABLE.search(text):
        return None
    loader = _FastLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return YamlDocument(None, {}, first_line)
        lines: dict[KeyPath, int] = {}
        _walk(node, (), lines, first_line - 1)
        return YamlDocument(loader.construct_document(node), lines, first_line)
    except (yaml.YAMLError, YamlError):
        return None
    finally:
        loader.dispose()


def parse_yaml(text: str, first_line: int = 1) -> YamlDocument:
    """Parse `text`, which starts on line `first_line` of its file.

    Raises YamlError for syntax errors, duplicate keys and anchors/tags we do not use.
    """
    fast = _parse_fast(text, first_line)
    if fast is not None:
        return fast
    offset = first_line - 1
    try:
        loader = _TextDatesLoader(text)
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + first_line
        raise YamlError(
            f"invalid YAML: the character {exc.character!r} is not allowed here", line
        ) from None
    try:
        node = loader.get_single_node()
        if node is None:
            return YamlDocument(None, {}, first_line)
        lines: dict[KeyPath, int] = {}
        _walk(node, (), lines, offset)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + 1 + offset) if mark else first_line
        column = (mark.column + 1) if mark else None
        raise YamlError(_describe(exc), line, column) from None
    except yaml.YAMLError as exc:
        raise YamlError(f"invalid YAML: {exc}", first_line) from None
    finally:
        loader.dispose()
    return YamlDocument(data, lines, first_line)
