"""A journal article's page describes itself for Google Scholar and reference managers:
Highwire's citation_* meta tags (citation_author once per author, citation_doi,
citation_journal_title ...), Dublin Core (DC.*) and PRISM, and JSON-LD of @type
ScholarlyArticle. This reads them into a Reference, the strongest first: citation_* before
JSON-LD before Dublin Core. Authors come from one of them only, each once, as people.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from typing import Any

from sitegen.authoring.dates import parse_date
from sitegen.authoring.page import PageReader
from sitegen.authoring.reference import (
    Reference,
    clean,
    merge,
    pages,
    person,
    person_from_text,
)
from sitegen.content.identity import bare_doi, normal_title
from sitegen.content.schema import Person

_SCHOLARLY_TYPES = {"ScholarlyArticle", "MedicalScholarlyArticle"}


def _json_ld_objects(texts: list[str]) -> Iterator[dict[str, Any]]:
    """Every object in the page's JSON-LD, inside @graph and lists too."""

    def walk(node: Any) -> Iterator[dict[str, Any]]:
        if isinstance(node, dict):
            yield node
            for value in node.values():
                yield from walk(value)
        elif isinstance(node, list):
            for item in node:
                yield from walk(item)

    for text in texts:
        try:
            yield from walk(json.loads(text))
        except ValueError:
            continue


def _types(node: dict[str, Any]) -> set[str]:
    kind = node.get("@type")
    return {str(k) for k in kind} if isinstance(kind, list) else {str(kind)}


def _name(value: Any) -> Any:
    return value.get("name") if isinstance(value, dict) else value


def _ld_person(node: Any) -> Person | None:
    if isinstance(node, str):
        return person_from_text(node)
    if not isinstance(node, dict):
        return None
    if "Organization" in _types(node):
        return person(literal=node.get("name"))
    if node.get("familyName"):
        return person(node.get("familyName"), node.get("givenName"))
    return person_from_text(str(node.get("name") or ""))


def _ld_part(article: dict[str, Any], key: str) -> Any:
    """issueNumber, volumeNumber or the periodical's name, from the isPartOf chain."""
    node = article.get("isPartOf")
    for _ in range(4):
        if not isinstance(node, dict):
            return None
        if key in node:
            return node[key]
        if key == "name" and "Periodical" in _types(node):
            return node.get("name")
        node = node.get("isPartOf")
    return None


def _ld_doi(article: dict[str, Any]) -> str | None:
    for value in _as_list(article.get("identifier")) + _as_list(article.get("sameAs")):
        text = value.get("value") if isinstance(value, dict) else value
        doi = bare_doi(str(text or ""))
        if doi.startswith("10."):
            return doi
    return None


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [] if value is None else [value]


def _json_ld_reference(article: dict[str, Any]) -> Reference:
    return Reference(
        title=clean(article.get("headline") or article.get("name")),
        authors=tuple(p for p in map(_ld_person, _as_list(article.get("author"))) if p),
        container_title=clean(_ld_part(article, "name")),
        publisher=clean(_name(article.get("publisher"))),
        volume=clean(_ld_part(article, "volumeNumber")),
        issue=clean(_ld_part(article, "issueNumber")),
        page=pages(article.get("pageStart"), article.get("pageEnd"))
        or pages(article.get("pagination")),
        DOI=_ld_doi(article),
        issued=str(article.get("datePublished") or "") or None,
    )


def _once(people: list[Person]) -> tuple[Person, ...]:
    """Each person once: 'Foster, L.' and 'Foster, L' are one."""
    seen: dict[str, Person] = {}
    for one in people:
        key = normal_title(" ".join(filter(None, (one.family, one.given, one.literal))))
        seen.setdefault(key, one)
    return tuple(seen.values())


def _meta_reference(tags: list[tuple[str, str]], prefix: str) -> Reference:
    """The citation_* tags (prefix 'citation_') or Dublin Core and PRISM (prefix 'dc.')."""
    values: dict[str, list[str]] = {}
    for name, value in tags:
        values.setdefault(name.replace("dcterms.", "dc."), []).append(value)

    def one(*names: str) -> str | None:
        return next((values[name][0] for name in names if values.get(name)), None)

    if prefix == "citation_":
        names = values.get("citation_author") or [
            part for text in values.get("citation_authors", []) for part in text.split(";")
        ]
        doi = one("citation_doi")
        return Reference(
            title=clean(one("citation_title")),
            authors=_once([p for p in map(person_from_text, names) if p]),
            container_title=clean(one("citation_journal_title", "citation_conference_title")),
            publisher=clean(one("citation_publisher")),
            volume=clean(one("citation_volume")),
            issue=clean(one("citation_issue")),
            page=pages(one("citation_firstpage"), one("citation_lastpage")),
            issued=one("citation_publication_date", "citation_date", "citation_online_date"),
            DOI=bare_doi(doi) if doi else None,
            PMID=clean(one("citation_pmid")),
        )
    identifiers = [bare_doi(text) for text in values.get("dc.identifier", [])]
    doi = one("prism.doi") or next((text for text in identifiers if text.startswith("10.")), None)
    return Reference(
        title=clean(one("dc.title")),
        authors=_once([p for p in map(person_from_text, values.get("dc.creator", [])) if p]),
        container_title=clean(one("prism.publicationname", "dc.source")),
        publisher=clean(one("dc.publisher")),
        volume=clean(one("prism.volume")),
        issue=clean(one("prism.number")),
        page=pages(one("prism.startingpage"), one("prism.endingpage")),
        issued=one("dc.date.issued", "dc.issued", "dc.date", "prism.publicationdate"),
        DOI=bare_doi(doi) if doi else None,
    )


def _first_with_authors(references: list[Reference]) -> tuple[Person, ...]:
    return next((ref.authors for ref in references if ref.authors), ())


def scholarly_reference(page: PageReader, today: date) -> Reference | None:
    """What a journal article's page says of itself; None if it is not one (no citation_*
    tags, no ScholarlyArticle, no DOI or journal in Dublin Core or PRISM)."""
    highwire = _meta_reference(page.meta_tags, "citation_")
    dublin = _meta_reference(page.meta_tags, "dc.")
    found = [
        _json_ld_reference(node)
        for node in _json_ld_objects(page.json_ld)
        if _types(node) & _SCHOLARLY_TYPES
    ]
    scholarly = highwire.title or highwire.DOI or highwire.container_title
    if not (scholarly or found or dublin.DOI or dublin.container_title):
        return None
    ordered = [highwire, *found[:1], dublin]
    merged = Reference()
    for ref in ordered:
        merged = merge(merged, ref)
    issued = parse_date(merged.issued, today) if merged.issued else None
    return replace(
        merged,
        authors=_first_with_authors(ordered),
        issued=issued.value if issued else None,
        type="article-journal",
    )
