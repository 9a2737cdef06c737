"""One page of docs/: title, key points, body, sources, review dates, disclaimer, tooltips."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from sitegen.content.layout import ABOUT_PAGE, FAQ_PAGE, SOURCES_PAGE, output_name
from sitegen.content.markdown import Marker
from sitegen.content.model import Content, Page
from sitegen.content.schema import EvidenceClaim, IconArray, MarkdownText
from sitegen.render.figures import evidence_box, icon_array, timeline
from sitegen.render.glossary import GlossaryIndex
from sitegen.render.inline import render_markdown
from sitegen.render.lists import GENERATED_LISTS
from sitegen.render.references import full_reference
from sitegen.render.structured import json_ld, plain_reference
from sitegen.render.templating import render_template

_BLANK_LINES = re.compile(r"\n{3,}")


@dataclass(frozen=True)
class SiteIndex:
    """What rendering any page looks up in the whole site, built once for all pages."""

    glossary: GlossaryIndex
    #: Each page's file in docs/, by its name.
    outputs: Mapping[str, str]
    #: Each source's full reference, as Markdown (links marked as external) and as plain text.
    references: Mapping[str, str]
    plain_references: Mapping[str, str]

    @classmethod
    def of(cls, content: Content) -> SiteIndex:
        return cls(
            GlossaryIndex(content.glossary),
            {page.name: page.output_name for page in content.pages},
            {key: full_reference(source) for key, source in content.sources.items()},
            {
                key: plain_reference(full_reference(source, external=False))
                for key, source in content.sources.items()
            },
        )

    def inline(self, text: str) -> str:
        """A Markdown text of the content, ready for a page of docs/."""
        markdown = text if isinstance(text, MarkdownText) else MarkdownText(text)
        return render_markdown(markdown, self.outputs)


def _draw(marker: Marker, content: Content, index: SiteIndex) -> str:
    target = content.marker_target(marker)
    if isinstance(target, EvidenceClaim):
        return evidence_box(target, index.inline)
    if isinstance(target, IconArray):
        return icon_array(marker.id, target, index.inline)
    assert target is not None, f"marker {marker.kind}:{marker.id} has no data"
    return timeline(marker.id, target, index.inline)


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
    cited = content.cited_keys(page)
    sources_page = output_name(SOURCES_PAGE)
    footnotes = [
        (key, f"{index.references[key]} [More about this source]({sources_page}#{key})")
        for key in cited
    ]
    reviewer = content.settings.reviewers[page.meta.reviewed_by]
    about = content.page(ABOUT_PAGE)
    settings = content.settings
    text = render_template(
        "page.md.j2",
        page=page,
        body=body,
        extra=extra,
        key_points=key_points,
        footnotes=footnotes,
        sources_page=sources_page,
        disclaimer=index.inline(settings.disclaimer),
        abbreviations=index.glossary.terms_in(page.meta.title, *key_points, body, extra),
        reviewed_by=f"[{reviewer.name}]({about.output_name})" if about else reviewer.name,
        json_ld=json_ld(
            page, content, [index.plain_references[key] for key in cited], page.name == FAQ_PAGE
        ),
        edit_url=f"{settings.repo_url}/edit/main/{page.path}" if settings.repo_url else None,
    )
    front_matter, separator, text = text.partition("\n---\n")
    return front_matter + separator + _BLANK_LINES.sub("\n\n", text)
