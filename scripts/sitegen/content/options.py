"""The schema of an option file (content_src/options/ID.yml) and of guidelines.yml.

Every treatment option answers the same questions, in the same units, so that the site can
compare them fairly: what it is and how it works, what it involves, its benefit and harms
as numbers with a comparator (or a dated "no good evidence found"), what each guideline says,
cost, and when and where its evidence was last searched. Rules that need more than one
field (a number needs its comparator and a source) are in sitegen/checks/options.py.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from sitegen.content.fields import IsoDate, Month, Text
from sitegen.content.origin import Record, record
from sitegen.content.schema import Certainty, SourceIds
from sitegen.content.text import Markdown

Condition = Literal["low-back", "neck"]
CONDITIONS: tuple[Condition, ...] = ("low-back", "neck")
CONDITION_NAMES = {"low-back": "long-term low back pain", "neck": "long-term neck pain"}
OptionGroup = Literal[
    "waiting", "without-drugs", "medicines", "injections-and-procedures", "surgery"
]
Verdict = Literal[
    "recommends",
    "suggests",
    "neutral",
    "suggests-against",
    "advises-against",
    "not-covered",
    "not-confirmed",
]
Measure = Literal["per-100", "pain-score", "pain-difference"]
#: The headings of every option's page, in order: the same for every option.
OPTION_SECTIONS = {
    "what": "What it is",
    "involves": "What it involves",
    "works": "How well it works",
    "risks": "Its risks",
    "common": "Common side effects",
    "serious": "Serious harms",
    "guidelines": "What the guidelines say",
    "cost": "Cost and insurance",
    "search": "How we found this evidence",
}
RatedCertainty = Certainty | Literal["not rated"]
Per100 = Annotated[float, Field(ge=0, le=100)]
Difference = Annotated[float, Field(ge=-100, le=100)]


@record
class Result(Record):
    """What happened with the option and with what it was compared with, at a time point.

    Either numbers (`measure` with `with_option` and `with_comparator`, or `difference`),
    or `no_good_evidence` saying what was looked for and not found, with the month searched.
    """

    outcome: Text | None = None
    measure: Measure | None = None
    with_option: Per100 | None = None
    with_comparator: Per100 | None = None
    difference: Difference | None = None
    comparator: Text | None = None
    #: Points on the 0-100 scale that people notice, as the source says.
    noticeable_change: Per100 | None = None
    noticeable_source: list[str] = Field(default_factory=list)
    time_point: Text | None = None
    people: Text | None = None
    certainty: RatedCertainty | None = None
    claim: Markdown | None = None
    #: Other results that put the number in context.
    other_results: Markdown | None = None
    sources: list[str] = Field(default_factory=list)
    no_good_evidence: Markdown | None = None
    searched: Month | None = None

    @property
    def has_numbers(self) -> bool:
        return self.measure is not None


@record
class Harm(Record):
    """A harm in words, and how often it happens, with a comparator where one exists."""

    text: Markdown
    with_option: Per100 | None = None
    with_comparator: Per100 | None = None
    comparator: Text | None = None
    #: What the rate counts, as it follows "About 9 in 100 people ...": "stopped because
    #: of side effects". Needed with a rate, so that no number stands without its meaning.
    counted: Text | None = None
    sources: list[str] = Field(default_factory=list)
    no_good_evidence: Markdown | None = None
    searched: Month | None = None


@record
class Harms(Record):
    common: Harm
    serious: Harm


@record
class Involves(Record):
    visits: Markdown
    until_it_helps: Markdown
    how_long_it_lasts: Markdown
    #: What it is like to live with: time off, recovery, driving, what a session is like.
    day_to_day: Markdown | None = None


@record
class Position(Record):
    """What one guideline says about the option."""

    verdict: Verdict
    text: Markdown


@record
class EvidenceSearch(Record):
    searched: Month
    places: list[Text] = Field(alias="where", min_length=1)
    by: Text


@record
class Option(Record):
    """One treatment option (or waiting), answering every question the site asks."""

    id: str
    name: Text
    short_name: Text
    #: The short name inside a sentence, when it is not the short name with a small first
    #: letter: "Botox" (a brand name), where "Exercise" becomes "exercise" by itself.
    in_a_sentence: Text | None = None
    group: OptionGroup
    #: Other names visitors know it by, shown on its page (and so found by search):
    #: "physical therapy", "chiropractic".
    also_called: list[Text] = Field(default_factory=list)
    #: Rank the option's page higher (above 1) or lower (below 1) in search results.
    search_boost: float = Field(default=0.8, gt=0, le=10)
    #: A box of content_src/urgent-help.yml whose summary opens the option's page.
    urgent_help: str | None = None
    conditions: list[Condition] = Field(min_length=1)
    description: Text
    last_reviewed: IsoDate
    reviewed_by: Text
    #: Who wrote the option's page: an id in people.yml.
    written_by: Text | None = None
    what_it_is: Markdown
    how_it_works: Markdown
    involves: Involves
    benefit: dict[Condition, Result]
    harms: Harms
    guidelines: dict[Condition, dict[str, Position]]
    cost: Markdown
    insurance: Markdown
    evidence_search: EvidenceSearch


def name_in_sentence(option: Option) -> str:
    """The option's short name as it reads inside a sentence."""
    if option.in_a_sentence:
        return option.in_a_sentence
    name = option.short_name
    first = name.split(" ", 1)[0]
    return name if first[1:] != first[1:].lower() else name[:1].lower() + name[1:]


@record
class Guideline(Record):
    """A guideline whose advice each option reports (content_src/guidelines.yml)."""

    name: Text
    short_name: Text
    country: Text
    year: int = Field(ge=1990, le=2100)
    conditions: list[Condition] = Field(min_length=1)
    source: str


@record
class Value(Record):
    """Something that may matter to a person, and the options that fit it."""

    matters: Text
    options: list[str] = Field(min_length=1)
    note: Markdown | None = None


@record
class QuizItem(Record):
    """A question to check understanding, and its answer (which links and cites)."""

    question: Text
    answer: Markdown


@record
class WeighUp(Record):
    """Help to weigh the options up (content_src/weigh-up.yml): what matters most, by list,
    and questions to check understanding, by quiz."""

    values: dict[str, list[Value]] = Field(default_factory=dict)
    quizzes: dict[str, list[QuizItem]] = Field(default_factory=dict)


__all__ = [
    "CONDITIONS",
    "CONDITION_NAMES",
    "Condition",
    "EvidenceSearch",
    "Guideline",
    "Harm",
    "Harms",
    "Involves",
    "Month",
    "Option",
    "Position",
    "QuizItem",
    "Result",
    "SourceIds",
    "Value",
    "WeighUp",
    "name_in_sentence",
]
