"""Nothing in the content may run code, load things from other sites, or hide the page.

Pages and the Markdown fields of the data files are Markdown only:

- no raw HTML at all (a tag, a comment, a processing instruction): what the site needs is
  drawn by markers, and raw HTML is how scripts, frames, forms, meta refreshes and hidden
  blocks get in;
- links only to pages of this site, web pages (http, https), email and phone numbers:
  never javascript:, data: or any other scheme, however it is disguised with character
  references or spaces;
- pictures only from this site;
- attribute lists (`{ .note }`) only with a class or an id, never `onclick=` and the like.

Plain-text fields (titles, labels, names) hold no < or >. The rendered pages are checked
again against an allowlist of HTML (see output/allowlist.py): this is the authoring check
that names the line.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

from sitegen.checks.context import Context
from sitegen.content.model import Content
from sitegen.content.text import MarkdownText
from sitegen.content.walk import plain_fields
from sitegen.problems import Location, Problem, error, position

ALLOWED_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
_RAW_HTML = re.compile(r"<(/?[A-Za-z][\w:-]*|!--|![A-Za-z\[]|\?)")
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]{1,31}):[^\s<>]*>")
_SCHEME = re.compile(r"([a-z][a-z0-9+.-]*):")
_REFERENCE_DEFINITION = re.compile(r"^ {0,3}\[[^\]\n]+\]:[ \t]*<?([^\s>]+)", re.M)
_ATTRIBUTE_LIST = re.compile(r"\{:?[ \t]*([^{}\n]*)\}")
_ATTRIBUTE_TOKEN = re.compile(r"[.#][\w-]+")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f]")
_RAW_HTML_MESSAGE = {
    "!--": "HTML comments (<!--) are not allowed in content: they can hide the text after them"
}


def link_scheme(target: str) -> str | None:
    """The scheme a browser would read from a link target, as it would read it: character
    references decoded, spaces and control characters dropped, in lower case."""
    plain = _INVISIBLE.sub("", html.unescape(html.unescape(target))).lower().lstrip("<")
    match = _SCHEME.match(plain)
    return match[1] if match else None


def _raw_html_message(what: str) -> str:
    if what == "!--":
        return "HTML comments (<!--) are not allowed in content: they can hide what follows"
    return f"raw <{what.lstrip('/')}> is not allowed in content: pages are Markdown only"


def _scheme_message(scheme: str) -> str:
    if scheme == "data":
        return "data: links are not allowed in content: link to a file or web page instead"
    return f"{scheme}: links are not allowed in content: link to a page or a web address"


def _is_image(masked: str, link_start: int) -> bool:
    """Whether the link ending at `link_start` (its `](`) is a picture: `![alt](src)`."""
    depth = 0
    for index in range(link_start - 1, max(-1, link_start - 2000), -1):
        char = masked[index]
        if char == "]":
            depth += 1
        elif char == "[":
            if depth == 0:
                return index > 0 and masked[index - 1] == "!"
            depth -= 1
    return False


def markdown_problems(text: MarkdownText) -> Iterator[tuple[int, int, str]]:
    """(offset, length, message) for each unsafe construct in `text`, outside code."""
    scan = text.scan
    masked = scan.masked
    autolinks = {match.start(): match for match in _AUTOLINK.finditer(masked)}
    if "<" in masked:
        for match in _RAW_HTML.finditer(masked):
            autolink = autolinks.get(match.start())
            if autolink is not None:
                scheme = autolink[1].lower()
                if scheme not in ALLOWED_SCHEMES:
                    yield match.start() + 1, len(scheme), _scheme_message(scheme)
                continue
            what = match[1].lower()
            yield match.start(1), len(match[0]), _raw_html_message(what)
    for link in scan.links:
        scheme = link_scheme(link.target)
        if scheme is not None and scheme not in ALLOWED_SCHEMES:
            yield link.start + 2, len(link.target), _scheme_message(scheme)
        elif scheme is not None and _is_image(masked, link.start):
            yield (
                link.start + 2,
                len(link.target),
                (
                    "pictures from other sites are not allowed: add the picture to docs/assets/"
                    " and link to it there"
                ),
            )
    for match in _REFERENCE_DEFINITION.finditer(masked):
        scheme = link_scheme(match[1])
        if scheme is not None and scheme not in ALLOWED_SCHEMES:
            yield match.start(1), len(match[1]), _scheme_message(scheme)
    if "{" in masked:
        for match in _ATTRIBUTE_LIST.finditer(masked):
            inside = match[1].strip()
            looks_like_attributes = inside[:1] in {".", "#"} or "=" in inside or match[0][1] == ":"
            tokens = inside.split()
            if looks_like_attributes and not all(_ATTRIBUTE_TOKEN.fullmatch(t) for t in tokens):
                yield (
                    match.start(),
                    len(match[0]),
                    (
                        f"the attribute list {match[0]} may only give a class or an id, as in"
                        " { .note } or { #cost }"
                    ),
                )


def no_unsafe_markup(content: Content, context: Context) -> Iterator[Problem]:
    for page in content.pages:
        masked = page.body.scan.masked
        for offset, _, message in markdown_problems(page.body):
            line, column = position(masked, offset, page.body_first_line)
            yield error(Location(page.path, line, column), message)
    for field in content.data_texts:
        for _, _, message in markdown_problems(MarkdownText(field.value)):
            yield error(field.where, message)


def plain_text_is_plain(content: Content, context: Context) -> Iterator[Problem]:
    """Titles, labels and names are shown as they are written: no < or > in them."""
    for field in plain_fields(content.records()):
        if "<" in field.value or ">" in field.value:
            yield error(
                field.where,
                f"'{field.name}' is plain text: write it without < or > (they would be taken"
                " for HTML)",
            )
