"""One source, one record: two records with the same DOI, PMID or web address, or the same
title in the same year, are an error in the later one (by id), naming the earlier."""

from __future__ import annotations

from collections.abc import Iterator

from sitegen.checks.context import Context
from sitegen.content.identity import Key, duplicate_message, source_keys
from sitegen.content.model import Content
from sitegen.content.schema import Source
from sitegen.problems import Problem, error


def keys_of(source: Source) -> tuple[Key, ...]:
    return source_keys(
        doi=source.DOI,
        pmid=source.PMID,
        url=source.URL,
        title=source.title,
        issued=source.issued,
    )


def sources_are_not_duplicates(content: Content, context: Context) -> Iterator[Problem]:
    first: dict[tuple[str, str], Source] = {}
    for _, source in sorted(content.sources.items()):
        reported: set[str] = set()
        for key in keys_of(source):
            earlier = first.setdefault((key.field, key.value), source)
            if earlier is source or earlier.id in reported:
                continue
            reported.add(earlier.id)
            yield error(
                source.where(key.field),
                duplicate_message(key, earlier.where().path),
            )
