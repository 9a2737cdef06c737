"""Characters that have no place in content: control characters, invisible ones, and those
that reorder text. Each is named, with its code, where it stands.

Pasted text carries them in unseen: a DEL or C1 control from an old document, a zero-width
space or a right-to-left override from a web page, a byte-order mark in the middle of a file.
MkDocs drops the front matter of a page that holds some of them, and others can make text
read differently from how it is stored (a "Trojan Source" trick), so none is accepted.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

#: Names people know, for the characters most often pasted in by accident.
_NAMES = {
    "\u00a0": "a non-breaking space",
    "\u00ad": "a soft hyphen",
    "\u200b": "a zero-width space",
    "\u200c": "a zero-width non-joiner",
    "\u200d": "a zero-width joiner",
    "\u2060": "a word joiner",
    "\ufeff": "a byte-order mark (zero-width no-break space)",
    "\u202a": "a left-to-right embedding",
    "\u202b": "a right-to-left embedding",
    "\u202c": "a pop directional formatting",
    "\u202d": "a left-to-right override",
    "\u202e": "a right-to-left override",
    "\u2066": "a left-to-right isolate",
    "\u2067": "a right-to-left isolate",
    "\u2068": "a first strong isolate",
    "\u2069": "a pop directional isolate",
    "\u200e": "a left-to-right mark",
    "\u200f": "a right-to-left mark",
    "\u2028": "a line separator",
    "\u2029": "a paragraph separator",
    "\x7f": "a delete character (DEL)",
}
#: Refused anywhere: C0 controls but tab and line feed, DEL, C1 controls, the invisible
#: format characters above, surrogates and Unicode's noncharacters.
_FORBIDDEN = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff"
    "\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]"
)
#: The noncharacters beyond the first plane: looked for only in text that reaches that far.
_FORBIDDEN_ASTRAL = re.compile(
    "["
    + "".join(f"{chr(p + 0xFFFE)}{chr(p + 0xFFFF)}" for p in range(0x10000, 0x110000, 0x10000))
    + "]"
)
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
#: Spaces that look like an ordinary one but are not: allowed in prose, a mistake in the
#: indentation of YAML (which then cannot be read).
_ODD_SPACE_AT_START = re.compile(r"^[ \t]*([\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000])", re.M)


def describe(char: str) -> str:
    """'a non-breaking space, U+00A0' and the like."""
    code = f"U+{ord(char):04X}"
    if char in _NAMES:
        return f"{_NAMES[char]}, {code}"
    category = unicodedata.category(char)
    if category == "Cc":
        return f"a control character, {code}"
    if category == "Cs":
        return f"a broken character (a lone surrogate), {code}"
    if category == "Cn" or (0xFDD0 <= ord(char) <= 0xFDEF) or (ord(char) & 0xFFFE == 0xFFFE):
        return f"a noncharacter, {code}"
    name = unicodedata.name(char, "").lower()
    return f"{'an' if name[:1] in 'aeiou' else 'a'} {name}, {code}" if name else code


@dataclass(frozen=True)
class BadCharacter:
    line: int
    column: int
    message: str


def _reaches_astral(text: str) -> bool:
    """Whether `text` has a character beyond the first plane (as emoji are)."""
    return not text.isascii() and _ASTRAL.search(text) is not None


def bad_characters(text: str, limit: int = 20) -> Iterator[BadCharacter]:
    """Each character of `text` that content may not hold (at most `limit` of them)."""
    matches = _FORBIDDEN.finditer(text)
    if _reaches_astral(text):
        found = [*matches, *_FORBIDDEN_ASTRAL.finditer(text)]
        matches = iter(sorted(found, key=lambda match: match.start()))
    for count, match in enumerate(matches, 1):
        line = text.count("\n", 0, match.start()) + 1
        column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
        yield BadCharacter(
            line,
            column,
            f"{describe(match.group())} is not allowed in content: delete it (it is often"
            " pasted in unseen with text from another document)",
        )
        if count == limit:
            return


def odd_spaces_at_line_starts(text: str, first_line: int = 1) -> Iterator[BadCharacter]:
    """A non-breaking (or other unusual) space in a YAML line's indentation."""
    for match in _ODD_SPACE_AT_START.finditer(text):
        line = text.count("\n", 0, match.start()) + first_line
        column = match.start(1) - match.start() + 1
        yield BadCharacter(
            line,
            column,
            f"{describe(match.group(1))}, at the start of the line: YAML needs ordinary"
            " spaces there; delete it and type a space",
        )


def without_bad_characters(text: str) -> str:
    """`text` without the characters content may not hold: for text read from elsewhere
    (a catalogue, a reference manager's export), before it is written into a file."""
    text = _FORBIDDEN.sub("", text)
    if _reaches_astral(text):
        text = _FORBIDDEN_ASTRAL.sub("", text)
    return text
