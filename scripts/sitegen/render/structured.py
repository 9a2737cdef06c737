"""Structured data (schema.org JSON-LD) for each page, equal to what the page shows."""

from __future__ import annotations

import functools
import json
import re
from typing import Any

from sitegen.content.faq import split_faq
from sitegen.content.markdown import CITATION_GROUP
from sitegen.content.model import Content, Page
from sitegen.htmltext import html_to_text, markdown_to_html

_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")


@functools.lru_cache(maxsize=4096)
def plain_text(markdown_text: str) -> str:
    """The words a visitor sees for a piece of Markdown, without citation numbers."""
    return html_to_text(markdown_to_html(CITATION_GROUP.sub("", markdown_text)))


def plain_reference(markdown_reference: str) -> str:
    """A reference as plain text: its links as their words, without escapes."""
    return plain_text(_LINK.sub(r"\1", markdown_reference)).replace("\\", "")


def medical_web_page(page: Page, content: Content, references: list[str]) -> dict[str, Any]:
    """The page's MedicalWebPage data; `references` are its sources' plain references."""
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
    if references:
        data["citation"] = references
    return data


def faq_page(page: Page) -> dict[str, Any]:
    _, entries = split_faq(page.body)
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


def json_ld(page: Page, content: Content, references: list[str], is_faq: bool) -> str:
    """The page's JSON-LD, safe to place inside a <script> element."""
    items = [medical_web_page(page, content, references)]
    if is_faq:
        items.append(faq_page(page))
    text = json.dumps(items if len(items) > 1 else items[0], ensure_ascii=False, sort_keys=True)
    return text.replace("</", "<\\/")
