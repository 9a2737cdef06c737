"""The nav of mkdocs.yml: the one place that gives the pages' order and their menu titles.

MkDocs needs the nav in mkdocs.yml, so the generator reads it from there:

    nav:
      - Overview: index.md
      - Your options:
          - Compare them: compare.md
          - Exercise: exercise.md
      - FAQ: faq.md

Only the nav is read (the rest of mkdocs.yml is MkDocs' business and may use tags that a
safe YAML loader does not build), each entry with its line.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from sitegen.content.layout import MKDOCS_CONFIG
from sitegen.content.model import NavEntry
from sitegen.content.yamlwords import describe_yaml_error
from sitegen.problems import Location, Problems

_ENTRY_FORM = "write each entry as '  - Menu title: page.md'"


def read_site_url(config: Path) -> str | None:
    """The site's address (site_url in mkdocs.yml), if it is set."""
    try:
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        root = yaml.compose(config.read_text(encoding="utf-8"), Loader=loader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    if not isinstance(root, MappingNode):
        return None
    node = next((v for k, v in root.value if getattr(k, "value", None) == "site_url"), None)
    value = str(node.value).strip() if isinstance(node, ScalarNode) else ""
    return value or None


def read_nav(config: Path, problems: Problems) -> list[NavEntry]:
    """The nav's entries in order; problems with it are reported at their lines."""
    name = MKDOCS_CONFIG
    if not config.is_file():
        problems.error(
            Location(name, 1), "mkdocs.yml is missing: it gives the pages' order (its nav)"
        )
        return []
    try:
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's, when installed
        root = yaml.compose(config.read_text(encoding="utf-8"), Loader=loader)
    except (OSError, UnicodeDecodeError) as exc:
        problems.error(Location(name, 1), f"cannot read this file: {exc}")
        return []
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problems.error(
            Location(name, mark.line + 1 if mark else 1),
            describe_yaml_error(exc),
        )
        return []
    nav = None
    if isinstance(root, MappingNode):
        nav = next((v for k, v in root.value if getattr(k, "value", None) == "nav"), None)
    if not isinstance(nav, SequenceNode):
        line = nav.start_mark.line + 1 if nav is not None else 1
        problems.error(
            Location(name, line),
            f"mkdocs.yml needs a nav: a list of the pages in the order visitors see them;"
            f" {_ENTRY_FORM}",
        )
        return []
    return list(_entries(nav, problems, section=None))


def _entries(nav: SequenceNode, problems: Problems, section: str | None) -> Iterator[NavEntry]:
    for item in nav.value:
        where = Location(MKDOCS_CONFIG, item.start_mark.line + 1)
        pair = item.value[0] if isinstance(item, MappingNode) and len(item.value) == 1 else None
        if pair is None or not isinstance(pair[0], ScalarNode):
            problems.error(where, f"this nav entry is not a page: {_ENTRY_FORM}")
            continue
        title = str(pair[0].value).strip()
        if isinstance(pair[1], SequenceNode) and section is None:
            yield from _entries(pair[1], problems, section=title)
        elif isinstance(pair[1], ScalarNode):
            yield NavEntry(title, str(pair[1].value).strip(), where, section)
        else:
            problems.error(
                where,
                f"this nav entry is not a page: {_ENTRY_FORM} (a section of pages may hold"
                " pages, not other sections)",
            )
