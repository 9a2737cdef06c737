"""Source records: drafts are never published (a value that still says TODO is an error),
and a source cannot have been read on a day still to come."""

from __future__ import annotations

import re
from collections.abc import Iterator

from sitegen.checks.context import Context
from sitegen.content.model import Content
from sitegen.content.origin import fields_of
from sitegen.content.schema import Person, Source
from sitegen.problems import Problem, error

_TODO = re.compile(r"\bTODO\b")


def _says_todo(value: object) -> bool:
    if isinstance(value, str):
        return _TODO.search(value) is not None
    if isinstance(value, Person):
        return any(_says_todo(part) for part in (value.family, value.given, value.literal))
    if isinstance(value, list):
        return any(_says_todo(item) for item in value)
    return False


def todo_fields(source: Source) -> list[str]:
    """The fields of `source` whose value still holds a TODO, by their names in the file."""
    return [
        info.alias or name
        for name, info in fields_of(Source).items()
        if _says_todo(getattr(source, name))
    ]


def _quoted_list(names: list[str]) -> str:
    quoted = [f"'{name}'" for name in names]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


def sources_are_not_drafts(content: Content, context: Context) -> Iterator[Problem]:
    for _, source in sorted(content.sources.items()):
        names = todo_fields(source)
        if names:
            one = len(names) == 1
            yield error(
                source.where(names[0]),
                f"this source is a draft: {_quoted_list(names)} still"
                f" {'says' if one else 'say'} TODO; write {'it' if one else 'them'}, act on"
                " each note marked TODO in the file, and delete the TODO markers",
            )


def sources_were_read_in_the_past(content: Content, context: Context) -> Iterator[Problem]:
    for _, source in sorted(content.sources.items()):
        if source.accessed > context.today:
            yield error(
                source.where("accessed"),
                f"'accessed' ({source.accessed.isoformat()}) is in the future (today is"
                f" {context.today.isoformat()}): write the day you last read the source",
            )
