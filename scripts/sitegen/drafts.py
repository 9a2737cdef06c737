"""Drafts are never published: a source whose values still say TODO is an error."""

from __future__ import annotations

import re

from sitegen.model import Content, Person, Source
from sitegen.problems import Problems

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
        for name, info in Source.model_fields.items()
        if _says_todo(getattr(source, name))
    ]


def _quoted_list(names: list[str]) -> str:
    quoted = [f"'{name}'" for name in names]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


def check_drafts(content: Content, problems: Problems) -> None:
    for source_id, source in sorted(content.sources.items()):
        names = todo_fields(source)
        if names:
            problems.error(
                content.source_paths[source_id],
                1,
                f"this source is a draft: {_quoted_list(names)} still"
                f" {'says' if len(names) == 1 else 'say'} TODO; write"
                f" {'it' if len(names) == 1 else 'them'}, act on each note marked TODO in"
                " the file, and delete the TODO markers",
            )
