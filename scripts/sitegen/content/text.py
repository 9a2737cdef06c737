"""Texts written in Markdown: a field's text, and a page's body, each scanned when asked."""

from __future__ import annotations

import functools
from typing import Annotated, Any

from pydantic import PlainValidator, WithJsonSchema

from sitegen.content.markdown import Scan, scan


class MarkdownText(str):
    """A field's text, written in Markdown (it may cite sources). Its scan is worked out
    when asked (most such texts are a sentence or two without a bracket)."""

    __slots__ = ()

    @property
    def first_line(self) -> int:
        return 1

    @property
    def scan(self) -> Scan:
        return _scan_of(str(self))


@functools.lru_cache(maxsize=4096)
def _scan_of(text: str) -> Scan:
    return scan(text)


class PageBody(MarkdownText):
    """A page's Markdown, which starts on line `first_line` of its file; scanned once."""

    __slots__ = ("__dict__",)

    def __new__(cls, text: str, first_line: int) -> PageBody:
        made = super().__new__(cls, text)
        made.__dict__["first_line"] = first_line
        return made

    @property
    def first_line(self) -> int:
        line: int = self.__dict__["first_line"]
        return line

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled as its text and first line (its scan is made again when asked)."""
        return (PageBody, (str(self), self.first_line))

    @functools.cached_property
    def scan(self) -> Scan:
        return scan(str(self), self.first_line)


def _markdown(value: object) -> MarkdownText:
    if not isinstance(value, str):
        raise ValueError("expected text")
    if not value.strip():
        raise ValueError("must not be empty")
    # A field is one paragraph of inline Markdown, on one line: it lands inside list items,
    # boxes and table cells, where a line break would start a block of its own.
    return MarkdownText(" ".join(value.split()))


#: A text field that may use Markdown and cite sources.
Markdown = Annotated[
    MarkdownText, PlainValidator(_markdown), WithJsonSchema({"type": "string", "minLength": 1})
]
