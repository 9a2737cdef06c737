"""Reading the files of content_src/ safely, naming them as people see them.

A file is read only if it is a regular file inside content_src/ (a link out of the folder
is refused), is UTF-8 text (a BOM and Windows line endings are accepted) and is not
larger than MAX_FILE_BYTES. YAML is parsed with a line map, and validated against its
schema field by field, each problem at the line of its field.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, TypeVar

from pydantic import ValidationError

from sitegen.content.characters import bad_characters, odd_spaces_at_line_starts
from sitegen.content.origin import Origin, Record, attach_origin, fields_of, validate
from sitegen.content.yamlfile import KeyPath, YamlDocument, YamlError, parse_yaml
from sitegen.problems import Location, Problems, display_path, suggest

RecordT = TypeVar("RecordT", bound=Record)

#: The largest content file read: far larger than any real page, small enough to bound work.
MAX_FILE_BYTES = 2_000_000


class ContentFiles:
    """Reads files under one content folder, collecting every problem on the way."""

    def __init__(self, content_dir: Path, problems: Problems) -> None:
        self.root = content_dir
        self.project = content_dir.parent
        self.problems = problems
        self._resolved_root = content_dir.resolve()
        #: Files that exist but could not be read or parsed, by name.
        self.unread: set[str] = set()
        self._folders_inside: dict[Path, bool] = {}

    def _folder_inside(self, folder: Path) -> bool:
        """Whether `folder` is in the content folder once links are followed (kept per folder:
        resolving every file's path is a large part of reading many small files)."""
        if folder not in self._folders_inside:
            self._folders_inside[folder] = folder.resolve().is_relative_to(self._resolved_root)
        return self._folders_inside[folder]

    def name(self, path: Path) -> str:
        if path.is_relative_to(self.project):
            return path.relative_to(self.project).as_posix()
        return display_path(path, self.project)

    def fail(self, path: Path, line: int, message: str, column: int | None = None) -> None:
        self.unread.add(self.name(path))
        self.problems.error(Location(self.name(path), line, column), message)

    def _outside(self, path: Path) -> bool:
        """True (after reporting it) for a file that leads out of the content folder."""
        if not path.is_symlink() and self._folder_inside(path.parent):
            return False
        target = path.resolve()
        if target.is_relative_to(self._resolved_root):
            return False
        self.fail(path, 1, f"this is a link to {target}, outside content_src/: copy the file in")
        return True

    def read_text(self, path: Path) -> str | None:
        """The file's text, or None after an error."""
        if self._outside(path):
            return None
        if not path.is_file():
            self.fail(path, 1, "this is not a regular file: content files are plain text files")
            return None
        try:
            if path.stat().st_size > MAX_FILE_BYTES:
                self.fail(
                    path,
                    1,
                    f"this file is larger than {MAX_FILE_BYTES // 1_000_000} MB: split it into"
                    " smaller files",
                )
                return None
            raw = path.read_bytes()
        except OSError as exc:
            self.fail(path, 1, f"cannot read this file: {exc.strerror}")
            return None
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = raw.count(b"\n", 0, exc.start) + 1
            self.fail(
                path,
                line,
                f"this file is not UTF-8 text (byte {exc.start} is 0x{raw[exc.start]:02x}):"
                " save it as UTF-8 in your editor",
            )
            return None
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        bad = list(bad_characters(text))
        for char in bad:
            self.fail(path, char.line, char.message, char.column)
        return None if bad else text

    def read_yaml(self, path: Path) -> YamlDocument | None:
        text = self.read_text(path)
        if text is None:
            return None
        return self.parse(path, text, 1)

    def parse(self, path: Path, text: str, first_line: int) -> YamlDocument | None:
        odd = list(odd_spaces_at_line_starts(text, first_line))
        for char in odd:
            self.fail(path, char.line, char.message, char.column)
        if odd:
            return None
        try:
            return parse_yaml(text, first_line)
        except YamlError as exc:
            self.fail(path, exc.line, exc.message, exc.column)
            return None

    def validate(
        self,
        model: type[RecordT],
        data: Any,
        doc: YamlDocument,
        path: Path,
        prefix: KeyPath = (),
    ) -> RecordT | None:
        """`data` as a `model` that knows its lines, or None after reporting each field's
        problem at its line."""
        name = self.name(path)
        if not isinstance(data, dict):
            self.fail(
                path,
                doc.lines.line_of(prefix),
                "expected a list of fields (name: value), one per line",
            )
            return None
        try:
            record = validate(model, data)
        except ValidationError as exc:
            self.unread.add(name)
            for error in exc.errors():
                loc = tuple(error["loc"])
                line = doc.lines.line_of((*prefix, *loc))
                self.problems.error(Location(name, line), _field_message(model, error, loc))
            return None
        attach_origin(record, Origin(name, doc.lines, prefix))
        return record


def _field_names(model: type[Record]) -> list[str]:
    return [info.alias or name for name, info in fields_of(model).items()]


def _field_message(model: type[Record], error: Any, loc: tuple[Any, ...]) -> str:
    name = ".".join(str(part) for part in loc) or "this record"
    field = str(loc[-1]) if loc else ""
    kind = error["type"]
    if kind == "missing":
        return f"missing required field '{field}'"
    if kind == "unexpected_keyword_argument":
        return f"unknown field '{field}'" + suggest(field, _field_names(model))
    if kind == "dataclass_type":  # a record inside a record, given as something else
        return f"'{name}': expected a list of fields (name: value), one per line"
    message = str(error["msg"]).removeprefix("Value error, ")
    if kind == "literal_error":
        given = error.get("input")
        expected = error.get("ctx", {}).get("expected", "")
        choices = re.findall(r"'([^']*)'", str(expected))
        hint = suggest(str(given), choices)
        return f"'{field}' cannot be '{given}'{hint}; choose one of: {', '.join(choices)}"
    if kind in {"string_type", "list_type", "dict_type", "int_type", "int_parsing"}:
        return f"'{name}' has the wrong type: {message.lower()}"
    return f"'{name}': {message}"
