"""What the preview keeps from one MkDocs build to the next, so that an edit shows sooner.

An edit changes one page, but MkDocs builds the whole site again: turning each page's
Markdown into HTML is half of that build, and reading the HTML again for the search index
is half of the rest. The preview keeps each page's HTML, and uses it again for a page whose
Markdown, the site's list of files and the Markdown settings are all unchanged: those are
everything the conversion reads. It keeps each page's search entries the same way, by the
page's address, title, front matter and HTML. The theme's compiled templates are kept too,
each by a checksum of its text.

Only the preview does this: `mkdocs build` and `make site` build every page from scratch.
A page that MkDocs warned about (a link to a missing page, say) is never kept, so the
warning comes back on every build; a kept page is not checked again for links to headings
on other pages that have since gone (the strict build checks them all).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import jinja2

if TYPE_CHECKING:
    from material.plugins.search.plugin import SearchIndex  # type: ignore[import-untyped]
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

#: What Page.render() sets, and what is kept of each page.
_RENDERED = ("content", "toc", "_title_from_render", "present_anchor_ids")


class CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates, kept in memory from one build of the preview to the next."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


class _Warnings(logging.Handler):
    """Counts the warnings MkDocs logs."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


class RenderedPages:
    """Each page's HTML from the last build, by everything that made it."""

    def __init__(self) -> None:
        self.kept: dict[tuple[str, ...], tuple[Any, ...]] = {}
        self.entries: dict[tuple[str, ...], list[dict[str, Any]]] = {}
        #: How many pages' HTML, and search entries, the last build reused.
        self.reused = self.reused_entries = 0

    @contextmanager
    def reused_during_build(self) -> Iterator[None]:
        """Within this block, MkDocs renders only pages that changed since the last build."""
        from mkdocs.structure.pages import Page

        render: Callable[[Page, MkDocsConfig, Files], None] = Page.render
        kept, self.kept, self.reused = self.kept, {}, 0
        settings: dict[int, str] = {}  # by build: the site's files and Markdown settings

        def reusing(page: Page, config: MkDocsConfig, files: Files) -> None:
            if id(files) not in settings:
                listed = sorted(f"{f.src_uri}>{f.dest_uri}" for f in files)
                markdown = (config.markdown_extensions, config.mdx_configs)
                settings.clear()
                settings[id(files)] = repr((listed, markdown, config.use_directory_urls))
            key = (page.file.src_uri, page.markdown or "", settings[id(files)])
            if key in kept:
                for name, value in zip(_RENDERED, kept[key], strict=True):
                    setattr(page, name, value)
                page.links_to_anchors = None
                self.reused += 1
                self.kept[key] = kept[key]
                return
            warnings = _Warnings()
            logging.getLogger("mkdocs").addHandler(warnings)
            try:
                render(page, config, files)
            finally:
                logging.getLogger("mkdocs").removeHandler(warnings)
            if not warnings.count:
                self.kept[key] = tuple(getattr(page, name) for name in _RENDERED)

        Page.render = reusing  # type: ignore[method-assign, assignment]
        try:
            with self._search_entries_reused():
                yield
        finally:
            Page.render = render  # type: ignore[method-assign, assignment]

    @contextmanager
    def _search_entries_reused(self) -> Iterator[None]:
        """Within this block, the theme's search index reads only pages that changed."""
        from material.plugins.search.plugin import SearchIndex

        add: Callable[[SearchIndex, Page], None] = SearchIndex.add_entry_from_context
        kept, self.entries, self.reused_entries = self.entries, {}, 0

        def reusing(index: SearchIndex, page: Page) -> None:
            key = (page.url, str(page.title), repr(page.meta), page.content or "")
            if key not in kept:
                start = len(index.entries)
                add(index, page)
                kept[key] = [dict(entry) for entry in index.entries[start:]]
            else:
                index.entries.extend(dict(entry) for entry in kept[key])
                self.reused_entries += 1
            self.entries[key] = kept[key]

        SearchIndex.add_entry_from_context = reusing
        try:
            yield
        finally:
            SearchIndex.add_entry_from_context = add
