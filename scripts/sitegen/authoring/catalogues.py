"""Looking a work up by its DOI at Crossref (api.crossref.org/works/DOI) or by its PMID at
PubMed (NCBI E-utilities, esummary as JSON). Each answer becomes a Reference; what is
fetched is data, cleaned like any other (see reference.py)."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from typing import Any
from urllib.parse import quote

from sitegen.authoring.csl import reference_from_csl
from sitegen.authoring.online import Fetch, ask, not_found, unreadable
from sitegen.authoring.reference import (
    Reference,
    clean,
    kind_of,
    pages,
    person,
    person_from_text,
)

CROSSREF = "https://api.crossref.org/works/"
ESUMMARY = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils/esummary.fcgi?db=pubmed&retmode=json&id="
_PUBDATE = re.compile(r"(\d{4})(?:\s+([A-Za-z]{3})[a-z]*(?:\s+(\d{1,2}))?)?")
_MONTHS = "jan feb mar apr may jun jul aug sep oct nov dec".split()


def _json(body: bytes, service: str, what: str) -> Any:
    try:
        return json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise unreadable(service, what) from None


def crossref_url(doi: str) -> str:
    return CROSSREF + quote(doi, safe="/")


def _part(fetch: Fetch, url: str, service: str, what: str, key: str) -> dict[str, Any]:
    """The part of a service's JSON answer under `key`, or a plain error."""
    answer = _json(ask(fetch, url, service, what), service, what)
    part = answer.get(key) if isinstance(answer, dict) else None
    if not isinstance(part, dict):
        raise unreadable(service, what)
    return part


def lookup_doi(doi: str, fetch: Fetch) -> Reference:
    """What Crossref says of the work with this DOI."""
    return reference_from_csl(
        _part(fetch, crossref_url(doi), "Crossref", f"the DOI {doi}", "message")
    )


def pubmed_url(pmid: str) -> str:
    return ESUMMARY + quote(pmid)


def pubmed_date(text: Any) -> str | None:
    """'2001 May 22' as 2001-05-22; '2001 May-Jun' as 2001-05; '2001 Spring' as 2001."""
    match = _PUBDATE.match(str(text or ""))
    if not match:
        return None
    year, month, day = match.groups()
    if not month or month.lower() not in _MONTHS:
        return year
    value = f"{year}-{_MONTHS.index(month.lower()) + 1:02d}"
    return f"{value}-{int(day):02d}" if day else value


def reference_from_esummary(summary: dict[str, Any]) -> Reference:
    """One PubMed document summary as a Reference."""
    authors = []
    for author in summary.get("authors") or []:
        if not isinstance(author, dict):
            continue
        if author.get("authtype") == "CollectiveName":
            authors.append(person(literal=author.get("name")))
        else:
            authors.append(person_from_text(str(author.get("name") or "")))
    ids = {
        str(item.get("idtype")): item.get("value")
        for item in summary.get("articleids") or []
        if isinstance(item, dict)
    }
    types = [str(kind) for kind in summary.get("pubtype") or []]
    kind, note = kind_of(types)
    title = clean(summary.get("title"))
    if title and title.endswith(".") and not title.endswith(".."):
        title = title[:-1]  # PubMed ends every title with a full stop
    return Reference(
        title=title,
        authors=tuple(p for p in authors if p is not None),
        container_title=clean(summary.get("fulljournalname") or summary.get("source")),
        publisher=clean(summary.get("publishername")),
        volume=clean(summary.get("volume")),
        issue=clean(summary.get("issue")),
        page=pages(summary.get("pages")),
        issued=pubmed_date(summary.get("pubdate")) or pubmed_date(summary.get("epubdate")),
        DOI=clean(ids.get("doi")),
        PMID=clean(summary.get("uid")),
        type="article-journal" if summary.get("doctype") == "citation" else None,
        kind=kind,
        notes=(("kind", note),) if note else (),
    )


def lookup_pmid(pmid: str, fetch: Fetch) -> Reference:
    """What PubMed says of the work with this PMID."""
    what = f"PMID {pmid}"
    result = _part(fetch, pubmed_url(pmid), "PubMed", what, "result")
    summary = result.get(pmid)
    if not isinstance(summary, dict) or "error" in summary:
        raise not_found("PubMed", what)
    reference = reference_from_esummary(summary)
    if reference.URL is None and reference.DOI is None:
        reference = replace(reference, URL=f"https://pubmed.ncbi.nlm.nih.gov/{pmid}/")
    return reference
