"""Full references for sources, in the Vancouver/AMA style medical readers expect."""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass
from urllib.parse import urlsplit

from sitegen.content.fields import format_source_date
from sitegen.content.schema import Source
from sitegen.content.words import NO_DATE
from sitegen.render.escaping import escape

_MAX_AUTHORS = 6


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "?", "!")) else text + "."


def authors_text(source: Source) -> str:
    """'Foster L, Clapp L, Erickson M.' or '' when no author is named."""
    if isinstance(source.author, str):
        return ""
    names = [person.short() for person in source.author]
    if len(names) > _MAX_AUTHORS:
        names = [*names[:3], "et al"]
    elif source.more_authors:
        names = [*names, "et al"]
    return _sentence(", ".join(names))


def short_name(source: Source) -> str:
    """'Foster 2001', 'NICE 2016' or the site name: how a source is named in running text."""
    if source.issued != NO_DATE:
        year = source.issued[:4]
    elif source.updated and source.updated != NO_DATE:
        year = f"updated {source.updated[:4]}"
    else:
        year = "no date"
    if isinstance(source.author, str):
        return f"{source.container_title or source.publisher or source.title} ({year})"
    first = source.author[0]
    name = first.literal or first.family or ""
    more = " et al." if len(source.author) > 1 or source.more_authors else ""
    return f"{name}{more} ({year})"


def source_heading(source: Source, unique: bool = True) -> str:
    """'Foster et al. (2001)': short, as the full reference with the title follows it; with
    the start of the title when another source has the same short name."""
    if unique:
        return short_name(source)
    return textwrap.shorten(f"{short_name(source)}: {source.title}", 70, placeholder=" …")


def _journal_details(source: Source) -> str:
    year = source.issued[:4] if source.issued != NO_DATE else ""
    details = year
    if source.volume or source.issue:
        details += f";{source.volume or ''}"
        if source.issue:
            details += f"({source.issue})"
    locator = source.page or source.number
    if locator:
        details += f":{locator}"
    return details


def _host(url: str) -> str:
    return urlsplit(url).netloc.removeprefix("www.")


#: Links to other sites tell them nothing about this one.
EXTERNAL_LINK_ATTRIBUTES = '{ rel="noopener noreferrer" }'
_SPACE_BEFORE_STOP = re.compile(r" ([.,;:!?])")


@dataclass(frozen=True)
class _Style:
    """How a reference is written: as Markdown for a page, or as plain text."""

    markdown: bool
    external: bool = True

    def text(self, text: str) -> str:
        return escape(text) if self.markdown else text

    def italic(self, text: str) -> str:
        return f"*{escape(text)}*" if self.markdown else text

    def link(self, text: str, url: str) -> str:
        if not self.markdown:
            return text
        return f"[{text}]({url})" + (EXTERNAL_LINK_ATTRIBUTES if self.external else "")


def full_reference(source: Source, external: bool = True) -> str:
    """The whole reference as one Markdown line, with links to the DOI, PubMed or the page
    (`external`: marked as links to other sites)."""
    return _reference(source, _Style(markdown=True, external=external))


def plain_reference(source: Source) -> str:
    """The whole reference as plain text, as the page shows it (for structured data)."""
    return _SPACE_BEFORE_STOP.sub(r"\1", " ".join(_reference(source, _Style(False)).split()))


def _reference(source: Source, style: _Style) -> str:
    parts: list[str] = []
    authors = authors_text(source)
    if authors:
        parts.append(style.text(authors))
    parts.append(style.text(_sentence(source.title)))
    if source.type == "article-journal" and source.container_title:
        parts.append(f"{style.italic(source.container_title)}. {_journal_details(source)}.")
    else:
        where = [style.italic(source.container_title)] if source.container_title else []
        if source.publisher and source.publisher != source.container_title:
            where.append(style.text(source.publisher))
        if where:
            parts.append(_sentence(", ".join(where)))
        if source.number:
            parts.append(_sentence(style.text(source.number)))
        if source.issued == NO_DATE:
            parts.append("No publication date shown.")
        else:
            parts.append(f"Published {format_source_date(source.issued)}.")
    if source.updated and source.updated != NO_DATE:
        parts.append(f"Updated {format_source_date(source.updated)}.")
    if source.DOI:
        parts.append(f"doi:{style.link(style.text(source.DOI), f'https://doi.org/{source.DOI}')}.")
    if source.PMID:
        pubmed = f"https://pubmed.ncbi.nlm.nih.gov/{source.PMID}/"
        parts.append(f"PMID: {style.link(source.PMID, pubmed)}.")
    if source.URL and not source.DOI:
        parts.append(f"Online at {style.link(_host(source.URL), source.URL)}.")
    return " ".join(parts)
