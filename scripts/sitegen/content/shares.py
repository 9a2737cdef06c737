"""Many files loaded on every core: the files of each kind are split into shares, forked
children load all but the first share and send their records back, and this process
loads the first share meanwhile (see sitegen/forked.py for when forking is used).

Loading a file depends on nothing but the file, so the records, and the problems found in
the files, are the same wherever they were loaded; they are put back in the files' order.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Any

from sitegen.content.files import ContentFiles
from sitegen.forked import Forked, spare_cores
from sitegen.problems import Problem, Problems

#: A child is forked for at least this many files: fewer load faster here than a child
#: starts and sends them back.
SHARE_FILES = 250

#: Files of one kind, and what loads one of them (a record, or None after its problems).
Kind = tuple[Sequence[Path], Callable[[ContentFiles, Path], Any]]
#: What loading a share gives: each kind's records, the problems found, the unread files.
_Loaded = tuple[list[list[Any]], list[Problem], set[str]]


def load_in_shares(files: ContentFiles, kinds: Sequence[Kind]) -> list[list[Any]]:
    """Each kind's files loaded, in order, with their problems added to `files`."""
    count = sum(len(paths) for paths, _ in kinds)
    workers = 1 + min(max(spare_cores() - 1, 0), count // SHARE_FILES)
    shares = [
        [paths[len(paths) * k // workers : len(paths) * (k + 1) // workers] for paths, _ in kinds]
        for k in range(workers)
    ]
    loaders = [load for _, load in kinds]
    with contextlib.ExitStack() as stack:
        jobs = []
        for share in shares[1:]:
            jobs.append(Forked(partial(_load_share, files.root, loaders, share)))
            stack.callback(jobs[-1].cancel)  # (an interrupt stops and reaps every child)
        loaded = [_records(files, loaders, shares[0])]
        for job in jobs:
            records, problems, unread = job.result()
            files.problems.add(problems)
            files.unread.update(unread)
            loaded.append(records)
    return [[record for share in loaded for record in share[kind]] for kind in range(len(kinds))]


def _load_share(
    content_dir: Path,
    loaders: Sequence[Callable[[ContentFiles, Path], Any]],
    share: Sequence[Sequence[Path]],
) -> _Loaded:
    files = ContentFiles(content_dir, Problems())
    return _records(files, loaders, share), files.problems.items, files.unread


def _records(
    files: ContentFiles,
    loaders: Sequence[Callable[[ContentFiles, Path], Any]],
    share: Sequence[Sequence[Path]],
) -> list[list[Any]]:
    return [
        [load(files, path) for path in paths] for load, paths in zip(loaders, share, strict=True)
    ]
