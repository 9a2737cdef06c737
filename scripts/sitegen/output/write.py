"""Writing generated files into docs/: only what changed, each file all at once."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sitegen.fileio import write_atomically
from sitegen.output.stamp import generated_files


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


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
