"""When to get help now: the full boxes of urgent-help.yml, and the short box at the top of
a page, on the first screen of a phone (as the NHS puts its urgent advice first)."""

from __future__ import annotations

from collections.abc import Sequence

from sitegen.content.layout import URGENT_PAGE, output_name
from sitegen.content.schema import UrgentHelp
from sitegen.render.escaping import escape as md
from sitegen.render.lists import Inline


def _title(text: str) -> str:
    return md(text).replace('"', "&quot;")


def _box(kind: str, title: str, items: Sequence[str], where: str, inline: Inline) -> list[str]:
    lines = [f'!!! {kind} urgent "{_title(title)}"', ""]
    lines += [f"    - {inline(item)}" for item in items]
    return [*lines, "", f"    {inline(where)}", ""]


def urgent_boxes(help: UrgentHelp, inline: Inline) -> str:
    """Both boxes in full: get help now (red), and see a doctor soon (amber)."""
    lines = _box("danger", help.emergency_heading, help.emergency, help.emergency_where, inline)
    lines += _box("warning", help.soon_heading, help.soon, help.soon_where, inline)
    return "\n".join(lines)


def urgent_summary(help: UrgentHelp, inline: Inline, on_page: str) -> str:
    """The short box for the top of a page, with a link to every warning sign."""
    link = ""
    if on_page != URGENT_PAGE:
        link = f" [All the warning signs, and what to do]({output_name(URGENT_PAGE)})"
    return f'!!! danger urgent urgent-summary "Get help now"\n\n    {inline(help.summary)}{link}\n'
