"""A `sitegen generate` with nothing to do, found without loading the generator.

After a run that wrote docs/ without errors, the run is recorded in .cache/sitegen/: a
fingerprint of everything it read, and the warnings it printed. A later run with the same
fingerprint would read the same files with the same code and write nothing, so it prints
the same warnings and count and stops (`make`, `ninja` and `hugo` skip work the same way).

The fingerprint covers every file, folder and link under content_src/ and docs/ (names,
kinds and bytes; a content_src/ or mkdocs.yml that is a link is read through, as the
generator reads it), mkdocs.yml, the generator's own files, the Python and the packages
installed, and the run's options, today's date among them: a run on a new day is done in
full, so review dates falling due are always seen. Files are read, never dated by their
times. The inputs are read before the run, so an edit saved while it runs is never taken
as done; and a run is recorded only when docs/ holds exactly what it wrote, beside what
was there before it. The record is signed like everything in .cache/ (see cache.py).
"""

from __future__ import annotations

import hashlib
import json
import os
import site
import sys
from collections.abc import Collection, Iterable, Mapping, Sequence
from pathlib import Path

from sitegen.problems import Problem
from sitegen.signing import read_signed, write_signed

#: Change this when what a record holds changes.
_FORMAT = "2"
_GENERATOR = Path(__file__).resolve().parents[1]

#: What is under a folder: each entry's path in it, and what the entry is (a file and the
#: hash of its bytes, a link and where it points, a folder...).
Entries = dict[str, str]


def file_digest(path: Path) -> str:
    """The hash of a file's bytes, read in pieces: a file of any size takes little memory."""
    try:
        with path.open("rb") as handle:
            return "file " + hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return "unreadable"


def entries(root: Path, skip: Collection[str] = ()) -> Entries:
    """Every entry under the folder `root` (but folders named in `skip`), without following
    links or opening anything but regular files (a named pipe would wait for ever)."""
    found: Entries = {}
    folders = [root]
    while folders:
        folder = folders.pop()
        try:
            with os.scandir(folder) as scan:
                listed = list(scan)
        except OSError:
            found[os.path.relpath(folder, root) + "/"] = "unreadable"
            continue
        for entry in listed:
            name = os.path.relpath(entry.path, root)
            try:
                if entry.is_symlink():
                    found[name] = "link " + os.readlink(entry.path)
                elif entry.is_dir():
                    if entry.name not in skip:
                        found[name] = "folder"
                        folders.append(Path(entry.path))
                elif entry.is_file():
                    found[name] = file_digest(Path(entry.path))
                else:
                    found[name] = "other"
            except OSError:  # gone, or changed, while it was being read
                found[name] = "unreadable"
    return found


def _add(digest: hashlib._Hash, label: str, path: Path, skip: Collection[str] = ()) -> None:
    """Add `path` to `digest`: a file's bytes or a folder's entries, through any links."""
    digest.update(f"\0{label}\0".encode())
    if path.is_symlink():
        digest.update(f"link to {path.resolve()}\0".encode("utf-8", "surrogateescape"))
    if path.is_dir():
        _add_entries(digest, entries(path, skip))
    elif path.is_file():
        digest.update(file_digest(path).encode())
    else:
        digest.update(b"missing")


def _add_entries(digest: hashlib._Hash, found: Mapping[str, str]) -> None:
    for name in sorted(found):
        digest.update(f"{name}\0{found[name]}\0".encode("utf-8", "surrogateescape"))


def _packages() -> Iterable[str]:
    """The Python, and the packages installed beside the generator's libraries."""
    yield sys.version
    for folder in site.getsitepackages():
        try:
            names = os.listdir(folder)
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
        for line in _packages():
            digest.update(line.encode("utf-8", "surrogateescape") + b"\0")
        _add(digest, "generator", _GENERATOR, skip={"__pycache__"})
        for number, where in enumerate(inputs):
            _add(digest, f"input {number}", where)
        self.inputs = digest.hexdigest()
        self.before = self._output_entries()

    def _output_entries(self) -> Entries | None:
        """What docs/ holds (nothing when it is not there yet), or None when it is not a
        plain folder."""
        if not self.output.exists() and not self.output.is_symlink():
            return {}
        if self.output.is_symlink() or not self.output.is_dir():
            return None
        return entries(self.output)

    def _fingerprint(self, output: Entries) -> str:
        digest = hashlib.sha256(self.inputs.encode())
        _add_entries(digest, output)
        return digest.hexdigest()

    def replay(self) -> bool:
        """When nothing changed since the recorded run: print what it printed, and True."""
        text = read_signed(self.path)
        try:
            record = json.loads(text) if text is not None else None
        except ValueError:
            return False
        if self.before is None or not isinstance(record, dict):
            return False
        warnings, pages = record.get("warnings"), record.get("pages")
        if record.get("fingerprint") != self._fingerprint(self.before):
            return False
        if not isinstance(warnings, list) or not isinstance(pages, int):
            return False
        for line in warnings:
            print(line, file=sys.stderr, flush=True)
        print(f"sitegen: wrote 0 files, {pages} unchanged, 0 removed")
        return True

    def record(
        self, warnings: Sequence[Problem], written: Mapping[str, str], removed: Collection[str]
    ) -> None:
        """Record a run that wrote docs/ without errors: `written`, the hash of each file
        it made (by its path in docs/), and `removed`, the files it deleted. Nothing is
        recorded when docs/ was changed by anything else meanwhile, or when the record
        cannot be written: the next run is then done in full."""
        after = self._output_entries()
        if after is None or self.before is None:
            return
        expected = {
            name: found
            for name, found in self.before.items()
            if name not in written and name not in removed
        }
        for name, digest in written.items():
            expected[name] = f"file {digest}"
            for folder in Path(name).parents[:-1]:
                expected[folder.as_posix()] = "folder"
        if after != expected:
            return
        record = {
            "fingerprint": self._fingerprint(after),
            "warnings": [str(problem) for problem in warnings],
            "pages": len(written),
        }
        try:
            write_signed(self.path, json.dumps(record, indent=1))
        except OSError:
            return
