"""Dates as articles show them: "June 8, 2015", "03/22/16", "Updated on: 2016-03-22".

A numeric date such as 03/04/16 is read the US way (month first) and, when it could be read
the other way too, flagged for a person to check.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

_MONTHS = {
    name.lower(): number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number])
} | {"sept": 9}
_MONTH = r"(?P<mon>[A-Za-z]{3,9})\.?"
_DAY = r"(?P<d>\d{1,2})(?:st|nd|rd|th)?"
_DATE_FORMS = [
    re.compile(r"(?P<y>\d{4})([-/.])(?P<m>\d{1,2})\2(?P<d>\d{1,2})(?!\d)"),
    re.compile(r"(?P<y>\d{4})[-/](?P<m>\d{1,2})(?![\d/.-])"),
    re.compile(r"(?P<a>\d{1,2})[/.-](?P<b>\d{1,2})[/.-](?P<y>\d{4}|\d{2})(?!\d)"),
    re.compile(rf"{_MONTH}\s+{_DAY},?\s+(?P<y>\d{{4}})(?!\d)"),
    re.compile(rf"{_DAY}\s+{_MONTH},?\s+(?P<y>\d{{4}})(?!\d)"),
    re.compile(rf"{_MONTH},?\s+(?P<y>\d{{4}})(?!\d)"),
    re.compile(r"(?P<y>(?:19|20)\d{2})(?!\d)"),
]
_LABELS = {
    "updated": re.compile(
        r"\b(?:last\s+)?(?:updated|modified|revised|reviewed)(?:\s+on)?\s*:?\s*", re.I
    ),
    "published": re.compile(r"\b(?:first\s+|date\s+)?(?:published|posted)(?:\s+on)?\s*:?\s*", re.I),
}
#: Longer lines are prose, where "published in 2011" is not the article's own date.
LONGEST_LABEL_LINE = 120
DateRole = Literal["published", "updated"]


@dataclass(frozen=True)
class FoundDate:
    """A date read from the article: as written there, as YYYY[-MM[-DD]], and any doubt."""

    value: str
    shown: str
    doubt: str | None = None


def _year(text: str, today: date) -> int:
    if len(text) == 4:
        return int(text)
    year = 2000 + int(text)
    return year if year <= today.year else year - 100


def _iso(year: int, month: int | None = None, day: int | None = None) -> str | None:
    """'2016-03-22', '2016-03' or '2016', or None when no such day exists."""
    if month is None:
        return f"{year:04d}"
    if not 1 <= month <= 12:
        return None
    if day is None:
        return f"{year:04d}-{month:02d}"
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def long_date(value: str) -> str:
    year, month, day = (int(part) for part in value.split("-"))
    return f"{day} {calendar.month_name[month]} {year}"


def parse_date(text: str, today: date) -> FoundDate | None:
    """The date at the start of `text`, as a page might show it, or None."""
    for form in _DATE_FORMS:
        match = form.match(text)
        if not match:
            continue
        parts = match.groupdict()
        shown = match.group(0)
        year = _year(parts["y"], today)
        if "a" in parts:
            first, second = int(parts["a"]), int(parts["b"])
            if first > 12 >= second:  # only day/month makes sense, as in 22/03/16
                value = _iso(year, second, first)
                return FoundDate(value, shown) if value else None
            value = _iso(year, first, second)
            if value is None:
                return None
            doubt = None
            if first != second and second <= 12:
                other = _iso(year, second, first)
                doubt = (
                    f'the article shows "{shown}", read here the US way (month first) as'
                    f" {long_date(value)}; it may be {long_date(other or value)}: check the"
                    " article, correct the date if needed"
                )
            return FoundDate(value, shown, doubt)
        month = int(parts["m"]) if parts.get("m") else _MONTHS.get((parts.get("mon") or "").lower())
        if parts.get("mon") and month is None:
            continue
        day = int(parts["d"]) if parts.get("d") else None
        value = _iso(year, month, day)
        return FoundDate(value, shown) if value else None
    return None


def same_date(one: str, other: str) -> bool:
    """Whether two dates (YYYY[-MM[-DD]]) can be the same day: 2021-09-10 and 2021-09 can."""
    return one.startswith(other) or other.startswith(one)


def labelled_date(lines: list[str], role: DateRole, today: date) -> FoundDate | None:
    """The first date a line labels as published or updated ("Updated on: 03/22/16")."""
    for line in lines:
        if len(line) > LONGEST_LABEL_LINE:
            continue
        for label in _LABELS[role].finditer(line):
            found = parse_date(line[label.end() :], today)
            if found:
                return found
    return None
