"""Where each value of a record came from: its file, and the line of each of its fields.

Loading attaches an Origin to every record (and every record inside it), so a rule can
name the true line of the field it is about: `source.where("issued")`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, PrivateAttr

from sitegen.content.yamlfile import KeyPath, LineMap
from sitegen.problems import Location


@dataclass(frozen=True, slots=True)
class Origin:
    """A record's file and the line map of the YAML it was read from."""

    path: str
    lines: LineMap
    prefix: KeyPath = ()

    def at(self, *keys: str | int) -> Location:
        """The location of the field (or item) `keys` of this record, else of the record."""
        return Location(self.path, self.lines.line_of((*self.prefix, *keys)))

    def child(self, *keys: str | int) -> Origin:
        return Origin(self.path, self.lines, (*self.prefix, *keys))


class Record(BaseModel):
    """A record read from a content file: frozen, and knowing where each field came from."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
    _origin: Origin | None = PrivateAttr(default=None)

    def where(self, *keys: str | int) -> Location:
        """The file and line of the field `keys` (its name as written in the file)."""
        private = object.__getattribute__(self, "__pydantic_private__")
        origin: Origin | None = private.get("_origin") if private else None
        if origin is None:
            return Location("(not from a file)", 1)
        return origin.at(*keys)


def attach_origin(record: Record, origin: Origin) -> None:
    """Give `record`, and every record inside it, its place in the file."""
    record._origin = origin
    for name, info in type(record).model_fields.items():
        key = info.alias or name
        _attach_value(getattr(record, name), origin.child(key))


def _attach_value(value: Any, origin: Origin) -> None:
    if isinstance(value, Record):
        attach_origin(value, origin)
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            _attach_value(item, origin.child(index))
    elif isinstance(value, dict):
        for key, item in value.items():
            _attach_value(item, origin.child(str(key)))
