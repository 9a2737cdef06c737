"""Reading a saved article (an HTML page or plain text) into a draft source.

Everything is read from the file: nothing is fetched. HTML metadata (title, authors, site
name, web address) comes from trafilatura, given the page's text, never a URL; dates and
bylines come from what the page shows ("Published: ...", "Updated on: ...", "By ...").
A numeric date such as 03/04/16 is read the US way (month first) and, when it could be read
the other way too, flagged for a person to check.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any, Literal

from sitegen.authoring.dates import (
    DateRole,
    FoundDate,
    labelled_date,
    long_date,
    parse_date,
    same_date,
)
from sitegen.authoring.draft import ScaffoldError, SourceDraft
from sitegen.authoring.ids import slug
from sitegen.authoring.names import byline_names, clean_name, merge_names, person
from sitegen.authoring.page import PageReader
from sitegen.authoring.reference import Reference, draft_from_reference, suggest_base
from sitegen.authoring.scholarly import scholarly_reference
from sitegen.content.fields import NO_AUTHOR
from sitegen.content.schema import Person
from sitegen.content.words import NO_DATE

_META_DATES = {
    "published": (
        "article:published_time",
        "datepublished",
        "citation_publication_date",
        "citation_date",
    ),
    "updated": ("article:modified_time", "og:updated_time", "datemodified", "dc.date.modified"),
}
#: A last line such as "Ellen Cone" may sign the article.
_SIGNATURE = re.compile(r"[A-Z][a-z'-]+(?: [A-Z][a-z'.-]*){1,2}")
_URL_LINE = re.compile(r"^\s*(?:(?:url|source|link|web address)\s*:\s*)?(https?://\S+)\s*$", re.I)
_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)(https?://[^\s>]+)\s*-->", re.I)
#: The largest saved article read: far more than any article page.
MAX_ARTICLE_BYTES = 10_000_000
_HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
_TEXT_SUFFIXES = {".txt", ".text", ".md"}


@dataclass
class Article:
    """What a saved article says about itself."""

    format: Literal["HTML", "text"]
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    site_name: str | None = None
    published: FoundDate | None = None
    updated: FoundDate | None = None
    url: str | None = None
    #: What a journal article's page says of itself (citation_* tags and the like).
    scholarly: Reference | None = None
    #: Notes for a person, by field name, such as two dates that disagree.
    notes: dict[str, str] = field(default_factory=dict)


def _json_ld_dates(texts: list[str]) -> dict[str, str]:
    """datePublished and dateModified from the page's JSON-LD, when it has them."""
    found: dict[str, str] = {}

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key in {"datePublished", "dateModified"} and isinstance(value, str):
                    found.setdefault(key.lower(), value)
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    for text in texts:
        try:
            walk(json.loads(text))
        except ValueError:
            continue
    return found


def _metadata_date(meta: dict[str, str], role: DateRole, today: date) -> FoundDate | None:
    for key in _META_DATES[role]:
        if key in meta:
            found = parse_date(meta[key], today)
            if found:
                return FoundDate(found.value, meta[key])
    return None


def _pick_date(
    article: Article, role: DateRole, shown: FoundDate | None, metadata: FoundDate | None
) -> FoundDate | None:
    """The date the reader sees, else the one in the page's metadata; note a disagreement."""
    if shown and metadata and not same_date(shown.value, metadata.value):
        article.notes[role] = (
            f"the page shows {shown.shown!r} but its metadata says {metadata.shown!r}: check"
            " which is right"
        )
    return shown or metadata


def read_text_article(text: str, today: date) -> Article:
    """A plain-text article: its first line is the title; bylines and dates are labelled."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    article = Article("text", title=lines[0] if lines else None)
    article.authors = byline_names(lines)
    if not article.authors and lines and _SIGNATURE.fullmatch(lines[-1]):
        signed = person(lines[-1])
        article.notes["author"] = (
            f"no byline (By ...) was found, but the article ends with the line {lines[-1]!r}:"
            f" if that is the author, write '- family: {signed.family}' and 'given:"
            f" {signed.given}'; if it names no author, write: author: {NO_AUTHOR}"
        )
    article.published = labelled_date(lines, "published", today)
    article.updated = labelled_date(lines, "updated", today)
    article.url = next((m[1] for line in lines if (m := _URL_LINE.match(line))), None)
    return article


def read_html_article(html: str, today: date) -> Article:
    """An HTML page: metadata by trafilatura, from the page's text; dates as shown."""
    # Imported here: it takes about a quarter of a second, and every sitegen command
    # (generate and check too) loads this module.
    import trafilatura

    reader = PageReader()
    reader.feed(html)
    reader.close()
    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    logging.getLogger("htmldate").setLevel(logging.ERROR)
    metadata = trafilatura.extract_metadata(html)
    article = Article("HTML", title=metadata.title, site_name=metadata.sitename)
    article.authors = merge_names(
        byline_names(reader.lines),
        [clean_name(name) for name in (metadata.author or "").split(";") if name.strip()],
    )
    meta = reader.meta | _json_ld_dates(reader.json_ld)
    article.published = _pick_date(
        article,
        "published",
        labelled_date(reader.lines, "published", today),
        _metadata_date(meta, "published", today),
    )
    article.updated = _pick_date(
        article,
        "updated",
        labelled_date(reader.lines, "updated", today),
        _metadata_date(meta, "updated", today),
    )
    if article.published is None and metadata.date:
        guess = parse_date(metadata.date, today)
        if guess and (article.updated is None or guess.value != article.updated.value):
            article.notes["published"] = (
                f"no published date is labelled on the page; {long_date(guess.value)} is a guess"
                " from its text: check the article, or write: no date shown"
            )
            article.published = guess
    saved_from = _SAVED_FROM.search(html[:2000])
    article.url = metadata.url or (saved_from[1] if saved_from else None)
    article.scholarly = scholarly_reference(reader, today)
    return article


def read_article(path: Path, today: date) -> Article:
    """The article saved in `path`: HTML or plain text, by its name or its first bytes."""
    try:
        if path.exists() and not path.is_file():
            raise ScaffoldError(f"{path} is not a saved article (not a regular file)")
        with path.open("rb") as handle:
            raw = handle.read(MAX_ARTICLE_BYTES + 1)
        if len(raw) > MAX_ARTICLE_BYTES:
            raise ScaffoldError(f"{path} is larger than {MAX_ARTICLE_BYTES // 1_000_000} MB")
    except OSError as exc:
        raise ScaffoldError(f"cannot read {path}: {exc.strerror}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ScaffoldError(f"{path} is not UTF-8 text: save the article as UTF-8") from None
    return article_from_text(text, path.suffix.lower(), today)


def article_from_text(text: str, suffix: str, today: date) -> Article:
    """An article's text: HTML or plain text, by its file name's suffix or its first bytes."""
    start = text[:1000].lower()
    is_html = suffix in _HTML_SUFFIXES or (
        suffix not in _TEXT_SUFFIXES and any(tag in start for tag in ("<html", "<!doctype html"))
    )
    return read_html_article(text, today) if is_html else read_text_article(text, today)


def suggest_id(article: Article, people: list[Person]) -> str:
    """An id in the project's style: first author's family name (or the site) and year."""
    first = people[0] if people else None
    base = (
        slug(first.family, 2)
        if first and first.family
        else slug(article.site_name or "", 3) or slug(article.title or "", 4) or "source"
    )
    dated = article.published or article.updated
    return f"{base}-{dated.value[:4]}" if dated else base


def draft_from_article(
    article: Article, name: str, source_id: str | None, kind: str | None, today: date
) -> SourceDraft:
    """The draft source: what the article shows, and TODOs for what it does not."""
    people = [person(author) for author in article.authors]
    if article.scholarly is not None:
        return _scholarly_draft(article, article.scholarly, people, name, source_id, kind, today)
    notes = dict(article.notes)
    if people:
        split = "; ".join(
            f"{p.family}, {p.given}" if p.family else f"{p.literal} (an organisation)"
            for p in people
        )
        notes.setdefault("author", f"names as read from the article: {split}; check them")
    for role, found in (("published", article.published), ("updated", article.updated)):
        if found and found.doubt:
            notes.setdefault(role, found.doubt)
    if "published" in notes:
        notes["issued"] = notes.pop("published")
    if article.url is None:
        notes["URL"] = "no web address was found in the file: add the article's address"
    if article.published is None:
        notes["issued"] = (
            "no published date was found in the file: write the date the article shows, or"
            f" keep '{NO_DATE}'"
        )
    return SourceDraft(
        id=source_id or suggest_id(article, people),
        accessed=today,
        kind=kind,
        type="webpage",
        title=article.title or "TODO: the title, as the article gives it (none was found)",
        author=people or None,
        container_title=article.site_name
        or "TODO: the name of the website (none was found in the file)",
        issued=article.published.value if article.published else None,
        updated=article.updated.value if article.updated else None,
        URL=article.url,
        notes=notes,
        origin=f"sitegen import from {name}",
    )


def _scholarly_draft(
    article: Article,
    found: Reference,
    people: list[Person],
    name: str,
    source_id: str | None,
    kind: str | None,
    today: date,
) -> SourceDraft:
    """A journal article, from what its page says of itself for reference managers."""
    notes = {("issued" if key == "published" else key): note for key, note in article.notes.items()}
    reference = replace(
        found,
        title=found.title or article.title,
        authors=found.authors or tuple(people),
        issued=found.issued or (article.published.value if article.published else None),
        URL=None if found.DOI else article.url,
        notes=tuple(notes.items()) + found.notes,
    )
    source_id = source_id or suggest_base(reference)
    draft = draft_from_reference(reference, source_id, kind, today, f"sitegen import from {name}")
    draft.updated = article.updated.value if article.updated else None
    return draft
