"""The schemas of the content files: site settings, sources, front matter, glossary, data.

Field names of sources follow CSL-JSON (the format reference managers export), so a record
exported from Zotero maps onto ours. Every model is frozen and, once loaded, knows the line
of each of its fields (see origin.py).
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import Field, PlainValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

from sitegen.content.fields import (
    Doi,
    Id,
    IsoDate,
    Month,
    Pmid,
    SourceDate,
    Text,
    Url,
)
from sitegen.content.origin import Record, record
from sitegen.content.people import Policies
from sitegen.content.text import Markdown
from sitegen.content.words import SOURCE_KINDS

#: How a draft says that a person must still choose its kind (sitegen check fails on it).
KIND_TODO = "TODO: what kind of source this is, one of the kinds in content_src/README.md"


def _kind(value: object) -> str:
    """One of SOURCE_KINDS, or, in a draft, a TODO (which the check reports as a draft)."""
    if isinstance(value, str) and (value in SOURCE_KINDS or value.startswith("TODO")):
        return value
    expected = ", ".join(f"'{kind}'" for kind in SOURCE_KINDS)
    raise PydanticCustomError("literal_error", "Input should be {expected}", {"expected": expected})


SourceKind = Annotated[
    str, PlainValidator(_kind), WithJsonSchema({"enum": [*SOURCE_KINDS, KIND_TODO]})
]


@record
class Person(Record):
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


@record
class AboutItem(Record):
    """What the site is about, as schema.org types it (for structured data)."""

    type: Literal["Drug", "MedicalCondition", "MedicalTherapy"] = Field(alias="@type")
    name: Text


@record
class DecisionAid(Record):
    """Where the site meets the decision-aid standards that a section of text meets: each
    a page and heading, as in overview.md#the-decision (see sitegen/checks/ipdas.py)."""

    condition: Text
    decision: Text
    update_policy: Text
    funding: Text


@record
class SiteSettings(Record):
    publisher: Text
    editorial_contact: Text | None = None
    repo_url: Url | None = None
    #: Who pays, advertising, conflicts, how pages are written and kept up to date, and where
    #: to report a problem (see content/people.py).
    policies: Policies | None = None
    disclaimer: Markdown
    review_interval_months: int = Field(default=12, ge=1, le=36)
    readability_max_grade: float = Field(default=8, gt=0, le=20)
    about: list[AboutItem] = Field(default_factory=list)
    decision_aid: DecisionAid | None = None


@record
class Source(Record):
    """One source, cited by its id (the file name without .yml)."""

    id: Id
    kind: SourceKind
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
    note: Markdown
    conflicts: Markdown


Certainty = Literal["high", "moderate", "low", "very low"]
SourceIds = Annotated[list[str], Field(min_length=1)]


@record
class EvidenceClaim(Record):
    """One "How sure are we?" box: a claim in GRADE words and the evidence behind it."""

    claim: Markdown
    certainty: Certainty
    based_on: Markdown
    why: Markdown
    sources: SourceIds


@record
class IconGroup(Record):
    label: Text
    per_100: int = Field(ge=0, le=100)


@record
class IconArray(Record):
    """Out of 100 people like those in a study, how many had an outcome, per group."""

    title: Text
    outcome: Text
    groups: list[IconGroup] = Field(min_length=1, max_length=4)
    study_size: Markdown
    limits: Markdown
    sources: SourceIds


@record
class TimelineEvent(Record):
    label: Text
    start: float = Field(alias="from", ge=0, le=1000)
    end: float | None = Field(default=None, alias="to", ge=0, le=1000)
    text: Text


@record
class Timeline(Record):
    title: Text
    unit: Literal["days", "weeks", "months"]
    length: float = Field(gt=0, le=200)
    events: list[TimelineEvent] = Field(min_length=1)
    note: Markdown | None = None
    sources: SourceIds


@record
class Figures(Record):
    icon_arrays: dict[str, IconArray] = Field(default_factory=dict)
    timelines: dict[str, Timeline] = Field(default_factory=dict)


@record
class Change(Record):
    """One entry of a page's change log: what changed for visitors, and when."""

    date: IsoDate
    summary: Markdown


@record
class PageMeta(Record):
    """A page's front matter."""

    title: Text
    description: Text
    last_reviewed: IsoDate
    next_review_due: IsoDate | None = None
    reviewed_by: Text
    #: Who wrote the page: an id in people.yml.
    written_by: Text | None = None
    #: The month the evidence behind the page was last searched.
    evidence_searched: Month | None = None
    key_points: list[Markdown] = Field(default_factory=list)
    #: What changed on this page and when, newest first or in any order.
    changes: list[Change] = Field(default_factory=list)
    #: Rank this page higher (above 1) or lower (below 1) in the site's search results.
    search_boost: float | None = Field(default=None, gt=0, le=10)
    #: Show this box of urgent-help.yml, in short, at the top of the page (before the key
    #: points), so that it is on the first screen of a phone.
    urgent_help: str | None = None


@record
class UrgentHelp(Record):
    """When to get help now, and when soon (content_src/urgent-help.yml, by id): drawn in
    full by [[urgent-help:id]], and in short at the top of pages that ask for it."""

    #: One or two sentences for the top of a page: the most urgent signs and what to do.
    summary: Markdown
    #: "Get medical help straight away if:"
    emergency_heading: Text
    emergency: list[Markdown] = Field(min_length=1)
    #: Where to go, with its sources: "In the US, call 911 ...".
    emergency_where: Markdown
    #: "See a doctor the same day if:"
    soon_heading: Text
    soon: list[Markdown] = Field(min_length=1)
    soon_where: Markdown


@record
class GlossaryEntry(Record):
    term: Text
    definition: Text
