"""One page of docs/: title, key points, body, sources, review dates, disclaimer, tooltips."""

from __future__ import annotations

import hashlib
import importlib.metadata
import platform
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from sitegen.cache import CACHE_DIR, ResultCache
from sitegen.content.code import mask_code
from sitegen.content.layout import FAQ_PAGE, GLOSSARY_PAGE, SOURCES_PAGE, output_name
from sitegen.content.markdown import Marker
from sitegen.content.model import Content, Page
from sitegen.content.options import Option
from sitegen.content.schema import (
    EvidenceClaim,
    GlossaryEntry,
    IconArray,
    Timeline,
    UrgentHelp,
)
from sitegen.content.targets import Comparison, Quiz, ValueList
from sitegen.content.text import MarkdownText
from sitegen.render.compare import compare_markdown, quiz_markdown, values_markdown
from sitegen.render.figures import evidence_box, icon_array, timeline
from sitegen.render.glossary import GlossaryIndex, link_first_uses
from sitegen.render.inline import render_markdown
from sitegen.render.lists import GENERATED_LISTS
from sitegen.render.options import option_markdown
from sitegen.render.references import full_reference, plain_reference
from sitegen.render.structured import faq_answers_as_text, json_ld
from sitegen.render.templating import render_template
from sitegen.render.trust import footer_lines
from sitegen.render.urgent import urgent_boxes, urgent_summary

_BLANK_LINES = re.compile(r"\n{3,}")
#: Change this when the same text would give other glossary terms or plain text.
_RENDER_CACHE_VERSION = "2"


@dataclass(frozen=True)
class SiteIndex:
    """What rendering any page looks up in the whole site, built once for all pages, and
    what earlier runs worked out (`cache`: see render_cache())."""

    glossary: GlossaryIndex
    #: Each page's file in docs/, by its name.
    outputs: Mapping[str, str]
    #: Each source's full reference, as Markdown (links marked as external) and as plain text.
    references: Mapping[str, str]
    plain_references: Mapping[str, str]
    cache: ResultCache

    @classmethod
    def of(cls, content: Content, cache: ResultCache | None = None) -> SiteIndex:
        sources = content.sources.items()
        return cls(
            GlossaryIndex(content.glossary),
            {page.name: page.output_name for page in content.pages},
            {key: full_reference(source) for key, source in sources},
            {key: plain_reference(source) for key, source in sources},
            cache or ResultCache(None, ""),
        )

    def inline(self, text: str) -> str:
        """A Markdown text of the content, ready for a page of docs/."""
        markdown = text if isinstance(text, MarkdownText) else MarkdownText(text)
        return render_markdown(markdown, self.outputs)

    def glossary_terms(self, *texts: str) -> list[tuple[str, str]]:
        """The glossary terms the texts use (kept in the cache by the texts)."""
        key = self.cache.key("glossary terms", *texts)
        stored = self.cache.get(key)
        if isinstance(stored, list) and all(term in self.glossary.definitions for term in stored):
            return [(term, self.glossary.definitions[term]) for term in stored]
        found = self.glossary.terms_in(*texts)
        self.cache.put(key, [term for term, _ in found])
        return found

    def faq_answers(self, page: Page) -> list[tuple[str, str]]:
        """The FAQ's questions and answers as plain text (kept in the cache by the page)."""
        key = self.cache.key("faq answers", page.body)
        stored = self.cache.get(key)
        if isinstance(stored, list) and all(
            isinstance(pair, list) and len(pair) == 2 and all(isinstance(t, str) for t in pair)
            for pair in stored
        ):
            return [(question, answer) for question, answer in stored]
        found = faq_answers_as_text(page)
        self.cache.put(key, [list(pair) for pair in found])
        return found


def render_cache(project_root: Path, glossary: Iterable[GlossaryEntry]) -> ResultCache:
    """What rendering keeps between runs: the glossary terms each page uses and the FAQ's
    answers as plain text, for one glossary (its terms) and one version of Markdown and
    Python. At ten times the real content they are a third of a run that changed nothing."""
    terms = hashlib.sha256("\0".join(sorted(e.term for e in glossary)).encode()).hexdigest()
    versions = f"{platform.python_version()} markdown {importlib.metadata.version('markdown')}"
    salt = f"{_RENDER_CACHE_VERSION} {versions} glossary {terms}"
    return ResultCache(project_root / CACHE_DIR / "render.json", salt)


def _draw(marker: Marker, content: Content, index: SiteIndex) -> str:
    target = content.marker_target(marker)
    if isinstance(target, EvidenceClaim):
        return evidence_box(target, index.inline)
    if isinstance(target, IconArray):
        return icon_array(marker.id, target, index.inline)
    if isinstance(target, Option):
        return option_markdown(target, content, index.inline)
    if isinstance(target, Comparison):
        return compare_markdown(target, content, index.inline)
    if isinstance(target, ValueList):
        return values_markdown(target, content, index.inline)
    if isinstance(target, Quiz):
        return quiz_markdown(target, index.inline)
    if isinstance(target, UrgentHelp):
        return urgent_boxes(target, index.inline)
    assert isinstance(target, Timeline), f"marker {marker.kind}:{marker.id} has no data"
    return timeline(marker.id, target, index.inline)


_FOOTNOTE_REF = re.compile(r"\[\^([^\]\s]+)\]")


def footnote_order(texts: list[str], sources: Mapping[str, object]) -> list[str]:
    """The sources in the order the page first refers to them: footnotes are numbered in
    the order they are listed, so this keeps the numbers in reading order."""
    seen: dict[str, None] = {}
    for text in texts:
        for match in _FOOTNOTE_REF.finditer(mask_code(text)):
            if match[1] in sources:
                seen.setdefault(match[1], None)
    return list(seen)


def page_markdown(page: Page, content: Content, index: SiteIndex) -> str:
    """The page body as docs/ shows it: markers drawn, citations as footnote references,
    links pointing at the generated files, checklist boxes in place."""
    return render_markdown(
        page.body,
        index.outputs,
        draw=lambda marker: _draw(marker, content, index),
        checklists=True,
    ).strip("\n")


def render_page(page: Page, content: Content, index: SiteIndex) -> str:
    """The text of the page's file in docs/, without the generated-file header."""
    make_list = GENERATED_LISTS.get(page.name)
    extra = make_list(content, index.inline) if make_list else ""
    body = page_markdown(page, content, index)
    key_points = [index.inline(point) for point in page.meta.key_points]
    urgent_help = content.urgent_help.get(page.meta.urgent_help or "")
    urgent = urgent_summary(urgent_help, index.inline, page.name) if urgent_help else ""
    cited = footnote_order([urgent, *key_points, body], content.sources)
    sources_page = output_name(SOURCES_PAGE)
    footnotes = [
        (key, f"{index.references[key]} [More about this source]({sources_page}#{key})")
        for key in cited
    ]
    settings = content.settings
    searched = page.meta.evidence_searched
    text = render_template(
        "page.md.j2",
        page=page,
        body=body,
        extra=extra,
        # A contents list of every source would be longer than the page's own headings.
        hide_toc=page.name == SOURCES_PAGE,
        key_points=key_points,
        urgent=urgent,
        footnotes=footnotes,
        sources_page=sources_page,
        disclaimer=index.inline(settings.disclaimer),
        footer=footer_lines(page, content, f"{searched:%B %Y}" if searched else None),
        json_ld=json_ld(
            page,
            content,
            [index.plain_references[key] for key in cited],
            index.faq_answers(page) if page.name == FAQ_PAGE else None,
        ),
    )
    if page.name not in _NO_GLOSSARY_LINKS:
        terms = index.glossary_terms(urgent, *key_points, body, extra)
        text = _link_glossary(text, terms, index.glossary)
    del body, extra  # the largest pages run to megabytes: keep one copy at a time
    return _BLANK_LINES.sub("\n\n", text)  # (front matter has no blank lines to merge)


#: The Glossary defines the terms; the Sources page is a list of titles and notes.
_NO_GLOSSARY_LINKS = frozenset({GLOSSARY_PAGE, SOURCES_PAGE})
#: Where a page's prose ends: its sources, or else its footer.
_PROSE_END = re.compile(r"^## Sources for this page\b|^Page last reviewed: ", re.M)


def _link_glossary(text: str, terms: list[tuple[str, str]], glossary: GlossaryIndex) -> str:
    """The first use of each term in the page's prose, linked to its definition."""
    if not terms:
        return text
    start = text.index("\n# ") + 1
    start = text.index("\n", start) + 1  # after the title
    end_match = _PROSE_END.search(text, start)
    end = end_match.start() if end_match else len(text)
    prose = link_first_uses(text[start:end], terms, output_name(GLOSSARY_PAGE), glossary.anchors)
    return text[:start] + prose + text[end:]
