"""The kinds of value a content file holds: ids, dates, DOIs, PubMed ids, web addresses, text.

Each is a type the data models use, so a value is checked the same way wherever it appears.
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator

from sitegen.content.words import NO_DATE

#: The one pattern of an id: of a source (its file name), a page, an evidence claim, a figure.
ID_PATTERN = r"[a-z0-9][a-z0-9-]{0,79}"
ID = re.compile(ID_PATTERN)
ID_RULE = "use lowercase letters, digits and hyphens (80 at most), as in foster-2001"
#: Dates outside these years are typing mistakes.
YEARS = range(1900, 2101)

NO_AUTHOR = "no author named"

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_PARTIAL_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_DOI = re.compile(r"10\.\d{4,9}/\S+")
_PMID = re.compile(r"[1-9]\d{0,8}")
_URL = re.compile(r"https?://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(:\d+)?(/[^\s\"'<>\\`{}|^]*)?")


def is_valid_id(text: str) -> bool:
    return bool(ID.fullmatch(text))


_NUMERIC_DATE = re.compile(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})")


def _readings(text: str) -> str:
    """For a date such as 10/09/2021: the days it could mean, in words and as YYYY-MM-DD."""
    match = _NUMERIC_DATE.fullmatch(text)
    if not match:
        return ""
    first, second, year = (int(g) for g in match.groups())
    found = []
    for day, month in ((first, second), (second, first)):  # day first (UK), month first (US)
        try:
            found.append(date(year, month, day))
        except ValueError:
            continue
    found = sorted(set(found))
    if not found:
        return ""
    words = " or ".join(f"{d.day} {d.strftime('%B')} {d.year} ({d.isoformat()})" for d in found)
    return f" (it could mean {words}: write the one you mean as YYYY-MM-DD)"


def _iso_date(value: object) -> object:
    if isinstance(value, date):
        return value
    text = str(value).strip()
    if not _ISO_DAY.fullmatch(text):
        raise ValueError(
            f"'{text}' is not a date in the form YYYY-MM-DD (for example 2026-11-22)"
            + _readings(text)
        )
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"'{text}' is not a real date (check the month and day)") from None
    if day.year not in YEARS:
        raise ValueError(f"'{text}' is not a likely date: check the year")
    return day


IsoDate = Annotated[date, BeforeValidator(_iso_date)]


def _source_date(value: object) -> str:
    text = str(value).strip()
    if text == NO_DATE:
        return text
    match = _PARTIAL_DATE.fullmatch(text)
    if not match:
        raise ValueError(
            f"'{text}' is not a date: write YYYY-MM-DD, YYYY-MM or YYYY, or '{NO_DATE}'"
            + _readings(text)
        )
    year, month, day = (int(g) if g else None for g in match.groups())
    if year not in YEARS:
        raise ValueError(f"'{text}' is not a likely date: check the year")
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"'{text}' is not a real date (month {month})")
    if month is not None and day is not None:
        assert year is not None
        if not 1 <= day <= calendar.monthrange(year, month)[1]:
            raise ValueError(f"'{text}' is not a real date (check the month and day)")
    return text


SourceDate = Annotated[str, BeforeValidator(_source_date)]


def _pattern(regex: re.Pattern[str], what: str, example: str) -> AfterValidator:
    def check(value: str) -> str:
        if not regex.fullmatch(value):
            raise ValueError(f"'{value}' is not a valid {what} (for example {example})")
        return value

    return AfterValidator(check)


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be empty")
    return value


Text = Annotated[str, AfterValidator(_not_blank)]
Id = Annotated[str, _pattern(ID, "id", "foster-2001")]
Doi = Annotated[str, _pattern(_DOI, "DOI", "10.1212/WNL.56.10.1290")]
Pmid = Annotated[str, _pattern(_PMID, "PMID", "11376175")]
Url = Annotated[str, _pattern(_URL, "web address", "https://www.nhs.uk/conditions/back-pain/")]


_MONTH = re.compile(r"(\d{4})-(\d{2})")


def _month(value: object) -> date:
    """'2026-11' as the first day of that month (a day, as the first day of its month)."""
    if isinstance(value, date):
        return value.replace(day=1)
    text = str(value).strip()
    match = _MONTH.fullmatch(text)
    if not match or not 1 <= int(match[2]) <= 12 or int(match[1]) not in YEARS:
        raise ValueError(f"'{text}' is not a month: write YYYY-MM, such as 2026-11")
    return date(int(match[1]), int(match[2]), 1)


#: A month, written YYYY-MM: when a search was made.
Month = Annotated[date, BeforeValidator(_month)]


def format_day(day: date) -> str:
    """22 November 2026, as the NHS writes dates."""
    return f"{day.day} {calendar.month_name[day.month]} {day.year}"


def format_source_date(text: str) -> str:
    """'2001-05-22' -> '22 May 2001', '2001-05' -> 'May 2001', '2001' -> '2001'."""
    match = _PARTIAL_DATE.fullmatch(text)
    if not match:
        return text
    year, month, day = match.groups()
    if month and day:
        return format_day(date(int(year), int(month), int(day)))
    if month:
        return f"{calendar.month_name[int(month)]} {year}"
    return year


def add_months(start: date, months: int) -> date:
    """The same day `months` later, or the month's last day when it is shorter."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))
