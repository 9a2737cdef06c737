"""Records, and where each value of a record came from: its file, and the line of each of
its fields.

A record is a frozen dataclass that pydantic validates, with a slot for each field and no
dictionary: a large site loads tens of thousands of them. Loading attaches an Origin to
every record (and every record inside it), so a rule can name the true line of the field
it is about: `source.where("issued")`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, TypeVar, cast, dataclass_transform

import pydantic.dataclasses
from pydantic import ConfigDict, Field, TypeAdapter
from pydantic.fields import FieldInfo
from pydantic.json_schema import SkipJsonSchema
from pydantic_core import SchemaSerializer, SchemaValidator

from sitegen.content.yamlfile import KeyPath, LineMap
from sitegen.problems import Location

RecordT = TypeVar("RecordT", bound="Record")
_T = TypeVar("_T")


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


@dataclass_transform(
    frozen_default=True, kw_only_default=True, field_specifiers=(dataclasses.field, Field)
)
def record(cls: type[_T]) -> type[_T]:
    """Make `cls` a record: frozen, validated, a slot for each field, and no field it does
    not name (`extra="forbid"`); a field is given by its name in the file or its own."""
    config = ConfigDict(extra="forbid", populate_by_name=True)
    made = pydantic.dataclasses.dataclass(frozen=True, slots=True, kw_only=True, config=config)
    kind = made(cls)
    _RECORDS.add(kind)
    return cast("type[_T]", kind)


#: The classes @record made.
_RECORDS: set[type] = set()
#: The fields of each kind of record, by attribute name and in order, once asked for.
_FIELDS: dict[type, Mapping[str, FieldInfo]] = {}


@record
class Record:
    """A record read from a content file, knowing where each of its fields came from."""

    # Its place: not a field of the file (one named so is refused as unknown), not in its
    # data or schema, and not part of what makes two records equal.
    _origin: SkipJsonSchema[Any] = dataclasses.field(
        default=Field(default=None, init=False, exclude=True), init=False, repr=False, compare=False
    )

    def where(self, *keys: str | int) -> Location:
        """The file and line of the field `keys` (its name as written in the file)."""
        origin: Origin | None = self._origin
        if origin is None:
            return Location("(not from a file)", 1)
        return origin.at(*keys)


def _made_by_record(model: type) -> None:
    if model not in _RECORDS:
        raise TypeError(f"{model.__name__} is not a record: decorate it with @record")


def fields_of(model: type[Record]) -> Mapping[str, FieldInfo]:
    """The fields of a kind of record, in order, by attribute name (`info.alias` is the
    name in the file, when it differs)."""
    found = _FIELDS.get(model)
    if found is None:
        _made_by_record(model)
        every: dict[str, FieldInfo] = model.__pydantic_fields__  # type: ignore[attr-defined]
        found = _FIELDS[model] = MappingProxyType(
            {name: info for name, info in every.items() if name != "_origin"}
        )
    return found


def validate(model: type[RecordT], data: Any) -> RecordT:
    """`data` (fields by their names in the file, or by attribute name) as a `model`;
    raises pydantic's ValidationError."""
    _made_by_record(model)
    validator: SchemaValidator = model.__pydantic_validator__  # type: ignore[attr-defined]
    return cast(RecordT, validator.validate_python(data))


def as_data(record: Record, by_alias: bool = False, exclude_none: bool = False) -> Any:
    """The record as plain data (dicts, lists, strings), fields by name or by alias."""
    serializer: SchemaSerializer = type(record).__pydantic_serializer__  # type: ignore[attr-defined]
    return serializer.to_python(record, by_alias=by_alias, exclude_none=exclude_none)


def json_schema(model: type[Record]) -> dict[str, Any]:
    """The JSON Schema of a kind of record, with fields by their names in the file."""
    _made_by_record(model)
    return TypeAdapter(model).json_schema(by_alias=True)


def attach_origin(record: Record, origin: Origin) -> None:
    """Give `record`, and every record inside it, its place in the file."""
    object.__setattr__(record, "_origin", origin)
    for name, info in fields_of(type(record)).items():
        key = info.alias or name
        _attach_value(getattr(record, name), origin.child(key))


def same_origin(record: Record, other: Record) -> None:
    """Give `record` the place of `other` (a record made from it)."""
    object.__setattr__(record, "_origin", other._origin)


def _attach_value(value: Any, origin: Origin) -> None:
    if isinstance(value, Record):
        attach_origin(value, origin)
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            _attach_value(item, origin.child(index))
    elif isinstance(value, dict):
        for key, item in value.items():
            _attach_value(item, origin.child(str(key)))
