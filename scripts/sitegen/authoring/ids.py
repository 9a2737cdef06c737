"""Ids for new sources, in the project's style: a name and a year, such as foster-2001."""

from __future__ import annotations

import re
import unicodedata

#: Letters that do not come apart into a plain letter and an accent.
_LETTERS = str.maketrans(
    {
        "ø": "o",
        "Ø": "O",
        "æ": "ae",
        "Æ": "Ae",
        "œ": "oe",
        "Œ": "Oe",
        "ß": "ss",
        "đ": "d",
        "Đ": "D",
        "ł": "l",
        "Ł": "L",
        "þ": "th",
        "Þ": "Th",
        "ð": "d",
        "Ð": "D",
        "\u0131": "i",
    }
)


def slug(text: str, words: int) -> str:
    """The first `words` words of `text`, in lowercase ASCII, joined by hyphens."""
    plain = unicodedata.normalize("NFKD", text.translate(_LETTERS))
    ascii_text = plain.encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text.lower())[:words])
