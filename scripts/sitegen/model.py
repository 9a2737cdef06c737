"""The content's data model: site settings, sources, pages and glossary terms.

Field names of sources follow CSL-JSON (the format reference managers export), so a
record exported from Zotero maps onto ours.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

NO_DATE = "no date shown"

# Pages the generator treats specially, by their file name in content_src/pages/.
FAQ_PAGE = "faq"
SOURCES_PAGE = "sources"
GLOSSARY_PAGE = "glossary"
CHANGES_PAGE = "changes"
ABOUT_PAGE = "about"
#: Pages that list or explain rather than make claims, so need no citation.
PAGES_WITHOUT_CLAIMS = frozenset({SOURCES_PAGE, GLOSSARY_PAGE, CHANGES_PAGE})
NO_AUTHOR = "no author named"

SOURCE_KINDS = (
    "consumer article",
    "clinic blog",
    "randomized trial",
    "systematic review",
    "meta-analysis",
    "guideline",
    "drug label",
    "regulatory document",
    "insurance policy",
    "price list",
    "professional society assessment",
    "public health information",
)

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_PARTIAL_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_DOI = re.compile(r"10\.\d{4,9}/\S+")
_PMID = re.compile(r"[1-9]\d{0,8}")
_URL = re.compile(r"https?://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(:\d+)?(/\S*)?")
_ID = re.compile(r"[a-z0-9][a-z0-9-]*")


def _iso_date(value: object) -> object:
    if isinstance(value, date):
        return value
    text = str(value).strip()
    if not _ISO_DAY.fullmatch(text):
        raise ValueError(f"'{text}' is not a date in the form YYYY-MM-DD (for example 2026-11-22)")
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"'{text}' is not a real date (check the month and day)") from None


IsoDate = Annotated[date, BeforeValidator(_iso_date)]


def _source_date(value: object) -> str:
    text = str(value).strip()
    if text == NO_DATE:
        return text
    match = _PARTIAL_DATE.fullmatch(text)
    if not match:
        raise ValueError(
            f"'{text}' is not a date: write YYYY-MM-DD, YYYY-MM or YYYY, or '{NO_DATE}'"
        )
    year, month, day = (int(g) if g else None for g in match.groups())
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
Doi = Annotated[str, _pattern(_DOI, "DOI", "10.1212/WNL.56.10.1290")]
Pmid = Annotated[str, _pattern(_PMID, "PMID", "11376175")]
Url = Annotated[str, _pattern(_URL, "web address", "https://www.nhs.uk/conditions/back-pain/")]


class _Strict(BaseModel):
    model_config = ConfigDict(
        extra="forbid", frozen=True, coerce_numbers_to_str=True, populate_by_name=True
    )


class Person(_Strict):
    """An author: a person (family and given names) or an organisation (literal)."""

    family: Text | None = None
    given: Text | None = None
    literal: Text | None = None

    def short(self) -> str:
        """'Foster L' for a person; the whole name for an organisation."""
        if self.literal:
            return self.literal
        initials = "".join(
            part[0] for part in re.split(r"[\s.-]+", self.given or "") if part and part[0].isalpha()
        )
        return f"{self.family} {initials}".strip()


class Reviewer(_Strict):
    name: Text
    role: Text


class AboutItem(_Strict):
    """What the site is about, as schema.org types it (for structured data)."""

    type: Literal["Drug", "MedicalCondition", "MedicalTherapy"] = Field(alias="@type")
    name: Text


class SiteSettings(_Strict):
    site_name: Text
    site_description: Text
    publisher: Text
    editorial_contact: Text
    repo_url: Url | None = None
    reviewers: dict[str, Reviewer] = Field(min_length=1)
    disclaimer: Text
    review_interval_months: int = Field(default=12, ge=1, le=36)
    readability_max_grade: float = Field(default=8, gt=0, le=20)
    about: list[AboutItem] = Field(default_factory=list)
    nav: list[str] = Field(min_length=1)


class Source(_Strict):
    """One source, cited by its id (the file name without .yml)."""

    id: str
    kind: Literal[SOURCE_KINDS]  # type: ignore[valid-type]
    type: str = "webpage"
    title: Text
    author: list[Person] | Literal["no author named"]
    #: True when the source has more authors than the record lists ("et al.").
    more_authors: bool = False
    container_title: Text | None = Field(default=None, alias="container-title")
    publisher: Text | None = None
    volume: str | None = None
    issue: str | None = None
    page: str | None = None
    number: str | None = None
    issued: SourceDate
    updated: SourceDate | None = None
    accessed: IsoDate
    DOI: Doi | None = None
    PMID: Pmid | None = None
    URL: Url | None = None
    note: Text
    conflicts: Text

    @property
    def link(self) -> str | None:
        """The best web address for the source: its DOI, else its URL."""
        if self.DOI:
            return f"https://doi.org/{self.DOI}"
        return self.URL


Certainty = Literal["high", "moderate", "low", "very low"]
SourceIds = Annotated[list[str], Field(min_length=1)]


class EvidenceClaim(_Strict):
    """One "How sure are we?" box: a claim in GRADE words and the evidence behind it."""

    claim: Text
    certainty: Certainty
    based_on: Text
    why: Text
    sources: SourceIds


class IconGroup(_Strict):
    label: Text
    per_100: int = Field(ge=0, le=100)


class IconArray(_Strict):
    """Out of 100 people like those in a study, how many had an outcome, per group."""

    title: Text
    outcome: Text
    groups: list[IconGroup] = Field(min_length=1, max_length=4)
    study_size: Text
    limits: Text
    sources: SourceIds


class TimelineEvent(_Strict):
    label: Text
    start: float = Field(alias="from", ge=0)
    end: float | None = Field(default=None, alias="to")
    text: Text


class Timeline(_Strict):
    title: Text
    unit: Literal["days", "weeks", "months"]
    length: float = Field(gt=0)
    events: list[TimelineEvent] = Field(min_length=1)
    note: Text | None = None
    sources: SourceIds


class Figures(_Strict):
    icon_arrays: dict[str, IconArray] = Field(default_factory=dict)
    timelines: dict[str, Timeline] = Field(default_factory=dict)


@dataclass(frozen=True)
class Marker:
    """A `[[kind:id]]` line in a page, replaced by a box or a picture."""

    kind: str
    id: str
    line: int


class Change(_Strict):
    """One entry of a page's change log: what changed for visitors, and when."""

    date: IsoDate
    summary: Text


class PageMeta(_Strict):
    """A page's front matter."""

    title: Text
    nav_title: Text
    description: Text
    last_reviewed: IsoDate
    next_review_due: IsoDate | None = None
    reviewed_by: Text
    key_points: list[Text] = Field(default_factory=list)
    #: What changed on this page and when, newest first or in any order.
    changes: list[Change] = Field(default_factory=list)
    #: Rank this page higher (above 1) or lower (below 1) in the site's search results.
    search_boost: float | None = Field(default=None, gt=0, le=10)


class GlossaryEntry(_Strict):
    term: Text
    definition: Text


@dataclass(frozen=True, slots=True)
class Citation:
    """One `@key` inside a `[@...]` citation, where it stands in its file."""

    key: str
    line: int
    column: int


@dataclass(frozen=True)
class FaqEntry:
    question: str
    answer: str
    line: int


@dataclass
class Page:
    """A page of the site: front matter, Markdown body, and where they came from."""

    name: str
    path: str
    meta: PageMeta
    body: str
    body_first_line: int
    next_review_due: date
    citations: list[Citation] = field(default_factory=list)
    key_point_lines: list[int] = field(default_factory=list)
    markers: list[Marker] = field(default_factory=list)

    @property
    def output_name(self) -> str:
        """The file in docs/ this page becomes."""
        return "index.md" if self.name == "overview" else f"{self.name}.md"


@dataclass
class Content:
    """Everything in content_src/, loaded and checked field by field."""

    settings: SiteSettings
    sources: dict[str, Source]
    pages: list[Page]
    glossary: list[GlossaryEntry]
    source_paths: dict[str, str] = field(default_factory=dict)
    settings_path: str = "content_src/site.yml"
    #: Names of all page files, including any that could not be loaded.
    page_files: frozenset[str] = frozenset()
    evidence: dict[str, EvidenceClaim] = field(default_factory=dict)
    figures: Figures = field(default_factory=Figures)
    #: Ids of all source files, including any that could not be loaded.
    source_files: frozenset[str] = frozenset()

    def page(self, name: str) -> Page | None:
        return next((p for p in self.pages if p.name == name), None)


def is_valid_id(text: str) -> bool:
    return bool(_ID.fullmatch(text))


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


def format_day(day: date) -> str:
    """22 November 2026, as the NHS writes dates."""
    return f"{day.day} {calendar.month_name[day.month]} {day.year}"


def add_months(start: date, months: int) -> date:
    """The same day `months` later, or the month's last day when it is shorter."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))
