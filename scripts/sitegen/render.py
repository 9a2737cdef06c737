"""Turning checked content into the Markdown files of docs/."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

import jinja2

from sitegen.citations import replace_citations
from sitegen.links import point_links_at_outputs
from sitegen.model import (
    NO_DATE,
    Content,
    GlossaryEntry,
    Page,
    Source,
    format_day,
    format_source_date,
)
from sitegen.references import full_reference

SOURCES_PAGE = "sources"
ABOUT_PAGE = "about"
_BLANK_LINES = re.compile(r"\n{3,}")

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


def glossary_terms_in(text: str, glossary: list[GlossaryEntry]) -> list[GlossaryEntry]:
    """Glossary terms that appear in `text` as whole words, spelled exactly as defined."""
    return [
        entry
        for entry in sorted(glossary, key=lambda e: e.term)
        if re.search(rf"(?<![\w-]){re.escape(entry.term)}(?![\w-])", text)
    ]


def _footnote(source: Source) -> str:
    return f"{full_reference(source)} [More about this source](sources.md#{source.id})"


def _reviewer_link(name: str, content: Content) -> str:
    about = content.page(ABOUT_PAGE)
    return f"[{name}]({about.output_name})" if about else name


def render_page(page: Page, content: Content, extra: str = "") -> str:
    """One page of docs/: title, key points, body, sources, review dates, disclaimer."""
    body = point_links_at_outputs(replace_citations(page.body.strip("\n"), footnote_refs), content)
    key_points = [replace_citations(point, footnote_refs) for point in page.meta.key_points]
    footnotes = [(key, _footnote(content.sources[key])) for key in cited_keys(page)]
    visible = "\n".join([page.meta.title, *key_points, body, extra])
    reviewer = content.settings.reviewers[page.meta.reviewed_by]
    text = _ENV.get_template("page.md.j2").render(
        page=page,
        body=body,
        extra=extra,
        key_points=key_points,
        footnotes=footnotes,
        settings=content.settings,
        abbreviations=glossary_terms_in(visible, content.glossary),
        reviewed_by=_reviewer_link(reviewer.name, content),
    )
    return _BLANK_LINES.sub("\n\n", text)


def source_entries(content: Content) -> list[tuple[str, list[SourceEntry]]]:
    """The sources, grouped as the Sources page shows them, each group sorted by id."""
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
                title=source.title,
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
            for source_id, source in sorted(content.sources.items())
            if source.kind in kinds
        ]
        if entries:
            groups.append((heading, entries))
    return groups


def render_sources_list(content: Content) -> str:
    return _ENV.get_template("sources.md.j2").render(groups=source_entries(content))


def render_site(content: Content) -> dict[str, str]:
    """Every generated file of docs/, by its path relative to docs/."""
    outputs: dict[str, str] = {}
    for page in content.pages:
        extra = render_sources_list(content) if page.name == SOURCES_PAGE else ""
        outputs[page.output_name] = render_page(page, content, extra)
    return outputs
