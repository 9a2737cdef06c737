"""An HTML page as the importer reads it: its visible text line by line, every meta tag (a
name may come once per author, as citation_author does), and its JSON-LD."""

from __future__ import annotations

from sitegen.htmltext import TextCollector


class PageReader(TextCollector):
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
        #: The first value of each meta tag, by its name in lower case.
        self.meta: dict[str, str] = {}
        #: Every meta tag, in order: (name in lower case, value).
        self.meta_tags: list[tuple[str, str]] = []
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
                self.meta_tags.append((key.lower(), values["content"].strip()))
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
