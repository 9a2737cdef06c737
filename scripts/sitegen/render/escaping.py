"""Text from the content made safe where it lands in docs/: on one line (a line break could
end the block it is in, or start a new one), as Markdown that shows it as written, or as
HTML text. The templates use these as filters (see templating.py)."""

from __future__ import annotations

import html
import re

#: What Markdown would read as markup inside a line of text: emphasis, code, links,
#: pictures (with the brackets escaped, ! is only a mark), attribute lists, and the backslash.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]])")


def one_line(text: str) -> str:
    """`text` on one line: a line break in a field cannot start a new block of Markdown."""
    return " ".join(text.split())


def escape(text: str) -> str:
    """Text that Markdown shows as written, on one line: its markup characters escaped, and
    < and > as character references (Markdown would take them for HTML)."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", one_line(text))
    return escaped.replace("<", "&lt;").replace(">", "&gt;")


def html_line(text: str) -> str:
    """`text` in a figure's HTML (quotes escaped too, for attributes), on one line: a line
    break would end the raw HTML block, and Markdown would read the rest (a code fence, say)
    as Markdown."""
    return html.escape(one_line(text))


def html_text(text: str) -> str:
    """`text` as HTML text, for values the theme writes into the page as they are (the
    <title> and the description <meta>): &, <, > and " as character references."""
    return html.escape(one_line(text), quote=False).replace('"', "&quot;")
