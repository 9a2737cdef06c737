"""Reading YAML so that every value keeps the line it came from.

Every scalar stays the text the person wrote, apart from empty values and `null`: the
data models turn text into dates, numbers and yes/no where a field wants one, so YAML 1.1's
silent conversions (`011376175` read as an octal number, `1:30` as 90, `no` as false) never
happen. Duplicate keys are mistakes; aliases (`*name`), tags (`!!binary`) and nesting deeper
than MAX_DEPTH are refused; and every syntax error carries a line and column.

Parsing uses libyaml (PyYAML's C parser, about 15 times faster) when PyYAML has it. Any
file libyaml finds a problem in is parsed again by PyYAML's Python parser, so every
message, line and column is the Python parser's.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

KeyPath = tuple[str | int, ...]

_NULL = "tag:yaml.org,2002:null"
#: Key paths are alike across files of one kind ("title", ("author", 0)...): one tuple each,
#: shared by every file's line map, keeps a site of thousands of sources small.
_KEY_PATHS: dict[KeyPath, KeyPath] = {}
#: The only types a content file holds: text, lists, fields, and empty values.
_PLAIN_TAGS = frozenset(f"tag:yaml.org,2002:{name}" for name in ("str", "seq", "map", "null"))
#: Deeper nesting than any content needs; the parser's own limit is far higher and ends
#: in a crash, so deeper files are refused before they are parsed.
MAX_DEPTH = 40


class _TextLoader(yaml.SafeLoader):
    """A safe loader whose scalars are all text, except null."""


_TextLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag == _NULL]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

_FastLoader: type[yaml.CSafeLoader] | None = None
if yaml.__with_libyaml__:

    class _CTextLoader(yaml.CSafeLoader):
        """The same loader on libyaml."""

    _CTextLoader.yaml_implicit_resolvers = _TextLoader.yaml_implicit_resolvers
    _FastLoader = _CTextLoader


class YamlError(Exception):
    """A YAML mistake, with the 1-based line and column where it was found."""

    def __init__(self, message: str, line: int, column: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


@dataclass(frozen=True, slots=True)
class LineMap:
    """The line of every key and list item of a YAML document, by its path of keys.

    Files of one kind mostly have the same keys in the same order (a shape): the index from
    key path to position is shared by every file of a shape, and each file keeps only its
    line numbers, so that thousands of small files keep their lines in little memory.
    """

    index: Mapping[KeyPath, int]
    numbers: array[int]
    first_line: int = 1

    @classmethod
    def of(cls, lines: dict[KeyPath, int], first_line: int = 1) -> LineMap:
        keys = tuple(lines)
        index = _SHAPES.get(keys)
        if index is None:
            index = _SHAPES[keys] = MappingProxyType({key: i for i, key in enumerate(keys)})
        return cls(index, array("I", lines.values()), first_line)

    @property
    def lines(self) -> Mapping[KeyPath, int]:
        """Every key path and its line."""
        return {key: self.numbers[i] for key, i in self.index.items()}

    def line_of(self, path: KeyPath) -> int:
        """The line of `path`, or of its nearest parent that has one."""
        while path:
            position = self.index.get(path)
            if position is not None:
                return self.numbers[position]
            path = path[:-1]
        return self.first_line


#: The index of each shape of document met so far (see LineMap).
_SHAPES: dict[tuple[KeyPath, ...], Mapping[KeyPath, int]] = {}


@dataclass(frozen=True, slots=True)
class YamlDocument:
    """Parsed YAML data and the line of every key and item in it."""

    data: Any
    lines: LineMap


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


def _walk(node: Node, offset: int) -> dict[KeyPath, int]:
    """The line of every key and item under `node`; raises YamlError for a duplicate key or
    an alias (a node met twice), before anything is built from the nodes."""
    lines: dict[KeyPath, int] = {}
    seen_nodes: set[int] = set()
    stack: list[tuple[Node, KeyPath]] = [(node, ())]
    while stack:
        current, path = stack.pop()
        if current.tag not in _PLAIN_TAGS:
            raise YamlError(
                f"the tag {current.tag.replace('tag:yaml.org,2002:', '!!')} is not used in"
                " content: write the value as plain text, without a tag",
                current.start_mark.line + 1 + offset,
                current.start_mark.column + 1,
            )
        if isinstance(current, MappingNode | SequenceNode):
            if id(current) in seen_nodes:
                raise YamlError(
                    "an alias (*name) repeats another part of the file: write the value out"
                    " in full instead",
                    lines.get(path, offset + 1),
                )
            seen_nodes.add(id(current))
        children: list[tuple[Node, KeyPath]] = []
        if isinstance(current, MappingNode):
            keys: dict[str, int] = {}
            for key_node, value_node in current.value:
                key = str(key_node.value) if isinstance(key_node, ScalarNode) else "?"
                line = key_node.start_mark.line + 1 + offset
                if key in keys:
                    raise YamlError(
                        f"duplicate key '{key}' (first given on line {keys[key]})",
                        line,
                        key_node.start_mark.column + 1,
                    )
                keys[key] = line
                key_path = _KEY_PATHS.setdefault((*path, key), (*path, key))
                lines[key_path] = line
                children.append((value_node, key_path))
        elif isinstance(current, SequenceNode):
            for index, item in enumerate(current.value):
                key_path = _KEY_PATHS.setdefault((*path, index), (*path, index))
                lines[key_path] = item.start_mark.line + 1 + offset
                children.append((item, key_path))
        stack.extend(reversed(children))  # in the file's order: an alias is met after its anchor
    return lines


def _document(loader: yaml.SafeLoader | yaml.CSafeLoader, first_line: int) -> YamlDocument:
    node = loader.get_single_node()
    if node is None:
        return YamlDocument(None, LineMap.of({}, first_line))
    lines = _walk(node, first_line - 1)
    data = loader.construct_document(node)
    return YamlDocument(data, LineMap.of(lines, first_line))


def _check_depth(text: str, first_line: int) -> None:
    """Refuse nesting deeper than MAX_DEPTH, by brackets or by indentation, in one pass."""
    depth = deepest = 0
    for number, line in enumerate(text.split("\n")):
        indent = len(line) - len(line.lstrip(" "))
        if "[" in line or "{" in line or depth:
            for char in line:
                if char in "[{":
                    depth += 1
                    deepest = max(deepest, depth)
                elif char in "]}":
                    depth = max(0, depth - 1)
        if deepest > MAX_DEPTH or indent > 2 * MAX_DEPTH:
            raise YamlError(
                f"this is nested more than {MAX_DEPTH} levels deep: content needs far fewer;"
                " check the brackets and the indentation",
                number + first_line,
            )


def _parse_fast(text: str, first_line: int) -> YamlDocument | None:
    """`text` parsed by libyaml, or None when libyaml is missing or finds any problem.

    Text with characters the Python parser refuses, or with tabs (which it refuses in
    places where libyaml takes them), is left to the Python parser.
    """
    if _FastLoader is None or "\t" in text or yaml.reader.Reader.NON_PRINTABLE.search(text):
        return None
    loader = _FastLoader(text)
    try:
        return _document(loader, first_line)
    except (yaml.YAMLError, YamlError):
        return None
    finally:
        loader.dispose()


def parse_yaml(text: str, first_line: int = 1) -> YamlDocument:
    """Parse `text`, which starts on line `first_line` of its file.

    Raises YamlError for syntax errors, duplicate keys, aliases, tags and deep nesting.
    """
    _check_depth(text, first_line)
    fast = _parse_fast(text, first_line)
    if fast is not None:
        return fast
    try:
        loader = _TextLoader(text)
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + first_line
        raise YamlError(
            f"this YAML cannot be read here: the character {exc.character!r} is not allowed",
            line,
        ) from None
    try:
        return _document(loader, first_line)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + first_line) if mark else first_line
        column = (mark.column + 1) if mark else None
        raise YamlError(describe_yaml_error(exc, text), line, column) from None
    except yaml.YAMLError as exc:
        raise YamlError(
            f"this YAML cannot be read here (the parser said: {exc})", first_line
        ) from None
    finally:
        loader.dispose()
