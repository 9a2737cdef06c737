"""Which glossary terms a page uses, for its tooltips."""

from __future__ import annotations

import re
from collections.abc import Iterable

from sitegen.content.schema import GlossaryEntry

_WORD = re.compile(r"[\w-]+")
_WORD_CHARACTER = re.compile(r"[\w-]")


def _spellings(term: str) -> list[str]:
    """The term as defined, and with a capital first letter (at the start of a sentence)."""
    capitalised = term[:1].upper() + term[1:]
    return [term] if capitalised == term else [term, capitalised]


class GlossaryIndex:
    """Finds which glossary terms a text uses, as whole words, at any glossary size.

    A term matches as defined, or with a capital first letter. Each text is split into
    words once. A one-word term is in the text when it is one of those words; a longer
    term is looked for only when its first word is one of them.
    """

    def __init__(self, glossary: Iterable[GlossaryEntry]) -> None:
        self.definitions = {
            spelling: entry.definition for entry in glossary for spelling in _spellings(entry.term)
        }
        self.single_words = {s for s in self.definitions if _WORD.fullmatch(s)}
        self.by_first_word: dict[str, list[str]] = {}
        for spelling in self.definitions.keys() - self.single_words:
            first = _WORD.match(spelling)
            self.by_first_word.setdefault(first.group(0) if first else spelling, []).append(
                spelling
            )

    @staticmethod
    def _occurs(spelling: str, text: str) -> bool:
        """Whether `spelling` is in `text` with no letter, digit, _ or - either side."""
        start = text.find(spelling)
        while start != -1:
            end = start + len(spelling)
            if (start == 0 or not _WORD_CHARACTER.match(text, start - 1)) and (
                end == len(text) or not _WORD_CHARACTER.match(text, end)
            ):
                return True
            start = text.find(spelling, start + 1)
        return False

    def terms_in(self, *texts: str) -> list[tuple[str, str]]:
        """The glossary terms in any of `texts`, as (term, definition), sorted."""
        words = {match.group() for text in texts for match in _WORD.finditer(text)}
        found = words & self.single_words
        for word in words & self.by_first_word.keys():
            found.update(
                s for s in self.by_first_word[word] if any(self._occurs(s, t) for t in texts)
            )
        return [(term, self.definitions[term]) for term in sorted(found)]
