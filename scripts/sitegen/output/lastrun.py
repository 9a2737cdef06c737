"""A `sitegen generate` with nothing to do, found without loading the generator.

After a run that wrote docs/ without errors, the run is recorded in .cache/sitegen/: a
fingerprint of everything it read, and the warnings it printed. A later run with the same
fingerprint would read the same files with the same code and write nothing, so it prints
the same warnings and count and stops (`make`, `ninja` and `hugo` skip work the same way).

The fingerprint covers every file, folder and link under content_src/ and docs/ (names,
kinds and bytes), mkdocs.yml, the generator's own files, the Python and the libraries
installed, and the run's options, today's date among them: a run on a new day is done in
full, so review dates falling due are always seen. The files are read, never dated by their
times. The inputs are read before the run and docs/ after it, so that an edit saved while
a run goes on is never taken as done. Deleting .cache/ only makes the next run slower.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from sitegen.fileio import write_atomically
from sitegen.problems import Problem

#: Change this when what a record holds changes.
_FORMAT = "1"
_GENERATOR = Path(__file__).resolve().parents[1]


def _add(digest: hashlib._Hash, label: str, root: Path) -> None:
    """Add `root` to `digest`: a file's bytes, or every entry under a folder in a fixed
    order, without following links."""
    digest.update(f"\0{label}\0".encode())
    if root.is_symlink():
        digest.update(f"link {os.readlink(root)}\0".encode())
        return
    if root.is_file():
        _file(digest, b"", root)
        return
    if not root.is_dir():
        digest.update(b"missing\0")
        return
    folders = [root]
    while folders:
        folder = folders.pop()
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
        for entry in entries:
            name = os.path.relpath(entry.path, root).encode("utf-8", "surrogateescape")
            if entry.is_symlink():
                target = os.readlink(entry.path).encode("utf-8", "surrogateescape")
                digest.update(b"link\0" + name + b"\0" + target + b"\0")
            elif entry.is_dir():
                if entry.name != "__pycache__":
                    digest.update(b"folder\0" + name + b"\0")
                    folders.append(Path(entry.path))
            elif entry.is_file():
                _file(digest, name, Path(entry.path))
            else:
                digest.update(b"other\0" + name + b"\0")


def _file(digest: hashlib._Hash, name: bytes, path: Path) -> None:
    """Add the file's name and the hash of its bytes, read in pieces: a file of any size
    takes little memory."""
    try:
        with path.open("rb") as handle:
            data = hashlib.file_digest(handle, "sha256").digest()
    except OSError:
        data = b"unreadable"
    digest.update(b"file\0" + name + b"\0" + data)


def _libraries() -> Iterable[str]:
    """The Python and the installed packages (their names and versions)."""
    yield sys.version
    for folder in sys.path:
        try:
            names = os.listdir(folder or ".")
        except OSError:
            continue
        yield from sorted(name for name in names if name.endswith((".dist-info", ".egg-info")))


class LastRun:
    """The record of the last run of `sitegen generate` that wrote docs/ without errors."""

    def __init__(self, path: Path, inputs: Sequence[Path], output: Path, options: str) -> None:
        """`path`: the record; `inputs`: the files and folders a run reads; `output`: the
        folder it writes; `options`: the run's options, as text."""
        self.path = path
        self.output = output
        digest = hashlib.sha256(f"{_FORMAT}\0{options}\0".encode())
        for line in _libraries():
            digest.update(line.encode("utf-8", "surrogateescape") + b"\0")
        _add(digest, "generator", _GENERATOR)
        for number, where in enumerate(inputs):
            _add(digest, f"input {number}", where)
        self.inputs = digest.hexdigest()

    def _fingerprint(self) -> str:
        digest = hashlib.sha256(self.inputs.encode())
        _add(digest, "output", self.output)
        return digest.hexdigest()

    def replay(self) -> bool:
        """When nothing changed since the recorded run: print what it printed, and True."""
        try:
            record = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return False
        if not isinstance(record, dict) or record.get("fingerprint") != self._fingerprint():
            return False
        warnings, pages = record.get("warnings"), record.get("pages")
        if not isinstance(warnings, list) or not isinstance(pages, int):
            return False
        for line in warnings:
            print(line, file=sys.stderr, flush=True)
        print(f"sitegen: wrote 0 files, {pages} unchanged, 0 removed")
        return True

    def record(self, warnings: Sequence[Problem], pages: int) -> None:
        """Record a run that wrote docs/ without errors (a record that cannot be written is
        left out: the next run is then done in full)."""
        record = {
            "fingerprint": self._fingerprint(),
            "warnings": [str(problem) for problem in warnings],
            "pages": pages,
        }
        try:
            write_atomically(self.path, json.dumps(record, indent=1))
        except OSError:
            return
