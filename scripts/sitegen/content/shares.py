"""Many files loaded on every core: the files of each kind are split into shares, forked
children load all but the first share and send their records back, and this process
loads the first share meanwhile (see sitegen/forked.py for when forking is used).

Loading a file depends on nothing but the file, so the records, and the problems found in
the files, are the same wherever they were loaded; both are put back in the files' order,
so that the result never depends on how many cores there were.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Any

from sitegen.content.files import ContentFiles
from sitegen.forked import cancel_all, fork_each, spare_cores
from sitegen.problems import Problem, Problems

#: One child is forked for each this many files in all (and no more children than
#: spare_cores() allows): fewer files load faster here than a child starts and sends them
#: back.
SHARE_FILES = 250

#: Files of one kind, and what loads one of them (a record, or None after its problems).
Kind = tuple[Sequence[Path], Callable[[ContentFiles, Path], Any]]
#: What loading one kind's files of a share gives: records, problems, unread files.
_Loaded = tuple[list[Any], list[Problem], set[str]]


def load_in_shares(files: ContentFiles, kinds: Sequence[Kind]) -> list[list[Any]]:
    """Each kind's records, in the files' order, with their problems added to `files` in
    the same order as one process loading the files one by one would add them."""
    count = sum(len(paths) for paths, _ in kinds)
    workers = 1 + min(max(spare_cores() - 1, 0), count // SHARE_FILES)
    shares = [
        [paths[len(paths) * k // workers : len(paths) * (k + 1) // workers] for paths, _ in kinds]
        for k in range(workers)
    ]
    loaders = [load for _, load in kinds]
    jobs = fork_each(partial(_load_share, files.root, loaders, share) for share in shares[1:])
    try:
        loaded = [_load_share(files.root, loaders, shares[0])]
        loaded += [job.result() for job in jobs]
    finally:
        cancel_all(jobs)  # (those whose results were taken have ended already)
    found = []
    for kind in range(len(kinds)):
        found.append([record for share in loaded for record in share[kind][0]])
        for _, problems, unread in (share[kind] for share in loaded):
            files.problems.add(problems)
            files.unread.update(unread)
    return found


def _load_share(
    content_dir: Path,
    loaders: Sequence[Callable[[ContentFiles, Path], Any]],
    share: Sequence[Sequence[Path]],
) -> list[_Loaded]:
    """Each kind's files of one share loaded, each kind with its own problems."""
    loaded = []
    for load, paths in zip(loaders, share, strict=True):
        files = ContentFiles(content_dir, Problems())
        loaded.append(([load(files, path) for path in paths], files.problems.items, files.unread))
    return loaded
