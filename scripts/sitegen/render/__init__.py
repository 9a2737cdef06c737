"""Stage 3, render: the checked content as the Markdown pages of docs/.

page.py makes one page from its template (templates/), inline.py rewrites each piece of
Markdown at the places its scan found (citations, markers, links), figures.py draws the
evidence boxes, icon arrays and timelines, references.py writes references, lists.py the
lists some pages end with, structured.py the JSON-LD, glossary.py finds tooltip terms.
Rendering assumes content that passed the checks.
"""

from __future__ import annotations

from collections.abc import Iterator

from sitegen.content.model import Content, Page
from sitegen.render.lists import GENERATED_LISTS
from sitegen.render.page import SiteIndex, page_markdown, render_cache, render_page


def iter_site(content: Content, index: SiteIndex | None = None) -> Iterator[tuple[Page, str]]:
    """Every page and the text of its file in docs/ (without the header), one at a time.

    The pages that list the whole site (every source, every term) come first: on a large
    site they run to megabytes, and are made before the other pages have used memory."""
    index = index or SiteIndex.of(content)
    for page in sorted(content.pages, key=lambda page: page.name not in GENERATED_LISTS):
        yield page, render_page(page, content, index)


__all__ = ["SiteIndex", "iter_site", "page_markdown", "render_cache", "render_page"]
