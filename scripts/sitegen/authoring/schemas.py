"""JSON Schemas of the content's files, made from the same models that check them, so that
an editor (VS Code with its YAML extension) shows a mistake while it is typed.

Each data file gets a schema: a record (site.yml, figures.yml), a record per id
(people.yml), or a list of records (glossary.yml). Page front matter gets one too, for
editors that read it. `sitegen schemas` writes them to schemas/, with the editor's settings.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from sitegen.content.layout import (
    EVIDENCE_FILE,
    FIGURES_FILE,
    GLOSSARY_FILE,
    GUIDELINES_FILE,
    OPTIONS_DIR,
    PEOPLE_FILE,
    SETTINGS_FILE,
    SIGNOFFS_FILE,
    SOURCES_DIR,
    URGENT_FILE,
    WEIGH_UP_FILE,
)
from sitegen.content.options import Guideline, Option, WeighUp
from sitegen.content.origin import Record, json_schema
from sitegen.content.people import Contributor, SignOff
from sitegen.content.schema import (
    EvidenceClaim,
    Figures,
    GlossaryEntry,
    PageMeta,
    SiteSettings,
    Source,
    UrgentHelp,
)

Shape = Literal["record", "by id", "list"]
#: Each schema: its file in schemas/, the model, the shape of the file, and the files in
#: content_src/ it describes.
SCHEMAS: tuple[tuple[str, type[Record], Shape, str], ...] = (
    ("site.json", SiteSettings, "record", SETTINGS_FILE),
    ("source.json", Source, "record", f"{SOURCES_DIR}/*.yml"),
    ("option.json", Option, "record", f"{OPTIONS_DIR}/*.yml"),
    ("people.json", Contributor, "by id", PEOPLE_FILE),
    ("signoffs.json", SignOff, "by id", SIGNOFFS_FILE),
    ("guidelines.json", Guideline, "by id", GUIDELINES_FILE),
    ("evidence.json", EvidenceClaim, "by id", EVIDENCE_FILE),
    ("urgent-help.json", UrgentHelp, "by id", URGENT_FILE),
    ("figures.json", Figures, "record", FIGURES_FILE),
    ("weigh-up.json", WeighUp, "record", WEIGH_UP_FILE),
    ("glossary.json", GlossaryEntry, "list", GLOSSARY_FILE),
    ("page-front-matter.json", PageMeta, "record", "pages/*.md"),
)
#: Fields the file name gives (sources/foster-2001.yml is the source 'foster-2001'), so the
#: file itself leaves them out.
_FROM_FILE_NAME = {"id"}


def _schema(model: type[Record], shape: Shape, title: str) -> dict[str, Any]:
    record = json_schema(model)
    for name in _FROM_FILE_NAME:
        record.get("properties", {}).pop(name, None)
    if "required" in record:
        record["required"] = [r for r in record["required"] if r not in _FROM_FILE_NAME]
    definitions = record.pop("$defs", {})
    if shape == "record":
        schema = record
    elif shape == "by id":
        schema = {"type": "object", "additionalProperties": record}
    else:
        schema = {"type": "array", "items": record}
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": title,
        **schema,
    }
    if definitions:
        schema["$defs"] = definitions
    _sort_required(schema)
    return schema


def _sort_required(schema: Any) -> None:
    """Each list of required fields in the order of the fields in the file: alphabetical,
    as every object's fields are written (the order pydantic gives follows how each field
    was declared, which means nothing to an editor)."""
    if isinstance(schema, dict):
        if "properties" in schema and isinstance(schema.get("required"), list):
            schema["required"] = sorted(schema["required"])
        for value in schema.values():
            _sort_required(value)
    elif isinstance(schema, list):
        for value in schema:
            _sort_required(value)


def schema_files() -> dict[str, str]:
    """Every schema file of schemas/, by name, as text."""
    found = {}
    for name, model, shape, pattern in SCHEMAS:
        schema = _schema(model, shape, f"content_src/{pattern}")
        found[name] = json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    return found


def editor_settings() -> str:
    """VS Code's settings: which schema checks which files (the YAML extension reads it)."""
    mapping = {
        f"./schemas/{name}": f"content_src/{pattern}"
        for name, _, _, pattern in SCHEMAS
        if not pattern.endswith(".md")
    }
    settings = {"yaml.schemas": mapping, "files.trimTrailingWhitespace": True}
    return json.dumps(settings, indent=2) + "\n"
