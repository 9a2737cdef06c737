"""The Jinja environment for the templates in templates/, and the filters that make each
value safe where it lands: `md` for plain text in Markdown, `one_line` for Markdown in a
list item or box, `cell` for a table cell, `html_yaml` for front matter the theme writes
into HTML as it is, `yaml_text` for other front matter. Markdown from the content comes
in already rewritten (see inline.py) and checked (see checks/safety.py)."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import stat
import sys
from pathlib import Path
from typing import Any

import jinja2
import jinja2.bccache

from sitegen.content.fields import format_day
from sitegen.render.escaping import escape, html_text, one_line
from sitegen.signing import user_cache_folder

#: How the templates are read. Their compiled code depends on these too, so they are part
#: of where it is kept (see CompiledTemplates).
_OPTIONS: dict[str, Any] = {
    "undefined": jinja2.StrictUndefined,
    "autoescape": False,
    "trim_blocks": True,
    "lstrip_blocks": True,
    "keep_trailing_newline": True,
}


class CompiledTemplates(jinja2.FileSystemBytecodeCache):
    """Templates kept compiled between runs: compiling them takes longer than drawing the
    real site's pages with them. They are kept in a folder of `root` named by a hash of
    `salt`, which names all that the compiled code depends on besides each template's text
    (a template whose text changed is compiled again): Jinja's and Python's versions and
    the environment's options.

    The folders are made readable by their owner only, and are not used when someone else
    could change them; what cannot be read or written is compiled on each run."""

    def __init__(self, root: Path, salt: str) -> None:
        self.root = root
        self.folder = root / hashlib.sha256(salt.encode()).hexdigest()[:16]
        super().__init__(str(self.folder))

    def _safe(self) -> bool:
        """Whether the folders are this user's own, and no one else can change them."""
        for path, others in ((self.root.parent, 0o002), (self.root, 0o022), (self.folder, 0o022)):
            info = path.lstat()
            if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
                return False
            if info.st_mode & others:
                return False
        return True

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            if self._safe():
                super().load_bytecode(bucket)
        except Exception:  # missing, unreadable or damaged: compiled again
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            if self._safe():
                super().dump_bytecode(bucket)


def _compiled_templates() -> CompiledTemplates | None:
    """Where the templates are kept compiled: in the user's cache folder, outside every
    project (compiled code that came with a pull request would run here), as the key that
    signs what a project keeps (see signing.py)."""
    folder = user_cache_folder()
    if folder is None:
        return None
    options = " ".join(f"{name}={value!r}" for name, value in sorted(_OPTIONS.items()))
    salt = f"jinja2 {jinja2.__version__} python {sys.version} {options}"
    return CompiledTemplates(folder / "templates", salt)


@functools.lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("sitegen.render", "templates"),
        bytecode_cache=_compiled_templates(),
        **_OPTIONS,
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


def render_template(name: str, **values: object) -> str:
    return environment().get_template(name).render(**values)
