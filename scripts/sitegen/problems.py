"""Problems found in the content, told to people as `path:line[:column]: message`.

Every stage reports through this module: a rule yields Problem values, and `report()` is
the one place that prints them.
"""

from __future__ import annotations

import bisect
import difflib
import functools
import itertools
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, TextIO

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True, slots=True)
class Location:
    """A place in a file: its path as people see it, the line and (optionally) the column."""

    path: str
    line: int
    column: int | None = None

    def __str__(self) -> str:
        where = f"{safe_text(self.path)}:{self.line}"
        return where if self.column is None else f"{where}:{self.column}"


@dataclass(frozen=True)
class Problem:
    """One mistake at one place."""

    where: Location
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{self.where}: {prefix}{safe_text(self.message)}"

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.where.path, self.where.line, self.where.column or 0, self.message)


def error(where: Location, message: str) -> Problem:
    return Problem(where, message, "error")


def warning(where: Location, message: str) -> Problem:
    return Problem(where, message, "warning")


@dataclass
class Problems:
    """Every problem of a run, so that one run reports them all."""

    items: list[Problem] = field(default_factory=list)

    def add(self, problems: Iterable[Problem]) -> None:
        self.items.extend(problems)

    def error(self, where: Location, message: str) -> None:
        self.items.append(error(where, message))

    def warning(self, where: Location, message: str) -> None:
        self.items.append(warning(where, message))

    def promote_warnings(self) -> None:
        """Make every warning an error (for --strict)."""
        self.items = [Problem(p.where, p.message, "error") for p in self.items]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "error"]

    def sorted(self) -> list[Problem]:
        return sorted(set(self.items), key=lambda p: p.sort_key)


def report(problems: Problems, ending: str, stream: TextIO | None = None) -> int:
    """Print every problem, then `ending` when there are errors; return the exit status."""
    out = stream or sys.stderr
    printed = problems.sorted()
    for problem in printed:
        print(problem, file=out, flush=True)
    if problems.errors:
        count = sum(1 for problem in printed if problem.severity == "error")
        print(f"sitegen: {count} error{'s' if count != 1 else ''}; {ending}", file=out, flush=True)
        return 1
    return 0


def safe_text(text: str) -> str:
    """`text` made safe to print on one line: control and invisible format characters shown
    as \\u codes, so that nothing in a file can move the cursor, hide earlier lines in a
    terminal, or split a `path:line: message`."""
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() else f"\\u{ord(char):04x}" for char in text)


def suggest(word: str, choices: Iterable[str]) -> str:
    """' (did you mean 'x'?)' for the closest choice, or '' when nothing is close."""
    close = difflib.get_close_matches(word, sorted(set(choices)), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def display_path(path: Path, root: Path) -> str:
    """A path as people see it in messages: relative to the project when possible."""
    for candidate, base in ((path.absolute(), root.absolute()), (path.resolve(), root.resolve())):
        if candidate.is_relative_to(base):
            return candidate.relative_to(base).as_posix()
    return path.as_posix()


@functools.lru_cache(maxsize=64)
def _line_starts(text: str) -> list[int]:
    """The offset where each line of `text` starts (kept for the texts read last)."""
    return [0, *itertools.accumulate(len(line) + 1 for line in text.split("\n")[:-1])]


def position(text: str, offset: int, first_line: int = 1) -> tuple[int, int]:
    """The line and column (from 1) of `offset` in `text`, whose first line is `first_line`."""
    starts = _line_starts(text)
    index = bisect.bisect_right(starts, offset) - 1
    return first_line + index, offset - starts[index] + 1
