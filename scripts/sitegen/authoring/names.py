"""People's names as articles show them in bylines: "By Dr. Maria Lopez, MD and Sam Carter"."""

from __future__ import annotations

import re

from sitegen.authoring.dates import LONGEST_LABEL_LINE
from sitegen.content.schema import Person

_BYLINE = re.compile(r"^\s*(?:written\s+)?by[:\s]\s*(?P<names>.+?)\s*$", re.I)
_TITLES = re.compile(r"^(?:dr|prof|professor|mr|mrs|ms|mx)\.?\s+", re.I)
_CREDENTIAL = r"(?:[A-Z]{2,6}|Ph\.?D\.?|M\.D\.|D\.O\.|R\.N\.)"
_CREDENTIALS = re.compile(rf"(?:,\s*|\s+){_CREDENTIAL}(?:(?:,\s*|\s+){_CREDENTIAL})*\s*$")
_ONLY_CREDENTIALS = re.compile(rf"{_CREDENTIAL}(?:\s+{_CREDENTIAL})*")
_ORGANISATION_WORDS = {
    "association",
    "board",
    "center",
    "centre",
    "clinic",
    "council",
    "department",
    "editorial",
    "editors",
    "foundation",
    "hospital",
    "inc",
    "institute",
    "ltd",
    "llc",
    "news",
    "society",
    "staff",
    "team",
}
_NAME_PARTICLES = {"de", "da", "del", "der", "di", "la", "le", "van", "von", "bin", "al"}


def _looks_like_name(name: str) -> bool:
    words = name.split()
    return 1 <= len(words) <= 6 and all(
        word[0].isupper() or word.lower() in _NAME_PARTICLES for word in words
    )


def byline_names(lines: list[str]) -> list[str]:
    """The names in the first "By ..." line, without titles and credentials."""
    for line in lines:
        match = _BYLINE.match(line)
        if not match or len(line) > LONGEST_LABEL_LINE:
            continue
        parts = [part.strip() for part in re.split(r"\s+and\s+|[;&,]", match["names"])]
        names = [
            clean_name(part) for part in parts if part and not _ONLY_CREDENTIALS.fullmatch(part)
        ]
        if names and all(_looks_like_name(name) for name in names):
            return names
    return []


def clean_name(text: str) -> str:
    """'Dr. Jordan Lee, MD' -> 'Jordan Lee'."""
    return _CREDENTIALS.sub("", _TITLES.sub("", text.strip())).strip(" ,")


def person(name: str) -> Person:
    """A name as CSL: 'Maria Lopez' -> family Lopez, given Maria; an organisation is literal."""
    words = name.split()
    if len(words) < 2 or any(word.lower().strip(".,") in _ORGANISATION_WORDS for word in words):
        return Person(literal=name)
    family_start = len(words) - 1
    while family_start > 1 and words[family_start - 1].lower() in _NAME_PARTICLES:
        family_start -= 1
    return Person(family=" ".join(words[family_start:]), given=" ".join(words[:family_start]))


def merge_names(*groups: list[str]) -> list[str]:
    seen: dict[str, str] = {}
    for group in groups:
        for name in group:
            seen.setdefault(" ".join(name.lower().split()), name)
    return list(seen.values())
