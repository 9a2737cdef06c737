"""Writing generated files into docs/: only what changed, and all of it or none of it.

Every changed file is first written in full beside its place; only when all of them are
written are they moved into place, each replacing the old file in one step. If anything
fails on the way (a full disk, a folder where a file should be, no permission), every file
already moved is put back, so docs/ is left exactly as it was.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sitegen.output.stamp import generated_files


class OutputError(Exception):
    """docs/ could not be written; it is as it was. `path` is the file, relative to docs/."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    #: The hash (SHA-256) of every file made, written or unchanged, by its path in docs/.
    digests: dict[str, str] = field(default_factory=dict)


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


def _stage(path: Path, data: bytes, name: str) -> Path:
    """`data` written in full to a new file beside `path`."""
    if path.is_symlink() or (path.exists() and not path.is_file()):
        raise OutputError(name, "something other than a file is in the way: move it elsewhere")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".new", dir=path.parent)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
    except OSError as exc:
        raise OutputError(name, f"cannot write it: {_reason(exc)}") from None
    return Path(temp)


def write_outputs(
    outputs: Iterable[tuple[str, bytes]],
    docs_dir: Path,
    ready: Callable[[], bool] = lambda: True,
) -> WriteReport | None:
    """Make docs/ hold exactly `outputs` (path relative to docs/, bytes) among its generated
    files: write those that changed, remove generated files no longer made. Raises
    OutputError, with docs/ unchanged, when that cannot be done whole.

    `ready` is asked once every file is written beside its place, just before they are put
    in place: when it says no, docs/ is left as it was and None is returned."""
    report = WriteReport()
    staged: list[tuple[Path, Path, str]] = []  # (new file, its place, name)
    names: set[str] = set()
    try:
        for name, data in outputs:
            names.add(name)
            report.digests[name] = hashlib.sha256(data).hexdigest()
            path = docs_dir / name
            same_size = path.is_file() and path.stat().st_size == len(data)
            if same_size and not path.is_symlink() and path.read_bytes() == data:
                report.unchanged.append(name)
                continue
            staged.append((_stage(path, data, name), path, name))
        stale = [
            path
            for path in (generated_files(docs_dir) if docs_dir.is_dir() else [])
            if path.relative_to(docs_dir).as_posix() not in names
        ]
        if not ready():
            return None
        _commit(staged, stale, docs_dir)
    finally:
        for temp, _, _ in staged:
            temp.unlink(missing_ok=True)
    report.written = [name for _, _, name in staged]
    report.removed = [path.relative_to(docs_dir).as_posix() for path in stale]
    return report


def _commit(staged: list[tuple[Path, Path, str]], stale: list[Path], docs_dir: Path) -> None:
    """Move every staged file into place and remove the stale ones, or undo it all."""
    backups: list[tuple[Path, Path]] = []  # (backup, original place)
    placed: list[Path] = []
    try:
        for temp, path, _ in staged:
            if path.exists():
                backup = path.with_name(f".{path.name}.old")
                os.replace(path, backup)
                backups.append((backup, path))
            os.replace(temp, path)
            placed.append(path)
        for path in stale:
            backup = path.with_name(f".{path.name}.old")
            os.replace(path, backup)
            backups.append((backup, path))
    except OSError as exc:
        for path in placed:
            path.unlink(missing_ok=True)
        for backup, path in reversed(backups):
            os.replace(backup, path)
        failed = next((p for p in [*(s[1] for s in staged), *stale] if p not in placed), docs_dir)
        raise OutputError(
            failed.relative_to(docs_dir).as_posix() if failed != docs_dir else ".",
            f"cannot write it: {_reason(exc)}",
        ) from None
    for backup, _ in backups:
        backup.unlink(missing_ok=True)
