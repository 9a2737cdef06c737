"""What makes two source records one source: the same DOI, PMID or web address, or the same
title in the same year. Each is compared in a normal form, so that 10.1212/WNL.56.10.1290
and 10.1212/wnl.56.10.1290, or http://www.nhs.uk/x/ and https://nhs.uk/x, are one.

The check (checks/duplicates.py) and the commands that write new records (authoring/) use
the same keys, so a command refuses exactly what the check would report.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import urlsplit

_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.I)
_YEAR = re.compile(r"\d{4}")


@dataclass(frozen=True)
class Key:
    """One way of telling a source apart: the field it comes from, what to call it in a
    message, the value compared, and the value as written."""

    field: str
    what: str
    value: str
    shown: str


def bare_doi(doi: str) -> str:
    """A DOI without https://doi.org/ or doi: in front."""
    return _DOI_PREFIX.sub("", doi.strip())


def normal_doi(doi: str) -> str:
    """A DOI without https://doi.org/ or doi:, in lower case (DOIs ignore case)."""
    return bare_doi(doi).lower()


def normal_url(url: str) -> str:
    """The address without its scheme, www., fragment or a final slash; the host in lower case."""
    parts = urlsplit(url.strip())
    host = parts.netloc.lower().removeprefix("www.")
    path = parts.path.rstrip("/")
    query = f"?{parts.query}" if parts.query else ""
    return f"{host}{path}{query}"


def normal_title(title: str) -> str:
    """Letters and digits only, in lower case: 'A trial.' and 'a trial' are one title."""
    folded = unicodedata.normalize("NFKD", title).casefold()
    return " ".join(re.findall(r"\w+", folded))


def source_keys(
    *,
    doi: str | None,
    pmid: str | None,
    url: str | None,
    title: str | None,
    issued: str | None,
) -> tuple[Key, ...]:
    """The keys of a source record, strongest first. A title counts only with a year."""
    keys = []
    if doi:
        keys.append(Key("DOI", "DOI", normal_doi(doi), doi))
    if pmid:
        keys.append(Key("PMID", "PMID", pmid.strip().lstrip("0"), pmid))
    if url:
        keys.append(Key("URL", "web address", normal_url(url), url))
    year = _YEAR.match(issued or "")
    if title and year and normal_title(title):
        keys.append(
            Key(
                "title", "title and year", f"{normal_title(title)} {year[0]}", f"{title}, {year[0]}"
            )
        )
    return tuple(keys)


def duplicate_message(key: Key, other: str) -> str:
    """The same words for the check and for the commands that refuse to write a duplicate."""
    return f"the same {key.what} as {other} ({key.shown}): one source, one record"
