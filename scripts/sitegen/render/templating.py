"""The Jinja environment for the templates in templates/, and the filters that make each
value safe where it lands: `md` for plain text in Markdown, `one_line` for Markdown in a
list item or box, `cell` for a table cell, `html_yaml` for front matter the theme writes
into HTML as it is, `yaml_text` for other front matter. Markdown from the content comes
in already rewritten (see inline.py) and checked (see checks/safety.py)."""

from __future__ import annotations

import contextlib
import functools
import html
import json
import os
import stat
from pathlib import Path

import jinja2
import jinja2.bccache

from sitegen.content.fields import format_day
from sitegen.render.references import escape
from sitegen.signing import user_cache_folder


class CompiledTemplates(jinja2.FileSystemBytecodeCache):
    """Templates kept compiled between runs in `folder`: compiling them takes longer than
    drawing the real site's pages with them. A template whose text changed is compiled
    again. The folder is made readable by its owner only, and a folder that others could
    change is not read; when it cannot be written, templates are compiled on each run."""

    def __init__(self, folder: Path) -> None:
        super().__init__(str(folder))
        self.folder = folder

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            info = self.folder.lstat()
            owned = stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid()
            if owned and not info.st_mode & 0o022:
                super().load_bytecode(bucket)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            super().dump_bytecode(bucket)


def _compiled_templates() -> CompiledTemplates | None:
    """Where the templates are kept compiled: in the user's cache folder, outside every
    project (compiled code that came with a pull request would run here), as the key that
    signs what a project keeps (see signing.py)."""
    folder = user_cache_folder()
    return CompiledTemplates(folder / "templates") if folder is not None else None


@functools.lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("sitegen.render", "templates"),
        bytecode_cache=_compiled_templates(),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["yaml_text"] = lambda text: json.dumps(text, ensure_ascii=False)
    # A YAML block of lines (after `key: |-`): each line indented, so none can end the block.
    env.filters["yaml_block"] = lambda text: "\n".join(f"  {line}" for line in text.split("\n"))
    env.filters["html_yaml"] = lambda text: json.dumps(html_text(text), ensure_ascii=False)
    env.filters["md"] = escape
    env.filters["one_line"] = one_line
    env.filters["cell"] = lambda text: one_line(text).replace("|", "\\|")
    env.filters["day"] = format_day
    return env


def one_line(text: str) -> str:
    """`text` on one line: a line break in a field cannot start a new block of Markdown."""
    return " ".join(text.split())


def html_line(text: str) -> str:
    """`text` in a figure's HTML (quotes escaped too, for attributes), on one line: a line
    break would end the raw HTML block, and Markdown would read the rest (a code fence, say)
    as Markdown."""
    return html.escape(one_line(text))


def html_text(text: str) -> str:
    """`text` as HTML text, for values the theme writes into the page as they are (the
    <title> and the description <meta>): &, <, > and " as character references."""
    return html.escape(one_line(text), quote=False).replace('"', "&quot;")


def render_template(name: str, **values: object) -> str:
    return environment().get_template(name).render(**values)
