"""The JSON Schemas for editors: made from the models, committed, and true to the content."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

from conftest import ROOT
from sitegen.authoring.schemas import SCHEMAS, editor_settings, schema_files


class _EditorLoader(yaml.SafeLoader):
    """YAML as an editor's YAML extension reads it (YAML 1.2): a date is text."""


_EditorLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _read(path: Path) -> object:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".md":
        text = text.split("---\n")[1]
    return yaml.load(text, Loader=_EditorLoader)


def test_committed_schemas_match_the_models() -> None:
    """Run `sitegen schemas` after changing a model."""
    for name, text in schema_files().items():
        assert (ROOT / "schemas" / name).read_text(encoding="utf-8") == text, name
    assert (ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8") == editor_settings()
    settings = json.loads(editor_settings())["yaml.schemas"]
    assert all((ROOT / schema).is_file() for schema in settings)


@pytest.mark.parametrize(("name", "pattern"), [(s[0], s[3]) for s in SCHEMAS])
def test_every_content_file_passes_its_schema(name: str, pattern: str) -> None:
    schema = json.loads((ROOT / "schemas" / name).read_text(encoding="utf-8"))
    validator = Draft202012Validator(schema)
    paths = sorted((ROOT / "content_src").glob(pattern))
    for path in paths:
        errors = [
            f"{'/'.join(map(str, e.path))}: {e.message}" for e in validator.iter_errors(_read(path))
        ]
        assert not errors, (path.name, errors[:3])


def test_the_schemas_catch_the_mistakes_people_make() -> None:
    """What the editor underlines while typing: a wrong kind, a misspelt field, a word where
    yes or no belongs."""
    source = json.loads((ROOT / "schemas" / "source.json").read_text(encoding="utf-8"))
    record = _read(ROOT / "content_src" / "sources" / "foster-2001.yml")
    assert isinstance(record, dict)
    validator = Draft202012Validator(source)
    assert not list(validator.iter_errors(record))
    for mistake in ({"kind": "randomised trial"}, {"titel": "x"}, {"more_authors": "maybe"}):
        assert list(validator.iter_errors({**record, **mistake})), mistake
