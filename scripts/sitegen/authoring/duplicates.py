"""Before a new source is written: is it already there, and which id is free?

A new record with the same DOI, PMID or web address as a record in content_src/sources/, or
the same title and year, is refused with the words `sitegen check` would use for it.
"""

from __future__ import annotations

import string
from pathlib import Path

from sitegen.content.files import ContentFiles
from sitegen.content.identity import Key, duplicate_message, source_keys
from sitegen.content.layout import SOURCES_DIR
from sitegen.content.load import load_source
from sitegen.content.schema import Source
from sitegen.problems import Problems

TODO = "TODO"


def existing_sources(content_dir: Path) -> list[Source]:
    """Every source record that can be read (one that cannot is the check's business)."""
    folder = content_dir / SOURCES_DIR
    if not folder.is_dir():
        return []
    files = ContentFiles(content_dir, Problems())
    found = (load_source(files, path) for path in sorted(folder.glob("*.yml")))
    return [source for source in found if source is not None]


def _keys(source: Source) -> tuple[Key, ...]:
    return source_keys(
        doi=source.DOI, pmid=source.PMID, url=source.URL, title=source.title, issued=source.issued
    )


def duplicate_of(content_dir: Path, keys: tuple[Key, ...]) -> str | None:
    """Why a new record with these keys would be a duplicate, naming the record it repeats."""
    if not keys:
        return None
    wanted = {(key.field, key.value): key for key in keys}
    for source in existing_sources(content_dir):
        for key in _keys(source):
            mine = wanted.get((key.field, key.value))
            if mine is not None:
                other = source.where().path
                return f"not written: {duplicate_message(mine, other)}; update that record instead"
    return None


def draft_keys(
    doi: str | None, pmid: str | None, url: str | None, title: str | None, issued: str | None
) -> tuple[Key, ...]:
    """The keys of a new record; a title that is still a TODO is no key."""
    if title and title.startswith(TODO):
        title = None
    return source_keys(doi=doi, pmid=pmid, url=url, title=title, issued=issued)


def unique_id(content_dir: Path, base: str) -> str:
    """`base` if no source has it, else base + b, c, ... (foster-2001b), as in print."""
    folder = content_dir / SOURCES_DIR
    suffixes = ["", *string.ascii_lowercase[1:]]
    suffixes += [f"-{number}" for number in range(2, 1000)]
    for suffix in suffixes:
        candidate = f"{base}{suffix}"
        if not (folder / f"{candidate}.yml").exists():
            return candidate
    return base
