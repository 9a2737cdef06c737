"""What rules may know besides the content: where the project is, and what day it is."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sitegen.content.layout import Project


@dataclass(frozen=True)
class Context:
    project: Project
    today: date
    #: Warnings such as overdue reviews count as errors.
    strict: bool = False
    #: Everything a real publication needs must be there (sitegen check --publish).
    publish: bool = False
