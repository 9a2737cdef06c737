"""Reading YAML so that every value keeps the line it came from.

Every scalar stays the text the person wrote, apart from empty values and `null`: the
data models turn text into dates, numbers and yes/no where a field wants one, so YAML 1.1's
silent conversions (`011376175` read as an octal number, `1:30` as 90, `no` as false) never
happen. Duplicate keys are mistakes; aliases (`*name`), tags (`!!binary`) and nesting deeper
than MAX_DEPTH are refused; and every syntax error carries a line and column.

Parsing uses libyaml (PyYAML's C parser, about 15 times faster) when PyYAML has it. Any
file libyaml finds a problem in is parsed again by PyYAML's Python parser, so every
message, line and column is the Python parser's. The data and the line map are made in
one pass over the parsed nodes (_Builder); the data is what PyYAML's constructor makes.
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

from sitegen.content.yamlwords import describe_yaml_error

KeyPath = tuple[str | int, ...]

_NULL = "tag:yaml.org,2002:null"
_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_SCALAR_TAGS = frozenset({_STR, _NULL})
#: Key paths are alike across files of one kind ("title", ("author", 0)...): one tuple each,
#: shared by every file's line map, keeps a site of thousands of sources small.
_KEY_PATHS: dict[KeyPath, KeyPath] = {}
#: The only types a content file holds: text, lists, fields, and empty values.
_PLAIN_TAGS = frozenset({_STR, _SEQ, _MAP, _NULL})
#: Deeper nesting than any content needs: more than this many brackets open at once, or a
#: line that starts more than twice this many columns in, is refused before the file is
#: parsed (the parser's own limit is far higher and ends in a crash).
MAX_DEPTH = 40


#: The plain scalars YAML reads as null (its null resolver's pattern, written out).
_NULL_WORDS = frozenset({"", "~", "null", "Null", "NULL"})


class _TextResolver:
    """Every scalar is text, except a plain null: the parser asks this of every node, so
    it is answered without PyYAML's search through its patterns (none apply but null)."""

    def resolve(self, kind: type[Node], value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode:
            # (The pattern's "$" also matches before a last line break.)
            word = value[:-1] if value.endswith("\n") else value
            return _NULL if implicit[0] and word in _NULL_WORDS else _STR
        return _SEQ if kind is SequenceNode else _MAP


class _TextLoader(_TextResolver, yaml.SafeLoader):
    """A safe loader whose scalars are all text, except null."""


_FastLoader: type[yaml.CSafeLoader] | None = None
if yaml.__with_libyaml__:

    class _CTextLoader(_TextResolver, yaml.CSafeLoader):
        """The same loader on libyaml."""

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
        return cls._of_shape(tuple(lines), array("I", lines.values()), first_line)

    @classmethod
    def _of_shape(cls, keys: tuple[KeyPath, ...], numbers: array[int], first_line: int) -> LineMap:
        index = _SHAPES.get(keys)
        if index is None:
            index = _SHAPES[keys] = MappingProxyType({key: i for i, key in enumerate(keys)})
        return cls(index, numbers, first_line)

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled (as records loaded in a forked child are) with its keys, and given this
        process's index of its shape when unpickled."""
        return (LineMap._of_shape, (tuple(self.index), self.numbers, self.first_line))

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


class _Builder:
    """One pass over a document's nodes that makes its data and the line of every key and
    item, and raises YamlError for a tag, an alias (a node met twice) or a duplicate key,
    in the file's order.

    The data is what PyYAML's constructor makes of text, lists, fields and nulls. A
    document with anything else (a key that is not text, a tag on a key) sets `plain` to
    False: its data is left to the constructor, whose own rules and messages apply.
    """

    def __init__(self, offset: int) -> None:
        self.offset = offset
        self.lines: dict[KeyPath, int] = {}
        self.plain = True
        self._seen: set[int] = set()

    def value(self, node: Node, path: KeyPath) -> Any:
        tag = node.tag
        if tag not in _PLAIN_TAGS:
            raise YamlError(
                f"the tag {tag.replace('tag:yaml.org,2002:', '!!')} is not used in"
                " content: write the value as plain text, without a tag",
                node.start_mark.line + 1 + self.offset,
                node.start_mark.column + 1,
            )
        if isinstance(node, ScalarNode):
            self.plain = self.plain and tag in _SCALAR_TAGS
            return None if tag == _NULL else node.value
        if id(node) in self._seen:
            raise YamlError(
                "an alias (*name) repeats another part of the file: write the value out"
                " in full instead",
                self.lines.get(path, self.offset + 1),
            )
        self._seen.add(id(node))
        if isinstance(node, MappingNode):
            self.plain = self.plain and tag == _MAP
            return self._mapping(node, path)
        self.plain = self.plain and tag == _SEQ
        # Every item's line is noted before any item is looked into, as for a mapping.
        lines = self.lines
        items: list[tuple[Node, KeyPath]] = []
        for index, item in enumerate(node.value):
            key_path = _KEY_PATHS.setdefault((*path, index), (*path, index))
            lines[key_path] = item.start_mark.line + 1 + self.offset
            items.append((item, key_path))
        return [self.value(item, key_path) for item, key_path in items]

    def _mapping(self, node: MappingNode, path: KeyPath) -> dict[Any, Any]:
        # Every key is looked at (a duplicate found) before any value, as the file is read.
        lines = self.lines
        first_lines: dict[str, int] = {}
        fields: list[tuple[Any, Node, KeyPath]] = []
        for key_node, value_node in node.value:
            if isinstance(key_node, ScalarNode) and key_node.tag in _SCALAR_TAGS:
                name = key_node.value
                key = None if key_node.tag == _NULL else name
            else:
                name = str(key_node.value) if isinstance(key_node, ScalarNode) else "?"
                key, self.plain = name, False
            line = key_node.start_mark.line + 1 + self.offset
            if name in first_lines:
                raise YamlError(
                    f"duplicate key '{name}' (first given on line {first_lines[name]})",
                    line,
                    key_node.start_mark.column + 1,
                )
            first_lines[name] = line
            key_path = _KEY_PATHS.setdefault((*path, name), (*path, name))
            lines[key_path] = line
            fields.append((key, value_node, key_path))
        return {key: self.value(value, key_path) for key, value, key_path in fields}


def _document(loader: yaml.SafeLoader | yaml.CSafeLoader, first_line: int) -> YamlDocument:
    try:
        node = loader.get_single_node()
        if node is None:
            return YamlDocument(None, LineMap.of({}, first_line))
        builder = _Builder(first_line - 1)
        data = builder.value(node, ())
        if not builder.plain:
            data = loader.construct_document(node)
    except RecursionError:  # (_check_depth refuses such files first: this is a backstop)
        raise YamlError(_TOO_DEEP, first_line) from None
    return YamlDocument(data, LineMap.of(builder.lines, first_line))


_BRACKET = re.compile(r"[\[\]{}]")
#: A line that starts more than 2 * MAX_DEPTH columns in, counting its indentation and the
#: "- ", "? " and ": " at its start (each of which can nest one level deeper).
_TOO_FAR_IN = re.compile(rf"^(?:[ ]|[-?:](?=[ ])){{{2 * MAX_DEPTH + 1}}}", re.M)
_TOO_DEEP = (
    f"this is nested more than {MAX_DEPTH} levels deep: content needs far fewer;"
    " check the brackets and the indentation"
)


def _check_depth(text: str, first_line: int) -> None:
    """Refuse nesting deeper than MAX_DEPTH, by brackets or by the columns a line starts
    in, at the first line that goes too deep."""
    too_deep = []
    depth = 0
    for bracket in _BRACKET.finditer(text):
        if bracket.group() in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                too_deep.append(bracket.start())
                break
        else:
            depth = max(0, depth - 1)
    if indented := _TOO_FAR_IN.search(text):
        too_deep.append(indented.start())
    if too_deep:
        raise YamlError(_TOO_DEEP, text.count("\n", 0, min(too_deep)) + first_line)


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
