"""Turning checked content into the Markdown files of docs/."""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import platform
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import jinja2

from sitegen.cache import CACHE_DIR, ResultCache
from sitegen.citations import replace_citations
from sitegen.figures import evidence_box, icon_array, timeline
from sitegen.links import mark_external_links, point_links_at_outputs
from sitegen.markers import expand_markers
from sitegen.model import (
    ABOUT_PAGE,
    CHANGES_PAGE,
    FAQ_PAGE,
    GLOSSARY_PAGE,
    NO_DATE,
    SOURCES_PAGE,
    Content,
    GlossaryEntry,
    Page,
    format_day,
    format_source_date,
)
from sitegen.references import full_reference, short_name, source_heading
from sitegen.structured import PlainText, json_ld
from sitegen.write import stamp

_BLANK_LINES = re.compile(r"\n{3,}")
#: Change this when the same text would give other glossary terms or plain text.
_RENDER_CACHE_VERSION = "1"

#: How the Sources page groups sources, in the order shown.
SOURCE_GROUPS: tuple[tuple[str, frozenset[str]], ...] = (
    (
        "Studies and reviews of studies",
        frozenset({"randomized trial", "systematic review", "meta-analysis"}),
    ),
    (
        "Guidelines and expert assessments",
        frozenset({"guideline", "professional society assessment"}),
    ),
    (
        "The drug label, regulators, prices and insurers",
        frozenset({"drug label", "regulatory document", "price list", "insurance policy"}),
    ),
    ("Health information for the public", frozenset({"public health information"})),
    ("Articles this site checked and corrected", frozenset({"consumer article", "clinic blog"})),
)


@dataclass(frozen=True)
class SourceEntry:
    """What the Sources page shows about one source."""

    id: str
    title: str
    reference: str
    kind: str
    published: str
    updated: str | None
    accessed: str
    note: str
    conflicts: str
    cited_on: list[Page]


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("sitegen", "templates"),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["yaml_text"] = lambda text: json.dumps(text, ensure_ascii=False)
    env.filters["day"] = format_day
    return env


_ENV = _environment()


def footnote_refs(keys: list[str]) -> str:
    return "".join(f"[^{key}]" for key in keys)


def cited_keys(page: Page) -> list[str]:
    """Sources cited on the page, in order of first citation (key points first)."""
    seen: dict[str, None] = {}
    for citation in page.citations:
        seen.setdefault(citation.key, None)
    return list(seen)


def _spellings(term: str) -> list[str]:
    """The term as defined, and with a capital first letter (at the start of a sentence)."""
    capitalised = term[:1].upper() + term[1:]
    return [term] if capitalised == term else [term, capitalised]


_WORD = re.compile(r"[\w-]+")
_WORD_CHARACTER = re.compile(r"[\w-]")


def _chunks(text: str, size: int = 1 << 16) -> Iterator[str]:
    """`text` in pieces of about `size` characters, split at line breaks.

    Listing the words of a piece at a time keeps memory small on the largest pages.
    """
    start = 0
    while start < len(text):
        end = text.find("\n", start + size)
        end = len(text) if end == -1 else end
        yield text[start:end]
        start = end + 1


class GlossaryIndex:
    """Finds which glossary terms a text uses, as whole words, at any glossary size.

    A term matches as defined, or with a capital first letter. Each text is split into
    words once. A one-word term is in the text when it is one of those words; a longer
    term is looked for only when its first word is one of them.
    """

    def __init__(self, glossary: list[GlossaryEntry], cache: ResultCache | None = None) -> None:
        """`cache` may hold the terms found in texts before (see render_cache())."""
        self.cache = cache or ResultCache(None, "")
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

    def terms_in(self, *texts: str) -> list[GlossaryEntry]:
        """The glossary terms in any of `texts`, as tooltip definitions, sorted."""
        key = self.cache.key("glossary terms", *texts)
        stored = self.cache.get(key)
        if isinstance(stored, list) and all(term in self.definitions for term in stored):
            found = set(stored)
        else:
            found = self._find(texts)
            self.cache.put(key, sorted(found))
        return [
            GlossaryEntry(term=term, definition=self.definitions[term]) for term in sorted(found)
        ]

    def _find(self, texts: tuple[str, ...]) -> set[str]:
        words: set[str] = set()
        for text in texts:
            for chunk in _chunks(text):
                words.update(_WORD.findall(chunk))
        found = words & self.single_words
        for word in words & self.by_first_word.keys():
            found.update(
                s for s in self.by_first_word[word] if any(self._occurs(s, t) for t in texts)
            )
        return found


def glossary_terms_in(text: str, glossary: list[GlossaryEntry]) -> list[GlossaryEntry]:
    """Glossary terms that appear in `text` as whole words, as tooltip definitions."""
    return GlossaryIndex(glossary).terms_in(text)


def render_marker(kind: str, key: str, content: Content) -> str:
    if kind == "evidence":
        return evidence_box(content.evidence[key])
    if kind == "icon-array":
        return icon_array(key, content.figures.icon_arrays[key])
    return timeline(key, content.figures.timelines[key])


_CHECKLIST_ITEM = re.compile(r"^([ \t]*[-*+][ \t]+)\[ \][ \t]+", re.M)
CHECKBOX = '<span class="checkbox" aria-hidden="true"></span>'


def page_markdown(page: Page, content: Content) -> str:
    """The page body with its markers drawn and checklist boxes in place, before
    citations become footnotes. `- [ ] item` is an item with a box to tick on paper."""
    body = expand_markers(
        page.body.strip("\n"), lambda kind, key: render_marker(kind, key, content)
    )
    return _CHECKLIST_ITEM.sub(lambda m: m.group(1) + CHECKBOX, body)


def _footnote(source_id: str, references: References) -> str:
    return f"{references[source_id]} [More about this source](sources.md#{source_id})"


def _reviewer_link(name: str, content: Content) -> str:
    about = content.page(ABOUT_PAGE)
    return f"[{name}]({about.output_name})" if about else name


class References(dict[str, str]):
    """Each source's full reference by its id, written once however often it is cited."""

    def __init__(self, content: Content) -> None:
        super().__init__()
        self.sources = content.sources

    def __missing__(self, key: str) -> str:
        self[key] = full_reference(self.sources[key])
        return self[key]


@dataclass(frozen=True)
class SiteIndex:
    """What rendering any page looks up in the whole site, built once for all pages."""

    glossary: GlossaryIndex
    outputs: dict[str, str]
    references: References
    plain_text: PlainText

    @classmethod
    def of(cls, content: Content, cache: ResultCache | None = None) -> SiteIndex:
        return cls(
            GlossaryIndex(content.glossary, cache),
            {page.name: page.output_name for page in content.pages},
            References(content),
            PlainText(cache),
        )


def render_cache(project_root: Path, glossary: list[GlossaryEntry]) -> ResultCache:
    """What rendering keeps between runs: the glossary terms found in each page's text, and
    the plain text of FAQ answers and references for the structured data. It is kept for
    one glossary (its terms, not their definitions) and one version of Python and Markdown."""
    terms = hashlib.sha256("\0".join(sorted(e.term for e in glossary)).encode()).hexdigest()
    markdown_version = importlib.metadata.version("markdown")
    python = platform.python_version()
    salt = f"{_RENDER_CACHE_VERSION} {python} markdown {markdown_version} glossary {terms}"
    return ResultCache(project_root / CACHE_DIR / "render.json", salt)


def render_page(
    page: Page, content: Content, extra: str = "", index: SiteIndex | None = None
) -> str:
    """One page of docs/: title, key points, body, sources, review dates, disclaimer."""
    index = index or SiteIndex.of(content)
    body = replace_citations(page_markdown(page, content), footnote_refs)
    body = point_links_at_outputs(body, index.outputs)
    key_points = [replace_citations(point, footnote_refs) for point in page.meta.key_points]
    cited = cited_keys(page)
    footnotes = [(key, _footnote(key, index.references)) for key in cited]
    reviewer = content.settings.reviewers[page.meta.reviewed_by]
    text = _ENV.get_template("page.md.j2").render(
        page=page,
        body=body,
        extra=extra,
        key_points=key_points,
        footnotes=footnotes,
        settings=content.settings,
        abbreviations=index.glossary.terms_in(page.meta.title, *key_points, body, extra),
        reviewed_by=_reviewer_link(reviewer.name, content),
        json_ld=json_ld(
            page, content, cited, page.name == FAQ_PAGE, index.references, index.plain_text
        ),
        edit_url=f"{content.settings.repo_url}/edit/main/{page.path}"
        if content.settings.repo_url
        else None,
    )
    # The largest pages run to megabytes: each step drops the text of the step before.
    del body, extra
    front_matter, separator, text = text.partition("\n---\n")
    text = _BLANK_LINES.sub("\n\n", text)
    text = mark_external_links(text)
    return front_matter + separator + text


def source_entries(content: Content) -> list[tuple[str, list[SourceEntry]]]:
    """The sources, grouped as the Sources page shows them, each group sorted by name."""
    citing: dict[str, list[Page]] = {key: [] for key in content.sources}
    for page in content.pages:
        for key in cited_keys(page):
            if key in citing:
                citing[key].append(page)
    groups: list[tuple[str, list[SourceEntry]]] = []
    for heading, kinds in SOURCE_GROUPS:
        entries = [
            SourceEntry(
                id=source.id,
                title=source_heading(source),
                reference=full_reference(source),
                kind=source.kind,
                published=format_source_date(source.issued)
                if source.issued != NO_DATE
                else NO_DATE,
                updated=format_source_date(source.updated) if source.updated else None,
                accessed=format_day(source.accessed),
                note=source.note.strip(),
                conflicts=source.conflicts.strip(),
                cited_on=citing[source.id],
            )
            for source in sorted(
                content.sources.values(), key=lambda item: (short_name(item).lower(), item.id)
            )
            if source.kind in kinds
        ]
        if entries:
            groups.append((heading, entries))
    return groups


def render_sources_list(content: Content) -> str:
    return _ENV.get_template("sources.md.j2").render(groups=source_entries(content))


def render_glossary_list(content: Content) -> str:
    entries = sorted(content.glossary, key=lambda e: e.term.lower())
    return _ENV.get_template("glossary.md.j2").render(entries=entries)


def render_changes_list(content: Content) -> str:
    """Every page's recorded changes, newest first, for the "What's changed" page."""
    changes = sorted(
        ((change, page) for page in content.pages for change in page.meta.changes),
        key=lambda item: (item[0].date, item[1].output_name),
        reverse=True,
    )
    return _ENV.get_template("changes.md.j2").render(changes=changes)


#: Pages whose generated list follows the text written for them.
GENERATED_LISTS = {
    SOURCES_PAGE: render_sources_list,
    GLOSSARY_PAGE: render_glossary_list,
    CHANGES_PAGE: render_changes_list,
}


def iter_site(content: Content, cache: ResultCache | None = None) -> Iterator[tuple[str, str]]:
    """Every generated file of docs/, one at a time: (path relative to docs/, text).

    One page at a time, so that a large site never has to be held in memory whole.
    `cache` may bring what earlier runs found (see render_cache()).
    """
    index = SiteIndex.of(content, cache)
    for page in content.pages:
        make_list = GENERATED_LISTS.get(page.name)
        yield (
            page.output_name,
            stamp(render_page(page, content, make_list(content) if make_list else "", index)),
        )


def render_site(content: Content) -> dict[str, str]:
    """Every generated file of docs/, by its path relative to docs/."""
    return dict(iter_site(content))
