"""Structured data (schema.org JSON-LD) for each page, equal to what the page shows."""

from __future__ import annotations

import json
from typing import Any

from sitegen.content.faq import split_faq
from sitegen.content.markdown import CITATION_GROUP
from sitegen.content.model import Content, Page
from sitegen.content.origin import as_data
from sitegen.htmltext import html_to_text, markdown_to_html
from sitegen.render.trust import structured_people


def medical_web_page(page: Page, content: Content, references: list[str]) -> dict[str, Any]:
    """The page's MedicalWebPage data; `references` are its sources' plain references."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": page.meta.title,
        "description": page.meta.description,
        "lastReviewed": page.meta.last_reviewed.isoformat(),
        **structured_people(page, content),
        "audience": {"@type": "MedicalAudience", "audienceType": "Patient"},
        "about": [as_data(item, by_alias=True) for item in content.settings.about],
        "publisher": {"@type": "Organization", "name": content.settings.publisher},
        "inLanguage": "en",
    }
    if references:
        data["citation"] = references
    return data


def faq_answers_as_text(page: Page) -> list[tuple[str, str]]:
    """Each question of the FAQ and its answer as plain text: the whole FAQ is turned into
    HTML at once (one conversion, however many questions), then cut at its questions."""
    _, entries = split_faq(page.body)
    marker = "FAQ-ANSWER-BREAK"
    joined = f"\n\n{marker}\n\n".join(CITATION_GROUP.sub("", entry.answer) for entry in entries)
    html = markdown_to_html(joined)
    answers = html.split(f"<p>{marker}</p>")
    if len(answers) != len(entries):  # an answer that swallowed the break: one at a time
        answers = [markdown_to_html(CITATION_GROUP.sub("", entry.answer)) for entry in entries]
    return [
        (entry.question, html_to_text(answer))
        for entry, answer in zip(entries, answers, strict=True)
    ]


def faq_page(answers: list[tuple[str, str]]) -> dict[str, Any]:
    return {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "mainEntity": [
            {
                "@type": "Question",
                "name": question,
                "acceptedAnswer": {"@type": "Answer", "text": answer},
            }
            for question, answer in answers
        ],
    }


def json_ld(
    page: Page,
    content: Content,
    references: list[str],
    faq_answers: list[tuple[str, str]] | None = None,
) -> str:
    """The page's JSON-LD, safe to place inside a <script> element; `faq_answers` (the FAQ's
    questions and answers as plain text) for the FAQ."""
    items = [medical_web_page(page, content, references)]
    if faq_answers is not None:
        items.append(faq_page(faq_answers))
    # One value a line, so that an edit changes only the lines it should in docs/.
    text = json.dumps(
        items if len(items) > 1 else items[0], ensure_ascii=False, sort_keys=True, indent=1
    )
    # Inside <script>, "</script" would end the element and "<!--" can keep it from ending:
    # no "<" at all, then (JSON reads \u003c as "<").
    return text.replace("<", "\\u003c")
