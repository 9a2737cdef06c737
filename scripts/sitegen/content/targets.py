"""What a marker in a page draws: the data behind [[compare:...]], [[values:...]],
[[quiz:...]] and the other markers."""

from __future__ import annotations

from dataclasses import dataclass

from sitegen.content.options import Option, QuizItem, Value
from sitegen.content.schema import EvidenceClaim, IconArray, Timeline, UrgentHelp


@dataclass(frozen=True)
class Comparison:
    """The options for one condition, compared: what a [[compare:low-back]] marker draws."""

    condition: str
    options: tuple[Option, ...]


@dataclass(frozen=True)
class ValueList:
    """What may matter to a person, each with the options that fit it: [[values:id]]."""

    items: tuple[Value, ...]


@dataclass(frozen=True)
class Quiz:
    """Questions to check understanding: [[quiz:id]]."""

    items: tuple[QuizItem, ...]


MarkerTarget = (
    EvidenceClaim | IconArray | Timeline | Option | Comparison | ValueList | Quiz | UrgentHelp
)
