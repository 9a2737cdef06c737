"""`sitegen schemas`: write the JSON Schemas of the content's files to schemas/, and the
settings that make VS Code check the files against them while they are typed."""

from __future__ import annotations

import argparse
from datetime import date

from sitegen.authoring.schemas import editor_settings, schema_files
from sitegen.content.layout import Project
from sitegen.fileio import write_atomically


def run(args: argparse.Namespace, project: Project, today: date) -> int:
    files = {f"schemas/{name}": text for name, text in schema_files().items()}
    files[".vscode/settings.json"] = editor_settings()
    written = []
    for name, text in files.items():
        path = project.root / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            write_atomically(path, text)
            written.append(name)
    print(f"sitegen: wrote {len(written)} files, {len(files) - len(written)} unchanged")
    return 0
