"""Which glossary terms a page uses, and links from their first use to their definitions."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable

from sitegen.content.markdown import slugify
from sitegen.content.schema import GlossaryEntry
from sitegen.render.escaping import one_line

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
        #: Each spelling's id on the glossary page: the id of the term as defined.
        self.anchors = {
            spelling: slugify(entry.term)
            for entry in glossary
            for spelling in _spellings(entry.term)
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


#: Lines a glossary link never goes in: headings, box and fold titles, tables, footnotes,
#: abbreviations, raw HTML, attribute lists and rules.
_SKIPPED_LINE = re.compile(r"[ \t]*(#|!!!|\?\?\?|\||\[\^|\*\[|<|\{|---|```|~~~)")
#: Spans inside a line that a glossary link never goes in: code, links (their text and
#: address), footnote references, HTML tags, attribute lists and bare web addresses.
_PROTECTED = re.compile(
    r"`[^`\n]*`|!?\[[^\]\n]*\]\([^)\n]*\)|\[\^[^\]\n]+\]|<[^>\n]*>|\{[^}\n]*\}|https?://\S+"
)
_FENCE = re.compile(r"[ \t]*(```|~~~)")


def _free_spans(text: str) -> list[tuple[int, int]]:
    """The parts of `text` where a glossary link may go, as (start, end)."""
    spans: list[tuple[int, int]] = []
    offset, fenced = 0, False
    for line in text.splitlines(keepends=True):
        if _FENCE.match(line):
            fenced = not fenced
        elif not fenced and not _SKIPPED_LINE.match(line):
            position = 0
            for match in _PROTECTED.finditer(line):
                spans.append((offset + position, offset + match.start()))
                position = match.end()
            spans.append((offset + position, offset + len(line)))
        offset += len(line)
    return [(start, end) for start, end in spans if end > start]


def link_first_uses(
    text: str, terms: list[tuple[str, str]], glossary_page: str, anchors: dict[str, str]
) -> str:
    """Each glossary term's first use in the prose of `text` as a link to its definition,
    with the definition as the link's title (a tooltip on hover and focus); later uses, and
    uses in headings, tables, links and citations, are left as they are.

    `terms` are (spelling, definition) as found in the text; `anchors` gives each
    spelling's id on the glossary page."""
    free = _free_spans(text)
    starts = [start for start, _ in free]
    taken: list[tuple[int, int]] = []
    first: dict[str, tuple[int, int, str, str]] = {}  # by anchor: "Chronic" or "chronic"
    for spelling, definition in sorted(terms, key=lambda item: (-len(item[0]), item[0])):
        found = _first_free_use(text, spelling, free, starts, taken)
        if found is not None:
            anchor = anchors[spelling]
            if anchor not in first or found < first[anchor][0]:
                first[anchor] = (found, found + len(spelling), spelling, definition)
        chosen_span = first.get(anchors[spelling])
        if chosen_span is not None and chosen_span[2] == spelling:
            taken.append(chosen_span[:2])
    pieces: list[str] = []
    done = 0
    for start, end, spelling, definition in sorted(first.values()):  # spans never overlap
        # The title on one line: a line break in it would end the link's line, and a code
        # fence on the next one would start a block of code in the middle of the link.
        title = one_line(definition).replace("\\", "\\\\").replace('"', "&quot;")
        link = f'[{text[start:end]}]({glossary_page}#{anchors[spelling]} "{title}"){{ .term }}'
        pieces += [text[done:start], link]
        done = end
    return "".join([*pieces, text[done:]])


def _first_free_use(
    text: str,
    spelling: str,
    free: list[tuple[int, int]],
    starts: list[int],
    taken: list[tuple[int, int]],
) -> int | None:
    """Where `spelling` is first used as a whole word inside one of the `free` spans (whose
    starts are `starts`), clear of the `taken` ones; None when it is not."""
    at = text.find(spelling)
    while at != -1:
        after = at + len(spelling)
        span = bisect.bisect_right(starts, at) - 1
        inside = span >= 0 and after <= free[span][1]
        whole = (at == 0 or not _WORD_CHARACTER.match(text, at - 1)) and (
            after == len(text) or not _WORD_CHARACTER.match(text, after)
        )
        if inside and whole and not any(a < after and at < b for a, b in taken):
            return at
        at = text.find(spelling, at + 1)
    return None
