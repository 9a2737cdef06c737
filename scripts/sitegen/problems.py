"""Problems found in the content, reported to people as `path:line[:column]: message`."""

from __future__ import annotations

import bisect
import difflib
import functools
import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in one file, at one place."""

    path: str
    line: int
    message: str
    column: int | None = None
    severity: Severity = "error"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}"
        if self.column is not None:
            where += f":{self.column}"
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{where}: {prefix}{self.message}"


@dataclass
class Problems:
    """Collects every problem of a run, so that one run reports them all."""

    items: list[Problem] = field(default_factory=list)

    def error(self, path: str, line: int, message: str, column: int | None = None) -> None:
        self.items.append(Problem(path, line, message, column, "error"))

    def warning(self, path: str, line: int, message: str, column: int | None = None) -> None:
        self.items.append(Problem(path, line, message, column, "warning"))

    def extend(self, other: Iterable[Problem]) -> None:
        self.items.extend(other)

    def promote_warnings(self) -> None:
        """Make every warning an error (for --strict)."""
        self.items = [Problem(p.path, p.line, p.message, p.column, "error") for p in self.items]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "warning"]

    def sorted(self) -> list[Problem]:
        return sorted(set(self.items), key=lambda p: (p.path, p.line, p.column or 0, p.message))


def suggest(word: str, choices: Iterable[str]) -> str:
    """Return ' (did you mean 'x'?)' for the closest choice, or '' when nothing is close."""
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
    """The line and column (from 1) of `offset` in `text`, whose first line is `first_line`.

    The line breaks are found once for each text, however many places are asked about.
    """
    starts = _line_starts(text)
    index = bisect.bisect_right(starts, offset) - 1
    return first_line + index, offset - starts[index] + 1
