"""Writing generated files into docs/: only what changed, each file all at once."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sitegen.output.stamp import generated_files


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


def write_atomically(path: Path, text: str | bytes) -> None:
    """Write `text` (bytes, or text as UTF-8) to `path` through a temporary file, so that a
    killed run leaves no half-written file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = text.encode("utf-8") if isinstance(text, str) else text
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise


def write_outputs(outputs: Iterable[tuple[str, str]], docs_dir: Path) -> WriteReport:
    """Make docs/ hold exactly `outputs` (path relative to docs/, text) among its generated
    files: write those that changed, remove generated files no longer made."""
    report = WriteReport()
    names: set[str] = set()
    for name, text in outputs:
        names.add(name)
        path = docs_dir / name
        data = text.encode("utf-8")
        if path.is_file() and path.read_bytes() == data:
            report.unchanged.append(name)
            continue
        write_atomically(path, data)
        report.written.append(name)
    for path in generated_files(docs_dir):
        name = path.relative_to(docs_dir).as_posix()
        if name not in names:
            path.unlink()
            report.removed.append(name)
    return report
