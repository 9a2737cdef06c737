"""The loaded content: pages, sources and data, frozen once read.

A Content is what every later stage works from. Records keep their file and line (see
origin.py); pages keep the scan of their Markdown (see markdown.py).
"""

from __future__ import annotations

import dataclasses
import functools
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType

from sitegen.content.layout import output_name
from sitegen.content.markdown import Citation, Marker
from sitegen.content.options import CONDITIONS, Guideline, Option, WeighUp
from sitegen.content.origin import Record, fields_of
from sitegen.content.people import Contributor, SignOff, content_hash
from sitegen.content.schema import (
    EvidenceClaim,
    Figures,
    GlossaryEntry,
    PageMeta,
    SiteSettings,
    Source,
    UrgentHelp,
)
from sitegen.content.targets import Comparison, MarkerTarget, Quiz, ValueList
from sitegen.content.text import PageBody
from sitegen.content.walk import FieldValue, markdown_fields, marker_citations
from sitegen.problems import Location


@dataclass(frozen=True)
class NavEntry:
    """One entry of the nav in mkdocs.yml: the title shown in the menu and the file in docs/."""

    title: str
    file: str
    where: Location
    #: The title of the nav section the page is in, if any.
    section: str | None = None


@dataclass(frozen=True)
class Page:
    """A page of the site: front matter, Markdown body, and where they came from."""

    name: str
    path: str
    meta: PageMeta
    body: PageBody
    next_review_due: date

    @property
    def output_name(self) -> str:
        """The file in docs/ this page becomes."""
        return output_name(self.name)

    @property
    def body_first_line(self) -> int:
        return self.body.first_line

    def key_point_citations(self) -> list[Citation]:
        """The citations in the key points, each at its key point's line."""
        found = []
        for index, point in enumerate(self.meta.key_points):
            line = self.meta.where("key_points", index).line
            found += [Citation(c.key, line, c.column) for c in point.scan.citations]
        return found


@dataclass(frozen=True)
class Content:
    """Everything in content_src/ that could be read, and the names of what could not."""

    settings: SiteSettings
    sources: Mapping[str, Source]
    pages: tuple[Page, ...]
    glossary: tuple[GlossaryEntry, ...] = ()
    evidence: Mapping[str, EvidenceClaim] = field(default_factory=lambda: MappingProxyType({}))
    figures: Figures = field(default_factory=Figures)
    options: Mapping[str, Option] = field(default_factory=lambda: MappingProxyType({}))
    guidelines: Mapping[str, Guideline] = field(default_factory=lambda: MappingProxyType({}))
    weigh_up: WeighUp = field(default_factory=WeighUp)
    urgent_help: Mapping[str, UrgentHelp] = field(default_factory=lambda: MappingProxyType({}))
    people: Mapping[str, Contributor] = field(default_factory=lambda: MappingProxyType({}))
    signoffs: Mapping[str, SignOff] = field(default_factory=lambda: MappingProxyType({}))
    #: The site's address, from mkdocs.yml (None while it is not set).
    site_url: str | None = None
    #: The nav of mkdocs.yml: page order and menu titles (empty when there is no nav).
    nav: tuple[NavEntry, ...] = ()
    #: Names of all page files, including any that could not be loaded.
    page_files: frozenset[str] = frozenset()
    #: Ids of all source files, including any that could not be loaded.
    source_files: frozenset[str] = frozenset()
    #: Ids of all option files, including any that could not be loaded.
    option_files: frozenset[str] = frozenset()
    #: Data files that could not be read: rules about their contents wait until they can.
    unread_files: frozenset[str] = frozenset()
    #: Where each source's file is, as people see it.
    source_paths: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    def page(self, name: str) -> Page | None:
        return next((p for p in self.pages if p.name == name), None)

    @functools.cached_property
    def nav_titles(self) -> Mapping[str, str]:
        """The menu title of each page, by its name, from mkdocs.yml's nav."""
        by_file = {entry.file: entry.title for entry in self.nav}
        return MappingProxyType(
            {page.name: by_file.get(page.output_name, page.meta.title) for page in self.pages}
        )

    def marker_data(self, kind: str) -> Mapping[str, MarkerTarget]:
        """What markers of `kind` can draw, by id."""
        data: dict[str, Mapping[str, MarkerTarget]] = {
            "evidence": self.evidence,
            "icon-array": self.figures.icon_arrays,
            "timeline": self.figures.timelines,
            "option": self.options,
            "compare": self.comparisons,
            "values": self.value_lists,
            "quiz": self.quizzes,
            "urgent-help": self.urgent_help,
        }
        return data[kind]

    @functools.cached_property
    def value_lists(self) -> Mapping[str, ValueList]:
        return MappingProxyType(
            {key: ValueList(tuple(items)) for key, items in self.weigh_up.values.items()}
        )

    @functools.cached_property
    def quizzes(self) -> Mapping[str, Quiz]:
        return MappingProxyType(
            {key: Quiz(tuple(items)) for key, items in self.weigh_up.quizzes.items()}
        )

    @functools.cached_property
    def comparisons(self) -> Mapping[str, Comparison]:
        """The options for each condition that any option covers."""
        found: dict[str, Comparison] = {}
        for condition in CONDITIONS:
            members = tuple(o for o in self.options.values() if condition in o.conditions)
            if members:
                found[condition] = Comparison(condition, members)
        return MappingProxyType(found)

    def marker_target(self, marker: Marker) -> MarkerTarget | None:
        """The data a marker draws, or None when there is none by that id."""
        return self.marker_data(marker.kind).get(marker.id)

    def citations(self, page: Page) -> list[Citation]:
        """Every source `page` cites, in order: key points, the body, and the data its
        markers draw (the sources of an evidence box or figure count where the marker is)."""
        found = page.key_point_citations() + list(page.body.scan.citations)
        urgent = self.urgent_help.get(page.meta.urgent_help or "")
        if urgent is not None:  # the short box at the top of the page
            line = page.meta.where("urgent_help").line
            found += [Citation(c.key, line, 1) for c in urgent.summary.scan.citations]
        for marker in page.body.scan.markers:
            target = self.marker_target(marker)
            if target is None:
                continue
            found += [
                Citation(key, marker.line, 1)
                for key in marker_citations(target)
                if key in self.sources
            ]
        return sorted(found, key=lambda c: (c.line, c.column))

    @functools.cached_property
    def data_texts(self) -> tuple[FieldValue, ...]:
        """Every Markdown text of the data files and front matter (page bodies are apart:
        see Page.body)."""
        return tuple(item for record in self.records() for item in markdown_fields(record))

    def records(self) -> Iterator[Record]:
        """Every record read from a data file or front matter."""
        yield self.settings
        yield from self.sources.values()
        yield from self.glossary
        yield from self.evidence.values()
        yield self.figures
        yield from self.options.values()
        yield from self.guidelines.values()
        yield self.weigh_up
        yield from self.urgent_help.values()
        yield from self.people.values()
        yield from self.signoffs.values()
        yield from (page.meta for page in self.pages)

    def content_hash(self, page: Page) -> str:
        """A hash of what the page says: its words and the data its markers draw (an
        evidence box, a figure, an option), but not its review dates (see people.py)."""
        meta = page.meta
        drawn = [
            json.dumps(_plain(self.marker_target(marker)), sort_keys=True, ensure_ascii=False)
            for marker in page.body.scan.markers
        ]
        return content_hash([meta.title, meta.description, *meta.key_points, page.body, *drawn])

    def signoff(self, page: Page) -> tuple[SignOff | None, bool]:
        """The page's clinical sign-off, if any, and whether the page still says what was
        signed."""
        signed = self.signoffs.get(page.name)
        return signed, signed is not None and signed.content == self.content_hash(page)

    def cited_keys(self, page: Page) -> list[str]:
        """Sources cited on the page, in order of first citation (key points first)."""
        return list(dict.fromkeys(c.key for c in self.citations(page)))


#: Fields that record a review, not what a page says: marking a page reviewed keeps its hash.
_NOT_CONTENT = frozenset({"last_reviewed", "reviewed_by", "written_by", "next_review_due"})


def _plain(value: object) -> object:
    """Data as JSON-able values, for hashing what a marker draws."""
    if isinstance(value, Record):
        return {
            key: _plain(getattr(value, key))
            for key in fields_of(type(value))
            if key not in _NOT_CONTENT
        }
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, Mapping):
        return {str(key): _plain(item) for key, item in value.items()}
    if value is None or isinstance(value, (bool, int, float)):
        return value
    return str(value)
