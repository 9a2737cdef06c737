"""Structured data (schema.org JSON-LD) for each page, equal to what the page shows."""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from sitegen.cache import ResultCache
from sitegen.citations import CITATION_GROUP
from sitegen.faq import split_faq
from sitegen.model import Content, Page

if TYPE_CHECKING:
    import markdown

_TAGS = re.compile(r"<[^>]+>")
_SPACE_BEFORE_STOP = re.compile(r" ([.,;:!?])")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")


@functools.lru_cache(maxsize=1)
def _converter() -> markdown.Markdown:
    """One Markdown converter, reset before each use: making one takes longer than using it."""
    import markdown

    return markdown.Markdown()


def visible_text(markdown_text: str) -> str:
    """The words a visitor sees for a piece of Markdown, without citation numbers."""
    without_citations = CITATION_GROUP.sub("", markdown_text)
    html = _converter().reset().convert(without_citations)
    text = _TAGS.sub(" ", html)
    for entity, char in (("&amp;", "&"), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"')):
        text = text.replace(entity, char)
    return _SPACE_BEFORE_STOP.sub(r"\1", " ".join(text.split()))


class PlainText:
    """visible_text(), remembered for each piece of Markdown, and between runs in `cache`."""

    def __init__(self, cache: ResultCache | None = None) -> None:
        self.cache = cache or ResultCache(None, "")
        self.known: dict[str, str] = {}

    def __call__(self, markdown_text: str) -> str:
        if markdown_text not in self.known:
            key = self.cache.key("plain text", markdown_text)
            stored = self.cache.get(key)
            if not isinstance(stored, str):
                stored = visible_text(markdown_text)
                self.cache.put(key, stored)
            self.known[markdown_text] = stored
        return self.known[markdown_text]

    def reference(self, markdown_reference: str) -> str:
        """A reference as plain text: its links as their words, without escapes."""
        return self(_LINK.sub(r"\1", markdown_reference)).replace("\\", "")


def medical_web_page(
    page: Page,
    content: Content,
    cited: list[str],
    references: Mapping[str, str],
    plain_text: PlainText,
) -> dict[str, Any]:
    """The page's MedicalWebPage data; `references` gives each cited source's reference."""
    reviewer = content.settings.reviewers[page.meta.reviewed_by]
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": page.meta.title,
        "description": page.meta.description,
        "lastReviewed": page.meta.last_reviewed.isoformat(),
        "reviewedBy": {"@type": "Organization", "name": reviewer.name},
        "audience": {"@type": "MedicalAudience", "audienceType": "Patient"},
        "about": [item.model_dump(by_alias=True) for item in content.settings.about],
        "publisher": {"@type": "Organization", "name": content.settings.publisher},
        "inLanguage": "en",
    }
    if cited:
        data["citation"] = [plain_text.reference(references[key]) for key in cited]
    return data


def faq_page(page: Page, plain_text: PlainText) -> dict[str, Any]:
    _, entries = split_faq(page.body, page.body_first_line)
    return {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "mainEntity": [
            {
                "@type": "Question",
                "name": entry.question,
                "acceptedAnswer": {"@type": "Answer", "text": plain_text(entry.answer)},
            }
            for entry in entries
        ],
    }


def json_ld(
    page: Page,
    content: Content,
    cited: list[str],
    is_faq: bool,
    references: Mapping[str, str],
    plain_text: PlainText,
) -> str:
    """The page's JSON-LD, safe to place inside a <script> element."""
    items = [medical_web_page(page, content, cited, references, plain_text)]
    if is_faq:
        items.append(faq_page(page, plain_text))
    text = json.dumps(items if len(items) > 1 else items[0], ensure_ascii=False, sort_keys=True)
    return text.replace("</", "<\\/")
