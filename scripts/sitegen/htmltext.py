"""The one way HTML becomes text here: for structured data, readability, and saved articles.

Character references (&amp;, &nbsp;, &#8217; ...) are turned into characters, whitespace is
collapsed, and the text is cut into blocks at the elements that start a new block.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from functools import lru_cache
from html.parser import HTMLParser
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import markdown

_SPACE_BEFORE_STOP = re.compile(r" ([.,;:!?])")


class TextCollector(HTMLParser):
    """Collects the text of HTML in blocks.

    `blocks`: the elements that start and end a block (None: every element does).
    `skip`: elements whose text is left out, with everything inside them.
    `skip_classes`: elements with one of these classes are left out too.
    """

    def __init__(
        self,
        blocks: Collection[str] | None = None,
        skip: Collection[str] = (),
        skip_classes: Collection[str] = (),
    ) -> None:
        super().__init__(convert_charrefs=True)
        self.block_tags = None if blocks is None else frozenset(blocks)
        self.skip = frozenset(skip)
        self.skip_classes = frozenset(skip_classes)
        self.blocks: list[str] = []
        self._current: list[str] = []
        self._skipping: list[str] = []

    def _skipped(self, tag: str, attrs: list[tuple[str, str | None]]) -> bool:
        if tag in self.skip:
            return True
        classes = (dict(attrs).get("class") or "").split()
        return any(name in self.skip_classes for name in classes)

    def _is_block(self, tag: str) -> bool:
        return self.block_tags is None or tag in self.block_tags

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._skipped(tag, attrs):
            self._skipping.append(tag)
        elif self._is_block(tag):
            self.flush()

    def handle_endtag(self, tag: str) -> None:
        if self._skipping and tag == self._skipping[-1]:
            self._skipping.pop()
        elif self._is_block(tag):
            self.flush()

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self._current.append(data)

    def flush(self) -> None:
        text = " ".join("".join(self._current).split())
        self._current = []
        if text:
            self.blocks.append(text)

    def close(self) -> None:
        super().close()
        self.flush()


def html_blocks(
    html: str,
    blocks: Collection[str] | None = None,
    skip: Collection[str] = (),
    skip_classes: Collection[str] = (),
) -> list[str]:
    """The text of `html` in blocks (see TextCollector)."""
    collector = TextCollector(blocks, skip, skip_classes)
    collector.feed(html)
    collector.close()
    return collector.blocks


def html_to_text(html: str) -> str:
    """All the text of `html` on one line, as a reader sees it."""
    return _SPACE_BEFORE_STOP.sub(r"\1", " ".join(html_blocks(html)))


@lru_cache(maxsize=4)
def _converter(extensions: tuple[str, ...]) -> markdown.Markdown:
    """One Markdown converter per set of extensions, reset before each use: making one takes
    longer than using it, and a new one per page leaves cycles for the garbage collector.
    `extensions` are short names of Markdown's own extensions ("tables", not a package's
    dotted path), made here directly: naming them to Markdown would make it look through
    every installed package for them first."""
    import importlib

    import markdown

    made = [importlib.import_module(f"markdown.extensions.{name}") for name in extensions]
    return markdown.Markdown(extensions=[module.makeExtension() for module in made])


def markdown_to_html(text: str, extensions: tuple[str, ...] = ()) -> str:
    return _converter(extensions).reset().convert(text)
