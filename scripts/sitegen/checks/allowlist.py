"""The HTML the site may contain: elements, attributes and addresses on an allowlist.

Every page of the built site, and every page the generator renders, is parsed and each
element, attribute and address is held against the lists below, after character
references are decoded (as a browser reads them). Anything else is a problem: an event
handler, a frame, a meta refresh, a script that is neither the site's own file nor one of
the inline scripts the Content-Security-Policy allows by hash, a picture or style from
another site, a javascript: or data: link.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Collection
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urlsplit

ELEMENTS = frozenset(
    "a abbr article aside blockquote body br button caption circle code dd defs del "
    "details div dl dt em figcaption figure footer form g h1 h2 h3 h4 h5 h6 head header "
    "hr html i img input ins kbd label li line link main mark meta nav noscript ol p path "
    "pattern pre rect script section small span strong sub summary sup svg table tbody td "
    "text tfoot th thead title tr tspan ul use".split()
)
#: Attributes any element may have.
COMMON_ATTRIBUTES = frozenset(
    "aria-describedby aria-expanded aria-hidden aria-label aria-labelledby class dir "
    "hidden id lang role tabindex title".split()
)
#: How an SVG shape is painted.
_PAINT = ("fill", "stroke", "stroke-width", "stroke-linecap", "stroke-linejoin", "opacity")
ATTRIBUTES: dict[str, frozenset[str]] = {
    "a": frozenset({"href", "rel", "target"}),
    "button": frozenset({"type", "for"}),
    "circle": frozenset({"cx", "cy", "r", *_PAINT}),
    "details": frozenset({"open"}),
    "form": frozenset({"name"}),
    "g": frozenset(_PAINT),
    # A section the search index leaves out (each page's list of sources).
    "h2": frozenset({"data-search-exclude"}),
    "html": frozenset({"xmlns"}),
    "img": frozenset({"src", "alt", "width", "height", "loading"}),
    "input": frozenset(
        "type name placeholder autocapitalize autocomplete autocorrect spellcheck required"
        " checked".split()
    ),
    "label": frozenset({"for"}),
    "line": frozenset({"x1", "y1", "x2", "y2"}),
    "link": frozenset({"rel", "href", "type", "sizes", "media"}),
    "meta": frozenset({"charset", "name", "content", "property", "http-equiv"}),
    "ol": frozenset({"start", "reversed"}),
    "path": frozenset({"d", *_PAINT}),
    "pattern": frozenset({"width", "height", "patternunits"}),
    "rect": frozenset({"x", "y", "width", "height", "rx", *_PAINT}),
    "script": frozenset({"src", "type", "defer"}),
    "svg": frozenset({"viewbox", "xmlns", "focusable", "width", "height"}),
    "td": frozenset({"style", "colspan", "rowspan"}),
    "text": frozenset({"x", "y", "text-anchor"}),
    "th": frozenset({"style", "colspan", "rowspan", "scope"}),
    "tspan": frozenset({"x", "y"}),
    "use": frozenset({"href", "x", "y"}),
}
#: Where a link may lead (a page of this site needs no scheme).
LINK_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
_TEXT_ALIGN = re.compile(r"\s*text-align:\s*(left|right|center);?\s*")
_META_NAMES = frozenset({"viewport", "description", "author", "generator", "referrer"})
#: Script elements that hold data, which browsers never run.
_DATA_SCRIPTS = frozenset({"application/json", "application/ld+json"})
_LINK_RELS = frozenset({"stylesheet", "icon", "canonical", "prev", "next", "alternate"})
_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f]")
_SCHEME = re.compile(r"([a-z][a-z0-9+.-]*):")


def _scheme(url: str) -> str | None:
    match = _SCHEME.match(_INVISIBLE.sub("", url).lower())
    return match[1] if match else None


def _is_local(url: str) -> bool:
    """Whether `url` stays on this site: no scheme and no host of its own."""
    plain = _INVISIBLE.sub("", url)
    return _scheme(plain) is None and not plain.startswith(("//", "\\\\", "/\\", "\\/"))


def script_hash(text: str) -> str:
    """The Content-Security-Policy's hash of an inline script: 'sha256-...'."""
    digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()
    return f"'sha256-{digest}'"


@dataclass(frozen=True)
class Violation:
    line: int
    message: str


class _Checker(HTMLParser):
    def __init__(self, script_hashes: Collection[str], origin: str | None) -> None:
        super().__init__(convert_charrefs=True)
        self.script_hashes = frozenset(script_hashes)
        self.origin = origin
        self.violations: list[Violation] = []
        self._script: tuple[int, str] | None = None  # (line, type) of the open <script>
        self._script_text: list[str] = []

    def _bad(self, message: str) -> None:
        self.violations.append(Violation(self.getpos()[0], message))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ELEMENTS:
            self._bad(f"<{tag}> is not allowed")
            return
        values = {name: value or "" for name, value in attrs}
        allowed = COMMON_ATTRIBUTES | ATTRIBUTES.get(tag, frozenset())
        for name, value in values.items():
            if name not in allowed and not name.startswith("data-md-"):
                self._bad(f'the attribute {name}="{value[:60]}" on <{tag}> is not allowed')
        self._check_element(tag, values)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag == "script":
            self.handle_endtag(tag)

    def _check_element(self, tag: str, values: dict[str, str]) -> None:
        href, src = values.get("href"), values.get("src")
        if tag == "a" and href is not None:
            scheme = _scheme(href)
            if scheme is not None and scheme not in LINK_SCHEMES:
                self._bad(f"a {scheme}: link is not allowed")
        if tag == "use" and href is not None and not href.startswith("#"):
            self._bad('<use> may only point inside the page (href="#...")')
        if tag in {"img", "script"} and src is not None and not _is_local(src):
            self._bad(f"<{tag}> loads {src[:80]} from another site")
        if tag == "link":
            rels = set(values.get("rel", "").lower().split())
            if not rels or not rels <= _LINK_RELS:
                self._bad(f'<link rel="{values.get("rel", "")}"> is not allowed')
            elif href is not None and not _is_local(href) and "canonical" not in rels:
                self._bad(f"<link> loads {href[:80]} from another site")
        if tag == "meta":
            equiv = values.get("http-equiv", "").lower()
            if equiv and equiv != "content-security-policy":
                self._bad(f'<meta http-equiv="{equiv}"> is not allowed')
            name = values.get("name", "").lower()
            if name and name not in _META_NAMES:
                self._bad(f'<meta name="{name}"> is not allowed')
            prop = values.get("property", "").lower()
            if prop and not prop.startswith("og:"):
                self._bad(f'<meta property="{prop}"> is not allowed')
        for paint in ("fill", "stroke"):
            if "url(" in values.get(paint, "") and not values[paint].startswith("url(#"):
                self._bad(f"a {paint} from elsewhere: {values[paint][:60]}")
        if "style" in values and not _TEXT_ALIGN.fullmatch(values["style"]):
            self._bad(f'the style "{values["style"][:60]}" is not allowed')
        if tag == "script":
            self._script = (self.getpos()[0], values.get("type", ""))
            self._script_text = []
            if src is None and values.get("type", "") not in {"", *_DATA_SCRIPTS}:
                self._bad(f'<script type="{values["type"]}"> is not allowed')

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script_text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag != "script" or self._script is None:
            return
        line, kind = self._script
        text = "".join(self._script_text)
        self._script = None
        if kind in _DATA_SCRIPTS:
            try:
                json.loads(text)
            except ValueError:
                self.violations.append(Violation(line, "structured data that is not JSON"))
        elif text.strip() and script_hash(text) not in self.script_hashes:
            self.violations.append(
                Violation(line, "an inline script the Content-Security-Policy does not allow")
            )

    def handle_pi(self, data: str) -> None:
        self._bad("a processing instruction (<?...>) is not allowed")

    def unknown_decl(self, data: str) -> None:
        self._bad(f"<![{data[:20]}...]> is not allowed")


def html_violations(
    html: str, script_hashes: Collection[str] = (), origin: str | None = None
) -> list[Violation]:
    """Everything in `html` that is not on the allowlist. `script_hashes`: the inline
    scripts allowed (as the Content-Security-Policy names them)."""
    checker = _Checker(script_hashes, origin)
    checker.feed(html)
    checker.close()
    return checker.violations


def site_origin(site_url: str | None) -> str | None:
    if not site_url:
        return None
    parts = urlsplit(site_url)
    return f"{parts.scheme}://{parts.netloc}"
