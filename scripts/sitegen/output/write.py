"""Writing generated files into docs/: only what changed, and all of it or none of it.

Every changed file is first written in full beside its place (stage_outputs); only when
all of them are written, and the caller has finished its checks, are they moved into place
(Staged.commit), each replacing the old file in one step. If anything
fails on the way (a full disk, a folder where a file should be, no permission), every file
already moved is put back, so docs/ is left exactly as it was.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import signal
import tempfile
from collections.abc import Iterable, Iterator
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


class Staged:
    """Files written in full beside their places in docs/, not yet in place: commit() puts
    them there (and removes the stale ones), discard() deletes them. Use it in a `with`
    block, which discards whatever was not committed."""

    def __init__(self, docs_dir: Path) -> None:
        self.docs_dir = docs_dir
        self.report = WriteReport()
        self.files: list[tuple[Path, Path, str]] = []  # (new file, its place, name)

    def __enter__(self) -> Staged:
        return self

    def __exit__(self, *exc: object) -> None:
        self.discard()

    def add(self, name: str, data: bytes) -> None:
        """Write `data` beside docs/`name`, unless that file holds it already."""
        self.report.digests[name] = hashlib.sha256(data).hexdigest()
        path = self.docs_dir / name
        same_size = path.is_file() and path.stat().st_size == len(data)
        if same_size and not path.is_symlink() and path.read_bytes() == data:
            self.report.unchanged.append(name)
        else:
            self.files.append((_stage(path, data, name), path, name))

    def commit(self) -> WriteReport:
        """Put every staged file in place and remove the generated files no longer made,
        all or nothing (OutputError, with docs/ unchanged)."""
        docs_dir, report = self.docs_dir, self.report
        stale = [
            path
            for path in (generated_files(docs_dir) if docs_dir.is_dir() else [])
            if path.relative_to(docs_dir).as_posix() not in report.digests
        ]
        with _not_stopped():  # by Ctrl+C: all of it, or (on an error) none of it
            _commit(self.files, stale, docs_dir)
        report.written = [name for _, _, name in self.files]
        report.removed = [path.relative_to(docs_dir).as_posix() for path in stale]
        self.files = []
        return report

    def discard(self) -> None:
        """Delete every staged file (each that can be)."""
        files, self.files = self.files, []
        for temp, _, _ in files:
            with contextlib.suppress(OSError):
                temp.unlink(missing_ok=True)


@contextlib.contextmanager
def _not_stopped() -> Iterator[None]:
    """Ctrl+C and terminate signals wait until the block is done (where they can)."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)


def stage_outputs(outputs: Iterable[tuple[str, bytes]], docs_dir: Path) -> Staged:
    """`outputs` (path relative to docs/, bytes) written beside their places: only those
    that changed. Raises OutputError, with nothing left behind, when one cannot be."""
    staged = Staged(docs_dir)
    try:
        for name, data in outputs:
            staged.add(name, data)
    except BaseException:
        staged.discard()
        raise
    return staged


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
