"""The Jinja environment for the templates in templates/: Markdown out, nothing escaped
(the callers hand in Markdown they have made safe)."""

from __future__ import annotations

import functools
import json

import jinja2

from sitegen.content.fields import format_day


@functools.lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("sitegen.render", "templates"),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["yaml_text"] = lambda text: json.dumps(text, ensure_ascii=False)
    env.filters["day"] = format_day
    return env


def render_template(name: str, **values: object) -> str:
    return environment().get_template(name).render(**values)
