"""Reading a saved article (an HTML page or plain text) into a draft source.

Everything is read from the file: nothing is fetched. HTML metadata (title, authors, site
name, web address) comes from trafilatura, given the page's text, never a URL; dates and
bylines come from what the page shows ("Published: ...", "Updated on: ...", "By ...").
A numeric date such as 03/04/16 is read the US way (month first) and, when it could be read
the other way too, flagged for a person to check.
"""

from __future__ import annotations

import calendar
import json
import logging
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal

from sitegen.authoring.draft import ScaffoldError, SourceDraft
from sitegen.content.fields import NO_AUTHOR, NO_DATE
from sitegen.content.schema import Person
from sitegen.htmltext import TextCollector

_MONTHS = {
    name.lower(): number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number])
} | {"sept": 9}
_MONTH = r"(?P<mon>[A-Za-z]{3,9})\.?"
_DAY = r"(?P<d>\d{1,2})(?:st|nd|rd|th)?"
_DATE_FORMS = [
    re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?!\d)"),
    re.compile(r"(?P<a>\d{1,2})[/.-](?P<b>\d{1,2})[/.-](?P<y>\d{4}|\d{2})(?!\d)"),
    re.compile(rf"{_MONTH}\s+{_DAY},?\s+(?P<y>\d{{4}})(?!\d)"),
    re.compile(rf"{_DAY}\s+{_MONTH},?\s+(?P<y>\d{{4}})(?!\d)"),
    re.compile(rf"{_MONTH},?\s+(?P<y>\d{{4}})(?!\d)"),
    re.compile(r"(?P<y>(?:19|20)\d{2})(?!\d)"),
]
_LABELS = {
    "updated": re.compile(
        r"\b(?:last\s+)?(?:updated|modified|revised|reviewed)(?:\s+on)?\s*:?\s*", re.I
    ),
    "published": re.compile(r"\b(?:first\s+|date\s+)?(?:published|posted)(?:\s+on)?\s*:?\s*", re.I),
}
_META_DATES = {
    "published": ("article:published_time", "datepublished", "citation_publication_date"),
    "updated": ("article:modified_time", "og:updated_time", "datemodified", "dc.date.modified"),
}
_BYLINE = re.compile(r"^\s*(?:written\s+)?by[:\s]\s*(?P<names>.+?)\s*$", re.I)
_TITLES = re.compile(r"^(?:dr|prof|professor|mr|mrs|ms|mx)\.?\s+", re.I)
_CREDENTIAL = r"(?:[A-Z]{2,6}|Ph\.?D\.?|M\.D\.|D\.O\.|R\.N\.)"
_CREDENTIALS = re.compile(rf"(?:,\s*|\s+){_CREDENTIAL}(?:(?:,\s*|\s+){_CREDENTIAL})*\s*$")
_ONLY_CREDENTIALS = re.compile(rf"{_CREDENTIAL}(?:\s+{_CREDENTIAL})*")
#: Longer lines are prose, where "published in 2011" is not the article's own date.
_LONGEST_LABEL_LINE = 120
_ORGANISATION_WORDS = {
    "association",
    "board",
    "center",
    "centre",
    "clinic",
    "council",
    "department",
    "editorial",
    "editors",
    "foundation",
    "hospital",
    "inc",
    "institute",
    "ltd",
    "llc",
    "news",
    "society",
    "staff",
    "team",
}
_NAME_PARTICLES = {"de", "da", "del", "der", "di", "la", "le", "van", "von", "bin", "al"}
#: A last line such as "Ellen Cone" may sign the article.
_SIGNATURE = re.compile(r"[A-Z][a-z'-]+(?: [A-Z][a-z'.-]*){1,2}")
_URL_LINE = re.compile(r"^\s*(?:(?:url|source|link|web address)\s*:\s*)?(https?://\S+)\s*$", re.I)
_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)(https?://[^\s>]+)\s*-->", re.I)
_HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
_TEXT_SUFFIXES = {".txt", ".text", ".md"}

DateRole = Literal["published", "updated"]


@dataclass(frozen=True)
class FoundDate:
    """A date read from the article: as written there, as YYYY[-MM[-DD]], and any doubt."""

    value: str
    shown: str
    doubt: str | None = None


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
    #: Notes for a person, by field name, such as two dates that disagree.
    notes: dict[str, str] = field(default_factory=dict)


def _year(text: str, today: date) -> int:
    if len(text) == 4:
        return int(text)
    year = 2000 + int(text)
    return year if year <= today.year else year - 100


def _iso(year: int, month: int | None = None, day: int | None = None) -> str | None:
    """'2016-03-22', '2016-03' or '2016', or None when no such day exists."""
    if month is None:
        return f"{year:04d}"
    if not 1 <= month <= 12:
        return None
    if day is None:
        return f"{year:04d}-{month:02d}"
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _long(value: str) -> str:
    year, month, day = (int(part) for part in value.split("-"))
    return f"{day} {calendar.month_name[month]} {year}"


def parse_date(text: str, today: date) -> FoundDate | None:
    """The date at the start of `text`, as a page might show it, or None."""
    for form in _DATE_FORMS:
        match = form.match(text)
        if not match:
            continue
        parts = match.groupdict()
        shown = match.group(0)
        year = _year(parts["y"], today)
        if "a" in parts:
            first, second = int(parts["a"]), int(parts["b"])
            if first > 12 >= second:  # only day/month makes sense, as in 22/03/16
                value = _iso(year, second, first)
                return FoundDate(value, shown) if value else None
            value = _iso(year, first, second)
            if value is None:
                return None
            doubt = None
            if first != second and second <= 12:
                other = _iso(year, second, first)
                doubt = (
                    f'the article shows "{shown}", read here the US way (month first) as'
                    f" {_long(value)}; it may be {_long(other or value)}: check the article,"
                    " correct the date if needed"
                )
            return FoundDate(value, shown, doubt)
        month = int(parts["m"]) if parts.get("m") else _MONTHS.get((parts.get("mon") or "").lower())
        if parts.get("mon") and month is None:
            continue
        day = int(parts["d"]) if parts.get("d") else None
        value = _iso(year, month, day)
        return FoundDate(value, shown) if value else None
    return None


def labelled_date(lines: list[str], role: DateRole, today: date) -> FoundDate | None:
    """The first date a line labels as published or updated ("Updated on: 03/22/16")."""
    for line in lines:
        if len(line) > _LONGEST_LABEL_LINE:
            continue
        for label in _LABELS[role].finditer(line):
            found = parse_date(line[label.end() :], today)
            if found:
                return found
    return None


def _looks_like_name(name: str) -> bool:
    words = name.split()
    return 1 <= len(words) <= 6 and all(
        word[0].isupper() or word.lower() in _NAME_PARTICLES for word in words
    )


def byline_names(lines: list[str]) -> list[str]:
    """The names in the first "By ..." line, without titles and credentials."""
    for line in lines:
        match = _BYLINE.match(line)
        if not match or len(line) > _LONGEST_LABEL_LINE:
            continue
        parts = [part.strip() for part in re.split(r"\s+and\s+|[;&,]", match["names"])]
        names = [
            clean_name(part) for part in parts if part and not _ONLY_CREDENTIALS.fullmatch(part)
        ]
        if names and all(_looks_like_name(name) for name in names):
            return names
    return []


def clean_name(text: str) -> str:
    """'Dr. Jordan Lee, MD' -> 'Jordan Lee'."""
    return _CREDENTIALS.sub("", _TITLES.sub("", text.strip())).strip(" ,")


def person(name: str) -> Person:
    """A name as CSL: 'Maria Lopez' -> family Lopez, given Maria; an organisation is literal."""
    words = name.split()
    if len(words) < 2 or any(word.lower().strip(".,") in _ORGANISATION_WORDS for word in words):
        return Person(literal=name)
    family_start = len(words) - 1
    while family_start > 1 and words[family_start - 1].lower() in _NAME_PARTICLES:
        family_start -= 1
    return Person(family=" ".join(words[family_start:]), given=" ".join(words[:family_start]))


def _merge_names(*groups: list[str]) -> list[str]:
    seen: dict[str, str] = {}
    for group in groups:
        for name in group:
            seen.setdefault(" ".join(name.lower().split()), name)
    return list(seen.values())


class _PageReader(TextCollector):
    """The visible text of a page, line by line, and its meta tags and JSON-LD."""

    _BLOCKS = frozenset(
        {
            "address",
            "article",
            "aside",
            "blockquote",
            "br",
            "dd",
            "div",
            "dl",
            "dt",
            "figcaption",
            "footer",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "header",
            "hr",
            "li",
            "main",
            "nav",
            "ol",
            "p",
            "pre",
            "section",
            "table",
            "td",
            "th",
            "time",
            "tr",
            "ul",
        }
    )
    _HIDDEN = frozenset({"script", "style", "noscript", "template", "head", "svg"})

    def __init__(self) -> None:
        super().__init__(self._BLOCKS, self._HIDDEN)
        self.meta: dict[str, str] = {}
        self.json_ld: list[str] = []
        self._in_json_ld = False

    @property
    def lines(self) -> list[str]:
        return self.blocks

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {key: value or "" for key, value in attrs}
        if tag == "meta":
            key = values.get("property") or values.get("name") or values.get("itemprop")
            if key and values.get("content"):
                self.meta.setdefault(key.lower(), values["content"].strip())
        elif tag == "script" and values.get("type", "").lower() == "application/ld+json":
            self._in_json_ld = True
        super().handle_starttag(tag, attrs)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag in self._HIDDEN:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_json_ld = False
        super().handle_endtag(tag)

    def handle_data(self, data: str) -> None:
        if self._in_json_ld:
            self.json_ld.append(data)
        else:
            super().handle_data(data)


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
    if shown and metadata and not metadata.value.startswith(shown.value[:10]):
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

    reader = _PageReader()
    reader.feed(html)
    reader.close()
    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    logging.getLogger("htmldate").setLevel(logging.ERROR)
    metadata = trafilatura.extract_metadata(html)
    article = Article("HTML", title=metadata.title, site_name=metadata.sitename)
    article.authors = _merge_names(
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
                f"no published date is labelled on the page; {_long(guess.value)} is a guess"
                " from its text: check the article, or write: no date shown"
            )
            article.published = guess
    saved_from = _SAVED_FROM.search(html[:2000])
    article.url = metadata.url or (saved_from[1] if saved_from else None)
    return article


def read_article(path: Path, today: date) -> Article:
    """The article saved in `path`: HTML or plain text, by its name or its first bytes."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ScaffoldError(f"cannot read {path}: {exc.strerror}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ScaffoldError(f"{path} is not UTF-8 text: save the article as UTF-8") from None
    suffix = path.suffix.lower()
    start = text[:1000].lower()
    is_html = suffix in _HTML_SUFFIXES or (
        suffix not in _TEXT_SUFFIXES and any(tag in start for tag in ("<html", "<!doctype html"))
    )
    return read_html_article(text, today) if is_html else read_text_article(text, today)


def _slug(text: str, words: int) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text.lower())[:words])


def suggest_id(article: Article, people: list[Person]) -> str:
    """An id in the project's style: first author's family name (or the site) and year."""
    first = people[0] if people else None
    base = (
        _slug(first.family, 2)
        if first and first.family
        else _slug(article.site_name or "", 3) or _slug(article.title or "", 4) or "source"
    )
    dated = article.published or article.updated
    return f"{base}-{dated.value[:4]}" if dated else base


def draft_from_article(
    article: Article, name: str, source_id: str | None, kind: str | None, today: date
) -> SourceDraft:
    """The draft source: what the article shows, and TODOs for what it does not."""
    people = [person(author) for author in article.authors]
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
